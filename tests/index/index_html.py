"""Checks of generated HTML without a browser: well-formed HTML5 structure and links that resolve."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    path: Path
    doctype: str | None = None
    lang: str | None = None
    title: str = ""
    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (attribute, value)
    scripts: list[str] = field(default_factory=list)  # the src of every <script>
    problems: list[str] = field(default_factory=list)
    th_without_scope: int = 0
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.in_title = False
        self.in_thead = False

    def handle_decl(self, decl: str) -> None:
        self.page.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.page.lang = values.get("lang")
        if "id" in values:
            self.page.ids.append(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.page.links.append((name, values[name] or ""))
        if tag == "script" and values.get("src"):
            self.page.scripts.append(values["src"] or "")
        if tag == "th" and "scope" not in values:
            self.page.th_without_scope += 1
        if (tag == "script" and not values.get("src")) or "style" in values or any(n.startswith("on") for n in values):
            self.page.problems.append(f"inline script or style: <{tag} {attrs}>")
        if tag == "title":
            self.in_title = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.page.problems.append(f"self-closing non-void element <{tag}/>")
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.page.problems.append(f"end tag of void element </{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.page.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'} "
                                      f"at line {self.getpos()[0]}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page.title += data
        self.page.text.append(data)


def parse(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    if parser.stack:
        page.problems.append(f"elements left open: {parser.stack}")
    if (page.doctype or "").lower() != "doctype html":
        page.problems.append(f"doctype is {page.doctype!r}")
    if not page.lang:
        page.problems.append("no lang on <html>")
    if not page.title.strip():
        page.problems.append("no <title>")
    duplicates = {i for i, n in Counter(page.ids).items() if n > 1}
    if duplicates:
        page.problems.append(f"duplicate ids: {sorted(duplicates)[:5]}")
    return page


def broken_links(root: Path, pages: dict[Path, Page]) -> list[str]:
    """Every href/src of every page must be relative and name an existing file (and anchor, in HTML)."""
    problems = []
    root = root.resolve()
    ids: dict[Path, set[str]] = {}
    for path, page in pages.items():
        for attribute, value in page.links:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("/"):
                problems.append(f"{path.relative_to(root)}: {attribute}={value!r} is not a relative link")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if not target.is_file():
                problems.append(f"{path.relative_to(root)}: {attribute}={value!r} -> no such file")
                continue
            if not target.is_relative_to(root):
                problems.append(f"{path.relative_to(root)}: {attribute}={value!r} leaves {root}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    known = pages.get(target) or parse(target)
                    ids[target] = set(known.ids)
                if unquote(parts.fragment) not in ids[target]:
                    problems.append(f"{path.relative_to(root)}: {attribute}={value!r} -> no such anchor")
    return problems


def all_pages(data: Path) -> dict[Path, Page]:
    paths = [data / "index.html", data / "index.en.html", *sorted((data / "index").rglob("*.html"))]
    return {path.resolve(): parse(path) for path in paths}


def dk(value: Decimal) -> str:
    """A Danish amount as the pages write it (``-1.234,50``), made here, not with the product's ``fmt``."""
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    return f"{sign}{int(whole):,}".replace(",", ".") + f",{cents}"
