"""The standard exports of the books: readers of the archive's own tables and records, never of the
backup, so each can be made again from an archive years later.

- ``saft``: SAF-T Financial DK, one file per fiscal year (``xena2archive saft`` writes them again);
- ``datapackage``: the tables as a Frictionless Data Package, with the foreign keys the data holds
  (``relations``).
"""
