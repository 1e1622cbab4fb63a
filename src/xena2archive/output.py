"""The output transaction: nothing appears in ``out/`` until the archive is whole.

The archive is written into a hidden sibling of ``out/`` (same file system), and the last step
renames it into place. A run that is killed leaves only its hidden folder, which the next run
removes; a ``--force`` run killed between its two renames has its old archive put back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputProblem, UsageError
from .fmt import shown
from .source import Listing


def check_output(out: Path, force: bool, backup: Path | None = None) -> None:
    """Refuse to write over anything unless asked to (after putting back an archive a killed
    ``--force`` run had moved aside), into the backup folder being read, or at a path whose bytes
    are no UTF-8."""
    where = str(out.absolute())
    if shown(where) != where:
        raise UsageError(f"the path of {shown(where)} holds bytes that are no UTF-8 (shown as \\x escapes); the "
                         "programs and libraries the archive is made with cannot all write there: choose a folder "
                         "whose path is UTF-8")
    if backup is not None and backup.is_dir() and _inside(out, backup):
        raise UsageError(f"{out} is inside the backup folder {backup}; write the archive somewhere else")
    restore_replaced(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(f"{out} is not empty; choose an empty folder or add --force to replace it")


def _inside(path: Path, folder: Path) -> bool:
    return path.absolute().resolve().is_relative_to(folder.absolute().resolve())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _left_by_dead_runs(out: Path, suffix: str) -> list[Path]:
    """The folders ``.<out>.xena2archive-<pid><suffix>`` beside ``out`` whose run is gone (or is
    this process: a pid is reused only once its first owner is dead)."""
    found = []
    for path in sorted(out.absolute().parent.glob(f".{out.name}.xena2archive-*{suffix}")):
        pid = path.name.removesuffix(suffix).rsplit("-", 1)[-1]
        if pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
            found.append(path)
    return found


def restore_replaced(out: Path) -> None:
    """Undo the half of a ``--force`` replacement that a killed run left done.

    ``publish`` moves the old archive aside (``.<out>.xena2archive-<pid>.tmp.old``), renames the
    new one into place and deletes the old. A run killed between the two renames leaves no
    ``out/`` and the old archive aside: it is put back, as that run never said it finished.
    With ``out/`` in place, an old archive left aside is deleted (the replacement had happened).
    """
    for aside in _left_by_dead_runs(out, ".tmp.old"):
        if out.exists() or out.is_symlink():
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(aside, out)


def staging_dir(out: Path) -> Path:
    """A fresh temporary folder beside ``out`` (same file system, so the final rename is atomic).

    Folders left by a run that was killed (its process is gone) are removed first.
    """
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in _left_by_dead_runs(out, ".tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = parent / f".{out.name}.xena2archive-{os.getpid()}.tmp"
    staging.mkdir()
    return staging


def check_space(listing: Listing, where: Path) -> None:
    """Fail early when the disk cannot hold originals, tables and documents (about 3x the input).

    ``where`` is the staging folder beside out/; the message names the folder the user chose."""
    needed = listing.total_bytes * 3 + 64 * 1024**2
    free = shutil.disk_usage(where).free
    if free < needed:
        raise OutputProblem(
            f"not enough free disk space in {where.parent} for the archive: about {needed // 1024**2:,} MB "
            f"needed, {free // 1024**2:,} MB free. Free some space, or write the archive to another disk"
        )


def publish(staging: Path, out: Path) -> None:
    """Move the finished bag into place: the one step that makes ``out/`` appear."""
    if out.exists():
        trash = staging.with_name(staging.name + ".old")
        os.replace(out, trash)
        os.replace(staging, out)
        shutil.rmtree(trash)
    else:
        os.replace(staging, out)


@contextlib.contextmanager
def staged(out: Path, listing: Listing) -> Iterator[Path]:
    """A fresh staging folder beside ``out`` with room for the archive of ``listing``: renamed to
    ``out`` when the block ends, removed when it raises or is interrupted."""
    staging = staging_dir(out)
    try:
        check_space(listing, staging)
        yield staging
        publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
