"""Looking inside PDFs with pikepdf, before and after Ghostscript, without rendering anything.

Three questions are answered here:

* may we convert it at all? (``open_original``: password, damage; ``survey``: signatures)
* what active content does it carry, and remove it (``survey``, ``strip_active``): JavaScript,
  launch and form-submission actions, automatic actions, attachments, multimedia. PDF/A forbids
  them and an archive must never run them.
* did the copy keep the pages? (``page_marks``): Ghostscript writes a blank page for input it
  cannot read and still exits 0, so every page of the copy must show text where the original
  showed text, and draw something where the original drew something. The same marks tell which
  pages are pictures (an image, no text) for OCR.

The object graph is walked from the catalog, so only what a reader could reach counts. Nothing is
decoded but content streams of pages and forms (for ``page_marks``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, SupportsInt

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents.model import ConversionFailed, NotConvertible

# Actions that run something, send something, or play media (PDF/A-2 6.5.1 forbids most; the
# rest, GoToE and SubmitForm, reach outside the document). GoTo, GoToR, URI, Named and Thread stay.
ACTIVE_ACTIONS: Final = frozenset(
    {
        "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm", "/Sound",
        "/Movie", "/Rendition", "/Hide", "/SetOCGState", "/Trans", "/GoTo3DView", "/GoToE",
        "/RichMediaExecute",
    }
)  # fmt: skip
ACTIVE_ANNOTATIONS: Final = frozenset({"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"})
_TEXT_OPERATORS: Final = frozenset({"Tj", "TJ", "'", '"'})
_PAINT_OPERATORS: Final = frozenset(
    {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "INLINE IMAGE", *_TEXT_OPERATORS}
)
_MARK_FILTER: Final = "Tj TJ ' \" Do f F f* B B* b b* S s sh BI ID EI"
_MAX_FORM_DEPTH: Final = 12


@dataclass(frozen=True)
class Survey:
    """What ``survey`` found: a description of the signature if signed, and active content."""

    signed: Finding | None
    active: frozenset[str]


@dataclass(frozen=True)
class Marks:
    """Whether a page shows text, whether it draws anything at all (text included), whether
    its content could be parsed at all, and whether it draws an image (looked for only on a
    page without text: such a page is a picture, perhaps of text)."""

    text: bool
    paint: bool
    readable: bool = True
    image: bool = False


def open_original(path: Path, name: str) -> pikepdf.Pdf:
    """Open a PDF to inspect it. Raises NotConvertible for a password or a file qpdf cannot read;
    messages name the document by ``name``, not by where it was extracted to.

    An owner password (restrictions on printing or copying, no password to open) does not stop
    us: the content is readable by anyone, and PDF/A forbids encryption, so the copy drops it.
    """
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError as error:
        raise NotConvertible("encrypted", F.DOC_PDF_PASSWORD("")) from error
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        message = _short(error).replace(str(path), name)
        if "encrypt" in message.lower():  # e.g. a security handler qpdf does not know
            raise NotConvertible("encrypted", F.DOC_PDF_ENCRYPTION("", error=message)) from error
        raise NotConvertible("corrupt", F.DOC_PDF_UNREADABLE("", error=message)) from error


def open_made(path: Path, code: str, program: str) -> pikepdf.Pdf:
    """Open the PDF a converter ``program`` wrote. Its output not being a PDF is the program's
    failure, not the document's: ConversionFailed with ``code`` (``ghostscript-error``, ...)."""
    try:
        return pikepdf.open(path)
    except pikepdf.PdfError as error:
        raise ConversionFailed(code, F.DOC_OUTPUT_UNREADABLE("", program=program, error=str(error))) from error


def survey(pdf: pikepdf.Pdf) -> Survey:
    """Find signatures and active content anywhere a reader can reach from the catalog."""
    root = pdf.Root
    active: set[str] = set()
    signed: Finding | None = None
    if Name.Perms in root:
        signed = F.DOC_SIGNATURE_PERMS("")
    signature_flags = False
    opener = root.get(Name.OpenAction)
    if isinstance(opener, Dictionary) and opener.get(Name.S) != Name.GoTo:
        active.add("OpenAction")
    acroform = root.get(Name.AcroForm)
    if isinstance(acroform, Dictionary):
        if Name.XFA in acroform:
            active.add("XFA form")
        signature_flags = bool(_integer(acroform.get(Name.SigFlags)) & 1)
    names = root.get(Name.Names)
    if isinstance(names, Dictionary):
        if Name.JavaScript in names:
            active.add("JavaScript")
        if Name.EmbeddedFiles in names:
            active.add("EmbeddedFiles")
    for node in _walk(root):
        if Name.AA in node:
            active.add("AdditionalActions")
        action = node.get(Name.S)
        if isinstance(action, Name) and str(action) in ACTIVE_ACTIONS:
            active.add(str(action)[1:])
        if Name.JS in node:
            active.add("JavaScript")
        if node.get(Name.Type) == Name.EmbeddedFile or Name.EF in node or Name.AF in node:
            active.add("EmbeddedFiles")
        subtype = node.get(Name.Subtype)
        if isinstance(subtype, Name) and str(subtype) in ACTIVE_ANNOTATIONS and Name.Rect in node:
            active.add(f"{str(subtype)[1:]} annotation")
        if signed is None and _is_signature(node):
            signed = F.DOC_SIGNATURE("")
    if signed is None and signature_flags:
        signed = F.DOC_SIGNATURE_FLAGS("")
    return Survey(signed=signed, active=frozenset(active))


