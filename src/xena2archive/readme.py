"""The read-me files at the top of the bag, ``LÆSMIG.txt`` (Danish) and ``README.txt`` (English):
plain UTF-8 text any computer shows, for a reader years later without this program or a browser.

They say what the archive is, whose books and which years, what each folder holds, how to check
the archive with generic tools (``sha256sum -c``, any BagIt validator), and the file formats and
standards it uses (``standards.py``). They lie beside ``data/``, so the bag's tag manifests cover them.
Written from the run's records (the company, the backup, the time the archive was made).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from . import __version__
from . import layout as L
from .books.model import Company
from .report import BackupInput
from .standards import STANDARDS

DANISH, ENGLISH = "LÆSMIG.txt", "README.txt"

# folder or file under data/ -> (Danish, English): what it holds; listed where the archive has it
_PARTS: tuple[tuple[str, str, str], ...] = (
    (L.FRONT_PAGE, "START HER: oversigt over regnskabet; åbnes i en browser, uden internet",
     "START HERE: the books at a glance (Danish; index.en.html in English); opens in a browser, offline"),
    (L.ORIGINAL, "alle filer fra sikkerhedskopien, byte for byte", "every file of the backup, byte for byte"),
    (L.TABLES, "hver tabel som JSON Lines (.jsonl), JSON Schema (.schema.json) og Excel (.xlsx); "
     "posteringstabellerne i én Excel-fil pr. regnskabsår, <Tabel>.<år>.xlsx (pr. kalenderår, hvis "
     "sikkerhedskopien ingen regnskabsår nævner), og rækker uden for årene eller uden dato i <Tabel>.uden-aar.xlsx",
     "every table as JSON Lines (.jsonl), JSON Schema (.schema.json) and Excel (.xlsx); the posting tables in one "
     "Excel file per fiscal year, <Table>.<year>.xlsx (per calendar year if the backup names no fiscal years), and "
     "rows outside the years or without a date in <Table>.uden-aar.xlsx"),
    (L.DOCUMENTS, "dokumenterne som PDF/A-2b (originalen ligger i original/)",
     "the documents as PDF/A-2b (the original is in original/)"),
    (L.TEXT, "dokumenternes tekst, UTF-8", "the documents' text, UTF-8"),
    (L.SAFT, "bogføringen som SAF-T Financial DK, én fil pr. regnskabsår",
     "the books as SAF-T Financial DK, one file per fiscal year"),
    (L.DATAPACKAGE, "tabellerne beskrevet som Frictionless Data Package", "the tables as a Frictionless Data Package"),
    (L.REPORT, "hvad konverteringen gjorde og fandt, med programversioner",
     "what the conversion did and found, with the software's versions"),
)

_TEXT = {
    DANISH: {
        "title": "LÆS MIG: arkiv af regnskabet for {company}",
        "what": "Dette arkiv rummer bogføringen for {company} fra Xena (Xenas sikkerhedskopi \"Lokal kopi\"), "
                "med alle bilag og dokumenter. Arkivet blev lavet {made} af xena2archive {version} ud fra "
                "sikkerhedskopien {file} (SHA-256 {sha256}), som Xena lavede {backup}.",
        "years": "Regnskabsår: {years}.",
        "no_years": "Sikkerhedskopien nævner ingen regnskabsår.",
        "folders": "Mapperne (under data/)",
        "check": "Sådan kontrolleres arkivet",
        "check_text": "Arkivet er en BagIt-pakke (RFC 8493): manifest-sha256.txt og manifest-sha512.txt har en "
                      "kontrolsum for hver fil. I et terminalvindue i denne mappe:\n\n"
                      "    sha256sum -c manifest-sha256.txt\n    sha512sum -c manifest-sha512.txt\n\n"
                      "Hver linje skal slutte med OK. Ethvert program der kontrollerer BagIt-pakker kan også bruges "
                      "(f.eks. bagit.py --validate .), og xena2archive verify . kontrollerer desuden tabellerne, "
                      "PDF/A-kopierne og rapporten.",
        "formats": "Filformater og standarder",
        "pronom": "PRONOM-id",
    },
    ENGLISH: {
        "title": "READ ME: archive of the books of {company}",
        "what": "This archive holds the books of {company} from Xena (Xena's backup \"Lokal kopi\"), with every "
                "voucher and document. It was made {made} by xena2archive {version} from the backup {file} "
                "(SHA-256 {sha256}), which Xena made {backup}.",
        "years": "Fiscal years: {years}.",
        "no_years": "The backup names no fiscal year.",
        "folders": "The folders (in data/)",
        "check": "How to check the archive",
        "check_text": "The archive is a BagIt bag (RFC 8493): manifest-sha256.txt and manifest-sha512.txt hold a "
                      "checksum of every file. In a terminal in this folder:\n\n"
                      "    sha256sum -c manifest-sha256.txt\n    sha512sum -c manifest-sha512.txt\n\n"
                      "Every line must end in OK. Any BagIt validator works too (for example bagit.py --validate .), "
                      "and xena2archive verify . also checks the tables, the PDF/A copies and the report.",
        "formats": "File formats and standards",
        "pronom": "PRONOM id",
    },
}


def write_readmes(root: Path, company: Company, backup: BackupInput, made: dt.datetime) -> list[Path]:
    """Write ``LÆSMIG.txt`` and ``README.txt`` into the bag's folder ``root`` (beside ``data/``); their paths."""
    written = []
    for name in (DANISH, ENGLISH):
        path = root / name
        path.write_text(readme(name, company, backup, made, root / L.DATA), encoding="utf-8")
        written.append(path)
    return written


