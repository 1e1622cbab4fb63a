"""PREMIS 3 preservation metadata of the whole archive: ``data/metadata/preservation/premis.xml``.

What an archive's repository (Archivematica, an E-ARK repository) reads to know what each file is
and what was done to it, made from the records the run already has (the report's entries, tables
and documents, the software with versions, when the archive was made):

- objects: every file under ``data/`` (but the METS and this file), each with its size, SHA-256,
  PRONOM format (Siegfried's answer and its basis, in ``formatNote``) and, for an original, its
  name in the backup; every file made by the conversion has a relationship "derivation" to what it
  was made from: a copy (PDF/A, text, a table's JSONL, schema and workbook) to its original, the
  documents' table to the documents' originals, ``report.json`` to every original, the data package
  to the tables it describes, the SAF-T files and the index's pages to the books (a representation
  object including the tables they are loaded from), the search page's data to the books and the
  documents' texts (the index's style sheet and search script are the program's own, from nothing);
- events, with types from the Library of Congress vocabulary of preservation event types:
  ingestion of the backup (its SHA-256), unpacking, format identification, message digest
  calculation, normalization of each document and table (the programs with versions, the outcome;
  also what was not converted, and why), validation of each PDF/A copy (validator, profile,
  outcome), OCR where it ran, creation of each document's text, of the documents' table, each SAF-T
  file, the data package, the report and the index, and validation of each SAF-T file against the
  XSD (its outcome);
- agents: the company whose books these are, the software with versions, the person who ran the
  conversion when ``--operator`` names one.

Identifiers are the files' paths under ``data/`` (type ``path``), so the METS file section and
this file name the same object the same way. Dates are ``made`` (when the archive was made).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import __version__
from .. import layout as L
from ..catalogue import ARCHIVE_DOCUMENTS, BOOKS_TABLES
from ..documents.model import Match
from ..report import Report
from .saft.check import XSD as SAFT_XSD
from .saft.draft import FILE as SAFT_DRAFT
from .saft.write import VERSION as SAFT_VERSION

NS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NSMAP = {"premis": NS, "xsi": XSI}
SCHEMA_LOCATION = "http://www.loc.gov/premis/v3 https://www.loc.gov/standards/premis/premis.xsd"
EVENT_TYPES = "http://id.loc.gov/vocabulary/preservation/eventType"
PATH = "path"  # the identifier type of objects: their path under data/
LOCAL = "xena2archive"  # the identifier type of events and agents: our own names
FOLDER = "metadata/preservation"
NAME = f"{FOLDER}/premis.xml"
# Representations (objects that are sets of files, identified by these names of type LOCAL): what
# the SAF-T files and the index are made from as a whole, so each of their files names one source
# rather than every table. BOOKS: the JSONL tables the books are loaded from, and the documents'
# table; TEXTS: the documents' text files, which the search page's data is also made from.
BOOKS, TEXTS = "books", "document texts"


@dataclass(frozen=True)
class PayloadFile:
    """One file of the payload, as PREMIS and METS describe it: its path under ``data/``, size,
    SHA-256, PRONOM identification, and its name in the backup when it is an original."""

    path: str
    size: int
    sha256: str
    format: Match | None
    original_name: str | None = None

    @property
    def mime(self) -> str:
        return (self.format.mime if self.format else None) or "application/octet-stream"


# Siegfried's ``name`` of each file (``documents.pronom.names``), ``workers`` files at a time
Names = Callable[[Sequence[Path], int], list[Match | None]]


def payload_files(data: Path, report: Report, leave_out: tuple[str, ...], names: Names,
                  workers: int = 1) -> list[PayloadFile]:
    """Every file under ``data/`` but ``leave_out`` (paths under ``data/``), in path order: the
    checksums the report records where it has them, the others computed; the documents'
    formats as the documents stage identified them, every other file's by Siegfried now
    (``names``, ``workers`` files at a time)."""
    known = {e.original: (e.sha256, e.zip_name) for e in report.entries}
    identified = {d.original: d for d in report.documents}
    digests = {d.pdfa: d.pdfa_sha256 for d in report.documents if d.pdfa and d.pdfa_sha256}
    digests |= {d.text: d.text_sha256 for d in report.documents if d.text and d.text_sha256}
    sizes = {p: (data / p).stat().st_size for p in sorted(_walk(data), key=lambda p: p.encode("utf-8"))
             if p not in leave_out}
    formats: dict[str, Match | None] = {}
    for path, size in sizes.items():
        document = identified.get(path)
        if document is not None and document.pronom:
            formats[path] = Match(document.pronom, document.format_name or document.pronom,
                                         document.format_version, document.mime, document.identified_by or "")
        elif not size:
            formats[path] = None
    unknown = [path for path in sizes if path not in formats]
    formats |= zip(unknown, names([data / path for path in unknown], workers))
    files = []
    for path, size in sizes.items():
        sha256, name = known.get(path, (digests.get(path) or sha256_of(data / path), None))
        files.append(PayloadFile(path, size, sha256, formats[path], name))
    return files


def _walk(data: Path) -> Iterator[str]:
    for path in data.rglob("*"):
        if path.is_file():
            yield PurePosixPath(path.relative_to(data)).as_posix()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _el(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attributes.items() if v})
    if text is not None:
        element.text = text
    return element


class _Events:
    """The events, numbered in the order they are added (``event-1``, ...)."""

    def __init__(self, made: str) -> None:
        self.made = made
        self.items: list[etree._Element] = []

    def add(self, kind: str, detail: str, outcome: str, *, agents: tuple[tuple[str, str], ...] = (),
            objects: tuple[tuple[str, str], ...] = (), note: str | None = None, loc: bool = True) -> str:
        """An event of type ``kind`` (a term of the LoC vocabulary where ``loc``); ``agents`` and
        ``objects`` as (identifier, role). Returns its identifier."""
        ident = f"event-{len(self.items) + 1}"
        event = etree.Element(f"{{{NS}}}event")
        identifier = _el(event, "eventIdentifier")
        _el(identifier, "eventIdentifierType", LOCAL)
        _el(identifier, "eventIdentifierValue", ident)
        _el(event, "eventType", kind, **({"authority": "eventType", "authorityURI": EVENT_TYPES} if loc else {}))
        _el(event, "eventDateTime", self.made)
        _el(_el(event, "eventDetailInformation"), "eventDetail", detail)
        information = _el(event, "eventOutcomeInformation")
        _el(information, "eventOutcome", outcome)
        if note:
            _el(_el(information, "eventOutcomeDetail"), "eventOutcomeDetailNote", note)
        for agent, role in agents:
            link = _el(event, "linkingAgentIdentifier")
            _el(link, "linkingAgentIdentifierType", LOCAL)
            _el(link, "linkingAgentIdentifierValue", agent)
            _el(link, "linkingAgentRole", role)
        for path, role in objects:
            link = _el(event, "linkingObjectIdentifier")
            _el(link, "linkingObjectIdentifierType", _kind_of(path))
            _el(link, "linkingObjectIdentifierValue", path)
            _el(link, "linkingObjectRole", role)
        self.items.append(event)
        return ident


def _kind_of(identifier: str) -> str:
    """The identifier type of an object: a representation's name, or a file's path under data/."""
    return LOCAL if identifier in (BOOKS, TEXTS) else PATH


def _representations(report: Report, present: set[str]) -> dict[str, list[str]]:
    """The representations -> the files each includes (those in the payload)."""
    books = [f"{L.TABLES}/{table}.jsonl" for table in (*BOOKS_TABLES, ARCHIVE_DOCUMENTS)]
    texts = [d.text for d in report.documents if d.text]
    return {BOOKS: [p for p in books if p in present], TEXTS: [p for p in texts if p in present]}


def _sources(report: Report, present: set[str]) -> dict[str, list[str]]:
    """Each file the conversion made (path under data/) -> what it was made from."""
    made_from: dict[str, list[str]] = {}
    for d in report.documents:
        if d.pdfa:
            made_from[d.pdfa] = [d.original]
        if d.text:
            made_from[d.text] = [d.pdfa or d.original]
    for table in report.tables:
        if table.table == ARCHIVE_DOCUMENTS:
            sources = [d.original for d in report.documents]
        else:
            sources = [f"{L.ORIGINAL}/{table.entry}"] if table.entry else []
            sources += [f"{L.ORIGINAL}/{a.other_entry}" for a in table.agreement if a.other_entry]
        for output in table.outputs.values():
            made_from[f"{L.TABLES}/{output}"] = sources
    for made in _saft_made(report, present):
        made_from[made] = [BOOKS]
    made_from[L.DATAPACKAGE] = _described(report, present)
    made_from[L.REPORT] = [e.original for e in report.entries]
    for path in _index_files(present):
        if path not in (L.INDEX_STYLE, L.SEARCH_SCRIPT):  # the program's own files, made from nothing
            made_from[path] = [BOOKS, TEXTS] if path.startswith(f"{L.SEARCH_DATA}/") else [BOOKS]
    return {made: sources for made, sources in made_from.items() if sources}


def _saft_made(report: Report, present: set[str]) -> list[str]:
    """The SAF-T files made from the books: one per fiscal year, and the draft of standard accounts
    (the mapping and options the user gave, which the archive keeps beside them, are not made)."""
    years = [f.file for f in report.saft.files] if report.saft else []
    return [p for p in (*years, f"{L.SAFT}/{SAFT_DRAFT}") if p in present]


def _described(report: Report, present: set[str]) -> list[str]:
    """The files the data package is made from: every table's JSONL and the JSON Schema it reads back."""
    named = (f"{L.TABLES}/{t.outputs[k]}" for t in report.tables for k in ("jsonl", "schema") if k in t.outputs)
    return sorted((p for p in named if p in present), key=lambda p: p.encode("utf-8"))


