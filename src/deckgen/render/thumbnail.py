"""The deck's preview image (docProps/thumbnail.jpeg): its cover drawn from the plan with Pillow.

Finder, Explorer and the file pickers of PowerPoint and Keynote show it before the deck is opened. It is
a sketch at 256 px wide, not a rendering: background, filled shapes, lines, pictures and text in the
planned colours, at their planned places.
"""
from __future__ import annotations

import io
from functools import lru_cache

from ..plan import Connector, Deck, Picture, Shape, Slide, iter_elements
from ..textfit import _CJK_FALLBACKS, _first

WIDTH = 256
_SCALE_TEXT = 1.0


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@lru_cache(maxsize=64)
def _font(px: int, bold: bool):
    from PIL import ImageFont
    hit = _first(_CJK_FALLBACKS[bold])  # the Noto CJK faces hold Latin letters too
    if hit is None:
        return ImageFont.load_default()
    return ImageFont.truetype(hit[0], max(px, 4), index=hit[1])


def draw_slide(slide: Slide, width: int, height: int, px_width: int = WIDTH):
    """A Pillow image of `slide` (EMU `width` × `height`) `px_width` pixels wide."""
    from PIL import Image, ImageDraw
    scale = px_width / width
    size = (px_width, max(1, round(height * scale)))
    background = slide.background.hex if slide.background is not None else "#FFFFFF"
    image = Image.new("RGB", size, _rgb(background))
    if slide.background_image is not None:
        _paste_cover(image, slide.background_image)
    draw = ImageDraw.Draw(image)

    def px(v: int) -> int:
        return int(round(v * scale))

    for e in iter_elements(slide.elements):
        if isinstance(e, Shape):
            box = (px(e.box.x), px(e.box.y), px(e.box.right), px(e.box.bottom))
            if e.fill is not None or e.line is not None:
                fill = _rgb(e.fill.hex) if e.fill is not None else None
                outline = _rgb(e.line.hex) if e.line is not None else None
                if e.geometry == "ellipse":
                    draw.ellipse(box, fill=fill, outline=outline)
                elif e.geometry == "roundRect":
                    draw.rounded_rectangle(box, radius=min(box[2] - box[0], box[3] - box[1]) // 2, fill=fill,
                                           outline=outline)
                else:
                    draw.rectangle(box, fill=fill, outline=outline)
            if e.text is not None:
                _draw_text(draw, e, scale)
        elif isinstance(e, Connector):
            draw.line([(px(e.start[0]), px(e.start[1])), (px(e.end[0]), px(e.end[1]))], fill=_rgb(e.colour.hex),
                      width=max(1, round(e.width * 12700 * scale)))
        elif isinstance(e, Picture):
            _paste(image, e, scale)
    return image


def _draw_text(draw, s: Shape, scale: float) -> None:
    block = s.text
    l, t, r, _ = block.insets
    x0, y = (s.box.x + l) * scale, (s.box.y + t) * scale
    width = (s.box.w - l - r) * scale
    lines = []
    for p in block.paragraphs:
        size = (p.size or block.size) * 12700 * scale
        font = _font(round(size), bool(block.bold if p.bold is None else p.bold))
        colour = _rgb((p.colour or block.colour).hex)
        for text in p.text.replace("{n}", "").split("\n"):
            lines += [(piece, font, colour, size) for piece in _wrap(draw, text, font, width)]
    pitch = [(block.line_pitch * 12700 * scale) or size * 1.2 for *_, size in lines]
    total = sum(pitch)
    if block.anchor == "ctr":
        y += (s.box.h * scale - total) / 2
    elif block.anchor == "b":
        y += s.box.h * scale - total
    for (text, font, colour, size), step in zip(lines, pitch):
        w = draw.textlength(text, font=font)
        x = x0 + {"ctr": (width - w) / 2, "r": width - w}.get(block.align, 0)
        draw.text((x, y + (step - size) / 2), text, fill=colour, font=font)
        y += step


def _wrap(draw, text: str, font, width: float) -> list[str]:
    out, line = [], ""
    for ch in text:
        if line and draw.textlength(line + ch, font=font) > width:
            out.append(line)
            line = ch.lstrip()
        else:
            line += ch
    return out + [line] if line or not out else out


def _paste(image, p: Picture, scale: float) -> None:
    from PIL import Image
    size = (max(1, round(p.box.w * scale)), max(1, round(p.box.h * scale)))
    try:
        with Image.open(p.path) as src:
            pic = _small(src, size).convert("RGBA")
    except OSError:
        return
    image.paste(pic, (round(p.box.x * scale), round(p.box.y * scale)), pic)


def _paste_cover(image, path) -> None:
    from PIL import Image, ImageOps
    try:
        with Image.open(path) as src:
            w, h = image.size
            shown = src.size[::-1] if src.getexif().get(0x0112, 1) in (5, 6, 7, 8) else src.size
            scale = max(w / shown[0], h / shown[1])  # covering the slide, then cropped to it
            image.paste(ImageOps.fit(_small(src, (max(w, round(shown[0] * scale)), max(h, round(shown[1] * scale))))
                                     .convert("RGB"), image.size))
    except OSError:
        return


def _small(src, size):
    """A picture file at (about) `size`, upright. A thumbnail needs no fine resampling: a large picture is
    first sampled down to twice the size (nearest pixels: no full-size copy, as smoother filters make for a
    picture with transparency), then smoothed."""
    from PIL import Image

    from ..images import shrunk_upright
    if src.width * src.height > 16 * size[0] * size[1]:
        src = shrunk_upright(src, (2 * size[0], 2 * size[1]), Image.NEAREST)
        return src.resize(size, Image.LANCZOS)
    return shrunk_upright(src, size)


def cover_thumbnail(deck: Deck) -> bytes:
    """JPEG bytes of the deck's first slide (a blank page for a deck without slides); deterministic."""
    from PIL import Image
    if deck.slides:
        image = draw_slide(deck.slides[0], deck.width, deck.height)
    else:
        image = Image.new("RGB", (WIDTH, max(1, round(WIDTH * deck.height / deck.width))), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


__all__ = ["cover_thumbnail", "draw_slide"]
