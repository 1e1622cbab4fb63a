"""What the bag checker says: ``BagProblem`` (one reason, its file and line) and the collector.

A reason is an error (the bag is not valid) or a warning (said, but the bag is valid). Some rules
are errors only from a BagIt version on (``Findings.per_version``), so the collector knows the
version of the bag being judged.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from ..findings import Finding
from .names import display

__all__ = ["BagProblem", "Findings", "Kind", "Severity"]

Kind = Literal["missing", "extra", "checksum", "oxum", "format", "unreadable", "fetch"]
Severity = Literal["error", "warning"]


@dataclasses.dataclass(frozen=True)
class BagProblem:
    """One reason, about one file (``path``, bag-relative; ``.`` is the bag) and maybe one line;
    ``kind`` is its class, ``reason`` what it is, a finding of the catalogue's ``bag-*`` kinds."""

    path: str
    line: int  # 0: about the whole file
    kind: Kind
    reason: Finding
    severity: Severity = "error"

    @property
    def message(self) -> str:
        """The reason in English, without its closing stop (a part of a line that names the file)."""
        return self.reason.phrase

    def __str__(self) -> str:
        where = f"{display(self.path)}, line {self.line}" if self.line else display(self.path)
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": display(self.path),
            "line": self.line or None,
            "kind": self.kind,
            "code": self.reason.code,
            "severity": self.severity,
            "message": self.message,
            "message_da": self.reason.message_da.removesuffix("."),
        }


class Findings:
    """Collects the reasons found while judging one bag of BagIt version ``version``."""

    def __init__(self) -> None:
        self.problems: list[BagProblem] = []
        self.version: tuple[int, int] = (1, 0)

    def error(self, path: str, line: int, kind: Kind, message: Finding) -> None:
        self.problems.append(BagProblem(path, line, kind, message, "error"))

    def warn(self, path: str, line: int, kind: Kind, message: Finding) -> None:
        self.problems.append(BagProblem(path, line, kind, message, "warning"))

    def per_version(self, strict_from: tuple[int, int], path: str, line: int, message: Finding) -> None:
        """A format rule that is an error from version ``strict_from`` on and a warning before."""
        if self.version >= strict_from:
            self.error(path, line, "format", message)
        else:
            self.warn(path, line, "format", message)

    @property
    def v1(self) -> bool:
        """The bag is BagIt 1.0 (RFC 8493), whose rules are stricter than the drafts'."""
        return self.version >= (1, 0)
