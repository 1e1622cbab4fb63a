"""The table stage: every table converted in a process pool, in an order that lets the run overlap."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Iterable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from ..progress import Advance, Progress
from .._exec.lifetime import children_without_sigint, die_with_parent, end_pool
from .compare import ValueDifferences
from .convert import (
    Prepared, TableResult, compare_table, prepare_table, table_result, write_table_jsonl, write_table_xlsx,
)
from .jsonl import JsonlResult
from .split import YEARS_TABLE, YearOfRow, YearsFrom
from .table import TableSource, TypedRow, rows
from .xlsx import XlsxResult, merged

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


def _write_xlsx(prepared: Prepared, out: Path, when: dt.datetime, year: str | None) -> XlsxResult:
    return write_table_xlsx(prepared, out, when, _counter(XLSX), year)


def _years_of(prepared: dict[str, Prepared], years: YearsFrom | None) -> YearOfRow | None:
    """The rule that places a posting table's rows in fiscal years, from ``FiscalPeriodDto``'s typed
    rows (typed here: a few rows), or None when the run gave none."""
    if years is None:
        return None
    found = prepared.get(YEARS_TABLE)
    typed = [] if found is None else [item.values for item in rows(found.plan()) if isinstance(item, TypedRow)]
    return years(typed)


class TableWork:
    """Every table converted in a process pool, in an order that lets the rest of the run overlap.

    A table whose rows carry a posting date has a workbook per fiscal year (``years`` makes the
    run's rule from ``FiscalPeriodDto``; ``split``), each written by a worker of its own, so the
    ledger's workbooks use every worker. The workbook is the slowest output. So the biggest
    table's biggest workbook starts first, on a worker of its own, then every JSONL (biggest
    first), then the other workbooks; ``wait_jsonl`` returns
    as soon as the JSONL tables are written, and the caller converts documents and writes the
    index from them while the workbooks are still being written. A table that came as CSV and as
    XML has its two sources compared value by value (``scratch`` holds the comparison's files) after
    the workbooks are started. ``results`` waits for the rest.
    The workers count the rows they write in shared memory, so the progress shows rows written of
    all, for the JSONL and for the workbooks (a million-row ledger's workbook takes minutes).
    With one job everything runs in this process, one table at a time, inside ``wait_jsonl``.
    """

    def __init__(self, groups: dict[str, list[TableSource]], out: Path, when: dt.datetime, jobs: int,
                 progress: Progress, scratch: Path, years: YearsFrom | None = None) -> None:
        self.groups, self.out, self.when, self.jobs, self.progress = groups, out, when, jobs, progress
        self.scratch, self.years = scratch, years
        # biggest first, so the long tables start early and the small ones fill the gaps
        self.order = sorted(groups, key=lambda n: (-sum(s.path.stat().st_size for s in groups[n]), n))
        self.pool: ProcessPoolExecutor | None = None
        context = multiprocessing.get_context()
        self.context, self.rows = context, context.Array("q", 2)
        self.prepared: dict[str, Prepared] = {}
        self.jsonl: dict[str, Future[JsonlResult]] = {}
        self.xlsx: dict[str, list[Future[XlsxResult]]] = {}
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
            end_pool(self.pool, failed=kind is not None)  # failed or interrupted: its workbooks are not wanted

    def wait_jsonl(self) -> None:
        """Scan every table and write its JSONL and schema; workbooks are left running."""
        if self.pool is None:
            with self.progress.counting("tables", len(self.order)) as advance:
                self.prepared = {name: prepare_table(self.groups[name]) for name in self.order}
                self._by_year()
                for name in self.order:
                    prepared = self.prepared[name]
                    written = write_table_jsonl(prepared, self.out)
                    workbook = write_table_xlsx(prepared, self.out, self.when)
                    self.done[name] = table_result(prepared, written, workbook, compare_table(prepared, self.scratch))
                    advance(1)
            return
        pool = self.pool
        with children_without_sigint():  # the first submit starts the workers
            scans = {name: pool.submit(prepare_table, self.groups[name]) for name in self.order}
        self.prepared = {name: future.result() for name, future in scans.items()}
        self._by_year()
        workbooks = [(name, year) for name in self.order for year in self._biggest_first(self.prepared[name])]
        (first, first_year), *rest = workbooks
        self.xlsx = {name: [] for name in self.order}
        self.xlsx[first].append(pool.submit(_write_xlsx, self.prepared[first], self.out, self.when, first_year))
        self.jsonl = {name: pool.submit(_write_jsonl, self.prepared[name], self.out) for name in self.order}
        for name, year in rest:
            self.xlsx[name].append(pool.submit(_write_xlsx, self.prepared[name], self.out, self.when, year))
        for name in self.order:
            if self.prepared[name].others:
                self.compared[name] = pool.submit(compare_table, self.prepared[name], self.scratch)
        self._end_when_done([*self.jsonl.values(), *(f for fs in self.xlsx.values() for f in fs),
                             *self.compared.values()])
        self._follow("table rows to JSONL", JSONL, self.jsonl.values())

    def _end_when_done(self, futures: list[Future[Any]]) -> None:
        """Let the workers go as soon as the last of ``futures`` is done, not when the run asks for
        ``results``: an idle worker still holds the pages it wrote to (about 80 MB each at 100,000
        rows), and by then the index's workers run beside this process."""
        left, lock = len(futures), threading.Lock()

        def done(_future: Future[Any]) -> None:
            nonlocal left
            with lock:
                left -= 1
                last = left == 0
            if last and self.pool is not None:
                self.pool.shutdown(wait=False)  # the futures keep their results; the pool's thread joins the workers

        for future in futures:
            future.add_done_callback(done)

    def _by_year(self) -> None:
        """The posting tables' workbooks one per fiscal year, by the run's rule."""
        year_of = _years_of(self.prepared, self.years)
        if year_of is not None:
            self.prepared = {name: prepared.by_year(year_of) for name, prepared in self.prepared.items()}

    @staticmethod
    def _biggest_first(prepared: Prepared) -> list[str | None]:
        """The table's workbooks, the one of most rows first."""
        if prepared.split is None:
            return [None]
        found = prepared.split
        return [year for _rows, year in sorted(zip(found.rows, found.years), key=lambda pair: -pair[0])]

    def results(self) -> list[TableResult]:
        """Every table's result, in table-name order, once its workbooks are written too."""
        if self.xlsx:
            self._follow("table rows to workbooks", XLSX, [f for futures in self.xlsx.values() for f in futures])
        for name in self.order:
            if name not in self.done:
                compared = self.compared.get(name)
                workbook = merged([future.result() for future in self.xlsx[name]])
                self.done[name] = table_result(self.prepared[name], self.jsonl[name].result(), workbook,
                                               compared.result() if compared else None)
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
