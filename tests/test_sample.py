"""The sample backup generator: deterministic, balanced, and readable back in every layout."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pikepdf
import pytest
from PIL import Image

import sample_backup as sample
from xena2archive import catalogue
from sample_backup import MIN_POSTS, SampleFacts, SampleLayout, write_sample_backup
from helpers import missing

NS = "{http://schemas.datacontract.org/2004/07/Xena.Contracts}"
NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
UBL = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
POSTS = 120
DEFAULT = SampleLayout()


# ---------------------------------------------------------------------------------------------
# helpers: read the written tables back with the standard library only
# ---------------------------------------------------------------------------------------------


def read_csv(archive: zipfile.ZipFile, name: str, layout: SampleLayout) -> list[dict[str, str]]:
    text = archive.read(name).decode(layout.encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=layout.delimiter))


def read_xml(archive: zipfile.ZipFile, name: str) -> tuple[ET.Element, list[dict[str, object]]]:
    """The root and its rows; a field is its text, None for i:nil, or the element when it has children."""
    root = ET.fromstring(archive.read(name))
    rows = []
    for element in root:
        row: dict[str, object] = {}
        for child in element:
            key = child.tag.removeprefix(NS)
            if child.get(NIL) == "true":
                row[key] = None
            elif len(child):
                row[key] = child
            else:
                row[key] = child.text or ""
        rows.append(row)
    return root, rows


def number(text: str, layout: SampleLayout) -> Decimal:
    return Decimal(text.replace(",", ".") if layout.decimal_comma else text)


def write(tmp_path: Path, layout: SampleLayout = DEFAULT, posts: int = POSTS, seed: int = 1,
          name: str = "backup.zip") -> tuple[Path, SampleFacts]:
    path = tmp_path / name
    return path, write_sample_backup(path, layout, posts=posts, seed=seed)


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleFacts]:
    """The default sample (400 posts), written once for the module."""
    path = tmp_path_factory.mktemp("default") / "xena.zip"
    return path, write_sample_backup(path)


# ---------------------------------------------------------------------------------------------
# determinism
# ---------------------------------------------------------------------------------------------


def test_same_arguments_give_identical_bytes(tmp_path: Path, default: tuple[Path, SampleFacts]) -> None:
    again, facts = write(tmp_path, posts=400)
    assert again.read_bytes() == default[0].read_bytes()
    assert facts == default[1]


def test_seed_changes_content_and_layout_does_not(tmp_path: Path) -> None:
    a, facts_a = write(tmp_path, name="a.zip")
    b, facts_b = write(tmp_path, seed=2, name="b.zip")
    _c, facts_c = write(tmp_path, SampleLayout(formats=("xml",), encoding="cp1252"), name="c.zip")
    assert a.read_bytes() != b.read_bytes()
    assert facts_a.amounts != facts_b.amounts
    assert facts_a.amounts == facts_c.amounts and facts_a.tables == facts_c.tables


def test_zip_entries_are_sorted_with_fixed_dates(default: tuple[Path, SampleFacts]) -> None:
    path, facts = default
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names) == list(facts.entries)
    assert {info.date_time for info in infos} == {(2025, 1, 31, 12, 0, 0)}
    assert not any(name.endswith("/") for name in names)


# ---------------------------------------------------------------------------------------------
# the books
# ---------------------------------------------------------------------------------------------


def test_default_sample_facts(default: tuple[Path, SampleFacts]) -> None:
    _, facts = default
    assert facts.company_name == "Møllegårdens Tømrer & Snedker ApS"
    assert facts.cvr == "41728396"
    assert facts.fiscal_years == [2023, 2024]
    assert facts.tables["LedgerPostDto"] == len(facts.amounts) == 400
    assert 30 <= facts.tables["LedgerTagDto"] <= 45
    assert facts.tables["PartnerDto"] == 15
    assert facts.tables["DocumentDto"] == len(facts.documents) == 14
    assert [t for t, n in facts.tables.items() if n == 0]  # some header-only tables
    amounts = [Decimal(a) for a in facts.amounts.values()]
    assert any(a > 1_000_000 for a in amounts) and any(a < -1_000_000 for a in amounts)
    texts = facts.amounts.values()
    assert all(a == a.quantize(Decimal("0.01")) and str(a) == t for a, t in zip(amounts, texts, strict=True))
    assert any(i > 2**32 for i in facts.amounts) and any(i < 2**32 for i in facts.amounts)


def test_each_voucher_sums_to_zero_in_csv_and_xml(default: tuple[Path, SampleFacts]) -> None:
    path, facts = default
    layout = SampleLayout()
    with zipfile.ZipFile(path) as archive:
        csv_posts = read_csv(archive, "Data/LedgerPostDto.csv", layout)
        _, xml_posts = read_xml(archive, "Data/LedgerPostDto.xml")
        vouchers = read_csv(archive, "Data/VoucherDto.csv", layout)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    for row in csv_posts:
        sums[row["VoucherId"]] += number(row["Amount"], layout)
        counts[row["VoucherId"]] += 1
        assert facts.amounts[int(row["Id"])] == row["Amount"].replace(",", ".")
    assert set(sums.values()) == {Decimal("0")}
    assert set(counts.values()) <= {2, 3, 4}
    assert set(sums) == {v["Id"] for v in vouchers}
    xml_sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in xml_posts:
        xml_sums[str(row["VoucherId"])] += Decimal(str(row["Amount"]))
        assert facts.amounts[int(str(row["Id"]))] == row["Amount"]
    assert set(xml_sums.values()) == {Decimal("0")} and len(xml_posts) == len(csv_posts)
    for voucher in vouchers:
        assert number(voucher["DebetAmount"], layout) == number(voucher["CreditAmount"], layout) > 0


def test_dates_and_stamps(default: tuple[Path, SampleFacts]) -> None:
    path, _ = default
    with zipfile.ZipFile(path) as archive:
        posts = read_csv(archive, "Data/LedgerPostDto.csv", SampleLayout())
    from datetime import date, timedelta

    years = set()
    for row in posts:
        day = date(1970, 1, 1) + timedelta(int(row["FiscalDateDays"]))
        assert row["FiscalDateDaysFriendly"] == day.strftime("%d-%m-%Y")
        years.add(day.year)
        stamp = row["CreatedAt"]
        assert len(stamp) == 28 and stamp[10] == "T" and stamp[19] == "." and stamp.endswith("Z")
    assert years == {2023, 2024}


def test_tricky_strings_survive_csv_quoting(default: tuple[Path, SampleFacts]) -> None:
    path, _ = default
    with zipfile.ZipFile(path) as archive:
        posts = read_csv(archive, "Data/LedgerPostDto.csv", SampleLayout())
        partners = read_csv(archive, "Data/PartnerDto.csv", SampleLayout())
        raw = archive.read("Data/PartnerDto.csv")
    descriptions = {row["Description"] for row in posts}
    assert any(d.startswith("=SUM(A1:A2)") for d in descriptions)
    assert any(";" in d and "\n" in d for d in descriptions)
    names = {row["Address.Name"] for row in partners}
    assert 'Tømrermester "Hurtig" Hansen' in names and "Åbenrå Trælast A/S" in names
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw


def test_every_table_parses_with_as_many_rows_in_csv_and_xml(default: tuple[Path, SampleFacts]) -> None:
    path, facts = default
    with zipfile.ZipFile(path) as archive:
        for table, count in facts.tables.items():
            _, xml_rows = read_xml(archive, f"Data/{table}.xml")
            csv_rows = read_csv(archive, f"Data/{table}.csv", SampleLayout())
            assert len(xml_rows) == len(csv_rows) == count, table
            fields = [f.name for f in sample._fields(table)]
            assert all(list(row) == fields for row in xml_rows), table


def test_xml_shape(default: tuple[Path, SampleFacts]) -> None:
    path, _ = default
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("Data/PartnerDto.xml")
        root, partners = read_xml(archive, "Data/PartnerDto.xml")
        bearer_root, _ = read_xml(archive, "Data/Bearer.xml")
        empty_root, empty = read_xml(archive, "Data/ProjectDto.xml")
        _, orders = read_xml(archive, "Data/OrderDto.xml")
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert root.tag == f"{NS}ArrayOfPartnerDto" and bearer_root.tag == f"{NS}ArrayOfBearerDto"
    assert empty_root.tag == f"{NS}ArrayOfProjectDto" and empty == []
    address = partners[0]["Address"]
    assert isinstance(address, ET.Element) and address[0].tag == f"{NS}AddressDto"
    assert address[0].find(f"{NS}Name").text == "Bøgh & Søn ApS"
    assert any(p["Tags"] is None for p in partners)
    tags = [p["Tags"] for p in partners if isinstance(p["Tags"], ET.Element)]
    assert tags and all(t.tag == f"{NS}string" for tag in tags for t in tag)
    assert all(p["IsDeactivated"] in ("true", "false") for p in partners)
    summary = orders[0]["Summary"]
    assert isinstance(summary, ET.Element)
    assert summary.find(f"{NS}OrderSummaryDto/{NS}Totals/{NS}TotalsDto/{NS}PriceNettTotal") is not None


def test_columns_follow_the_catalogue(default: tuple[Path, SampleFacts]) -> None:
    path, facts = default
    with zipfile.ZipFile(path) as archive:
        for table in facts.tables:
            text = archive.read(f"Data/{table}.csv").decode("utf-8-sig")
            header = next(csv.reader(io.StringIO(text), delimiter=";"), None)
            expected = [h for h, _, _ in sample._csv_columns(table, ".")]
            assert header == expected, table
            if facts.tables[table] == 0:
                assert text.count("\r\n") == 1


def xena_contracts() -> Path | None:
    """Xena's published contracts, ``shared/xena-dtos.json``: CI lays ``shared/`` beside the
    checkout; a git worktree may sit a level deeper, so every folder above the checkout is tried."""
    checkout = Path(__file__).resolve().parents[1]
    return next((p / "shared" / "xena-dtos.json" for p in checkout.parents
                 if (p / "shared" / "xena-dtos.json").is_file()), None)


def test_the_catalogues_contracts_are_xenas_published_ones() -> None:
    """The sample takes its columns, types and nullability from the catalogue (schemas/); those are
    Xena's published contracts, field by field, for every table and nested object."""
    contracts = xena_contracts()
    if contracts is None:
        message = "shared/xena-dtos.json (Xena's contracts) is not beside the checkout or above it"
        missing(message, f"{message}; CI lays shared/ beside the checkout")
    dtos = json.loads(contracts.read_text(encoding="utf-8"))["dtos"]
    kept = catalogue.contracts()
    assert set(catalogue.load()) - {catalogue.ARCHIVE_DOCUMENTS} <= set(kept)  # every Xena table has its contract
    for dto in kept:
        ours = [(f.name, f.type, f.nullable) for f in sample._fields(dto)]
        assert ours == [(f["name"], f["type"], f["nullable"]) for f in dtos[dto]["fields"]], dto


