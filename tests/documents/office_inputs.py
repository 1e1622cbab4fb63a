"""Office documents written by the tests themselves, from their XML parts (no office library):
a docx with Danish text and an image (in the package, or linked to an address outside it), an odt
(with or without a macro that writes a file when it runs), an ods, an odp, an xlsx with two sheets
and a long text in a narrow column (openpyxl), a docx protected with a password (msoffcrypto-tool),
and a damaged docx. The older binary formats (Word 97 .doc, Excel 97 .xls) and PowerPoint's .pptx
are the odt, ods and odp saved so by LibreOffice (``saved_as``), as no library of the test
environment writes them."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import msoffcrypto.format.ooxml
import openpyxl
from PIL import Image

LONG_TEXT = "Købt økologiske æbler og pærer på torvet i Århus hos grønthandleren ved åen"

_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def red_png(size: int = 60) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def docx(path: Path, paragraphs: list[str], png: bytes | None = None, *, linked_image: str | None = None) -> Path:
    """A minimal WordprocessingML package: one paragraph per text, then the image inline. With
    ``linked_image`` (a URL) the picture is not in the package but linked to that address, as Word
    writes "Insert picture: link to file"; a program that shows it fetches it."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in paragraphs)
    blip = 'r:embed="rIdImage"' if linked_image is None else 'r:link="rIdImage"'
    if png is not None or linked_image is not None:
        emu = 914400  # one inch
        body += (
            f'<w:p><w:r><w:drawing><wp:inline><wp:extent cx="{emu}" cy="{emu}"/><wp:docPr id="1" name="Billede 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            '<pic:nvPicPr><pic:cNvPr id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip {blip}/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="{emu}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r></w:p>"
        )
    image_rel = (
        f'<Relationship Id="rIdImage" Type="{_DOC_REL}/image" Target="media/image1.png"/>' if png is not None else ""
    )
    if linked_image is not None:
        image_rel = (f'<Relationship Id="rIdImage" Type="{_DOC_REL}/image" Target="{escape(linked_image)}" '
                     'TargetMode="External"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f"<w:document {_W}><w:body>{body}</w:body></w:document>",
        )
        package.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{_PKG_RELS}">{image_rel}</Relationships>',
        )
        if png is not None and linked_image is None:
            package.writestr("word/media/image1.png", png)
    return path


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ooo="http://openoffice.org/2004/office" '
    'xmlns:dom="http://www.w3.org/2001/xml-events"'
)
_BASIC_DTD = '<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{1}">'


def odt(path: Path, paragraphs: list[str], *, macro_writes: Path | None = None) -> Path:
    """A minimal OpenDocument text. With ``macro_writes``, it carries a Basic macro bound to the
    document's load event that writes that file: proof that it ran."""
    events = ""
    if macro_writes is not None:
        events = (
            "<office:scripts><office:event-listeners>"
            '<script:event-listener script:language="ooo:script" script:event-name="dom:load" '
            'xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document" '
            'xlink:type="simple"/></office:event-listeners></office:scripts>'
        )
    text = "".join(f"<text:p>{escape(paragraph)}</text:p>" for paragraph in paragraphs)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF} office:version="1.2">'
        f"{events}<office:body><office:text>{text}</office:text></office:body></office:document-content>"
    )
    parts = {"content.xml": content}
    if macro_writes is not None:
        parts["Basic/script-lc.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>' + _BASIC_DTD.format("library:libraries", "libraries.dtd")
            + '<library:libraries xmlns:library="http://openoffice.org/2000/library" '
            'xmlns:xlink="http://www.w3.org/1999/xlink"><library:library library:name="Standard" '
            'library:link="false"/></library:libraries>'
        )  # fmt: skip
        parts["Basic/Standard/script-lb.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>' + _BASIC_DTD.format("library:library", "library.dtd")
            + '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" '
            'library:readonly="false" library:passwordprotected="false">'
            '<library:element library:name="Module1"/></library:library>'
        )  # fmt: skip
        parts["Basic/Standard/Module1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>' + _BASIC_DTD.format("script:module", "module.dtd")
            + '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
            f'script:language="StarBasic">Sub Main\n  Open "{escape(str(macro_writes))}" For Output As #1\n'
            '  Print #1, "the macro ran"\n  Close #1\nEnd Sub\n</script:module>'
        )  # fmt: skip
    return _odf_package(path, "application/vnd.oasis.opendocument.text", parts)


