"""End to end: Word and Excel files in a backup get validated PDF/A copies carrying their text;
a password-protected one keeps its original and is reported. The CLI runs them through the pool,
whose workers each own a LibreOffice session."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest
from pikepdf import pdfa

from helpers import run_cli
from sample_backup import write_sample_backup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "documents"))
from doc_inputs import plain_text
from office_inputs import LONG_TEXT, docx, encrypted_docx, red_png, xlsx

# slow: a conversion of its own (25 s); the office conversions themselves are quick in documents/test_office.py
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    backup = folder / "backup.zip"
    write_sample_backup(backup, posts=120)
    word = docx(folder / "faktura.docx", ["Faktura 2024-117 fra Ærø Købmand", "I alt: 1.995,00 kr."], red_png())
    extra = {
        "Dokumenter/faktura.docx": word,
        "Dokumenter/regnskab.xlsx": xlsx(folder / "regnskab.xlsx"),
        "Dokumenter/hemmelig.docx": encrypted_docx(word, folder / "hemmelig.docx"),
    }
    with zipfile.ZipFile(backup, "a") as zipped:
        for name, path in extra.items():
            zipped.write(path, name)
    # 1: the sample's PNG receipt named .pdf, and the password-protected docx kept as its original only
    assert run_cli(backup, folder / "out", "--jobs", "2") == 1
    data = folder / "out/data"
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    return data, {d["zip_name"]: d for d in report["documents"]}


def test_word_and_excel_copies_validate_and_carry_the_text(archive):
    data, documents = archive
    word, sheet = documents["Dokumenter/faktura.docx"], documents["Dokumenter/regnskab.xlsx"]
    for document in (word, sheet):
        assert document["status"] == "converted", document["reasons"]
        assert pdfa.validate_written(data / document["pdfa"], "2b").passed
    assert "Faktura 2024-117 fra Ærø Købmand" in plain_text(data / word["pdfa"])
    assert word["format"] == "docx" and word["pronom"] == "fmt/412"
    text = plain_text(data / sheet["pdfa"])
    assert LONG_TEXT in text and "Udgående moms på ålefangst" in text


def test_password_protected_word_file_is_kept_and_reported(archive):
    _data, documents = archive
    locked = documents["Dokumenter/hemmelig.docx"]
    assert (locked["status"], locked["code"], locked["pdfa"]) == ("not-converted", "encrypted", None)
    assert "password" in locked["reasons"][0]
