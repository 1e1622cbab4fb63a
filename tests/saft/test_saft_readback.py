"""SAF-T files read back independently of the writer: each parsed with lxml and validated against the
shared 2.1 XSD, every figure recomputed here from the JSONL rows the test wrote (never with the
package's code): periods of a non-calendar fiscal year, the dates and users of Xena's postings, TaxAmount
signs, bank accounts, Xena's own standard columns, openings over two and three years with and without
Xena's opening entries, books without VAT codes, and the software's publisher."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from importlib import metadata
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import pytest
from jsonl_books import INCOME, books, rows, sale
from shared import assert_valid_2_1

from xena2archive import software
from xena2archive.books import open_books
from xena2archive.exports.saft import SaftResult, write_saft

NS = "{urn:StandardAuditFile-Taxation-Financial:DK}"
EPOCH = dt.date(1970, 1, 1)


def saft(data: Path) -> tuple[SaftResult, dict[str, Any]]:
    """write_saft into data/saft; each file's root by its SelectionStartDate, valid against the 2.1 XSD."""
    with open_books(data / "tables") as loaded:
        result = write_saft(loaded, data, "2025-01-31")
    roots = {}
    for f in result.files:
        root = assert_valid_2_1(data / f.file)
        roots[root.findtext(f"{NS}Header/{NS}SelectionCriteria/{NS}SelectionStartDate")] = root
    return result, roots


def fiscal_periods(data: Path) -> list[tuple[dt.date, dt.date]]:
    def day(days: int) -> dt.date:
        return EPOCH + dt.timedelta(days=days)

    return sorted((day(r["FiscalPeriodStartDays"]), day(r["FiscalPeriodEndDays"]))
                  for r in rows(data, "FiscalPeriodDto"))


def signed(line: Any) -> Decimal:
    debit = line.find(f"{NS}DebitAmount")
    return Decimal(debit.findtext(f"{NS}Amount")) if debit is not None else \
        -Decimal(line.find(f"{NS}CreditAmount").findtext(f"{NS}Amount"))


def balance(element: Any, which: str) -> Decimal:
    debit = element.findtext(f"{NS}{which}DebitBalance")
    return Decimal(debit) if debit is not None else -Decimal(element.findtext(f"{NS}{which}CreditBalance"))


def test_period_and_period_year_follow_a_non_calendar_fiscal_year(tmp_path: Path) -> None:
    days = ["2023-07-01", "2023-12-31", "2024-01-10", "2024-06-30", "2024-07-01", "2025-02-28", "2025-06-30"]
    posts = [p for i, day in enumerate(days) for p in sale(10 * i + 1, i + 1, day, "100.00")]
    books(tmp_path, [("2023-07-01", "2024-06-30"), ("2024-07-01", "2025-06-30")], posts)
    _result, roots = saft(tmp_path)
    periods = fiscal_periods(tmp_path)
    assert sorted(roots) == [start.isoformat() for start, _ in periods]
    by_voucher = {p["VoucherId"]: EPOCH + dt.timedelta(days=p["FiscalDateDays"])
                  for p in rows(tmp_path, "LedgerPostDto")}
    seen = 0
    for start, end in periods:
        root = roots[start.isoformat()]
        assert root.findtext(f".//{NS}SelectionEndDate") == end.isoformat()
        for transaction in root.iter(f"{NS}Transaction"):
            day = by_voucher[int(transaction.findtext(f"{NS}SystemID"))]
            assert start <= day <= end
            assert transaction.findtext(f"{NS}TransactionDate") == day.isoformat()
            month = (day.year * 12 + day.month) - (start.year * 12 + start.month) + 1  # 1 = the fiscal year's first
            assert int(transaction.findtext(f"{NS}Period")) == month, day
            assert transaction.findtext(f"{NS}PeriodYear") == str(start.year)  # the fiscal year's, not the calendar's
            seen += 1
    assert seen == len(days)
    assert [t.findtext(f"{NS}Period") for t in roots["2023-07-01"].iter(f"{NS}Transaction")] == ["1", "6", "7", "12"]


