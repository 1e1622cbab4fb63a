"""Resources: a zip that needs more disk than there is is refused before anything is written (exit 4),
and a zip of thousands of entries of one name gets a name for each."""

from __future__ import annotations

import errno
import re
import shutil
import zipfile
from collections import namedtuple
from pathlib import Path

from hostile_support import convert, ledger_csv, leftovers, write_zip
from xena2archive.report import Report
from xena2archive.source import list_backup

Usage = namedtuple("Usage", "total used free")


def test_not_enough_free_disk_refused_up_front(tmp_path, capsys, monkeypatch):
    """Free space is checked once the zip is listed, before a byte is extracted (disk_usage faked)."""
    backup = write_zip(tmp_path / "backup.zip", [("Data/LedgerPostDto.csv", ledger_csv("1;1;1,00;a")),
                                                 ("Bilag/a.pdf", b"%PDF-1.4")])
    out = tmp_path / "out"
    asked: list[Path] = []

    def disk_usage(path):  # type: ignore[no-untyped-def]
        path = Path(path)
        asked.append(path)
        assert not [p for p in path.rglob("*") if p.is_file()], "files were written before the space check"
        return Usage(100 * 1024**3, 100 * 1024**3 - 5 * 1024**2, 5 * 1024**2)

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)
    code, err = convert(capsys, backup, out)
    assert asked and all(p.is_relative_to(tmp_path) for p in asked)
    assert code == 4
    assert err == (f"xena2archive: not enough free disk space in {tmp_path} for the archive: about 64 MB needed, "
                   "5 MB free. Free some space, or write the archive to another disk\n"), err
    assert not out.exists() and leftovers(out) == []


def test_zip_declaring_more_than_the_disk_holds_refused(tmp_path, capsys):
    """The real free space, against a zip whose directory declares 1 PiB (it holds 1 kB); the size
    limits are raised so that only the disk check can refuse it."""
    backup = tmp_path / "backup.zip"
    with zipfile.ZipFile(backup, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Data/LedgerPostDto.csv", ledger_csv("1;1;1,00;a"))
        archive.writestr("Bilag/stor.bin", b"x" * 1000)
        archive.filelist[-1].file_size = 2**50
    assert shutil.disk_usage(tmp_path).free < 2**50
    out = tmp_path / "out"
    code, err = convert(capsys, backup, out, "--max-total-size", "2048t", "--max-ratio", str(10**15))
    assert code == 4
    # three times the 1 PiB and 43 bytes the zip declares, and 64 MB to spare
    assert re.fullmatch(rf"xena2archive: not enough free disk space in {re.escape(str(tmp_path))} for the archive: "
                        r"about 3,221,225,536 MB needed, [\d,]+ MB free\. Free some space, or write the "
                        r"archive to another disk\n", err), err
    assert not out.exists() and leftovers(out) == []


def test_many_entries_of_one_name_get_names_of_their_own(tmp_path):
    """8,000 entries of one name: each gets a name of its own (how quickly: bench/guards.py)."""
    backup = tmp_path / "backup.zip"
    n = 8000
    write_zip(backup, [("Bilag/scan.pdf", b"")] * n, compression=zipfile.ZIP_STORED)
    paths = [e.path for e in list_backup(backup).entries]
    assert len(paths) == n and len({p.casefold() for p in paths}) == n
    assert (paths[:3] == ["Bilag/scan.pdf", "Bilag/scan~2.pdf", "Bilag/scan~3.pdf"]
            and paths[-1] == "Bilag/scan~8000.pdf")


def test_disk_full_during_the_run_named_plainly(tmp_path, capsys, monkeypatch):
    """A disk that fills up after the check (another program writing) ends the run with exit 4, a
    message naming the folder the user chose (not the hidden work folder), and nothing in out/."""
    backup = tmp_path / "backup.zip"
    with zipfile.ZipFile(backup, "w") as archive:
        archive.writestr("Data/LedgerPostDto.csv", ledger_csv("1;1;1,00;a"))

    def full(self, path):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(Report, "write", full)
    out = tmp_path / "out"
    code, err = convert(capsys, backup, out)
    assert code == 4
    assert err == (f"xena2archive: the disk holding {tmp_path} became full while the archive was written. Nothing "
                   "was written; free some space, or write the archive to another disk.\n"), err
    assert not out.exists() and leftovers(out) == []
