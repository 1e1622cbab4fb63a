"""Run the E-ARK Foundation's ``eark-validator`` on an information package, offline; print what it
found as JSON. Not a test module: it runs in the validator's own environment (``.venv-eark``; the
validator pins lxml 5.1.0), started by ``test_preservation.py``::

    .venv-eark/bin/python tests/e2e/eark_run.py <package folder> <folder of the CSIP vocabularies>

- The four CSIP vocabularies the validator downloads while it is imported
  (``eark_validator.ipxml.schematron``) are served from the files of the second folder (the offline
  copies in ``../shared/eark/``); the URLs served are printed. Any other request would go out through
  urllib as usual: the test points the proxies at its listener, which must see nothing.
- The validation is ``PackageValidator.validate``'s (eark-validator 1.1.3), its steps called through
  the validator's own API in the same order: the folder structure (and, as there, nothing more when
  it is not well-formed), the METS against the METS and CSIP schemas, the CSIP rules (Schematron),
  and the rules of the profile the METS's ``csip:OAISPACKAGETYPE`` names (SIP). Left out is
  ``InformationPackages.from_path``, which only lists the METS's files for the report and in 1.1.3
  stops with an ``AttributeError`` on a METS larger than lxml's read buffer: it reads a
  ``<mets:file>`` at its start event, and when a buffer ends between that start tag and its
  ``<mets:FLocat>``, ``find`` returns None (``eark_validator.mets._path_from_xml_element``).
"""

from __future__ import annotations

import email.message
import io
import json
import sys
import urllib.request
import urllib.response
from pathlib import Path

VOCABULARIES = "https://earkcsip.dilcis.eu/schema/"


class Vocabularies(urllib.request.BaseHandler):
    """Answers a request for one of the vocabularies with the file of that name; passes on any other."""

    handler_order = 50  # before urllib's own HTTPS and proxy handlers

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.served: list[str] = []

    def https_open(self, request: urllib.request.Request) -> urllib.response.addinfourl | None:
        url = request.full_url
        name = url.removeprefix(VOCABULARIES)
        if name == url or "/" in name or not (self.folder / name).is_file():
            return None
        self.served.append(url)
        answer = urllib.response.addinfourl(io.BytesIO((self.folder / name).read_bytes()), email.message.Message(),
                                            url, 200)
        answer.msg = "OK"
        return answer


def main(package: Path, vocabularies: Path) -> dict[str, object]:
    served = Vocabularies(vocabularies)
    urllib.request.install_opener(urllib.request.build_opener(served))

    from eark_validator import rules, structure  # imported now: the import downloads the vocabularies
    from eark_validator.infopacks.information_package import InformationPackages
    from eark_validator.mets import MetsValidator
    from eark_validator.specifications.specification import SpecificationType, SpecificationVersion

    def listed(results: list) -> list[dict[str, str]]:
        return [{"rule_id": r.rule_id, "severity": r.severity.value, "location": r.location, "message": r.message}
                for r in results]

    version = SpecificationVersion.V2_1_0
    found: dict[str, object] = {"served": served.served, "package_type": None, "schema": [], "rules": []}
    well_formed, struct = structure.validate(package)
    found["structure"] = listed(struct.messages)
    if not well_formed:
        return found
    mets = MetsValidator(str(package))
    mets.validate_mets("METS.xml")
    found["schema"] = listed(mets.validation_errors)
    csip = rules.ValidationProfile(SpecificationType.CSIP, version)
    csip.validate(package / "METS.xml")
    results = csip.get_all_results()
    kind = InformationPackages.details_from_mets_file(package / "METS.xml").oaispackagetype
    found["package_type"] = kind
    if kind in ("SIP", "DIP"):
        profile = rules.ValidationProfile(SpecificationType.from_string(kind), version)
        profile.validate(package / "METS.xml")
        results.extend(profile.get_all_results())
    found["rules"] = listed(results)
    return found


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).absolute(), Path(sys.argv[2])), indent=1))
