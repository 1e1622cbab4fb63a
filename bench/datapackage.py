"""Benchmark of the datapackage stage (foreign keys checked in the data, datapackage.json written).

    PYTHONPATH=src python bench/datapackage.py [--rows 1000000] [--work DIR]

Writes, the way the table stage does (catalogue columns, our JSONL encoder, output schemas),
``--rows`` LedgerPostDto rows, one VoucherDto row per two postings, and the small tables they
refer to (FiscalSetupDto, LedgerTagDto, PartnerDto, VatDto, DepartmentDto, Bearer); one posting
in a thousand points to a voucher that is not there. Then, in a fresh process each, times:

* ours: ``datapackage.write`` (read every JSONL once for its hash, the target tables' keys and
  every posting's references; check them; write datapackage.json), with its peak RSS;
* bare, a floor: sha256 of the same JSONL files, chunk by chunk (what any package writer must do);
* bare, naive: ``json.loads`` of every line of the same files (a check that parses each row).

Prints seconds, peak RSS and the ratios ours / floor and ours / naive.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

try:
    from xena2archive import catalogue
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from xena2archive import catalogue
from xena2archive.model import Kind, TableStats
from xena2archive.tables.jsonl import LineWriter
from xena2archive.tables.schema import output_schema, write_schema

SAMPLE = {Kind.int32: 1, Kind.int64: None, Kind.date_days: 19358, Kind.decimal: "-1234.50", Kind.boolean: False,
          Kind.datetime: "2023-01-15T15:26:34.3344845Z", Kind.date: "2023-01-01",
          Kind.guid: "d049eedd-a301-4e55-a61c-9da55f398077", Kind.string: "Bilag – købmand Ærø", Kind.array: []}


def write_table(tables: Path, name: str, n: int, values: Any) -> dict[str, Any]:
    """One table of ``n`` rows (``values(i)`` gives the columns that differ) and the fields of its
    ``TableResult``, as the table stage would report it."""
    spec = catalogue.load()[name]
    columns = list(spec.columns)
    base = {c.name: SAMPLE[c.kind] for c in columns}
    stats = TableStats()
    with open(tables / f"{name}.jsonl", "wb") as out, LineWriter(out) as lines:
        for i in range(n):
            lines.write({**base, **values(i)})
    first = {**base, **values(0)}
    for c in columns:  # null where the rows hold one: PartnerId and VatId are null on some postings
        stats.of(c.name).nullable = first[c.name] is None or c.name in {"PartnerId", "VatId"}
    write_schema(tables / f"{name}.schema.json", output_schema(spec, columns, stats, key="Id"))
    return {"table": name, "description": spec.description_da, "known": True, "source": f"Data/{name}.xml",
            "entry": f"Data/{name}.xml", "format": "xml", "encoding": "utf-8", "delimiter": None, "decimal": None,
            "key": "Id", "columns": [(c.name, c.kind.value) for c in columns], "rows_read": n, "rows_written": n,
            "rejects": 0, "first_reject": None, "kept_as_text": 0, "examples": [],
            "outputs": {"jsonl": f"{name}.jsonl", "schema": f"{name}.schema.json"}, "duplicate_keys": [],
            "duplicate_key_count": 0, "broken": None, "header_problem": None}


def generate(data: Path, rows: int) -> list[dict[str, Any]]:
    tables = data / "tables"
    tables.mkdir(parents=True)
    vouchers = rows // 2
    small = {"FiscalSetupDto": 1, "LedgerTagDto": 60, "PartnerDto": 500, "VatDto": 8, "DepartmentDto": 4,
             "Bearer": 3}
    entries = [write_table(tables, name, n, lambda i, name=name: {"Id": 1000 + i, "FiscalSetupId": 1000})
               for name, n in small.items()]
    entries.append(write_table(tables, "VoucherDto", vouchers,
                               lambda i: {"Id": 4294967296 + i, "FiscalSetupId": 1000}))

    def posting(i: int) -> dict[str, Any]:
        voucher = 4294967296 + i // 2 + (vouchers if i % 1000 == 999 else 0)  # one in a thousand dangles
        return {"Id": 8589934592 + i, "FiscalSetupId": 1000, "VoucherId": voucher, "LedgerTagId": 1000 + i % 60,
                "PartnerId": 1000 + i % 500 if i % 3 == 0 else None, "VatId": 1000 + i % 8 if i % 4 == 0 else None,
                "Dimensions.DepartmentId": 1000 + i % 4, "Dimensions.BearerId": 1000 + i % 3}

    entries.append(write_table(tables, "LedgerPostDto", rows, posting))
    return entries


OURS = """
import json, resource, sys, time
from pathlib import Path
from xena2archive.exports import datapackage
from xena2archive.books.model import Company
from xena2archive.tables.convert import TableResult
data = Path(sys.argv[1])
tables = [TableResult(**e) for e in json.loads((data / "entries.json").read_text())]
start = time.perf_counter()
relations = datapackage.write(data, tables, Company()).relations
seconds = time.perf_counter() - start
dangling = sum(r.dangling for r in relations)
print(json.dumps({"seconds": seconds, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "dangling": dangling, "relations": sum(r.declared for r in relations)}))
"""

FLOOR = """
import hashlib, json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
for path in sorted(Path(sys.argv[1], "tables").glob("*.jsonl")):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

