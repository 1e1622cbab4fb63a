"""A converted sample backup with its index, shared by the end-to-end and browser tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from index_fakedocs import fake_documents

from xena2archive.cli import main
from xena2archive.index import write_index
from sample_backup import write_sample_backup


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Sample zip -> CLI -> ``write_index`` on ``out/data`` (until the pipeline calls it itself)."""
    root = tmp_path_factory.mktemp("index-e2e")
    facts = write_sample_backup(root / "backup.zip")
    assert main([str(root / "backup.zip"), str(root / "out"), "--quiet"]) in (0, 1)
    data = root / "out" / "data"
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    if not report.get("documents"):  # the documents stage is not wired yet: stand in for it
        report["documents"] = fake_documents(data, report)
    summary = write_index(data, report, root / "work")
    return {"root": root, "data": data, "report": report, "facts": facts, "summary": summary}
