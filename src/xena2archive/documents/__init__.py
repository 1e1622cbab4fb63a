"""Documents stage: every uploaded or generated document gets a validated PDF/A-2b copy, or a
clear reason why not. The original is always kept by the caller.

    from xena2archive.documents.convert import convert

    result = convert(DocumentJob(original=path, target=out, name="bilag 17.pdf"))
    results = convert_all(jobs, workers=4)   # same order as jobs
    with DocumentPool(workers=4) as pool:    # or: workers started ahead of the jobs
        results = pool.convert_all(jobs)

The package itself holds only the records (``model``): importing any of its modules runs this
file first, and the converters bring pikepdf, OCRmyPDF, WeasyPrint and Pillow (a second, 60 MB),
which the command line's start, ``verify`` and the index's workers have no use for.

Statuses: ``converted`` (copy at ``result.pdfa``, validated), ``not-converted`` (the input is the
reason: empty, encrypted, signed, corrupt, ...), ``failed`` (the tools could not make a valid
copy). ``result.code`` says why in one word (``CODES`` lists them all, with their status and
meaning); ``result.reasons`` says it in sentences, and for converted documents notes what a reader
should know (owner password dropped, damage repaired, annotations removed). ``result.removed``
names the active content (JavaScript, OpenAction, EmbeddedFiles...) the original had and the copy
does not. Every result carries PRONOM's identification (``pronom``, ``format_name``,
``format_version``, ``identified_by``: Siegfried, or our own check where it is silent). An
e-mail's ``result.attachments`` are the files it carried, written to ``job.attachments`` for the
caller to convert as documents of their own.
"""

from xena2archive.documents.model import (
    CODES,
    CONVERTED,
    FAILED,
    NOT_CONVERTED,
    STATUSES,
    Attachment,
    DocumentJob,
    DocumentResult,
    Identity,
    Limits,
)

__all__ = [
    "CODES",
    "CONVERTED",
    "FAILED",
    "NOT_CONVERTED",
    "STATUSES",
    "Attachment",
    "DocumentJob",
    "DocumentResult",
    "Identity",
    "Limits",
]
