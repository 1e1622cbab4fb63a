"""Judge any BagIt bag by RFC 8493 (BagIt 1.0) and the drafts before it (0.93-0.97).

``check_bag(bag_dir, *, workers=2, progress=None) -> BagReport``: never raises for a damaged bag;
every reason is a ``BagProblem`` naming the file (bag-relative) and, where it is about a line, the
line. Errors make the bag invalid; warnings are said but do not (things the texts only recommend,
or that tools commonly write and the RFC tells readers to accept with a warning).

What is checked, and where the versions differ
----------------------------------------------
* ``bagit.txt``: UTF-8, exactly two lines, ``BagIt-Version: M.N`` then
  ``Tag-File-Character-Encoding: ENC``. A byte-order mark is an error from 0.97 on (RFC 8493
  §2.1.1; the Library of Congress conformance suite holds 0.97 bags to it too), a warning
  before. 1.0 requires exactly one space after each colon and no other white space; older
  versions are read leniently (RFC 8493 §2.2.2 asks readers of pre-1.0 bags to accept white
  space around the colon).
* Every other tag file is read in the declared encoding (UTF-16 tag files are fine, with their
  BOM). A UTF-8 BOM on them is an error in 1.0 (§2.3), a warning before.
* Every manifest present (``manifest-<alg>.txt``, ``tagmanifest-<alg>.txt``; md5, sha1, the sha2
  and sha3 families, blake2): lines ``<hex checksum><one or more spaces or tabs><path>``, the
  checksum as long as the algorithm's, no white space before it (error in 1.0, warning before);
  every listed file present and matching; no path outside the bag or (payload manifests) outside
  ``data/``; no path listed twice. A ``./`` before a path is accepted (0.97 bags have it); an
  md5sum-style ``*`` before it is accepted with a warning (RFC 8493 on legacy checksum
  tools). Paths end where the line ends: white space at the end belongs to the name.
* Path encoding: in 1.0 ``%25``, ``%0A``, ``%0D`` (either case) are decoded, and any other ``%``
  is an error (read literally). Before 1.0 names are literal (0.97 bags list ``%7Etest.txt`` for a
  file of that name); ``%0A``/``%0D`` are decoded only when the literal name is not there, as
  bagit-python writes them that way.
* Completeness: every payload file in every payload manifest (1.0), or in at least one (before
  1.0, RFC 8493 §3). A file in no manifest is an error in every version. Tag manifests must not
  list payload files, nor (1.0) other tag manifests, and in 1.0 must list every payload manifest.
  A tag file in no tag manifest is a warning (the RFC says SHOULD). A file found only under another
  Unicode normalisation of its listed name counts, with a warning (as RFC 8493 recommends).
* ``fetch.txt``: each line ``url length path``, the URL absolute, the length digits or ``-``, the
  path in ``data/`` and in every payload manifest. Nothing is ever downloaded: a listed file that is
  not in ``data/`` is reported as not checked (a warning), never as missing.
* ``Payload-Oxum`` in ``bag-info.txt`` (``package-info.txt`` before 0.96): at most once,
  ``<octets>.<files>``, matching ``data/``.
* A bag inside ``data/`` is payload like any other file.

Every file is read once, for all the algorithms that list it, by a pool of threads. Tag files
are read by ``tagfiles``; the reasons are ``findings.BagProblem``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .. import findings as F
from ..findings import Finding
from .findings import BagProblem, Findings
from .hashing import hash_files
from .names import decode_manifest_path, display
from .tagfiles import SUPPORTED_VERSIONS, TagFiles
from .tree import Walk, walk

__all__ = ["SUPPORTED_VERSIONS", "BagProblem", "BagReport", "check_bag"]

#: Normalised algorithm name in a manifest's file name (RFC 8493 §2.4) -> hashlib name.
ALGORITHMS = {
    "md5": "md5",
    "sha1": "sha1",
    "sha224": "sha224",
    "sha256": "sha256",
    "sha384": "sha384",
    "sha512": "sha512",
    "sha3224": "sha3_224",
    "sha3256": "sha3_256",
    "sha3384": "sha3_384",
    "sha3512": "sha3_512",
    "blake2b512": "blake2b",
    "blake2s256": "blake2s",
}
_DIGEST_HEX = {name: hashlib.new(h).digest_size * 2 for name, h in ALGORITHMS.items()}

_UNREADABLE = {F.BAG_CANNOT_LIST.code, F.BAG_CANNOT_READ.code}  # the walk's problems that are no format error
_MANIFEST_NAME = re.compile(r"(tag)?manifest-([a-z0-9]+)\.txt")
_MANIFEST_LINE = re.compile(r"([0-9A-Fa-f]+)[ \t]+(.*)")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


@dataclasses.dataclass
class BagReport:
    """What ``check_bag`` found. ``is_bag`` is False when the folder is no bag at all."""

    path: Path
    is_bag: bool
    version: str | None = None
    encoding: str | None = None
    algorithms: tuple[str, ...] = ()  # of the payload manifests that were checked
    payload_files: int = 0
    payload_octets: int = 0
    not_fetched: int = 0  # listed in fetch.txt, not in data/, so not checked
    problems: list[BagProblem] = dataclasses.field(default_factory=list)

    @property
    def errors(self) -> list[BagProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[BagProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        return self.is_bag and not self.errors


@dataclasses.dataclass(frozen=True)
class _Listed:
    manifest: str
    line: int
    digest: str  # lower case


def check_bag(
    bag_dir: Path,
    *,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> BagReport:
    """Judge the folder ``bag_dir`` as a BagIt bag. ``progress(done, total)`` counts octets hashed."""
    return _Judge(Path(bag_dir), workers, progress).run()


class _Judge(Findings):
    """One run of the checks; holds what is found on the way."""

    def __init__(
        self, root: Path, workers: int, progress: Callable[[int, int], None] | None
    ) -> None:
        super().__init__()
        self.root = root
        self.workers = max(1, workers)
        self.progress = progress
        self.report = BagReport(root, is_bag=True)
        self.tags = TagFiles(root, self)

    # ---------------------------------------------------------------------------------------
    # The run

    def run(self) -> BagReport:
        self.judge()
        self.report.problems = sorted(set(self.problems), key=_order)
        return self.report

    def judge(self) -> None:
        """Every check in turn; what is found goes to ``self.problems`` and ``self.report``.

        Long on purpose: the checks in the order RFC 8493 gives them (bagit.txt, manifests,
        completeness, fetch.txt, Payload-Oxum, tag manifests), each a few lines, read as one list."""
        report = self.report
        if not self.root.is_dir():
            report.is_bag = False
            kind = F.BAG_ROOT_MISSING if not self.root.exists() else F.BAG_ROOT_FILE
            self.error(".", 0, "missing", kind(".", root=str(self.root)))
            return
        try:
            names = {entry.name for entry in self.root.iterdir()}
        except OSError as exc:
            report.is_bag = False
            self.error(".", 0, "unreadable", F.BAG_ROOT_UNREADABLE(".", root=str(self.root), error=exc.strerror))
            return
        has_manifest = any(_MANIFEST_NAME.fullmatch(n) for n in names)
        if "bagit.txt" not in names:
            if "data" not in names and not has_manifest:
                report.is_bag = False
                self.error(".", 0, "missing", F.BAG_NOT_A_BAG(".", root=str(self.root)))
                return
            self.error("bagit.txt", 0, "missing", F.BAG_DECLARATION_MISSING("bagit.txt"))
        else:
            self.tags.declaration()
        report.version = f"{self.version[0]}.{self.version[1]}"
        report.encoding = self.tags.encoding

        data = self.root / "data"
        if data.is_symlink() or not data.is_dir():
            self.error("data", 0, "missing", F.BAG_PAYLOAD_MISSING("data"))
            payload = Walk({}, {}, [])
        else:
            payload = walk(self.root, "data")
        outside = walk(self.root, "", skip_top=["data"])
        for relpath, why in [*payload.problems, *outside.problems]:
            self.error(relpath, 0, "unreadable" if why.code in _UNREADABLE else "format", why)
        tag_manifests = {p for p in outside.files if "/" not in p and p.startswith("tagmanifest-")}
        tag_files = {p: a for p, a in outside.files.items() if p not in tag_manifests}
        report.payload_files = len(payload.files)
        report.payload_octets = sum(payload.sizes.values())

        fetch = self.fetch_file(payload.files) if "fetch.txt" in outside.files else {}

        manifests: dict[str, dict[str, _Listed]] = {}  # manifest name -> {disk or listed path: entry}
        for name in sorted(n for n in names if _MANIFEST_NAME.fullmatch(n)):
            is_tag, alg = _MANIFEST_NAME.fullmatch(name).groups()  # type: ignore[union-attr]
            if alg not in ALGORITHMS:
                self.warn(name, 0, "format", F.BAG_ALGORITHM_UNKNOWN(name, algorithm=alg))
                continue
            disk = tag_files if is_tag else payload.files
            manifests[name] = self.manifest(name, alg, disk, payload=not is_tag)
        payload_manifests = {n: e for n, e in manifests.items() if n.startswith("manifest-")}
        tag_manifest_entries = {n: e for n, e in manifests.items() if n.startswith("tagmanifest-")}
        report.algorithms = tuple(sorted(_MANIFEST_NAME.fullmatch(n).group(2)  # type: ignore[union-attr]
                                         for n in payload_manifests))
        if not payload_manifests:
            self.error(".", 0, "missing", F.BAG_NO_MANIFEST("."))

        self.completeness(payload_manifests, payload, fetch)
        self.tag_completeness(tag_manifest_entries, tag_files, payload_manifests)
        for name in payload_manifests:
            for path, (line, _url) in fetch.items():
                if path not in payload_manifests[name]:
                    self.error("fetch.txt", line, "fetch", F.BAG_FETCH_NOT_LISTED("fetch.txt", path=display(path),
                                                                                  manifest=name))
        self.checksums(manifests, {**payload.files, **tag_files}, {**payload.sizes, **outside.sizes})
        holes = sorted(p for p in fetch if p not in payload.files)
        report.not_fetched = len(holes)
        if fetch:
            self.warn("fetch.txt", 0, "fetch", _fetch_note(len(fetch), holes))
        self.payload_oxum(report.payload_octets, report.payload_files, bool(holes))

    # ---------------------------------------------------------------------------------------
    # Payload-Oxum, manifests and fetch.txt

    def payload_oxum(self, octets: int, files: int, holes: bool) -> None:
        info = self.tags.bag_info()
        if info is None:
            return
        name, labels = info
        oxums = [(value, line) for label, value, line in labels if label.casefold() == "payload-oxum"]
        if len(oxums) > 1:
            self.error(name, oxums[1][1], "format", F.BAG_OXUM_TWICE(name))
        if not oxums:
            return
        value, line = oxums[0]
        match = re.fullmatch(r"(\d+)\.(\d+)", value)
        if not match:
            self.error(name, line, "format", F.BAG_OXUM_FORM(name, value=value))
        elif holes:
            return  # files still to be fetched: the sum cannot be compared (said with fetch.txt)
        elif (int(match.group(1)), int(match.group(2))) != (octets, files):
            said = F.BAG_OXUM_DIFFERS(name, octets=int(match.group(1)), files=int(match.group(2)), held_octets=octets,
                                      held_files=files)
            self.error(name, line, "oxum", said)

    def path(self, encoded: str, relpath: str, number: int, exists: Callable[[str], bool]) -> str | None:
        """A manifest or fetch.txt path as a bag-relative name, or None (reported) if unsafe."""
        while encoded.startswith("./"):
            encoded = encoded[2:]
        if self.v1:
            try:
                name = decode_manifest_path(encoded)
            except ValueError as exc:
                self.error(relpath, number, "format", F.BAG_PATH_ENCODING(relpath, path=encoded, error=str(exc)))
                name = encoded
        else:
            name = encoded
            if not exists(name) and re.search(r"%0[AaDd]", name):
                name = re.sub(r"%0[Aa]", "\n", re.sub(r"%0[Dd]", "\r", name))
        parts = name.split("/")
        if name.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\0" in name:
            self.error(relpath, number, "format", F.BAG_PATH_UNSAFE(relpath, path=name))
            return None
        return name

    def manifest(self, name: str, alg: str, disk: dict[str, str], *, payload: bool) -> dict[str, _Listed]:
        """The entries of one (tag) manifest, keyed by the file on disk they name (or the name).

        Long on purpose: one pass over the manifest's lines with every line-format rule of the
        version (separator, digest width, path form, duplicates) where the line is read."""
        width = _DIGEST_HEX[alg]
        entries: dict[str, _Listed] = {}
        nfc: dict[str, str] | None = None
        for number, line in self.tags.lines(name):
            if not line.strip():
                self.warn(name, number, "format", F.BAG_LINE_EMPTY(name))
                continue
            if line[0] in " \t":
                self.per_version((1, 0), name, number, F.BAG_LINE_INDENTED(name))
                line = line.lstrip(" \t")
            match = _MANIFEST_LINE.fullmatch(line)
            if not match or not match.group(2):
                self.error(name, number, "format", F.BAG_LINE_FORM(name, form="'<checksum> <path>'", line=line))
                continue
            digest, encoded = match.groups()
            if len(digest) != width:
                self.error(name, number, "format",
                           F.BAG_DIGEST_WIDTH(name, algorithm=alg, digits=len(digest), width=width))
                continue
            if encoded.startswith("*") and (encoded[1:].lstrip("./").startswith("data/") if payload
                                            else encoded[1:] in disk and encoded not in disk):
                self.warn(name, number, "format", F.BAG_BINARY_MARK(name))
                encoded = encoded[1:]
            relpath = self.path(encoded, name, number, lambda p: p in disk)
            if relpath is None:
                continue
            top = relpath.split("/", 1)[0]
            if payload and (top != "data" or "/" not in relpath):
                self.error(name, number, "format", F.BAG_PAYLOAD_OUTSIDE(name, path=relpath))
                continue
            if not payload and top == "data":
                self.error(name, number, "format", F.BAG_TAG_LISTS_PAYLOAD(name, path=relpath))
                continue
            if not payload and "/" not in relpath and relpath.startswith("tagmanifest-"):
                self.per_version((1, 0), name, number, F.BAG_TAG_LISTS_TAG_MANIFEST(name, path=relpath))
                continue
            key = relpath
            if relpath not in disk:
                if nfc is None:
                    nfc = {unicodedata.normalize("NFC", p): p for p in disk}
                found = nfc.get(unicodedata.normalize("NFC", relpath))
                if found is not None:
                    self.warn(found, 0, "format", F.BAG_OTHER_NORMALISATION(found, manifest=name, line=number))
                    key = found
            entry = _Listed(name, number, digest.lower())
            if key in entries:
                before = entries[key]
                same = before.digest == entry.digest
                message = (F.BAG_LISTED_AGAIN if same else F.BAG_LISTED_AGAIN_OTHER)(
                    name, path=display(relpath), first=before.line)
                if same:
                    self.per_version((1, 0), name, number, message)
                else:
                    self.error(name, number, "format", message)
                continue
            entries[key] = entry
        return entries

    def fetch_file(self, payload: dict[str, str]) -> dict[str, tuple[int, str]]:
        """fetch.txt: {payload path: (line, url)}; nothing is downloaded."""
        out: dict[str, tuple[int, str]] = {}
        for number, line in self.tags.lines("fetch.txt"):
            match = re.fullmatch(r"(\S+)[ \t]+(\S+)[ \t]+(.+)", line)
            if not match:
                self.error("fetch.txt", number, "fetch", F.BAG_LINE_FORM("fetch.txt", form="'<url> <length> <path>'",
                                                                                         line=line))
                continue
            url, length, encoded = match.groups()
            if not _URL.fullmatch(url):
                self.error("fetch.txt", number, "fetch", F.BAG_URL("fetch.txt", url=url))
            if not re.fullmatch(r"\d+|-", length):
                self.error("fetch.txt", number, "fetch", F.BAG_LENGTH("fetch.txt", length=length))
            relpath = self.path(encoded, "fetch.txt", number, lambda p: p in payload)
            if relpath is None:
                continue
            if relpath.split("/", 1)[0] != "data" or "/" not in relpath:
                self.error("fetch.txt", number, "fetch", F.BAG_FETCH_OUTSIDE("fetch.txt", path=relpath))
                continue
            out.setdefault(relpath, (number, url))
        return out

    # ---------------------------------------------------------------------------------------
    # Matching the manifests with the files

    def completeness(self, manifests: dict[str, dict[str, _Listed]], payload: Walk,
                     fetch: dict[str, tuple[int, str]]) -> None:
        missing: dict[str, list[_Listed]] = {}
        for entries in manifests.values():
            for path, entry in entries.items():
                if path not in payload.files and path not in fetch:
                    missing.setdefault(path, []).append(entry)
        for path, listed in missing.items():
            hint: Finding | str = ""
            if path != path.rstrip() and path.rstrip() in payload.files:
                hint = F.BAG_HINT_TRAILING_SPACE(path, found=display(path.rstrip()))
            self.error(path, 0, "missing", F.BAG_FILE_MISSING(path, listed=_where(listed), hint=hint))
        for path in payload.files:
            absent = [n for n, entries in manifests.items() if path not in entries]
            if manifests and len(absent) == len(manifests):
                self.error(path, 0, "extra", F.BAG_IN_NO_MANIFEST(path))
            elif absent and self.v1:
                self.error(path, 0, "extra", F.BAG_NOT_IN_EVERY(path, manifests=absent))

    def tag_completeness(self, tag_manifests: dict[str, dict[str, _Listed]], tag_files: dict[str, str],
                         payload_manifests: dict[str, dict[str, _Listed]]) -> None:
        listed_anywhere: set[str] = set()
        missing: dict[str, list[_Listed]] = {}
        for name, entries in tag_manifests.items():
            listed_anywhere.update(entries)
            for path, entry in entries.items():
                if path not in tag_files:
                    missing.setdefault(path, []).append(entry)
            if self.v1:
                for manifest in payload_manifests:
                    if manifest not in entries:
                        self.error(name, 0, "format", F.BAG_TAG_MISSES_MANIFEST(name, manifest=manifest))
        for path, listed in missing.items():
            self.error(path, 0, "missing", F.BAG_FILE_MISSING(path, listed=_where(listed), hint=""))
        if tag_manifests:
            for path in tag_files:
                if path not in listed_anywhere:
                    self.warn(path, 0, "extra", F.BAG_TAG_UNPROTECTED(path))

    def checksums(self, manifests: dict[str, dict[str, _Listed]], files: dict[str, str],
                  sizes: dict[str, int]) -> None:
        """Hash every listed file once for all its algorithms, in parallel, and compare."""
        wants: dict[str, list[tuple[str, _Listed]]] = {}
        for name, entries in manifests.items():
            alg = ALGORITHMS[_MANIFEST_NAME.fullmatch(name).group(2)]  # type: ignore[union-attr]
            for path, entry in entries.items():
                if path in files:
                    wants.setdefault(path, []).append((alg, entry))
        jobs = {files[p]: sorted({alg for alg, _ in w}) for p, w in wants.items()}
        total = sum(sizes[p] for p in wants)
        tick = None if self.progress is None else (lambda done: self.progress(done, total))  # type: ignore[misc]
        results = hash_files(jobs, self.workers, tick)
        for path, want in sorted(wants.items()):
            result = results[files[path]]
            if isinstance(result, OSError):
                self.error(path, 0, "unreadable", F.BAG_CANNOT_CHECK(path, error=result.strerror))
                continue
            wrong = [F.BAG_CHECKSUM_SAYS(path, manifest=entry.manifest, line=entry.line, digest=entry.digest,
                                         algorithm=alg, actual=result[1][alg])
                     for alg, entry in want if result[1][alg] != entry.digest]
            if wrong:
                self.error(path, 0, "checksum", F.BAG_CHANGED(path, wrong=wrong))


def _where(listed: list[_Listed]) -> list[Finding]:
    return [F.BAG_PLACE(entry.manifest, manifest=entry.manifest, line=entry.line)
            for entry in sorted(listed, key=lambda e: (e.manifest, e.line))]


def _fetch_note(count: int, holes: list[str]) -> Finding:
    if not holes:
        return F.BAG_FETCH_CHECKED("fetch.txt", count=count)
    shown = ", ".join(display(p) for p in holes[:3]) + (" ..." if len(holes) > 3 else "")
    return F.BAG_FETCH_HOLES("fetch.txt", holes=len(holes), count=count, shown=shown)


def _order(problem: BagProblem) -> tuple[int, str, int, str]:
    return (0 if problem.severity == "error" else 1, problem.path, problem.line, problem.message)


def read_bag_info(bag_dir: Path) -> dict[str, str]:
    """The labels of ``bag-info.txt`` (the first value of a repeated label); empty if there is none."""
    tags = TagFiles(Path(bag_dir), Findings())
    tags.declaration()
    info = tags.bag_info()
    labels: dict[str, str] = {}
    for label, value, _line in info[1] if info else []:
        labels.setdefault(label, value)
    return labels


def check_complete(bag_dir: Path) -> list[BagProblem]:
    """The cheap part of ``check_bag``: ``bagit.txt``, and the Payload-Oxum against the files on
    disk (their number and octets). No file is read, so content changed in place goes unseen:
    this is what a resumed batch may trust instead of a full verification, never an auditor."""
    judge = _Judge(Path(bag_dir), 1, None)
    judge.tags.declaration()
    payload = walk(judge.root, "data")
    judge.problems.extend(BagProblem(relpath, 0, "format", why) for relpath, why in payload.problems)
    info = judge.tags.bag_info()
    if info is None or not any(label.casefold() == "payload-oxum" for label, _value, _line in info[1]):
        judge.error("bag-info.txt", 0, "missing", F.BAG_NO_OXUM("bag-info.txt"))
    judge.payload_oxum(sum(payload.sizes.values()), len(payload.files), holes=False)
    return [problem for problem in judge.problems if problem.severity == "error"]
