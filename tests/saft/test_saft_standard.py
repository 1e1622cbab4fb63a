"""The draft mapping to Erhvervsstyrelsen's standard chart of accounts: every number the project's table
proposes is a posting account of the published 2026 list (read from ``shared/saft/``), with its name;
the draft beside the files names every account and is never applied by itself; given back, it is."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from jsonl_books import GROUPS, books, rows, sale
from shared import assert_valid_2_1, standard_chart

from xena2archive.books import open_books
from xena2archive.exports.saft import Kept, export, read_standard_accounts, write_saft
from xena2archive.exports.saft.draft import BANK, GROUPS as PROPOSED, RESULT

NS = "{urn:StandardAuditFile-Taxation-Financial:DK}"
NAME_2024 = "SAF-T_Financial_12345678_20240101_20241231.xml"


def test_every_number_the_table_proposes_is_in_the_2026_standard_chart() -> None:
    chart = standard_chart()
    assert len(chart) == 485  # the posting accounts the list's README counts
    proposals = [*PROPOSED.values(), BANK, RESULT]
    for proposal in proposals:
        if proposal.number:
            assert proposal.number in chart, proposal
            assert proposal.name == chart[proposal.number], (proposal.number, proposal.name, chart[proposal.number])
        else:  # no proposal: said why, no name
            assert proposal.name == "" and proposal.reason
        assert proposal.reason
    assert sum(1 for p in proposals if p.number) >= 20


def _books(data: Path) -> None:
    posts = [*sale(1, 1, "2023-05-01", "1000.00"), *sale(3, 2, "2024-02-01", "200.00")]
    groups = {**GROUPS, 7000: "Xena_Domain_Asset_Accounts_Made_Up_Group", 7100: ""}
    banks = {"LedgerTagBankContextDto": [{"Id": 1, "Account": "0001234567", "AccountIdentifier": "1234",
                                          "LedgerTagNumber": 5610}]}
    books(data, [("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-12-31")], posts, banks=banks, groups=groups)


def _draft(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["konto"]: row for row in csv.DictReader(handle, delimiter=";")}


def test_the_draft_names_every_account_proposes_from_its_group_and_is_not_applied(tmp_path: Path) -> None:
    _books(tmp_path)
    with open_books(tmp_path / "tables") as loaded:
        result = write_saft(loaded, tmp_path, "2025-01-31")
    draft = _draft(tmp_path / "saft" / "standard-accounts-draft.csv")
    tags = {str(r["Number"]): r for r in rows(tmp_path, "LedgerTagDto")}
    assert set(draft) == {*tags, "RESULTAT-FOER-XENA"}  # every account of the files, the archive's own too
    chart = standard_chart()
    for number, row in draft.items():
        if row["standardkonto"]:
            assert chart[int(row["standardkonto"])] == row["standardkontonavn"], row
        assert row["begrundelse"]
        if number in tags:
            assert row["xena_kontogruppe"] == tags[number]["LedgerAccount"]
    assert (draft["1010"]["standardkonto"], draft["5410"]["standardkonto"]) == ("1010", "6190")
    assert draft["5600"]["standardkonto"] == "6470"  # cash
    assert draft["5610"]["standardkonto"] == "6480"  # the account Xena books its bank account on
    assert draft["RESULTAT-FOER-XENA"]["standardkonto"] == "6935"  # prior years' result, carried forward
    assert draft["7000"]["standardkonto"] == "" and "Made_Up_Group" in draft["7000"]["begrundelse"]
    assert draft["7100"]["standardkonto"] == "" and "ingen kontogruppe" in draft["7100"]["begrundelse"]
    for name in ("SAF-T_Financial_12345678_20230101_20231231.xml", NAME_2024):  # never applied by itself
        root = assert_valid_2_1(tmp_path / "saft" / name)
        assert root.findall(f".//{NS}StandardAccountID") == []
        assert root.findtext(f".//{NS}VersionOfStandardAccount") == "20260101"
    found = [f for f in result.findings if f.code == "saft-standard-draft"]
    assert len(found) == 1 and f"for {sum(1 for r in draft.values() if r['standardkonto'])} of {len(draft)}" in \
        found[0].message


def test_the_draft_given_back_fills_standard_account_id_and_its_list_is_kept(tmp_path: Path) -> None:
    _books(tmp_path)
    with open_books(tmp_path / "tables") as loaded:
        write_saft(loaded, tmp_path, "2025-01-31")
    draft_path = tmp_path / "saft" / "standard-accounts-draft.csv"
    draft = _draft(draft_path)
    mapping = read_standard_accounts(draft_path)  # the user reviewed it and gives it back as it is
    assert mapping == {number: row["standardkonto"] for number, row in draft.items() if row["standardkonto"]}
    with open_books(tmp_path / "tables") as loaded:
        write_saft(loaded, tmp_path, "2025-01-31", standard=mapping, kept=Kept(standard_version="20260101"))
    root = assert_valid_2_1(tmp_path / "saft" / NAME_2024)
    written = {a.findtext(f"{NS}AccountID"): a.findtext(f"{NS}StandardAccountID") for a in root.iter(f"{NS}Account")}
    assert written == {number: row["standardkonto"] or None for number, row in draft.items()}
    assert json.loads((tmp_path / "saft" / "options.json").read_text(encoding="utf-8")) == \
        {"standard_version": "20260101"}
    archive = tmp_path / "archive"
    (archive / "data").mkdir(parents=True)
    for part in ("tables", "saft", "report.json"):
        source = tmp_path / part
        target = archive / "data" / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.write_bytes(source.read_bytes())
    export(archive, tmp_path / "again")  # the saft command: the kept mapping and list, the same bytes
    assert (tmp_path / "again" / NAME_2024).read_bytes() == (tmp_path / "saft" / NAME_2024).read_bytes()
    export(archive, tmp_path / "older", given=Kept(standard_version="20230131"))
    older = assert_valid_2_1(tmp_path / "older" / NAME_2024)
    assert older.findtext(f".//{NS}VersionOfStandardAccount") == "20230131"


def test_xenas_own_standard_account_beats_the_mapping(tmp_path: Path) -> None:
    posts = [*sale(1, 1, "2023-05-01", "1000.00"), *sale(3, 2, "2024-02-01", "200.00")]
    books(tmp_path, [("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-12-31")], posts,
          tag_extra={1010: {"SaftStandardAccount": "1050"}, 5600: {"SaftStandardAccount": ""}})
    with open_books(tmp_path / "tables") as loaded:
        result = write_saft(loaded, tmp_path, "2025-01-31", standard={"1010": "1010", "5600": "6480"})
    root = assert_valid_2_1(tmp_path / "saft" / NAME_2024)
    written = {a.findtext(f"{NS}AccountID"): a.findtext(f"{NS}StandardAccountID") for a in root.iter(f"{NS}Account")}
    assert written["1010"] == "1050" and written["5600"] == "6480"  # Xena's value first, then the user's
    assert any(f.code == "saft-standard-account-column" and "SaftStandardAccount" in f.message
               for f in result.findings)
