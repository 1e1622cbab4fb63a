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

from ...errors import UsageError

FILE = "options.json"


@dataclass(frozen=True)
class Kept:
    """The options an archive keeps for its SAF-T files."""

    result_account: str | None = None  # --result-account: the equity account of prior years' result

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in (("result_account", self.result_account),) if value is not None}

    def merged(self, given: Kept) -> Kept:
        """These options with what ``given`` (the command line) sets instead."""
        return Kept(result_account=given.result_account if given.result_account is not None else self.result_account)


def kept_options(folder: Path) -> Kept:
    """The options kept in ``folder`` (``data/saft``); none when the archive keeps none."""
    path = Path(folder) / FILE
    if not path.is_file():
        return Kept()
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: cannot read the SAF-T options the archive keeps ({error})") from error
    account = found.get("result_account") if isinstance(found, dict) else None
    return Kept(result_account=str(account) if account is not None else None)


def keep(folder: Path, options: Kept) -> None:
    """Write ``options`` into ``folder`` (``data/saft``), if any was given."""
    kept = options.to_json()
    if kept:
        folder.mkdir(parents=True, exist_ok=True)
        (Path(folder) / FILE).write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n", encoding="utf-8",
                                         newline="\n")
