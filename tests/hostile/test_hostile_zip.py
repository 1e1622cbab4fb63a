"""Hostile and broken zips: each is refused before anything is written, or converted with every
entry kept byte for byte under a safe name and the renaming reported.

Refusals: exit 3 (input) with one line naming the entry; no ``out/`` and no staging folder left.
"""

from __future__ import annotations

import hashlib
import re
import stat
import zipfile
from pathlib import Path

import pytest

from hostile_support import (
    WHEN, assert_complete, assert_refused, convert, findings, ledger_csv, leftovers, post, rows, write_zip,
)

LEDGER = ledger_csv("1;1;100,00;Salg", "2;1;-100,00;Bank")
LEDGER_ROWS = [post(1, 1, "100.00", "Salg"), post(2, 1, "-100.00", "Bank")]

DOTDOT = "path with '..' in the zip; refusing to write outside the output"
ABSOLUTE = "absolute path in the zip; refusing to write outside the output"
NOT_A_ZIP = r"not a readable zip file \(File is not a zip file\); download the backup from Xena again"
RENAMED = ("'%', control characters or trailing spaces in the name changed so every BagIt tool reads it "
           "alike ('%' is written as '％')")
SHORTENED = "name longer than the file system allows; shortened (full name in the report)"
NFC = "name normalised to Unicode NFC"


def same_name(kept_as: str) -> str:
    return f"another entry has the same name apart from case or form; kept as {kept_as}"


# --------------------------------------------------------------------------------------------
# Builders of hostile zips: each returns (zip, extra CLI arguments, expected message regex)
# --------------------------------------------------------------------------------------------


def _with_entry(name: str, message: str):  # type: ignore[no-untyped-def]
    def build(tmp: Path):  # type: ignore[no-untyped-def]
        backup = write_zip(tmp / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), (name, b"evil")])
        return backup, (), f"{re.escape(name)}: {re.escape(message)}"
    return build


def _symlink(tmp: Path):  # type: ignore[no-untyped-def]
    link = zipfile.ZipInfo("Bilag/kvittering.pdf", WHEN)
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    backup = write_zip(tmp / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), (link, "/etc/passwd")])
    return backup, (), re.escape("Bilag/kvittering.pdf: symbolic link in the zip; links are refused")


def _bomb_ratio(tmp: Path):  # type: ignore[no-untyped-def]
    backup = write_zip(tmp / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), ("Bilag/nuller.bin", bytes(20 << 20))])
    return backup, (), (r"Bilag/nuller\.bin: compression ratio \d+:1 is above the limit of 300:1, as in a zip bomb "
                        r"\(raise it with --max-ratio if the backup is genuine\)")


def _bomb_total(tmp: Path):  # type: ignore[no-untyped-def]
    noise = hashlib.shake_256(b"noise").digest(600_000)  # incompressible: no ratio alarm, only the total
    backup = write_zip(tmp / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), ("Bilag/a.bin", noise),
                                            ("Bilag/b.bin", noise)])
    return backup, ("--max-total-size", "1m"), re.escape(
        "Bilag/b.bin: the zip unpacks to more than 1,048,576 bytes "
        "(raise the limit with --max-total-size if the backup is genuine)")


