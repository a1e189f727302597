"""Pure helpers for setting up an authenticator app: the key written out, the QR code.

Nothing here touches the database or the request, so it is tested on its own.
"""

from __future__ import annotations

import base64
import io
import re

import segno

# GOV.UK "black": the darkest colour in the palette, high contrast on white.
_DARK = "#0b0c0c"


def base32_key(bin_key: bytes) -> str:
    """The secret as authenticator apps expect it typed: base32, no ``=`` padding."""
    return base64.b32encode(bin_key).decode("ascii").rstrip("=")


def group_key(key: str, size: int = 4) -> str:
    """``"JBSWY3DPEHPK3PXP"`` → ``"JBSW Y3DP EHPK 3PXP"``, easier to read and type."""
    compact = re.sub(r"\s+", "", key).upper()
    return " ".join(compact[i : i + size] for i in range(0, len(compact), size))


def qr_svg(data: str, *, title: str, scale: int = 5) -> str:
    """An inline ``<svg>`` QR code of ``data``, announced as an image called ``title``.

    No XML declaration or fixed namespace prefix, so it can sit inside HTML;
    the quiet zone (4 modules) is kept so phone cameras find the code.
    """
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        buffer,
        kind="svg",
        scale=scale,
        border=4,
        dark=_DARK,
        light="#ffffff",
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="sp-qr-code",
        lineclass=None,
        nl=False,
    )
    svg = buffer.getvalue().decode("utf-8")
    # Screen readers announce the title: mark the drawing as one image.
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)