def _index_files(present: set[str]) -> list[str]:
    """The index's files: its two front pages and everything under ``index/``."""
    return sorted((p for p in present if p in (L.FRONT_PAGE, L.FRONT_PAGE_EN) or p.startswith(f"{L.INDEX}/")),
                  key=lambda p: p.encode("utf-8"))


def write_premis(data: Path, report: Report, made: dt.datetime, operator: str | None,
                 files: list[PayloadFile]) -> Path:
    """Write ``data/metadata/preservation/premis.xml`` for the payload ``files``; its path."""
    when = made.isoformat().replace("+00:00", "Z")
    root = etree.Element(f"{{{NS}}}premis", nsmap=_NSMAP, version="3.0")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    present = {f.path for f in files}
    representations = _representations(report, present)
    sources = _sources(report, present)
    known = present | {name for name, members in representations.items() if members}
    objects = (_object_alone(file, [s for s in sources.get(file.path, []) if s in known]) for file in files)
    for name, members in representations.items():
        if members:
            _representation(root, name, members)
    events = _Events(when)
    tool, siegfried = "software-xena2archive", "software-Siegfried"
    org = "organization"
    operator_link = (("operator", "implementer"),) if operator else ()
    backup = report.input
    events.add("ingestion", f"the Xena backup {backup.file} ({backup.kind}, {backup.size} bytes, "
               f"{backup.entries} files, {backup.identifier}), made by Xena {backup.backup_time}, taken into "
               f"this archive by xena2archive {__version__}", "success",
               agents=((tool, "executing program"), (org, "source"), *operator_link),
               note=f"{len(backup.skipped)} file(s) of the folder not followed (links, devices, system files)"
               if backup.skipped else None)
    originals = tuple((e.original, "outcome") for e in report.entries)
    events.add("unpacking", f"every file of {backup.file} written byte for byte under original/, names made "
               "NFC and portable (report.json keeps every original name)", "success",
               agents=((tool, "executing program"),), objects=originals)
    identifier = f"Siegfried {report.software['Siegfried']}"  # with its signature files, as software() has it
    events.add("format identification", f"every file identified by {identifier}: by its content, or for the "
               "archive's own files by the name xena2archive gave it for its format; each object's formatNote "
               "gives the basis", "success", agents=((siegfried, "executing program"),),
               objects=tuple((f.path, "source") for f in files if f.format))
    events.add("message digest calculation", "SHA-256 of every file under data/, as each object's fixity; the "
               "BagIt manifests hold SHA-256 and SHA-512 of the same files", "success",
               agents=((tool, "executing program"),))
    for d in report.documents:
        programs = d.made_with or "no program ran to the end"
        why = " ".join(r.message for r in d.reasons) or None
        outcome = "success" if d.pdfa else f"failure ({d.status}{': ' + d.code if d.code else ''})"
        events.add("normalization", f"PDF/A-2b copy of {d.original} made with {programs}" if d.pdfa else
                   f"no PDF/A copy of {d.original}: the original is kept", outcome,
                   agents=((tool, "executing program"),),
                   objects=((d.original, "source"), *(((d.pdfa, "outcome"),) if d.pdfa else ())), note=why)
        if d.validation:
            events.add("validation", f"{d.validation_profile} by {d.validated_by}", d.validation,
                       agents=(("software-pikepdf", "validator"),),
                       objects=((d.pdfa or d.original, "source"),),
                       note=None if d.pdfa else "the copy that failed was not kept")
        if d.ocr == "ran" and d.pdfa:
            events.add("optical character recognition",
                       f"{d.ocr_engine} ({d.ocr_languages}) read {d.ocr_words} words on {d.ocr_pages} page(s), mean "
                       f"confidence {d.ocr_confidence}; laid as invisible text under the pictures", "success",
                       agents=(("software-Tesseract", "executing program"),), objects=((d.pdfa, "outcome"),),
                       loc=False)
        if d.text:
            reader = f"PDFium (pypdfium2 {report.software.get('pypdfium2', '?')})" if d.pdfa else "xena2archive"
            events.add("creation", f"the text of {d.pdfa or d.original}, read by {reader}, written as UTF-8 text, a "
                       "form feed after each page", "success",
                       agents=((f"software-{'pypdfium2' if d.pdfa else 'xena2archive'}", "executing program"),),
                       objects=((d.pdfa or d.original, "source"), (d.text, "outcome")))
    for table in report.tables:
        outputs = tuple((f"tables/{o}", "outcome") for o in table.outputs.values() if f"tables/{o}" in present)
        inputs = tuple((s, "source") for s in sources.get(f"tables/{table.outputs.get('jsonl', '')}", []))
        if table.table == ARCHIVE_DOCUMENTS:
            events.add("creation", f"the archive's own table of documents ({table.table}) made from what the "
                       f"conversion recorded of each document, written as JSON Lines, JSON Schema and XLSX: "
                       f"{table.rows_written} rows", "success", agents=((tool, "executing program"),),
                       objects=(*inputs, *outputs))
            continue
        events.add("normalization", f"table {table.table} read from {table.source} "
                   f"({table.format}) and written as JSON Lines, JSON Schema and XLSX: {table.rows_written} rows, "
                   f"{table.rejects} rejected, {table.kept_as_text} values kept as text", "success",
                   agents=((tool, "executing program"),), objects=(*inputs, *outputs))
    _made_events(events, report, present, representations)
    _agents(root, report, operator)
    root[:] = [*root.findall(f"{{{NS}}}object"), *events.items, *root.findall(f"{{{NS}}}agent")]
    path = data / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, root, objects)
    return path


