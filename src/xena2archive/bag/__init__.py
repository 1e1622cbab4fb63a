"""BagIt bags: ``write`` makes one (RFC 8493, BagIt 1.0), ``check`` judges any bag.

``check`` reads tag files with ``tagfiles`` and says what it finds as ``findings.BagProblem``.
``names`` holds the file-name rules writer and checker share (and that the zip reader uses);
``hashing`` and ``tree`` read the files. This package file imports nothing, so importing
``bag.names`` stays cheap and does not load the writer.
"""
