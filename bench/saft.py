"""Benchmark the SAF-T stage against writing the same lines bare with ``lxml.etree.xmlfile``.

    PYTHONPATH=src python bench/saft.py [--rows 200000] [--work DIR]

Generates an archive's tables as JSONL (``--rows`` postings in balanced pairs over two fiscal
years, half of them with a partner, 40 accounts), then times, each in a child process (peak RSS
from ``getrusage``):

* ours: the books loaded (``open_books``: the work database, the audit) and ``write_saft`` (one file per year);
* bare: read the same JSONL with ``json.loads`` and write every posting as a Transaction/Line with
  the same elements through ``xmlfile``, in input order, with no grouping, balances or checks.

Prints both times and the ratio ours / bare (< 1: we are faster).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")

OURS = """
import sys
from pathlib import Path
from xena2archive.books import open_books
from xena2archive.exports.saft import write_saft
with open_books(Path(sys.argv[1]) / "tables", work=Path(sys.argv[2])) as books:
    write_saft(books, Path(sys.argv[1]), "2025-01-31")
"""

BARE = """
import json, sys
from pathlib import Path
from lxml import etree
data, out = Path(sys.argv[1]), Path(sys.argv[2])
with open(data / "tables" / "LedgerPostDto.jsonl", encoding="utf-8") as rows, \\
        etree.xmlfile(str(out / "bare.xml"), encoding="utf-8") as xf:
    with xf.element("AuditFile", nsmap={None: "urn:StandardAuditFile-Taxation-Financial:DK"}):
        for text in rows:
            row = json.loads(text)
            transaction = etree.Element("Transaction")
            for tag, value in (("TransactionID", row["VoucherNumber"]), ("TransactionDate", row["FiscalDateDays_date"]),
                               ("Description", row["Description"])):
                etree.SubElement(transaction, tag).text = str(value)
            line = etree.SubElement(transaction, "Line")
            for tag, value in (("RecordID", row["Id"]), ("AccountID", row["LedgerTagNumber"]),
                               ("Description", row["Description"])):
                etree.SubElement(line, tag).text = str(value)
            amount = row["Amount"]
            side = etree.SubElement(line, "CreditAmount" if amount.startswith("-") else "DebitAmount")
            etree.SubElement(side, "Amount").text = amount.lstrip("-")
            xf.write(transaction, pretty_print=True)
"""

PEAK = "import resource, runpy, sys; {code}\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def make_tables(data: Path, n: int) -> None:
    """The tables of an archive with ``n`` postings (the same shape as the tests' large books)."""
    tables = data / "tables"
    tables.mkdir(parents=True, exist_ok=True)

    def write(name: str, rows: object) -> None:
        with open(tables / f"{name}.jsonl", "w", encoding="utf-8") as out:
            for row in rows:  # type: ignore[attr-defined]
                out.write(json.dumps(row, ensure_ascii=False) + "\n")

    write("FiscalSetupDto", [{"Id": 1, "OrgNumber": "12345678", "Address.Name": "Bench & Co ApS",
                              "CurrencyAbbreviation": "DKK"}])
    write("FiscalPeriodDto", [{"Id": 100 + i, "FiscalPeriodStartDays_date": f"{y}-01-01",
                               "FiscalPeriodEndDays_date": f"{y}-12-31", "Description": str(y)}
                              for i, y in enumerate((2023, 2024))])
    write("LedgerTagDto", [{"Id": 10 + i, "Number": 1000 + 10 * i, "Description": f"Konto {i}",
                            "LedgerAccount": "Xena_Domain_Asset_Accounts_Cash" if i % 2 else
                            "Xena_Domain_Income_Accounts_Net_Turn_Over"} for i in range(40)])
    write("PartnerDto", [{"Id": 3_800_000_000 + i, "AccountNumber": 10_000 + i, "Address.Name": f"Kunde {i}",
                          "PartnerType": "ContextType_Customer"} for i in range(500)])

    def posts():  # type: ignore[no-untyped-def]
        for i in range(n):
            v = i // 2
            cents = (v * 7919) % 10_000_000 + 1
            day = dt.date(2023, 1, 1) + dt.timedelta(days=(v * 730) // max(1, n // 2))
            yield {"Id": 4_294_967_296 + i, "VoucherId": 4_294_967_296 + v, "VoucherNumber": v + 1,
                   "Amount": str(Decimal(cents if i % 2 == 0 else -cents).scaleb(-2)),
                   "LedgerTagNumber": 1000 + 10 * ((v + 7 * (i % 2)) % 40), "Description": f"Bilag {v} – Ærø & Co",
                   "PartnerId": 3_800_000_000 + v % 500 if i % 2 else None,
                   "FiscalDateDays": (day - dt.date(1970, 1, 1)).days, "FiscalDateDays_date": day.isoformat()}
    write("LedgerPostDto", posts())


def timed(code: str, *args: str) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of ``code`` run in a child Python."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK.format(code=f"exec({code!r})"), *args], env=env,
                          capture_output=True, text=True, check=True)
    return time.perf_counter() - started, int(done.stdout.strip().splitlines()[-1])


def measure(rows: int, work: Path) -> dict[str, float]:
    data, out = work / "data", work / "out"
    out.mkdir(parents=True, exist_ok=True)
    make_tables(data, rows)
    ours, ours_rss = timed(OURS, str(data), str(out))
    bare, bare_rss = timed(BARE, str(data), str(out))
    return {"ours": ours, "bare": bare, "ratio": ours / bare, "ours_rss_mb": ours_rss / 1024,
            "bare_rss_mb": bare_rss / 1024}


def row(figures: dict[str, float], rows: int) -> tuple[str, str, str, str, str, bool]:
    """The figure as a row of bench/RESULTS.md: (name, ours, bare, ratio, target, met)."""
    return (f"SAF-T: {rows:,} postings from JSONL to one file per year (peak RSS ours "
            f"{figures['ours_rss_mb']:.0f} MB, bare {figures['bare_rss_mb']:.0f} MB)",
            f"{figures['ours']:.1f} s", f"{figures['bare']:.1f} s", f"{figures['ratio']:.2f}", "<= 2.0",
            figures["ratio"] <= 2.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xena2archive-bench-saft-", dir=args.work) as tmp:
        figures = measure(args.rows, Path(tmp))
    print(f"ours {figures['ours']:.1f} s ({figures['ours_rss_mb']:.0f} MB), bare xmlfile {figures['bare']:.1f} s "
          f"({figures['bare_rss_mb']:.0f} MB): ratio {figures['ratio']:.2f}")


if __name__ == "__main__":
    main()
