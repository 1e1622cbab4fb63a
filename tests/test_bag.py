"""The bag writer: tag files, determinism, names, and interoperability with bagit-python.

The checker's own cases (damage, other tools' bags, versions) are in test_bagcheck.py."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import unicodedata
from pathlib import Path

import bagit
import pytest

from xena2archive.bag.check import check_bag
from xena2archive.bag.names import (
    decode_manifest_path,
    encode_manifest_path,
    portability_problem,
    portable_name,
)
from xena2archive.bag.write import BagInfo, PayloadRefused, write_bag
from xena2archive.errors import OutputProblem

ORG = "Møllegårdens Tømrer & Snedker ApS (CVR 12345678)"
INFO = BagInfo(
    source_organization=ORG,
    external_description="Regnskab og bilag fra Xena (Lokal kopi),\r\nomdannet til arkivformat",
    external_identifier="sha256:" + "0123456789abcdef" * 4,
    bagging_date="2024-03-31",
    software_agent="xena2archive 0.1.0",
    extra=(
        ("Xena-Fiscal-Period", "2022-01-01/2022-12-31"),
        ("Xena-Fiscal-Period", "2023-01-01/2023-12-31"),
    ),
)
TAG_FILES = (
    "bagit.txt",
    "bag-info.txt",
    "manifest-sha256.txt",
    "manifest-sha512.txt",
    "tagmanifest-sha256.txt",
    "tagmanifest-sha512.txt",
)
PCT_NAME = "Faktura 100% rabat – æøå ÆØÅ.pdf"


@pytest.fixture(autouse=True)
def _quiet_bagit():
    logging.getLogger("bagit").setLevel(logging.CRITICAL)


def make_payload(root: Path, files: dict[str, bytes] | None = None) -> Path:
    files = (
        files
        if files is not None
        else {
            "tabeller/LedgerPostDto.jsonl": b'{"Id": 4294967297, "Amount": "-125.50"}\n' * 50,
            "tabeller/VoucherDto.jsonl": b'{"Id": 1}\n',
            "bilag/Kvittering Bauhaus æøå.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
            "bilag/tom fil.txt": b"",
            "index.html": "<p>Møllegården</p>\n".encode(),
        }
    )
    for rel, content in files.items():
        path = root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def bagit_python_validate(bag_dir: Path) -> None:
    bagit.Bag(str(bag_dir)).validate()


def manifest_entries(bag_dir: Path, name: str) -> list[tuple[str, str]]:
    lines = (bag_dir / name).read_text("utf-8").splitlines()
    return [(line.split("  ", 1)[1], line.split("  ", 1)[0]) for line in lines]


def payload_files(bag_dir: Path) -> dict[str, Path]:
    return {
        p.relative_to(bag_dir).as_posix(): p for p in (bag_dir / "data").rglob("*") if p.is_file()
    }


# ---------------------------------------------------------------------------------------------
# What write_bag writes


def test_bag_passes_bagit_python_and_check_bag(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag")
    (bag / "data" / "bilag" / portable_name(PCT_NAME)).write_bytes(b"rabat")
    summary = write_bag(bag, INFO)
    assert sorted(p.name for p in bag.iterdir()) == sorted(["data", *TAG_FILES])
    bagit_python_validate(bag)
    assert sorted(bagit.Bag(str(bag)).algorithms) == ["sha256", "sha512"]
    assert check_bag(bag).problems == []
    assert summary.payload_files == 6
    assert summary.tag_files == tuple(sorted(TAG_FILES[:4]))
    assert (
        summary.fingerprint
        == hashlib.sha256((bag / "tagmanifest-sha256.txt").read_bytes()).hexdigest()
    )


def test_bagit_txt_is_exact(tmp_path: Path) -> None:
    bag = write_bag(make_payload(tmp_path / "bag"), INFO).bag_dir
    assert (bag / "bagit.txt").read_bytes() == (
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    )


def test_manifests_sorted_complete_and_correct(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag")
    write_bag(bag, INFO, workers=3)
    files = payload_files(bag)
    for alg in ("sha256", "sha512"):
        raw = (bag / f"manifest-{alg}.txt").read_bytes()
        assert b"\r" not in raw and raw.endswith(b"\n")
        entries = manifest_entries(bag, f"manifest-{alg}.txt")
        paths = [path for path, _ in entries]
        assert paths == sorted(paths) == sorted(files)
        for path, digest in entries:
            assert digest == hashlib.new(alg, files[path].read_bytes()).hexdigest()


def test_bag_info_labels_order_oxum_and_single_lines(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag")
    summary = write_bag(bag, INFO)
    octets = 2000 + 10 + 10249 + 0 + 21  # the five files of make_payload
    assert sum(p.stat().st_size for p in payload_files(bag).values()) == octets
    assert summary.payload_oxum == f"{octets}.5" == f"{summary.payload_octets}.5"
    assert (bag / "bag-info.txt").read_text("utf-8") == (
        f"Source-Organization: {ORG}\n"
        "External-Description: Regnskab og bilag fra Xena (Lokal kopi),  omdannet til "
        "arkivformat\n"
        "External-Identifier: sha256:" + "0123456789abcdef" * 4 + "\n"
        "Bagging-Date: 2024-03-31\n"
        "Bag-Software-Agent: xena2archive 0.1.0\n"
        f"Payload-Oxum: {octets}.5\n"
        "Bag-Size: 12.3 kB\n"
        "Xena-Fiscal-Period: 2022-01-01/2022-12-31\n"
        "Xena-Fiscal-Period: 2023-01-01/2023-12-31\n"
    )
    info = bagit.Bag(str(bag)).info
    assert info["Payload-Oxum"] == f"{octets}.5"
    assert info["Source-Organization"] == ORG


def test_tag_manifests_cover_every_tag_file(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag")
    (bag / "metadata").mkdir()
    (bag / "metadata" / "LÆS MIG.txt").write_text("Om arkivet\n", "utf-8")
    summary = write_bag(bag, INFO)
    want = sorted([*TAG_FILES[:4], "metadata/LÆS MIG.txt"])
    assert summary.tag_files == tuple(want)
    for alg in ("sha256", "sha512"):
        entries = manifest_entries(bag, f"tagmanifest-{alg}.txt")
        assert [p for p, _ in entries] == want
        for path, digest in entries:
            assert digest == hashlib.new(alg, (bag / path).read_bytes()).hexdigest()
    bagit_python_validate(bag)
    assert check_bag(bag).problems == []


def test_empty_payload(tmp_path: Path) -> None:
    bag = tmp_path / "bag"
    (bag / "data").mkdir(parents=True)
    assert write_bag(bag, INFO).payload_oxum == "0.0"
    assert (bag / "manifest-sha256.txt").read_bytes() == b""
    bagit_python_validate(bag)
    assert check_bag(bag).problems == []


def test_deterministic(tmp_path: Path) -> None:
    one = make_payload(tmp_path / "one")
    two = tmp_path / "two"
    shutil.copytree(one, two)
    os.utime(two / "data" / "index.html", (0, 0))  # timestamps must not matter
    write_bag(one, INFO, workers=1)
    write_bag(two, INFO, workers=4)
    for name in TAG_FILES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    before = {name: (one / name).read_bytes() for name in TAG_FILES}
    write_bag(one, INFO)  # again, in place: our old tag files are replaced, not bagged
    assert {name: (one / name).read_bytes() for name in TAG_FILES} == before


# ---------------------------------------------------------------------------------------------
# Refusals


def test_each_file_read_once_for_both_algorithms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xena2archive.bag.hashing as hashing

    calls: list[tuple[str, tuple[str, ...]]] = []
    real = hashing.hash_file

    def counting(path: str, algorithms, advance=None):
        calls.append((Path(path).relative_to(bag).as_posix(), tuple(algorithms)))
        return real(path, algorithms, advance)

    monkeypatch.setattr(hashing, "hash_file", counting)
    bag = make_payload(tmp_path / "bag")
    write_bag(bag, INFO)
    want = sorted((p, ("sha256", "sha512")) for p in [*payload_files(bag), *TAG_FILES[:4]])
    assert sorted(calls) == want
    calls.clear()
    assert check_bag(bag).problems == []
    assert sorted(calls) == want


def test_concurrent_bags_in_threads(tmp_path: Path) -> None:
    """No os.chdir: two bags can be written at once from one process."""
    from concurrent.futures import ThreadPoolExecutor

    bags = [make_payload(tmp_path / f"bag{i}") for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda b: write_bag(b, INFO), bags))
    for bag in bags:
        assert check_bag(bag).problems == []
        assert (bag / "manifest-sha512.txt").read_bytes() == (
            bags[0] / "manifest-sha512.txt"
        ).read_bytes()


def test_non_nfc_name_refused(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Kvittering Århus.pdf")
    bag = make_payload(tmp_path / "bag", {nfd: b"x", "ok.txt": b"y"})
    with pytest.raises(PayloadRefused, match="not Unicode NFC") as caught:
        write_bag(bag, INFO)
    assert isinstance(caught.value, OutputProblem)
    assert len(caught.value.problems) == 1 and nfd in caught.value.problems[0]
    assert not (bag / "manifest-sha256.txt").exists()


def test_symlink_and_bad_utf8_refused(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag", {"a.txt": b"a"})
    (bag / "data" / "link.txt").symlink_to(bag / "data" / "a.txt")
    os.close(
        os.open(
            os.path.join(os.fsencode(bag / "data"), b"latin1-\xe6.txt"), os.O_CREAT | os.O_WRONLY
        )
    )
    with pytest.raises(PayloadRefused, match=r"cannot make a BagIt bag of this folder \(2 problem\(s\)\)") as caught:
        write_bag(bag, INFO)
    text = str(caught.value)
    assert "data/link.txt: is a symbolic link" in text
    assert "latin1-\\udce6.txt: name is not valid UTF-8" in text


def test_stale_manifest_refused(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag", {"a.txt": b"a"})
    (bag / "manifest-md5.txt").write_text("0" * 32 + "  data/a.txt\n")
    with pytest.raises(PayloadRefused, match=r"manifest-md5\.txt: remove it"):
        write_bag(bag, INFO)


def test_missing_data_dir(tmp_path: Path) -> None:
    with pytest.raises(OutputProblem, match="no payload"):
        write_bag(tmp_path, INFO)


def test_bag_info_validation() -> None:
    import datetime

    assert BagInfo("o", "d", "i", datetime.date(2024, 1, 2)).bagging_date == "2024-01-02"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        BagInfo("o", "d", "i", "31-03-2024")
    with pytest.raises(ValueError, match="day is out of range for month"):
        BagInfo("o", "d", "i", "2024-02-30")
    with pytest.raises(ValueError, match="written by write_bag"):
        BagInfo("o", "d", "i", "2024-01-02", extra=(("payload-oxum", "1.1"),))
    with pytest.raises(ValueError, match="label"):
        BagInfo("o", "d", "i", "2024-01-02", extra=(("A: B", "x"),))
    with pytest.raises(ValueError, match="empty"):
        BagInfo(" \n", "d", "i", "2024-01-02")


# ---------------------------------------------------------------------------------------------
# Percent signs and other awkward names (see the module docstring of xena2archive.bag.write)


@pytest.mark.parametrize(
    ("decoded", "encoded"),
    [
        ("data/100% rabat.pdf", "data/100%25 rabat.pdf"),
        ("data/rapport%25.txt", "data/rapport%2525.txt"),
        ("data/literal%0A.txt", "data/literal%250A.txt"),
        ("data/a\nb\r.txt", "data/a%0Ab%0D.txt"),
        ("data/æøå ÆØÅ.txt", "data/æøå ÆØÅ.txt"),
    ],
)
def test_path_encoding_round_trip(decoded: str, encoded: str) -> None:
    assert encode_manifest_path(decoded) == encoded
    assert decode_manifest_path(encoded) == decoded


def test_path_decoding_is_strict_and_case_insensitive() -> None:
    assert decode_manifest_path("data/a%0d%0a%25") == "data/a\r\n%"
    for bad in ("data/100%.txt", "data/%41.txt", "data/end%2"):
        with pytest.raises(ValueError, match="is not one of %25, %0D, %0A"):
            decode_manifest_path(bad)


def test_percent_name_refused_by_default(tmp_path: Path) -> None:
    bag = make_payload(tmp_path / "bag", {PCT_NAME: b"rabat"})
    with pytest.raises(PayloadRefused, match="portable_name") as caught:
        write_bag(bag, INFO)
    assert caught.value.problems[0].startswith(f"data/{PCT_NAME}: contains '%'")


def test_portable_name_makes_every_reader_agree(tmp_path: Path) -> None:
    nasty = [
        PCT_NAME,
        "rapport%25.txt",
        "a\x85b\u2028c\td",
        "trailing  ",
        unicodedata.normalize("NFD", "Århus %0A.pdf"),
    ]
    names = [portable_name(n) for n in nasty]
    assert names[0] == "Faktura 100％ rabat – æøå ÆØÅ.pdf"
    assert names[2] == "a_b_c_d" and names[3] == "trailing"
    assert all(portability_problem(n) is None for n in names)
    assert len(set(names)) == len(names)
    bag = make_payload(tmp_path / "bag", {f"bilag/{n}": n.encode() for n in names})
    write_bag(bag, INFO)
    bagit_python_validate(bag)
    assert check_bag(bag).problems == []
    paths = [p for p, _ in manifest_entries(bag, "manifest-sha256.txt")]
    assert f"data/bilag/{names[0]}" in paths  # listed verbatim: nothing to encode


@pytest.mark.parametrize(
    "name", ["a\x85b.txt", "a\u2028b.txt", "trailing ", "a\rb\rc\rd.txt", "x\ny.txt", "t\tt.txt"]
)
def test_names_bagit_python_misreads(tmp_path: Path, name: str) -> None:
    """Refused by default; with portable_names=False written RFC-correctly and read back by us."""
    bag = make_payload(tmp_path / "bag", {name: b"x", "ok.txt": b"y"})
    with pytest.raises(PayloadRefused, match=r"rename it with xena2archive\.bag\.names\.portable_name\(\)"):
        write_bag(bag, INFO)
    write_bag(bag, INFO, portable_names=False)
    lines = (bag / "manifest-sha256.txt").read_text("utf-8").split("\n")
    assert len(lines) == 3  # two entries and the final empty string: no line was split
    assert any(line.endswith(f"  {encode_manifest_path('data/' + name)}") for line in lines)
    assert check_bag(bag).problems == []


def test_rfc_encoding_of_percent_and_literal_percent25(tmp_path: Path) -> None:
    """``portable_names=False``: RFC 8493-correct lines, which bagit-python 1.9 misreads.

    This documents LibraryOfCongress/bagit-python#157. If this test starts failing because
    bagit-python validates the bag, bagit-python has learnt to decode %25; then the default
    ``portable_names=True`` could be relaxed for '%'.
    """
    names = {PCT_NAME: b"rabat", "rapport%25.txt": b"literal", "ok.txt": b"ok"}
    bag = make_payload(tmp_path / "bag", names)
    write_bag(bag, INFO, portable_names=False)
    lines = (bag / "manifest-sha512.txt").read_text("utf-8")
    assert "  data/Faktura 100%25 rabat – æøå ÆØÅ.pdf\n" in lines
    assert "  data/rapport%2525.txt\n" in lines
    assert check_bag(bag).problems == []  # our reader decodes %25, and both algorithms check out
    with pytest.raises(bagit.BagValidationError, match="Bag is incomplete") as caught:
        bagit_python_validate(bag)
    misread = sorted(str(d) for d in caught.value.details)
    assert misread == sorted(
        [
            "data/Faktura 100%25 rabat – æøå ÆØÅ.pdf exists in manifest but was not found on "
            "filesystem",
            "data/rapport%2525.txt exists in manifest but was not found on filesystem",
            f"data/{PCT_NAME} exists on filesystem but is not in the manifest",
            "data/rapport%25.txt exists on filesystem but is not in the manifest",
        ]
    )
