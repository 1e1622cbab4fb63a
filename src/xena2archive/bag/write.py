"""The bag stage: turn a folder whose ``data/`` holds the payload into a BagIt 1.0 bag (RFC 8493).

Public API
----------
``write_bag(bag_dir, info, *, workers=2, portable_names=True) -> BagSummary``
    Writes ``bagit.txt``, ``manifest-sha256.txt``, ``manifest-sha512.txt``, ``bag-info.txt``,
    ``tagmanifest-sha256.txt`` and ``tagmanifest-sha512.txt`` beside ``data/``. The payload is not
    touched. Same payload + same ``BagInfo`` -> byte-identical tag files.
``BagInfo``, ``BagSummary``, ``PayloadRefused`` (an ``OutputProblem``).

Checking a bag is ``xena2archive.bag.check``; the name rules are ``xena2archive.bag.names``.

Why we write the manifests ourselves
------------------------------------
``bagit.make_bag`` works with ``os.chdir`` (not thread-safe), hashes with processes, writes BagIt
0.97, and does not percent-encode ``%``. Here every file is read once, in 1 MiB blocks that feed a
sha256 and a sha512 object together; files are hashed in a thread pool (hashlib releases the GIL
while it hashes), and results are sorted by path, so the output does not depend on scheduling.

Percent signs in payload names (the finding behind ``portable_names``)
----------------------------------------------------------------------
RFC 8493 §2.1.3: in a manifest, CR, LF and ``%`` in a file path MUST be written ``%0D``, ``%0A``
and ``%25`` (and nothing else is encoded). We always write that, and our checker decodes it.

bagit-python 1.9 (``bagit.py``: ``_decode_filename``) only turns ``%0D``/``%0A`` back into CR/LF,
never ``%25`` into ``%``. So for a payload file ``data/100% rabat.pdf`` the RFC-correct line
``<hash>  data/100%25 rabat.pdf`` makes bagit-python look for a file literally named
``100%25 rabat.pdf``: ``Bag.validate()`` fails with "missing" + "unexpected file". Writing the
``%`` unencoded, as bagit-python itself does, breaks the RFC and is ambiguous: a file literally
named ``report%25.txt`` would be listed as ``data/report%25.txt``, which every RFC reader decodes
to ``data/report%.txt``. (Known upstream: LibraryOfCongress/bagit-python#157, open; the survey
there found bagit-java, DART and others with the same gap.) No manifest line can satisfy both
readings when the name holds ``%``. bagit-python 1.9 has more quirks of this kind (all verified):

* it reads manifests with ``codecs.open``, whose lines also break at U+0085, U+2028, U+2029, VT,
  FF and U+001C..U+001E, so a name holding one of those is cut in two;
* it decodes at most two ``%0D`` and two ``%0A`` per line and only in upper case (``re.sub`` is
  handed ``re.IGNORECASE`` as its *count*);
* it ``strip()``s each line, so a file name ending in white space loses it.

Options were (a) RFC-correct lines and bags that bagit-python rejects, (b) bagit-python-style lines
that break the RFC and are ambiguous, (c) payload names for which both readings are the same text.
We take (c) by default: with ``portable_names=True`` (the default) ``write_bag`` refuses, with
``PayloadRefused``, a payload path containing ``%``, a control character, U+2028/U+2029, or ending
in white space, so every bag we write is RFC-correct *and* passes ``bagit.Bag.validate()``. The
stage that names payload files should call ``names.portable_name()`` on every name it derives from
the input (it maps ``%`` to U+FF05 FULLWIDTH PERCENT SIGN ``％``, which looks the same to a reader)
and keep the original name in its index. ``portable_names=False`` accepts such names and writes
RFC-correct ``%25``/``%0D``/``%0A``; our checker and RFC-conformant tools accept that bag,
bagit-python 1.9 does not.

Other refusals, whatever ``portable_names`` says: names that are not NFC (RFC 8493 leaves
normalisation open; the README asks for NFC so that a bag copied via macOS still matches its
manifest), names that are not valid UTF-8, symbolic links and special files in the payload, stale
manifests for other algorithms, and ``fetch.txt``.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from xena2archive import __version__
from xena2archive.errors import OutputProblem

from .hashing import hash_files
from .names import breaks_a_line, display, encode_manifest_path, portability_problem
from ..progress import Progress
from .tree import Walk, walk

__all__ = ["ALGORITHMS", "BagInfo", "BagSummary", "PayloadRefused", "write_bag"]

#: Checksum algorithms of every manifest and tag manifest we write, in file-name order.
ALGORITHMS: tuple[str, ...] = ("sha256", "sha512")
BAGIT_VERSION = "1.0"
TAG_ENCODING = "UTF-8"

# Labels we write from BagInfo fields or compute; ``extra`` may not repeat them.
_OWN_LABELS = (
    "Source-Organization",
    "External-Description",
    "External-Identifier",
    "Bagging-Date",
    "Bag-Software-Agent",
    "Payload-Oxum",
    "Bag-Size",
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MANIFEST_NAME = re.compile(r"(tag)?manifest-([A-Za-z0-9]+)\.txt")


def _one_line(value: str) -> str:
    """A tag value on one line: line breaks and other control characters become spaces."""
    return "".join(" " if breaks_a_line(ch) else ch for ch in value).strip()


# --------------------------------------------------------------------------------------------
# Data types


@dataclasses.dataclass(frozen=True)
class BagInfo:
    """What goes into ``bag-info.txt`` besides the computed Payload-Oxum and Bag-Size.

    Values are written on one line: CR, LF, tabs and other control characters become spaces and
    the ends are stripped (long values are not folded; RFC 8493 only recommends 79 columns).
    ``bagging_date`` must come from the input (e.g. the newest entry of the zip), never from the
    clock, so that two runs on one input give byte-identical bags. ``extra`` adds labels after
    ours, in the order given (labels may repeat, e.g. one ``Xena-Fiscal-Period`` per year).
    """

    source_organization: str
    external_description: str
    external_identifier: str
    bagging_date: str | datetime.date
    software_agent: str = f"xena2archive {__version__}"
    extra: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        date = self.bagging_date
        if isinstance(date, datetime.datetime):
            raise ValueError("bagging_date must be a date (YYYY-MM-DD), not a date-time")
        if isinstance(date, datetime.date):
            date = date.isoformat()
        if not isinstance(date, str) or not _DATE.fullmatch(date):
            raise ValueError(f"bagging_date must be YYYY-MM-DD, got {self.bagging_date!r}")
        datetime.date.fromisoformat(date)  # raises ValueError for 2024-02-30
        object.__setattr__(self, "bagging_date", date)
        object.__setattr__(self, "extra", tuple((str(k), str(v)) for k, v in self.extra))
        own = {label.casefold() for label in _OWN_LABELS}
        for label, _value in self.extra:
            if (
                not label
                or label != label.strip()
                or ":" in label
                or any(breaks_a_line(ch) for ch in label)
            ):
                raise ValueError(f"bad bag-info label {label!r}")
            if label.casefold() in own:
                raise ValueError(f"bag-info label {label!r} is written by write_bag itself")
        for label, value in self.labels():
            if not value:
                raise ValueError(f"bag-info value for {label} is empty")

    def labels(self) -> list[tuple[str, str]]:
        """The caller-given labels in file order, values already made single-line."""
        fields = [
            ("Source-Organization", self.source_organization),
            ("External-Description", self.external_description),
            ("External-Identifier", self.external_identifier),
            ("Bagging-Date", str(self.bagging_date)),
            ("Bag-Software-Agent", self.software_agent),
        ]
        return [(label, _one_line(value)) for label, value in [*fields, *self.extra]]


@dataclasses.dataclass(frozen=True)
class BagSummary:
    """What ``write_bag`` wrote."""

    bag_dir: Path
    payload_files: int
    payload_octets: int
    #: ``"<octets>.<files>"`` as in bag-info.txt
    payload_oxum: str
    #: bag-relative tag files listed in the tag manifests (ours and any the caller put there)
    tag_files: tuple[str, ...]
    #: sha256 of tagmanifest-sha256.txt: one value that pins every file of the bag transitively
    fingerprint: str


class PayloadRefused(OutputProblem):
    """``write_bag`` will not bag this folder; ``problems`` names each offending path."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = "\n  ".join(self.problems[:20])
        more = f"\n  ... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(
            f"cannot make a BagIt bag of this folder ({len(self.problems)} problem(s)):\n  "
            f"{shown}{more}"
        )



