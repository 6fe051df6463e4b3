"""The slide plan: plain data saying exactly what goes where on every slide (no pptx types here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Loc

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(v: float) -> int:
    return int(round(v * EMU_PER_INCH))


def pt(v: float) -> int:
    return int(round(v * EMU_PER_PT))


@dataclass(frozen=True)
class Box:
    """A rectangle in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def inset(self, dx: int, dy: int | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, max(self.w - 2 * dx, 0), max(self.h - 2 * dy, 0))

    def columns(self, n: int, gutter: int, weights: list[float] | None = None) -> list["Box"]:
        weights = weights or [1.0] * n
        total = sum(weights)
        usable = self.w - gutter * (n - 1)
        out, x = [], self.x
        for i, wt in enumerate(weights):
            w = int(usable * wt / total) if i < n - 1 else self.right - x
            out.append(Box(x, self.y, w, self.h))
            x += w + gutter
        return out

    def rows(self, n: int, gutter: int, weights: list[float] | None = None) -> list["Box"]:
        weights = weights or [1.0] * n
        total = sum(weights)
        usable = self.h - gutter * (n - 1)
        out, y = [], self.y
        for i, wt in enumerate(weights):
            h = int(usable * wt / total) if i < n - 1 else self.bottom - y
            out.append(Box(self.x, y, self.w, h))
            y += h + gutter
        return out

    def top(self, h: int) -> "Box":
        return Box(self.x, self.y, self.w, h)

    def below(self, h: int, gap: int = 0) -> "Box":
        """What is left under the first h EMU (and a gap)."""
        return Box(self.x, self.y + h + gap, self.w, max(self.h - h - gap, 0))

    def contains(self, other: "Box") -> bool:
        return (other.x >= self.x and other.y >= self.y and other.right <= self.right
                and other.bottom <= self.bottom)

    def overlaps(self, other: "Box") -> bool:
        return not (other.x >= self.right or other.right <= self.x or other.y >= self.bottom
                    or other.bottom <= self.y)


@dataclass(frozen=True)
class Colour:
    """A colour; `slot` names the PowerPoint theme colour it stands for, so editing the theme recolours it.

    `role` names the theme palette slot it is (muted, line, title …): the renderer refers a colour that is
    not itself a PowerPoint theme colour to the one its role derives from (muted text to the text colour),
    with the lighter/darker transforms that render it exactly as `hex`.
    """

    hex: str
    slot: str | None = None
    role: str | None = None
    # a shade of the slot's colour, as DrawingML's lumMod/lumOff (HSL lightness × lum_mod + lum_off) say
    # it: text set in a darker accent reads on white and still follows the theme; `hex` is the result
    lum_mod: float | None = None
    lum_off: float | None = None
    alpha: float | None = None  # opacity 0–1 (None: opaque), e.g. a panel over a background picture


@dataclass(frozen=True)
class Origin:
    """Where a text on a slide came from, for `deckgen pull`: an outline file (relative to the course
    folder), the YAML path of the value in it (keys and list indexes), and that value as built (a slide
    may show only part of it, as a card's term, or more, as a continued title)."""

    file: str
    path: tuple  # of str and int: ("sections", 2, "points", 0, "text")
    value: str


@dataclass(frozen=True)
class Paragraph:
    text: str  # "\n" is a line break inside the paragraph
    level: int = 0
    marker: str | None = None  # bullet character or "1." etc., hung in the indent
    marker_colour: Colour | None = None
    bold: bool | None = None
    colour: Colour | None = None
    size: float | None = None  # overrides the block size (e.g. a heading line)
    field: str | None = None  # "slidenum" for a live slide number
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, url): text[start:end] is a hyperlink
    origin: Origin | None = None  # the outline value this paragraph shows (deckgen.provenance)


@dataclass(frozen=True)
class TextBlock:
    paragraphs: tuple[Paragraph, ...]
    latin: str
    ea: str
    size: float
    colour: Colour
    lang: str = "zh-CN"
    bold: bool = False
    align: str = "l"  # l, ctr, r
    anchor: str = "t"  # t, ctr, b
    line_pitch: float = 0.0  # exact line spacing in points (0: the client's single spacing)
    para_gap: float = 0.0  # points before each paragraph but the first
    indent: float = 0.0  # hanging indent in points for paragraphs with a marker
    level_indent: float = 0.0  # extra left margin in points per level
    insets: tuple[int, int, int, int] = (0, 0, 0, 0)  # l, t, r, b in EMU
    wrap: bool = True
    height: float = 0.0  # the measured height of the text in points (what the fit decided)


