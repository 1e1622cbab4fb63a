"""The catalogue of Xena's tables: what each table and column is, read from ``schemas/``.

``schemas/`` is generated once from Xena's published contracts (``tools/build_catalogue.py``) and
checked in, so a run never depends on anything outside the repository.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Column, Kind, TableSpec, derived_date_name

# Danish and English meaning of the fields that recur across Xena's objects. Where a field is not
# here, the description is derived from its name's suffix (see ``describe``) or left empty.
COMMON_FIELDS: dict[str, tuple[str, str]] = {
    "Id": ("Entydigt id i Xena", "Unique id in Xena"),
    "FiscalSetupId": ("Id for regnskabet (virksomheden)", "Id of the company's books"),
    "CreatedAt": ("Tidspunkt for oprettelse", "When the row was created"),
    "Version": ("Versionsnummer for rækken", "Row version number"),
    "IsDeactivated": ("Deaktiveret", "Deactivated"),
    "Description": ("Beskrivelse", "Description"),
    "Amount": ("Beløb i regnskabsvaluta (negativt = kredit)", "Amount in the books' currency (negative = credit)"),
    "CurrencyAmount": ("Beløb i valuta", "Amount in the posting's currency"),
    "CurrencyAbbreviation": ("Valutakode", "Currency code"),
    "VatAmount": ("Momsbeløb", "VAT amount"),
    "DebetAmount": ("Debetbeløb", "Debit amount"),
    "CreditAmount": ("Kreditbeløb", "Credit amount"),
    "Quantity": ("Antal", "Quantity"),
    "UnitPrice": ("Enhedspris", "Unit price"),
    "VoucherId": ("Id for bilaget", "Voucher id"),
    "VoucherNumber": ("Bilagsnummer", "Voucher number"),
    "FiscalDateDays": ("Bogføringsdato (dage siden 1970-01-01)", "Posting date (days since 1970-01-01)"),
    "RegistrationDateDays": ("Registreringsdato (dage siden 1970-01-01)", "Registration date (days since 1970-01-01)"),
    "DueDateDays": ("Forfaldsdato (dage siden 1970-01-01)", "Due date (days since 1970-01-01)"),
    "LedgerAccount": ("Kontotype (Xena-kode)", "Account type (Xena code)"),
    "LedgerTagId": ("Id for finanskontoen", "Ledger account id"),
    "LedgerTagNumber": ("Kontonummer", "Account number"),
    "LedgerTagDescription": ("Kontonavn", "Account name"),
    "VatId": ("Id for momskoden", "VAT code id"),
    "PartnerId": ("Id for kunde/leverandør", "Customer/supplier id"),
    "PartnerName": ("Kunde-/leverandørnavn", "Customer/supplier name"),
    "PartnerAccountNumber": ("Kunde-/leverandørnummer", "Customer/supplier number"),
    "AccountNumber": ("Kontonummer", "Account number"),
    "Number": ("Nummer", "Number"),
    "Name": ("Navn", "Name"),
    "Email": ("E-mail", "Email"),
    "OrgNumber": ("CVR-nummer", "Company registration number (CVR)"),
    "GLNNumber": ("EAN/GLN-nummer", "GLN (EAN) number"),
    "PartnerType": ("Partnertype (kunde/leverandør)", "Partner type (customer/supplier)"),
    "FiscalPeriodId": ("Id for regnskabsperioden", "Fiscal period id"),
    "FirstDocumentId": ("Id for bilagets første dokument", "Id of the voucher's first document"),
    "DocumentId": ("Id for dokumentet", "Document id"),
    "RelationId": ("Id for det relaterede objekt", "Id of the related object"),
    "Type": ("Type", "Type"),
    "Street": ("Gade", "Street"),
    "Zip": ("Postnummer", "Postal code"),
    "City": ("By", "City"),
    "PlaceName": ("Stednavn", "Place name"),
    "CountryName": ("Land", "Country"),
    "CountryDisplayName": ("Land (visningsnavn)", "Country (display name)"),
    "LastFileName": ("Filnavn", "File name"),
    "LastContentType": ("Filtype (MIME)", "Content type (MIME)"),
    "LastContentLength": ("Filstørrelse i bytes", "File size in bytes"),
    "LastFileId": ("Filens id (GUID)", "File id (GUID)"),
    "LastFileFolder": ("Mappe", "Folder"),
    "LastCreated": ("Tidspunkt for seneste version", "When the latest version was made"),
    "RunningTotal": ("Løbende saldo", "Running total"),
    "Abbreviation": ("Forkortelse", "Abbreviation"),
    "Rate": ("Sats", "Rate"),
    "StartDays": ("Startdato (dage siden 1970-01-01)", "Start date (days since 1970-01-01)"),
    "EndDays": ("Slutdato (dage siden 1970-01-01)", "End date (days since 1970-01-01)"),
}

_SUFFIXES: tuple[tuple[str, str, str], ...] = (
    ("DaysFriendly", "{} som visningstekst", "{} as display text"),
    ("Translated", "{} som oversat visningstekst", "{} as translated display text"),
    ("Days", "{} (dage siden 1970-01-01)", "{} (days since 1970-01-01)"),
)


def describe(field: str) -> tuple[str, str]:
    """Danish and English description of a field name, or empty strings when we cannot say."""
    leaf = field.rsplit(".", 1)[-1]
    if leaf in COMMON_FIELDS:
        return COMMON_FIELDS[leaf]
    for suffix, da, en in _SUFFIXES:
        if leaf.endswith(suffix) and len(leaf) > len(suffix):
            stem = leaf[: -len(suffix)]
            return da.format(stem), en.format(stem)
    return "", ""


def columns_from_dto(dtos: dict[str, Any], dto: str, prefix: str = "") -> list[Column]:
    """Flatten a contract's fields into columns: nested objects with a dot, dates with ``_date``."""
    columns: list[Column] = []
    for field in dtos[dto]["fields"]:
        name = prefix + field["name"]
        type_name: str = field["type"]
        if type_name.startswith("object:"):
            columns.extend(columns_from_dto(dtos, type_name.split(":", 1)[1], name + "."))
            continue
        da, en = describe(name)
        kind = Kind.from_catalogue(type_name)
        columns.append(Column(name, kind, da, en))
        if kind is Kind.date_days:
            columns.append(
                Column(derived_date_name(name), Kind.date, f"{da or name} som ISO-dato",
                       f"{en or name} as ISO date", derived_from=name)
            )
    return columns


