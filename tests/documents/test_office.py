"""Office documents to PDF/A-2b with LibreOffice: the text is in the copy (read back with
pdfminer.six), the copy validates, macros never run, nothing linked from outside is fetched (a
real listener counts the connections), the profile LibreOffice ran with holds the security
settings, protected and damaged files are reported.

LibreOffice takes seconds per document, so the module shares one ``Programs`` (one LibreOffice
profile, as a pool worker does) and converts each kind of document once.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pikepdf
import pytest
from doc_inputs import job, plain_text, validates
from lxml import etree
from office_inputs import LONG_TEXT, damaged_docx, docx, encrypted_docx, odp, ods, odt, red_png, rtf, saved_as, xlsx

from xena2archive._exec import _box
from xena2archive._exec.libreoffice import WRITER, Office, locate, pdf_filter
from xena2archive._exec.programs import Programs
from xena2archive.documents import CONVERTED, NOT_CONVERTED, DocumentResult
from xena2archive.documents.convert import convert
from xena2archive.documents.identify import identify
from helpers import said


@pytest.fixture(scope="module", autouse=True)
def tools_present() -> None:
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is missing: run tools/setup-system", pytrace=False)


@pytest.fixture(scope="module")
def programs() -> Programs:
    with Programs() as programs:
        yield programs


def converted(result: DocumentResult) -> str:
    """The copy's text, after checking it is there and validates."""
    assert (result.status, result.code) == (CONVERTED, None), said(result)
    assert result.pdfa is not None and validates(result.pdfa)
    return plain_text(result.pdfa)


def test_docx_with_danish_text_and_an_image(tmp_path: Path, programs: Programs) -> None:
    lines = ["Faktura fra Ærø Købmand", "Beløb: 1.234,50 kr. for æbler og ål"]
    source = docx(tmp_path / "faktura.docx", lines, red_png())
    assert identify(source, source.name).format == "docx"
    result = convert(job(source, tmp_path), programs)
    text = converted(result)
    assert "Faktura fra Ærø Købmand" in text and "Beløb: 1.234,50 kr. for æbler og ål" in text
    with pikepdf.open(result.pdfa) as pdf:
        images = [image for page in pdf.pages for image in page.get_images().values()]
        assert images and images[0].Width == 60  # the embedded picture is in the copy
        assert "LibreOffice" in str(pdf.docinfo.Subject) and "/OpenAction" not in pdf.Root


def test_xlsx_keeps_every_sheet_and_the_whole_text_of_a_narrow_column(tmp_path: Path, programs: Programs) -> None:
    source = xlsx(tmp_path / "regnskab.xlsx")
    result = convert(job(source, tmp_path), programs)
    text = converted(result)
    assert result.pages == 2  # one page per sheet
    assert LONG_TEXT in text  # not cut off at the narrow column's edge
    assert "1234,5" in text  # a number in a General cell, as a Danish Excel shows it
    assert "Husleje" in text and "8000" in text  # the hidden row is shown
    assert "Udgående moms på ålefangst" in text and "42" in text  # the second sheet
    assert any("wraps its text" in reason for reason in said(result))
    assert any("1 row," in reason for reason in said(result))


def test_odt_is_converted(tmp_path: Path, programs: Programs) -> None:
    source = odt(tmp_path / "notat.odt", ["Mødereferat", "Bestyrelsen godkendte årsrapporten for 2024"])
    assert identify(source, source.name).format == "odt"
    text = converted(convert(job(source, tmp_path), programs))
    assert "Mødereferat" in text and "Bestyrelsen godkendte årsrapporten for 2024" in text


@pytest.mark.slow
def test_ods_is_saved_as_xlsx_fitted_and_printed_whole(tmp_path: Path, programs: Programs) -> None:
    source = ods(tmp_path / "kasse.ods", [[LONG_TEXT, "Kontant"], ["Åbningsbalance", "500"]])
    assert identify(source, source.name).format == "ods"
    result = convert(job(source, tmp_path), programs)
    text = converted(result)
    assert LONG_TEXT in text and "Kontant" in text and "Åbningsbalance" in text
    assert any("wraps its text" in reason for reason in said(result))


@pytest.mark.slow
def test_rtf_is_converted(tmp_path: Path, programs: Programs) -> None:
    source = rtf(tmp_path / "kvittering.rtf", "Kvittering fra København: æbler og ål, 87,50 kr.")
    assert identify(source, source.name).format == "rtf"
    assert "Kvittering fra København: æbler og ål, 87,50 kr." in converted(convert(job(source, tmp_path), programs))


