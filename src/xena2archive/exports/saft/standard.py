"""The mapping of account numbers to Erhvervsstyrelsen's standard chart of accounts that the user gives
(``--saft-accounts map.csv``), and the form the archive keeps it in (``data/saft/standard-accounts.csv``),
so that ``xena2archive saft`` writes the same files later."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ...errors import UsageError

FILE = "standard-accounts.csv"  # the --saft-accounts mapping, as the archive keeps it


def read_standard_accounts(path: Path) -> dict[str, str]:
    """``account number -> standard account id`` from a CSV of two columns (``;``, ``,`` or TAB).

    A first row of two non-numeric cells is a header; empty lines, lines starting with ``#`` and lines
    with an empty second cell are skipped; further columns (the draft's names and reasons) are ignored.
    A line that does not fit stops with a message naming the file and line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the standard account mapping ({error})") from error
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 2 or not cells[0]:
            raise UsageError(f"{path} line {number}: expected 'account number{delimiter}standard account id'")
        if not mapping and not re.search(r"[0-9]", cells[0] + cells[1]):
            continue  # a header
        if not cells[1]:
            continue  # no standard account for this one (as the draft leaves a group it cannot place)
        if len(cells[1]) > 35:
            raise UsageError(f"{path} line {number}: standard account id {cells[1]!r} is longer than 35 characters")
        if cells[0] in mapping and mapping[cells[0]] != cells[1]:
            raise UsageError(f"{path} line {number}: account {cells[0]} is mapped twice")
        mapping[cells[0]] = cells[1]
    return mapping


def standard_accounts_csv(mapping: dict[str, str]) -> str:
    """The mapping as the archive keeps it (``data/saft/standard-accounts.csv``), in account order."""
    rows = sorted(mapping.items(), key=lambda kv: (not kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else 0, kv[0]))
    return "konto;standardkonto\n" + "".join(f"{a};{s}\n" for a, s in rows)
