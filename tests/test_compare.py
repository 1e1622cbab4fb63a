"""tables/compare.py and the key comparison of tables/convert.py: the two sources of one table."""

from __future__ import annotations

from pathlib import Path

from xena2archive.tables.convert import prepare_table, compare_table
from xena2archive.tables.table import TableSource

NS = ('xmlns="http://schemas.datacontract.org/2004/07/Xena.Contracts" '
      'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"')


def _sources(tmp_path: Path, csv_text: str, xml_rows: str) -> list[TableSource]:
    csv_path, xml_path = tmp_path / "LedgerPostDto.csv", tmp_path / "LedgerPostDto.xml"
    csv_path.write_text(csv_text, encoding="utf-8")
    xml_path.write_text(f'<?xml version="1.0"?><ArrayOfLedgerPostDto {NS}>{xml_rows}</ArrayOfLedgerPostDto>',
                        encoding="utf-8")
    return [TableSource("LedgerPostDto", csv_path, "LedgerPostDto.csv", "csv", "a"),
            TableSource("LedgerPostDto", xml_path, "LedgerPostDto.xml", "xml", "b")]


def _post(id_: int, amount: str, text: str) -> str:
    description = "<Description/>" if text == "" else f"<Description>{text}</Description>"
    return f"<LedgerPostDto><Id>{id_}</Id><Amount>{amount}</Amount>{description}</LedgerPostDto>"


def test_same_values_in_other_spellings_agree(tmp_path):
    """A decimal comma against a point, and a CSV's empty field against the XML's empty element."""
    prepared = prepare_table(_sources(tmp_path, "Id;Amount;Description\n1;1.234,50;Salg\n2;-0,5;\n",
                                      _post(1, "1234.50", "Salg") + _post(2, "-0.5", "")))
    assert prepared.chosen.source.format == "xml"
    [found] = compare_table(prepared, tmp_path / "scratch")
    assert (found.rows, found.columns, found.examples) == (0, {}, [])


def test_each_differing_field_is_counted_and_shown(tmp_path):
    prepared = prepare_table(_sources(tmp_path, "Id;Amount;Description\n1;100,00;Salg\n2;-99,00;Bank\n3;1,00;Æble\n",
                                      _post(1, "100.00", "Salg") + _post(2, "-100.00", "Bank")
                                      + _post(3, "1.00", "Æbler")))
    [found] = compare_table(prepared, tmp_path / "scratch")
    assert (found.rows, found.columns) == (2, {"Amount": 1, "Description": 1})
    assert [(d.key, d.column, d.converted, d.other) for d in found.examples] == [
        (2, "Amount", "-100.00", "-99.00"), (3, "Description", "Æbler", "Æble")]


def test_keys_only_in_one_source_are_counted_whole_and_kept_for_writing(tmp_path):
    csv_lines = "".join(f"{n};1,00;r{n}\n" for n in range(1, 31))  # 30 rows; the XML holds 1 and 31..33
    prepared = prepare_table(_sources(tmp_path, "Id;Amount;Description\n" + csv_lines,
                                      "".join(_post(n, "1.00", f"r{n}") for n in (1, 31, 32, 33))))
    [agreement] = prepared.agreements
    assert (agreement.only_in_other_count, agreement.only_in_converted_count) == (29, 3)
    assert agreement.only_in_other == list(range(2, 22))  # the first 20, for the report
    [(_scan, extra)] = prepared.others
    assert extra.tolist() == list(range(2, 31))  # every one, for the writers
