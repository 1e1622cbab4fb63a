"""``check(data)``: do an archive's SAF-T files still hold, by themselves and against its tables?

Each file is validated against the package's XSD while it is read (``iterparse`` with the schema,
elements freed as they are done, so a million lines take constant memory), and its figures are
added up again from its lines: NumberOfEntries is the number of transactions, TotalDebit and
TotalCredit are the sums of the lines, every account's and partner's opening balance plus its
lines is its closing balance. Each account opens as the books' rule says (``books.balances``, with
the result account the archive keeps), a partner at the previous year's closing plus Xena's opening
entries for the year. Against the JSONL: every posting dated in the
year is in the year's file exactly once (same count, same sum of ids, same sum of amounts).
Returns the problems found (an empty list: all holds).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from ... import findings as F
from ...findings import Finding
from ...books import Books, open_books
from ...books.model import FiscalYear, YearOf
from ...books.money import EXACT, ZERO, cents
from ...books.rows import as_int, canonical, day_text, read_rows
from ...layout import REPORT, SAFT, TABLES
from .kept import kept_options

NS = "{urn:StandardAuditFile-Taxation-Financial:DK}"
XSD = "SAF-T_Financial_DK_xena2archive.xsd"


def schema() -> etree.XMLSchema:
    """The package's own XSD of the files it writes."""
    with resources.files(__package__).joinpath(XSD).open("rb") as handle:
        return etree.XMLSchema(etree.parse(handle))


@dataclass
class FileFigures:
    """What one file states and what its lines add up to."""

    stated: dict[str, str] = field(default_factory=dict)
    transactions: int = 0
    lines: int = 0
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    signed: Decimal = ZERO
    id_sum: int = 0
    # (kind, id) -> (opening, closing)
    balances: dict[tuple[str, str], tuple[Decimal, Decimal]] = field(default_factory=dict)
    moves: dict[tuple[str, str], Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) written twice in the master files
    tax_codes: set[str] = field(default_factory=set)  # the TaxTable's codes
    tax_used: set[str] = field(default_factory=set)  # the codes lines name


def _balance(element: Any, which: str) -> Decimal:
    debit = element.findtext(f"{NS}{which}DebitBalance")
    return Decimal(debit) if debit is not None else -Decimal(element.findtext(f"{NS}{which}CreditBalance") or "0")


def schema_error(path: Path, xsd: etree.XMLSchema) -> str | None:
    """Why the file at ``path`` is not valid against ``xsd`` (None: it is), read as ``read_file``
    reads it: streaming, each transaction freed when done."""
    try:
        for _, element in etree.iterparse(str(path), events=("end",), tag=f"{NS}Transaction", schema=xsd,
                                          huge_tree=True):
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        return str(error)
    return None


def read_file(path: Path, xsd: etree.XMLSchema) -> FileFigures:
    """The figures of one file; raises ``etree.XMLSyntaxError`` if it is not well-formed or not valid."""
    figures = FileFigures()
    kinds = {f"{NS}Account": ("account", f"{NS}AccountID"), f"{NS}Customer": ("customer", f"{NS}CustomerID"),
             f"{NS}Supplier": ("supplier", f"{NS}SupplierID")}
    wanted = [f"{NS}{t}" for t in ("Line", "Transaction", "Account", "Customer", "Supplier", "NumberOfEntries",
                                   "TotalDebit", "TotalCredit", "TaxCodeDetails")]
    for _, element in etree.iterparse(str(path), events=("end",), tag=wanted, schema=xsd, huge_tree=True):
        tag = element.tag
        if tag == f"{NS}Line":
            _line(element, figures)
        elif tag == f"{NS}Transaction":
            figures.transactions += 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        elif tag in kinds:
            kind, id_tag = kinds[tag]
            key = (kind, element.findtext(id_tag) or "")
            if key in figures.balances:
                figures.duplicates.append(key)
            figures.balances[key] = (_balance(element, "Opening"), _balance(element, "Closing"))
        elif tag == f"{NS}TaxCodeDetails":
            code = element.findtext(f"{NS}TaxCode") or ""
            if code in figures.tax_codes:
                figures.duplicates.append(("tax code", code))
            figures.tax_codes.add(code)
        elif tag in (f"{NS}NumberOfEntries", f"{NS}TotalDebit", f"{NS}TotalCredit"):
            figures.stated[tag[len(NS):]] = element.text or ""
    return figures


