"""Scan, plan and typed rows of one table: header matching, decimal style, inference, output schema."""

import io
import json
from pathlib import Path

import jsonschema
import pytest

from xena2archive import catalogue
from xena2archive.model import Kind
from xena2archive.tables.jsonl import LineWriter, write_jsonl
from xena2archive.tables.schema import output_schema
from xena2archive.tables.table import Reject, TableSource, plan, resolve_header, rows, scan


def _table(tmp_path: Path, name: str, text: str, fmt: str = "csv", encoding: str = "utf-8"):
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(text.encode(encoding))
    spec = catalogue.load().get(name) or catalogue.unknown_spec(name)
    found, notes = scan(TableSource(name, path, path.name, fmt), spec)
    return spec, found, notes


def test_nested_header_variants_match_the_catalogue():
    spec = catalogue.load()["PartnerDto"]
    names, notes = resolve_header(spec, ["Id", "Address_Name", "addressstreet", "Address.City", "", "Id"])
    assert names == ["Id", "Address.Name", "Address.Street", "Address.City", "Column5", "Id~2"]
    assert len(notes) == 4


def test_decimal_comma_decided_from_unambiguous_values(tmp_path):
    _, found, _ = _table(tmp_path, "LedgerPostDto", "Id;Amount;VatAmount\n1;1.234,50;0\n2;12;250,00\n")
    assert found.style.decimal_comma and found.style_votes == (0, 2)
    _, found, _ = _table(tmp_path, "LedgerPostDto", "Id;Amount\n1;1234.5\n2;1,234\n")
    assert not found.style.decimal_comma


def test_unknown_table_types_inferred(tmp_path):
    spec, found, _ = _table(tmp_path, "MysteryDto",
                            "Id;Price;Flag;When;Zip;Code;Empty\n"
                            "1;12,50;true;2023-01-02;0800;A1;\n2;3,00;false;2023-01-03;8000;B2;\n")
    kinds = {c.name: c.kind for c in plan(spec, found).columns}
    assert kinds == {"Id": Kind.int64, "Price": Kind.decimal, "Flag": Kind.boolean, "When": Kind.datetime,
                     "Zip": Kind.string, "Code": Kind.string, "Empty": Kind.string}


def test_rows_typed_with_fallbacks_and_rejects(tmp_path):
    spec, found, _ = _table(tmp_path, "VoucherDto",
                            "Id;VoucherNumber;DebetAmount;FiscalDateDays;Extra\n"
                            "1;7;100,50;19000;a\n2;x;;19001;b\n3;1\n", encoding="cp1252")
    table_plan = plan(spec, found)
    items = list(rows(table_plan))
    assert items[0].values["DebetAmount"] == "100.50"
    assert items[0].values["FiscalDateDays_date"] == "2022-01-08"
    assert items[1].values["VoucherNumber"] == "x" and items[1].kept_as_text == ["VoucherNumber"]
    assert items[1].values["DebetAmount"] is None
    assert isinstance(items[2], Reject) and items[2].line == 4


def test_output_schema_is_exactly_as_strict_as_the_data(tmp_path):
    spec, found, _ = _table(tmp_path, "VoucherDto", "Id;VoucherNumber;DebetAmount\n1;7;1.5\n2;x;\n")
    table_plan = plan(spec, found)
    result = write_jsonl(table_plan, tmp_path / "v.jsonl", tmp_path / "v.rejects.jsonl")
    schema = output_schema(spec, list(table_plan.columns), result.stats, key=table_plan.key)
    props = schema["properties"]
    assert props["Id"]["type"] == "integer"  # never null here
    assert props["DebetAmount"]["type"] == ["string", "null"]
    assert props["VoucherNumber"]["x-kept-as-text"] == 1
    assert schema["required"] == ["Id", "VoucherNumber", "DebetAmount"] and schema["x-key"] == "Id"
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors({"Id": None, "VoucherNumber": 1, "DebetAmount": None}))
    assert not (tmp_path / "v.rejects.jsonl").exists()


