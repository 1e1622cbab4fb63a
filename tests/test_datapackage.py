"""data/datapackage.json: the tables as a Frictionless Data Package v2, with foreign keys from the data.

The independent reader is frictionless-py (a test dependency only), run as its own command line:
it must pass, or report exactly the dangling references our report names, on every archive: tables
without rows (which frictionless 5 cannot open as an empty JSONL file, so the package gives them
inline as their header row) and a table file without columns included.
"""

from __future__ import annotations

import json
import subprocess
import sys
from array import array
from pathlib import Path
from typing import Any

import pytest

from helpers import SampleBag, make_zip, run_cli
from xena2archive.exports import datapackage, relations
from xena2archive.model import Column, Kind, TableSpec, TableStats
from xena2archive.exports.relations import Fields, Keys, TableFile, candidates
from sample_backup import SampleLayout, write_sample_backup
from xena2archive.tables.schema import output_schema
from xena2archive.verify import verify


# -- helpers ------------------------------------------------------------------------------------


def package(data: Path) -> dict[str, Any]:
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def resource(data: Path, name: str) -> dict[str, Any]:
    return next(r for r in package(data)["resources"] if r["name"] == name)


def frictionless(data: Path) -> dict[str, list[dict[str, Any]]]:
    """``frictionless validate --json data/datapackage.json``: its errors by resource."""
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                          cwd=data, capture_output=True, text=True, timeout=600)
    result = json.loads(done.stdout)
    assert not result.get("errors"), result["errors"]  # the descriptor itself is valid
    return {task["name"]: task["errors"] for task in result["tasks"]}


def dangling_in_report(report: dict[str, Any]) -> set[tuple[str, str, int, str]]:
    """(table, column, line, value) of every dangling reference the report lists."""
    found = set()
    for table in report["tables"]:
        for fk in table.get("foreign_keys", []):
            assert fk["dangling"] == len(fk["dangling_examples"])  # few enough to be all listed here
            found.update((table["table"], fk["column"], e["line"], str(e["value"])) for e in fk["dangling_examples"])
    return found


def assert_frictionless_agrees(data: Path) -> set[tuple[str, str, int, str]]:
    """frictionless finds exactly our dangling references, and nothing else (see the docstring)."""
    errors = frictionless(data)
    seen = set()
    for name, task_errors in errors.items():
        for error in task_errors:
            assert error["type"] == "foreign-key", error
            (column,), (value,) = error["fieldNames"], error["fieldCells"]
            seen.add((name, column, error["rowNumber"] - 1, value))  # row 1 is the header (the keys)
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    assert seen == dangling_in_report(report)
    return seen


# -- units --------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    b'{"Id":1,"VoucherId":7,"Text":"a"}',
    b'{"VoucherId":null,"Id":-5}',
    b'{"Id":1,"Text":"x,\\"VoucherId\\":99","VoucherId":3}',  # the name inside a string
    b'{"Id":1,"Text":"ends with a comma,","VoucherId":3}',
    b'{"Id":1,"Text":"ends with a brace{","VoucherId":3}\n',
    b'{"Id":1,"Text":"{\\"VoucherId\\":5}","VoucherId":3}\n',
    b'{"Id":1,"Tags":[{"VoucherId":42}],"VoucherId":3}',  # the name again in a nested object
    b'{"Id":1,"Tags":[{"VoucherId":42}],"VoucherId":"kept as text"}',
    b'{"Id":"abc","VoucherId":12345678901234567890}',
    '{"Id":1,"Bilagsnøgle":4,"VoucherId":2.5}'.encode(),
    b'{"Id":1}',  # a field the line lacks
    b'{"Id":1,"VoucherId":3,"VoucherId":4}',  # the last of two equal keys
    b'{"Id":Infinity,"VoucherId":3}',  # what json reads and msgspec refuses
    b'{"Id":"\\ud800","VoucherId":3}',
])
def test_fields_pick_the_same_values_as_parsing_the_whole_line(line):
    names = ["Id", "VoucherId"]
    assert Fields(names)(line) == [json.loads(line).get(n) for n in names]
    assert Fields(["Bilagsnøgle"])(line) == [json.loads(line).get("Bilagsnøgle")]


