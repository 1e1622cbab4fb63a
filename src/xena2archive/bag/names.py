"""File names in a bag: the RFC 8493 manifest encoding, and names every BagIt tool reads alike.

A leaf module (standard library only), shared by the bag writer, the bag checker and the stage
that names payload files (``source.py``), so that none of them imports another for a name rule.

RFC 8493 §2.1.3: in a manifest (and ``fetch.txt``), CR, LF and ``%`` in a file path MUST be written
``%0D``, ``%0A`` and ``%25``, and nothing else is encoded. bagit-python 1.9 (``_decode_filename``)
only turns ``%0D``/``%0A`` back, never ``%25``; it also reads manifests with ``codecs.open``, whose
lines break at U+0085, U+2028, U+2029, VT, FF and U+001C..U+001E, and ``strip()``s every line. So a
name with ``%``, a control or line-separator character, or trailing white space cannot be listed in
a way both bagit-python and the RFC read as the same file (LibraryOfCongress/bagit-python#157).
``portable_name`` makes such a name one that both read alike; the writer's module docstring says
why we write those names rather than RFC lines that bagit-python misreads.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "breaks_a_line",
    "decode_manifest_path",
    "display",
    "encode_manifest_path",
    "portability_problem",
    "portable_name",
]


def encode_manifest_path(path: str) -> str:
    """Encode a bag-relative path for a manifest line (RFC 8493 §2.1.3): ``%``, CR, LF only."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_manifest_path(encoded: str) -> str:
    """Decode a manifest path in one left-to-right pass (so ``%250A`` is ``%0A``, not LF).

    Hex digits may be either case (RFC 3986). Raises ``ValueError`` for a ``%`` that does not start
    ``%25``, ``%0D`` or ``%0A``: such a line was not written by an RFC 8493 (1.0) bagger.
    """
    if "%" not in encoded:
        return encoded
    out: list[str] = []
    start = 0
    while (at := encoded.find("%", start)) >= 0:
        out.append(encoded[start:at])
        code = encoded[at + 1 : at + 3].upper()
        if code == "25":
            out.append("%")
        elif code == "0D":
            out.append("\r")
        elif code == "0A":
            out.append("\n")
        else:
            raise ValueError(
                f"'%{encoded[at + 1 : at + 3]}' at offset {at} is not one of %25, %0D, %0A"
            )
        start = at + 3
    out.append(encoded[start:])
    return "".join(out)


def breaks_a_line(ch: str) -> bool:
    """True for characters some reader takes for a line end (and other control characters)."""
    # Cc covers CR, LF, TAB, VT, FF, U+001C..U+001E and U+0085 (NEL); Zl/Zp are U+2028/U+2029.
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def portability_problem(path: str) -> str | None:
    """Why BagIt tools other than RFC-exact ones would misread this payload path, or ``None``.

    ``path`` is bag-relative (``data/...``) or a single name. All control characters are refused,
    although bagit-python 1.9 copes with a tab or up to two CRs or LFs: one simple rule, and
    Windows cannot store any of them in a file name either.
    """
    if "%" in path:
        return (
            "contains '%': RFC 8493 makes it '%25' in the manifest, which bagit-python 1.9 "
            "does not decode"
        )
    bad = sorted({f"U+{ord(ch):04X}" for ch in path if breaks_a_line(ch)})
    if bad:
        return f"contains control or line-separator characters ({', '.join(bad)})"
    if path and path[-1].isspace():
        return "ends in white space, which bagit-python strips from manifest lines"
    return None


def portable_name(name: str) -> str:
    """Return ``name`` (one path component) in a form every BagIt tool reads the same way.

    NFC; ``%`` becomes U+FF05 ``％``; control and line-separator characters become ``_``; trailing
    white space is dropped. Collisions between names are for the caller to resolve (and it should
    keep the original name in its index). ``portability_problem(portable_name(x))`` is ``None``.
    """
    name = unicodedata.normalize("NFC", name)
    name = name.replace("%", "\uff05")
    name = "".join("_" if breaks_a_line(ch) else ch for ch in name).rstrip()
    return unicodedata.normalize("NFC", name) or "_"


def display(relpath: str) -> str:
    """A path for a message, with control characters and undecodable bytes made visible."""
    return "".join(
        ascii(ch)[1:-1] if breaks_a_line(ch) or "\udc80" <= ch <= "\udcff" else ch
        for ch in relpath
    )
