"""The archive's date is the day it is made (or ``SOURCE_DATE_EPOCH``'s), the backup's date stays the
backup's; the read-me files at the top of the bag; the optional bag-info fields; the standards named.

Judged by what the test reads itself: ``bag-info.txt`` as text, ``sha256sum``/``sha512sum`` (GNU coreutils)
checking the manifests as the read-me tells a reader to, bagit-python, and Siegfried (``pygfried``) naming
the PRONOM id of each kind of file the read-me lists.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import bagit
import pygfried
import pytest

from helpers import make_zip, run_cli
from xena2archive.errors import ExitCode
from xena2archive.standards import STANDARDS

TABLES = {
    "Data/FiscalSetupDto.csv": "Id;Name;OrgNumber;Address.Name;Address.Street;Address.Zip;Address.City\n"
                               "1;Bøgh & Søn ApS;12345678;Bøgh & Søn ApS;Vestergade 1;8000;Aarhus C\n",
    "Data/FiscalPeriodDto.csv": "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description\n"
                                "1;19358;19722;2023\n2;19723;20088;2024\n",
    "Data/LedgerPostDto.csv": "Id;VoucherId;Amount;Description\n1;1;100,00;Salg\n2;1;-100,00;Bank\n",
}


def _info(bag: Path) -> list[tuple[str, str]]:
    lines = (bag / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    return [(label, value) for label, _, value in (line.partition(": ") for line in lines)]


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    backup = make_zip(folder / "backup.zip", TABLES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225599")  # 2025-12-31 23:59:59 UTC: not the backup's day
        code = run_cli(backup, folder / "out", "--contact-name", "Anne Ærø", "--contact-email", "anne@example.dk",
                       "--organization-address", "Vestergade 1, 8000 Aarhus C", "--operator", "Anne Ærø")
    assert code in (ExitCode.ok, ExitCode.findings)
    return folder / "out"


def test_the_bag_is_dated_the_day_it_is_made_and_the_backup_keeps_its_own_date(bag: Path) -> None:
    info = _info(bag)
    assert ("Bagging-Date", "2025-12-31") in info
    assert ("Xena-Backup-Date", "2025-01-31") in info  # the zip's newest entry (helpers.make_zip)
    report = (bag / "data/report.json").read_text(encoding="utf-8")
    assert '"made": "2025-12-31T23:59:59Z"' in report and '"backup_time": "2025-01-31T12:00:00"' in report


def test_the_optional_fields_and_the_standards_are_in_bag_info(bag: Path) -> None:
    info = _info(bag)
    assert ("Contact-Name", "Anne Ærø") in info and ("Contact-Email", "anne@example.dk") in info
    assert ("Organization-Address", "Vestergade 1, 8000 Aarhus C") in info
    named = [value for label, value in info if label == "Metadata-Standard"]
    assert any(value.startswith("BagIt 1.0 (RFC 8493)") for value in named)
    assert any(value.startswith("Frictionless Data Package v2: data/datapackage.json") for value in named)
    bagit.Bag(str(bag)).validate()  # the read-me files are tag files, in the tag manifests
    tags = (bag / "tagmanifest-sha256.txt").read_text(encoding="utf-8")
    assert "  LÆSMIG.txt\n" in tags and "  README.txt\n" in tags


@pytest.mark.parametrize("tool", ["sha256sum", "sha512sum"])
def test_the_read_me_s_check_works_with_coreutils(bag: Path, tool: str) -> None:
    alg = tool.removesuffix("sum")
    done = subprocess.run([tool, "-c", f"manifest-{alg}.txt"], cwd=bag, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK\n") == len(list((bag / "data").rglob("*.*")))


def test_the_read_me_files_say_who_what_when_and_how(bag: Path) -> None:
    danish = (bag / "LÆSMIG.txt").read_text(encoding="utf-8")
    english = (bag / "README.txt").read_text(encoding="utf-8")
    for text in (danish, english):
        assert "Bøgh & Søn ApS (CVR 12345678)" in text
        assert "2023-01-01 – 2023-12-31, 2024-01-01 – 2024-12-31" in text
        assert "    sha256sum -c manifest-sha256.txt\n" in text
        assert "2025-12-31" in text and "2025-01-31" in text  # made, and the backup's date
        assert "\n  tables/ " in text and "\n  original/ " in text and "\n  documents/" not in text  # none here
        assert all(len(line) <= 100 for line in text.splitlines())
    assert "Arkivet blev lavet 2025-12-31" in danish and "Sådan kontrolleres arkivet" in danish
    assert "It was made 2025-12-31" in english and "How to check the archive" in english


def test_the_pronom_ids_the_read_me_gives_are_siegfried_s(bag: Path) -> None:
    """Each format the read-me names with a PRONOM id, against Siegfried's answer on such a file of an
    archive (the sample's PDF/A copy is judged in test_preservation.py, this backup has none)."""
    files = {"data/datapackage.json": "fmt/817", "data/tables/LedgerPostDto.schema.json": "fmt/817",
             "data/tables/LedgerPostDto.jsonl": "fmt/2054", "data/tables/LedgerPostDto.xlsx": "fmt/214",
             "data/index.html": "fmt/471", "data/report.json": "fmt/817", "README.txt": "x-fmt/111"}
    saft = sorted((bag / "data/saft").glob("*.xml"))[0]
    files[str(saft.relative_to(bag))] = "fmt/101"
    for path, puid in files.items():
        found = pygfried.identify(str(bag / path), detailed=True)["files"][0]["matches"][0]["id"]
        assert found == puid, path
        named = [s for s in STANDARDS if s.pronom == puid]
        assert named, f"{puid} ({path}) is not named in the read-me"
    assert {s.pronom for s in STANDARDS if s.pronom} - set(files.values()) == {"fmt/477"}


def test_without_source_date_epoch_the_bag_carries_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    backup = make_zip(tmp_path / "backup.zip", TABLES)
    before = dt.datetime.now(dt.UTC).date()
    assert run_cli(backup, tmp_path / "out", "--quiet") in (ExitCode.ok, ExitCode.findings)
    after = dt.datetime.now(dt.UTC).date()
    dated = dict(_info(tmp_path / "out"))["Bagging-Date"]
    assert dated in {before.isoformat(), after.isoformat()}
    assert dict(_info(tmp_path / "out"))["Xena-Backup-Date"] == "2025-01-31"


@pytest.mark.parametrize("value", ["yesterday", "1.5", "-1", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_refused_before_anything_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    backup = make_zip(tmp_path / "backup.zip", TABLES)
    assert run_cli(backup, tmp_path / "out", "--quiet") == ExitCode.usage
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
