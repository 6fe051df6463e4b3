"""Pictures a theme or an outline names (logos, backgrounds, client logos, section pictures): one inspection.

`check` must refuse every picture `build` would fail on, so a picture is decoded here, not only its
header read: a truncated or damaged file fails now with its name, never halfway through a build. Limits
keep a hostile file (a "decompression bomb": a few kilobytes that decode to gigapixels) from exhausting
memory: the file's size and the header's pixel count are checked before any pixel is decoded, and a JPEG
is decoded at an eighth of its size (libjpeg scales while decoding and still reads every byte).

Every caller reports a refusal the same way (`report`): "picture 'NAME' PROBLEM" at the place the name was
written, with a hint saying what to do.
"""
from __future__ import annotations

import os
import re
import struct
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Formats PowerPoint, Keynote and LibreOffice all show (Pillow's names), with the extension each is saved as.
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}
MAX_BYTES = 20 * 1024 * 1024  # a logo is kilobytes, a full-slide photo a few megabytes
# Pixels a picture may have. Pillow holds a decoded picture at 4 bytes a pixel, and scaling one with
# transparency down for a slide takes a second full-size copy: 16 megapixels (4,000 × 4,000; a 5K
# screenshot fits) keep that near 130 MB (bench/attack.py measures it). A JPEG is decoded at 1/2, 1/4 or
# 1/8 of its size, whichever still has the pixels its box needs, so a 50-megapixel camera photo costs less.
MAX_PIXELS = 16_000_000
MAX_JPEG_PIXELS = 50_000_000
MAX_SIDE = 20_000  # pixels along either side (a 1 × 20,000,000 strip is no picture either)
EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg")
ORIENTATION = 0x0112  # the EXIF tag a camera writes instead of turning the pixels
SIZE_HINT = "scale it down: a full-slide picture needs about 3000 pixels across"
LIMITS = (f"where the limit is {MAX_PIXELS // 1_000_000} megapixels ({MAX_JPEG_PIXELS // 1_000_000} for a JPEG photo) "
          f"and {MAX_SIDE:,} pixels a side")
# The first bytes of each format: a file that starts like a picture but will not open is a damaged picture.
SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff", "GIF": b"GIF8", "BMP": b"BM",
              "TIFF": b"II*\x00"}


class PictureError(Exception):
    """A picture that cannot go on a slide: `problem` completes "picture 'NAME' …"; `hint` says what to do."""

    def __init__(self, problem: str, hint: str | None = None):
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


@dataclass(frozen=True)
class Picture:
    format: str  # PNG, JPEG, GIF, BMP, TIFF or SVG
    width: int  # pixels as shown: a photo's EXIF orientation applied (CSS pixels for a drawing)
    height: int
    orientation: int = 1  # EXIF orientation: 1 is upright; anything else is turned when put in a deck

    @property
    def turned(self) -> bool:
        """The stored pixels are not the picture as shown: it must be turned (or mirrored) first."""
        return self.orientation != 1


def inspect(path: Path | str, *, drawings: bool = True) -> Picture:
    """The picture's format and size as shown, after decoding it completely; PictureError when it cannot
    be used. `drawings`: SVG drawings are accepted (they are rasterised at the size their box needs)."""
    from .yamlsource import file_problem
    path = Path(path)
    why = file_problem(path)
    if why is not None:
        raise _missing(path) if why == "file not found" else PictureError(_file_problem(why))
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:  # gone since file_problem looked
        raise PictureError(f"cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if not drawings and is_svg(path):
        raise PictureError("is an SVG drawing; this picture must be PNG, JPEG, GIF, BMP or TIFF",
                           "export it as PNG (at least twice the size it is shown at)")
    return _inspect(str(path), st.st_mtime_ns, st.st_size)


def report(diags, exc: PictureError, written: str, loc, what: str | None = None) -> None:
    """The refusal as one located error: "[WHAT: ]picture 'NAME' PROBLEM", with its hint."""
    name = written if len(written) <= 80 else written[:79] + "…"
    diags.error(f"{what + ': ' if what else ''}picture '{name}' {exc.problem}", loc, exc.hint)


def _missing(path: Path) -> PictureError:
    from .errors import display_path
    folder = path.parent
    try:
        near = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS and p.is_file())[:8] \
            if folder.is_dir() else []
    except OSError:
        near = []
    return PictureError(f"not found (looked in {display_path(folder)})",
                        "pictures there: " + ", ".join(near) if near else "the path is relative to the file "
                        "that names it")


