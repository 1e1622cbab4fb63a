"""The one entry point for programs: ``convert(backup, out)``. The CLI is a thin layer over this."""

from __future__ import annotations

from pathlib import Path

from . import output, run
from .options import Options
from .report import Report
from .saft import read_standard_accounts
from .source import list_backup


def convert(backup: Path, out: Path, options: Options = Options()) -> Report:
    """Turn a Xena backup (the zip, or the folder it was unpacked to) into a complete archive in
    ``out``, or raise and leave no ``out``.

    Raises a ``XenaArchiveError`` subclass for input that is refused and for output that cannot be
    written; problems inside the data are findings in the returned report, not exceptions.
    """
    backup, out = Path(backup), Path(out)
    options.check()
    output.check_output(out, options.force, backup)
    standard_accounts = read_standard_accounts(options.saft_accounts) if options.saft_accounts else None
    listing = list_backup(backup, options.zip)  # refuses hostile input before anything is written
    with output.staged(out, listing) as staging:
        return run.convert(listing, staging, options, standard_accounts)
