"""Documents stage throughput: our convert_all against the bare converters on the same files.

    PYTHONPATH=src python bench/documents.py [--files 50] [--pages 12] [--workers 2] [--rounds 5]
                                             [--corpus text|vouchers|mixed|pictures]

Generates documents (``make_corpus``: dense multi-page text PDFs, the hardest case for us; PDFs
like a bookkeeping backup's vouchers; or the mixed uploads of a small business: PDFs, scans,
phone photos as JPEG and HEIC, Word and Excel files, e-mails with an invoice attached; text in
Helvetica, not embedded, so Ghostscript has fonts to embed), then, in the same run and
alternating, times

* ours: ``DocumentPool(workers).convert_all(jobs)``: pikepdf inspection, Ghostscript (one
  process per worker, reused from document to document), page checks, metadata, PDF/A
  validation. The pool is started first, as the CLI starts it while it reads the tables; that
  start-up (about half a second, once per run) is timed and printed on its own;
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
import email
import email.policy
import html
import importlib.metadata
import io
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from collections.abc import Callable

import img2pdf
import pikepdf
import pillow_heif
import weasyprint
from pikepdf import Array, Dictionary, Name
from PIL import Image, ImageDraw, ImageFont

from xena2archive._exec import ghostscript, libreoffice, tesseract
from xena2archive._exec.programs import Programs
from xena2archive.documents import CONVERTED, DocumentJob, DocumentResult
from xena2archive.documents.pool import DocumentPool
from xena2archive.documents.convert import convert

# The office documents are made as the tests make them (from their XML parts, and with openpyxl).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "documents"))
import office_inputs

pillow_heif.register_heif_opener()  # the bare side opens HEIC with Pillow too
_OFFICE_EXPORT = {".docx": libreoffice.WRITER, ".xlsx": libreoffice.CALC}


def make_pdf(path: Path, pages: int, seed: int, lines: int = 52) -> None:
    """A text PDF: ``lines`` lines a page in Helvetica, not embedded (Ghostscript embeds it)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    for page in range(pages):
        text = [
            b"BT /F1 10 Tf 50 %d Td (Bilag %d side %d linje %d: "
            b"K\xf8b hos \xc6blehuset ApS, bel\xf8b %d,%02d kr.) Tj ET"
            % (790 - 14 * row, seed, page + 1, row, (seed * 7919 + row * 31) % 100000, row % 100)
            for row in range(lines)
        ]
        page_dict = Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 595, 842]),
            Contents=pdf.make_stream(b"\n".join(text)),
            Resources=Dictionary(Font=Dictionary(F1=font)),
        )
        pdf.pages.append(pikepdf.Page(page_dict))
    pdf.save(path)


def make_scan(path: Path, seed: int) -> None:
    """A scanned receipt: one A4 page holding a greyscale JPEG (150 dpi) and no text."""
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row in range(60):
        draw.text((120, 100 + 26 * row), f"Kvittering {seed} linje {row}: {(seed * 7919 + row * 31) % 100000} kr",
                  fill=(seed + row) % 90)
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=75)
    pdf = pikepdf.new()
    picture = pikepdf.Stream(pdf, b"")
    picture.write(jpeg.getvalue(), filter=Name.DCTDecode)
    picture.stream_dict.update({"/Type": Name.XObject, "/Subtype": Name.Image, "/Width": 1240,
                                "/Height": 1754, "/ColorSpace": Name.DeviceGray, "/BitsPerComponent": 8})
    page_dict = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 595, 842]),
        Contents=pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
        Resources=Dictionary(XObject=Dictionary(Im0=picture)),
    )
    pdf.pages.append(pikepdf.Page(page_dict))
    pdf.save(path)