def test_fields_of_a_line_that_is_no_json_raise_as_json_does():
    """``datapackage.check`` reports a damaged JSONL by the ``ValueError`` json raises."""
    with pytest.raises(json.JSONDecodeError):
        Fields(["Id"])(b'{"Id":1,"VoucherId":')


@pytest.mark.parametrize("size, step, form", [(3, 2, "small"), (relations.SMALL + 5, 2, "bits"),
                                               (relations.SMALL + 5, 1000, "sorted")])
def test_keys_in_each_form(size, step, form):
    keys = Keys(array("q", range(size * step, 0, -step)))  # unsorted on purpose
    assert {"small": keys.small is not None, "bits": keys.bits is not None, "sorted": len(keys.sorted) > 0} == \
        {name: name == form for name in ("small", "bits", "sorted")}
    assert step in keys and size * step in keys and (size // 2) * step in keys
    assert step + 1 not in keys and 0 not in keys and size * step + step not in keys and -step not in keys
    assert str(step) not in keys and None not in keys and 2**70 not in keys and -(2**70) not in keys


def test_table_field_reads_back_what_the_json_schema_states():
    columns = [Column("Id", Kind.int64), Column("Amount", Kind.decimal, "Beløb"), Column("Day", Kind.date_days),
               Column("Guid", Kind.guid), Column("When", Kind.datetime), Column("Tags", Kind.array)]
    stats = TableStats()
    stats.of("Amount").nullable = True
    stats.of("Day").text_fallbacks = 2
    stats.of("Day").nullable = True
    schema = output_schema(TableSpec("T", "", tuple(columns)), columns, stats, key="Id")
    fields = {name: datapackage.table_field(name, body) for name, body in schema["properties"].items()}
    assert (fields["Id"]["name"], fields["Id"]["type"]) == ("Id", "integer")
    assert fields["Id"]["constraints"] == {"required": True, "minimum": -(2**63), "maximum": 2**63 - 1}
    assert fields["Amount"]["type"] == "number" and "constraints" not in fields["Amount"]
    assert fields["Amount"]["description"] == "Beløb"
    assert fields["Day"]["type"] == "any" and fields["Day"]["x-kept-as-text"] == 2
    assert fields["Guid"]["format"] == "uuid" and fields["When"]["type"] == "datetime"
    assert fields["Tags"]["type"] == "array"
    assert all(f["x-xena-type"] for f in fields.values())


def _table(name: str, *columns: str, key: str | None = "Id", known: bool = True) -> TableFile:
    kinds = dict.fromkeys(("Id", *columns), Kind.int64)
    return TableFile(name, Path(f"{name}.jsonl"), kinds, key, known)


def test_candidates_by_naming_and_the_documented_list():
    tables = {t.name: t for t in [
        _table("LedgerPostDto", "VoucherId", "Dimensions.BearerId", "EconomicTransactionId"),
        _table("VoucherDto", "FirstDocumentId"), _table("DocumentDto"), _table("Bearer"),
        _table("PartnerPostDto", "PrimoPartnerPostId"),  # its own table is not here: no candidate
        _table("VatDto", "ContraVatId"), _table("Extra", "VoucherId", key=None, known=False),
        _table("PartnerDto", key=None),  # no key: nothing can refer to it
        _table("OrderDto", "PartnerId"),
    ]}
    found = {(r.table, r.column): (r.target, r.documented) for r in candidates(tables)}
    assert found == {
        ("LedgerPostDto", "VoucherId"): ("VoucherDto", True),
        ("LedgerPostDto", "Dimensions.BearerId"): ("Bearer", False),
        ("VoucherDto", "FirstDocumentId"): ("DocumentDto", True),
        ("VatDto", "ContraVatId"): ("VatDto", False),
    }


# -- end to end ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_out(sample_bag: SampleBag) -> Path:
    assert sample_bag.code == 1  # the sample's PNG receipt named .pdf
    return sample_bag.bag


def test_sample_package_describes_every_table(sample_out):
    data = sample_out / "data"
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    described = package(data)
    assert described["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "created" not in described  # nothing from the clock; the zip's time has no zone
    assert described["name"] == "xena-41728396" and "Møllegårdens" in described["title"]
    assert [r["name"] for r in described["resources"]] == sorted(t["table"] for t in report["tables"])
    for table in report["tables"]:
        found = resource(data, table["table"])
        if table["rows_written"]:
            assert found["path"] == f"tables/{table['outputs']['jsonl']}"
            assert (found["format"], found["encoding"], found["type"]) == ("jsonl", "utf-8", "table")
        else:  # a table without rows: inline, its header row alone (frictionless cannot open an empty JSONL)
            assert found["x-path"] == f"tables/{table['outputs']['jsonl']}" and found["type"] == "table"
            assert found["data"] == [[c for c, _kind in table["columns"]]]
        assert found["rows"] == table["rows_written"]
        assert found["description"] == (table["description"] or found["description"])
        assert found["schema"]["missingValues"] == []
        assert [f["name"] for f in found["schema"]["fields"]] == [c for c, _kind in table["columns"]]
    assert datapackage.check(data) == []


def test_sample_keys_and_foreign_keys(sample_out):
    data = sample_out / "data"
    posts = resource(data, "LedgerPostDto")
    assert posts["title"] == "LedgerPostDto" and posts["description"] == "Finansposteringer"
    assert posts["schema"]["primaryKey"] == ["Id"]
    fields = {f["name"]: f for f in posts["schema"]["fields"]}
    assert fields["Amount"]["type"] == "number" and fields["FiscalDateDays_date"]["type"] == "date"
    keys = {tuple(fk["fields"]): fk["reference"] for fk in posts["schema"]["foreignKeys"]}
    assert keys[("VoucherId",)] == {"resource": "VoucherDto", "fields": ["Id"]}
    assert keys[("LedgerTagId",)] == {"resource": "LedgerTagDto", "fields": ["Id"]}
    assert keys[("PartnerId",)] == {"resource": "PartnerDto", "fields": ["Id"]}
    assert keys[("Dimensions.BearerId",)] == {"resource": "Bearer", "fields": ["Id"]}
    vat = {tuple(fk["fields"]): fk["reference"] for fk in resource(data, "VatDto")["schema"]["foreignKeys"]}
    assert vat[("ContraVatId",)] == {"fields": ["Id"]}  # within the table: no resource (v2)
    documents = resource(data, "ArchiveDocuments")["schema"]
    assert documents["primaryKey"] == ["OriginalName"]
    assert {"fields": ["DocumentId"], "reference": {"resource": "DocumentDto", "fields": ["Id"]}} \
        in documents["foreignKeys"]
    assert "primaryKey" not in resource(data, "CurrencyDto")["schema"]  # the table has no key
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    assert not dangling_in_report(report)


def test_frictionless_validates_the_sample(sample_out):
    assert assert_frictionless_agrees(sample_out / "data") == set()


def test_verify_notices_a_package_that_disagrees_with_its_files(sample_out, tmp_path):
    data = sample_out / "data"
    assert datapackage.check(data) == []
    changed = tmp_path / "data"
    (changed / "tables").mkdir(parents=True)
    described = package(data)
    for item in described["resources"]:
        path = item.get("path") or item["x-path"]
        (changed / path).write_bytes((data / path).read_bytes())
    (changed / "tables/VatDto.jsonl").write_bytes((data / "tables/VatDto.jsonl").read_bytes() + b'{"Id":1}\n')
    (changed / "tables/Bearer.jsonl").unlink()
    (changed / "datapackage.json").write_text(json.dumps(described), encoding="utf-8")
    problems = [p.message for p in datapackage.check(changed)]
    assert any("'VatDto'" in p and "bytes" in p for p in problems)
    assert any("'VatDto'" in p and "sha256" in p for p in problems)
    assert any("'VatDto'" in p and "rows" in p for p in problems)
    assert any("'Bearer'" in p and "no such file" in p for p in problems)
    assert len(problems) == 4


DANGLING = {
    "Data/FiscalSetupDto.csv": "Id;OrgNumber;Address.Name\n1;12345678;Bøgh & Søn ApS\n",
    "Data/VoucherDto.csv": "Id;FiscalSetupId;VoucherNumber;Description\n10;1;1;Salg\n11;1;2;Køb\n",
    "Data/LedgerPostDto.csv": ("Id;FiscalSetupId;VoucherId;Amount;Description\n"
                               "1;1;10;100,00;Salg\n2;1;10;-100,00;Bank\n3;1;999;50,00;Bilag mangler\n"
                               "4;1;;-50,00;Uden bilag\n5;1;11;0,00;Køb\n"),
    "Data/Kundenoter.csv": "Id;VoucherId;Note\n1;10;første\n1;999;anden æøå\n",  # not in the catalogue
}


@pytest.fixture(scope="module")
def dangling_bag(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("datapackage-dangling")
    make_zip(root / "backup.zip", DANGLING)
    assert run_cli(root / "backup.zip", root / "out", "--quiet") == 1
    return root / "out"


def test_a_posting_without_its_voucher_is_declared_counted_and_reported(dangling_bag):
    data = dangling_bag / "data"
    posts = resource(data, "LedgerPostDto")["schema"]
    assert {"fields": ["VoucherId"], "reference": {"resource": "VoucherDto", "fields": ["Id"]}} \
        in posts["foreignKeys"]
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    entry = next(t for t in report["tables"] if t["table"] == "LedgerPostDto")
    voucher = next(fk for fk in entry["foreign_keys"] if fk["column"] == "VoucherId")
    assert (voucher["declared"], voucher["references"], voucher["dangling"]) == (True, 4, 1)
    assert voucher["dangling_examples"] == [{"line": 3, "value": 999}]
    finding = next(f for f in report["findings"] if f["where"] == "LedgerPostDto" and "VoucherId" in f["message"])
    assert finding["severity"] == "warning"
    assert "1 of 4 values of VoucherId refer to no row of VoucherDto.Id" in finding["message"]
    assert "line 3: 999" in finding["message"]
    page = (data / "index/fund/rapport.html").read_text(encoding="utf-8")
    assert "henviser ikke til nogen række i VoucherDto.Id" in page  # the index's findings show it, in Danish


def test_the_front_page_says_how_to_open_the_tables(dangling_bag):
    front = (dangling_bag / "data/index.html").read_text(encoding="utf-8")
    assert "<code>datapackage.json</code>" in front
    assert "Tabellerne kan åbnes med almindelige værktøjer" in front and "pandas" in front and "DuckDB" in front


def test_a_table_not_in_the_catalogue_gets_inferred_fields_and_no_keys(dangling_bag):
    extra = resource(dangling_bag / "data", "Kundenoter")
    fields = {f["name"]: f["type"] for f in extra["schema"]["fields"]}
    assert fields == {"Id": "integer", "VoucherId": "integer", "Note": "string"}
    assert "primaryKey" not in extra["schema"] and "foreignKeys" not in extra["schema"]
    assert extra["description"]  # says that the types are inferred


def test_frictionless_finds_exactly_the_dangling_references_we_report(dangling_bag):
    assert assert_frictionless_agrees(dangling_bag / "data") == {("LedgerPostDto", "VoucherId", 3, "999")}


def test_the_package_is_byte_identical_on_a_second_run(dangling_bag, tmp_path):
    assert run_cli(dangling_bag.parent / "backup.zip", tmp_path / "again", "--quiet") == 1
    first = (dangling_bag / "data/datapackage.json").read_bytes()
    assert (tmp_path / "again/data/datapackage.json").read_bytes() == first


def test_verify_checks_the_package_of_a_bag(dangling_bag):
    verdict = verify(dangling_bag)
    assert verdict.ok and "datapackage.json" in verdict.checks


def test_a_relation_to_a_table_whose_key_repeats_is_not_declared_and_says_why(zip_factory, tmp_path):
    backup = zip_factory({"Data/VoucherDto.csv": "Id;Description\n5;a\n5;igen\n",
                          "Data/LedgerPostDto.csv": "Id;VoucherId;Amount\n1;5;1,00\n2;5;-1,00\n"})
    assert run_cli(backup, tmp_path / "out", "--quiet") == 1
    data = tmp_path / "out/data"
    assert "primaryKey" not in resource(data, "VoucherDto")["schema"]
    assert "foreignKeys" not in resource(data, "LedgerPostDto")["schema"]
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    assert {"code": "relation-not-declared", "severity": "info", "where": "LedgerPostDto",
            "message": "VoucherId is not declared a foreign key to "
            "VoucherDto: VoucherDto has no key that is unique and never empty."} in [
        {k: f[k] for k in ("code", "severity", "where", "message")} for f in report["findings"]]


@pytest.mark.slow  # a conversion of its own (16 s); the sample's package is validated quick
def test_frictionless_validates_a_generated_backup(tmp_path):
    layout = SampleLayout(formats=("csv",), delimiter=",", decimal_comma=False, documents=False)
    write_sample_backup(tmp_path / "backup.zip", layout, posts=900, seed=7)
    # 1: without its documents, the backup's DocumentDto rows name files the zip does not hold
    assert run_cli(tmp_path / "backup.zip", tmp_path / "out", "--quiet") == 1
    data = tmp_path / "out/data"
    assert assert_frictionless_agrees(data) == set()
    assert resource(data, "LedgerPostDto")["rows"] == 900


def test_frictionless_validates_a_package_with_empty_tables(zip_factory, tmp_path):
    """A table without rows (a CSV header alone, an XML with no row) keeps its empty JSONL, and the
    package gives it inline as its header row; a CSV with neither header nor rows is a plain file.
    frictionless validates the whole package, and ``verify`` agrees with it."""
    backup = zip_factory({
        "Data/VoucherDto.csv": "Id;VoucherNumber;Description\n",
        "Data/PartnerDto.xml": '<?xml version="1.0"?>\n<ArrayOfPartnerDto/>\n',
        "Data/Tom.csv": "",
        "Data/LedgerPostDto.csv": "Id;VoucherId;Amount\n1;5;1,00\n2;5;-1,00\n",
    })
    assert run_cli(backup, tmp_path / "out", "--quiet") == 1  # the CSV without header is a warning
    data = tmp_path / "out/data"
    assert set(frictionless(data)) == {"ArchiveDocuments", "LedgerPostDto", "PartnerDto", "Tom", "VoucherDto"}
    # the postings refer to a voucher the empty VoucherDto does not hold: both readers say so, nothing else
    assert assert_frictionless_agrees(data) == {("LedgerPostDto", "VoucherId", 1, "5"),
                                                ("LedgerPostDto", "VoucherId", 2, "5")}
    voucher = resource(data, "VoucherDto")
    assert voucher["data"] == [["Id", "VoucherNumber", "Description"]] and "path" not in voucher
    assert voucher["x-path"] == "tables/VoucherDto.jsonl" and (data / voucher["x-path"]).stat().st_size == 0
    assert resource(data, "Tom")["type"] == "file" and resource(data, "Tom")["path"] == "tables/Tom.jsonl"
    assert verify(tmp_path / "out").ok
    (data / "tables/VoucherDto.jsonl").write_text('{"Id":1}\n', encoding="utf-8")  # no longer empty
    assert any("resource 'VoucherDto' (tables/VoucherDto.jsonl): the package says the table has no rows" in p
               for p in (found.message for found in datapackage.check(data)))