def test_dates_users_and_created_at(tmp_path: Path) -> None:
    posts = [*sale(1, 1, "2023-05-01", "100.00", CreatedAt="2023-05-03T08:15:00"),
             *sale(3, 2, "2023-06-01", "50.00"),  # no CreatedAt on the postings: the voucher's
             *sale(5, 3, "2023-07-01", "25.00")]  # neither: the transaction date, counted
    vouchers = [{"Id": 1, "VoucherNumber": 1, "FiscalDateDays": 0, "Description": "Bilag 1",
                 "CreatedAt": "2023-05-02T07:00:00", "ResponsibleName": "Bente Bogholder", "ResponsibleId": 77},
                {"Id": 2, "VoucherNumber": 2, "Description": "Bilag 2", "CreatedAt": "2023-06-04T10:00:00",
                 "ResponsibleId": 78},
                {"Id": 3, "VoucherNumber": 3, "Description": "Bilag 3"}]
    for v in vouchers:
        v["FiscalDateDays"] = next(p["FiscalDateDays"] for p in [
            {**p, "FiscalDateDays": (dt.date.fromisoformat(p["day"]) - EPOCH).days} for p in posts]
            if p["VoucherId"] == v["Id"])
    books(tmp_path, [("2023-01-01", "2023-12-31")], posts, vouchers=vouchers)
    result, roots = saft(tmp_path)
    ledger = rows(tmp_path, "LedgerPostDto")
    by_id = {v["Id"]: v for v in rows(tmp_path, "VoucherDto")}
    for transaction in roots["2023-01-01"].iter(f"{NS}Transaction"):
        voucher = int(transaction.findtext(f"{NS}SystemID"))
        mine = [p for p in ledger if p["VoucherId"] == voucher]
        day = (EPOCH + dt.timedelta(days=mine[0]["FiscalDateDays"])).isoformat()
        created = next((p["CreatedAt"][:10] for p in mine if p.get("CreatedAt")), None) \
            or (by_id[voucher].get("CreatedAt") or "")[:10] or day
        assert transaction.findtext(f"{NS}TransactionDate") == day
        assert transaction.findtext(f"{NS}SystemEntryDate") == created
        assert transaction.findtext(f"{NS}GLPostingDate") == created
        user = by_id[voucher].get("ResponsibleName") or by_id[voucher].get("ResponsibleId")
        assert transaction.findtext(f"{NS}SourceID") == (str(user) if user is not None else None)
        assert sorted(line.findtext(f"{NS}RecordID") for line in transaction.iter(f"{NS}Line")) == \
            sorted(str(p["Id"]) for p in mine)
    assert [t.findtext(f"{NS}SystemEntryDate") for t in roots["2023-01-01"].iter(f"{NS}Transaction")] == \
        ["2023-05-03", "2023-06-04", "2023-07-01"]
    assert any(g.code == "gap-entry-dates" for g in result.gaps)