def make_photo(path: Path, seed: int) -> None:
    """A phone photo of a receipt, 1600 x 1200, as JPEG or (by the suffix) HEIC."""
    image = Image.new("RGB", (1600, 1200), (230, 225, 210))
    draw = ImageDraw.Draw(image)
    for row in range(40):
        draw.text((200, 60 + 27 * row), f"Kvittering {seed} linje {row}: {(seed * 7919 + row * 31) % 100000} kr",
                  fill=((seed + row) % 90, 40, 40))
    if path.suffix == ".heic":
        pillow_heif.from_pillow(image).save(path, quality=80)
    else:
        image.save(path, "JPEG", quality=85)


def make_mail(path: Path, seed: int) -> None:
    """An e-mail from a supplier with its invoice attached as a one-page PDF."""
    invoice = path.with_suffix(".invoice.pdf")
    make_pdf(invoice, 1, seed, lines=30)
    message = email.message.EmailMessage()
    message["From"] = "Ærø Købmand <faktura@aeroe-koebmand.dk>"
    message["To"] = "bogholder@eksempel.dk"
    message["Subject"] = f"Faktura {seed} for æbler og ål"
    message["Date"] = "Tue, 05 Mar 2024 10:15:00 +0100"
    message.set_content(
        f"Hej,\n\nvedhæftet faktura {seed}. Betaling inden 14 dage.\n\nMed venlig hilsen\nÆrø Købmand\n"
    )
    message.add_attachment(invoice.read_bytes(), maintype="application", subtype="pdf", filename=f"faktura-{seed}.pdf")
    invoice.unlink()
    path.write_bytes(message.as_bytes())


def make_mixed(folder: Path, n: int) -> tuple[Path, int]:
    """The ``n``-th upload of a small business: in every ten, three invoice PDFs, a scanned
    receipt, a JPEG and a HEIC photo, an e-mail with an invoice attached, a Word file, an Excel
    file and a long PDF."""
    slot = n % 10
    if slot == 5:
        path = folder / f"mail-{n:03d}.eml"
        make_mail(path, n)
        return path, 2
    if slot in (4, 6):
        path = folder / f"foto-{n:03d}.{'heic' if slot == 6 else 'jpg'}"
        make_photo(path, n)
        return path, 1
    if slot == 7:
        lines = [f"Faktura {n} fra Ærø Købmand", f"Beløb: {n * 37},50 kr. for æbler og ål"] * 8
        return office_inputs.docx(folder / f"faktura-{n:03d}.docx", lines, office_inputs.red_png()), 1
    if slot == 8:
        return office_inputs.xlsx(folder / f"regnskab-{n:03d}.xlsx"), 2
    path = folder / f"bilag-{n:03d}.pdf"
    if slot == 3:
        make_scan(path, n)
        return path, 1
    count = 8 if slot == 9 else 1 + n % 2
    make_pdf(path, count, n, lines=40 if slot == 9 else 35)
    return path, count


def make_corpus(kind: str, folder: Path, files: int, pages: int) -> int:
    """Write ``files`` documents into ``folder``; returns their pages. ``text``: dense text PDFs of
    ``pages`` to ``pages + 4`` pages, the hardest case for us (the validator reads every glyph).
    ``vouchers``: what a bookkeeping backup mostly holds, in turn three one- or two-page invoices,
    a scanned receipt, and every tenth an eight-page document. ``mixed``: see ``make_mixed``."""
    total = 0
    for n in range(files):
        path = folder / f"bilag-{n:03d}.pdf"
        if kind == "mixed":
            count = make_mixed(folder, n)[1]
        elif kind == "text":
            count = pages + n % 5
            make_pdf(path, count, n)
        elif n % 10 == 9:
            count = 8
            make_pdf(path, count, n, lines=40)
        elif n % 4 == 3:
            count = 1
            make_scan(path, n)
        else:
            count = 1 + n % 2
            make_pdf(path, count, n, lines=35)
        total += count
    return total


