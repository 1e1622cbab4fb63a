"""A deterministic generator of realistic Xena "Lokal kopi" backup zips.

It writes what Xena's *Sikkerhedskopiering* gives a company: every table as CSV and/or XML plus
the uploaded and generated documents, for a small fictive Danish company ("Møllegårdens Tømrer &
Snedker ApS", two fiscal years). ``make demo`` bundles the default sample; the end-to-end tests
build several layouts and encodings (see :class:`SampleLayout`) and check the converter against
the :class:`SampleFacts` the generator returns.

Determinism: the same arguments give a byte-identical zip. Everything comes from
``random.Random(seed)``; zip entries carry a fixed date and are written in sorted order; PDFs are
saved with ``deterministic_id`` and dates taken from the data, never from the clock. The content
(rows, amounts, documents) depends only on ``posts`` and ``seed``, not on the layout, so every
layout of one seed describes the same books.

Columns follow Xena's published API contracts as the catalogue (``schemas/``, built from
``xena-dtos.json`` by ``tools/build_catalogue.py``) holds them: every field in declaration order.
What the real backup does is partly unknown; where the generator had to choose (array spelling in
CSV, XML row element of ``Bearer``, defaults of non-nullable fields) the choice is documented at
the place it is made.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import random
import sys
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pikepdf
from PIL import Image, ImageDraw, ImageFont

from xena2archive import catalogue

__all__ = ["MIN_POSTS", "SampleFacts", "SampleLayout", "main", "write_sample_backup"]

# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

#: The fewest ledger posts a sample can have (the fixed vouchers: four order invoices, an asset
#: purchase, an EU purchase, an OIOUBL purchase, plus one more voucher).
MIN_POSTS = 24


@dataclass(frozen=True)
class SampleLayout:
    """How the backup is laid out and encoded (the content stays the same)."""

    tables_folder: str = "Data"  # "" = tables at the zip root
    documents_folder: str = "Dokumenter"  # "" = document folders at the zip root
    formats: tuple[str, ...] = ("csv", "xml")  # ("csv",), ("xml",) or both
    delimiter: str = ";"  # ";" "," or "\t"
    encoding: str = "utf-8-sig"  # "utf-8-sig", "utf-8", "cp1252"
    decimal_comma: bool = True  # CSV decimals "1234,50" (True) or "1234.50"
    nested: str = "."  # CSV header of nested fields: "." Address.Name, "_" Address_Name, "" AddressName
    bools: tuple[str, str] = ("True", "False")  # CSV spelling of true/false, e.g. ("1", "0"), ("Ja", "Nej")
    documents: bool = True  # include the document files (DocumentDto rows are written either way)

    def __post_init__(self) -> None:
        if not self.formats or set(self.formats) - {"csv", "xml"} or len(set(self.formats)) != len(self.formats):
            raise ValueError(f"formats must be ('csv',), ('xml',) or both, not {self.formats!r}")
        if self.delimiter not in (";", ",", "\t"):
            raise ValueError(f"delimiter must be ';', ',' or a tab, not {self.delimiter!r}")
        if self.encoding not in ("utf-8-sig", "utf-8", "cp1252"):
            raise ValueError(f"encoding must be utf-8-sig, utf-8 or cp1252, not {self.encoding!r}")
        if self.nested not in (".", "_", ""):
            raise ValueError(f"nested must be '.', '_' or '', not {self.nested!r}")
        if len(self.bools) != 2 or self.bools[0] == self.bools[1]:
            raise ValueError(f"bools must be two different spellings, not {self.bools!r}")
        for folder in (self.tables_folder, self.documents_folder):
            if folder.startswith("/") or folder.endswith("/") or ".." in folder.split("/"):
                raise ValueError(f"folder must be relative without a trailing slash: {folder!r}")


@dataclass(frozen=True)
class SampleFacts:
    """What a written sample holds, for tests to check a conversion against."""

    company_name: str
    cvr: str
    tables: dict[str, int]  # table name (file name without extension) -> rows written
    amounts: dict[int, str]  # LedgerPostDto Id -> Amount in canonical point form, e.g. "-1234.50"
    documents: dict[str, str]  # zip entry path -> sha256 hex (empty when layout.documents is False)
    fiscal_years: list[int]
    entries: tuple[str, ...] = ()  # every zip entry name, in the zip's order


# --------------------------------------------------------------------------------------------
# The columns: Xena's contracts as the catalogue (schemas/) holds them, so the two cannot drift
# "Name:type" with "?" for nullable; types as in xena-dtos.md.
# --------------------------------------------------------------------------------------------

# The XML row element is the contract's class name; only ``Bearer`` differs from its file name.
_XML_CLASS = {"Bearer": "BearerDto"}
_XML_NS = "http://schemas.datacontract.org/2004/07/Xena.Contracts"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_XML_ARRAY_ITEM = {"string": "string", "int32": "int", "int64": "long", "decimal": "decimal"}

# Catalogue tables written with a header only (no rows), as a backup of a small company has many.
_EMPTY_TABLES = ("CurrencyExchangeRateDto", "PrimoLedgerPostDto", "ProjectDto", "SubscriptionDto", "WarehouseDto")

_ZIP_DATE = (2025, 1, 31, 12, 0, 0)
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class _Field:
    name: str
    type: str
    nullable: bool


@cache
def _fields(dto: str) -> tuple[_Field, ...]:
    """The fields of one contract, in declaration order, from the catalogue."""
    out = []
    for token in catalogue.contracts()[dto]:
        name, _, ftype = token.partition(":")
        out.append(_Field(name, ftype.rstrip("?"), ftype.endswith("?")))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Writing one table as CSV and XML
# --------------------------------------------------------------------------------------------

Row = dict[str, Any]

# Non-nullable value types always carry a value in .NET (DataContract writes the default), so a
# field the generator leaves unset gets that default instead of an empty cell.
_DEFAULTS: dict[str, Any] = {
    "int32": 0,
    "int64": 0,
    "decimal": Decimal("0"),
    "double": 0,
    "bool": False,
    "date-days": 0,
    "datetime": "0001-01-01T00:00:00",
    "guid": "00000000-0000-0000-0000-000000000000",
}


def _value(row: Mapping[str, Any] | None, f: _Field) -> Any:
    """The field's value in a row, or the .NET default for an unset non-nullable value type."""
    value = None if row is None else row.get(f.name)
    if value is None and not f.nullable:
        return _DEFAULTS.get(f.type)
    return value


def _plain(value: Any, ftype: str) -> str:
    """A scalar as Xena's XML writes it: decimals with a point, bools true/false."""
    if ftype == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"bool expected, got {value!r}")
        return "true" if value else "false"
    if ftype == "decimal":
        if not isinstance(value, Decimal):
            raise TypeError(f"Decimal expected, got {value!r}")
        return format(abs(value) if value == 0 else value, "f")
    if ftype in ("int32", "int64", "date-days"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"int expected, got {value!r}")
        return str(value)
    return str(value)


def _check_keys(dto: str, row: Mapping[str, Any]) -> None:
    known = {f.name for f in _fields(dto)}
    unknown = set(row) - known
    if unknown:
        raise KeyError(f"{dto} has no field(s) {sorted(unknown)}")


def _csv_columns(dto: str, nested: str, prefix: str = "",
                 path: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...], _Field]]:
    """(header, path into the row, field) for every CSV column; nested objects flattened."""
    columns = []
    for f in _fields(dto):
        if f.type.startswith("object:"):
            columns += _csv_columns(f.type[len("object:"):], nested, prefix + f.name + nested, (*path, f.name))
        else:
            columns.append((prefix + f.name, (*path, f.name), f))
    return columns


def _csv_cell(row: Row, path: tuple[str, ...], f: _Field, layout: SampleLayout) -> str:
    node: Mapping[str, Any] | None = row
    for key in path[:-1]:
        node = None if node is None else node.get(key)
    value = _value(node, f)
    if value is None:
        return ""
    if f.type.startswith("array:"):
        # How Xena's CSV spells an array is unknown; the items joined with "," is our guess.
        return ",".join(_plain(item, f.type[len("array:"):]) for item in value)
    if f.type == "bool":
        return layout.bools[0] if value else layout.bools[1]
    text = _plain(value, f.type)
    if f.type == "decimal" and layout.decimal_comma:
        text = text.replace(".", ",")
    return text


