"""SAF-T Financial DK end to end: a backup with known figures -> CLI -> files read back independently.

The files are validated against the package's XSD with lxml, and every figure is added up again
here with the standard library's ElementTree (not the package's own reader).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from decimal import Decimal
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from lxml import etree
from saft_backup import (ACCOUNTS, BOTH, COMPANY, CUSTOMER, CVR, PRIMO_LEDGER, PRIMO_PARTNER, SUPPLIER, UNBALANCED,
                         VOUCHERS, tables)

from helpers import make_zip, missing, run_cli
from xena2archive.errors import ExitCode
from xena2archive.exports.saft import REFERENCE_XSD_SHA256, check
from xena2archive.verify import verify

NS = "{urn:StandardAuditFile-Taxation-Financial:DK}"
XSD_NAME = "Danish_SAF-T_Financial_Schema_v_2_1.xsd"
NAMES = [f"SAF-T_Financial_{CVR}_{y}0101_{y}1231.xml" for y in (2022, 2023, 2024)]
PARTNER_IDS = {CUSTOMER: "101", SUPPLIER: "201", BOTH: "102"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("saft")
    backup = make_zip(root / "backup.zip", tables())
    (root / "map.csv").write_text("Konto;Standardkonto\n1010;1000\n5600;6710\n", encoding="utf-8")
    assert run_cli(backup, root / "out", "--quiet", "--jobs", "1",
                   "--saft-accounts", root / "map.csv") == ExitCode.findings
    return root / "out"


def parsed(archive: Path, year: int) -> ET.Element:
    return ET.parse(archive / "data" / "saft" / NAMES[year - 2022]).getroot()


def amount(line: ET.Element) -> Decimal:
    """A line's signed amount: debit positive, credit negative."""
    debit = line.find(f"{NS}DebitAmount")
    if debit is not None:
        return Decimal(debit.findtext(f"{NS}Amount"))
    return -Decimal(line.find(f"{NS}CreditAmount").findtext(f"{NS}Amount"))


def balances(element: ET.Element) -> tuple[Decimal, Decimal]:
    def one(which: str) -> Decimal:
        debit = element.findtext(f"{NS}{which}DebitBalance")
        return Decimal(debit) if debit is not None else -Decimal(element.findtext(f"{NS}{which}CreditBalance"))
    return one("Opening"), one("Closing")


def test_one_file_per_fiscal_year_valid_against_our_xsd(archive: Path) -> None:
    assert sorted(p.name for p in (archive / "data" / "saft").glob("*.xml")) == NAMES
    ours = resources.files("xena2archive.exports.saft").joinpath("SAF-T_Financial_DK_xena2archive.xsd")
    with ours.open("rb") as handle:
        xsd = etree.XMLSchema(etree.parse(handle))
    for name in NAMES:
        document = etree.parse(str(archive / "data" / "saft" / name))
        xsd.assertValid(document)
        root = document.getroot()
        assert root.tag == f"{NS}AuditFile"
        assert root.findtext(f"{NS}Header/{NS}AuditFileVersion") == "2.1"
        assert root.findtext(f"{NS}Header/{NS}AuditFileCountry") == "DK"
        assert root.findtext(f"{NS}Header/{NS}AuditFileDateCreated") == "2025-01-31"  # the backup's date


def shared_xsd() -> Path | None:
    """Erhvervsstyrelsen's SAF-T Financial DK 2.1 XSD (a public copy) in ``shared/saft/`` beside the checkout."""
    checkout = Path(__file__).resolve().parents[2]
    return next((p / "shared" / "saft" / XSD_NAME for p in checkout.parents
                 if (p / "shared" / "saft" / XSD_NAME).is_file()), None)


def test_every_file_is_valid_against_erhvervsstyrelsens_2_1_xsd(archive: Path) -> None:
    path = shared_xsd()
    if path is None:
        message = f"shared/saft/{XSD_NAME} (Erhvervsstyrelsen's 2.1 XSD) is not beside the checkout or above it"
        missing(message)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == REFERENCE_XSD_SHA256  # the copy README and index name
    xsd = etree.XMLSchema(etree.parse(str(path)))
    for name in NAMES:
        document = etree.parse(str(archive / "data" / "saft" / name))
        assert xsd.validate(document), (name, [str(e) for e in xsd.error_log])


