"""List the files of a bag without following symbolic links (shared by the writer and checker)."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .. import findings as F
from ..findings import Finding

__all__ = ["Walk", "walk"]


@dataclasses.dataclass
class Walk:
    """Regular files found under a folder, and what could not be listed or is not a file."""

    files: dict[str, str]  # bag-relative path -> absolute path (regular files only)
    sizes: dict[str, int]
    problems: list[tuple[str, Finding]]  # (bag-relative path, what is wrong)


def walk(root: Path, rel: str, skip_top: Iterable[str] = ()) -> Walk:
    """List regular files under ``root/rel`` without following symbolic links."""
    out = Walk({}, {}, [])
    skip = set(skip_top)
    stack = [rel]
    while stack:
        here = stack.pop()
        try:
            entries = list(os.scandir(root / here if here else root))
        except OSError as exc:
            out.problems.append((here or ".", F.BAG_CANNOT_LIST(here or ".", error=exc.strerror)))
            continue
        for entry in entries:
            relpath = f"{here}/{entry.name}" if here else entry.name
            if not here and entry.name in skip:
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                out.problems.append((relpath, F.BAG_CANNOT_READ(relpath, error=exc.strerror)))
                continue
            if stat.S_ISLNK(mode):
                out.problems.append((relpath, F.BAG_SYMLINK(relpath)))
            elif stat.S_ISDIR(mode):
                stack.append(relpath)
            elif stat.S_ISREG(mode):
                out.files[relpath] = entry.path
                out.sizes[relpath] = entry.stat(follow_symlinks=False).st_size
            else:
                out.problems.append((relpath, F.BAG_SPECIAL_FILE(relpath)))
    return out