def table_csv(dto: str, rows: Sequence[Row], layout: SampleLayout) -> bytes:
    """One table as CSV: header of field names, CRLF, minimal quoting, the layout's encoding."""
    columns = _csv_columns(dto, layout.nested)
    headers = [header for header, _, _ in columns]
    if len(set(headers)) != len(headers):
        raise ValueError(f"{dto}: flattened CSV headers collide with nested={layout.nested!r}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=layout.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(row, path, f, layout) for _, path, f in columns])
    return buffer.getvalue().encode(layout.encoding)


def _xml_fields(out: list[str], dto: str, row: Mapping[str, Any], depth: int) -> None:
    """Append one element per field of ``dto`` (in declaration order) to ``out``."""
    pad = "  " * depth
    for f in _fields(dto):
        value = _value(row, f)
        if value is None:
            out.append(f'{pad}<{f.name} i:nil="true" />')
        elif f.type.startswith("object:"):
            cls = f.type[len("object:"):]
            out.append(f"{pad}<{f.name}>")
            out.append(f"{pad}  <{cls}>")
            _xml_fields(out, cls, value, depth + 2)
            out.append(f"{pad}  </{cls}>")
            out.append(f"{pad}</{f.name}>")
        elif f.type.startswith("array:"):
            item_type = f.type[len("array:"):]
            if not value:
                out.append(f"{pad}<{f.name} />")
                continue
            out.append(f"{pad}<{f.name}>")
            for item in value:
                if item_type.startswith("object:"):
                    cls = item_type[len("object:"):]
                    out.append(f"{pad}  <{cls}>")
                    _xml_fields(out, cls, item, depth + 2)
                    out.append(f"{pad}  </{cls}>")
                else:
                    tag = _XML_ARRAY_ITEM[item_type]
                    out.append(f"{pad}  <{tag}>{escape(_plain(item, item_type))}</{tag}>")
            out.append(f"{pad}</{f.name}>")
        else:
            out.append(f"{pad}<{f.name}>{escape(_plain(value, f.type))}</{f.name}>")


def table_xml(dto: str, rows: Sequence[Row]) -> bytes:
    """One table as .NET DataContract-style XML (UTF-8, indented, CRLF)."""
    cls = _XML_CLASS.get(dto, dto)
    head = f'<ArrayOf{cls} xmlns:i="{_XSI_NS}" xmlns="{_XML_NS}"'
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if not rows:
        out.append(head + " />")
    else:
        out.append(head + ">")
        for row in rows:
            out.append(f"  <{cls}>")
            _xml_fields(out, dto, row, 2)
            out.append(f"  </{cls}>")
        out.append(f"</ArrayOf{cls}>")
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def table_entries(table: str, rows: Sequence[Row], layout: SampleLayout) -> dict[str, bytes]:
    """A table's zip entries (name -> bytes) in the layout's folder and formats."""
    prefix = f"{layout.tables_folder}/" if layout.tables_folder else ""
    entries = {}
    if "csv" in layout.formats:
        entries[f"{prefix}{table}.csv"] = table_csv(table, rows, layout)
    if "xml" in layout.formats:
        entries[f"{prefix}{table}.xml"] = table_xml(table, rows)
    return entries


# --------------------------------------------------------------------------------------------
# Small helpers: dates, stamps, money, ids
# --------------------------------------------------------------------------------------------


def _days(day: date) -> int:
    """Days since 1970-01-01, as Xena's ``...Days`` fields."""
    return (day - _EPOCH).days


def _friendly(day: date) -> str:
    """Xena's ``...DaysFriendly`` display string."""
    return day.strftime("%d-%m-%Y")


def _stamp(rng: random.Random, day: date, hour: tuple[int, int] = (7, 17)) -> str:
    """An ISO date-time on ``day`` with a 7-digit fraction and Z, like .NET writes UTC times."""
    h, m, s = rng.randint(*hour), rng.randrange(60), rng.randrange(60)
    return f"{day.isoformat()}T{h:02d}:{m:02d}:{s:02d}.{rng.randrange(10**7):07d}Z"


def _cents(n: int) -> Decimal:
    """An amount with exactly two decimals from a number of øre."""
    return Decimal(n).scaleb(-2)


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    """A random amount in kroner between ``low`` and ``high``, two decimals."""
    return _cents(rng.randrange(low * 100, high * 100))


def _round(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _vat(net: Decimal, rate: Decimal = Decimal("0.25")) -> Decimal:
    return _round(net * rate)


def _dk(value: Decimal) -> str:
    """Danish display form: 1.234.567,89."""
    return format(value, ",.2f").replace(",", "\x00").replace(".", ",").replace("\x00", ".")


class _Ids:
    """Increasing ids from ``start`` with small random gaps, as a database sequence shared by many."""

    def __init__(self, rng: random.Random, start: int, max_gap: int = 5) -> None:
        self._rng, self._next, self._gap = rng, start, max_gap

    def __call__(self) -> int:
        value = self._next
        self._next += self._rng.randint(1, self._gap)
        return value


def _cvr(rng: random.Random) -> str:
    """A CVR number with a valid modulus-11 check digit (fictive)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randrange(10) for _ in range(6)]
        check = (11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _deduction(account: int) -> Decimal:
    """The share of purchase VAT the company may deduct: 25 % on entertainment, else all of it."""
    return Decimal("25.00") if account == 2420 else Decimal("100.00")


def _gln(rng: random.Random) -> str:
    """A 13-digit GLN (EAN location number) in the Danish public range, GS1 check digit."""
    body = "579800" + "".join(str(rng.randrange(10)) for _ in range(6))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


# --------------------------------------------------------------------------------------------
# The company and its master data
# --------------------------------------------------------------------------------------------

COMPANY_NAME = "Møllegårdens Tømrer & Snedker ApS"
COMPANY_CVR = "41728396"  # fictive, valid check digit
_FISCAL_SETUP_ID = 187_514
_COMPANY_ADDRESS = {
    "Name": COMPANY_NAME,
    "Street": "Møllegårdsvej 12",
    "Zip": "8660",
    "City": "Skanderborg",
    "PlaceName": "Stilling",
    "CountryName": "Danmark",
    "CountryDisplayName": "Danmark",
}
_BANK = "Bankregistrering 7890 kontonr. 0001234567"
_RESPONSIBLE = (412_077, "Mette Kjær Møller")
_YEARS = (2023, 2024)

# (code, Danish translation) of Xena's account groups (from Xena.Contracts' LedgerAccounts).
_ACCOUNT_TYPES = {
    "turnover": ("Xena_Domain_Income_Accounts_Net_Turn_Over", "Nettoomsætning"),
    "consumption": ("Xena_Domain_Income_Accounts_Product_Consumption", "Vareforbrug"),
    "wages": ("Xena_Domain_Income_Accounts_Wages", "Lønninger"),
    "sales": ("Xena_Domain_Income_Accounts_Sales_Costs", "Salgsomkostninger"),
    "production": ("Xena_Domain_Income_Accounts_Production_Costs", "Produktionsomkostninger"),
    "housing": ("Xena_Domain_Income_Accounts_Housing_Costs", "Lokaleomkostninger"),
    "admin": ("Xena_Domain_Income_Accounts_Administration_Costs", "Administrationsomkostninger"),
    "depreciation": ("Xena_Domain_Income_Accounts_Depreciation", "Afskrivninger"),
    "financial": ("Xena_Domain_Income_Accounts_Financial_Costs", "Finansielle poster"),
    "fixed": ("Xena_Domain_Asset_Accounts_Tangible_Fixed_Asset", "Materielle anlægsaktiver"),
    "stock": ("Xena_Domain_Asset_Accounts_Stock", "Varelager"),
    "receivables": ("Xena_Domain_Asset_Accounts_Customer_Receivables", "Tilgodehavender fra salg"),
    "cash": ("Xena_Domain_Asset_Accounts_Cash", "Likvide beholdninger"),
    "equity": ("Xena_Domain_Liability_Accounts_Equity", "Egenkapital"),
    "longdebt": ("Xena_Domain_Liability_Accounts_Long_Term_Debt", "Langfristet gæld"),
    "payables": ("Xena_Domain_Liability_Accounts_Trade_Payables", "Leverandørgæld"),
    "shortdebt": ("Xena_Domain_Liability_Accounts_Other_Short_Term_Debt", "Anden kortfristet gæld"),
    "vat": ("Xena_Domain_Liability_Accounts_Vat_Debt", "Moms"),
}

# number, name, account type, default VAT code
_CHART: tuple[tuple[int, str, str, str | None], ...] = (
    (1010, "Salg af varer og ydelser, indland", "turnover", "U25"),
    (1020, "Salg af arbejdsløn", "turnover", "U25"),
    (1030, "Salg af varer til EU", "turnover", "UEUV"),
    (1040, "Salg af ydelser til udlandet", "turnover", "UEUY"),
    (1310, "Varekøb", "consumption", "I25"),
    (1320, "Varekøb EU", "consumption", "IEUV"),
    (1330, "Fremmed arbejde (underleverandører)", "consumption", "I25"),
    (2210, "Lønninger", "wages", None),
    (2220, "ATP-bidrag", "wages", None),
    (2230, "Pension", "wages", None),
    (2410, "Annoncer og reklame", "sales", "I25"),
    (2420, "Repræsentation", "sales", "I25"),
    (2750, "Husleje", "housing", "I25"),
    (2760, "El, vand og varme", "housing", "I25"),
    (2810, "Kontorartikler", "admin", "I25"),
    (2820, "Telefon og internet", "admin", "I25"),
    (2830, "Software og abonnementer", "admin", "I25"),
    (2840, "Revisor og bogføring", "admin", "I25"),
    (2850, "Forsikringer", "admin", None),
    (2860, "Småanskaffelser", "admin", "I25"),
    (3010, "Brændstof", "production", "I25"),
    (3020, "Vedligeholdelse af værktøj", "production", "I25"),
    (3610, "Afskrivninger, driftsmidler", "depreciation", None),
    (4010, "Renteindtægter", "financial", None),
    (4110, "Renteudgifter", "financial", None),
    (4120, "Bankgebyrer", "financial", None),
    (5010, "Driftsmidler og værktøj", "fixed", None),
    (5110, "Varelager", "stock", None),
    (5410, "Debitorer", "receivables", None),
    (5600, "Bank", "cash", None),
    (5610, "Kasse", "cash", None),
    (6010, "Selskabskapital", "equity", None),
    (6020, "Overført resultat", "equity", None),
    (6310, "Banklån", "longdebt", None),
    (6410, "Kreditorer", "payables", None),
    (6500, "Skyldig A-skat og AM-bidrag", "shortdebt", None),
    (6510, "Skyldig ATP", "shortdebt", None),
    (6800, "Salgsmoms", "vat", None),
    (6810, "Købsmoms", "vat", None),
    (6820, "Moms af EU-køb", "vat", None),
    (6830, "Momsafregning", "vat", None),
)

# code, description, percentage, Xena VatType (code values guessed), translation, account
_VATS: tuple[tuple[str, str, str, str, str, int | None], ...] = (
    ("U25", "Salgsmoms 25 %", "25.00", "VatType_Sales", "Salg", 6800),
    ("I25", "Købsmoms 25 %", "25.00", "VatType_Purchase", "Køb", 6810),
    ("IEUV", "Køb af varer fra EU (erhvervelsesmoms)", "25.00", "VatType_EUPurchaseGoods", "EU-køb varer", 6820),
    ("IEUY", "Køb af ydelser fra EU", "25.00", "VatType_EUPurchaseServices", "EU-køb ydelser", 6820),
    ("UEUV", "Salg af varer til EU", "0.00", "VatType_EUSalesGoods", "EU-salg varer", None),
    ("UEUY", "Salg af ydelser til EU", "0.00", "VatType_EUSalesServices", "EU-salg ydelser", None),
    ("U0", "Momsfrit salg", "0.00", "VatType_Exempt", "Momsfri", None),
)

# name, customer?, street, zip, city, country, phone, email, has CVR?, GLN?, tags
_PARTNERS: tuple[tuple[str, bool, str, str, str, str, str, str, bool, bool, list[str] | None], ...] = (
    ("Bøgh & Søn ApS", True, "Industrivej 14", "8600", "Silkeborg", "Danmark",
     "+45 86 81 22 40", "bogholderi@boegh-soen.example", True, False, ["Nøglekunde"]),
    ('Tømrermester "Hurtig" Hansen', True, "Vestergade 3", "8660", "Skanderborg", "Danmark",
     "+45 21 43 65 87", "hurtig@hansen-toemrer.example", True, False, []),
    ("Familien Østergaard", True, "Lærkevej 27", "8464", "Galten", "Danmark",
     "+45 40 12 34 56", "oestergaard@privat.example", False, False, ["Privat"]),
    ("Søndergaard Ejendomme A/S", True, "Åboulevarden 41, 2. th.", "8000", "Aarhus C", "Danmark",
     "+45 87 30 11 00", "faktura@soendergaard-ejendomme.example", True, False, ["Nøglekunde", "Ejendom"]),
    ("Holm & Ålund Arkitekter ApS", True, "Frederiks Allé 102", "8000", "Aarhus C", "Danmark",
     "+45 86 13 57 91", "post@holm-aalund.example", True, False, None),
    ("Skovby Kommune, Teknik og Miljø", True, "Rådhustorvet 1", "8680", "Ry", "Danmark",
     "+45 87 94 70 00", "teknik@skovby-kommune.example", True, True, ["Offentlig"]),
    ("Ejerforeningen Kærgården", True, "Kærgårdsvej 2-10", "8362", "Hørning", "Danmark",
     "+45 30 22 44 66", "formand@kaergaarden.example", True, False, None),
    ("Åse Kjærgård", True, "Bakkedraget 9", "8653", "Them", "Danmark",
     "+45 51 23 45 67", "aase.kjaergaard@privat.example", False, False, ["Privat"]),
    ("Müller Holzbau GmbH", True, "Hafenstraße 12", "24937", "Flensburg", "Tyskland",
     "+49 461 123456", "info@mueller-holzbau.example", False, False, ["EU"]),
    ("Åbenrå Trælast A/S", False, "Savværksvej 5", "6200", "Aabenraa", "Danmark",
     "+45 74 62 10 00", "ordre@aabenraa-traelast.example", True, False, []),
    ("Værktøjsgrossisten K/S", False, "Smedevej 22", "7100", "Vejle", "Danmark",
     "+45 75 82 33 00", "salg@vaerktoejsgrossisten.example", True, False, None),
    ("Nordisk Skrue & Beslag ApS", False, "Havnegade 8", "5000", "Odense C", "Danmark",
     "+45 66 11 22 33", "ordre@nordisk-skrue.example", True, False, None),
    ("Holz-Handel Süd GmbH", False, "Sägewerkstraße 4", "79098", "Freiburg", "Tyskland",
     "+49 761 987654", "rechnung@holzhandel-sued.example", False, False, ["EU"]),
    ("Kløvermark Revision I/S", False, "Torvet 2, 1. sal", "8660", "Skanderborg", "Danmark",
     "+45 86 52 00 11", "revision@kloevermark.example", True, False, None),
    ("Ejendomsselskabet Møllebakken ApS", False, "Møllebakken 1", "8660", "Skanderborg", "Danmark",
     "+45 86 52 99 88", "udlejning@moellebakken.example", True, False, None),
)

# What each supplier sells us: (expense account, description stem)
_SUPPLIER_SPEND = {
    "Åbenrå Trælast A/S": (1310, "Trælast og plader"),
    "Værktøjsgrossisten K/S": (3020, "Værktøj og reservedele"),
    "Nordisk Skrue & Beslag ApS": (1310, "Skruer og beslag"),
    "Kløvermark Revision I/S": (2840, "Bogføringsassistance"),
    "Ejendomsselskabet Møllebakken ApS": (2750, "Husleje værksted"),
}

# Cash purchases paid by card: merchant, expense account, what
_CASH_SPEND = (
    ("Tankstation Ringvej", 3010, "Brændstof firmabil"),
    ("Byggemarkedet Stilling", 2860, "Småanskaffelser byggemarked"),
    ("Kontorland Skanderborg", 2810, "Kontorartikler"),
    ("Café Møllen", 2420, "Frokostmøde med kunde"),
    ("Teleselskabet Tæt På", 2820, "Mobilabonnement"),
)

# article number, description, group, unit, cost, price
_ARTICLES = (
    ("TIM", "Timeløn tømrer/snedker", "Arbejdsløn", "timer", "260.00", "525.00"),
    ("LÆR", "Timeløn lærling", "Arbejdsløn", "timer", "120.00", "295.00"),
    ("KØR", "Kørsel pr. km", "Kørsel", "km", "1.90", "3.51"),
    ("SPÆR-45195", "Spær C24 45x195 mm, pr. lbm", "Materialer", "lbm", "38.50", "62.00"),
    ("GIPS-13", "Gipsplade 13 mm 900x2400", "Materialer", "stk", "71.20", "119.00"),
    ("SKRUE-560", "Træskruer 5x60 mm (pk. à 200)", "Materialer", "pk", "64.00", "109.95"),
)


@dataclass
class _World:
    """Everything generated, table by table, before it is written."""

    rng: random.Random
    posts: int
    tables: dict[str, list[Row]] = field(default_factory=dict)
    files: dict[int, tuple[str, bytes]] = field(default_factory=dict)  # document id -> (guid/name, bytes)
    accounts: dict[int, Row] = field(default_factory=dict)
    vats: dict[str, Row] = field(default_factory=dict)
    periods: dict[int, Row] = field(default_factory=dict)
    departments: list[Row] = field(default_factory=list)
    bearers: list[Row] = field(default_factory=list)
    customers: list[Row] = field(default_factory=list)
    suppliers: list[Row] = field(default_factory=list)
    articles: dict[str, Row] = field(default_factory=dict)
    vouchers: list[Row] = field(default_factory=list)
    voucher_kind: dict[int, str] = field(default_factory=dict)  # voucher id -> kind
    voucher_extra: dict[int, dict[str, Any]] = field(default_factory=dict)  # voucher number -> its data
    running: dict[int, Decimal] = field(default_factory=dict)  # account number -> running total
    partner_running: dict[int, Decimal] = field(default_factory=dict)  # partner id -> running total
    emails: dict[int, str] = field(default_factory=dict)  # partner id -> e-mail address
    order_count: int = 0

    def add(self, table: str, row: Row) -> Row:
        _check_keys(table, row)
        self.tables.setdefault(table, []).append(row)
        return row

    def partner(self, name: str) -> Row:
        return next(p for p in self.customers + self.suppliers if p["Address"]["Name"] == name)


def _company(w: _World) -> None:
    """FiscalSetupDto (the company), FiscalPeriodDto (2023, 2024), CurrencyDto, departments, bearers."""
    bank = w.accounts[5600]
    w.add("FiscalSetupDto", {
        "Id": _FISCAL_SETUP_ID, "Version": 57, "IsDeactivated": False,
        "FiscalSetupType": "FiscalSetupType_Company", "Color": "#2E6B4F", "OrgNumber": COMPANY_CVR,
        "Address": _COMPANY_ADDRESS,
        "DefaultSalesVatId": w.vats["U25"]["Id"], "DefaultPurchasingVatId": w.vats["I25"]["Id"],
        "DefaultEUVatGoodsId": w.vats["IEUV"]["Id"], "DefaultEUVatServicesId": w.vats["IEUY"]["Id"],
        "CurrencyAbbreviation": "DKK", "PaymentLedgerTagId": bank["Id"], "PaymentLedgerTagNumber": 5600,
        "Culture": "da-DK", "Phone": "+45 86 52 12 34", "Email": "bogholderi@moellegaarden-toemrer.example",
        "Website": "https://moellegaarden-toemrer.example", "RegisteredForVat": True, "HasArchive": True,
        "DefaultSalesVatAbbreviation": "U25", "DefaultPurchasingVatAbbreviation": "I25",
        "DefaultEUVatGoodsAbbreviation": "IEUV", "DefaultEUVatServicesAbbreviation": "IEUY",
        "PaymentLedgerTagDescription": "Bank", "CurrencyDescription": "Dansk krone",
        "CultureDisplayName": "dansk (Danmark)", "AgreementNumber": "X-187514",
        "IsXenaSubscriptionActive": True, "ResourceId": _RESPONSIBLE[0],
        "CreatedAt": "2019-08-14T09:12:44.5310000Z",
    })
    ids = _Ids(w.rng, 2_587_001_200)
    for year in _YEARS:
        start, end = date(year, 1, 1), date(year, 12, 31)
        closed = year < _YEARS[-1]
        locked = date(year + 1, 5, 28) if closed else None
        w.periods[year] = w.add("FiscalPeriodDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(year - 1, 12, 18)),
            "Id": ids(), "Version": 3 if closed else 1, "IsDeactivated": False,
            "FiscalPeriodStartDays": _days(start), "FiscalPeriodEndDays": _days(end),
            "LockedAtDays": _days(locked) if locked else None, "Description": f"Regnskabsår {year}",
            "IsClosed": closed, "IsDirty": False,
            "FiscalPeriodStartDaysFriendly": _friendly(start), "FiscalPeriodEndDaysFriendly": _friendly(end),
            "LockedAtDaysFriendly": _friendly(locked) if locked else None,
        })
    w.add("CurrencyDto", {"CurrencyEnglishName": "Danish Krone", "ISOCurrencySymbol": "DKK",
                          "CurrencySymbol": "kr.", "CurrencyDisplayName": "Dansk krone"})
    w.add("CurrencyDto", {"CurrencyEnglishName": "Euro", "ISOCurrencySymbol": "EUR",
                          "CurrencySymbol": "€", "CurrencyDisplayName": "Euro"})
    ids = _Ids(w.rng, 51_200_300)
    for name in ("Tømrerafdeling", "Snedkerværksted", "Administration"):
        w.departments.append(w.add("DepartmentDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(2019, 8, 15)),
            "Id": ids(), "Version": 1, "IsDeactivated": False, "Description": name}))
    for name in ("Nybyg", "Renovering"):
        w.bearers.append(w.add("Bearer", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(2019, 8, 15)),
            "Id": ids(), "Version": 1, "IsDeactivated": False, "Description": name}))


def _vat_codes(w: _World) -> None:
    """VatDto: the VAT codes."""
    ids = _Ids(w.rng, 88_410_020)
    for code, text, pct, vtype, translated, account in _VATS:
        w.vats[code] = w.add("VatDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(2019, 8, 14)),
            "Id": ids(), "Version": 1, "IsDeactivated": code == "U0", "Abbreviation": code,
            "Description": text, "Percentage": Decimal(pct), "VatType": vtype, "VatTypeTranslated": translated,
            "LedgerAccount": account, "ShortDescription": code, "LongDescription": text,
        })
    for code, contra in (("IEUV", "I25"), ("IEUY", "I25")):
        w.vats[code].update(ContraVatId=w.vats[contra]["Id"], ContraVatAbbreviation=contra,
                            ContraVatDescription=w.vats[contra]["Description"])


def _chart_of_accounts(w: _World) -> None:
    """LedgerTagDto: the chart of accounts (ids between 2^31 and 2^32)."""
    ids = _Ids(w.rng, 2_210_000_100, 40)
    for number, name, kind, vat in _CHART:
        code, translated = _ACCOUNT_TYPES[kind]
        settlement = kind == "cash"
        w.accounts[number] = w.add("LedgerTagDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(2019, 8, 14)),
            "Id": ids(), "Version": 1, "IsDeactivated": False, "LedgerAccount": code,
            "LedgerTagType": "LedgerTagType_Settlement" if settlement else "LedgerTagType_Default",
            "LedgerAccountTranslated": translated,
            "LedgerTagTypeTranslated": "Afstemningskonto" if settlement else "Standard",
            "Description": name, "Number": number,
            "DefaultVatId": w.vats[vat]["Id"] if vat else None,
            "DefaultDeductionPercentage": _deduction(number) if vat and vat.startswith("I") else None,
            "DefaultVatAbbreviation": vat, "DefaultCurrencyAbbreviation": "DKK",
            "DefaultCurrencyDescription": "Dansk krone",
            "ShortDescription": f"{number} {name}",
        })


def _partners(w: _World) -> None:
    """PartnerDto: customers (1001...) and suppliers (5001...)."""
    ids = _Ids(w.rng, 3_800_001_000, 9)
    for name, is_customer, street, zip_code, city, country, phone, email, has_cvr, has_gln, tags in _PARTNERS:
        group = w.customers if is_customer else w.suppliers
        number = (1001 if is_customer else 5001) + len(group)
        partner_id = ids()
        group.append(w.add("PartnerDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "Id": partner_id,
            "CreatedAt": _stamp(w.rng, date(2020, 1, 6) + timedelta(w.rng.randrange(900))),
            "Version": w.rng.randint(1, 6), "IsDeactivated": False, "AccountNumber": number,
            "Address": {"Name": name, "Street": street, "Zip": zip_code, "City": city, "CountryName": country,
                        "CountryDisplayName": country},
            "Attention": "Bogholderiet" if has_cvr else None,
            "PartnerType": "ContextType_Customer" if is_customer else "ContextType_Supplier",
            "PartnerTypeTranslated": "Kunde" if is_customer else "Leverandør",
            "PhoneNumber": phone,
            "GLNNumber": _gln(w.rng) if has_gln else None,
            "OrgNumber": _cvr(w.rng) if has_cvr else None,
            "CustomerId": partner_id + 1 if is_customer else None,
            "SupplierId": partner_id + 2 if not is_customer else None,
            "ShortDescription": f"{number} {name}", "Tags": tags,
            "Note": "Ring før levering; nøgle i postkassen" if name == "Familien Østergaard" else None,
        }))
        w.emails[partner_id] = email  # PartnerDto has no e-mail field; used on orders and invoices


def _articles(w: _World) -> None:
    """ArticleGroupDto and ArticleDto: what the company invoices."""
    ids = _Ids(w.rng, 61_300_500)
    groups: dict[str, Row] = {}
    for name, turnover in (("Materialer", 1010), ("Arbejdsløn", 1020), ("Kørsel", 1020)):
        groups[name] = w.add("ArticleGroupDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(2019, 8, 20)),
            "Id": ids(), "Version": 1, "IsDeactivated": False, "Description": name,
            "EUType": "EUType_Goods" if name == "Materialer" else "EUType_Services",
            "EUTypeTranslated": "Varer" if name == "Materialer" else "Ydelser",
            "NettTurnoverAccount": turnover, "NettTurnoverVatFreeAccount": 1030 if name == "Materialer" else 1040,
            "ProductPurchaseAccount": 1310, "ProductPurchaseVatFreeAccount": 1320,
            "StockAccount": 5110 if name == "Materialer" else None,
            "StatusMode": "StatusMode_None", "StatusModeTranslated": "Ingen",
            "DefaultInventoryManagement": False,
        })
    for number, text, group, unit, cost, price in _ARTICLES:
        w.articles[number] = w.add("ArticleDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, date(2019, 8, 21)),
            "Id": ids(), "Version": w.rng.randint(1, 4), "IsDeactivated": False, "ArticleNumber": number,
            "PurchasingSetup": {"DefaultQuantity": Decimal("1.00")},
            "Description": text, "SalesSetup": {"DefaultQuantity": Decimal("1.00")},
            "GroupId": groups[group]["Id"], "HasInventoryManagement": False, "HasVariants": False,
            "ArticleGroupDescription": group, "SalesUnitAbbreviation": unit, "PurchasingUnitAbbreviation": unit,
            "PurchasePrice": Decimal(cost), "PurchaseCurrencyAbbreviation": "DKK",
            "SalesPrice": Decimal(price), "SalesCurrencyAbbreviation": "DKK",
            "AdvancedSalesPrices": False, "AdvancedPurchasePrices": False, "IsBundle": False,
            "DescriptionFriendly": f"{number} - {text}",
        })


# --------------------------------------------------------------------------------------------
# Vouchers and ledger posts
# --------------------------------------------------------------------------------------------


@dataclass
class _Line:
    """One ledger post of a voucher before it gets its ids."""

    account: int
    amount: Decimal
    vat: str | None = None
    vat_amount: Decimal = Decimal("0.00")
    partner: Row | None = None
    currency: tuple[str, Decimal] | None = None  # (abbreviation, amount in that currency)
    text: str | None = None


# kind -> number of ledger posts
_KIND_POSTS = {
    "customer_payment": 2, "supplier_payment": 2, "bank_fee": 2,
    "purchase": 3, "cash_purchase": 3, "sale": 3, "credit_note": 3,
    "payroll": 4,
    "order_invoice": 3, "asset": 3, "eu_purchase": 4, "einvoice_purchase": 3,
}
_RANDOM_KINDS = {  # kind -> weight
    "customer_payment": 14, "supplier_payment": 10, "bank_fee": 3, "purchase": 16, "cash_purchase": 14,
    "sale": 14, "credit_note": 2, "payroll": 5,
}
_SPECIAL_KINDS = ("order_invoice",) * 4 + ("asset", "eu_purchase", "einvoice_purchase")
_EUR_RATE = Decimal("7.4553")


def _voucher_plan(w: _World) -> list[str]:
    """The voucher kinds, in date order, whose posts add up to exactly ``w.posts``."""
    plan = list(_SPECIAL_KINDS)
    remaining = w.posts - sum(_KIND_POSTS[k] for k in plan)
    while remaining:
        fitting = [(k, wt) for k, wt in _RANDOM_KINDS.items()
                   if _KIND_POSTS[k] <= remaining and remaining - _KIND_POSTS[k] != 1]
        kind = w.rng.choices([k for k, _ in fitting], [wt for _, wt in fitting])[0]
        plan.append(kind)
        remaining -= _KIND_POSTS[kind]
    w.rng.shuffle(plan)
    return plan


def _voucher_dates(w: _World, count: int) -> list[date]:
    """Sorted posting dates: the first half in 2023, the rest in 2024."""
    first = count // 2
    out = []
    for year, n in ((2023, first), (2024, count - first)):
        start = date(year, 1, 2)
        out += sorted(start + timedelta(w.rng.randrange(363)) for _ in range(n))
    return out


def _lines_for(w: _World, kind: str, day: date, number: int) -> tuple[str, list[_Line]]:
    """The description and ledger lines of one voucher; each voucher's lines sum to zero."""
    rng = w.rng
    if kind == "sale":
        customer = rng.choice(w.customers[:8])
        net = _amount(rng, 800, 60_000)
        vat = _vat(net)
        text = f"Faktura {customer['Address']['Name']}"
        return text, [_Line(5410, net + vat, partner=customer), _Line(rng.choice((1010, 1020)), -net, "U25", -vat),
                      _Line(6800, -vat)]
    if kind == "credit_note":
        customer = rng.choice(w.customers[:8])
        net = _amount(rng, 200, 5_000)
        vat = _vat(net)
        return f"Kreditnota {customer['Address']['Name']}", [
            _Line(5410, -(net + vat), partner=customer), _Line(1010, net, "U25", vat), _Line(6800, vat)]
    if kind == "purchase":
        supplier = rng.choice([s for s in w.suppliers if s["Address"]["Name"] in _SUPPLIER_SPEND])
        account, stem = _SUPPLIER_SPEND[supplier["Address"]["Name"]]
        net = _amount(rng, 300, 45_000)
        vat = _vat(net)
        return f"{stem}, {supplier['Address']['Name']}", [
            _Line(account, net, "I25", vat), _Line(6810, vat), _Line(6410, -(net + vat), partner=supplier)]
    if kind == "cash_purchase":
        merchant, account, stem = rng.choice(_CASH_SPEND)
        gross = _amount(rng, 60, 2_500)
        vat = _round(gross / 5)
        net = gross - vat
        w.voucher_extra.setdefault(number, {})["merchant"] = merchant
        return f"{stem}, {merchant}", [_Line(account, net, "I25", vat), _Line(6810, vat), _Line(5600, -gross)]
    if kind == "customer_payment":
        customer = rng.choice(w.customers[:8])
        amount = _amount(rng, 1_000, 75_000)
        return f"Indbetaling {customer['Address']['Name']}", [
            _Line(5600, amount), _Line(5410, -amount, partner=customer)]
    if kind == "supplier_payment":
        supplier = rng.choice(w.suppliers)
        amount = _amount(rng, 500, 50_000)
        return f"Betaling {supplier['Address']['Name']}", [
            _Line(6410, amount, partner=supplier), _Line(5600, -amount)]
    if kind == "bank_fee":
        fee = _cents(rng.choice((2500, 4900, 12500, 37550)))
        return "Bankgebyrer og renter", [_Line(4120, fee), _Line(5600, -fee)]
    if kind == "payroll":
        gross = _amount(rng, 90_000, 160_000)
        atp = _cents(rng.choice((28440, 37920, 47400)))
        tax = _round(gross * Decimal("0.38"))
        return f"Lønkørsel {day.strftime('%m/%Y')}", [
            _Line(2210, gross), _Line(2220, atp), _Line(6500, -tax), _Line(5600, -(gross + atp - tax))]
    if kind == "asset":
        net = _amount(rng, 1_050_000, 1_400_000)
        vat = _vat(net)
        text = "Køb af CNC-fræser; inkl. montering\nLevering på værkstedet, finansieret af banklån"
        return text, [_Line(5010, net, "I25", vat), _Line(6810, vat),
                      _Line(6310, -(net + vat), text="Banklån CNC-fræser")]
    if kind == "eu_purchase":
        supplier = w.partner("Holz-Handel Süd GmbH")
        eur = _amount(rng, 4_000, 12_000)
        net = _round(eur * _EUR_RATE)
        vat = _vat(net)
        invoice_no = f"RE-{day.year}-{rng.randrange(1000, 9999)}"
        w.voucher_extra.setdefault(number, {}).update(eur=eur, invoice_no=invoice_no)
        return "=SUM(A1:A2)", [
            _Line(1320, net, "IEUV", vat, currency=("EUR", eur), text="=SUM(A1:A2) Eichenholz, EU-køb"),
            _Line(6810, vat), _Line(6820, -vat),
            _Line(6410, -net, partner=supplier, currency=("EUR", -eur))]
    if kind == "einvoice_purchase":
        supplier = w.partner("Åbenrå Trælast A/S")
        items = [("Konstruktionstræ C24 45x195 mm", "MTR", Decimal(rng.randrange(60, 240)), Decimal("58.75")),
                 ("Krydsfiner 18 mm 1220x2440", "EA", Decimal(rng.randrange(4, 20)), Decimal("489.00")),
                 ("Fragt", "EA", Decimal(1), Decimal("650.00"))]
        net = sum((_round(q * p) for _, _, q, p in items), Decimal("0.00"))
        vat = _vat(net)
        w.voucher_extra.setdefault(number, {}).update(items=items, invoice_no=str(88_000 + rng.randrange(1000)))
        return "Trælast, Åbenrå Trælast A/S (OIOUBL)", [
            _Line(1310, net, "I25", vat), _Line(6810, vat), _Line(6410, -(net + vat), partner=supplier)]
    if kind == "order_invoice":
        return _order_invoice(w, day, number)
    raise ValueError(kind)


def _order_invoice(w: _World, day: date, number: int) -> tuple[str, list[_Line]]:
    """An order with lines, invoiced on ``day``: OrderDto/OrderLineDto rows and the voucher's lines."""
    rng = w.rng
    index = w.order_count
    w.order_count += 1
    customer = w.customers[(0, 3, 5, 1)[index % 4]]
    wanted = [("TIM", rng.randrange(8, 80)), ("KØR", rng.randrange(20, 240))]
    extras = rng.sample(["SPÆR-45195", "GIPS-13", "SKRUE-560", "LÆR"], index % 3)
    wanted += [(a, rng.randrange(2, 60)) for a in extras]
    lines = []
    for article_no, qty in wanted:
        article = w.articles[article_no]
        half_hour = article_no in ("TIM", "LÆR") and rng.random() < 0.5
        quantity = Decimal(qty) + Decimal("0.50" if half_hour else "0.00")
        price, cost = article["SalesPrice"], article["PurchasePrice"]
        lines.append((article, quantity, price, cost, _round(quantity * price), _round(quantity * cost)))
    net = sum((line[4] for line in lines), Decimal("0.00"))
    vat = _vat(net)
    invoice_no = 1001 + index
    w.voucher_extra.setdefault(number, {}).update(
        order_index=index, invoice_no=invoice_no, customer=customer, order_lines=lines, net=net, vat=vat,
        pages=(1, 1, 2, 3)[index % 4])
    return f"Faktura {invoice_no} {customer['Address']['Name']}", [
        _Line(5410, net + vat, partner=customer), _Line(1020, -net, "U25", -vat), _Line(6800, -vat)]


def _vouchers(w: _World) -> None:
    """VoucherDto and LedgerPostDto: ``w.posts`` posts in vouchers of 2-4 that each sum to 0."""
    plan = _voucher_plan(w)
    dates = _voucher_dates(w, len(plan))
    avg_gap = 3
    voucher_ids = _Ids(w.rng, 2**32 - len(plan) * avg_gap // 2)
    post_ids = _Ids(w.rng, 2**32 - w.posts * avg_gap // 2)
    transaction_ids = _Ids(w.rng, 7_100_000_000, 11)
    partner_post_ids = _Ids(w.rng, 9_120_000_000, 17)
    for number, (kind, day) in enumerate(zip(plan, dates, strict=True), start=1):
        text, lines = _lines_for(w, kind, day, number)
        assert sum(line.amount for line in lines) == 0, (kind, lines)
        voucher_id, transaction_id = voucher_ids(), transaction_ids()
        created = _stamp(w.rng, day + timedelta(w.rng.randrange(4)))
        registered = day + timedelta(w.rng.randrange(6))
        w.voucher_kind[voucher_id] = kind
        w.voucher_extra.setdefault(number, {})["transaction_id"] = transaction_id
        w.voucher_extra[number]["voucher_id"] = voucher_id
        w.voucher_extra[number]["lines"] = lines
        w.vouchers.append(w.add("VoucherDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": created, "Id": voucher_id, "Version": 1,
            "FiscalPeriodId": w.periods[day.year]["Id"], "VoucherNumber": number, "Description": text,
            "ResponsibleId": _RESPONSIBLE[0], "ResponsibleName": _RESPONSIBLE[1],
            "FiscalDateDays": _days(day), "FiscalDateDaysFriendly": _friendly(day),
            "DebetAmount": sum((x.amount for x in lines if x.amount > 0), Decimal("0.00")),
            "CreditAmount": -sum((x.amount for x in lines if x.amount < 0), Decimal("0.00")),
            "DocumentRelationCount": 0,
        }))
        for line in lines:
            _ledger_post(w, line, post_ids(), voucher_id, number, transaction_id, day, registered, created, text)
            if line.partner is not None:
                _partner_post(w, kind, line, partner_post_ids(), voucher_id, number, transaction_id, day, created)


def _ledger_post(w: _World, line: _Line, post_id: int, voucher_id: int, number: int, transaction_id: int,
                 day: date, registered: date, created: str, text: str) -> None:
    """One LedgerPostDto row (with the account's running total)."""
    account = w.accounts[line.account]
    w.running[line.account] = w.running.get(line.account, Decimal("0.00")) + line.amount
    vat = w.vats[line.vat] if line.vat else None
    profit_and_loss = line.account < 5000
    department = w.departments[number % 3] if profit_and_loss else None
    bearer = w.bearers[number % 2] if profit_and_loss and line.account < 2000 else None
    currency, currency_amount = line.currency or ("DKK", line.amount)
    partner = line.partner
    w.add("LedgerPostDto", {
        "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": created, "Id": post_id, "Version": 1,
        "Amount": line.amount, "EconomicTransactionId": transaction_id, "VoucherId": voucher_id,
        "VoucherNumber": number, "CurrencyAmount": currency_amount, "CurrencyAbbreviation": currency,
        "FiscalDateDays": _days(day), "FiscalDateDaysFriendly": _friendly(day),
        "RegistrationDateDays": _days(registered), "RegistrationDateDaysFriendly": _friendly(registered),
        "LedgerAccount": account["LedgerAccount"], "LedgerAccountTranslated": account["LedgerAccountTranslated"],
        "LedgerTagId": account["Id"], "LedgerTagNumber": line.account,
        "LedgerTagDescription": account["Description"],
        "Description": line.text or text, "VatAmount": line.vat_amount,
        "VatDeductionPercentage": _deduction(line.account) if line.vat and line.vat.startswith("I") else None,
        "VatId": vat["Id"] if vat else None, "VatAbbreviation": line.vat,
        "VatDescription": vat["Description"] if vat else None,
        "DepartmentDescription": department["Description"] if department else None,
        "BearerDescription": bearer["Description"] if bearer else None,
        "Dimensions": {"DepartmentId": department["Id"], "BearerId": bearer["Id"] if bearer else None}
        if department else None,
        "PartnerId": partner["Id"] if partner else None,
        "PartnerName": partner["Address"]["Name"] if partner else None,
        "PartnerAccountNumber": partner["AccountNumber"] if partner else None,
        "RunningTotal": w.running[line.account],
    })


_POST_TYPES = {
    "sale": ("PartnerPostType_CustomerInvoice", "Faktura"),
    "order_invoice": ("PartnerPostType_CustomerInvoice", "Faktura"),
    "credit_note": ("PartnerPostType_CustomerCreditNote", "Kreditnota"),
    "customer_payment": ("PartnerPostType_CustomerPayment", "Indbetaling"),
    "purchase": ("PartnerPostType_SupplierInvoice", "Faktura"),
    "eu_purchase": ("PartnerPostType_SupplierInvoice", "Faktura"),
    "einvoice_purchase": ("PartnerPostType_SupplierInvoice", "Faktura"),
    "supplier_payment": ("PartnerPostType_SupplierPayment", "Betaling"),
}


def _partner_post(w: _World, kind: str, line: _Line, post_id: int, voucher_id: int, number: int,
                  transaction_id: int, day: date, created: str) -> None:
    """One PartnerPostDto row (the open-item ledger of customers and suppliers)."""
    partner = line.partner
    assert partner is not None
    post_type, translated = _POST_TYPES[kind]
    is_invoice = post_type.endswith(("Invoice", "CreditNote"))
    due = day + timedelta(30 if partner["PartnerType"] == "ContextType_Customer" else 14) if is_invoice else day
    # Invoices of the last quarter are still open; earlier ones were settled.
    remaining = line.amount if is_invoice and day >= date(_YEARS[-1], 10, 1) else Decimal("0.00")
    running = w.partner_running.get(partner["Id"], Decimal("0.00")) + line.amount
    w.partner_running[partner["Id"]] = running
    extra = w.voucher_extra.get(number, {})
    currency, currency_amount = line.currency or ("DKK", line.amount)
    w.add("PartnerPostDto", {
        "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": created, "Id": post_id,
        "Version": 1,
        "SupplierInvoiceNumber": (str(extra["invoice_no"])
                                  if kind.endswith("purchase") and "invoice_no" in extra else None),
        "RunningTotal": running, "Amount": line.amount,
        "SettledAmount": line.amount - remaining if is_invoice and remaining == 0 else None,
        "RemainingAmount": remaining, "CurrencyAbbreviation": currency, "CurrencyAmount": currency_amount,
        "DueDateDays": _days(due), "FiscalDateDays": _days(day), "PartnerId": partner["Id"],
        "PartnerAccountNumber": partner["AccountNumber"], "PartnerName": partner["Address"]["Name"],
        "PostType": post_type, "VoucherId": voucher_id, "VoucherNumber": number,
        "EconomicTransactionId": transaction_id,
        "LedgerLineId": w.tables["LedgerPostDto"][-1]["Id"], "DueDateDaysFriendly": _friendly(due),
        "PostTypeTranslated": translated,
        "PaymentIdentification": f"+71<{w.rng.randrange(10**14):015d}+85123456<"
        if kind == "purchase" and w.rng.random() < 0.4 else None,
    })


# --------------------------------------------------------------------------------------------
# Orders (the company's own invoices)
# --------------------------------------------------------------------------------------------


def _totals(price: Decimal, cost: Decimal, vat: Decimal) -> Row:
    """A TotalsDto for a line or an order."""
    margin = price - cost
    ratio = _round(margin / price, "0.0001") if price else Decimal("0.0000")
    return {"PriceNettTotal": price, "CostTotal": cost, "DiscountTotalRatio": Decimal("0.0000"),
            "DiscountTotalPct": Decimal("0.00"), "DiscountTotal": Decimal("0.00"), "MarginTotal": margin,
            "MarginTotalRatio": ratio, "MarginTotalPct": _round(ratio * 100), "VatEstTotal": vat}


def _orders(w: _World) -> None:
    """OrderDto, OrderLineDto and OrderJournalEntryDto for every order invoice voucher."""
    ids = _Ids(w.rng, 5_400_200_000, 7)
    for voucher in w.vouchers:
        extra = w.voucher_extra[voucher["VoucherNumber"]]
        if "order_lines" not in extra:
            continue
        day = _EPOCH + timedelta(voucher["FiscalDateDays"])
        ordered = day - timedelta(w.rng.randrange(5, 40))
        customer = extra["customer"]
        order_id, task_id = ids(), ids()
        cost = sum((line[5] for line in extra["order_lines"]), Decimal("0.00"))
        extra["order_id"] = order_id
        w.add("OrderDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, ordered), "Id": order_id,
            "Version": w.rng.randint(3, 9), "IsDeactivated": False, "PartnerId": customer["Id"],
            "OurReference": _RESPONSIBLE[1], "YourReference": "Byggeleder" if extra["order_index"] % 2 else None,
            "ContextType": "ContextType_Customer", "Address": customer["Address"],
            "DeliveryAddress": {"Name": customer["Address"]["Name"], "Street": "Byggepladsen, Skovvej 8",
                                "Zip": "8660", "City": "Skanderborg", "CountryName": "Danmark"}
            if extra["order_index"] in (1, 2) else None,
            "OrderNumber": 2001 + extra["order_index"], "DateDays": _days(ordered), "DeliveryDateDays": _days(day),
            "CurrencyAbbreviation": "DKK", "InvoiceReportLayoutName": "Faktura standard",
            "GLNNumber": customer["GLNNumber"],
            "TermsOfPayment": {"Offset": 30, "DueType": "DueType_NetDays", "Description": "Netto 30 dage"},
            "Culture": "da-DK", "ResponsibleId": _RESPONSIBLE[0], "ResponsibleName": _RESPONSIBLE[1],
            "PartnerAccountNumber": customer["AccountNumber"], "PartnerName": customer["Address"]["Name"],
            "PartnerPhoneNumber": customer["PhoneNumber"], "InvoiceEmail": w.emails[customer["Id"]],
            "PartnerType": customer["PartnerType"],
            "Summary": {"Totals": _totals(extra["net"], cost, extra["vat"]),
                        "NotInvoicedTotals": _totals(Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
                        "IsFullyInvoiced": True, "IsFullyDelivered": True, "IsFullyConfirmed": True,
                        "CanOffer": False, "CanDeliver": False, "CanInvoice": False, "CanPay": False,
                        "CanConfirm": False},
            "OrderInvoiceNumbers": [extra["invoice_no"]], "IsHeaderReadOnly": True,
            "OrderStatusName": "Faktureret", "OrderStatusColor": "#3C8D40", "CultureDisplayName": "dansk (Danmark)",
            "LastInvoicedDateDays": _days(day), "DepartmentId": w.departments[0]["Id"],
            "DepartmentDescription": w.departments[0]["Description"],
        })
        for index, (article, quantity, price, unit_cost, total, total_cost) in enumerate(extra["order_lines"], 1):
            w.add("OrderLineDto", {
                "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": _stamp(w.rng, ordered), "Id": ids(), "Version": 2,
                "IsDeactivated": False, "OrderTaskId": task_id, "OrderId": order_id, "Index": index,
                "ArticleId": article["Id"], "InvoiceDateDays": _days(day), "CostEach": unit_cost,
                "Description": article["Description"], "PriceEach": price, "Quantity": quantity,
                "UnitAbbreviation": article["SalesUnitAbbreviation"], "ArticleNumber": article["ArticleNumber"],
                "Totals": _totals(total, total_cost, _vat(total)), "ArticleGroupId": article["GroupId"],
                "ArticleGroupDescription": article["ArticleGroupDescription"],
                "ArticleHasInventoryManagement": False,
                "ArticleHasVariants": False, "ArticleIsBundle": False, "IsConfirmed": True, "IsDelivered": True,
                "ArticleIsDeactivated": False, "EstimatedCostTotal": total_cost, "HasLinkedLines": False,
                "ArticleAbbreviation": article["ArticleNumber"],
            })
        extra["journal"] = w.add("OrderJournalEntryDto", {
            "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": voucher["CreatedAt"], "Id": ids(), "Version": 1,
            "OrderId": order_id, "Description": f"Faktura {extra['invoice_no']}", "EntryType": "OrderJournalEntry",
            "OrderInvoiceTransactionId": ids(), "TransactionId": extra["transaction_id"],
            "VoucherNumber": voucher["VoucherNumber"], "ResponsibleId": _RESPONSIBLE[0],
            "ResponsibleName": _RESPONSIBLE[1],
        })


# --------------------------------------------------------------------------------------------
# Documents: generated invoice PDFs, receipts as images, an OIOUBL e-invoice, a mislabelled file
# --------------------------------------------------------------------------------------------


def _pdf(pages: Sequence[Sequence[tuple[float, float, float, bool, str]]], title: str, author: str,
         day: date) -> bytes:
    """A text PDF: Helvetica (not embedded, WinAnsiEncoding); each item is (x, y, size, bold, text)."""
    pdf = pikepdf.Pdf.new()
    fonts = {
        name: pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name(base),
            Encoding=pikepdf.Name.WinAnsiEncoding))
        for name, base in (("F1", "/Helvetica"), ("F2", "/Helvetica-Bold"))
    }
    for items in pages:
        ops = [b"0.6 w 50 60 m 545 60 l S"]
        for x, y, size, bold, text in items:
            raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"BT /%s %g Tf %g %g Td (%s) Tj ET" % (b"F2" if bold else b"F1", size, x, y, raw))
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(**fonts))
        page.obj.Contents = pdf.make_stream(b"\n".join(ops))
    stamp = f"D:{day.strftime('%Y%m%d')}093000+01'00'"
    pdf.docinfo[pikepdf.Name.Title] = title
    pdf.docinfo[pikepdf.Name.Author] = author
    pdf.docinfo[pikepdf.Name.Creator] = "Xena"
    pdf.docinfo[pikepdf.Name.CreationDate] = stamp
    pdf.docinfo[pikepdf.Name.ModDate] = stamp
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def _invoice_pdf(w: _World, voucher: Row, extra: dict[str, Any]) -> bytes:
    """The invoice Xena generated for an order: 1-3 pages (page 2-3: the time sheet)."""
    day = _EPOCH + timedelta(voucher["FiscalDateDays"])
    customer = extra["customer"]
    address = customer["Address"]
    due = day + timedelta(30)
    pages = extra["pages"]
    first: list[tuple[float, float, float, bool, str]] = [
        (50, 790, 16, True, COMPANY_NAME),
        (50, 772, 9, False, f"{_COMPANY_ADDRESS['Street']}, {_COMPANY_ADDRESS['Zip']} {_COMPANY_ADDRESS['City']}"),
        (50, 760, 9, False, f"CVR-nr. {COMPANY_CVR}  ·  Tlf. +45 86 52 12 34"),
        (50, 700, 10, False, address["Name"]),
        (50, 686, 10, False, address["Street"]),
        (50, 672, 10, False, f"{address['Zip']} {address['City']}"),
        (380, 700, 20, True, "FAKTURA"),
        (380, 680, 10, False, f"Fakturanr.: {extra['invoice_no']}"),
        (380, 666, 10, False, f"Fakturadato: {_friendly(day)}"),
        (380, 652, 10, False, f"Kundenr.: {customer['AccountNumber']}"),
        (380, 638, 10, False, f"Ordrenr.: {2001 + extra['order_index']}"),
        (50, 590, 9, True, "Varenr."), (120, 590, 9, True, "Beskrivelse"), (330, 590, 9, True, "Antal"),
        (380, 590, 9, True, "Enhed"), (430, 590, 9, True, "Pris"), (490, 590, 9, True, "Beløb"),
    ]
    y = 572
    for article, quantity, price, _, total, _ in extra["order_lines"]:
        first += [(50, y, 9, False, article["ArticleNumber"]), (120, y, 9, False, article["Description"]),
                  (330, y, 9, False, _dk(quantity)), (380, y, 9, False, article["SalesUnitAbbreviation"]),
                  (430, y, 9, False, _dk(price)), (490, y, 9, False, _dk(total))]
        y -= 16
    y -= 20
    first += [(380, y, 10, False, "Subtotal"), (490, y, 10, False, _dk(extra["net"])),
              (380, y - 16, 10, False, "Moms 25 %"), (490, y - 16, 10, False, _dk(extra["vat"])),
              (380, y - 34, 11, True, "I alt DKK"), (490, y - 34, 11, True, _dk(extra["net"] + extra["vat"])),
              (50, 140, 9, False, f"Betalingsbetingelser: Netto 30 dage – forfald {_friendly(due)}."),
              (50, 126, 9, False, f"Betaling til {_BANK}. Angiv fakturanr. ved betaling."),
              (50, 112, 9, False, "Tak for handlen! Spørgsmål: bogholderi@moellegaarden-toemrer.example"),
              (50, 45, 8, False, f"Side 1 af {pages}")]
    all_pages = [first]
    for page in range(2, pages + 1):
        items: list[tuple[float, float, float, bool, str]] = [
            (50, 790, 14, True, f"Timeseddel til faktura {extra['invoice_no']} (side {page - 1})"),
            (50, 760, 9, True, "Dato"), (130, 760, 9, True, "Medarbejder"), (260, 760, 9, True, "Timer"),
            (320, 760, 9, True, "Udført arbejde")]
        y = 742
        first_day = day - timedelta(36 * (pages - 1) + 3)
        work = ("Opsætning af spær", "Montering af gipsvægge", "Udskiftning af råddent træværk",
                "Isolering af loft", "Oprydning og bortkørsel", "Tilpasning af døre og karme")
        for row in range(36):
            when = first_day + timedelta(36 * (page - 2) + row)
            hours = Decimal(w.rng.choice((4, 6, 7, 8)))
            items += [(50, y, 9, False, _friendly(when)), (130, y, 9, False, ("Søren", "Bjørn", "Åge")[row % 3]),
                      (260, y, 9, False, _dk(hours)), (320, y, 9, False, w.rng.choice(work))]
            y -= 18
        items.append((50, 45, 8, False, f"Side {page} af {pages}"))
        all_pages.append(items)
    return _pdf(all_pages, f"Faktura {extra['invoice_no']}", COMPANY_NAME, day)


