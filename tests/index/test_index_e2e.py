"""The index of a converted sample backup: what it says, that it links everything, and that it holds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from index_html import all_pages, broken_links, parse


def hrefs(pages: list[Path]) -> set[Path]:
    """Every file the pages link to, resolved."""
    found = set()
    for path in pages:
        for _, value in parse(path).links:
            parts = urlsplit(value)
            if parts.path:
                found.add((path.parent / unquote(parts.path)).resolve())
    return found


def test_front_page_tells_who_when_and_what(sample_archive: dict[str, Any]) -> None:
    data, report, facts = sample_archive["data"], sample_archive["report"], sample_archive["facts"]
    html = (data / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in html
    assert facts.company_name.replace("&", "&amp;") in html
    assert f"CVR {facts.cvr}" in html
    for line in report["company"]["address"]:
        assert line in html
    assert "31-01-2025 kl. 12:00" in html  # input.backup_time 2025-01-31T12:00:00
    for year in report["company"]["fiscal_years"]:
        assert year["description"] in html
    assert 'href="index.en.html"' in html
    english = (data / "index.en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and 'href="index.html"' in english
    assert "xena2archive verify" in html and "manifest-sha512.txt" in html
    for word in ("JSON Lines", "JSON Schema", "xlsx", "PDF/A", "BagIt"):
        assert word in html and word in english


def test_every_table_document_and_file_is_linked(sample_archive: dict[str, Any]) -> None:
    data, report = sample_archive["data"], sample_archive["report"]
    front = hrefs([data / "index.html"])
    for table in report["tables"]:
        for kind in ("jsonl", "schema", "xlsx"):
            assert (data / "tables" / table["outputs"][kind]).resolve() in front, (table["table"], kind)
        assert table["description"] in (data / "index.html").read_text(encoding="utf-8")
    documents = hrefs(sorted((data / "index").glob("dokumenter*.html")))
    assert report["documents"]
    for document in report["documents"]:
        assert (data / document["original"]).resolve() in documents
        if document["pdfa"]:
            assert (data / document["pdfa"]).resolve() in documents
    files = hrefs(sorted((data / "index").glob("filer*.html")))
    for entry in report["entries"]:
        assert (data / entry["original"]).resolve() in files


def test_all_links_resolve_and_pages_are_well_formed(sample_archive: dict[str, Any]) -> None:
    data = sample_archive["data"]
    pages = all_pages(data)
    assert len(pages) == sample_archive["summary"].pages
    assert broken_links(data, pages) == []
    for page in pages.values():
        assert page.problems == [], (page.path, page.problems)
        assert page.th_without_scope == 0, page.path
        assert page.lang in ("da", "en")


def test_the_books_add_up(sample_archive: dict[str, Any]) -> None:
    summary, facts = sample_archive["summary"], sample_archive["facts"]
    assert summary.postings == facts.tables["LedgerPostDto"]
    assert summary.unbalanced_vouchers == 0
    assert summary.postings_without_voucher == 0
    assert summary.documents_without_relation == 0
    debit = sum((Decimal(a) for a in facts.amounts.values() if Decimal(a) > 0), Decimal(0))
    credit = -sum((Decimal(a) for a in facts.amounts.values() if Decimal(a) < 0), Decimal(0))
    assert sum(Decimal(t["debit"]) for t in summary.trial_balances.values()) == debit
    assert sum(Decimal(t["credit"]) for t in summary.trial_balances.values()) == credit
    for totals in summary.trial_balances.values():
        assert totals["debit"] == totals["credit"] and Decimal(totals["balance"]) == 0


def test_no_page_is_too_big(sample_archive: dict[str, Any]) -> None:
    assert sample_archive["summary"].largest_page_bytes < 2_000_000
