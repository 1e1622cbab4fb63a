"""Reading the backup zip safely: check every entry before any byte is written, then stream them out.

Nothing is extracted blindly. The whole central directory is checked first (paths, links,
encryption, sizes, compression ratios), so a hostile zip is refused before the output exists. Then
each entry is streamed to ``original/`` under a safe, NFC-normalised name, hashed on the way.
Names that would collide on a case-insensitive or normalising file system are kept apart with a
``~2`` suffix and reported.
"""

from __future__ import annotations

import hashlib
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .bag.names import portable_name
from .errors import InputRefused

_CHUNK = 1 << 20
_MAX_SEGMENT_BYTES = 200  # leaves room for suffixes under the usual 255-byte limit of file systems
_MAX_PATH_BYTES = 1024  # far below Linux's 4,096 for the whole path, with room for out/data/original/


@dataclass(frozen=True)
class ZipLimits:
    """ZipLimits that keep a zip bomb out; the defaults fit real backups and can be raised by flags."""

    max_total_bytes: int = 64 * 1024**3
    max_ratio: int = 300  # uncompressed/compressed, checked for entries over ``ratio_floor`` bytes
    ratio_floor: int = 4 * 1024**2
    max_entries: int = 500_000


@dataclass(frozen=True)
class Entry:
    """One file of the zip: its name in the zip and where its bytes are kept in the archive."""

    zip_name: str  # the name exactly as stored in the zip
    path: str  # safe relative path (POSIX, NFC) under original/
    size: int
    compressed_size: int
    modified: tuple[int, int, int, int, int, int]
    notes: tuple[str, ...] = ()
    index: int = 0  # position in the zip's directory: a zip may hold one name twice


@dataclass
class Extracted:
    """An entry after streaming it to disk."""

    entry: Entry
    file: Path
    sha256: str


@dataclass
class Listing:
    """The checked table of contents of a backup zip."""

    entries: list[Entry]
    folders: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(e.size for e in self.entries)

    @property
    def latest_modified(self) -> tuple[int, int, int, int, int, int]:
        """The newest entry time in the zip: our stand-in for when the backup was made."""
        return max((e.modified for e in self.entries), default=(1980, 1, 1, 0, 0, 0))


def _open(zip_path: Path) -> zipfile.ZipFile:
    if not zip_path.is_file():
        raise InputRefused("the file does not exist or is not a regular file", entry=str(zip_path))
    try:
        return zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile as exc:
        raise InputRefused(
            f"not a readable zip file ({exc}); download the backup from Xena again", entry=str(zip_path)
        ) from None
    except OSError as exc:
        raise InputRefused(f"cannot be read: {exc.strerror or exc}", entry=str(zip_path)) from None


def _check_name(name: str) -> PurePosixPath:
    """The entry name as a relative path, or a refusal if it could escape the output folder."""
    if "\x00" in name:
        raise InputRefused("the entry name contains a NUL byte", entry=repr(name))
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        raise InputRefused("absolute path in the zip; refusing to write outside the output", entry=name)
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise InputRefused("path with '..' in the zip; refusing to write outside the output", entry=name)
    return PurePosixPath(*parts) if parts else PurePosixPath()


