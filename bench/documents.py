"""Documents stage throughput: our convert_all against the bare converters on the same files.

    PYTHONPATH=src python bench/documents.py [--files 50] [--pages 12] [--workers 2] [--rounds 5]
                                             [--corpus text|vouchers|mixed|pictures]

Generates documents (``doc_corpus.make_corpus``: dense multi-page text PDFs, the hardest case for us; PDFs
like a bookkeeping backup's vouchers; or the mixed uploads of a small business: PDFs, scans,
phone photos as JPEG and HEIC, Word and Excel files, e-mails with an invoice attached; text in
Helvetica, not embedded, so Ghostscript has fonts to embed), then, in the same run and
alternating, times

* ours: ``DocumentPool(workers).convert_all(jobs)`` as the documents stage runs it: Siegfried
  asked about a round's documents in a process apart first (``pronom.Apart``), then pikepdf
  inspection, Ghostscript (one process per worker, reused from document to document), page
  checks, metadata, PDF/A validation, and the copies asked about after. The pool is started
  first, as the CLI starts it while it reads the tables; that start-up (about half a second,
  once per run) is timed and printed on its own;
* bare: each file's converter run the same way and nothing else, ``workers`` at a time: the same
  Ghostscript command line (``ghostscript.pdfa_command``) for a PDF, img2pdf for a photo (a HEIC
  decoded by Pillow first), the same ``soffice --convert-to`` for an office file (one LibreOffice
  profile per worker, as ours has), and for an e-mail WeasyPrint for a page of its headers and
  text plus Ghostscript for its attached PDF (ours converts the attachment as a document of its
  own, after the e-mail, as the CLI does).

OCR is off on our side here (``--no-ocr``): the bare converters read no text either. What OCR
costs is measured apart (``--corpus pictures``, ``measure_ocr``): pictures of text (phone photos
of receipts as JPEG, scans as image-only PDFs, two-page fax TIFFs, typeset in DejaVu Sans) through
our documents stage with OCR against bare OCRmyPDF on the same files: ``ocrmypdf.ocr`` as a library
(Danish and English, one page at a time, ``workers`` files at a time in processes started before
the clock, as our pool is), its output an ordinary PDF, not optimised: the least OCRmyPDF can do
for a text layer. Ours does more (the PDF/A copy, validated), and is timed from the same files. Prints pages
read per second of each side and ours / bare (target >= 0.9).

Prints documents per second for each round, the median of each side, and ours/bare (the median
of the rounds' ratios; target >= 0.9), and the same ratio with the workers' start-up counted in.
Wall-clock figures suffer from anything else running on the machine, so it also prints the CPU
seconds per document of each side, measured serially in this process (``convert`` here, its
Ghostscript included), which other load changes less: their ratio is what the throughput ratio
tends to on a machine whose cores are all busy with this work, leaving out the workers' start.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.metadata
import resource
import statistics
import tempfile
import time
from pathlib import Path
from collections.abc import Callable

from xena2archive._exec import ghostscript, tesseract
from xena2archive._exec.programs import Programs
from xena2archive.documents import CONVERTED, DocumentJob, DocumentResult, pronom
from xena2archive.documents.model import Asked
from xena2archive.documents.pool import DocumentPool
from xena2archive.documents.stage import ask_ahead

# The corpus (doc_corpus) and the bare side (doc_bare) bring pikepdf, Pillow, WeasyPrint and img2pdf;
# they are imported where they are used, not here: every process the pool and ``pronom.Apart`` spawn
# imports this module again (as the main module of bench/run), and would pay for them in the clock,
# where the CLI's own processes import only its light command-line module.


def run_ours(files: list[Path], out: Path, workers: int, *, ocr: bool = False) -> tuple[float, float]:
    """(start-up, conversion) seconds. The pool is started as the CLI starts it, ahead of the
    documents, and Siegfried's process beside them; start-up ends when every worker has answered
    an empty file (which needs no conversion: the worker only had to be up) and Siegfried has
    identified the documents (``ask_ahead``: the CLI asks while it reads the tables). Then the
    documents are timed, as the documents stage (``convert_documents``) does them: a round
    converted, then the next round's documents (an e-mail's attachments) and the round's copies
    asked about, Siegfried's process made fresh, and so on; the pool is closed before the last
    copies are asked about."""
    empty = out / "empty.pdf"
    empty.write_bytes(b"")
    warm = [DocumentJob(original=empty, target=out / f"empty-{n}.pdf", name="empty.pdf", asked=Asked("none"))
            for n in range(workers)]
    started = time.perf_counter()
    with DocumentPool(workers) as pool, pronom.Apart() as siegfried:  # both started ahead, as in the CLI
        pool.convert_all(warm)
        asked = ask_ahead(files, siegfried, workers)  # as the CLI asks while the tables are read
        siegfried.ready()  # its fresh process up, as in the CLI, where the tables take longer
        ready = time.perf_counter()
        results = pool.convert_all([_job(f, out, ocr=ocr, asked=a) for f, a in zip(files, asked, strict=True)])
        attached = _attachment_jobs(files, results, out)
        copies = [r.pdfa for r in results if r.pdfa is not None]
        if not attached:
            pool.close()
        asked = siegfried.ask([job.original for job in attached] + copies, workers)
        attached_results: list[DocumentResult] = []
        if attached:
            siegfried.fresh()
            attached_results = pool.convert_all([dataclasses.replace(job, asked=a)
                                                 for job, a in zip(attached, asked[:len(attached)], strict=True)])
            pool.close()
            siegfried.ask([r.pdfa for r in attached_results if r.pdfa is not None], workers)
        elapsed = time.perf_counter() - ready
    _all_converted(results + attached_results)
    return ready - started, elapsed


def _job(source: Path, out: Path, *, ocr: bool = False, asked: Asked | None = None) -> DocumentJob:
    """Our job for ``source``; an e-mail's attachments are written beside its copy."""
    folder = out / f"{source.stem}.attachments" if source.suffix == ".eml" else None
    return DocumentJob(original=source, target=out / f"{source.stem}.pdfa.pdf", name=source.name, attachments=folder,
                       ocr=ocr, asked=asked)


