"""The tables path keeps flat memory as a table grows: a LedgerPostDto as CSV and as XML becomes JSONL,
schema and workbook, and the CSV is compared with it value by value, in a child process whose
peak RSS (its own ``VmHWM``: ``helpers.CHILD_PEAK``) is measured at 2,000 and at 20,000 rows, as
``tests/saft`` measures the SAF-T export. No time is measured here (``bench/tables.py`` does that).

Ten times the rows may not move the peak of the writers (scan, JSONL, schema, workbook) by more
than a few MB: a writer that held the rows would take some 1.5 kB a row, 27 MB more. The
comparison puts both sources in a scratch SQLite file whose page cache may hold up to 16 MB
(``compare.py``: ``cache_size=-16000``), so the whole path may grow by that cache and no more.
That bound is too wide to see a comparison that held the rows of a table this size (some 5 MB),
so the comparison's own Python objects are measured too, with ``tracemalloc`` (which does not see
SQLite's cache), and may not grow by more than 1 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import CHILD_PEAK

SMALL, LARGE = 2_000, 20_000
WRITERS_ALLOWANCE_KB = 6 * 1024  # noise of the allocator and the interpreter
SQLITE_CACHE_KB = 16_000  # compare.py's PRAGMA cache_size=-16000 (KiB)
COMPARE_PYTHON_ALLOWANCE_KB = 1024  # the comparison's own Python objects (tracemalloc)

CHILD = """
import datetime as dt, json, sys, tracemalloc
from pathlib import Path
from xena2archive.tables.convert import (compare_table, prepare_table, table_result, write_table_jsonl,
                                          write_table_xlsx)
from xena2archive.tables.table import TableSource

folder = Path(sys.argv[1])
sources = [TableSource("LedgerPostDto", folder / f"LedgerPostDto.{fmt}", f"Data/LedgerPostDto.{fmt}", fmt,
                       entry=f"Data/LedgerPostDto.{fmt}") for fmt in ("csv", "xml")]
out, scratch = folder / "out", folder / "scratch"
out.mkdir()
scratch.mkdir()
started = peak_kb()
prepared = prepare_table(sources)
written = write_table_jsonl(prepared, out)
workbook = write_table_xlsx(prepared, out, dt.datetime(2025, 1, 31, 12))
writers = peak_kb()
tracemalloc.start()  # the comparison's Python objects, apart from SQLite's own page cache
differences = compare_table(prepared, scratch)
compare_python = tracemalloc.get_traced_memory()[1] // 1024
tracemalloc.stop()
result = table_result(prepared, written, workbook, differences)
print(json.dumps({"started_kb": started, "writers_kb": writers, "all_kb": peak_kb(),
                  "compare_python_kb": compare_python, "source": result.source,
                  "rows": result.rows_written, "kept_as_text": result.kept_as_text,
                  "agreement": [[a.rows, a.differing_rows] for a in result.agreement]}))
"""

NS = ('xmlns="http://schemas.datacontract.org/2004/07/Xena.Contracts" '
      'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"')
COLUMNS = ("Id", "VoucherId", "VoucherNumber", "Amount", "CurrencyAmount", "CurrencyAbbreviation", "FiscalDateDays",
           "Description", "LedgerTagNumber", "PartnerId", "CreatedAt", "VatAmount")
AMOUNTS = {"Amount", "CurrencyAmount", "VatAmount"}


def _row(i: int) -> dict[str, str]:
    """Posting ``i``: vouchers of two, every text its own (nothing for a writer to share)."""
    voucher = i // 2
    cents = (voucher * 7919) % 10_000_000 + 1
    amount = f"{(cents if i % 2 == 0 else -cents) / 100:.2f}"
    return {"Id": str(4_294_967_296 + i), "VoucherId": str(4_294_967_296 + voucher), "VoucherNumber": str(voucher + 1),
            "Amount": amount, "CurrencyAmount": amount, "CurrencyAbbreviation": "DKK",
            "FiscalDateDays": str(19_358 + voucher % 700), "Description": f"Bilag {voucher} – Ærø & Co, linje {i}",
            "LedgerTagNumber": str(1000 + 10 * (voucher % 40)),
            "PartnerId": str(3_800_000_000 + voucher % 500) if i % 2 else "",
            "CreatedAt": f"2023-01-01T10:{i % 60:02d}:{i % 59:02d}Z", "VatAmount": "0.00"}


def write_ledger(folder: Path, n: int) -> None:
    """``n`` postings as Xena writes them: a ``;`` CSV with decimal commas, and the same as XML."""
    folder.mkdir(parents=True)
    with open(folder / "LedgerPostDto.csv", "w", encoding="utf-8") as csv, \
            open(folder / "LedgerPostDto.xml", "w", encoding="utf-8") as xml:
        csv.write(";".join(COLUMNS) + "\n")
        xml.write(f'<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfLedgerPostDto {NS}>\n')
        for i in range(n):
            row = _row(i)
            csv.write(";".join(row[c].replace(".", ",") if c in AMOUNTS else row[c] for c in COLUMNS) + "\n")
            fields = "".join(f"<{c}>{row[c].replace('&', '&amp;')}</{c}>" if row[c] else f'<{c} i:nil="true"/>'
                             for c in COLUMNS)
            xml.write(f"<LedgerPostDto>{fields}</LedgerPostDto>\n")
        xml.write("</ArrayOfLedgerPostDto>\n")


def tables_child(folder: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-c", CHILD_PEAK + CHILD, str(folder)], capture_output=True, text=True,
                          env=env,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_memory_of_the_tables_path_stays_flat_as_the_rows_grow(tmp_path: Path) -> None:
    write_ledger(tmp_path / "small", SMALL)
    write_ledger(tmp_path / "large", LARGE)
    small, large = tables_child(tmp_path / "small"), tables_child(tmp_path / "large")
    for measured, n in ((small, SMALL), (large, LARGE)):
        # the XML is converted (on a tie XML wins), the CSV compared with it: every row, the same values
        assert (measured["source"], measured["rows"], measured["kept_as_text"]) == ("Data/LedgerPostDto.xml", n, 0)
        assert measured["agreement"] == [[[n, n], 0]]
    grown = {stage: large[stage] - small[stage] for stage in ("started_kb", "writers_kb", "all_kb")}
    assert grown["writers_kb"] < WRITERS_ALLOWANCE_KB, (small, large)
    assert grown["all_kb"] < SQLITE_CACHE_KB + WRITERS_ALLOWANCE_KB, (small, large)
    assert large["compare_python_kb"] - small["compare_python_kb"] < COMPARE_PYTHON_ALLOWANCE_KB, (small, large)
    # the JSONL does hold ten times the rows: the measure is of a path that did the work
    sizes = [(tmp_path / s / "out/LedgerPostDto.jsonl").stat().st_size for s in ("small", "large")]
    assert sizes[1] > 9 * sizes[0]
