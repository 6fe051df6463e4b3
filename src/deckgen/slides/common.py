"""What every slide planner shares: the context it plans in, point lists, panels and chips."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..design import Design
from ..errors import Loc
from ..outline import Course, Day, Module, Point, Section
from ..plan import Box, Colour, Paragraph, Shape, Slide, inches
from ..schedule import DaySchedule, Slot
from ..textfit import BlockStyle

MARKER = "▪"
SUB_MARKER = "–"


@dataclass
class SlideContext:
    """The course, day and schedule a slide is planned for, and the design that places it."""

    design: Design
    course: Course
    day: Day | None = None
    schedule: DaySchedule | None = None
    module: Module | None = None
    section: Section | None = None
    slot: Slot | None = None
    extra: dict = field(default_factory=dict)

    @property
    def zh(self) -> bool:
        return self.design.zh

    def time_note(self) -> str:
        """The time box line that opens a section slide's speaker notes."""
        if self.slot is None or not self.section or not self.section.minutes:
            return ""
        return f"⏱ {self.design.label('minutes', n=self.section.minutes)} · {self.slot.span}"


def point_paragraphs(points: tuple[Point, ...], d: Design, accent: Colour) -> list[Paragraph]:
    out = []
    for p in points:
        out.append(Paragraph(p.text, 0, MARKER, accent))
        for sub in p.points:
            out.append(Paragraph(sub.text, 1, SUB_MARKER, d.colour("muted")))
    return out


def list_style(d: Design, max_size: float | None = None, min_size: float | None = None) -> BlockStyle:
    return d.style("body", max_size or d.size("body"), min_size or d.size("body_min"), marker=True,
                   para_space=0.5)


def split_points(paras: list[Paragraph], d: Design, box: Box, style: BlockStyle) -> list[list[Paragraph]]:
    """Slide-sized runs of paragraphs: all on one slide when they fit at the floor size."""
    from ..textfit import Para
    specs = [Para(p.text, p.level, p.marker, bool(p.bold)) for p in paras]
    width, height = box.w / 12700, box.h / 12700
    if d.fitter.fit(specs, style, width, height) is not None:
        return [paras]
    groups = d.fitter.split(specs, style, width, height)
    out, i = [], 0
    for g in groups:
        out.append(paras[i:i + len(g)])
        i += len(g)
    return out


def continued(title: str, d: Design, part: int) -> str:
    """The title of a section's part-th extra slide: 'X (续)', then 'X (续 2)', 'X (续 3)' (titles stay unique)."""
    if part == 0:
        return title
    label = d.label("continued")
    if part > 1:
        label = label[:-1] + f" {part}" + label[-1] if label[-1:] in ")）]" else f"{label} {part}"
    return f"{title} {label}"


def panel(name: str, box: Box, d: Design, accent: Colour | None = None) -> list[Shape]:
    """A light panel with an accent rule along its top."""
    shapes = [Shape(name, box, geometry="rect", fill=d.colour("panel"))]
    if accent is not None:
        shapes.append(Shape(f"{name} rule", Box(box.x, box.y, box.w, inches(0.06)), fill=accent))
    return shapes


def title_with_chips(ctx: SlideContext, title: str, chips: list[tuple[str, Colour]], accent: Colour,
                     loc: Loc | None) -> list[Shape]:
    """The title band with chips on its right (kind label, time box), the title taking what is left."""
    d = ctx.design
    right = d.title_box.right
    shapes: list[Shape] = []
    chip_y = d.title_box.y + (d.title_box.h - inches(0.36)) // 2
    for i, (text, colour) in enumerate(reversed(chips)):
        chip = d.chip(text, right, chip_y, colour, align_right=True, name=f"Chip {len(chips) - i}")
        shapes.append(chip)
        right = chip.box.x - inches(0.12)
    tb = d.title_box
    box = Box(tb.x, tb.y, right - tb.x - inches(0.2), tb.h)
    return d.title(title, accent, loc=loc, box=box) + list(reversed(shapes))


def section_notes(ctx: SlideContext, *parts: str) -> str:
    lines = [ctx.time_note()] if ctx.time_note() else []
    for part in parts:
        if part and part.strip():
            lines.append(part.strip())
    return "\n\n".join(lines)


def bullet_lines(label: str, items) -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    return label + "\n" + "\n".join(f"• {i}" for i in items)


def points_text(points: tuple[Point, ...]) -> list[str]:
    out = []
    for p in points:
        out.append(p.text)
        out.extend(f"  – {s.text}" for s in p.points)
    return out


def number_marker(i: int) -> str:
    return f"{i}."


def make_slide(ctx: SlideContext, kind: str, title: str, elements: list, notes: str, *, loc: Loc | None = None,
               background: Colour | None = None, layout: str = "title_only") -> Slide:
    return Slide(kind=kind, title=title, elements=tuple(elements), notes=notes, source=loc,
                 minutes=ctx.section.minutes if ctx.section else None,
                 clock=ctx.slot.span if ctx.slot else None, background=background, layout=layout)
