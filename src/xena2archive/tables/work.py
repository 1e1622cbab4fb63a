"""The table stage: every table converted in a process pool, in an order that lets the run overlap."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from ..progress import Advance, Progress
from .._exec.lifetime import children_without_sigint, die_with_parent
from .compare import ValueDifferences
from .convert import (
    Prepared, TableResult, compare_table, convert_table, prepare_table, table_result, write_table_jsonl,
    write_table_xlsx,
)
from .jsonl import JsonlResult
from .table import TableSource
from .xlsx import XlsxResult

JSONL, XLSX = 0, 1  # the slots of the rows counter


class _Worker:
    """What a pool worker holds for its whole life: the counter of rows written, shared with the
    process that follows the work (set by ``_start_worker``, the pool's initializer)."""

    rows: Any = None  # multiprocessing.Array("q", 2): rows written to JSONL, to workbooks


def _start_worker(parent: int, rows: Any) -> None:
    die_with_parent(parent)
    _Worker.rows = rows


def _counter(slot: int) -> Advance:
    rows = _Worker.rows

    def advance(n: int) -> None:
        with rows.get_lock():
            rows[slot] += n
    return advance


def _write_jsonl(prepared: Prepared, out: Path) -> JsonlResult:
    return write_table_jsonl(prepared, out, _counter(JSONL))


def _write_xlsx(prepared: Prepared, out: Path, when: dt.datetime) -> XlsxResult:
    return write_table_xlsx(prepared, out, when, _counter(XLSX))


class TableWork:
    """Every table converted in a process pool, in an order that lets the rest of the run overlap.

    The workbook is the slowest output. So the biggest table's workbook starts first, on a worker
    of its own, then every JSONL (biggest first), then the other workbooks; ``wait_jsonl`` returns
    as soon as the JSONL tables are written, and the caller converts documents and writes the
    index from them while the workbooks are still being written. A table that came as CSV and as
    XML has its two sources compared value by value (``scratch`` holds the comparison's files) after
    the workbooks are started. ``results`` waits for the rest.
    The workers count the rows they write in shared memory, so the progress shows rows written of
    all, for the JSONL and for the workbooks (a million-row ledger's workbook takes minutes).
    With one job everything runs in this process, one table at a time, inside ``wait_jsonl``.
    """

    def __init__(self, groups: dict[str, list[TableSource]], out: Path, when: dt.datetime, jobs: int,
                 progress: Progress, scratch: Path) -> None:
        self.groups, self.out, self.when, self.jobs, self.progress = groups, out, when, jobs, progress
        self.scratch = scratch
        # biggest first, so the long tables start early and the small ones fill the gaps
        self.order = sorted(groups, key=lambda n: (-sum(s.path.stat().st_size for s in groups[n]), n))
        self.pool: ProcessPoolExecutor | None = None
        context = multiprocessing.get_context()
        self.context, self.rows = context, context.Array("q", 2)
        self.prepared: dict[str, Prepared] = {}
        self.jsonl: dict[str, Future[JsonlResult]] = {}
        self.xlsx: dict[str, Future[XlsxResult]] = {}
        self.compared: dict[str, Future[list[ValueDifferences]]] = {}
        self.done: dict[str, TableResult] = {}

    def __enter__(self) -> TableWork:
        self.out.mkdir(parents=True, exist_ok=True)
        if self.jobs > 1 and self.order:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.context,
                                            initializer=_start_worker, initargs=(os.getpid(), self.rows))
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
        self.xlsx[first] = pool.submit(_write_xlsx, self.prepared[first], self.out, self.when)
        self.jsonl = {name: pool.submit(_write_jsonl, self.prepared[name], self.out) for name in self.order}
        for name in rest:
            self.xlsx[name] = pool.submit(_write_xlsx, self.prepared[name], self.out, self.when)
        for name in self.order:
            if self.prepared[name].others:
                self.compared[name] = pool.submit(compare_table, self.prepared[name], self.scratch)
        self._follow("table rows to JSONL", JSONL, self.jsonl.values())

    def results(self) -> list[TableResult]:
        """Every table's result, in table-name order, once its workbook is written too."""
        if self.xlsx:
            self._follow("table rows to workbooks", XLSX, self.xlsx.values())
        for name in self.order:
            if name not in self.done:
                compared = self.compared.get(name)
                self.done[name] = table_result(self.prepared[name], self.jsonl[name].result(),
                                               self.xlsx[name].result(), compared.result() if compared else None)
        return [self.done[name] for name in self.groups]

    def _follow(self, what: str, slot: int, futures: Iterable[Future[Any]]) -> None:
        """Show the rows the workers write to one kind of output until ``futures`` are done; the
        first that fails raises here, and the caller's exit stops the rest."""
        total = sum(prepared.rows for prepared in self.prepared.values())
        shown = self.rows[slot]
        with self.progress.counting(what, total, done=shown) as advance:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.25, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()
                now = self.rows[slot]
                advance(now - shown)
                shown = now
