"""Backups per hour on this machine: a batch run the way the README says, over a mix of sizes.

    PYTHONPATH=src python bench/batch.py [--small 4] [--medium 2] [--large 1] [--large-rows 100000]
                                         [--split 2x1 --split 1x2]

Generates a batch like an accounting firm's (not part of ``bench/run``; a few minutes):

* small: the sample company (400 ledger posts, 24 tables, 14 documents of its own) plus 60
  scanned and printed vouchers (``doc_corpus.make_corpus("vouchers")``);
* medium: the sample with 4,000 posts plus 300 vouchers;
* large: a ledger of ``--large-rows`` rows and nothing else (``ledger.write_backup``).

Then, for each ``RUNSxJOBS`` split of the machine's cores, converts the whole batch with the
README's one-liner (``xargs -P RUNS ... --jobs JOBS --summary-json``), and prints: wall time,
backups per hour, the CPU seconds of all the runs together and per backup of each size (from the
summary lines' seconds and the children's rusage), and the peak memory of one run (the RSS of its
whole process tree, sampled every 50 ms) and of the batch (all runs at once).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import doc_corpus
import ledger
from sample_backup import write_sample_backup
from tables import tree_rss

XENA = shutil.which("xena2archive", path=str(Path(sys.executable).parent)) or "xena2archive"


def sample_with_vouchers(path: Path, posts: int, vouchers: int, seed: int, scratch: Path) -> None:
    """The sample company with ``posts`` ledger posts, plus ``vouchers`` voucher PDFs in its zip."""
    write_sample_backup(path, posts=posts, seed=seed)
    folder = scratch / path.stem
    folder.mkdir()
    doc_corpus.make_corpus("vouchers", folder, vouchers, 1)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for pdf in sorted(folder.iterdir()):
            archive.write(pdf, f"Dokumenter/Indbakke/{path.stem}-{pdf.name}")
    shutil.rmtree(folder)


def make_batch(folder: Path, small: int, medium: int, large: int, large_rows: int) -> dict[str, str]:
    """The zips, in ``folder``; returns {zip name: size class}."""
    sizes = {}
    scratch = folder / "scratch"
    scratch.mkdir()
    for n in range(small):
        sample_with_vouchers(folder / f"small-{n}.zip", 400, 60, seed=10 + n, scratch=scratch)
        sizes[f"small-{n}.zip"] = "small"
    for n in range(medium):
        sample_with_vouchers(folder / f"medium-{n}.zip", 4000, 300, seed=20 + n, scratch=scratch)
        sizes[f"medium-{n}.zip"] = "medium"
    for n in range(large):
        ledger.write_backup(folder / f"large-{n}.zip", large_rows)
        sizes[f"large-{n}.zip"] = "large"
    scratch.rmdir()
    return sizes


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process tree so far: each live process's own and its waited-for children's."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        stack.extend(children(current))
    return total / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def run_batch(zips: Path, archives: Path, summary: Path, runs: int,
              jobs: int) -> tuple[dict[str, float], dict[str, float]]:
    """The README's one-liner, timed, with the memory and CPU of each run and of all of them sampled;
    (figures of the batch, CPU seconds of each backup by its zip's name)."""
    command = (f'find "{zips}" -name "*.zip" -print0 | xargs -0 -P {runs} -I{{}} sh -c '
               f'\'{XENA} "$1" "{archives}/$(basename "$1" .zip)" --quiet --jobs {jobs} '
               f'--summary-json "{summary}" || [ $? -le 1 ]\' _ {{}}')
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(["sh", "-c", command])
    peaks: dict[int, int] = {}
    cpu_of: dict[str, float] = {}  # zip name -> CPU seconds (sampled: the last 50 ms of a run are missed)
    batch_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal batch_peak
        while not done.is_set():
            now = 0
            for xargs in children(process.pid):
                for shell in children(xargs):  # sh -c, one per run; its tree is the run
                    rss = tree_rss(shell)
                    peaks[shell] = max(peaks.get(shell, 0), rss)
                    now += rss
                    try:
                        with open(f"/proc/{shell}/cmdline", "rb") as handle:
                            name = Path(os.fsdecode(handle.read().split(b"\0")[-2])).name
                    except (OSError, IndexError):
                        continue
                    cpu_of[name] = max(cpu_of.get(name, 0.0), tree_cpu(shell))
            batch_peak = max(batch_peak, now)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"the batch failed (exit {process.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return ({"wall": wall, "cpu": cpu, "run_peak_mb": max(peaks.values()) / 1e6, "batch_peak_mb": batch_peak / 1e6},
            cpu_of)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=4)
    parser.add_argument("--medium", type=int, default=2)
    parser.add_argument("--large", type=int, default=1)
    parser.add_argument("--large-rows", type=int, default=100_000)
    parser.add_argument("--split", action="append", help="RUNSxJOBS (default: 2x1 and 1x2)")
    args = parser.parse_args()
    splits = [tuple(map(int, s.split("x"))) for s in args.split or ["2x1", "1x2"]]
    with tempfile.TemporaryDirectory(prefix="xena2archive-batch-") as temp:
        work = Path(temp)
        zips = work / "zips"
        zips.mkdir()
        sizes = make_batch(zips, args.small, args.medium, args.large, args.large_rows)
        megabytes = sum(p.stat().st_size for p in zips.iterdir()) / 1e6
        print(f"batch: {len(sizes)} backups ({args.small} small, {args.medium} medium, {args.large} large of "
              f"{args.large_rows:,} rows), {megabytes:.1f} MB of zips; {os.cpu_count()} cores, "
              f"load {os.getloadavg()[0]:.1f} at the start")
        for runs, jobs in splits:
            archives, summary = work / f"archives-{runs}x{jobs}", work / f"summary-{runs}x{jobs}.jsonl"
            figures, cpu_of = run_batch(zips, archives, summary, runs, jobs)
            lines = [json.loads(line) for line in summary.read_text(encoding="utf-8").splitlines()]
            assert len(lines) == len(sizes) and all(line["exit_code"] in (0, 1) for line in lines), lines
            per_class: dict[str, list[tuple[float, float]]] = {}
            for line in lines:
                name = Path(line["backup"]).name
                per_class.setdefault(sizes[name], []).append((line["seconds"], cpu_of.get(name, float("nan"))))
            each = "; ".join(f"{k}: {sum(w for w, _ in v) / len(v):.1f} s wall, "
                             f"{sum(c for _, c in v) / len(v):.1f} s CPU"
                             for k, v in per_class.items())
            print(f"{runs} runs x --jobs {jobs}: {figures['wall']:.0f} s for the batch, "
                  f"{len(sizes) / figures['wall'] * 3600:.0f} backups/hour; CPU {figures['cpu']:.0f} s in all, "
                  f"{figures['cpu'] / len(sizes):.1f} s per backup ({os.cpu_count()} cores busy with it alone: "
                  f"{len(sizes) / figures['cpu'] * 3600 * (os.cpu_count() or 1):.0f} backups/hour); "
                  "per run, on average: "
                  f"{each}; peak memory: one run {figures['run_peak_mb']:.0f} MB, the batch "
                  f"{figures['batch_peak_mb']:.0f} MB; load {os.getloadavg()[0]:.1f} at the end")
            shutil.rmtree(archives)


if __name__ == "__main__":
    main()
