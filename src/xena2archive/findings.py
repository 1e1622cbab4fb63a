"""Every kind of finding, each with a code and what it says, in Danish and in English.

A finding is what a reader of the archive should know: ``warning`` means look at this, ``info``
tells a choice made or a fact met. A kind has a stable code (kebab-case, never reused for another
meaning), its severity, one line saying what it is about, and a template in each language with
named fields; a finding is a kind and the values of those fields::

    TABLE_DAMAGED("Data/LedgerPostDto.xml", line=371, error="...", read=368, rest=125)

It renders itself in either language (``render("da")``): the report keeps the fields and both
renderings, the index shows the Danish on Danish pages and the English on English ones. In the
spirit of frictionless-py's error catalogue; the README's list of codes is made from ``KINDS``.

Templates are ``str.format`` templates. A field may be a number (written 1.234 in Danish, 1,234
in English; ``{n:plain}`` for a line number or an id, without groups), a decimal amount (1.234,56 /
1,234.56), text (``{v:quoted}``: a value of the data, text in quotes), a list (joined with ", "), a
finding (rendered in the same language: a note inside a
finding), or a list of findings (sentences one after the other; ``{x:list}``: phrases joined by commas in
one sentence). ``{n|one|many}`` picks the singular or the plural by the number
``n``. Every message is a whole sentence. A leaf
module: it imports nothing of the package.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

WARNING, INFO = "warning", "info"
LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class Finding:
    """One finding: its kind's code and severity, where (an input file, a table, a stage), and the
    values of its kind's fields."""

    code: str
    severity: str
    where: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> Kind:
        return KINDS[self.code]

    def render(self, lang: str) -> str:
        """What the finding says, in ``lang`` (``da`` or ``en``)."""
        template = self.kind.da if lang == "da" else self.kind.en
        return sentence(_Formatter(lang).vformat(template, (), dict(self.fields)))

    @property
    def message(self) -> str:
        """What the finding says in English."""
        return self.render("en")

    @property
    def phrase(self) -> str:
        """What it says in English, without the closing stop: a note in a list (a file's, a table's)."""
        return self.message.removesuffix(".")

    @property
    def message_da(self) -> str:
        return self.render("da")

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "where": self.where, "message": self.message,
                "message_da": self.message_da, "fields": _plain(self.fields)}

    def __hash__(self) -> int:  # the fields are a mapping, so a finding is hashed by what it says
        return hash((self.code, self.where, self.message))


@dataclass(frozen=True)
class Kind:
    """A kind of finding: ``KIND(where, **fields)`` makes one."""

    code: str
    severity: str
    about: str  # what the kind is about, in English (the README's list)
    om: str  # the same in Danish
    en: str  # the message's template in English
    da: str  # and in Danish

    def __call__(self, where: str, **fields: Any) -> Finding:
        return Finding(self.code, self.severity, where, fields)


