"""The bags of the bundled sample and of a Windows-1252, decimal-comma backup, pinned byte for byte.

A change of the code that moves any byte of an archive fails here, however small: a
restructuring must leave every archive as it was. When a change is meant to change the output
(a new stage, a mended message), run both conversions before and after, read the difference
(``diff -r`` of the two bags), and pin the new fingerprints in the same commit, saying why.
The fingerprint is the SHA-256 of ``tagmanifest-sha256.txt``, which covers every manifest (so
every file) and ``bag-info.txt``. The PDF/A copies are made by Ghostscript, LibreOffice and
WeasyPrint, and their text layers by Tesseract (with its Danish and English data): a new version
of one of those moves the pin too, without any change here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import run_cli
from sample_backup import SampleLayout, write_sample_backup

PINS = {
    "sample": "2e2bd85ccb156b99decf82d74a16a8b23909f630e08e7f53761d7dbbe9e998f1",
    "cp1252-decimal-comma": "d7e9fa731aaf85f395015fd1b90258e4de16d50500f4a66bda609d58c13e20cd",
}
LAYOUTS = {
    "sample": (SampleLayout(), 400),
    "cp1252-decimal-comma": (SampleLayout(tables_folder="", delimiter=",", encoding="cp1252", decimal_comma=True,
                                          nested="_", bools=("Ja", "Nej")), 300),
}


@pytest.mark.parametrize("name", sorted(PINS))
def test_the_bag_is_the_pinned_one(tmp_path: Path, name: str) -> None:
    layout, posts = LAYOUTS[name]
    write_sample_backup(tmp_path / "backup.zip", layout, posts=posts)
    assert run_cli(tmp_path / "backup.zip", tmp_path / "out", "--quiet", "--jobs", "2") == 1  # the sample's PNG
    fingerprint = hashlib.sha256((tmp_path / "out" / "tagmanifest-sha256.txt").read_bytes()).hexdigest()
    assert fingerprint == PINS[name], f"the {name} bag changed: see this module's docstring"
