"""How a conversion runs: one options object for every limit the user can set, checked in one place."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .source import Limits


@dataclass(frozen=True)
class Options:
    """How a conversion runs; every field has a command-line flag."""

    force: bool = False
    jobs: int = max(os.cpu_count() or 1, 1)
    limits: Limits = field(default_factory=Limits)
    progress: Callable[[str], None] = lambda message: None
    saft_accounts: Path | None = None  # CSV: account number -> Erhvervsstyrelsen's standard account id