@pytest.mark.slow
def test_word_97_doc_is_converted(tmp_path: Path, programs: Programs) -> None:
    lines = ["Kreditnota fra Ålborg Tømrerforretning", "Retur af 3 stk. egetræsplanker: 1.875,00 kr."]
    source = saved_as(odt(tmp_path / "kreditnota.odt", lines), "doc", tmp_path / "saved")
    identity = identify(source, source.name)
    assert (identity.format, identity.mime, identity.pronom) == ("doc", "application/msword", "fmt/40")
    text = converted(convert(job(source, tmp_path), programs))
    assert all(line in text for line in lines)


@pytest.mark.slow
def test_excel_97_xls_is_fitted_and_printed_whole(tmp_path: Path, programs: Programs) -> None:
    source = saved_as(ods(tmp_path / "kasse.ods", [[LONG_TEXT, "Kontant"], ["Åbningsbalance", "500"]]), "xls",
                      tmp_path / "saved")
    identity = identify(source, source.name)
    assert (identity.format, identity.mime, identity.pronom) == ("xls", "application/vnd.ms-excel", "fmt/61")
    result = convert(job(source, tmp_path), programs)
    text = converted(result)
    assert LONG_TEXT in text and "Kontant" in text and "Åbningsbalance" in text  # the long text not cut off
    assert any("wraps its text" in reason for reason in said(result))


@pytest.mark.slow
def test_pptx_prints_one_page_per_slide(tmp_path: Path, programs: Programs) -> None:
    slides = ["Årsregnskab 2024 for Ærø Købmand", "Resultat før skat: 412.350,00 kr.", "Spørgsmål?"]
    source = saved_as(odp(tmp_path / "oplaeg.odp", slides), "pptx", tmp_path / "saved")
    identity = identify(source, source.name)
    assert (identity.format, identity.pronom) == ("pptx", "fmt/215")
    result = convert(job(source, tmp_path), programs)
    text = converted(result)
    assert result.pages == 3 and all(slide in text for slide in slides)


def test_a_documents_macro_never_runs(tmp_path: Path, programs: Programs) -> None:
    """The conversion does not run the document's macro, and the control shows the macro is real.
    This does not show the profile's macro settings at work: ``--convert-to`` runs no document macro
    even with them off, and LibreOffice's default profile does not run one on opening either. That
    the settings are in force is shown by ``test_the_profile_libreoffice_ran_with_holds_the_settings``."""
    proof = tmp_path / "the-macro-ran.txt"
    source = odt(tmp_path / "makro.odt", ["Dokument med en makro"], macro_writes=proof)
    result = convert(job(source, tmp_path), programs)
    assert "Dokument med en makro" in converted(result)
    assert not proof.exists()
    _macro_runs_when_allowed(source, proof, tmp_path)


