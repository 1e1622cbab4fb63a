"""A backup unpacked to a folder gives the archive its zip gives, and the report says it came from a folder.

The folder is unpacked by Info-ZIP's ``unzip`` (Debian's ``unzip``), as a user's machine in Denmark
would (``TZ=Europe/Copenhagen``: file times from the zip's local times), never by the product. The
archive of the folder is judged against the archive of the zip file by file; the folder's identity
against a manifest computed here with ``hashlib``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import bagit
import pytest
from sample_backup import SampleLayout, write_sample_backup

from helpers import run_cli
from xena2archive.source import list_backup

pytestmark = pytest.mark.skipif(shutil.which("unzip") is None and not os.environ.get("CI"),
                                reason="Info-ZIP unzip is not installed (tools/setup-system test installs it)")


def unzip(backup: Path, folder: Path) -> Path:
    folder.mkdir()
    subprocess.run(["unzip", "-q", str(backup), "-d", str(folder)], check=True,
                   env={**os.environ, "TZ": "Europe/Copenhagen"})
    return folder


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The sample converted from its zip and from the folder it unpacks to (in another time zone)."""
    root = tmp_path_factory.mktemp("folder")
    backup = root / "Xena sikkerhedskopi 2025-01-31.zip"
    write_sample_backup(backup, SampleLayout(), posts=200)
    folder = unzip(backup, root / "Xena sikkerhedskopi 2025-01-31")
    # without OCR: what is judged is that a folder gives what its zip gives (OCR: the sample's bag, test_ocr.py)
    assert run_cli(backup, root / "from-zip", "--quiet", "--jobs", "2", "--no-ocr") == 1
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"  # the archive does not depend on this machine's zone
    try:
        assert run_cli(folder, root / "from-folder", "--quiet", "--jobs", "2", "--no-ocr") == 1
    finally:
        if zone is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = zone
    return folder, root / "from-zip" / "data", root / "from-folder" / "data"


@pytest.mark.slow  # two conversions with documents (26 s); the folder's refusals below stay quick
@pytest.mark.parametrize("part", ["tables", "documents", "original", "saft"])
def test_the_folder_gives_the_zips_tables_copies_and_originals(both, part):
    _folder, from_zip, from_folder = both
    assert files(from_zip / part) == files(from_folder / part)


@pytest.mark.slow
def test_the_report_says_it_came_from_a_folder_and_names_its_manifest(both):
    folder, _from_zip, from_folder = both
    report = json.loads((from_folder / "report.json").read_text(encoding="utf-8"))
    lines = sorted((str(p.relative_to(folder)).encode(), hashlib.sha256(p.read_bytes()).hexdigest())
                   for p in folder.rglob("*") if p.is_file())
    manifest = b"".join(digest.encode() + b"  " + path + b"\n" for path, digest in lines)
    expected = hashlib.sha256(manifest).hexdigest()
    assert report["input"]["kind"] == "folder" and report["input"]["file"] == folder.name
    assert report["input"]["identifier"] == f"manifest-sha256:{expected}" and report["input"]["sha256"] == expected
    assert report["input"]["size"] == sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    bag_info = (from_folder.parent / "bag-info.txt").read_text(encoding="utf-8")
    assert f"External-Identifier: manifest-sha256:{expected}\n" in bag_info
    zip_report = json.loads((_from_zip / "report.json").read_text(encoding="utf-8"))
    assert zip_report["input"]["kind"] == "zip" and zip_report["input"]["identifier"].startswith("sha256:")
    assert report["input"]["backup_time"] == zip_report["input"]["backup_time"]


def test_links_devices_and_system_files_are_not_followed_and_are_reported(tmp_path, capsys):
    backup = tmp_path / "backup.zip"
    write_sample_backup(backup, SampleLayout(documents=False), posts=40)
    folder = unzip(backup, tmp_path / "unpacked")
    secret = tmp_path / "secret.txt"
    secret.write_text("must not be archived", encoding="utf-8")
    (folder / "Data" / "link.csv").symlink_to(secret)
    (folder / "Dokumenter").mkdir()
    (folder / "Dokumenter" / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "Dokumenter" / "fifo")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    nfd = unicodedata.normalize("NFD", "Bilag æøå Møller.txt")
    (folder / "Dokumenter" / nfd).write_text("kvittering", encoding="utf-8")

    out = tmp_path / "out"
    assert run_cli(folder, out, "--quiet", "--jobs", "1") == 1
    capsys.readouterr()
    report = json.loads((out / "data" / "report.json").read_text(encoding="utf-8"))
    skipped = {s["name"]: s["reason"] for s in report["input"]["skipped"]}
    assert set(skipped) == {"Data/link.csv", "Dokumenter/loop", "Dokumenter/fifo", ".DS_Store"}
    assert skipped["Data/link.csv"].startswith(f"a symbolic link (to {secret})")
    assert "FIFO" in skipped["Dokumenter/fifo"] and "operating system" in skipped[".DS_Store"]
    warned = {f["where"] for f in report["findings"] if f["code"] == "entry-skipped"}
    assert warned == set(skipped)
    kept = files(out / "data" / "original")
    assert not any("link" in name or "fifo" in name or "DS_Store" in name for name in kept)
    assert b"must not be archived" not in b"".join(kept.values())
    nfc = unicodedata.normalize("NFC", "Bilag æøå Møller.txt")
    assert kept[f"Dokumenter/{nfc}"] == b"kvittering"
    entry = next(e for e in report["entries"] if e["original"] == f"original/Dokumenter/{nfc}")
    assert entry["zip_name"] == f"Dokumenter/{nfd}" and "name normalised to Unicode NFC" in entry["notes"]


