"""Benchmark of the table path, as ratios against the bare libraries doing the same work in the same run.

    python bench/tables.py [--rows 1000000] [--small 100000]

Prints and returns:
- whole conversion (``xena2archive`` CLI, 2 workers) / bare openpyxl write-only of the same rows
  (csv -> int/Decimal/date -> ``ws.append``), target <= 0.5 (issue 32; it was 1.3);
- our JSONL path (scan, typing, JSONL, schema) / bare ``csv`` -> ``json.dumps``, target <= 1
  (issue 32; it was 2);
- peak memory (sum of the RSS of the whole process tree, sampled) at ``--small`` and ``--rows``
  rows: target <= 300 MB and the big figure no more than 1.2x the small one.

and, as notes, at ``--small`` rows: the workbook alone (our scan, typing and workbook in one
process) against bare openpyxl write-only and bare XlsxWriter (constant memory, ``write_row``)
of the same rows; the JSON encoding of the same typed rows by the standard library, by msgspec
(ours) and by orjson (if installed), and whether their bytes are the same.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import multiprocessing
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


def _tree(pid: int) -> tuple[list[int], dict[int, int]]:
    """A process and all its descendants, from /proc, with each one's resident bytes."""
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
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        stack.extend(children.get(current, []))
    return tree, rss


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (a page a forked worker shares with its
    parent counts once per process)."""
    tree, rss = _tree(pid)
    return sum(rss.get(p, 0) for p in tree)


def tree_pss(pid: int) -> int:
    """Proportional bytes of a process and all its descendants (``Pss`` of ``smaps_rollup``: a
    shared page is split between the processes that share it), what the tree really holds."""
    total = 0
    for p in _tree(pid)[0]:
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:")) * 1024
        except (OSError, StopIteration):
            continue
    return total


def run_measured(command: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, peak tree RSS and peak tree PSS (bytes), and exit code of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            peak_pss = max(peak_pss, tree_pss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{command} failed:\n{err.decode(errors='replace')}")
    return time.perf_counter() - start, peak, peak_pss, process.returncode


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


def bare_xlsxwriter(source: Path, target: Path) -> float:
    import xlsxwriter

    start = time.perf_counter()
    workbook = xlsxwriter.Workbook(str(target), {
        "constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
        "default_date_format": "yyyy-mm-dd h:mm:ss"})
    sheet = workbook.add_worksheet("LedgerPostDto")
    with open(source, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        sheet.write_row(0, 0, header)
        convert = _typed(header)
        for number, row in enumerate(reader, start=1):
            sheet.write_row(number, 0, [f(v) for f, v in zip(convert, row)])
    workbook.close()
    return time.perf_counter() - start


def our_workbook(source: Path, target_dir: Path) -> float:
    """Our scan, typed rows and workbook of the table, in this process."""
    from xena2archive.tables.convert import prepare_table, write_table_xlsx
    from xena2archive.tables.table import TableSource

    start = time.perf_counter()
    prepared = prepare_table([TableSource("LedgerPostDto", source, source.name, "csv")])
    write_table_xlsx(prepared, target_dir, dt.datetime(2025, 1, 31, 12))
    return time.perf_counter() - start


def serializers(source: Path, work: Path, rounds: int = 3) -> dict[str, float]:
    """CPU seconds (best of ``rounds``) to write the table's typed rows as JSON lines: the standard
    library's encoder, msgspec (what the JSONL path uses) and orjson if installed; ``same`` is 1
    when all wrote the same bytes."""
    from xena2archive.tables.convert import prepare_table
    from xena2archive.tables.jsonl import LineWriter
    from xena2archive.tables.table import TableSource, TypedRow, rows

    plan = prepare_table([TableSource("LedgerPostDto", source, source.name, "csv")]).plan()
    typed = [item.values for item in rows(plan) if isinstance(item, TypedRow)]

    def stdlib(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            for row in typed:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")

    def msgspec(path: Path) -> None:
        with open(path, "wb") as out, LineWriter(out) as lines:
            for row in typed:
                lines.write(row)

    writers = {"stdlib": stdlib, "msgspec": msgspec}
    try:
        import orjson

        def orjson_(path: Path) -> None:
            dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
            with open(path, "wb") as out:
                for row in typed:
                    out.write(dumps(row, option=newline))

        writers["orjson"] = orjson_
    except ImportError:
        pass
    figures: dict[str, float] = {}
    for _ in range(rounds):
        for name, write in writers.items():
            start = time.process_time()
            write(work / f"serialized-{name}.jsonl")
            figures[name] = min(figures.get(name, float("inf")), time.process_time() - start)
    reference = (work / "serialized-stdlib.jsonl").read_bytes()
    figures["same"] = float(all((work / f"serialized-{name}.jsonl").read_bytes() == reference for name in writers))
    figures["rows"] = len(typed)
    return figures


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
        seconds, peak, peak_pss, _ = run_measured([*cli, str(backup), str(out), "--force", "--jobs", "2", "--quiet"])
        figures[f"rss_{n}"], figures[f"pss_{n}"] = peak / 1024**2, peak_pss / 1024**2
        figures[f"ours_{n}"] = seconds
    source = extract_csv(work / f"ledger-{rows}.zip", work / "src")
    figures["bare_openpyxl"] = bare_openpyxl(source, work / "bare.xlsx")
    (work / "ours").mkdir(exist_ok=True)
    bare, ours = [], []
    for _ in range(rounds):
        bare.append(bare_json(source, work / "bare.jsonl"))
        ours.append(our_jsonl(source, work / "ours"))
    figures["bare_json"], figures["ours_jsonl"] = min(bare), min(ours)
    small_source = extract_csv(work / f"ledger-{small}.zip", work / "small")
    (work / "small-ours").mkdir(exist_ok=True)
    figures["small_ours_xlsx"] = our_workbook(small_source, work / "small-ours")
    figures["small_bare_openpyxl"] = bare_openpyxl(small_source, work / "small-bare.xlsx")
    figures["small_bare_xlsxwriter"] = bare_xlsxwriter(small_source, work / "small-bare-xlsxwriter.xlsx")
    # in a process of its own: the typed rows it holds would stay in this one's memory, and the
    # measurements that follow (SAF-T, datapackage) start their processes from it
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        figures.update({f"json_{k}": v for k, v in pool.apply(serializers, (small_source, work)).items()})
    return figures


def report(figures: dict[str, float], rows: int, small: int) -> list[tuple[str, str, str, str, str, bool]]:
    """(figure, ours, bare, ratio, target, met) for each target of the table path."""
    whole = figures[f"ours_{rows}"] / figures["bare_openpyxl"]
    jsonl = figures["ours_jsonl"] / figures["bare_json"]
    growth = figures[f"pss_{rows}"] / figures[f"pss_{small}"]
    big = max(figures[f"pss_{rows}"], figures[f"pss_{small}"])
    return [
        (f"whole conversion of {rows:,} rows (CLI, 2 workers) / bare openpyxl write-only",
         f"{figures[f'ours_{rows}']:.1f} s", f"{figures['bare_openpyxl']:.1f} s", f"{whole:.2f}", "<= 0.5",
         whole <= 0.5),
        (f"JSONL + schema path / bare csv -> json.dumps ({rows:,} rows, best of 3)",
         f"{figures['ours_jsonl']:.1f} s", f"{figures['bare_json']:.1f} s", f"{jsonl:.2f}", "<= 1", jsonl <= 1),
        (f"peak PSS of the whole process tree, {small:,} / {rows:,} rows (RSS: {figures[f'rss_{small}']:.0f} / "
         f"{figures[f'rss_{rows}']:.0f} MB)",
         f"{figures[f'pss_{small}']:.0f} MB / {figures[f'pss_{rows}']:.0f} MB", "", f"{growth:.2f}",
         "<= 300 MB, <= 1.2", big <= 300 and growth <= 1.2),
    ]


def notes(figures: dict[str, float], small: int) -> list[str]:
    """The workbook alone and the JSON encoders, for the notes under the figures."""
    ours, openpyxl_, xlsxwriter_ = (figures[k] for k in ("small_ours_xlsx", "small_bare_openpyxl",
                                                           "small_bare_xlsxwriter"))
    encoders = [f"{name} {figures[f'json_{name}']:.2f} s" for name in ("stdlib", "msgspec", "orjson")
                if f"json_{name}" in figures]
    return [
        f"Workbook alone, {small:,} rows, one process: ours (scan, typed rows, XlsxWriter) {ours:.1f} s; bare "
        f"openpyxl write-only {openpyxl_:.1f} s (ours / bare {ours / openpyxl_:.2f}); bare XlsxWriter constant "
        f"memory with write_row {xlsxwriter_:.1f} s (ours / bare {ours / xlsxwriter_:.2f}).",
        f"JSON lines of the same {figures['json_rows']:,.0f} typed rows, CPU, best of 3: {', '.join(encoders)} "
        f"(msgspec / stdlib {figures['json_msgspec'] / figures['json_stdlib']:.2f}); the same bytes: "
        f"{'yes' if figures['json_same'] else 'NO'}.",
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
    for note in notes(figures, args.small):
        print(note)


if __name__ == "__main__":
    main()
