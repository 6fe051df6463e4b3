"""Cycle: three to six nodes clockwise from the top (six: the first at the top right) on an ellipse,
each joined to the next by an arrow. Nodes are circles holding their label, or rounded cards when
items carry descriptions."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, inches
from .common import card, harmonised, card_inner, card_styles, clock_units, label_style, link, ring, text_style

CARD_ROUND = (("adj", 12000),)


def draw_cycle(diagram: Diagram, area: Box, d: Design) -> list:
    items = diagram.items
    n = len(items)
    if any(it.text for it in items):
        geometry, adjust = "roundRect", CARD_ROUND
        w, h = min(inches(2.7), area.w // 4), min(inches(1.35), int(area.h * 0.34))
    else:
        geometry, adjust = "ellipse", ()
        w = h = min(inches(1.75), int(area.h * 0.4))
    oval = geometry == "ellipse"
    # six nodes sit in three rows (two on top) rather than four, so they can stay tall enough to read
    units = clock_units(n, 0.5 if n == 6 else 0.0)
    boxes, _ = ring(area, units, w, h, oval=oval, next_gap=inches(0.5), other_gap=inches(0.25),
                    aspect=1.2 if oval else 1.8)
    lstyle, tstyle = card_styles(d, items, [card_inner(geometry, b, adjust) for b in boxes],
                                 label_style(d, 22 if oval else 20), text_style(d, 16))
    shapes: list = []
    fills, ink_text = harmonised(d, [d.accent(i) for i in range(n)], 4.5 if any(it.text for it in items) else 3.0)
    for i, (item, box) in enumerate(zip(items, boxes), start=1):
        shapes += card(d, f"Cycle node {i}", box, item, lstyle, tstyle, loc=item.loc or diagram.loc,
                       what=f"cycle node {i}", fill=fills[i - 1], geometry=geometry, adjust=adjust,
                       colour=ink_text)
    ink = d.colour("primary")
    for i in range(1, n + 1):
        arrow = link(f"Cycle arrow {i}", boxes[i - 1], boxes[i % n], ink, oval_a=oval, oval_b=oval,
                     margin=inches(0.08), width=2.25, arrow=True)
        if arrow is not None:
            shapes.append(arrow)
    return shapes