def _supplier_pdf(voucher: Row, extra: dict[str, Any]) -> bytes:
    """A German supplier's invoice (EU purchase in EUR), one page."""
    day = _EPOCH + timedelta(voucher["FiscalDateDays"])
    eur = extra["eur"]
    items = [
        (50, 790, 16, True, "Holz-Handel Süd GmbH"),
        (50, 772, 9, False, "Sägewerkstraße 4 · 79098 Freiburg · USt-IdNr. DE298765431"),
        (50, 700, 10, False, COMPANY_NAME), (50, 686, 10, False, _COMPANY_ADDRESS["Street"]),
        (50, 672, 10, False, "8660 Skanderborg, Dänemark"),
        (380, 700, 18, True, "RECHNUNG"), (380, 680, 10, False, f"Nr. {extra['invoice_no']}"),
        (380, 666, 10, False, f"Datum: {day.strftime('%d.%m.%Y')}"),
        (50, 600, 10, False, "Eichenholz, luftgetrocknet, 52 mm – Lieferung frei Haus"),
        (490, 600, 10, False, f"{_dk(eur)} €"),
        (380, 560, 11, True, "Summe EUR"), (490, 560, 11, True, f"{_dk(eur)} €"),
        (50, 520, 9, False, "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG)."),
        (50, 506, 9, False, "Steuerschuldnerschaft des Leistungsempfängers / reverse charge."),
        (50, 45, 8, False, "Seite 1 von 1"),
    ]
    return _pdf([items], f"Rechnung {extra['invoice_no']}", "Holz-Handel Süd GmbH", day)


