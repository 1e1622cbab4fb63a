"""The standards an archive follows, each with where it applies: one list for ``bag-info.txt``
(``Metadata-Standard`` lines), the read-me files at the top of the bag and the index's front page.

A leaf (standard library only). The formats of the files are here with their PRONOM ids, as
Siegfried identifies the archive's own files (a test identifies them again and compares).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Standard:
    """One standard: its name and version, the files it applies to (relative to the bag, ``*`` for
    many), what they are in Danish and English, and the PRONOM id of their format where it has one.
    ``name_da`` is the name as a Danish text writes it, where that differs (``named``)."""

    name: str
    where: str
    da: str
    en: str
    pronom: str | None = None
    metadata: bool = False  # a metadata standard (named in bag-info.txt), else a file format
    name_da: str = ""

    def named(self, lang: str) -> str:
        """The name in a text of ``lang`` ("da" or "en"); bag-info.txt uses ``name``."""
        return self.name_da or self.name if lang == "da" else self.name


STANDARDS: tuple[Standard, ...] = (
    Standard("BagIt 1.0 (RFC 8493)", "bagit.txt, bag-info.txt, manifest-*.txt, tagmanifest-*.txt",
             "pakken: kontrolsummer (SHA-256 og SHA-512) af hver fil", "the package: checksums (SHA-256 and SHA-512) "
             "of every file", metadata=True),
    Standard("METS 1.12 with the E-ARK CSIP 2.1 and SIP profiles", "data/METS.xml",
             "pakkens indhold: hver fil med kontrolsum, opdelt i arkivets dele", "the package: every file with its "
             "checksum, by the archive's parts", "fmt/101", metadata=True,
             name_da="METS 1.12 med E-ARK-profilerne CSIP 2.1 og SIP"),
    Standard("PREMIS 3.0", "data/metadata/preservation/premis.xml",
             "bevaringsmetadata: hver fil, dens format og hvad der er gjort ved den", "preservation metadata: every "
             "file, its format and what was done to it", "fmt/101", metadata=True),
    Standard("Frictionless Data Package v2", "data/datapackage.json",
             "tabellerne: filer, kontrolsummer, kolonner, nøgler og relationer",
             "the tables: files, checksums, fields, keys and relations", "fmt/817", metadata=True),
    Standard("JSON Schema draft 2020-12", "data/tables/*.schema.json",
             "hver tabels kolonner og typer", "each table's columns and types", "fmt/817", metadata=True),
    Standard("SAF-T Financial DK", "data/saft/*.xml", "bogføringen pr. regnskabsår (XML 1.0)",
             "the books per fiscal year (XML 1.0)", "fmt/101", metadata=True),
    Standard("JSON Lines (RFC 8259), UTF-8", "data/tables/*.jsonl",
             "tabellernes rækker", "the tables' rows", "fmt/2054"),
    Standard("Office Open XML, ISO/IEC 29500 (XLSX)", "data/tables/*.xlsx",
             "tabellerne som regneark", "the tables as workbooks", "fmt/214"),
    Standard("PDF/A-2b, ISO 19005-2", "data/documents/", "dokumenterne som PDF/A",
             "the documents as PDF/A", "fmt/477"),
    Standard("UTF-8 (RFC 3629)", "data/text/, LÆSMIG.txt, README.txt, manifest-*.txt",
             "dokumenternes tekst, vejledningen og kontrolsummerne", "the documents' text, the read-me and the "
             "checksums", "x-fmt/111"),
    Standard("HTML 5", "data/index.html, data/index.en.html, data/index/", "oversigten (åbnes i en browser)",
             "the index (opened in a browser)", "fmt/471"),
    Standard("JSON (RFC 8259)", "data/report.json", "rapporten over konverteringen",
             "the report of the conversion", "fmt/817"),
)


def metadata_standards() -> list[Standard]:
    """The metadata standards, in the list's order."""
    return [s for s in STANDARDS if s.metadata]
