"""The day's agenda: a timeline of modules (of sections, on a day of one module) with clock times, breaks
and lunch in between."""
from __future__ import annotations

from ..plan import Box, Connector, Shape, inches
from ..schedule import clock
from ..facilitators import lead_badges
from ..languages import module_numeral
from .common import SlideContext, continued, make_slide

MAX_ROWS = 10  # more rows than this and the timeline runs in two columns


def plan_agenda(ctx: SlideContext) -> list:
    d, sched = ctx.design, ctx.schedule
    accent = d.colour("accent1")
    title = d.label("agenda")
    elements = d.title(f"{title} · {ctx.day.title}", accent, loc=ctx.day.loc)
    rows = []  # (start minute, kind, time, label, module, marker), in clock order
    for slot in sched.slots:
        if slot.kind == "break":
            # an untitled long break is lunch, a short one a coffee break
            unnamed = d.label("lunch" if slot.end - slot.start >= 45 else "break")
            label = (slot.title or unnamed) + d.label("in_brackets", text=d.label("minutes", n=slot.end - slot.start))
            rows.append((slot.start, "break", clock(slot.start), label, None, None))
    modules = list(ctx.day.modules)
    if len(modules) == 1 and len(modules[0].sections) > 1:
        # one module all day (an agenda imported as a list of sessions): its sections are the day's plan
        module = modules[0]
        for index in range(len(module.sections)):
            slot = sched.sections[(module.number, index)]
            rows.append((slot.start, "module", clock(slot.start), slot.title, module, str(index + 1)))
    else:
        for module in modules:
            # a module the lunch (or a break) interrupts shows again where it resumes, marked as continued
            spans = sched.spans.get(module.number) or [sched.modules[module.number]]
            for part, (start, _) in enumerate(spans):
                label = continued(module.title, d, part)
                rows.append((start, "module", clock(start), label, module, module_numeral(module.number, d.zh)))
    rows.append((sched.end, "end", clock(sched.end), d.label("closing"), None, None))
    rows = [r[1:] for r in sorted(rows, key=lambda r: (r[0], r[1] != "break"))]
    # a long day's timeline runs in two columns, the first one the longer
    columns = d.content.columns(2, d.gutter * 2) if len(rows) > MAX_ROWS else [d.content]
    per_column = -(-len(rows) // len(columns))
    for c, area in enumerate(columns):
        elements += _timeline(ctx, rows[c * per_column:(c + 1) * per_column], area, c * per_column,
                              row_count=per_column)
    notes = "\n".join(f"{time}  {label}" for _, time, label, _, _ in rows)
    return [make_slide(ctx, "agenda", title, elements, notes, loc=ctx.day.loc)]


def _timeline(ctx: SlideContext, rows: list, area: Box, first: int, row_count: int) -> list:
    """One column of the agenda: clock times, a line with a marker per row, and the labels."""
    d = ctx.design
    elements: list = []
    n = len(rows)
    row_h = min(inches(0.78), area.h // max(row_count, 1))
    top = area.y + (area.h - row_h * row_count) // 2
    time_w, dot_x = inches(1.3), area.x + inches(1.55)
    line_x = dot_x + inches(0.2)
    elements.append(Connector(f"Timeline {first // max(row_count, 1) + 1}" if first else "Timeline",
                              (line_x, top + row_h // 2), (line_x, top + row_h * n - row_h // 2),
                              d.colour("line"), width=2.0))
    for i, (kind, time, label, module, marker) in enumerate(rows, start=first):
        y = top + (i - first) * row_h
        is_module = kind == "module"
        colour = d.colour("text") if is_module else d.colour("muted")
        time_box = Box(area.x, y, time_w, row_h)
        elements.append(d.simple_text(time, time_box, d.size("small"), d.colour("muted"), align="r",
                                      anchor="ctr", name=f"Agenda time {i + 1}"))
        dot = inches(0.4) if is_module else inches(0.18)
        dot_box = Box(line_x - dot // 2, y + (row_h - dot) // 2, dot, dot)
        dot_text = None
        if is_module:
            dot_text = d.simple_text(marker, dot_box, 14, d.colour("on_primary"), bold=True, align="ctr",
                                     anchor="ctr", name="n").text
        elements.append(Shape(f"Agenda marker {i + 1}", dot_box, geometry="ellipse",
                              fill=d.colour("primary") if is_module else d.colour("line"), text=dot_text))
        label_box = Box(line_x + inches(0.45), y, area.right - line_x - inches(0.45), row_h)
        if is_module:  # who leads the block (#16): initials on the right, the title narrowed to make room
            badges, label_box = lead_badges(d, ctx.course, module, label_box, i + 1)
            elements += badges
        size = d.size("body") + (2 if is_module else -4)
        elements.append(d.simple_text(label, label_box, size, colour, bold=is_module, anchor="ctr",
                                      name=f"Agenda item {i + 1}", min_size=d.size("body_min"),
                                      role="heading" if is_module else "body",
                                      loc=module.loc if module else ctx.day.loc))
    return elements