def _oioubl(voucher: Row, extra: dict[str, Any], supplier: Row) -> bytes:
    """An OIOUBL 2.02 invoice (UBL 2.0 Invoice) from Åbenrå Trælast A/S to the company."""
    day = _EPOCH + timedelta(voucher["FiscalDateDays"])
    items = extra["items"]
    net = sum((_round(q * p) for _, _, q, p in items), Decimal("0.00"))
    vat = _vat(net)

    def party(tag: str, name: str, street: str, zip_code: str, city: str, cvr: str) -> str:
        return (f"  <cac:{tag}>\n    <cac:Party>\n"
                f'      <cbc:EndpointID schemeAgencyID="320" schemeID="DK:CVR">DK{cvr}</cbc:EndpointID>\n'
                f"      <cac:PartyName><cbc:Name>{escape(name)}</cbc:Name></cac:PartyName>\n"
                f"      <cac:PostalAddress>\n        <cbc:StreetName>{escape(street)}</cbc:StreetName>\n"
                f"        <cbc:CityName>{escape(city)}</cbc:CityName>\n"
                f"        <cbc:PostalZone>{zip_code}</cbc:PostalZone>\n"
                f"        <cac:Country><cbc:IdentificationCode>DK</cbc:IdentificationCode></cac:Country>\n"
                f"      </cac:PostalAddress>\n"
                f'      <cac:PartyLegalEntity><cbc:RegistrationName>{escape(name)}</cbc:RegistrationName>'
                f'<cbc:CompanyID schemeID="DK:CVR">DK{cvr}</cbc:CompanyID></cac:PartyLegalEntity>\n'
                f"    </cac:Party>\n  </cac:{tag}>\n")

    lines = []
    for n, (text, unit, quantity, price) in enumerate(items, 1):
        amount = _round(quantity * price)
        lines.append(
            f"  <cac:InvoiceLine>\n    <cbc:ID>{n}</cbc:ID>\n"
            f'    <cbc:InvoicedQuantity unitCode="{unit}">{quantity}</cbc:InvoicedQuantity>\n'
            f'    <cbc:LineExtensionAmount currencyID="DKK">{amount}</cbc:LineExtensionAmount>\n'
            f"    <cac:TaxTotal>\n"
            f'      <cbc:TaxAmount currencyID="DKK">{_vat(amount)}</cbc:TaxAmount>\n'
            f"    </cac:TaxTotal>\n"
            f"    <cac:Item>\n      <cbc:Description>{escape(text)}</cbc:Description>\n"
            f"      <cbc:Name>{escape(text)}</cbc:Name>\n    </cac:Item>\n"
            f'    <cac:Price><cbc:PriceAmount currencyID="DKK">{price}</cbc:PriceAmount>'
            f'<cbc:BaseQuantity unitCode="{unit}">1</cbc:BaseQuantity></cac:Price>\n'
            f"  </cac:InvoiceLine>\n")
    address = supplier["Address"]
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'
        ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        "  <cbc:UBLVersionID>2.0</cbc:UBLVersionID>\n"
        "  <cbc:CustomizationID>OIOUBL-2.02</cbc:CustomizationID>\n"
        '  <cbc:ProfileID schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1.2">'
        "Procurement-BilSim-1.0</cbc:ProfileID>\n"
        f"  <cbc:ID>{extra['invoice_no']}</cbc:ID>\n"
        f"  <cbc:IssueDate>{day.isoformat()}</cbc:IssueDate>\n"
        '  <cbc:InvoiceTypeCode listAgencyID="320" listID="urn:oioubl:codelist:invoicetypecode-1.1">380'
        "</cbc:InvoiceTypeCode>\n"
        "  <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>\n"
        + party("AccountingSupplierParty", address["Name"], address["Street"], address["Zip"], address["City"],
                supplier["OrgNumber"])
        + party("AccountingCustomerParty", COMPANY_NAME, _COMPANY_ADDRESS["Street"], _COMPANY_ADDRESS["Zip"],
                _COMPANY_ADDRESS["City"], COMPANY_CVR)
        + "  <cac:PaymentMeans>\n    <cbc:PaymentMeansCode>31</cbc:PaymentMeansCode>\n"
        f"    <cbc:PaymentDueDate>{(day + timedelta(14)).isoformat()}</cbc:PaymentDueDate>\n"
        "  </cac:PaymentMeans>\n"
        "  <cac:TaxTotal>\n"
        f'    <cbc:TaxAmount currencyID="DKK">{vat}</cbc:TaxAmount>\n'
        "    <cac:TaxSubtotal>\n"
        f'      <cbc:TaxableAmount currencyID="DKK">{net}</cbc:TaxableAmount>\n'
        f'      <cbc:TaxAmount currencyID="DKK">{vat}</cbc:TaxAmount>\n'
        "      <cac:TaxCategory>\n"
        '        <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.1">StandardRated</cbc:ID>\n'
        "        <cbc:Percent>25</cbc:Percent>\n"
        '        <cac:TaxScheme><cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.1">63'
        "</cbc:ID><cbc:Name>Moms</cbc:Name></cac:TaxScheme>\n"
        "      </cac:TaxCategory>\n    </cac:TaxSubtotal>\n  </cac:TaxTotal>\n"
        "  <cac:LegalMonetaryTotal>\n"
        f'    <cbc:LineExtensionAmount currencyID="DKK">{net}</cbc:LineExtensionAmount>\n'
        f'    <cbc:TaxExclusiveAmount currencyID="DKK">{vat}</cbc:TaxExclusiveAmount>\n'
        f'    <cbc:TaxInclusiveAmount currencyID="DKK">{net + vat}</cbc:TaxInclusiveAmount>\n'
        f'    <cbc:PayableAmount currencyID="DKK">{net + vat}</cbc:PayableAmount>\n'
        "  </cac:LegalMonetaryTotal>\n"
        + "".join(lines)
        + "</Invoice>\n"
    )
    return text.encode("utf-8")


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA", "ü": "ue"})


