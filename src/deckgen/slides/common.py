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


def is_the_whole_day(day: Day | None, module: Module) -> bool:
    """A module that is only its day under another name (an imported agenda's sessions, put in a module
    named after the day): no divider repeats the cover, and the agenda and closing list its sections."""
    return day is not None and len(day.modules) == 1 and module.title.strip() == day.title.strip() \
        and not module.objectives and not module.notes and len(module.sections) > 1


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


def split_points(paras: list[Paragraph], d: Design, box: Box, style: BlockStyle, *,
                 multiple_of: int = 1) -> list[list[Paragraph]]:
    """Slide-sized (or column-sized) runs of paragraphs: all in one when they fit at the floor size; the
    number of runs rounded up to a multiple of `multiple_of` (two columns a slide)."""
    from ..textfit import Para
    specs = [Para(p.text, p.level, p.marker, bool(p.bold)) for p in paras]
    width, height = box.w / 12700, box.h / 12700
    if d.fitter.fit(specs, style, width, height) is not None:
        return [paras]
    greedy = d.fitter.split(specs, style, width, height)
    # as many slides as the greedy split needs, but the points shared out evenly among them (eighteen
    # points make nine and nine, not fifteen and three), when every share fits
    even = _even_split(specs, -(-len(greedy) // multiple_of) * multiple_of)
    groups = even if all(d.fitter.fit(g, style, width, height) is not None for g in even) else greedy
    out, i = [], 0
    for g in groups:
        out.append(paras[i:i + len(g)])
        i += len(g)
    return out


def split_evenly(paras: list[Paragraph], parts: int) -> list[list[Paragraph]]:
    """Paragraphs in `parts` runs of about equal text, cut only before a top-level point."""
    return _even_split(paras, parts)


def _even_split(specs: list, parts: int) -> list[list]:
    """The paragraphs cut into `parts` runs of about equal text, only before a top-level point."""
    if parts <= 1:
        return [specs]
    weights = [len(p.text) + 8 for p in specs]  # a paragraph costs its text and its spacing
    total = sum(weights)
    groups: list[list] = [[]]
    done = 0
    for p, w in zip(specs, weights):
        target = total * len(groups) / parts
        if groups[-1] and p.level == 0 and len(groups) < parts and done + w / 2 > target:
            groups.append([])
        groups[-1].append(p)
        done += w
    return groups


def even_groups(items: list, per: int) -> list[list]:
    """Items in as few runs of at most `per` as possible, their lengths differing by one at most."""
    if not items:
        return [[]]
    count = -(-len(items) // per)
    base, extra = divmod(len(items), count)
    out, i = [], 0
    for k in range(count):
        n = base + (1 if k < extra else 0)
        out.append(items[i:i + n])
        i += n
    return out


def continued(title: str, d: Design, part: int) -> str:
    """The title of a section's part-th extra slide: 标题（续）, then 标题（续 2）…, or Title (cont.), Title
    (cont. 2)… (titles stay unique)."""
    if part == 0:
        return title
    label = d.label("continued")
    if part > 1:
        label = label[:-1] + f" {part}" + label[-1] if label[-1:] in ")）]" else f"{label} {part}"
    return f"{title}{label}" if label[:1] == "（" else f"{title} {label}"


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


def names_its_module(title: str, label: str) -> bool:
    """A module title that already says which module it is ('Module 3: Pricing', '模块一：目标'): not
    prefixed with its label a second time."""
    return title.casefold().replace(" ", "").startswith(label.casefold().replace(" ", ""))


TITLE_CARD_SIZE = 40  # the title of a section with nothing under it, set as the slide's one message


def title_card(ctx: SlideContext, title: str, accent: Colour, chips: list[tuple[str, Colour]],
               loc: Loc | None) -> list[Shape]:
    """A section with nothing under its title (a topic the trainer talks to): the title set large on a tinted
    block where the content would be, under its chips (kind, time box) or, with none, its module's name."""
    d = ctx.design
    top, bottom = d.title_box.y, d.content.bottom
    h = min(bottom - top, max(int((bottom - top) * 0.6), inches(3.2)))
    block = Box(d.content.x, top + (bottom - top - h) * 2 // 5, d.content.w, h)
    inner = block.inset(inches(0.7), inches(0.45))
    head = Box(inner.x, inner.y, inner.w, inches(0.42))
    shapes = [Shape("Title card", block, fill=d.colour("panel")),
              Shape("Title card rule", Box(block.x, block.y, inches(0.12), block.h), fill=accent)]
    x = head.x
    for i, (text, colour) in enumerate(chips, start=1):
        chip = d.chip(text, x, head.y + (head.h - inches(0.36)) // 2, colour, name=f"Chip {i}")
        shapes.append(chip)
        x = chip.box.right + inches(0.12)
    if not chips and ctx.module is not None:
        label, name = d.module_label(ctx.module.number), ctx.module.title
        kicker = name if names_its_module(name, label) else f"{label} · {name}"
        shapes.append(d.simple_text(kicker, head, d.size("small"), d.colour("muted"), bold=True, anchor="ctr",
                                    name="Module", min_size=d.size("caption"), phrase=True))
    body = inner.below(head.h + inches(0.2))
    style = d.style("heading", TITLE_CARD_SIZE, d.size("title") - 6, bold=True, phrase=True, balance=True,
                    spacing=1.2)
    text = d.fit([Paragraph(title)], body, style, d.colour("title"), loc=loc, what="the title", anchor="ctr")
    shapes.append(Shape("Title", body, text=text, role="title"))
    return shapes


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
