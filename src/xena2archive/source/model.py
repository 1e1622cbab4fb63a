"""What the source stage knows of a backup before and after reading it: plain records and limits.

A leaf of the ``source`` package (the standard library and ``findings``): the zip reader and the
folder reader both make these, and the rest of the conversion reads them without knowing which
one did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..fmt import shown

CHUNK = 1 << 20

ZIP, FOLDER = "zip", "folder"


@dataclass(frozen=True)
class ZipLimits:
    """Limits that keep a zip bomb (or a folder far too big) out; the defaults fit real backups
    and can be raised by flags. The ratio applies to zip entries only."""

    max_total_bytes: int = 64 * 1024**3
    max_ratio: int = 300  # uncompressed/compressed, checked for entries over ``ratio_floor`` bytes
    ratio_floor: int = 4 * 1024**2
    max_entries: int = 500_000


@dataclass(frozen=True)
class Entry:
    """One file of the backup: its name there and where its bytes are kept in the archive."""

    zip_name: str  # the name exactly as the backup has it (in the zip, or relative to the folder)
    path: str  # safe relative path (POSIX, NFC) under original/
    size: int
    compressed_size: int
    modified: tuple[int, int, int, int, int, int]  # (year, month, day, hour, minute, second), as the zip keeps it
    notes: tuple[Finding, ...] = ()  # what was done to its name
    index: int = 0  # position in the zip's directory: a zip may hold one name twice
    source: str = ""  # the file's name in the folder where it is not ``zip_name``: its bytes are no UTF-8

    @property
    def name_in_backup(self) -> str:
        """The name to open the file by in the backup folder (the zip reader uses its own index)."""
        return self.source or self.zip_name


@dataclass(frozen=True)
class Skipped:
    """Something in a backup folder that is not a file of the backup, and why it is not archived."""

    name: str
    reason: Finding


@dataclass
class Extracted:
    """An entry after streaming it to disk."""

    entry: Entry
    file: Path
    sha256: str


@dataclass
class Listing:
    """The checked table of contents of a backup: a zip, or the folder it was unpacked to."""

    path: Path
    entries: list[Entry]
    folders: list[str] = field(default_factory=list)
    kind: str = ZIP
    skipped: list[Skipped] = field(default_factory=list)  # folders only: links, devices, system files

    @property
    def name(self) -> str:
        """The backup's file or folder name, as the report and the index show it."""
        return shown(self.path.name)

    @property
    def total_bytes(self) -> int:
        return sum(e.size for e in self.entries)

    @property
    def latest_modified(self) -> tuple[int, int, int, int, int, int]:
        """The newest entry time: our stand-in for when the backup was made."""
        return max((e.modified for e in self.entries), default=(1980, 1, 1, 0, 0, 0))


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