def test_references_between_tables(default: tuple[Path, SampleFacts]) -> None:
    path, _ = default
    layout = SampleLayout()
    with zipfile.ZipFile(path) as archive:
        t = {name: read_csv(archive, f"Data/{name}.csv", layout) for name in (
            "VoucherDto", "DocumentDto", "DocumentRelationDto", "OrderJournalEntryDto", "OrderDto",
            "LedgerPostDto", "LedgerTagDto", "PartnerDto", "PartnerPostDto", "FiscalSetupDto", "VatDto")}
    vouchers = {v["Id"]: v for v in t["VoucherDto"]}
    documents = {d["Id"] for d in t["DocumentDto"]}
    related = {r["DocumentId"] for r in t["DocumentRelationDto"]
               if r["Type"] == "Voucher" and r["RelationId"] in vouchers}
    assert related == documents
    first = {v["FirstDocumentId"] for v in vouchers.values() if v["FirstDocumentId"]}
    assert first and first <= documents
    assert {j["DocumentId"] for j in t["OrderJournalEntryDto"]} <= documents
    assert len(t["OrderJournalEntryDto"]) == len(t["OrderDto"]) >= 3
    tags = {a["Id"]: a for a in t["LedgerTagDto"]}
    assert {"1010", "2750", "5600", "6800"} <= {a["Number"] for a in tags.values()}
    assert all(a["LedgerAccount"].startswith("Xena_Domain_") for a in tags.values())
    for post in t["LedgerPostDto"]:
        assert tags[post["LedgerTagId"]]["Number"] == post["LedgerTagNumber"]
    partners = {p["Id"] for p in t["PartnerDto"]}
    assert {p["PartnerId"] for p in t["PartnerPostDto"]} <= partners
    assert t["FiscalSetupDto"][0]["OrgNumber"] == "41728396"
    assert {"I25", "U25"} <= {v["Abbreviation"] for v in t["VatDto"]}


