"""Memory this process has freed, given back to the system (a leaf: imports nothing of the project).

Python hands the memory of objects it frees back to the C allocator, and glibc's allocator keeps it
for the next allocation: after the books and the index, the run's own process held about 50 MB
more than it used (a million postings' rows and pages went through it). The rest of the run
allocates little, and Siegfried's process starts beside it, so that memory only adds to the peak
of the whole process tree. ``malloc_trim`` returns the free pages to the system. Elsewhere than
glibc (musl, macOS, Windows) there is no such call, and only the collection is done.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from typing import Any, Final


def _trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the interpreter was linked with
    except (OSError, AttributeError):  # a C library without it (musl)
        return None


_MALLOC_TRIM: Final = _trim()


def give_back() -> None:
    """Collect unreachable objects, then return every free page of the C heap to the system."""
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
