"""Reading one XML table file, streamed with lxml ``iterparse`` so memory does not grow with it.

Shape: a root element (``ArrayOfLedgerPostDto``) holding one element per row. Each child of a row is
a field. Flattening rule, the same names the CSV uses:
- a field with ``nil="true"`` is null; a field with text only is that text;
- a field holding one wrapper element named after a type (``<Address><AddressDto>...``) or holding
  field elements directly is an object: its fields become ``Address.Name`` and so on, at any depth;
- a field whose children repeat one tag, or that the catalogue calls an array
  (``<Tags><string>a</string><string>b</string></Tags>``) is a JSON array (objects inside as dicts);
- attributes of the row element (other than namespace ones) are fields too.
Namespaces are ignored (local names are used).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from .records import Record

_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# element names .NET uses for the items of an array of plain values
_PRIMITIVE_TAGS = frozenset({"string", "int", "long", "decimal", "boolean", "dateTime", "guid", "double"})
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


MAX_DEPTH = 64  # Xena nests objects two or three levels deep; far more is not a table row


class Unreadable(Exception):
    """A row that cannot be read as one (too deep, or refers to outside the file): a reject."""


class XmlBroken(Exception):
    """The XML stops being well-formed at ``line``; rows before it were read."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def declared_encoding(path: Path) -> str:
    """The encoding the XML declares (UTF-8 when it declares none, as XML says)."""
    with open(path, "rb") as handle:
        head = handle.read(200)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8 (BOM)"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    match = _DECLARED.search(head)
    return match.group(1).decode("ascii").lower() if match else "utf-8"


def root_name(path: Path) -> tuple[str, str]:
    """Local name and namespace of the root element (to tell tables from e-invoices), or ('', '')."""
    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        ):
            qname = etree.QName(element)
            return qname.localname, qname.namespace or ""
    except etree.XMLSyntaxError:
        pass
    return "", ""


def outside_entities(path: Path) -> list[str]:
    """The entities the document type declaration says come from outside the file (``name (url)``).

    They are never read (no DTD is loaded, nothing fetched), so a value that refers to one cannot
    be complete: the caller reports them. Entities defined inside the file are expanded by ``read``.
    """
    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        ):
            dtd = element.getroottree().docinfo.internalDTD
            if dtd is None:
                return []
            return [f"{entity.name} ({entity.system_url})" for entity in dtd.iterentities() if entity.system_url]
    except etree.XMLSyntaxError:
        pass
    return []


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _value(element: etree._Element, name: str, arrays: frozenset[str], out: dict[str, Any], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise Unreadable(f"elements nested deeper than {MAX_DEPTH} levels")
    if element.get(_NIL) in ("true", "1"):
        out[name] = None
        return
    children = _children(element)
    if not children:
        out[name] = [] if name in arrays and not (element.text or "").strip() else element.text or ""
        return
    tags = {_local(c.tag) for c in children}
    if name in arrays or tags <= _PRIMITIVE_TAGS or (len(children) > 1 and len(tags) == 1):
        out[name] = [_item(c, depth + 1) for c in children]
        return
    if len(children) == 1 and _local(children[0].tag).endswith("Dto"):
        children = _children(children[0])  # unwrap <AddressDto>
    for child in children:
        _value(child, f"{name}.{_local(child.tag)}", arrays, out, depth + 1)


def _children(element: etree._Element) -> list[etree._Element]:
    """The child elements; an entity left unexpanded in the value makes the row unreadable, as its
    text is not known (it would otherwise vanish from the value without a word)."""
    children = []
    for child in element:
        if isinstance(child, etree._Entity):
            raise Unreadable(f"a value refers to the entity {child.text}, which is not read: the file's "
                             "document type declaration takes entities from outside the file")
        if isinstance(child.tag, str):
            children.append(child)
    return children


def _item(element: etree._Element, depth: int) -> Any:
    if element.get(_NIL) in ("true", "1"):
        return None
    children = _children(element)
    if not children:
        return element.text or ""
    flat: dict[str, Any] = {}
    for child in children:
        _value(child, _local(child.tag), frozenset(), flat, depth + 1)
    return flat


def read(path: Path, arrays: frozenset[str] = frozenset()) -> Iterator[Record]:
    """Yield every row element as a record of flattened fields, in document order.

    Raises ``XmlBroken`` (after yielding every row before the damage) if the XML is not well-formed.
    """
    # Entities the file defines are expanded; if it also declares any from outside, none is, and a
    # row that uses one is a reject (libxml2 would otherwise stop at the first such reference).
    context = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False if outside_entities(path) else "internal",
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )
    depth = 0
    start_line = 0
    try:
        for event, element in context:
            if event == "start":
                depth += 1
                if depth == 2:
                    start_line = element.sourceline or 0
                continue
            depth -= 1
            if depth != 1:
                continue
            row: dict[str, Any] = {}
            for key, attribute in element.attrib.items():
                if not key.startswith("{"):
                    row[key] = attribute
            try:
                for child in _children(element):
                    _value(child, _local(child.tag), arrays, row)
            except Unreadable as problem:
                yield Record(start_line, None, str(problem), [etree.tostring(element, encoding="unicode")])
            else:
                yield Record(start_line, row, None, None)
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        if "amplification" in exc.msg:  # libxml2's guard against entity bombs; its line is not the culprit's
            raise XmlBroken(line, "the XML is damaged: its entities expand to far more text than the file "
                                  "holds (entity amplification, an 'entity bomb'), so it is not read") from None
        raise XmlBroken(line, f"the XML is damaged at line {line}: {exc.msg}") from None
