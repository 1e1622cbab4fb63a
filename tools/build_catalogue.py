"""Build ``schemas/`` (the catalogue) from Xena's published contracts.

Run once when the contracts change:
    python tools/build_catalogue.py ../shared/xena-dtos.json ../shared/xena-tables.md schemas/
The result is checked in; xena2archive never reads the contracts at run time.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from xena2archive.catalogue import columns_from_dto
from xena2archive.model import Column, Kind, TableSpec
from xena2archive.tables.schema import catalogue_schema, write_schema

# Tables the backup may hold although Xena's help page leaves them out of its list.
EXTRA_TABLES = {
    "FiscalSetupDto": "Regnskabsopsætning (virksomheden)",
    "OrderJournalEntryDto": "Bogførte fakturaer og kreditnotaer",
    "CurrencyDto": "Valutaer",
}


# The table of the archive's own documents (written by the pipeline, not by Xena).
ARCHIVE_DOCUMENTS = (
    ("DocumentId", "int64", "Id i DocumentDto (tom hvis ingen række nævner filen)",
     "Id in DocumentDto (empty when no row names the file)"),
    ("Description", "string", "Beskrivelse fra DocumentDto", "Description from DocumentDto"),
    ("OriginalName", "string", "Filens navn og sti i Xenas zip-fil", "The file's name and path in Xena's zip"),
    ("OriginalPath", "string", "Originalen i arkivet (under data/)", "The original in the archive (under data/)"),
    ("Size", "int64", "Originalens størrelse i bytes", "Size of the original in bytes"),
    ("Sha256", "string", "SHA-256 af originalen", "SHA-256 of the original"),
    ("Format", "string", "Format bestemt ud fra indholdet", "Format identified from the content"),
    ("Mime", "string", "MIME-type bestemt ud fra indholdet", "MIME type identified from the content"),
    ("Pronom", "string", "PRONOM-id (formatregistret arkiver bruger)", "PRONOM id (the format registry archives use)"),
    ("DeclaredType", "string", "Filtype ifølge Xena (LastContentType)", "Content type Xena declared (LastContentType)"),
    ("Mismatch", "string", "Uoverensstemmelse mellem navn/erklæret type og indhold",
     "Disagreement of name/declared type with the content"),
    ("Pages", "int32", "Antal sider", "Number of pages"),
    ("Status", "string", "converted = gyldig PDF/A-2b-kopi; not-converted / failed = kun originalen",
     "converted = valid PDF/A-2b copy; not-converted / failed = original only"),
    ("Code", "string", "Årsagskode når der ikke er en PDF/A-kopi", "Reason code when there is no PDF/A copy"),
    ("Reasons", "string", "Forklaring", "Explanation"),
    ("RemovedContent", "string", "Aktivt indhold som PDF/A-kopien ikke har (JavaScript m.m.)",
     "Active content the PDF/A copy does not carry (JavaScript etc.)"),
    ("PdfaPath", "string", "PDF/A-kopien i arkivet (under data/)", "The PDF/A copy in the archive (under data/)"),
    ("PdfaSha256", "string", "SHA-256 af PDF/A-kopien", "SHA-256 of the PDF/A copy"),
    ("VoucherIds", "array:int64", "Bilag (VoucherDto Id) dokumentet hører til",
     "Vouchers (VoucherDto Id) the document belongs to"),
    ("PartnerIds", "array:int64", "Kunder/leverandører (PartnerDto Id)", "Customers/suppliers (PartnerDto Id)"),
    ("OrderIds", "array:int64", "Ordrer (OrderDto Id)", "Orders (OrderDto Id)"),
    ("LedgerPostIds", "array:int64", "Finansposteringer (LedgerPostDto Id)", "Ledger posts (LedgerPostDto Id)"),
    ("FormatName", "string", "Formatets navn i PRONOM", "The format's name in PRONOM"),
    ("FormatVersion", "string", "Formatets version i PRONOM", "The format's version in PRONOM"),
    ("IdentifiedBy", "string",
     "Hvem bestemte formatet: Siegfried med sine signaturfiler, eller xena2archives eget tjek",
     "Who identified the format: Siegfried with its signature files, or xena2archive's own check"),
    ("AttachedTo", "string", "E-mailen (originalen under data/) filen var vedhæftet",
     "The e-mail (its original under data/) the file was attached to"),
    ("Ocr", "string", "OCR af billeder af tekst: ran = tekstlag under billedet, not-needed = intet billede af tekst, "
     "off = slået fra (--no-ocr), failed = ikke muligt (se Reasons); tom uden PDF/A-kopi",
     "OCR of pictures of text: ran = a text layer under the picture, not-needed = no picture of text, "
     "off = switched off (--no-ocr), failed = not possible (see Reasons); empty without a PDF/A copy"),
    ("OcrPages", "int32", "Sider læst med OCR", "Pages read by OCR"),
    ("OcrEngine", "string", "OCR-programmet og dets version", "The OCR engine and its version"),
    ("OcrLanguages", "string", "Sprog OCR læste efter (Tesseracts koder)", "Languages OCR read (Tesseract's codes)"),
    ("OcrWords", "int32", "Ord OCR læste", "Words OCR read"),
    ("OcrConfidence", "decimal", "Gennemsnitlig sikkerhed (0-100) for de læste ord; under 60 er teksten upålidelig",
     "Mean confidence (0-100) in the words read; below 60 the text is unreliable"),
    ("TextPath", "string", "Dokumentets tekst, UTF-8, hver side afsluttet med sideskift (under data/)",
     "The document's text, UTF-8, each page ending in a form feed (under data/)"),
    ("TextSha256", "string", "SHA-256 af tekstfilen", "SHA-256 of the text file"),
    ("MadeWith", "string", "Programmerne der lavede PDF/A-kopien, med versioner",
     "The programs that made the PDF/A copy, with their versions"),
    ("PdfaPronom", "string", "PDF/A-kopiens PRONOM-id (fmt/477 = PDF/A-2b), bestemt af Siegfried ud fra indholdet",
     "The PDF/A copy's PRONOM id (fmt/477 = PDF/A-2b), identified by Siegfried from its content"),
    ("ValidatedBy", "string", "Programmet der validerede kopien, med version",
     "The program that validated the copy, with its version"),
    ("ValidationProfile", "string", "Hvad kopien blev valideret mod", "What the copy was validated against"),
    ("Validation", "string", "Valideringens udfald: passed = gyldig og gemt; failed = ugyldig, ikke gemt; "
     "tom = ingen kopi nåede valideringen",
     "The validation's outcome: passed = valid and kept; failed = invalid, not kept; empty = no copy reached it"),
)


def archive_documents_spec() -> TableSpec:
    columns = tuple(Column(name, Kind.from_catalogue(kind), da, en) for name, kind, da, en in ARCHIVE_DOCUMENTS)
    return TableSpec("ArchiveDocuments", "Arkivets dokumenter: original, format, PDF/A-kopi og tilknytning",
                     columns, key="OriginalName")


def contracts(dtos: dict[str, Any], name: str) -> dict[str, list[str]]:
    """The contract of a table and of every object it holds: ``Name:type`` (``?`` when nullable) in
    declaration order, as Xena's published contracts give them. The flattened properties lose what a writer of
    Xena-like files needs (which fields .NET writes a default for, the class of a nested object, an
    array's item type); the sample generator (tools/sample_backup.py) reads it from here."""
    found: dict[str, list[str]] = {}
    pending = [name]
    while pending:
        dto = pending.pop(0)
        if dto in found:
            continue
        found[dto] = [f"{f['name']}:{f['type']}{'?' if f['nullable'] else ''}" for f in dtos[dto]["fields"]]
        pending += [f["type"].rsplit(":", 1)[1] for f in dtos[dto]["fields"] if "object:" in f["type"]]
    return found


def main(dtos_json: str, tables_md: str, out_dir: str) -> None:
    dtos = json.loads(Path(dtos_json).read_text(encoding="utf-8"))["dtos"]
    listed = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", Path(tables_md).read_text(encoding="utf-8"), re.M))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, description in sorted({**listed, **EXTRA_TABLES}.items()):
        columns = tuple(columns_from_dto(dtos, name))
        key = "Id" if any(c.name == "Id" for c in columns) else None
        spec = TableSpec(name, description, columns, key=key)
        schema = catalogue_schema(spec)
        schema["x-xena-contracts"] = contracts(dtos, name)
        write_schema(out / f"{name}.schema.json", schema)
    spec = archive_documents_spec()
    write_schema(out / f"{spec.name}.schema.json", catalogue_schema(spec))
    print(f"{len(listed) + len(EXTRA_TABLES) + 1} schemas written to {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
