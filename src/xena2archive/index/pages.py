"""The pages of the index, each family written from one streamed, sorted query.

Paths (under data/):

    index.html, index.en.html          front page, Danish and English
    index/style.css
    index/kontoplan.html               chart of accounts, balance per fiscal year
    index/raabalance/<year>.html       trial balance of one fiscal year
    index/konti/<account>/<year>[-n].html   postings of one account in one year, running balance
    index/bilag.html                   the voucher pages per year, with their number ranges
    index/bilag/<year>/<nnnn>.html     vouchers with their postings, sums and documents
    index/partnere[-n].html            customers and suppliers
    index/partnere/<id>[-n].html       postings and documents of one partner
    index/dokumenter[-n].html          every document: PDF/A copy, original, what it belongs to
    index/fund.html                    findings, with lists under index/fund/
    index/filer[-n].html               every file of the backup
"""

from __future__ import annotations

import itertools
import json
import posixpath
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import fmt
from .ledger import NO_YEAR, Ledger, Sums, add
from .site import Site


@dataclass(frozen=True)
class Limits:
    """How much goes on one page; at these sizes no page comes near 2 MB."""

    rows: int = 1000  # postings per voucher, account or partner page
    vouchers: int = 250  # vouchers per voucher page
    list_rows: int = 1000  # rows of a list page (partners, files, findings)
    documents: int = 250  # documents per documents page
    front: int = 50  # items of a list shown on the front page before "see all"


STATUS_DA = {"converted": "PDF/A", "not-converted": "ikke konverteret", "failed": "konvertering fejlede"}
STATUS_EN = {"converted": "PDF/A", "not-converted": "not converted", "failed": "conversion failed"}


# -- paths -------------------------------------------------------------------------------------

def numbered(base: str, n: int) -> str:
    return f"{base}.html" if n <= 1 else f"{base}-{n}.html"


def voucher_page(year: str, page: int) -> str:
    return f"index/bilag/{year}/{page:04d}.html"


def account_page(slug: str, year: str, n: int = 1) -> str:
    return numbered(f"index/konti/{slug}/{year}", n)


def partner_page(ident: int, n: int = 1) -> str:
    return numbered(f"index/partnere/{ident}", n)


def trial_balance_page(year: str) -> str:
    return f"index/raabalance/{year}.html"


