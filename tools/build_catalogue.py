"""Build ``schemas/`` (the catalogue) from Xena's published contracts.

Run once when the contracts change:
    python tools/build_catalogue.py ../shared/xena-dtos.json ../shared/xena-tables.md schemas/
The result is checked in; xena2archive never reads the contracts at run time.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from xena2archive.catalogue import columns_from_dto
from xena2archive.model import TableSpec
from xena2archive.tables.schema import catalogue_schema, write_schema

# Tables the backup may hold although Xena's help page leaves them out of its list.
EXTRA_TABLES = {
    "FiscalSetupDto": "Regnskabsopsætning (virksomheden)",
    "OrderJournalEntryDto": "Bogførte fakturaer og kreditnotaer",
    "CurrencyDto": "Valutaer",
}


def main(dtos_json: str, tables_md: str, out_dir: str) -> None:
    dtos = json.loads(Path(dtos_json).read_text(encoding="utf-8"))["dtos"]
    listed = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", Path(tables_md).read_text(encoding="utf-8"), re.M))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, description in sorted({**listed, **EXTRA_TABLES}.items()):
        columns = tuple(columns_from_dto(dtos, name))
        key = "Id" if any(c.name == "Id" for c in columns) else None
        spec = TableSpec(name, description, columns, key=key)
        write_schema(out / f"{name}.schema.json", catalogue_schema(spec))
    print(f"{len(listed) + len(EXTRA_TABLES)} schemas written to {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
