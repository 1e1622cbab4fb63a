"""The documents stage asks Siegfried about a round's documents in a process apart, and hands
each job the answer: its workers never load Siegfried's signatures (80 MB each, the largest part
of a worker). An e-mail's attachments are asked about in the next round, the copies after the
round that made them; the pool is closed before the last question, Siegfried after it."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage
from pathlib import Path

import pytest
from doc_inputs import convert_with_siegfried_refused, text_pdf

from xena2archive.documents import CONVERTED, Limits, pronom
from xena2archive.documents.pool import DocumentPool
from xena2archive.documents.stage import ask_ahead, convert_documents
from xena2archive.layout import Layout
from xena2archive.progress import Progress
from xena2archive.source import Entry, Extracted


def _extracted(layout: Layout, name: str, data: bytes) -> Extracted:
    file = layout.original / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    entry = Entry(zip_name=name, path=name, size=len(data), compressed_size=len(data), modified=(2023, 3, 14, 9, 30, 0))
    return Extracted(entry, file, hashlib.sha256(data).hexdigest())


def _mail(attached: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "Æblegården ApS <faktura@aeblegaarden.example>"
    message["To"] = "bogholderi@firma.example"
    message["Date"] = "Tue, 14 Mar 2023 09:30:00 +0100"
    message["Subject"] = "Faktura 2023-117"
    message.set_content("Hermed faktura 2023-117 på 1.234,50 kr.\n")
    message.add_attachment(attached, maintype="application", subtype="pdf", filename="Faktura 2023-117.pdf")
    return bytes(message)


def test_no_worker_asks_siegfried_and_every_copy_is_identified(tmp_path: Path) -> None:
    layout = Layout(tmp_path / "arkiv")
    layout.tables.mkdir(parents=True)
    pdf = text_pdf(tmp_path / "faktura.pdf", pages=1, words="Faktura 2023-117 Æblegården").read_bytes()
    items = [_extracted(layout, "Bilag/faktura.pdf", pdf), _extracted(layout, "Bilag/mail.eml", _mail(pdf))]
    with DocumentPool(1, runner=convert_with_siegfried_refused) as pool, pronom.Apart() as siegfried:
        asked = ask_ahead([item.file for item in items], siegfried, 1)
        documents = convert_documents(items, asked, layout, dt.datetime(2023, 3, 14, tzinfo=dt.UTC), pool,
                                      siegfried, Limits(), Progress(), ocr=False)
        assert pool._idle == []  # closed by the stage once its last round was converted
        with pytest.raises(RuntimeError):  # and Siegfried's process after the last question: it takes none
            siegfried.tool()
    outcomes = documents.outcomes
    assert [o.item.entry.path for o in outcomes][:2] == ["Bilag/faktura.pdf", "Bilag/mail.eml"]
    assert len(outcomes) == 3 and outcomes[2].attached_to is not None  # the e-mail's PDF, in a round of its own
    assert [o.result.status for o in outcomes] == [CONVERTED] * 3  # no worker broke by asking Siegfried
    assert [o.result.pronom for o in outcomes] == ["fmt/17", "fmt/950", "fmt/17"]
    assert all(o.result.identified_by and o.result.identified_by.startswith("Siegfried ") for o in outcomes)
    assert [o.pdfa_pronom for o in outcomes] == ["fmt/477"] * 3  # PDF/A-2b, each copy by its bytes
