"""The index the CLI wrote for the sample backup: what it says, that it links everything, that its
figures add up, and that its pages are the ones the bag's manifest holds.

Every figure is read back from the pages themselves (never from the index code's own summary) and
compared with what the sample generator says it wrote.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import bagit
from index_html import all_pages, broken_links, dk, parse


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(path).text))


def amount(text: str) -> Decimal:
    """A Danish amount as the pages write it (``-1.234,50``)."""
    return Decimal(text.replace(".", "").replace(",", "."))


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
        outputs = table["outputs"]
        assert {"jsonl", "schema"} <= set(outputs) and any(kind.split("/")[0] == "xlsx" for kind in outputs)
        for kind, file in outputs.items():  # a posting table's workbooks: one per fiscal year, each linked
            assert (data / "tables" / file).resolve() in front, (table["table"], kind)
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
    assert len(pages) > 50  # vouchers, accounts, partners, documents, trial balances, findings
    assert broken_links(data, pages) == []
    for page in pages.values():
        assert page.problems == [], (page.path, page.problems)
        assert page.th_without_scope == 0, page.path
        assert page.lang in ("da", "en")


def test_the_pages_are_those_of_the_bags_manifest(sample_archive: dict[str, Any]) -> None:
    """The index is part of the bag: every page on disk is in the manifest with its checksum, and
    bagit-python finds the bag whole."""
    bag, data = sample_archive["bag"], sample_archive["data"]
    bagit.Bag(str(bag)).validate()
    listed = {}
    for line in (bag / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines():
        digest, path = line.split("  ", 1)
        listed[path] = digest
    on_disk = [data / "index.html", data / "index.en.html",
               *sorted(p for p in (data / "index").rglob("*") if p.is_file())]
    for path in on_disk:
        name = str(path.relative_to(bag))
        assert listed.get(name) == hashlib.sha256(path.read_bytes()).hexdigest(), name
    in_manifest = {p for p in listed if p.startswith("data/index/") or p in ("data/index.html", "data/index.en.html")}
    assert in_manifest == {str(p.relative_to(bag)) for p in on_disk}


def test_the_books_add_up(sample_archive: dict[str, Any]) -> None:
    """The trial balances on the pages sum to the sample's postings; the findings page says no voucher
    is off, no posting lacks a voucher and every document is related to something."""
    data, facts = sample_archive["data"], sample_archive["facts"]
    postings, debit, credit = 0, Decimal(0), Decimal(0)
    years = sorted((data / "index" / "raabalance").glob("*.html"))
    assert [p.stem for p in years] == [str(y) for y in facts.fiscal_years]
    for page in years:
        total = re.search(r"I alt ([\d.]+) (-?[\d.]+,\d\d) (-?[\d.]+,\d\d) (-?[\d.]+,\d\d) (-?[\d.]+,\d\d)",
                          text_of(page))
        assert total, page
        count, opening, year_debit, year_credit, closing = total.groups()
        assert amount(opening) == 0 and amount(closing) == 0, page
        balance = str(amount(year_debit) - amount(year_credit)).replace(".", ",")
        postings += int(count.replace(".", ""))
        debit += amount(year_debit)
        credit += amount(year_credit)
        assert amount(year_debit) == amount(year_credit) and amount(balance) == 0, page
    assert postings == facts.tables["LedgerPostDto"]
    assert debit == sum((Decimal(a) for a in facts.amounts.values() if Decimal(a) > 0), Decimal(0))
    assert credit == -sum((Decimal(a) for a in facts.amounts.values() if Decimal(a) < 0), Decimal(0))
    findings = text_of(data / "index" / "fund.html")
    for line in ("Bilag der ikke stemmer 0", "Posteringer uden bilag 0", "Dokumenter uden relation 0",
                 "Posteringer uden for regnskabsårene 0", "Beløb der ikke kan læses som tal 0"):
        assert line in findings, line
    assert "✓ Alle bilag summerer til 0,00" in text_of(data / "index.html")


def test_no_page_is_too_big(sample_archive: dict[str, Any]) -> None:
    data = sample_archive["data"]
    assert max(p.stat().st_size for p in (data / "index").rglob("*.html")) < 2_000_000


def test_counts_agree_with_report_json(sample_archive: dict[str, Any]) -> None:
    """The front page, the findings page and its list count the findings report.json holds (the
    audit's findings too, which the run adds to the report after writing the index); every kind is
    named in Danish on the list."""
    data, report = sample_archive["data"], sample_archive["report"]
    warnings = sum(1 for f in report["findings"] if f["severity"] == "warning")
    assert warnings == report["summary"]["warnings"] and warnings >= 2  # the sample's flaw and the audit's
    assert f"Konverteringen gav {warnings} advarsler" in text_of(data / "index.html")
    assert (f"Rapportens bemærkninger (report.json) {len(report['findings'])}, heraf {warnings} advarsler"
            in text_of(data / "index" / "fund.html"))
    listed = sorted((data / "index" / "fund").glob("rapport*.html"))
    rows = sum(page.read_text(encoding="utf-8").count("<tr><td>") for page in listed)
    assert rows == len(report["findings"])
    listing = " ".join(text_of(page) for page in listed)
    assert "oplysning" in listing and " info " not in listing


def test_a_readable_saft_page_per_year(sample_archive: dict[str, Any]) -> None:
    """Each SAF-T file has a page whose header facts, totals and primo/ultimo sums are those of the
    XML itself, read here with the standard library."""
    import xml.etree.ElementTree as ET

    data, report = sample_archive["data"], sample_archive["report"]
    ns = "{urn:StandardAuditFile-Taxation-Financial:DK}"
    assert len(report["saft"]["files"]) == 2
    for entry in report["saft"]["files"]:
        root = ET.parse(data / entry["file"]).getroot()
        page = text_of(data / "index" / "saft" / f"{entry['start'][:4]}.html")
        ledger = root.find(f"{ns}GeneralLedgerEntries")
        assert ledger is not None
        numbers = [ledger.findtext(f"{ns}{tag}") for tag in ("NumberOfEntries", "TotalDebit", "TotalCredit")]
        lines = len(ledger.findall(f"{ns}Journal/{ns}Transaction/{ns}Line"))
        assert (f"{int(numbers[0])} {lines} {dk(Decimal(numbers[1]))} {dk(Decimal(numbers[2]))} ✓ ja") in page
        accounts = root.findall(f"{ns}MasterFiles/{ns}GeneralLedgerAccounts/{ns}Account")
        sums = {tag: sum((Decimal(a.findtext(f"{ns}{tag}") or 0) for a in accounts), Decimal(0))
                for tag in ("OpeningDebitBalance", "OpeningCreditBalance", "ClosingDebitBalance",
                            "ClosingCreditBalance")}
        assert (f"Primo, alle konti {dk(sums['OpeningDebitBalance'])} {dk(sums['OpeningCreditBalance'])}") in page
        assert (f"Ultimo, alle konti {dk(sums['ClosingDebitBalance'])} {dk(sums['ClosingCreditBalance'])}") in page
        customers = len(root.findall(f"{ns}MasterFiles/{ns}Customers/{ns}Customer"))
        suppliers = len(root.findall(f"{ns}MasterFiles/{ns}Suppliers/{ns}Supplier"))
        assert f"{len(accounts)} konti, {customers} kunder, {suppliers} leverandører" in page
        assert root.findtext(f"{ns}Header/{ns}Company/{ns}Name") in page
        front = (data / "index.html").read_text(encoding="utf-8")
        assert f'href="index/saft/{entry["start"][:4]}.html"' in front



def test_no_english_sentence_of_a_finding_or_a_standard_on_the_danish_pages(sample_archive: dict[str, Any]) -> None:
    """The sample's PNG receipt uploaded as a .pdf: the mismatch, recorded in English in the
    archive's table, is said in Danish on the Danish pages and in English on the English one; so
    is the name of the E-ARK profiles among the standards."""
    data = sample_archive["data"]
    (document,) = [d for d in sample_archive["report"]["documents"] if d["mismatch"]]
    assert document["mismatch"] == ("named .pdf but the content is png; "
                                    "declared as application/pdf but the content is png")
    for page in ("index.html", "index/dokumenter.html", "index/fund/rapport.html"):
        text = text_of(data / page)
        assert ("navngivet .pdf, men indholdet er png, angivet som application/pdf, men indholdet er png"
                in text), page
        assert "but the content is" not in text, page
    front, english = text_of(data / "index.html"), text_of(data / "index.en.html")
    assert "METS 1.12 med E-ARK-profilerne CSIP 2.1 og SIP" in front and " with the E-ARK " not in front
    assert "METS 1.12 with the E-ARK CSIP 2.1 and SIP profiles" in english
    assert "named .pdf but the content is png, declared as application/pdf but the content is png" in english
