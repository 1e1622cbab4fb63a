"""What the user gave for the SAF-T files that Xena's backup lacks, as the archive keeps it
(``data/saft/options.json``), so that ``xena2archive saft`` writes the same bytes years later.

Only what was given is kept; a missing file or key is "not given". The mapping to standard accounts
is kept apart, in ``standard-accounts.csv`` (``standard``), as archives of earlier versions have it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...books.model import BankAccount, read_bank
from ...errors import UsageError

FILE = "options.json"
STANDARD_VERSIONS = ("20230131", "20260101")  # the lists the 2.1 XSD's VersionOfStandardAccount allows


@dataclass(frozen=True)
class Kept:
    """The options an archive keeps for its SAF-T files."""

    result_account: str | None = None  # --result-account: the equity account of prior years' result
    bank_accounts: tuple[str, ...] = ()  # --bank-account: IBAN, or registration number:account number
    standard_version: str | None = None  # --standard-version: the list of the standard accounts' numbers

    def to_json(self) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        if self.result_account is not None:
            kept["result_account"] = self.result_account
        if self.bank_accounts:
            kept["bank_accounts"] = list(self.bank_accounts)
        if self.standard_version is not None:
            kept["standard_version"] = self.standard_version
        return kept

    def merged(self, given: Kept) -> Kept:
        """These options with what ``given`` (the command line) sets instead."""
        return Kept(result_account=given.result_account if given.result_account is not None else self.result_account,
                    bank_accounts=given.bank_accounts or self.bank_accounts,
                    standard_version=given.standard_version or self.standard_version)

    @property
    def banks(self) -> list[BankAccount]:
        return [bank_account(text) for text in self.bank_accounts]


def bank_account(text: str) -> BankAccount:
    """A bank account the user gave: an IBAN, or ``registration number:account number``."""
    sort_code, colon, number = text.partition(":")
    found = read_bank({"Account": number.strip(), "AccountIdentifier": sort_code.strip()} if colon
                      else {"Account": text.strip()}, "--bank-account")
    if found is None or not (found.iban or colon):
        raise UsageError(f"--bank-account {text!r}: give an IBAN, or the registration number and the account "
                         "number as 1234:0001234567")
    return found


def kept_options(folder: Path) -> Kept:
    """The options kept in ``folder`` (``data/saft``); none when the archive keeps none."""
    path = Path(folder) / FILE
    if not path.is_file():
        return Kept()
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: cannot read the SAF-T options the archive keeps ({error})") from error
    found = found if isinstance(found, dict) else {}
    account, banks = found.get("result_account"), found.get("bank_accounts") or []
    version = found.get("standard_version")
    if version is not None and str(version) not in STANDARD_VERSIONS:
        raise UsageError(f"{path}: standard_version {version!r} is none of {', '.join(STANDARD_VERSIONS)}")
    return Kept(result_account=str(account) if account is not None else None,
                bank_accounts=tuple(str(b) for b in banks), standard_version=str(version) if version else None)


def keep(folder: Path, options: Kept) -> None:
    """Write ``options`` into ``folder`` (``data/saft``), if any was given."""
    kept = options.to_json()
    if kept:
        folder.mkdir(parents=True, exist_ok=True)
        (Path(folder) / FILE).write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n", encoding="utf-8",
                                         newline="\n")
