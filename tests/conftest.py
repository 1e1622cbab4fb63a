"""Fixtures shared by the whole suite (the helpers themselves are in helpers.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import Listener, make_zip


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
