"""A posting table's workbooks, one per fiscal year (issue 32): every row in exactly one, the right one.

The years are computed here from the backup's own CSV (the periods' day counts), never with the
product's code; the workbooks are read with openpyxl and compared with the JSONL row by row.
"""

import datetime as dt
import json
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
from lxml import etree

from helpers import make_zip, read_jsonl, run_cli
from xena2archive.tables import xlsx

EPOCH = dt.date(1970, 1, 1)


def _days(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - EPOCH).days


# Two fiscal years from July to June, and a third whose period is named by vouchers but holds no day
PERIODS = [(11, "2023-07-01", "2024-06-30", "2023/24"), (12, "2024-07-01", "2025-06-30", "2024/25")]
POSTING_DAYS = ["2023-07-01", "2023-12-31", "2024-06-30", "2024-07-01", "2025-06-30", "2024-01-15",
                "2022-05-05", "2025-07-01"]  # the last two outside both years


def _backup(tmp_path: Path, postings: int = 60) -> Path:
    periods = "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description\n" + "".join(
        f"{ident};{_days(start)};{_days(end)};{label}\n" for ident, start, end, label in PERIODS)
    lines = []
    for n in range(1, postings + 1):
        if n % 11 == 0:
            day = ""  # no date
        elif n % 13 == 0:
            day = "i går"  # not a day count: kept as text, in no year
        else:
            day = str(_days(POSTING_DAYS[n % len(POSTING_DAYS)]))
        lines.append(f"{n};{n}.50;{day};Postering {n}\n")
    vouchers = ("Id;FiscalPeriodId;VoucherNumber;FiscalDateDays\n"
                f"1;11;1;{_days('2023-08-01')}\n"
                f"2;12;2;{_days('2023-08-01')}\n"  # its period says 2024/25: the period wins, as in the books
                f"3;;3;{_days('2024-08-01')}\n"
                f"4;99;4;{_days('2022-01-01')}\n")  # an unknown period and a day outside: no year
    return make_zip(tmp_path / "b.zip", {
        "FiscalPeriodDto.csv": periods, "LedgerPostDto.csv": "Id;Amount;FiscalDateDays;Description\n" + "".join(lines),
        "VoucherDto.csv": vouchers, "VatDto.csv": "Id;Description\n1;Moms\n"})


def _expected_year(days: object) -> str:
    """The fiscal year of a day count, computed here: the period holding it, else 'uden-aar'."""
    if type(days) is not int:
        return "uden-aar"
    day = (EPOCH + dt.timedelta(days=days)).isoformat()
    held = [start[:4] for _id, start, end, _label in PERIODS if start <= day <= end]
    return held[-1] if held else "uden-aar"


def _outputs(out: Path, table: str) -> dict[str, str]:
    report = json.loads((out / "data/report.json").read_text(encoding="utf-8"))
    return next(t["outputs"] for t in report["tables"] if t["table"] == table)


def _ids_by_workbook(out: Path, table: str) -> dict[str, list[object]]:
    """Each workbook of the table (by its year) -> the Id column of its data rows, every sheet but the last."""
    found = {}
    for kind, file in _outputs(out, table).items():
        if kind.startswith("xlsx/"):
            workbook = openpyxl.load_workbook(out / "data/tables" / file, read_only=True)
            assert workbook.sheetnames[-1] == "Om tabellen"
            found[kind[5:]] = [row[0] for sheet in workbook.worksheets[:-1]
                               for row in sheet.iter_rows(min_row=2, values_only=True)]
    return found


def test_every_posting_in_exactly_one_workbook_of_its_fiscal_year(tmp_path):
    out = tmp_path / "out"
    run_cli(_backup(tmp_path), out, "--jobs", "2", "--quiet")
    postings = read_jsonl(out / "data/tables/LedgerPostDto.jsonl")
    by_workbook = _ids_by_workbook(out, "LedgerPostDto")
    assert list(by_workbook) == ["2023", "2024", "uden-aar"]
    assert _outputs(out, "LedgerPostDto") == {
        "jsonl": "LedgerPostDto.jsonl", "schema": "LedgerPostDto.schema.json", "xlsx/2023": "LedgerPostDto.2023.xlsx",
        "xlsx/2024": "LedgerPostDto.2024.xlsx", "xlsx/uden-aar": "LedgerPostDto.uden-aar.xlsx"}
    assert not (out / "data/tables/LedgerPostDto.xlsx").exists()
    placed = Counter(i for ids in by_workbook.values() for i in ids)
    assert sum(placed.values()) == len(postings) == 60 and set(placed.values()) == {1}
    for year, ids in by_workbook.items():
        assert ids == sorted(ids)  # input order within a year
        assert {_expected_year(p["FiscalDateDays"]) for p in postings if p["Id"] in set(ids)} == {year}
    # the boundaries: Id 8 on 2023-07-01 and Id 2 on 2024-06-30 (2023/24), Id 3 on 2024-07-01 and Id 4 on
    # 2025-06-30 (2024/25); Id 6 and 7 outside both years, Id 11 without a date, Id 13 with a text for one
    assert {8, 2} <= set(by_workbook["2023"]) and {3, 4} <= set(by_workbook["2024"])
    assert {6, 7, 11, 13} <= set(by_workbook["uden-aar"])


