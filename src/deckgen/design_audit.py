"""A designer's audit of a slide plan: line breaks inside words, lone last-line characters, text contrast
against what lies behind it (shapes, table cells, charts' labels), and how much of the content area each
content slide fills."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .plan import Box, Chart, Colour, CoursePlan, Deck, Group, Picture, Shape, Table, TextBlock, iter_elements
from .textfit import NO_LINE_START, Font, Fitter, atoms, is_cjk, words
from .legibility import behind, chart_labels, minimum_contrast
from .theme import Theme, contrast

CONTENT_KINDS = ("content", "framework", "case", "exercise", "debrief")


@dataclass(frozen=True)
class Finding:
    deck: str
    slide: int  # 1-based
    shape: str
    what: str

    def __str__(self) -> str:
        return f"{self.deck} slide {self.slide} '{self.shape}': {self.what}"


@dataclass
class Audit:
    breaks: int = 0  # line breaks written or planned
    word_breaks: list[Finding] = field(default_factory=list)
    lone: list[Finding] = field(default_factory=list)
    contrast: list[tuple[float, float, Finding]] = field(default_factory=list)  # (ratio, minimum, where)
    fills: list[tuple[float, Finding]] = field(default_factory=list)  # content slides only
    flips: list[Finding] = field(default_factory=list)  # sibling shapes whose text colours differ

    @property
    def low_contrast(self) -> list[tuple[float, float, Finding]]:
        return [c for c in self.contrast if c[0] < c[1] - 1e-6]

    @property
    def worst_contrast(self) -> float:
        return min((c[0] for c in self.contrast), default=21.0)

    def under_filled(self, floor: float = 0.35) -> list[tuple[float, Finding]]:
        return [f for f in self.fills if f[0] < floor]

    def summary(self) -> str:
        return (f"{self.breaks} line breaks, {len(self.word_breaks)} inside a word, {len(self.lone)} lone "
                f"last lines, worst contrast {self.worst_contrast:.2f}:1 ({len(self.low_contrast)} text colours "
                f"below AA), {len(self.under_filled())} of {len(self.fills)} content slides under 35% filled, "
                f"{len(self.flips)} rows of shapes with mixed text colours")


def paragraph_lines(block: TextBlock, text: str, width_pt: float, fitter: Fitter, bold: bool,
                    size: float) -> list[str]:
    """The lines a paragraph shows: its written breaks, else how a viewer wraps it (greedy, by character)."""
    if "\n" in text or not block.wrap:
        return text.split("\n")
    # a viewer fills each line with as many characters as fit (keeping Latin words whole and closing
    # marks with what they follow), knowing nothing of Chinese words or lone last characters
    font = Font(block.latin, block.ea, bold)
    lines, used = [""], 0.0
    for piece in atoms(text):
        w = fitter.measurer.width(piece.rstrip(" "), font, size)
        if lines[-1] and used + w > width_pt:
            lines.append("")
            used = 0.0
        lines[-1] += piece
        used += fitter.measurer.width(piece, font, size)
    return [line.rstrip(" ") for line in lines]


def break_inside_word(before: str, after: str) -> bool:
    """Whether a break between these two lines splits a dictionary word."""
    if not before or not after or not (is_cjk(before[-1]) and is_cjk(after[0])):
        return False
    joined = before + after
    pos = 0
    for w in words(joined):
        if pos < len(before) < pos + len(w):
            return len(w) > 1
        pos += len(w)
    return False


def lone_last_line(lines: list[str]) -> bool:
    """One CJK character (with or without its punctuation), or punctuation alone, on a last line."""
    if len(lines) < 2:
        return False
    last = lines[-1].strip()
    core = [c for c in last if c not in NO_LINE_START]
    return bool(last) and (not core or (len(core) == 1 and is_cjk(core[0])))


def _fill_ratio(shapes: list, area: Box) -> float:
    """How much of the content area the slide's composition spans: the box around its filled shapes and
    the measured extent of its text, as a share of the area.

    A filled shape without text covering half the area or more is a backdrop (a panel behind questions):
    what counts is what stands on it."""
    boxes = []
    for s in shapes:
        box = s.box
        if isinstance(s, (Table, Picture)):
            pass
        elif s.role == "title" and box.y < area.y:
            continue  # the title band above the content; a title card's title is the content
        elif s.fill is None and s.text is not None:
            h = int(s.text.height * 12700) + s.text.insets[1] + s.text.insets[3]
            top = box.y if s.text.anchor == "t" else (box.cy - h // 2 if s.text.anchor == "ctr" else box.bottom - h)
            box = Box(box.x, top, box.w, min(h, box.h))
        elif s.fill is None or (s.text is None and box.w * box.h >= area.w * area.h / 2):
            continue
        x0, y0 = max(box.x, area.x), max(box.y, area.y)
        x1, y1 = min(box.right, area.right), min(box.bottom, area.bottom)
        if x1 > x0 and y1 > y0:
            boxes.append((x0, y0, x1, y1))
    if not boxes:
        return 0.0
    w = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    h = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    return w * h / (area.w * area.h)


_SIBLING = re.compile(r"\b(\d+|top|bottom|left|right|centre)\b")


def _flips(group: Group) -> list[str]:
    """Sibling filled shapes in a diagram (one name but for a number or position) whose text colours differ."""
    colours: dict[str, set[str]] = {}
    for e in iter_elements(group.children):
        if isinstance(e, Shape) and e.fill is not None and e.text is not None and e.text.paragraphs:
            colours.setdefault(_SIBLING.sub("#", e.name), set()).add(e.text.colour.hex)
    return [f"{name}: {' / '.join(sorted(c))}" for name, c in colours.items() if len(c) > 1]


def audit_deck(deck: Deck, page: Colour, content: Box, fitter: Fitter, audit: Audit | None = None) -> Audit:
    audit = audit or Audit()
    for number, slide in enumerate(deck.slides, start=1):
        shapes = [e for e in iter_elements(slide.elements) if isinstance(e, Shape)]
        for i, s in enumerate(shapes):
            if s.text is None or not s.text.paragraphs:
                continue
            block = s.text
            where = lambda what: Finding(deck.name, number, s.name, what)  # noqa: E731
            ground = behind(shapes, i, slide.background or page)
            width = (s.box.w - block.insets[0] - block.insets[2]) / 12700
            for p in block.paragraphs:
                if p.field or not p.text.strip():
                    continue
                size = p.size or block.size
                bold = block.bold if p.bold is None else p.bold
                colour = p.colour or block.colour
                ratio = contrast(colour.hex, ground.hex)
                minimum = minimum_contrast(size, bold)
                audit.contrast.append((ratio, minimum, where(f"{colour.hex} on {ground.hex} at {size:g} pt")))
                if p.marker and p.marker_colour is not None:
                    ratio = contrast(p.marker_colour.hex, ground.hex)
                    audit.contrast.append((ratio, minimum, where(f"marker {p.marker_colour.hex} on {ground.hex}")))
                indent = (p.level * block.level_indent + (block.indent if p.marker else 0))
                lines = paragraph_lines(block, p.text, width - indent, fitter, bold, size)
                audit.breaks += len(lines) - 1
                for a, b in zip(lines, lines[1:]):
                    if break_inside_word(a, b):
                        audit.word_breaks.append(where(f"{a}/{b}"))
                if lone_last_line(lines):
                    audit.lone.append(where(" / ".join(lines)))
        ground = slide.background or page
        for e in iter_elements(slide.elements):
            if isinstance(e, Table):
                _audit_table(audit, e, ground, lambda what, e=e: Finding(deck.name, number, e.name, what))
            elif isinstance(e, Chart):
                _audit_chart(audit, e, ground, lambda what, e=e: Finding(deck.name, number, e.name, what))
        for e in slide.elements:
            if isinstance(e, Group):
                audit.flips += [Finding(deck.name, number, e.name, what) for what in _flips(e)]
        if slide.kind in CONTENT_KINDS:
            solid = shapes + [e for e in iter_elements(slide.elements) if isinstance(e, (Table, Picture))]
            audit.fills.append((_fill_ratio(solid, content), Finding(deck.name, number, slide.title, slide.kind)))
    return audit


def _audit_table(audit: Audit, t: Table, ground: Colour, where) -> None:
    """Each cell's text on its own fill (header, banded and body rows), the slide where it has none."""
    for r, row in enumerate(t.cells, start=1):
        for c, cell in enumerate(row, start=1):
            block, fill = cell.text, cell.fill or ground
            for p in block.paragraphs:
                if not p.text.strip():
                    continue
                size, bold = p.size or block.size, block.bold if p.bold is None else p.bold
                colour = p.colour or block.colour
                audit.contrast.append((contrast(colour.hex, fill.hex), minimum_contrast(size, bold),
                                       where(f"row {r} cell {c}: {colour.hex} on {fill.hex} at {size:g} pt")))


def _audit_chart(audit: Audit, ch: Chart, ground: Colour, where) -> None:
    """A chart's axis labels and legend on the slide, and data labels set inside bars or on slices."""
    minimum = minimum_contrast(ch.size, False)
    audit.contrast.append((contrast(ch.text.hex, ground.hex), minimum, where(f"{ch.text.hex} on {ground.hex}")))
    for i, (colour, fill, bold, _) in enumerate(chart_labels(ch), start=1):
        audit.contrast.append((contrast(colour.hex, fill.hex), minimum_contrast(ch.size, bold),
                               where(f"data label {i}: {colour.hex} on {fill.hex}")))


def audit_plan(plan: CoursePlan, theme: Theme, language: str) -> Audit:
    """The audit of every deck of a course's plan."""
    from .design import Design
    from .errors import Diagnostics
    d = Design(theme, language, Fitter(), Diagnostics())
    audit = Audit()
    for deck in plan.decks:
        audit_deck(deck, d.colour("background"), d.content, d.fitter, audit)
    return audit
