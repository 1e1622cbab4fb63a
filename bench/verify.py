"""Benchmark ``xena2archive verify``'s hashing against coreutils on the same bag, in the same run.

    PYTHONPATH=src python bench/verify.py [--mb 500] [--files 300] [--repeat 3]

Makes a bag (``write_bag``: sha256 and sha512 manifests) of a generated payload (many small and a
few large files, as ``bench/bag.py``), reads it once so that every timing sees the same warm page
cache, then times, best of ``--repeat``:

* ``check_bag`` (what ``verify`` does to a bag: every file read once for both algorithms, files in
  parallel threads) with 1 and 2 workers (and ``os.cpu_count()`` if larger);
* ``sha256sum`` then ``sha512sum`` over the same files, one after the other, as a shell user would
  check the two manifests; and the two started together.

The figure is check_bag(2 workers) time / coreutils sequential time (< 1: verify is faster).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bag import INFO, best_of, coreutils_parallel, coreutils_sequential, make_payload

# bench/bag.py has put src/ on the path when xena2archive is not installed
from xena2archive.bag.check import check_bag
from xena2archive.bag.write import write_bag


def measure(mb: int, files: int, repeat: int, work: Path) -> dict[str, float]:
    """Seconds of each contender (best of ``repeat``) and the payload's size, on one bag."""
    bag = work / "bag"
    make_payload(bag / "data", mb, files)
    write_bag(bag, INFO)
    paths = sorted(p for p in bag.rglob("*") if p.is_file() and not p.name.startswith("tagmanifest-"))
    for path in paths:  # warm the cache so every contender reads from RAM
        with open(path, "rb") as f:
            while f.read(1 << 22):
                pass
    report = check_bag(bag)
    if report.problems:
        raise SystemExit(f"the benchmark bag is not valid: {report.problems[:3]}")
    result: dict[str, float] = {"octets": sum(p.stat().st_size for p in paths), "files": len(paths)}
    for workers in sorted({1, 2, os.cpu_count() or 1}):
        result[f"check_bag({workers})"] = best_of(repeat, lambda w=workers: check_bag(bag, workers=w))
    runs = [coreutils_sequential(paths) for _ in range(repeat)]
    result["sha256sum"] = min(a for a, _ in runs)
    result["sha512sum"] = min(b for _, b in runs)
    result["sequential"] = min(a + b for a, b in runs)
    result["parallel"] = best_of(repeat, lambda: coreutils_parallel(paths))
    result["ratio"] = result["check_bag(2)"] / result["sequential"]
    result["ratio_parallel"] = result["check_bag(2)"] / result["parallel"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=500, help="payload size in MB (default 500)")
    parser.add_argument("--files", type=int, default=300, help="number of files (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xena2archive-bench-verify-"))
    try:
        result = measure(opts.mb, opts.files, opts.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mb = result["octets"] / 1e6
    print(f"bag: {int(result['files'])} files, {mb:.0f} MB; cpus: {os.cpu_count()}; "
          f"best of {opts.repeat}, warm page cache\n")
    print(f"{'what':40} {'seconds':>8} {'MB/s':>8}")
    for name, seconds in result.items():
        if name not in ("octets", "files", "ratio", "ratio_parallel"):
            print(f"{name:40} {seconds:8.2f} {mb / seconds:8.0f}")
    print(f"\ncheck_bag(2 workers) / sha256sum; sha512sum (sequential) = {result['ratio']:.2f}")
    print(f"check_bag(2 workers) / sha256sum & sha512sum (parallel)   = {result['ratio_parallel']:.2f}")


if __name__ == "__main__":
    main()
