"""Hash many files, each read once for every algorithm it needs, in a thread pool.

Shared by the bag writer and the bag checker. hashlib releases the GIL while it hashes blocks of
more than 2 KiB, so threads hash files in parallel on several cores; results are keyed by path, so
nothing depends on the order in which threads finish.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from threading import Lock

__all__ = ["BUFFER_SIZE", "HashResult", "hash_file", "hash_files"]

#: Read size for hashing. 1 MiB measured best here (256 KiB: -7 %, 16 MiB: -4 %).
BUFFER_SIZE = 1 << 20

#: (octets read, {algorithm: hex digest}), or the OSError that stopped the reading.
HashResult = tuple[int, dict[str, str]] | OSError


def hash_file(
    path: str, algorithms: Sequence[str], advance: Callable[[int], None] | None = None
) -> tuple[int, dict[str, str]]:
    """Read ``path`` once, feeding every algorithm; return (octets read, {alg: hexdigest}).

    ``advance(n)`` is called after each block read (for a progress display)."""
    hashers = [hashlib.new(alg) for alg in algorithms]
    buf = bytearray(BUFFER_SIZE)
    view = memoryview(buf)
    octets = 0
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            chunk = view if n == BUFFER_SIZE else view[:n]
            for h in hashers:
                h.update(chunk)
            octets += n
            if advance is not None:
                advance(n)
    return octets, {alg: h.hexdigest() for alg, h in zip(algorithms, hashers, strict=True)}


def hash_files(
    jobs: Mapping[str, Sequence[str]],
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> dict[str, HashResult]:
    """Hash many files: {path: algorithms} -> {path: (octets, digests) or the OSError}.

    ``progress(octets_so_far)`` is called as blocks are read, from the hashing threads (serialised
    by a lock), so a caller can show how far it has come on a big bag.
    """
    advance: Callable[[int], None] | None = None
    if progress is not None:
        lock = Lock()
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            with lock:
                done += n
                progress(done)

    def one(path: str) -> HashResult:
        try:
            return hash_file(path, jobs[path], advance)
        except OSError as exc:
            return exc

    paths = sorted(jobs)
    if workers <= 1 or len(paths) <= 1:
        return {p: one(p) for p in paths}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bag-hash") as pool:
        futures = {pool.submit(one, p): p for p in paths}
        return {futures[f]: f.result() for f in as_completed(futures)}