def test_tax_amount_signs_and_bases(tmp_path: Path) -> None:
    def post(ident: int, voucher: int, amount: str, account: int, day: str, **vat: str) -> dict[str, Any]:
        return {"Id": ident, "VoucherId": voucher, "VoucherNumber": voucher, "Amount": amount,
                "LedgerTagNumber": account, "day": day, **vat}

    posts = [  # a sale (VAT credit), a purchase (VAT debit), a credit note on the sale (VAT debit)
        post(1, 1, "1250.00", 5410, "2023-02-01"),
        post(2, 1, "-1000.00", 1010, "2023-02-01", VatAbbreviation="U25", VatAmount="-250.00"),
        post(3, 1, "-250.00", 6800, "2023-02-01"),
        post(4, 2, "400.00", 1310, "2023-03-01", VatAbbreviation="I25", VatAmount="100.00"),
        post(5, 2, "100.00", 6800, "2023-03-01"),
        post(6, 2, "-500.00", 5600, "2023-03-01"),
        post(7, 3, "200.00", 1010, "2023-04-01", VatAbbreviation="U25", VatAmount="50.00"),
        post(8, 3, "50.00", 6800, "2023-04-01"),
        post(9, 3, "-250.00", 5410, "2023-04-01"),
    ]
    vat = [{"Id": 41, "Abbreviation": "U25", "Description": "Salgsmoms", "Percentage": "25.00",
            "VatType": "VatType_Sales", "CreatedAt": "2020-01-01T00:00:00"},
           {"Id": 42, "Abbreviation": "I25", "Description": "Købsmoms", "Percentage": "25.00",
            "VatType": "VatType_Purchase", "CreatedAt": "2020-01-01T00:00:00"}]
    books(tmp_path, [("2023-01-01", "2023-12-31")], posts, vat=vat)
    _result, roots = saft(tmp_path)
    lines = {line.findtext(f"{NS}RecordID"): line for line in roots["2023-01-01"].iter(f"{NS}Line")}
    for post in rows(tmp_path, "LedgerPostDto"):
        line = lines[str(post["Id"])]
        assert signed(line) == Decimal(post["Amount"])
        tax = line.find(f"{NS}TaxInformation")
        if not post.get("VatAbbreviation"):
            assert tax is None
            continue
        vat_amount, amount = Decimal(post["VatAmount"]), Decimal(post["Amount"])
        # TaxAmount is written in the line's own direction: positive when the VAT goes the line's way
        written = Decimal(tax.findtext(f"{NS}TaxAmount/{NS}Amount"))
        assert written == (vat_amount if amount > 0 else -vat_amount)
        assert written > 0  # in these lines VAT and line go the same way
        assert Decimal(tax.findtext(f"{NS}TaxBase")) == abs(amount)
        assert [tax.findtext(f"{NS}TaxAmount/{NS}{t}") for t in ("CurrencyCode", "ExchangeRate")] == ["DKK", "1"]
        standard = {"U25": "S01", "I25": "K010"}[post["VatAbbreviation"]]
        assert tax.findtext(f"{NS}StandardTaxCode") == standard
    details = {d.findtext(f"{NS}TaxCode"): d for d in roots["2023-01-01"].iter(f"{NS}TaxCodeDetails")}
    assert {c: d.findtext(f"{NS}EffectiveDate") for c, d in details.items()} == {"U25": "2020-01-01",
                                                                                   "I25": "2020-01-01"}


def test_bank_accounts_from_xena_and_standard_vat_column(tmp_path: Path) -> None:
    banks = {"LedgerTagBankContextDto": [{"Id": 1, "Account": "DK50 0040 0440 1162 43", "BankBIC": "NDEADKKK",
                                          "LedgerTagNumber": 5600}],
             "PaymentMeansDto": [{"Id": 2, "Account": "0001234567", "AccountIdentifier": "1234", "BankName": "Banken"},
                                 {"Id": 3, "Account": "DK5000400440116243"}]}  # the first again, written once
    vat = [{"Id": 41, "Abbreviation": "U25", "Description": "Salgsmoms", "Percentage": "25.00",
            "VatType": "VatType_Sales", "SaftStandardVatCode": "S02"}]
    posts = [*sale(1, 1, "2023-05-01", "100.00")]
    posts[1].update({"VatAbbreviation": "U25", "VatAmount": "-25.00"})
    books(tmp_path, [("2023-01-01", "2023-12-31")], posts, banks=banks, vat=vat)
    result, roots = saft(tmp_path)
    company = roots["2023-01-01"].find(f"{NS}Header/{NS}Company")
    written = [[(child.tag[len(NS):], child.text) for child in bank] for bank in company.iter(f"{NS}BankAccount")]
    assert written == [[("IBANNumber", "DK5000400440116243"), ("BIC", "NDEADKKK"), ("AccountID", "5600")],
                       [("BankAccountNumber", "0001234567"), ("BankAccountName", "Banken"), ("SortCode", "1234")]]
    assert "bankkonto" not in (roots["2023-01-01"].findtext(f".//{NS}HeaderComment") or "").casefold()
    assert not any(g.code.startswith("gap-bank") for g in result.gaps)
    assert roots["2023-01-01"].findtext(f".//{NS}TaxCodeDetails/{NS}StandardTaxCode") == "S02"  # Xena's own wins
    assert roots["2023-01-01"].findtext(f".//{NS}TaxInformation/{NS}StandardTaxCode") == "S02"
    assert any(f.code == "saft-standard-vat-column" and "SaftStandardVatCode" in f.message for f in result.findings)


