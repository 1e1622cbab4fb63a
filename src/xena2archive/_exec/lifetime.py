"""Child processes that do not outlive their parent.

When the conversion is killed (SIGKILL, the OOM killer, a crashed worker), nothing runs to stop
its children: a pool worker would go on converting into a staging folder that is no longer
wanted, and Ghostscript (in a session of its own, so its time-out can kill its whole group) would
go on for up to its time limit. On Linux the kernel can send a signal to a process when its
parent dies (``PR_SET_PDEATHSIG``); elsewhere this is a no-op and the time limits still apply.

An interrupt (Ctrl-C) is the parent's to handle: see ``children_without_sigint``.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Final

_PR_SET_PDEATHSIG: Final = 1
_LIBC: Final = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent: int) -> None:
    """Ask for SIGKILL when the parent dies; exit now if ``parent`` is already gone.

    Call it in the child, with the parent's pid as the parent saw it before the fork: checking
    after the request closes the window in which the parent could die unnoticed. Safe between
    fork and exec (no allocation beyond the call itself, no locks).
    """
    if _LIBC is None:
        return
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


@contextlib.contextmanager
def children_without_sigint() -> Iterator[None]:
    """Processes started in this block ignore SIGINT; the parent handles Ctrl-C and stops them.

    Ctrl-C in a terminal sends SIGINT to every process of the group: a worker would die of it with
    a raw KeyboardInterrupt traceback (even while its interpreter is still starting). An ignored
    signal stays ignored through fork and exec, and Python then installs no handler for it, so the
    children are started while SIGINT is ignored here. It is blocked too meanwhile, so that a
    Ctrl-C meant for this process waits until the block ends instead of being lost.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    handler = signal.getsignal(signal.SIGINT)
    can_ignore = threading.current_thread() is threading.main_thread() and handler is not None
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    if can_ignore:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if can_ignore:
            signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def spawned_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh interpreters (spawned: they import only what their function needs,
    not the caller's memory) that die with this process. They start at the first submits, which
    belong in ``children_without_sigint``."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent, initargs=(os.getpid(),))


def end_pool(pool: ProcessPoolExecutor, failed: bool) -> None:
    """Shut ``pool`` down; when the block that used it ``failed`` (an error, an interrupt), its
    workers are killed first: what they are doing is not wanted, and they ignore Ctrl-C."""
    if failed:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()  # ProcessPoolExecutor has no public way to stop its workers before 3.14
    pool.shutdown(wait=True, cancel_futures=failed)