# ---------------------------------------------------------------------------------------------
# layouts
# ---------------------------------------------------------------------------------------------


def test_layouts_produce_the_expected_entries(tmp_path: Path) -> None:
    _, both = write(tmp_path, name="both.zip")
    tables = list(both.tables)
    docs = [e for e in both.entries if e.startswith("Dokumenter/")]
    assert len(docs) == 14 and all(e.count("/") == 2 for e in docs)
    assert set(both.entries) == {f"Data/{t}.{x}" for t in tables for x in ("csv", "xml")} | set(docs)

    _, root = write(tmp_path, SampleLayout(tables_folder="", documents_folder=""), name="root.zip")
    assert {e for e in root.entries if e.count("/") == 0} == {f"{t}.{x}" for t in tables for x in ("csv", "xml")}
    assert {e for e in root.entries if e.count("/") == 1} == {e.removeprefix("Dokumenter/") for e in docs}

    _, xml_only = write(tmp_path, SampleLayout(formats=("xml",), documents=False), name="xml.zip")
    assert set(xml_only.entries) == {f"Data/{t}.xml" for t in tables} and xml_only.documents == {}

    _, csv_only = write(tmp_path, SampleLayout(formats=("csv",), tables_folder="Lokal kopi/Tabeller"), name="csv.zip")
    assert {e for e in csv_only.entries if not e.startswith("Dokumenter/")} == {
        f"Lokal kopi/Tabeller/{t}.csv" for t in tables}


