"""The checked-in catalogue: every schema valid, every listed table present, specs round-trip."""

import json
from pathlib import Path

import jsonschema

from xena2archive import catalogue
from xena2archive.model import Kind
from xena2archive.tables.schema import catalogue_schema

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_every_catalogue_schema_is_valid_draft_2020_12():
    paths = sorted(SCHEMAS.glob("*.schema.json"))
    assert len(paths) >= 85
    for path in paths:
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_key_tables_and_danish_descriptions():
    specs = catalogue.load()
    assert specs["LedgerPostDto"].description_da == "Finansposteringer"
    assert specs["Bearer"].description_da  # the one table without the Dto suffix
    ledger = specs["LedgerPostDto"].by_name
    assert ledger["Amount"].kind is Kind.decimal
    assert ledger["Amount"].description_da.startswith("Beløb")
    assert ledger["FiscalDateDays"].kind is Kind.date_days
    assert ledger["FiscalDateDays_date"].derived_from == "FiscalDateDays"
    assert ledger["Dimensions.DepartmentId"].kind is Kind.int64
    assert specs["PartnerDto"].by_name["Address.Street"].kind is Kind.string


def test_spec_round_trips_through_its_schema():
    for spec in catalogue.load().values():
        again = catalogue.spec_from_schema(catalogue_schema(spec))
        assert again == spec
