"""Comparison: two headed columns with matched rows, an optional row-label column on the left, and a
"VS" badge between the headings."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, inches
from .common import PAD, harmonised, label_style, labelled, text_box, text_rect, text_style, uniform

BADGE = inches(0.62)
MIDDLE = BADGE + inches(0.24)  # between the two sides
HEAD_H = inches(0.72)
ROW_GAP = inches(0.08)
SIDE_W = inches(4.6)


def draw_comparison(diagram: Diagram, area: Box, d: Design) -> list:
    rows, loc = diagram.rows, diagram.loc
    m = len(rows)
    has_labels = any(r.label for r in rows)
    rstyle = label_style(d, 18)
    label_w = min(max((d.text_width(r.label, "heading", 18, True) for r in rows if r.label), default=0)
                  + 2 * PAD, inches(2.4)) if has_labels else 0
    label_gap = inches(0.15) if has_labels else 0
    side_w = min((area.w - label_w - label_gap - MIDDLE) // 2, SIDE_W)
    total = label_w + label_gap + 2 * side_w + MIDDLE
    x0 = area.x + (area.w - total) // 2
    xl = x0 + label_w + label_gap
    xr = xl + side_w + MIDDLE
    row_h = min((area.h - HEAD_H - m * ROW_GAP) // m, inches(1.05))
    y0 = area.y + (area.h - HEAD_H - m * (row_h + ROW_GAP)) // 2

    cell_in = (side_w - 2 * PAD, row_h - PAD)
    hstyle = uniform(d, label_style(d, 22), [(h, side_w - 2 * PAD, HEAD_H - PAD) for h in diagram.headings])
    cstyle = uniform(d, text_style(d, 18), [(t, *cell_in) for r in rows for t in (r.left, r.right)])
    rstyle = uniform(d, rstyle, [(r.label, label_w - PAD, row_h - PAD) for r in rows if r.label])
    shapes: list = []
    (left_fill, right_fill), ink_text = harmonised(d, [d.accent(0), d.accent(1)], 3.0)
    for side, x, heading, colour in (("left", xl, diagram.headings[0], left_fill),
                                     ("right", xr, diagram.headings[1], right_fill)):
        shapes.append(labelled(d, f"Comparison heading {side}", Box(x, y0, side_w, HEAD_H), heading, hstyle,
                               loc=loc, what=f"the {side} heading", fill=colour, colour=ink_text))
    badge = Box(xl + side_w + (MIDDLE - BADGE) // 2, y0 + (HEAD_H - BADGE) // 2, BADGE, BADGE)
    shapes.append(labelled(d, "Comparison VS", badge, "VS", label_style(d, 18), loc=loc, what="the VS badge",
                           geometry="ellipse", fill=d.colour("primary"), inner=text_rect("ellipse", badge)))
    panel = d.colour("panel")
    for i, row in enumerate(rows, start=1):
        y = y0 + HEAD_H + ROW_GAP + (i - 1) * (row_h + ROW_GAP)
        rloc = row.loc or loc
        if row.label:
            shapes.append(text_box(d, f"Comparison row {i} label", Box(x0, y, label_w, row_h), row.label, rstyle,
                                   loc=rloc, what=f"row {i}'s label", colour=d.colour("primary"), align="r",
                                   anchor="ctr"))
        for side, x, text in (("left", xl, row.left), ("right", xr, row.right)):
            shapes.append(labelled(d, f"Comparison row {i} {side}", Box(x, y, side_w, row_h), text, cstyle,
                                   loc=rloc, what=f"row {i}'s {side} side", fill=panel))
    return shapes