def _receipt(title: str, lines: Sequence[str], size: tuple[int, int] = (300, 460),
             background: str = "#d9d4c7") -> Image.Image:
    """A photographed till receipt: paper on a table, printed in ASCII (as receipt printers often are)."""
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((18, 12, width - 18, height - 12), fill="#fbfaf6", outline="#b7b2a6")
    font, big = ImageFont.load_default(size=13), ImageFont.load_default(size=17)
    draw.text((30, 24), title.translate(_ASCII).upper(), font=big, fill="#111")
    for n, line in enumerate(lines):
        draw.text((30, 56 + 19 * n), line.translate(_ASCII), font=font, fill="#222")
    return image


def _receipt_for(voucher: Row, extra: dict[str, Any], **options: Any) -> Image.Image:
    """A receipt showing a voucher's total and VAT."""
    day = _EPOCH + timedelta(voucher["FiscalDateDays"])
    vat = sum((x.amount for x in extra["lines"] if x.account == 6810), Decimal("0.00"))
    title = extra.get("merchant") or voucher["Description"].split(",")[-1].strip()
    lines = [
        f"Dato {_friendly(day)}  kl. 10:{voucher['VoucherNumber'] % 60:02d}",
        f"Bon nr. {1000 + voucher['VoucherNumber']}",
        "",
        voucher["Description"].split(",")[0].split("\n")[0][:34],
        "",
        f"I ALT DKK {_dk(voucher['DebetAmount']):>14}",
        f"Heraf moms {_dk(vat):>13}",
        "",
        "Betalt med Dankort",
        "Tak for besoeget!",
    ]
    return _receipt(title, lines, **options)


