"""CSV-only backups through the CLI: the encodings and number spellings the unit tests of the reader
cover, here end to end, every value read back from the JSONL (validated against its schema)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from helpers import make_zip, run_cli, validate_table

# every character Windows-1252 has in 0x80-0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned):
# where it differs from Latin-1, which would read them as control characters
CP1252_80_9F = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
TEXTS = ["Faktura – 20 € pr. kasse, “Æblegården” ‘ØKO’ …", CP1252_80_9F, "Rabat — 5 ‰ ™ • Œuvre Š Ž Ÿ"]
AMOUNTS = [("1.234,50", "1234.50"), ("-1.234,50", "-1234.50"), ("12.345.678,90", "12345678.90"),
           ("-12.345.678,90", "-12345678.90"), ("0,05", "0.05"), ("-0,05", "-0.05")]


def ledger_csv() -> str:
    """Three balanced vouchers, amounts with a decimal comma and '.' between thousands, CRLF."""
    lines = ["Id;VoucherId;Amount;Description"]
    for n, (written, _) in enumerate(AMOUNTS, start=1):
        lines.append(f"{n};{(n + 1) // 2};{written};{TEXTS[n % len(TEXTS)]}")
    return "\r\n".join(lines) + "\r\n"


ENCODINGS = {
    "windows-1252": (lambda text: text.encode("cp1252"), "cp1252"),
    "utf-16-le-bom": (lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16"),
    "utf-16-be-bom": (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_encoding_and_decimal_comma_with_thousands(tmp_path: Path, encoding: str) -> None:
    encode, recorded = ENCODINGS[encoding]
    raw = encode(ledger_csv())
    if encoding == "windows-1252":
        assert all(byte in raw for byte in (0x80, 0x96, 0x85, 0x9F))  # the bytes Latin-1 would misread
    backup = make_zip(tmp_path / "backup.zip", {"Data/LedgerPostDto.csv": raw})
    assert run_cli(backup, tmp_path / "out", "--quiet") == 0
    data = tmp_path / "out" / "data"
    rows = validate_table(data / "tables", "LedgerPostDto")
    assert rows == [{"Id": n, "VoucherId": (n + 1) // 2, "Amount": exact, "Description": TEXTS[n % len(TEXTS)]}
                    for n, (_, exact) in enumerate(AMOUNTS, start=1)]
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    [table] = [t for t in report["tables"] if t["table"] == "LedgerPostDto"]
    assert (table["format"], table["encoding"], table["delimiter"], table["decimal"]) == (
        "csv", recorded, ";", "decimal comma")
    assert (data / "original/Data/LedgerPostDto.csv").read_bytes() == raw
