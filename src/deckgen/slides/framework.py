"""Framework slides: the model drawn as a native diagram filling the content area, with a takeaway line."""
from __future__ import annotations

from .. import diagrams
from ..a11y import diagram_alt
from ..plan import Box, Group, Paragraph, Shape, inches
from .common import SlideContext, bullet_lines, make_slide, points_text, section_notes, title_with_chips


def plan_framework(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("framework")
    elements = title_with_chips(ctx, s.title, [(d.label("framework"), accent)], accent, s.loc)
    area = d.content
    if s.takeaway:
        bar_h = inches(0.62)
        bar = Box(area.x, area.bottom - bar_h, area.w, bar_h)
        area = Box(area.x, area.y, area.w, area.h - bar_h - inches(0.25))
        elements.append(Shape("Takeaway bar", bar, fill=d.colour("panel")))
        elements.append(Shape("Takeaway rule", Box(bar.x, bar.y, inches(0.08), bar.h), fill=accent))
        text_box = Box(bar.x + inches(0.3), bar.y, bar.w - inches(0.45), bar.h)
        style = d.style("body", d.size("body"), d.size("body_min"), bold=True)
        elements.append(Shape("Takeaway", text_box, text=d.fit([Paragraph(s.takeaway)], text_box, style,
                                                               d.colour("primary"), loc=s.loc,
                                                               what="the takeaway", anchor="ctr")))
    children = diagrams.draw(s.diagram, area, d)
    elements.append(Group(f"Diagram: {s.diagram.kind}", tuple(children), alt=diagram_alt(s.diagram, s.title, d.zh)))
    key_points = bullet_lines("要点" if d.zh else "Key points", points_text(s.points))
    notes = section_notes(ctx, s.notes, key_points)
    return [make_slide(ctx, "framework", s.title, elements, notes, loc=s.loc)]