def _image_bytes(image: Image.Image, fmt: str, **options: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


@dataclass
class _Doc:
    """One document before it gets its ids: the file, its voucher and its other relations."""

    voucher: Row
    name: str
    content_type: str
    folder: str
    description: str
    data: bytes
    relations: list[tuple[str, int, str | None]] = field(default_factory=list)  # (Type, RelationId, Account)


def _partner_relation(partner: Row) -> tuple[str, int, str | None]:
    return ("Partner", partner["Id"], str(partner["AccountNumber"]))


def _document_files(w: _World) -> list[_Doc]:
    """The 14 documents, each attached to a fitting voucher (any voucher when the sample is tiny)."""
    rng = w.rng
    used: set[int] = set()

    def pick(*kinds: str) -> tuple[Row, dict[str, Any]]:
        """A voucher of one of ``kinds`` not yet carrying a document, and its generation data."""
        pools = ([v for v in w.vouchers if w.voucher_kind[v["Id"]] in kinds and v["Id"] not in used],
                 [v for v in w.vouchers if v["Id"] not in used], w.vouchers)
        voucher = rng.choice(next(pool for pool in pools if pool))
        used.add(voucher["Id"])
        return voucher, w.voucher_extra[voucher["VoucherNumber"]]

    docs = []
    # 1-4: the invoices Xena generated for the orders (1, 1, 2 and 3 pages)
    for voucher in w.vouchers:
        extra = w.voucher_extra[voucher["VoucherNumber"]]
        if "order_lines" in extra:
            used.add(voucher["Id"])
            customer, number = extra["customer"], extra["invoice_no"]
            docs.append(_Doc(voucher, f"Faktura-{number}.pdf", "application/pdf", "Salgsfakturaer",
                             f"Faktura {number} til {customer['Address']['Name']}", _invoice_pdf(w, voucher, extra),
                             [("Order", extra["order_id"], None), _partner_relation(customer)]))
    # 5: the OIOUBL e-invoice, 6: a German supplier's PDF
    voucher, extra = pick("einvoice_purchase")
    supplier = w.partner("Åbenrå Trælast A/S")
    docs.append(_Doc(voucher, f"OIOUBL_Faktura_{extra['invoice_no']}.xml", "application/xml", "E-fakturaer",
                     f"E-faktura {extra['invoice_no']} fra Åbenrå Trælast A/S", _oioubl(voucher, extra, supplier),
                     [_partner_relation(supplier)]))
    voucher, extra = pick("eu_purchase")
    docs.append(_Doc(voucher, f"Rechnung {extra['invoice_no']} Holz-Handel Süd.pdf", "application/pdf", "Bilag",
                     f"Rechnung {extra['invoice_no']}", _supplier_pdf(voucher, extra),
                     [_partner_relation(w.partner("Holz-Handel Süd GmbH"))]))
    # 7-9: receipts photographed as JPEG: plain, with EXIF orientation 6, progressive ("pjpeg")
    voucher, extra = pick("cash_purchase")
    data = _image_bytes(_receipt_for(voucher, extra), "JPEG", quality=80)
    docs.append(_Doc(voucher, "Kvittering tank.jpg", "image/jpeg", "Bilag", "Kvittering", data))
    voucher, extra = pick("cash_purchase")
    image = _receipt_for(voucher, extra, size=(330, 500), background="#8a8f96")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to display; the pixels are stored turned left
    data = _image_bytes(image.transpose(Image.Transpose.ROTATE_90), "JPEG", quality=78, exif=exif.tobytes())
    docs.append(_Doc(voucher, "IMG_4127.JPG", "image/jpeg", "Bilag", "Foto af kvittering", data))
    voucher, extra = pick("cash_purchase")
    data = _image_bytes(_receipt_for(voucher, extra, size=(280, 440)), "JPEG", quality=75, progressive=True)
    docs.append(_Doc(voucher, "bonbilag_byggemarked.jpeg", "image/pjpeg", "Bilag", "Bon fra byggemarked", data))
    # 10: a screenshot PNG with alpha (transparent corners, a translucent stamp)
    voucher, extra = pick("purchase")
    image = _receipt_for(voucher, extra, size=(360, 420)).convert("RGBA")
    corners = Image.new("L", image.size, 0)
    ImageDraw.Draw(corners).rounded_rectangle((0, 0, image.width - 1, image.height - 1), radius=28, fill=255)
    image.putalpha(corners)
    stamp = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(stamp).text((150, 330), "BETALT", font=ImageFont.load_default(size=36), fill=(200, 30, 30, 140))
    data = _image_bytes(Image.alpha_composite(image, stamp), "PNG")
    docs.append(_Doc(voucher, "Skærmbillede faktura.png", "image/png", "Bilag", "Skærmbillede af netbank", data))
    # 11: a GIF
    voucher, extra = pick("cash_purchase", "purchase")
    image = _receipt_for(voucher, extra, size=(260, 400), background="#ffffff")
    data = _image_bytes(image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16), "GIF")
    docs.append(_Doc(voucher, "Kvittering_webshop.gif", "image/gif", "Bilag", "Ordrebekræftelse webshop", data))
    # 12: a grey BMP scan
    voucher, extra = pick("asset")
    image = _receipt("Købsaftale CNC-fræser", [f"Bilag {voucher['VoucherNumber']}", "",
                                               "Underskrevet af begge parter."], size=(300, 400), background="#f0f0f0")
    data = _image_bytes(image.convert("L"), "BMP")
    docs.append(_Doc(voucher, "scanner_0007.bmp", "image/bmp", "Bilag", "Scannet købsaftale", data))
    # 13: a three-page TIFF (a faxed bank statement)
    voucher, extra = pick("bank_fee", "payroll", "customer_payment")
    printed = _friendly(_EPOCH + timedelta(voucher["FiscalDateDays"]))
    pages = []
    for n in (1, 2, 3):
        lines = [f"Konto {_BANK[-10:]}", f"Udskrevet {printed}", ""] + [
            f"{rng.randrange(1, 29):02d}-{rng.randrange(1, 13):02d}  Overfoersel  {_dk(_amount(rng, 100, 20_000)):>12}"
            for _ in range(12)
        ]
        page = _receipt(f"Kontoudtog side {n} af 3", lines, size=(320, 420), background="#ffffff")
        pages.append(page.convert("L"))
    data = _image_bytes(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    docs.append(_Doc(voucher, "Kontoudtog_fax.tif", "image/tiff", "Bilag", "Kontoudtog modtaget pr. fax", data))
    # 14: a PNG uploaded under a .pdf name and content type
    voucher, extra = pick("cash_purchase", "purchase")
    data = _image_bytes(_receipt_for(voucher, extra, size=(280, 420)), "PNG")
    docs.append(_Doc(voucher, "Kvittering_byggemarked.pdf", "application/pdf", "Bilag", "Kvittering", data))
    return docs


def _documents(w: _World) -> None:
    """DocumentDto and DocumentRelationDto rows for the documents, and the links back to them."""
    doc_ids, relation_ids = _Ids(w.rng, 6_700_000_000, 13), _Ids(w.rng, 6_900_000_000, 3)
    images = ("jpg", "jpeg", "pjpeg", "png", "gif", "bmp")  # Xena.Contracts' FileTypeHelper
    for doc in _document_files(w):
        doc_id = doc_ids()
        guid = str(uuid.UUID(int=w.rng.getrandbits(128), version=4))
        extension = doc.name.rsplit(".", 1)[-1].lower()
        inline = extension in (*images, "pdf")
        created = _stamp(w.rng, _EPOCH + timedelta(doc.voucher["FiscalDateDays"]))
        w.files[doc_id] = (f"{guid}/{doc.name}", doc.data)
        w.add("DocumentDto", {
            "Id": doc_id, "Version": 1, "IsDeactivated": False, "Description": doc.description,
            "LastFileName": doc.name, "LastContentLength": len(doc.data), "LastCreated": created,
            "LastVersionId": doc_id + 1, "LastContentType": doc.content_type,
            "LastNote": "Uploadet fra Xena-appen" if doc.name == "IMG_4127.JPG" else None,
            "LastFileFolder": doc.folder, "LastFileId": guid, "HasPreview": inline or None, "IsInline": inline,
            "IsImage": extension in images, "IsInlinePdf": extension == "pdf",
        })
        for kind, relation_id, account in [("Voucher", doc.voucher["Id"], None), *doc.relations]:
            w.add("DocumentRelationDto", {
                "FiscalSetupId": _FISCAL_SETUP_ID, "CreatedAt": created, "Id": relation_ids(),
                "Description": f"Bilag {doc.voucher['VoucherNumber']}" if kind == "Voucher" else doc.description,
                "Type": kind, "DocumentId": doc_id, "RelationId": relation_id, "Account": account,
            })
        doc.voucher["DocumentRelationCount"] += 1
        doc.voucher.setdefault("FirstDocumentId", doc_id)
        if doc.folder == "Salgsfakturaer":
            w.voucher_extra[doc.voucher["VoucherNumber"]]["journal"]["DocumentId"] = doc_id


# --------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------


def _build(posts: int, seed: int) -> _World:
    """Generate every table and document (independent of the layout)."""
    w = _World(random.Random(seed), posts)
    _vat_codes(w)
    _chart_of_accounts(w)
    _company(w)
    _partners(w)
    _articles(w)
    _vouchers(w)
    _orders(w)
    _documents(w)
    for name in _EMPTY_TABLES:
        w.tables.setdefault(name, [])
    return w


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def write_sample_backup(path: Path, layout: SampleLayout = SampleLayout(), *, posts: int = 400,
                        seed: int = 1) -> SampleFacts:
    """Write a Xena backup zip to ``path`` and return what it holds.

    ``posts`` is the number of LedgerPostDto rows (at least :data:`MIN_POSTS`); ``seed`` picks
    the amounts, dates and ids. The same arguments give the same bytes.
    """
    if posts < MIN_POSTS:
        raise ValueError(f"posts must be at least {MIN_POSTS}, not {posts}")
    w = _build(posts, seed)
    entries: dict[str, bytes] = {}
    for name, rows in w.tables.items():
        entries.update(table_entries(name, rows, layout))
    documents: dict[str, str] = {}
    if layout.documents:
        documents_prefix = f"{layout.documents_folder}/" if layout.documents_folder else ""
        for relative, data in w.files.values():
            entries[documents_prefix + relative] = data
            documents[documents_prefix + relative] = hashlib.sha256(data).hexdigest()
    names = tuple(sorted(entries))
    with zipfile.ZipFile(Path(path), "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in names:
            archive.writestr(_zip_info(name), entries[name])
    return SampleFacts(
        company_name=COMPANY_NAME,
        cvr=COMPANY_CVR,
        tables={name: len(rows) for name, rows in sorted(w.tables.items())},
        amounts={row["Id"]: _plain(row["Amount"], "decimal") for row in w.tables["LedgerPostDto"]},
        documents=dict(sorted(documents.items())),
        fiscal_years=list(_YEARS),
        entries=names,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python tools/sample_backup.py out.zip``: write a sample backup and print a summary."""
    parser = argparse.ArgumentParser(prog="python tools/sample_backup.py",
                                     description="Write a deterministic sample Xena 'Lokal kopi' backup zip.")
    parser.add_argument("out", type=Path, help="the zip to write")
    parser.add_argument("--posts", type=int, default=400, help=f"ledger posts (at least {MIN_POSTS}; default 400)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--formats", default="csv,xml", help="csv, xml or csv,xml (default)")
    parser.add_argument("--delimiter", default=";", choices=[";", ",", "tab"], help="CSV delimiter")
    parser.add_argument("--encoding", default="utf-8-sig", choices=["utf-8-sig", "utf-8", "cp1252"])
    parser.add_argument("--decimal-point", action="store_true", help="CSV decimals with a point, not a comma")
    parser.add_argument("--nested", default=".", choices=[".", "_", ""], help="CSV header joiner of nested fields")
    parser.add_argument("--bools", default="True,False", help="CSV spelling of true,false (default True,False)")
    parser.add_argument("--tables-folder", default="Data")
    parser.add_argument("--documents-folder", default="Dokumenter")
    parser.add_argument("--no-documents", action="store_true", help="leave the document files out")
    args = parser.parse_args(argv)
    true, _, false = args.bools.partition(",")
    try:
        layout = SampleLayout(
            tables_folder=args.tables_folder, documents_folder=args.documents_folder,
            formats=tuple(f.strip() for f in args.formats.split(",") if f.strip()),
            delimiter="\t" if args.delimiter == "tab" else args.delimiter, encoding=args.encoding,
            decimal_comma=not args.decimal_point, nested=args.nested, bools=(true, false),
            documents=not args.no_documents,
        )
        facts = write_sample_backup(args.out, layout, posts=args.posts, seed=args.seed)
    except ValueError as error:
        parser.error(str(error))
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    years = ", ".join(map(str, facts.fiscal_years))
    print(f"{args.out}: {facts.company_name} (CVR {facts.cvr}), fiscal years {years}")
    print(f"  {len(facts.entries)} entries, {args.out.stat().st_size:,} bytes, sha256 {digest}")
    print(f"  {len(facts.tables)} tables, {sum(facts.tables.values()):,} rows:")
    for name, count in facts.tables.items():
        print(f"    {name:<24} {count:>6}")
    print(f"  {len(facts.documents)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
