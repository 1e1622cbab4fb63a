"""The index's search at scale: its size against the index's, and the time to the first hit in a browser.

    PYTHONPATH=src:tests:tests/index python bench/search.py [--rows 1300000] [--work DIR] [--rounds 3]

Writes ``--rows`` postings in balanced pairs (``index_synth.big_books``: two fiscal years, 40
accounts, 500 partners, every posting's text "Bilag <n> – købmand Ærø"), then the whole index in
one process (``write_index``; the search's part timed from its progress messages). Then headless
Chromium opens ``index/soeg.html?q=...`` from ``file://`` for queries of each kind, ``--rounds``
times each (a fresh browser each time, nothing cached), and the page's own clock says when its
first hits were on the page (``performance.now()`` from the start of the navigation, in ``data-ms``
on ``#hits``), with how many search files the query loaded (``data-files``). Prints the figures and
one JSON line. ``--queries-only`` measures the queries again on an index already written in ``--work``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus

from index_synth import big_books

from xena2archive._exec.chromium import dump_dom
from xena2archive.index import write_index

QUERIES = [  # (what, query): each kind the page answers, on what big_books writes
    ("voucher number", "123457"),
    ("account number", "1130"),
    ("partner name, folded", "kunde 417"),
    ("amount, Danish", "79.190,01"),
    ("amount, negative", "-79.190,01"),
    ("date", "10-06-2024"),
    ("word in every posting", "koebmand"),
    ("beginning of a word", "koeb"),
    ("two words", "aeroe 123457"),
    ("nothing", "zzzqqq"),
]


def size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for path in paths for p in ([path] if path.is_file() else path.rglob("*"))
               if p.is_file())


def measure(rows: int, work: Path, rounds: int) -> dict[str, object]:
    data = work / "data"
    report = big_books(data, rows)
    stamps: dict[str, float] = {}
    started = time.monotonic()
    write_index(data, report, work / "tmp", progress=lambda message: stamps.setdefault(message, time.monotonic()))
    total_s = time.monotonic() - started
    search_s = time.monotonic() - stamps["index: search"] if "index: search" in stamps else 0.0
    index = data / "index"
    search = [index / "soeg", index / "soeg.js", index / "soeg.html", index / "soeg.en.html"]
    search_bytes = size(search)
    index_bytes = size([data / "index.html", data / "index.en.html", index]) - search_bytes
    term_files = sorted((index / "soeg" / "t").iterdir(), key=lambda p: p.stat().st_size)
    figures: dict[str, object] = {
        "rows": rows, "index_s": round(total_s, 1), "search_build_s": round(search_s, 1),
        "index_bytes": index_bytes, "search_bytes": search_bytes, "ratio": round(search_bytes / index_bytes, 3),
        "term_files": len(term_files), "largest_term_file": term_files[-1].stat().st_size,
        "record_files": len(list((index / "soeg" / "r").iterdir())),
        "meta_bytes": (index / "soeg" / "meta.js").stat().st_size,
    }
    figures["queries"] = queries(index, rounds)
    return figures


def queries(index: Path, rounds: int) -> dict[str, dict[str, object]]:
    """Each query ``rounds`` times: the median time to its first hit, the files it loaded, its count."""
    found: dict[str, dict[str, object]] = {}
    for what, query in QUERIES:
        times, files, count = [], "", ""
        for _ in range(rounds):
            run = dump_dom(index / "soeg.html", query="q=" + quote_plus(query), timeout=120)
            hits = re.search(r'<ol id="hits"[^>]*data-ms="([0-9]+)"[^>]*>', run.stdout)
            if not hits:
                raise SystemExit(f"no hits shown for {query!r}: {run.stderr[-2000:]}")
            times.append(int(hits[1]))
            files = re.search(r'data-files="([0-9]+)"', hits[0])[1]  # type: ignore[index]
            count = re.search(r'<p id="count"[^>]*>(.*?)</p>', run.stdout)[1]  # type: ignore[index]
        found[what] = {"query": query, "first_hit_ms": statistics.median(times), "all_ms": times,
                       "files": int(files), "count": count}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_300_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--queries-only", action="store_true",
                        help="only the queries, on the index already in --work (with the page's script of this tree)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="xena2archive-bench-search-"))
    if args.queries_only:
        shutil.copyfile(Path(__file__).parents[1] / "src/xena2archive/index/templates/soeg.js",
                        work / "data/index/soeg.js")
        for what, q in queries(work / "data" / "index", args.rounds).items():
            print(f"  {what:28} {q['query']!r:18} first hit {q['first_hit_ms']:6.0f} ms {q['all_ms']}, "
                  f"{q['files']} files, {q['count']}")
        return
    figures = measure(args.rows, work, args.rounds)
    print(f"{figures['rows']:,} postings: index {figures['index_s']} s, of which search {figures['search_build_s']} s")
    print(f"index {figures['index_bytes']:,} bytes, search {figures['search_bytes']:,} bytes: ratio {figures['ratio']}"
          f" (target <= 0.25); {figures['term_files']} term files (largest {figures['largest_term_file']:,} bytes),"
          f" {figures['record_files']} record files, meta.js {figures['meta_bytes']:,} bytes")
    for what, q in figures["queries"].items():  # type: ignore[attr-defined]
        print(f"  {what:28} {q['query']!r:18} first hit {q['first_hit_ms']:6.0f} ms {q['all_ms']}, "
              f"{q['files']} files, {q['count']}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