def test_header_names_the_company_and_the_year(archive: Path) -> None:
    header = parsed(archive, 2023).find(f"{NS}Header")
    company = header.find(f"{NS}Company")
    assert company.findtext(f"{NS}CVR") == CVR and company.find(f"{NS}RegistrationNumber") is None
    assert company.findtext(f"{NS}Name") == COMPANY  # & and < survive
    assert company.findtext(f"{NS}Address/{NS}City") == "Åbyhøj"
    assert company.find(f"{NS}Contact/{NS}ContactPerson") is None  # Xena knows no contact person: none invented
    assert company.findtext(f"{NS}Contact/{NS}Telephone") == "+45 86 12 34 56"
    # no bank account in this backup: the required element is there, empty, and the header says so
    bank = company.find(f"{NS}BankAccount")
    assert (bank.findtext(f"{NS}BankAccountNumber"), bank.findtext(f"{NS}SortCode")) == ("", "")
    assert "Ingen bankkonto i Xena" in header.findtext(f"{NS}HeaderComment")
    assert header.findtext(f"{NS}TaxEntity") == COMPANY
    assert header.findtext(f"{NS}SelectionCriteria/{NS}SelectionStartDate") == "2023-01-01"
    assert header.findtext(f"{NS}SelectionCriteria/{NS}SelectionEndDate") == "2023-12-31"
    assert header.findtext(f"{NS}DefaultCurrencyCode") == "DKK"


def test_totals_are_the_sums_of_the_lines_and_every_posting_is_there_once(archive: Path) -> None:
    for year in (2022, 2023, 2024):
        root = parsed(archive, year)
        entries = root.find(f"{NS}GeneralLedgerEntries")
        transactions = entries.findall(f".//{NS}Transaction")
        lines = entries.findall(f".//{NS}Line")
        expected = {str(line[0]) for day, _, ls in VOUCHERS.values() if day.year == year for line in ls}
        assert sorted(line.findtext(f"{NS}RecordID") for line in lines) == sorted(expected)
        assert int(entries.findtext(f"{NS}NumberOfEntries")) == len(transactions) == sum(
            1 for day, _, _ in VOUCHERS.values() if day.year == year)
        debit = sum((amount(x) for x in lines if amount(x) >= 0 and x.find(f"{NS}DebitAmount") is not None), Decimal(0))
        credit = sum((-amount(x) for x in lines if x.find(f"{NS}CreditAmount") is not None), Decimal(0))
        assert Decimal(entries.findtext(f"{NS}TotalDebit")) == debit
        assert Decimal(entries.findtext(f"{NS}TotalCredit")) == credit
        for line in lines:
            side = line.find(f"{NS}DebitAmount")
            side = side if side is not None else line.find(f"{NS}CreditAmount")
            assert Decimal(side.findtext(f"{NS}Amount")) >= 0  # never a negative debit or credit
    empty = parsed(archive, 2022).find(f"{NS}GeneralLedgerEntries")
    assert empty.findtext(f"{NS}NumberOfEntries") == "0"  # one journal, as 2.1 requires, with no transaction
    assert [(j.findtext(f"{NS}Type"), len(j.findall(f"{NS}Transaction"))) for j in empty.iter(f"{NS}Journal")] == \
        [("GL", 0)]


def test_unbalanced_voucher_is_written_as_it_is_and_reported(archive: Path) -> None:
    entries = parsed(archive, 2023).find(f"{NS}GeneralLedgerEntries")
    difference = Decimal(entries.findtext(f"{NS}TotalDebit")) - Decimal(entries.findtext(f"{NS}TotalCredit"))
    assert difference == sum(UNBALANCED.values())
    for transaction in entries.iter(f"{NS}Transaction"):
        total = sum((amount(x) for x in transaction.iter(f"{NS}Line")), Decimal(0))
        assert total == UNBALANCED.get(int(transaction.findtext(f"{NS}TransactionID")), Decimal(0))
    report = json.loads((archive / "data" / "report.json").read_text(encoding="utf-8"))
    warnings = [f for f in report["findings"] if f["where"].startswith("saft/") and f["severity"] == "warning"]
    assert any("5 (1.00)" in f["message"] for f in warnings)
    files = {f["year"]: f for f in report["saft"]["files"]}
    assert files["Regnskabsår 2023"]["balanced"] is False
    assert files["Regnskabsår 2024"]["balanced"] is True


def _all_balances(root: ET.Element) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    out = {}
    for kind, tag, id_tag in (("account", "Account", "AccountID"), ("customer", "Customer", "CustomerID"),
                              ("supplier", "Supplier", "SupplierID")):
        for element in root.iter(f"{NS}{tag}"):
            if element.find(f"{NS}{id_tag}") is not None:
                out[(kind, element.findtext(f"{NS}{id_tag}"))] = balances(element)
    return out


