"""Documents stage throughput: our convert_all against bare Ghostscript on the same PDFs.

    PYTHONPATH=src python bench/documents.py [--files 50] [--pages 12] [--workers 2] [--rounds 3]

Generates multi-page text PDFs (Helvetica, not embedded, so Ghostscript has fonts to embed),
then, in the same run and alternating, times

* ours: ``DocumentPool(workers).convert_all(jobs)``: pikepdf inspection, Ghostscript (one
  process per worker, reused from document to document), page checks, metadata, PDF/A
  validation. The pool is started first, as the CLI starts it while it reads the tables; that
  start-up (about half a second, once per run) is timed and printed on its own;
* bare: the same Ghostscript command line (``ghostscript.pdfa_command``), ``workers`` processes
  at a time, nothing else.

Prints documents per second for each round, the median of each side, and ours/bare (target >= 0.9),
and the same ratio with the workers' start-up counted in.
Wall-clock figures suffer from anything else running on the machine, so it also prints the CPU
seconds per document of each side, measured serially in this process (``convert`` here, its
Ghostscript included), which other load changes less: their ratio is what the throughput ratio
tends to on a machine whose cores are all busy with this work, leaving out the workers' start.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name

from xena2archive.documents import CONVERTED, DocumentJob, DocumentPool, convert, ghostscript


def make_pdf(path: Path, pages: int, seed: int) -> None:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    for page in range(pages):
        lines = [
            b"BT /F1 10 Tf 50 %d Td (Bilag %d side %d linje %d: "
            b"K\xf8b hos \xc6blehuset ApS, bel\xf8b %d,%02d kr.) Tj ET"
            % (790 - 14 * row, seed, page + 1, row, (seed * 7919 + row * 31) % 100000, row % 100)
            for row in range(52)
        ]
        page_dict = Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Contents=pdf.make_stream(b"\n".join(lines)),
            Resources=Dictionary(Font=Dictionary(F1=font)),
        )
        pdf.pages.append(pikepdf.Page(page_dict))
    pdf.save(path)


def run_ours(files: list[Path], out: Path, workers: int) -> tuple[float, float]:
    """(start-up, conversion) seconds. The pool is started as the CLI starts it, ahead of the
    documents; start-up ends when every worker has answered an empty file (which needs no
    conversion: the worker only had to be up). Then the documents are timed."""
    empty = out / "empty.pdf"
    empty.write_bytes(b"")
    warm = [DocumentJob(original=empty, target=out / f"empty-{n}.pdf", name="empty.pdf") for n in range(workers)]
    jobs = [DocumentJob(original=f, target=out / f"{f.stem}.pdfa.pdf", name=f.name) for f in files]
    started = time.perf_counter()
    with DocumentPool(workers) as pool:
        pool.convert_all(warm)
        ready = time.perf_counter()
        results = pool.convert_all(jobs)
        elapsed = time.perf_counter() - ready
    bad = [(r.name, r.status, r.reasons) for r in results if r.status != CONVERTED]
    if bad:
        raise SystemExit(f"not all converted: {bad[:3]}")
    return ready - started, elapsed


def run_bare(files: list[Path], out: Path, workers: int) -> float:
    gs = ghostscript.locate()
    pdfa_def = ghostscript.write_pdfa_def(gs, out)

    def one(source: Path) -> None:
        command = ghostscript.pdfa_command(gs, pdfa_def, source, out / f"{source.stem}.gs.pdf")
        subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Ghostscript runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_per_document(files: list[Path], out: Path) -> tuple[float, float]:
    """(bare, ours) CPU seconds per document, one document at a time in this process.

    Ours runs as a worker does, in ``ghostscript.reusing()``: its Ghostscript counts once it has
    been waited for, when the block ends, so each side is measured over the whole series."""
    gs = ghostscript.locate()
    pdfa_def = ghostscript.write_pdfa_def(gs, out)
    started = cpu_seconds()
    for source in files:
        command = ghostscript.pdfa_command(gs, pdfa_def, source, out / f"{source.stem}.gs.pdf")
        subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True)
    bare = cpu_seconds() - started
    started = cpu_seconds()
    with ghostscript.reusing():
        for source in files:
            result = convert(
                DocumentJob(original=source, target=out / f"{source.stem}.pdfa.pdf", name=source.name)
            )
            assert result.status == CONVERTED, result.reasons
    ours = cpu_seconds() - started
    return bare / len(files), ours / len(files)


def measure(files: int = 50, pages: int = 12, workers: int = 2, rounds: int = 3,
            say: Callable[[str], None] = print) -> dict[str, float]:
    """Documents per second of each side (median of ``rounds``, alternating) and CPU per document."""
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as temp:
        root = Path(temp)
        (root / "in").mkdir()
        sources = []
        for n in range(files):
            path = root / "in" / f"bilag-{n:03d}.pdf"
            make_pdf(path, pages + n % 5, n)
            sources.append(path)
        total_pages = sum(pages + n % 5 for n in range(files))
        say(f"{files} PDFs, {total_pages} pages, {workers} workers, {ghostscript.locate().description}")
        ours, bare, start = [], [], []
        for round_ in range(rounds):
            out = root / f"bare-{round_}"
            out.mkdir()
            bare.append(run_bare(sources, out, workers))
            say(f"round {round_ + 1} bare: {bare[-1]:6.2f} s  {files / bare[-1]:6.1f} docs/s")
            out = root / f"ours-{round_}"
            out.mkdir()
            up, elapsed = run_ours(sources, out, workers)
            ours.append(elapsed)
            start.append(up)
            say(f"round {round_ + 1} ours: {elapsed:6.2f} s  {files / elapsed:6.1f} docs/s"
                f"  (and {up:.2f} s before, starting the workers)")
        (root / "cpu").mkdir()
        bare_cpu, ours_cpu = cpu_per_document(sources[:20], root / "cpu")
        return {"files": files, "pages": total_pages, "ours_rate": files / statistics.median(ours),
                "bare_rate": files / statistics.median(bare), "bare_cpu": bare_cpu, "ours_cpu": ours_cpu,
                "start": statistics.median(start),
                "ours_rate_with_start": files / statistics.median(o + s for o, s in zip(ours, start))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    f = measure(args.files, args.pages, args.workers, args.rounds)
    print(f"median bare Ghostscript: {f['bare_rate']:6.1f} docs/s")
    print(f"median ours:             {f['ours_rate']:6.1f} docs/s")
    print(f"ours / bare:             {f['ours_rate'] / f['bare_rate']:6.2f}  (target >= 0.90)")
    print(f"workers' start-up:       {f['start']:6.2f} s once per run; with it counted in, ours / bare "
          f"{f['ours_rate_with_start'] / f['bare_rate']:.2f}")
    print(f"CPU per document, serial: bare {f['bare_cpu'] * 1000:.0f} ms, ours {f['ours_cpu'] * 1000:.0f} ms")
    print(f"CPU ratio bare / ours:   {f['bare_cpu'] / f['ours_cpu']:6.2f}  (load-independent estimate)")


if __name__ == "__main__":
    main()
