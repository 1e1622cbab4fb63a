"""The posting rows written without Jinja escape exactly as the templates' ``{{ }}`` would."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from markupsafe import escape

from xena2archive.books.money import Sums
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


# What vouchers.html wrote through Jinja before ``rows.voucher_head`` and ``voucher_foot`` wrote it.
VOUCHER_HEAD_TEMPLATE = (
    '<section class="voucher{{ \' bad\' if v.problems else \'\' }}" id="v{{ v.id }}" aria-labelledb'
    'y="h{{ v.id }}">\n'
    '<h2 id="h{{ v.id }}"><a class="self" {% if v.anchor %}id="{{ v.anchor }}" href="#{{ v.anch'
    'or }}"{% else %}href="#v{{ v.id }}"{% endif %}>Bilag {{ v.number if v.number is not none e'
    'lse "uden nummer" }}</a>{% if v.parts > 1 %} <span class="part">(del {{ v.part }} af {{ v.'
    'parts }})</span>{% endif %}</h2>\n'
    '<p class="meta">Bilagsdato {{ v.date|dkdate }}{% if v.entered %} · registreret {{ v.entere'
    'd|dkdate }}{% endif %}{% if v.responsible %} · ansvarlig {{ v.responsible }}{% endif %}{% '
    'if v.text %} · {{ v.text }}{% endif %} · {{ v.count|integer }} posteringer · bilags-id {{ '
    'v.id }}{% if not v.known %} · <span class="warn">findes ikke i VoucherDto</span>{% endif %'
    '}</p>\n')
VOUCHER_FOOT_TEMPLATE = (
    '<tfoot>\n'
    '<tr><th scope="row" colspan="{{ 6 if v.fx else 5 }}">I alt</th><td class="n">{{ v.sums.deb'
    'it|money }}</td><td class="n">{{ (-v.sums.credit)|money }}</td></tr>\n'
    '<tr class="{{ \'ok\' if v.sums.balance == 0 else \'bad\' }}"><th scope="row" colspan="{{ 6 if '
    'v.fx else 5 }}">Debet minus kredit (skal være 0,00)</th><td class="n" colspan="2">{{ v.sum'
    's.balance|money }} {{ "✓ stemmer" if v.sums.balance == 0 else "✗ stemmer ikke" }}</td></tr'
    '>\n'
    '</tfoot>\n')


def _vouchers() -> list[SimpleNamespace]:
    """Vouchers of every shape the page shows: with and without number, anchor, parts, entry date,
    responsible, text, known or not, foreign currency, balanced or not; every text a nasty one."""
    found = []
    for at, text in enumerate(str(v) for v in NASTY if v is not None):
        for number, anchor, parts, known, fx, sums in (
                (17, "bilag-17", 1, True, False, Sums(Decimal("19017.47"), Decimal("-19017.47"))),
                (None, None, 3, False, True, Sums(Decimal("1234.5"), Decimal("-1000"))),
                (0, None, 2, True, True, Sums(Decimal("0"), Decimal("0")))):
            found.append(SimpleNamespace(
                anchor=anchor and f"{anchor}{text}", entered=None if at % 2 else "2024-06-10", responsible=text,
                id=at, number=number, text=text, date=None if at == 3 else "2024-06-09", known=known,
                count=1234 * at, part=min(parts, 2), parts=parts, problems=[text] if at % 3 else [], fx=fx, sums=sums))
    return found


def test_voucher_head_and_foot_are_what_the_template_wrote():
    from jinja2 import Environment

    from xena2archive import fmt

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(money=fmt.money, dkdate=fmt.date, integer=fmt.integer)
    head, foot = env.from_string(VOUCHER_HEAD_TEMPLATE), env.from_string(VOUCHER_FOOT_TEMPLATE)
    for v in _vouchers():
        assert str(rows.voucher_head(v)) + "\n" == head.render(v=v), v
        assert str(rows.voucher_foot(v)) + "\n" == foot.render(v=v), v