YEARS3 = [("2022-01-01", "2022-12-31"), ("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-12-31")]
POSTS3 = [*sale(1, 1, "2022-03-01", "700.00"), *sale(3, 2, "2023-05-01", "1000.00"),
          *sale(5, 3, "2023-06-01", "300.00", account=2750, bank=5600)[::-1],  # rent: a cost, bank credited
          *sale(7, 4, "2024-02-01", "200.00")]


@pytest.mark.parametrize("years, primo", [
    (YEARS3[1:], []),  # two years, no opening entries
    (YEARS3, []),  # three years, none
    (YEARS3, [(100, 5600, "500.00"), (100, 6020, "-500.00")]),  # three, Xena's for the first year only
    (YEARS3[1:], [(100, 5600, "0.00"), (101, 5600, "700.00"), (101, 6020, "-700.00")]),  # two, Xena's for both
])
def test_openings_over_the_years(tmp_path: Path, years: list[tuple[str, str]], primo: list[Any]) -> None:
    posts = [p for p in POSTS3 if years[0][0] <= p["day"]]
    for p in posts:  # the rent voucher: debit the cost, credit the bank
        if p["VoucherId"] == 3:
            p["Amount"] = "300.00" if p["LedgerTagNumber"] == 2750 else "-300.00"
    books(tmp_path, years, posts, primo=primo)
    _result, roots = saft(tmp_path)
    ledger = rows(tmp_path, "LedgerPostDto")
    periods = sorted(rows(tmp_path, "FiscalPeriodDto"), key=lambda r: r["FiscalPeriodStartDays"])
    primo_by = defaultdict(Decimal)
    for r in rows(tmp_path, "PrimoLedgerPostDto"):
        primo_by[(r["FiscalPeriodId"], str(r["LedgerTagId"] - 10_000))] += Decimal(r["Total"])
    previous: dict[str, Decimal] | None = None
    for period in periods:
        start = (EPOCH + dt.timedelta(days=period["FiscalPeriodStartDays"])).isoformat()
        end = (EPOCH + dt.timedelta(days=period["FiscalPeriodEndDays"])).isoformat()
        root = roots[start]
        accounts = {a.findtext(f"{NS}AccountID"): a for a in root.iter(f"{NS}Account")}
        opening = {k: balance(a, "Opening") for k, a in accounts.items()}
        closing = {k: balance(a, "Closing") for k, a in accounts.items()}
        moves = defaultdict(Decimal)
        for p in ledger:
            day = (EPOCH + dt.timedelta(days=p["FiscalDateDays"])).isoformat()
            if start <= day <= end:
                moves[str(p["LedgerTagNumber"])] += Decimal(p["Amount"])
        xena = {k: v for (pid, k), v in primo_by.items() if pid == period["Id"]}
        for key in accounts:
            assert opening[key] + moves[key] == closing[key], (start, key)
        assert sum(opening.values()) == 0, start  # the opening trial balance is 0
        if xena:  # Xena's opening entries open the year
            assert {k: v for k, v in opening.items() if v} == {k: v for k, v in xena.items() if v}
            assert "RESULTAT-FOER-XENA" not in accounts or opening["RESULTAT-FOER-XENA"] == 0
        elif previous is None:  # the first year without: 0.00, said
            assert all(v == 0 for v in opening.values())
            assert "Ingen primoposter" in root.findtext(f".//{NS}HeaderComment")
        else:  # carried: income statement 0, balance at the previous closing, R on the result account
            r = sum((previous.get(str(n), Decimal(0)) for n in INCOME), Decimal(0))
            for key, value in opening.items():
                if key == "RESULTAT-FOER-XENA":
                    assert value == previous.get(key, Decimal(0)) + r, start
                elif key.isdigit() and int(key) in INCOME:
                    assert value == 0, (start, key)
                else:
                    assert value == previous.get(key, Decimal(0)), (start, key)
            assert r != 0
        previous = closing


