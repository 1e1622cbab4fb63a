"""Run a conversion into a small disk and fill that disk at one chosen moment (for test_exit_codes).

    python full_disk_run.py DISK BACKUP MOMENT [CLI ARGS...]

DISK is a freshly mounted tmpfs (the test mounts it in a mount namespace of its own, so nothing
outside this process sees it and it goes away with it). MOMENT says when every free byte of DISK is
taken, as another program writing would take it, so that the conversion meets a real "No space
left on device" from the kernel:

* ``worker``: in a pool worker, just before it writes a table's JSONL. The main process only waits
  while the JSONL are written, so the full disk is met by a worker (this one, or one writing a
  workbook meanwhile), which says so on stderr before its error reaches the main process;
* ``bag``: in the main process, just before the bag's manifests are written; an archive is
  converted into DISK/out first (so ``--force`` has an old archive to keep).

Prints JSON: the exit code, what is left in DISK, and the sha256 of every file of DISK/out before
and after the failing run (None where there was none).
"""

from __future__ import annotations

import errno
import hashlib
import json
import sys
from pathlib import Path
from typing import Any
from collections.abc import Callable

from xena2archive import cli, run
from xena2archive.tables import convert as tables


def fill(disk: Path) -> None:
    """Take every free byte of ``disk``."""
    with open(disk / "filler", "ab", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * (1 << 20))  # unbuffered: a short write, then ENOSPC
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise


def saying(original: Callable[..., Any], say: str) -> Callable[..., Any]:
    """``original``, printing ``say`` when it meets a full disk, before the error goes on."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return original(*args, **kwargs)
        except OSError as error:
            if error.errno == errno.ENOSPC:
                print(say, file=sys.stderr, flush=True)
            raise

    return wrapper


def filling_first(disk: Path, original: Callable[..., Any]) -> Callable[..., Any]:
    """``original``, after every free byte of ``disk`` is taken."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fill(disk)
        return original(*args, **kwargs)

    return wrapper


def snapshot(folder: Path) -> dict[str, str] | None:
    if not folder.is_dir():
        return None
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> None:
    disk, backup, moment, *args = sys.argv[1:]
    disk_path, out = Path(disk), Path(disk) / "out"
    if moment == "bag":
        if cli.main([backup, str(out), "--quiet"]) != 0:
            raise SystemExit("the first run did not convert the backup")
        run.write_bag = filling_first(disk_path, run.write_bag)
    elif moment == "worker":  # the pool's workers are forked later, and inherit this
        said = "a table worker met a full disk"
        tables.write_jsonl = filling_first(disk_path, saying(tables.write_jsonl, said))
        tables.write_xlsx = saying(tables.write_xlsx, said)
    else:
        raise SystemExit(f"unknown moment {moment!r}")
    before = snapshot(out)
    code = cli.main([backup, str(out), "--quiet", *args])
    print(json.dumps({"code": code, "left": sorted(p.name for p in disk_path.iterdir()), "before": before,
                      "after": snapshot(out)}))


if __name__ == "__main__":
    main()
