"""A partnership's logo, made safe for every format: checked by its content, shrunk, and
stored as PNG.

python-docx embeds only PNG, JPEG, GIF, BMP and TIFF, and a browser is told the image's
type, so whatever a manager uploads (a WebP from the council's website, a GIF, a photo
from a phone) is turned into one PNG on upload.  The file's name and the browser's
``Content-Type`` are not trusted: Pillow reads the bytes.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024  # 2 MB: a logo, not a poster
MAX_PIXELS = 16_000_000  # width × height read before decoding (no decompression bombs)
MAX_SIDE = 1000  # pixels; printed at most 6 cm wide, so 1000 px is sharp at 400 dpi
ACCEPTED = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP", "BMP": "BMP"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


class LogoError(ValueError):
    """The upload is not a picture SaferPlan can use as a logo; the message says why."""


def accepted_names() -> str:
    return ", ".join(ACCEPTED.values())


def to_png(data: bytes) -> bytes:
    """The picture as a PNG at most ``MAX_SIDE`` pixels on its longer side.

    Raises ``LogoError`` for anything too large or not a picture of an accepted type.
    """
    if len(data) > MAX_BYTES:
        raise LogoError(f"The logo must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in ACCEPTED:
                raise LogoError(f"The logo must be a picture file: {accepted_names()}")
            if width * height > MAX_PIXELS:
                raise LogoError("The logo has too many pixels: make it smaller than 4000 by 4000")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)  # an animated GIF or WebP: its first frame
            picture = ImageOps.exif_transpose(image)
            transparent = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            picture = picture.convert("RGBA" if transparent else "RGB")
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            picture.save(out, format="PNG", optimize=True)
    except LogoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise LogoError(f"The logo must be a picture file that opens: {accepted_names()}") from None
    return out.getvalue()


def embeddable(data: bytes | None) -> bytes | None:
    """PNG or JPEG bytes every renderer can embed, from what is stored (logos uploaded
    before conversion on upload may be anything); ``None`` if it cannot be used."""
    if not data:
        return None
    if data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        return data
    try:
        return to_png(data)
    except LogoError:
        return None


def mime_type(data: bytes) -> str:
    return "image/jpeg" if data.startswith(JPEG_MAGIC) else "image/png"


def read_stored(field) -> bytes | None:
    """The stored file's bytes; ``None`` when it has gone (a missing file must not stop
    the documents)."""
    if not field:
        return None
    try:
        with field.open("rb") as handle:
            return handle.read()
    except OSError:
        return None
