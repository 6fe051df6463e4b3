"""Staircase: steps rising left to right, lowest first; each step a block holding its label at the top
and its description under it."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, inches
from .common import card, card_inner, card_styles, label_style, ramp, text_style

STEP_GAP = inches(0.1)
STEP_W = inches(2.9)  # wider steps stop reading as steps


def draw_staircase(diagram: Diagram, area: Box, d: Design) -> list:
    items = diagram.items
    n = len(items)
    w = min((area.w - (n - 1) * STEP_GAP) // n, STEP_W)
    total = n * w + (n - 1) * STEP_GAP
    x0 = area.x + (area.w - total) // 2
    low = 0.55 if n == 2 else 0.4  # the lowest step's share of the full height
    boxes = []
    for i in range(n):
        h = int(area.h * (low + (1 - low) * i / (n - 1)))
        boxes.append(Box(x0 + i * (w + STEP_GAP), area.bottom - h, w, h))
    lstyle, tstyle = card_styles(d, items, [card_inner("rect", b) for b in boxes], label_style(d, 22),
                                 text_style(d, 16))
    shapes: list = []
    fills = ramp(d, n)  # lowest step lightest, the top one deepest
    for i, (item, box) in enumerate(zip(items, boxes), start=1):
        shapes += card(d, f"Staircase step {i}", box, item, lstyle, tstyle, loc=item.loc or diagram.loc,
                       what=f"staircase step {i}", fill=fills[i - 1], geometry="rect", anchor="t",
                       pad=inches(0.14))
    return shapes