def test_the_size_limit_holds_for_a_folder(tmp_path, capsys):
    folder = tmp_path / "unpacked"
    (folder / "Data").mkdir(parents=True)
    (folder / "Data" / "LedgerPostDto.csv").write_text("Id;Amount\n" + "1;2,00\n" * 1000, encoding="utf-8")
    assert run_cli(folder, tmp_path / "out", "--quiet", "--max-total-size", "1k") == 3
    assert "Data/LedgerPostDto.csv: the folder holds more than 1,024 bytes" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_archive_is_not_written_into_the_backup_folder(tmp_path, capsys):
    folder = tmp_path / "unpacked"
    (folder / "Data").mkdir(parents=True)
    (folder / "Data" / "LedgerPostDto.csv").write_text("Id;Amount\n1;2,00\n", encoding="utf-8")
    assert run_cli(folder, folder / "arkiv", "--quiet") == 2
    assert "is inside the backup folder" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["Data"]


def test_an_unchanged_folder_is_already_archived(tmp_path, capsys):
    backup = tmp_path / "backup.zip"
    write_sample_backup(backup, SampleLayout(documents=False), posts=40)
    folder = unzip(backup, tmp_path / "unpacked")
    out = tmp_path / "out"
    assert run_cli(folder, out, "--quiet", "--jobs", "1") == 1
    assert run_cli(folder, out, "--resume-check", "quick") == 0
    assert "already archived" in capsys.readouterr().err
    (folder / "Data" / "VatDto.csv").write_bytes((folder / "Data" / "VatDto.csv").read_bytes() + b"\n")
    assert run_cli(folder, out, "--quiet") == 2  # now another backup: out/ holds the archive of the old one


def test_a_name_whose_bytes_are_no_utf8_is_read_as_its_zip_reads_it(tmp_path, capsys):
    """A zip entry named without the UTF-8 mark (code page 437: ``unzip`` writes its bytes to the disk
    as they are) gives the folder a name that is no UTF-8. The folder's archive names the copy as the
    zip names its entry, keeps the bytes, shows the name with \\x escapes and says why; bagit-python
    accepts the bag. (Before: an internal error, exit 70.)"""
    backup = tmp_path / "backup.zip"
    write_sample_backup(backup, SampleLayout(documents=False), posts=40)
    with zipfile.ZipFile(backup, "a") as zipped:
        zipped.writestr("Dokumenter/kvittering-XYZ.txt", "Kvittering 19.017,47 kr.\n")
    data = backup.read_bytes()
    assert data.count(b"XYZ") == 2  # the local header and the central directory: no UTF-8 mark on either
    backup.write_bytes(data.replace(b"XYZ", b"\x91\x9b\x86"))
    folder = unzip(backup, tmp_path / "unpacked")
    assert os.listdir(os.fsencode(folder / "Dokumenter")) == [b"kvittering-\x91\x9b\x86.txt"]
    os.symlink(b"/tmp/m\xe6rkelig", os.fsencode(folder) + b"/henvisning-\x91")  # skipped, and said so

    # the paths the zip's entries get in original/, by the rule that names the folder's files too
    from_zip = {entry.path for entry in list_backup(backup).entries}
    assert run_cli(folder, tmp_path / "from-folder", "--quiet", "--jobs", "1") == 1
    capsys.readouterr()
    as_folder = files(tmp_path / "from-folder/data/original")
    assert set(as_folder) == from_zip
    name = "Dokumenter/kvittering-" + b"\x91\x9b\x86".decode("cp437") + ".txt"
    assert name in from_zip
    assert as_folder[name] == b"Kvittering 19.017,47 kr.\n"
    report = json.loads((tmp_path / "from-folder/data/report.json").read_text(encoding="utf-8"))
    entry = next(e for e in report["entries"] if e["original"] == f"original/{name}")
    assert entry["zip_name"] == "Dokumenter/kvittering-\\x91\\x9b\\x86.txt"
    assert any("not UTF-8" in note and "code page 437" in note for note in entry["notes"])
    skipped = {s["name"]: s["reason"] for s in report["input"]["skipped"]}
    assert skipped["henvisning-\\x91"].startswith("a symbolic link (to /tmp/m\\xe6rkelig)")
    bagit.Bag(str(tmp_path / "from-folder")).validate()
