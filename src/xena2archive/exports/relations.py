"""Foreign keys from the data: which column of a table refers to which table, and what dangles.

Candidates come from Xena's naming: a whole-number column ``<Name>Id`` refers to the table whose
key it is, ``<Name>Dto`` (or ``<Name>``), and a prefix before the name is a role
(``FirstDocumentId``, ``PaymentLedgerTagId``, ``Dimensions.BearerId``): the longest name of a
table of Xena's catalogue that the column's name ends with is taken, and the relation is a
candidate when that table is in the archive with a whole-number key that is unique and never
empty. The relations the index and the documents already rely on (``links.py``,
``books/ledger.py``) are listed in ``DOCUMENTED``; they are declared whenever both tables are
there. A naming candidate is declared only when the data holds it: at least one of its values is
a key of the table it names. ``DocumentRelationDto.RelationId`` names a voucher, a partner, an
order or a posting depending on its ``Type``, which a foreign key cannot say; it is left to the
documents' links.

References that point to no row are counted per relation, and the first ones are listed with
their line. Memory stays flat: a table's keys take at most 8 bytes each (a bitmap over their
range, or a sorted ``array('q')`` searched by bisection; a small table's keys are a frozenset),
and each referencing table is read once, all its references checked in that one pass. Of a line only
the few fields wanted are made into Python values (see ``Fields``).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .. import catalogue
from ..model import Kind

MAX_EXAMPLES = 20  # dangling references listed per relation; the count is exact
SMALL = 1 << 16  # keys of a table up to this many are held as a frozenset (faster to look up)
INTEGER_KINDS = frozenset({Kind.int32, Kind.int64})
INT64 = (-(2**63), 2**63 - 1)

# (table, column) -> the table it refers to: the relations links.py and books/ledger.py rely on
DOCUMENTED: dict[tuple[str, str], str] = {
    ("LedgerPostDto", "VoucherId"): "VoucherDto",
    ("LedgerPostDto", "LedgerTagId"): "LedgerTagDto",
    ("LedgerPostDto", "PartnerId"): "PartnerDto",
    ("VoucherDto", "FiscalPeriodId"): "FiscalPeriodDto",
    ("VoucherDto", "FirstDocumentId"): "DocumentDto",
    ("DocumentRelationDto", "DocumentId"): "DocumentDto",
    ("OrderJournalEntryDto", "DocumentId"): "DocumentDto",
    ("OrderJournalEntryDto", "OrderId"): "OrderDto",
    ("ArchiveDocuments", "DocumentId"): "DocumentDto",
}


@dataclass(frozen=True)
class TableFile:
    """One written table as the relations see it: its JSONL, its columns' kinds, its key.

    ``key`` is set only for a key that is unique and never null (a primary key)."""

    name: str
    jsonl: Path
    kinds: dict[str, Kind]  # column -> kind, in column order
    key: str | None
    known: bool = True  # in Xena's catalogue; a table that is not gets no keys and no relations


@dataclass
class FileFacts:
    """What a reader of the package checks a JSONL by: its sha256, its size, its lines."""

    sha256: str
    bytes: int
    rows: int


@dataclass
class Relation:
    """One candidate foreign key and what the data says about it."""

    table: str
    column: str
    target: str
    target_column: str
    documented: bool
    references: int = 0  # values that are not null
    dangling: int = 0  # of which no row of the target has that key
    examples: list[tuple[int, Any]] = field(default_factory=list)  # (JSONL line, value)

    @property
    def declared(self) -> bool:
        """Documented relations always; a naming candidate when one value at least resolves."""
        return self.documented or self.references > self.dangling

    def to_json(self) -> dict[str, Any]:
        return {"column": self.column, "target": self.target, "target_column": self.target_column,
                "documented": self.documented, "declared": self.declared, "references": self.references,
                "dangling": self.dangling,
                "dangling_examples": [{"line": line, "value": value} for line, value in self.examples]}


class Keys:
    """The key values of a table, held compactly, in the cheapest form that fits them.

    A few (up to ``SMALL``): a frozenset. Many, in a range at most 64 times their number (ids
    handed out in sequence, as Xena's are): a bitmap over that range, one bit a possible id, so
    never more than the 8 bytes a key a sorted array takes. Otherwise a sorted ``array('q')``
    searched by bisection.
    """

    def __init__(self, values: array) -> None:
        self.small: frozenset[int] | None = None
        self.bits: bytearray | None = None
        self.sorted = array("q")
        if len(values) <= SMALL:
            self.small = frozenset(values)
            return
        self.low, high = min(values), max(values)
        self.span = high - self.low + 1
        if self.span <= 64 * len(values):
            self.bits = bytearray((self.span + 7) // 8)
            for value in values:
                offset = value - self.low
                self.bits[offset >> 3] |= 1 << (offset & 7)
        else:
            self.sorted = array("q", sorted(values))  # sorted() holds the ints once, briefly

    def __contains__(self, value: object) -> bool:
        if type(value) is not int:  # a value kept as text never matches a whole-number key
            return False
        if self.small is not None:
            return value in self.small
        if self.bits is not None:
            offset = value - self.low
            return 0 <= offset < self.span and bool(self.bits[offset >> 3] >> (offset & 7) & 1)
        index = bisect_left(self.sorted, value)
        return index < len(self.sorted) and self.sorted[index] == value


class Fields:
    """Picks a few top-level fields (distinct names) out of one JSONL line (bytes).

    msgspec reads the line into a struct of those fields alone: every other value is checked as
    JSON but never made into a Python object, so a line of 40 columns costs about a third of what
    picking the fields out of its bytes with ``bytes.find`` did (a million postings, six fields:
    1.2 s against 3.8 s of CPU), and a quarter of ``json.loads``. A field the line lacks is None. What
    msgspec refuses and ``json.loads`` reads (``NaN``, a lone surrogate escape) is read whole by
    ``json.loads``, as is what is no JSON object, which fails there as it always did. Both ways give
    the same values.
    """

    def __init__(self, names: list[str]) -> None:
        self.names = names
        struct = msgspec.defstruct("Picked", [(f"f{index}", Any, None) for index in range(len(names))],
                                   rename={f"f{index}": name for index, name in enumerate(names)})
        self.decoder = msgspec.json.Decoder(struct)

    def __call__(self, line: bytes) -> list[Any]:
        try:
            return list(msgspec.structs.astuple(self.decoder.decode(line)))
        except msgspec.DecodeError:
            return self.parsed(line)

    def parsed(self, line: bytes) -> list[Any]:
        row = json.loads(line)
        return [row.get(name) for name in self.names]


def _read(path: Path, fields: Fields | None, visit: Any) -> FileFacts:
    """Read a JSONL once: hash it, count its lines and, if ``fields``, hand each line's values to
    ``visit(line_number, values)``."""
    digest = hashlib.sha256()
    size = rows = 0
    with open(path, "rb") as handle:
        if fields is None:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
                rows += chunk.count(b"\n")
        else:
            for rows, line in enumerate(handle, start=1):
                digest.update(line)
                size += len(line)
                visit(rows, fields(line))
    return FileFacts(digest.hexdigest(), size, rows)


def _base(table: str) -> str:
    return table[:-3] if table.endswith("Dto") and len(table) > 3 else table


def _keyed(table: TableFile) -> bool:
    """Whether other tables can refer to this one: a catalogue table with a whole-number key."""
    return table.known and table.key is not None and table.kinds.get(table.key) in INTEGER_KINDS


def keyless_targets(tables: dict[str, TableFile]) -> list[tuple[str, str, str]]:
    """The documented relations (table, column, target) that cannot be declared because the table
    they refer to has no key that is unique and never empty."""
    return [(table, column, target) for (table, column), target in sorted(DOCUMENTED.items())
            if table in tables and column in tables[table].kinds and target in tables
            and not _keyed(tables[target])]


def candidates(tables: dict[str, TableFile]) -> list[Relation]:
    """Every relation worth checking, by Xena's naming and the documented list, in table order."""
    targets = {t.name: t for t in tables.values() if _keyed(t)}
    # every table name Xena has, so that a name (PrimoPartnerPostId) is never taken for a shorter
    # one (PartnerPostDto) just because its own table is not in this backup
    bases = {_base(name): name for name in sorted({*catalogue.load(), *tables})}
    by_length = sorted(bases, key=lambda b: (-len(b), b))
    found = []
    for table in sorted(tables.values(), key=lambda t: t.name):
        if not table.known:
            continue
        for column, kind in table.kinds.items():
            leaf = column.rsplit(".", 1)[-1]
            if kind not in INTEGER_KINDS or not leaf.endswith("Id") or column == table.key:
                continue
            documented = DOCUMENTED.get((table.name, column))
            if documented is not None:
                target = targets.get(documented)
                if target is None:
                    continue
            else:
                stem = leaf[:-2]
                base = next((b for b in by_length if stem.endswith(b)), None)
                target = targets.get(bases[base]) if base is not None else None
                if target is None:
                    continue
            found.append(Relation(table.name, column, target.name, target.key,  # type: ignore[arg-type]
                                  documented is not None))
    return found


def check(tables: Iterable[TableFile]) -> tuple[list[Relation], dict[str, FileFacts]]:
    """Check every candidate relation against the data; return them with every table's file facts.

    Each table that others refer to is read once for its keys; each table that refers to others
    is read once for all its references. Every JSONL is hashed in its first read (a table nobody
    refers to and that refers to nobody is only hashed and counted).
    """
    by_name = {t.name: t for t in tables}
    relations = candidates(by_name)
    facts: dict[str, FileFacts] = {}
    keys: dict[str, Keys] = {}
    for name in sorted({r.target for r in relations}):
        target = by_name[name]
        collected = array("q")

        def collect(_line: int, values: list[Any], into: array = collected) -> None:
            value = values[0]
            if type(value) is int and INT64[0] <= value <= INT64[1]:
                into.append(value)

        facts[name] = _read(target.jsonl, Fields([target.key]), collect)  # type: ignore[list-item]
        keys[name] = Keys(collected)
    for name in sorted({r.table for r in relations}):
        own = [r for r in relations if r.table == name]
        checks = [(index, r, keys[r.target]) for index, r in enumerate(own)]

        def visit(line: int, values: list[Any], checks: list[tuple[int, Relation, Keys]] = checks) -> None:
            for index, relation, known in checks:
                value = values[index]
                if value is None:
                    continue
                relation.references += 1
                if value not in known:
                    relation.dangling += 1
                    if len(relation.examples) < MAX_EXAMPLES:
                        relation.examples.append((line, value))

        read = _read(by_name[name].jsonl, Fields([r.column for r in own]), visit)
        facts.setdefault(name, read)
    for table in by_name.values():
        if table.name not in facts:
            facts[table.name] = _read(table.jsonl, None, None)
    return relations, facts