def run_ours(files: list[Path], out: Path, workers: int, *, ocr: bool = False) -> tuple[float, float]:
    """(start-up, conversion) seconds. The pool is started as the CLI starts it, ahead of the
    documents; start-up ends when every worker has answered an empty file (which needs no
    conversion: the worker only had to be up). Then the documents are timed."""
    empty = out / "empty.pdf"
    empty.write_bytes(b"")
    warm = [DocumentJob(original=empty, target=out / f"empty-{n}.pdf", name="empty.pdf") for n in range(workers)]
    started = time.perf_counter()
    with DocumentPool(workers) as pool:
        pool.convert_all(warm)
        ready = time.perf_counter()
        results = pool.convert_all([_job(f, out, ocr=ocr) for f in files])
        attached = _attachment_jobs(files, results, out)
        results += pool.convert_all(attached)
        elapsed = time.perf_counter() - ready
    _all_converted(results)
    return ready - started, elapsed


def _job(source: Path, out: Path, *, ocr: bool = False) -> DocumentJob:
    """Our job for ``source``; an e-mail's attachments are written beside its copy."""
    folder = out / f"{source.stem}.attachments" if source.suffix == ".eml" else None
    return DocumentJob(original=source, target=out / f"{source.stem}.pdfa.pdf", name=source.name, attachments=folder,
                       ocr=ocr)


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


class Bare:
    """Each file's converter run on its own, with nothing of ours around it. A thread (a bare
    worker) has a LibreOffice profile of its own, made by its first office file."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.gs = ghostscript.locate()
        self.pdfa_def = ghostscript.write_pdfa_def(self.gs, out)
        self.local = threading.local()
        self.profiles: list[tempfile.TemporaryDirectory[str]] = []

    def __call__(self, source: Path) -> None:
        target = self.out / f"{source.stem}.bare.pdf"
        if source.suffix == ".pdf":
            command = ghostscript.pdfa_command(self.gs, self.pdfa_def, source, target)
            subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True)
        elif source.suffix == ".jpg":
            target.write_bytes(img2pdf.convert(source.read_bytes()))
        elif source.suffix == ".heic":
            jpeg = io.BytesIO()
            Image.open(source).save(jpeg, "JPEG", quality=95)
            target.write_bytes(img2pdf.convert(jpeg.getvalue()))
        elif source.suffix == ".eml":
            self._mail(source, target)
        else:
            self._soffice(source)

    def _mail(self, source: Path, target: Path) -> None:
        """A page of the e-mail's headers and text by WeasyPrint; its attached PDF by Ghostscript."""
        message = email.message_from_bytes(source.read_bytes(), policy=email.policy.default)
        headers = "".join(
            f"<p><b>{key}:</b> {html.escape(str(message[key]))}</p>" for key in ("From", "To", "Date", "Subject")
        )
        body = html.escape(message.get_body(("plain",)).get_content())
        weasyprint.HTML(string=f"<html><body>{headers}<pre>{body}</pre></body></html>").write_pdf(target)
        for number, part in enumerate(message.iter_attachments()):
            attached = self.out / f"{source.stem}-{number}.pdf"
            attached.write_bytes(part.get_content())
            command = ghostscript.pdfa_command(self.gs, self.pdfa_def, attached, self.out / f"{attached.stem}.bare.pdf")
            subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True)

    def _soffice(self, source: Path) -> None:
        if not hasattr(self.local, "profile"):
            self.profiles.append(tempfile.TemporaryDirectory(prefix="bench-soffice-"))
            self.local.profile = Path(self.profiles[-1].name)
        command = [libreoffice.locate().executable, f"-env:UserInstallation={self.local.profile.as_uri()}",
                   "--headless", "--norestore", "--convert-to", libreoffice.pdf_filter(_OFFICE_EXPORT[source.suffix]),
                   "--outdir", str(self.out / source.stem), str(source)]
        subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True)

    def close(self) -> None:
        for profile in self.profiles:
            profile.cleanup()