def _attachment_jobs(files: list[Path], results: list[DocumentResult], out: Path) -> list[DocumentJob]:
    """A job for every attachment an e-mail's conversion wrote, as the CLI makes them."""
    jobs = []
    for source, result in zip(files, results, strict=True):
        for attachment in result.attachments:
            written = out / f"{source.stem}.attachments" / attachment.file
            jobs.append(DocumentJob(original=written, target=written.with_suffix(".pdfa.pdf"), name=attachment.name,
                                    ocr=False))
    return jobs


def _all_converted(results: list[DocumentResult]) -> None:
    bad = [(r.name, r.status, r.reasons) for r in results if r.status != CONVERTED]
    if bad:
        raise SystemExit(f"not all converted: {bad[:3]}")


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Ghostscript runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_per_document(files: list[Path], out: Path) -> tuple[float, float]:
    """(bare, ours) CPU seconds per document, one document at a time in this process.

    Ours runs as a worker does, with a worker's ``Programs`` (a Ghostscript session and a
    LibreOffice profile): its Ghostscript counts once it has been waited for, when the block
    ends, so each side is measured over the whole series."""
    from doc_bare import Bare
    from xena2archive.documents.convert import convert

    bare_one = Bare(out)
    started = cpu_seconds()
    for source in files:
        bare_one(source)
    bare = cpu_seconds() - started
    bare_one.close()
    started = cpu_seconds()
    with Programs() as programs:
        results = [convert(_job(source, out), programs) for source in files]
        results += [convert(job, programs) for job in _attachment_jobs(files, results, out)]
    _all_converted(results)
    ours = cpu_seconds() - started
    return bare / len(files), ours / len(files)


def measure(files: int = 50, pages: int = 12, workers: int = 2, rounds: int = 5, corpus: str = "text",
            say: Callable[[str], None] = print) -> dict[str, float]:
    """Documents per second of each side and CPU per document.

    The rounds alternate bare and ours; ``ratio`` is the median of the rounds' ours / bare, each
    taken from two runs made one after the other, so a change in the machine's load between
    rounds does not count as a difference between the two sides."""
    from doc_bare import run_bare
    from doc_corpus import make_corpus

    with tempfile.TemporaryDirectory(prefix="bench-documents-") as temp:
        root = Path(temp)
        (root / "in").mkdir()
        total_pages = make_corpus(corpus, root / "in", files, pages)
        sources = sorted((root / "in").iterdir())
        say(f"{corpus}: {files} documents, {total_pages} pages, {workers} workers, {ghostscript.locate().description}")
        ours, bare, start = [], [], []
        for round_ in range(rounds):
            out = root / f"bare-{round_}"
            out.mkdir()
            bare.append(run_bare(sources, out, workers))
            out = root / f"ours-{round_}"
            out.mkdir()
            up, elapsed = run_ours(sources, out, workers)
            ours.append(elapsed)
            start.append(up)
            say(f"round {round_ + 1}: bare {files / bare[-1]:5.1f} docs/s, ours {files / elapsed:5.1f} docs/s "
                f"(ours / bare {bare[-1] / elapsed:.2f}; and {up:.2f} s before, starting the workers)")
        (root / "cpu").mkdir()
        bare_cpu, ours_cpu = cpu_per_document(sources[:20], root / "cpu")
        return {"files": files, "pages": total_pages, "ours_rate": files / statistics.median(ours),
                "bare_rate": files / statistics.median(bare), "bare_cpu": bare_cpu, "ours_cpu": ours_cpu,
                "ratio": statistics.median(b / o for b, o in zip(bare, ours)),
                "start": statistics.median(start),
                "ratio_with_start": statistics.median(b / (o + s) for b, o, s in zip(bare, ours, start))}