def _no_vat_books(tmp_path: Path, vat: list[dict[str, Any]], posts: list[dict[str, Any]]) -> tuple[SaftResult, Any]:
    books(tmp_path, [("2023-01-01", "2023-12-31")], posts, vat=vat)
    result, roots = saft(tmp_path)
    return result, roots["2023-01-01"]


def test_books_without_any_vat_code_give_a_valid_file_and_say_so(tmp_path: Path) -> None:
    result, root = _no_vat_books(tmp_path, [], sale(1, 1, "2023-05-01", "100.00"))
    details = root.findall(f".//{NS}TaxCodeDetails")
    assert len(details) == 1 and details[0].findtext(f"{NS}TaxCode") == ""
    assert "Ingen momskoder" in details[0].findtext(f"{NS}Description")
    assert root.findall(f".//{NS}TaxInformation") == []
    assert [g.code for g in result.gaps if "vat" in g.code] == ["gap-no-vat-codes"]


def test_vat_codes_without_a_rate_give_a_valid_file_and_say_so(tmp_path: Path) -> None:
    posts = sale(1, 1, "2023-05-01", "100.00")
    posts[1].update({"VatAbbreviation": "X7", "VatAmount": "-7.00"})  # a code only postings name
    vat = [{"Id": 41, "Abbreviation": "NUL", "Description": "Uden sats"}]  # a code without Percentage
    result, root = _no_vat_books(tmp_path, vat, posts)
    details = {d.findtext(f"{NS}TaxCode"): d for d in root.iter(f"{NS}TaxCodeDetails")}
    assert set(details) == {"NUL", "X7"}
    for code, d in details.items():
        assert d.findtext(f"{NS}TaxPercentage") == "0" and "sats ukendt" in d.findtext(f"{NS}Description"), code
    tax = root.find(f".//{NS}TaxInformation")
    assert tax.findtext(f"{NS}TaxCode") == "X7" and tax.find(f"{NS}TaxPercentage") is None
    assert Decimal(tax.findtext(f"{NS}TaxAmount/{NS}Amount")) == Decimal("7.00")
    gap = next(g for g in result.gaps if g.code == "gap-vat-rates")
    assert "NUL" in gap.message and "X7" in gap.message


def _metadata_publisher() -> str:
    """Whom the installed package's metadata names as author, else maintainer; '' for no one."""
    try:
        found = metadata.metadata("xena2archive")
    except metadata.PackageNotFoundError:
        return ""
    for name in ("Author", "Author-email", "Maintainer", "Maintainer-email"):
        value = found[name] if name in found else None
        if value:
            return value.strip() if not name.endswith("email") else \
                ", ".join(who or address for who, address in getaddresses([value]))
    return ""


def test_software_company_name_is_whom_the_metadata_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, root = _no_vat_books(tmp_path, [], sale(1, 1, "2023-05-01", "100.00"))
    expected = _metadata_publisher()
    assert (root.findtext(f".//{NS}SoftwareCompanyName") or "") == expected
    assert any(g.code == "gap-publisher" for g in result.gaps) == (expected == "")

    class Named(dict):  # what metadata gives for a pyproject with authors = [{name, email}]
        pass

    monkeypatch.setattr(software.metadata, "metadata", lambda _name: Named({"Author-email": "Eva Ek <eva@ek.example>"}))
    assert software.publisher() == "Eva Ek"
    monkeypatch.setattr(software.metadata, "metadata", lambda _name: Named({"Maintainer": "Bogholderiet A/S"}))
    assert software.publisher() == "Bogholderiet A/S"
    monkeypatch.setattr(software.metadata, "metadata", lambda _name: Named({}))
    assert software.publisher() == ""
