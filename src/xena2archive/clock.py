"""When the archive is made: the one place the conversion asks the clock (a leaf).

BagIt defines ``Bagging-Date`` as the day the bag was made, and PREMIS dates each event, so the
archive carries the day it was made; the backup's own time stays recorded as the backup's. For
reproducible output the reproducible-builds convention applies: with ``SOURCE_DATE_EPOCH`` set
(whole seconds since 1970-01-01 UTC) that time is used instead of the clock, so two runs on one
input give byte-identical bags. Times are UTC, to the second.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from .errors import UsageError

VARIABLE = "SOURCE_DATE_EPOCH"


def archive_time(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The time the archive is made: ``SOURCE_DATE_EPOCH`` when it is set, else now (UTC, whole
    seconds). A value that is not a whole number of seconds in the years 1970-9999 is refused
    (``UsageError``, exit 2), as the convention asks, rather than silently replaced by the clock."""
    given = environ.get(VARIABLE)
    if given is None or given == "":
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if not given.isascii() or not given.isdigit():
        raise UsageError(f"{VARIABLE} must be whole seconds since 1970-01-01 UTC, not {given!r}")
    try:
        return dt.datetime.fromtimestamp(int(given), dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise UsageError(f"{VARIABLE} {given} is past the year 9999") from None
