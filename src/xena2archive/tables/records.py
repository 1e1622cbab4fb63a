"""The raw record both table readers yield: where it starts, its raw values, or why it is rejected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..findings import Finding


@dataclass(slots=True)
class Record:
    """One input record before typing.

    ``values`` is a list in header order (CSV) or a dict by column name (XML); ``None`` when the
    record could not be read as a row at all, and then ``reject`` says why and ``raw`` keeps what
    was read of it.
    """

    line: int
    values: list[str] | dict[str, Any] | None
    reject: Finding | None
    raw: list[Any] | None
