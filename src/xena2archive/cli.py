"""Command line: parse arguments, show progress, map failures to exit codes. No conversion logic here."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from . import __version__, api
from .api import Options, RunSummary, ZipLimits, document_limits
from .errors import ExitCode, XenaArchiveError
from .progress import Bars, Progress, for_stderr

DESCRIPTION = """\
Turn a Xena "Lokal kopi" backup (the zip, or the folder it was unpacked to) into an archive that
an auditor or an archive accepts:
every table as JSON Lines + JSON Schema + Excel workbook, every original file kept byte for byte,
a report of everything done (report.json), all of it a checksummed BagIt bag.

  xena2archive backup.zip out/          convert (out/ must be empty or missing)
  xena2archive verify out/              judge any BagIt bag, and the archive in it if it is ours
  xena2archive saft out/ [--year 2024]  write the SAF-T Financial DK files again from an archive

Many backups: run one xena2archive per backup with any parallel runner, each with
--summary-json FILE; a backup whose verified archive is already in out/ is skipped
("already archived", exit 0), so a batch can simply be run again after a crash.
"""

EPILOG = """\
exit codes:
  0    archive written, nothing to report (or out/ already holds this backup's verified archive)
  1    archive written and complete, with findings to read in out/data/report.json
  2    wrong arguments, or out/ is not empty (use --force)
  3    the backup was refused (unreadable, damaged, hostile, or changed while read); nothing was written
  4    the output could not be written (disk full, permissions); nothing was written
  5    verify: the bag is damaged or incomplete (also: out/ holds this backup's archive, damaged)
  70   internal error (a bug: please report it with the message); nothing was written
  130  interrupted; nothing was written

Nothing is written to out/ until the archive is complete: the work happens in a hidden folder
beside it, which is renamed to out/ as the last step.
"""


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
    text = text.strip().lower().rstrip("b")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def _parser() -> argparse.ArgumentParser:
    defaults = Options().zip
    parser = argparse.ArgumentParser(
        prog="xena2archive", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("backup", type=Path,
                        help="the backup zip downloaded from Xena, or the folder it was unpacked to")
    parser.add_argument("out", type=Path, help="the folder to write the archive to (empty or new)")
    parser.add_argument("--force", action="store_true", help="replace out/ even if it is not empty")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="parallel workers (default: the number of cores, %(default)s)")
    parser.add_argument("--max-total-size", type=_size, default=defaults.max_total_bytes, metavar="SIZE",
                        help="refuse zips that unpack to more than this (default 64G; e.g. 200G)")
    parser.add_argument("--max-ratio", type=int, default=defaults.max_ratio, metavar="N",
                        help="refuse entries compressed more than N:1, as zip bombs are "
                             f"(default {defaults.max_ratio})")
    parser.add_argument("--max-entries", type=int, default=defaults.max_entries, metavar="N",
                        help=f"refuse zips with more than N files (default {defaults.max_entries:,})")
    documents = Options().documents
    parser.add_argument("--document-timeout", type=float, default=documents.timeout_s, metavar="SECONDS",
                        help=f"give up converting one document after this long; its original is kept "
                             f"(default {documents.timeout_s:g})")
    parser.add_argument("--document-memory", type=int, default=documents.memory_mb, metavar="MB",
                        help=f"memory one document's conversion may use (default {documents.memory_mb:,})")
    parser.add_argument("--max-pages", type=int, default=documents.max_pages, metavar="N",
                        help=f"keep only the original of a document with more pages (default {documents.max_pages:,})")
    parser.add_argument("--saft-accounts", type=Path, metavar="CSV",
                        help="CSV of account number;standard account id (Erhvervsstyrelsen's standard chart of "
                             "accounts) for the SAF-T files' StandardAccountID")
    parser.add_argument("--result-account", metavar="NUMBER",
                        help="the equity account that takes the result of a year whose successor has no opening "
                             "entries in Xena (default: an account of its own, 'Resultat af tidligere år, ikke "
                             "overført i Xena'); the archive keeps it for the saft command")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    # -- many backups (batch.py) --
    parser.add_argument("--summary-json", type=Path, metavar="FILE",
                        help="append one JSON line about this run to FILE, whatever the outcome (for batches)")
    parser.add_argument("--resume-check", choices=("full", "quick"), default="full",
                        help="how an archive of this backup already in out/ is checked before it is kept: "
                             "full (default: `verify`) or quick (every file there, with its size)")
    parser.add_argument("--version", action="version", version=f"xena2archive {__version__}")
    return parser


def _verify_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xena2archive verify", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Judge any BagIt bag by RFC 8493 (and BagIt 0.93-0.97): declaration, every manifest, "
                    "completeness, checksums, fetch.txt (never downloaded), Payload-Oxum. If its data/ is an "
                    "xena2archive archive, also check every JSONL against its schema, every PDF/A copy and "
                    "the report.",
        epilog="exit codes:\n  0    the bag is valid (and so is the archive in it, if it is ours)\n"
               "  2    not a BagIt bag at all (no bagit.txt, no manifest, no data/), or wrong arguments\n"
               "  5    the bag or the archive in it is damaged or incomplete: every reason is printed")
    parser.add_argument("bag", type=Path, help="the bag's folder (the one holding bagit.txt)")
    parser.add_argument("--json", action="store_true", help="print the verdict and every problem as JSON")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="files hashed in parallel (default: the number of cores, %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    return parser


def _saft_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xena2archive saft",
        description="Write the SAF-T Financial DK files (one per fiscal year) again from an archive's own tables "
                    "(data/tables/*.jsonl), byte for byte as the conversion wrote them. The archive is not changed.")
    parser.add_argument("archive", type=Path, help="the archive (the folder the conversion wrote)")
    parser.add_argument("--year", action="append", metavar="YEAR",
                        help="only the fiscal year starting in YEAR (or on this ISO date); may be repeated")
    parser.add_argument("--saft-accounts", type=Path, metavar="CSV",
                        help="account number;standard account id (default: the mapping the archive keeps, if any)")
    parser.add_argument("--result-account", metavar="NUMBER",
                        help="the equity account of prior years' result (default: the one the archive keeps, if any)")
    parser.add_argument("--to", type=Path, default=Path("."), metavar="DIR",
                        help="the folder to write the files to (default: the current folder)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    run: RunSummary | None = None  # set for a conversion; its --summary-json line is written at the end
    try:
        if argv[:1] == ["verify"]:
            return _verify(_verify_parser().parse_args(argv[1:]))
        if argv[:1] == ["saft"]:
            return _saft(_saft_parser().parse_args(argv[1:]))
        if argv[:1] == ["convert"]:
            argv = argv[1:]
        args = _parser().parse_args(argv)
        run = RunSummary(args.backup, args.out)
        code = _convert(args, run)
    except XenaArchiveError as error:
        code = _fail(run, str(error), int(error.exit_code))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        code = _fail(run, "interrupted; nothing was written", int(ExitCode.interrupted))
    except Exception as error:  # a bug: say so plainly, keep the traceback for XENA2ARCHIVE_DEBUG=1
        if os.environ.get("XENA2ARCHIVE_DEBUG"):
            raise
        code = _fail(run, f"internal error ({type(error).__name__}: {error}); nothing was written. "
                          "Run again with XENA2ARCHIVE_DEBUG=1 and report the output.", int(ExitCode.internal))
    if run is not None:
        try:
            run.finish(code)
        except OSError as error:
            failed = code if code > 1 else int(ExitCode.output_problem)
            code = _fail(None, f"cannot write the summary line: {error}", failed)
    return code


def _fail(run: RunSummary | None, message: str, code: int) -> int:
    """Say what went wrong (and keep it for the summary line); return the exit code."""
    print(f"xena2archive: {message}", file=sys.stderr)
    if run is not None:
        run.message = message
    return code


def _options(args: argparse.Namespace, progress: Progress) -> Options:
    """The conversion's options from the flags (``api.convert`` has ``Options.check`` them)."""
    return Options(
        force=args.force, jobs=args.jobs, progress=progress, saft_accounts=args.saft_accounts,
        result_account=args.result_account,
        zip=ZipLimits(max_total_bytes=args.max_total_size, max_ratio=args.max_ratio, max_entries=args.max_entries),
        documents=document_limits(timeout_s=args.document_timeout, memory_mb=args.document_memory,
                                  max_pages=args.max_pages),
    )


def _convert(args: argparse.Namespace, run: RunSummary) -> int:
    run.open_summary(args.summary_json)
    if not args.force:
        existing = api.already_archived(args.backup, args.out, quick=args.resume_check == "quick")
        if existing is not None:
            run.already(existing)
            if not args.quiet:
                print(f"already archived: {args.out} holds the verified archive of {args.backup.name}; "
                      "nothing to do", file=sys.stderr)
            return int(ExitCode.ok)
    progress = for_stderr(args.quiet)
    options = _options(args, progress)
    try:
        report = api.convert(args.backup, args.out, options)
    except MemoryError:
        return _fail(run, "out of memory; try --jobs 1. Nothing was written.", int(ExitCode.internal))
    except (XenaArchiveError, OSError) as error:
        # a full disk is named as such wherever it is met (the bag stage wraps it in an OutputProblem)
        cause = error if isinstance(error, OSError) else error.__cause__
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            return _fail(run, f"the disk holding {Path(args.out).resolve().parent} became full while the archive "
                              "was written. Nothing was written; free some space, or write the archive to "
                              "another disk.", int(ExitCode.output_problem))
        if isinstance(error, XenaArchiveError):
            raise
        return _fail(run, f"cannot write the archive: {error}. Nothing was written.", int(ExitCode.output_problem))
    finally:
        progress.close()
    run.converted(report)
    if not args.quiet:
        print(report.text_summary(), file=sys.stderr)
        print(f"archive written to {args.out}", file=sys.stderr)
    return int(ExitCode.findings if report.warnings else ExitCode.ok)


def _verify(args: argparse.Namespace) -> int:
    import json

    # verify says its percent as it hashes: on a terminal only (a log gets the verdict alone)
    progress = Bars(sys.stderr) if sys.stderr.isatty() and not args.quiet else Progress()
    try:
        verdict = api.verify(args.bag, workers=max(args.jobs, 1), progress=progress)
    finally:
        progress.close()
    if args.json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    else:
        print(verdict.text())
    return int(verdict.exit_code)


def _saft(args: argparse.Namespace) -> int:
    for path in api.saft(args.archive, args.to, years=set(args.year or ()), standard_path=args.saft_accounts,
                         result_account=args.result_account):
        print(path)
    return int(ExitCode.ok)


if __name__ == "__main__":
    sys.exit(main())
