"""Benchmark of the table path, as ratios against the bare libraries doing the same work in the same run.

    python bench/tables.py [--rows 1000000] [--small 100000]

Prints and returns:
- whole conversion (``xena2archive`` CLI, 2 workers) / bare openpyxl write-only of the same rows
  (csv -> int/Decimal/date -> ``ws.append``), target <= 1.3;
- our JSONL path (scan, typing, JSONL, schema) / bare ``csv`` -> ``json.dumps``, target <= 2;
- peak memory (sum of the RSS of the whole process tree, sampled) at ``--small`` and ``--rows``
  rows: target <= 300 MB and the big figure no more than 1.2x the small one.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ledger

EPOCH = dt.date(1970, 1, 1)


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def run_measured(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak tree RSS (bytes) and exit code of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{command} failed:\n{err.decode(errors='replace')}")
    return time.perf_counter() - start, peak, process.returncode


def extract_csv(backup: Path, into: Path) -> Path:
    with zipfile.ZipFile(backup) as archive:
        archive.extract("Data/LedgerPostDto.csv", into)
    return into / "Data/LedgerPostDto.csv"


def _typed(header: list[str]):  # type: ignore[no-untyped-def]
    """The conversions a careful hand-written script would do, column by column."""
    decimals = {"Amount", "CurrencyAmount", "VatAmount", "RunningTotal"}
    ints = {"FiscalSetupId", "Id", "Version", "EconomicTransactionId", "VoucherId", "VoucherNumber",
            "FiscalDateDays", "RegistrationDateDays", "LedgerTagId", "LedgerTagNumber", "VatId", "PartnerId"}
    convert = []
    for name in header:
        if name in decimals:
            convert.append(lambda t: Decimal(t.replace(".", "").replace(",", ".")) if t else None)
        elif name in ints:
            convert.append(lambda t: int(t) if t else None)
        elif name == "CreatedAt":
            convert.append(lambda t: dt.datetime.fromisoformat(t[:26].rstrip("Z")) if t else None)
        else:
            convert.append(lambda t: t or None)
    return convert


def bare_openpyxl(source: Path, target: Path) -> float:
    from openpyxl import Workbook

    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("LedgerPostDto")
    with open(source, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        sheet.append(header)
        convert = _typed(header)
        for row in reader:
            sheet.append([f(v) for f, v in zip(convert, row)])
    workbook.save(target)
    return time.perf_counter() - start


def bare_json(source: Path, target: Path) -> float:
    start = time.perf_counter()
    with open(source, encoding="utf-8-sig", newline="") as handle, open(target, "w", encoding="utf-8") as out:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        for row in reader:
            out.write(json.dumps(dict(zip(header, row)), ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def our_jsonl(source: Path, target_dir: Path) -> float:
    from xena2archive.tables.convert import prepare_table, write_table_jsonl
    from xena2archive.tables.table import TableSource

    start = time.perf_counter()
    prepared = prepare_table([TableSource("LedgerPostDto", source, source.name, "csv")])
    write_table_jsonl(prepared, target_dir)
    return time.perf_counter() - start


def measure(rows: int, small: int, work: Path, rounds: int = 3) -> dict[str, float]:
    """Every table figure, in seconds and MB; the bare and our JSONL sides alternate ``rounds``
    times and the best of each counts (a busy machine only ever adds time)."""
    work.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "xena2archive"]
    figures: dict[str, float] = {}
    for n in (small, rows):
        backup = work / f"ledger-{n}.zip"
        if not backup.exists():
            ledger.write_backup(backup, n)
        out = work / f"out-{n}"
        seconds, peak, _ = run_measured([*cli, str(backup), str(out), "--force", "--jobs", "2", "--quiet"])
        figures[f"rss_{n}"] = peak / 1024**2
        figures[f"ours_{n}"] = seconds
    source = extract_csv(work / f"ledger-{rows}.zip", work / "src")
    figures["bare_openpyxl"] = bare_openpyxl(source, work / "bare.xlsx")
    (work / "ours").mkdir(exist_ok=True)
    bare, ours = [], []
    for _ in range(rounds):
        bare.append(bare_json(source, work / "bare.jsonl"))
        ours.append(our_jsonl(source, work / "ours"))
    figures["bare_json"], figures["ours_jsonl"] = min(bare), min(ours)
    return figures


def report(figures: dict[str, float], rows: int, small: int) -> list[tuple[str, str, str, str, str, bool]]:
    """(figure, ours, bare, ratio, target, met) for each target of the table path."""
    whole = figures[f"ours_{rows}"] / figures["bare_openpyxl"]
    jsonl = figures["ours_jsonl"] / figures["bare_json"]
    growth = figures[f"rss_{rows}"] / figures[f"rss_{small}"]
    big = max(figures[f"rss_{rows}"], figures[f"rss_{small}"])
    return [
        (f"whole conversion of {rows:,} rows (CLI, 2 workers) / bare openpyxl write-only",
         f"{figures[f'ours_{rows}']:.1f} s", f"{figures['bare_openpyxl']:.1f} s", f"{whole:.2f}", "<= 1.3",
         whole <= 1.3),
        (f"JSONL + schema path / bare csv -> json.dumps ({rows:,} rows, best of 3)",
         f"{figures['ours_jsonl']:.1f} s", f"{figures['bare_json']:.1f} s", f"{jsonl:.2f}", "<= 2", jsonl <= 2),
        (f"peak RSS of the whole process tree, {small:,} / {rows:,} rows",
         f"{figures[f'rss_{small}']:.0f} MB / {figures[f'rss_{rows}']:.0f} MB", "", f"{growth:.2f}",
         "<= 300 MB, <= 1.2", big <= 300 and growth <= 1.2),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="xena2archive-bench-"))
    figures = measure(args.rows, args.small, work)
    for name, ours, bare, ratio, target, met in report(figures, args.rows, args.small):
        print(f"{name}: {ours} vs {bare}: ratio {ratio} (target {target}: {'met' if met else 'NOT met'})")


if __name__ == "__main__":
    main()