_DEBIT, _CREDIT, _RECORD, _ACCOUNT = (f"{NS}{t}" for t in ("DebitAmount", "CreditAmount", "RecordID", "AccountID"))
_PARTIES = {f"{NS}CustomerID": "customer", f"{NS}SupplierID": "supplier"}
_TAX = f"{NS}TaxInformation"


def _line(line: Any, figures: FileFigures) -> None:
    """Add one line's amount to the figures (its children read in one pass: a million lines)."""
    figures.lines += 1
    amount, debit, record, account, party = ZERO, True, "", "", None
    for child in line:
        tag = child.tag
        if tag == _DEBIT or tag == _CREDIT:
            debit = tag == _DEBIT
            amount = Decimal(child[0].text)  # Amount comes first
        elif tag == _RECORD:
            record = child.text or ""
        elif tag == _ACCOUNT:
            account = child.text or ""
        elif tag in _PARTIES:
            party = (_PARTIES[tag], child.text or "")
        elif tag == _TAX:
            figures.tax_used.add(child.findtext(f"{NS}TaxCode") or "")
    if debit:
        figures.debit = EXACT.add(figures.debit, amount)
    else:
        figures.credit = EXACT.add(figures.credit, amount)
        amount = -amount
    figures.signed = EXACT.add(figures.signed, amount)
    figures.id_sum += int(record) if record.isdigit() else 0
    figures.moves[("account", account)] += amount
    if party is not None:
        figures.moves[party] += amount


