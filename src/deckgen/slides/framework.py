"""Framework slides: the model drawn as a native diagram filling the content area, with a takeaway line."""
from __future__ import annotations

from .. import diagrams
from ..a11y import diagram_alt
from ..plan import Box, Group, Paragraph, Shape, inches
from ..diagrams.common import bounds, moved
from .common import SlideContext, bullet_lines, make_slide, points_text, section_notes, title_with_chips


BAR_GAP = inches(0.3)  # between a model and its takeaway bar, on every framework slide


def plan_framework(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("framework")
    elements = title_with_chips(ctx, s.title, [(d.label("framework"), accent)], accent, s.loc)
    area = d.content
    bar_h = inches(0.62) if s.takeaway else 0
    gap = BAR_GAP if s.takeaway else 0
    drawn = Box(area.x, area.y, area.w, area.h - bar_h - gap)
    children = diagrams.draw(s.diagram, drawn, d)
    # one grid for every model: the diagram and its takeaway bar a fixed gap apart, the pair centred in
    # the content area; the bar spans the content width whatever the diagram's
    extent = bounds(children)
    if extent is not None:
        top = area.y + max((area.h - (extent.h + gap + bar_h)) // 2, 0)
        children = moved(children, 0, top - extent.y)
        below = top + extent.h + gap
    else:
        below = area.bottom - bar_h
    if s.takeaway:
        bar = Box(area.x, below, area.w, bar_h)
        elements.append(Shape("Takeaway bar", bar, fill=d.colour("panel")))
        elements.append(Shape("Takeaway rule", Box(bar.x, bar.y, inches(0.08), bar.h), fill=accent))
        text_box = Box(bar.x + inches(0.3), bar.y, bar.w - inches(0.45), bar.h)
        style = d.style("body", d.size("body"), d.size("body_min"), bold=True)
        elements.append(Shape("Takeaway", text_box, text=d.fit([Paragraph(s.takeaway)], text_box, style,
                                                               d.colour("title"), loc=s.loc,
                                                               what="the takeaway", anchor="ctr")))
    elements.append(Group(f"Diagram: {s.diagram.kind}", tuple(children), alt=diagram_alt(s.diagram, s.title, d.label)))
    key_points = bullet_lines(d.label("notes_key_points"), points_text(s.points))
    notes = section_notes(ctx, s.notes, key_points)
    return [make_slide(ctx, "framework", s.title, elements, notes, loc=s.loc)]