def declared_size_zip(path: Path, name: str, size: int) -> Path:
    """A zip whose central directory says ``name`` unpacks to ``size`` bytes (it holds 1 kB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Data/LedgerPostDto.csv", LEDGER)
        archive.writestr(name, b"x" * 1000)
        archive.filelist[-1].file_size = size  # written to the central directory (zip64) on close
    return path


def _bomb_declared(tmp: Path):  # type: ignore[no-untyped-def]
    backup = declared_size_zip(tmp / "backup.zip", "Bilag/stor.bin", 2**50)
    return backup, (), re.escape("Bilag/stor.bin: the zip unpacks to more than 68,719,476,736 bytes "
                                 "(raise the limit with --max-total-size if the backup is genuine)")


def _bomb_lying_header(tmp: Path):  # type: ignore[no-untyped-def]
    backup = declared_size_zip(tmp / "backup.zip", "Bilag/bombe.bin", 100)  # says 100 bytes, holds 1000
    return backup, (), re.escape("Bilag/bombe.bin: the zip is damaged or truncated here "
                                 "(Bad CRC-32 for file 'Bilag/bombe.bin'); download the backup again")


def _too_many_entries(tmp: Path):  # type: ignore[no-untyped-def]
    backup = write_zip(tmp / "backup.zip", [(f"Bilag/{n}.pdf", b"%PDF") for n in range(4)])
    return backup, ("--max-entries", "3"), re.escape(
        f"{backup}: the zip holds 4 entries, more than the limit of 3 "
        "(raise it with --max-entries if the backup is genuine)")


def _encrypted(tmp: Path):  # type: ignore[no-untyped-def]
    backup = write_zip(tmp / "backup.zip", [("Bilag/a.pdf", b"%PDF-1.4 hemmelig"), ("Data/LedgerPostDto.csv", LEDGER)])
    data = bytearray(backup.read_bytes())
    data[6] |= 1  # "encrypted" in the first local header ...
    data[data.find(b"PK\x01\x02") + 8] |= 1  # ... and in its central directory entry
    backup.write_bytes(bytes(data))
    return backup, (), re.escape("Bilag/a.pdf: the entry is encrypted; make the backup again without a password")


def _big_ledger() -> str:
    return ledger_csv(*(f"{n};{n // 2};{n},50;tekst {n * 7919 % 10007}" for n in range(1, 4000)))


def _truncated_tail(tmp: Path):  # type: ignore[no-untyped-def]
    whole = write_zip(tmp / "whole.zip", [("Data/LedgerPostDto.csv", _big_ledger()), ("Bilag/a.pdf", b"%PDF")])
    backup = tmp / "backup.zip"
    backup.write_bytes(whole.read_bytes()[:-200])  # the central directory is cut
    whole.unlink()
    return backup, (), f"{re.escape(str(backup))}: {NOT_A_ZIP}"


def _truncated_half(tmp: Path):  # type: ignore[no-untyped-def]
    whole = write_zip(tmp / "whole.zip", [("Data/LedgerPostDto.csv", _big_ledger()), ("Bilag/a.pdf", b"%PDF")])
    backup = tmp / "backup.zip"
    backup.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    whole.unlink()
    return backup, (), f"{re.escape(str(backup))}: {NOT_A_ZIP}"


def _corrupt_stored(tmp: Path):  # type: ignore[no-untyped-def]
    backup = write_zip(tmp / "backup.zip", [("Data/a.csv", "Id;Name\n" + "".join(f"{n};n{n}\n" for n in range(99)))],
                       compression=zipfile.ZIP_STORED)
    data = bytearray(backup.read_bytes())
    data[30 + len("Data/a.csv") + 20] ^= 0x01  # one bit of the stored bytes: only the CRC tells
    backup.write_bytes(bytes(data))
    return backup, (), re.escape("Data/a.csv: the zip is damaged or truncated here "
                                 "(Bad CRC-32 for file 'Data/a.csv'); download the backup again")


def _corrupt_deflate(tmp: Path):  # type: ignore[no-untyped-def]
    backup = write_zip(tmp / "backup.zip", [("Data/a.csv", "Id;Name\n" + "".join(f"{n};n{n}\n" for n in range(99)))])
    data = bytearray(backup.read_bytes())
    data[30 + len("Data/a.csv")] = 0xFF  # first deflate block: "final, reserved type"
    backup.write_bytes(bytes(data))
    return backup, (), re.escape("Data/a.csv: the zip is damaged or truncated here "
                                 "(Error -3 while decompressing data: invalid block type); download the backup again")


def _not_a_zip(tmp: Path):  # type: ignore[no-untyped-def]
    backup = tmp / "backup.zip"
    backup.write_text("Id;Amount\n1;2\n", encoding="utf-8")  # a CSV saved under a .zip name
    return backup, (), f"{re.escape(str(backup))}: {NOT_A_ZIP}"


def _zero_bytes(tmp: Path):  # type: ignore[no-untyped-def]
    backup = tmp / "backup.zip"
    backup.write_bytes(b"")
    return backup, (), f"{re.escape(str(backup))}: {NOT_A_ZIP}"


def _missing(tmp: Path):  # type: ignore[no-untyped-def]
    backup = tmp / "no-such-backup.zip"
    return backup, (), re.escape(f"{backup}: the file does not exist or is not a regular file")


def _folder_as_zip(tmp: Path):  # type: ignore[no-untyped-def]
    """A folder is read as an unpacked backup, whatever its name: an empty one holds nothing to archive."""
    backup = tmp / "backup.zip"
    backup.mkdir()
    return backup, (), re.escape(f"{backup}: the folder holds no files, so it is not a Xena backup and there is "
                                 "nothing to archive. Unpack the backup (Lokal kopi) from Xena into it, or give the "
                                 "zip itself")


def _file_folder_clash(name: str):  # type: ignore[no-untyped-def]
    def build(tmp: Path):  # type: ignore[no-untyped-def]
        backup = write_zip(tmp / "backup.zip", [("Bilag/a.pdf", b"%PDF"), (name, b"x")])
        return backup, (), re.escape(f"{name}: a file and a folder have the same name in the zip")
    return build


REFUSED = [
    pytest.param(_with_entry("../evil.pdf", DOTDOT), id="slip-dotdot"),
    pytest.param(_with_entry("Data/../../evil.pdf", DOTDOT), id="slip-dotdot-inside"),
    pytest.param(_with_entry("..\\evil.pdf", DOTDOT), id="slip-backslash-dotdot"),
    pytest.param(_with_entry("Data\\..\\..\\evil.pdf", DOTDOT), id="slip-backslash-dotdot-inside"),
    pytest.param(_with_entry("/etc/evil.pdf", ABSOLUTE), id="absolute-posix"),
    pytest.param(_with_entry("C:/evil.pdf", ABSOLUTE), id="absolute-drive"),
    pytest.param(_with_entry("C:\\Windows\\evil.pdf", ABSOLUTE), id="absolute-drive-backslash"),
    pytest.param(_with_entry("\\\\server\\share\\evil.pdf", ABSOLUTE), id="absolute-unc"),
    pytest.param(_symlink, id="symlink"),
    pytest.param(_bomb_ratio, id="bomb-by-ratio"),
    pytest.param(_bomb_total, id="bomb-by-total-size"),
    pytest.param(_bomb_declared, id="bomb-declared-1PiB"),
    pytest.param(_bomb_lying_header, id="bomb-header-says-less"),
    pytest.param(_too_many_entries, id="too-many-entries"),
    pytest.param(_encrypted, id="encrypted-entry"),
    pytest.param(_truncated_tail, id="truncated-tail"),
    pytest.param(_truncated_half, id="truncated-half"),
    pytest.param(_corrupt_stored, id="corrupt-stored-crc"),
    pytest.param(_corrupt_deflate, id="corrupt-deflate-stream"),
    pytest.param(_not_a_zip, id="not-a-zip"),
    pytest.param(_zero_bytes, id="zero-byte-file"),
    pytest.param(_missing, id="missing-file"),
    pytest.param(_folder_as_zip, id="folder-not-file"),
    pytest.param(_file_folder_clash("Bilag"), id="file-and-folder-same-name"),
    pytest.param(_file_folder_clash("bilag"), id="file-and-folder-same-name-but-case"),
]


@pytest.mark.parametrize("build", REFUSED)
def test_refused_with_the_entry_named_and_nothing_left(tmp_path, capsys, build):
    backup, args, message = build(tmp_path)
    assert_refused(capsys, backup, tmp_path / "out", 3, message, *args)


def test_refused_into_an_existing_empty_out_leaves_it_empty(tmp_path, capsys):
    """An empty ``out/`` the user made stays as it was when the zip is refused."""
    out = tmp_path / "out"
    out.mkdir()
    backup = write_zip(tmp_path / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), ("../evil.pdf", b"x")])
    code, err = convert(capsys, backup, out)
    assert (code, err) == (3, f"xena2archive: ../evil.pdf: {DOTDOT}\n")
    assert list(out.iterdir()) == [] and leftovers(out) == []


def test_truncated_in_the_middle_is_refused_as_damaged(tmp_path, capsys):
    whole = write_zip(tmp_path / "whole.zip", [("Data/LedgerPostDto.csv", _big_ledger()), ("Bilag/a.pdf", b"%PDF")])
    raw = whole.read_bytes()
    central = raw.find(b"PK\x01\x02")
    backup = tmp_path / "backup.zip"
    backup.write_bytes(raw[: central // 2] + raw[central:])  # entry data cut, directory kept
    assert_refused(capsys, backup, tmp_path / "out", 3,
                   r"(Data/LedgerPostDto\.csv|" + re.escape(str(backup)) + r"): [^\n]*(damaged|truncated)[^\n]*")


def test_path_longer_than_the_os_allows_is_refused(tmp_path, capsys):
    deep = "/".join(["mappe" * 30] * 30) + "/bilag.pdf"  # every segment fits, the whole path does not
    backup = write_zip(tmp_path / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), (deep, b"%PDF")])
    assert_refused(capsys, backup, tmp_path / "out", 3, f"{re.escape(deep)}: [^\n]*too long[^\n]*")


# --------------------------------------------------------------------------------------------
# Odd names that are converted: kept apart under safe names, byte for byte, and reported
# --------------------------------------------------------------------------------------------

LONG_AE = "Bilag/" + "æ" * 140 + ".pdf"  # 280 bytes of name
LONG_A = "Bilag/" + "a" * 300 + ".pdf"
LONG_A_TWIN = "Bilag/" + "a" * 299 + "b.pdf"  # same first 180 bytes as LONG_A
LONG_FOLDER = "F" * 260 + "/bilag.pdf"


def _short(kept: str, digest: str, ext: str) -> str:
    """The shortened name source.py promises: the first 180 bytes of the name (whole characters),
    '~', the first 12 hex digits of the whole name's sha256 (given here as known values)."""
    assert len(kept.encode("utf-8")) <= 180
    return f"{kept}~{digest}{ext}"