def check(data: Path) -> list[Finding]:
    """Every problem with the SAF-T files of the archive whose payload is ``data``."""
    data = Path(data)
    try:
        report = json.loads((data / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        report = {}
    listed = list((report.get("saft") or {}).get("files") or [])
    folder = data / SAFT
    present = sorted(p.name for p in folder.glob("*.xml")) if folder.is_dir() else []
    problems = [F.SAFT_CHECK_NOT_LISTED(f"data/saft/{name}") for name in present
                if f"saft/{name}" not in {f.get("file") for f in listed}]
    if not listed:
        return problems
    xsd = schema()
    read: list[tuple[dict[str, Any], FileFigures]] = []
    for entry in sorted(listed, key=lambda f: str(f.get("start"))):
        path = data / str(entry.get("file"))
        where = f"data/{entry.get('file')}"
        if not path.is_file():
            problems.append(F.SAFT_CHECK_MISSING(where))
            continue
        try:
            figures = read_file(path, xsd)
        except etree.XMLSyntaxError as error:
            problems.append(F.SAFT_CHECK_INVALID(where, xsd=XSD, error=str(error)))
            continue
        except (ArithmeticError, ValueError, TypeError, IndexError) as error:  # a figure that is no number
            problems.append(F.SAFT_CHECK_FIGURE(where, error=f"{type(error).__name__}: {error}"))
            continue
        problems.extend(_inside(where, figures, entry))
        read.append((entry, figures))
    try:
        problems.extend(_against_tables(data, read, kept_options(data / SAFT).result_account))
    except (OSError, ValueError, ArithmeticError) as error:  # a damaged table: verify names it too
        problems.append(F.SAFT_CHECK_TABLES("data/saft", error=f"{type(error).__name__}: {error}"))
    return problems


def _inside(where: str, f: FileFigures, entry: dict[str, Any]) -> list[Finding]:
    """The file at ``where`` against itself (and against what the report says it holds)."""
    problems = []
    if f.stated.get("NumberOfEntries") != str(f.transactions):
        problems.append(F.SAFT_CHECK_ENTRIES(where, stated=str(f.stated.get("NumberOfEntries")), held=f.transactions))
    for name, total in (("TotalDebit", f.debit), ("TotalCredit", f.credit)):
        if Decimal(f.stated.get(name) or "0") != total:
            problems.append(F.SAFT_CHECK_TOTAL(where, name=name, stated=str(f.stated.get(name)), sum=cents(total)))
    if (entry.get("transactions"), entry.get("lines"), entry.get("debit"), entry.get("credit")) != (
            f.transactions, f.lines, str(cents(f.debit)), str(cents(f.credit))):
        problems.append(F.SAFT_CHECK_REPORT(where))
    for key, (opening, closing) in f.balances.items():
        if EXACT.add(opening, f.moves.get(key, ZERO)) != closing:
            problems.append(F.SAFT_CHECK_BALANCE(where, party=_party(key), opening=opening,
                                                 lines=f.moves.get(key, ZERO), closing=closing))
    for key in f.moves:  # the XSD's keys bind nothing (their paths lack the namespace): checked here
        if key not in f.balances:
            problems.append(F.SAFT_CHECK_UNKNOWN(where, party=_party(key)))
    problems.extend(F.SAFT_CHECK_DUPLICATE(where, party=_party(key)) for key in f.duplicates)
    problems.extend(F.SAFT_CHECK_TAX_CODE(where, code=code) for code in sorted(f.tax_used - f.tax_codes))
    return problems


_PARTIES_SAID = {"account": F.SAFT_ACCOUNT, "customer": F.SAFT_CUSTOMER, "supplier": F.SAFT_SUPPLIER,
                 "tax code": F.SAFT_TAX_CODE}


def _party(key: tuple[str, str]) -> Finding:
    """An account, customer, supplier or tax code of the file, named in the reader's language."""
    return _PARTIES_SAID[key[0]]("", id=key[1])


def _chained(where: str, books: Books, fiscal: FiscalYear, previous: FileFigures | None,
             f: FileFigures) -> list[Finding]:
    """Every account opens as the books' rule says (``books.balances``: Xena's opening entries, or the
    previous closing with the prior result moved to equity); a partner where it closed the year
    before, or with Xena's opening entries where it has some."""
    problems = []
    basis = books.balances.openings[fiscal.index].basis
    partner_openings = any(y == fiscal.slug for y, _partner, _side in books.primo_parties)
    for key, (opening, _closing) in f.balances.items():
        if key[0] == "account":
            years = books.balances.accounts.get(key[1])
            if years is None:
                problems.append(F.SAFT_CHECK_NO_ACCOUNT(where, party=_party(key)))
            elif years[fiscal.index].opening != opening:
                problems.append(F.SAFT_CHECK_OPENING(where, party=_party(key), opening=opening, basis=basis,
                                                     expected=years[fiscal.index].opening))
        elif previous is not None and not partner_openings:  # a partner's opening entries are matched to its
            before = previous.balances.get(key, (ZERO, ZERO))[1]  # file id by the writer only
            if before != opening:
                problems.append(F.SAFT_CHECK_CHAIN(where, party=_party(key), opening=opening, before=before))
    return problems


def _against_tables(data: Path, read: list[tuple[dict[str, Any], FileFigures]],
                    result_account: str | None) -> list[Finding]:
    """Every posting exactly once, and each year opening as the books' rule says."""
    problems: list[Finding] = []
    with open_books(data / TABLES, result_account=result_account) as books:
        by_start = {y.start: y for y in books.years}
        year_of = YearOf(books.years)
        postings: dict[str, list[Any]] = defaultdict(lambda: [0, 0, ZERO])
        for row in read_rows(data / TABLES / "LedgerPostDto.jsonl"):
            amount, year = canonical(row.get("Amount")), year_of(day_text(row, "FiscalDateDays"))
            if amount is None or year is None:
                continue
            figures = postings[year.slug]
            figures[0] += 1
            figures[1] += as_int(row.get("Id")) or 0
            figures[2] = EXACT.add(figures[2], cents(Decimal(amount)))
        previous: FileFigures | None = None
        for entry, f in read:
            where = f"data/{entry.get('file')}"
            fiscal = by_start.get(str(entry.get("start")))
            if fiscal is None:
                problems.append(F.SAFT_CHECK_YEAR(where))
                continue
            count, id_sum, total = postings.get(fiscal.slug, [0, 0, ZERO])
            if (f.lines, f.id_sum, f.signed) != (count, id_sum, total):
                problems.append(F.SAFT_CHECK_POSTINGS(where, lines=f.lines, signed=f.signed, count=count, total=total))
            problems.extend(_chained(where, books, fiscal, previous, f))
            previous = f
    return problems
