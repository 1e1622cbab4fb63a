"""The CLI's output is a valid, deterministic bag, and `verify` catches damage and names the file."""

import filecmp
import json
import shutil
from pathlib import Path

import bagit
import jsonschema
import pytest

from helpers import make_zip, run_cli, validate_table
from xena2archive.errors import ExitCode

TABLES = {
    "Data/FiscalSetupDto.csv": "Id;OrgNumber;Address.Name;Address.Street;Address.Zip;Address.City\n"
                               "1;12345678;Bøgh & Søn ApS;Vestergade 1;8000;Aarhus C\n",
    "Data/FiscalPeriodDto.csv": "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description\n"
                                "1;19358;19722;2023\n2;19723;20088;2024\n",
    "Data/LedgerPostDto.csv": "Id;VoucherId;Amount;Description\n1;1;100,00;Salg\n2;1;-100,00;Bank\n",
    "Bilag/100% rabat æøå.pdf": b"%PDF-1.4\n%%EOF\n",
}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The backup and its archive, made once for the module (a run costs seconds of start-up)."""
    folder = tmp_path_factory.mktemp("bag")
    backup = make_zip(folder / "backup.zip", TABLES)
    # findings: the PDF is damaged beyond reading, so it has no PDF/A copy
    assert run_cli(backup, folder / "out") == ExitCode.findings
    return folder


@pytest.fixture
def bag(tmp_path, made) -> Path:
    """A test's own copy of the module's archive, with its backup beside it: a test may damage it."""
    shutil.copy2(made / "backup.zip", tmp_path / "backup.zip")
    shutil.copytree(made / "out", tmp_path / "out", symlinks=True)
    return tmp_path / "out"


def _all_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_bag_validates_with_bagit_python_and_carries_the_company(bag):
    bagit.Bag(str(bag)).validate()
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert "Source-Organization: Bøgh & Søn ApS (CVR 12345678)" in info
    assert "Bagging-Date: 2025-01-31" in info  # SOURCE_DATE_EPOCH's day (tests/conftest.py)
    assert "Xena-Backup-Date: 2025-01-31" in info  # the backup's own
    assert "Xena-Fiscal-Period: 2023-01-01/2023-12-31" in info
    assert "External-Identifier: sha256:" in info
    assert (bag / "manifest-sha512.txt").is_file() and (bag / "tagmanifest-sha256.txt").is_file()


def test_percent_and_danish_name_round_trip(bag):
    kept = bag / "data/original/Bilag/100\uff05 rabat æøå.pdf"
    assert kept.read_bytes() == TABLES["Bilag/100% rabat æøå.pdf"]
    report = (bag / "data/report.json").read_text(encoding="utf-8")
    assert "Bilag/100% rabat æøå.pdf" in report  # the original name stays on record


def test_two_runs_are_byte_identical(tmp_path, bag):
    backup = tmp_path / "backup.zip"
    assert run_cli(backup, tmp_path / "again") == ExitCode.findings
    files = _all_files(bag)
    assert files == _all_files(tmp_path / "again")
    _match, mismatch, errors = filecmp.cmpfiles(bag, tmp_path / "again", files, shallow=False)
    assert not mismatch and not errors


def test_verify_passes_on_a_fresh_bag(bag, capsys):
    assert run_cli("verify", bag) == ExitCode.ok
    assert "OK" in capsys.readouterr().out


# what bagit-python, the second reader, says of each damage (a count or size off stops it before it
# compares checksums, so it names no file then)
BAGIT_PYTHON_SAYS = {"flip": r"data/tables/LedgerPostDto\.jsonl sha256 validation failed",
                     "missing": "Payload-Oxum validation failed", "extra": "Payload-Oxum validation failed"}


@pytest.mark.parametrize("damage", ["flip", "missing", "extra"])
def test_verify_names_the_damaged_file(bag, capsys, damage):
    target = bag / "data/tables/LedgerPostDto.jsonl"
    if damage == "flip":
        data = bytearray(target.read_bytes())
        data[5] ^= 0x01
        target.write_bytes(bytes(data))
    elif damage == "missing":
        target.unlink()
    else:
        (bag / "data/tables/stray.txt").write_text("x")
    assert run_cli("verify", bag) == ExitCode.verify_failed
    out = capsys.readouterr().out
    assert "FAILED" in out
    assert ("stray.txt" if damage == "extra" else "LedgerPostDto.jsonl") in out
    with pytest.raises(bagit.BagValidationError, match=BAGIT_PYTHON_SAYS[damage]):
        bagit.Bag(str(bag)).validate()


def test_verify_catches_a_row_that_breaks_its_schema_even_with_fixed_checksums(bag, capsys):
    """A re-hashed bag with a changed value still fails: the schema is checked, not only the hashes."""
    target = bag / "data/tables/LedgerPostDto.jsonl"
    target.write_text(target.read_text(encoding="utf-8").replace('"100.00"', '100.0'), encoding="utf-8")
    import datetime as dt

    from xena2archive.api import About
    from xena2archive.run import bag_info
    from xena2archive.bag.write import write_bag
    from xena2archive.books import open_books
    from xena2archive.report import BackupInput, Report
    import json

    report = json.loads((bag / "data/report.json").read_text(encoding="utf-8"))
    with open_books(bag / "data/tables", postings=False) as books:
        company = books.company
    report = Report(report["tool"], BackupInput(**report["input"]), software=report["software"])
    write_bag(bag, bag_info(company, report, dt.datetime(2025, 1, 31, tzinfo=dt.UTC), About()))
    assert run_cli("verify", bag) == ExitCode.verify_failed
    assert "LedgerPostDto.jsonl: line 1" in capsys.readouterr().out
    bagit.Bag(str(bag)).validate()  # the checksums were fixed: only the schema can tell
    with pytest.raises(jsonschema.ValidationError, match=r"100\.0 is not of type"):
        validate_table(bag / "data/tables", "LedgerPostDto")


@pytest.mark.slow
def test_one_worker_and_two_give_the_same_bag(tmp_path):
    """With two workers the workbooks are written while documents and index are made; with one,
    everything runs in turn. The order of the work must not show in the bag."""
    from sample_backup import SampleLayout, write_sample_backup

    backup = tmp_path / "sample.zip"
    write_sample_backup(backup, SampleLayout(formats=("csv", "xml")), posts=300)
    outs = []
    for jobs in ("1", "2"):
        outs.append(tmp_path / f"jobs{jobs}")
        assert run_cli(backup, outs[-1], "--jobs", jobs) == ExitCode.findings  # the sample's PNG named .pdf
    files = _all_files(outs[0])
    assert files == _all_files(outs[1]) and any(f.endswith(".xlsx") for f in files)
    _match, mismatch, errors = filecmp.cmpfiles(outs[0], outs[1], files, shallow=False)
    assert not mismatch and not errors


def test_verify_says_it_checked_our_archive(bag, capsys):
    assert run_cli("verify", "--json", bag) == ExitCode.ok
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["verdict"] == "valid" and verdict["xena2archive_archive"] is True
    assert verdict["archive_checks"] == ["originals", "tables against their schemas", "PDF/A copies",
                                         "datapackage.json", "SAF-T files", "METS.xml checksums"]
    assert verdict["bag"]["algorithms"] == ["sha256", "sha512"] and verdict["problems"] == []


def test_our_data_rebagged_by_another_tool_is_still_checked_in_full(tmp_path, bag, capsys):
    """An archive re-packs our data/ with its own tool (bagit-python: BagIt 0.97, md5 only): the bag
    is judged by 0.97's rules, and the archive in it is still checked."""
    rebagged = tmp_path / "rebagged"
    shutil.copytree(bag / "data", rebagged)
    bagit.make_bag(str(rebagged), checksums=["md5"])
    assert run_cli("verify", rebagged) == ExitCode.ok
    out = capsys.readouterr().out
    assert "OK: the bag is complete and intact (BagIt 0.97" in out and "md5 manifest" in out
    assert "checked: originals, tables against their schemas, PDF/A copies" in out
    target = rebagged / "data/tables/LedgerPostDto.jsonl"  # a changed row, re-hashed by the tool
    target.write_text(target.read_text(encoding="utf-8").replace('"100.00"', '100.0'), encoding="utf-8")
    shutil.rmtree(rebagged / "data/original")  # and the originals gone, manifests made again
    for name in ("bagit.txt", "bag-info.txt", "manifest-md5.txt", "tagmanifest-md5.txt"):
        (rebagged / name).unlink()
    for item in (rebagged / "data").iterdir():
        item.rename(rebagged / item.name)
    (rebagged / "data").rmdir()
    bagit.make_bag(str(rebagged), checksums=["md5"])
    assert run_cli("verify", rebagged) == ExitCode.verify_failed
    out = capsys.readouterr().out
    assert "data/tables/LedgerPostDto.jsonl: line 1" in out
    assert "original of Bilag/100% rabat æøå.pdf missing" in out


def test_an_archive_check_that_crashes_is_a_problem_not_a_traceback(bag):
    from xena2archive.verify import ARCHIVE_CHECKS, verify

    def broken(data: Path) -> list[str]:
        raise KeyError("tables")

    verdict = verify(bag, checks=(*ARCHIVE_CHECKS, ("SAF-T files", broken)))
    assert verdict.exit_code == ExitCode.verify_failed
    assert [(check, p.code, p.where, p.phrase) for check, p in verdict.archive_problems] == [
        ("SAF-T files", "archive-check-failed", "SAF-T files", "could not be checked (KeyError: 'tables')")]
