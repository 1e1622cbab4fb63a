"""BagIt bags: ``write`` makes one (RFC 8493, BagIt 1.0), ``check`` judges any bag.

``names`` holds the file-name rules both share (and that the zip reader uses); ``hashing`` and
``tree`` read the files. This package file imports nothing, so importing ``bag.names`` stays cheap.
"""