def _name_problem(relpath: str, portable: bool) -> str | None:
    try:
        relpath.encode("utf-8")
    except UnicodeEncodeError:
        return "name is not valid UTF-8"
    if unicodedata.normalize("NFC", relpath) != relpath:
        return "name is not Unicode NFC (normalise it before bagging)"
    if portable:
        problem = portability_problem(relpath)
        if problem:
            return f"{problem}; rename it with xena2archive.bag.names.portable_name()"
    return None


# --------------------------------------------------------------------------------------------
# Writing


def _manifest_text(digests: Mapping[str, Mapping[str, str]], alg: str) -> bytes:
    lines = [f"{digests[path][alg]}  {encode_manifest_path(path)}\n" for path in sorted(digests)]
    return "".join(lines).encode("utf-8")


def _bag_size(octets: int) -> str:
    value, unit = float(octets), "B"
    for next_unit in ("kB", "MB", "GB", "TB", "PB"):
        if value < 1000:
            break
        value, unit = value / 1000, next_unit
    return f"{octets} B" if unit == "B" else f"{value:.1f} {unit}"


def _write_file(path: Path, data: bytes) -> None:
    """Write via a temporary file, fsync, rename: a tag file is either old or complete."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputProblem(f"cannot write {path}: {exc.strerror or exc}") from exc


def _checked_files(bag_dir: Path, portable_names: bool) -> tuple[Walk, Walk]:
    """The payload and the other files beside ``data/``, their names checked first, so nothing is
    hashed when the folder will be refused (``PayloadRefused`` names every refused path)."""
    payload = walk(bag_dir, "data")
    problems = [f"{display(p)}: {why.phrase}" for p, why in payload.problems]
    for relpath in payload.files:
        why = _name_problem(relpath, portable_names)
        if why:
            problems.append(f"{display(relpath)}: {why}")
    ours = {"bagit.txt", "bag-info.txt"} | {
        f"{kind}manifest-{alg}.txt" for kind in ("", "tag") for alg in ALGORITHMS
    }
    others = walk(bag_dir, "", skip_top=["data", *ours])
    for relpath in others.files:
        if relpath == "fetch.txt" or (_MANIFEST_NAME.fullmatch(relpath) and relpath not in ours):
            problems.append(
                f"{display(relpath)}: remove it (write_bag writes sha256/sha512 "
                "manifests only, and no fetch.txt)"
            )
        elif relpath.startswith(".") and relpath.endswith(".partial") and "/" not in relpath:
            problems.append(f"{display(relpath)}: left over from an interrupted write; remove it")
        else:
            why = _name_problem(relpath, portable_names)
            if why:
                problems.append(f"{display(relpath)}: {why}")
    problems += [f"{display(p)}: {why}" for p, why in others.problems]
    if problems:
        raise PayloadRefused(sorted(problems))
    return payload, others


def _digests(files: dict[str, str], workers: int,
             hashed: Callable[[int], None] | None = None) -> tuple[dict[str, dict[str, str]], int]:
    """Both algorithms' digests of every file (bag-relative path -> absolute path), each file read
    once, and the octets read; ``hashed(n)`` as n more octets are read."""
    results = hash_files(dict.fromkeys(files.values(), ALGORITHMS), workers, _increments(hashed))
    digests: dict[str, dict[str, str]] = {}
    octets = 0
    for relpath, abspath in files.items():
        result = results[abspath]
        if isinstance(result, OSError):
            raise OutputProblem(f"cannot read {relpath}: {result.strerror or result}")
        size, digests[relpath] = result
        octets += size
    return digests, octets


def _increments(advance: Callable[[int], None] | None) -> Callable[[int], None] | None:
    """``hash_files`` tells the octets read so far; a progress counter wants what is new."""
    if advance is None:
        return None
    last = 0

    def told(so_far: int) -> None:
        nonlocal last
        advance(so_far - last)
        last = so_far

    return told


def write_bag(
    bag_dir: Path, info: BagInfo, *, workers: int = 2, portable_names: bool = True, progress: Progress = Progress()
) -> BagSummary:
    """Make ``bag_dir`` (whose ``data/`` already holds the payload) a BagIt 1.0 bag.

    ``workers`` threads hash files in parallel (each file is read once for both algorithms).
    ``portable_names`` (default) refuses payload names that bagit-python 1.9 would misread; see
    the module docstring. Raises ``PayloadRefused`` (an ``OutputProblem``) naming every refused
    path, or ``OutputProblem`` when a file cannot be read or written. Existing tag files of ours
    are replaced; other files beside ``data/`` are kept and listed in the tag manifests.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    bag_dir = Path(bag_dir)
    data_dir = bag_dir / "data"
    if not data_dir.is_dir() or data_dir.is_symlink():
        raise OutputProblem(f"{data_dir} is not a folder: there is no payload to bag")

    payload, others = _checked_files(bag_dir, portable_names)
    with progress.counting("checksums", sum(payload.sizes.values()), "B") as hashed:
        digests, octets = _digests(payload.files, workers, hashed)
    oxum = f"{octets}.{len(digests)}"

    # Tag files, in a fixed order. Manifests first, tag manifests last.
    for alg in ALGORITHMS:
        _write_file(bag_dir / f"manifest-{alg}.txt", _manifest_text(digests, alg))
    _write_file(
        bag_dir / "bagit.txt",
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: {TAG_ENCODING}\n".encode(),
    )
    given = info.labels()
    fixed = len(given) - len(info.extra)
    labels = [*given[:fixed], ("Payload-Oxum", oxum), ("Bag-Size", _bag_size(octets))]
    labels += given[fixed:]
    _write_file(
        bag_dir / "bag-info.txt",
        "".join(f"{label}: {value}\n" for label, value in labels).encode("utf-8"),
    )
    tag_files = sorted(
        {"bagit.txt", "bag-info.txt", *(f"manifest-{alg}.txt" for alg in ALGORITHMS)}
        | set(others.files)
    )
    tag_digests, _ = _digests({t: str(bag_dir / t) for t in tag_files}, workers)
    for alg in ALGORITHMS:
        _write_file(bag_dir / f"tagmanifest-{alg}.txt", _manifest_text(tag_digests, alg))
    fingerprint = hashlib.sha256(_manifest_text(tag_digests, "sha256")).hexdigest()
    return BagSummary(
        bag_dir=bag_dir,
        payload_files=len(digests),
        payload_octets=octets,
        payload_oxum=oxum,
        tag_files=tuple(tag_files),
        fingerprint=fingerprint,
    )