def test_xml_columns_in_catalogue_order_and_ids_collected(tmp_path):
    xml = ('<?xml version="1.0"?><ArrayOfVatDto><VatDto><Id>2</Id></VatDto>'
           '<VatDto><Description>Moms</Description><Id>9000000000</Id><Zzz>1</Zzz></VatDto></ArrayOfVatDto>')
    spec, found, _ = _table(tmp_path, "VatDto", xml, fmt="xml")
    assert found.header == ["Id", "Description", "Zzz"]
    assert sorted(found.ids) == [2, 9000000000]
    values = [r.values for r in rows(plan(spec, found))]
    assert values[0] == {"Id": 2, "Description": None, "Zzz": None}


def _json_lines(rows: list[dict]) -> bytes:
    """What the standard library writes for ``rows`` as JSON lines in UTF-8 (the reference)."""
    return "".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in rows).encode("utf-8")


def _lines(rows: list[dict], flush: int = LineWriter.FLUSH) -> bytes:
    out = io.BytesIO()
    with LineWriter(out) as lines:
        lines.FLUSH = flush
        for row in rows:
            lines.write(row)
    return out.getvalue()


def test_jsonl_bytes_are_what_json_dumps_writes() -> None:
    """msgspec writes the JSONL; json.dumps(ensure_ascii=False, separators=(",", ":")) is the
    reference, byte for byte: Danish letters, quotes, backslashes, control characters, U+2028,
    the byte-order mark, emoji, the largest int64 and integers past 64 bits, exact decimals as
    text, nulls, booleans, lists and nested objects, empty keys and containers."""
    rows = [
        {"Tekst": 'Æblegården "Øst" \\ ApS\n\ttab \u2028 \u2029 \x00 \x1f \x7f \ufeff 😀 \U0010ffff',
         "Beløb": "-1234567890123.4500", "Id": 2**63 - 1, "Min": -(2**63), "Stor": 10**30, "Negativ": -5,
         "Ingen": None, "Sand": True, "Falsk": False, "Liste": ["a", 1, None, {"b": "æ", "c": [[], {}]}], "": ""},
        {}, {"Id": 0, "Tom": [], "Objekt": {"Address.Name": None}},
    ]
    assert _lines(rows) == _json_lines(rows)
    assert _lines(rows * 500, flush=100) == _json_lines(rows * 500)  # written out in many pieces


def test_jsonl_bytes_of_every_code_point() -> None:
    """Every Unicode scalar value in a text, as json.dumps escapes it (only the C0 controls, the
    quote and the backslash) or not (everything else, written as its UTF-8)."""
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    rows = [{"Tekst": "".join(points[i:i + 2048])} for i in range(0, len(points), 2048)]
    assert _lines(rows) == _json_lines(rows)


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_a_derived_date_follows_its_day_count_as_typed(tmp_path, fmt):
    """The ISO date is made from the day count's typed value: a date for a day count, null for an
    empty one or one kept as text (the day count keeps its text)."""
    days = ["19000", "", "nitten"]
    if fmt == "csv":
        text = "Id;FiscalDateDays\n" + "".join(f"{n};{d}\n" for n, d in enumerate(days, start=1))
    else:
        text = ('<?xml version="1.0"?><ArrayOfVoucherDto>'
                + "".join(f"<VoucherDto><Id>{n}</Id><FiscalDateDays>{d}</FiscalDateDays></VoucherDto>"
                          for n, d in enumerate(days, start=1))
                + "</ArrayOfVoucherDto>")
    spec, found, _ = _table(tmp_path, "VoucherDto", text, fmt)
    items = list(rows(plan(spec, found)))
    assert [(i.values["FiscalDateDays"], i.values["FiscalDateDays_date"]) for i in items] == [
        (19000, "2022-01-08"), (None, None), ("nitten", None)]
    assert [i.kept_as_text for i in items] == [[], [], ["FiscalDateDays"]]
