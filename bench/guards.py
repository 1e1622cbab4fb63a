"""How quickly hostile input is refused, and how flat the index's memory stays: the figures the
test suite once timed inside its tests (a test asserts behaviour; speed is measured here).

    .venv/bin/python bench/guards.py        (it finds src/ and the tests' input builders itself)

Measures, each in a fresh process so one does not warm the next:

* a PNG that claims 100,000 x 100,000 pixels, refused from its header (target < 2 s);
* a PDF of 2,001 pages, refused by the page limit before Ghostscript starts (target < 10 s);
* a zip of 8,000 entries of one name, listed with a name for each (target < 4 s);
* a backup whose XML table is an entity bomb ("billion laughs"), converted with the damage
  reported and nothing expanded (target < 30 s; the test once timed it);
* the index of 4,000 and of 32,000 postings: the peak memory grows by less than holding the rows
  would take (target: less than 24 MB more for eight times the postings).

Prints one line per figure and exits 1 if a target is missed. Takes about a minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = [ROOT / "src", ROOT / "tools", *(ROOT / "tests" / p for p in ("", "index", "documents", "hostile"))]

PNG_BOMB = """
import sys, time
from pathlib import Path
from doc_inputs import job, png_bomb
from xena2archive.documents.convert import convert
folder = Path(sys.argv[1])
original = png_bomb(folder / "bomb.png")
started = time.monotonic()
result = convert(job(original, folder))
assert result.code == "image-too-large", result
print(time.monotonic() - started)
"""

LONG_PDF = """
import sys, time
from pathlib import Path
import pikepdf
from doc_inputs import job
from xena2archive.documents.convert import convert
folder = Path(sys.argv[1])
pdf = pikepdf.new()
pdf.add_blank_page()
for _ in range(2000):
    pdf.pages.append(pdf.pages[0])
pdf.save(folder / "huge.pdf")
started = time.monotonic()
result = convert(job(folder / "huge.pdf", folder))
assert result.code == "too-many-pages", result
print(time.monotonic() - started)
"""

SAME_NAME = """
import sys, time, zipfile
from pathlib import Path
from hostile_support import write_zip
from xena2archive.source import list_backup
backup = Path(sys.argv[1]) / "backup.zip"
write_zip(backup, [("Bilag/scan.pdf", b"")] * 8000, compression=zipfile.ZIP_STORED)
started = time.monotonic()
entries = list_backup(backup).entries
assert len({e.path.casefold() for e in entries}) == 8000
print(time.monotonic() - started)
"""

BILLION_LAUGHS = """
import sys, time
from pathlib import Path
from hostile_support import write_zip
from test_hostile_tables import LEDGER_XML, billion_laughs
from xena2archive.cli import main
folder = Path(sys.argv[1])
backup = write_zip(folder / "backup.zip", [(LEDGER_XML, billion_laughs())])
started = time.monotonic()
code = main([str(backup), str(folder / "out"), "--quiet", "--jobs", "1"])
assert code == 1, code
print(time.monotonic() - started)
"""

INDEX = """
import json, resource, sys
from pathlib import Path
from index_synth import big_books
from xena2archive.index import write_index
data = Path(sys.argv[1]) / "data"
report = big_books(data, int(sys.argv[2]), accounts=3, partners=50)
write_index(data, report, Path(sys.argv[1]) / "work")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in PATHS)}
    with tempfile.TemporaryDirectory(prefix="xena2archive-guards-") as folder:
        done = subprocess.run([sys.executable, "-c", code, folder, *args], env=env, capture_output=True,
                              text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return float(done.stdout.split()[-1])


def main() -> None:
    figures = [
        ("PNG bomb (10^10 pixels) refused", run(PNG_BOMB), 2.0, "s"),
        ("PDF of 2,001 pages refused", run(LONG_PDF), 10.0, "s"),
        ("8,000 zip entries of one name listed", run(SAME_NAME), 4.0, "s"),
        ("XML entity bomb converted, nothing expanded", run(BILLION_LAUGHS), 30.0, "s"),
    ]
    small, big = run(INDEX, "4000"), run(INDEX, "32000")
    figures.append(("index: peak memory, 32,000 postings minus 4,000", (big - small) / 1024, 24.0, "MB"))
    missed = False
    for name, value, target, unit in figures:
        met = value < target
        missed |= not met
        print(f"{name}: {value:.2f} {unit} (target < {target:g} {unit}) {'met' if met else 'NOT MET'}")
    print(json.dumps({name: round(value, 3) for name, value, _, _ in figures}))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
