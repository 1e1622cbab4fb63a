"""The books as SAF-T Financial DK: one file per fiscal year in ``data/saft/``.

``write_saft(books, data, created)`` is the conversion's stage and the ``saft`` command's work alike:
the books are loaded from the archive's own JSONL tables (``data/tables/``) and nothing else, so
the same archive always gives the same bytes, years after the conversion. ``check(data)`` re-reads
the files as ``verify`` does: each against the package's XSD, and the books within and across the
files.
"""

from __future__ import annotations

import json
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import findings as F
from ... import fmt
from ...books import Books, FiscalYear, open_books
from ...books.balances import CARRIED, NONE
from ...errors import UsageError
from ...findings import Finding
from ...layout import REPORT, SAFT, TABLES
from ...records import documents_of_archive
from ...software import publisher
from .check import XSD, check, schema, schema_error
from .draft import FILE as DRAFT
from .draft import draft_csv, draft_rows
from .kept import Kept, keep, kept_options
from .standard import FILE as STANDARD_ACCOUNTS
from .standard import read_standard_accounts, standard_accounts_csv
from .write import STANDARD_VERSION, YearFile, YearWriter, cvr_number, file_name

STANDARD_COLUMNS = {"LedgerTagDto": F.SAFT_STANDARD_ACCOUNT_COLUMN, "VatDto": F.SAFT_STANDARD_VAT_COLUMN}

# What the Danish format asks for that Xena's data does not hold, and what the files do instead.
FIXED_GAPS = (F.GAP_JOURNALS, F.GAP_ADDRESS, F.GAP_OPENINGS)


# The public copy of Erhvervsstyrelsen's SAF-T Financial DK 2.1 XSD the tests validate the files against
# (tests/saft/test_saft_e2e.py checks that the copy it reads has this hash); the index and README name it.
REFERENCE_XSD_SHA256 = "0efbff2e794c0dd324021972d68e628ea8818824779dbb7da62347a8e3ae1ee3"


@dataclass
class SaftResult:
    """What ``write_saft`` wrote, had to leave out, and found."""

    reference_xsd = REFERENCE_XSD_SHA256

    files: list[YearFile] = field(default_factory=list)
    gaps: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"files": [f.to_json() for f in self.files], "gaps": [gap.message for gap in self.gaps]}


def write_saft(books: Books, data: Path, created: str, *, standard: dict[str, str] | None = None,
               kept: Kept = Kept(), years: set[str] | None = None, out: Path | None = None) -> SaftResult:
    """Write the SAF-T files of ``books``, the books of the archive whose payload is ``data``, into
    ``out`` (``data/saft``).

    ``created`` is the ISO date the files say they were made (the backup's date). ``standard`` maps
    account numbers to Erhvervsstyrelsen's standard accounts; when None, the mapping the archive
    keeps in ``data/saft/standard-accounts.csv`` is used, if any. ``years`` limits the files to the
    fiscal years whose start year or start date is named. ``kept`` is what the user gave that the
    archive keeps beside the files (``kept``); the books were opened with its result account.
    """
    data = Path(data)
    out = Path(out) if out is not None else data / SAFT
    kept_standard = data / SAFT / STANDARD_ACCOUNTS
    if standard is None and kept_standard.is_file():
        standard = read_standard_accounts(kept_standard)
    result = SaftResult()
    if not books.years:  # a file covers a fiscal year: none without; a fact, like a missing VoucherDto
        result.findings.append(F.SAFT_NO_YEARS("SAF-T"))
        return result
    writer = YearWriter(books, created, dict(standard or {}), kept.banks, publisher=publisher(),
                        standard_version=kept.standard_version or STANDARD_VERSION)
    xsd = schema()
    for year in books.years:
        if years and year.start[:4] not in years and year.start not in years:
            continue
        path = out / file_name(books.company.cvr, year)
        written = writer.write(year, path, header_comment(books, year, writer))
        error = schema_error(path, xsd)  # validated as written: the outcome is the preservation metadata's too
        written.validation = "invalid" if error else "valid"
        if error:
            result.findings.append(F.SAFT_CHECK_INVALID(written.file, xsd=XSD, error=error))
        result.files.append(written)
        if written.unbalanced:
            shown = [F.TRANSACTION_SUM(written.file, transaction=t, sum=Decimal(s)) for t, s in written.unbalanced[:10]]
            result.findings.append(F.SAFT_UNBALANCED(written.file, count=len(written.unbalanced), shown=shown))
    keep(out, kept)
    if standard:
        out.mkdir(parents=True, exist_ok=True)
        (out / STANDARD_ACCOUNTS).write_text(standard_accounts_csv(standard), encoding="utf-8", newline="\n")
    if result.files:  # what the written files lack, and what of the books they leave out
        rows = draft_rows(books)  # beside the files, for the user to review; the files never take it
        (out / DRAFT).write_text(draft_csv(rows), encoding="utf-8", newline="\n")
        result.gaps = _gaps(books, writer, standard)
        result.findings.extend(_findings(books))
        result.findings.append(F.SAFT_STANDARD_DRAFT(f"{SAFT}/{DRAFT}", file=f"{SAFT}/{DRAFT}", total=len(rows),
                                                     count=sum(1 for row in rows if row[1])))
    return result


