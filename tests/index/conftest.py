"""The sample backup converted by the CLI, shared by the index's end-to-end and browser tests.

The tests judge the pages exactly as the CLI left them in the bag: nothing here writes or
rewrites a page.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from helpers import SampleBag


@pytest.fixture(scope="session")
def sample_archive(sample_bag: SampleBag) -> dict[str, Any]:
    """The session's converted sample (``sample_bag``): the bag, its payload, report and the sample's facts."""
    # exit 1: the sample's one deliberate flaw, a PNG receipt uploaded under a .pdf name
    assert sample_bag.code == 1
    data = sample_bag.bag / "data"
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    return {"root": sample_bag.bag.parent, "bag": sample_bag.bag, "data": data, "report": report,
            "facts": sample_bag.facts}
