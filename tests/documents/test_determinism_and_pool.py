"""Same input, same bytes; and many documents in parallel, in order, surviving a dead worker."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from doc_inputs import (
    ENDLESS_POSTSCRIPT,
    OIOUBL_INVOICE,
    alive,
    convert_with_siegfried_refused,
    image_bytes,
    job,
    pdf_with_active_content,
    text_pdf,
    validates,
)
import pytest
from PIL import Image

from xena2archive.documents import CONVERTED, FAILED, NOT_CONVERTED, DocumentJob, DocumentResult, Limits

from xena2archive.documents import pronom
from xena2archive.documents.pool import DocumentPool, convert_all

from xena2archive.documents.convert import convert
from xena2archive._exec.programs import Programs
from helpers import said


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    photo = inputs / "photo.png"
    photo.write_bytes(image_bytes(Image.new("RGBA", (30, 20), (9, 99, 199, 128)), "PNG"))
    invoice = inputs / "invoice.xml"
    invoice.write_text(OIOUBL_INVOICE, encoding="utf-8")
    originals = [
        text_pdf(inputs / "a.pdf", pages=3),
        pdf_with_active_content(inputs / "b.pdf"),
        photo,
        invoice,
    ]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for original in originals:
        # the second run reads a copy at another path, as a later extraction of the zip would
        moved = elsewhere / f"x-{original.name}"
        shutil.copyfile(original, moved)
        first = convert(job(original, tmp_path / "one"))
        second = convert(job(moved, tmp_path / "two", name=original.name))
        assert first.status == second.status == CONVERTED, (original, said(first))
        assert first.pdfa is not None and second.pdfa is not None
        assert first.pdfa.read_bytes() == second.pdfa.read_bytes(), original.name
        assert b"uuid:" not in first.pdfa.read_bytes()


def test_convert_all_keeps_input_order(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    jobs = [
        job(text_pdf(tmp_path / "long.pdf", pages=60), tmp_path / "out"),  # slowest first
        job(empty, tmp_path / "out"),
        job(text_pdf(tmp_path / "short.pdf", pages=1), tmp_path / "out"),
        job(tmp_path / "short.pdf", tmp_path / "out2", name="short-again.pdf"),
    ]
    results = convert_all(jobs, workers=2)
    assert [r.name for r in results] == ["long.pdf", "empty.pdf", "short.pdf", "short-again.pdf"]
    assert [r.status for r in results] == [CONVERTED, NOT_CONVERTED, CONVERTED, CONVERTED]
    assert results[0].pages == 60 and results[0].pdfa is not None and validates(results[0].pdfa)


def die_on_crash_name(job: DocumentJob, programs: Programs) -> DocumentResult:
    """Worker runner for the test below: a document named 'crash.pdf' kills its worker, as
    the kernel's out-of-memory killer would."""
    if job.name == "crash.pdf":
        os.kill(os.getpid(), signal.SIGKILL)
    return convert(job, programs)


def allocate_by_name(job: DocumentJob, programs: Programs) -> DocumentResult:
    """Worker runner for the test below: a document named 'take-300.pdf' first takes 300 MB."""
    held = bytearray(int(job.name.split("-")[1].removesuffix(".pdf")) * 1024 * 1024)
    result = convert(job, programs)
    del held
    return result


@pytest.mark.slow
def test_a_documents_memory_limit_is_on_top_of_what_the_worker_holds(tmp_path: Path) -> None:
    """The limit is what one document may take. The worker already maps far more than its
    documents use (the converters' libraries reserve well over a gigabyte of address space), so
    an address-space limit of that size counted from zero left a document almost nothing, and
    whichever document crossed it killed its worker: e-mails failed at random in the benchmark."""
    source = text_pdf(tmp_path / "doc.pdf", pages=1)
    limits = Limits(memory_mb=400)
    jobs = [job(source, tmp_path / name.removesuffix(".pdf"), name=name, limits=limits)
            for name in ("take-300.pdf", "take-700.pdf", "take-10.pdf")]
    results = convert_all(jobs, workers=1, runner=allocate_by_name)
    assert [r.status for r in results] == [CONVERTED, FAILED, CONVERTED]
    assert results[1].code == "worker-crashed"  # 700 MB is over the 400 its document may take


def test_a_dead_worker_fails_only_its_document(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "doc.pdf", pages=2)
    names = ["a.pdf", "crash.pdf", "b.pdf", "c.pdf", "d.pdf"]
    jobs = [job(source, tmp_path / name.removesuffix(".pdf"), name=name) for name in names]
    results = convert_all(jobs, workers=2, runner=die_on_crash_name)
    assert [r.name for r in results] == names
    crashed = results[1]
    assert (crashed.status, crashed.code, crashed.pdfa) == (FAILED, "worker-crashed", None)
    assert "signal 9" in said(crashed)[0] and crashed.sha256 == results[0].sha256
    assert all(r.status == CONVERTED for i, r in enumerate(results) if i != 1)


def hang_on_hang_name(job: DocumentJob, programs: Programs) -> DocumentResult:
    """Worker runner: a document named 'hang.pdf' never finishes."""
    if job.name == "hang.pdf":
        time.sleep(600)
    return convert(job, programs)


