"""The zip reader refuses hostile input before writing anything, and keeps colliding names apart."""

import stat
import zipfile

import pytest

from helpers import make_zip, run_cli
from xena2archive.errors import ExitCode, InputRefused
from xena2archive.source import ZipLimits, extract, list_backup


def test_plain_zip_listed_and_extracted(tmp_path, zip_factory):
    backup = zip_factory({"Data/LedgerPostDto.csv": "Id\n1\n", "Dokumenter/a.pdf": b"%PDF"})
    listing = list_backup(backup)
    assert [e.path for e in listing.entries] == ["Data/LedgerPostDto.csv", "Dokumenter/a.pdf"]
    extracted = extract(listing, tmp_path / "x")
    assert (tmp_path / "x/Dokumenter/a.pdf").read_bytes() == b"%PDF"
    assert len(extracted[0].sha256) == 64


@pytest.mark.parametrize("name", ["../evil.csv", "Data/../../evil.csv", "/etc/evil.csv", "C:/evil.csv", "..\\evil.csv"])
def test_escaping_paths_refused(zip_factory, name):
    with pytest.raises(InputRefused, match="path"):
        list_backup(zip_factory({name: "x"}))


def test_symlink_refused(tmp_path):
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("Data/link")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(InputRefused, match="link"):
        list_backup(path)


def test_encrypted_entry_refused(tmp_path):
    path = make_zip(tmp_path / "enc.zip", {"a.csv": "Id\n1\n"})
    data = bytearray(path.read_bytes())
    # set the "encrypted" flag in the local header and the central directory entry
    data[6] |= 1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(InputRefused, match="encrypted"):
        list_backup(path)


def test_bomb_ratio_and_total_size(zip_factory):
    bomb = zip_factory({"big.csv": b"0" * (20 * 1024 * 1024)})
    with pytest.raises(InputRefused, match="compression ratio"):
        list_backup(bomb)
    assert list_backup(bomb, ZipLimits(max_ratio=10_000)).entries
    with pytest.raises(InputRefused, match="unpacks to more"):
        list_backup(bomb, ZipLimits(max_ratio=10_000, max_total_bytes=1024))


def test_not_a_zip_and_truncated(tmp_path, zip_factory):
    text = tmp_path / "notes.zip"
    text.write_text("hello")
    with pytest.raises(InputRefused, match="not a readable zip"):
        list_backup(text)
    good = zip_factory({"a.csv": "Id\n" + "\n".join(str(i) for i in range(5000))})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[:-200])
    with pytest.raises(InputRefused, match="not a readable zip"):
        list_backup(cut)


def test_corrupt_data_refused_on_extract(tmp_path, zip_factory):
    backup = zip_factory({"a.csv": "Id;Name\n" + "\n".join(f"{i};navn {i}" for i in range(3000))})
    data = bytearray(backup.read_bytes())
    data[100] ^= 0xFF  # inside the compressed stream
    backup.write_bytes(bytes(data))
    with pytest.raises(InputRefused, match=r"damaged|truncated"):
        extract(list_backup(backup), tmp_path / "x")


def test_names_colliding_by_case_and_normal_form_kept_apart(zip_factory):
    decomposed = "Bilag/Kvittering-A\u030a.pdf"  # Å written as A + ring
    listing = list_backup(zip_factory({
        "Bilag/kvittering.pdf": b"1", "Bilag/KVITTERING.pdf": b"2",
        "Bilag/Kvittering-\u00c5.pdf": b"3", decomposed: b"4",
    }))
    paths = [e.path for e in listing.entries]
    assert len({p.casefold() for p in paths}) == 4
    assert "Bilag/KVITTERING~2.pdf" in paths
    assert "Bilag/Kvittering-\u00c5~2.pdf" in paths
    notes = {e.path: e.notes for e in listing.entries}
    assert any(n.code == "name-nfc" for n in notes["Bilag/Kvittering-\u00c5~2.pdf"])


def test_hostile_zip_leaves_no_output(tmp_path, zip_factory, capsys):
    out = tmp_path / "out"
    code = run_cli(zip_factory({"../evil.csv": "x"}), out)
    assert code == ExitCode.input_refused
    assert not out.exists()
    assert not list(tmp_path.glob(".out*"))
    assert "evil.csv" in capsys.readouterr().err



def test_a_folder_file_that_changes_after_listing_or_while_read_is_refused(tmp_path, monkeypatch):
    from xena2archive.source import folder as folder_source

    folder = tmp_path / "unpacked"
    (folder / "Data").mkdir(parents=True)
    table = folder / "Data" / "VatDto.csv"
    table.write_text("Id;Abbreviation\n1;U25\n", encoding="utf-8")
    listing = list_backup(folder)
    assert [e.zip_name for e in listing.entries] == ["Data/VatDto.csv"]
    table.write_text("Id;Abbreviation\n1;U25\n2;I25\n", encoding="utf-8")  # changed after it was listed
    with pytest.raises(InputRefused, match="changed while the backup was read"):
        extract(listing, tmp_path / "x1")

    listing = list_backup(folder)
    real_read = folder_source.os.fstat
    calls = []

    def fstat_after_a_write(fd: int):  # the second look, after reading, sees a file someone wrote to
        calls.append(fd)
        if len(calls) == 2:
            with open(table, "a", encoding="utf-8") as handle:
                handle.write("3;I0\n")
        return real_read(fd)

    monkeypatch.setattr(folder_source.os, "fstat", fstat_after_a_write)
    with pytest.raises(InputRefused, match="changed while the backup was read"):
        extract(listing, tmp_path / "x2")
