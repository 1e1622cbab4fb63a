"""Fixtures shared by the whole suite (the helpers themselves are in helpers.py)."""

from __future__ import annotations

import fcntl
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from repin import convert

from helpers import Listener, SampleBag, make_zip


# When every archive of the suite is made: 2025-01-31 12:00 UTC, the sample backups' own time. A test that
# compares two runs byte for byte must not see the day turn between them; the tests of the clock remove it.
SOURCE_DATE_EPOCH = "1738324800"


def pytest_configure(config: pytest.Config) -> None:
    """The whole session runs with ``SOURCE_DATE_EPOCH`` set (and so do the processes its tests start),
    module-scoped fixtures included, so an archive's Bagging-Date and event dates are the same run to
    run; a test of the clock changes or removes it with ``monkeypatch``, which puts it back after."""
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH


@pytest.fixture
def zip_factory(tmp_path: Path):
    counter = iter(range(10_000))

    def build(entries: dict[str, bytes | str], **kwargs: Any) -> Path:
        return make_zip(tmp_path / f"backup{next(counter)}.zip", entries, **kwargs)

    return build


@pytest.fixture
def listener():
    """A local HTTP server that records every connection (``helpers.Listener``): what must not be
    fetched points at it, and the test asserts it saw nothing."""
    with Listener() as server:
        yield server


@pytest.fixture(scope="session")
def sample_bag(tmp_path_factory: pytest.TempPathFactory) -> SampleBag:
    """The bundled sample converted once per session exactly as its bag is pinned
    (``tools/repin.py``): the pinned-bag test, the index, SAF-T, data package and documents tests all
    judge this one archive instead of converting the same sample each. Under pytest-xdist the first
    worker to ask makes it in the session's folder, which every worker's folder is in, while the
    others wait on a lock. It is read-only: a test that changes an archive works on a copy (a change
    would also fail the pin)."""
    session = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        session = session.parent
    made = session / "sample" / "made.pickle"
    with open(session / "sample.lock", "w", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            made.parent.mkdir(exist_ok=True)
            made.write_bytes(pickle.dumps(SampleBag(*convert("sample", made.parent))))
    found: SampleBag = pickle.loads(made.read_bytes())
    return found
