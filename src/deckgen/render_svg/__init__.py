"""A second renderer of the slide plan: one self-contained SVG document per slide (no LibreOffice needed).

It draws exactly what the plan says, like deckgen.render does for PowerPoint, with one drawing function
per element type in `SVG_DRAWERS` (mirroring render.ELEMENT_RENDERERS). Coordinates are points: the
slide's viewBox is its size in pt. Pictures are embedded as data URIs, so an SVG stands on its own
(in a browser page, or rasterised by cairosvg for `deckgen preview --fast`).

What a PowerPoint slide inherits from its layout and master beyond the theme's background colour and
background picture (a corporate template's decorations) is not drawn.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable
from xml.sax.saxutils import quoteattr

from ..plan import EMU_PER_PT, Box, Chart, Connector, Deck, Group, Picture, QrCode, Shape, Slide, Table
from .geometry import PRESETS, path_for
from .images import ImageCache
from .media import chart_svg, picture_svg, picture_uri, qr_svg
from .text import Frame, TextSetter

SVG_NS = "http://www.w3.org/2000/svg"
DEFAULT_BACKGROUND = "#FFFFFF"

# DrawingML preset dashes as multiples of the line width (dash, gap, …), as PowerPoint draws them.
DASHES = {"dash": (4, 3), "sysDash": (3, 1), "sysDot": (1, 1), "dot": (1, 3), "lgDash": (8, 3),
          "dashDot": (4, 3, 1, 3), "lgDashDot": (8, 3, 1, 3), "lgDashDotDot": (8, 3, 1, 3, 1, 3),
          "sysDashDot": (3, 1, 1, 1), "sysDashDotDot": (3, 1, 1, 1, 1, 1)}
ARROW_WIDTH, ARROW_LENGTH = 3.0, 3.0  # a "med" arrowhead, in line widths


def _pt(emu: float) -> float:
    return emu / EMU_PER_PT


def _n(v: float) -> str:
    """A coordinate as short text: two decimals at most."""
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


@dataclass
class Canvas:
    """One slide being drawn: the renderer's shared tools, the slide's number and the SVG pieces so far."""

    renderer: "SvgRenderer"
    number: int
    pieces: list[str] = field(default_factory=list)

    def add(self, svg: str) -> None:
        self.pieces.append(svg)

    def draw(self, element) -> None:
        drawer = SVG_DRAWERS.get(type(element), draw_unknown)
        drawer(self, element)


# --- element drawers -------------------------------------------------------------------------------

def draw_shape(c: Canvas, s: Shape) -> None:
    x, y, w, h = _pt(s.box.x), _pt(s.box.y), _pt(s.box.w), _pt(s.box.h)
    group = f'<g data-name={quoteattr(s.name)}'
    if s.rotation:
        group += f' transform="rotate({_n(s.rotation)} {_n(x + w / 2)} {_n(y + h / 2)})"'
    c.add(group + ">")
    if s.fill is not None or (s.line is not None and s.line_width > 0):
        flip = ""
        if s.flip_h or s.flip_v:
            flip = f" translate({_n(w if s.flip_h else 0)} {_n(h if s.flip_v else 0)}) " \
                   f"scale({-1 if s.flip_h else 1} {-1 if s.flip_v else 1})"
        fill = s.fill.hex if s.fill is not None else "none"
        stroke = f' stroke="{s.line.hex}" stroke-width="{_n(s.line_width)}"' \
            if s.line is not None and s.line_width > 0 else ""
        c.add(f'<path transform="translate({_n(x)} {_n(y)}){flip}" d="{path_for(s.geometry, w, h, s.adjust)}" '
              f'fill="{fill}"{stroke}/>')
    if s.text is not None:
        c.add(c.renderer.text.svg(s.text, _text_frame(s), c.number))
    c.add("</g>")


def _text_frame(s: Shape) -> Frame:
    from ..diagrams.common import text_rect  # the presets' text rectangles: one definition, the planner's
    tr = text_rect(s.geometry, s.box, s.adjust) if s.geometry != "rect" else s.box
    return Frame(_pt(tr.x), _pt(tr.y), _pt(tr.w), _pt(tr.h))


def draw_connector(c: Canvas, k: Connector) -> None:
    (x1, y1), (x2, y2) = (tuple(map(_pt, k.start)), tuple(map(_pt, k.end)))
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    head_len, head_half = ARROW_LENGTH * k.width, ARROW_WIDTH * k.width / 2
    heads = []
    if k.arrow_end:
        heads.append(((x2, y2), (ux, uy)))
        x2, y2 = x2 - ux * head_len * 0.9, y2 - uy * head_len * 0.9  # the line stops inside the head
    if k.arrow_start:
        heads.append(((x1, y1), (-ux, -uy)))
        x1, y1 = x1 + ux * head_len * 0.9, y1 + uy * head_len * 0.9
    dash = ""
    if k.dash in DASHES:
        dash = f' stroke-dasharray="{" ".join(_n(v * k.width) for v in DASHES[k.dash])}"'
    c.add(f'<line data-name={quoteattr(k.name)} x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
          f'stroke="{k.colour.hex}" stroke-width="{_n(k.width)}"{dash}/>')
    for (tx, ty), (dx, dy) in heads:
        bx, by = tx - dx * head_len, ty - dy * head_len
        points = [(tx, ty), (bx - dy * head_half, by + dx * head_half), (bx + dy * head_half, by - dx * head_half)]
        c.add(f'<polygon points="{" ".join(f"{_n(px)},{_n(py)}" for px, py in points)}" fill="{k.colour.hex}"/>')


def draw_table(c: Canvas, t: Table) -> None:
    c.add(f"<g data-name={quoteattr(t.name)}>")
    y = t.box.y
    borders = []
    for row_h, row in zip(t.row_heights, t.cells):
        x = t.box.x
        for col_w, cell in zip(t.col_widths, row):
            box = Box(x, y, col_w, row_h)
            if cell.fill is not None:
                c.add(f'<rect x="{_n(_pt(x))}" y="{_n(_pt(y))}" width="{_n(_pt(col_w))}" height="{_n(_pt(row_h))}" '
                      f'fill="{cell.fill.hex}"/>')
            c.add(c.renderer.text.svg(cell.text, Frame(_pt(box.x), _pt(box.y), _pt(box.w), _pt(box.h)), c.number))
            if t.border is not None:
                borders.append(f'<rect x="{_n(_pt(x))}" y="{_n(_pt(y))}" width="{_n(_pt(col_w))}" '
                               f'height="{_n(_pt(row_h))}" fill="none" stroke="{t.border.hex}" stroke-width="1"/>')
            x += col_w
        y += row_h
    c.pieces.extend(borders)  # drawn over every cell's fill, as the table's grid lines are
    c.add("</g>")


def draw_picture(c: Canvas, p: Picture) -> None:
    uri = picture_uri(c.renderer.images, p)
    if uri is None:  # gone or unreadable since planning: show where it goes
        draw_unknown(c, p)
        return
    if any(p.crop):
        c.add(picture_svg(uri, p))
        return
    c.add(f'<image data-name={quoteattr(p.name)} x="{_n(_pt(p.box.x))}" y="{_n(_pt(p.box.y))}" '
          f'width="{_n(_pt(p.box.w))}" height="{_n(_pt(p.box.h))}" preserveAspectRatio="none" href="{uri}"/>')


def draw_chart(c: Canvas, ch: Chart) -> None:
    # the chart's typefaces as CSS family lists, the face this machine has first (cairosvg uses only the
    # first one named: "Microsoft YaHei" missing would fall back to a face without Chinese glyphs)
    face = c.renderer.text.face
    c.add(chart_svg(replace(ch, latin=face(ch.latin, False, False)[0], ea=face(ch.ea, False, True)[0])))


def draw_qr(c: Canvas, q: QrCode) -> None:
    c.add(qr_svg(q))


def draw_group(c: Canvas, g: Group) -> None:
    c.add(f"<g data-name={quoteattr(g.name)}>")
    for child in g.children:
        c.draw(child)
    c.add("</g>")


def draw_unknown(c: Canvas, element) -> None:
    """An element type this renderer does not know yet: its box, dashed, and its name, so the slide
    still shows where it is."""
    box = getattr(element, "box", None)
    name = str(getattr(element, "name", type(element).__name__))
    if not isinstance(box, Box):
        c.add(f"<!-- {type(element).__name__} not drawn -->")
        return
    x, y, w, h = _pt(box.x), _pt(box.y), _pt(box.w), _pt(box.h)
    c.add(f'<g data-name={quoteattr(name)} data-undrawn="{type(element).__name__}">'
          f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="#F1F4F8" stroke="#98A4B3" '
          f'stroke-dasharray="4 3"/><text x="{_n(x + w / 2)}" y="{_n(y + h / 2)}" text-anchor="middle" '
          f'font-family="DejaVu Sans, sans-serif" font-size="12" fill="#5B6675">{type(element).__name__}</text></g>')


# One drawing function per element type the plan can hold (render.ELEMENT_RENDERERS' counterpart).
SVG_DRAWERS: dict[type, Callable[[Canvas, object], None]] = {
    Shape: draw_shape,
    Connector: draw_connector,
    Table: draw_table,
    Picture: draw_picture,
    Chart: draw_chart,
    QrCode: draw_qr,
    Group: draw_group,
}


class SvgRenderer:
    """Draws slides as SVG; keep one for many slides or rebuilds, so fonts and pictures load once."""

    def __init__(self, background: str = DEFAULT_BACKGROUND):
        self.background = background  # what a slide without a background of its own shows (the master's)
        self.text = TextSetter()
        self.images = ImageCache()

    @classmethod
    def for_theme(cls, theme) -> "SvgRenderer":
        return cls(theme.palette.get("background", DEFAULT_BACKGROUND))

    def slide(self, deck: Deck, index: int) -> str:
        """Slide `index` (0-based) of `deck` as an SVG document."""
        slide: Slide = deck.slides[index]
        w, h = _pt(deck.width), _pt(deck.height)
        c = Canvas(self, index + 1)
        bg = slide.background.hex if slide.background is not None else self.background
        c.add(f'<rect width="{_n(w)}" height="{_n(h)}" fill="{bg}"/>')
        background_uri = self.images.data_uri(slide.background_image) if slide.background_image else None
        if background_uri is not None:
            c.add(f'<image width="{_n(w)}" height="{_n(h)}" preserveAspectRatio="xMidYMid slice" '
                  f'href="{background_uri}"/>')
        if slide.background_picture is not None:
            p = slide.background_picture
            uri = picture_uri(self.images, p)
            if uri is not None:
                c.add(picture_svg(uri, p, "Background picture"))
        for element in slide.elements:
            c.draw(element)
        return (f'<svg xmlns="{SVG_NS}" version="1.1" viewBox="0 0 {_n(w)} {_n(h)}" width="{_n(w)}" '
                f'height="{_n(h)}">{"".join(c.pieces)}</svg>')

    def deck(self, deck: Deck) -> list[str]:
        return [self.slide(deck, i) for i in range(len(deck.slides))]


__all__ = ["SvgRenderer", "SVG_DRAWERS", "PRESETS", "Canvas"]
