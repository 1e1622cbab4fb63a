"""The books as SAF-T Financial DK: one file per fiscal year in ``data/saft/``.

``write_saft(books, data, created)`` is the conversion's stage and the ``saft`` command's work alike:
the books are loaded from the archive's own JSONL tables (``data/tables/``) and nothing else, so
the same archive always gives the same bytes, years after the conversion. ``check(data)`` re-reads
the files as ``verify`` does: each against the package's XSD, and the books within and across the
files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import findings as F
from ...books import Books, open_books
from ...errors import UsageError
from ...findings import Finding
from ...layout import REPORT, SAFT, TABLES
from .check import check
from .standard import FILE as STANDARD_ACCOUNTS
from .standard import read_standard_accounts, standard_accounts_csv
from .write import YearFile, YearWriter, file_name

# What the Danish format asks for that Xena's data does not hold, and what the files do instead.
FIXED_GAPS = (
    "Contact person: Xena holds none for the company or its partners; ContactPerson FirstName and LastName "
    "are written as 'NotUsed', as the Danish format does for an unknown name.",
    "Bank accounts (BankAccount) of the company and its partners: not in Xena's tables; left out.",
    "StandardTaxCode (the Danish standard VAT codes) and TaxBase: Xena's VAT codes carry neither; left out. "
    "TaxTable Country is DK for every code.",
    "Journals: Xena keeps none; every voucher is one Transaction in the one journal 'XENA'.",
    "Address: Xena's street is one text, so the house number (Number) is not split off; Country is written "
    "only when Xena's country text is a two-letter code or Danmark/Denmark.",
    "Opening balances: a year for which Xena holds opening entries (PrimoLedgerPostDto) opens with them; a year "
    "without any opens with the previous year's closing balances, the income statement's accounts included, "
    "as Xena's tables then hold no entry moving the result to equity. Partners open with the previous closing "
    "plus their opening entries (PrimoPartnerPostDto).",
    "Exchange rates (ExchangeRate) are not written; a foreign-currency line carries CurrencyCode and "
    "CurrencyAmount beside the amount in the company's currency.",
)


@dataclass
class SaftResult:
    """What ``write_saft`` wrote, had to leave out, and found."""

    files: list[YearFile] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"files": [f.to_json() for f in self.files], "gaps": self.gaps}


def write_saft(books: Books, data: Path, created: str, *, standard: dict[str, str] | None = None,
               years: set[str] | None = None, out: Path | None = None) -> SaftResult:
    """Write the SAF-T files of ``books``, the books of the archive whose payload is ``data``, into
    ``out`` (``data/saft``).

    ``created`` is the ISO date the files say they were made (the backup's date). ``standard`` maps
    account numbers to Erhvervsstyrelsen's standard accounts; when None, the mapping the archive
    keeps in ``data/saft/standard-accounts.csv`` is used, if any. ``years`` limits the files to the
    fiscal years whose start year or start date is named.
    """
    data = Path(data)
    out = Path(out) if out is not None else data / SAFT
    kept = data / SAFT / STANDARD_ACCOUNTS
    if standard is None and kept.is_file():
        standard = read_standard_accounts(kept)
    result = SaftResult()
    if not books.years:  # a file covers a fiscal year: none without; a fact, like a missing VoucherDto
        result.findings.append(F.SAFT_NO_YEARS("SAF-T", "no fiscal years (FiscalPeriodDto): no SAF-T file written"))
        return result
    writer = YearWriter(books, created, dict(standard or {}))
    for year in books.years:
        if years and year.start[:4] not in years and year.start not in years:
            continue
        written = writer.write(year, out / file_name(books.company.cvr, year))
        result.files.append(written)
        if written.unbalanced:
            shown = ", ".join(f"{t} ({s})" for t, s in written.unbalanced[:10])
            result.findings.append(F.SAFT_UNBALANCED(written.file,
                                    f"{len(written.unbalanced)} transaction(s) do not sum to zero and are written "
                                    f"as they are in the books: {shown}"))
    if standard:
        out.mkdir(parents=True, exist_ok=True)
        (out / STANDARD_ACCOUNTS).write_text(standard_accounts_csv(standard), encoding="utf-8", newline="\n")
    if result.files:  # what the written files lack, and what of the books they leave out
        result.gaps = _gaps(books, writer, standard)
        result.findings.extend(_findings(books))
    return result


def export(archive: Path, to: Path, *, years: set[str] | None = None, standard_path: Path | None = None) -> list[Path]:
    """``xena2archive saft``: the files of an existing archive, written again into ``to``; their paths."""
    data = Path(archive) / "data"
    if not (data / TABLES).is_dir():
        raise UsageError(f"{archive}: not an archive written by xena2archive (it has no data/tables folder)")
    try:
        created = str(json.loads((data / REPORT).read_text(encoding="utf-8"))["input"]["backup_time"])[:10]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{data / REPORT}: cannot read the backup's date from it ({error})") from error
    standard = read_standard_accounts(standard_path) if standard_path else None
    with open_books(data / TABLES) as books:
        result = write_saft(books, data, created, standard=standard, years=years, out=Path(to))
    if years and not result.files:
        raise UsageError(f"no fiscal year starts in {', '.join(sorted(years))}")
    return [Path(to) / Path(f.file).name for f in result.files]


def _gaps(books: Books, writer: YearWriter, standard: dict[str, str] | None) -> list[str]:
    gaps = list(FIXED_GAPS)
    numbered = list(books.accounts.values())
    if not standard:
        gaps.insert(0, "StandardAccountID (Erhvervsstyrelsen's standard chart of accounts): Xena's accounts carry "
                       "none; left out. Give a mapping with --saft-accounts to fill it.")
    else:
        missing = [a.key for a in numbered if (a.number or a.key) not in standard]
        if missing:
            gaps.insert(0, f"StandardAccountID: {len(missing)} account(s) are not in the --saft-accounts mapping and "
                           f"have none, e.g. {', '.join(missing[:5])}.")
    company = books.company
    if not company.phone:
        gaps.append("The company's telephone number (required in the header's Contact by the published structure) "
                    "is not in FiscalSetupDto; left out.")
    if not company.cvr:
        gaps.append("The company's CVR (FiscalSetupDto.OrgNumber) is empty; RegistrationNumber is written empty.")
    if not (books.company.currency and len(books.company.currency) == 3):
        gaps.append("The company's currency (FiscalSetupDto.CurrencyAbbreviation) is not a currency code; DKK is "
                    "written as DefaultCurrencyCode.")
    counted = {
        "transaction(s) have no creation date (CreatedAt); SystemEntryDate is the transaction date":
            writer.entry_dates_missing,
        "line(s) in a foreign currency name no ISO currency code; only the amount in the company's currency is "
        "written": writer.bad_currencies,
        "posting Id(s) are longer than RecordID's 18 characters and were cut": writer.long_record_ids,
        "text(s) held characters XML cannot hold; they were left out of the file (the JSONL keeps them)":
            writer.texts.dropped,
    }
    for what, n in writer.texts.cut.items():
        counted[f"{what} text(s) were longer than the format allows and were cut (the JSONL keeps them whole)"] = n
    gaps.extend(f"{n} {what}." for what, n in counted.items() if n)
    return gaps


def _findings(books: Books) -> list[Finding]:
    """What of the books the files hold otherwise than the tables do (the audit reports the rest)."""
    findings = []
    neither = sum(1 for p in books.parties.values() if not (p.customer or p.supplier))
    if neither:
        findings.append(F.SAFT_NOTE("tables/PartnerDto.jsonl",
                         f"{neither} partner(s) are neither customer nor supplier and have no postings; they are not "
                         "in the SAF-T files' customers or suppliers"))
    if books.counts.rounded:
        findings.append(F.SAFT_NOTE("SAF-T",
                         f"{books.counts.rounded} amount(s) have more than two decimals; the SAF-T files round them "
                         "half-even to two (the JSONL keeps them exact) and every total is the sum of the rounded "
                         "amounts"))
    return findings


__all__ = ["SaftResult", "YearFile", "check", "export", "read_standard_accounts", "write_saft"]
