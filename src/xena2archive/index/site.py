"""Writing pages: the Jinja2 environment (autoescape on), relative links, and a tally of what was written."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import fmt
from ..layout import INDEX_STYLE
from . import rows

CSS = INDEX_STYLE


_PLAIN = re.compile(r"[A-Za-z0-9._~/-]*")


@lru_cache(maxsize=65536)
def _relative_dir(from_dir: str, to_dir: str) -> str:
    rel = posixpath.relpath(to_dir or ".", from_dir or ".")
    return "" if rel == "." else rel + "/"


def _quote(text: str) -> str:
    return text if _PLAIN.fullmatch(text) else quote(text, safe="/")


def relative_url(page: str, target: str, anchored: bool = True) -> str:
    """A link from ``page`` to ``target`` (both paths under data/).

    Relative, so the bag can be moved; percent-encoded, so names with spaces, ``#``, ``%`` or
    non-ASCII letters still resolve. With ``anchored`` (links to the index's own pages) a ``#``
    in ``target`` starts the anchor; without it (links to files of the backup, whose names may
    hold a ``#``) the whole of ``target`` is the path.
    """
    path, hash_, anchor = target.partition("#") if anchored else (target, "", "")
    fragment = ("#" + (anchor if _PLAIN.fullmatch(anchor) else quote(anchor, safe=""))) if hash_ else ""
    if not path:
        return fragment
    return _relative_path(page.rpartition("/")[0], path) + fragment


@lru_cache(maxsize=65536)
def _relative_path(here: str, path: str) -> str:
    """The link from a page in the folder ``here`` to ``path``: pages link to the same few pages many
    times (a posting's voucher, account and partner page), each with its own anchor."""
    folder, _, name = path.rpartition("/")
    if folder == here and not name:
        return "./"
    return _quote(_relative_dir(here, folder) + name)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("xena2archive.index", "templates"),
        autoescape=True,  # every value is HTML-escaped unless a template says otherwise (none does)
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        money=fmt.money,
        dkdate=fmt.date,
        dkdatetime=fmt.datetime,
        integer=fmt.integer,
        size=fmt.size,
        plural=lambda n, one, many: one if n == 1 else many,
    )
    env.globals.update(voucher_rows=rows.voucher_rows, account_rows=rows.account_rows, partner_rows=rows.partner_rows,
                       list_rows=rows.list_rows, voucher_head=rows.voucher_head, voucher_foot=rows.voucher_foot)
    return env


@dataclass(frozen=True)
class Tally:
    """Pages and bytes written, and the largest page (its size and path)."""

    pages: int
    bytes: int
    largest: tuple[int, str]


@dataclass
class Site:
    """Renders templates into files under ``data`` and counts pages and bytes."""

    data: Path
    env: Environment = field(default_factory=environment)
    globals: dict[str, Any] = field(default_factory=dict)
    pages: int = 0
    bytes: int = 0
    largest: tuple[int, str] = (0, "")

    def write(self, page: str, template: str, **context: Any) -> None:
        path = self.data / page
        path.parent.mkdir(parents=True, exist_ok=True)

        def url(target: str) -> str:
            """A link to a page of the index, perhaps with ``#anchor``."""
            return relative_url(page, target)

        def file_url(target: str) -> str:
            """A link to a file (table, document, original): no anchor, any name."""
            return relative_url(page, target, anchored=False)

        values = {**self.globals, **context, "page": page, "url": url, "file_url": file_url}
        values.setdefault("lang", "da")
        text = self.env.get_template(template).render(**values)  # one page: bounded by the page limits
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        size = path.stat().st_size
        self.pages += 1
        self.bytes += size
        self.largest = max(self.largest, (size, page))

    def tally(self) -> Tally:
        """What this site wrote: pages, bytes, the largest page (a worker's, for the index's own tally)."""
        return Tally(self.pages, self.bytes, self.largest)

    def add(self, other: Tally) -> None:
        """Count what another site (a worker's, in the same folder) wrote."""
        self.pages += other.pages
        self.bytes += other.bytes
        self.largest = max(self.largest, other.largest)

    def copy_static(self, name: str, page: str) -> None:
        """A template written as it is (the style sheet)."""
        source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        path = self.data / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8", newline="\n")
        self.bytes += path.stat().st_size
