"""The index in a real browser: headless Chromium renders it without console errors."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

import pytest

from xena2archive._exec.chromium import PROBE, dump_dom, screenshot
from xena2archive.index import screenshots


@pytest.fixture(autouse=True)
def chromium() -> None:
    if PROBE.which() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is needed in CI (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("page", ["index.html", "index.en.html", "index/bilag/2023/0001.html",
                                  "index/raabalance/2024.html", "index/dokumenter.html"])
def test_pages_render_without_console_messages(sample_archive: dict[str, Any], page: str) -> None:
    run = dump_dom(sample_archive["data"] / page)
    assert run.returncode == 0, run.stderr[-2000:]
    assert sample_archive["facts"].company_name.replace("&", "&amp;") in run.stdout
    assert run.console == []


def test_screenshots(sample_archive: dict[str, Any], tmp_path: Path) -> None:
    data = sample_archive["data"]
    front = screenshot(data / "index.html", tmp_path / "front.png")
    voucher = screenshot(data / "index" / "bilag" / "2023" / "0001.html", tmp_path / "voucher.png", width=1000,
                         height=1400)
    assert png_size(front) == (1280, 1800)
    assert png_size(voucher) == (1000, 1400)
    assert front.stat().st_size > 20_000  # a rendered page, not a blank one
    names = [p.name for p in screenshots(data, tmp_path / "demo")]
    assert names == ["forside.png", "front-page.png", "bilag.png", "raabalance.png"]


def test_console_errors_are_seen(tmp_path: Path) -> None:
    """The check above would notice a script error (so its silence means something)."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="da"><title>x</title><script>undefinedFunction()</script></html>')
    assert any("undefinedFunction" in line for line in dump_dom(page).console)