# id -> (entries, {zip name: (path under data/, notes)}); entries without notes keep their name
NAMED = {
    "percent": (
        [("Bilag/100% rabat.pdf", b"%PDF-1 a"), ("Bilag/a%2Fb.pdf", b"%PDF-1 b"), ("Bilag/%41.pdf", b"%PDF-1 c")],
        {"Bilag/100% rabat.pdf": ("original/Bilag/100％ rabat.pdf", [RENAMED]),
         "Bilag/a%2Fb.pdf": ("original/Bilag/a％2Fb.pdf", [RENAMED]),
         "Bilag/%41.pdf": ("original/Bilag/％41.pdf", [RENAMED])},
    ),
    "cr-lf-tab-and-line-separator": (
        [("Bilag/linje\r\nskift.pdf", b"1"), ("Bilag/tab\tulator.pdf", b"2"), ("Bilag/\u2028ls.pdf", b"3"),
         ("Bilag/slut\n", b"4")],
        {"Bilag/linje\r\nskift.pdf": ("original/Bilag/linje__skift.pdf", [RENAMED]),
         "Bilag/tab\tulator.pdf": ("original/Bilag/tab_ulator.pdf", [RENAMED]),
         "Bilag/\u2028ls.pdf": ("original/Bilag/_ls.pdf", [RENAMED]),
         "Bilag/slut\n": ("original/Bilag/slut_", [RENAMED])},
    ),
    "trailing-and-only-spaces": (
        [("Bilag /a.pdf", b"1"), ("Bilag/a.pdf", b"2"), ("Bilag/   ", b"3"), ("Bilag/b.pdf ", b"4")],
        {"Bilag /a.pdf": ("original/Bilag/a.pdf", [RENAMED]),
         "Bilag/a.pdf": ("original/Bilag/a~2.pdf", [same_name("Bilag/a~2.pdf")]),
         "Bilag/   ": ("original/Bilag/_", [RENAMED]),
         "Bilag/b.pdf ": ("original/Bilag/b.pdf", [RENAMED])},
    ),
    "names-of-255-bytes-and-more": (
        [(LONG_AE, b"1"), (LONG_A, b"2"), (LONG_A_TWIN, b"3"), (LONG_FOLDER, b"4"), ("Bilag/" + "ø" * 100, b"5")],
        {LONG_AE: (f"original/Bilag/{_short('æ' * 90, '6af12e27e9b7', '.pdf')}", [SHORTENED]),
         LONG_A: (f"original/Bilag/{_short('a' * 180, 'eaf1675c31e7', '.pdf')}", [SHORTENED]),
         LONG_A_TWIN: (f"original/Bilag/{_short('a' * 180, '3911f7564e54', '.pdf')}", [SHORTENED]),
         LONG_FOLDER: (f"original/{_short('F' * 180, '4b1d473a7714', '')}/bilag.pdf", [SHORTENED]),
         "Bilag/" + "ø" * 100: ("original/Bilag/" + "ø" * 100, [])},  # 200 bytes: kept
    ),
    "duplicates-by-case": (
        [("Bilag/kvittering.pdf", b"1"), ("Bilag/KVITTERING.pdf", b"2"), ("bilag/Kvittering.PDF", b"3"),
         ("Bilag/kvittering~2.pdf", b"4")],
        {"Bilag/kvittering.pdf": ("original/Bilag/kvittering.pdf", []),
         "Bilag/KVITTERING.pdf": ("original/Bilag/KVITTERING~2.pdf", [same_name("Bilag/KVITTERING~2.pdf")]),
         "bilag/Kvittering.PDF": ("original/bilag/Kvittering~3.PDF", [same_name("bilag/Kvittering~3.PDF")]),
         "Bilag/kvittering~2.pdf": ("original/Bilag/kvittering~2~2.pdf", [same_name("Bilag/kvittering~2~2.pdf")])},
    ),
    "duplicates-by-unicode-form-nfc-then-nfd": (
        [("Bilag/Kvittering-\u00c5.pdf", b"nfc"), ("Bilag/Kvittering-A\u030a.pdf", b"nfd")],
        {"Bilag/Kvittering-\u00c5.pdf": ("original/Bilag/Kvittering-\u00c5.pdf", []),
         "Bilag/Kvittering-A\u030a.pdf": ("original/Bilag/Kvittering-\u00c5~2.pdf",
                                           [NFC, same_name("Bilag/Kvittering-\u00c5~2.pdf")])},
    ),
    "duplicates-by-unicode-form-nfd-folder-first": (
        [("A\u030arsopgo\u0308relse/bilag.pdf", b"nfd"), ("\u00c5rsopg\u00f6relse/bilag.pdf", b"nfc")],
        {"A\u030arsopgo\u0308relse/bilag.pdf": ("original/\u00c5rsopg\u00f6relse/bilag.pdf", [NFC]),
         "\u00c5rsopg\u00f6relse/bilag.pdf": ("original/\u00c5rsopg\u00f6relse/bilag~2.pdf",
                                              [same_name("\u00c5rsopg\u00f6relse/bilag~2.pdf")])},
    ),
}


