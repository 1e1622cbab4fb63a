"""The search page in a real browser: headless Chromium opens ``soeg.html?q=...`` from ``file://``
(no server) and the hits' links are checked against the books of ``search_books``, where every
place a word is known; each link must lead to a page and anchor that exist."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, unquote, urlsplit

import pytest
from index_html import all_pages, parse
from search_books import write_search_books

from xena2archive._exec.chromium import PROBE, dump_dom
from xena2archive.index import search_text
from helpers import missing


@pytest.fixture(autouse=True)
def chromium() -> None:
    if PROBE.which() is None:
        missing("Chromium is not installed (apt-get install chromium)",
                "Chromium is needed in CI (apt-get install chromium)")


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("search") / "data"
    write_search_books(data)
    return data


class _Hits(HTMLParser):
    """The text of ``#count`` and, for each ``<li>`` of ``#hits``, its link and its whole text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = ""
        self.hits: list[dict[str, str]] = []
        self.shown_ms: str | None = None
        self.more_hidden = True
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id") == "count":
            self._in = "count"
        elif values.get("id") == "hits":
            self._in = "hits"
            self.shown_ms = values.get("data-ms")
        elif values.get("id") == "more":
            self.more_hidden = "hidden" in values
        elif self._in == "hits" and tag == "li":
            self.hits.append({"href": "", "text": ""})
        elif self._in == "hits" and tag == "a" and self.hits:
            self.hits[-1]["href"] = values.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if (self._in == "count" and tag == "p") or (self._in == "hits" and tag == "ol"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "count":
            self.count += data
        elif self._in == "hits" and self.hits:
            self.hits[-1]["text"] += data


def search(data: Path, query: str, page: str = "soeg.html") -> _Hits:
    run = dump_dom(data / "index" / page, query="q=" + quote_plus(query))
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.console == []
    found = _Hits()
    found.feed(run.stdout)
    assert found.shown_ms is not None, f"the search did not finish for {query!r}"
    return found


def assert_lead_somewhere(data: Path, hrefs: list[str]) -> None:
    """Each link names a page of the index that exists and holds the anchor."""
    for href in hrefs:
        parts = urlsplit(href)
        target = data / "index" / unquote(parts.path)
        assert target.is_file(), href
        if parts.fragment:
            assert parts.fragment in parse(target).ids, href


V17, V18, V19 = ("bilag/2024/0001.html#v4294967317", "bilag/2023/0001.html#v4294967318",
                 "bilag/2024/0001.html#v4294967319")
P0, P1, P2, P3, P4, P5 = ("bilag/2024/0001.html#p0", "bilag/2024/0001.html#p1", "bilag/2023/0001.html#p2",
                          "bilag/2023/0001.html#p3", "bilag/2024/0001.html#p4", "bilag/2024/0001.html#p5")
ABY, AEBLET, RECEIPT = "partnere/3800000001.html", "partnere/3800000002.html", "dokumenter.html#d0"

# query -> the hits' links in the order shown: accounts, partners, documents, vouchers, postings
EXPECTED = {
    "17": [V17, P0, P1],  # a voucher number: the voucher and its postings
    "5600": ["konti/5600/2024.html", P0, P3, P4],  # an account number: the account (its last year) and its postings
    "aabyhoej": [ABY, V17, P0],  # a partner's name, folded
    "Åbyhøj": [ABY, V17, P0],
    "ÅBYHØJ": [ABY, V17, P0],
    "aabyh": [ABY, V17, P0],  # the beginning of a word
    "aeblet": [AEBLET, P2],
    "Indbetaling": [P3],  # a posting's text
    "19.017,47": [RECEIPT, V17, P0, P1],  # an amount, as the receipt has it and in the books on both sides
    "19017,47": [RECEIPT, V17, P0, P1],
    "19017.47": [RECEIPT, V17, P0, P1],
    "-19.017,47": [P0],  # with its minus: only the negative one
    "250,50": [V19, P4, P5],
    "10-06-2024": [V17, P0, P1],  # a date both ways
    "2024-06-10": [V17, P0, P1],
    "boegeskov": [RECEIPT],  # words in a document's text
    "Æblemost": [RECEIPT],
    "aabyhoej 19017,47": [V17, P0],  # all words must match
    "salg": ["konti/1010/2023.html", "kontoplan.html", V18, P2],  # Salg af varer, Salgsmoms, voucher 18, Salg æbler
    "zzzqqq": [],
}


# A Chromium run each (about 2 s): one query of each kind is quick; the other spellings of the same
# kind are slow (the terms of every spelling are held to the builder's quick, in one run, below)
SLOW_QUERIES = {"Åbyhøj", "ÅBYHØJ", "aeblet", "19017,47", "19017.47", "250,50", "2024-06-10", "Æblemost", "salg"}


@pytest.mark.parametrize("query", [pytest.param(q, marks=[pytest.mark.slow] if q in SLOW_QUERIES else [])
                                   for q in EXPECTED])
def test_search_finds(books: Path, query: str) -> None:
    found = search(books, query)
    hrefs = [h["href"] for h in found.hits]
    assert hrefs == EXPECTED[query]
    n = len(hrefs)
    assert found.count == (f"Ingen resultater for »{query}«." if n == 0 else "1 resultat." if n == 1
                           else f"{n} resultater.")
    assert_lead_somewhere(books, hrefs)


def test_hits_show_what_they_are(books: Path) -> None:
    hits = search(books, "aabyhoej").hits
    assert hits[0]["text"].startswith("Kunde/leverandør: Åbyhøj Tømrer ApS")
    assert hits[1]["text"].startswith("Bilag 17") and "Faktura Åbyhøj Tømrer" in hits[1]["text"]
    assert hits[2]["text"].startswith("Postering på bilag 17") and "-19.017,47" in hits[2]["text"]


def test_english_page(books: Path) -> None:
    found = search(books, "aabyhoej", page="soeg.en.html")
    assert [h["href"] for h in found.hits] == EXPECTED["aabyhoej"]
    assert found.count == "3 hits."
    assert found.hits[1]["text"].startswith("Voucher 17")
    assert search(books, "zzzqqq", page="soeg.en.html").count == "No hits for “zzzqqq”."


def test_first_hits_at_once_and_more(sample_archive: dict[str, Any]) -> None:
    """More hits than a screenful: the first 50 at once, the count of all, and a button for more."""
    found = search(sample_archive["data"], "bank")
    total = int(re.fullmatch(r"([0-9.]+) resultater\. Viser de første 50\.", found.count)[1].replace(".", ""))
    assert total > 50 and len(found.hits) == 50 and not found.more_hidden
    assert_lead_somewhere(sample_archive["data"], [h["href"] for h in found.hits])


def test_every_page_links_to_search_and_only_search_has_a_script(sample_archive: dict[str, Any]) -> None:
    data = sample_archive["data"].resolve()
    for path, page in all_pages(data).items():
        english = path.name.endswith(".en.html")
        search_page = (data / "index" / ("soeg.en.html" if english else "soeg.html")).resolve()
        targets = {(path.parent / unquote(urlsplit(v).path)).resolve() for a, v in page.links if a == "href"}
        assert search_page in targets, path
        assert page.scripts == (["soeg.js", "soeg/meta.js"] if path.name.startswith("soeg") else []), path


CASES = ["Æblet", "Åbyhøj Tømrer ApS", "AABYHØJ", "Crème brûlée", "e\u0301", "19.017,47", "-19.017,47", "19,017.47",
         "19017.470", "1.234", "1,5", "0012", "-0,00", "1.234.567,89", "1,234,5", "10-06-2024", "10.6.2024",
         "2024-06-10", "31-02-2024", "32-01-2024", "(19.017,47)", "kr.", "Kunde-5 A/S", "a_b", "Ωμέγα", "x²",
         "Straße", "İstanbul", "𝐀𝐁𝐂 𝟏𝟐", "ｆｕｌｌ", "--12", "12-", "æ-ø-å", "I alt 19.017,47 DKK\f", "1.5.2024-2"]


def test_the_page_reads_words_as_the_builder_does(books: Path, tmp_path: Path) -> None:
    """soeg.js's terms and clauses are search_text's, on text made to find where two languages differ."""
    script = (books / "index" / "soeg.js").resolve().as_uri()
    page = tmp_path / "twins.html"
    page.write_text(
        '<!DOCTYPE html><html lang="da"><meta charset="utf-8"><title>t</title>'
        '<p id="count"></p><ol id="hits"></ol><input id="q">'
        f'<button id="more"></button><script src="{script}"></script><pre id="out"></pre>'
        f'<script>var cases = {json.dumps(CASES)}; document.getElementById("out").textContent = JSON.stringify('
        'cases.map(function (c) { return [X2A.terms(c), X2A.clauses(c).map(function (k) {'
        ' return [k.terms, k.prefix]; })]; }));</script></html>', encoding="utf-8")
    run = dump_dom(page)
    assert run.console == []
    out = json.loads(re.search(r'<pre id="out">(.*?)</pre>', run.stdout, re.S)[1].replace("&amp;", "&"))
    python = [[sorted(search_text.terms(c)), [[t, p] for t, p in search_text.clauses(c)]] for c in CASES]
    assert [[sorted(terms), clauses] for terms, clauses in out] == python
