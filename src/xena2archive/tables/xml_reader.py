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

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from .. import findings as F
from ..findings import Finding
from .records import Record

_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# element names .NET uses for the items of an array of plain values
_PRIMITIVE_TAGS = frozenset({"string", "int", "long", "decimal", "boolean", "dateTime", "guid", "double"})
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


MAX_DEPTH = 64  # Xena nests objects two or three levels deep; far more is not a table row


class Unreadable(Exception):
    """A row that cannot be read as one (too deep, or refers to outside the file): a reject."""

    def __init__(self, why: Finding) -> None:
        super().__init__(why.message)
        self.why = why


class XmlBroken(Exception):
    """The XML stops being well-formed at ``line``: ``read`` rows before it were yielded, and
    ``unread`` more rows (by a count of their start tags) follow that no parser reads; ``what``
    says it all."""

    def __init__(self, line: int, what: Finding, read: int = 0, unread: int = 0) -> None:
        super().__init__(what.message)
        self.line, self.what, self.read, self.unread = line, what, read, unread


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


_CHUNK = 1 << 16  # bytes fed to the parser at a time


def _events(path: Path, parser: etree.XMLPullParser) -> Iterator[tuple[str, Any]]:
    """Every event of the file, in document order, fed to ``parser`` a chunk at a time.

    Raises ``etree.XMLSyntaxError`` where the XML stops being well-formed, after handing out every
    event before that point and none after it. ``iterparse`` cannot promise that: libxml2 2.14
    (lxml 6) meets the damage while parsing a whole read buffer, and ``iterparse`` then drops the
    events of that buffer, so the rows before the damage vanish, as many as the buffer held. A
    parser fed by hand keeps the events it parsed until ``read_events`` takes them, the damaged
    chunk's included. At the end of the file it is the other way round: where ``close`` finds the
    document unfinished, libxml2 2.14 closes the elements still open, so the events of a failing
    ``close`` are dropped (a row whose end tag the file holds was handed out when it was fed).
    Checked with lxml 5.3 / libxml2 2.12 and lxml 6.2 / libxml2 2.14 (``tests/test_readers.py``).
    """
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                parser.feed(chunk)
            except etree.XMLSyntaxError:
                yield from parser.read_events()
                raise
            yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _first_start(path: Path) -> Any:
    """The root element as its start tag leaves it (the document type declaration read), or None."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        for _, element in _events(path, parser):
            return element
    except etree.XMLSyntaxError:
        pass
    return None


def root_name(path: Path) -> tuple[str, str]:
    """Local name and namespace of the root element (to tell tables from e-invoices), or ('', '')."""
    element = _first_start(path)
    if element is None:
        return "", ""
    qname = etree.QName(element)
    return qname.localname, qname.namespace or ""


def outside_entities(path: Path) -> list[str]:
    """The entities the document type declaration says come from outside the file (``name (url)``).

    They are never read (no DTD is loaded, nothing fetched), so a value that refers to one cannot
    be complete: the caller reports them. Entities defined inside the file are expanded by ``read``.
    """
    element = _first_start(path)
    dtd = None if element is None else element.getroottree().docinfo.internalDTD
    if dtd is None:
        return []
    return [f"{entity.name} ({entity.system_url})" for entity in dtd.iterentities() if entity.system_url]


def count_start_tags(path: Path, tag: str) -> int:
    """How often a start tag ``<tag`` (with any prefix) occurs in the file's text: the rows a damaged
    file holds, counted without a parser, so those after the damage are counted too."""
    pattern = re.compile(rf"<(?:[A-Za-z_][\w.-]{{0,30}}:)?{re.escape(tag)}[\s/>]")
    longest = len(tag) + 40  # no match is longer
    encoding = declared_encoding(path).removesuffix(" (BOM)")
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    count, tail = 0, ""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        while chunk := handle.read(_CHUNK):
            text = tail + chunk
            settled = len(text) - longest  # a match that starts before this lies wholly in ``text``
            count += sum(1 for match in pattern.finditer(text) if match.start() < settled)
            tail = text[max(settled, 0):]
    return count + len(pattern.findall(tail))


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _value(element: etree._Element, name: str, arrays: frozenset[str], out: dict[str, Any], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise Unreadable(F.REJECT_TOO_DEEP("", depth=MAX_DEPTH))
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
            raise Unreadable(F.REJECT_OUTSIDE_ENTITY("", entity=child.text))
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

    Raises ``XmlBroken`` if the XML is not well-formed, after yielding every row before the damage,
    each exactly once (see ``_events``).
    """
    # Entities the file defines are expanded; if it also declares any from outside, none is, and a
    # row that uses one is a reject (libxml2 would otherwise stop at the first such reference).
    parser = etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False if outside_entities(path) else "internal",
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )
    depth = start_line = records = 0
    row_tag = ""
    try:
        for event, element in _events(path, parser):
            if event == "start":
                depth += 1
                if depth == 2:
                    start_line = element.sourceline or 0
                    row_tag = row_tag or _local(element.tag)
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
                yield Record(start_line, None, problem.why, [etree.tostring(element, encoding="unicode")])
            else:
                yield Record(start_line, row, None, None)
            records += 1
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _broken(path, exc, records, row_tag) from None


def _broken(path: Path, exc: etree.XMLSyntaxError, records: int, row_tag: str) -> XmlBroken:
    """What the damage is, where, and what of the file was read: the records before it; the rest,
    counted by the rows' start tags, is in no table (the original file is kept)."""
    line = exc.position[0] if exc.position else 0
    where = str(path)
    rest = max(count_start_tags(path, row_tag) - records, 0) if row_tag else 0
    if "amplification" in exc.msg:  # libxml2's guard against entity bombs; its line is not the culprit's
        what = F.XML_ENTITY_BOMB(where, read=records, rest=rest, tag=row_tag)
    elif row_tag:
        what = F.XML_DAMAGED(where, line=line, error=exc.msg.strip(), read=records, rest=rest, tag=row_tag)
    else:
        what = F.XML_DAMAGED_AT_START(where, line=line, error=exc.msg.strip())
    return XmlBroken(line, what, records, rest)
