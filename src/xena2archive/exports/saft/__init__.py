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
from ...books import Books, open_books
from ...errors import UsageError
from ...findings import Finding
from ...layout import REPORT, SAFT, TABLES
from .check import check
from .kept import Kept, keep, kept_options
from .standard import FILE as STANDARD_ACCOUNTS
from .standard import read_standard_accounts, standard_accounts_csv
from .write import YearFile, YearWriter, file_name

# What the Danish format asks for that Xena's data does not hold, and what the files do instead.
FIXED_GAPS = (F.GAP_CONTACT, F.GAP_BANK, F.GAP_STANDARD_TAX, F.GAP_JOURNALS, F.GAP_ADDRESS, F.GAP_OPENINGS,
              F.GAP_EXCHANGE_RATES)


@dataclass
class SaftResult:
    """What ``write_saft`` wrote, had to leave out, and found."""

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
    writer = YearWriter(books, created, dict(standard or {}))
    for year in books.years:
        if years and year.start[:4] not in years and year.start not in years:
            continue
        written = writer.write(year, out / file_name(books.company.cvr, year))
        result.files.append(written)
        if written.unbalanced:
            shown = [F.TRANSACTION_SUM(written.file, transaction=t, sum=Decimal(s)) for t, s in written.unbalanced[:10]]
            result.findings.append(F.SAFT_UNBALANCED(written.file, count=len(written.unbalanced), shown=shown))
    keep(out, kept)
    if standard:
        out.mkdir(parents=True, exist_ok=True)
        (out / STANDARD_ACCOUNTS).write_text(standard_accounts_csv(standard), encoding="utf-8", newline="\n")
    if result.files:  # what the written files lack, and what of the books they leave out
        result.gaps = _gaps(books, writer, standard)
        result.findings.extend(_findings(books))
    return result


def export(archive: Path, to: Path, *, years: set[str] | None = None, standard_path: Path | None = None,
           result_account: str | None = None) -> list[Path]:
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
    kept = kept_options(data / SAFT).merged(Kept(result_account=result_account))
    with open_books(data / TABLES, result_account=kept.result_account) as books:
        result = write_saft(books, data, created, standard=standard, kept=kept, years=years, out=Path(to))
    if years and not result.files:
        raise UsageError(f"no fiscal year starts in {', '.join(sorted(years))}")
    return [Path(to) / Path(f.file).name for f in result.files]


def _gaps(books: Books, writer: YearWriter, standard: dict[str, str] | None) -> list[Finding]:
    where = "SAF-T"
    gaps = [gap(where) for gap in FIXED_GAPS]
    if not standard:
        gaps.insert(0, F.GAP_STANDARD_ACCOUNTS(where))
    else:
        missing = [a.key for a in books.accounts.values() if (a.number or a.key) not in standard]
        if missing:
            gaps.insert(0, F.GAP_STANDARD_ACCOUNTS_MISSING(where, count=len(missing), examples=missing[:5]))
    company = books.company
    if not company.phone:
        gaps.append(F.GAP_PHONE(where))
    if not company.cvr:
        gaps.append(F.GAP_CVR(where))
    if not (company.currency and len(company.currency) == 3):
        gaps.append(F.GAP_CURRENCY(where))
    counted = ((F.GAP_ENTRY_DATES, writer.entry_dates_missing), (F.GAP_CURRENCY_CODES, writer.bad_currencies),
               (F.GAP_RECORD_IDS, writer.long_record_ids), (F.GAP_TEXTS_DROPPED, writer.texts.dropped))
    gaps.extend(kind(where, count=n) for kind, n in counted if n)
    gaps.extend(F.GAP_TEXTS_CUT(where, count=n, element=element) for element, n in writer.texts.cut.items() if n)
    return gaps


def _findings(books: Books) -> list[Finding]:
    """What of the books the files hold otherwise than the tables do (the audit reports the rest)."""
    findings = []
    neither = sum(1 for p in books.parties.values() if not (p.customer or p.supplier))
    if neither:
        findings.append(F.SAFT_PARTNERS_LEFT_OUT(f"{TABLES}/PartnerDto.jsonl", count=neither))
    if books.counts.rounded:
        findings.append(F.SAFT_AMOUNTS_ROUNDED("SAF-T", count=books.counts.rounded))
    return findings


__all__ = ["Kept", "SaftResult", "YearFile", "check", "export", "read_standard_accounts", "write_saft"]