def readme(name: str, company: Company, backup: BackupInput, made: dt.datetime, data: Path) -> str:
    """The text of the read-me ``name`` (``DANISH`` or ``ENGLISH``); ``data`` is the payload, whose
    parts are listed where it has them."""
    text, da = _TEXT[name], name == DANISH
    years = ", ".join(f"{y.start} – {y.end}" for y in company.years)
    title = text["title"].format(company=company.label)
    lines = [title, "=" * len(title), ""]
    lines += _wrap(text["what"].format(company=company.label, made=made.date().isoformat(), version=__version__,
                                       file=backup.file, sha256=backup.sha256, backup=backup.backup_time[:10]))
    lines += ["", *(_wrap(text["years"].format(years=years)) if years else [text["no_years"]])]
    lines += ["", text["folders"], "-" * len(text["folders"])]
    parts = [(part + ("/" if (data / part).is_dir() else ""), da_text if da else en_text)
             for part, da_text, en_text in _PARTS if (data / part).exists()]
    width = max(len(part) for part, _ in parts) + 2
    for part, what in parts:
        lines += _wrap(f"  {part:<{width}}{what}", indent=" " * (width + 2))
    lines += ["", text["check"], "-" * len(text["check"]), ""]
    for paragraph in text["check_text"].split("\n\n"):
        lines += (paragraph.splitlines() if paragraph.startswith("    ") else _wrap(paragraph)) + [""]
    lines += [text["formats"], "-" * len(text["formats"])]
    for standard in STANDARDS:
        pronom = f" ({text['pronom']} {standard.pronom})" if standard.pronom else ""
        named, said = standard.named("da" if da else "en"), standard.da if da else standard.en
        lines += _wrap(f"- {named}{pronom}: {standard.where}: {said}",
                       indent="  ")
    return "\n".join(lines) + "\n"


def _wrap(paragraph: str, indent: str = "") -> list[str]:
    """``paragraph`` in lines of at most 100 characters, broken at spaces only (a checksum or a path
    stays whole), continued with ``indent``."""
    return textwrap.wrap(paragraph, width=100, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False) or [""]