def test_watchdog_stops_a_stuck_worker(tmp_path: Path) -> None:
    """The stuck document (2 s allowed) fails with 'timeout' instead of holding its worker for 600 s;
    the others, with the default time, convert (a busy machine may take more than 2 s for them)."""
    source = text_pdf(tmp_path / "doc.pdf", pages=1)
    names = ["hang.pdf", "a.pdf", "b.pdf"]
    jobs = [job(source, tmp_path / n.removesuffix(".pdf"), name=n,
                limits=Limits(document_timeout_s=2) if n == "hang.pdf" else Limits()) for n in names]
    results = convert_all(jobs, workers=2, runner=hang_on_hang_name)
    assert (results[0].status, results[0].code, said(results[0])) == (
        FAILED, "timeout", ("no result after 2 s; the worker was stopped",))
    assert [r.status for r in results[1:]] == [CONVERTED, CONVERTED]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_killing_the_caller_leaves_no_worker_and_no_ghostscript(tmp_path: Path) -> None:
    endless = tmp_path / "endless.ps"
    endless.write_bytes(ENDLESS_POSTSCRIPT)
    marker = tmp_path / "worker.pid"
    here, src = Path(__file__).parent, Path(__file__).parents[2] / "src"
    script = (
        f"import sys; sys.path[:0] = [{str(src)!r}, {str(here)!r}]\n"
        "from pathlib import Path\n"
        "from doc_inputs import run_endless_ghostscript\n"
        "from xena2archive.documents import DocumentJob\nfrom xena2archive.documents.pool import convert_all\n"
        f"job = DocumentJob(original=Path({str(endless)!r}), target=Path({str(marker)!r}), name='x.ps')\n"
        "convert_all([job], workers=1, runner=run_endless_ghostscript)\n"
    )
    caller = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    worker, gs = 0, []
    while time.monotonic() < deadline and not gs:
        time.sleep(0.05)
        if marker.exists() and marker.read_text():
            worker = int(marker.read_text())
            gs = _children(worker)
    assert gs, "Ghostscript did not start"
    caller.kill()
    caller.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (alive(worker) or any(alive(p) for p in gs)):
        time.sleep(0.05)
    assert not alive(worker) and not any(alive(p) for p in gs)


def test_convert_all_of_nothing(tmp_path: Path) -> None:
    assert convert_all([], workers=4) == []


@pytest.mark.slow
def test_a_pool_started_ahead_serves_batch_after_batch_and_replaces_the_dead(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "doc.pdf", pages=1)
    with DocumentPool(2, runner=die_on_crash_name) as pool:
        started = {w.process.pid for w in pool._idle}
        first = pool.convert_all([job(source, tmp_path / "1", name=n) for n in ("a.pdf", "b.pdf", "c.pdf")])
        after_first = {w.process.pid for w in pool._idle}
        crashed = pool.convert_all([job(source, tmp_path / "2", name=n) for n in ("crash.pdf", "d.pdf")])
        last = pool.convert_all([job(source, tmp_path / "3", name=n) for n in ("e.pdf", "f.pdf")])
        workers = [w.process for w in pool._idle]
    assert after_first == started  # the same two processes did the first batch
    assert [r.status for r in first + last] == [CONVERTED] * 5
    assert [(r.code, r.status) for r in crashed] == [("worker-crashed", FAILED), (None, CONVERTED)]
    assert len(workers) == 2 and len({w.pid for w in workers} - started) == 1  # one replaced
    assert not any(alive(w.pid) for w in workers)


def test_a_worker_given_what_siegfried_said_never_asks_it(tmp_path: Path) -> None:
    """A job carries what Siegfried said of its document, asked before in a process apart (the
    documents stage does): the worker identifies with that, and never loads Siegfried's 80 MB of
    signatures. A job without the answer asks, and here that is what breaks its worker."""
    source = text_pdf(tmp_path / "bilag.pdf", pages=1)
    with pronom.Apart() as siegfried:
        answer = siegfried.ask([source])[0]
    assert answer.match is not None
    results = convert_all([job(source, tmp_path / "asked", asked=answer), job(source, tmp_path / "not")],
                          workers=1, runner=convert_with_siegfried_refused)
    assert results[0].status == CONVERTED and results[0].pronom == answer.match.puid
    assert results[0].identified_by == f"{answer.tool}: {answer.match.basis}"
    assert (results[1].status, results[1].code) == (FAILED, "worker-crashed")


def test_the_process_that_runs_the_pool_loads_no_converter() -> None:
    """The CLI's own process converts nothing: the workers import the converters. Loaded there,
    OCRmyPDF, pdfminer, pikepdf's validator and Pillow held about 60 MB of it through the whole
    run, the books and the index included."""
    probe = ("import sys, xena2archive.cli, xena2archive.run; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'pikepdf', 'ocrmypdf', 'pdfminer', 'PIL', 'pillow_heif', 'weasyprint', 'jsonschema'}))")
    found = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert found.strip() == "[]"
