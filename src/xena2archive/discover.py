"""What each file of the backup is: a table (by name, CSV or XML), or a document; and the layout met.

The zip's layout is not published, so tables are found anywhere by file name, and the report
records the folders, formats and encodings that were met.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import catalogue
from . import findings as F
from .findings import Finding
from .source import Extracted, Listing
from .tables.table import TableSource
from .tables.xml_reader import root_name

UBL_NAMESPACES = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
)
TABLE_SUFFIXES = (".csv", ".xml")


@dataclass
class Contents:
    """The extracted entries, by what will be done with them (everything not a table is a document)."""

    tables: dict[str, list[TableSource]]
    documents: list[Extracted]
    notes: dict[str, list[Finding]]  # per entry path


def table_name(stem: str) -> str:
    """The catalogue's spelling of a table name if it knows the name in any case."""
    known = {name.casefold(): name for name in catalogue.load()}
    return known.get(stem.casefold(), stem)


def discover(extracted: list[Extracted]) -> Contents:
    """Tables by name (a CSV and an XML of one name are one table), documents, and the rest.

    An XML file is a table unless its root is an OIOUBL invoice or credit note (then a document).
    A second file of the same table in the same format is converted as a table of its own.
    """
    tables: dict[str, list[TableSource]] = defaultdict(list)
    documents: list[Extracted] = []
    notes: dict[str, list[Finding]] = defaultdict(list)
    spelled: dict[str, str] = {}  # unknown tables differing only by case are one table
    for item in extracted:
        path = PurePosixPath(item.entry.path)
        suffix = path.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            documents.append(item)
            continue
        if suffix == ".xml" and root_name(item.file)[1] in UBL_NAMESPACES:
            documents.append(item)
            continue
        spec_name = spelled.setdefault(path.stem.casefold(), table_name(unicodedata.normalize("NFC", path.stem)))
        name, fmt = spec_name, suffix[1:]
        while any(s.format == fmt for s in tables[name]):
            notes[item.entry.path].append(F.TABLE_SECOND_FILE(item.entry.zip_name, format=fmt.upper(),
                                                              table=spec_name))
            name = f"{spec_name}~{len(tables)}"
        tables[name].append(TableSource(name, item.file, item.entry.zip_name, fmt, item.entry.path, spec_name))
    return Contents(dict(sorted(tables.items())), documents, notes)


def layout(contents: Contents) -> dict[str, object]:
    """What the zip's layout turned out to be (it is not published), for the report."""
    def folder(path: str) -> str:
        return str(PurePosixPath(path).parent).replace(".", "(root)", 1) if "/" in path else "(root)"

    sources = [s for group in contents.tables.values() for s in group]
    return {
        "table_folders": sorted({folder(s.zip_name) for s in sources}),
        "table_formats": {fmt: sum(1 for s in sources if s.format == fmt) for fmt in ("csv", "xml")},
        "tables_in_both_formats": sum(1 for g in contents.tables.values() if len(g) > 1),
        "document_top_folders": dict(sorted(Counter(
            d.entry.zip_name.split("/", 1)[0] if "/" in d.entry.zip_name else "(root)"
            for d in contents.documents).items())),
    }


def backup_time(listing: Listing) -> dt.datetime:
    """When the backup was made, as far as the zip tells: its newest entry's time."""
    return dt.datetime(*listing.latest_modified)
