"""Where each page of the index lives, and how long lists are cut into pages (a leaf: imports nothing of the index).

Paths (under data/):

    index.html, index.en.html          front page, Danish and English
    index/style.css
    index/kontoplan.html               chart of accounts, balance per fiscal year
    index/raabalance/<year>.html       trial balance of one fiscal year
    index/moms.html, index/moms/<year>.html   VAT codes; VAT per period and code, reconciled
    index/regnskab/<year>.html         income statement and balance sheet of one year, monthly charts
    index/konti/<account>/<year>[-n].html   postings of one account in one year, running balance
    index/bilag.html                   the voucher pages per year, with their number ranges
    index/bilag/<year>/<nnnn>.html     vouchers with their postings, sums and documents
    index/partnere[-n].html            customers and suppliers
    index/partnere/<id>[-n].html       postings, open-item ledger and documents of one partner
    index/aabne-poster/<year>.html     the customers' and suppliers' items open at a year's end
    index/saft/<year>.html             the SAF-T file of a year, readable: header, totals, primo/ultimo
    index/dokumenter[-n].html          every document: PDF/A copy, original, what it belongs to
    index/fund.html                    findings, with lists under index/fund/
    index/filer[-n].html               every file of the backup
    index/soeg.html, index/soeg.en.html  search, Danish and English (``search``), with index/soeg.js
                                       and its data under index/soeg/
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any


def numbered(base: str, n: int) -> str:
    return f"{base}.html" if n <= 1 else f"{base}-{n}.html"


def voucher_page(year: str, page: int) -> str:
    return f"index/bilag/{year}/{page:04d}.html"


def voucher_href(year: str, page: int, voucher_id: int) -> str:
    """One voucher on its page (the pages give each voucher the anchor ``v<id>``)."""
    return f"{voucher_page(year, page)}#v{voucher_id}"


def account_page(slug: str, year: str, n: int = 1) -> str:
    return numbered(f"index/konti/{slug}/{year}", n)


def partner_page(ident: int, n: int = 1) -> str:
    return numbered(f"index/partnere/{ident}", n)


def saft_page(year: str) -> str:
    return f"index/saft/{year}.html"


def open_items_page(year: str) -> str:
    return f"index/aabne-poster/{year}.html"


def statements_page(year: str) -> str:
    return f"index/regnskab/{year}.html"


def vat_page(year: str) -> str:
    return f"index/moms/{year}.html"


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
