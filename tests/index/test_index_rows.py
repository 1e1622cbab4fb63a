"""The posting rows written without Jinja escape exactly as the templates' ``{{ }}`` would."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import escape

from xena2archive.index import rows
from xena2archive.index.views import Posting

NASTY = ["", "Bøgh & Søn", "<script>alert('x')</script>", 'a "quoted" & <b>', "æøå ÆØÅ – €", "\x00\t\n", 12, None,
         Decimal("-1.50")]


def test_escaping_matches_markupsafe():
    for value in NASTY:
        assert rows._e(value) == str(escape(value)), value


def _posting(text: str, amount: Decimal | None) -> Posting:
    return Posting(7, 1, "13-01-2023", "42", "index/bilag/2023/0001.html#v1", "1010", text,
                   "index/konti/1010/2023.html#p7", text, text, text, None, amount,
                   "" if amount is None else "1.234,50", "", text, "EUR 5,00")


def test_rows_escape_every_text_and_show_a_missing_amount():
    url = lambda target: "../../" + target  # noqa: E731
    for render in (rows.voucher_rows, rows.account_rows, rows.partner_rows):
        html = str(render([_posting("<b>'&'</b>", Decimal("1234.5")), _posting("x", None)], url, True))
        assert "<b>" not in html and "&lt;b&gt;&#39;&amp;&#39;&lt;/b&gt;" in html
        assert html.count("<tr ") == 2 and html.endswith("</tr>\n")
        assert '<td class="n warn" colspan="2">x</td>' in html and '<td class="n">EUR 5,00</td>' in html
