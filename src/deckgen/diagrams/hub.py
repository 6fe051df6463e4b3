"""Hub: a centre circle with three to six satellites around it, each joined to the centre by a connector
in its own colour. Satellites are circles, or rounded cards when items carry descriptions."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, inches
from .common import card, harmonised, card_inner, card_styles, clock_units, label_style, labelled, link, ring, text_style

CARD_ROUND = (("adj", 12000),)


def draw_hub(diagram: Diagram, area: Box, d: Design) -> list:
    items = diagram.items
    n = len(items)
    if any(it.text for it in items):
        geometry, adjust = "roundRect", CARD_ROUND
        w, h = min(inches(2.6), area.w // 5), min(inches(1.2), int(area.h * 0.3))
    else:
        geometry, adjust = "ellipse", ()
        w = h = min(inches(1.6), int(area.h * 0.38))
    oval = geometry == "ellipse"
    hub_d = min(inches(1.9), int(area.h * 0.42))
    # an even count sits symmetrically about the vertical; an odd count has one satellite on top
    units = clock_units(n, 0.5 if n % 2 == 0 else 0.0)
    boxes, (ox, oy) = ring(area, units, w, h, oval=oval, next_gap=inches(0.2), other_gap=inches(0.2),
                           centre=hub_d, centre_gap=inches(0.35))
    hub = Box(ox - hub_d // 2, oy - hub_d // 2, hub_d, hub_d)
    shapes: list = [labelled(d, "Hub centre", hub, diagram.centre, label_style(d, 24), loc=diagram.loc,
                             what="the hub's centre", geometry="ellipse", fill=d.colour("primary"))]
    lstyle, tstyle = card_styles(d, items, [card_inner(geometry, b, adjust) for b in boxes],
                                 label_style(d, 22 if oval else 20), text_style(d, 16))
    fills, ink_text = harmonised(d, [d.accent(i) for i in range(n)], 4.5 if any(it.text for it in items) else 3.0)
    for i, (item, box) in enumerate(zip(items, boxes), start=1):
        colour = fills[i - 1]
        line = link(f"Hub connector {i}", hub, box, colour, oval_a=True, oval_b=oval, margin=inches(0.06),
                    width=2.5)
        if line is not None:
            shapes.append(line)
        shapes += card(d, f"Hub satellite {i}", box, item, lstyle, tstyle, loc=item.loc or diagram.loc,
                       what=f"hub satellite {i}", fill=colour, geometry=geometry, adjust=adjust,
                       colour=ink_text)
    return shapes
