"""Raster images (JPEG, PNG, GIF, BMP, TIFF, HEIC/HEIF, WebP) to a PDF, one page per frame.

Every frame is a page: the pages of a TIFF, the frames of an animated GIF or WebP, the images of
a HEIF file (a burst): an archive cannot tell which frame is the voucher, so it keeps them all.

Pillow decodes, with its decompression-bomb guard made strict: ``Image.MAX_IMAGE_PIXELS`` is the
job's limit and exceeding it is an error, not a warning; later TIFF pages are checked the same
way. What the page must show is made explicit before it goes into the PDF: EXIF orientation is
applied, transparency is flattened onto white (a PDF/A-2 reader may otherwise show it black),
colour profiles are converted to sRGB, and CMYK, palette-with-transparency and 16/32-bit images
become 8-bit RGB or gray. img2pdf then wraps each image without re-encoding it again; an
untouched JPEG goes in byte for byte. Photos that were lossy to begin with (HEIC, lossy WebP) are
written as JPEG at quality 95, everything else losslessly as PNG. HEIF images are decoded by
``pillow-heif`` (libheif), which applies the orientation of the file itself (its ``irot``/
``imir`` boxes, which the iPhone writes together with EXIF orientation).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import img2pdf  # type: ignore[import-untyped]
import pikepdf
import PIL
import pillow_heif
from PIL import Image, ImageCms, ImageFile, ImageOps

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import (
    ConversionFailed,
    DocumentJob,
    DocumentProblem,
    Identity,
    Limits,
    NotConvertible,
)
from xena2archive.documents.pdfa import Provenance

# Only the images themselves: thumbnails, depth maps and other auxiliary images are not read.
pillow_heif.options.THUMBNAILS = False
pillow_heif.options.DEPTH_IMAGES = False
pillow_heif.options.AUX_IMAGES = False
pillow_heif.register_heif_opener()

TOOLS: Final = (f"Pillow {PIL.__version__}", f"img2pdf {img2pdf.__version__}", f"pikepdf {pikepdf.__version__}")
_PILLOW_FORMAT: Final = {
    "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "bmp": "BMP", "tiff": "TIFF", "heic": "HEIF", "webp": "WEBP",
}  # fmt: skip
_ORIENTATION: Final = 0x0112
_MAX_PAGE_PT: Final = 14400.0  # PDF's largest page side (200 inches)
_MIN_PAGE_PT: Final = 3.0
_DEFAULT_DPI: Final = 96.0  # img2pdf's and most viewers' assumption when an image has none
_ALPHA_MODES: Final = frozenset({"RGBA", "RGBa", "LA", "La", "PA"})


def to_pdf(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """A PDF of the image ``job.original`` (identified as ``identity.format``), a page a frame.

    Raises NotConvertible (image-too-large, too-many-pages, image-unreadable) or
    ConversionFailed (image-error, content-lost) with a reason; never anything else but
    MemoryError.
    """
    notes: list[Finding] = []
    path, fmt, limits = job.original, identity.format, job.limits
    with _pillow_limits(limits.max_image_pixels):
        try:
            pages = _encode_pages(path, fmt, limits, notes)
        except (DocumentProblem, MemoryError):
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise NotConvertible("image-too-large", F.DOC_IMAGE_TOO_LARGE("", error=str(error))) from error
        except Exception as error:  # Pillow reports damage as OSError, SyntaxError, ValueError...
            raise NotConvertible(
                "image-unreadable", F.DOC_IMAGE_UNREADABLE("", error=f"{type(error).__name__}: {error}")
            ) from error
        try:
            data = img2pdf.convert(
                [io.BytesIO(page) for page in pages],
                layout_fun=_layout,
                rotation=img2pdf.Rotation.none,
                nodate=True,
            )
        except MemoryError:
            raise
        except Exception as error:
            raise ConversionFailed("image-error",
                                   F.DOC_PROGRAM_FAILED("", program="img2pdf", error=str(error))) from error
    pdf = pikepdf.open(io.BytesIO(data))
    if len(pdf.pages) != len(pages):
        pdf.close()
        raise ConversionFailed("content-lost",
                               F.DOC_PAGES_LOST("", copy=len(pdf.pages), original=len(pages), program="img2pdf"))
    provenance = Provenance(name=job.name, sha256=identity.sha256, when=job.when, tools=TOOLS)
    return Made(pdf, provenance, tuple(notes))


@contextmanager
def _pillow_limits(max_pixels: int) -> Iterator[None]:
    """Pillow's bomb limit set to ours, and its warning made an error, for this block only. A
    truncated image is an error too: WeasyPrint, once imported, tells Pillow to accept them."""
    previous, truncated = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
    Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = max_pixels, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = previous, truncated


def _encode_pages(path: Path, fmt: str, limits: Limits, notes: list[Finding]) -> list[bytes]:
    """Each frame as PNG or JPEG bytes ready for img2pdf."""
    lossy = fmt == "heic" or (fmt == "webp" and _lossy_webp(path))
    with Image.open(path, formats=[_PILLOW_FORMAT[fmt]]) as image:
        count = getattr(image, "n_frames", 1)
        if count > limits.max_pages:
            raise NotConvertible("too-many-pages", F.DOC_TOO_MANY_PAGES("", pages=count, limit=limits.max_pages))
        if count > 1 and fmt != "tiff":
            notes.append(F.DOC_FRAMES("", count=count))
        pages = []
        for index in range(count):
            image.seek(index)
            width, height = image.size
            if width * height > limits.max_image_pixels:
                raise NotConvertible("image-too-large", F.DOC_IMAGE_PIXELS(
                    "", page=index + 1, width=width, height=height, limit=limits.max_image_pixels))
            pages.append(_encode(image, path, fmt, lossy, notes))
    return pages


def _lossy_webp(path: Path) -> bool:
    """Whether a WebP holds lossy (VP8) rather than lossless (VP8L) data: walk its RIFF chunks."""
    with path.open("rb") as stream:
        stream.seek(12)
        for _ in range(64):  # the image chunk comes after a few metadata chunks at most
            header = stream.read(8)
            if len(header) < 8:
                return False
            kind, size = header[:4], int.from_bytes(header[4:], "little")
            if kind in (b"VP8 ", b"ANMF"):
                return kind == b"VP8 " or b"VP8 " in stream.read(min(size, 64))
            if kind == b"VP8L":
                return False
            stream.seek(size + (size & 1), io.SEEK_CUR)
    return False


def _encode(frame: Image.Image, path: Path, fmt: str, lossy: bool, notes: list[Finding]) -> bytes:
    orientation = frame.getexif().get(_ORIENTATION, 1)
    untouched = (
        fmt == "jpeg"
        and frame.mode in ("RGB", "L")
        and orientation == 1
        and not frame.info.get("icc_profile")
    )
    if untouched:
        return path.read_bytes()
    dpi = frame.info.get("dpi")
    icc = frame.info.get("icc_profile")
    image = ImageOps.exif_transpose(frame) if orientation != 1 else frame.copy()
    applied = orientation if orientation != 1 else frame.info.get("original_orientation", 1)  # HEIF: by libheif
    if applied not in (1, None) and (rotated := F.DOC_EXIF_ROTATED("", orientation=applied)) not in notes:
        notes.append(rotated)
    image = _flatten(image, "transparency" in frame.info, notes)
    image = _to_srgb(image, icc, notes)
    image = _eight_bit(image)
    out = io.BytesIO()
    options = {"dpi": dpi} if dpi else {}
    if (fmt == "jpeg" or lossy) and image.mode in ("RGB", "L"):
        image.save(out, "JPEG", quality=95, subsampling=0, **options)
    else:
        image.save(out, "PNG", **options)
    return out.getvalue()


def _flatten(image: Image.Image, keyed: bool, notes: list[Finding]) -> Image.Image:
    """Put transparent pixels on white paper; the result has no alpha and no transparency key.
    ``keyed``: the image has a transparent colour or palette entry instead of an alpha channel."""
    if image.mode not in _ALPHA_MODES and not keyed:
        return image
    rgba = image.convert("RGBA")
    if rgba.getchannel("A").getextrema() != (255, 255) and F.DOC_TRANSPARENCY("") not in notes:
        notes.append(F.DOC_TRANSPARENCY(""))
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(paper, rgba).convert("RGB")


def _to_srgb(image: Image.Image, icc: object, notes: list[Finding]) -> Image.Image:
    """Convert by the embedded colour profile (Adobe RGB, CMYK press profiles) to sRGB, the
    output intent of the copy; without a profile, plain conversion."""
    if not isinstance(icc, bytes) or image.mode not in ("RGB", "CMYK"):
        return image.convert("RGB") if image.mode == "CMYK" else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if image.mode == "RGB" and "srgb" in ImageCms.getProfileDescription(source).lower():
            return image
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError) as error:
        notes.append(F.DOC_COLOUR_PROFILE("", error=str(error)))
        return image.convert("RGB")
    assert converted is not None  # profileToProfile returns the image unless inPlace
    return converted


def _eight_bit(image: Image.Image) -> Image.Image:
    """Modes PDF takes as they are ('1', 'L', 'RGB', 'P'), everything else to 8-bit."""
    mode = image.mode
    if mode in ("1", "L", "RGB", "P"):
        return image
    if mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value / 257).convert("L")
    if mode in ("I", "F"):
        low, high = image.getextrema()
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and (low < 0 or high > 255):
            span = (high - low) or 1
            image = image.point(lambda value: (value - low) * 255 / span)
        return image.convert("L")
    return image.convert("RGB")


def _layout(width_px: int, height_px: int, dpi: tuple[float, float]) -> tuple[float, float, float, float]:
    """Page size from the image's resolution, kept within PDF's page size limits."""
    dpi_x, dpi_y = (value if 10 <= value <= 10000 else _DEFAULT_DPI for value in dpi)
    width, height = width_px * 72 / dpi_x, height_px * 72 / dpi_y
    scale = 1.0
    if max(width, height) > _MAX_PAGE_PT:
        scale = _MAX_PAGE_PT / max(width, height)
    elif min(width, height) < _MIN_PAGE_PT:
        scale = min(_MIN_PAGE_PT / min(width, height), _MAX_PAGE_PT / max(width, height))
    width, height = width * scale, height * scale
    return width, height, width, height
