"""Shared set-up for the documents tests: Ghostscript must be there (a clear failure, no skip)."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session", autouse=True)
def ghostscript_present() -> None:
    """These tests need Ghostscript. Fail loudly instead of skipping when it is missing."""
    if shutil.which("gs") is None:
        pytest.fail(
            "Ghostscript (gs) is required by tests/documents and is not on PATH: "
            "apt-get install -y ghostscript",
            pytrace=False,
        )
