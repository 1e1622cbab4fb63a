"""The external programs xena2archive runs (Ghostscript, LibreOffice, Chromium), each behind a
module of its own that finds it (``_probe``) apart from running it in a box (``_box``): an
argument list, a process group of its own, limits, a deadline, and death with its parent."""