def _file_problem(why: str) -> str:
    """yamlsource.file_problem's wording, completing "picture 'NAME' …"."""
    if why.endswith("found a folder"):
        return "is a folder, not a picture file"
    if why.startswith(("a ", "not ")):
        return "is " + why
    return why  # "cannot read the file: …", "the file name is too long …"


@lru_cache(maxsize=64)
def _inspect(path: str, mtime_ns: int, size: int) -> Picture:
    if size > MAX_BYTES:
        raise PictureError(f"is {size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB", SIZE_HINT)
    if size == 0:
        raise PictureError("is an empty file", "save or export it again")
    with open(path, "rb") as f:
        head = f.read(1024)
    if _is_svg(path, head):
        return _inspect_svg(Path(path))
    return _inspect_raster(path, head)


def _inspect_raster(path: str, head: bytes) -> Picture:
    from PIL import Image, UnidentifiedImageError
    with warnings.catch_warnings():
        # Pillow's own limit (a warning, then an error at twice it) stands behind ours: a format whose size
        # only shows once decoding starts still stops there.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as im:
                fmt, (w, h) = im.format or "", im.size
                if fmt not in FORMATS:
                    raise PictureError(f"is a {fmt or 'an unknown'} picture, which slides cannot show everywhere",
                                       "save it as PNG or JPEG")
                _check_size(w, h, fmt)
                if fmt != "JPEG":
                    im.verify()  # chunk checksums (PNG) and structure, before any pixel is decoded
            with Image.open(path) as im:
                orientation = _orientation(im)
                if fmt == "JPEG":
                    im.draft(im.mode, (max(1, w // 8), max(1, h // 8)))  # decoded at 1/8: every byte is read
                im.load()  # decodes every pixel: a truncated or corrupt file fails here, not in a build
        except PictureError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            counted = re.search(r"\((\d+) pixels\)", str(exc))
            claims = f"its header claims {int(counted.group(1)) / 1e6:,.0f} megapixels" if counted else str(exc)
            raise PictureError(f"is too large to open safely: {claims}, {LIMITS}", SIZE_HINT) from None
        except UnidentifiedImageError:
            signed = next((fmt for fmt, magic in SIGNATURES.items() if head.startswith(magic)), None)
            if signed is not None:  # a picture's first bytes, but a header Pillow cannot read (a CRC, a size)
                raise PictureError(f"is a damaged {signed} file: its header cannot be read",
                                   "save or export it again from the program that made it") from None
            suffix = Path(path).suffix or "nothing"
            kind = "a text file, not a picture" if _looks_like_text(head) else "not a picture file"
            raise PictureError(f"is {kind} (its name says {suffix}, but no picture format matches its contents)",
                               "name a PNG, JPEG, GIF, BMP or TIFF file") from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError,
                struct.error) as exc:
            detail = str(exc) or type(exc).__name__
            cut = "truncated" in detail.lower() or isinstance(exc, EOFError)
            raise PictureError(f"is damaged or cut short ({'truncated' if cut else detail}): it cannot be decoded",
                               "save or export it again from the program that made it") from None
    if orientation in (5, 6, 7, 8):  # turned a quarter: the picture as shown is h wide, w high
        w, h = h, w
    return Picture(fmt, w, h, orientation)


TURNS = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
         7: "TRANSVERSE", 8: "ROTATE_90"}  # EXIF orientation -> what shows the stored pixels upright


def shrunk_upright(im, size: tuple[int, int], resample=None):
    """`im` (an opened picture file) resampled to `size` (as shown) and turned upright by its EXIF
    orientation. The picture is resampled first and turned after, so no full-size copy is made for the
    turn; a JPEG is decoded at the smallest scale libjpeg offers that still has `size`."""
    from PIL import Image
    orientation = _orientation(im)
    stored = size[::-1] if orientation in (5, 6, 7, 8) else size
    if im.format == "JPEG":
        im.draft(im.mode, stored)
    resample = Image.LANCZOS if resample is None else resample
    if im.mode in ("P", "1") and im.size != stored and resample != Image.NEAREST:
        # Pillow resamples palette pictures by nearest pixels only: their colours first
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    small = im if im.size == stored else im.resize(stored, resample)
    turn = TURNS.get(orientation)
    return small.transpose(getattr(Image.Transpose, turn)) if turn else small


def _orientation(im) -> int:
    try:
        value = im.getexif().get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - a damaged EXIF block is no reason to refuse the picture
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _check_size(w: int, h: int, fmt: str) -> None:
    if w <= 0 or h <= 0:
        raise PictureError(f"claims a size of {w} × {h} pixels: it is damaged", "save or export it again")
    limit = MAX_JPEG_PIXELS if fmt == "JPEG" else MAX_PIXELS
    if w > MAX_SIDE or h > MAX_SIDE or w * h > limit:
        megapixels = f" ({w * h / 1e6:,.0f} megapixels)" if w * h >= 1_000_000 else ""
        raise PictureError(f"is too large to open safely: {w:,} × {h:,} pixels{megapixels}, {LIMITS}", SIZE_HINT)


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of what was read is still text
    return True


# --- SVG drawings ----------------------------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_LENGTH = re.compile(r"^\s*([\d.]+)\s*(px|pt|mm|cm|in)?\s*$")
SVG_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
URL_REF = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.I)
DRAWING_HINT = "export it again, or as PNG"


