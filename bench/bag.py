"""Benchmark the bag stage against coreutils on the same files, in the same run.

    PYTHONPATH=src python bench/bag.py [--mb 500] [--files 300] [--repeat 3] [--keep]

Generates a payload of random bytes (a mix of many small and a few large files, like scanned
vouchers beside table exports) in a temporary folder, reads it once so that every timing below
sees the same warm page cache, then times, best of ``--repeat``:

* ``write_bag`` with 1 and 2 worker threads (and ``os.cpu_count()`` if larger),
* ``sha256sum`` then ``sha512sum`` over the same files, one after the other, as a shell user would,
* ``sha256sum`` and ``sha512sum`` started together (two processes in parallel),
* for reference: our ``check_bag`` and bagit-python's ``Bag.validate(processes=2)`` on the bag.

Prints MB/s (10^6 bytes) and the ratio write_bag time / coreutils time (< 1: we are faster).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

try:
    from xena2archive.bag.check import check_bag
    from xena2archive.bag.write import BagInfo, write_bag
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from xena2archive.bag.check import check_bag
    from xena2archive.bag.write import BagInfo, write_bag

INFO = BagInfo(
    source_organization="Møllegårdens Tømrer & Snedker ApS (CVR 12345678)",
    external_description="Benchmark-payload",
    external_identifier="sha256:" + "0" * 64,
    bagging_date="2024-03-31",
)


def make_payload(data: Path, total_mb: int, files: int) -> list[Path]:
    """``files`` files of random bytes totalling ``total_mb`` MB; sizes skewed like real bilag."""
    rng = random.Random(8493)
    weights = [rng.paretovariate(1.2) for _ in range(files)]
    scale = total_mb * 1_000_000 / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    paths = []
    for i, size in enumerate(sizes):
        folder = data / ("bilag" if i % 3 else "tabeller") / f"{i // 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"fil {i:04d} æøå.bin"
        with open(path, "wb") as f:
            left = size
            while left:
                n = min(left, 1 << 22)
                f.write(rng.randbytes(n))
                left -= n
        paths.append(path)
    return paths


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def coreutils_sequential(paths: list[Path]) -> tuple[float, float]:
    args = [str(p) for p in paths]
    start = time.perf_counter()
    subprocess.run(["sha256sum", *args], check=True, stdout=subprocess.DEVNULL)
    middle = time.perf_counter()
    subprocess.run(["sha512sum", *args], check=True, stdout=subprocess.DEVNULL)
    return middle - start, time.perf_counter() - middle


def coreutils_parallel(paths: list[Path]) -> None:
    args = [str(p) for p in paths]
    procs = [
        subprocess.Popen([tool, *args], stdout=subprocess.DEVNULL)
        for tool in ("sha256sum", "sha512sum")
    ]
    for proc in procs:
        if proc.wait() != 0:
            raise RuntimeError(f"{proc.args[0]} failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=500, help="payload size in MB (default 500)")
    parser.add_argument("--files", type=int, default=300, help="number of files (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated bag")
    opts = parser.parse_args()
    logging.getLogger("bagit").setLevel(logging.WARNING)

    root = Path(tempfile.mkdtemp(prefix="xena2archive-bench-"))
    try:
        bag = root / "bag"
        t0 = time.perf_counter()
        paths = make_payload(bag / "data", opts.mb, opts.files)
        octets = sum(p.stat().st_size for p in paths)
        print(
            f"payload: {len(paths)} files, {octets / 1e6:.0f} MB in {bag} "
            f"(generated in {time.perf_counter() - t0:.1f} s); "
            f"largest {max(p.stat().st_size for p in paths) / 1e6:.1f} MB"
        )
        print(
            f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}, repeat: best of "
            f"{opts.repeat}, warm page cache"
        )
        for p in paths:  # warm the cache so every contender reads from RAM
            with open(p, "rb") as f:
                while f.read(1 << 22):
                    pass

        rows: list[tuple[str, float]] = []
        worker_counts = sorted({1, 2, os.cpu_count() or 1})
        for workers in worker_counts:
            seconds = best_of(opts.repeat, lambda w=workers: write_bag(bag, INFO, workers=w))
            rows.append((f"write_bag(workers={workers})", seconds))
        seq = [coreutils_sequential(paths) for _ in range(opts.repeat)]
        sha256_s, sha512_s = min(s[0] for s in seq), min(s[1] for s in seq)
        seq_total = min(a + b for a, b in seq)
        rows.append(("sha256sum", sha256_s))
        rows.append(("sha512sum", sha512_s))
        rows.append(("sha256sum; sha512sum (sequential)", seq_total))
        par = best_of(opts.repeat, lambda: coreutils_parallel(paths))
        rows.append(("sha256sum & sha512sum (parallel)", par))
        rows.append(("check_bag(workers=2)", best_of(opts.repeat, lambda: check_bag(bag))))
        try:
            import bagit

            rows.append(
                (
                    "bagit.Bag.validate(processes=2)",
                    best_of(opts.repeat, lambda: bagit.Bag(str(bag)).validate(processes=2)),
                )
            )
        except ImportError:
            pass

        print(f"\n{'what':40} {'seconds':>8} {'MB/s':>8}")
        for name, seconds in rows:
            print(f"{name:40} {seconds:8.2f} {octets / 1e6 / seconds:8.0f}")
        ours = dict(rows)["write_bag(workers=2)"]
        print(f"\nwrite_bag(workers=2) / coreutils sequential = {ours / seq_total:.2f}")
        print(f"write_bag(workers=2) / coreutils parallel   = {ours / par:.2f}")
        problems = check_bag(bag).problems
        print(f"check_bag on the result: {len(problems)} problem(s)")
    finally:
        if opts.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
