"""The table stage's pool (``tables.work.TableWork``): its workers end when their last table is
written, not when the run gets round to asking for the results."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from concurrent.futures import wait
from pathlib import Path

from xena2archive.progress import Progress
from xena2archive.tables.table import TableSource
from xena2archive.tables.work import TableWork


def _table(folder: Path, name: str, rows: int) -> list[TableSource]:
    path = folder / f"{name}.csv"
    lines = ["Id;Tekst;Beløb"] + [f"{i};Køb af æbler {i};{i},50" for i in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return [TableSource(name, path, f"Data/{name}.csv", "csv", f"Data/{name}.csv")]


def test_the_workers_end_as_soon_as_every_table_is_written(tmp_path: Path) -> None:
    groups = {"AccountDto": _table(tmp_path, "AccountDto", 200), "PartnerDto": _table(tmp_path, "PartnerDto", 50)}
    when = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    (tmp_path / "work").mkdir()
    with TableWork(groups, tmp_path / "tables", when, 2, Progress(), tmp_path / "work") as work:
        work.wait_jsonl()
        assert multiprocessing.active_children()  # the workbooks may still be written
        wait([f for futures in work.xlsx.values() for f in futures])
        deadline = time.monotonic() + 30
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not multiprocessing.active_children()  # gone before results() was asked for
        results = work.results()
    assert [(r.table, r.rows_written) for r in results] == [("AccountDto", 200), ("PartnerDto", 50)]
    assert (tmp_path / "tables" / "AccountDto.xlsx").is_file() and (tmp_path / "tables" / "PartnerDto.jsonl").is_file()