def is_svg(path: Path) -> bool:
    """An SVG drawing, by its name or (whatever it is called) by its first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        return Path(path).suffix.lower() == ".svg"
    return _is_svg(str(path), head)


def _is_svg(path: str, head: bytes) -> bool:
    return path.lower().endswith(".svg") or b"<svg" in head.lower()


def _inspect_svg(path: Path) -> Picture:
    """The drawing's size in CSS pixels (from width/height, else its viewBox), after checking that it draws
    and reaches for nothing outside itself."""
    from lxml import etree
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(path.read_bytes(), parser)
    except (etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise PictureError(f"is not a readable SVG drawing ({exc})", DRAWING_HINT) from None
    if root.tag not in (f"{SVG_NS}svg", "svg"):
        raise PictureError(f"is not an SVG drawing (its root element is <{etree.QName(root).localname}>)",
                           "name a PNG, JPEG, GIF, BMP, TIFF or SVG file")
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.system_url or tree.docinfo.public_id:
        raise PictureError("declares a DTD or entities (<!DOCTYPE …>), which can read other files: refusing it",
                           "remove the <!DOCTYPE …> from the drawing, or export it as PNG")
    outside = _outside_reference(root)
    if outside is not None:
        raise PictureError(f"refers to something outside itself ('{outside[:60]}'), which a slide cannot carry",
                           "embed that picture or font in the drawing, or export it as PNG")
    size = []
    for key in ("width", "height"):
        m = SVG_LENGTH.match(root.get(key) or "")
        size.append(float(m.group(1)) * SVG_UNITS[m.group(2)] if m else None)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if None in size and len(box) == 4:
        try:
            size = [float(box[2]), float(box[3])]
        except ValueError:
            size = [None, None]
    if None in size or not all(v > 0 for v in size):
        raise PictureError("does not say how large it is (no width and height, nor a viewBox)",
                           "add a viewBox to its <svg> element, or export it as PNG")
    try:
        svg_to_png(path, 64, max(1, min(6400, round(64 * size[1] / size[0]))))
    except Exception as exc:  # noqa: BLE001 - cairosvg reports a broken drawing in many ways
        raise PictureError(f"is an SVG drawing that cannot be drawn ({exc})", DRAWING_HINT) from None
    return Picture("SVG", max(1, round(size[0])), max(1, round(size[1])))


def _outside_reference(root) -> str | None:
    """The first link to another file or a web address in the drawing (href, url(…), @import), or None."""
    def outside(ref: str) -> bool:
        ref = ref.strip()
        return bool(ref) and not ref.startswith(("#", "data:"))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.endswith("}href") or name == "href":
                if outside(value):
                    return value
            for ref in URL_REF.findall(value):
                if outside(ref):
                    return ref
        if el.tag in (f"{SVG_NS}style", "style") and el.text:
            if "@import" in el.text:
                return "@import"
            for ref in URL_REF.findall(el.text):
                if outside(ref):
                    return ref
    return None


def svg_to_png(path: Path, width: int, height: int) -> bytes:
    """The drawing as a PNG of exactly width×height pixels (cairosvg reads no other file: unsafe=False)."""
    import cairosvg
    return cairosvg.svg2png(url=str(path), output_width=width, output_height=height, unsafe=False)


__all__ = ["inspect", "report", "shrunk_upright", "is_svg", "svg_to_png", "Picture", "PictureError", "FORMATS", "MAX_BYTES",
           "MAX_PIXELS", "MAX_JPEG_PIXELS", "MAX_SIDE"]
