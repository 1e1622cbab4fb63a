"""Decide what a file is from its bytes, never from its name.

Archives identify formats by content: a bill uploaded as ``scan.pdf`` may well be a PNG. The
declared name and content type are only compared with what the bytes say, and a disagreement is
reported (``Identity.mismatch``); the content decides how the file is converted.

PRONOM identification (id, format name, version) comes from Siegfried (``pronom.py``), the
maintained tool archives use, with DROID's byte and container signatures. Our own check of the
magic numbers and headers (``_sniff``) is used only where Siegfried is silent (no signature
matches the bytes: a PDF with junk before its header, XML without a declaration) and to tell an
OIOUBL invoice from any other XML by its root element, which PRONOM does not do.

``Identity.format`` is a short name the converters dispatch on (``FORMATS``).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from lxml import etree

from xena2archive.documents import pronom

# short format name -> MIME type (for the formats our own check knows, and the report)
MIME: Final = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "heic": "image/heif",
    "webp": "image/webp",
    "oioubl": "application/xml",
    "xml": "application/xml",
    "eml": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
    "html": "text/html",
    "text": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "rtf": "application/rtf",
}
FORMATS: Final = frozenset(MIME) | {"empty", "unknown"}
"""Every value ``Identity.format`` takes."""
IMAGE_FORMATS: Final = frozenset({"jpeg", "png", "gif", "bmp", "tiff", "heic", "webp"})
OFFICE_FORMATS: Final = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "doc", "xls", "rtf"})
MAIL_FORMATS: Final = frozenset({"eml", "msg"})
TEXT_FORMATS: Final = frozenset({"html", "text"})

# The MIME type Siegfried gives (PRONOM's) -> short name. Several PRONOM MIME types name one
# format; PUIDs without a MIME type in PRONOM are in _BY_PUID.
_BY_TOOL_MIME: Final = {
    **{mime: fmt for fmt, mime in MIME.items() if fmt not in ("oioubl", "xml")},
    "application/x-pdf": "pdf", "image/heic": "heic", "image/heic-sequence": "heic",
    "image/heif-sequence": "heic", "image/x-ms-bmp": "bmp", "text/xml": "xml", "application/xml": "xml",
    "text/rtf": "rtf", "application/x-msg": "msg", "application/vnd.ms-word": "doc",
    "application/xhtml+xml": "html",
}  # fmt: skip
_BY_PUID: Final = {"x-fmt/430": "msg", "fmt/1144": "msg", "x-fmt/111": "text", "fmt/101": "xml"}

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
    ".heic": {"heic"}, ".heif": {"heic"}, ".webp": {"webp"}, ".eml": {"eml"}, ".msg": {"msg"},
    ".htm": {"html"}, ".html": {"html"}, ".txt": {"text"},
    **{f".{office}": {office} for office in OFFICE_FORMATS},
}  # fmt: skip
_BY_CONTENT_TYPE: Final = {
    "application/pdf": {"pdf"}, "application/x-pdf": {"pdf"},
    "image/jpeg": {"jpeg"}, "image/jpg": {"jpeg"}, "image/pjpeg": {"jpeg"},
    "image/png": {"png"}, "image/x-png": {"png"}, "image/gif": {"gif"},
    "image/bmp": {"bmp"}, "image/x-bmp": {"bmp"}, "image/x-ms-bmp": {"bmp"},
    "image/tiff": {"tiff"}, "image/tif": {"tiff"},
    "application/xml": {"xml", "oioubl"}, "text/xml": {"xml", "oioubl"},
    **{mime: {fmt} for mime, fmt in _BY_TOOL_MIME.items() if fmt not in ("xml", "text")},
    "text/plain": {"text", "xml", "oioubl", "html"},  # a text type is often declared for any text
}  # fmt: skip

_HEAD_BYTES: Final = 4096
_MAX_PNG_CHUNKS: Final = 10_000
_PDF_HEADER: Final = re.compile(rb"%PDF-(\d\.\d)")
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
_HEADER_FIELD: Final = re.compile(rb"([!-9;-~]{1,76}):")
_XML_START: Final = re.compile(rb"^(\xef\xbb\xbf)?\s*<[?!a-zA-Z_]")


@dataclass(frozen=True)
class Identity:
    """What the bytes of a file are.

    ``format`` is one of ``FORMATS`` (the short name the converters dispatch on). ``pronom``,
    ``format_name`` and ``format_version`` are PRONOM's id, name and version of the format;
    ``identified_by`` says who said so: Siegfried with its signature files, or our own content
    check where Siegfried was silent (then the name is ours and the id may be unknown).
    ``detail`` adds what was seen (PDF version, UBL document type, XML root, why unknown).
    """

    format: str
    mime: str | None
    pronom: str | None
    size: int
    sha256: str
    detail: str | None = None
    mismatch: str | None = None
    format_name: str | None = None
    format_version: str | None = None
    identified_by: str | None = None


OWN_CHECK: Final = "xena2archive's own content check (Siegfried found no signature, or only plain text)"


def identify(path: Path, name: str = "", declared_type: str | None = None) -> Identity:
    """Identify ``path`` by content and compare with the declared ``name`` and ``declared_type``.

    Reads the whole file once (for the sha256), lets Siegfried read what its signatures need,
    and reads at most the start of an XML document (its root element). Raises OSError only if
    the file cannot be read.
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
    own, own_pronom, detail = _sniff(path, head, size)
    found = pronom.match(path) if size else None
    fmt = _short_name(found) if found else None
    if fmt in (None, "unknown") or (fmt in ("xml", "text") and own in ("xml", "oioubl", "eml")):
        # Siegfried is silent, or names a format without saying which of ours (no MIME type),
        # or it is XML and only the root element says whether it is OIOUBL, or text that our
        # check sees is an e-mail.
        fmt = own if own != "unknown" or fmt is None else fmt
        if fmt == own and own_pronom and found is not None and own_pronom != found.puid:
            found = None  # our check knows better (text that is an e-mail): its id, not the tool's
    elif fmt != own:
        detail = None  # what our check saw is about another format
    if found is None:
        return Identity(
            format=fmt, mime=MIME.get(fmt), pronom=own_pronom, size=size, sha256=digest.hexdigest(),
            detail=detail, mismatch=_mismatch(fmt, name, declared_type),
            identified_by=OWN_CHECK if fmt not in ("empty", "unknown") else None,
        )  # fmt: skip
    return Identity(
        format=fmt,
        mime=found.mime or MIME.get(fmt),
        pronom=found.puid,
        size=size,
        sha256=digest.hexdigest(),
        detail=detail,
        mismatch=_mismatch(fmt, name, declared_type),
        format_name=found.name,
        format_version=found.version,
        identified_by=f"{pronom.tool()}: {found.basis}",
    )


def _short_name(found: pronom.Match) -> str:
    """The converters' name for what Siegfried found; "unknown" for a format we do not convert
    (the PRONOM id and name still go into the report)."""
    return _BY_PUID.get(found.puid) or _BY_TOOL_MIME.get((found.mime or "").lower(), "unknown")


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
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic", None, f"HEIF, brand {head[8:12].decode()}"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp", None, None
    if _looks_like_mail(head):
        return "eml", "fmt/278", "Internet message (RFC 5322 header fields)"
    if _XML_START.match(head) or head.startswith((b"\xff\xfe<\x00", b"\xfe\xff\x00<")):
        return _sniff_xml(path)
    return "unknown", None, _describe_unknown(head)


def _looks_like_mail(head: bytes) -> bool:
    """An e-mail without the MIME headers PRONOM's signature wants (a plain RFC 5322 message):
    the file starts with header fields, and they include From and one of To, Subject, Date."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    lines = block.splitlines()
    if not lines or not _HEADER_FIELD.match(lines[0]):
        return False
    names = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the field before
        if not (field := _HEADER_FIELD.match(line)):
            return False
        names.add(field.group(1).lower())
    return b"from" in names and bool(names & {b"to", b"subject", b"date"})


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
