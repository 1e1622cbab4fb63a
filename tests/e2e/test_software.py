"""The archive names the software that made it, with versions, in report.json and bag-info.txt.

Judged by asking each library and program itself (``importlib.metadata``, ``gs --version``,
``soffice --version``, lxml's own libxml2 constant), never through the product's record.
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import lxml.etree
import pikepdf
from packaging.requirements import Requirement

from helpers import SampleBag

ROOT = Path(__file__).resolve().parents[2]


def test_report_and_bag_info_name_every_library_and_program_with_its_version(sample_bag: SampleBag):
    """The suite's one conversion of the sample (documents converted, OCR on) is judged: a run of
    its own cost 20 s of CPU and asked nothing more of it."""
    software = json.loads((sample_bag.bag / "data/report.json").read_text(encoding="utf-8"))["software"]

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    expected = {Requirement(line).name: metadata.version(Requirement(line).name) for line in project["dependencies"]}
    expected |= {
        "xena2archive": metadata.version("xena2archive"),
        "Python": platform.python_version(),
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "qpdf": pikepdf.__libqpdf_version__,
        "Ghostscript": subprocess.run(["gs", "--version"], capture_output=True, text=True, check=True).stdout.strip(),
        "LibreOffice": re.search(r"LibreOffice (\S+)", subprocess.run(
            ["soffice", "--version"], capture_output=True, text=True, check=True).stdout).group(1),
        "Tesseract": re.search(r"tesseract (\S+)", subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, check=True).stdout).group(1),
    }
    for name, version in expected.items():
        assert software.get(name) == version, name
    assert re.fullmatch(r"\S+ \(DROID_SignatureFile_V\d+\.xml; container-signature-\d{8}\.xml\)", software["Siegfried"])
    assert software["libheif"]

    bag_info = (sample_bag.bag / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    lines = [line.removeprefix("Software-Version: ") for line in bag_info if line.startswith("Software-Version: ")]
    assert lines == [f"{name} {version}" for name, version in software.items()]
