"""The catalogue of findings: one code per kind, stable and readable."""

import re

from xena2archive.findings import INFO, KINDS, WARNING, Finding, Kind


def test_every_kind_has_a_unique_kebab_case_code_a_severity_and_a_line_about_it():
    assert len(KINDS) == len({kind.code for kind in KINDS.values()})
    for code, kind in KINDS.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code) and kind.code == code
        assert kind.severity in (WARNING, INFO) and kind.about and not kind.about.endswith(".")


def test_a_kind_makes_a_finding_with_its_code_and_severity():
    kind = Kind("made-up", WARNING, "for this test")
    assert kind("Data/x.csv", "what happened") == Finding("made-up", WARNING, "Data/x.csv", "what happened.")


def test_every_message_is_a_whole_sentence_ending_with_a_stop():
    kind = Kind("made-up", INFO, "for this test")
    assert kind("x", "rows 1 and 2 (the original is kept)").message == "rows 1 and 2 (the original is kept)."
    assert kind("x", "It is kept. ").message == "It is kept."
    for ended in ("Really?", "Stop!", "line 3: 'a', line 9: 'b' …"):
        assert kind("x", ended).message == ended