def _odf_package(path: Path, media_type: str, parts: dict[str, str]) -> Path:
    """An OpenDocument package: its media type stored first, the parts, and their manifest."""
    manifest = "".join(
        f'<manifest:file-entry manifest:full-path="{entry}" manifest:media-type="'
        + (media_type if entry == "/" else "text/xml") + '"/>'
        for entry in ["/", *parts]
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), media_type)  # stored, first
        for name, data in parts.items():
            package.writestr(name, data)
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f"{manifest}</manifest:manifest>",
        )
    return path


def xlsx(path: Path) -> Path:
    """Two sheets; on the first a long Danish text in a 6-character column with a filled cell
    right of it (printed as it is, the text would be cut off there) and a hidden row."""
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Bilag"
    first.append(["Nr", "Tekst", "Beløb"])
    first.append([1, LONG_TEXT, 1234.5])
    first.append([2, "Husleje", 8000])
    first.column_dimensions["B"].width = 6
    first.row_dimensions[3].hidden = True
    second = book.create_sheet("Moms")
    second.append(["Udgående moms på ålefangst", 42])
    book.save(path)
    return path


def encrypted_docx(plain: Path, path: Path, password: str = "hemmeligt") -> Path:
    with plain.open("rb") as source, path.open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt(password, target)
    return path


def damaged_docx(good: Path, path: Path) -> Path:
    """The first half of a good docx: a ZIP whose central directory is gone."""
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet of text cells, columns at their default width."""
    table = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'
                  for cell in row)
        + "</table:table-row>"
        for row in rows
    )  # fmt: skip
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF} '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ark1">{table}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    return _odf_package(path, "application/vnd.oasis.opendocument.spreadsheet", {"content.xml": content})


def odp(path: Path, slides: list[str]) -> Path:
    """A minimal OpenDocument presentation: one slide per text, in a text box."""
    pages = "".join(
        f'<draw:page draw:name="Dias{n}"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="5cm">'
        f"<draw:text-box><text:p>{escape(text)}</text:p></draw:text-box></draw:frame></draw:page>"
        for n, text in enumerate(slides, 1)
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF} '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">'
        f"<office:body><office:presentation>{pages}</office:presentation></office:body></office:document-content>"
    )
    return _odf_package(path, "application/vnd.oasis.opendocument.presentation", {"content.xml": content})


# The formats a company's older or other office programs write, as LibreOffice saves them.
SAVED_AS = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97", "pptx": "pptx:Impress MS PowerPoint 2007 XML"}


def saved_as(source: Path, fmt: str, folder: Path) -> Path:
    """``source`` saved by LibreOffice as ``fmt`` (a key of ``SAVED_AS``) into ``folder``, with a
    profile of its own: a Word 97 or Excel 97 file, or a PowerPoint package, as such programs write."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", SAVED_AS[fmt], "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    shutil.rmtree(profile, ignore_errors=True)
    saved = folder / f"{source.stem}.{fmt}"
    assert saved.is_file(), f"LibreOffice did not save {source.name} as {fmt}"
    return saved


def rtf(path: Path, text: str) -> Path:
    """An RTF document in Windows-1252, its non-ASCII letters written as RTF escapes."""
    body = "".join(f"\\'{byte:02x}" if byte > 127 else chr(byte) for byte in text.encode("cp1252"))
    document = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs24 " + body + "\\par}"
    path.write_bytes(document.encode("ascii"))
    return path
