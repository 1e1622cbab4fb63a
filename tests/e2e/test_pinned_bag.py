"""The bags of the bundled sample and of a Windows-1252, decimal-comma backup, pinned byte for byte.

A change of the code that moves any byte of an archive fails here, however small: a
restructuring must leave every archive as it was. When a change is meant to change the output
(a new stage, a mended message), run both conversions before and after, read the difference
(``diff -r`` of the two bags), and pin the new fingerprints in the same commit, saying why.
The fingerprint is the SHA-256 of ``tagmanifest-sha256.txt``, which covers every manifest (so
every file) and ``bag-info.txt``. The PDF/A copies are made by Ghostscript, LibreOffice and
WeasyPrint: a new version of one of those moves the pin too, without any change here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import run_cli
from sample_backup import SampleLayout, write_sample_backup

PINS = {
    "sample": "b2ea094ec31cffb35653ab79ba7fe2836ebc4da749d245871e0b2c406f9eb21b",
    "cp1252-decimal-comma": "e7810f032017b1ad55bc136cc393081441e92e3ae556cf02c388a7b4f5fa1f48",
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