def test_opening_plus_lines_is_closing_and_years_chain(archive: Path) -> None:
    previous: dict[tuple[str, str], tuple[Decimal, Decimal]] | None = None
    for year in (2022, 2023, 2024):
        root = parsed(archive, year)
        found = _all_balances(root)
        moves: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for line in root.iter(f"{NS}Line"):
            moves[("account", line.findtext(f"{NS}AccountID"))] += amount(line)
            for kind in ("Customer", "Supplier"):
                if line.find(f"{NS}{kind}ID") is not None:
                    moves[(kind.lower(), line.findtext(f"{NS}{kind}ID"))] += amount(line)
        income = {("account", str(n)) for n, _name, group in ACCOUNTS if group.startswith("Xena_Domain_Income")}
        result = sum((previous[key][1] for key in income), Decimal(0)) if previous is not None else Decimal(0)
        for key, (opening, closing) in found.items():
            assert opening + moves.get(key, Decimal(0)) == closing, (year, key)
            if previous is not None:  # 2023 and 2024 have no opening entries: the prior result moves to equity
                expected = Decimal(0) if key in income else previous[key][1]
                if key == ("account", "RESULTAT-FOER-XENA"):
                    expected += result
                assert expected == opening, (year, key)
        assert year != 2024 or found[("account", "RESULTAT-FOER-XENA")][0] == result != 0
        previous = found
    first = _all_balances(parsed(archive, 2022))
    for number, value in PRIMO_LEDGER:
        assert first[("account", str(number))][0] == Decimal(value)
    for partner, value in PRIMO_PARTNER:
        assert first[("customer", PARTNER_IDS[partner])][0] == Decimal(value)
    assert sum(opening for (kind, _), (opening, _c) in first.items() if kind == "account") == 0


def test_partners_currency_vat_and_types(archive: Path) -> None:
    root = parsed(archive, 2023)
    customers = {c.findtext(f"{NS}CustomerID") for c in root.iter(f"{NS}Customer")}
    suppliers = {s.findtext(f"{NS}SupplierID") for s in root.iter(f"{NS}Supplier")}
    assert PARTNER_IDS[BOTH] in customers and PARTNER_IDS[BOTH] in suppliers  # both customer and supplier
    assert PARTNER_IDS[CUSTOMER] in customers - suppliers and PARTNER_IDS[SUPPLIER] in suppliers - customers
    names = {s.findtext(f"{NS}Name") for s in root.iter(f"{NS}Supplier")}
    assert "Obst <Süd> GmbH" in names
    lines = {line.findtext(f"{NS}RecordID"): line for line in root.iter(f"{NS}Line")}
    assert lines["5000000007"].findtext(f"{NS}CustomerID") == PARTNER_IDS[BOTH]
    assert lines["5000000012"].findtext(f"{NS}SupplierID") == PARTNER_IDS[BOTH]
    euro = lines["5000000006"].find(f"{NS}CreditAmount")
    assert (euro.findtext(f"{NS}Amount"), euro.findtext(f"{NS}CurrencyCode"), euro.findtext(f"{NS}CurrencyAmount")) == \
        ("931.91", "EUR", "125.00")
    rate = Decimal(euro.findtext(f"{NS}ExchangeRate"))  # CurrencyAmount x ExchangeRate = Amount, to 8 decimals
    assert rate == (Decimal("931.91") / Decimal("125.00")).quantize(Decimal("0.00000001"))
    dkk = lines["5000000001"].find(f"{NS}DebitAmount")  # DKK too carries code, currency amount and rate 1
    assert [dkk.findtext(f"{NS}{t}") for t in ("Amount", "CurrencyCode", "CurrencyAmount", "ExchangeRate")] == \
        ["1250.00", "DKK", "1250.00", "1"]
    tax = lines["5000000002"].find(f"{NS}TaxInformation")
    assert (tax.findtext(f"{NS}TaxType"), tax.findtext(f"{NS}TaxCode"), tax.findtext(f"{NS}TaxPercentage"),
            tax.findtext(f"{NS}TaxAmount/{NS}Amount")) == ("VAT", "U25", "25.00", "250.00")
    assert tax.findtext(f"{NS}TaxBase") == "1000.00"  # the line's amount is the base: 25 % of it is the VAT
    assert lines["5000000003"].find(f"{NS}TaxInformation") is None
    assert {d.findtext(f"{NS}TaxCode") for d in root.iter(f"{NS}TaxCodeDetails")} == {"U25", "I25"}
    types = {a.findtext(f"{NS}AccountID"): a.findtext(f"{NS}AccountType") for a in root.iter(f"{NS}Account")}
    assert types == {"1010": "Sale", "1310": "Expense", "2750": "Expense", "5410": "Asset", "5600": "Asset",
                     "6010": "Liability", "6410": "Liability", "6800": "Liability", "6810": "Liability",
                     "9999": "Other", "RESULTAT-FOER-XENA": "Liability"}
    standard = {a.findtext(f"{NS}AccountID"): a.findtext(f"{NS}StandardAccountID") for a in root.iter(f"{NS}Account")}
    assert standard["1010"] == "1000" and standard["5600"] == "6710" and standard["1310"] is None
    descriptions = {t.findtext(f"{NS}Description") for t in root.iter(f"{NS}Transaction")}
    assert "Faktura 1 Søren Ærø & Co <æøå>" in descriptions


