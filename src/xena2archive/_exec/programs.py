"""The external programs one worker owns, passed to each conversion it runs.

A worker (``documents/pool.py``) keeps a Ghostscript process from document to document
(``ghostscript.Reuse``) and a LibreOffice profile of its own (``libreoffice.Office``). They live
in this object, made and ended by the worker, instead of in module globals: a conversion uses
what it is given, and one without it runs each program on its own.
"""

from __future__ import annotations

from xena2archive._exec import ghostscript, libreoffice


class Programs:
    """A worker's Ghostscript session and LibreOffice profile. Use as a context manager: both
    are ended (the process stopped, the profile removed) when the block is left."""

    def __init__(self) -> None:
        self.ghostscript = ghostscript.Reuse()
        self.office = libreoffice.Office()

    def __enter__(self) -> Programs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.ghostscript.end()
        finally:
            self.office.close()
