"""The second way for a PDF copy the validator refuses: images it cannot read, re-encoded.

PDF/A-2 allows JPEG 2000 images, and Ghostscript passes them through as they are, but the
validator (``pikepdf.pdfa``) cannot read them and so cannot pass the copy. Decoded (by Pillow,
through pikepdf) and written again without loss as Flate, the same pixels are checked like any
other image. The alpha channel a JPEG 2000 image may carry (``/SMaskInData``) becomes a soft
mask of its own, as PDF/A expects.
"""

from __future__ import annotations

import zlib

import pikepdf
from pikepdf import Name
from pikepdf.models.image import PdfImage
from PIL import Image

from xena2archive import findings as F
from xena2archive.documents.model import ConversionFailed


def reencode_jpx(pdf: pikepdf.Pdf) -> int:
    """Re-encode every JPEG 2000 image of ``pdf`` in place. Returns how many there were.

    Raises ConversionFailed (``pdfa-invalid``) for an image that cannot be decoded.
    """
    # a list first: _write adds objects
    images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and _is_jpx(obj)]
    for obj in images:
        try:
            picture = PdfImage(obj).as_pil_image()
        except Exception as error:  # Pillow's and pikepdf's decoders raise many kinds
            raise ConversionFailed("pdfa-invalid", F.DOC_JPEG2000_UNDECODABLE("", error=str(error))) from error
        _write(pdf, obj, picture)
    return len(images)


def _is_jpx(obj: pikepdf.Object) -> bool:
    if not isinstance(obj, pikepdf.Stream) or obj.get(Name.Subtype) != Name.Image:
        return False
    filters = obj.get(Name.Filter)
    return Name.JPXDecode in (list(filters) if isinstance(filters, pikepdf.Array) else [filters])


def _write(pdf: pikepdf.Pdf, obj: pikepdf.Stream, picture: Image.Image) -> None:
    alpha = None
    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        alpha = picture.convert("RGBA").getchannel("A")
    picture = picture.convert("L" if picture.mode in ("1", "L", "LA", "I", "I;16", "F") else "RGB")
    for key in (Name.SMaskInData, Name.Decode, Name.DecodeParms, Name.ColorSpace):
        if key in obj:
            del obj[key]
    obj.write(zlib.compress(picture.tobytes()), filter=Name.FlateDecode)
    obj.ColorSpace = Name.DeviceGray if picture.mode == "L" else Name.DeviceRGB
    obj.BitsPerComponent = 8
    obj.Width, obj.Height = picture.size
    if alpha is not None:
        mask = pdf.make_stream(
            zlib.compress(alpha.tobytes()),
            Type=Name.XObject, Subtype=Name.Image, Width=alpha.width, Height=alpha.height,
            ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode,
        )  # fmt: skip
        obj.SMask = mask