def test_cp1252_comma_delimiter_decimal_comma(tmp_path: Path) -> None:
    layout = SampleLayout(encoding="cp1252", delimiter=",", decimal_comma=True, bools=("1", "0"))
    path, facts = write(tmp_path, layout)
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("Data/LedgerPostDto.csv")
        posts = read_csv(archive, "Data/LedgerPostDto.csv", layout)
        partners = read_csv(archive, "Data/PartnerDto.csv", layout)
        currencies = read_csv(archive, "Data/CurrencyDto.csv", layout)
    assert not raw.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError, match="can't decode byte"):
        raw.decode("utf-8")
    assert b'"-' in raw or b',"' in raw  # amounts with a decimal comma are quoted
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in posts:
        assert "," in row["Amount"] and "." not in row["Amount"]
        assert facts.amounts[int(row["Id"])] == row["Amount"].replace(",", ".")
        sums[row["VoucherId"]] += number(row["Amount"], layout)
    assert set(sums.values()) == {Decimal("0")}
    assert {p["IsDeactivated"] for p in partners} == {"0"}
    assert "Åbenrå Trælast A/S" in {p["Address.Name"] for p in partners}
    assert "€" in {c["CurrencySymbol"] for c in currencies}


@pytest.mark.parametrize(("nested", "header"), [(".", "Address.Name"), ("_", "Address_Name"), ("", "AddressName")])
def test_nested_headers_bools_and_decimal_point(tmp_path: Path, nested: str, header: str) -> None:
    layout = SampleLayout(nested=nested, delimiter="\t", encoding="utf-8", decimal_comma=False, bools=("Ja", "Nej"))
    path, _ = write(tmp_path, layout, posts=MIN_POSTS)
    with zipfile.ZipFile(path) as archive:
        partners = read_csv(archive, "Data/PartnerDto.csv", layout)
        orders = read_csv(archive, "Data/OrderDto.csv", layout)
        posts = read_csv(archive, "Data/LedgerPostDto.csv", layout)
    assert partners[0][header] == "Bøgh & Søn ApS"
    assert {p["IsDeactivated"] for p in partners} == {"Nej"}
    assert orders[0][nested.join(("Summary", "Totals", "PriceNettTotal"))]
    assert all("," not in p["Amount"] and "." in p["Amount"] for p in posts)
    assert len(posts) == MIN_POSTS


# ---------------------------------------------------------------------------------------------
# documents
# ---------------------------------------------------------------------------------------------


