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
finding), or a list of findings. ``{n|one|many}`` picks the singular or the plural by the number
``n``. Every message is a whole sentence. A leaf
module: it imports nothing of the package.
"""

from __future__ import annotations

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
            return (" " if value and all(isinstance(v, Finding) for v in value) else ", ").join(
                self.written(v, plain) + ("." if isinstance(v, Finding) else "") for v in value)
        return str(value)


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
    "end én gang", "{count} repeated {count|value|values} of key {key:plain}, e.g. {examples:plain}",
    "{count} gentagne værdier af nøglen {key:plain}, fx {examples:plain}")
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
    "name or declared type disagrees with the content: {mismatch}", "navn eller angivet type passer ikke med "
    "indholdet: {mismatch}")
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
    "balances", "Xenas primosaldi for et år fører ikke året før's ultimosaldi videre",
    "Xena's opening balances of {year} do not carry the year before's closing balances: {problems}. The books open "
    "with Xena's figures (Xena flags a year whose opening balances need recalculating in FiscalPeriodDto.IsDirty)",
    "Xenas primosaldi for {year} fører ikke året før's ultimosaldi videre: {problems}. Regnskabet åbner med Xenas "
    "tal (Xena markerer et år hvis primosaldi skal genberegnes, i FiscalPeriodDto.IsDirty)")
ACCOUNTS_OPEN_ELSEWHERE = _kind(
    "accounts-open-elsewhere", INFO, "balance sheet accounts opening where they did not close", "balancekonti der "
    "åbner et andet sted end de lukkede", "on {count} balance sheet {count|account|accounts}, e.g. {examples:plain}",
    "på {count} {count|balancekonto|balancekonti}, fx {examples:plain}")
EQUITY_NOT_RESULT = _kind(
    "equity-not-result", INFO, "equity opening by other than the year before's result", "egenkapital der åbner med "
    "andet end året før's resultat",
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
    "statement) {count|opens|open} at {count|its|their} previous closing balance, e.g. {examples:plain}",
    "{year}: {count} {count|konto|konti} uden kendt kontogruppe i Xena (hverken balance eller resultatopgørelse) "
    "åbner med {count|sin|deres} ultimosaldo fra året før, fx {examples:plain}")
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
    "datapackage.json): {examples:plain}",
    "{dangling} af {references} værdier i {column} henviser ikke til nogen række i {target} (erklæret som fremmednøgle "
    "i datapackage.json): {examples:plain}")
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
    "are} in the books: {shown}",
    "{count} {count|transaktion|transaktioner} summer ikke til nul og er skrevet som i regnskabet: {shown}")
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
GAP_CONTACT = _kind(
    "gap-contact", INFO, "no contact person in Xena", "ingen kontaktperson i Xena",
    "Contact person: Xena holds none for the company or its partners; ContactPerson FirstName and LastName are "
    "written as 'NotUsed', as the Danish format does for an unknown name",
    "Kontaktperson: Xena har ingen for virksomheden eller dens partnere; ContactPerson FirstName og LastName skrives "
    "som 'NotUsed', som det danske format gør for et ukendt navn")
GAP_BANK = _kind("gap-bank", INFO, "no bank accounts written", "ingen bankkonti skrevet",
                 "Bank accounts (BankAccount) of the company and its partners: not in Xena's tables; left out",
                 "Bankkonti (BankAccount) for virksomheden og dens partnere: ikke i Xenas tabeller; udeladt")
GAP_STANDARD_TAX = _kind(
    "gap-standard-tax", INFO, "no standard VAT codes or tax bases", "ingen standardmomskoder eller momsgrundlag",
    "StandardTaxCode (the Danish standard VAT codes) and TaxBase: Xena's VAT codes carry neither; left out. TaxTable "
    "Country is DK for every code",
    "StandardTaxCode (de danske standardmomskoder) og TaxBase: Xenas momskoder har ingen af dem; udeladt. TaxTable "
    "Country er DK for hver kode")
GAP_JOURNALS = _kind("gap-journals", INFO, "one journal for every voucher", "én journal for alle bilag",
                     "Journals: Xena keeps none; every voucher is one Transaction in the one journal 'XENA'",
                     "Journaler: Xena har ingen; hvert bilag er én Transaction i den ene journal 'XENA'")
GAP_ADDRESS = _kind(
    "gap-address", INFO, "addresses as Xena keeps them", "adresser som Xena har dem",
    "Address: Xena's street is one text, so the house number (Number) is not split off; Country is written only when "
    "Xena's country text is a two-letter code or Danmark/Denmark",
    "Adresse: Xenas vejnavn er én tekst, så husnummeret (Number) er ikke skilt ud; Country skrives kun når Xenas "
    "landetekst er en kode på to bogstaver eller Danmark/Denmark")
GAP_OPENINGS = _kind(
    "gap-openings", INFO, "how the years open", "hvordan årene åbner",
    "Opening balances: a year for which Xena holds opening entries (PrimoLedgerPostDto) opens with them; a later "
    "year without any opens its balance sheet accounts at their previous closing, its income statement accounts at "
    "0.00, and the previous year's result in the opening balance of one equity account (--result-account, else an "
    "account of the archive's own); the first year without any opens at 0.00. Partners open with the previous "
    "closing plus their opening entries (PrimoPartnerPostDto)",
    "Primosaldi: et år som Xena har primoposter for (PrimoLedgerPostDto), åbner med dem; et senere år uden åbner "
    "balancekontiene med året før's ultimosaldi, resultatopgørelsens konti med 0,00 og året før's resultat i "
    "primosaldoen på én egenkapitalkonto (--result-account, ellers en konto arkivet selv tilføjer); det første år "
    "uden åbner med 0,00. Partnere åbner med året før's ultimo plus deres primoposter (PrimoPartnerPostDto)")
GAP_EXCHANGE_RATES = _kind(
    "gap-exchange-rates", INFO, "no exchange rates written", "ingen valutakurser skrevet",
    "Exchange rates (ExchangeRate) are not written; a foreign-currency line carries CurrencyCode and CurrencyAmount "
    "beside the amount in the company's currency",
    "Valutakurser (ExchangeRate) skrives ikke; en linje i fremmed valuta har CurrencyCode og CurrencyAmount ved "
    "siden af beløbet i virksomhedens valuta")
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
    "have} none, e.g. {examples:plain}",
    "StandardAccountID: {count} {count|konto|konti} er ikke i tilknytningen fra --saft-accounts og har ingen, fx "
    "{examples:plain}")
GAP_PHONE = _kind(
    "gap-phone", INFO, "no telephone number of the company", "intet telefonnummer for virksomheden",
    "The company's telephone number (required in the header's Contact by the published structure) is not in "
    "FiscalSetupDto; left out",
    "Virksomhedens telefonnummer (krævet i headerens Contact af den offentliggjorte struktur) er ikke i "
    "FiscalSetupDto; udeladt")
GAP_CVR = _kind("gap-cvr", INFO, "no CVR number of the company", "intet CVR-nummer for virksomheden",
                "The company's CVR (FiscalSetupDto.OrgNumber) is empty; RegistrationNumber is written empty",
                "Virksomhedens CVR (FiscalSetupDto.OrgNumber) er tomt; RegistrationNumber skrives tomt")
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
