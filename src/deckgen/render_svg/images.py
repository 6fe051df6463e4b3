"""Pictures as data URIs, read once per file version (a logo on every slide is encoded once)."""
from __future__ import annotations

import base64
import io
from pathlib import Path

# Formats every SVG viewer (browsers, cairosvg) shows as they are; anything else is converted to PNG.
_AS_IS = {"PNG": "image/png", "JPEG": "image/jpeg"}


class ImageCache:
    def __init__(self):
        self._uris: dict[tuple[str, int, int], str] = {}

    def data_uri(self, path: Path) -> str | None:
        """The picture as a data URI; None when it cannot be read (gone since planning, or damaged)."""
        try:
            stat = Path(path).stat()
            key = (str(path), stat.st_mtime_ns, stat.st_size)
            uri = self._uris.get(key)
            if uri is None:
                uri = self._uris[key] = encode(Path(path))
        except (OSError, ValueError):  # Pillow's UnidentifiedImageError is an OSError
            return None
        return uri


def encode(path: Path) -> str:
    from PIL import Image, ImageOps
    data = path.read_bytes()
    if path.suffix.lower() == ".svg" or data.lstrip()[:256].lower().startswith((b"<svg", b"<?xml")):
        return f"data:image/svg+xml;base64,{base64.b64encode(data).decode('ascii')}"
    with Image.open(io.BytesIO(data)) as im:
        turned = im.getexif().get(0x0112, 1) != 1  # a phone photo: cairosvg would show it as stored, sideways
        mime = None if turned else _AS_IS.get(im.format or "")
        if mime is None:
            buf = io.BytesIO()
            ImageOps.exif_transpose(im).convert("RGBA").save(buf, "PNG")
            data, mime = buf.getvalue(), "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