def test_documents_open_and_match_their_rows(default: tuple[Path, SampleFacts]) -> None:
    path, facts = default
    with zipfile.ZipFile(path) as archive:
        rows = read_csv(archive, "Data/DocumentDto.csv", SampleLayout())
        files = {name: archive.read(name) for name in facts.documents}
    assert {hashlib.sha256(data).hexdigest() for data in files.values()} == set(facts.documents.values())
    by_name = {}
    for row in rows:
        entry = f"Dokumenter/{row['LastFileId']}/{row['LastFileName']}"
        assert len(files[entry]) == int(row["LastContentLength"])
        by_name[row["LastFileName"]] = (row, files[entry])
    assert set(by_name) == {entry.rsplit("/", 1)[1] for entry in files}

    invoices = sorted(n for n in by_name if n.startswith("Faktura-"))
    pages = []
    for name in invoices + [n for n in by_name if n.startswith("Rechnung")]:
        with pikepdf.open(io.BytesIO(by_name[name][1])) as pdf:
            font = pdf.pages[0].Resources.Font.F1
            assert (font.BaseFont == "/Helvetica" and font.Encoding == "/WinAnsiEncoding"
                    and "/FontDescriptor" not in font)
            pages.append(len(pdf.pages))
    assert len(invoices) == 4 and sorted(pages[:4]) == [1, 1, 2, 3]

    formats = {}
    for name, (row, data) in by_name.items():
        if row["LastContentType"].startswith("image/") or name == "Kvittering_byggemarked.pdf":
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                formats[name] = (image.format, image.mode, getattr(image, "n_frames", 1), image.getexif().get(0x0112))
                assert max(image.size) <= 600
    assert {f for f, _, _, _ in formats.values()} == {"JPEG", "PNG", "GIF", "BMP", "TIFF"}
    assert next(v for v in formats.values() if v[0] == "TIFF")[2] == 3
    assert any(v[0] == "JPEG" and v[3] == 6 for v in formats.values())
    assert any(v[0] == "PNG" and v[1] == "RGBA" for v in formats.values())
    mislabelled, data = by_name["Kvittering_byggemarked.pdf"]
    assert mislabelled["LastContentType"] == "application/pdf" and data.startswith(b"\x89PNG")


def test_oioubl_invoice(default: tuple[Path, SampleFacts]) -> None:
    path, facts = default
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in facts.documents if n.endswith(".xml"))
        root = ET.fromstring(archive.read(name))
    assert root.tag == f"{UBL}Invoice"
    assert root.find(f"{CBC}ID").text and root.find(f"{CBC}IssueDate").text
    supplier = root.find(f"{CAC}AccountingSupplierParty/{CAC}Party/{CAC}PartyName/{CBC}Name").text
    customer = root.find(f"{CAC}AccountingCustomerParty/{CAC}Party/{CAC}PartyName/{CBC}Name").text
    assert (supplier, customer) == ("Åbenrå Trælast A/S", facts.company_name)
    lines = root.findall(f"{CAC}InvoiceLine")
    assert lines and all(Decimal(line.find(f"{CBC}InvoicedQuantity").text) > 0 for line in lines)
    net = sum(Decimal(line.find(f"{CBC}LineExtensionAmount").text) for line in lines)
    total = root.find(f"{CAC}LegalMonetaryTotal")
    tax = Decimal(root.find(f"{CAC}TaxTotal/{CBC}TaxAmount").text)
    assert Decimal(total.find(f"{CBC}LineExtensionAmount").text) == net
    assert Decimal(total.find(f"{CBC}PayableAmount").text) == net + tax


# ---------------------------------------------------------------------------------------------
# arguments and the command line
# ---------------------------------------------------------------------------------------------


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=f"posts must be at least {MIN_POSTS}, not {MIN_POSTS - 1}"):
        write_sample_backup(tmp_path / "x.zip", posts=MIN_POSTS - 1)
    for bad, message in (({"formats": ("json",)}, "formats must be"), ({"formats": ()}, "formats must be"),
                         ({"delimiter": "|"}, "delimiter must be"), ({"encoding": "latin-1"}, "encoding must be"),
                         ({"nested": "/"}, "nested must be"), ({"bools": ("1", "1")}, "bools must be two different"),
                         ({"tables_folder": "/abs"}, "folder must be relative")):
        with pytest.raises(ValueError, match=message):
            SampleLayout(**bad)  # type: ignore[arg-type]


def test_main_writes_the_default_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        default: tuple[Path, SampleFacts]) -> None:
    out = tmp_path / "demo.zip"
    assert sample.main([str(out)]) == 0
    assert out.read_bytes() == default[0].read_bytes()
    printed = capsys.readouterr().out
    assert "Møllegårdens Tømrer & Snedker ApS" in printed and "LedgerPostDto" in printed
