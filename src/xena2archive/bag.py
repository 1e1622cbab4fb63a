"""The bag stage: turn a folder whose ``data/`` holds the payload into a BagIt bag (RFC 8493).

Public API
----------
``write_bag(bag_dir, info, *, workers=2, portable_names=True) -> BagSummary``
    Writes ``bagit.txt``, ``manifest-sha256.txt``, ``manifest-sha512.txt``, ``bag-info.txt``,
    ``tagmanifest-sha256.txt`` and ``tagmanifest-sha512.txt`` beside ``data/``. The payload is not
    touched. Same payload + same ``BagInfo`` -> byte-identical tag files.
``check_bag(bag_dir, *, workers=2, require=("sha256", "sha512")) -> list[BagProblem]``
    Our own RFC 8493 verification (it does not use bagit-python). Empty list = the bag is valid.
``BagInfo``, ``BagSummary``, ``BagProblem``, ``PayloadRefused`` (an ``OutputProblem``).
``portable_name(name)`` / ``portability_problem(path)``
    For the stage that names payload files: make / test a name that every BagIt tool reads alike.
``encode_manifest_path`` / ``decode_manifest_path``: RFC 8493 §2.1.3 path encoding.

Why we write the manifests ourselves
------------------------------------
``bagit.make_bag`` works with ``os.chdir`` (not thread-safe), hashes with processes, and does not
percent-encode ``%``. Here every file is read once, in 1 MiB blocks that feed a sha256 and a sha512
object together; files are hashed in a thread pool (hashlib releases the GIL while it hashes), and
results are sorted by path, so the output does not depend on scheduling.

Percent signs in payload names (the finding behind ``portable_names``)
----------------------------------------------------------------------
RFC 8493 §2.1.3: in a manifest, CR, LF and ``%`` in a file path MUST be written ``%0D``, ``%0A``
and ``%25`` (and nothing else is encoded). We always write that, and ``check_bag`` decodes it.

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
stage that names payload files should call ``portable_name()`` on every name it derives from the
input (it maps ``%`` to U+FF05 FULLWIDTH PERCENT SIGN ``％``, which looks the same to a reader)
and keep the original name in its index. ``portable_names=False`` accepts such names and writes
RFC-correct ``%25``/``%0D``/``%0A``; ``check_bag`` and RFC-conformant tools accept that bag,
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
import stat
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from xena2archive import __version__
from xena2archive.errors import OutputProblem

__all__ = [
    "ALGORITHMS",
    "BagInfo",
    "BagProblem",
    "BagSummary",
    "PayloadRefused",
    "check_bag",
    "decode_manifest_path",
    "encode_manifest_path",
    "portability_problem",
    "portable_name",
    "write_bag",
]

#: Checksum algorithms of every manifest and tag manifest we write, in file-name order.
ALGORITHMS: tuple[str, ...] = ("sha256", "sha512")
BAGIT_VERSION = "1.0"
TAG_ENCODING = "UTF-8"
#: Read size for hashing. 1 MiB measured best here (256 KiB: -7 %, 16 MiB: -4 %).
BUFFER_SIZE = 1 << 20

ProblemKind = Literal["missing", "extra", "checksum", "oxum", "format"]

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
_LINE_END = re.compile(r"\r\n|\r|\n")
_MANIFEST_LINE = re.compile(r"([0-9A-Fa-f]+)[ \t]+(.+)")
_MANIFEST_NAME = re.compile(r"(tag)?manifest-([A-Za-z0-9]+)\.txt")


# --------------------------------------------------------------------------------------------
# Names and their encoding in manifests


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


def _breaks_a_line(ch: str) -> bool:
    # Cc covers CR, LF, TAB, VT, FF, U+001C..U+001E and U+0085 (NEL); Zl/Zp are U+2028/U+2029.
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def portability_problem(path: str) -> str | None:
    """Why BagIt tools other than RFC-exact ones would misread this payload path, or ``None``.

    ``path`` is bag-relative (``data/...``) or a single name. See the module docstring. All control
    characters are refused, although bagit-python 1.9 copes with a tab or up to two CRs or LFs:
    one simple rule, and Windows cannot store any of them in a file name either.
    """
    if "%" in path:
        return (
            "contains '%': RFC 8493 makes it '%25' in the manifest, which bagit-python 1.9 "
            "does not decode"
        )
    bad = sorted({f"U+{ord(ch):04X}" for ch in path if _breaks_a_line(ch)})
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
    name = "".join("_" if _breaks_a_line(ch) else ch for ch in name).rstrip()
    return unicodedata.normalize("NFC", name) or "_"


def _one_line(value: str) -> str:
    """A tag value on one line: line breaks and other control characters become spaces."""
    return "".join(" " if _breaks_a_line(ch) else ch for ch in value).strip()


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
                or any(_breaks_a_line(ch) for ch in label)
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


@dataclasses.dataclass(frozen=True, order=True)
class BagProblem:
    """One thing wrong with a bag. ``path`` is bag-relative with ``/`` (decoded, as on disk)."""

    path: str
    kind: ProblemKind
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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


# --------------------------------------------------------------------------------------------
# Hashing


def _hash_file(path: str, algorithms: Sequence[str]) -> tuple[int, dict[str, str]]:
    """Read ``path`` once, feeding every algorithm; return (octets read, {alg: hexdigest})."""
    hashers = [hashlib.new(alg) for alg in algorithms]
    buf = bytearray(BUFFER_SIZE)
    view = memoryview(buf)
    octets = 0
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            chunk = view if n == BUFFER_SIZE else view[:n]
            for h in hashers:
                h.update(chunk)
            octets += n
    return octets, {alg: h.hexdigest() for alg, h in zip(algorithms, hashers, strict=True)}


def _hash_all(
    jobs: Mapping[str, Sequence[str]], workers: int
) -> dict[str, tuple[int, dict[str, str]] | OSError]:
    """Hash many files in a thread pool: {path: algorithms} -> {path: result or the OSError}."""

    def one(path: str) -> tuple[int, dict[str, str]] | OSError:
        try:
            return _hash_file(path, jobs[path])
        except OSError as exc:
            return exc

    paths = sorted(jobs)
    if workers <= 1 or len(paths) <= 1:
        return {p: one(p) for p in paths}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bag-hash") as pool:
        return dict(zip(paths, pool.map(one, paths), strict=True))


# --------------------------------------------------------------------------------------------
# Walking the bag


@dataclasses.dataclass
class _Walk:
    files: dict[str, str]  # bag-relative path -> absolute path (regular files only)
    sizes: dict[str, int]
    problems: list[tuple[str, str]]  # (bag-relative path, what is wrong)


def _walk(root: Path, rel: str, skip_top: Iterable[str] = ()) -> _Walk:
    """List regular files under ``root/rel`` without following symbolic links."""
    out = _Walk({}, {}, [])
    skip = set(skip_top)
    stack = [rel]
    while stack:
        here = stack.pop()
        try:
            entries = list(os.scandir(root / here if here else root))
        except OSError as exc:
            out.problems.append((here or ".", f"cannot be listed ({exc.strerror})"))
            continue
        for entry in entries:
            relpath = f"{here}/{entry.name}" if here else entry.name
            if not here and entry.name in skip:
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                out.problems.append((relpath, f"cannot be read ({exc.strerror})"))
                continue
            if stat.S_ISLNK(mode):
                out.problems.append((relpath, "is a symbolic link"))
            elif stat.S_ISDIR(mode):
                stack.append(relpath)
            elif stat.S_ISREG(mode):
                out.files[relpath] = entry.path
                out.sizes[relpath] = entry.stat(follow_symlinks=False).st_size
            else:
                out.problems.append((relpath, "is not a regular file (device, pipe or socket)"))
    return out


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
            return f"{problem}; rename it with xena2archive.bag.portable_name()"
    return None


def _display(relpath: str) -> str:
    """A path for a message, with control characters and undecodable bytes made visible."""
    return "".join(
        ascii(ch)[1:-1] if _breaks_a_line(ch) or "\udc80" <= ch <= "\udcff" else ch
        for ch in relpath
    )


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


def write_bag(
    bag_dir: Path, info: BagInfo, *, workers: int = 2, portable_names: bool = True
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

    # 1. The payload: names first, so nothing is hashed when the folder will be refused.
    payload = _walk(bag_dir, "data")
    problems = [f"{_display(p)}: {why}" for p, why in payload.problems]
    for relpath in payload.files:
        why = _name_problem(relpath, portable_names)
        if why:
            problems.append(f"{_display(relpath)}: {why}")
    ours = {"bagit.txt", "bag-info.txt"} | {
        f"{kind}manifest-{alg}.txt" for kind in ("", "tag") for alg in ALGORITHMS
    }
    others = _walk(bag_dir, "", skip_top=["data", *ours])
    for relpath in others.files:
        if relpath == "fetch.txt" or (_MANIFEST_NAME.fullmatch(relpath) and relpath not in ours):
            problems.append(
                f"{_display(relpath)}: remove it (write_bag writes sha256/sha512 "
                "manifests only, and no fetch.txt)"
            )
        elif relpath.startswith(".") and relpath.endswith(".partial") and "/" not in relpath:
            problems.append(f"{_display(relpath)}: left over from an interrupted write; remove it")
        else:
            why = _name_problem(relpath, portable_names)
            if why:
                problems.append(f"{_display(relpath)}: {why}")
    problems += [f"{_display(p)}: {why}" for p, why in others.problems]
    if problems:
        raise PayloadRefused(sorted(problems))

    # 2. Hash the payload, once per file for both algorithms.
    results = _hash_all({p: ALGORITHMS for p in payload.files.values()}, workers)
    digests: dict[str, dict[str, str]] = {}
    octets = 0
    for relpath, abspath in payload.files.items():
        result = results[abspath]
        if isinstance(result, OSError):
            raise OutputProblem(f"cannot read {relpath}: {result.strerror or result}")
        size, digests[relpath] = result
        octets += size
    oxum = f"{octets}.{len(digests)}"

    # 3. Tag files, in a fixed order. Manifests first, tag manifests last.
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
    tag_results = _hash_all({str(bag_dir / t): ALGORITHMS for t in tag_files}, workers)
    tag_digests: dict[str, dict[str, str]] = {}
    for relpath in tag_files:
        result = tag_results[str(bag_dir / relpath)]
        if isinstance(result, OSError):
            raise OutputProblem(f"cannot read {relpath}: {result.strerror or result}")
        tag_digests[relpath] = result[1]
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


# --------------------------------------------------------------------------------------------
# Checking


def _text_lines(
    path: Path, relpath: str, problems: list[BagProblem]
) -> list[tuple[int, str]] | None:
    """Lines (numbered from 1) of a UTF-8 tag file; CR, LF and CRLF all end a line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(BagProblem(relpath, "missing", f"cannot be read ({exc.strerror})"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(BagProblem(relpath, "format", "starts with a byte-order mark"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            BagProblem(relpath, "format", f"is not UTF-8 ({exc.reason} at byte {exc.start})")
        )
        return None
    if text and not text.endswith(("\n", "\r")):
        problems.append(BagProblem(relpath, "format", "last line has no line ending"))
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return list(enumerate(lines, start=1))


def _check_bagit_txt(bag_dir: Path, problems: list[BagProblem]) -> None:
    path = bag_dir / "bagit.txt"
    if not path.is_file():
        problems.append(BagProblem("bagit.txt", "missing", "bagit.txt is missing: not a bag"))
        return
    lines = _text_lines(path, "bagit.txt", problems)
    if lines is None:
        return
    got = [line for _, line in lines]
    if len(got) != 2:
        problems.append(BagProblem("bagit.txt", "format", f"has {len(got)} lines, not 2"))
    if got and got[0] != f"BagIt-Version: {BAGIT_VERSION}":
        problems.append(
            BagProblem(
                "bagit.txt", "format", f"line 1 is {got[0]!r}, not 'BagIt-Version: {BAGIT_VERSION}'"
            )
        )
    encoding = re.fullmatch(r"Tag-File-Character-Encoding: (.+)", got[1]) if got[1:] else None
    if not encoding or encoding.group(1).upper() != TAG_ENCODING:
        problems.append(
            BagProblem(
                "bagit.txt",
                "format",
                f"line 2 must be 'Tag-File-Character-Encoding: {TAG_ENCODING}'",
            )
        )


def _parse_bag_info(bag_dir: Path, problems: list[BagProblem]) -> list[tuple[str, str]] | None:
    path = bag_dir / "bag-info.txt"
    if not path.is_file():
        return None
    lines = _text_lines(path, "bag-info.txt", problems)
    if lines is None:
        return None
    tags: list[tuple[str, str]] = []
    for number, line in lines:
        if line[:1] in (" ", "\t"):
            if not tags:
                problems.append(
                    BagProblem(
                        "bag-info.txt", "format", f"line {number}: continuation without a label"
                    )
                )
            else:
                label, value = tags[-1]
                tags[-1] = (label, f"{value} {line.strip()}")
            continue
        match = re.fullmatch(r"([^:\s][^:]*):[ \t](.*)", line)
        if not match:
            problems.append(
                BagProblem(
                    "bag-info.txt", "format", f"line {number} is not 'Label: value': {line!r}"
                )
            )
            continue
        tags.append((match.group(1).strip(), match.group(2).strip()))
    return tags


def _read_manifest(
    bag_dir: Path, name: str, alg: str, payload: bool, problems: list[BagProblem]
) -> dict[str, str]:
    """Entries {decoded bag-relative path: lower-case hex digest} of one (tag) manifest."""
    entries: dict[str, str] = {}
    lines = _text_lines(bag_dir / name, name, problems)
    if lines is None:
        return entries
    width = hashlib.new(alg).digest_size * 2
    for number, line in lines:
        where = f"line {number}"
        match = _MANIFEST_LINE.fullmatch(line)
        if not match:
            problems.append(
                BagProblem(name, "format", f"{where} is not '<checksum> <path>': {line!r}")
            )
            continue
        digest, encoded = match.groups()
        if len(digest) != width:
            problems.append(
                BagProblem(
                    name,
                    "format",
                    f"{where}: {alg} checksum has {len(digest)} hex digits, not {width}",
                )
            )
            continue
        try:
            relpath = decode_manifest_path(encoded)
        except ValueError as exc:
            relpath = encoded  # read it literally, as pre-1.0 baggers meant it
            problems.append(
                BagProblem(
                    name, "format", f"{where}: path {encoded!r} is not RFC 8493 encoded: {exc}"
                )
            )
        parts = relpath.split("/")
        if any(part in ("", ".", "..") for part in parts) or "\0" in relpath:
            problems.append(BagProblem(name, "format", f"{where}: unsafe path {relpath!r}"))
            continue
        if payload and (parts[0] != "data" or len(parts) < 2):
            problems.append(BagProblem(name, "format", f"{where}: {relpath!r} is outside data/"))
            continue
        if not payload and parts[0] == "data":
            problems.append(
                BagProblem(
                    name, "format", f"{where}: a tag manifest lists payload file {relpath!r}"
                )
            )
            continue
        if relpath in entries:
            problems.append(BagProblem(name, "format", f"{where}: {relpath!r} is listed twice"))
            continue
        entries[relpath] = digest.lower()
    return entries


def check_bag(
    bag_dir: Path, *, workers: int = 2, require: Sequence[str] = ALGORITHMS
) -> list[BagProblem]:
    """Verify a bag against RFC 8493 without bagit-python. Returns the problems, sorted.

    Checks ``bagit.txt``; every line of every (tag) manifest (format, path encoding, no path
    outside the bag); that every listed file exists and has the listed checksum for *every*
    algorithm (each file is read once, for all algorithms that list it); that every payload file
    is in every payload manifest and every tag file in every tag manifest ("extra"); the
    Payload-Oxum; and that a manifest and a tag manifest exist for each algorithm in ``require``
    (pass ``()`` for bags made elsewhere). Symbolic links are reported, never followed. A name
    that matches a file only after NFC normalisation counts as that file, with a "format" problem.
    """
    bag_dir = Path(bag_dir)
    problems: list[BagProblem] = []
    if not bag_dir.is_dir():
        return [BagProblem(".", "missing", f"{bag_dir} is not a folder")]
    _check_bagit_txt(bag_dir, problems)
    data_dir = bag_dir / "data"
    if data_dir.is_symlink() or not data_dir.is_dir():
        problems.append(BagProblem("data", "missing", "the payload folder data/ is missing"))

    # What is on disk.
    root_names = sorted(os.listdir(bag_dir))
    manifest_files = [n for n in root_names if _MANIFEST_NAME.fullmatch(n)]
    disk_payload = (
        _walk(bag_dir, "data")
        if data_dir.is_dir() and not data_dir.is_symlink()
        else _Walk({}, {}, [])
    )
    disk_tags = _walk(bag_dir, "", skip_top=["data"])
    for relpath in list(disk_tags.files):
        if relpath.startswith("tagmanifest-") and "/" not in relpath:
            del disk_tags.files[relpath]  # tag manifests do not list themselves
    for relpath, why in [*disk_payload.problems, *disk_tags.problems]:
        problems.append(BagProblem(relpath, "format", why))
    if "fetch.txt" in disk_tags.files:
        problems.append(
            BagProblem("fetch.txt", "format", "fetch.txt (files to download) is not supported")
        )

    # What the manifests say.
    payload_manifests: dict[str, dict[str, str]] = {}
    tag_manifests: dict[str, dict[str, str]] = {}
    for name in manifest_files:
        match = _MANIFEST_NAME.fullmatch(name)
        assert match
        is_tag, alg = bool(match.group(1)), match.group(2).lower()
        if alg not in hashlib.algorithms_available:
            problems.append(BagProblem(name, "format", f"unknown checksum algorithm {alg!r}"))
            continue
        target = tag_manifests if is_tag else payload_manifests
        target[name] = _read_manifest(bag_dir, name, alg, not is_tag, problems)
    if not payload_manifests:
        problems.append(
            BagProblem("manifest-sha256.txt", "missing", "the bag has no payload manifest")
        )
    for alg in require:
        for kind in ("", "tag"):
            name = f"{kind}manifest-{alg}.txt"
            if name not in manifest_files:
                problems.append(BagProblem(name, "missing", f"{name} is missing"))

    # Match manifest entries to files on disk.
    jobs: dict[str, list[str]] = {}  # absolute path -> algorithms
    expected: dict[str, list[tuple[str, str, str]]] = {}  # abs -> [(alg, digest, relpath)]
    for manifests, disk in ((payload_manifests, disk_payload), (tag_manifests, disk_tags)):
        nfc = {unicodedata.normalize("NFC", p): p for p in disk.files}
        listed: dict[str, list[str]] = {}  # disk relpath -> manifests listing it
        missing: dict[str, list[str]] = {}
        for name, entries in manifests.items():
            alg = _MANIFEST_NAME.fullmatch(name).group(2).lower()  # type: ignore[union-attr]
            for relpath, digest in entries.items():
                on_disk = (
                    relpath
                    if relpath in disk.files
                    else nfc.get(unicodedata.normalize("NFC", relpath))
                )
                if on_disk is None:
                    missing.setdefault(relpath, []).append(name)
                    continue
                if on_disk != relpath:
                    problems.append(
                        BagProblem(
                            on_disk,
                            "format",
                            f"{name} lists it in another Unicode normalisation ({relpath!r})",
                        )
                    )
                listed.setdefault(on_disk, []).append(name)
                abspath = disk.files[on_disk]
                if alg not in jobs.setdefault(abspath, []):
                    jobs[abspath].append(alg)
                expected.setdefault(abspath, []).append((alg, digest, on_disk))
        for relpath, names in missing.items():
            problems.append(
                BagProblem(
                    relpath, "missing", f"listed in {', '.join(sorted(names))} but not in the bag"
                )
            )
        for relpath in disk.files:
            absent = sorted(set(manifests) - set(listed.get(relpath, [])))
            if absent:
                problems.append(BagProblem(relpath, "extra", f"not listed in {', '.join(absent)}"))

    # Checksums: each file read once for every algorithm that lists it.
    results = _hash_all(jobs, workers)
    for abspath, wants in expected.items():
        result = results[abspath]
        relpath = wants[0][2]
        if isinstance(result, OSError):
            problems.append(
                BagProblem(relpath, "checksum", f"cannot be read to verify it ({result.strerror})")
            )
            continue
        wrong = [
            f"{alg} is {result[1][alg]}, manifest says {digest}"
            for alg, digest, _ in sorted(wants)
            if result[1][alg] != digest
        ]
        if wrong:
            problems.append(BagProblem(relpath, "checksum", "content changed: " + "; ".join(wrong)))

    # Payload-Oxum.
    _check_oxum(_parse_bag_info(bag_dir, problems), disk_payload, problems)
    return sorted(set(problems))


def _check_oxum(tags: list[tuple[str, str]] | None, disk_payload: _Walk, problems: list[BagProblem]) -> None:
    """Payload-Oxum (octets and file count) against the payload on disk."""
    oxums = [value for label, value in tags or [] if label.casefold() == "payload-oxum"]
    if len(oxums) > 1:
        problems.append(
            BagProblem("bag-info.txt", "format", "Payload-Oxum is given more than once")
        )
    if oxums:
        match = re.fullmatch(r"(\d+)\.(\d+)", oxums[0])
        if not match:
            problems.append(
                BagProblem(
                    "bag-info.txt", "format", f"Payload-Oxum {oxums[0]!r} is not '<octets>.<files>'"
                )
            )
        else:
            octets, count = int(match.group(1)), int(match.group(2))
            real_octets, real_count = sum(disk_payload.sizes.values()), len(disk_payload.files)
            if (octets, count) != (real_octets, real_count):
                problems.append(
                    BagProblem(
                        "bag-info.txt",
                        "oxum",
                        f"Payload-Oxum says {octets} octets in {count} files; data/ holds "
                        f"{real_octets} octets in {real_count} files",
                    )
                )


def read_bag_info(bag_dir: Path) -> dict[str, str]:
    """The labels of ``bag-info.txt`` (first value of a repeated label); empty if there is none."""
    labels: dict[str, str] = {}
    for label, value in _parse_bag_info(Path(bag_dir), []) or []:
        labels.setdefault(label, value)
    return labels


def check_complete(bag_dir: Path) -> list[BagProblem]:
    """The cheap part of :func:`check_bag`: ``bagit.txt``, and the Payload-Oxum against the files
    on disk (their number and octets). No file is read, so content changed in place goes unseen:
    this is what a resumed batch may trust instead of a full verification, never an auditor."""
    bag_dir = Path(bag_dir)
    problems: list[BagProblem] = []
    _check_bagit_txt(bag_dir, problems)
    disk_payload = _walk(bag_dir, "data") if (bag_dir / "data").is_dir() else _Walk({}, {}, [])
    problems.extend(BagProblem(relpath, "format", why) for relpath, why in disk_payload.problems)
    tags = _parse_bag_info(bag_dir, problems)
    if not any(label.casefold() == "payload-oxum" for label, _ in tags or []):
        problems.append(BagProblem("bag-info.txt", "missing", "no Payload-Oxum to check the payload against"))
    _check_oxum(tags, disk_payload, problems)
    return sorted(set(problems))
