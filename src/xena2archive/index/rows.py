"""The rows of the posting tables (voucher, account and partner pages), a voucher's heading and foot,
and the rows of the list pages, written without the template engine.

A million postings make three million table rows, and the lists of findings can hold a row per
posting; through Jinja each cell costs an attribute lookup and an escape call, and the rows were
most of the index's time. These functions write the same HTML directly, every value escaped as the
templates' ``{{ }}`` would (markupsafe's five entities; a test holds the two to the same bytes), and
return it as ``Markup`` for the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup

from .. import fmt
from .views import Posting

Url = Callable[[str], str]


def _e(value: object) -> str:
    """markupsafe's five escapes, ``&`` first. Five ``str.replace`` calls, each a C-level scan that
    returns the same string when there is nothing to replace: two to six times faster, on a page's
    short texts, than markupsafe's ``escape`` (which makes a ``Markup``) or a ``str.translate`` by a
    mapping (a dictionary lookup per character)."""
    text = value if type(value) is str else str(value)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))


def _link(url: Url, href: str | None, text: str) -> str:
    return f'<a href="{_e(url(href))}">{_e(text)}</a>' if href else _e(text)


def _account(url: Url, p: Posting) -> str:
    return f'<td><a href="{_e(url(p.account_href))}">{_e(p.account)}</a> {_e(p.account_name)}</td>'


def _amount(p: Posting) -> str:
    if p.amount is None:
        return f'<td class="n warn" colspan="2">{_e(p.raw or "intet beløb")}</td>'
    return f"<td>{_e(p.debit)}</td><td>{_e(p.credit)}</td>"


def _foreign(p: Posting, fx: bool) -> str:
    return f'<td class="n">{_e(p.foreign)}</td>' if fx else ""


def _rows(postings: Iterable[Posting], cells: Callable[[Posting], str]) -> Markup:
    """One ``<tr>`` a posting, its date first and the rest from ``cells``, each on a line of its own."""
    return Markup("".join(f'<tr id="p{_e(p.seq)}"><td>{_e(p.date)}</td>{cells(p)}</tr>\n' for p in postings))


def _vat(p: Posting) -> str:
    """The VAT code and, where the posting carries one, its VAT amount."""
    if not p.vat_amount:
        return f"<td>{_e(p.vat)}</td>"
    return f'<td>{_e(p.vat)} <span class="vat">{_e(p.vat_amount)}</span></td>'


def voucher_rows(postings: Iterable[Posting], url: Url, fx: bool) -> Markup:
    """Rows of a voucher's table: date, account, text, VAT (code and amount), partner, (currency), debit,
    credit."""
    return _rows(postings, lambda p: (
        f"{_account(url, p)}<td>{_e(p.text)}</td>{_vat(p)}<td>{_link(url, p.partner_href, p.partner)}</td>"
        f"{_foreign(p, fx)}{_amount(p)}"))


def account_rows(postings: Iterable[Posting], url: Url, fx: bool) -> Markup:
    """Rows of an account's table: date, voucher, text, VAT, partner, (currency), debit, credit, balance."""
    return _rows(postings, lambda p: (
        f"<td>{_link(url, p.voucher_href, p.vnum)}</td><td>{_e(p.text)}</td><td>{_e(p.vat)}</td>"
        f"<td>{_link(url, p.partner_href, p.partner)}</td>{_foreign(p, fx)}{_amount(p)}<td>{_e(p.balance)}</td>"))


def partner_rows(postings: Iterable[Posting], url: Url, fx: bool) -> Markup:
    """Rows of a partner's table: date, voucher, account, text, (currency), debit, credit."""
    return _rows(postings, lambda p: (
        f"<td>{_link(url, p.voucher_href, p.vnum)}</td>{_account(url, p)}<td>{_e(p.text)}</td>{_foreign(p, fx)}"
        f"{_amount(p)}"))


def voucher_head(v: Any) -> Markup:
    """A voucher's first lines on its page (vouchers.html, for each of up to 250 vouchers a page):
    its ``<section>``, its heading (number, and part of how many) and the line of its facts."""
    vid = _e(v.id)
    link = f'id="{_e(v.anchor)}" href="#{_e(v.anchor)}"' if v.anchor else f'href="#v{vid}"'
    number = _e(v.number if v.number is not None else "uden nummer")
    part = f' <span class="part">(del {_e(v.part)} af {_e(v.parts)})</span>' if v.parts > 1 else ""
    facts = [f"Bilagsdato {_e(fmt.date(v.date))}"]
    if v.entered:
        facts.append(f" · registreret {_e(fmt.date(v.entered))}")
    if v.responsible:
        facts.append(f" · ansvarlig {_e(v.responsible)}")
    if v.text:
        facts.append(f" · {_e(v.text)}")
    facts.append(f" · {_e(fmt.integer(v.count))} posteringer · bilags-id {vid}")
    if not v.known:
        facts.append(' · <span class="warn">findes ikke i VoucherDto</span>')
    return Markup(f'<section class="voucher{" bad" if v.problems else ""}" id="v{vid}" aria-labelledby="h{vid}">\n'
                  f'<h2 id="h{vid}"><a class="self" {link}>Bilag {number}</a>{part}</h2>\n'
                  f'<p class="meta">{"".join(facts)}</p>')


def voucher_foot(v: Any) -> Markup:
    """The foot of a voucher's table, on its last part: debit and credit added up, and whether they
    balance."""
    span, sums = 6 if v.fx else 5, v.sums
    balance = sums.balance
    verdict = "✓ stemmer" if balance == 0 else "✗ stemmer ikke"
    return Markup(f'<tfoot>\n<tr><th scope="row" colspan="{span}">I alt</th><td class="n">{_e(fmt.money(sums.debit))}'
                  f'</td><td class="n">{_e(fmt.money(-sums.credit))}</td></tr>\n'
                  f'<tr class="{"ok" if balance == 0 else "bad"}"><th scope="row" colspan="{span}">Debet minus kredit '
                  f'(skal være 0,00)</th><td class="n" colspan="2">{_e(fmt.money(balance))} {verdict}</td></tr>\n'
                  "</tfoot>")


def _part(url: Url, file_url: Url, part: dict[str, Any]) -> str:
    href = part["href"]
    if not href:
        return _e(part["text"])
    return f'<a href="{_e(file_url(href) if part["file"] else url(href))}">{_e(part["text"])}</a>'


def _list_cell(url: Url, file_url: Url, c: dict[str, Any]) -> str:
    """One ``views.cell``: its parts joined by `` · ``, a number right-aligned, code in ``<code>``, a note after."""
    inner = " · ".join(_part(url, file_url, part) for part in c["parts"])
    return "".join((
        '<td class="n"' if c["num"] else "<td", f' lang="{_e(c["lang"])}">' if c["lang"] else ">",
        f"<code>{inner}</code>" if c["code"] else inner,
        f' <code class="note">{_e(c["note"])}</code>' if c["note"] else "", "</td>"))


def list_rows(rows: Iterable[list[dict[str, Any]]], url: Url, file_url: Url) -> Markup:
    """The rows of a list page (``lists.write_list``), a ``<tr>`` a row, each on a line of its own."""
    return Markup("".join(f"<tr>{''.join(_list_cell(url, file_url, c) for c in row)}</tr>\n" for row in rows))
