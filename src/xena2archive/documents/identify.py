"""Decide what a file is from its bytes, never from its name.

Archives identify formats by content: a bill uploaded as ``scan.pdf`` may well be a PNG. The
declared name and content type are only compared with what the bytes say, and a disagreement is
reported (``Identity.mismatch``); the content decides how the file is converted.

PRONOM identification (id, format name, version) comes from Siegfried (``pronom.py``), the
maintained tool archives use, with DROID's byte and container signatures. Our own check of the
magic numbers and headers (``sniff.py``) is used only where Siegfried is silent (no signature
matches the bytes: a PDF with junk before its header, XML without a declaration) and to tell an
OIOUBL invoice from any other XML by its root element, which PRONOM does not do.

``Identity.format`` is the name of the format's entry in the registry (``formats.py``), which
also says which of Siegfried's answers and which names and declared types mean that format.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import Final

from xena2archive import findings as F
from xena2archive.documents import formats, pronom
from xena2archive.documents.model import Asked, Identity
from xena2archive.documents.sniff import describe_unknown

_HEAD_BYTES: Final = 4096
OWN_CHECK: Final = "xena2archive's own content check (Siegfried found no signature, or only plain text)"


def identify(path: Path, name: str = "", declared_type: str | None = None,
             asked: Asked | None = None) -> Identity:
    """Identify ``path`` by content and compare with the declared ``name`` and ``declared_type``.
    ``asked`` is what Siegfried said of it, asked beforehand (``pronom.ask``); without it,
    Siegfried is asked here.

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
    if asked is None:
        asked = pronom.ask([path])[0]
    if asked.error is not None:
        raise OSError(asked.error)
    found = asked.match
    fmt = formats.from_pronom(found.puid, found.mime) if found else None
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
            format=fmt, mime=formats.mime(fmt), pronom=own_pronom, size=size, sha256=digest.hexdigest(),
            detail=detail, mismatch=_mismatch(fmt, name, declared_type),
            identified_by=OWN_CHECK if fmt not in ("empty", "unknown") else None,
        )  # fmt: skip
    return Identity(
        format=fmt,
        mime=found.mime or formats.mime(fmt),
        pronom=found.puid,
        size=size,
        sha256=digest.hexdigest(),
        detail=detail,
        mismatch=_mismatch(fmt, name, declared_type),
        format_name=found.name,
        format_version=found.version,
        identified_by=f"{asked.tool}: {found.basis}",
    )


def _sniff(path: Path, head: bytes, size: int) -> tuple[str, str | None, str | None]:
    """(format, PRONOM id, detail) by our own content check: each format's check in the
    registry's order, the first that knows the bytes."""
    if size == 0:
        return "empty", None, None
    for check in formats.SNIFFS:
        if found := check(path, head):
            return found.format, found.pronom, found.detail
    return "unknown", None, describe_unknown(head)


def _mismatch(fmt: str, name: str, declared_type: str | None) -> str | None:
    """Say how the name extension or the declared content type disagrees with the content."""
    if fmt == "empty":
        return None
    problems = []
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if (named := formats.named_by_extension(extension)) is not None and fmt not in named:
        problems.append(F.DOC_NAMED_AS("", extension=extension, format=fmt).render("en").rstrip("."))
    content_type = (declared_type or "").split(";")[0].strip().lower()
    if (declared := formats.named_by_type(content_type)) is not None and fmt not in declared:
        problems.append(F.DOC_DECLARED_AS("", type=content_type, format=fmt).render("en").rstrip("."))
    return "; ".join(problems) or None
