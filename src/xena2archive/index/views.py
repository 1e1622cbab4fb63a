"""What the pages show, prepared from the books: page sizes, cells, documents and postings as views.

Every value is formatted here (Danish) and every link is a data path; the page writers only
arrange views and the templates only place them.
"""

from __future__ import annotations

import posixpath
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import findings as F
from .. import fmt
from ..books import Books
from ..books.queries import POST_COLUMNS
from ..records import BROWSER_IMAGES, DocumentEntry
from .paths import account_page, numbered, partner_page, voucher_href


@dataclass(frozen=True)
class PageLimits:
    """How much goes on one page; at these sizes no page comes near 2 MB."""

    rows: int = 1000  # postings per voucher, account or partner page
    vouchers: int = 250  # vouchers per voucher page
    list_rows: int = 1000  # rows of a list page (partners, files, findings)
    documents: int = 250  # documents per documents page
    front: int = 50  # items of a list shown on the front page before "see all"


STATUS_DA = {"converted": "PDF/A", "not-converted": "ikke konverteret", "failed": "konvertering fejlede"}
STATUS_EN = {"converted": "PDF/A", "not-converted": "not converted", "failed": "conversion failed"}


def cell(text: Any = "", href: str | None = None, num: bool = False, code: bool = False,
         lang: str | None = None, file: bool = False) -> dict[str, Any]:
    """One cell of a list page. ``href`` is a page of the index (``#anchor`` allowed) or, with
    ``file``, a file of the archive; ``lang`` marks text that is not Danish (the report's English)."""
    return {"parts": [{"text": "" if text is None else str(text), "href": href, "file": file}], "num": num,
            "code": code, "lang": lang, "note": None}


def files_cell(parts: list[tuple[str, str]]) -> dict[str, Any]:
    """A cell of links to files of the archive."""
    return {"parts": [{"text": t, "href": h, "file": True} for t, h in parts], "num": False, "code": False,
            "lang": None, "note": None}


class Documents:
    """The documents in the books' order (``records.document_order``); ``ord`` is the place in it."""

    def __init__(self, documents: list[DocumentEntry], per_page: int) -> None:
        self.items = documents
        self.per_page = per_page
        # an e-mail and its attachments name each other by original path
        self.by_original = {d.original: n for n, d in enumerate(self.items)}

    def page_of(self, ord_: int) -> str:
        return numbered("index/dokumenter", ord_ // self.per_page + 1)

    def href(self, ord_: int) -> str:
        return f"{self.page_of(ord_)}#d{ord_}"

    def view(self, ord_: int) -> dict[str, Any]:
        d = self.items[ord_]
        zip_name = d.zip_name or d.original
        return {
            "ord": ord_,
            "href": self.href(ord_),
            "name": posixpath.basename(zip_name) or zip_name,
            "zip_name": zip_name,
            "description": d.description or "",
            "format": d.format or "",
            "mime": d.mime or "",
            "status": d.status,
            "status_da": STATUS_DA.get(d.status, d.status),
            "status_en": STATUS_EN.get(d.status, d.status),
            "pdfa": d.pdfa or None,
            "original": d.original or None,
            # the receipt itself on a voucher's page and printout: the original where a browser
            # shows it as a picture, else the pictures of its copy's first pages
            "image": d.original if d.original and d.mime in BROWSER_IMAGES else None,
            "previews": [] if d.mime in BROWSER_IMAGES else d.previews,
            "pages": d.pages,
            "reasons_da": [r.render("da") for r in d.reasons],
            "reasons_en": [r.render("en") for r in d.reasons],
            "notes": [note.render("da") for note in (
                *([F.KINDS[f"no-copy-{d.code}"](zip_name)] if d.code and f"no-copy-{d.code}" in F.KINDS else []),
                *d.reasons, *([F.type_mismatch("", d.mismatch)] if d.mismatch else []),
                *([F.DOCUMENT_CONTENT_REMOVED("", removed=d.removed)] if d.removed else []))],
            "other": d.links.other,
            "document_id": d.document_id,
            "format_name": d.format_name or "",
            "format_version": d.format_version or "",
            "pronom": d.pronom or "",
            "attachments": [self._named(a) for a in d.attachments],
            "attached_to": self._named(d.attached_to) if d.attached_to else None,
        }

    def _named(self, original: str) -> dict[str, Any]:
        """A link to the document whose original is at ``original`` (its file name as the text)."""
        ord_ = self.by_original.get(original)
        return {"text": posixpath.basename(original), "href": self.href(ord_) if ord_ is not None else None}


class Posting:
    """One posting as the pages show it: every value already formatted (Danish), links as data paths."""

    __slots__ = (
        "account",
        "account_href",
        "account_name",
        "amount",
        "balance",
        "credit",
        "date",
        "debit",
        "foreign",
        "id",
        "partner",
        "partner_href",
        "raw",
        "seq",
        "text",
        "vat",
        "vat_amount",
        "vnum",
        "voucher_href",
    )

    def __init__(self, seq: int, id: int | None, date: str, vnum: str, voucher_href: str | None, account: str,
                 account_name: str, account_href: str, text: str, vat: str, partner: str, partner_href: str | None,
                 amount: Decimal | None, debit: str, credit: str, raw: str, foreign: str) -> None:
        self.seq, self.id, self.date, self.vnum, self.voucher_href = seq, id, date, vnum, voucher_href
        self.account, self.account_name, self.account_href, self.text, self.vat = \
            account, account_name, account_href, text, vat
        self.partner, self.partner_href, self.amount, self.debit, self.credit = \
            partner, partner_href, amount, debit, credit
        self.raw, self.foreign, self.balance = raw, foreign, ""
        self.vat_amount = ""


class Views:
    """Turns database rows into what the templates show, with the links between pages."""

    def __init__(self, books: Books, limits: PageLimits, documents: Documents) -> None:
        self.books = books
        self.limits = limits
        self.documents = documents

    def posting(self, r: sqlite3.Row | tuple[Any, ...]) -> Posting:
        (seq, ident, voucher_id, vnum, day, year, raw_amount, raw, account, text, vat, partner_id, partner_name,
         currency, currency_amount, arank, prank, account_number, account_name, account_slug, vyear,
         vpage, vat_amount, _entered) = tuple(r)[:POST_COLUMNS]
        rows = self.limits.rows
        amount = Decimal(raw_amount) if raw_amount is not None else None
        negative = amount is not None and amount < 0
        foreign = ""
        if currency and currency != self.books.currency and currency_amount is not None:
            foreign = f"{currency} {fmt.money(currency_amount)}"
        partner_href = None
        if partner_id is not None and prank is not None:
            partner_href = f"{partner_page(partner_id, prank // rows + 1)}#p{seq}"
        posting = Posting(
            seq, ident, fmt.date(day),
            "" if vnum is None and voucher_id is None else (f"id {voucher_id}" if vnum is None else str(vnum)),
            voucher_href(vyear, vpage, voucher_id) if vpage else None,
            account_number or account, account_name or "",
            f"{account_page(account_slug, year, arank // rows + 1)}#p{seq}",
            text or "", vat or "",
            partner_name or ("" if partner_id is None else f"id {partner_id}"), partner_href,
            amount,
            "" if amount is None or negative else fmt.money(raw_amount),
            fmt.money(raw_amount[1:]) if negative else "",
            raw or "", foreign,
        )
        if vat and vat_amount is not None:
            posting.vat_amount = fmt.money(vat_amount)
        return posting

