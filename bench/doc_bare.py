"""The bare side of the documents benchmark (``bench/documents.py``): each file's converter run
on its own, with nothing of ours around it, and bare OCRmyPDF."""

from __future__ import annotations

import email
import email.policy
import html
import io
import multiprocessing
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import img2pdf
import pillow_heif
import weasyprint
from PIL import Image

from xena2archive._exec import ghostscript, libreoffice

pillow_heif.register_heif_opener()  # the bare side opens HEIC with Pillow too
_OFFICE_EXPORT = {".docx": libreoffice.WRITER, ".xlsx": libreoffice.CALC}


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