def test_saft_command_gives_the_same_bytes_from_the_archive_alone(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    shutil.rmtree(copy / "data" / "original")  # nothing but the archive's own tables is needed
    assert run_cli("saft", copy, "--to", tmp_path / "again") == ExitCode.ok
    for name in [*NAMES, "standard-accounts.csv"]:
        assert (tmp_path / "again" / name).read_bytes() == (archive / "data" / "saft" / name).read_bytes(), name
    assert run_cli("saft", copy, "--year", "2023", "--to", tmp_path / "one") == ExitCode.ok
    assert [p.name for p in (tmp_path / "one").glob("*.xml")] == [NAMES[1]]
    assert run_cli("saft", copy, "--year", "1999", "--to", tmp_path / "none") == ExitCode.usage
    assert run_cli("saft", tmp_path / "nothing-here") == ExitCode.usage


def test_verify_checks_the_files_and_check_finds_damage(archive: Path, tmp_path: Path) -> None:
    verdict = verify(archive)
    assert verdict.ok, verdict.problems
    assert "SAF-T files" in verdict.checks
    assert len(list((archive / "data/saft").glob("*.xml"))) == 3
    data = tmp_path / "data"
    shutil.copytree(archive / "data", data)
    path = data / "saft" / NAMES[1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<Amount>745.53</Amount>", "<Amount>745.54</Amount>", 1), encoding="utf-8")
    problems = [p.message for p in check(data)]
    assert any("TotalDebit" in p for p in problems)
    assert any("account 1310" in p for p in problems)
    path.write_text(text.replace("<AccountType>Sale</AccountType>", "<AccountType>Salg</AccountType>", 1),
                    encoding="utf-8")
    assert any("not valid" in p for p in (found.message for found in check(data)))
    path.unlink()
    assert any("missing" in p for p in (found.message for found in check(data)))
    shutil.rmtree(data)
    shutil.copytree(archive / "data", data)
    later = data / "saft" / NAMES[2]  # a customer without lines in 2024: opening and closing moved together
    text = later.read_text(encoding="utf-8")
    block = text[text.index("<CustomerID>102</CustomerID>"):]
    block = block[:block.index("</Customer>")]
    later.write_text(text.replace(block, block.replace("500.00", "600.00")), encoding="utf-8")
    said = [found.message for found in check(data)]
    assert any("customer 102 opens at 600.00; the year before closed at 500.00" in p for p in said)
    # the XSD's keys bind nothing: a duplicate account, a dangling supplier and tax code are the project's to find
    text = path.read_text(encoding="utf-8")  # the copy made again above: undamaged
    first = text[text.index("<Account>"):text.index("</Account>") + len("</Account>")]
    damaged = text.replace(first, first + "\n" + first, 1).replace(
        f"<SupplierID>{PARTNER_IDS[SUPPLIER]}</SupplierID>\n    <Description>", "<SupplierID>999</SupplierID>\n"
        "    <Description>", 1).replace("<TaxCode>I25</TaxCode>\n      <TaxPercentage>", "<TaxCode>X9</TaxCode>\n"
                                      "      <TaxPercentage>", 1)
    path.write_text(damaged, encoding="utf-8")
    problems = [p.message for p in check(data)]
    assert any("account 1010 is in the master files more than once" in p for p in problems), problems
    assert any("supplier 999 has lines but is not in the master files" in p for p in problems), problems
    assert any("tax code X9 is on lines but not in the TaxTable" in p for p in problems), problems


def test_front_page_links_each_years_file(archive: Path) -> None:
    page = (archive / "data" / "index.html").read_text(encoding="utf-8")
    assert "SAF-T Financial DK" in page and "bogføringsloven" in page
    for name in NAMES:
        assert f"saft/{name}" in page
    assert "StandardAccountID" in page  # the gaps are listed


def test_a_bad_mapping_file_is_refused_before_anything_is_written(tmp_path: Path, capsys) -> None:
    backup = make_zip(tmp_path / "backup.zip", tables())
    (tmp_path / "map.csv").write_text("1010;1000\n5600\n", encoding="utf-8")
    assert run_cli(backup, tmp_path / "out", "--quiet", "--saft-accounts", tmp_path / "map.csv") == ExitCode.usage
    assert "map.csv line 2" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
