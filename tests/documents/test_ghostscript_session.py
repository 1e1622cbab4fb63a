"""One Ghostscript per worker (``ghostscript.Reuse``, in a worker's ``Programs``): the same copies and messages as one
Ghostscript per document, whatever came before in the session; anything unusual is run alone."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from doc_inputs import (
    OIOUBL_INVOICE, alive, job, page_texts, pdf_text, pdf_with_active_content, text_pdf, validates,
)
from pikepdf import Array, Dictionary, Name

from xena2archive.documents import CONVERTED, DocumentResult, Limits

from xena2archive.documents.convert import convert
from xena2archive._exec import ghostscript
from xena2archive._exec.programs import Programs
from helpers import said

# what convert() passes on by default, so its documents share the session of run_pdfa's
_LIMITS = {"timeout_s": Limits().timeout_s, "memory_mb": Limits().memory_mb}


def _image_pdf(path: Path) -> Path:
    """A page that draws an RGB image and a little text in a font that is not embedded."""
    pdf = pikepdf.new()
    pixels = bytes(v for y in range(40) for x in range(60) for v in (x * 7 % 256, y * 5 % 256, (x + y) % 256))
    image = pdf.make_stream(
        pixels,
        Type=Name.XObject, Subtype=Name.Image, Width=60, Height=40,
        ColorSpace=Name.DeviceRGB, BitsPerComponent=8,
    )  # fmt: skip
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Times-Roman"))
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 300, 200]),
        Contents=pdf.make_stream(b"q 120 0 0 80 20 20 cm /Im0 Do Q BT /F1 14 Tf 20 150 Td (Kvittering) Tj ET"),
        Resources=Dictionary(XObject=Dictionary(Im0=image), Font=Dictionary(F1=font)),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def _inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    invoice = folder / "faktura.xml"
    invoice.write_text(OIOUBL_INVOICE, encoding="utf-8")
    whole = text_pdf(folder / "hel.pdf", pages=6).read_bytes()
    truncated = folder / "afskåret.pdf"
    truncated.write_bytes(whole[: len(whole) // 2])
    return [
        text_pdf(folder / "bilag.pdf", pages=3),
        pdf_with_active_content(folder / "aktiv.pdf"),
        _image_pdf(folder / "kvittering.pdf"),
        invoice,
        truncated,
        text_pdf(folder / "æøå.pdf", pages=1, words="Kreditnota til Øster Ålling"),
    ]


def _fingerprint(result: DocumentResult) -> tuple[object, ...]:
    copy = result.pdfa.read_bytes() if result.pdfa is not None else None
    return result.status, result.code, said(result), result.pages, copy


def test_a_session_gives_the_same_copies_and_messages_in_any_order(tmp_path: Path) -> None:
    originals = _inputs(tmp_path / "in")
    alone = {p.name: _fingerprint(convert(job(p, tmp_path / "alone"))) for p in originals}
    assert all(alone[p.name][0] == CONVERTED for p in originals[:4]), alone
    for order, name in ((originals, "forward"), (originals[::-1], "backward")):
        with Programs() as programs:
            reused = {p.name: _fingerprint(convert(job(p, tmp_path / name), programs)) for p in order}
            assert programs.ghostscript.current is not None  # they really went through a session
        assert reused == alone, name
    for copy in (tmp_path / "forward").glob("*.pdf"):
        assert validates(copy)


def _gs_session_pid(programs: Programs) -> int:
    assert programs.ghostscript.current is not None
    return programs.ghostscript.current.process.pid


def test_one_process_serves_many_documents_and_ends_with_the_block(tmp_path: Path) -> None:
    originals = [text_pdf(tmp_path / f"{n}.pdf", pages=1) for n in range(3)]
    with Programs() as programs:
        first = convert(job(originals[0], tmp_path), programs)
        pid = _gs_session_pid(programs)
        folder = programs.ghostscript.current.folder  # type: ignore[union-attr]
        for original in originals[1:]:
            assert convert(job(original, tmp_path), programs).status == CONVERTED
            assert _gs_session_pid(programs) == pid
    assert first.status == CONVERTED
    assert programs.ghostscript.current is None and not alive(pid) and not folder.exists()


def test_a_session_is_replaced_after_so_many_documents_or_other_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ghostscript, "_JOBS_PER_SESSION", 2)
    source = text_pdf(tmp_path / "a.pdf", pages=1)
    pids = []
    with Programs() as programs:
        for memory_mb in (1024, 1024, 1024, 512):
            work = tmp_path / f"w{len(pids)}"
            work.mkdir()
            ghostscript.run_pdfa(
                source, work / "out.pdf", work, timeout_s=60, memory_mb=memory_mb, reuse=programs.ghostscript
            )
            pids.append(_gs_session_pid(programs))
    assert pids[0] == pids[1] != pids[2] != pids[3]
    assert not any(alive(pid) for pid in pids)


_TAMPERING = b"userdict begin /runpdf { pop } def /setpagedevice { pop } def /showpage { } def end\n"


def _pdf_with_postscript_xobject(path: Path) -> Path:
    """A PDF whose page calls a PostScript XObject that would break every later document if a
    session ran it."""
    text_pdf(path, pages=1)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        page.Resources.XObject = Dictionary(
            PS0=pdf.make_stream(_TAMPERING, Type=Name.XObject, Subtype=Name.PS)
        )
        page.Contents = pdf.make_stream(page.Contents.read_bytes() + b"\n/PS0 Do\n")
        pdf.save(path)
    return path


def test_nothing_a_document_holds_changes_how_the_next_is_converted(tmp_path: Path) -> None:
    """PostScript is never run in a session: a PostScript file goes to a Ghostscript of its own
    (the session stays as it was), and the PostScript of a PDF's XObject is not run at all."""
    program = tmp_path / "program.ps"
    program.write_bytes(
        b"%!PS\n" + _TAMPERING + b"/Helvetica findfont 20 scalefont setfont 72 700 moveto "
        b"(Fra PostScript) show systemdict /showpage get exec\n"
    )
    xobject = _pdf_with_postscript_xobject(tmp_path / "xobject.pdf")
    after = text_pdf(tmp_path / "after.pdf", pages=2)
    expected = _fingerprint(convert(job(after, tmp_path / "alone")))
    work = tmp_path / "work"
    work.mkdir()
    with Programs() as programs:
        ghostscript.run_pdfa(after, work / "a.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        session = _gs_session_pid(programs)
        ghostscript.run_pdfa(program, work / "p.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        assert convert(job(xobject, tmp_path / "reused"), programs).status == CONVERTED
        reused = _fingerprint(convert(job(after, tmp_path / "reused"), programs))
        assert _gs_session_pid(programs) == session
    assert "Fra PostScript" in pdf_text(work / "p.pdf")
    assert reused == expected


def test_what_a_session_cannot_finish_is_run_alone(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "a.pdf", pages=2)
    work = tmp_path / "work"
    work.mkdir()
    alone = ghostscript.run_pdfa(source, work / "alone.pdf", work, **_LIMITS)
    with Programs() as programs:
        ghostscript.run_pdfa(source, work / "first.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        broken = programs.ghostscript.current
        assert broken is not None
        broken.command = broken.command.replace(b"runpdf", b"no-such-operator")
        again = ghostscript.run_pdfa(source, work / "again.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        assert programs.ghostscript.current is None and not alive(broken.process.pid)
        ghostscript.run_pdfa(source, work / "next.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        assert programs.ghostscript.current is not None
    assert again == alone.replace("alone.pdf", "again.pdf")
    assert len(pikepdf.open(work / "again.pdf").pages) == 2


def test_a_damaged_pdf_gives_what_it_gives_alone(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 16)
    work = tmp_path / "work"
    work.mkdir()

    def outcome(output: Path, reuse: ghostscript.Reuse | None = None) -> tuple[str, str]:
        try:
            text = ghostscript.run_pdfa(garbage, output, work, **_LIMITS, reuse=reuse)
        except ghostscript.GhostscriptError as error:
            return type(error).__name__, str(error).replace(output.name, "out.pdf")
        return "copy", text.replace(output.name, "out.pdf")

    alone = outcome(work / "a.pdf")
    # what Ghostscript 10.0 does with it: exit 0, an error message, and one blank page
    assert alone == ("copy", "   **** Error: Couldn't initialise file.\n               Output may be incorrect.\n"
                             "   No pages will be processed (FirstPage > LastPage).\n")
    assert [t.strip() for t in page_texts(work / "a.pdf")] == [""]
    with Programs() as programs:
        reused = outcome(work / "b.pdf", programs.ghostscript)
    assert reused == alone
    assert [t.strip() for t in page_texts(work / "b.pdf")] == [""]


def test_a_time_out_kills_the_session_and_the_next_document_gets_a_new_one(tmp_path: Path) -> None:
    quick = text_pdf(tmp_path / "quick.pdf", pages=1)
    slow = text_pdf(tmp_path / "slow.pdf", pages=1)
    with pikepdf.open(slow, allow_overwriting_input=True) as pdf:
        for _ in range(3000):  # some ten seconds of work for Ghostscript
            pdf.pages.append(pdf.pages[0])
        pdf.save(slow)
    work = tmp_path / "work"
    work.mkdir()
    limits = {"timeout_s": 2.0, "memory_mb": 1024}
    with Programs() as programs:
        ghostscript.run_pdfa(quick, work / "q1.pdf", work, **limits, reuse=programs.ghostscript)
        pid = _gs_session_pid(programs)
        with pytest.raises(ghostscript.GhostscriptTimeout, match=r"took longer than 2 s and was stopped"):
            ghostscript.run_pdfa(slow, work / "s.pdf", work, **limits, reuse=programs.ghostscript)
        assert programs.ghostscript.current is None and not alive(pid)
        ghostscript.run_pdfa(quick, work / "q2.pdf", work, **limits, reuse=programs.ghostscript)
        assert _gs_session_pid(programs) != pid
    assert pikepdf.open(work / "q2.pdf").pages


def test_a_session_gone_between_documents_is_replaced(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "a.pdf", pages=1)
    work = tmp_path / "work"
    work.mkdir()
    with Programs() as programs:
        ghostscript.run_pdfa(source, work / "1.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        session = programs.ghostscript.current
        assert session is not None
        session.process.kill()
        session.process.wait()
        ghostscript.run_pdfa(source, work / "2.pdf", work, **_LIMITS, reuse=programs.ghostscript)
        assert programs.ghostscript.current is not session
    assert not session.folder.exists()
    assert pikepdf.open(work / "1.pdf").pages and pikepdf.open(work / "2.pdf").pages
