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


# What list.html wrote through Jinja before ``rows.list_rows`` wrote it: the reference for the same bytes.
LIST_TEMPLATE = (
    "{% for row in rows %}\n"
    "<tr>{% for c in row %}<td{{ ' class=\"n\"'|safe if c.num else '' }}{% if c.lang %} lang=\"{{ c.lang }}\""
    "{% endif %}>{% if c.code %}<code>{% endif %}{% for part in c.parts %}{{ \" · \" if not loop.first else \"\" }}"
    "{% if part.href %}<a href=\"{{ file_url(part.href) if part.file else url(part.href) }}\">{{ part.text }}</a>"
    "{% else %}{{ part.text }}{% endif %}{% endfor %}{% if c.code %}</code>{% endif %}{% if c.note %}"
    " <code class=\"note\">{{ c.note }}</code>{% endif %}</td>{% endfor %}</tr>\n"
    "{% endfor %}\n")


def test_list_rows_are_what_the_template_wrote():
    from jinja2 import Environment

    from xena2archive.index.views import cell, files_cell

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    url = lambda target: "../" + target  # noqa: E731
    file_url = lambda target: "../../" + target + "?f"  # noqa: E731
    texts = [str(v) for v in NASTY if v is not None]
    rows_ = [[cell(t), cell(t, href=t or None), cell(t, num=True), cell(t, code=True), cell(t, lang="en"),
              cell(t, href="x#" + t, file=True), files_cell([(t, "a&b"), ("PDF/A", t)]),
              {**cell(t), "note": t or None}] for t in texts]
    rows_.append([])
    expected = env.from_string(LIST_TEMPLATE).render(rows=rows_, url=url, file_url=file_url)
    assert str(rows.list_rows(rows_, url, file_url)) == expected
    assert str(rows.list_rows([], url, file_url)) == env.from_string(LIST_TEMPLATE).render(rows=[], url=url,
                                                                                          file_url=file_url)
