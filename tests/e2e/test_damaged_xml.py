"""A damaged XML table, the only source of its table, through the CLI: every posting before the
damage is in the JSONL exactly once, none after it, and the report says how many were read, where
the damage is and how many rows are not in the table.

Judged against the undamaged file as the standard library's ``xml.etree`` reads it, never by the
product's own reader. Two places: inside the parser's first read buffer (posting 3) and far after
it (posting 2,900 of 3,000, some 5 MB into the file).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from sample_backup import SampleLayout, write_sample_backup

from helpers import read_jsonl, run_cli

POSTS = 3000
LEDGER = "Data/LedgerPostDto.xml"
NS = "{http://schemas.datacontract.org/2004/07/Xena.Contracts}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    backup = tmp_path_factory.mktemp("damaged") / "sample.zip"
    write_sample_backup(backup, SampleLayout(formats=("xml",), documents=False), posts=POSTS)
    with zipfile.ZipFile(backup) as archive:
        return backup, archive.read(LEDGER)


def _damaged(sample: tuple[Path, bytes], posting: int, folder: Path) -> Path:
    """The sample with a mismatched end tag inside the ``posting``-th posting of its XML."""
    backup, ledger = sample
    at = ledger.index(b"</Description>", _nth(ledger, posting))
    damaged = ledger[:at] + b"</Descriptio>" + ledger[at + len(b"</Description>"):]
    out = folder / f"damaged-{posting}.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, damaged if info.filename == LEDGER else source.read(info))
    return out


@pytest.mark.parametrize("posting", [3, pytest.param(2900, marks=pytest.mark.slow)])
def test_every_posting_before_the_damage_is_converted_once(sample, tmp_path, capsys, posting):
    ids = [int(row.findtext(f"{NS}Id")) for row in ET.fromstring(sample[1]).iter(f"{NS}LedgerPostDto")]
    assert len(ids) == POSTS
    out = tmp_path / "out"
    assert run_cli(_damaged(sample, posting, tmp_path), out, "--jobs", "1", "--quiet") == 1
    capsys.readouterr()
    rows = read_jsonl(out / "data" / "tables" / "LedgerPostDto.jsonl")
    assert [row["Id"] for row in rows] == ids[: posting - 1]

    report = json.loads((out / "data" / "report.json").read_text(encoding="utf-8"))
    table = next(t for t in report["tables"] if t["table"] == "LedgerPostDto")
    assert table["rows_written"] == posting - 1 and table["rejects"] == 0
    damaged = [f for f in report["findings"] if f["code"] == "table-damaged"]
    assert len(damaged) == 1 and damaged[0]["where"] == LEDGER
    line = sample[1][: sample[1].index(b"</Description>", _nth(sample[1], posting))].count(b"\n") + 1
    assert re.fullmatch(
        rf"the XML is damaged at line {line}: Opening and ending tag mismatch: .+\. The {posting - 1:,} rows? "
        rf"before the damage (?:is|are) read; the rest of the file, {POSTS - posting + 1:,} more rows? by a count of "
        r"their <LedgerPostDto> start tags, is not read and not in the table\. The original file is kept\.",
        damaged[0]["message"]), damaged[0]["message"]


def _nth(data: bytes, n: int) -> int:
    at = -1
    for _ in range(n):
        at = data.index(b"<LedgerPostDto>", at + 1)
    return at