def _clean_segment(segment: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    nfc = unicodedata.normalize("NFC", segment)
    if nfc != segment:
        notes.append("name normalised to Unicode NFC")
    cleaned = portable_name(nfc)
    if cleaned != nfc:
        notes.append("'%', control characters or trailing spaces in the name changed so every BagIt tool "
                     "reads it alike ('%' is written as '％')")
    encoded = cleaned.encode("utf-8")
    if len(encoded) > _MAX_SEGMENT_BYTES:
        digest = hashlib.sha256(encoded).hexdigest()[:12]
        _stem, dot, ext = cleaned.rpartition(".")
        ext = dot + ext if dot and len(ext) <= 10 else ""
        keep = encoded[: _MAX_SEGMENT_BYTES - 20].decode("utf-8", "ignore")
        cleaned = f"{keep}~{digest}{ext}"
        notes.append("name longer than the file system allows; shortened (full name in the report)")
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


def list_backup(zip_path: Path, limits: ZipLimits = ZipLimits()) -> Listing:
    """Check the zip's table of contents and plan a safe name for every file in it.

    Raises ``InputRefused`` for anything hostile or unreadable, naming the entry.
    """
    with _open(zip_path) as archive:
        infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise InputRefused(
            f"the zip holds {len(infos):,} entries, more than the limit of {limits.max_entries:,} "
            "(raise it with --max-entries if the backup is genuine)",
            entry=str(zip_path),
        )
    entries: list[Entry] = []
    folders: list[str] = []
    taken: dict[str, int] = {}
    names_seen: set[str] = set()
    total = 0
    for index, info in enumerate(infos):
        relative = _check_name(info.filename)
        _refuse_unsafe(info)
        if info.is_dir() or not relative.parts:
            folders.append(info.filename)
            continue
        total += info.file_size
        _refuse_too_big(info, total, limits)
        entries.append(_entry(index, info, relative, taken, names_seen))
    if not entries:
        what = f"only {len(folders)} empty folder(s)" if folders else "nothing"
        raise InputRefused(f"the zip holds no files ({what}), so it is not a Xena backup and there is nothing to "
                           "archive. Download the backup (Lokal kopi) from Xena again", entry=str(zip_path))
    _check_file_folder_clash(entries)
    return Listing(entries, folders)


def _refuse_unsafe(info: zipfile.ZipInfo) -> None:
    """Links and encrypted entries are refused whatever they hold."""
    if stat.S_ISLNK(info.external_attr >> 16):
        raise InputRefused("symbolic link in the zip; links are refused", entry=info.filename)
    if info.flag_bits & 0x1:
        raise InputRefused("the entry is encrypted; make the backup again without a password", entry=info.filename)


def _refuse_too_big(info: zipfile.ZipInfo, total: int, limits: ZipLimits) -> None:
    """The limits of a zip bomb: the total unpacked size so far, and this entry's compression ratio."""
    if total > limits.max_total_bytes:
        raise InputRefused(
            f"the zip unpacks to more than {limits.max_total_bytes:,} bytes "
            "(raise the limit with --max-total-size if the backup is genuine)",
            entry=info.filename,
        )
    if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise InputRefused(
            f"compression ratio {info.file_size // max(info.compress_size, 1)}:1 is above the "
            f"limit of {limits.max_ratio}:1, as in a zip bomb (raise it with --max-ratio if "
            "the backup is genuine)",
            entry=info.filename,
        )


def _entry(index: int, info: zipfile.ZipInfo, relative: PurePosixPath, taken: dict[str, int],
           names_seen: set[str]) -> Entry:
    """The entry of one file: a safe, unique path for it, and a note for every name changed."""
    name = info.filename
    notes: list[str] = []
    segments = []
    for segment in relative.parts:
        cleaned, segment_notes = _clean_segment(segment)
        segments.append(cleaned)
        notes.extend(segment_notes)
    path = _deduplicate("/".join(segments), taken)
    if len(path.encode("utf-8")) > _MAX_PATH_BYTES:
        raise InputRefused(f"the path is too long ({len(path.encode('utf-8')):,} bytes) to be written to "
                           "a disk", entry=name)
    if name in names_seen:
        notes.append(f"the zip holds another file of exactly this name; this one is kept as {path}")
    elif path != "/".join(segments):
        notes.append(f"another entry has the same name apart from case or form; kept as {path}")
    names_seen.add(name)
    taken.setdefault(path.casefold(), 2)
    return Entry(name, path, info.file_size, info.compress_size, info.date_time, tuple(dict.fromkeys(notes)), index)


def _check_file_folder_clash(entries: list[Entry]) -> None:
    folders = {"/".join(e.path.split("/")[:d]).casefold() for e in entries for d in range(1, e.path.count("/") + 1)}
    for entry in entries:
        if entry.path.casefold() in folders:
            raise InputRefused("a file and a folder have the same name in the zip", entry=entry.zip_name)


def extract(zip_path: Path, listing: Listing, into: Path) -> list[Extracted]:
    """Stream every listed entry to ``into/<path>``, hashing it; refuse on any corruption."""
    results = []
    with _open(zip_path) as archive:
        infos = archive.infolist()
        for entry in listing.entries:
            target = into / entry.path
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            written = 0
            with open(target, "xb") as sink:
                for chunk in _chunks(archive, infos[entry.index], entry.zip_name):
                    written += len(chunk)
                    if written > entry.size:
                        raise InputRefused("the entry is larger than its header says", entry=entry.zip_name)
                    digest.update(chunk)
                    sink.write(chunk)
            if written != entry.size:
                raise InputRefused("the entry is shorter than its header says", entry=entry.zip_name)
            results.append(Extracted(entry, target, digest.hexdigest()))
    return results


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The entry's bytes; any failure to read them is the zip's damage, never ours."""
    try:
        with archive.open(info) as source:
            while chunk := source.read(_CHUNK):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise InputRefused(f"the zip is damaged or truncated here ({exc}); download the backup again",
                           entry=name) from None
    except RuntimeError as exc:  # zipfile's way of saying "encrypted"
        raise InputRefused(f"cannot be read: {exc}", entry=name) from None


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
