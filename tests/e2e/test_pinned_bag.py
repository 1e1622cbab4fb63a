"""The bags of the bundled sample and of a Windows-1252, decimal-comma backup, pinned byte for byte.

A change of the code that moves any byte of an archive fails here, however small: a
restructuring must leave every archive as it was. What is pinned is checked in under
``tests/e2e/pinned/<name>/``: the bag's ``manifest-sha256.txt`` (every payload file and its
checksum), ``bag-info.txt``, and ``tagmanifest-sha256.txt`` (which covers the tag files too), with
``tests/e2e/pinned/versions.txt``, the versions of the libraries and programs that made them.
``tools/repin.py`` holds the layouts and the comparison.

On failure the test prints every payload file added, removed or changed, each with the tools
that made it (Ghostscript, LibreOffice and WeasyPrint make the PDF/A copies, Tesseract their text
layers, XlsxWriter the
workbooks, lxml the SAF-T files) and their versions, pinned and now: a new version of one of
those moves the pin without any change here, and the list says so.

When a change is meant to move bytes (a new stage, a mended message, a library update), or when
branches merge: ``make repin``, read ``git diff tests/e2e/pinned/`` (which files moved, and does
the change explain each), and commit the new files with the change, saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SampleBag
from repin import EXPECTED_EXIT, LAYOUTS, PINNED, PINNED_FILES, convert, difference


def test_the_sample_bag_is_the_pinned_one(sample_bag: SampleBag) -> None:
    """The session's sample archive (``sample_bag``, converted as ``tools/repin.py`` does), which the
    other end-to-end tests read, is the pinned one; so none of them has changed it either."""
    assert all((PINNED / "sample" / file).is_file() for file in PINNED_FILES), "run `make repin`"
    assert sample_bag.code == EXPECTED_EXIT  # the sample's PNG receipt named .pdf is a finding
    changed = difference("sample", sample_bag.bag)
    assert changed is None, changed


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(set(LAYOUTS) - {"sample"}))
def test_the_bag_is_the_pinned_one(tmp_path: Path, name: str) -> None:
    assert all((PINNED / name / file).is_file() for file in PINNED_FILES), "run `make repin`"
    code, bag, _facts = convert(name, tmp_path)
    assert code == EXPECTED_EXIT  # the sample's PNG receipt named .pdf is a finding
    changed = difference(name, bag)
    assert changed is None, changed


def test_a_moved_byte_is_named_with_the_tools_that_made_it(tmp_path: Path) -> None:
    """What a failure prints, on a pinned manifest with one copy's checksum and one workbook changed
    and one file added."""
    pinned = tmp_path / "pinned"
    pinned.mkdir()
    bag = tmp_path / "bag"
    (bag / "data").mkdir(parents=True)
    (bag / "data/report.json").write_text('{"documents": [{"pdfa": "documents/a.pdf", "format": "pdf"}]}',
                                          encoding="utf-8")
    lines = ["1" * 64 + "  data/documents/a.pdf", "2" * 64 + "  data/tables/T.xlsx", "3" * 64 + "  data/x.jsonl"]
    for file in PINNED_FILES:
        (bag / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        (pinned / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert difference("sample", bag, pinned) is None
    moved = ["9" * 64 + "  data/documents/a.pdf", "8" * 64 + "  data/tables/T.xlsx", lines[2],
             "4" * 64 + "  data/original/new.csv"]
    (bag / "manifest-sha256.txt").write_text("\n".join(moved) + "\n", encoding="utf-8")
    said = difference("sample", bag, pinned)
    assert said is not None
    assert "changed: data/documents/a.pdf  (made by ghostscript " in said and "pikepdf " in said
    assert "changed: data/tables/T.xlsx  (made by xlsxwriter " in said
    assert "added: data/original/new.csv" in said and "data/x.jsonl" not in said
    assert "tool versions (pinned with -> now):" in said and "ghostscript: " in said and "libreoffice: " in said
    assert "make repin" in said
