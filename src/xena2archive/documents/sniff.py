"""Our own content check: what the first bytes of a file say it is, one check per format.

Used only where Siegfried is silent (no signature matches the bytes: a PDF with junk before its
header, XML without a declaration, an e-mail without MIME headers) and to tell an OIOUBL invoice
from any other XML by its root element, which PRONOM does not do. Each check is named in its
format's entry of the registry (``formats.py``), which also gives the order they are tried in.

A check is given the file and its first bytes (``head``, a few KiB) and answers ``None`` (not
this format) or what it saw: its own format with a PRONOM id where the bytes tell it, or
"unknown" with the reason when the file plainly means to be this format but is not readable as
it (XML that is not well-formed).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

UBL_ROOTS: Final = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "Invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "CreditNote",
}
"""The root elements of the OIOUBL documents we render (namespace + name -> UBL document type)."""

_PDF_PRONOM: Final = {
    "1.0": "fmt/14", "1.1": "fmt/15", "1.2": "fmt/16", "1.3": "fmt/17", "1.4": "fmt/18",
    "1.5": "fmt/19", "1.6": "fmt/20", "1.7": "fmt/276", "2.0": "fmt/1129",
}  # fmt: skip
_JFIF_PRONOM: Final = {(1, 0): "fmt/42", (1, 1): "fmt/43", (1, 2): "fmt/44"}
_BMP_PRONOM: Final = {12: "fmt/115", 40: "fmt/116", 108: "fmt/118", 124: "fmt/119"}
_TIFF_PRONOM: Final = "fmt/353"
_XML_PRONOM: Final = "fmt/101"
_MAX_PNG_CHUNKS: Final = 10_000
_PDF_HEADER: Final = re.compile(rb"%PDF-(\d\.\d)")
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
_HEADER_FIELD: Final = re.compile(rb"([!-9;-~]{1,76}):")
_XML_START: Final = re.compile(rb"^(\xef\xbb\xbf)?\s*<[?!a-zA-Z_]")


@dataclass(frozen=True)
class Sniffed:
    """What a check saw: the format (its own, or "unknown"), PRONOM's id if the bytes tell it,
    and a detail for the report (PDF version, UBL document type, XML root, why unknown)."""

    format: str
    pronom: str | None = None
    detail: str | None = None


Sniff = Callable[[Path, bytes], Sniffed | None]
"""A format's check: the file and its first bytes in, what it saw (or None) out."""


def pdf(path: Path, head: bytes) -> Sniffed | None:
    """The PDF header, at the start or after up to 1 KiB of junk (readers accept that; so do
    we, and say so)."""
    at = head.find(b"%PDF-", 0, 1024)
    if at < 0:
        return None
    version = _PDF_HEADER.match(head, at)
    ver = version.group(1).decode() if version else None
    where = f", header at byte {at}" if at else ""
    return Sniffed("pdf", _PDF_PRONOM.get(ver or ""), (f"PDF {ver}" if ver else "PDF, no version") + where)


def jpeg(path: Path, head: bytes) -> Sniffed | None:
    if not head.startswith(b"\xff\xd8\xff"):
        return None
    if head[6:11] == b"JFIF\x00" and len(head) >= 13:
        version = (head[11], head[12])
        return Sniffed("jpeg", _JFIF_PRONOM.get(version), f"JFIF {version[0]}.{version[1]:02d}")
    if head[6:10] == b"Exif":
        return Sniffed("jpeg", None, "Exif JPEG (its PRONOM id depends on the Exif version)")
    return Sniffed("jpeg", "fmt/41", "JPEG without JFIF or Exif header")


def png(path: Path, head: bytes) -> Sniffed | None:
    """PNG 1.0/1.1/1.2 differ only by the chunks they may carry: iTXt came with 1.2; iCCP, sRGB
    and sPLT with 1.1. The chunk headers (not the data) tell them apart."""
    if not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    seen: set[bytes] = set()
    with path.open("rb") as stream:
        stream.seek(8)
        for _ in range(_MAX_PNG_CHUNKS):  # a crafted file of empty chunks must not keep us here
            if len(header := stream.read(8)) != 8:
                break
            length, kind = int.from_bytes(header[:4], "big"), header[4:8]
            seen.add(kind)
            if kind == b"IEND" or length > 0x7FFFFFFF:
                break
            stream.seek(length + 4, io.SEEK_CUR)
    if b"IHDR" not in seen:
        return Sniffed("png")
    if b"iTXt" in seen:
        return Sniffed("png", "fmt/13")
    return Sniffed("png", "fmt/12" if seen & {b"iCCP", b"sRGB", b"sPLT"} else "fmt/11")