NAIVE = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
for path in sorted(Path(sys.argv[1], "tables").glob("*.jsonl")):
    with open(path, "rb") as handle:
        for line in handle:
            json.loads(line)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def run(code: str, data: Path) -> dict[str, Any]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


def measure(rows: int, work: Path) -> dict[str, Any]:
    data = work / "data"
    started = time.perf_counter()
    entries = generate(data, rows)
    (data / "entries.json").write_text(json.dumps(entries))
    print(f"{rows:,} postings generated in {time.perf_counter() - started:.0f} s", flush=True)
    run(FLOOR, data)  # warm the page cache so every side reads the same way
    return {"ours": run(OURS, data), "floor": run(FLOOR, data), "naive": run(NAIVE, data), "rows": rows}


def report(result: dict[str, Any]) -> str:
    ours, floor, naive = result["ours"], result["floor"], result["naive"]
    return "\n".join([
        f"datapackage stage, {result['rows']:,} postings and {result['rows'] // 2:,} vouchers: "
        f"{ours['seconds']:.1f} s, peak RSS {ours['rss'] / 1e6:.0f} MB, {ours['relations']} relations declared, "
        f"{ours['dangling']:,} dangling references found",
        f"floor (sha256 of the same JSONL): {floor['seconds']:.1f} s, peak RSS {floor['rss'] / 1e6:.0f} MB; "
        f"ours / floor {ours['seconds'] / floor['seconds']:.2f}",
        f"naive (json.loads of every line): {naive['seconds']:.1f} s, peak RSS {naive['rss'] / 1e6:.0f} MB; "
        f"ours / naive {ours['seconds'] / naive['seconds']:.2f}",
    ])


def row(result: dict[str, Any]) -> tuple[str, str, str, str, str, bool]:
    """The figure for bench/run's table: the stage against a json.loads of every line."""
    ours, naive = result["ours"]["seconds"], result["naive"]["seconds"]
    return (f"datapackage.json and its foreign keys checked in {result['rows']:,} postings / json.loads of "
            "every line of the same JSONL", f"{ours:.1f} s", f"{naive:.1f} s", f"{ours / naive:.2f}", "<= 1",
            ours <= naive)


def note(result: dict[str, Any]) -> str:
    ours, floor = result["ours"], result["floor"]
    return (f"datapackage stage: peak RSS {ours['rss'] / 1e6:.0f} MB (the bare sha256 process "
            f"{floor['rss'] / 1e6:.0f} MB); {ours['seconds'] / floor['seconds']:.1f} times a bare sha256 of the same "
            f"files ({floor['seconds']:.1f} s); {ours['relations']} relations declared, {ours['dangling']:,} dangling "
            "references found (one posting in a thousand is made to dangle).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xena2archive-bench-dp-") as scratch:
        print(report(measure(args.rows, args.work or Path(scratch))))


if __name__ == "__main__":
    main()
