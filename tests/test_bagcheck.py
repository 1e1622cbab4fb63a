"""The bag judge (xena2archive.bag.check): bags made by bagit-python and by hand, each judged right.

Bags are made in the tests: by bagit-python (``bagit.make_bag``, which writes BagIt 0.97) and by
hand (``hand_bag``: a correct BagIt 1.0 or older bag, which a test then damages). ``DIFFERENCES``
is the table of cases where bagit-python 1.9 and RFC 8493 judge a bag differently; for each, both
verdicts are asserted, so a change in either shows here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import bagit
import pytest

from helpers import run_cli
from xena2archive.bag.check import BagReport, check_bag
from xena2archive.bag.names import encode_manifest_path
from xena2archive.errors import ExitCode
from xena2archive.verify import NOT_OURS

FILES = {
    "Bilag/Kvittering æøå.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 20,
    "Bilag/tom fil.txt": b"",
    "tabeller/Posteringer.csv": "Id;Beløb\n1;-125,50\n".encode(),
}


@pytest.fixture(autouse=True)
def _quiet_bagit():
    logging.getLogger("bagit").setLevel(logging.CRITICAL)


def digest(alg: str, data: bytes) -> str:
    return hashlib.new(alg, data).hexdigest()


def manifest_text(bag: Path, paths: list[str], alg: str, *, encode: bool = True) -> str:
    return "".join(
        f"{digest(alg, (bag / p).read_bytes())}  {encode_manifest_path(p) if encode else p}\n"
        for p in sorted(paths)
    )


def retag(bag: Path, algs: tuple[str, ...] = ("sha256",), encoding: str = "utf-8") -> None:
    """(Re)write the tag manifests over every other file outside data/."""
    for old in bag.glob("tagmanifest-*.txt"):
        old.unlink()
    tags = sorted(
        p.relative_to(bag).as_posix()
        for p in bag.rglob("*")
        if p.is_file() and not p.relative_to(bag).as_posix().startswith("data/")
    )
    for alg in algs:
        (bag / f"tagmanifest-{alg}.txt").write_bytes(
            manifest_text(bag, tags, alg).encode(encoding)
        )


def hand_bag(
    root: Path,
    files: dict[str, bytes] = FILES,
    *,
    version: str = "1.0",
    algs: tuple[str, ...] = ("sha256",),
    encoding: str = "UTF-8",
    info: str = "Source-Organization: Bøgh & Søn ApS\n",
) -> Path:
    """A correct bag of ``files`` (under data/), with bag-info.txt and tag manifests."""
    for rel, content in files.items():
        path = root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    payload = [f"data/{rel}" for rel in files]
    (root / "bagit.txt").write_bytes(
        f"BagIt-Version: {version}\nTag-File-Character-Encoding: {encoding}\n".encode()
    )
    for alg in algs:
        (root / f"manifest-{alg}.txt").write_bytes(
            manifest_text(root, payload, alg, encode=version == "1.0").encode(encoding)
        )
    oxum = f"Payload-Oxum: {sum(len(c) for c in files.values())}.{len(files)}\n"
    (root / "bag-info.txt").write_bytes((info + oxum).encode(encoding))
    retag(root, algs, encoding)
    return root


def kinds(report: BagReport) -> list[tuple[str, int, str]]:
    """(file, line, kind) of every error, for compact assertions."""
    return [(p.path, p.line, p.kind) for p in report.errors]


def bagit_python_valid(bag: Path) -> bool:
    try:
        return bagit.Bag(str(bag)).is_valid()
    except bagit.BagError:
        return False


def edit(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert old in raw, (old, raw)
    path.write_bytes(raw.replace(old, new))


# ---------------------------------------------------------------------------------------------
# Bags other tools make are judged valid


@pytest.mark.parametrize("checksums", [["md5"], ["sha1", "sha256"]])
def test_bagit_python_bags_are_valid(tmp_path: Path, checksums: list[str], capsys) -> None:
    src = tmp_path / "made"
    for rel, content in FILES.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(content)
    bagit.make_bag(str(src), bag_info={"Contact-Name": "Åse Ødegård"}, checksums=checksums)
    report = check_bag(src)
    assert report.valid and report.problems == []
    assert (report.version, report.algorithms) == ("0.97", tuple(sorted(checksums)))
    assert report.payload_files == 3
    assert run_cli("verify", src) == ExitCode.ok
    assert f"OK: {NOT_OURS}" in capsys.readouterr().out


def test_v097_bag_with_iso_8859_1_tag_files(tmp_path: Path) -> None:
    """The declared encoding is used for every tag file but bagit.txt; here Latin-1 with æøå."""
    bag = hand_bag(tmp_path / "bag", version="0.97", algs=("md5",), encoding="ISO-8859-1",
                   info="Source-Organization: Møllegården\nContact-Name: Åse Ødegård\n")
    assert "Møllegården".encode("latin-1") in (bag / "bag-info.txt").read_bytes()
    assert bagit_python_valid(bag)
    report = check_bag(bag)
    assert report.valid and report.problems == [] and report.encoding == "iso8859-1"
    # the same bytes declared UTF-8 do not decode: named with file and line
    edit(bag / "bagit.txt", b"ISO-8859-1", b"UTF-8")
    problems = [str(p) for p in check_bag(bag).errors]
    assert any(p.startswith("bag-info.txt, line 1: is not utf-8") for p in problems), problems


def test_utf16_tag_files_with_their_bom(tmp_path: Path) -> None:
    bag = hand_bag(tmp_path / "bag", version="0.97", algs=("sha1",), encoding="UTF-16")
    assert (bag / "manifest-sha1.txt").read_bytes().startswith(b"\xff\xfe")
    assert check_bag(bag).problems == []


@pytest.mark.parametrize("version", ["0.93", "0.95", "0.96", "0.97", "1.0"])
def test_every_version_we_know(tmp_path: Path, version: str) -> None:
    bag = hand_bag(tmp_path / "bag", version=version, algs=("md5", "sha512"))
    if version < "0.96":  # bag-info.txt was package-info.txt until 0.95
        (bag / "bag-info.txt").rename(bag / "package-info.txt")
        retag(bag, ("md5", "sha512"))
    report = check_bag(bag)
    assert report.problems == [] and report.version == version


def test_names_with_spaces_dot_slash_and_percent(tmp_path: Path) -> None:
    files = {"100% rabat.pdf": b"a", "rapport%25.txt": b"b", "med  mellemrum .txt": b"c"}
    bag = hand_bag(tmp_path / "bag", files)
    text = (bag / "manifest-sha256.txt").read_text("utf-8")
    assert "data/100%25 rabat.pdf" in text and "data/rapport%2525.txt" in text
    assert check_bag(bag).problems == []
    edit(bag / "manifest-sha256.txt", b"  data/100%25", b"  ./data/100%25")
    retag(bag)
    assert check_bag(bag).problems == []  # a "./" before the path names the same file


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_crlf_and_cr_line_endings(tmp_path: Path, ending: bytes) -> None:
    bag = hand_bag(tmp_path / "bag", algs=("sha256", "md5"))
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-md5.txt"):
        (bag / name).write_bytes((bag / name).read_bytes().replace(b"\n", ending))
    retag(bag, ("sha256", "md5"))
    assert check_bag(bag).problems == []


def test_bagit_txt_with_an_unknown_encoding_or_version(tmp_path: Path) -> None:
    bag = hand_bag(tmp_path / "bag")
    (bag / "bagit.txt").write_bytes(b"BagIt-Version: 0.9x\nTag-File-Character-Encoding: KLINGON\n")
    retag(bag)
    assert [(p.path, p.line) for p in check_bag(bag).errors] == [("bagit.txt", 1), ("bagit.txt", 2)]


def test_bag_inside_the_payload_is_just_payload(tmp_path: Path) -> None:
    inner = hand_bag(tmp_path / "outer" / "data" / "inner")
    (inner / "data" / "tabeller" / "Posteringer.csv").write_bytes(b"changed")  # inner bag damaged
    files = {p.relative_to(tmp_path / "outer" / "data").as_posix(): p.read_bytes()
             for p in inner.rglob("*") if p.is_file()}
    outer = hand_bag(tmp_path / "outer2", files)
    assert check_bag(outer).problems == []
    assert not check_bag(outer / "data" / "inner").valid  # judged on its own, it fails


def test_fetch_txt_is_never_fetched(tmp_path: Path) -> None:
    bag = hand_bag(tmp_path / "bag")
    absent = "data/tabeller/Posteringer.csv"
    (bag / "fetch.txt").write_text(f"https://example.invalid/Posteringer.csv 19 {absent}\n", "utf-8")
    (bag / absent).unlink()
    retag(bag)
    report = check_bag(bag)
    assert report.valid and report.not_fetched == 1
    assert [(w.path, w.kind) for w in report.warnings] == [("fetch.txt", "fetch")]
    assert "not checked" in report.warnings[0].message
    # a listed file that is in no payload manifest, a bad URL and a bad length are errors
    (bag / "fetch.txt").write_text("example.invalid/x - data/new.pdf\nhttps://e.invalid/y 1x "
                                   "data/Bilag/tom fil.txt\n", "utf-8")
    retag(bag)
    got = {(p.path, p.line, p.kind) for p in check_bag(bag).errors}
    assert {("fetch.txt", 1, "fetch"), ("fetch.txt", 2, "fetch")} <= got
    assert any("data/new.pdf is not in manifest-sha256.txt" in p.message
               for p in check_bag(bag).errors)


# ---------------------------------------------------------------------------------------------
# Damaged and invalid bags, each reason with its file and line


@pytest.fixture
def bag(tmp_path: Path) -> Path:
    made = hand_bag(tmp_path / "bag", algs=("sha256", "sha512"))
    assert check_bag(made).problems == []
    return made


def test_missing_payload_file(bag: Path) -> None:
    (bag / "data" / "Bilag" / "tom fil.txt").unlink()
    report = check_bag(bag)
    assert kinds(report) == [("bag-info.txt", 2, "oxum"), ("data/Bilag/tom fil.txt", 0, "missing")]
    assert "manifest-sha256.txt line 2, manifest-sha512.txt line 2" in report.errors[1].message


def test_extra_payload_file(bag: Path) -> None:
    (bag / "data" / "snuck in.txt").write_bytes(b"!")
    assert kinds(check_bag(bag)) == [("bag-info.txt", 2, "oxum"), ("data/snuck in.txt", 0, "extra")]


def test_changed_payload_file(bag: Path) -> None:
    (bag / "data" / "tabeller" / "Posteringer.csv").write_bytes(b"Id;Bel\xf8b\n")
    report = check_bag(bag)
    assert kinds(report) == [("bag-info.txt", 2, "oxum"),
                             ("data/tabeller/Posteringer.csv", 0, "checksum")]
    assert "manifest-sha256.txt line 3 says" in report.errors[1].message
    assert "manifest-sha512.txt line 3 says" in report.errors[1].message


def test_wrong_payload_oxum(bag: Path) -> None:
    edit(bag / "bag-info.txt", b"Payload-Oxum: ", b"Payload-Oxum: 1")
    retag(bag, ("sha256", "sha512"))
    report = check_bag(bag)
    assert kinds(report) == [("bag-info.txt", 2, "oxum")]
    assert report.errors[0].message.startswith("Payload-Oxum says 1")


@pytest.mark.parametrize(("version", "valid"), [("1.0", False), ("0.97", False), ("0.96", True)])
def test_bom_in_bagit_txt(tmp_path: Path, version: str, valid: bool) -> None:
    """RFC 8493 and 0.97 forbid a BOM in bagit.txt; before 0.97 it is only a warning."""
    bag = hand_bag(tmp_path / "bag", version=version)
    (bag / "bagit.txt").write_bytes(b"\xef\xbb\xbf" + (bag / "bagit.txt").read_bytes())
    retag(bag)
    report = check_bag(bag)
    assert report.valid is valid
    assert [(p.path, p.line, p.severity) for p in report.problems] == [
        ("bagit.txt", 1, "warning" if valid else "error")]
    assert "byte-order mark" in report.problems[0].message


@pytest.mark.parametrize(("version", "valid"), [("1.0", False), ("0.97", True)])
def test_bom_in_a_utf8_manifest(tmp_path: Path, version: str, valid: bool) -> None:
    bag = hand_bag(tmp_path / "bag", version=version)
    manifest = bag / "manifest-sha256.txt"
    manifest.write_bytes(b"\xef\xbb\xbf" + manifest.read_bytes())
    retag(bag)
    report = check_bag(bag)
    assert report.valid is valid
    assert [(p.path, p.line) for p in report.problems] == [("manifest-sha256.txt", 1)]


def test_tag_manifest_lists_a_missing_tag_file(bag: Path) -> None:
    (bag / "bag-info.txt").unlink()
    report = check_bag(bag)
    assert kinds(report) == [("bag-info.txt", 0, "missing")]
    assert "tagmanifest-sha256.txt line 1, tagmanifest-sha512.txt line 1" in report.errors[0].message


def test_changed_tag_file_and_unlisted_tag_file(bag: Path) -> None:
    edit(bag / "bag-info.txt", "Bøgh".encode(), "Bøg".encode())
    (bag / "LÆS MIG.txt").write_text("ny\n", "utf-8")
    report = check_bag(bag)
    assert kinds(report) == [("bag-info.txt", 0, "checksum")]
    assert [(w.path, w.kind) for w in report.warnings] == [("LÆS MIG.txt", "extra")]


@pytest.mark.parametrize(("version", "valid"), [("1.0", False), ("0.97", True)])
def test_white_space_before_the_checksum(tmp_path: Path, version: str, valid: bool) -> None:
    bag = hand_bag(tmp_path / "bag", version=version)
    edit(bag / "manifest-sha256.txt", b"\n", b"\n\t")
    (bag / "manifest-sha256.txt").write_bytes((bag / "manifest-sha256.txt").read_bytes()[:-1])
    retag(bag)
    report = check_bag(bag)
    assert report.valid is valid
    assert [(p.path, p.line) for p in report.problems] == [("manifest-sha256.txt", 2),
                                                          ("manifest-sha256.txt", 3)]
    assert "white space" in report.problems[0].message


def test_white_space_after_the_path_is_part_of_the_name(bag: Path) -> None:
    edit(bag / "manifest-sha256.txt", b"tom fil.txt\n", b"tom fil.txt \n")
    retag(bag, ("sha256", "sha512"))
    report = check_bag(bag)
    assert kinds(report) == [("data/Bilag/tom fil.txt", 0, "extra"),
                             ("data/Bilag/tom fil.txt ", 0, "missing")]
    assert "counts the white space at the end of the line as part of the name" in (
        report.errors[1].message)


def test_bad_manifest_lines(bag: Path) -> None:
    with open(bag / "manifest-sha256.txt", "a", encoding="utf-8") as f:
        f.write("not a manifest line\n")
        f.write("abc  data/Bilag/tom fil.txt\n")
        f.write("0" * 64 + "  data/../../etc/passwd\n")
        f.write("0" * 64 + "  bag-info.txt\n")
        f.write("0" * 64 + "  data/100%.pdf\n")
        f.write("0" * 64 + "  data/Bilag/tom fil.txt\n")
    retag(bag, ("sha256", "sha512"))
    report = check_bag(bag)
    lines = {p.line: p.message for p in report.errors if p.path == "manifest-sha256.txt"}
    assert "is not '<checksum> <path>'" in lines[4]
    assert "sha256 checksum has 3 hex digits, not 64" in lines[5]
    assert "unsafe path 'data/../../etc/passwd'" in lines[6]
    assert "is not in data/" in lines[7]
    assert "writes a '%' in a name as %25" in lines[8]
    assert "again (first on line 2) with another checksum" in lines[9]


def test_payload_file_in_only_one_of_two_manifests(tmp_path: Path) -> None:
    """BagIt 1.0: every payload manifest lists every file; before, one manifest was enough."""
    for version, valid in (("1.0", False), ("0.97", True)):
        bag = hand_bag(tmp_path / version, version=version, algs=("md5", "sha256"))
        lines = (bag / "manifest-md5.txt").read_text("utf-8").splitlines(keepends=True)
        (bag / "manifest-md5.txt").write_text("".join(lines[1:]), "utf-8")
        retag(bag, ("md5", "sha256"))
        report = check_bag(bag)
        assert report.valid is valid, version
        if not valid:
            assert kinds(report) == [("data/Bilag/Kvittering æøå.pdf", 0, "extra")]
            assert "is not in manifest-md5.txt" in report.errors[0].message


def test_name_in_another_normalisation_is_a_warning(bag: Path) -> None:
    name = bag / "data" / "Bilag" / "Kvittering æøå.pdf"
    nfd = unicodedata.normalize("NFD", "Kvittering Åse.pdf")
    content = name.read_bytes()
    name.unlink()
    (bag / "data" / "Bilag" / nfd).write_bytes(content)
    for alg in ("sha256", "sha512"):
        edit(bag / f"manifest-{alg}.txt", "Kvittering æøå.pdf".encode(),
             "Kvittering Åse.pdf".encode())
    retag(bag, ("sha256", "sha512"))
    report = check_bag(bag)
    assert report.valid
    assert {(w.path, w.kind) for w in report.warnings} == {(f"data/Bilag/{nfd}", "format")}


def test_symbolic_link_in_the_payload(bag: Path) -> None:
    (bag / "data" / "link.txt").symlink_to("/etc/hostname")
    assert ("data/link.txt", 0, "format") in kinds(check_bag(bag))


def test_each_file_read_once_for_all_algorithms(bag: Path, monkeypatch) -> None:
    import xena2archive.bag.hashing as hashing

    calls: list[tuple[str, tuple[str, ...]]] = []
    real = hashing.hash_file

    def counting(path: str, algorithms, advance=None):
        calls.append((Path(path).relative_to(bag).as_posix(), tuple(algorithms)))
        return real(path, algorithms, advance)

    monkeypatch.setattr(hashing, "hash_file", counting)
    seen: list[tuple[int, int]] = []
    assert check_bag(bag, workers=3, progress=lambda done, total: seen.append((done, total))).valid
    paths = [p for p, _ in calls]
    assert len(paths) == len(set(paths)) == 3 + 4  # payload + bagit, bag-info, two manifests
    assert all(algs == ("sha256", "sha512") for _, algs in calls)
    total = sum((bag / p).stat().st_size for p in paths)
    assert seen and seen[-1] == (total, total)


# ---------------------------------------------------------------------------------------------
# Not a bag; the CLI's verdicts and exit codes


def test_not_a_bag_and_a_bag_without_its_declaration(tmp_path: Path, capsys) -> None:
    (tmp_path / "folder").mkdir()
    assert run_cli("verify", tmp_path / "folder") == ExitCode.usage
    assert "NOT A BAG" in capsys.readouterr().out
    assert run_cli("verify", tmp_path / "nowhere") == ExitCode.usage
    (tmp_path / "bag.zip").write_bytes(b"PK")
    assert run_cli("verify", tmp_path / "bag.zip") == ExitCode.usage
    assert "unpack a zipped or tarred bag first" in capsys.readouterr().out
    bag = hand_bag(tmp_path / "bag")
    (bag / "bagit.txt").unlink()
    assert run_cli("verify", bag) == ExitCode.verify_failed
    assert "bagit.txt: bagit.txt is missing" in capsys.readouterr().out


def test_json_verdict(bag: Path, capsys) -> None:
    (bag / "data" / "Bilag" / "tom fil.txt").write_bytes(b"x")
    (bag / "LÆS MIG.txt").write_text("ny\n", "utf-8")
    assert run_cli("verify", "--json", bag) == ExitCode.verify_failed
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["verdict"] == "damaged" and verdict["exit_code"] == 5
    assert verdict["bag"]["version"] == "1.0" and verdict["bag"]["algorithms"] == ["sha256", "sha512"]
    assert verdict["xena2archive_archive"] is False
    assert [(p["file"], p["line"], p["kind"]) for p in verdict["problems"]] == [
        ("bag-info.txt", 2, "oxum"), ("data/Bilag/tom fil.txt", None, "checksum")]
    assert [w["file"] for w in verdict["warnings"]] == ["LÆS MIG.txt"]


# ---------------------------------------------------------------------------------------------
# Where bagit-python 1.9 and RFC 8493 judge differently. We follow the RFC (see the README).


def _percent_names(bag: Path) -> None:
    """A 1.0 bag with '%' in names, written as %25 as RFC 8493 §2.1.3 requires."""
    shutil.rmtree(bag)
    hand_bag(bag, {"100% rabat.pdf": b"a", "rapport%25.txt": b"b"})


def _bom_in_manifest(bag: Path) -> None:
    manifest = bag / "manifest-sha256.txt"
    manifest.write_bytes(b"\xef\xbb\xbf" + manifest.read_bytes())
    retag(bag)


def _trailing_space(bag: Path) -> None:
    edit(bag / "manifest-sha256.txt", b"tom fil.txt\n", b"tom fil.txt \n")
    retag(bag)


def _leading_space(bag: Path) -> None:
    raw = (bag / "manifest-sha256.txt").read_bytes()
    (bag / "manifest-sha256.txt").write_bytes(b" " + raw)
    retag(bag)


def _comment_line(bag: Path) -> None:
    raw = (bag / "manifest-sha256.txt").read_bytes()
    (bag / "manifest-sha256.txt").write_bytes(b"# made by hand\n" + raw)
    retag(bag)


def _bagit_txt_spacing(bag: Path) -> None:
    (bag / "bagit.txt").write_bytes(b"BagIt-Version : 1.0\nTag-File-Character-Encoding : UTF-8\n")
    retag(bag)


def _tag_manifest_without_payload_manifest(bag: Path) -> None:
    retag(bag)
    edit(bag / "tagmanifest-sha256.txt",
         (bag / "tagmanifest-sha256.txt").read_bytes().splitlines(keepends=True)[2], b"")
    assert b"manifest-sha256.txt" not in (bag / "tagmanifest-sha256.txt").read_bytes()


def _future_version(bag: Path) -> None:
    edit(bag / "bagit.txt", b"BagIt-Version: 1.0", b"BagIt-Version: 1.1")
    retag(bag)


def _v097_literal_percent_names(bag: Path) -> None:
    """bagit-python writes '%' unencoded in its 0.97 bags; before 1.0 that is literal."""
    shutil.rmtree(bag)
    hand_bag(bag, {"100% rabat.pdf": b"a", "rapport%25.txt": b"b"}, version="0.97")


#: (case, how the bag is made from a valid BagIt 1.0 bag, RFC 8493 verdict, bagit-python 1.9's)
DIFFERENCES: list[tuple[str, Callable[[Path], None], bool, bool]] = [
    ("'%' in a name written %25 (RFC 8493 §2.1.3)", _percent_names, True, False),
    ("UTF-8 BOM at the start of a manifest (§2.3)", _bom_in_manifest, False, True),
    ("white space after the path, a file without it exists (§2.1.3)", _trailing_space, False, True),
    ("white space before the checksum (§2.1.3)", _leading_space, False, True),
    ("a '#' comment line in a manifest (§2.1.3)", _comment_line, False, True),
    ("'BagIt-Version : 1.0', spaces around the colon (§2.1.1)", _bagit_txt_spacing, False, True),
    ("a tag manifest that leaves out a payload manifest (§2.2.1)",
     _tag_manifest_without_payload_manifest, False, True),
    ("BagIt-Version 1.1, whose rules nobody knows yet", _future_version, False, True),
]
#: Cases where both agree, kept beside the table so that its edges are visible.
AGREEMENTS: list[tuple[str, Callable[[Path], None], bool]] = [
    ("0.97: '%25' in a manifest is a literal '%25' in the name", _v097_literal_percent_names, True),
]


@pytest.mark.parametrize(("case", "make", "rfc", "bagit_python"), DIFFERENCES,
                         ids=[case for case, *_ in DIFFERENCES])
def test_where_bagit_python_and_the_rfc_differ(
    tmp_path: Path, case: str, make: Callable[[Path], None], rfc: bool, bagit_python: bool
) -> None:
    bag = hand_bag(tmp_path / "bag")
    make(bag)
    report = check_bag(bag)
    assert report.valid is rfc, [str(p) for p in report.problems]
    if not rfc:
        assert all(p.path and p.message for p in report.errors)
    assert bagit_python_valid(bag) is bagit_python


@pytest.mark.parametrize(("case", "make", "valid"), AGREEMENTS, ids=[c for c, *_ in AGREEMENTS])
def test_where_bagit_python_and_the_rfc_agree(tmp_path: Path, case: str,
                                              make: Callable[[Path], None], valid: bool) -> None:
    bag = hand_bag(tmp_path / "bag")
    make(bag)
    assert check_bag(bag).valid is valid
    assert bagit_python_valid(bag) is valid
