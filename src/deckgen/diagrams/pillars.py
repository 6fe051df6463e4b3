"""Pillars: two to five columns, each a coloured heading block over a body of text."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, Paragraph, Shape, inches


def draw_pillars(diagram: Diagram, area: Box, d: Design) -> list:
    n = len(diagram.items)
    width = min(area.w, n * inches(3.6) + (n - 1) * d.gutter)
    row = Box(area.x + (area.w - width) // 2, area.y, width, area.h)
    shapes = []
    head_h = inches(1.1)
    for i, (col, item) in enumerate(zip(row.columns(n, d.gutter), diagram.items), start=1):
        colour = d.accent(i - 1)
        head = col.top(head_h)
        head_style = d.style("heading", 24, d.size("diagram_min"), bold=True, phrase=True, balance=True)
        shapes.append(Shape(f"Pillar {i} heading", head, fill=colour,
                            text=d.fit([Paragraph(item.label)], head, head_style, d.colour("on_primary"),
                                       loc=item.loc or diagram.loc, what=f"pillar {i}'s heading", align="ctr",
                                       anchor="ctr", insets=(inches(0.12),) * 4)))
        body = col.below(head_h)
        body_style = d.style("body", d.size("body"), d.size("diagram_min"), phrase=True)
        text = item.text or ""
        shapes.append(Shape(f"Pillar {i} body", body, fill=d.colour("panel"),
                            text=d.fit([Paragraph(text)], body, body_style, d.colour("text"),
                                       loc=item.loc or diagram.loc, what=f"pillar {i}'s text", align="ctr",
                                       anchor="t", insets=(inches(0.2), inches(0.3), inches(0.2), inches(0.2)))))
    return shapes
