"""The names files of a backup get in the archive: NFC, portable, short enough, never clashing.

One rule for a zip's entries and a folder's files alike, so the same backup gives the same
``original/`` tree whichever way it came.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

from .. import findings as F
from ..bag.names import portable_name
from ..errors import InputRefused
from ..findings import Finding
from .model import Entry

_MAX_SEGMENT_BYTES = 200  # leaves room for suffixes under the usual 255-byte limit of file systems
_MAX_PATH_BYTES = 1024  # far below Linux's 4,096 for the whole path, with room for out/data/original/


def clean_segment(segment: str, name: str = "") -> tuple[str, list[Finding]]:
    """One part of a path as the archive writes it, and a note for each change made to it (about the
    file ``name``)."""
    notes: list[Finding] = []
    nfc = unicodedata.normalize("NFC", segment)
    if nfc != segment:
        notes.append(F.NAME_NFC(name))
    cleaned = portable_name(nfc)
    if cleaned != nfc:
        notes.append(F.NAME_PORTABLE(name))
    encoded = cleaned.encode("utf-8")
    if len(encoded) > _MAX_SEGMENT_BYTES:
        digest = hashlib.sha256(encoded).hexdigest()[:12]
        _stem, dot, ext = cleaned.rpartition(".")
        ext = dot + ext if dot and len(ext) <= 10 else ""
        keep = encoded[: _MAX_SEGMENT_BYTES - 20].decode("utf-8", "ignore")
        cleaned = f"{keep}~{digest}{ext}"
        notes.append(F.NAME_SHORTENED(name))
    return cleaned, notes


def _deduplicate(path: str, taken: dict[str, int]) -> str:
    """``path``, or ``stem~N.ext`` if another entry already has that path ignoring case.

    ``taken`` maps each path in use (casefolded) to the next suffix to try for it, so many
    entries of one name cost linear time, not quadratic.
    """
    key = path.casefold()
    if key not in taken:
        return path
    folder, _, leaf = path.rpartition("/")
    stem, dot, ext = leaf.rpartition(".")
    if not dot:
        stem, ext = leaf, ""
    n = taken[key]
    while True:
        candidate = f"{folder + '/' if folder else ''}{stem}~{n}{dot}{ext}"
        if candidate.casefold() not in taken:
            taken[key] = n + 1
            return candidate
        n += 1


class Namer:
    """Gives each file of one backup its unique, safe path under ``original/``, in the order met."""

    def __init__(self) -> None:
        self.taken: dict[str, int] = {}
        self.names_seen: set[str] = set()

    def entry(self, name: str, parts: Sequence[str], size: int, compressed_size: int,
              modified: tuple[int, int, int, int, int, int], index: int = 0) -> Entry:
        """The entry of the file ``name`` (as the backup has it), whose path parts are ``parts``."""
        notes: list[Finding] = []
        segments = []
        for segment in parts:
            cleaned, segment_notes = clean_segment(segment, name)
            segments.append(cleaned)
            notes.extend(segment_notes)
        path = _deduplicate("/".join(segments), self.taken)
        if len(path.encode("utf-8")) > _MAX_PATH_BYTES:
            raise InputRefused(f"the path is too long ({len(path.encode('utf-8')):,} bytes) to be written to "
                               "a disk", entry=name)
        if name in self.names_seen:
            notes.append(F.NAME_TWICE(name, path=path))
        elif path != "/".join(segments):
            notes.append(F.NAME_CLASH(name, path=path))
        self.names_seen.add(name)
        self.taken.setdefault(path.casefold(), 2)
        return Entry(name, path, size, compressed_size, modified, tuple(dict.fromkeys(notes)), index)


def check_file_folder_clash(entries: list[Entry], where: str) -> None:
    """Refuse a backup where a file and a folder have one name (ignoring case): one would hide the other.
    ``where`` names the backup's kind for the message ("the zip", "the folder")."""
    folders = {"/".join(e.path.split("/")[:d]).casefold() for e in entries for d in range(1, e.path.count("/") + 1)}
    for entry in entries:
        if entry.path.casefold() in folders:
            raise InputRefused(f"a file and a folder have the same name in {where}", entry=entry.zip_name)
