"""The software that made an archive: every library and program whose version can move its bytes.

Recorded in ``report.json`` (``software``) and ``bag-info.txt`` (one ``Software-Version`` line each),
so a reader years later knows what made the archive, and a test that pins an archive's bytes can
say which version moved when they move. Asked once per run, never while converting.

- Python and every runtime dependency of this package, as installed (``requirements.lock`` pins
  them for ``make setup`` and the Docker image);
- the C libraries inside those packages that do the work: libxml2 (lxml), qpdf (pikepdf), libheif
  (pillow-heif), and Siegfried with its PRONOM signature files (pygfried);
- the programs the documents stage runs, when it ran: Ghostscript and LibreOffice, and Tesseract
  unless OCR was off.
"""

from __future__ import annotations

import platform
import re
from email.utils import getaddresses
from importlib import metadata

from . import __version__
from ._exec import ghostscript, libreoffice, tesseract
from ._exec._probe import Probe, ProgramMissing

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _dependencies() -> list[str]:
    """The names of this package's runtime dependencies (the ``test`` extra left out)."""
    try:
        required = metadata.requires("xena2archive") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return []
    names = (_NAME.match(r) for r in required if "extra ==" not in r)
    return sorted({m.group(0) for m in names if m}, key=str.casefold)


def _libraries(siegfried: str) -> dict[str, str]:
    import lxml.etree
    import pikepdf
    import pillow_heif

    return {
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "qpdf": pikepdf.__libqpdf_version__,
        "libheif": str(pillow_heif.libheif_version()),
        "Siegfried": siegfried.removeprefix("Siegfried "),
    }


def _program(probe: Probe) -> str:
    try:
        return probe.locate().version
    except ProgramMissing:
        return "not installed"


def software(*, siegfried: str, documents: bool, ocr: bool = True) -> dict[str, str]:
    """Name -> version of what made the archive; the document programs only if ``documents`` ran,
    Tesseract only if ``ocr`` was on too. ``siegfried``: Siegfried with its signature files, as
    ``documents.pronom.tool`` names them where Siegfried runs."""
    found = {"xena2archive": __version__, "Python": platform.python_version()}
    for name in _dependencies():
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    found.update(_libraries(siegfried))
    if documents:
        found["Ghostscript"] = _program(ghostscript.PROBE)
        found["LibreOffice"] = _program(libreoffice.PROBE)
    if documents and ocr:
        found["Tesseract"] = _program(tesseract.PROBE)
    return found


def publisher() -> str:
    """Who publishes this package, as its metadata names them (pyproject's ``authors``, else its
    ``maintainers``): SAF-T's ``SoftwareCompanyName``; '' when the metadata names no one, or the
    package runs from a source tree that was never installed. Never a name made up here."""
    try:
        found = metadata.metadata("xena2archive")
    except metadata.PackageNotFoundError:
        return ""
    for name, addresses in (("Author", "Author-email"), ("Maintainer", "Maintainer-email")):
        named = (found[name] or "").strip() if name in found else ""
        if named:
            return named
        listed = found[addresses] if addresses in found else ""
        people = [who or address for who, address in getaddresses([listed]) if who or address]
        if people:
            return ", ".join(people)
    return ""


def bag_info_lines(found: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """``Software-Version: <name> <version>`` lines for ``bag-info.txt``, in the record's order."""
    return tuple(("Software-Version", f"{name} {version}") for name, version in found.items())
