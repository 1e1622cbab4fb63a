"""``xena2archive verify BAG``: judge any BagIt bag, then check what is ours in it.

First the bag, by RFC 8493 and the BagIt versions before it (``bag.check``): a valid bag made by
any conforming tool passes, whatever is in it. Then, only if ``data/`` is an xena2archive archive
(``archivecheck.is_archive``), every check in ``ARCHIVE_CHECKS`` runs on ``data/``. A check is a
function ``check(data: Path) -> list[Finding]`` returning its problems (empty: all good), each
naming the file (its ``where``) and, where it can, the line; adding a check is one line in ``ARCHIVE_CHECKS``. A check
may return an ``archivecheck.Checked`` (the same list, with counts) to have the verdict say how
much it checked.

Exit codes: 0 valid, 5 damaged, 2 not a bag at all (nothing to judge: the wrong folder was given).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import archivecheck
from . import findings as F
from .exports import datapackage, saft
from .bag.check import BagProblem, BagReport, check_bag
from .errors import ExitCode
from .findings import Finding

Check = Callable[[Path], list[Finding]]


#: What is checked in ``data/`` of an xena2archive archive, in this order: (what, check).
ARCHIVE_CHECKS: tuple[tuple[str, Check], ...] = (
    ("originals", archivecheck.check_originals),
    ("tables against their schemas", archivecheck.check_tables),
    ("PDF/A copies", archivecheck.check_documents),
    ("datapackage.json", datapackage.check),
    ("SAF-T files", saft.check),
    ("METS.xml checksums", archivecheck.check_mets),
)

NOT_OURS = "valid BagIt bag; not an xena2archive archive, so only the bag was checked"


@dataclass
class Verdict:
    """The outcome: the bag's judgement, and the archive checks' problems if the bag is ours."""

    bag: BagReport
    ours: bool = False
    checks: list[str] = field(default_factory=list)  # the archive checks that ran
    counted: dict[str, int] = field(default_factory=dict)  # what they checked, e.g. {"rows": 120}
    archive_problems: list[tuple[str, Finding]] = field(default_factory=list)  # (check, problem)

    @property
    def ok(self) -> bool:
        return self.bag.valid and not self.archive_problems

    @property
    def exit_code(self) -> ExitCode:
        if not self.bag.is_bag:
            return ExitCode.usage
        return ExitCode.ok if self.ok else ExitCode.verify_failed

    @property
    def problems(self) -> list[str]:
        """Every reason the bag fails, as text (bag first, then the archive checks)."""
        return [str(p) for p in self.bag.errors] + [_said(p) for _, p in self.archive_problems]

    def _about(self) -> str:
        bag = self.bag
        manifests = " and ".join(bag.algorithms) or "no"
        about = (f"BagIt {bag.version}, {bag.payload_files:,} payload files, "
                 f"{_size(bag.payload_octets)}, {manifests} manifest"
                 f"{'s' if len(bag.algorithms) > 1 else ''}")
        if bag.not_fetched:
            about += f", {bag.not_fetched} file(s) to fetch not checked"
        return about

    def text(self) -> str:
        if not self.bag.is_bag:
            return "NOT A BAG: " + "; ".join(p.message for p in self.bag.errors)
        warnings = "".join(f"\n  warning: {w}" for w in self.bag.warnings)
        if self.ok and self.ours:
            counts = "".join(f"; {n:,} {what}" for what, n in self.counted.items())
            return (f"OK: the bag is complete and intact ({self._about()}), and so is the "
                    f"xena2archive archive in it (checked: {', '.join(self.checks)}{counts})."
                    f"{warnings}")
        if self.ok:
            return f"OK: {NOT_OURS} ({self._about()}).{warnings}"
        problems = self.problems
        shown = "\n".join(f"  - {p}" for p in problems)
        return f"FAILED: {len(problems)} problem(s) ({self._about()}):\n{shown}{warnings}"

    def to_json(self) -> dict[str, Any]:
        bag = self.bag
        verdict = "not a bag" if not bag.is_bag else "valid" if self.ok else "damaged"

        def bag_item(problem: BagProblem) -> dict[str, object]:
            return {"check": "bag", **problem.to_json()}

        return {
            "verdict": verdict,
            "exit_code": int(self.exit_code),
            "path": str(bag.path),
            "bag": {
                "version": bag.version,
                "tag_file_encoding": bag.encoding,
                "algorithms": list(bag.algorithms),
                "payload_files": bag.payload_files,
                "payload_octets": bag.payload_octets,
                "not_fetched": bag.not_fetched,
            },
            "xena2archive_archive": self.ours,
            "archive_checks": self.checks,
            "archive_counted": self.counted,
            "problems": [bag_item(p) for p in bag.errors]
            + [{"check": check, "severity": "error", "file": problem.where, "code": problem.code,
                "message": problem.phrase, "message_da": problem.message_da.removesuffix(".")}
               for check, problem in self.archive_problems],
            "warnings": [bag_item(p) for p in bag.warnings],
        }


def verify(
    bag: Path,
    *,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
    checks: tuple[tuple[str, Check], ...] = ARCHIVE_CHECKS,
) -> Verdict:
    """Judge ``bag``; never raises for a damaged bag or archive (a failing check is a problem)."""
    bag = Path(bag)

    shown = -1

    def hashed(done: int, total: int) -> None:  # called for every block read: say each new percent
        nonlocal shown
        percent = 100 * done // max(total, 1)
        if percent != shown:
            shown = percent
            progress(f"checksums {percent} % ({_size(done)} of {_size(total)})")

    report = check_bag(bag, workers=workers or os.cpu_count() or 1, progress=hashed)
    verdict = Verdict(report)
    data = bag / "data"
    if not report.is_bag or not archivecheck.is_archive(data):
        return verdict
    verdict.ours = True
    seen: set[Finding] = set()
    for label, check in checks:
        progress(label)
        try:
            found = check(data)
        except Exception as exc:  # a check that trips over damaged data is a finding, not a crash
            found = [exc.finding if isinstance(exc, archivecheck.ReportUnreadable)
                     else F.ARCHIVE_CHECK_FAILED(label, error=f"{type(exc).__name__}: {exc}")]
        verdict.checks.append(label)
        verdict.counted.update(getattr(found, "counted", {}))
        for problem in found:
            if problem not in seen:  # e.g. an unreadable report.json, told by every check once
                seen.add(problem)
                verdict.archive_problems.append((label, problem))
    return verdict


def _said(problem: Finding) -> str:
    """An archive check's problem as a line of the verdict: its file, then what is wrong."""
    return f"{problem.where}: {problem.phrase}"


def _size(octets: int) -> str:
    value, unit = float(octets), "B"
    for next_unit in ("kB", "MB", "GB", "TB"):
        if value < 1000:
            break
        value, unit = value / 1000, next_unit
    return f"{octets} B" if unit == "B" else f"{value:.1f} {unit}"
