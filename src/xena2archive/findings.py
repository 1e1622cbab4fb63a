"""Every kind of finding, each with a code: the report, the index and the tests name a finding by it.

A finding is what a reader of the archive should know: ``warning`` means look at this, ``info``
tells a choice made or a fact met. Each kind below has a stable code (kebab-case, never reused
for another meaning), its severity, and one line saying what it is about; the message of each
finding says the particulars (which rows, which file) in whole sentences (a kind adds the stop
where a message lacks one). In the spirit of
frictionless-py's error catalogue. A leaf module: it imports nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass

WARNING, INFO = "warning", "info"


@dataclass(frozen=True)
class Finding:
    """One finding: its kind's code and severity, where (an input file, a table, a stage), what."""

    code: str
    severity: str
    where: str
    message: str


@dataclass(frozen=True)
class Kind:
    """A kind of finding: ``KIND(where, message)`` makes one."""

    code: str
    severity: str
    about: str

    def __call__(self, where: str, message: str) -> Finding:
        return Finding(self.code, self.severity, where, sentence(message))


def sentence(text: str) -> str:
    """``text`` as a whole sentence: ending with a stop (one is added where it has none), so
    messages read alike wherever they are shown together."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _kind(code: str, severity: str, about: str) -> Kind:
    kind = Kind(code, severity, about)
    KINDS[code] = kind
    return kind


KINDS: dict[str, Kind] = {}

# -- the zip ------------------------------------------------------------------------------------
NOT_A_XENA_BACKUP = _kind("not-a-xena-backup", WARNING, "the zip holds none of Xena's tables")
ENTRY_NAME = _kind("entry-name", WARNING, "a file's name was changed or clashed with another's; the report keeps it")
ENTRY_SKIPPED = _kind("entry-skipped", WARNING, "a link, device or system file in a backup folder, not archived")

# -- tables -------------------------------------------------------------------------------------
TABLE_SECOND_FILE = _kind("table-second-file", WARNING, "a second file of one table in one format, converted apart")
TABLE_UNKNOWN = _kind("table-unknown", INFO, "a table not in Xena's catalogue; its column types were inferred")
TABLE_DAMAGED = _kind("table-damaged", WARNING,
                      "a table file is damaged; the rows before the damage are converted, the rest is in no table")
TABLE_HEADER = _kind("table-header", WARNING, "a table's header cannot be read as it should")
TABLE_EMPTY = _kind("table-empty", WARNING, "a CSV file without header and data")
ROWS_REJECTED = _kind("rows-rejected", WARNING, "rows that could not be read; kept raw in the rejects file")
VALUES_KEPT_AS_TEXT = _kind("values-kept-as-text", WARNING, "values that did not fit their column's type")
KEY_REPEATED = _kind("key-repeated", WARNING, "a table's key holds one value more than once")
TABLE_NOTE = _kind("table-note", INFO, "how a table was read: its source, its columns")
SOURCES_AGREE = _kind("sources-agree", INFO, "a table's CSV and XML hold the same rows")
SOURCES_UNMATCHED = _kind("sources-unmatched", WARNING, "a table's CSV and XML differ and have no key to match rows")
ROWS_ONLY_IN_OTHER = _kind("rows-only-in-other", WARNING,
                           "rows only the unconverted file of a table holds; written to the table from it")
ROWS_MISSING_IN_OTHER = _kind("rows-missing-in-other", WARNING, "rows of the converted file the other file lacks")
VALUES_DIFFER = _kind("values-differ", WARNING, "rows a table's CSV and XML hold with other values")
VALUE_DIFFERENCE = _kind("value-difference", INFO, "one field a table's CSV and XML hold differently")
COLUMNS_ONLY_IN_OTHER = _kind("columns-only-in-other", WARNING, "columns only the unconverted file of a table has")

# -- documents ----------------------------------------------------------------------------------
DOCUMENT_NOT_CONVERTED = _kind("document-not-converted", WARNING,
                               "a document without a PDF/A copy; its original is kept")
DOCUMENT_TYPE_MISMATCH = _kind("document-type-mismatch", WARNING,
                               "a document's name or declared type is not its content")
DOCUMENT_CONTENT_REMOVED = _kind("document-content-removed", INFO, "active content the PDF/A copy does not carry")
DOCUMENT_NOTE = _kind("document-note", INFO, "what a reader of a PDF/A copy should know of its making")
DOCUMENT_WITHOUT_ROW = _kind("document-without-row", WARNING, "a file no DocumentDto row names")
DOCUMENT_UNRELATED = _kind("document-unrelated", WARNING, "a document nothing in the books refers to")
DOCUMENT_FILE_MISSING = _kind("document-file-missing", WARNING, "a DocumentDto row whose file is not in the zip")
DOCUMENT_ATTACHMENT = _kind("document-attachment", INFO, "a file attached to an e-mail, made a document of its own")

# -- the books (the audit) ----------------------------------------------------------------------
VOUCHERS_UNBALANCED = _kind("vouchers-unbalanced", WARNING, "vouchers whose postings do not add up")
POSTINGS_WITHOUT_VOUCHER = _kind("postings-without-voucher", WARNING, "postings no voucher holds")
DOCUMENTS_WITHOUT_RELATION = _kind("documents-without-relation", WARNING, "documents related to nothing in the books")
POSTINGS_OUTSIDE_YEARS = _kind("postings-outside-years", WARNING, "postings dated outside every fiscal year")
AMOUNTS_NOT_NUMBERS = _kind("amounts-not-numbers", WARNING, "posting amounts that are not numbers")
VOUCHERS_FROM_POSTINGS = _kind("vouchers-from-postings", INFO, "no VoucherDto table; vouchers built from the postings")
OPENINGS_UNPLACED = _kind("openings-unplaced", WARNING, "opening entries that name no known year, account or partner")
OPENINGS_NOT_CARRIED = _kind("openings-not-carried", WARNING,
                             "Xena's opening balances of a year do not carry the year before's closing balances")
ACCOUNTS_NOT_IN_CHART = _kind("accounts-not-in-chart", INFO, "accounts postings name that the chart of accounts lacks")
PARTNERS_NOT_IN_TABLE = _kind("partners-not-in-table", INFO, "partners postings name that PartnerDto lacks")

# -- exports ------------------------------------------------------------------------------------
RELATION_DANGLING = _kind("relation-dangling", WARNING, "references to a row another table does not hold")
RELATION_NOT_DECLARED = _kind("relation-not-declared", INFO, "a relation the data package does not declare, and why")
SAFT_NO_YEARS = _kind("saft-no-years", INFO, "no fiscal years, so no SAF-T file")
SAFT_UNBALANCED = _kind("saft-unbalanced", WARNING, "SAF-T transactions that do not sum to zero, written as they are")
SAFT_GAP = _kind("saft-gap", INFO, "what the Danish SAF-T format asks for and Xena's data lacks")
SAFT_NOTE = _kind("saft-note", INFO, "how the books were put into the SAF-T files")
SAFT_PROBLEM = _kind("saft-problem", WARNING, "what of the books the SAF-T files cannot hold as they are")
