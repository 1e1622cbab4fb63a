"""The table model: one typed description of a column drives every writer.

The reader parses with it, the JSON Schema, the workbook's cell types and the index's formatting all
come from it, so the four outputs can never disagree about what a column holds.

Column names: a nested object's fields are flattened with a dot (``Address.Name``), at any depth.
A ``...Days`` integer date gets a derived ISO date column beside it, named ``<Name>_date``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property


class Kind(str, enum.Enum):
    """The value types of Xena's contracts, as they appear in the JSONL.

    ``decimal`` is written as a JSON *string* holding the exact decimal text (``"-1234.50"``): a JSON
    number would be read as a binary float by most readers, and money must stay exact.
    """

    int32 = "int32"
    int64 = "int64"
    decimal = "decimal"
    boolean = "bool"
    datetime = "datetime"
    date_days = "date-days"
    date = "date"  # derived ISO date of a date-days column
    guid = "guid"
    string = "string"
    array = "array"

    @classmethod
    def from_catalogue(cls, type_name: str) -> Kind:
        """Map a type of ``xena-dtos.json`` to the kind we write (double is written exactly too)."""
        if type_name.startswith("array:"):
            return cls.array
        return {"double": cls.decimal}.get(type_name) or cls(type_name)


@dataclass(frozen=True)
class Column:
    """One column of a table as written: the name in the JSONL, its kind, and what it means."""

    name: str
    kind: Kind
    description_da: str = ""
    description_en: str = ""
    derived_from: str | None = None  # set for the ``_date`` column of a ``...Days`` column
    in_catalogue: bool = True


@dataclass(frozen=True)
class TableSpec:
    """What the catalogue knows about a table before any input is read."""

    name: str
    description_da: str
    columns: tuple[Column, ...]
    key: str | None = "Id"
    known: bool = True

    @cached_property
    def by_name(self) -> dict[str, Column]:
        """The catalogue's columns by name."""
        return {c.name: c for c in self.columns}


@dataclass
class ColumnStats:
    """What one pass over a column saw; the output schema states exactly this."""

    nullable: bool = False  # a null was written in this column
    text_fallbacks: int = 0  # values that did not parse as the column's kind and were kept as text


@dataclass
class TableStats:
    """Per-column statistics gathered while writing, in column order."""

    columns: dict[str, ColumnStats] = field(default_factory=dict)

    def of(self, name: str) -> ColumnStats:
        stats = self.columns.get(name)
        if stats is None:
            stats = self.columns[name] = ColumnStats()
        return stats


def derived_date_name(days_column: str) -> str:
    """Name of the ISO date column derived from a ``...Days`` integer column."""
    return f"{days_column}_date"