def pages_needed(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def pager(base_page: Any, current: int, total: int) -> dict[str, Any]:
    """Page links for a template: ``base_page(n)`` gives page n's path."""
    if total <= 1:
        return {"current": 1, "total": 1, "links": []}
    shown = sorted({1, total, *range(max(1, current - 4), min(total, current + 4) + 1)})
    links = []
    previous = 0
    for n in shown:
        if n - previous > 1:
            links.append({"gap": True, "n": None, "href": None, "current": False})
        links.append({"gap": False, "n": n, "href": base_page(n), "current": n == current})
        previous = n
    return {
        "current": current, "total": total, "links": links,
        "prev": base_page(current - 1) if current > 1 else None,
        "next": base_page(current + 1) if current < total else None,
    }


def cell(text: Any = "", href: str | None = None, num: bool = False, code: bool = False,
         lang: str | None = None, file: bool = False) -> dict[str, Any]:
    """One cell of a list page. ``href`` is a page of the index (``#anchor`` allowed) or, with
    ``file``, a file of the archive; ``lang`` marks text that is not Danish (the report's English)."""
    return {"parts": [{"text": "" if text is None else str(text), "href": href, "file": file}], "num": num,
            "code": code, "lang": lang}


def files_cell(parts: list[tuple[str, str]]) -> dict[str, Any]:
    """A cell of links to files of the archive."""
    return {"parts": [{"text": t, "href": h, "file": True} for t, h in parts], "num": False, "code": False,
            "lang": None}


# -- the documents, as the pages show them ----------------------------------------------------

class Documents:
    """The report's documents in a fixed order (by zip name); ``ord`` is the position in it."""

    def __init__(self, documents: list[dict[str, Any]], per_page: int) -> None:
        self.items = sorted(documents, key=lambda d: (str(d.get("zip_name") or ""), str(d.get("original") or "")))
        self.per_page = per_page
        # an e-mail and its attachments name each other by original path
        self.by_original = {str(d.get("original")): n for n, d in enumerate(self.items) if d.get("original")}

    def page_of(self, ord_: int) -> str:
        return numbered("index/dokumenter", ord_ // self.per_page + 1)

    def href(self, ord_: int) -> str:
        return f"{self.page_of(ord_)}#d{ord_}"

    def view(self, ord_: int) -> dict[str, Any]:
        d = self.items[ord_]
        zip_name = str(d.get("zip_name") or d.get("original") or "")
        status = str(d.get("status") or "")
        return {
            "ord": ord_,
            "href": self.href(ord_),
            "name": posixpath.basename(zip_name) or zip_name,
            "zip_name": zip_name,
            "description": d.get("description") or "",
            "format": d.get("format") or "",
            "mime": d.get("mime") or "",
            "status": status,
            "status_da": STATUS_DA.get(status, status),
            "status_en": STATUS_EN.get(status, status),
            "pdfa": d.get("pdfa") or None,
            "original": d.get("original") or None,
            "reasons": [str(r) for r in d.get("reasons") or []],
            "notes": [str(r) for r in d.get("reasons") or []]
            + ([f"content: {d['mismatch']}"] if d.get("mismatch") else [])
            + ([f"removed from the copy: {', '.join(map(str, d['removed']))}"] if d.get("removed") else []),
            "other": [str(o) for o in (d.get("links") or {}).get("other") or []],
            "document_id": d.get("document_id"),
            "format_name": d.get("format_name") or "",
            "format_version": d.get("format_version") or "",
            "pronom": d.get("pronom") or "",
            "attachments": [self._named(str(a)) for a in d.get("attachments") or []],
            "attached_to": self._named(str(d["attached_to"])) if d.get("attached_to") else None,
        }

    def _named(self, original: str) -> dict[str, Any]:
        """A link to the document whose original is at ``original`` (its file name as the text)."""
        ord_ = self.by_original.get(original)
        return {"text": posixpath.basename(original), "href": self.href(ord_) if ord_ is not None else None}


# -- postings ----------------------------------------------------------------------------------

class Posting:
    """One posting as the pages show it: every value already formatted (Danish), links as data paths."""

    __slots__ = ("seq", "id", "date", "vnum", "voucher_href", "account", "account_name", "account_href", "text",
                 "vat", "partner", "partner_href", "amount", "debit", "credit", "raw", "foreign", "balance")

    def __init__(self, seq: int, id: int | None, date: str, vnum: str, voucher_href: str | None, account: str,  # noqa: A002
                 account_name: str, account_href: str, text: str, vat: str, partner: str, partner_href: str | None,
                 amount: Decimal | None, debit: str, credit: str, raw: str, foreign: str) -> None:
        self.seq, self.id, self.date, self.vnum, self.voucher_href = seq, id, date, vnum, voucher_href
        self.account, self.account_name, self.account_href, self.text, self.vat = \
            account, account_name, account_href, text, vat
        self.partner, self.partner_href, self.amount, self.debit, self.credit = \
            partner, partner_href, amount, debit, credit
        self.raw, self.foreign, self.balance = raw, foreign, ""


# The columns every posting query selects, in this order (``Views.posting`` unpacks them).
POST_SELECT = """
SELECT p.seq, p.id, p.voucher_id, p.vnum, p.date, p.year, p.amount, p.raw, p.account, p.text, p.vat,
       p.partner_id, coalesce(pa.name, p.partner_name) AS partner_name, p.currency, p.currency_amount,
       p.arank, p.prank, a.number AS account_number, a.name AS account_name, a.slug AS account_slug,
       vp.year AS vyear, vp.page AS vpage
FROM posts p
LEFT JOIN accounts a ON a.key = p.account
LEFT JOIN partners pa ON pa.id = p.partner_id
LEFT JOIN vpage vp ON vp.voucher_id = p.voucher_id
"""
POST_COLUMNS = 22


class Views:
    """Turns database rows into what the templates show, with the links between pages."""

    def __init__(self, ledger: Ledger, limits: Limits, documents: Documents) -> None:
        self.ledger = ledger
        self.limits = limits
        self.documents = documents

    def posting(self, r: sqlite3.Row | tuple[Any, ...]) -> Posting:
        (seq, ident, voucher_id, vnum, day, year, raw_amount, raw, account, text, vat, partner_id, partner_name,
         currency, currency_amount, arank, prank, account_number, account_name, account_slug, vyear,
         vpage) = tuple(r)[:POST_COLUMNS]
        rows = self.limits.rows
        amount = Decimal(raw_amount) if raw_amount is not None else None
        negative = amount is not None and amount < 0
        foreign = ""
        if currency and currency != self.ledger.currency and currency_amount is not None:
            foreign = f"{currency} {fmt.money(currency_amount)}"
        partner_href = None
        if partner_id is not None and prank is not None:
            partner_href = f"{partner_page(partner_id, prank // rows + 1)}#p{seq}"
        return Posting(
            seq, ident, fmt.date(day),
            "" if vnum is None and voucher_id is None else (f"id {voucher_id}" if vnum is None else str(vnum)),
            f"{voucher_page(vyear, vpage)}#v{voucher_id}" if vpage else None,
            account_number or account, account_name or "",
            f"{account_page(account_slug, year, arank // rows + 1)}#p{seq}",
            text or "", vat or "",
            partner_name or ("" if partner_id is None else f"id {partner_id}"), partner_href,
            amount,
            "" if amount is None or negative else fmt.money(raw_amount),
            fmt.money(raw_amount[1:]) if negative else "",
            raw or "", foreign,
        )

    def documents_of(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [self.documents.view(row[0]) for row in self.ledger.db.execute(sql, args)]


# -- the voucher pages -------------------------------------------------------------------------

@dataclass
class VoucherPage:
    year: str
    page: int
    first: Any
    last: Any
    vouchers: int


def plan_vouchers(ledger: Ledger, limits: Limits) -> dict[str, list[VoucherPage]]:
    """Cut each year's vouchers (by number) into pages of about ``limits.rows`` postings.

    A voucher stays on one page unless it alone has more postings than a page holds; then it is
    continued over as many pages as it needs. Writes ``vseg`` (what goes on each page) and
    ``vpage`` (where each voucher starts).
    """
    db = ledger.db
    db.executescript("""
        CREATE TABLE vseg(year TEXT, page INTEGER, ord INTEGER, voucher_id INTEGER, off INTEGER,
                          n INTEGER, part INTEGER, parts INTEGER);
        CREATE TABLE vpage(voucher_id INTEGER PRIMARY KEY, year TEXT, page INTEGER);
    """)
    plan: dict[str, list[VoucherPage]] = {}
    ord_ = 0
    for year in ledger.year_slugs():
        pages: list[VoucherPage] = []
        page, rows, count = 1, 0, 0
        segments: list[tuple[Any, ...]] = []
        starts: list[tuple[Any, ...]] = []
        cursor = db.execute(
            "SELECT v.id, v.number, coalesce(s.n, 0) FROM vouchers v LEFT JOIN vsum s ON s.voucher_id = v.id"
            " WHERE v.year = ? ORDER BY v.number, v.id", (year,))
        for voucher_id, number, n in cursor:
            parts = [(offset, min(limits.rows, n - offset)) for offset in range(0, n, limits.rows)] or [(0, 0)]
            for part, (offset, k) in enumerate(parts, 1):
                if count and (rows + k > limits.rows or count >= limits.vouchers):
                    page, rows, count = page + 1, 0, 0
                if not count:
                    pages.append(VoucherPage(year, page, number, number, 0))
                if part == 1:
                    starts.append((voucher_id, year, page))
                    pages[-1].vouchers += 1
                pages[-1].last = number
                segments.append((year, page, ord_, voucher_id, offset, k, part, len(parts)))
                ord_ += 1
                rows += k
                count += 1
            if len(segments) >= 5000:
                db.executemany("INSERT INTO vseg VALUES (?,?,?,?,?,?,?,?)", segments)
                db.executemany("INSERT OR IGNORE INTO vpage VALUES (?,?,?)", starts)
                segments.clear()
                starts.clear()
        db.executemany("INSERT INTO vseg VALUES (?,?,?,?,?,?,?,?)", segments)
        db.executemany("INSERT OR IGNORE INTO vpage VALUES (?,?,?)", starts)
        if pages:
            plan[year] = pages
    db.execute("CREATE INDEX vseg_page ON vseg(year, page, ord)")
    db.commit()
    return plan


def voucher_problems(voucher: sqlite3.Row, sums: Sums) -> list[str]:
    """Why a voucher does not add up, in Danish; empty when it does."""
    problems = []
    n, bad = voucher["n"], voucher["bad"]
    if bad:
        problems.append(f"{bad} beløb kan ikke læses som tal")
    if n and sums.balance != 0:
        problems.append(f"posteringerne summer til {fmt.money(sums.balance)}, ikke 0,00")
    if voucher["known"]:
        debit, credit = fmt.to_decimal(voucher["debit"]), fmt.to_decimal(voucher["credit"])
        if debit is not None and not bad and debit != sums.debit:
            problems.append(f"bilaget angiver debet {fmt.money(debit)}, posteringerne {fmt.money(sums.debit)}")
        if credit is not None and not bad and abs(credit) != -sums.credit:
            problems.append(f"bilaget angiver kredit {fmt.money(abs(credit))}, posteringerne {fmt.money(-sums.credit)}")
    return problems


VOUCHER_SELECT = """
SELECT v.id, v.number, v.text, v.date, v.year, v.debit, v.credit, v.known, v.first_doc,
       coalesce(s.n, 0) AS n, s.tot, coalesce(s.bad, 0) AS bad
FROM vouchers v LEFT JOIN vsum s ON s.voucher_id = v.id
"""


def write_voucher_pages(site: Site, views: Views, plan: dict[str, list[VoucherPage]]) -> None:
    """Each page from three queries: its vouchers, their postings (by rank within the voucher, so a
    long voucher's parts are cheap to find), and their documents."""
    db = views.ledger.db
    for year, pages in plan.items():
        label = views.ledger.year_label(year)
        for info in pages:
            key = (year, info.page)
            segments = db.execute(
                "SELECT s.ord, s.off, s.n AS seg_n, s.part, s.parts, v.* FROM vseg s"
                f" JOIN ({VOUCHER_SELECT}) v ON v.id = s.voucher_id WHERE s.year = ? AND s.page = ? ORDER BY s.ord",
                key).fetchall()
            postings: dict[int, list[Posting]] = {}
            for row in db.execute(
                    POST_SELECT.replace("FROM posts p", "FROM vseg s JOIN posts p ON p.voucher_id = s.voucher_id"
                                        " AND p.vrank >= s.off AND p.vrank < s.off + s.n")
                    + " WHERE s.year = ? AND s.page = ? ORDER BY s.ord, p.vrank", key):
                postings.setdefault(row[2], []).append(views.posting(row))
            documents: dict[int, list[dict[str, Any]]] = {}
            for voucher_id, ord_ in db.execute(
                    "SELECT d.voucher_id, d.ord FROM vseg s JOIN vdocs d ON d.voucher_id = s.voucher_id"
                    " WHERE s.year = ? AND s.page = ? AND s.part = 1 ORDER BY s.ord, d.ord", key):
                documents.setdefault(voucher_id, []).append(views.documents.view(ord_))
            vouchers = []
            for v in segments:
                part, parts, voucher_id = v["part"], v["parts"], v["id"]
                sums = Sums.parse(v["tot"])
                lines = postings.get(voucher_id, [])
                vouchers.append({
                    "id": voucher_id, "number": v["number"], "text": v["text"] or "", "date": v["date"],
                    "known": v["known"], "count": v["n"], "part": part, "parts": parts,
                    "postings": lines, "documents": documents.get(voucher_id, []) if part == 1 else [],
                    "sums": sums, "problems": voucher_problems(v, sums) if part == parts else [],
                    "first_doc": v["first_doc"], "fx": any(p.foreign for p in lines),
                })
            site.write(
                voucher_page(year, info.page), "vouchers.html",
                title=f"Bilag {info.first}–{info.last}, {label}", year=year, year_label=label,
                vouchers=vouchers, pager=pager(lambda n, y=year: voucher_page(y, n), info.page, len(pages)),
            )


# -- accounts -----------------------------------------------------------------------------------

def account_rows(ledger: Ledger) -> Iterator[tuple[sqlite3.Row, dict[str, tuple[int, Sums]]]]:
    """Every account of the chart (and every account only postings name), with its totals per year."""
    cursor = ledger.db.execute(
        "SELECT a.key, a.number, a.name, a.kind, a.in_chart, a.slug, y.year, y.n, y.tot"
        " FROM accounts a LEFT JOIN acc_year y ON y.account = a.key ORDER BY a.sort, a.key, y.year")
    for _key, group in itertools.groupby(cursor, key=lambda r: r["key"]):
        rows = list(group)
        years = {r["year"]: (r["n"], Sums.parse(r["tot"])) for r in rows if r["year"] is not None}
        yield rows[0], years


def write_chart(site: Site, ledger: Ledger, years: list[str]) -> int:
    accounts = []
    for account, totals in account_rows(ledger):
        accounts.append({
            "number": account["number"] or account["key"], "name": account["name"] or "",
            "kind": account["kind"] or "", "in_chart": account["in_chart"],
            "years": [(totals[y][1].balance, totals[y][0], account_page(account["slug"], y)) if y in totals
                      else None for y in years],
        })
    site.write("index/kontoplan.html", "chart.html", title="Kontoplan", accounts=accounts,
               years=[(y, ledger.year_label(y)) for y in years])
    return len(accounts)


def write_trial_balances(site: Site, ledger: Ledger, years: list[str]) -> dict[str, dict[str, str]]:
    result = {}
    for year in years:
        rows, total, count = [], Sums(), 0
        for r in ledger.db.execute(
                "SELECT a.key, a.number, a.name, a.slug, y.n, y.tot FROM acc_year y JOIN accounts a ON a.key = y.account"
                " WHERE y.year = ? ORDER BY a.sort, a.key", (year,)):
            sums = Sums.parse(r["tot"])
            total = total + sums
            count += r["n"]
            rows.append({"number": r["number"] or r["key"], "name": r["name"] or "", "n": r["n"], "sums": sums,
                         "href": account_page(r["slug"], year)})
        bad = ledger.count("SELECT count(*) FROM posts WHERE year = ? AND amount IS NULL", year)
        period = ledger.period_by_slug.get(year)
        site.write(trial_balance_page(year), "trial_balance.html", title=f"Råbalance {ledger.year_label(year)}",
                   year=year, year_label=ledger.year_label(year), period=period, rows=rows, total=total,
                   count=count, bad=bad)
        result[year] = {"debit": str(total.debit), "credit": str(-total.credit), "balance": str(total.balance),
                        "postings": str(count)}
    return result


def write_account_pages(site: Site, views: Views) -> None:
    ledger, per_page = views.ledger, views.limits.rows
    cursor = ledger.db.execute(POST_SELECT + " ORDER BY p.account, p.year, p.date, p.vnum, p.seq")
    for (key, year), group in itertools.groupby(cursor, key=lambda r: (r["account"], r["year"])):
        account = ledger.db.execute("SELECT * FROM accounts WHERE key = ?", (key,)).fetchone()
        n, tot = ledger.db.execute("SELECT n, tot FROM acc_year WHERE account = ? AND year = ?", (key, year)).fetchone()
        total = pages_needed(n, per_page)
        balance = Decimal(0)
        slug = account["slug"]
        for page_no, chunk in enumerate(chunks(group, per_page), 1):
            carried = balance
            postings = []
            for r in chunk:
                posting = views.posting(r)
                if posting.amount is not None:
                    balance = add(balance, posting.amount)
                posting.balance = fmt.money(balance)
                postings.append(posting)
            number = account["number"] or key
            site.write(
                account_page(slug, year, page_no), "account.html",
                title=f"Konto {number} {account['name'] or ''} – {ledger.year_label(year)}".strip(),
                account={"number": number, "name": account["name"] or "", "kind": account["kind"] or "",
                         "in_chart": account["in_chart"]},
                year=year, year_label=ledger.year_label(year), sums=Sums.parse(tot), count=n,
                postings=postings, carried=carried if page_no > 1 else None, balance=balance,
                fx=any(p.foreign for p in postings),
                last=page_no == total, pager=pager(lambda k, s=slug, y=year: account_page(s, y, k), page_no, total),
            )


# -- partners -----------------------------------------------------------------------------------

def write_partner_pages(site: Site, views: Views) -> None:
    ledger, per_page = views.ledger, views.limits.rows
    db = ledger.db
    db.executescript("""
        INSERT OR IGNORE INTO partners SELECT DISTINCT target, NULL, NULL, NULL, NULL, 0
               FROM doc_links WHERE kind = 'p';
        CREATE TABLE psum AS SELECT partner_id, count(*) AS n, dtot(amount) AS tot FROM posts
               WHERE partner_id IS NOT NULL GROUP BY partner_id;
        CREATE UNIQUE INDEX psum_id ON psum(partner_id);
    """)

    def write(ident: int, group: Iterable[sqlite3.Row]) -> None:
        partner = db.execute("SELECT * FROM partners WHERE id = ?", (ident,)).fetchone()
        found = db.execute("SELECT n, tot FROM psum WHERE partner_id = ?", (ident,)).fetchone()
        n, sums = (found[0], Sums.parse(found[1])) if found else (0, Sums())
        docs = views.documents_of("SELECT DISTINCT ord FROM doc_links WHERE kind = 'p' AND target = ? ORDER BY ord",
                                  ident)
        total = pages_needed(n, per_page)
        name = partner["name"] or f"Partner {ident}"
        view = {"id": ident, "number": partner["number"] or "", "name": name, "kind": partner["kind"] or "",
                "cvr": partner["cvr"] or "", "in_table": partner["in_table"]}
        pages = chunks(group, per_page) if n else iter([[]])
        for page_no, chunk in enumerate(pages, 1):
            postings = [views.posting(r) for r in chunk]
            site.write(partner_page(ident, page_no), "partner.html", title=name, partner=view, count=n, sums=sums,
                       documents=docs if page_no == 1 else [], postings=postings,
                       fx=any(p.foreign for p in postings),
                       last=page_no == total, pager=pager(lambda k: partner_page(ident, k), page_no, total))

    cursor = db.execute(POST_SELECT + " WHERE p.partner_id IS NOT NULL ORDER BY p.partner_id, p.date, p.vnum, p.seq")
    for ident, group in itertools.groupby(cursor, key=lambda r: r["partner_id"]):
        write(ident, group)
    for (ident,) in db.execute(
            "SELECT DISTINCT target FROM doc_links WHERE kind = 'p' AND target NOT IN (SELECT partner_id FROM psum)"
            " ORDER BY target").fetchall():
        write(ident, [])


def partner_list_rows(ledger: Ledger) -> Iterator[list[dict[str, Any]]]:
    cursor = ledger.db.execute(
        "SELECT pa.id, pa.number, pa.name, pa.kind, pa.cvr, coalesce(s.n, 0) AS n, s.tot,"
        " EXISTS (SELECT 1 FROM doc_links l WHERE l.kind = 'p' AND l.target = pa.id) AS docs"
        " FROM partners pa LEFT JOIN psum s ON s.partner_id = pa.id"
        " ORDER BY pa.number IS NULL, length(pa.number), pa.number, pa.name, pa.id")
    for r in cursor:
        href = partner_page(r["id"]) if r["n"] or r["docs"] else None
        sums = Sums.parse(r["tot"])
        yield [cell(r["number"] or ""), cell(r["name"] or f"id {r['id']}", href), cell(r["kind"] or ""),
               cell(r["cvr"] or ""), cell(fmt.integer(r["n"]), num=True),
               cell(fmt.money(sums.balance) if r["n"] else "", num=True)]


# -- generic lists ------------------------------------------------------------------------------

def write_list(site: Site, base: str, template_args: dict[str, Any], columns: list[tuple[str, bool]],
               total: int, rows: Iterable[list[dict[str, Any]]], per_page: int) -> int:
    """A list of ``total`` rows on pages ``base.html``, ``base-2.html``, ...; returns the page count."""
    pages = pages_needed(total, per_page)
    written = 0
    for page_no, chunk in enumerate(chunks(rows, per_page), 1):
        site.write(numbered(base, page_no), "list.html", columns=columns, rows=chunk, first=(page_no - 1) * per_page,
                   pager=pager(lambda k: numbered(base, k), page_no, pages), **template_args)
        written += 1
    if not written:
        site.write(numbered(base, 1), "list.html", columns=columns, rows=[], first=0,
                   pager=pager(lambda k: numbered(base, k), 1, 1), **template_args)
    return pages


def document_list(site: Site, views: Views) -> None:
    """Every document with its copy, original, and what it belongs to."""
    documents = views.documents
    db = views.ledger.db
    total = len(documents.items)
    pages = pages_needed(total, documents.per_page)
    for page_no in range(1, pages + 1):
        start = (page_no - 1) * documents.per_page
        items = []
        for ord_ in range(start, min(total, start + documents.per_page)):
            view = documents.view(ord_)
            view["vouchers"] = [
                {"text": f"Bilag {r['number']}" if r["number"] is not None else f"Bilag id {r['id']}",
                 "href": f"{voucher_page(r['year'], r['page'])}#v{r['id']}" if r["page"] else None}
                for r in db.execute(
                    "SELECT v.id, v.number, vp.year, vp.page FROM vdocs d JOIN vouchers v ON v.id = d.voucher_id"
                    " LEFT JOIN vpage vp ON vp.voucher_id = v.id WHERE d.ord = ? ORDER BY v.year, v.number, v.id",
                    (ord_,))]
            view["partners"] = [
                {"text": r["name"] or f"Partner {r['target']}", "href": partner_page(r["target"])}
                for r in db.execute(
                    "SELECT l.target, pa.name FROM doc_links l LEFT JOIN partners pa ON pa.id = l.target"
                    " WHERE l.kind = 'p' AND l.ord = ? ORDER BY l.target", (ord_,))]
            view["orders"] = [r[0] for r in db.execute(
                "SELECT target FROM doc_links WHERE kind = 'o' AND ord = ? ORDER BY target", (ord_,))]
            view["posts"] = [
                {"text": f"postering {r['target']}",
                 "href": f"{voucher_page(r['year'], r['page'])}#p{r['seq']}" if r["page"] else None}
                for r in db.execute(
                    "SELECT l.target, p.seq, vp.year, vp.page FROM doc_links l LEFT JOIN posts p ON p.id = l.target"
                    " LEFT JOIN vpage vp ON vp.voucher_id = p.voucher_id WHERE l.kind = 'l' AND l.ord = ?"
                    " GROUP BY l.target ORDER BY l.target", (ord_,))]
            items.append(view)
        site.write(numbered("index/dokumenter", page_no), "documents.html", title="Dokumenter", documents=items,
                   total=total, pager=pager(lambda k: numbered("index/dokumenter", k), page_no, pages))


# -- findings -----------------------------------------------------------------------------------

@dataclass
class Findings:
    unbalanced: int = 0
    without_voucher: int = 0
    unrelated: int = 0
    outside_years: int = 0
    not_converted: int = 0
    bad_amounts: int = 0

    def as_report(self, ledger: Ledger) -> list[dict[str, str]]:
        found = []
        if self.unbalanced:
            found.append(("warning", "LedgerPostDto/VoucherDto",
                          f"{self.unbalanced} voucher(s) do not add up (postings not summing to 0, or not matching the "
                          "voucher's debit/credit); listed in index/fund/bilag-stemmer-ikke.html"))
        if self.without_voucher:
            found.append(("warning", "LedgerPostDto",
                          f"{self.without_voucher} posting(s) without a voucher; listed in "
                          "index/fund/posteringer-uden-bilag.html"))
        if self.unrelated:
            found.append(("warning", "DocumentDto/DocumentRelationDto",
                          f"{self.unrelated} document(s) not related to any voucher, partner, order or posting; "
                          "listed in index/fund/dokumenter-uden-relation.html"))
        if self.outside_years:
            found.append(("warning", "LedgerPostDto",
                          f"{self.outside_years} posting(s) dated outside every fiscal year of FiscalPeriodDto"))
        if self.bad_amounts:
            found.append(("warning", "LedgerPostDto",
                          f"{self.bad_amounts} posting amount(s) are not numbers and are left out of every sum"))
        if ledger.has_posts and not ledger.has_vouchers:
            found.append(("info", "VoucherDto", "the backup has no VoucherDto table; vouchers in the index are "
                                                   "built from the postings' voucher ids"))
        return [{"severity": s, "where": w, "message": m} for s, w, m in found]


def unbalanced_rows(ledger: Ledger, findings: Findings) -> Iterator[list[dict[str, Any]]]:
    cursor = ledger.db.execute(VOUCHER_SELECT + " ORDER BY v.year, v.number, v.id")
    for v in cursor:
        sums = Sums.parse(v["tot"])
        problems = voucher_problems(v, sums)
        if problems:
            findings.unbalanced += 1
            page = ledger.db.execute("SELECT year, page FROM vpage WHERE voucher_id = ?", (v["id"],)).fetchone()
            href = f"{voucher_page(page[0], page[1])}#v{v['id']}" if page else None
            yield [cell(ledger.year_label(v["year"])), cell(v["number"] if v["number"] is not None else "", href),
                   cell(fmt.date(v["date"])), cell(v["text"] or ""), cell(fmt.integer(v["n"]), num=True),
                   cell(fmt.money(sums.balance), num=True), cell("; ".join(problems))]


def write_findings(site: Site, views: Views, report: dict[str, Any], findings: Findings) -> None:
    ledger, limits, db = views.ledger, views.limits, views.ledger.db
    # vouchers that do not add up: counted while written, so the rows go through a table first
    db.execute("CREATE TABLE flist(kind TEXT, ord INTEGER, row TEXT)")

    def stash(kind: str, rows: Iterable[list[dict[str, Any]]]) -> int:
        count = 0
        batch = []
        for row in rows:
            batch.append((kind, count, json.dumps(row, ensure_ascii=False)))
            count += 1
            if len(batch) >= 5000:
                db.executemany("INSERT INTO flist VALUES (?,?,?)", batch)
                batch.clear()
        db.executemany("INSERT INTO flist VALUES (?,?,?)", batch)
        return count

    def stashed(kind: str) -> Iterator[list[dict[str, Any]]]:
        for (row,) in db.execute("SELECT row FROM flist WHERE kind = ? ORDER BY ord", (kind,)):
            yield json.loads(row)

    stash("unbalanced", unbalanced_rows(ledger, findings))
    write_list(site, "index/fund/bilag-stemmer-ikke", {
        "title": "Bilag der ikke stemmer", "intro": "unbalanced"},
        [("Regnskabsår", False), ("Bilag", False), ("Dato", False), ("Tekst", False), ("Posteringer", True),
         ("Sum", True), ("Hvad er galt", False)], findings.unbalanced, stashed("unbalanced"), limits.list_rows)

    condition = "p.voucher_id IS NULL" + (" OR v.known = 0" if ledger.has_vouchers else "")
    findings.without_voucher = ledger.count(
        f"SELECT count(*) FROM posts p LEFT JOIN vouchers v ON v.id = p.voucher_id WHERE {condition}")

    def without_voucher() -> Iterator[list[dict[str, Any]]]:
        for r in db.execute(POST_SELECT.replace("FROM posts p", "FROM posts p LEFT JOIN vouchers v ON v.id = p.voucher_id")
                            + f" WHERE {condition} ORDER BY p.seq"):
            p = views.posting(r)
            reason = "intet bilags-id" if r["voucher_id"] is None else f"bilag {r['voucher_id']} findes ikke i VoucherDto"
            yield [cell(p.date), cell(p.vnum, p.voucher_href),
                   cell(f"{p.account} {p.account_name}".strip(), p.account_href), cell(p.text),
                   cell(fmt.money(p.amount) if p.amount is not None else p.raw, num=True), cell(reason)]

    write_list(site, "index/fund/posteringer-uden-bilag", {
        "title": "Posteringer uden bilag", "intro": "without_voucher"},
        [("Dato", False), ("Bilag", False), ("Konto", False), ("Tekst", False), ("Beløb", True), ("Hvad er galt", False)],
        findings.without_voucher, without_voucher(), limits.list_rows)

    unrelated_sql = ("SELECT ord FROM docs WHERE ord NOT IN (SELECT ord FROM doc_links WHERE kind != 'd')"
                     " AND ord NOT IN (SELECT ord FROM vdocs) ORDER BY ord")
    findings.unrelated = ledger.count(f"SELECT count(*) FROM ({unrelated_sql})")

    def document_rows(sql: str) -> Iterator[list[dict[str, Any]]]:
        for (ord_,) in db.execute(sql):
            d = views.documents.view(ord_)
            files = [("PDF/A", d["pdfa"])] if d["pdfa"] else []
            if d["original"]:
                files.append(("original", d["original"]))
            yield [cell(d["zip_name"], d["href"]), cell(d["description"]), cell(d["format"]),
                   cell(d["status_da"]), files_cell(files), cell("; ".join(d["notes"]), lang="en")]

    document_columns = [("Fil", False), ("Beskrivelse", False), ("Format", False), ("Status", False),
                        ("Filer", False), ("Bemærkning", False)]
    write_list(site, "index/fund/dokumenter-uden-relation", {
        "title": "Dokumenter uden relation", "intro": "unrelated"},
        document_columns, findings.unrelated, document_rows(unrelated_sql), limits.list_rows)

    not_converted_ords = [i for i, d in enumerate(views.documents.items) if d.get("status") != "converted"]
    findings.not_converted = len(not_converted_ords)
    db.executemany("INSERT INTO flist VALUES ('nc', ?, ?)", ((i, str(o)) for i, o in enumerate(not_converted_ords)))
    write_list(site, "index/fund/ikke-konverteret", {
        "title": "Dokumenter uden PDF/A-kopi", "intro": "not_converted"},
        document_columns, findings.not_converted,
        document_rows("SELECT CAST(row AS INTEGER) FROM flist WHERE kind = 'nc' ORDER BY ord"), limits.list_rows)

    findings.outside_years = ledger.count("SELECT count(*) FROM posts WHERE year = ?", NO_YEAR) \
        if ledger.periods else 0
    findings.bad_amounts = ledger.bad_amounts

    report_findings = sorted(report.get("findings") or [],
                             key=lambda f: (f.get("severity") != "warning", str(f.get("where")), str(f.get("message"))))
    write_list(site, "index/fund/rapport", {"title": "Rapportens bemærkninger", "intro": "report"},
               [("Alvor", False), ("Hvor", False), ("Bemærkning", False)], len(report_findings),
               ([cell("advarsel" if f.get("severity") == "warning" else "info"), cell(f.get("where") or ""),
                 cell(f.get("message") or "", lang="en")] for f in report_findings), limits.list_rows)


def entry_rows(report: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    roles = {"table": "tabel", "document": "dokument", "other": "andet"}
    for e in sorted(report.get("entries") or [], key=lambda e: str(e.get("zip_name"))):
        yield [cell(e.get("zip_name") or "", e.get("original"), file=True), cell(roles.get(e.get("role"), e.get("role") or "")),
               cell(fmt.size(e.get("size")), num=True), cell(e.get("sha256") or "", code=True),
               cell("; ".join([str(e.get("outcome") or ""), *map(str, e.get("notes") or [])]).strip("; "), lang="en")]


def documents_by_format(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: Counter[tuple[str, str]] = Counter()
    formats = set()
    for d in documents:
        name = str(d.get("format") or "ukendt")
        formats.add(name)
        counts[name, "all"] += 1
        counts[name, "pdfa"] += 1 if d.get("pdfa") else 0
    return [{"format": f, "count": counts[f, "all"], "pdfa": counts[f, "pdfa"],
             "kept": counts[f, "all"] - counts[f, "pdfa"]} for f in sorted(formats)]