def gif(path: Path, head: bytes) -> Sniffed | None:
    if head[:6] not in (b"GIF87a", b"GIF89a"):
        return None
    return Sniffed("gif", "fmt/3" if head[3:6] == b"87a" else "fmt/4", head[:6].decode())


def bmp(path: Path, head: bytes) -> Sniffed | None:
    """"BM" and one of the sizes a BMP's info header has."""
    if not head.startswith(b"BM") or len(head) < 18:
        return None
    header_size = int.from_bytes(head[14:18], "little")
    if header_size not in (12, 40, 52, 56, 64, 108, 124):
        return None
    return Sniffed("bmp", _BMP_PRONOM.get(header_size), f"BMP, {header_size}-byte header")


def tiff(path: Path, head: bytes) -> Sniffed | None:
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return Sniffed("tiff", _TIFF_PRONOM)
    if head[:4] in (b"II+\x00", b"MM\x00+"):
        return Sniffed("tiff", None, "BigTIFF")
    return None


def heic(path: Path, head: bytes) -> Sniffed | None:
    if head[4:8] != b"ftyp" or head[8:12] not in _HEIF_BRANDS:
        return None
    return Sniffed("heic", None, f"HEIF, brand {head[8:12].decode()}")


def webp(path: Path, head: bytes) -> Sniffed | None:
    return Sniffed("webp") if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else None


def mail(path: Path, head: bytes) -> Sniffed | None:
    """An e-mail without the MIME headers PRONOM's signature wants (a plain RFC 5322 message):
    the file starts with header fields, and they include From and one of To, Subject, Date."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    lines = block.splitlines()
    if not lines or not _HEADER_FIELD.match(lines[0]):
        return None
    names = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the field before
        if not (field := _HEADER_FIELD.match(line)):
            return None
        names.add(field.group(1).lower())
    if b"from" not in names or not names & {b"to", b"subject", b"date"}:
        return None
    return Sniffed("eml", "fmt/278", "Internet message (RFC 5322 header fields)")


def oioubl(path: Path, head: bytes) -> Sniffed | None:
    """XML whose root element is a UBL Invoice or CreditNote."""
    root = _xml_root(path, head)
    if not isinstance(root, str) or root not in UBL_ROOTS:
        return None
    return Sniffed("oioubl", _XML_PRONOM, f"UBL {UBL_ROOTS[root]}")


def xml(path: Path, head: bytes) -> Sniffed | None:
    """Any other XML; "unknown" when it starts like XML but its root cannot be read."""
    root = _xml_root(path, head)
    if root is None:
        return None
    if isinstance(root, Sniffed):
        return root
    return Sniffed("xml", _XML_PRONOM, f"XML, root {root}")


def _xml_root(path: Path, head: bytes) -> str | Sniffed | None:
    """The root element's tag of a file that starts like XML (None if it does not), or why it
    has none. Reads only up to the root element, with no DTD, entity expansion or network."""
    if not (_XML_START.match(head) or head.startswith((b"\xff\xfe<\x00", b"\xfe\xff\x00<"))):
        return None
    try:
        for _event, element in etree.iterparse(
            str(path),
            events=("start",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        ):
            root = element.tag
            break
        else:
            return Sniffed("unknown", None, "XML declaration but no root element")
    except etree.XMLSyntaxError as error:
        return Sniffed("unknown", None, f"looks like XML but is not well-formed: {error}")
    if not isinstance(root, str):
        return Sniffed("unknown", None, "XML without an element root")
    return root


def describe_unknown(head: bytes) -> str:
    """What the start of a file no check knows looks like, for the report."""
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP container (an Office document or an archive)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an OLE2 container (old Word or Excel, or an Outlook message)"
    return "no known signature"
