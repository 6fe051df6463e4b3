"""Pillars: two to five columns across the area, each a coloured heading block over a panel holding its
text. Columns are as tall as their text needs but at least most of the area (a row of three short pillars
is the slide, not a strip across it), and the row is centred in the area."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, inches
from .common import PAD, harmonised, label_style, labelled, text_height, text_style, uniform

HEAD_H = inches(1.0)
BODY_PAD = (inches(0.3), inches(0.3))  # left/right, top/bottom
BODY_MIN = inches(1.8)
BODY_SHARE = 0.6  # of the area's height under the headings, the least a pillar's panel takes
LABEL_SIZE, TEXT_SIZE = 28, 24  # the largest heading and text sizes; short pillars are set this large


def draw_pillars(diagram: Diagram, area: Box, d: Design) -> list:
    items = diagram.items
    n = len(items)
    cols = area.columns(n, d.gutter)
    hstyle = uniform(d, label_style(d, LABEL_SIZE), [(it.label, c.w - 2 * PAD, HEAD_H - PAD) for it, c in zip(items, cols)])
    has_text = any(it.text for it in items)
    body_h = 0
    if has_text:
        room = area.h - HEAD_H
        tw, th = cols[0].w - 2 * BODY_PAD[0], room - 2 * BODY_PAD[1]
        bstyle = uniform(d, text_style(d, TEXT_SIZE), [(it.text, tw, th) for it in items if it.text])
        needed = max(text_height(d, it.text, tw, bstyle) for it in items if it.text) + 2 * BODY_PAD[1]
        body_h = min(room, max(needed, BODY_MIN, int(room * BODY_SHARE)))
    top = area.y + (area.h - HEAD_H - body_h) // 2
    shapes: list = []
    fills, ink_text = harmonised(d, [d.accent(i) for i in range(n)], 3.0)
    for i, (col, item) in enumerate(zip(cols, items), start=1):
        loc = item.loc or diagram.loc
        head = Box(col.x, top, col.w, HEAD_H)
        shapes.append(labelled(d, f"Pillar {i} heading", head, item.label, hstyle, loc=loc,
                               what=f"pillar {i}'s heading", fill=fills[i - 1], colour=ink_text))
        if has_text:
            body = Box(col.x, head.bottom, col.w, body_h)
            shapes.append(labelled(d, f"Pillar {i} body", body, item.text or "", bstyle, loc=loc,
                                   what=f"pillar {i}'s text", fill=d.colour("panel"), anchor="t",
                                   inner=body.inset(*BODY_PAD)))
    return shapes