def export(archive: Path, to: Path, *, years: set[str] | None = None, standard_path: Path | None = None,
           given: Kept = Kept()) -> list[Path]:
    """``xena2archive saft``: the files of an existing archive, written again into ``to``; their paths.
    What the archive keeps (``kept``) is used unless given here."""
    data = Path(archive) / "data"
    if not (data / TABLES).is_dir():
        raise UsageError(f"{archive}: not an archive written by xena2archive (it has no data/tables folder)")
    try:
        created = str(json.loads((data / REPORT).read_text(encoding="utf-8"))["input"]["backup_time"])[:10]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{data / REPORT}: cannot read the backup's date from it ({error})") from error
    standard = read_standard_accounts(standard_path) if standard_path else None
    kept = kept_options(data / SAFT).merged(given)
    documents = documents_of_archive(data / TABLES)  # SourceDocumentID links lines to them, as at the conversion
    with open_books(data / TABLES, documents, result_account=kept.result_account) as books:
        result = write_saft(books, data, created, standard=standard, kept=kept, years=years, out=Path(to))
    if years and not result.files:
        raise UsageError(f"no fiscal year starts in {', '.join(sorted(years))}")
    return [Path(to) / Path(f.file).name for f in result.files]


def _gaps(books: Books, writer: YearWriter, standard: dict[str, str] | None) -> list[Finding]:
    where = "SAF-T"
    gaps = [gap(where) for gap in FIXED_GAPS]
    if not standard and not any(a.standard for a in books.accounts.values()):
        gaps.insert(0, F.GAP_STANDARD_ACCOUNTS(where))
    else:
        mapped = standard or {}
        missing = [a.key for a in books.accounts.values() if not a.standard and (a.number or a.key) not in mapped]
        if missing:
            gaps.insert(0, F.GAP_STANDARD_ACCOUNTS_MISSING(where, count=len(missing), examples=missing[:5]))
    company = books.company
    if not company.banks:
        gaps.append(F.GAP_BANK_GIVEN(where, count=len(writer.banks)) if writer.banks else F.GAP_BANK(where))
    if writer.unmapped_vat:
        gaps.append(F.GAP_STANDARD_TAX(where, count=len(writer.unmapped_vat), codes=sorted(writer.unmapped_vat)))
    if writer.no_vat_codes:
        gaps.append(F.GAP_NO_VAT_CODES(where))
    if writer.rate_unknown:
        gaps.append(F.GAP_VAT_RATES(where, count=len(writer.rate_unknown), codes=sorted(writer.rate_unknown)))
    if not writer.publisher:
        gaps.append(F.GAP_PUBLISHER(where))
    if writer.effective_unknown:
        gaps.append(F.GAP_EFFECTIVE_DATES(where, count=len(writer.effective_unknown),
                                          codes=sorted(writer.effective_unknown)))
    if writer.addresses_incomplete:
        gaps.append(F.GAP_ADDRESSES_INCOMPLETE(where, count=len(writer.addresses_incomplete),
                                               examples=sorted(writer.addresses_incomplete)[:5]))
    gaps.append(F.GAP_EXCHANGE_RATES(where, zero=f" ({writer.no_rate} × 0: currency amount 0)" if writer.no_rate
                                     else ""))
    if not cvr_number(company.cvr):
        gaps.append(F.GAP_CVR(where))
    if not (company.currency and len(company.currency) == 3):
        gaps.append(F.GAP_CURRENCY(where))
    counted = ((F.GAP_ENTRY_DATES, writer.entry_dates_missing), (F.GAP_CURRENCY_CODES, writer.bad_currencies),
               (F.GAP_RECORD_IDS, writer.long_record_ids), (F.GAP_SYSTEM_IDS, writer.long_system_ids),
               (F.GAP_TEXTS_DROPPED, writer.texts.dropped))
    gaps.extend(kind(where, count=n) for kind, n in counted if n)
    gaps.extend(F.GAP_TEXTS_CUT(where, count=n, element=element) for element, n in writer.texts.cut.items() if n)
    return gaps


def header_comment(books: Books, year: FiscalYear, writer: YearWriter) -> str:
    """The file's HeaderComment (Danish, at most 256 characters): how the year opened, and what the format
    requires that Xena's data lacks; report.json and the index say it in full."""
    opening = books.balances.openings[year.index]
    parts = []
    if opening.basis == NONE:
        parts.append("Ingen primoposter i Xena for første regnskabsår: saldi formentlig ufuldstændige.")
    elif opening.basis == CARRIED and opening.moved_by:
        parts.append(f"Ingen primoposter i Xena; bilag {', '.join(opening.moved_by[:3])} flytter det foregående "
                     "års resultat.")
    elif opening.basis == CARRIED and opening.result_account is not None:
        account = books.balances.chart[opening.result_account]
        parts.append(f"Ingen primoposter i Xena: det foregående års resultat {fmt.money(opening.result)} er i "
                     f"primo på konto {account.number or account.key}.")
    elif opening.basis == CARRIED:
        parts.append("Ingen primoposter i Xena: balancen er ført videre, resultatopgørelsen åbner med 0.")
    if not books.company.banks:
        parts.append("Bankkonto angivet af brugeren." if writer.banks else "Ingen bankkonto i Xena.")
    parts.append("Se report.json.")
    return " ".join(parts)


def _findings(books: Books) -> list[Finding]:
    """What of the books the files hold otherwise than the tables do (the audit reports the rest)."""
    findings = [STANDARD_COLUMNS[table](f"{TABLES}/{table}.jsonl", table=table, column=column)
                for table, column in sorted(books.standard_columns.items()) if column]
    neither = sum(1 for p in books.parties.values() if not (p.customer or p.supplier))
    if neither:
        findings.append(F.SAFT_PARTNERS_LEFT_OUT(f"{TABLES}/PartnerDto.jsonl", count=neither))
    if books.counts.rounded:
        findings.append(F.SAFT_AMOUNTS_ROUNDED("SAF-T", count=books.counts.rounded))
    return findings


__all__ = ["REFERENCE_XSD_SHA256", "Kept", "SaftResult", "YearFile", "check", "export", "read_standard_accounts",
           "write_saft"]
