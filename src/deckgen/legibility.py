"""Contrast by construction: every text colour on a slide checked against what lies behind it, and a
theme colour that reads too faintly there replaced by a darker (or lighter) shade of itself.

The shade keeps the colour's theme slot and says how it is derived (PowerPoint's lumMod/lumOff, which
adjust HSL lightness), so a deck still recolours with its theme; fills and rules keep the colour as chosen.
"""
from __future__ import annotations

import colorsys
from dataclasses import replace
from functools import lru_cache

from .plan import Colour, Group, Shape, Slide, TextBlock, iter_elements
from .theme import contrast

LARGE_TEXT = 18.0  # WCAG 2: text this large (or 14 pt bold) is large text
AA_TEXT, AA_LARGE = 4.5, 3.0
STEPS = tuple(round(1 - 0.05 * k, 2) for k in range(1, 20))  # lumMod 95% … 5%


def minimum_contrast(size: float, bold: bool) -> float:
    """WCAG AA: 4.5:1 for text, 3:1 for large text."""
    return AA_LARGE if size >= LARGE_TEXT or (bold and size >= 14) else AA_TEXT


def shade(colour: Colour, lum_mod: float, lum_off: float) -> Colour:
    """The colour with its HSL lightness scaled and offset, as PowerPoint computes lumMod/lumOff."""
    base = colour.hex.lstrip("#")
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = min(max(lightness * lum_mod + lum_off, 0.0), 1.0)
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    hex_ = "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))
    return Colour(hex_, colour.slot, colour.role, lum_mod=lum_mod, lum_off=lum_off or None)


@lru_cache(maxsize=4096)
def legible(colour: Colour, behind: Colour, minimum: float, fallbacks: tuple[Colour, ...] = ()) -> Colour:
    """`colour` if it reads on `behind`; else the nearest shade of it that does (darker on a light ground,
    lighter on a dark one); a neutral text colour gives way to the theme's other one first."""
    if contrast(colour.hex, behind.hex) >= minimum:
        return colour
    for other in fallbacks:
        if other.hex != colour.hex and contrast(other.hex, behind.hex) >= minimum:
            return other
    darker = contrast("#000000", behind.hex) >= contrast("#FFFFFF", behind.hex)
    for step in STEPS:
        candidate = shade(colour, step, 0.0) if darker else shade(colour, step, round(1 - step, 2))
        if contrast(candidate.hex, behind.hex) >= minimum:
            return candidate
    return Colour("#000000" if darker else "#FFFFFF")


def behind(shapes: list[Shape], index: int, page: Colour) -> Colour:
    """The fill under a text shape: its own, else the topmost earlier filled shape under its centre."""
    s = shapes[index]
    if s.fill is not None:
        return s.fill
    cx, cy = s.box.cx, s.box.cy
    for other in reversed(shapes[:index]):
        if other.fill is not None and other.box.x <= cx <= other.box.right and other.box.y <= cy <= other.box.bottom:
            return other.fill
    return page


def _readable_block(block: TextBlock, ground: Colour, neutrals: tuple[Colour, ...]) -> TextBlock:
    def fix(c: Colour | None, size: float, bold: bool) -> Colour | None:
        if c is None:
            return None
        fallbacks = neutrals if c in neutrals else ()
        return legible(c, ground, minimum_contrast(size, bold), fallbacks)

    paragraphs = []
    for p in block.paragraphs:
        size = p.size or block.size
        bold = block.bold if p.bold is None else p.bold
        paragraphs.append(replace(p, colour=fix(p.colour, size, bold),
                                  marker_colour=fix(p.marker_colour, size, bold)
                                  if p.marker_colour is not None else None)
                          if p.colour is not None or p.marker_colour is not None else p)
    return replace(block, colour=fix(block.colour, block.size, block.bold), paragraphs=tuple(paragraphs))


def readable(slide: Slide, page: Colour, neutrals: tuple[Colour, ...]) -> Slide:
    """The slide with every text colour legible on what lies behind it (`page` where nothing does)."""
    ground = slide.background or page
    shapes = [e for e in iter_elements(slide.elements) if isinstance(e, Shape)]
    fixed: dict[int, Shape] = {}
    for i, s in enumerate(shapes):
        if s.text is not None:
            block = _readable_block(s.text, behind(shapes, i, ground), neutrals)
            if block != s.text:
                fixed[id(s)] = replace(s, text=block)
    if not fixed:
        return slide

    def rebuild(elements):
        out = []
        for e in elements:
            if isinstance(e, Group):
                e = replace(e, children=tuple(rebuild(e.children)))
            out.append(fixed.get(id(e), e))
        return out

    return replace(slide, elements=tuple(rebuild(slide.elements)))
