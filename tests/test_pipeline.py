"""Pipeline stages: staging beside out/, sorting entries into tables and documents."""

from xena2archive.discover import discover
from xena2archive.output import staging_dir
from xena2archive.source import extract, list_backup


def test_stale_staging_of_a_killed_run_is_removed(tmp_path, zip_factory):
    dead = tmp_path / ".out.xena2archive-999999999.tmp"  # no such process
    (dead / "data").mkdir(parents=True)
    alive = tmp_path / ".out.xena2archive-1.tmp"  # pid 1 is always there: not ours to remove
    alive.mkdir()
    staging = staging_dir(tmp_path / "out")
    assert not dead.exists() and alive.exists() and staging.is_dir()


def test_entries_sorted_into_tables_and_documents(tmp_path, zip_factory):
    ubl = ('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>')
    backup = zip_factory({"Data/ledgerpostdto.csv": "Id\n1\n", "Data/LedgerPostDto.xml": "<A><B><Id>1</Id></B></A>",
                          "x/LedgerPostDto.csv": "Id\n2\n", "Bilag/faktura.xml": ubl, "Bilag/a.pdf": b"%PDF",
                          "Noter.txt": "hej"})
    extracted = extract(list_backup(backup), tmp_path / "x")
    found = discover(extracted)
    assert sorted(found.tables) == ["LedgerPostDto", "LedgerPostDto~1"]
    assert [s.format for s in found.tables["LedgerPostDto"]] == ["csv", "xml"]
    assert sorted(d.entry.path for d in found.documents) == ["Bilag/a.pdf", "Bilag/faktura.xml", "Noter.txt"]
    assert [n.message for n in found.notes["x/LedgerPostDto.csv"]] == [
        "a second CSV file of table LedgerPostDto; converted apart."]
