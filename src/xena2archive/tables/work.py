"""The table stage: every table converted in a process pool, in an order that lets the run overlap."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..progress import Progress
from .._exec.lifetime import children_without_sigint, die_with_parent
from .compare import ValueDifferences
from .convert import (
    Prepared, TableResult, compare_table, convert_table, prepare_table, table_result, write_table_jsonl,
    write_table_xlsx,
)
from .jsonl import JsonlResult
from .table import TableSource
from .xlsx import XlsxResult


class TableWork:
    """Every table converted in a process pool, in an order that lets the rest of the run overlap.

    The workbook is the slowest output. So the biggest table's workbook starts first, on a worker
    of its own, then every JSONL (biggest first), then the other workbooks; ``wait_jsonl`` returns
    as soon as the JSONL tables are written, and the caller converts documents and writes the
    index from them while the workbooks are still being written. A table that came as CSV and as
    XML has its two sources compared value by value (``scratch`` holds the comparison's files) after
    the workbooks are started. ``results`` waits for the rest.
    With one job everything runs in this process, one table at a time, inside ``wait_jsonl``.
    """

    def __init__(self, groups: dict[str, list[TableSource]], out: Path, when: dt.datetime, jobs: int,
                 progress: Progress, scratch: Path) -> None:
        self.groups, self.out, self.when, self.jobs, self.progress = groups, out, when, jobs, progress
        self.scratch = scratch
        # biggest first, so the long tables start early and the small ones fill the gaps
        self.order = sorted(groups, key=lambda n: (-sum(s.path.stat().st_size for s in groups[n]), n))
        self.pool: ProcessPoolExecutor | None = None
        self.prepared: dict[str, Prepared] = {}
        self.jsonl: dict[str, Future[JsonlResult]] = {}
        self.xlsx: dict[str, Future[XlsxResult]] = {}
        self.compared: dict[str, Future[list[ValueDifferences]]] = {}
        self.done: dict[str, TableResult] = {}

    def __enter__(self) -> TableWork:
        self.out.mkdir(parents=True, exist_ok=True)
        if self.jobs > 1 and self.order:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=die_with_parent,
                                            initargs=(os.getpid(),))
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self.pool is not None:
            if kind is not None:  # failed or interrupted: the workbooks being written are not wanted
                for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                    process.kill()  # ProcessPoolExecutor has no public way to stop its workers before 3.14
            self.pool.shutdown(wait=True, cancel_futures=kind is not None)

    def wait_jsonl(self) -> None:
        """Scan every table and write its JSONL and schema; workbooks are left running."""
        if self.pool is None:
            with self.progress.counting("tables", len(self.order)) as advance:
                for name in self.order:
                    self.done[name] = convert_table(self.groups[name], self.out, self.when, self.scratch)
                    advance(1)
            return
        pool = self.pool
        with children_without_sigint():  # the first submit starts the workers
            scans = {name: pool.submit(prepare_table, self.groups[name]) for name in self.order}
        self.prepared = {name: future.result() for name, future in scans.items()}
        first, *rest = self.order
        self.xlsx[first] = pool.submit(write_table_xlsx, self.prepared[first], self.out, self.when)
        self.jsonl = {name: pool.submit(write_table_jsonl, self.prepared[name], self.out) for name in self.order}
        for name in rest:
            self.xlsx[name] = pool.submit(write_table_xlsx, self.prepared[name], self.out, self.when)
        for name in self.order:
            if self.prepared[name].others:
                self.compared[name] = pool.submit(compare_table, self.prepared[name], self.scratch)
        with self.progress.counting("tables: JSONL and schema", len(self.order)) as advance:
            for name in self.order:
                self.jsonl[name].result()
                advance(1)

    def results(self) -> list[TableResult]:
        """Every table's result, in table-name order, once its workbook is written too."""
        waiting = [name for name in self.order if name not in self.done]
        with self.progress.counting("tables: workbooks", len(waiting)) as advance:
            for name in waiting:
                compared = self.compared.get(name)
                self.done[name] = table_result(self.prepared[name], self.jsonl[name].result(),
                                               self.xlsx[name].result(), compared.result() if compared else None)
                advance(1)
        return [self.done[name] for name in self.groups]