#: the cases ``make test`` tries; ``.ci/run`` tries every one (``slow``): each is a whole run
QUICK_NAMES = ("duplicates-by-case", "duplicates-by-unicode-form-nfc-then-nfd", "names-of-255-bytes-and-more")


@pytest.mark.parametrize("case", [pytest.param(case, marks=[] if case in QUICK_NAMES else [pytest.mark.slow])
                                  for case in sorted(NAMED)])
def test_odd_names_kept_apart_byte_for_byte_and_reported(tmp_path, capsys, case):
    entries, expected = NAMED[case]
    backup = write_zip(tmp_path / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER), *entries])
    out = tmp_path / "out"
    code, err = convert(capsys, backup, out)
    assert (code, err) == (1, "")
    report = assert_complete(capsys, backup, out)
    records = {r["zip_name"]: r for r in report["entries"]}
    assert {name: (records[name]["original"], records[name]["notes"]) for name in expected} == expected
    for name, (_, notes) in expected.items():
        for note in notes:
            assert ("warning", name, f"{note}.") in findings(report, name)  # the entry's note, as a sentence
    for path, _ in expected.values():
        assert len(Path(path).name.encode("utf-8")) <= 255
    assert rows(out, "LedgerPostDto") == LEDGER_ROWS
    assert findings(report, "Data/LedgerPostDto.csv") == []