def run_bare(files: list[Path], out: Path, workers: int) -> float:
    bare = Bare(out)
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(bare, files))
        return time.perf_counter() - started
    finally:
        bare.close()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Ghostscript runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_per_document(files: list[Path], out: Path) -> tuple[float, float]:
    """(bare, ours) CPU seconds per document, one document at a time in this process.

    Ours runs as a worker does, with a worker's ``Programs`` (a Ghostscript session and a
    LibreOffice profile): its Ghostscript counts once it has been waited for, when the block
    ends, so each side is measured over the whole series."""
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


def make_pictures(folder: Path, files: int) -> int:
    """``files`` pictures of text in ``folder``, in turn a phone photo (JPEG), a scan (an A4 PDF
    holding one greyscale image, 200 dpi) and a fax (a TIFF of two 1-bit pages, 204 x 196 dpi);
    returns their pages."""
    pages = 0
    for n in range(files):
        if n % 3 == 0:
            _sheet(n, (1600, 1200), 20, mode="RGB").save(folder / f"foto-{n:03d}.jpg", "JPEG", quality=85)
            pages += 1
        elif n % 3 == 1:
            scan = io.BytesIO()
            _sheet(n, (1654, 2339), 40).save(scan, "PNG", dpi=(200, 200))
            (folder / f"scan-{n:03d}.pdf").write_bytes(img2pdf.convert(scan.getvalue()))
            pages += 1
        else:
            first, second = (_sheet(n, (1728, 2200), 40, page).convert("1") for page in (1, 2))
            first.save(folder / f"fax-{n:03d}.tif", "TIFF", save_all=True, append_images=[second],
                       compression="group4", dpi=(204, 196))
            pages += 2
    return pages


def _sheet(n: int, size: tuple[int, int], lines: int, page: int = 1, mode: str = "L") -> Image.Image:
    """A page of ``lines`` lines of Danish bookkeeping text in DejaVu Sans, 30 px."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    picture = Image.new(mode, size, 255 if mode == "L" else (236, 232, 220))
    draw = ImageDraw.Draw(picture)
    for row in range(lines):
        draw.text((90, 80 + 48 * row), f"Bilag {n} side {page} linje {row}: Æblegården, Søndergade {row + 1}, "
                  f"beløb {(n * 7919 + row * 31) % 100000},{row % 100:02d} kr", font=font,
                  fill=0 if mode == "L" else (40, 35, 30))
    return picture


def _bare_ocr(source: Path, target: Path) -> None:
    """Bare OCRmyPDF on one file: Danish and English, one page at a time, an ordinary PDF out, not
    optimised (its default optimisation re-compresses images, which ours must not do); all else
    its defaults. A photo without a resolution is taken as 96 dpi, as our copy takes it."""
    import ocrmypdf

    ocrmypdf.ocr(source, target, language=["dan", "eng"], output_type="pdf", optimize=0, jobs=1, progress_bar=False,
                 image_dpi=96)


def run_bare_ocr(files: list[Path], out: Path, workers: int) -> float:
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_warm, [0.5] * workers))
        started = time.perf_counter()
        list(pool.map(_bare_ocr, files, [out / f"{f.stem}.ocr.pdf" for f in files]))
        return time.perf_counter() - started


def _warm(seconds: float) -> None:
    """A bare worker imports OCRmyPDF before the clock starts, as ours are up before it; the
    pause lets every worker take one."""
    import ocrmypdf  # noqa: F401

    time.sleep(seconds)


def measure_ocr(files: int = 30, workers: int = 2, rounds: int = 3,
                say: Callable[[str], None] = print) -> dict[str, float]:
    """Pages read per second by OCR: our documents stage with OCR on, and bare OCRmyPDF, on the
    same pictures of text; rounds alternate, ``ratio`` is the median of the rounds' ours / bare."""
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
    with DocumentPool(workers) as pool:
        pool.convert_all([DocumentJob(original=f, target=out / f"warm-{n}.pdf", name=f.name, ocr=False)
                          for n, f in enumerate(files[:workers])])  # up and warm, as in the CLI
        started = time.perf_counter()
        results = pool.convert_all([_job(f, out, ocr=True) for f in files])
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