def _schemas_dir() -> Path:
    """The catalogue folder: packaged with the wheel, or ``schemas/`` of a source checkout."""
    try:
        import xena2archive_schemas
    except ModuleNotFoundError:  # running from a source tree without installing
        return Path(__file__).resolve().parents[2] / "schemas"
    return Path(xena2archive_schemas.__file__).parent


def spec_from_schema(schema: dict[str, Any]) -> TableSpec:
    """Rebuild a table's spec from its catalogue schema (the inverse of ``catalogue_schema``)."""
    columns = tuple(
        Column(
            name,
            Kind(body["x-xena-type"]),
            body.get("description", ""),
            body.get("x-description-en", ""),
            derived_from=body.get("x-derived-from"),
        )
        for name, body in schema["properties"].items()
    )
    return TableSpec(schema["title"], schema.get("description", ""), columns, key=schema.get("x-key"))


@lru_cache(maxsize=1)
def load() -> dict[str, TableSpec]:
    """Every known table by name, from the checked-in catalogue."""
    specs = {}
    for path in sorted(_schemas_dir().glob("*.schema.json")):
        spec = spec_from_schema(json.loads(path.read_text(encoding="utf-8")))
        specs[spec.name] = spec
    return specs


@lru_cache(maxsize=1)
def contracts() -> dict[str, list[str]]:
    """Xena's contracts as the catalogue keeps them beside each table: ``Name:type`` fields (``?``
    when nullable) in declaration order, of every table and of every object a table holds."""
    found: dict[str, list[str]] = {}
    for path in sorted(_schemas_dir().glob("*.schema.json")):
        found.update(json.loads(path.read_text(encoding="utf-8")).get("x-xena-contracts", {}))
    return found


ARCHIVE_DOCUMENTS = "ArchiveDocuments"  # the table of documents xena2archive makes; never in a backup

# Every table the books (``books.load``) are loaded from, besides the documents' records (the
# ArchiveDocuments table): what the SAF-T files and the index are made from, as the preservation
# metadata says. The loader reads no table not named here.
BOOKS_TABLES = ("FiscalSetupDto", "FiscalPeriodDto", "LedgerTagBankContextDto", "PaymentMeansDto", "LedgerTagDto",
                "PartnerDto", "VatDto", "VatSettlementTransactionDto", "PrimoLedgerPostDto", "PrimoPartnerPostDto",
                "VoucherDto", "LedgerPostDto", "PartnerPostDto", "OrderJournalEntryDto", "OrderDto")


def is_xena_table(name: str) -> bool:
    """Whether ``name`` is one of Xena's own tables (not the one xena2archive makes)."""
    return name in load() and name != ARCHIVE_DOCUMENTS


def unknown_spec(name: str) -> TableSpec:
    """A spec for a table the catalogue does not know: every column's type is inferred from data."""
    return TableSpec(name, "", (), key=None, known=False)
