"""Every figure of the benchmark targets in one run, written to bench/RESULTS.md.

    bench/run [--rows 1000000] [--small 100000] [--files 50] [--work DIR] [--no-write]

Tables: a generated LedgerPostDto (24 columns) in a zip, converted whole by the CLI with two
workers at ``--small`` and ``--rows`` rows (peak RSS of the process tree sampled), against bare
openpyxl write-only of the same rows, and our JSONL path against bare csv -> json.dumps.
Data Package: ``--rows`` postings and their vouchers as JSONL, our datapackage stage (foreign keys
checked in the data) against a json.loads of every line of the same files.
Documents: ``--files`` generated documents of each corpus (dense text PDFs; voucher PDFs; the
mixed uploads of a small business: PDFs, scans, JPEG and HEIC photos, e-mails with an invoice
attached, Word and Excel files) through our documents stage (a pool of two workers, started
first) against the bare converters (Ghostscript, img2pdf, LibreOffice, WeasyPrint), two at a
time, OCR off. OCR: 30 pictures of text (photos, scans, faxes) through our documents stage with
OCR against bare OCRmyPDF on the same files, two at a time. Verify: the checksums of a 500 MB bag
(``bench/verify.py``) against sha256sum then sha512sum.
SAF-T: ``--rows`` postings as JSONL through ``write_saft`` against writing the same lines bare with
``lxml.etree.xmlfile``. Every figure is a ratio of two runs made in the same invocation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datapackage
import documents
import saft
import tables
import verify

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
START, END = "<!-- figures: written by bench/run -->", "<!-- end of figures -->"


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python "
            f"{platform.python_version()}; load average at the end {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp folder)")
    parser.add_argument("--no-write", action="store_true", help=f"only print, do not rewrite {RESULTS.name}")
    args = parser.parse_args()
    started = dt.datetime.now()
    work = args.work or Path(tempfile.mkdtemp(prefix="xena2archive-bench-"))
    print(f"tables: {args.small:,} and {args.rows:,} rows in {work}", flush=True)
    table_figures = tables.measure(args.rows, args.small, work / "tables")
    rows = tables.report(table_figures, args.rows, args.small)
    print(f"SAF-T: {args.rows:,} postings", flush=True)
    rows.append(saft.row(saft.measure(args.rows, work / "saft"), args.rows))
    notes = tables.notes(table_figures, args.small)
    package = datapackage.measure(args.rows, work / "datapackage")  # issue 17: the foreign-key check
    rows.append(datapackage.row(package))
    notes.append(datapackage.note(package))
    for corpus, what in (("text", "dense text PDFs"), ("vouchers", "vouchers (invoices, scans, a few long)"),
                         ("mixed", "uploads (PDFs, scans, JPEG/HEIC photos, e-mails, docx, xlsx)")):
        docs = documents.measure(files=args.files, corpus=corpus, say=lambda line: print(line, flush=True))
        rows.append((f"documents: {args.files} {what}, {docs['pages']} pages, to PDF/A, 2 workers, throughput "
                     "(median of 5 rounds)", f"{docs['ours_rate']:.1f} docs/s", f"{docs['bare_rate']:.1f} docs/s",
                     f"{docs['ratio']:.2f}", ">= 0.9", docs["ratio"] >= 0.9))
        notes.append(f"Documents, {what}: the workers' start-up, once per run (the CLI starts them while it reads "
                     f"the tables), {docs['start']:.2f} s; counted in, the ratio is {docs['ratio_with_start']:.2f}. "
                     f"CPU per document, one at a time: ours {docs['ours_cpu'] * 1000:.0f} ms, bare converters "
                     f"{docs['bare_cpu'] * 1000:.0f} ms (bare / ours {docs['bare_cpu'] / docs['ours_cpu']:.2f}).")
    read = documents.measure_ocr(say=lambda line: print(line, flush=True))
    rows.append((f"OCR: {read['files']} pictures of text (photos, scans, faxes), {read['pages']} pages, 2 workers, "
                 f"our documents stage with OCR / bare OCRmyPDF (median of 3 rounds; {read['ours_s']:.0f} s and "
                 f"{read['bare_s']:.0f} s)", f"{read['ours_rate']:.2f} pages/s", f"{read['bare_rate']:.2f} pages/s",
                 f"{read['ratio']:.2f}", ">= 0.9", read["ratio"] >= 0.9))
    checked = verify.measure(mb=500, files=300, repeat=3, work=work / "verify")
    rows.append((f"verify: checksums of a {checked['octets'] / 1e6:.0f} MB bag in {checked['files']:.0f} files "
                 "(sha256 + sha512, 2 workers) / sha256sum; sha512sum (best of 3)",
                 f"{checked['check_bag(2)']:.2f} s", f"{checked['sequential']:.2f} s", f"{checked['ratio']:.2f}",
                 "<= 1", checked["ratio"] <= 1))
    notes.append(f"verify: against sha256sum and sha512sum started together the ratio is "
                 f"{checked['ratio_parallel']:.2f}; with one worker verify takes {checked['check_bag(1)']:.2f} s.")
    lines = ["| figure | ours | bare | ratio | target | |", "|---|---|---|---|---|---|"]
    lines += [f"| {name} | {ours} | {bare} | **{r}** | {target} | {'met' if met else '**not met**'} |"
              for name, ours, bare, r, target, met in rows]
    text = "\n".join([
        f"`bench/run` on {started:%Y-%m-%d %H:%M} (took {(dt.datetime.now() - started).total_seconds() / 60:.0f} min).",
        f"Machine: {machine()}.", "",
        *lines, "", *(f"- {note}" for note in notes),
    ])
    print(text)
    if not args.no_write:
        write_results(text)
        print(f"written to {RESULTS}")


def write_results(figures: str) -> None:
    """Put the figures between the markers of RESULTS.md, keeping the notes around them."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START in old and END in old:
        head, rest = old.split(START, 1)
        tail = rest.split(END, 1)[1]
    else:
        head, tail = "# Benchmark results\n\n", "\n"
    RESULTS.write_text(f"{head}{START}\n{figures}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
