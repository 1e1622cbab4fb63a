"""The one door for programs and for the command line: convert, verify, saft, and what batches ask.

``cli`` parses arguments and maps failures to exit codes; everything it does goes through here. The
defaults of every limit are ``Options()``'s. Each call imports its stages only when it is made, so
the door stays light (``xena2archive --help`` loads none of them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import RunSummary
from .options import Options, document_limits
from .source import ZipLimits

if TYPE_CHECKING:
    from .report import Report
    from .verify import Verdict

__all__ = ["Options", "RunSummary", "ZipLimits", "already_archived", "convert", "document_limits", "saft", "verify"]


def convert(backup: Path, out: Path, options: Options = Options()) -> Report:
    """Turn a Xena backup (the zip, or the folder it was unpacked to) into a complete archive in
    ``out``, or raise and leave no ``out``.

    Raises a ``XenaArchiveError`` subclass for input that is refused and for output that cannot be
    written; problems inside the data are findings in the returned report, not exceptions.
    """
    from . import output, run
    from .exports.saft import read_standard_accounts
    from .source import list_backup

    backup, out = Path(backup), Path(out)
    options.check()
    output.check_output(out, options.force, backup)
    standard_accounts = read_standard_accounts(options.saft_accounts) if options.saft_accounts else None
    listing = list_backup(backup, options.zip)  # refuses hostile input before anything is written
    with output.staged(out, listing) as staging:
        return run.convert(listing, staging, options, standard_accounts)


def verify(bag: Path, *, workers: int | None = None,
           progress: Callable[[str], None] = lambda message: None) -> Verdict:
    """Judge any BagIt bag, and the xena2archive archive in it if it is one (``verify.verify``)."""
    from .verify import verify as judge

    return judge(Path(bag), workers=workers, progress=progress)


def saft(archive: Path, to: Path, *, years: set[str] | None = None,
         standard_path: Path | None = None, result_account: str | None = None) -> list[Path]:
    """Write an archive's SAF-T files again, from its own tables, into ``to``; their paths. What is not
    given is taken from what the archive keeps."""
    from .exports.saft import export

    return export(Path(archive), Path(to), years=years, standard_path=standard_path, result_account=result_account)


def already_archived(backup: Path, out: Path, *, quick: bool = False) -> dict[str, Any] | None:
    """The report of ``out`` if it is this backup's verified archive (``batch.already_archived``)."""
    from .batch import already_archived as check

    return check(Path(backup), Path(out), quick=quick)
