"""Decide what a file is from its bytes, never from its name.

Archives identify formats by content: a bill uploaded as ``scan.pdf`` may well be a PNG. The
declared name and content type are only compared with what the bytes say, and a disagreement is
reported (``Identity.mismatch``); the content decides how the file is converted.

PRONOM ids come from a small table keyed on what the magic numbers and headers show (PDF header
version, JFIF version, GIF 87a/89a, BMP header size, PNG chunks). That covers the formats Xena
accepts without a new dependency; it is not a full DROID/Siegfried signature match, so an id is
left out (None) where the header does not settle the version.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from lxml import etree

# format -> MIME type
MIME: Final = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "oioubl": "application/xml",
    "xml": "application/xml",
}
IMAGE_FORMATS: Final = frozenset({"jpeg", "png", "gif", "bmp", "tiff"})

UBL_ROOTS: Final = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "Invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "CreditNote",
}

_PDF_PRONOM: Final = {
    "1.0": "fmt/14", "1.1": "fmt/15", "1.2": "fmt/16", "1.3": "fmt/17", "1.4": "fmt/18",
    "1.5": "fmt/19", "1.6": "fmt/20", "1.7": "fmt/276", "2.0": "fmt/1129",
}  # fmt: skip
_JFIF_PRONOM: Final = {(1, 0): "fmt/42", (1, 1): "fmt/43", (1, 2): "fmt/44"}
_BMP_PRONOM: Final = {12: "fmt/115", 40: "fmt/116", 108: "fmt/118", 124: "fmt/119"}
_PRONOM: Final = {"tiff": "fmt/353", "oioubl": "fmt/101", "xml": "fmt/101"}

# What a name extension or a declared content type says the format is. XML covers OIOUBL.
_BY_EXTENSION: Final = {
    ".pdf": {"pdf"},
    ".jpg": {"jpeg"}, ".jpeg": {"jpeg"}, ".jpe": {"jpeg"}, ".jfif": {"jpeg"}, ".pjpeg": {"jpeg"},
    ".png": {"png"}, ".gif": {"gif"}, ".bmp": {"bmp"}, ".dib": {"bmp"},
    ".tif": {"tiff"}, ".tiff": {"tiff"},
    ".xml": {"xml", "oioubl"},
}  # fmt: skip
_BY_CONTENT_TYPE: Final = {
    "application/pdf": {"pdf"}, "application/x-pdf": {"pdf"},
    "image/jpeg": {"jpeg"}, "image/jpg": {"jpeg"}, "image/pjpeg": {"jpeg"},
    "image/png": {"png"}, "image/x-png": {"png"}, "image/gif": {"gif"},
    "image/bmp": {"bmp"}, "image/x-bmp": {"bmp"}, "image/x-ms-bmp": {"bmp"},
    "image/tiff": {"tiff"}, "image/tif": {"tiff"},
    "application/xml": {"xml", "oioubl"}, "text/xml": {"xml", "oioubl"},
}  # fmt: skip

_HEAD_BYTES: Final = 4096
_MAX_PNG_CHUNKS: Final = 10_000
_PDF_HEADER: Final = re.compile(rb"%PDF-(\d\.\d)")
_XML_START: Final = re.compile(rb"^(\xef\xbb\xbf)?\s*<[?!a-zA-Z_]")


@dataclass(frozen=True)
class Identity:
    """What the bytes of a file are.

    ``format`` is one of pdf, jpeg, png, gif, bmp, tiff, oioubl, xml, empty, unknown.
    ``detail`` adds what was seen (PDF version, UBL document type, XML root, why unknown).
    """

    format: str
    mime: str | None
    pronom: str | None
    size: int
    sha256: str
    detail: str | None = None
    mismatch: str | None = None


def identify(path: Path, name: str = "", declared_type: str | None = None) -> Identity:
    """Identify ``path`` by content and compare with the declared ``name`` and ``declared_type``.

    Reads the whole file once (for the sha256) and at most the start of an XML document (its
    root element). Raises OSError only if the file cannot be read.
    """
    digest = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if len(head) < _HEAD_BYTES:
                head += chunk[: _HEAD_BYTES - len(head)]
            digest.update(chunk)
            size += len(chunk)
    fmt, pronom, detail = _sniff(path, head, size)
    mime = MIME.get(fmt)
    return Identity(
        format=fmt,
        mime=mime,
        pronom=pronom,
        size=size,
        sha256=digest.hexdigest(),
        detail=detail,
        mismatch=_mismatch(fmt, name, declared_type),
    )


def _sniff(path: Path, head: bytes, size: int) -> tuple[str, str | None, str | None]:
    """Return (format, PRONOM id, detail) from the first bytes (and the XML root if XML)."""
    if size == 0:
        return "empty", None, None
    if head.startswith(b"%PDF-"):
        version = _PDF_HEADER.match(head)
        ver = version.group(1).decode() if version else None
        return "pdf", _PDF_PRONOM.get(ver or ""), f"PDF {ver}" if ver else "PDF, no version"
    if (at := head.find(b"%PDF-", 0, 1024)) > 0:
        # Readers accept up to 1 KiB of junk before the header; so do we, and say so.
        version = _PDF_HEADER.match(head, at)
        ver = version.group(1).decode() if version else None
        return "pdf", _PDF_PRONOM.get(ver or ""), f"PDF {ver}, header at byte {at}"
    if head.startswith(b"\xff\xd8\xff"):
        return ("jpeg", *_jpeg_pronom(head))
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", _png_pronom(path), None
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif", "fmt/3" if head[3:6] == b"87a" else "fmt/4", head[:6].decode()
    if head.startswith(b"BM") and len(head) >= 18:
        header_size = int.from_bytes(head[14:18], "little")
        if header_size in (12, 40, 52, 56, 64, 108, 124):
            return "bmp", _BMP_PRONOM.get(header_size), f"BMP, {header_size}-byte header"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff", _PRONOM["tiff"], None
    if head[:4] in (b"II+\x00", b"MM\x00+"):
        return "tiff", None, "BigTIFF"
    if _XML_START.match(head) or head.startswith((b"\xff\xfe<\x00", b"\xfe\xff\x00<")):
        return _sniff_xml(path)
    return "unknown", None, _describe_unknown(head)


def _jpeg_pronom(head: bytes) -> tuple[str | None, str | None]:
    if head[6:11] == b"JFIF\x00" and len(head) >= 13:
        version = (head[11], head[12])
        return _JFIF_PRONOM.get(version), f"JFIF {version[0]}.{version[1]:02d}"
    if head[6:10] == b"Exif":
        return None, "Exif JPEG (its PRONOM id depends on the Exif version)"
    return "fmt/41", "JPEG without JFIF or Exif header"


def _png_pronom(path: Path) -> str | None:
    """PNG 1.0/1.1/1.2 differ only by the chunks they may carry: iTXt came with 1.2; iCCP, sRGB
    and sPLT with 1.1. Walk the chunk headers (not the data) to tell them apart."""
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
        return None
    if b"iTXt" in seen:
        return "fmt/13"
    if seen & {b"iCCP", b"sRGB", b"sPLT"}:
        return "fmt/12"
    return "fmt/11"


def _sniff_xml(path: Path) -> tuple[str, str | None, str | None]:
    """Read only up to the root element, with no DTD, entity expansion or network."""
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
            return "unknown", None, "XML declaration but no root element"
    except etree.XMLSyntaxError as error:
        return "unknown", None, f"looks like XML but is not well-formed: {error}"
    if not isinstance(root, str):
        return "unknown", None, "XML without an element root"
    if root in UBL_ROOTS:
        return "oioubl", _PRONOM["oioubl"], f"UBL {UBL_ROOTS[root]}"
    return "xml", _PRONOM["xml"], f"XML, root {root}"


def _describe_unknown(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP container (an Office document or an archive)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an OLE2 container (old Word or Excel, or an Outlook message)"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "HEIC/HEIF image, not supported"
    return "no known signature"


def _mismatch(fmt: str, name: str, declared_type: str | None) -> str | None:
    """Say how the name extension or the declared content type disagrees with the content."""
    if fmt == "empty":
        return None
    problems = []
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if extension in _BY_EXTENSION and fmt not in _BY_EXTENSION[extension]:
        problems.append(f"named {extension} but the content is {fmt}")
    content_type = (declared_type or "").split(";")[0].strip().lower()
    if content_type in _BY_CONTENT_TYPE and fmt not in _BY_CONTENT_TYPE[content_type]:
        problems.append(f"declared as {content_type} but the content is {fmt}")
    return "; ".join(problems) or None
