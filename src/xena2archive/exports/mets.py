"""The archive's METS document, ``data/METS.xml``: the payload as an E-ARK information package
(Common Specification for Information Packages, CSIP 2.1, with the E-ARK SIP profile).

It ties the files to their preservation metadata: the header names the software that made the
package (CSIP's creator agent) and the company whose books it holds (the SIP profile's archival
creator, ``ARCHIVIST``, with its CVR number as identification code); the administrative section
refers to ``metadata/preservation/premis.xml`` (PREMIS 3) with its size and checksum; the file
section lists every file of the payload with its size, SHA-256, MIME type and date, in groups by
part of the archive; the structural map (CSIP's) gives the parts: Metadata, Documentation (the index and the
report), Schemas (the tables' JSON Schemas) and Representations (the originals, the tables, the
documents, the SAF-T files).

The archive's layout stays as it is (the index links to it); CSIP's folder names are SHOULDs, and
the README says which are not followed and why. ``verify`` checks every checksum here against the
file (``archivecheck``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from .. import __version__
from .. import layout as L
from ..report import Report
from .premis import NAME as PREMIS, Names, PayloadFile, sha256_of, payload_files, write_premis

NS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = ("http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd "
                   "http://www.w3.org/1999/xlink http://www.loc.gov/standards/mets/xlink.xsd "
                   "https://DILCIS.eu/XML/METS/CSIPExtensionMETS https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd")
_NSMAP = {"mets": NS, "csip": CSIP, "sip": SIP, "xlink": XLINK, "xsi": XSI}
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
NAME = "METS.xml"
CHECKSUM_TYPE = "SHA-256"

# the file groups, in order: (USE, the test of a path under data/ that puts it in the group)
GROUPS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("Documentation", lambda p: p in (L.FRONT_PAGE, L.FRONT_PAGE_EN, L.REPORT) or p.startswith(f"{L.INDEX}/")),
    ("Schemas", lambda p: p.startswith(f"{L.TABLES}/") and p.endswith(".schema.json")),
    ("Representations/original", lambda p: p.startswith(f"{L.ORIGINAL}/")),
    ("Representations/tables", lambda p: p.startswith(f"{L.TABLES}/") or p == L.DATAPACKAGE),
    ("Representations/documents", lambda p: p.startswith((f"{L.DOCUMENTS}/", f"{L.TEXT}/"))),
    ("Representations/saft", lambda p: p.startswith(f"{L.SAFT}/")),
    ("Representations/other", lambda p: True),
)


def _el(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def write_mets(data: Path, identifier: str, company: str, cvr: str | None, made: dt.datetime,
               files: list[PayloadFile], premis: PayloadFile) -> Path:
    """Write ``data/METS.xml`` for the payload ``files`` and the PREMIS file ``premis``; its path.
    ``identifier`` names the package (the backup's External-Identifier), ``company`` whose it is
    (``cvr``: its CVR number, when the books hold one)."""
    when = made.isoformat().replace("+00:00", "Z")
    root = etree.Element(f"{{{NS}}}mets", nsmap=_NSMAP)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("OBJID", identifier)
    root.set("LABEL", f"Xena: {company}")
    root.set("TYPE", "Mixed")
    root.set(f"{{{CSIP}}}CONTENTINFORMATIONTYPE", "OTHER")
    root.set(f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE", "xena2archive")
    root.set("PROFILE", PROFILE)
    header = _el(root, "metsHdr", CREATEDATE=when, LASTMODDATE=when, RECORDSTATUS="NEW")
    header.set(f"{{{CSIP}}}OAISPACKAGETYPE", "SIP")
    creator = _el(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _el(creator, "name", "xena2archive")
    _el(creator, "note", __version__).set(f"{{{CSIP}}}NOTETYPE", "SOFTWARE VERSION")
    # the E-ARK SIP's archival creator (SIP9-SIP14): the company, whose books these are, identified by its CVR
    owner = _el(header, "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    _el(owner, "name", company)
    if cvr:
        _el(owner, "note", f"CVR:{cvr}").set(f"{{{CSIP}}}NOTETYPE", "IDENTIFICATIONCODE")
    amd = _el(root, "amdSec", ID="amd")
    digiprov = _el(amd, "digiprovMD", ID="premis", STATUS="CURRENT", CREATED=when)
    reference = _el(digiprov, "mdRef", LOCTYPE="URL", MDTYPE="PREMIS", MIMETYPE="application/xml",
                    SIZE=str(premis.size), CREATED=when, CHECKSUM=premis.sha256, CHECKSUMTYPE=CHECKSUM_TYPE)
    reference.set(f"{{{XLINK}}}type", "simple")
    reference.set(f"{{{XLINK}}}href", PREMIS)
    section = _el(root, "fileSec", ID="files")
    grouped: dict[str, list[PayloadFile]] = {use: [] for use, _ in GROUPS}
    for file in files:
        use = next(use for use, belongs in GROUPS if belongs(file.path))
        grouped[use].append(file)
    group_ids: dict[str, str] = {}
    for use, members in grouped.items():
        if not members and not use.startswith(("Documentation", "Schemas")):
            continue
        group_ids[use] = f"group-{use.lower().replace('/', '-')}"
        group = _group(section, group_ids[use], use)
        if members:
            group.append(etree.Comment(use))  # where its files go (``_write``)
    structure = _el(root, "structMap", ID="structure", TYPE="PHYSICAL", LABEL="CSIP")
    package = _el(structure, "div", ID="package", LABEL=identifier)
    _el(package, "div", ID="part-metadata", LABEL="Metadata", ADMID="premis")
    for label in ("Documentation", "Schemas"):
        part = _el(package, "div", ID=f"part-{label.lower()}", LABEL=label)
        _el(part, "fptr", FILEID=group_ids[label])
    representations = _el(package, "div", ID="part-representations", LABEL="Representations")
    for use, ident in group_ids.items():
        if use.startswith("Representations"):
            _el(representations, "fptr", FILEID=ident)
    path = data / NAME
    _write(path, root, [(use, members) for use, members in grouped.items() if members], when)
    return path


def _group(section: etree._Element, ident: str, use: str) -> etree._Element:
    group = _el(section, "fileGrp", ID=ident, USE=use)
    group.set(f"{{{CSIP}}}CONTENTINFORMATIONTYPE", "OTHER")
    group.set(f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE", "xena2archive")
    return group


def _write(path: Path, root: etree._Element, groups: list[tuple[str, list[PayloadFile]]], when: str) -> None:
    """``root`` as ``path``, pretty-printed, each group's files written where its marker stands, made,
    written and dropped one at a time: as a tree, a million postings' 8,100 files held about 20 MB.
    The bytes are those of the whole tree written at once. Files are numbered in the groups' order."""
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    number = 0
    at = 0
    with open(path, "wb") as out:
        for use, members in groups:
            marker = f"      <!--{use}-->\n".encode()
            cut = text.index(marker, at)
            out.write(text[at:cut])
            for file in members:
                number += 1
                out.write(_file_alone(number, file, when))
            at = cut + len(marker)
        out.write(text[at:])


def _file_alone(number: int, file: PayloadFile, when: str) -> bytes:
    """The file section's entry of ``file``, made in a group of its own and serialized as it stands
    in the whole document (three levels in, the namespaces declared on the root)."""
    holder = etree.Element(f"{{{NS}}}mets", nsmap=_NSMAP)
    group = _el(_el(holder, "fileSec"), "fileGrp")
    entry = _el(group, "file", ID=f"file-{number}", MIMETYPE=file.mime, SIZE=str(file.size), CREATED=when,
                CHECKSUM=file.sha256, CHECKSUMTYPE=CHECKSUM_TYPE)
    location = _el(entry, "FLocat", LOCTYPE="URL")
    location.set(f"{{{XLINK}}}type", "simple")
    location.set(f"{{{XLINK}}}href", file.path)
    text = etree.tostring(holder, encoding="UTF-8", pretty_print=True)
    start = text.index(b"<mets:fileGrp>\n") + len(b"<mets:fileGrp>\n")
    return text[start:text.rindex(b"    </mets:fileGrp>")]


def package_files(data: Path, report: Report, names: Names, workers: int = 1) -> list[PayloadFile]:
    """The files of the payload ``data`` as PREMIS and METS describe them (from the finished report;
    they leave themselves out). ``names``: Siegfried's identification of files
    (``documents.pronom.names``), ``workers`` at a time."""
    return payload_files(data, report, leave_out=(PREMIS, NAME), names=names, workers=workers)


def write_package(data: Path, report: Report, made: dt.datetime, operator: str | None,
                  files: list[PayloadFile]) -> None:
    """Make the payload ``data`` an E-ARK package: PREMIS of every file of ``files``
    (``package_files``), then the METS that refers to it and lists every file."""
    written = write_premis(data, report, made, operator, files)
    premis = PayloadFile(PREMIS, written.stat().st_size, sha256_of(written), None)
    write_mets(data, report.input.identifier, report.company.label, report.company.cvr, made, files, premis)
