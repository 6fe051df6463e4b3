"""Pictures a theme or an outline names (logos, backgrounds, section pictures): checked once, fully, at load.

`check` must refuse every picture `build` would fail on, so a picture is decoded here, not only its
header read: a truncated or damaged file fails now with its name, never halfway through a build. Limits
keep a hostile file (a "decompression bomb": a few kilobytes that decode to gigapixels) from exhausting
memory: the header's size is checked before any pixel is decoded.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Formats PowerPoint shows (Pillow's format names).
FORMATS = ("PNG", "JPEG", "GIF", "BMP")
MAX_BYTES = 20 * 1024 * 1024  # a logo is kilobytes, a full-slide photo a few megabytes
MAX_PIXELS = 25_000_000  # 6000 × 4000: more than a 4K screen needs; decoding it stays under 100 MB
MAX_SIDE = 20_000  # pixels along either side (a 1 × 20,000,000 strip is no picture either)


class PictureError(Exception):
    """A picture that cannot go on a slide; the message says why (the caller says where)."""


@dataclass(frozen=True)
class Picture:
    format: str  # PNG, JPEG, GIF or BMP
    width: int
    height: int


def inspect(path: Path | str) -> Picture:
    """The picture's format and size, after decoding it completely; PictureError when it cannot be used."""
    path = Path(path)
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        raise PictureError(f"cannot read the picture: {getattr(exc, 'strerror', None) or exc}") from None
    return _inspect(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _inspect(path: str, mtime_ns: int, size: int) -> Picture:
    import stat

    from PIL import Image, UnidentifiedImageError
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise PictureError("not a regular file")
    if size > MAX_BYTES:
        raise PictureError(f"the picture is {size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB: "
                           "save it smaller (a full-slide picture needs about 2000 pixels across)")
    if size == 0:
        raise PictureError("the file is empty")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as im:
                fmt, (w, h) = im.format, im.size
                if fmt not in FORMATS:
                    raise PictureError(f"is a {fmt or 'unknown'} picture, not one PowerPoint can show: use a PNG, "
                                       "JPEG, GIF or BMP file")
                _check_size(w, h)
                im.verify()  # chunk checksums (PNG) and structure, without decoding
            with Image.open(path) as im:
                im.load()  # decodes every pixel: a truncated or corrupt file fails here, not in a build
        except PictureError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureError("the picture's header claims a size too large to decode safely "
                               "(a \"decompression bomb\")") from None
        except UnidentifiedImageError:
            raise PictureError("is not a picture PowerPoint can show: use a PNG, JPEG, GIF or BMP file") from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError) as exc:
            detail = str(exc) or type(exc).__name__
            if "truncated" in detail.lower():
                raise PictureError("the picture file is cut short (truncated): save or download it again") \
                    from None
            raise PictureError(f"the picture is damaged and cannot be decoded ({detail})") from None
    return Picture(fmt, w, h)


def _check_size(w: int, h: int) -> None:
    if w <= 0 or h <= 0:
        raise PictureError(f"the picture claims a size of {w} × {h} pixels")
    if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
        raise PictureError(f"the picture is {w:,} × {h:,} pixels; the limit is {MAX_PIXELS // 1_000_000} "
                           f"megapixels and {MAX_SIDE:,} pixels a side: save it smaller (a full-slide "
                           "picture needs about 2000 pixels across)")


__all__ = ["inspect", "Picture", "PictureError", "FORMATS", "MAX_BYTES", "MAX_PIXELS"]