def unprinted_annotations(pdf: pikepdf.Pdf) -> bool:
    """True if a page has an annotation without the Print flag (a link written with no /F is
    typical). Ghostscript's PDF/A mode silently drops those, hyperlinks included."""
    for page in pdf.pages:
        annots = page.obj.get(Name.Annots)
        if not isinstance(annots, Array):
            continue
        for annotation in annots:
            if (
                isinstance(annotation, Dictionary)
                and annotation.get(Name.Subtype) != Name.Popup
                and not _integer(annotation.get(Name.F)) & 4
            ):
                return True
    return False


def strip_active(pdf: pikepdf.Pdf) -> None:
    """Remove all active content ``survey`` looks for, in place.

    Used on a copy only: on Ghostscript's output (which drops most of it already) and on the
    in-memory original before it is handed to Ghostscript, never on the file we keep.
    """
    root = pdf.Root
    opener = root.get(Name.OpenAction)
    if isinstance(opener, Dictionary) and opener.get(Name.S) != Name.GoTo:
        del root.OpenAction
    acroform = root.get(Name.AcroForm)
    if isinstance(acroform, Dictionary) and Name.XFA in acroform:
        del acroform.XFA
    names = root.get(Name.Names)
    if isinstance(names, Dictionary):
        for key in (Name.JavaScript, Name.EmbeddedFiles):
            if key in names:
                del names[key]
    for node in _walk(root):  # the catalog itself first
        for key in (Name.AA, Name.AF, Name.EF, Name.JS):
            if key in node:
                del node[key]
        for key in (Name.A, Name.Next, Name.PA):
            value = node.get(key)
            if _is_active_action(value):
                del node[key]
            elif isinstance(value, Array):
                node[key] = Array([item for item in value if not _is_active_action(item)])
        annots = node.get(Name.Annots)
        if isinstance(annots, Array):
            node[Name.Annots] = Array(
                [a for a in annots if not (isinstance(a, Dictionary) and _is_active_annotation(a))]
            )


def page_marks(pdf: pikepdf.Pdf) -> list[Marks]:
    """For every page: does it show text, does it draw anything (following Form XObjects)."""
    return [_marks(page.obj, page.obj.get(Name.Resources), 0, set()) for page in pdf.pages]


def _marks(owner: pikepdf.Object, resources: object, depth: int, seen: set[tuple[int, int]]) -> Marks:
    try:
        instructions = pikepdf.parse_content_stream(owner, _MARK_FILTER)
    except (pikepdf.PdfError, ValueError, TypeError):
        return Marks(text=False, paint=False, readable=False)
    paint = image = False
    xobjects = resources.get(Name.XObject) if isinstance(resources, Dictionary) else None
    for instruction in instructions:
        operator = str(instruction.operator)
        if operator in _TEXT_OPERATORS:
            return Marks(text=True, paint=True)
        if operator in _PAINT_OPERATORS:
            paint = True
            image = image or operator == "INLINE IMAGE"
        elif operator == "Do" and isinstance(xobjects, Dictionary):
            target = xobjects.get(str(instruction.operands[0]))
            if not isinstance(target, Stream):
                continue
            if target.get(Name.Subtype) == Name.Image:
                paint = image = True
            elif (
                target.get(Name.Subtype) == Name.Form
                and depth < _MAX_FORM_DEPTH
                and target.objgen not in seen
            ):
                seen.add(target.objgen)
                inner = _marks(target, target.get(Name.Resources, resources), depth + 1, seen)
                if inner.text:
                    return inner
                paint, image = paint or inner.paint, image or inner.image
    return Marks(text=False, paint=paint, image=image)


def _walk(root: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """Every dictionary (and stream dictionary) reachable from ``root``, each once.

    Page content and font data are never decoded; the walk looks at keys and values only.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [root]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, Array):
            stack.extend(item for item in obj if isinstance(item, (Dictionary, Array, Stream)))
            continue
        node = obj.stream_dict if isinstance(obj, Stream) else obj
        yield node
        stack.extend(value for value in node.values() if isinstance(value, (Dictionary, Array, Stream)))


def _is_signature(node: pikepdf.Object) -> bool:
    if node.get(Name.FT) == Name.Sig and Name.V in node:
        return True
    return node.get(Name.Type) in (Name.Sig, Name.DocTimeStamp) and Name.ByteRange in node


def _is_active_action(value: object) -> bool:
    if not isinstance(value, Dictionary):
        return False
    action = value.get(Name.S)
    return (isinstance(action, Name) and str(action) in ACTIVE_ACTIONS) or Name.JS in value


def _is_active_annotation(annotation: pikepdf.Object) -> bool:
    subtype = annotation.get(Name.Subtype)
    return isinstance(subtype, Name) and str(subtype) in ACTIVE_ANNOTATIONS


def _integer(value: object) -> int:
    """An integer entry, or 0 if it is missing or not a number."""
    return int(value) if isinstance(value, SupportsInt) else 0


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__
