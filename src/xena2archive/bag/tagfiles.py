"""Reading a bag's text tag files: ``bagit.txt`` (version, encoding), lines, ``bag-info.txt``.

RFC 8493 §2.3: text tag files are lines ended by LF, CR or CRLF, in the encoding ``bagit.txt``
declares (``bagit.txt`` itself is UTF-8). A UTF-8 byte-order mark is forbidden in ``bagit.txt``
from 0.97 on and in the other tag files in 1.0; an encoding that needs one (UTF-16) has it.
Every reason goes to the ``Findings`` of the bag being judged, with the file and line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .. import findings as F
from .findings import Findings

__all__ = ["SUPPORTED_VERSIONS", "TagFiles"]

#: BagIt versions whose rules we know.
SUPPORTED_VERSIONS = ((0, 93), (0, 94), (0, 95), (0, 96), (0, 97), (1, 0))

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(r"\r\n|\r|\n")
_DECLARATION = ("BagIt-Version", "Tag-File-Character-Encoding")
_LABEL_V1 = r"([^:\s](?:[^:]*[^:\s])?)"  # no colon, no white space at either end (§2.2.2)


class TagFiles:
    """The tag files of the bag at ``root``; ``declaration()`` first, which sets the encoding."""

    def __init__(self, root: Path, found: Findings) -> None:
        self.root = root
        self.found = found
        self.encoding = "utf-8"

    def declaration(self) -> None:
        """Read bagit.txt: sets ``found.version`` and ``self.encoding`` (1.0 and UTF-8 if unsure)."""
        found = self.found
        try:
            raw = (self.root / "bagit.txt").read_bytes()
        except OSError as exc:
            found.error("bagit.txt", 0, "unreadable", F.BAG_CANNOT_READ("bagit.txt", error=exc.strerror))
            return
        bom = raw.startswith(_BOM)
        try:
            text = raw[3 if bom else 0 :].decode("utf-8")
        except UnicodeDecodeError as exc:
            found.error("bagit.txt", 0, "format", F.BAG_NOT_ENCODED("bagit.txt", encoding="UTF-8", error=exc.reason,
                                                                      byte=exc.start))
            return
        lines = _split(text)
        tags: dict[str, tuple[int, str]] = {}
        for number, line in enumerate(lines, start=1):
            match = re.fullmatch(r"[ \t]*([^:]*?)[ \t]*:[ \t]*(.*?)[ \t]*", line)
            if match and match.group(1) in _DECLARATION:
                tags.setdefault(match.group(1), (number, match.group(2)))
            else:
                found.error("bagit.txt", number, "format", F.BAG_DECLARATION_LINE("bagit.txt", line=line))
        self._version(tags.get("BagIt-Version"))
        if bom:
            found.per_version((0, 97), "bagit.txt", 1, F.BAG_BOM_DECLARATION("bagit.txt"))
        self._encoding(tags.get("Tag-File-Character-Encoding"))
        if found.v1:
            for number, (line, label) in enumerate(zip(lines, _DECLARATION, strict=False), start=1):
                if not line.startswith(f"{label}: ") or line != line.strip() or "  " in line:
                    found.error("bagit.txt", number, "format",
                                F.BAG_DECLARATION_SPACING("bagit.txt", label=label, line=line))
        if len(lines) != 2:
            found.error("bagit.txt", 0, "format", F.BAG_DECLARATION_LINES("bagit.txt", count=len(lines)))

    def _version(self, tag: tuple[int, str] | None) -> None:
        found = self.found
        if tag is None:
            found.error("bagit.txt", 0, "format", F.BAG_NO_VERSION("bagit.txt"))
            return
        number, value = tag
        match = re.fullmatch(r"(\d+)\.(\d+)", value)
        if match is None:
            found.error("bagit.txt", number, "format", F.BAG_VERSION_FORM("bagit.txt", value=value))
            return
        version = (int(match.group(1)), int(match.group(2)))
        if version not in SUPPORTED_VERSIONS:
            found.error("bagit.txt", number, "format", F.BAG_VERSION_UNKNOWN("bagit.txt", value=value))
            return
        found.version = version

    def _encoding(self, tag: tuple[int, str] | None) -> None:
        if tag is None:
            self.found.error("bagit.txt", 0, "format", F.BAG_NO_ENCODING("bagit.txt"))
            return
        try:
            self.encoding = codecs.lookup(tag[1]).name
        except LookupError:
            self.found.error("bagit.txt", tag[0], "format", F.BAG_ENCODING_UNKNOWN("bagit.txt", value=tag[1]))

    def lines(self, relpath: str) -> Iterator[tuple[int, str]]:
        """The lines of a tag file in the declared encoding, numbered from 1.

        Streams ASCII-compatible encodings line by line (a manifest may be large); a line that does
        not decode is reported and skipped. A UTF-8 BOM is reported as the version says, and skipped.
        """
        found, encoding = self.found, self.encoding
        try:
            handle = open(self.root / relpath, "rb")
        except OSError as exc:
            found.error(relpath, 0, "unreadable", F.BAG_CANNOT_READ(relpath, error=exc.strerror))
            return
        with handle:
            if not all(c.encode(encoding) == c.encode("ascii") for c in "\n\ra:"):  # UTF-16, -32
                try:
                    text = handle.read().decode(encoding)
                except UnicodeDecodeError as exc:
                    found.error(relpath, 0, "format",
                                F.BAG_NOT_ENCODED(relpath, encoding=encoding, error=exc.reason, byte=exc.start))
                    return
                yield from enumerate(_split(text.removeprefix("\ufeff")), start=1)
                return
            for number, raw in enumerate(_binary_lines(handle), start=1):
                if number == 1 and raw.startswith(_BOM) and encoding == "utf-8":
                    found.per_version((1, 0), relpath, 1, F.BAG_BOM_TAG(relpath))
                    raw = raw[3:]
                try:
                    yield number, raw.decode(encoding)
                except UnicodeDecodeError as exc:
                    found.error(relpath, number, "format", F.BAG_LINE_NOT_ENCODED(
                        relpath, encoding=encoding, error=exc.reason, byte=exc.start + 1))

    def bag_info(self) -> tuple[str, list[tuple[str, str, int]]] | None:
        """(file name, [(label, value, line)]) of bag-info.txt (package-info.txt before 0.96).

        1.0: ``Label: value``, one space or tab after the colon (§2.2.2); before 1.0 white space
        around the colon is accepted, as §2.2.2 asks. Indented lines continue the value before.
        """
        found = self.found
        name = "package-info.txt" if found.version < (0, 96) else "bag-info.txt"
        if not (self.root / name).is_file():
            return None
        tags: list[tuple[str, str, int]] = []
        for number, line in self.lines(name):
            if not line.strip():
                found.warn(name, number, "format", F.BAG_LINE_EMPTY(name))
                continue
            if line[0] in " \t":
                if not tags:
                    found.error(name, number, "format", F.BAG_CONTINUATION(name))
                else:
                    label, value, first = tags[-1]
                    tags[-1] = (label, f"{value} {line.strip()}", first)
                continue
            if found.v1:
                bare = re.fullmatch(f"{_LABEL_V1}:", line)
                if bare:
                    found.warn(name, number, "format", F.BAG_LABEL_EMPTY(name, label=bare.group(1)))
                    tags.append((bare.group(1), "", number))
                    continue
                match = re.fullmatch(f"{_LABEL_V1}:[ \t](.*)", line)
            else:
                match = re.fullmatch(r"[ \t]*([^:]*?)[ \t]*:[ \t]*(.*)", line)
            if not match or not match.group(1):
                found.error(name, number, "format", F.BAG_INFO_LINE(name, line=line))
                continue
            tags.append((match.group(1), match.group(2).strip(), number))
        return name, tags


def _split(text: str) -> list[str]:
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _binary_lines(handle: BinaryIO) -> Iterator[bytes]:
    """Lines of a binary file without their endings; LF, CRLF and a lone CR each end a line."""
    for raw in handle:
        raw = raw.removesuffix(b"\n").removesuffix(b"\r")
        yield from raw.split(b"\r")
