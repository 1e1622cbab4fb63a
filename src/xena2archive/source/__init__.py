"""The source stage: the backup read safely, a zip (``zip``) or the folder it was unpacked to (``folder``).

    listing = list_backup(path, limits)     # checked before anything is written; refuses what is hostile
    extracted = extract(listing, original)  # every file kept byte for byte under a safe name, hashed
    identifier(listing)                     # "sha256:<zip>" or "manifest-sha256:<folder>" (bag-info, batches)

Either way the entries, and so the archive's tables, copies and originals, are the same.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputRefused
from .folder import extract_folder, folder_digest, list_folder
from .model import FOLDER, ZIP, Entry, Extracted, Listing, Skipped, ZipLimits, sha256_file
from .zip import extract_zip, list_zip

ZIP_IDENTIFIER, FOLDER_IDENTIFIER = "sha256:", "manifest-sha256:"


def list_backup(path: Path, limits: ZipLimits = ZipLimits()) -> Listing:
    """The checked table of contents of the backup at ``path``: a zip, or a folder."""
    path = Path(path)
    if path.is_dir():
        return list_folder(path, limits)
    if not path.is_file():
        raise InputRefused("the file does not exist or is not a regular file", entry=str(path))
    return list_zip(path, limits)


def extract(listing: Listing, into: Path) -> list[Extracted]:
    """Every file of the backup to ``into/<entry path>``, hashed on the way."""
    return extract_folder(listing, into) if listing.kind == FOLDER else extract_zip(listing, into)


def identifier(listing: Listing) -> str:
    """What identifies the backup: the zip's sha256, or the sha256 of the folder's manifest."""
    if listing.kind == FOLDER:
        return f"{FOLDER_IDENTIFIER}{folder_digest(listing)}"
    return f"{ZIP_IDENTIFIER}{sha256_file(listing.path)}"


def backup_identifier(path: Path, limits: ZipLimits = ZipLimits()) -> str:
    """``identifier`` of the backup at ``path``, without converting it (raises as ``list_backup``)."""
    path = Path(path)
    return identifier(list_folder(path, limits)) if path.is_dir() else f"{ZIP_IDENTIFIER}{sha256_file(path)}"


__all__ = ["FOLDER", "FOLDER_IDENTIFIER", "ZIP", "ZIP_IDENTIFIER", "Entry", "Extracted", "Listing", "Skipped",
           "ZipLimits", "backup_identifier", "extract", "identifier", "list_backup", "sha256_file"]
