"""The search's words: how text becomes the terms the search page looks up (a leaf: imports nothing).

The index's search page (``soeg.js``) does the same to what a reader types, so every rule here has
its twin there, and a test holds the two to the same terms. The rules:

- **Folding**: NFC, lower case, ``æ ø å`` written ``ae oe aa`` (so ``aeblet`` finds "Æblet" and
  ``aabyhoej`` finds "Åbyhøj", and "Aabyhøj" finds "Åbyhøj"), then every accent dropped
  (``é`` -> ``e``, ``ü`` -> ``u``).
- **Chunks**: text is cut into runs of letters, digits and ``. , - /`` (the marks inside numbers
  and dates); the marks at a chunk's ends are dropped, except a minus right before a digit.
- **Dates**: a chunk ``2024-06-10`` or ``10-06-2024`` (also with ``.`` or ``/``, Danish order,
  day before month) is the term ``2024-06-10``.
- **Numbers and amounts**: a chunk of digits with ``.`` or ``,`` between them is read every way a
  person may have written it: ``19.017,47`` (Danish), ``19,017.47`` (English), ``19017,47``,
  ``19017.47``; each reading that is well formed (thousands in groups of three) is a term in
  plain form, ``19017.47`` (no thousands mark, no trailing zeros of the decimals, no leading
  zeros: ``19017,50`` -> ``19017.5``, ``100,00`` -> ``100``). ``1.234`` is both ``1234`` and
  ``1.234``. A negative amount is also the term with its minus, ``-19017.47``: typing the minus
  finds only negative amounts, leaving it out finds both.
- **Words**: the letters and digits of a chunk between its marks are terms as they are
  (``Kunde-5`` -> ``kunde`` and ``5``; ``19.017,47`` -> ``19``, ``017`` and ``47`` too).

What is typed is read the same way, except that a date or a number is looked up whole (only its
readings, not its pieces), and a word of three or more characters with a letter in it also finds
the terms it begins (``aabyh`` finds "Åbyhøj").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

_CHUNK = re.compile(r"(?:[^\W_]|[.,/-])+")
_MARKS = ".,/-"
_PIECE = re.compile(r"[^\W_]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DANISH_DATE = re.compile(r"([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:X[0-9]{3})+")  # X: the thousands mark of one reading


class _Accents(dict[int, int | None]):
    """For ``str.translate``: a combining mark (Unicode category M) -> None (deleted), any other
    character -> itself. Filled as characters are met: a table of all 1.1 million code points took
    a second to build, in every run and every process that folds a text."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code))[0] == "M" else code
        self[code] = kept
        return kept


_ACCENTS = _Accents()


def fold(text: str) -> str:
    """Lower case, Danish letters spelt out, accents dropped: what both sides compare."""
    # three replaces, not a translate by a mapping: a third of the time on a posting's short text
    text = unicodedata.normalize("NFC", text).lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return text if text.isascii() else unicodedata.normalize("NFD", text).translate(_ACCENTS)


def _chunks(folded: str) -> list[tuple[str, bool]]:
    """(chunk without its end marks, whether a minus stood right before it)."""
    found = []
    for match in _CHUNK.finditer(folded):
        raw = match.group()
        body = raw.lstrip(_MARKS)
        negative = len(body) < len(raw) and raw[len(raw) - len(body) - 1] == "-"
        body = body.rstrip(_MARKS)
        if body:
            found.append((body, negative))
    return found


def date_term(chunk: str) -> str | None:
    """``2024-06-10`` for ``2024-06-10``, ``10-06-2024``, ``10.6.2024``, ``10/06/2024``; None if no date."""
    iso = _ISO_DATE.fullmatch(chunk)
    if iso:
        year, month, day = iso.groups()
    else:
        danish = _DANISH_DATE.fullmatch(chunk)
        if not danish:
            return None
        day, month, year = danish.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def plain_number(whole: str, decimals: str = "") -> str:
    """``0019017``, ``470`` -> ``19017.47``: no leading zeros, no trailing zeros of the decimals."""
    whole = whole.lstrip("0") or "0"
    decimals = decimals.rstrip("0")
    return f"{whole}.{decimals}" if decimals else whole


def number_terms(chunk: str) -> list[str]:
    """Every well-formed reading of a number as written (without its sign), in plain form; digits
    alone are also kept as written (``0012`` -> ``0012`` and ``12``). Empty if ``chunk`` is no number."""
    if not _NUMBER.fullmatch(chunk):
        return []
    if _DIGITS.fullmatch(chunk):
        return sorted({chunk, plain_number(chunk)})
    readings = set()
    for thousands, decimal in ((".", ","), (",", ".")):
        whole, mark, decimals = chunk.rpartition(decimal)
        if not mark:
            whole, decimals = chunk, ""
        elif not _DIGITS.fullmatch(decimals):
            continue  # the decimal mark before a thousands mark
        if decimal in whole:
            continue  # the decimal mark twice
        if thousands in whole:
            if not _GROUPED.fullmatch(whole.replace(thousands, "X")):
                continue
            whole = whole.replace(thousands, "")
        readings.add(plain_number(whole, decimals))
    return sorted(readings)


def amount_terms(exact: str | Decimal) -> list[str]:
    """The terms of an exact amount from the books (``-19017.470`` -> ``19017.47``, ``-19017.47``)."""
    number = Decimal(exact)
    whole, _, decimals = format(abs(number), "f").partition(".")
    plain = plain_number(whole, decimals)
    return [plain, f"-{plain}"] if number < 0 and plain != "0" else [plain]


def terms(text: str) -> frozenset[str]:
    """Every term of a text, as the builder indexes it."""
    found: set[str] = set()
    for chunk, negative in _chunks(fold(text)):
        if chunk.isalpha():  # a word: only itself (the common case, quickly)
            found.add(chunk)
            continue
        date = date_term(chunk)
        if date:
            found.add(date)
        numbers = [] if date else number_terms(chunk)
        found.update(numbers)
        if negative:
            found.update(f"-{n}" for n in numbers if n.strip("0.") != "")
        found.update(_PIECE.findall(chunk))
    return frozenset(found)


field_terms = functools.lru_cache(maxsize=4096)(terms)
"""``terms`` of a short field, kept for the next time: names, accounts and texts repeat."""


def _is_prefix_word(piece: str) -> bool:
    return len(piece) >= 3 and any(c.isalpha() for c in piece)


def clauses(query: str) -> list[tuple[list[str], bool]]:
    """What is typed, as (terms any of which matches, whether they also match as a beginning); a
    record is a hit when every clause matches one of its terms."""
    found: list[tuple[list[str], bool]] = []
    for chunk, negative in _chunks(fold(query)):
        date = date_term(chunk)
        numbers = number_terms(chunk) if not date else []
        if date:
            found.append(([date], False))
        elif numbers:
            found.append(([f"-{n}" for n in numbers] if negative else numbers, False))
        else:
            found.extend(([piece], _is_prefix_word(piece)) for piece in _PIECE.findall(chunk))
    return found
