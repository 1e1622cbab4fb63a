"""Convert many documents in parallel worker processes, one result per job, in input order.

``DocumentPool`` starts the workers (ahead of the work, if the caller wishes); ``convert_all``
is the one-call form.

A plain ``ProcessPoolExecutor`` is not used on purpose: when one of its workers dies (killed by
the kernel's OOM killer, a segfault in a C library) it fails *every* pending job and cannot say
which one was to blame. Here each worker runs one job at a time over its own pipe, so the parent
always knows which document a dead worker was holding: that document is ``failed``
(``worker-crashed``), a fresh worker is started, and the rest go on.

Each worker sets its own address-space limit before every job: what it has mapped already plus
``Limits.memory_mb``, so a document that needs more than that ends in a MemoryError or a dead
worker, never a dead machine. Counted from what is mapped, not from zero: a worker maps far more
than it uses (the converters' libraries reserve well over a gigabyte of address space), and a limit
counted from zero would leave a document almost nothing, at random.
A watchdog kills a worker that holds one document longer than ``Limits.watchdog_s``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive._exec.programs import Programs
from xena2archive.documents import pronom
from xena2archive._exec.lifetime import children_without_sigint, die_with_parent
from xena2archive.documents.model import FAILED, DocumentJob, DocumentResult

# A runner is given the job and the worker's programs (``convert``'s ``programs``).
Runner = Callable[[DocumentJob, Programs], DocumentResult]


def convert(job: DocumentJob, programs: Programs) -> DocumentResult:
    """The default runner: ``documents.convert.convert``, imported in the worker that runs it.
    The caller converts nothing itself, so it never loads OCRmyPDF, pdfminer, pikepdf's validator
    and Pillow (about 45 MB of a process that holds the books and the index)."""
    from xena2archive.documents.convert import convert as run

    return run(job, programs)


def convert_all(
    jobs: Sequence[DocumentJob], workers: int, *, runner: Runner = convert
) -> list[DocumentResult]:
    """Run ``runner`` (``convert``) on every job in ``workers`` processes started for them.

    Returns the results in the order of ``jobs``, whatever order they finish in. ``runner`` must
    be importable by the worker processes (a module-level function); it exists so a caller can
    wrap ``convert`` (and so the tests can crash a worker on purpose).
    """
    if not jobs:
        return []
    with DocumentPool(min(workers, len(jobs)), runner=runner) as pool:
        return pool.convert_all(jobs)


class DocumentPool:
    """Worker processes started ahead of the documents they will convert.

    A worker takes about half a second of CPU to start (a fresh interpreter importing pikepdf,
    its validator, Pillow, lxml). Started early, for example while the tables are read, that
    time overlaps other work instead of delaying the first document. Use it as a context
    manager: leaving the block stops the workers (and their Ghostscript).
    """

    def __init__(self, workers: int, *, runner: Runner = convert) -> None:
        self._context = _context()
        self._runner = runner
        self._size = max(1, workers)
        self._idle: list[_Worker] = []
        self._fill()

    def __enter__(self) -> DocumentPool:
        return self

    @property
    def workers(self) -> int:
        """How many documents it converts at once."""
        return self._size

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fill(self, busy: int = 0) -> None:
        """Start workers until there are as many as asked for (``busy`` are at work)."""
        while len(self._idle) + busy < self._size:
            self._idle.append(_Worker.start(self._context, self._runner))

    def convert_all(self, jobs: Sequence[DocumentJob],
                    done: Callable[[int], None] = lambda n: None) -> list[DocumentResult]:
        """Every job's result, in the order of ``jobs``. A worker that dies or overruns its
        watchdog costs its document only (``worker-crashed``, ``timeout``); a fresh one takes
        its place. ``done(1)`` is called as each document is done (for a progress bar)."""
        self._fill()
        idle = self._idle
        results: list[DocumentResult | None] = [None] * len(jobs)
        queue = deque(range(len(jobs)))
        busy: dict[_Worker, tuple[int, float]] = {}  # worker -> (job index, deadline)
        try:
            while queue or busy:
                while queue and idle:
                    worker, index = idle.pop(), queue.popleft()
                    try:
                        worker.connection.send(jobs[index])
                    except OSError:  # the worker died while idle (killed from outside)
                        why = F.DOC_WORKER_ENDED("", how=worker.exit_description())
                        worker.kill()
                        results[index] = _failed(jobs[index], "worker-crashed", why)
                        done(1)
                        self._fill(len(busy))
                        continue
                    busy[worker] = (index, time.monotonic() + jobs[index].limits.watchdog_s)
                timeout = max(0.0, min(deadline for _, deadline in busy.values()) - time.monotonic())
                ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout))
                for worker in list(busy):
                    index, deadline = busy[worker]
                    if worker.connection in ready or worker.process.sentinel in ready:
                        result = worker.receive()
                        if result is not None:
                            results[index] = result
                            done(1)
                            del busy[worker]
                            idle.append(worker)
                            continue
                        code = "worker-crashed"
                        why = F.DOC_WORKER_ENDED("", how=worker.exit_description())
                    elif time.monotonic() >= deadline:
                        code = "timeout"
                        why = F.DOC_WORKER_STOPPED("", seconds=f"{jobs[index].limits.watchdog_s:g}")
                    else:
                        continue
                    worker.kill()
                    del busy[worker]
                    results[index] = _failed(jobs[index], code, why)
                    done(1)
                    if queue:
                        self._fill(len(busy))
        finally:
            for worker in busy:  # only when interrupted: their documents are not wanted any more
                worker.kill()
        assert all(result is not None for result in results)
        return results  # type: ignore[return-value]

    def close(self) -> None:
        """Stop the workers and their Ghostscript (closing again does nothing): all are told at
        once, then waited for, so they end their programs side by side."""
        for worker in self._idle:
            worker.tell_to_stop()
        for worker in self._idle:
            worker.wait_stopped()
        self._idle = []


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection

    @classmethod
    def start(cls, context: BaseContext, runner: Runner) -> _Worker:
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, runner), daemon=True)  # type: ignore[attr-defined]
        with children_without_sigint():
            process.start()
        child.close()
        return cls(process=process, connection=parent)

    def receive(self) -> DocumentResult | None:
        """The result, or None if the worker died before sending it."""
        try:
            if self.connection.poll():
                result = self.connection.recv()
                if isinstance(result, DocumentResult):
                    return result
        except Exception:  # EOFError, or a result cut short by the worker's death
            pass
        return None

    def exit_description(self) -> Finding:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is None:
            return F.DOC_EXIT_NONE("")
        if code < 0:
            return F.DOC_EXIT_SIGNAL("", signal=-code)
        return F.DOC_EXIT_CODE("", code=code)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=10)
        self.connection.close()

    def tell_to_stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.connection.send(None)

    def wait_stopped(self) -> None:
        """After ``tell_to_stop``: its end, or its death if it takes more than 5 s."""
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill()
        else:
            self.connection.close()


def _serve(connection: Connection, runner: Runner) -> None:
    """Worker loop: one job in, one result out, until told to stop (None) or the pipe closes.

    The worker dies with its parent, the caller (and Ghostscript with the worker), so a killed
    conversion leaves nothing running that writes into its output. Should the caller already be
    gone when this runs, the first ``recv`` ends the loop. A job of a run carries what Siegfried
    said of its document (``DocumentJob.asked``), so the run's workers never load Siegfried. A
    worker owns its ``Programs``: one Ghostscript kept for its documents and a private LibreOffice
    profile (used by one soffice at a time), both ended when the worker stops, before it exits.
    """
    die_with_parent(os.getppid())
    with Programs() as programs:
        while True:
            try:
                job = connection.recv()
            except (EOFError, OSError):
                break
            if job is None:
                break
            if job.asked is None:  # the job asks Siegfried itself: its signatures load outside the limit
                pronom.tool()
            memory = _mapped() + job.limits.memory_mb * 1024 * 1024  # what this document may add
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard == resource.RLIM_INFINITY or memory <= hard:
                resource.setrlimit(resource.RLIMIT_AS, (memory, hard))  # soft only: can change per job
            connection.send(runner(job, programs))
    # Its programs are ended and every file it wrote is closed: the interpreter's own teardown
    # (pikepdf, OCRmyPDF, WeasyPrint and their modules, 0.15 s) would free nothing the end of the
    # process does not, and the run waits for it before Siegfried identifies the last copies.
    os._exit(0)


def _mapped() -> int:
    """The bytes of address space this process has mapped now (0 where ``/proc`` cannot say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _failed(job: DocumentJob, code: str, reason: Finding) -> DocumentResult:
    """A result for a document whose worker never answered; identified here, in the parent (the
    identification's readers are imported only then: a worker that dies is rare)."""
    from xena2archive.documents.identify import identify

    try:
        identity = identify(job.original, job.name, job.declared_type, job.asked)
        known = {
            "format": identity.format, "mime": identity.mime, "pronom": identity.pronom,
            "size": identity.size, "sha256": identity.sha256, "mismatch": identity.mismatch,
            "format_name": identity.format_name, "format_version": identity.format_version,
            "identified_by": identity.identified_by,
        }  # fmt: skip
    except OSError:
        known = {"format": "unknown", "mime": None, "pronom": None, "size": 0, "sha256": ""}
    return DocumentResult(
        name=job.name, status=FAILED, pdfa=None, pages=None, code=code, reasons=(reason,),
        **known,  # type: ignore[arg-type]
    )  # fmt: skip


def _context() -> BaseContext:
    """Workers are spawned: a fresh interpreter whose parent is the caller. Not fork: the caller
    may have threads, and a forked worker would start with the caller's whole address space
    under its memory limit. Not forkserver: its workers are children of the server, which
    outlives a killed caller as long as a worker runs, so nothing would stop them."""
    return multiprocessing.get_context("spawn")