def _write(path: Path, root: etree._Element, first: Iterator[bytes]) -> None:
    """``root`` as ``path``, pretty-printed, with the serialized elements ``first`` before its own
    children: every file's object is made, written and dropped one at a time (as a tree, a million
    postings' 8,100 files held about 30 MB), and the bytes are those of the whole tree written at once."""
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    opened = text.index(b">", text.index(b"<premis:premis")) + 2  # the root's start tag and its newline
    with open(path, "wb") as out:
        out.write(text[:opened])
        for part in first:
            out.write(part)
        out.write(text[opened:])


def _object_alone(file: PayloadFile, sources: list[str]) -> bytes:
    """The object of ``file``, made under a root of its own and serialized as it stands in the
    whole document (one level in, the namespaces declared on the root)."""
    holder = etree.Element(f"{{{NS}}}premis", nsmap=_NSMAP)
    _object(holder, file, sources)
    text = etree.tostring(holder, encoding="UTF-8", pretty_print=True)
    return text[text.index(b"\n") + 1:text.rindex(b"</premis:premis>")]


def _made_events(events: _Events, report: Report, present: set[str], representations: dict[str, list[str]]) -> None:
    """The creation of what the conversion made from the books and its own records (the SAF-T files
    and the validation of each against the XSD, the data package, the report, the index)."""
    tool = (("software-xena2archive", "executing program"),)
    books = ((BOOKS, "source"),) if representations[BOOKS] else ()
    texts = ((TEXTS, "source"),) if representations[TEXTS] else ()
    for year in (report.saft.files if report.saft else []):
        if year.file not in present:
            continue
        events.add("creation", f"SAF-T Financial DK {SAFT_VERSION} file of {year.label} ({year.start} to {year.end}) "
                   f"written from the books: {year.transactions} transactions, {year.lines} lines, debit "
                   f"{year.debit}, credit {year.credit}", "success", agents=tool,
                   objects=(*books, (year.file, "outcome")))
        if year.validation:
            lxml, libxml2 = report.software.get("lxml", "?"), report.software.get("libxml2", "?")
            events.add("validation", f"{year.file} against the package's SAF-T Financial DK XSD ({SAFT_XSD}) by lxml "
                       f"{lxml} (libxml2 {libxml2}), as it was written", year.validation,
                       agents=(("software-lxml", "validator"),), objects=((year.file, "source"),),
                       note=None if year.validation == "valid" else "report.json's findings give the schema's error")
    draft = f"{L.SAFT}/{SAFT_DRAFT}"
    if draft in present:
        events.add("creation", f"{draft}: a draft mapping of the accounts to Erhvervsstyrelsen's standard accounts, "
                   "made from the books' chart of accounts for the user to review (the SAF-T files do not use it)",
                   "success", agents=tool, objects=(*books, (draft, "outcome")))
    if L.DATAPACKAGE in present:
        described = tuple((p, "source") for p in _described(report, present))
        events.add("creation", f"{L.DATAPACKAGE}: the tables as a Frictionless Data Package (columns and types from "
                   "each table's JSON Schema, keys, and the references between tables found in the data)", "success",
                   agents=tool, objects=(*described, (L.DATAPACKAGE, "outcome")))
    if L.REPORT in present:
        events.add("creation", f"{L.REPORT}: what the conversion did with every file of the backup "
                   f"({len(report.entries)}), its tables, documents and SAF-T files, and every finding", "success",
                   agents=tool, objects=((L.REPORT, "outcome"),))
    pages = _index_files(present)
    if pages:
        events.add("creation", f"the index: {len(pages)} files (HTML pages in Danish and English, the search "
                   "page's data, its script and style sheet) made from the books and, for the search, the documents' "
                   "texts; its findings pages show what report.json holds",
                   "success", agents=tool, objects=(*books, *texts, *((p, "outcome") for p in pages)))