def _macro_runs_when_allowed(source: Path, proof: Path, tmp_path: Path) -> None:
    """The control: opened (not converted) by a LibreOffice whose profile allows macros, the
    same document does write its file, so the test above could fail."""
    profile = tmp_path / "low-security" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" '
        'oor:op="fuse"><value>0</value></prop></item></oor:items>',
        encoding="utf-8",
    )
    command = [
        locate().executable, f"-env:UserInstallation={profile.parent.as_uri()}", "--headless", "--norestore",
        str(source),
    ]  # fmt: skip
    process = _box.start(command, _box.Box(memory_mb=None, cpu_s=120), cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not proof.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        _box.kill_group(process)
    assert proof.read_text().strip() == "the macro ran"


OOR = "http://openoffice.org/2001/registry"
SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
# what an archive's LibreOffice must run with, spelled here and not taken from the product
SECURITY = {(SCRIPTING, "MacroSecurityLevel"): "3",  # very high: only trusted locations, of which there are none
            (SCRIPTING, "DisableMacrosExecution"): "true",  # and macros off altogether
            (SCRIPTING, "BlockUntrustedRefererLinks"): "true"}  # nothing linked from outside is loaded


def profile_settings(xcu: Path) -> dict[tuple[str, str], str | None]:
    """The settings of a LibreOffice profile (``registrymodifications.xcu``), read with lxml:
    {(path, name): value}."""
    settings = {}
    for item in etree.parse(str(xcu)).getroot().iter("item"):
        for prop in item.findall("prop"):
            value = prop.find("value")
            settings[(item.get(f"{{{OOR}}}path"), prop.get(f"{{{OOR}}}name"))] = None if value is None else value.text
    return settings


def test_the_profile_libreoffice_ran_with_holds_the_settings(tmp_path: Path) -> None:
    """A conversion ends with LibreOffice writing the profile back, keeping only the settings it
    knows (the control in ``_linked_image_is_fetched_when_allowed`` shows a misspelled one dropped):
    a security setting still there after the run is one LibreOffice read, with its value."""
    source = docx(tmp_path / "notat.docx", ["Notat om makroer"])
    (tmp_path / "work").mkdir()
    with Office() as office:
        xcu = office._home() / "profile" / "user" / "registrymodifications.xcu"  # as the session writes it
        before = profile_settings(xcu)
        office.convert(source, ".docx", pdf_filter(WRITER), tmp_path / "work", timeout_s=120, memory_mb=2048)
        after = profile_settings(xcu)
    assert set(after) > set(before)  # LibreOffice wrote the file back, with settings of its own
    assert {key: after.get(key) for key in SECURITY} == SECURITY


def test_an_image_linked_from_outside_is_not_fetched(tmp_path: Path, programs: Programs, listener) -> None:
    """A Word document whose picture is a link to an address: the copy is made without a single
    connection to it (a real HTTP listener, which would answer with a picture)."""
    source = docx(tmp_path / "logo.docx", ["Faktura med logo fra Ærø Købmand"], linked_image=listener.url("logo.png"))
    result = convert(job(source, tmp_path), programs)
    assert "Faktura med logo fra Ærø Købmand" in converted(result)
    assert listener.seen() == []
    _linked_image_is_fetched_when_allowed(source, listener, tmp_path)


def _linked_image_is_fetched_when_allowed(source: Path, listener, tmp_path: Path) -> None:
    """The control: converted with a profile that leaves BlockUntrustedRefererLinks at LibreOffice's
    default, the same document does fetch its picture, so the setting decides and the test above
    could fail. The profile carries a misspelled setting too, which LibreOffice drops on writing it
    back: so a setting kept (the test of the profile) is one LibreOffice knows."""
    profile = tmp_path / "default-links" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<item oor:path="{SCRIPTING}"><prop oor:name="MacroSecurityLevl" oor:op="fuse"><value>3</value></prop>'
        "</item></oor:items>",
        encoding="utf-8",
    )
    command = [
        locate().executable, f"-env:UserInstallation={profile.parent.as_uri()}", "--headless", "--norestore",
        "--convert-to", "pdf", "--outdir", str(tmp_path / "default-links"), str(source),
    ]  # fmt: skip
    done = _box.run(command, _box.Box(memory_mb=None, cpu_s=120), cwd=tmp_path, timeout_s=120)
    assert (tmp_path / "default-links" / "logo.pdf").is_file(), done.stdout
    assert any(line.startswith("GET /logo.png") for line in listener.seen()), listener.seen()
    assert (SCRIPTING, "MacroSecurityLevl") not in profile_settings(profile / "registrymodifications.xcu")


def test_password_protected_docx_is_kept_and_reported(tmp_path: Path, programs: Programs) -> None:
    plain = docx(tmp_path / "plain.docx", ["Fortroligt"])
    source = encrypted_docx(plain, tmp_path / "hemmelig.docx")
    result = convert(job(source, tmp_path), programs)
    assert (result.status, result.code, result.pdfa) == (NOT_CONVERTED, "encrypted", None)
    assert "password" in said(result)[0]
    assert not list(tmp_path.glob("*.pdf"))


def test_damaged_docx_is_a_clear_finding(tmp_path: Path, programs: Programs) -> None:
    good = docx(tmp_path / "good.docx", ["Kreditnota"])
    source = damaged_docx(good, tmp_path / "damaged.docx")
    result = convert(job(source, tmp_path), programs)
    assert (result.status, result.code, result.pdfa) == (NOT_CONVERTED, "corrupt", None)
    assert "damaged" in said(result)[0] and "ZIP" in said(result)[0]


@pytest.mark.slow
def test_without_a_session_convert_uses_a_profile_of_its_own_and_the_same_bytes(
    tmp_path: Path, programs: Programs
) -> None:
    source = docx(tmp_path / "alene.docx", ["Kvittering for kaffe", "Ærligt talt: 45,00 kr."], red_png())
    alone = convert(job(source, tmp_path / "alone"))
    assert "Kvittering for kaffe" in converted(alone)
    in_session = convert(job(source, tmp_path / "session"), programs)
    assert converted(in_session) and in_session.pdfa.read_bytes() == alone.pdfa.read_bytes()