@dataclass(frozen=True)
class Shape:
    name: str
    box: Box
    geometry: str = "rect"  # a DrawingML preset: rect, roundRect, ellipse, chevron, homePlate, triangle…
    fill: Colour | None = None
    line: Colour | None = None
    line_width: float = 0.0  # points
    text: TextBlock | None = None
    adjust: tuple[tuple[str, int], ...] = ()  # preset geometry adjustments
    role: str | None = None  # "title": goes into the layout's title placeholder
    rotation: float = 0.0
    flip_h: bool = False
    flip_v: bool = False
    decorative: bool = False  # marked decorative for screen readers (a bar, a panel, a rule)


@dataclass(frozen=True)
class Connector:
    name: str
    start: tuple[int, int]
    end: tuple[int, int]
    colour: Colour
    width: float = 1.5  # points
    arrow_end: bool = False
    arrow_start: bool = False
    dash: str | None = None


@dataclass(frozen=True)
class Cell:
    text: TextBlock
    fill: Colour | None = None


@dataclass(frozen=True)
class Table:
    name: str
    box: Box
    col_widths: tuple[int, ...]
    row_heights: tuple[int, ...]
    cells: tuple[tuple[Cell, ...], ...]
    border: Colour | None = None
    first_row: bool = True
    band_rows: bool = False
    alt: str = ""  # alt text (descr) for screen readers


@dataclass(frozen=True)
class Picture:
    """A picture file shown in `box`: `crop` is the a:srcRect cut (l, t, r, b in 1/100000 of the picture)
    that makes the shown part the box's shape; `pixels` the size it is resampled to before embedding."""

    name: str
    box: Box
    path: Path
    crop: tuple[int, int, int, int] = (0, 0, 0, 0)
    pixels: tuple[int, int] | None = None  # None: the file as it is
    alt: str = ""
    decorative: bool = False


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[float, ...]
    colour: Colour


@dataclass(frozen=True)
class Chart:
    """A native, editable chart: its type, data (kept in an embedded workbook), colours and fonts."""

    name: str
    box: Box
    kind: str  # bar, column, line, pie, doughnut, stacked
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    number_format: str  # Excel format for values and axis, e.g. '0"%"'
    latin: str
    ea: str
    size: float  # points, for axis labels, legend and data labels
    text: Colour
    grid: Colour
    background: Colour  # the slide's: edges between pie slices
    legend: bool
    data_labels: bool
    lang: str = "zh-CN"
    point_colours: tuple[Colour, ...] = ()  # pie and doughnut: one per category
    alt: str = ""
    # data labels set inside the bars or slices (stacked: one per series, doughnut: one per category; see
    # deckgen.legibility.label_fills), bold, each legible on its fill; other labels take `text`
    label_colours: tuple[Colour, ...] = ()


@dataclass(frozen=True)
class QrCode:
    """A QR code for `data`, drawn square in `box` (quiet zone included)."""

    name: str
    box: Box
    data: str
    dark: Colour
    light: Colour
    alt: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    children: tuple  # of elements
    alt: str = ""


Element = Shape | Connector | Table | Picture | Chart | QrCode | Group


@dataclass(frozen=True)
class Slide:
    kind: str  # a key of deckgen.slides.SLIDE_KINDS
    title: str
    elements: tuple
    notes: str = ""
    source: Loc | None = None
    minutes: int | None = None
    clock: str | None = None  # "09:20–09:40"
    background: Colour | None = None
    background_image: Path | None = None
    background_picture: Picture | None = None  # a section's own full-slide picture behind everything
    layout: str = "title_only"  # a key of the theme's layout mapping
    layout_name: str | None = None  # a layout chosen by name (a section's `layout:`), over the kind's own
    lead: str | None = None  # the facilitator who leads it (a section's slides, a divider)
    notes_origin: Origin | None = None  # the outline notes the speaker notes hold (deckgen.provenance)


@dataclass(frozen=True)
class Deck:
    name: str  # file stem: day-1, module-3, specimen
    title: str
    slides: tuple[Slide, ...]
    width: int
    height: int
    language: str = "zh-CN"
    author: str = ""
    subject: str = ""
    sources: tuple[Path, ...] = ()  # the outline files this deck was planned from


@dataclass
class CoursePlan:
    decks: list[Deck] = field(default_factory=list)


def iter_elements(elements):
    """Every element, groups flattened (depth first)."""
    for e in elements:
        yield e
        if isinstance(e, Group):
            yield from iter_elements(e.children)