def _representation(root: etree._Element, name: str, members: list[str]) -> None:
    obj = _el(root, "object")
    obj.set(f"{{{XSI}}}type", "premis:representation")
    identifier = _el(obj, "objectIdentifier")
    _el(identifier, "objectIdentifierType", LOCAL)
    _el(identifier, "objectIdentifierValue", name)
    for member in members:
        relationship = _el(obj, "relationship")
        _el(relationship, "relationshipType", "structural")
        _el(relationship, "relationshipSubType", "includes")
        related = _el(relationship, "relatedObjectIdentifier")
        _el(related, "relatedObjectIdentifierType", PATH)
        _el(related, "relatedObjectIdentifierValue", member)


def _object(root: etree._Element, file: PayloadFile, sources: list[str]) -> None:
    obj = _el(root, "object")
    obj.set(f"{{{XSI}}}type", "premis:file")
    identifier = _el(obj, "objectIdentifier")
    _el(identifier, "objectIdentifierType", PATH)
    _el(identifier, "objectIdentifierValue", file.path)
    characteristics = _el(obj, "objectCharacteristics")
    _el(characteristics, "compositionLevel", "0")
    fixity = _el(characteristics, "fixity")
    _el(fixity, "messageDigestAlgorithm", "SHA-256", authority="cryptographicHashFunctions",
        authorityURI="http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions")
    _el(fixity, "messageDigest", file.sha256)
    _el(fixity, "messageDigestOriginator", "xena2archive")
    _el(characteristics, "size", str(file.size))
    form = _el(characteristics, "format")
    if file.format is None:
        _el(_el(form, "formatDesignation"), "formatName", "unknown")
        _el(form, "formatNote", "no PRONOM signature matches its content" if file.size else "empty file")
    else:
        designation = _el(form, "formatDesignation")
        _el(designation, "formatName", file.format.name)
        if file.format.version:
            _el(designation, "formatVersion", file.format.version)
        registry = _el(form, "formatRegistry")
        _el(registry, "formatRegistryName", "PRONOM")
        _el(registry, "formatRegistryKey", file.format.puid)
        _el(registry, "formatRegistryRole", "identification")
        if file.format.basis:
            _el(form, "formatNote", file.format.basis)
    if file.original_name:
        _el(obj, "originalName", file.original_name)
    for source in sources:
        relationship = _el(obj, "relationship")
        _el(relationship, "relationshipType", "derivation")
        _el(relationship, "relationshipSubType", "has source")
        related = _el(relationship, "relatedObjectIdentifier")
        _el(related, "relatedObjectIdentifierType", _kind_of(source))
        _el(related, "relatedObjectIdentifierValue", source)


def _agents(root: etree._Element, report: Report, operator: str | None) -> None:
    """The company, every piece of software with its version, and the operator where given."""

    def agent(ident: str, name: str, kind: str, version: str | None = None, note: str | None = None) -> None:
        element = _el(root, "agent")
        identifier = _el(element, "agentIdentifier")
        _el(identifier, "agentIdentifierType", LOCAL)
        _el(identifier, "agentIdentifierValue", ident)
        _el(element, "agentName", name)
        _el(element, "agentType", kind, authority="agentType",
            authorityURI="http://id.loc.gov/vocabulary/preservation/agentType")
        if version:
            _el(element, "agentVersion", version)
        if note:
            _el(element, "agentNote", note)

    company = report.company
    agent("organization", company.label, "organization",
          note=f"CVR {company.cvr}, the company whose books the backup holds" if company.cvr else
          "the company whose books the backup holds")
    named = {"xena2archive": __version__, **report.software}
    named.setdefault("pikepdf", "not installed")
    for name, version in named.items():
        agent(f"software-{name}", name, "software", version)
    if operator:
        agent("operator", operator, "person", note="ran the conversion (--operator)")
