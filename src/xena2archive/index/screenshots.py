"""The demo's pictures of an archive's index, taken with headless Chromium (``_exec.chromium``)."""

from __future__ import annotations

from pathlib import Path

from xena2archive._exec.chromium import screenshot


def screenshots(data: Path, folder: Path) -> list[Path]:
    """The front page (Danish and English), the first voucher page and the first trial balance
    of the archive whose payload is ``data``, as PNGs in ``folder``."""
    data, folder = Path(data), Path(folder)
    wanted = [("index.html", "forside.png"), ("index.en.html", "front-page.png")]
    vouchers = sorted((data / "index" / "bilag").glob("*/0001.html"))
    if vouchers:
        wanted.append((str(vouchers[0].relative_to(data)), "bilag.png"))
    balances = sorted((data / "index" / "raabalance").glob("*.html"))
    if balances:
        wanted.append((str(balances[0].relative_to(data)), "raabalance.png"))
    return [screenshot(data / page, folder / name) for page, name in wanted]
