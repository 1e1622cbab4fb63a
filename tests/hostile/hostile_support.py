"""Helpers of the hostile-input suite: build odd zips, run the CLI, and check an outcome in full.

A refused run must leave nothing: no ``out/`` and no hidden staging folder beside it. A converted
run must leave a bag that ``xena2archive verify`` and bagit-python accept, in which every file of the
zip is kept byte for byte (read back by its *position* in the zip, so two entries of one name are
two files) and accounted for in ``report.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import bagit

from helpers import leftovers, read_jsonl, run_cli, subprocess_env, validate_table

__all__ = ["leftovers", "subprocess_env"]  # re-exported for the hostile tests

WHEN = (2025, 1, 31, 12, 0, 0)

#: The info note every table gets when the input lacks some of the catalogue's columns. The hostile
#: cases use a few columns only, so it is on every table and says nothing about the case: the
#: finding helpers leave it out (and ``absent_note`` checks it is there).
ABSENT = re.compile(r"\d+ catalogue columns? absent from the input: ")
# the index stage's own findings about the books (unbalanced vouchers, no VoucherDto, ...): its tests
# in tests/index check them; here the minimal tables of each case would make them noise
INDEX_FINDING = re.compile(r".*(listed in index/|the backup has no VoucherDto table|outside every fiscal year|"
                           r"left out of every sum)")
# the SAF-T export's findings (no fiscal years, so no file): tests/saft checks them
SAFT = "SAF-T"

LEDGER_HEADER = "Id;VoucherId;Amount;Description"


def ledger_csv(*lines: str, header: str = LEDGER_HEADER) -> str:
    """A ``LedgerPostDto.csv`` with the given data lines (LF line ends, decimal comma)."""
    return "".join(f"{line}\n" for line in (header, *lines))


def post(id_: int | str, voucher: int, amount: str, description: str | None) -> dict[str, Any]:
    """A LedgerPostDto row as the JSONL must hold it (four columns, as ``ledger_csv`` writes)."""
    return {"Id": id_, "VoucherId": voucher, "Amount": amount, "Description": description}


def write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes | str]],
              compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip of ``entries`` in order; unlike a dict, the list may name one file twice."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile: "Duplicate name"
        with zipfile.ZipFile(path, "w", compression) as archive:
            for name, data in entries:
                if isinstance(name, zipfile.ZipInfo):
                    info = name
                else:
                    info = zipfile.ZipInfo(name, WHEN)
                    info.compress_type = compression
                archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def convert(capsys, backup: Path, out: Path, *args: str) -> tuple[int, str]:
    """Run ``xena2archive backup out --quiet`` in this process: the exit code and what it printed."""
    capsys.readouterr()
    code = run_cli(backup, out, "--quiet", *args)
    return code, capsys.readouterr().err


def assert_refused(capsys, backup: Path, out: Path, code: int, message: str, *args: str) -> None:
    """Refused with ``code`` and exactly one line ``xena2archive: <message>`` (a regex), nothing left."""
    got, err = convert(capsys, backup, out, *args)
    assert got == code, err
    assert re.fullmatch(f"xena2archive: {message}\n", err), err
    assert not out.exists()
    assert leftovers(out) == []


def assert_complete(capsys, backup: Path, out: Path) -> dict[str, Any]:
    """The bag is whole and every entry of the zip is kept and accounted for; returns report.json."""
    assert leftovers(out) == []
    capsys.readouterr()
    assert run_cli("verify", out) == 0, capsys.readouterr().out
    bagit.Bag(str(out)).validate()
    report = json.loads((out / "data/report.json").read_text(encoding="utf-8"))
    assert_originals_kept(backup, out, report)
    return report


def assert_originals_kept(backup: Path, out: Path, report: dict[str, Any]) -> None:
    """Every file entry of the zip, by position, is in ``data/original/`` byte for byte, once."""
    records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in report["entries"]:
        records[record["zip_name"]].append(record)
    with zipfile.ZipFile(backup) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        assert sorted(r["zip_name"] for r in report["entries"]) == sorted(i.filename for i in infos)
        for info in infos:
            record = records[info.filename].pop(0)
            data = archive.open(info).read()
            kept = out / "data" / record["original"]
            assert kept.read_bytes() == data, f"{info.filename!r}: {record['original']} differs from the zip"
            assert (record["size"], record["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    originals = out / "data/original"
    on_disk = sorted(str(p.relative_to(out / "data")) for p in originals.rglob("*") if p.is_file())
    assert on_disk == sorted(r["original"] for r in report["entries"])
    assert report["input"]["entries"] == len(report["entries"])


def findings(report: dict[str, Any], where: str | None = None) -> list[tuple[str, str, str]]:
    """(severity, where, message) of every finding (of one input file), the absent-columns note left out."""
    return [(f["severity"], f["where"], f["message"]) for f in report["findings"]
            if not ABSENT.match(f["message"]) and not INDEX_FINDING.match(f["message"]) and f["where"] != SAFT
            and (where is None or f["where"] == where)]


def warned(report: dict[str, Any]) -> set[str]:
    """The input files with at least one warning."""
    return {f["where"] for f in report["findings"] if f["severity"] == "warning"}


def table(report: dict[str, Any], name: str) -> dict[str, Any]:
    matches = [t for t in report["tables"] if t["table"] == name]
    assert len(matches) == 1, [t["table"] for t in report["tables"]]
    return matches[0]


def rows(out: Path, name: str) -> list[dict[str, Any]]:
    """The table's JSONL rows, each validated against its schema."""
    return validate_table(out / "data/tables", name)


def rejects(out: Path, name: str) -> list[dict[str, Any]]:
    path = out / f"data/tables/{name}.rejects.jsonl"
    return read_jsonl(path) if path.exists() else []


def all_output_text(out: Path) -> str:
    """Every byte the bag holds as text, workbooks unzipped (to look for leaked content)."""
    parts = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as workbook:
                parts += [workbook.read(n).decode("utf-8", "replace") for n in workbook.namelist()]
        else:
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)
