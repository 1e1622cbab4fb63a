"""PREMIS 3 and METS of the sample archive, judged by the official schemas and an independent reader.

- ``data/metadata/preservation/premis.xml`` against the PREMIS 3.0 schema (``../shared/schemas/``,
  not a copy in the project: skipped outside CI when absent, a failure in CI);
- ``data/METS.xml`` against the METS schema with the E-ARK CSIP extension, as the E-ARK Foundation's
  validator ships them (``mets.csip.local.v2-0.xsd`` in ``eark-validator``, installed by ``make
  setup`` in ``.venv-eark``; it imports ``mets.xsd``, ``xlink.xsd`` and ``DILCISExtensionMETS.xsd``
  from beside it, so nothing is fetched); metsrw (Archivematica's METS library) cannot read it: it looks
  for a structural map of type ``physical``, and CSIP requires ``PHYSICAL``;
- every object, checksum and relationship read back with lxml against the files themselves
  (``hashlib``) and the report the test reads (``json``); ``verify`` catches a file changed under
  a re-hashed bag by the METS checksums.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import bagit
import pytest
from lxml import etree

from helpers import make_zip, missing, run_cli, workbooks
from sample_backup import write_sample_backup
from xena2archive.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
P = {"premis": "http://www.loc.gov/premis/v3"}
M = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink",
     "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"}


def _required(path: Path | None, what: str) -> Path:
    if path is None or not path.is_file():
        message = f"{what} is not there"
        missing(message)
    return path


def premis_xsd() -> Path:
    found = next((p / "shared/schemas/premis-v3-0.xsd" for p in ROOT.parents
                  if (p / "shared/schemas/premis-v3-0.xsd").is_file()), None)
    return _required(found, "shared/schemas/premis-v3-0.xsd (PREMIS 3.0) beside the checkout")


def csip_xsd() -> Path:
    found = next(iter((ROOT / ".venv-eark").glob("lib/python*/site-packages/eark_validator/ipxml/resources/schema/"
                                                "mets.csip.local.v2-0.xsd")), None)
    return _required(found, "eark-validator's METS schemas in .venv-eark (make setup installs it)")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("preservation")
    write_sample_backup(folder / "backup.zip", posts=120)
    code = run_cli(folder / "backup.zip", folder / "out", "--quiet", "--jobs", "2", "--operator", "Anne Ærø")
    assert code == ExitCode.findings  # the sample's PNG receipt named .pdf
    return folder / "out"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _payload(data: Path) -> set[str]:
    return {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}


def test_premis_is_valid_premis_3_and_describes_every_file(archive: Path) -> None:
    data = archive / "data"
    document = etree.parse(str(data / "metadata/preservation/premis.xml"))
    schema = etree.XMLSchema(etree.parse(str(premis_xsd())))
    assert schema.validate(document), schema.error_log
    objects = {o.findtext("premis:objectIdentifier/premis:objectIdentifierValue", namespaces=P): o
               for o in document.iterfind("premis:object", P)}
    assert set(objects) == _payload(data) - {"METS.xml", "metadata/preservation/premis.xml"}
    for path, obj in objects.items():
        fixity = obj.find("premis:objectCharacteristics/premis:fixity", P)
        assert fixity.findtext("premis:messageDigest", namespaces=P) == _sha256(data / path), path
        size = obj.findtext("premis:objectCharacteristics/premis:size", namespaces=P)
        assert int(size) == (data / path).stat().st_size
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    key = "premis:objectCharacteristics/premis:format/premis:formatRegistry/premis:formatRegistryKey"
    for entry in report["entries"]:  # every original, under its name in the backup
        assert objects[entry["original"]].findtext("premis:originalName", namespaces=P) == entry["zip_name"]
    for document_ in report["documents"]:
        assert objects[document_["original"]].findtext(key, namespaces=P) == document_["pronom"]
        if document_["pdfa"]:
            copy = objects[document_["pdfa"]]
            assert copy.findtext(key, namespaces=P) == "fmt/477"  # PDF/A-2b, by Siegfried on the copy
            assert document_["pdfa_pronom"] == "fmt/477" and document_["validation"] == "passed"
            assert document_["validated_by"].startswith("pikepdf.pdfa ") and document_["made_with"]
            relationship = copy.find("premis:relationship", P)
            assert relationship.findtext("premis:relationshipType", namespaces=P) == "derivation"
            related = "premis:relatedObjectIdentifier/premis:relatedObjectIdentifierValue"
            assert relationship.findtext(related, namespaces=P) == document_["original"]
    assert objects["tables/LedgerPostDto.jsonl"].findtext(key, namespaces=P) == "fmt/2054"
    for workbook in workbooks(archive / "data", "LedgerPostDto"):  # one per fiscal year
        assert objects[f"tables/{workbook.name}"].findtext(key, namespaces=P) == "fmt/214"


def test_premis_events_and_agents(archive: Path) -> None:
    data = archive / "data"
    document = etree.parse(str(data / "metadata/preservation/premis.xml"))
    report = json.loads((data / "report.json").read_text(encoding="utf-8"))
    events: dict[str, list[etree._Element]] = {}
    for event in document.iterfind("premis:event", P):
        events.setdefault(event.findtext("premis:eventType", namespaces=P), []).append(event)
        assert event.findtext("premis:eventDateTime", namespaces=P) == "2025-01-31T12:00:00Z"  # SOURCE_DATE_EPOCH
    assert {"ingestion", "unpacking", "format identification", "message digest calculation", "normalization",
            "validation"} <= set(events)
    ingestion = events["ingestion"][0]
    assert report["input"]["sha256"] in ingestion.findtext("premis:eventDetailInformation/premis:eventDetail",
                                                           namespaces=P)
    converted = [d for d in report["documents"] if d["pdfa"]]
    assert len(events["validation"]) == sum(1 for d in report["documents"] if d["validation"])
    assert len(events["normalization"]) == len(report["documents"]) + len(report["tables"])
    outcomes = [e.findtext("premis:eventOutcomeInformation/premis:eventOutcome", namespaces=P)
                for e in events["normalization"][: len(report["documents"])]]
    assert outcomes.count("success") == len(converted)
    agents = {a.findtext("premis:agentName", namespaces=P): a for a in document.iterfind("premis:agent", P)}
    assert agents["Anne Ærø"].findtext("premis:agentType", namespaces=P) == "person"
    assert agents[report["company"]["name"] + f" (CVR {report['company']['cvr']})"] is not None
    for name, version in report["software"].items():
        assert agents[name].findtext("premis:agentVersion", namespaces=P) == version


def test_mets_is_valid_csip_mets_and_lists_every_file(archive: Path) -> None:
    data = archive / "data"
    document = etree.parse(str(data / "METS.xml"))
    schema = etree.XMLSchema(etree.parse(str(csip_xsd())))
    assert schema.validate(document), schema.error_log
    root = document.getroot()
    assert root.get("PROFILE") == "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
    assert root.find("mets:metsHdr", M).get(f"{{{M['csip']}}}OAISPACKAGETYPE") == "SIP"
    files = {f.find("mets:FLocat", M).get(f"{{{M['xlink']}}}href"): f for f in root.iterfind(".//mets:file", M)}
    assert set(files) == _payload(data) - {"METS.xml", "metadata/preservation/premis.xml"}
    for path, element in files.items():
        assert element.get("CHECKSUMTYPE") == "SHA-256" and element.get("CHECKSUM") == _sha256(data / path)
    reference = root.find("mets:amdSec/mets:digiprovMD/mets:mdRef", M)
    assert reference.get(f"{{{M['xlink']}}}href") == "metadata/preservation/premis.xml"
    assert reference.get("CHECKSUM") == _sha256(data / "metadata/preservation/premis.xml")
    uses = [g.get("USE") for g in root.iterfind("mets:fileSec/mets:fileGrp", M)]
    assert uses[:2] == ["Documentation", "Schemas"] and "Representations/original" in uses
    labels = [d.get("LABEL") for d in root.iterfind("mets:structMap/mets:div/mets:div", M)]
    assert labels == ["Metadata", "Documentation", "Schemas", "Representations"]


def test_verify_checks_the_mets_checksums(archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "bag"
    import shutil

    shutil.copytree(archive, copy)
    index = copy / "data/index/kontoplan.html"
    changed = bytearray(index.read_bytes())
    changed[-3] ^= 0x01  # the same size, another byte
    index.write_bytes(bytes(changed))
    bag = bagit.Bag(str(copy))
    bag.save(manifests=True)  # a re-hashed bag: valid by BagIt, so only the METS can tell
    bag.validate()
    assert run_cli("verify", copy) == ExitCode.verify_failed
    said = capsys.readouterr().out
    assert "data/index/kontoplan.html: sha256 differs from the one data/METS.xml records" in said


def test_a_document_not_converted_is_a_failed_normalization(tmp_path: Path) -> None:
    backup = make_zip(tmp_path / "backup.zip", {"Data/LedgerPostDto.csv": "Id;Amount\n1;1,00\n",
                                                "Bilag/brudt.pdf": b"%PDF-1.4\n%%EOF\n"})
    assert run_cli(backup, tmp_path / "out", "--quiet") == ExitCode.findings
    document = etree.parse(str(tmp_path / "out/data/metadata/preservation/premis.xml"))
    schema = etree.XMLSchema(etree.parse(str(premis_xsd())))
    assert schema.validate(document), schema.error_log
    linked = "premis:linkingObjectIdentifier/premis:linkingObjectIdentifierValue"
    events = [e for e in document.iterfind("premis:event", P)
              if e.findtext("premis:eventType", namespaces=P) == "normalization"
              and e.findtext(linked, namespaces=P) == "original/Bilag/brudt.pdf"]
    assert len(events) == 1
    outcome = events[0].find("premis:eventOutcomeInformation", P)
    assert outcome.findtext("premis:eventOutcome", namespaces=P).startswith("failure (")
    assert outcome.findtext("premis:eventOutcomeDetail/premis:eventOutcomeDetailNote", namespaces=P)