def sentence(text: str) -> str:
    """``text`` as a whole sentence: ending with a stop (one is added where it has none), so
    messages read alike wherever they are shown together."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


class _Formatter(string.Formatter):
    """Fields written in one language: numbers, amounts, lists, nested findings, plurals."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> tuple[Any, str]:
        name, bar, forms = field_name.partition("|")
        if bar:
            one, _, many = forms.partition("|")
            return _Chosen(one if kwargs[name] == 1 else many), name
        return super().get_field(field_name, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "list" and isinstance(value, list | tuple):  # findings as phrases of one sentence
            return ", ".join(self.written(v, plain=True) for v in value)
        if format_spec == "quoted":  # a value of the data: text in quotes, a number as it is
            return f"'{value}'" if isinstance(value, str) else self.written(value, plain=True)
        return self.written(value, plain=format_spec == "plain")

    def written(self, value: Any, plain: bool = False) -> str:
        """``value`` in the language; ``plain`` numbers (line numbers, ids) without thousands groups."""
        if isinstance(value, _Chosen):
            return value.text
        if isinstance(value, Finding):
            return value.render(self.lang).rstrip(".")
        if isinstance(value, bool):
            return ("ja" if value else "nej") if self.lang == "da" else ("yes" if value else "no")
        if isinstance(value, int) and plain:
            return str(value)
        if isinstance(value, int | Decimal):
            return _grouped(f"{value:,}", self.lang)
        if isinstance(value, list | tuple):
            if value and all(isinstance(v, Finding) for v in value):  # sentences, one after the other
                return " ".join(_capital(self.written(v, plain)) + "." for v in value)
            return ", ".join(self.written(v, plain) for v in value)
        return str(value)


def _capital(text: str) -> str:
    """A sentence's first letter in upper case (a sentence that follows another's stop)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _Chosen:
    text: str


def _grouped(text: str, lang: str) -> str:
    """``1,234.5`` as Danish writes it (``1.234,5``) where ``lang`` is Danish."""
    return text.translate(str.maketrans(",.", ".,")) if lang == "da" else text


def _plain(value: Any) -> Any:
    """A field's value as JSON holds it (a nested finding by its code, where and fields)."""
    if isinstance(value, Finding):
        return {"code": value.code, "where": value.where, "fields": _plain(value.fields)}
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


KINDS: dict[str, Kind] = {}


def _kind(code: str, severity: str, about: str, om: str, en: str, da: str) -> Kind:
    kind = Kind(code, severity, about, om, en, da)
    if code in KINDS:
        raise ValueError(f"two kinds of finding with the code {code}")
    KINDS[code] = kind
    return kind


# -- the backup ------------------------------------------------------------------------------------
NOT_A_XENA_BACKUP = _kind(
    "not-a-xena-backup", WARNING, "the backup holds none of Xena's tables",
    "sikkerhedskopien rummer ingen af Xenas tabeller",
    "no table of Xena's (such as LedgerPostDto or PartnerDto) is in the backup, so it does not look like a Xena backup "
    "(Lokal kopi); its files are archived as they are",
    "sikkerhedskopien rummer ingen af Xenas tabeller (som LedgerPostDto eller PartnerDto), så den ligner ikke en "
    "sikkerhedskopi fra Xena (Lokal kopi); dens filer er arkiveret som de er")
ENTRY_NAME = _kind(
    "entry-name", WARNING, "a file's name was changed or clashed with another's; the report keeps it",
    "en fils navn er ændret eller faldt sammen med en andens; rapporten gemmer det", "{note}", "{note}")
ENTRY_SKIPPED = _kind(
    "entry-skipped", WARNING, "a link, device or system file in a backup folder, not archived",
    "en henvisning, enhed eller systemfil i en mappe med sikkerhedskopien, ikke arkiveret",
    "{reason}; it is not in the archive", "{reason}; den er ikke i arkivet")
# what became of a file of the backup (the report's entries, the index's list of files)
OUTCOME_KEPT = _kind("outcome-kept", INFO, "a file kept as its original", "en fil gemt som original",
                     "kept as original", "gemt som original")
OUTCOME_TABLE = _kind("outcome-table", INFO, "a table file converted", "en tabelfil konverteret",
                      "table {table}: {rows} {rows|row|rows} as JSONL, schema and xlsx",
                      "tabellen {table}: {rows} {rows|række|rækker} som JSONL, skema og xlsx")
OUTCOME_COMPARED = _kind("outcome-compared", INFO, "a table file compared with the one converted", "en tabelfil "
                         "sammenlignet med den konverterede", "table {table}: compared with {converted}",
                         "tabellen {table}: sammenlignet med {converted}")
OUTCOME_COPY = _kind("outcome-copy", INFO, "a document with its PDF/A copy", "et dokument med sin PDF/A-kopi",
                     "PDF/A-2b copy: {copy}", "PDF/A-2b-kopi: {copy}")
OUTCOME_ORIGINAL_ONLY = _kind("outcome-original-only", INFO, "a document kept as its original only",
                              "et dokument kun gemt som original", "kept as original only ({code})",
                              "kun gemt som original ({code})")
# what the source stage notes of a name, and why it skips something in a folder
NAME_NFC = _kind("name-nfc", INFO, "a name written in Unicode's composed form (NFC)", "et navn skrevet i Unicodes "
                 "sammensatte form (NFC)", "name normalised to Unicode NFC", "navnet er normaliseret til Unicode NFC")
NAME_PORTABLE = _kind(
    "name-portable", INFO, "a name changed so every BagIt tool reads it alike", "et navn ændret, så alle "
    "BagIt-værktøjer læser det ens",
    "'%', control characters or trailing spaces in the name changed so every BagIt tool reads it alike ('%' is "
    "written as '％')",
    "'%', kontroltegn eller mellemrum sidst i navnet er ændret, så alle BagIt-værktøjer læser det ens ('%' skrives "
    "som '％')")
NAME_NOT_UTF8 = _kind(
    "name-not-utf8", INFO, "a name in a backup folder whose bytes are no UTF-8", "et navn i en mappe hvis bytes ikke "
    "er UTF-8", "the name's bytes are not UTF-8 (shown here with \\x escapes); read as a zip reads a name without "
    "its UTF-8 mark (code page 437), as {path}",
    "navnets bytes er ikke UTF-8 (vist her med \\x-koder); læst som en zip-fil læser et navn uden UTF-8-mærke "
    "(tegnsæt 437), som {path}")
NAME_SHORTENED = _kind(
    "name-shortened", INFO, "a name too long for a file system, shortened", "et navn for langt til et filsystem, "
    "forkortet", "name longer than the file system allows; shortened (full name in the report)",
    "navnet er længere end filsystemet tillader; det er forkortet (det fulde navn står i rapporten)")
NAME_TWICE = _kind(
    "name-twice", INFO, "a zip holding one name twice", "en zip-fil med samme navn to gange",
    "the zip holds another file of exactly this name; this one is kept as {path}",
    "zip-filen rummer en anden fil med præcis samme navn; denne er gemt som {path}")
NAME_CLASH = _kind(
    "name-clash", INFO, "names that differ only by case or form, kept apart", "navne der kun adskiller sig ved store "
    "og små bogstaver eller tegnform, holdt adskilt",
    "another entry has the same name apart from case or form; kept as {path}",
    "en anden fil har samme navn, bortset fra store og små bogstaver eller tegnform; gemt som {path}")
SKIPPED_LINK = _kind("skipped-link", INFO, "a symbolic link in a backup folder", "en symbolsk henvisning i en mappe",
                     "a symbolic link (to {target}); links are not followed",
                     "en symbolsk henvisning (til {target}); henvisninger følges ikke")
SKIPPED_SYSTEM_FOLDER = _kind(
    "skipped-system-folder", INFO, "a folder an operating system made", "en mappe et styresystem har lavet",
    "a folder of the operating system's own, not part of the backup",
    "en mappe som styresystemet selv har lavet, ikke en del af sikkerhedskopien")
SKIPPED_SPECIAL = _kind("skipped-special", INFO, "a device, FIFO or socket in a backup folder", "en enhed, FIFO eller "
                        "socket i en mappe", "a device, FIFO or socket, not a file; not read",
                        "en enhed, FIFO eller socket, ikke en fil; ikke læst")
SKIPPED_SYSTEM_FILE = _kind(
    "skipped-system-file", INFO, "a file an operating system writes into folders", "en fil et styresystem skriver i "
    "mapper", "a file the operating system writes into folders it shows, not part of the backup",
    "en fil som styresystemet skriver i mapper det viser, ikke en del af sikkerhedskopien")

# -- tables ----------------------------------------------------------------------------------------
TABLE_SECOND_FILE = _kind(
    "table-second-file", WARNING, "a second file of one table in one format, converted apart",
    "endnu en fil med samme tabel i samme format, konverteret for sig",
    "a second {format} file of table {table}; converted apart",
    "endnu en {format}-fil med tabellen {table}; konverteret for sig")
TABLE_UNKNOWN = _kind(
    "table-unknown", INFO, "a table not in Xena's catalogue; its column types were inferred",
    "en tabel der ikke er i Xenas katalog; kolonnetyperne er udledt af data",
    "table {table} is not in Xena's catalogue; column types inferred",
    "tabellen {table} findes ikke i Xenas katalog; kolonnetyperne er udledt af data")
TABLE_DAMAGED = _kind(
    "table-damaged", WARNING, "a table file is damaged; the rows before the damage are converted, the rest is in "
    "no table", "en tabelfil er beskadiget; rækkerne før skaden er konverteret, resten er ikke i nogen tabel",
    "{problem}. The original file is kept", "{problem}. Den originale fil er gemt")
XML_DAMAGED = _kind(
    "xml-damaged", INFO, "where an XML file stops being well-formed, and what was read of it",
    "hvor en XML-fil holder op med at være velformet, og hvad der blev læst af den",
    "the XML is damaged at line {line:plain}: {error}. The {read} {read|row|rows} before the damage {read|is|are} "
    "read; the rest of the file, {rest} more {rest|row|rows} by a count of their <{tag}> start tags, is not read and "
    "not in the table",
    "XML-filen er beskadiget i linje {line:plain}: {error}. {read} {read|række|rækker} før skaden er læst; resten af "
    "filen, {rest} {rest|række|rækker} mere efter en optælling af deres <{tag}>-starttags, er ikke læst og ikke i "
    "tabellen")
XML_DAMAGED_AT_START = _kind(
    "xml-damaged-at-start", INFO, "an XML file damaged before its first row", "en XML-fil beskadiget før første række",
    "the XML is damaged at line {line:plain}: {error}; no row starts before it, and nothing after it is read",
    "XML-filen er beskadiget i linje {line:plain}: {error}; ingen række begynder før skaden, og intet efter den er "
    "læst")
XML_ENTITY_BOMB = _kind(
    "xml-entity-bomb", INFO, "an XML file whose entities expand far beyond its size", "en XML-fil hvis entiteter "
    "udfoldes langt ud over filens størrelse",
    "the XML is damaged: its entities expand to far more text than the file holds (entity amplification, an 'entity "
    "bomb'). The {read} {read|row|rows} before the damage {read|is|are} read; the rest of the file, {rest} more "
    "{rest|row|rows} by a count of their <{tag}> start tags, is not read and not in the table",
    "XML-filen er beskadiget: dens entiteter udfoldes til langt mere tekst end filen rummer (en 'entity bomb'). "
    "{read} {read|række|rækker} før skaden er læst; resten af filen, {rest} {rest|række|rækker} mere efter en "
    "optælling af deres <{tag}>-starttags, er ikke læst og ikke i tabellen")
TABLE_HEADER = _kind(
    "table-header", WARNING, "a table's header cannot be read as it should", "en tabels overskrift kan ikke læses som "
    "den skal", "{problem}", "{problem}")
HEADER_BAD_BYTES = _kind(
    "header-bad-bytes", INFO, "a CSV header with bytes its encoding does not hold", "en CSV-overskrift med bytes "
    "kodningen ikke rummer",
    "the header row holds bytes that are not valid {encoding}; the column names show them as \\xNN",
    "overskriftsrækken rummer bytes der ikke er gyldig {encoding}; kolonnenavnene viser dem som \\xNN")
OUTSIDE_ENTITIES = _kind(
    "outside-entities", INFO, "an XML declaring entities from outside the file", "en XML-fil der erklærer entiteter "
    "uden for filen",
    "the XML declares entities that come from outside the file, which are never read: {entities}; a row that uses "
    "one is kept raw in the rejects file",
    "XML-filen erklærer entiteter der kommer uden for filen, og de læses aldrig: {entities}; en række der bruger en "
    "af dem, gemmes rå i filen med afviste rækker")
TABLE_EMPTY = _kind(
    "table-empty", WARNING, "a CSV file without header and data", "en CSV-fil uden overskrift og data",
    "the file has no header row and no data: no table could be made of it (the original is kept)",
    "filen har hverken overskriftsrække eller data: der kunne ikke laves en tabel af den (originalen er gemt)")
ROWS_REJECTED = _kind(
    "rows-rejected", WARNING, "rows that could not be read; kept raw in the rejects file", "rækker der ikke kunne "
    "læses; gemt rå i filen med afviste rækker",
    "{count} {count|row|rows} could not be read; kept raw in {file} with their line numbers; first at line "
    "{line:plain}: {reason}",
    "{count} {count|række|rækker} kunne ikke læses; gemt rå i {file} med deres linjenumre; den første i linje "
    "{line:plain}: {reason}")
VALUES_KEPT_AS_TEXT = _kind(
    "values-kept-as-text", WARNING, "values that did not fit their column's type", "værdier der ikke passede til "
    "deres kolonnes type",
    "{count} {count|value|values} did not match {count|its|their} column's type and {count|is|are} kept as text, "
    "first at {place}, column {column}: '{text}'",
    "{count} {count|værdi|værdier} passede ikke til kolonnens type og er gemt som tekst, første gang i {place}, "
    "kolonne {column}: '{text}'")
PLACE_LINE = _kind("place-line", INFO, "a line of a file", "en linje i en fil", "line {line:plain}",
                   "linje {line:plain}")
PLACE_LINE_OF = _kind("place-line-of", INFO, "a line of another file", "en linje i en anden fil",
                      "line {line:plain} of {file}", "linje {line:plain} i {file}")
KEY_REPEATED = _kind(
    "key-repeated", WARNING, "a table's key holds one value more than once", "en tabels nøgle har samme værdi mere "
    "end én gang", "{count} repeated {count|value|values} of key {key:plain}, e.g. {examples:list}",
    "{count} gentagne værdier af nøglen {key:plain}, fx {examples:list}")
TABLE_NOTE = _kind("table-note", INFO, "how a table was read: its source, its columns", "hvordan en tabel er læst: "
                   "dens kilde, dens kolonner", "{note}", "{note}")
COLUMN_RENAMED = _kind("column-renamed", INFO, "a column written under another name", "en kolonne skrevet under et "
                       "andet navn", "column {position:plain} '{raw}' written as '{name}'",
                       "kolonne {position:plain} '{raw}' skrevet som '{name}'")
CONVERTED_FROM = _kind("converted-from", INFO, "which of a table's two files was converted", "hvilken af en tabels to "
                       "filer der er konverteret", "converted from {format}; the other file was compared with it",
                       "konverteret fra {format}; den anden fil er sammenlignet med den")
LIST_COLUMN_AS_TEXT = _kind("list-column-as-text", INFO, "a list column a CSV holds as text", "en listekolonne som en "
                            "CSV-fil har som tekst", "list column '{name}' is text in a CSV; kept as that text",
                            "listekolonnen '{name}' er tekst i en CSV-fil; gemt som den tekst")
COLUMN_INFERRED = _kind("column-inferred", INFO, "a column Xena's catalogue does not know", "en kolonne Xenas katalog "
                        "ikke kender", "column '{name}' is not in Xena's catalogue; its type {type} was inferred",
                        "kolonnen '{name}' findes ikke i Xenas katalog; dens type {type} er udledt af data")
NO_DERIVED_DATE = _kind("no-derived-date", INFO, "a day count without the ISO date beside it",
                        "et dagtal uden ISO-datoen ved siden af",
                        "no ISO date derived for '{name}': the input already has '{derived}'",
                        "ingen ISO-dato udledt for '{name}': input har allerede '{derived}'")
COLUMNS_ABSENT = _kind("columns-absent", INFO, "catalogue columns a table's file does not have", "katalogets kolonner "
                       "som en tabels fil ikke har", "{count} catalogue {count|column|columns} absent from the input: "
                       "{columns}{more}", "{count} af katalogets kolonner mangler i input: {columns}{more}")
WORKBOOK_SHEETS = _kind("workbook-sheets", INFO, "a table longer than one Excel sheet", "en tabel længere end ét "
                        "Excel-ark", "more rows than one Excel sheet holds: continued on {sheets} sheets",
                        "flere rækker end ét Excel-ark rummer: fortsat på {sheets} ark")
WORKBOOK_SHOWN_AS_TEXT = _kind(
    "workbook-shown-as-text", INFO, "values a workbook cannot show exactly", "værdier et regneark ikke kan vise "
    "præcist",
    "column '{column}': some values are shown as text or shortened in the workbook (too long, control characters, or "
    "more digits than Excel keeps); the JSONL is exact",
    "kolonnen '{column}': nogle værdier vises som tekst eller forkortet i regnearket (for lange, kontroltegn eller "
    "flere cifre end Excel gemmer); JSONL-filen er præcis")
SOURCES_AGREE = _kind(
    "sources-agree", INFO, "a table's CSV and XML hold the same rows", "en tabels CSV- og XML-fil har de samme rækker",
    "agrees with {converted}: {rows} {rows|row|rows}, same keys and values",
    "stemmer med {converted}: {rows} {rows|række|rækker}, samme nøgler og værdier")
SOURCES_AGREE_IN_COUNT = _kind(
    "sources-agree-in-count", INFO, "a table's CSV and XML, without a key, hold as many rows",
    "en tabels CSV- og XML-fil, uden nøgle, har lige mange rækker",
    "agrees with {converted}: {rows} {rows|row|rows}, same count ({reason})",
    "stemmer med {converted}: {rows} {rows|række|rækker}, samme antal ({reason})")
SOURCES_UNMATCHED = _kind(
    "sources-unmatched", WARNING, "a table's CSV and XML differ and have no key to match rows",
    "en tabels CSV- og XML-fil er forskellige og har ingen nøgle at sammenholde rækker med",
    "differs from {converted} (converted): rows {rows_converted} vs {rows_other}, and {reason}; table {table} holds "
    "the rows of {converted} only, this file is kept as an original",
    "er forskellig fra {converted} (konverteret): {rows_converted} mod {rows_other} rækker, og {reason}; tabellen "
    "{table} har kun rækkerne fra {converted}, denne fil er gemt som original")
NO_KEY_CONVERTED = _kind("no-key-converted", INFO, "a converted table file without a key column", "en konverteret "
                         "tabelfil uden nøglekolonne", "the converted file has no key column, so rows cannot be "
                         "matched one by one", "den konverterede fil har ingen nøglekolonne, så rækkerne kan ikke "
                         "sammenholdes en for en")
NO_KEY_OTHER = _kind("no-key-other", INFO, "a compared table file without a key column",
                     "en sammenlignet tabelfil uden nøglekolonne",
                     "the file has no key column, so rows cannot be matched one by one",
                     "filen har ingen nøglekolonne, så rækkerne kan ikke sammenholdes en for en")
ROWS_ONLY_IN_OTHER = _kind(
    "rows-only-in-other", WARNING, "rows only the unconverted file of a table holds; written to the table from it",
    "rækker som kun den ikke-konverterede fil har; skrevet til tabellen derfra",
    "{count} {count|row is|rows are} only in this file, not in {converted} (keys {keys:plain}); {added} "
    "{added|was|were} written to table {table} from this file, where column {column} names it",
    "{count} {count|række|rækker} findes kun i denne fil, ikke i {converted} (nøgler {keys:plain}); {added} er "
    "skrevet til tabellen {table} fra denne fil, hvor kolonnen {column} navngiver den")
ROWS_MISSING_IN_OTHER = _kind(
    "rows-missing-in-other", WARNING, "rows of the converted file the other file lacks",
    "rækker i den konverterede fil som den anden fil mangler",
    "{count} {count|row|rows} of {converted} {count|is|are} missing from this file (keys {keys:plain})",
    "{count} {count|række|rækker} fra {converted} mangler i denne fil (nøgler {keys:plain})")
KEYS_SHOWN = _kind("keys-shown", INFO, "the first keys of many", "de første nøgler af mange",
                   "{keys:plain} and {more} more", "{keys:plain} og {more} flere")
VALUES_DIFFER = _kind(
    "values-differ", WARNING, "rows a table's CSV and XML hold with other values", "rækker en tabels CSV- og XML-fil "
    "har med andre værdier",
    "{count} {count|row holds|rows hold} other values here than in {converted}, whose values table {table} keeps; "
    "differing columns (rows): {columns}",
    "{count} {count|række|rækker} har andre værdier her end i {converted}, hvis værdier tabellen {table} beholder; "
    "forskellige kolonner (rækker): {columns}")
COLUMN_ROWS = _kind("column-rows", INFO, "a column and its rows", "en kolonne og dens rækker", "{column} ({rows})",
                    "{column} ({rows})")
VALUE_DIFFERENCE = _kind(
    "value-difference", INFO, "one field a table's CSV and XML hold differently", "ét felt en tabels CSV- og XML-fil "
    "har forskelligt",
    "{key_name} {key:plain}, column {column}: '{converted_value}' in {converted}, '{other_value}' here",
    "{key_name} {key:plain}, kolonne {column}: '{converted_value}' i {converted}, '{other_value}' her")
COLUMNS_ONLY_IN_OTHER = _kind(
    "columns-only-in-other", WARNING, "columns only the unconverted file of a table has", "kolonner som kun den "
    "ikke-konverterede fil har", "columns not in the converted file (kept in the original): {columns}",
    "kolonner der ikke er i den konverterede fil (gemt i originalen): {columns}")
# why a record could not be read as a row (the rejects file says it for each)
REJECT_BAD_BYTES = _kind("reject-bad-bytes", INFO, "a CSV record with bytes its encoding does not hold",
                         "en CSV-post med bytes kodningen ikke rummer", "bytes that are not valid {encoding}",
                         "bytes der ikke er gyldig {encoding}")
REJECT_FIELDS = _kind("reject-fields", INFO, "a CSV record with another number of fields than the header",
                      "en CSV-post med et andet antal felter end overskriften",
                      "{count} {count|field|fields} where the header has {width:plain}",
                      "{count} felter hvor overskriften har {width:plain}")
REJECT_CSV_SYNTAX = _kind("reject-csv-syntax", INFO, "a CSV record Python's reader cannot parse", "en CSV-post som "
                          "Pythons læser ikke kan fortolke", "CSV syntax error: {error}", "CSV-syntaksfejl: {error}")
REJECT_OPEN_QUOTE = _kind(
    "reject-open-quote", INFO, "a CSV quote never closed", "et CSV-anførselstegn der aldrig lukkes",
    "a quote opened in this line is never closed; the lines after it are read as rows again",
    "et anførselstegn åbnet i denne linje lukkes aldrig; linjerne efter den læses som rækker igen")
REJECT_TOO_DEEP = _kind("reject-too-deep", INFO, "an XML row nested too deep", "en XML-række indlejret for dybt",
                        "elements nested deeper than {depth:plain} levels",
                        "elementer indlejret dybere end {depth:plain} niveauer")
REJECT_OUTSIDE_ENTITY = _kind(
    "reject-outside-entity", INFO, "an XML value referring to an entity from outside the file",
    "en XML-værdi der henviser til en entitet uden for filen",
    "a value refers to the entity {entity}, which is not read: the file's document type declaration takes entities "
    "from outside the file",
    "en værdi henviser til entiteten {entity}, som ikke læses: filens dokumenttypeerklæring henter entiteter uden for "
    "filen")

# -- documents -------------------------------------------------------------------------------------
DOCUMENT_NOT_CONVERTED = _kind(
    "document-not-converted", WARNING, "a document without a PDF/A copy; its original is kept",
    "et dokument uden PDF/A-kopi; originalen er gemt",
    "no PDF/A copy ({code}): {reasons} The original is kept", "ingen PDF/A-kopi ({code}): {reasons} Originalen er gemt")
DOCUMENT_TYPE_MISMATCH = _kind(
    "document-type-mismatch", WARNING, "a document's name or declared type is not its content", "et dokuments navn "
    "eller angivne type svarer ikke til indholdet",
    "name or declared type disagrees with the content: {mismatch:list}", "navn eller angivet type passer ikke med "
    "indholdet: {mismatch:list}")
DOCUMENT_CONTENT_REMOVED = _kind(
    "document-content-removed", INFO, "active content the PDF/A copy does not carry", "aktivt indhold som "
    "PDF/A-kopien ikke har med", "the PDF/A copy does not carry: {removed} (the original does)",
    "PDF/A-kopien har ikke dette med: {removed} (originalen har)")
DOCUMENT_NOTE = _kind("document-note", INFO, "what a reader of a PDF/A copy should know of its making",
                      "hvad en læser af en PDF/A-kopi bør vide om, hvordan den er lavet", "{reasons}", "{reasons}")
DOCUMENT_WITHOUT_ROW = _kind("document-without-row", WARNING, "a file no DocumentDto row names", "en fil som ingen "
                             "række i DocumentDto navngiver", "no DocumentDto row names this file",
                             "ingen række i DocumentDto navngiver denne fil")
DOCUMENT_UNRELATED = _kind(
    "document-unrelated", WARNING, "a document nothing in the books refers to", "et dokument som intet i regnskabet "
    "henviser til", "document {document:plain}: no voucher, partner, order or posting refers to it",
    "dokument {document:plain}: intet bilag, ingen partner, ordre eller postering henviser til det")
DOCUMENT_FILE_MISSING = _kind(
    "document-file-missing", WARNING, "a DocumentDto row whose file is not in the backup", "en række i DocumentDto "
    "hvis fil ikke er i sikkerhedskopien",
    "row {row:plain} names the file '{file}' ({guid}), which is not in the backup",
    "rækken {row:plain} navngiver filen '{file}' ({guid}), som ikke er i sikkerhedskopien")
DOCUMENT_ATTACHMENT = _kind(
    "document-attachment", INFO, "a file attached to an e-mail, made a document of its own", "en fil vedhæftet en "
    "e-mail, gjort til et dokument for sig", "attached to the e-mail {mail}; set apart as a document of its own",
    "vedhæftet e-mailen {mail}; taget ud som et dokument for sig")
OCR_NO_WORDS = _kind(
    "ocr-no-words", WARNING, "a picture of text in which OCR read no word", "et billede af tekst hvor OCR ikke læste "
    "noget ord",
    "OCR ({engine}, {languages}) read {pages} {pages|page|pages} of pictures of text and found no word in them: the "
    "copy has no text where the picture may show some",
    "OCR ({engine}, {languages}) læste {pages} {pages|side|sider} med billeder af tekst og fandt intet ord: kopien har "
    "ingen tekst, hvor billedet måske viser noget")
OCR_LOW_CONFIDENCE = _kind(
    "ocr-low-confidence", WARNING, "a picture of text whose OCR was not sure of the words it read",
    "et billede af tekst hvor OCR ikke var sikker på de ord, den læste",
    "OCR ({engine}, {languages}) read {pages} {pages|page|pages} of pictures of text: {words} {words|word|words} with "
    "a mean confidence of {confidence} of 100, below {threshold}; the text may be misread, the picture in the copy is "
    "what counts",
    "OCR ({engine}, {languages}) læste {pages} {pages|side|sider} med billeder af tekst: {words} {words|ord|ord} med "
    "en gennemsnitlig sikkerhed på {confidence} af 100, under {threshold}; teksten kan være fejllæst, det er billedet "
    "i kopien der gælder")

# -- what a document's conversion met (the reasons and notes of documents/, nested in the findings above)
# A program's or library's own words ({message}, {error}) are quoted as they said them.
def _doc(code: str, about: str, om: str, en: str, da: str) -> Kind:
    return _kind(code, INFO, about, om, en, da)


DOC_EMPTY = _doc("doc-empty", "an empty file", "en tom fil", "the file is empty (0 bytes)", "filen er tom (0 bytes)")
DOC_UNKNOWN_FORMAT = _doc(
    "doc-unknown-format", "a format xena2archive does not convert", "et format xena2archive ikke konverterer",
    "the content is not a format xena2archive converts: {format}",
    "indholdet er ikke et format, som xena2archive konverterer: {format}")
DOC_NOT_OIOUBL = _doc(
    "doc-not-oioubl", "XML that is not an OIOUBL invoice", "XML der ikke er en OIOUBL-faktura",
    "XML that is not an OIOUBL invoice or credit note ({detail}); kept as XML",
    "XML der ikke er en OIOUBL-faktura eller -kreditnota ({detail}); gemt som XML")
DOC_NOT_UBL = _doc("doc-not-ubl", "an XML root that is not UBL", "en XML-rod der ikke er UBL",
                   "the XML's root is {root}, not a UBL invoice or credit note",
                   "XML-filens rod er {root}, ikke en UBL-faktura eller -kreditnota")
DOC_XML_NOT_WELL_FORMED = _doc("doc-xml-not-well-formed", "OIOUBL XML that is not well-formed",
                               "OIOUBL-XML der ikke er velformet", "the OIOUBL XML is not well-formed: {error}",
                               "OIOUBL-XML-filen er ikke velformet: {error}")
DOC_IMAGE_TOO_LARGE = _doc("doc-image-too-large", "an image too large to open safely", "et billede for stort til at "
                           "åbne sikkert", "the image is too large to open safely: {error}",
                           "billedet er for stort til at åbne sikkert: {error}")
DOC_IMAGE_PIXELS = _doc(
    "doc-image-pixels", "an image page with more pixels than the limit", "en billedside med flere pixels end grænsen",
    "page {page:plain} is {width:plain}x{height:plain} pixels, more than the limit of {limit}",
    "side {page:plain} er {width:plain}x{height:plain} pixels, flere end grænsen på {limit}")
DOC_IMAGE_UNREADABLE = _doc("doc-image-unreadable", "an image that cannot be decoded", "et billede der ikke kan "
                            "afkodes", "the image cannot be decoded: {error}", "billedet kan ikke afkodes: {error}")
DOC_TOO_MANY_PAGES = _doc(
    "doc-too-many-pages", "more pages than the limit", "flere sider end grænsen",
    "{pages} pages, more than the limit of {limit} pages", "{pages} sider, flere end grænsen på {limit} sider")
DOC_NO_PAGES = _doc("doc-no-pages", "a PDF without pages", "en PDF uden sider", "the PDF has no pages",
                    "PDF-filen har ingen sider")
DOC_PAGES_LOST = _doc(
    "doc-pages-lost", "a copy with fewer pages than its original", "en kopi med færre sider end originalen",
    "the copy has {copy} {copy|page|pages} where the original has {original}: {program} could not read all of it",
    "kopien har {copy} {copy|side|sider}, hvor originalen har {original}: {program} kunne ikke læse det hele")
DOC_PAGES_CHANGED = _doc(
    "doc-pages-changed", "pages of a copy that lost text or drawing", "sider i en kopi der har mistet tekst eller "
    "tegning", "{count} {count|page|pages} of the copy ({pages:plain}) lost text or drawing the original has: "
    "{program} could not read {count|it|them}",
    "{count} {count|side|sider} i kopien ({pages:plain}) har mistet tekst eller tegning, som originalen har: "
    "{program} kunne ikke læse {count|den|dem}")
DOC_BLANK_COPY = _doc("doc-blank-copy", "a copy that shows nothing", "en kopi der intet viser",
                      "{program}'s copy shows nothing on any page", "{program}s kopi viser intet på nogen side")
DOC_TEXT_LOST = _doc("doc-text-lost", "a copy without the original's text", "en kopi uden originalens tekst",
                     "the original has text, {program}'s copy has none",
                     "originalen har tekst, {program}s kopi har ingen")
DOC_ACTIVE_CONTENT_LEFT = _doc(
    "doc-active-content-left", "active content a copy still has", "aktivt indhold en kopi stadig har",
    "the copy still has {content}", "kopien har stadig {content}")
DOC_OUTPUT_UNREADABLE = _doc("doc-output-unreadable", "a program's output that cannot be read", "et programs resultat "
                             "der ikke kan læses", "{program}'s output cannot be read: {error}",
                             "{program}s resultat kan ikke læses: {error}")
DOC_PROGRAM_MISSING = _doc("doc-program-missing", "a program that is not installed", "et program der ikke er "
                           "installeret", "{program} is not installed or cannot be started ({error})",
                           "{program} er ikke installeret eller kan ikke startes ({error})")
DOC_PROGRAM_FAILED = _doc("doc-program-failed", "a program that failed", "et program der fejlede",
                          "{program} failed: {error}", "{program} fejlede: {error}")
DOC_PROGRAM_TIMEOUT = _doc("doc-program-timeout", "a program that took too long", "et program der tog for lang tid",
                           "{program} took longer than {seconds} s and was stopped",
                           "{program} tog længere end {seconds} s og blev stoppet")
DOC_OUT_OF_MEMORY = _doc("doc-out-of-memory", "a conversion out of memory", "en konvertering uden hukommelse",
                         "{program} ran out of memory (limit {limit} MB)",
                         "{program} løb tør for hukommelse (grænse {limit} MB)")
DOC_PROGRAM_SAID = _doc("doc-program-said", "what a program reported while it made the copy", "hvad et program meldte, "
                        "mens det lavede kopien", "{program} reported: {message}", "{program} meldte: {message}")
DOC_LIBRARY_SAID = _doc("doc-library-said", "what a library reported while the copy was made", "hvad et "
                        "programbibliotek meldte, mens kopien blev lavet", "a library reported: {message}",
                        "et programbibliotek meldte: {message}")
DOC_LIBRARY_MORE = _doc("doc-library-more", "library messages not shown", "meldinger fra programbiblioteker der ikke "
                        "vises", "and {count} more library {count|message|messages}",
                        "og {count} {count|melding|meldinger} mere fra programbiblioteker")
DOC_DAMAGED = _doc("doc-damaged", "a damaged document", "et beskadiget dokument", "the document is damaged: {error}",
                   "dokumentet er beskadiget: {error}")
DOC_PACKAGE_UNREADABLE = _doc(
    "doc-package-unreadable", "an office document whose ZIP package cannot be read", "et kontordokument hvis "
    "ZIP-pakke ikke kan læses", "the document is damaged: its ZIP package cannot be read ({error})",
    "dokumentet er beskadiget: dets ZIP-pakke kan ikke læses ({error})")
DOC_PART_UNREADABLE = _doc("doc-part-unreadable", "a part of an office document that cannot be read", "en del af et "
                           "kontordokument der ikke kan læses", "the document is damaged: its part {part} cannot be "
                           "read", "dokumentet er beskadiget: dets del {part} kan ikke læses")
DOC_PART_NOT_XML = _doc(
    "doc-part-not-xml", "a part of a spreadsheet that is not readable XML", "en del af et regneark der ikke er læsbar "
    "XML", "the spreadsheet is damaged: its part {part} is not readable XML ({error})",
    "regnearket er beskadiget: dets del {part} er ikke læsbar XML ({error})")
DOC_OFFICE_UNREADABLE = _doc(
    "doc-office-unreadable", "a document LibreOffice cannot read", "et dokument LibreOffice ikke kan læse",
    "LibreOffice cannot read the document: it is damaged, protected with a password, or not what its format says",
    "LibreOffice kan ikke læse dokumentet: det er beskadiget, beskyttet med en adgangskode eller ikke det, dets "
    "format siger")
DOC_PASSWORD = _doc(
    "doc-password", "a document protected with a password to open it", "et dokument beskyttet med en adgangskode",
    "the document is protected with a password needed to open it; the original is kept as it is",
    "dokumentet er beskyttet med en adgangskode, der skal til for at åbne det; originalen er gemt som den er")
DOC_PDF_PASSWORD = _doc("doc-pdf-password", "a PDF encrypted with a password to open it", "en PDF krypteret med en "
                        "adgangskode", "the PDF is encrypted with a password needed to open it",
                        "PDF-filen er krypteret med en adgangskode, der skal til for at åbne den")
DOC_PDF_ENCRYPTION = _doc("doc-pdf-encryption", "a PDF whose encryption cannot be opened", "en PDF hvis kryptering "
                          "ikke kan åbnes", "the PDF's encryption cannot be opened: {error}",
                          "PDF-filens kryptering kan ikke åbnes: {error}")
DOC_PDF_UNREADABLE = _doc("doc-pdf-unreadable", "a PDF that cannot be read", "en PDF der ikke kan læses",
                          "the PDF cannot be read: {error}", "PDF-filen kan ikke læses: {error}")
DOC_SIGNED = _doc(
    "doc-signed", "a signed PDF", "en signeret PDF",
    "the PDF is signed ({signature}); a copy would not carry a valid signature, so the original is kept as it is",
    "PDF-filen er signeret ({signature}); en kopi ville ikke have en gyldig signatur, så originalen er gemt som den er")
DOC_SIGNATURE_PERMS = _doc("doc-signature-perms", "a certification or usage-rights signature", "en certificerings- "
                            "eller brugsrettighedssignatur", "it carries a certification or usage-rights signature "
                            "(/Perms)", "den har en certificerings- eller brugsrettighedssignatur (/Perms)")
DOC_SIGNATURE = _doc("doc-signature", "a digital signature", "en digital signatur",
                     "it carries a digital signature (/Sig)", "den har en digital signatur (/Sig)")
DOC_SIGNATURE_FLAGS = _doc("doc-signature-flags", "a form saying signatures exist", "en formular der siger, at der "
                           "findes signaturer", "its form says signatures exist (/SigFlags)",
                           "dens formular siger, at der findes signaturer (/SigFlags)")
DOC_PDFA_INVALID = _doc(
    "doc-pdfa-invalid", "a copy that did not pass PDF/A-2b validation", "en kopi der ikke bestod PDF/A-2b-valideringen",
    "the copy did not pass PDF/A-2b validation: {problems}{more}",
    "kopien bestod ikke PDF/A-2b-valideringen: {problems}{more}")
DOC_AND_MORE = _doc("doc-and-more", "how many more a list had", "hvor mange flere en liste havde", "; and {count} more",
                    "; og {count} mere")
DOC_JPEG2000_UNDECODABLE = _doc(
    "doc-jpeg2000-undecodable", "a JPEG 2000 image that cannot be re-encoded", "et JPEG 2000-billede der ikke kan "
    "omkodes", "a JPEG 2000 image of the copy cannot be decoded to re-encode it: {error}",
    "et JPEG 2000-billede i kopien kan ikke afkodes, så det kan omkodes: {error}")
DOC_RENDER_ERROR = _doc("doc-render-error", "a page WeasyPrint could not lay out", "en side WeasyPrint ikke kunne "
                        "sætte op", "WeasyPrint could not lay out the page: {error}",
                        "WeasyPrint kunne ikke sætte siden op: {error}")
DOC_TEXT_TOO_LONG = _doc(
    "doc-text-too-long", "a text too long to lay out as pages", "en tekst for lang til at sætte op som sider",
    "{size} bytes of text or HTML, more than the {limit} bytes laid out as pages",
    "{size} bytes tekst eller HTML, mere end de {limit} bytes der sættes op som sider")
DOC_MAIL_UNREADABLE = _doc("doc-mail-unreadable", "an e-mail that cannot be read", "en e-mail der ikke kan læses",
                           "the e-mail cannot be read: {error}", "e-mailen kan ikke læses: {error}")
DOC_FILE_UNREADABLE = _doc("doc-file-unreadable", "an original that could not be read from disk", "en original der "
                           "ikke kunne læses fra disken", "the original could not be read from disk: {error}",
                           "originalen kunne ikke læses fra disken: {error}")
DOC_INTERNAL_ERROR = _doc("doc-internal-error", "a fault of xena2archive's", "en fejl i xena2archive",
                          "unexpected error (a fault of xena2archive's): {error}",
                          "uventet fejl (en fejl i xena2archive): {error}")
DOC_WORKER_ENDED = _doc("doc-worker-ended", "a worker process that ended unexpectedly", "en arbejdsproces der sluttede "
                        "uventet", "the worker process ended unexpectedly ({how})",
                        "arbejdsprocessen sluttede uventet ({how})")
DOC_EXIT_NONE = _doc("doc-exit-none", "a process without an exit status", "en proces uden afslutningsstatus",
                     "no exit status", "ingen afslutningsstatus")
DOC_EXIT_SIGNAL = _doc("doc-exit-signal", "a process killed by a signal", "en proces dræbt af et signal",
                       "killed by signal {signal:plain}, for example by the out-of-memory killer",
                       "dræbt af signal {signal:plain}, fx af styresystemet ved mangel på hukommelse")
DOC_EXIT_CODE = _doc("doc-exit-code", "a process's exit code", "en proces' afslutningskode", "exit code {code:plain}",
                     "afslutningskode {code:plain}")
DOC_WORKER_STOPPED = _doc("doc-worker-stopped", "a document that took too long", "et dokument der tog for lang tid",
                          "no result after {seconds} s; the worker was stopped",
                          "intet resultat efter {seconds} s; arbejdsprocessen blev stoppet")
# notes on a copy that was made: what a reader of it should know
DOC_FRAMES = _doc("doc-frames", "an animated image made pages", "et animeret billede gjort til sider",
                  "{count} frames: every frame is a page of the copy",
                  "{count} billeder i filen: hvert billede er en side i kopien")
DOC_EXIF_ROTATED = _doc("doc-exif-rotated", "a photo turned as its EXIF orientation says", "et foto vendt som dets "
                        "EXIF-orientering siger", "turned upright as its EXIF orientation {orientation:plain} says",
                        "vendt rigtigt som dets EXIF-orientering {orientation:plain} siger")
DOC_TRANSPARENCY = _doc("doc-transparency", "transparency flattened onto white", "gennemsigtighed lagt på hvidt",
                        "transparency flattened onto white", "gennemsigtighed er lagt på hvid baggrund")
DOC_COLOUR_PROFILE = _doc(
    "doc-colour-profile", "an embedded colour profile that could not be used", "en indlejret farveprofil der ikke "
    "kunne bruges", "the embedded colour profile could not be used ({error}); colours converted plainly",
    "den indlejrede farveprofil kunne ikke bruges ({error}); farverne er konverteret direkte")
DOC_REPAIRED = _doc("doc-repaired", "a damaged PDF repaired on reading", "en beskadiget PDF repareret ved læsning",
                    "the PDF is damaged and was repaired on reading ({error})",
                    "PDF-filen er beskadiget og blev repareret ved læsning ({error})")
DOC_PAGES_UNREADABLE = _doc(
    "doc-pages-unreadable", "pages of an original whose content cannot be read", "sider i en original hvis indhold "
    "ikke kan læses", "the content of {count} {count|page|pages} of the original ({pages:plain}) cannot be read; the "
    "copy shows what Ghostscript could make of {count|it|them}",
    "indholdet af {count} {count|side|sider} i originalen ({pages:plain}) kan ikke læses; kopien viser, hvad "
    "Ghostscript kunne få ud af {count|den|dem}")
DOC_OWNER_PASSWORD = _doc(
    "doc-owner-password", "an owner password not in the copy", "en ejeradgangskode der ikke er i kopien",
    "the original has an owner password (restrictions on printing or copying); PDF/A does not allow encryption, so "
    "the copy has none",
    "originalen har en ejeradgangskode (begrænsninger på udskrift eller kopiering); PDF/A tillader ikke kryptering, så "
    "kopien har ingen")
DOC_HIDDEN_ANNOTATIONS = _doc(
    "doc-hidden-annotations", "hidden annotations not in the copy", "skjulte kommentarer der ikke er i kopien",
    "hidden annotations are not in the copy: {kinds}", "skjulte kommentarer (annotationer) er ikke i kopien: {kinds}")
DOC_JPEG2000_REENCODED = _doc(
    "doc-jpeg2000-reencoded", "JPEG 2000 images re-encoded without loss", "JPEG 2000-billeder omkodet uden tab",
    "JPEG 2000 images were re-encoded without loss (Flate) so that the copy can be validated",
    "JPEG 2000-billeder er omkodet uden tab (Flate), så kopien kan valideres")
DOC_PDFA_REPAIR = _doc("doc-pdfa-repair", "what the PDF/A repair changed", "hvad PDF/A-reparationen ændrede",
                       "the PDF/A preparation (pikepdf) noted: {message}",
                       "PDF/A-klargøringen (pikepdf) bemærkede: {message}")
DOC_NO_GRADIENTS = _doc(
    "doc-no-gradients", "HTML gradients and shadows not in the copy", "HTML-forløb og skygger der ikke er i kopien",
    "gradients and shadows of the HTML are not in the copy (they cannot be validated as PDF/A)",
    "HTML-filens farveforløb og skygger er ikke i kopien (de kan ikke valideres som PDF/A)")
DOC_NOT_FETCHED = _doc(
    "doc-not-fetched", "resources of an HTML page not fetched", "ressourcer på en HTML-side der ikke er hentet",
    "{count} {count|resource|resources} the HTML refers to {count|was|were} not fetched (offline): {shown:plain}",
    "{count} {count|ressource|ressourcer}, som HTML-filen henviser til, er ikke hentet (offline): {shown:plain}")
DOC_FITTED_FOR_PRINT = _doc(
    "doc-fitted-for-print", "a spreadsheet's columns widened for print", "et regnearks kolonner gjort bredere til "
    "udskrift", "for printing, columns were made as wide as their text and every cell wraps its text",
    "til udskrift er kolonnerne gjort så brede som deres tekst, og hver celle ombryder sin tekst")
DOC_OIOUBL_RENDERING = _doc(
    "doc-oioubl-rendering", "a readable rendering of an OIOUBL invoice", "en læsbar gengivelse af en OIOUBL-faktura",
    "readable rendering of the OIOUBL XML; the XML itself is the original",
    "læsbar gengivelse af OIOUBL-XML-filen; selve XML-filen er originalen")
DOC_PRINT_AREAS = _doc("doc-print-areas", "print areas dropped", "udskriftsområder fjernet",
                       "print areas were dropped, so every filled cell is printed",
                       "udskriftsområder er fjernet, så alle udfyldte celler udskrives")
DOC_SHEET_TOO_LARGE = _doc(
    "doc-sheet-too-large", "a sheet too large to fit", "et ark for stort til at tilpasse",
    "the sheet {sheet} is too large to fit its columns; long texts may be cut",
    "arket {sheet} er for stort til at tilpasse kolonnerne; lange tekster kan være afkortet")
DOC_HIDDEN_SHOWN = _doc(
    "doc-hidden-shown", "hidden parts of a spreadsheet shown", "skjulte dele af et regneark vist",
    "hidden parts are shown in the copy: {rows} {rows|row|rows}, {columns} {columns|column|columns}, {sheets} "
    "{sheets|sheet|sheets}",
    "skjulte dele er vist i kopien: {rows} {rows|række|rækker}, {columns} {columns|kolonne|kolonner}, {sheets} "
    "{sheets|ark|ark}")
DOC_ATTACHMENTS_APART = _doc(
    "doc-attachments-apart", "an e-mail's attachments set apart", "en e-mails vedhæftede filer taget ud",
    "{count} {count|attachment|attachments} set apart, each converted as a document of its own",
    "{count} {count|vedhæftet fil|vedhæftede filer} taget ud, hver konverteret som et dokument for sig")
DOC_ATTACHMENTS_INSIDE = _doc(
    "doc-attachments-inside", "an e-mail's attachments only in the original", "en e-mails vedhæftede filer kun i "
    "originalen", "{count} {count|attachment is|attachments are} only in the original (no folder to set them apart)",
    "{count} {count|vedhæftet fil|vedhæftede filer} er kun i originalen (ingen mappe at tage dem ud i)")
DOC_ATTACHMENT_EMPTY = _doc(
    "doc-attachment-empty", "an attachment without readable data", "en vedhæftet fil uden læsbare data",
    "attachment {name:quoted} holds no data the parser can read",
    "den vedhæftede fil {name:quoted} har ingen data, som fortolkeren kan læse")
DOC_BODY_CHARSET = _doc("doc-body-charset", "an e-mail body without a right charset", "en e-mail-tekst uden rigtigt "
                        "tegnsæt", "the body has {wrong|a wrong|no} charset; {read}",
                        "brødteksten har {wrong|et forkert|intet} tegnsæt; {read}")
DOC_READ_AS = _doc("doc-read-as", "the encoding a text was read in", "den tegnkodning en tekst blev læst i",
                   "read as {encoding} ({how})", "læst som {encoding} ({how})")
DOC_HOW_BOM = _doc("doc-how-bom", "an encoding told by a byte-order mark", "en tegnkodning angivet af et "
                   "byte-order mark", "byte-order mark", "byte-order mark")
DOC_HOW_DECLARED = _doc("doc-how-declared", "an encoding the HTML declares", "en tegnkodning HTML-filen erklærer",
                        "declared in the HTML as {name}", "erklæret i HTML-filen som {name}")
DOC_HOW_UTF8 = _doc("doc-how-utf8", "text that is valid UTF-8", "tekst der er gyldig UTF-8", "valid UTF-8",
                    "gyldig UTF-8")
DOC_HOW_DETECTED = _doc("doc-how-detected", "an encoding detected", "en tegnkodning genkendt",
                        "detected by charset-normalizer", "genkendt af charset-normalizer")
DOC_HOW_ASSUMED = _doc("doc-how-assumed", "an encoding assumed", "en tegnkodning antaget", "not UTF-8; assumed",
                       "ikke UTF-8; antaget")
DOC_UNDECODABLE = _doc("doc-undecodable", "bytes that could not be decoded", "bytes der ikke kunne afkodes",
                       "{count} undecodable {count|byte|bytes} shown as \ufffd",
                       "{count} {count|byte|bytes} der ikke kunne afkodes, vist som \ufffd")
DOC_NO_TEXT_LAYER = _doc("doc-no-text-layer", "OCR could not give a copy its text layer", "OCR kunne ikke give en "
                         "kopi dens tekstlag", "no text layer: {why}", "intet tekstlag: {why}")
DOC_OCR_OUT_OF_TIME = _doc("doc-ocr-out-of-time", "OCR stopped at the document's time limit", "OCR stoppet ved "
                           "dokumentets tidsgrænse", "the document's time for OCR was over before every page was read",
                           "dokumentets tid til OCR var brugt, før alle sider var læst")
DOC_OCR_FAILED = _doc("doc-ocr-failed", "OCR that failed", "OCR der fejlede", "OCR failed: {error}",
                      "OCR fejlede: {error}")
DOC_TEXT_UNREADABLE = _doc("doc-text-unreadable", "a copy whose text could not be read", "en kopi hvis tekst ikke "
                           "kunne læses", "the text of the copy could not be read: {error}",
                           "kopiens tekst kunne ikke læses: {error}")
DOC_PREVIEW_FAILED = _doc("doc-preview-failed", "a copy the index could not show as a picture", "en kopi indekset "
                          "ikke kunne vise som billede", "no picture of the copy's pages for the index: {error}",
                          "intet billede af kopiens sider til indekset: {error}")
DOC_NAMED_AS = _doc("doc-named-as", "a name whose extension is not the content's", "et navn hvis endelse ikke passer "
                    "til indholdet", "named {extension} but the content is {format}",
                    "navngivet {extension}, men indholdet er {format}")
DOC_DECLARED_AS = _doc("doc-declared-as", "a declared type that is not the content's", "en angivet type der ikke "
                       "passer til indholdet", "declared as {type} but the content is {format}",
                       "angivet som {type}, men indholdet er {format}")
_MISMATCH = re.compile(r"(named|declared as) (\S+) but the content is (\S+)")


def type_mismatch(where: str, mismatch: str) -> Finding:
    """The finding of a document whose name or declared type is not its content. ``mismatch`` is
    what the archive records of it (``DocumentEntry.mismatch``): the English phrases of
    ``DOC_NAMED_AS`` and ``DOC_DECLARED_AS`` joined by "; ", read back into those kinds so the
    finding speaks Danish too (a text in another form is kept as it is)."""
    parts: list[Finding | str] = []
    for phrase in mismatch.split("; "):
        if found := _MISMATCH.fullmatch(phrase):
            how, what, content = found.groups()
            parts.append(DOC_NAMED_AS("", extension=what, format=content) if how == "named"
                         else DOC_DECLARED_AS("", type=what, format=content))
        else:
            parts.append(phrase)
    return DOCUMENT_TYPE_MISMATCH(where, mismatch=parts)


# -- why a document has no PDF/A copy: ``DocumentResult.code`` (``documents.model.CODES`` adds its status)
def _no_copy(code: str, en: str, da: str) -> Kind:
    return _kind(f"no-copy-{code}", WARNING, en, da, en, da)


NO_COPY_EMPTY = _no_copy("empty", "the file has no bytes",
                          "filen har ingen bytes")
NO_COPY_UNKNOWN_FORMAT = _no_copy("unknown-format", "the content is not a format xena2archive converts",
                                   "indholdet er ikke et format, som xena2archive konverterer")
NO_COPY_NOT_OIOUBL = _no_copy("not-oioubl", "XML that is not an OIOUBL invoice or credit note; kept as XML",
                               "XML der ikke er en OIOUBL-faktura eller -kreditnota; gemt som XML")
NO_COPY_XML_UNREADABLE = _no_copy("xml-unreadable", "OIOUBL XML that is not well-formed",
                                   "OIOUBL-XML der ikke er velformet")
NO_COPY_ENCRYPTED = _no_copy("encrypted", "a PDF or office document that needs a password to open",
                              "en PDF eller et kontordokument der kræver en adgangskode for at åbne")
NO_COPY_SIGNED = _no_copy("signed", "a digitally signed PDF: a copy would break the signature",
                           "en digitalt signeret PDF: en kopi ville bryde signaturen")
NO_COPY_CORRUPT = _no_copy("corrupt", "a PDF or office document that cannot be read",
                            "en PDF eller et kontordokument der ikke kan læses")
NO_COPY_NO_PAGES = _no_copy("no-pages", "a PDF without pages",
                             "en PDF uden sider")
NO_COPY_TOO_MANY_PAGES = _no_copy("too-many-pages", "more pages than the limit (--max-pages)",
                                   "flere sider end grænsen (--max-pages)")
NO_COPY_IMAGE_TOO_LARGE = _no_copy("image-too-large", "more pixels than the limit (a decompression bomb)",
                                    "flere pixels end grænsen (en dekomprimeringsbombe)")
NO_COPY_IMAGE_UNREADABLE = _no_copy("image-unreadable", "an image that cannot be decoded",
                                     "et billede der ikke kan afkodes")
NO_COPY_GHOSTSCRIPT_MISSING = _no_copy("ghostscript-missing", "Ghostscript is not installed",
                                        "Ghostscript er ikke installeret")
NO_COPY_GHOSTSCRIPT_ERROR = _no_copy("ghostscript-error", "Ghostscript failed or wrote nothing usable",
                                      "Ghostscript fejlede eller skrev intet brugbart")
NO_COPY_LIBREOFFICE_MISSING = _no_copy("libreoffice-missing", "LibreOffice is not installed (office documents)",
                                        "LibreOffice er ikke installeret (kontordokumenter)")
NO_COPY_LIBREOFFICE_ERROR = _no_copy("libreoffice-error", "LibreOffice failed or wrote nothing usable",
                                      "LibreOffice fejlede eller skrev intet brugbart")
NO_COPY_IMAGE_ERROR = _no_copy("image-error", "img2pdf could not wrap the decoded image",
                                "img2pdf kunne ikke pakke det afkodede billede ind")
NO_COPY_TIMEOUT = _no_copy("timeout", "Ghostscript, or the whole document in a worker, took too long",
                            "Ghostscript, eller hele dokumentet i en arbejdsproces, tog for lang tid")
NO_COPY_OUT_OF_MEMORY = _no_copy("out-of-memory", "the memory limit was reached",
                                  "hukommelsesgrænsen blev nået")
NO_COPY_CONTENT_LOST = _no_copy("content-lost", "the copy lacks pages, text or drawing the original has",
                                 "kopien mangler sider, tekst eller tegning, som originalen har")
NO_COPY_ACTIVE_CONTENT_LEFT = _no_copy("active-content-left", "active content could not be removed from the copy",
                                        "aktivt indhold kunne ikke fjernes fra kopien")
NO_COPY_PDFA_INVALID = _no_copy("pdfa-invalid", "the copy did not pass PDF/A-2b validation",
                                 "kopien bestod ikke PDF/A-2b-valideringen")
NO_COPY_WORKER_CRASHED = _no_copy("worker-crashed", "the worker process died (for example killed for memory)",
                                   "arbejdsprocessen døde (fx dræbt for at spare hukommelse)")
NO_COPY_UNREADABLE_FILE = _no_copy("unreadable-file", "the original could not be read from disk",
                                    "originalen kunne ikke læses fra disken")
NO_COPY_MAIL_UNREADABLE = _no_copy("mail-unreadable", "an e-mail (.eml or .msg) the parser cannot read",
                                    "en e-mail (.eml eller .msg) som fortolkeren ikke kan læse")
NO_COPY_TEXT_TOO_LONG = _no_copy("text-too-long", "a text or HTML file too long to lay out as pages",
                                  "en tekst- eller HTML-fil for lang til at sætte op som sider")
NO_COPY_RENDER_ERROR = _no_copy("render-error", "WeasyPrint could not lay out the text, HTML or e-mail",
                                 "WeasyPrint kunne ikke sætte teksten, HTML-filen eller e-mailen op")
NO_COPY_INTERNAL_ERROR = _no_copy("internal-error", "a fault of xena2archive's; the reason holds the error",
                                   "en fejl i xena2archive; begrundelsen rummer fejlen")

# -- what verify says of a bag (bag/check.py, bag/tagfiles.py, bag/tree.py): each a reason about one file
def _bag(code: str, about: str, om: str, en: str, da: str) -> Kind:
    return _kind(code, WARNING, about, om, en, da)


BAG_ROOT_MISSING = _bag("bag-root-missing", "a bag folder that does not exist", "en posemappe der ikke findes",
                        "{root} does not exist", "{root} findes ikke")
BAG_ROOT_FILE = _bag("bag-root-file", "a bag given as a file", "en pose angivet som en fil",
                     "{root} is a file, not a folder (unpack a zipped or tarred bag first)",
                     "{root} er en fil, ikke en mappe (pak en zippet eller tarret pose ud først)")
BAG_ROOT_UNREADABLE = _bag("bag-root-unreadable", "a bag folder that cannot be read", "en posemappe der ikke kan læses",
                           "{root} cannot be read ({error})", "{root} kan ikke læses ({error})")
BAG_NOT_A_BAG = _bag("bag-not-a-bag", "a folder without bagit.txt and manifests",
                     "en mappe uden bagit.txt og manifester", "{root} is not a BagIt bag: it has no bagit.txt",
                     "{root} er ikke en BagIt-pose: den har ingen bagit.txt")
BAG_DECLARATION_MISSING = _bag("bag-declaration-missing", "a bag without bagit.txt", "en pose uden bagit.txt",
                               "bagit.txt is missing (read as BagIt 1.0, UTF-8)",
                               "bagit.txt mangler (læst som BagIt 1.0, UTF-8)")
BAG_PAYLOAD_MISSING = _bag("bag-payload-missing", "a bag without data/", "en pose uden data/",
                           "the payload folder data/ is missing or not a folder",
                           "nyttelastmappen data/ mangler eller er ikke en mappe")
BAG_CANNOT_LIST = _bag("bag-cannot-list", "a folder that cannot be listed", "en mappe der ikke kan vises",
                       "cannot be listed ({error})", "kan ikke vises ({error})")
BAG_CANNOT_READ = _bag("bag-cannot-read", "a file that cannot be read", "en fil der ikke kan læses",
                       "cannot be read ({error})", "kan ikke læses ({error})")
BAG_SYMLINK = _bag("bag-symlink", "a symbolic link in a bag", "en symbolsk henvisning i en pose",
                   "is a symbolic link", "er en symbolsk henvisning")
BAG_SPECIAL_FILE = _bag("bag-special-file", "a device, pipe or socket in a bag",
                        "en enhed, pipe eller socket i en pose",
                        "is not a regular file (device, pipe or socket)",
                        "er ikke en almindelig fil (enhed, pipe eller socket)")
BAG_ALGORITHM_UNKNOWN = _bag(
    "bag-algorithm-unknown", "a manifest of an unknown algorithm", "et manifest med en ukendt algoritme",
    "checksum algorithm {algorithm:quoted} is unknown here: this manifest was not checked",
    "checksumalgoritmen {algorithm:quoted} er ukendt her: dette manifest er ikke kontrolleret")
BAG_NO_MANIFEST = _bag(
    "bag-no-manifest", "a bag without a payload manifest to check", "en pose uden et manifest at kontrollere",
    "the bag has no payload manifest (manifest-<algorithm>.txt) that could be checked",
    "posen har intet nyttelastmanifest (manifest-<algoritme>.txt), der kunne kontrolleres")
BAG_FETCH_NOT_LISTED = _bag(
    "bag-fetch-not-listed", "a file of fetch.txt a payload manifest lacks",
    "en fil i fetch.txt som et manifest mangler",
    "{path} is not in {manifest} (every file in fetch.txt must be in every payload manifest)",
    "{path} er ikke i {manifest} (hver fil i fetch.txt skal stå i hvert nyttelastmanifest)")
BAG_FETCH_CHECKED = _bag(
    "bag-fetch-checked", "a fetch.txt whose files are all there", "en fetch.txt hvis filer alle er der",
    "lists {count} {count|file|files} to download; all are in data/ and were checked. No URL was contacted",
    "angiver {count} {count|fil|filer} at hente; alle er i data/ og er kontrolleret. Ingen URL blev kontaktet")
BAG_FETCH_HOLES = _bag(
    "bag-fetch-holes", "files of fetch.txt not in data/", "filer i fetch.txt der ikke er i data/",
    "{holes} of the {count} {count|file|files} it lists {holes|is|are} not in data/ ({shown:plain}); verify never "
    "downloads, so they were not checked, nor was Payload-Oxum. Fetch them with a BagIt tool and run verify again",
    "{holes} af de {count} {count|fil|filer}, den angiver, er ikke i data/ ({shown:plain}); verify henter aldrig "
    "noget, så de er ikke kontrolleret, og det er Payload-Oxum heller ikke. Hent dem med et BagIt-værktøj og kør "
    "verify igen")
BAG_OXUM_TWICE = _bag("bag-oxum-twice", "Payload-Oxum given twice", "Payload-Oxum angivet to gange",
                      "Payload-Oxum is given more than once", "Payload-Oxum er angivet mere end én gang")
BAG_OXUM_FORM = _bag("bag-oxum-form", "a Payload-Oxum of the wrong form", "en Payload-Oxum af forkert form",
                     "Payload-Oxum {value:quoted} is not '<octets>.<files>'",
                     "Payload-Oxum {value:quoted} er ikke '<oktetter>.<filer>'")
BAG_OXUM_DIFFERS = _bag(
    "bag-oxum-differs", "a Payload-Oxum the payload does not match", "en Payload-Oxum som nyttelasten ikke svarer til",
    "Payload-Oxum says {octets:plain} octets in {files:plain} files; data/ holds {held_octets:plain} octets in "
    "{held_files:plain} files",
    "Payload-Oxum siger {octets:plain} oktetter i {files:plain} filer; data/ rummer {held_octets:plain} oktetter i "
    "{held_files:plain} filer")
BAG_NO_OXUM = _bag("bag-no-oxum", "no Payload-Oxum to check against", "ingen Payload-Oxum at kontrollere mod",
                   "no Payload-Oxum to check the payload against", "ingen Payload-Oxum at kontrollere nyttelasten mod")
BAG_PATH_ENCODING = _bag(
    "bag-path-encoding", "a path whose %-encoding cannot be read", "en sti hvis %-kodning ikke kan læses",
    "path {path:quoted}: {error}; RFC 8493 §2.1.3 writes a '%' in a name as %25 (read literally)",
    "stien {path:quoted}: {error}; RFC 8493 §2.1.3 skriver et '%' i et navn som %25 (læst bogstaveligt)")
BAG_PATH_UNSAFE = _bag("bag-path-unsafe", "a path that could point outside the bag", "en sti der kunne pege uden for "
                       "posen", "unsafe path {path:quoted}: it could point outside the bag; not opened",
                       "usikker sti {path:quoted}: den kunne pege uden for posen; ikke åbnet")
BAG_LINE_EMPTY = _bag("bag-line-empty", "an empty line in a tag file", "en tom linje i en mærkefil", "is empty",
                      "er tom")
BAG_LINE_INDENTED = _bag("bag-line-indented", "a manifest line starting with white space", "en manifestlinje der "
                         "begynder med blanktegn", "starts with white space; RFC 8493 §2.1.3 allows none before the "
                         "checksum", "begynder med blanktegn; RFC 8493 §2.1.3 tillader ingen før checksummen")
BAG_LINE_FORM = _bag("bag-line-form", "a line not of the form its file asks", "en linje der ikke har den form, filen "
                     "kræver", "is not {form:plain}: {line:quoted}", "er ikke {form:plain}: {line:quoted}")
BAG_DIGEST_WIDTH = _bag("bag-digest-width", "a checksum of the wrong length", "en checksum med forkert længde",
                        "{algorithm} checksum has {digits:plain} hex digits, not {width:plain}",
                        "{algorithm}-checksummen har {digits:plain} hex-cifre, ikke {width:plain}")
BAG_BINARY_MARK = _bag(
    "bag-binary-mark", "a path with md5sum's binary-mode '*'", "en sti med md5sums binærmarkering '*'",
    "path starts with md5sum's binary-mode '*'; accepted, but a strict BagIt validator rejects it (RFC 8493 on legacy "
    "checksum tools)",
    "stien begynder med md5sums binærmarkering '*'; godtaget, men en streng BagIt-validator afviser den (RFC 8493 om "
    "ældre checksumværktøjer)")
BAG_PAYLOAD_OUTSIDE = _bag("bag-payload-outside", "a payload manifest listing a file outside data/", "et "
                           "nyttelastmanifest der angiver en fil uden for data/", "{path:quoted} is not in data/; a "
                           "payload manifest lists payload files only", "{path:quoted} er ikke i data/; et "
                           "nyttelastmanifest angiver kun nyttelastfiler")
BAG_TAG_LISTS_PAYLOAD = _bag("bag-tag-lists-payload", "a tag manifest listing a payload file", "et mærkemanifest der "
                             "angiver en nyttelastfil", "a tag manifest lists payload file {path:quoted}",
                             "et mærkemanifest angiver nyttelastfilen {path:quoted}")
BAG_TAG_LISTS_TAG_MANIFEST = _bag(
    "bag-tag-lists-tag-manifest", "a tag manifest listing a tag manifest", "et mærkemanifest der angiver et "
    "mærkemanifest", "lists tag manifest {path:quoted}; RFC 8493 §2.2.1: tag manifests list no tag manifests",
    "angiver mærkemanifestet {path:quoted}; RFC 8493 §2.2.1: mærkemanifester angiver ingen mærkemanifester")
BAG_OTHER_NORMALISATION = _bag(
    "bag-other-normalisation", "a file listed under another Unicode normalisation", "en fil angivet i en anden "
    "Unicode-normalisering", "{manifest} line {line:plain} lists it in another Unicode normalisation; taken as this "
    "file, as RFC 8493 recommends", "{manifest} linje {line:plain} angiver den i en anden Unicode-normalisering; "
    "taget som denne fil, som RFC 8493 anbefaler")
BAG_LISTED_AGAIN = _bag("bag-listed-again", "a file listed twice in one manifest", "en fil angivet to gange i ét "
                        "manifest", "lists {path} again (first on line {first:plain})",
                        "angiver {path} igen (første gang i linje {first:plain})")
BAG_LISTED_AGAIN_OTHER = _bag(
    "bag-listed-again-other", "a file listed twice with two checksums", "en fil angivet to gange med to checksummer",
    "lists {path} again (first on line {first:plain}) with another checksum",
    "angiver {path} igen (første gang i linje {first:plain}) med en anden checksum")
BAG_URL = _bag("bag-url", "a fetch.txt URL that is not absolute", "en URL i fetch.txt der ikke er absolut",
               "{url:quoted} is not an absolute URL", "{url:quoted} er ikke en absolut URL")
BAG_LENGTH = _bag("bag-length", "a fetch.txt length that is not a number", "en længde i fetch.txt der ikke er et tal",
                  "length {length:quoted} is not a number or '-'", "længden {length:quoted} er ikke et tal eller '-'")
BAG_FETCH_OUTSIDE = _bag("bag-fetch-outside", "a fetch.txt path outside data/", "en sti i fetch.txt uden for data/",
                         "{path:quoted} is not a payload file in data/",
                         "{path:quoted} er ikke en nyttelastfil i data/")
BAG_FILE_MISSING = _bag("bag-file-missing", "a listed file not in the bag", "en angivet fil der ikke er i posen",
                        "listed in {listed:list} but not in the bag{hint}",
                        "angivet i {listed:list}, men ikke i posen{hint}")
BAG_HINT_TRAILING_SPACE = _bag(
    "bag-hint-trailing-space", "a listed name with white space at its end", "et angivet navn med blanktegn til sidst",
    "; a file {found:quoted} is there: RFC 8493 counts the white space at the end of the line as part of the name",
    "; en fil {found:quoted} er der: RFC 8493 regner blanktegnet sidst på linjen som en del af navnet")
BAG_PLACE = _bag("bag-place", "a line of a manifest", "en linje i et manifest", "{manifest} line {line:plain}",
                 "{manifest} linje {line:plain}")
BAG_IN_NO_MANIFEST = _bag("bag-in-no-manifest", "a payload file no manifest lists", "en nyttelastfil som intet "
                          "manifest angiver", "is in no payload manifest", "står ikke i noget nyttelastmanifest")
BAG_NOT_IN_EVERY = _bag("bag-not-in-every", "a payload file some manifest lacks", "en nyttelastfil som et manifest "
                        "mangler", "is not in {manifests} (BagIt 1.0: every payload manifest lists every payload file)",
                        "er ikke i {manifests} (BagIt 1.0: hvert nyttelastmanifest angiver hver nyttelastfil)")
BAG_TAG_MISSES_MANIFEST = _bag(
    "bag-tag-misses-manifest", "a tag manifest not listing a payload manifest", "et mærkemanifest der ikke angiver et "
    "nyttelastmanifest", "does not list {manifest} (RFC 8493 §2.2.1: every tag manifest lists every payload "
    "manifest)", "angiver ikke {manifest} (RFC 8493 §2.2.1: hvert mærkemanifest angiver hvert nyttelastmanifest)")
BAG_TAG_UNPROTECTED = _bag(
    "bag-tag-unprotected", "a tag file no tag manifest lists", "en mærkefil som intet mærkemanifest angiver",
    "is in no tag manifest, so its content is not protected by a checksum (RFC 8493 §2.2.1 says tag manifests should "
    "list every tag file)",
    "står ikke i noget mærkemanifest, så dens indhold er ikke beskyttet af en checksum (RFC 8493 §2.2.1 siger, at "
    "mærkemanifester bør angive hver mærkefil)")
BAG_CANNOT_CHECK = _bag("bag-cannot-check", "a file that cannot be read to check it", "en fil der ikke kan læses for "
                        "at kontrollere den", "cannot be read to check it ({error})",
                        "kan ikke læses for at kontrollere den ({error})")
BAG_CHANGED = _bag("bag-changed", "a file whose checksum differs", "en fil hvis checksum afviger",
                   "content changed: {wrong:list}", "indholdet er ændret: {wrong:list}")
BAG_CHECKSUM_SAYS = _bag("bag-checksum-says", "what a manifest line says and what the file is", "hvad en "
                         "manifestlinje siger, og hvad filen er", "{manifest} line {line:plain} says {digest}, the "
                         "file's {algorithm} is {actual}", "{manifest} linje {line:plain} siger {digest}, filens "
                         "{algorithm} er {actual}")
BAG_NOT_ENCODED = _bag("bag-not-encoded", "a tag file not in its encoding", "en mærkefil der ikke er i sin tegnkodning",
                       "is not {encoding} ({error} at byte {byte:plain})",
                       "er ikke {encoding} ({error} ved byte {byte:plain})")
BAG_LINE_NOT_ENCODED = _bag(
    "bag-line-not-encoded", "a tag file line not in its encoding", "en linje i en mærkefil der ikke er i sin "
    "tegnkodning", "is not {encoding} ({error} at byte {byte:plain} of the line); line skipped",
    "er ikke {encoding} ({error} ved byte {byte:plain} i linjen); linjen er sprunget over")
BAG_DECLARATION_LINE = _bag(
    "bag-declaration-line", "a bagit.txt line of the wrong form", "en linje i bagit.txt af forkert form",
    "is not 'BagIt-Version: M.N' or 'Tag-File-Character-Encoding: ENCODING': {line:quoted}",
    "er ikke 'BagIt-Version: M.N' eller 'Tag-File-Character-Encoding: TEGNKODNING': {line:quoted}")
BAG_BOM_DECLARATION = _bag(
    "bag-bom-declaration", "a bagit.txt starting with a byte-order mark", "en bagit.txt der begynder med et "
    "byte-order mark", "starts with a byte-order mark, which RFC 8493 §2.1.1 (and BagIt 0.97) forbid in bagit.txt",
    "begynder med et byte-order mark, som RFC 8493 §2.1.1 (og BagIt 0.97) forbyder i bagit.txt")
BAG_BOM_TAG = _bag(
    "bag-bom-tag", "a UTF-8 tag file starting with a byte-order mark", "en UTF-8-mærkefil der begynder med et "
    "byte-order mark", "starts with a byte-order mark, which RFC 8493 §2.3 forbids in UTF-8 tag files",
    "begynder med et byte-order mark, som RFC 8493 §2.3 forbyder i UTF-8-mærkefiler")
BAG_DECLARATION_SPACING = _bag(
    "bag-declaration-spacing", "a bagit.txt line not spaced as RFC 8493 asks", "en linje i bagit.txt uden den "
    "afstand, RFC 8493 kræver", "must read '{label}: <value>' with one space and no other white space (RFC 8493 "
    "§2.1.1): {line:quoted}", "skal lyde '{label}: <værdi>' med ét mellemrum og intet andet blanktegn (RFC 8493 "
    "§2.1.1): {line:quoted}")
BAG_DECLARATION_LINES = _bag("bag-declaration-lines", "a bagit.txt without exactly two lines", "en bagit.txt uden "
                             "præcis to linjer", "has {count} {count|line|lines}; it must have exactly 2",
                             "har {count} {count|linje|linjer}; den skal have præcis 2")
BAG_NO_VERSION = _bag("bag-no-version", "a bagit.txt without BagIt-Version", "en bagit.txt uden BagIt-Version",
                      "has no BagIt-Version (read as 1.0)", "har ingen BagIt-Version (læst som 1.0)")
BAG_VERSION_FORM = _bag("bag-version-form", "a BagIt-Version of the wrong form", "en BagIt-Version af forkert form",
                        "BagIt-Version {value:quoted} is not 'M.N' (read as 1.0)",
                        "BagIt-Version {value:quoted} er ikke 'M.N' (læst som 1.0)")
BAG_VERSION_UNKNOWN = _bag(
    "bag-version-unknown", "a BagIt version whose rules are not known here", "en BagIt-version hvis regler ikke "
    "kendes her", "BagIt-Version {value} is none of 0.93-0.97 or 1.0, whose rules we know (checked by the rules of "
    "1.0)", "BagIt-Version {value} er ingen af 0.93-0.97 eller 1.0, hvis regler vi kender (kontrolleret efter "
    "reglerne i 1.0)")
BAG_NO_ENCODING = _bag("bag-no-encoding", "a bagit.txt without Tag-File-Character-Encoding", "en bagit.txt uden "
                       "Tag-File-Character-Encoding", "has no Tag-File-Character-Encoding (read as UTF-8)",
                       "har ingen Tag-File-Character-Encoding (læst som UTF-8)")
BAG_ENCODING_UNKNOWN = _bag("bag-encoding-unknown", "an unknown tag file encoding", "en ukendt tegnkodning for "
                            "mærkefiler", "unknown Tag-File-Character-Encoding {value:quoted} (read as UTF-8)",
                            "ukendt Tag-File-Character-Encoding {value:quoted} (læst som UTF-8)")
BAG_CONTINUATION = _bag("bag-continuation", "a continued value without a label", "en fortsat værdi uden etiket",
                        "continues a value, but no label is before", "fortsætter en værdi, men der er ingen etiket før")
BAG_LABEL_EMPTY = _bag("bag-label-empty", "a bag-info label without a value", "en etiket i bag-info uden værdi",
                       "label {label:quoted} has no value", "etiketten {label:quoted} har ingen værdi")
BAG_INFO_LINE = _bag(
    "bag-info-line", "a bag-info line of the wrong form", "en linje i bag-info af forkert form",
    "is not 'Label: value' (a label, a colon, one space or tab, the value; RFC 8493 §2.2.2): {line:quoted}",
    "er ikke 'Etiket: værdi' (en etiket, et kolon, ét mellemrum eller tabulator, værdien; RFC 8493 §2.2.2): "
    "{line:quoted}")


# -- what verify finds wrong in an archive of ours (archivecheck.py, the exports' checks): each names its file
def _archive(code: str, about: str, om: str, en: str, da: str) -> Kind:
    return _kind(code, WARNING, about, om, en, da)


ARCHIVE_CHECK_FAILED = _archive(
    "archive-check-failed", "a check that could not run on damaged data", "en kontrol der ikke kunne køre på "
    "beskadigede data", "could not be checked ({error})", "kunne ikke kontrolleres ({error})")
ARCHIVE_REPORT_UNREADABLE = _archive("archive-report-unreadable", "a report.json that cannot be read", "en "
                                     "report.json der ikke kan læses", "unreadable ({error})",
                                     "kan ikke læses ({error})")
ARCHIVE_REPORT_NOT_OBJECT = _archive("archive-report-not-object", "a report.json that is not a JSON object", "en "
                                     "report.json der ikke er et JSON-objekt", "not a JSON object",
                                     "ikke et JSON-objekt")
ARCHIVE_ORIGINAL_MISSING = _archive("archive-original-missing", "an original the report lists, missing", "en "
                                    "original som rapporten angiver, mangler", "original of {name} missing",
                                    "originalen til {name} mangler")
ARCHIVE_ORIGINAL_SIZE = _archive(
    "archive-original-size", "an original of another size than the report records", "en original med en anden "
    "størrelse end rapporten angiver", "{size} bytes, data/report.json says {recorded} for the original of {name}",
    "{size} bytes, data/report.json siger {recorded} for originalen til {name}")
ARCHIVE_ORIGINAL_CHANGED = _archive(
    "archive-original-changed", "an original whose sha256 is not the report's", "en original hvis sha256 ikke er "
    "rapportens", "sha256 differs from the one data/report.json records for the original of {name}",
    "sha256 afviger fra den, data/report.json angiver for originalen til {name}")
ARCHIVE_TABLE_FILE_MISSING = _archive(
    "archive-table-file-missing", "a table's JSONL or schema missing", "en tabels JSONL eller skema mangler",
    "missing, so table {table} cannot be checked", "mangler, så tabellen {table} kan ikke kontrolleres")
ARCHIVE_ROW_INVALID = _archive("archive-row-invalid", "a row that fails its schema", "en række der ikke består sit "
                               "skema", "line {line:plain}: {error}", "linje {line:plain}: {error}")
ARCHIVE_ROWS_INVALID = _archive("archive-rows-invalid", "how many rows fail their schema", "hvor mange rækker der "
                                "ikke består deres skema", "{count} {count|row fails|rows fail} the schema in all",
                                "{count} {count|række|rækker} består i alt ikke skemaet")
ARCHIVE_ROW_COUNT = _archive(
    "archive-row-count", "a table of another row count than the report's", "en tabel med et andet antal rækker end "
    "rapportens", "{count} {count|row|rows}, data/report.json says {recorded}",
    "{count} {count|række|rækker}, data/report.json siger {recorded}")
ARCHIVE_COPY_MISSING = _archive("archive-copy-missing", "a PDF/A copy the report lists, missing", "en PDF/A-kopi som "
                                "rapporten angiver, mangler", "PDF/A copy missing", "PDF/A-kopien mangler")
ARCHIVE_COPY_CHANGED = _archive(
    "archive-copy-changed", "a PDF/A copy whose sha256 is not the report's", "en PDF/A-kopi hvis sha256 ikke er "
    "rapportens", "sha256 differs from the one data/report.json records for the PDF/A copy of {name}",
    "sha256 afviger fra den, data/report.json angiver for PDF/A-kopien af {name}")
ARCHIVE_COPY_INVALID = _archive("archive-copy-invalid", "a copy no longer valid PDF/A", "en kopi der ikke længere er "
                                "gyldig PDF/A", "no longer valid PDF/A: {problem}",
                                "ikke længere gyldig PDF/A: {problem}")
ARCHIVE_TEXT_MISSING = _archive("archive-text-missing", "a document's text the report lists, missing", "en tekst af et "
                                "dokument som rapporten angiver, mangler", "text of a document missing",
                                "teksten af et dokument mangler")
ARCHIVE_TEXT_CHANGED = _archive(
    "archive-text-changed", "a document's text whose sha256 is not the report's", "en tekst af et dokument hvis "
    "sha256 ikke er rapportens", "sha256 differs from the one data/report.json records for the text of {name}",
    "sha256 afviger fra den, data/report.json angiver for teksten af {name}")
ARCHIVE_REJECTS_MISSING = _archive(
    "archive-rejects-missing", "a rejects file the report counts, missing", "en fil med afviste rækker som rapporten "
    "tæller, mangler", "missing; data/report.json lists {count} rejected {count|record|records}",
    "mangler; data/report.json angiver {count} {count|afvist række|afviste rækker}")
ARCHIVE_REJECT_CUT = _archive("archive-reject-cut", "a rejects line that is no whole JSON record", "en linje med en "
                              "afvist række der ikke er en hel JSON-post", "line {line:plain}: not a whole JSON record "
                              "(cut short?)", "linje {line:plain}: ikke en hel JSON-post (afkortet?)")
ARCHIVE_REJECT_COUNT = _archive(
    "archive-reject-count", "a rejects file of another count than the report's", "en fil med afviste rækker med et "
    "andet antal end rapportens", "{count} rejected {count|record|records}, data/report.json says {recorded}",
    "{count} {count|afvist række|afviste rækker}, data/report.json siger {recorded}")
METS_NOT_XML = _archive("mets-not-xml", "a METS.xml that is not XML", "en METS.xml der ikke er XML",
                        "not XML ({error})", "ikke XML ({error})")
METS_FILE_MISSING = _archive("mets-file-missing", "a file METS.xml lists, missing", "en fil som METS.xml angiver, "
                             "mangler", "listed in data/METS.xml (line {line:plain}), missing",
                             "angivet i data/METS.xml (linje {line:plain}), mangler")
METS_CHECKSUM_TYPE = _archive("mets-checksum-type", "a METS checksum that is not SHA-256", "en METS-checksum der ikke "
                              "er SHA-256", "line {line:plain}: checksum type {type}, not SHA-256",
                              "linje {line:plain}: checksumtype {type}, ikke SHA-256")
METS_SIZE = _archive("mets-size", "a file of another size than METS.xml records", "en fil med en anden størrelse end "
                     "METS.xml angiver", "{size} bytes, data/METS.xml line {line:plain} says {recorded}",
                     "{size} bytes, data/METS.xml linje {line:plain} siger {recorded}")
METS_CHANGED = _archive("mets-changed", "a file whose sha256 is not METS.xml's", "en fil hvis sha256 ikke er "
                        "METS.xml's", "sha256 differs from the one data/METS.xml records (line {line:plain})",
                        "sha256 afviger fra den, data/METS.xml angiver (linje {line:plain})")
METS_UNLISTED = _archive("mets-unlisted", "a file of data/ METS.xml does not list", "en fil i data/ som METS.xml ikke "
                         "angiver", "not listed in data/METS.xml", "ikke angivet i data/METS.xml")
PACKAGE_UNREADABLE = _archive("package-unreadable", "a datapackage.json that cannot be read", "en datapackage.json der "
                              "ikke kan læses", "unreadable ({error})", "kan ikke læses ({error})")
PACKAGE_FILE_MISSING = _archive(
    "package-file-missing", "a resource of datapackage.json without its file", "en ressource i datapackage.json uden "
    "sin fil", "resource {resource:quoted} ({path}): no such file in the bag",
    "ressourcen {resource:quoted} ({path}): ingen sådan fil i posen")
PACKAGE_NOT_EMPTY = _archive(
    "package-not-empty", "an empty table in datapackage.json whose file is not", "en tom tabel i datapackage.json hvis "
    "fil ikke er tom", "resource {resource:quoted} ({path}): the package says the table has no rows, the file has "
    "{size} bytes", "ressourcen {resource:quoted} ({path}): pakken siger, at tabellen ingen rækker har, filen har "
    "{size} bytes")
PACKAGE_SIZE = _archive(
    "package-size", "a resource of another size than datapackage.json says", "en ressource med en anden størrelse end "
    "datapackage.json siger", "resource {resource:quoted} ({path}): {size} bytes, the package says {recorded}",
    "ressourcen {resource:quoted} ({path}): {size} bytes, pakken siger {recorded}")
PACKAGE_HASH = _archive(
    "package-hash", "a resource whose sha256 is not datapackage.json's", "en ressource hvis sha256 ikke er "
    "datapackage.json's", "resource {resource:quoted} ({path}): sha256 differs from the package's",
    "ressourcen {resource:quoted} ({path}): sha256 afviger fra pakkens")
PACKAGE_ROWS = _archive(
    "package-rows", "a resource of another row count than datapackage.json says", "en ressource med et andet antal "
    "rækker end datapackage.json siger", "resource {resource:quoted} ({path}): {rows} {rows|row|rows}, the package "
    "says {recorded}", "ressourcen {resource:quoted} ({path}): {rows} {rows|række|rækker}, pakken siger {recorded}")
SAFT_ACCOUNT = _archive("saft-account", "an account of a SAF-T file", "en konto i en SAF-T-fil", "account {id}",
                        "konto {id}")
SAFT_CUSTOMER = _archive("saft-customer", "a customer of a SAF-T file", "en kunde i en SAF-T-fil", "customer {id}",
                         "kunde {id}")
SAFT_SUPPLIER = _archive("saft-supplier", "a supplier of a SAF-T file", "en leverandør i en SAF-T-fil",
                         "supplier {id}", "leverandør {id}")
SAFT_TAX_CODE = _archive("saft-tax-code", "a tax code of a SAF-T file", "en momskode i en SAF-T-fil",
                         "tax code {id}", "momskode {id}")
SAFT_CHECK_NOT_LISTED = _archive("saft-check-not-listed", "a SAF-T file the report does not list", "en SAF-T-fil som "
                                 "rapporten ikke angiver", "not listed in the report", "ikke angivet i rapporten")
SAFT_CHECK_MISSING = _archive("saft-check-missing", "a SAF-T file the report lists, missing", "en SAF-T-fil som "
                              "rapporten angiver, mangler", "missing", "mangler")
SAFT_CHECK_INVALID = _archive("saft-check-invalid", "a SAF-T file not valid against the schema", "en SAF-T-fil der "
                              "ikke er gyldig efter skemaet", "not valid against {xsd}: {error}",
                              "ikke gyldig efter {xsd}: {error}")
SAFT_CHECK_FIGURE = _archive("saft-check-figure", "a SAF-T figure that is no number", "et tal i en SAF-T-fil der ikke "
                             "er et tal", "unreadable figure ({error})", "ulæseligt tal ({error})")
SAFT_CHECK_TABLES = _archive(
    "saft-check-tables", "SAF-T files that cannot be checked against the tables", "SAF-T-filer der ikke kan "
    "kontrolleres mod tabellerne", "cannot be checked against the tables ({error})",
    "kan ikke kontrolleres mod tabellerne ({error})")
SAFT_CHECK_ENTRIES = _archive(
    "saft-check-entries", "a SAF-T file whose NumberOfEntries is not its count", "en SAF-T-fil hvis NumberOfEntries "
    "ikke er dens antal", "NumberOfEntries is {stated}, the file holds {held} {held|transaction|transactions}",
    "NumberOfEntries er {stated}, filen rummer {held} {held|transaktion|transaktioner}")
SAFT_CHECK_TOTAL = _archive("saft-check-total", "a SAF-T total that is not its lines' sum", "en SAF-T-total der ikke "
                            "er summen af linjerne", "{name} is {stated}, its lines sum to {sum}",
                            "{name} er {stated}, linjerne summer til {sum}")
SAFT_CHECK_REPORT = _archive("saft-check-report", "a SAF-T file whose figures are not the report's", "en SAF-T-fil "
                             "hvis tal ikke er rapportens", "the report's figures of the file differ from the file's",
                             "rapportens tal for filen afviger fra filens")
SAFT_CHECK_BALANCE = _archive(
    "saft-check-balance", "a master file record whose opening and lines are not its closing", "en post i "
    "stamdataene hvis primo og linjer ikke giver ultimo", "{party}: opening {opening} + lines {lines} is not the "
    "closing {closing}", "{party}: primo {opening} + linjer {lines} er ikke ultimo {closing}")
SAFT_CHECK_UNKNOWN = _archive("saft-check-unknown", "lines of a record not in the master files", "linjer på en post "
                              "der ikke er i stamdataene", "{party} has lines but is not in the master files",
                              "{party} har linjer, men er ikke i stamdataene")
SAFT_CHECK_DUPLICATE = _archive("saft-check-duplicate", "a record twice in the master files", "en post to gange i "
                                "stamdataene", "{party} is in the master files more than once",
                                "{party} er i stamdataene mere end én gang")
SAFT_CHECK_TAX_CODE = _archive("saft-check-tax-code", "a tax code on lines but not in the TaxTable", "en momskode på "
                               "linjer, men ikke i TaxTable", "tax code {code} is on lines but not in the TaxTable",
                               "momskoden {code} er på linjer, men ikke i TaxTable")
SAFT_CHECK_NO_ACCOUNT = _archive("saft-check-no-account", "a SAF-T account in no table", "en SAF-T-konto i ingen "
                                 "tabel", "{party} is in no table of the archive", "{party} er i ingen af arkivets "
                                 "tabeller")
SAFT_CHECK_OPENING = _archive(
    "saft-check-opening", "an account opening other than the books' rule says", "en konto der åbner anderledes end "
    "regnskabets regel siger", "{party} opens at {opening}; the books' rule ({basis}) gives {expected}",
    "{party} åbner med {opening}; regnskabets regel ({basis}) giver {expected}")
SAFT_CHECK_CHAIN = _archive(
    "saft-check-chain", "a customer or supplier opening other than it closed", "en kunde eller leverandør der åbner "
    "anderledes end den lukkede", "{party} opens at {opening}; the year before closed at {before}",
    "{party} åbner med {opening}; året før lukkede med {before}")
SAFT_CHECK_YEAR = _archive("saft-check-year", "a SAF-T file of a year not in FiscalPeriodDto", "en SAF-T-fil for et "
                           "år der ikke er i FiscalPeriodDto", "its fiscal year is not in FiscalPeriodDto",
                           "dens regnskabsår er ikke i FiscalPeriodDto")
SAFT_CHECK_POSTINGS = _archive(
    "saft-check-postings", "a SAF-T file without exactly the year's postings", "en SAF-T-fil uden præcis årets "
    "posteringer", "holds {lines} {lines|line|lines} (sum {signed}), the tables have {count} {count|posting|postings} "
    "in the year (sum {total}), or not the same ones",
    "rummer {lines} {lines|linje|linjer} (sum {signed}), tabellerne har {count} {count|postering|posteringer} i året "
    "(sum {total}), eller ikke de samme")


# -- the books (the audit) -------------------------------------------------------------------------
VOUCHERS_UNBALANCED = _kind(
    "vouchers-unbalanced", WARNING, "vouchers whose postings do not add up", "bilag hvis posteringer ikke stemmer",
    "{count} {count|voucher does|vouchers do} not add up (postings not summing to 0, or not matching the voucher's "
    "debit/credit); listed in {page}",
    "{count} {count|bilag stemmer|bilag stemmer} ikke (posteringerne summer ikke til 0, eller svarer ikke til "
    "bilagets debet/kredit); listet i {page}")
POSTINGS_WITHOUT_VOUCHER = _kind(
    "postings-without-voucher", WARNING, "postings no voucher holds", "posteringer som intet bilag har",
    "{count} {count|posting|postings} without a voucher; listed in {page}",
    "{count} {count|postering|posteringer} uden bilag; listet i {page}")
DOCUMENTS_WITHOUT_RELATION = _kind(
    "documents-without-relation", WARNING, "documents related to nothing in the books",
    "dokumenter der ikke er knyttet til noget i regnskabet",
    "{count} {count|document|documents} not related to any voucher, partner, order or posting; listed in {page}",
    "{count} {count|dokument|dokumenter} uden tilknytning til noget bilag, nogen partner, ordre eller postering; "
    "listet i {page}")
VOUCHERS_WITHOUT_DOCUMENT = _kind(
    "vouchers-without-document", INFO, "vouchers no document is related to", "bilag uden tilknyttet dokument",
    "{count} of {total} {total|voucher has|vouchers have} no document (no uploaded voucher, relation or generated "
    "invoice); listed in {page}",
    "{count} af {total} bilag har intet dokument (intet uploadet bilag, ingen relation og ingen dannet faktura); "
    "listet i {page}")
POSTINGS_OUTSIDE_YEARS = _kind(
    "postings-outside-years", WARNING, "postings dated outside every fiscal year", "posteringer dateret uden for alle "
    "regnskabsår",
    "{count} {count|posting|postings} dated outside every fiscal year of FiscalPeriodDto; they are in no year's "
    "balances and in no SAF-T file",
    "{count} {count|postering|posteringer} dateret uden for alle regnskabsår i FiscalPeriodDto; de indgår ikke i "
    "noget års saldi og ikke i nogen SAF-T-fil")
AMOUNTS_NOT_NUMBERS = _kind(
    "amounts-not-numbers", WARNING, "posting amounts that are not numbers", "posteringsbeløb der ikke er tal",
    "{count} posting {count|amount is|amounts are} not {count|a number|numbers} and {count|is|are} left out of every "
    "sum and every SAF-T file",
    "{count} {count|posteringsbeløb|posteringsbeløb} er ikke tal og er udeladt af alle summer og alle SAF-T-filer")
VOUCHERS_FROM_POSTINGS = _kind(
    "vouchers-from-postings", INFO, "no VoucherDto table; vouchers built from the postings", "ingen tabel VoucherDto; "
    "bilagene er bygget af posteringerne",
    "the backup has no VoucherDto table; vouchers in the index are built from the postings' voucher ids",
    "sikkerhedskopien har ingen tabel VoucherDto; bilagene i oversigten er bygget af posteringernes bilags-id'er")
OPENINGS_UNPLACED = _kind(
    "openings-unplaced", WARNING, "opening entries that name no known year, account or partner",
    "primoposter der ikke navngiver noget kendt år, nogen konto eller partner",
    "{count} opening {count|entry names|entries name} no known fiscal year, account or partner, or no amount; "
    "{count|it is|they are} in no opening balance",
    "{count} {count|primopost|primoposter} navngiver intet kendt regnskabsår, ingen konto eller partner, eller intet "
    "beløb; de indgår ikke i nogen primosaldo")
OPENINGS_NOT_CARRIED = _kind(
    "openings-not-carried", WARNING, "Xena's opening balances of a year do not carry the year before's closing "
    "balances", "Xenas primosaldi for et år fører ikke det foregående års ultimosaldi videre",
    "Xena's opening balances of {year} do not carry the year before's closing balances: {problems}. The books open "
    "with Xena's figures (Xena flags a year whose opening balances need recalculating in FiscalPeriodDto.IsDirty)",
    "Xenas primosaldi for {year} fører ikke det foregående års ultimosaldi videre: {problems}. Regnskabet åbner "
    "med Xenas tal (Xena markerer et år hvis primosaldi skal genberegnes, i FiscalPeriodDto.IsDirty)")
ACCOUNTS_OPEN_ELSEWHERE = _kind(
    "accounts-open-elsewhere", INFO, "balance sheet accounts opening where they did not close", "balancekonti der "
    "åbner et andet sted end de lukkede", "on {count} balance sheet {count|account|accounts}, e.g. {examples:list}",
    "på {count} {count|balancekonto|balancekonti}, fx {examples:list}")
EQUITY_NOT_RESULT = _kind(
    "equity-not-result", INFO, "equity opening by other than the year before's result", "egenkapital der åbner med "
    "andet end det foregående års resultat",
    "equity opens {equity} from where it closed, while the income statement's accounts carry {result} less into the "
    "year",
    "egenkapitalen åbner {equity} fra hvor den lukkede, mens resultatopgørelsens konti fører {result} mindre ind i "
    "året")
OPENINGS_NONE_FIRST_YEAR = _kind(
    "openings-none-first-year", WARNING, "the first fiscal year without opening entries", "det første regnskabsår "
    "uden primoposter",
    "Xena holds no opening entries (PrimoLedgerPostDto) for the first fiscal year, {year}: every account opens at "
    "0.00, so its balances are probably incomplete (Xena's setup is usually older than its first fiscal year)",
    "Xena har ingen primoposter (PrimoLedgerPostDto) for det første regnskabsår, {year}: alle konti åbner med 0,00, så "
    "saldiene er formentlig ufuldstændige (opsætningen i Xena er som regel ældre end det første regnskabsår)")
OPENINGS_RESULT_CARRIED = _kind(
    "openings-result-carried", INFO, "a year without opening entries, the prior result on the named account",
    "et år uden primoposter, det forrige resultat på den angivne konto",
    "{year} has no opening entries in Xena: its balance sheet accounts open at their closing balances of {previous}, "
    "its income statement accounts at 0.00, and the result of {previous}, {result} (a profit is negative: "
    "credit), is in the opening balance of "
    "account {account} (named with --result-account). No entry was added",
    "{year} har ingen primoposter i Xena: balancekontiene åbner med deres ultimosaldi for {previous}, "
    "resultatopgørelsens konti med 0,00, og resultatet for {previous}, {result} (et overskud er negativt: "
    "kredit), indgår i primosaldoen på konto "
    "{account} (angivet med --result-account). Ingen postering er tilføjet")
OPENINGS_RESULT_SEPARATE = _kind(
    "openings-result-separate", WARNING, "a year without opening entries, the prior result on an account of its own",
    "et år uden primoposter, det forrige resultat på en konto for sig",
    "{year} has no opening entries in Xena: its balance sheet accounts open at their closing balances of {previous}, "
    "its income statement accounts at 0.00, and the result of {previous}, {result} (a profit is negative: "
    "credit), is in the opening balance of an "
    "account the archive adds, '{account}', as no equity account was named (--result-account NUMBER names one). No "
    "entry was added",
    "{year} har ingen primoposter i Xena: balancekontiene åbner med deres ultimosaldi for {previous}, "
    "resultatopgørelsens konti med 0,00, og resultatet for {previous}, {result} (et overskud er negativt: "
    "kredit), indgår i primosaldoen på en konto som "
    "arkivet tilføjer, '{account}', da ingen egenkapitalkonto er angivet (--result-account NUMMER angiver en). Ingen "
    "postering er tilføjet")
OPENINGS_CARRIED = _kind(
    "openings-carried", INFO, "a year without opening entries, with no prior result",
    "et år uden primoposter, uden forrige resultat",
    "{year} has no opening entries in Xena: its balance sheet accounts open at their closing balances of {previous} "
    "and its income statement accounts at 0.00; the result of {previous} is 0.00",
    "{year} har ingen primoposter i Xena: balancekontiene åbner med deres ultimosaldi for {previous} og "
    "resultatopgørelsens konti med 0,00; resultatet for {previous} er 0,00")
OPENINGS_RESULT_MOVED = _kind(
    "openings-result-moved", WARNING, "a year whose vouchers move the prior result themselves",
    "et år hvis bilag selv flytter det forrige resultat",
    "{year} has no opening entries in Xena, and {count|voucher|vouchers} {vouchers:plain} already {count|moves|"
    "move} the result of {previous}, {result} (a profit is negative: credit), from the income statement to "
    "equity; so the result is not moved a "
    "second time: every account, the income statement's too, opens at its closing balance of {previous}",
    "{year} har ingen primoposter i Xena, og {count|bilag|bilagene} {vouchers:plain} flytter allerede resultatet "
    "for {previous}, {result}, fra resultatopgørelsen til egenkapitalen; derfor flyttes resultatet ikke en gang til: "
    "alle konti, også resultatopgørelsens, åbner med deres ultimosaldi for {previous}")
OPENINGS_UNCLASSIFIED = _kind(
    "openings-unclassified", INFO, "accounts of no known group carried into a year", "konti uden kendt kontogruppe "
    "ført ind i et år",
    "{year}: {count} {count|account|accounts} of no known Xena account group (neither balance sheet nor income "
    "statement) {count|opens|open} at {count|its|their} previous closing balance, e.g. {examples:list}",
    "{year}: {count} {count|konto|konti} uden kendt kontogruppe i Xena (hverken balance eller resultatopgørelse) "
    "åbner med {count|sin|deres} ultimosaldo fra året før, fx {examples:list}")
RESULT_ACCOUNT_MISSING = _kind(
    "result-account-missing", WARNING, "the named result account is not in the chart", "den angivne resultatkonto "
    "er ikke i kontoplanen",
    "--result-account {account:plain}: no such account in the books; the prior years' result is put on an account of "
    "its own",
    "--result-account {account:plain}: kontoen findes ikke i regnskabet; de forrige års resultat sættes på en konto "
    "for sig")
RESULT_ACCOUNT_NOT_BALANCE = _kind(
    "result-account-not-balance", WARNING, "the named result account is not a balance sheet account",
    "den angivne resultatkonto er ikke en balancekonto",
    "--result-account {account:plain}: not a balance sheet account in Xena's account groups; the prior years' result "
    "is put on an account of its own",
    "--result-account {account:plain}: ikke en balancekonto efter Xenas kontogrupper; de forrige års resultat sættes "
    "på en konto for sig")
ACCOUNTS_NOT_IN_CHART = _kind(
    "accounts-not-in-chart", INFO, "accounts postings name that the chart of accounts lacks", "konti som posteringer "
    "navngiver, men som kontoplanen mangler",
    "{count} {count|account is|accounts are} named by postings or opening entries but not in the chart of accounts; "
    "the index and the SAF-T files list {count|it|them} with what the postings say",
    "{count} {count|konto|konti} navngives af posteringer eller primoposter, men findes ikke i kontoplanen; "
    "oversigten og SAF-T-filerne viser dem med det, posteringerne siger")
PARTNERS_NOT_IN_TABLE = _kind(
    "partners-not-in-table", INFO, "partners postings name that PartnerDto lacks", "partnere som posteringer "
    "navngiver, men som PartnerDto mangler",
    "{count} {count|partner is|partners are} named by postings but not in PartnerDto; the index and the SAF-T files "
    "list {count|it|them} with the postings' name and number",
    "{count} {count|partner|partnere} navngives af posteringer, men findes ikke i PartnerDto; oversigten og "
    "SAF-T-filerne viser dem med posteringernes navn og nummer")

# -- exports ---------------------------------------------------------------------------------------
RELATION_DANGLING = _kind(
    "relation-dangling", WARNING, "references to a row another table does not hold", "henvisninger til en række som "
    "en anden tabel ikke har",
    "{dangling} of {references} values of {column} refer to no row of {target} (declared as a foreign key in "
    "datapackage.json): {examples:list}",
    "{dangling} af {references} værdier i {column} henviser ikke til nogen række i {target} (erklæret som fremmednøgle "
    "i datapackage.json): {examples:list}")
LINE_VALUE = _kind("line-value", INFO, "a value on a line of a table", "en værdi i en linje i en tabel",
                   "line {line:plain}: {value:quoted}", "linje {line:plain}: {value:quoted}")
RELATION_NOT_DECLARED = _kind(
    "relation-not-declared", INFO, "a relation the data package does not declare, and why", "en relation som "
    "datapakken ikke erklærer, og hvorfor", "{column} is not declared a foreign key to {target}: {reason}",
    "{column} er ikke erklæret som fremmednøgle til {target}: {reason}")
TARGET_WITHOUT_KEY = _kind("target-without-key", INFO, "a table without a key that could be referred to", "en tabel "
                           "uden en nøgle der kan henvises til", "{table} has no key that is unique and never empty",
                           "{table} har ingen nøgle der er entydig og aldrig tom")
NO_VALUE_A_KEY = _kind("no-value-a-key", INFO, "a column none of whose values is a key of a table", "en kolonne hvor "
                       "ingen værdi er en nøgle i en tabel", "none of its {references} values is a key there",
                       "ingen af dens {references} værdier er en nøgle dér")
SAFT_NO_YEARS = _kind("saft-no-years", INFO, "no fiscal years, so no SAF-T file", "ingen regnskabsår, så ingen "
                      "SAF-T-fil", "no fiscal years (FiscalPeriodDto): no SAF-T file written",
                      "ingen regnskabsår (FiscalPeriodDto): ingen SAF-T-fil skrevet")
SAFT_UNBALANCED = _kind(
    "saft-unbalanced", WARNING, "SAF-T transactions that do not sum to zero, written as they are",
    "SAF-T-transaktioner der ikke summer til nul, skrevet som de er",
    "{count} {count|transaction does|transactions do} not sum to zero and {count|is|are} written as {count|it is|they "
    "are} in the books: {shown:list}",
    "{count} {count|transaktion|transaktioner} summer ikke til nul og er skrevet som i regnskabet: {shown:list}")
TRANSACTION_SUM = _kind("transaction-sum", INFO, "a transaction and its sum", "en transaktion og dens sum",
                        "{transaction} ({sum})", "{transaction} ({sum})")
SAFT_GAP = _kind("saft-gap", INFO, "what the Danish SAF-T format asks for and Xena's data lacks", "hvad det danske "
                 "SAF-T-format beder om, og Xenas data mangler", "{gap}", "{gap}")
SAFT_PARTNERS_LEFT_OUT = _kind(
    "saft-partners-left-out", INFO, "partners that are neither customer nor supplier, not in SAF-T",
    "partnere der hverken er kunde eller leverandør, ikke i SAF-T",
    "{count} {count|partner is|partners are} neither customer nor supplier and {count|has|have} no postings; "
    "{count|it is|they are} not in the SAF-T files' customers or suppliers",
    "{count} {count|partner|partnere} er hverken kunde eller leverandør og har ingen posteringer; de er ikke blandt "
    "SAF-T-filernes kunder eller leverandører")
SAFT_AMOUNTS_ROUNDED = _kind(
    "saft-amounts-rounded", INFO, "amounts with more than two decimals, rounded in SAF-T", "beløb med mere end to "
    "decimaler, afrundet i SAF-T",
    "{count} {count|amount has|amounts have} more than two decimals; the SAF-T files round them half-even to two (the "
    "JSONL keeps them exact) and every total is the sum of the rounded amounts",
    "{count} {count|beløb|beløb} har mere end to decimaler; SAF-T-filerne afrunder dem til to (bankers' rounding; "
    "JSONL-filen har dem præcise), og hver total er summen af de afrundede beløb")
# what the SAF-T files lack of what the Danish format asks for, and what they do instead (``saft-gap``)
GAP_BANK = _kind(
    "gap-bank", WARNING, "no bank account of the company in Xena", "ingen bankkonto for virksomheden i Xena",
    "Bank account (BankAccount, required for the company): Xena's tables (LedgerTagBankContextDto, PaymentMeansDto) "
    "hold none, so the file has one with an empty BankAccountNumber and SortCode; give the company's with "
    "--bank-account (the archive keeps it)",
    "Bankkonto (BankAccount, påkrævet for virksomheden): Xenas tabeller (LedgerTagBankContextDto, PaymentMeansDto) "
    "har ingen, så filen har én med tomt BankAccountNumber og SortCode; angiv virksomhedens med --bank-account "
    "(arkivet gemmer den)")
GAP_BANK_GIVEN = _kind(
    "gap-bank-given", INFO, "the company's bank accounts as the user gave them", "virksomhedens bankkonti som "
    "brugeren angav dem",
    "Bank accounts: Xena's tables hold none; the file has the {count} given with --bank-account",
    "Bankkonti: Xenas tabeller har ingen; filen har de(n) {count} der er angivet med --bank-account")
GAP_STANDARD_TAX = _kind(
    "gap-standard-tax", INFO, "VAT codes without a standard VAT code", "momskoder uden standardmomskode",
    "StandardTaxCode: {count} VAT {count|code has|codes have} none in Xena, and Xena's VatType does not make one "
    "certain (only domestic sales and purchases at 25 % are mapped, to S01 and K010): {codes}",
    "StandardTaxCode: {count} {count|momskode|momskoder} har ingen i Xena, og Xenas VatType gør ingen sikker (kun "
    "indenlandsk salg og køb med 25 % knyttes, til S01 og K010): {codes}")
GAP_EFFECTIVE_DATES = _kind(
    "gap-effective-dates", INFO, "VAT codes without a creation date", "momskoder uden oprettelsesdato",
    "EffectiveDate: {count} VAT {count|code has|codes have} no creation date (VatDto.CreatedAt); the fiscal year's "
    "start is written: {codes}",
    "EffectiveDate: {count} {count|momskode|momskoder} har ingen oprettelsesdato (VatDto.CreatedAt); regnskabsårets "
    "start skrives: {codes}")
GAP_VAT_RATES = _kind(
    "gap-vat-rates", WARNING, "VAT codes without a rate in Xena", "momskoder uden sats i Xena",
    "TaxPercentage: {count} VAT {count|code has|codes have} no rate in Xena (not in VatDto, or without a "
    "Percentage there): {codes}. The format requires one, so 0 is written as a placeholder and the code's "
    "Description says so",
    "TaxPercentage: {count} {count|momskode|momskoder} har ingen sats i Xena (ikke i VatDto, eller uden Percentage "
    "der): {codes}. Formatet kræver én, så 0 skrives som pladsholder, og kodens Description siger det")
GAP_NO_VAT_CODES = _kind(
    "gap-no-vat-codes", WARNING, "no VAT code in Xena's books", "ingen momskode i Xenas regnskab",
    "TaxTable: neither VatDto nor any posting names a VAT code. The format requires one, so the table has one "
    "code, empty, at 0 %, whose Description says it is a placeholder",
    "TaxTable: hverken VatDto eller nogen postering nævner en momskode. Formatet kræver én, så tabellen har én "
    "tom kode med 0 %, hvis Description siger at den er en pladsholder")
GAP_PUBLISHER = _kind(
    "gap-publisher", INFO, "no publisher named in the package's metadata", "ingen udgiver nævnt i pakkens metadata",
    "SoftwareCompanyName: the package's metadata (pyproject.toml's authors and maintainers) names no one, so it is "
    "written empty rather than made up",
    "SoftwareCompanyName: pakkens metadata (authors og maintainers i pyproject.toml) nævner ingen, så den skrives "
    "tom i stedet for at blive opfundet")
SAFT_STANDARD_DRAFT = _kind(
    "saft-standard-draft", INFO, "a draft mapping to the standard chart of accounts, for review", "et udkast til "
    "tilknytning til standardkontoplanen, til gennemsyn",
    "{file} proposes a standard account (Erhvervsstyrelsen's list of 2026-01-01) for {count} of {total} accounts "
    "from their Xena account group, each with the reason. It is a draft: the files do not use it. Review it and "
    "give it back with --saft-accounts to fill StandardAccountID",
    "{file} foreslår en standardkonto (Erhvervsstyrelsens liste af 1. januar 2026) for {count} af {total} konti ud "
    "fra deres kontogruppe i Xena, hver med begrundelsen. Det er et udkast: filerne bruger det ikke. Gennemse det "
    "og angiv det med --saft-accounts for at udfylde StandardAccountID")
GAP_JOURNALS = _kind("gap-journals", INFO, "one journal for every voucher", "én journal for alle bilag",
                     "Journals: Xena keeps none; every voucher is one Transaction in the one journal 'XENA'",
                     "Journaler: Xena har ingen; hvert bilag er én Transaction i den ene journal 'XENA'")
GAP_ADDRESS = _kind(
    "gap-address", INFO, "addresses as Xena keeps them", "adresser som Xena har dem",
    "Address: Xena's street is one text, so the house number (Number) is not split off; Country is the ISO code of "
    "Xena's country text (a two-letter code, or a name in the tool's table of Danish and English country names)",
    "Adresse: Xenas vejnavn er én tekst, så husnummeret (Number) er ikke skilt ud; Country er ISO-koden for Xenas "
    "landetekst (en kode på to bogstaver, eller et navn i værktøjets tabel over danske og engelske landenavne)")
GAP_ADDRESSES_INCOMPLETE = _kind(
    "gap-addresses-incomplete", INFO, "addresses lacking a part the format requires", "adresser der mangler en del "
    "formatet kræver",
    "Address: {count} {count|address lacks|addresses lack} a street, city, postal code or known country in Xena "
    "(e.g. {examples}); the part is written empty, an unknown country as ZZ",
    "Adresse: {count} {count|adresse|adresser} mangler vej, by, postnummer eller kendt land i Xena (fx {examples}); "
    "delen skrives tom, et ukendt land som ZZ")
GAP_OPENINGS = _kind(
    "gap-openings", INFO, "how the years open", "hvordan årene åbner",
    "Opening balances: a year for which Xena holds opening entries (PrimoLedgerPostDto) opens with them; a later "
    "year without any opens its balance sheet accounts at their previous closing, its income statement accounts at "
    "0.00, and the previous year's result in the opening balance of one equity account (--result-account, else an "
    "account of the archive's own); the first year without any opens at 0.00. Partners open with the previous "
    "closing plus their opening entries (PrimoPartnerPostDto)",
    "Primosaldi: et år som Xena har primoposter for (PrimoLedgerPostDto), åbner med dem; et senere år uden åbner "
    "balancekontiene med det foregående års ultimosaldi, resultatopgørelsens konti med 0,00 og det foregående "
    "års resultat i primosaldoen på én egenkapitalkonto (--result-account, ellers en konto arkivet selv "
    "tilføjer); det første år uden åbner med 0,00. Partnere åbner med det foregående års ultimo plus deres "
    "primoposter (PrimoPartnerPostDto)")
GAP_EXCHANGE_RATES = _kind(
    "gap-exchange-rates", INFO, "exchange rates computed from the amounts", "valutakurser beregnet af beløbene",
    "ExchangeRate: Xena keeps no rate on a posting; a foreign-currency line's rate is its amount divided by its "
    "currency amount (8 decimals), a line in the company's currency has rate 1{zero}",
    "ExchangeRate: Xena har ingen kurs på en postering; en linje i fremmed valuta har sit beløb divideret med "
    "valutabeløbet som kurs (8 decimaler), en linje i virksomhedens valuta kurs 1{zero}")
GAP_STANDARD_ACCOUNTS = _kind(
    "gap-standard-accounts", INFO, "no standard accounts", "ingen standardkonti",
    "StandardAccountID (Erhvervsstyrelsen's standard chart of accounts): Xena's accounts carry none; left out. Give a "
    "mapping with --saft-accounts to fill it",
    "StandardAccountID (Erhvervsstyrelsens standardkontoplan): Xenas konti har ingen; udeladt. Angiv en tilknytning "
    "med --saft-accounts for at udfylde den")
GAP_STANDARD_ACCOUNTS_MISSING = _kind(
    "gap-standard-accounts-missing", INFO, "accounts the standard account mapping lacks", "konti som tilknytningen til "
    "standardkonti mangler",
    "StandardAccountID: {count} {count|account is|accounts are} not in the --saft-accounts mapping and {count|has|"
    "have} none, e.g. {examples:list}",
    "StandardAccountID: {count} {count|konto|konti} er ikke i tilknytningen fra --saft-accounts og har ingen, fx "
    "{examples:list}")
GAP_CVR = _kind("gap-cvr", INFO, "no CVR number of the company", "intet CVR-nummer for virksomheden",
                "The company's CVR (FiscalSetupDto.OrgNumber) is not an eight-digit CVR number; what Xena holds is "
                "written as RegistrationNumber",
                "Virksomhedens CVR (FiscalSetupDto.OrgNumber) er ikke et CVR-nummer på otte cifre; det Xena har "
                "skrives som RegistrationNumber")
GAP_SYSTEM_IDS = _kind(
    "gap-system-ids", INFO, "voucher ids cut to 18 characters", "bilags-id'er afkortet til 18 tegn",
    "{count} voucher {count|Id is|Ids are} longer than SystemID's 18 characters and {count|was|were} cut",
    "{count} {count|bilags-id|bilags-id'er} er længere end SystemID's 18 tegn og er afkortet")
SAFT_STANDARD_ACCOUNT_COLUMN = _kind(
    "saft-standard-account-column", INFO, "the column holding the user's SAF-T standard accounts", "kolonnen med "
    "brugerens SAF-T-standardkonti",
    "{table} has the column {column:quoted}, read as the SAF-T standard account the user set in Xena; its values are "
    "written as StandardAccountID and beat any mapping",
    "{table} har kolonnen {column:quoted}, læst som den SAF-T-standardkonto brugeren har angivet i Xena; dens værdier "
    "skrives som StandardAccountID og går forud for enhver tilknytning")
SAFT_STANDARD_VAT_COLUMN = _kind(
    "saft-standard-vat-column", INFO, "the column holding the user's SAF-T standard VAT codes", "kolonnen med "
    "brugerens SAF-T-standardmomskoder",
    "{table} has the column {column:quoted}, read as the SAF-T standard VAT code the user set in Xena; its values are "
    "written as StandardTaxCode and beat the mapping from VatType",
    "{table} har kolonnen {column:quoted}, læst som den SAF-T-standardmomskode brugeren har angivet i Xena; dens "
    "værdier skrives som StandardTaxCode og går forud for tilknytningen fra VatType")
GAP_CURRENCY = _kind(
    "gap-currency", INFO, "the company's currency is no currency code", "virksomhedens valuta er ingen valutakode",
    "The company's currency (FiscalSetupDto.CurrencyAbbreviation) is not a currency code; DKK is written as "
    "DefaultCurrencyCode",
    "Virksomhedens valuta (FiscalSetupDto.CurrencyAbbreviation) er ikke en valutakode; DKK skrives som "
    "DefaultCurrencyCode")
GAP_ENTRY_DATES = _kind(
    "gap-entry-dates", INFO, "transactions without a creation date", "transaktioner uden oprettelsesdato",
    "{count} {count|transaction has|transactions have} no creation date (CreatedAt); SystemEntryDate is the "
    "transaction date",
    "{count} {count|transaktion|transaktioner} har ingen oprettelsesdato (CreatedAt); SystemEntryDate er "
    "transaktionsdatoen")
GAP_CURRENCY_CODES = _kind(
    "gap-currency-codes", INFO, "foreign-currency lines without an ISO currency code", "linjer i fremmed valuta uden "
    "ISO-valutakode",
    "{count} {count|line|lines} in a foreign currency name no ISO currency code; only the amount in the company's "
    "currency is written",
    "{count} {count|linje|linjer} i fremmed valuta har ingen ISO-valutakode; kun beløbet i virksomhedens valuta "
    "skrives")
GAP_RECORD_IDS = _kind(
    "gap-record-ids", INFO, "posting ids cut to 18 characters", "posterings-id'er afkortet til 18 tegn",
    "{count} posting {count|Id is|Ids are} longer than RecordID's 18 characters and {count|was|were} cut",
    "{count} {count|posterings-id|posterings-id'er} er længere end RecordID's 18 tegn og er afkortet")
GAP_TEXTS_DROPPED = _kind(
    "gap-texts-dropped", INFO, "texts with characters XML cannot hold", "tekster med tegn XML ikke kan rumme",
    "{count} {count|text|texts} held characters XML cannot hold; they were left out of the file (the JSONL keeps them)",
    "{count} {count|tekst|tekster} havde tegn som XML ikke kan rumme; de er udeladt af filen (JSONL-filen har dem)")
GAP_TEXTS_CUT = _kind(
    "gap-texts-cut", INFO, "texts longer than the format allows", "tekster længere end formatet tillader",
    "{count} {element} {count|text was|texts were} longer than the format allows and {count|was|were} cut (the JSONL "
    "keeps them whole)",
    "{count} {element}-{count|tekst|tekster} var længere end formatet tillader og er afkortet (JSONL-filen har dem "
    "hele)")
