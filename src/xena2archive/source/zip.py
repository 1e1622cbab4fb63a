"""Reading a backup zip safely: check every entry before any byte is written, then stream them out.

Nothing is extracted blindly. The whole central directory is checked first (paths, links,
encryption, sizes, compression ratios), so a hostile zip is refused before the output exists. Then
each entry is streamed to ``original/`` under a safe, NFC-normalised name (``names``), hashed on the
way. Names that would collide on a case-insensitive or normalising file system are kept apart with
a ``~2`` suffix and reported.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..errors import InputRefused
from .model import CHUNK, ZIP, Extracted, Listing, ZipLimits
from .names import Namer, check_file_folder_clash


def _open(zip_path: Path) -> zipfile.ZipFile:
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


def list_zip(zip_path: Path, limits: ZipLimits = ZipLimits()) -> Listing:
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
    namer = Namer()
    listing = Listing(zip_path, [], kind=ZIP)
    total = 0
    for index, info in enumerate(infos):
        relative = _check_name(info.filename)
        _refuse_unsafe(info)
        if info.is_dir() or not relative.parts:
            listing.folders.append(info.filename)
            continue
        total += info.file_size
        _refuse_too_big(info, total, limits)
        listing.entries.append(namer.entry(info.filename, relative.parts, info.file_size, info.compress_size,
                                           info.date_time, index))
    if not listing.entries:
        what = f"only {len(listing.folders)} empty folder(s)" if listing.folders else "nothing"
        raise InputRefused(f"the zip holds no files ({what}), so it is not a Xena backup and there is nothing to "
                           "archive. Download the backup (Lokal kopi) from Xena again", entry=str(zip_path))
    check_file_folder_clash(listing.entries, "the zip")
    return listing


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


def extract_zip(listing: Listing, into: Path) -> list[Extracted]:
    """Stream every listed entry to ``into/<path>``, hashing it; refuse on any corruption."""
    results = []
    with _open(listing.path) as archive:
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
            while chunk := source.read(CHUNK):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise InputRefused(f"the zip is damaged or truncated here ({exc}); download the backup again",
                           entry=name) from None
    except RuntimeError as exc:  # zipfile's way of saying "encrypted"
        raise InputRefused(f"cannot be read: {exc}", entry=name) from None