def test_each_years_workbook_says_which_rows_it_holds(tmp_path):
    """Its "Om tabellen" sheet names the fiscal year (the test's own periods, in Danish dates) beside
    the table's title, in Danish and English; the workbook of rows in no year says that."""
    out = tmp_path / "out"
    run_cli(_backup(tmp_path), out, "--jobs", "1", "--quiet")
    said = {}
    for kind, file in _outputs(out, "LedgerPostDto").items():
        if not kind.startswith("xlsx/"):
            continue
        about = openpyxl.load_workbook(out / "data/tables" / file, read_only=True)["Om tabellen"]
        said[kind] = next(about.iter_rows(max_row=1, values_only=True))
    danish = {start[:4]: f"{start[8:]}-{start[5:7]}-{start[:4]} – {end[8:]}-{end[5:7]}-{end[:4]} ({label})"
              for _id, start, end, label in PERIODS}
    for year, span in danish.items():
        title, _type, da, en = said[f"xlsx/{year}"][:4]
        assert title.startswith("LedgerPostDto")
        assert (da, en) == (f"Regnskabsåret {span}", f"Fiscal year {span}")
    assert said["xlsx/uden-aar"][2:4] == ("Rækker uden for regnskabsårene eller uden gyldig bogføringsdato",
                                          "Rows in no fiscal year, or without a valid posting date")
    vat = openpyxl.load_workbook(out / "data/tables/VatDto.xlsx", read_only=True)["Om tabellen"]
    assert next(vat.iter_rows(max_row=1, values_only=True))[2:4] in ((None, None), ())  # one workbook: no year


def test_a_vouchers_period_places_it_as_the_books_do(tmp_path):
    out = tmp_path / "out"
    run_cli(_backup(tmp_path), out, "--jobs", "1", "--quiet")
    assert _ids_by_workbook(out, "VoucherDto") == {"2023": [1], "2024": [2, 3], "uden-aar": [4]}
    assert _outputs(out, "VatDto")["xlsx"] == "VatDto.xlsx"  # no posting date: one workbook


def test_the_index_readme_and_premis_name_the_years_workbooks(tmp_path):
    out = tmp_path / "out"
    run_cli(_backup(tmp_path), out, "--quiet")
    for page, label in (("index.html", "uden for regnskabsårene"), ("index.en.html", "outside the fiscal years")):
        html = (out / "data" / page).read_text(encoding="utf-8")
        for file in ("LedgerPostDto.2023.xlsx", "LedgerPostDto.2024.xlsx", "LedgerPostDto.uden-aar.xlsx"):
            assert f"tables/{file}" in html
        assert f"Excel {label}</a>" in html and "Excel 2023</a>" in html
    assert "<Tabel>.<år>.xlsx" in (out / "LÆSMIG.txt").read_text(encoding="utf-8")
    premis = etree.tostring(etree.parse(str(out / "data/metadata/preservation/premis.xml"))).decode()
    mets = (out / "data/METS.xml").read_text(encoding="utf-8")
    for file in ("LedgerPostDto.2023.xlsx", "LedgerPostDto.uden-aar.xlsx"):
        assert f"tables/{file}" in premis and f"tables/{file}" in mets


def test_the_same_workbooks_with_one_or_two_workers(tmp_path):
    backup = _backup(tmp_path)
    run_cli(backup, tmp_path / "one", "--jobs", "1", "--quiet")
    run_cli(backup, tmp_path / "two", "--jobs", "2", "--quiet")
    for file in _outputs(tmp_path / "one", "LedgerPostDto").values():
        assert (tmp_path / "one/data/tables" / file).read_bytes() == (tmp_path / "two/data/tables" / file).read_bytes()
    with zipfile.ZipFile(tmp_path / "two/data/tables/LedgerPostDto.2024.xlsx") as workbook:
        sheet = workbook.read("xl/worksheets/sheet1.xml")
    assert b'<pane ySplit="1"' in sheet and b"<autoFilter" in sheet


def test_a_years_rows_continue_on_further_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_DATA_ROWS", 3)
    out = tmp_path / "out"
    run_cli(_backup(tmp_path, postings=30), out, "--jobs", "1", "--quiet")
    postings = read_jsonl(out / "data/tables/LedgerPostDto.jsonl")
    by_workbook = _ids_by_workbook(out, "LedgerPostDto")
    for year, ids in by_workbook.items():
        expected = [p["Id"] for p in postings if _expected_year(p["FiscalDateDays"]) == year]
        assert ids == expected
        sheets = openpyxl.load_workbook(out / "data/tables" / f"LedgerPostDto.{year}.xlsx", read_only=True).sheetnames
        assert len(sheets) == -(-len(expected) // 3) + 1
