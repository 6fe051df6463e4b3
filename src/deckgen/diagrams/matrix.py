"""Matrix: a 2×2 of quadrants on two arrowed axes, the axis names at the arrow tips and the optional
low/high labels along each axis. Items follow the Ansoff convention: top-left, top-right, bottom-left,
bottom-right (y grows upward, so y_labels run bottom to top)."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, Connector, inches
from .common import GAP, card, harmonised, card_inner, card_styles, label_style, text_box, text_style

POSITIONS = ("top-left", "top-right", "bottom-left", "bottom-right")
ROUND = (("adj", 8000),)
NAME_SIZE = 18
TICK_SIZE = 16


def draw_matrix(diagram: Diagram, area: Box, d: Design) -> list:
    axes, loc = diagram.axes, diagram.loc
    axis_loc = axes.loc or loc
    name_style = label_style(d, NAME_SIZE)
    tick_style = text_style(d, TICK_SIZE)
    widest_y = max([d.text_width(t, "body", TICK_SIZE) for t in diagram.y_labels] +
                   [d.text_width(axes.y, "heading", NAME_SIZE, True)])
    left = min(widest_y + inches(0.3), area.w // 5)  # the y side: labels, then the axis
    x_name_w = min(d.text_width(axes.x, "heading", NAME_SIZE, True) + inches(0.3), area.w // 5)
    top_band = inches(0.5)  # the y axis name beside the arrow tip
    bottom_band = inches(0.5) if diagram.x_labels else inches(0.3)
    stand_off, overshoot = inches(0.12), inches(0.35)  # axes clear of the quadrants; arrows past them

    grid_h = area.h - top_band - stand_off - bottom_band
    qh = (grid_h - GAP) // 2
    qw = min((area.w - left - stand_off - overshoot - x_name_w - GAP) // 2, int(qh * 2.2), inches(4.4))
    grid_w = 2 * qw + GAP
    total = left + stand_off + grid_w + overshoot + x_name_w
    ax = area.x + (area.w - total) // 2 + left  # the y axis
    gx, gy = ax + stand_off, area.y + top_band
    ay = gy + grid_h + stand_off  # the x axis
    cols = [Box(gx, gy, qw, grid_h), Box(gx + qw + GAP, gy, qw, grid_h)]
    rows = [Box(gx, gy, grid_w, qh), Box(gx, gy + qh + GAP, grid_w, qh)]
    quads = [Box(c.x, r.y, qw, qh) for r in rows for c in cols]

    lstyle, tstyle = card_styles(d, diagram.items, [card_inner("roundRect", q, ROUND) for q in quads],
                                 label_style(d, 24), text_style(d, 18))
    shapes: list = []
    fills, ink_text = harmonised(d, [d.accent(i) for i in range(4)], 4.5 if any(it.text for it in diagram.items) else 3.0)
    for i, (pos, quad, item) in enumerate(zip(POSITIONS, quads, diagram.items)):
        shapes += card(d, f"Matrix quadrant {pos}", quad, item, lstyle, tstyle, loc=item.loc or loc,
                       what=f"the {pos} quadrant", fill=fills[i], adjust=ROUND, colour=ink_text)

    ink = d.colour("primary")
    tip_x = gx + grid_w + overshoot
    shapes.append(Connector("Matrix axis x", (ax, ay), (tip_x, ay), ink, width=1.75, arrow_end=True))
    shapes.append(Connector("Matrix axis y", (ax, ay), (ax, area.y + inches(0.08)), ink, width=1.75,
                            arrow_end=True))
    name_box = Box(tip_x + inches(0.1), ay - inches(0.25), x_name_w - inches(0.1), inches(0.5))
    shapes.append(text_box(d, "Matrix axis x name", name_box, axes.x, name_style, loc=axis_loc,
                           what="the x axis name", colour=ink, anchor="ctr"))
    name_box = Box(ax - left, area.y, left - inches(0.12), top_band)
    shapes.append(text_box(d, "Matrix axis y name", name_box, axes.y, name_style, loc=axis_loc,
                           what="the y axis name", colour=ink, align="r", anchor="ctr"))
    muted = d.colour("muted")
    for i, (text, col) in enumerate(zip(diagram.x_labels, cols), start=1):
        box = Box(col.x, ay + inches(0.06), col.w, area.bottom - ay - inches(0.06))
        shapes.append(text_box(d, f"Matrix x label {i}", box, text, tick_style, loc=loc,
                               what=f"x label {i}", colour=muted, align="ctr", anchor="t"))
    for i, (text, row) in enumerate(zip(diagram.y_labels, reversed(rows)), start=1):  # low first: bottom row
        box = Box(ax - left, row.y, left - inches(0.15), row.h)
        shapes.append(text_box(d, f"Matrix y label {i}", box, text, tick_style, loc=loc,
                               what=f"y label {i}", colour=muted, align="r", anchor="ctr"))
    return shapes
