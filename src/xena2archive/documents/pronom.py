"""Ask Siegfried (through ``pygfried``) what PRONOM says a file is.

Siegfried is the maintained PRONOM identifier used by archives (DROID's signatures, with the
container signatures that tell a .docx from any other ZIP and a .doc from an .msg). It is linked
into the ``pygfried`` extension, with its signature file built in: no network, no external program.

Siegfried also looks at the file name's extension, and falls back on it when no signature
matches. Archives identify by content, so a match that rests on the name alone counts as no
match here (the caller then uses its own content check), and the declared-vs-actual comparison
is the caller's as well.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pygfried

# Siegfried's warnings that mean the match rests on the file name, not the bytes.
_NAME_ONLY: Final = ("match on extension only", "match on filename only", "match on filename and extension only")


@dataclass(frozen=True)
class Match:
    """One PRONOM identification: the id (``fmt/412``), the format's name and version as PRONOM
    spells them, its MIME type, and what the match rests on (Siegfried's "basis")."""

    puid: str
    name: str
    version: str | None
    mime: str | None
    basis: str


@functools.cache
def tool() -> str:
    """Which Siegfried and signature files identify, for the report (e.g. "Siegfried 1.11.9
    (DROID_SignatureFile_V125.xml; container-signature-20260119.xml)")."""
    return f"Siegfried {pygfried.version()} ({_signatures()})"


@functools.cache
def _signatures() -> str:
    # The signature names only come with a detailed result; any small readable file gives one.
    result = pygfried.identify(__file__, detailed=True)
    return "; ".join(i.get("details", "") for i in result.get("identifiers", [])) or "default signatures"


def name(path: Path) -> Match | None:
    """PRONOM's identification of ``path`` by its content or, where no signature matches, by its
    name (``basis`` then says so): for the archive's own files, whose names xena2archive chose for
    their format (a JSON Lines file has no signature). None where neither tells."""
    found = match(path)
    if found is not None:
        return found
    result = pygfried.identify(str(path), detailed=True)
    files = result.get("files") or []
    for candidate in (files[0].get("matches") or []) if files else []:
        puid = candidate.get("id") or ""
        if candidate.get("ns") == "pronom" and puid not in ("", "UNKNOWN"):
            return Match(puid=puid, name=candidate.get("format") or puid, version=candidate.get("version") or None,
                         mime=(candidate.get("mime") or "").split(",")[0].strip() or None,
                         basis="; ".join(b for b in (candidate.get("basis"), candidate.get("warning")) if b))
    return None


def match(path: Path) -> Match | None:
    """PRONOM's identification of ``path`` by its content, or None if no signature matches the
    bytes (unknown, or known only by its name). ``path`` must not be empty (Siegfried refuses).

    Raises OSError if the file cannot be read.
    """
    try:
        result = pygfried.identify(str(path), detailed=True)
    except pygfried.GoError as error:  # Siegfried's own read errors
        raise OSError(f"Siegfried could not read the file: {error}") from error
    files = result.get("files") or []
    for found in (files[0].get("matches") or []) if files else []:
        puid = found.get("id") or ""
        warning = found.get("warning") or ""
        if found.get("ns") != "pronom" or puid in ("", "UNKNOWN") or any(w in warning for w in _NAME_ONLY):
            continue
        return Match(
            puid=puid,
            name=found.get("format") or puid,
            version=found.get("version") or None,
            mime=(found.get("mime") or "").split(",")[0].strip() or None,
            basis=found.get("basis") or "",
        )
    return None
