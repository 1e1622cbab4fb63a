"""xena2archive: a Xena "Lokal kopi" backup zip in, an archival BagIt bag out."""

__version__ = "0.1.0"