@pytest.mark.parametrize("entries, what", [
    pytest.param([], "nothing", id="empty-zip"),
    pytest.param([("Data/", b""), ("Bilag/", b""), ("Bilag/2024/", b"")], "only 3 empty folder(s)", id="only-folders"),
])
def test_zip_without_files_is_refused(tmp_path, capsys, entries, what):
    backup = write_zip(tmp_path / "backup.zip", entries)
    assert_refused(capsys, backup, tmp_path / "out", 3, re.escape(
        f"{backup}: the zip holds no files ({what}), so it is not a Xena backup and there is nothing to archive. "
        "Download the backup (Lokal kopi) from Xena again"))


def test_zip_without_a_xena_table_is_archived_with_a_warning(tmp_path, capsys):
    """Vouchers alone are worth archiving, but the user must hear that this is no Xena backup."""
    backup = write_zip(tmp_path / "backup.zip", [("Bilag/kvittering.txt", "Kvittering: 125,00 kr.\n"),
                                                 ("Data/Noter.csv", "Id;Tekst\n1;hej\n")])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)
    assert ("warning", "backup.zip", "no table of Xena's (such as LedgerPostDto or PartnerDto) is in the backup, so it "
            "does not look like a Xena backup (Lokal kopi); its files are archived as they are.") in findings(report)
    assert rows(out, "Noter") == [{"Id": 1, "Tekst": "hej"}]


