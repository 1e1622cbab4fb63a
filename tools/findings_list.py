"""Write the README's list of every kind of finding, from the catalogue (``xena2archive.findings``).

    python tools/findings_list.py          # rewrites the list between the markers in README.md
    python tools/findings_list.py --check  # exit 1 if README.md's list is not the catalogue's

``tests/test_findings.py`` runs the check, so the list cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from xena2archive.findings import KINDS

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- findings: made by tools/findings_list.py -->", "<!-- end of findings -->"


def table() -> str:
    """The list as a Markdown table: code, severity, what it is about (English, Danish)."""
    rows = [f"| `{k.code}` | {k.severity} | {k.about} | {k.om} |" for k in KINDS.values()]
    return "\n".join(["| code | severity | about | om |", "|---|---|---|---|", *rows])


def readme_with_table(text: str) -> str:
    head, begin, rest = text.partition(BEGIN)
    _old, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{README}: the markers {BEGIN} and {END} are missing")
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    wanted = readme_with_table(text)
    if "--check" in argv:
        return 0 if wanted == text else 1
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
