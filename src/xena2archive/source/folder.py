"""Reading a backup that was unpacked to a folder, as safely as its zip, into the same archive.

macOS and many Windows tools unzip a download by themselves, so a user often holds the folder, not
the zip. Its files become the same entries a zip's would (names by ``names``), so the tables,
copies and originals are the same as from the zip. What a zip cannot hold and a folder can is not
followed and is reported: symbolic links (they point anywhere, the backup's own folder included),
devices, FIFOs and sockets, and the files an operating system leaves in folders it shows
(``.DS_Store``, ``Thumbs.db``, ...). The size limits hold as for a zip. A file that changes while
it is read is refused: the archive would keep bytes that were never one file.

Times: a zip keeps its entries' times as local clock readings without a zone; unzipping turns them
into file times, reading them as the local time of the machine that unzipped. Read back as Danish
time (Europe/Copenhagen, whatever zone this machine is in), a folder unzipped in Denmark gives the
zip's own times again, and the same folder gives the same archive on any machine.

The folder's identity, the counterpart of a zip's sha256, is the sha256 of its manifest: one line
``<sha256>  <path>`` per file in the folder (relative, ``/`` between parts), sorted by the path's
UTF-8 bytes, each ending in a line feed; what is skipped is not in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from .. import findings as F
from ..errors import InputRefused
from ..findings import Finding
from ..fmt import shown
from .model import CHUNK, FOLDER, Extracted, Listing, Skipped, ZipLimits, sha256_file
from .names import Namer, check_file_folder_clash

DANISH_TIME = ZoneInfo("Europe/Copenhagen")
# what operating systems write into a folder they show, never part of a backup
SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini", "Desktop.ini", ".localized"})
SYSTEM_FOLDERS = frozenset({"__MACOSX", ".Spotlight-V100", ".Trashes", ".fseventsd", "$RECYCLE.BIN",
                            "System Volume Information"})


def _walk(folder: Path, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], os.DirEntry[str] | None]]:
    """Every thing in ``folder`` as (its path parts, its entry), in name order, depth first; a folder
    with nothing in it is given as (its parts, None)."""
    try:
        with os.scandir(folder) as scan:
            items = sorted(scan, key=lambda item: item.name.encode("utf-8", "surrogateescape"))
    except OSError as error:
        raise InputRefused(f"the folder cannot be read: {error.strerror or error}", entry=str(folder)) from None
    if not items and parts:
        yield parts, None
    for item in items:
        here = (*parts, item.name)
        if item.is_dir(follow_symlinks=False) and item.name not in SYSTEM_FOLDERS:
            yield from _walk(Path(item.path), here)
        else:
            yield here, item


def _as_zip_reads(part: str) -> str:
    """A part of a name as it is, or, where its bytes are no UTF-8, read as a zip reader reads a name
    without its UTF-8 mark: code page 437 (what ``unzip`` leaves on a disk from such a zip), so the folder gives the
    same ``original/`` tree as the zip it was unpacked from."""
    raw = part.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp437")


def _skip_reason(item: os.DirEntry[str], name: str) -> Finding | None:
    """Why ``item`` (``name`` in the backup) is not a file of the backup, or None if it is one."""
    if item.is_symlink():
        return F.SKIPPED_LINK(name, target=shown(os.readlink(item.path)))
    if item.is_dir(follow_symlinks=False):
        return F.SKIPPED_SYSTEM_FOLDER(name)
    if not item.is_file(follow_symlinks=False):
        return F.SKIPPED_SPECIAL(name)
    if item.name in SYSTEM_FILES or item.name.startswith("._"):
        return F.SKIPPED_SYSTEM_FILE(name)
    return None


def danish_time(seconds: float) -> tuple[int, int, int, int, int, int]:
    """A file time as a zip keeps it: the clock reading in Denmark, to the second."""
    when = dt.datetime.fromtimestamp(int(seconds), DANISH_TIME)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def list_folder(folder: Path, limits: ZipLimits = ZipLimits()) -> Listing:
    """Check every file of the folder and plan a safe name for it, as ``zip.list_zip`` does for a zip.

    Raises ``InputRefused`` for a folder that cannot be read, is too big or holds nothing."""
    namer = Namer()
    listing = Listing(folder, [], kind=FOLDER)
    total = 0
    for parts, item in _walk(folder):
        raw = "/".join(parts)
        name = shown(raw)
        if item is None:
            listing.folders.append(name + "/")
            continue
        reason = _skip_reason(item, name)
        if reason is not None:
            listing.skipped.append(Skipped(name, reason))
            continue
        if len(listing.entries) >= limits.max_entries:
            raise InputRefused(f"the folder holds more than {limits.max_entries:,} files, the limit (raise it with "
                               "--max-entries if the backup is genuine)", entry=str(folder))
        info = item.stat(follow_symlinks=False)
        total += info.st_size
        if total > limits.max_total_bytes:
            raise InputRefused(f"the folder holds more than {limits.max_total_bytes:,} bytes (raise the limit with "
                               "--max-total-size if the backup is genuine)", entry=name)
        entry = namer.entry(name, [_as_zip_reads(part) for part in parts], info.st_size, info.st_size,
                            danish_time(info.st_mtime))
        if raw != name:  # bytes that are no UTF-8: the file is opened by its own name, and that is said
            entry = replace(entry, source=raw, notes=(F.NAME_NOT_UTF8(name, path=entry.path), *entry.notes))
        listing.entries.append(entry)
    if not listing.entries:
        raise InputRefused("the folder holds no files, so it is not a Xena backup and there is nothing to archive. "
                           "Unpack the backup (Lokal kopi) from Xena into it, or give the zip itself",
                           entry=str(folder))
    check_file_folder_clash(listing.entries, "the folder")
    return listing


def extract_folder(listing: Listing, into: Path) -> list[Extracted]:
    """Copy every listed file to ``into/<path>``, hashing it; refuse a file that changed since it was
    listed or while it was read."""
    results = []
    for entry in listing.entries:
        source = listing.path / entry.name_in_backup
        target = into / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        read = 0
        try:
            with open(source, "rb", opener=_no_follow) as handle, open(target, "xb") as sink:
                before = os.fstat(handle.fileno())
                while chunk := handle.read(CHUNK):
                    read += len(chunk)
                    digest.update(chunk)
                    sink.write(chunk)
                after = os.fstat(handle.fileno())
        except OSError as error:  # gone, unreadable, or a link put in its place since it was listed
            raise InputRefused(f"cannot be read: {error.strerror or error}", entry=entry.zip_name) from None
        as_listed = stat.S_ISREG(before.st_mode) and (before.st_size, danish_time(before.st_mtime)) == (
            entry.size, entry.modified)
        unchanged = (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns) and read == entry.size
        if not (as_listed and unchanged):
            raise InputRefused("the file changed while the backup was read (its size or time is not what it was); "
                               "make sure nothing writes to the folder, and run again", entry=entry.zip_name)
        results.append(Extracted(entry, target, digest.hexdigest()))
    return results


def _no_follow(path: str, flags: int) -> int:
    """Open without following a link put in the file's place after the folder was listed."""
    return os.open(path, flags | os.O_NOFOLLOW)


def manifest_digest(files: Iterable[tuple[str, str]]) -> str:
    """The sha256 of the manifest of (path, sha256) pairs (see the module's docstring)."""
    lines = sorted((path.encode("utf-8", "surrogateescape"), sha256) for path, sha256 in files)
    manifest = b"".join(sha256.encode("ascii") + b"  " + path + b"\n" for path, sha256 in lines)
    return hashlib.sha256(manifest).hexdigest()


def folder_digest(listing: Listing) -> str:
    """The folder's identity: its manifest's sha256, every listed file read for it."""
    return manifest_digest((entry.name_in_backup, sha256_file(listing.path / entry.name_in_backup))
                           for entry in listing.entries)