@pytest.mark.parametrize("first, second", [
    pytest.param(b"%PDF one", b"%PDF two", id="same-size"),
    pytest.param(b"%PDF first", b"%PDF second", id="other-size"),
])
def test_same_name_twice_keeps_both_files(tmp_path, capsys, first, second):
    backup = write_zip(tmp_path / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER),
                                                 ("Bilag/a.pdf", first), ("Bilag/a.pdf", second)])
    out = tmp_path / "out"
    assert convert(capsys, backup, out) == (1, "")
    report = assert_complete(capsys, backup, out)  # both byte for byte, under two names
    notes = [m for _, _, m in findings(report, "Bilag/a.pdf")]
    assert notes and not any("apart from case or form" in m for m in notes), notes


def test_same_table_file_twice_converts_both(tmp_path, capsys):
    backup = write_zip(tmp_path / "backup.zip", [("Data/LedgerPostDto.csv", LEDGER),
                                                 ("Data/LedgerPostDto.csv", ledger_csv("9;5;1,00;Anden"))])
    out = tmp_path / "out"
    code, err = convert(capsys, backup, out)
    assert (code, err) == (1, "")
    report = assert_complete(capsys, backup, out)
    written = [row for t in report["tables"] if t["table"].startswith("LedgerPostDto")
               for row in rows(out, t["table"])]
    assert sorted(written, key=lambda r: r["Id"]) == [*LEDGER_ROWS, post(9, 5, "1.00", "Anden")]