def measure_ocr(files: int = 30, workers: int = 2, rounds: int = 3,
                say: Callable[[str], None] = print) -> dict[str, float]:
    """Pages read per second by OCR: our documents stage with OCR on, and bare OCRmyPDF, on the
    same pictures of text; rounds alternate, ``ratio`` is the median of the rounds' ours / bare."""
    from doc_bare import run_bare_ocr
    from doc_corpus import make_pictures

    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as temp:
        root = Path(temp)
        (root / "in").mkdir()
        pages = make_pictures(root / "in", files)
        sources = sorted((root / "in").iterdir())
        say(f"pictures: {files} documents, {pages} pages, {workers} workers, OCR by OCRmyPDF "
            f"{importlib.metadata.version('ocrmypdf')} with Tesseract {tesseract.locate().version} (dan+eng)")
        ours, bare = [], []
        for round_ in range(rounds):
            out = root / f"bare-{round_}"
            out.mkdir()
            bare.append(run_bare_ocr(sources, out, workers))
            out = root / f"ours-{round_}"
            out.mkdir()
            read = _pages_read(sources, out, workers)
            ours.append(read[1])
            if read[0] != pages:
                raise SystemExit(f"ours read {read[0]} pages of {pages}")
            say(f"round {round_ + 1}: bare {pages / bare[-1]:5.2f} pages/s ({bare[-1]:.1f} s), ours "
                f"{pages / ours[-1]:5.2f} pages/s ({ours[-1]:.1f} s), ours / bare {bare[-1] / ours[-1]:.2f}")
        return {"files": files, "pages": pages, "ours_rate": pages / statistics.median(ours),
                "bare_rate": pages / statistics.median(bare), "ours_s": statistics.median(ours),
                "bare_s": statistics.median(bare), "ratio": statistics.median(b / o for b, o in zip(bare, ours))}


def _pages_read(files: list[Path], out: Path, workers: int) -> tuple[int, float]:
    """(pages OCR read, seconds) of our documents stage with OCR, its pool started first."""
    with DocumentPool(workers) as pool, pronom.Apart() as siegfried:
        pool.convert_all([DocumentJob(original=f, target=out / f"warm-{n}.pdf", name=f.name, ocr=False,
                                      asked=Asked("none"))
                          for n, f in enumerate(files[:workers])])
        asked = ask_ahead(files, siegfried, workers)  # as the CLI asks while the tables are read
        siegfried.ready()
        started = time.perf_counter()  # up and warm, as in the CLI; then as the documents stage does
        results = pool.convert_all([_job(f, out, ocr=True, asked=a) for f, a in zip(files, asked, strict=True)])
        pool.close()
        siegfried.ask([r.pdfa for r in results if r.pdfa is not None], workers)
        elapsed = time.perf_counter() - started
    _all_converted(results)
    return sum(r.ocr.pages for r in results if r.ocr is not None), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", choices=("text", "vouchers", "mixed", "pictures"), default="text")
    args = parser.parse_args()
    if args.corpus == "pictures":
        o = measure_ocr(args.files, args.workers, args.rounds)
        print(f"median bare OCRmyPDF: {o['bare_rate']:6.2f} pages/s ({o['bare_s']:.1f} s for {o['pages']} pages)")
        print(f"median ours:          {o['ours_rate']:6.2f} pages/s ({o['ours_s']:.1f} s)")
        print(f"ours / bare:          {o['ratio']:6.2f}  (median of the rounds; target >= 0.90)")
        return
    f = measure(args.files, args.pages, args.workers, args.rounds, args.corpus)
    print(f"median bare converters:  {f['bare_rate']:6.1f} docs/s")
    print(f"median ours:             {f['ours_rate']:6.1f} docs/s")
    print(f"ours / bare:             {f['ratio']:6.2f}  (median of the rounds; target >= 0.90)")
    print(f"workers' start-up:       {f['start']:6.2f} s once per run; with it counted in, ours / bare "
          f"{f['ratio_with_start']:.2f}")
    print(f"CPU per document, serial: bare {f['bare_cpu'] * 1000:.0f} ms, ours {f['ours_cpu'] * 1000:.0f} ms")
    print(f"CPU ratio bare / ours:   {f['bare_cpu'] / f['ours_cpu']:6.2f}  (load-independent estimate)")


if __name__ == "__main__":
    main()
