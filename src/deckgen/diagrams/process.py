"""Process: steps in order, left to right. Up to six short steps become a row of nested chevrons (a
home plate first); more or longer steps become numbered boxes joined by arrows. Descriptions go under
their step."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, Connector, inches
from .common import (CAPTION_GAP, PAD, caption_style, captions, fitted_size, label_style, labelled, ramp, text_box, text_rect,
                     uniform)

CHEVRON_MAX = 6
CHEVRON_MIN_SIZE = 16  # chevron labels smaller than this: the steps are too long for chevrons
STEP_GAP = inches(0.06)  # between nested chevrons
ARROW_ROOM = inches(0.45)  # between numbered boxes (less for seven or eight)
BADGE = inches(0.5)
NUMBER_H = inches(0.75)  # the step numbers over chevrons without descriptions


def draw_process(diagram: Diagram, area: Box, d: Design) -> list:
    if len(diagram.items) <= CHEVRON_MAX:
        shapes = _chevrons(diagram, area, d)
        if shapes is not None:
            return shapes
    return _boxes(diagram, area, d)


def _chevrons(diagram: Diagram, area: Box, d: Design) -> list | None:
    items = diagram.items
    n = len(items)
    has_text = any(it.text for it in items)
    ch = min(inches(1.4) if has_text else inches(1.6), int(area.h * (0.34 if has_text else 0.5)))
    p = int(ch * 0.32)  # how far a chevron's point reaches into the next one's notch
    total = min(area.w, n * (inches(2.9) if n > 4 else inches(3.4)))
    w = (total + (n - 1) * (p - STEP_GAP)) // n
    x0 = area.x + (area.w - total) // 2
    adjust = (("adj", int(p * 100000 / min(w, ch))),)
    boxes = [Box(x0 + i * (w - p + STEP_GAP), 0, w, ch) for i in range(n)]
    inners = [Box(b.x + (PAD if i == 0 else p + PAD // 2), 0, w - p - (PAD if i == 0 else p) - PAD // 2, ch - PAD)
              for i, b in enumerate(boxes)]
    lstyle = uniform(d, label_style(d, 24), [(it.label, b.w, b.h) for it, b in zip(items, inners)])
    if lstyle.max_size < CHEVRON_MIN_SIZE or any(fitted_size(d, it.label, b.w, b.h, lstyle) is None
                                                  for it, b in zip(items, inners)):
        return None
    pitch = w - p + STEP_GAP
    columns = [Box(b.x + w // 2 - (pitch - inches(0.25)) // 2, 0, pitch - inches(0.25), 0) for b in boxes]
    columns[0] = Box(max(columns[0].x, area.x), 0, columns[0].w, 0)
    columns[-1] = Box(min(columns[-1].x, area.right - columns[-1].w), 0, columns[-1].w, 0)
    text_h = 0
    if has_text:
        tstyle, text_h = caption_style(d, items, columns, area.h - ch - CAPTION_GAP)
    # steps without descriptions carry their number above them, so a short process still reads as a sequence
    number_h = 0 if has_text else NUMBER_H
    top = area.y + number_h + (area.h - number_h - ch - (CAPTION_GAP + text_h if has_text else 0)) // 2
    shapes: list = []
    fills = ramp(d, n)  # the steps deepen as the process advances
    if number_h:
        for i, (col, fill) in enumerate(zip(columns, fills), start=1):
            shapes.append(text_box(d, f"Process step {i} number", Box(col.x, top - number_h, col.w, number_h - STEP_GAP),
                                   f"{i:02d}", label_style(d, 32), loc=diagram.loc, what=f"step {i}'s number",
                                   colour=fill, align="ctr", anchor="b"))
    for i, (item, b, inner) in enumerate(zip(items, boxes, inners), start=1):
        box = Box(b.x, top, b.w, b.h)
        shapes.append(labelled(d, f"Process step {i}", box, item.label, lstyle, loc=item.loc or diagram.loc,
                               what=f"step {i}'s label", geometry="homePlate" if i == 1 else "chevron",
                               fill=fills[i - 1], adjust=adjust,
                               inner=Box(inner.x, top + PAD // 2, inner.w, inner.h)))
    if has_text:
        shapes += captions(d, "Process step", items, columns, top + ch + CAPTION_GAP, text_h, tstyle, diagram.loc)
    return shapes


def _boxes(diagram: Diagram, area: Box, d: Design) -> list:
    items = diagram.items
    n = len(items)
    has_text = any(it.text for it in items)
    room = ARROW_ROOM if n <= 6 else inches(0.32)
    total = min(area.w, n * inches(2.6))
    bw = (total - (n - 1) * room) // n
    x0 = area.x + (area.w - total) // 2
    bh = min(inches(1.5) if has_text else inches(1.9), int(area.h * (0.38 if has_text else 0.6)))
    adjust = (("adj", 10000),)
    boxes = [Box(x0 + i * (bw + room), 0, bw, bh) for i in range(n)]
    inset_top = BADGE // 2 + inches(0.02)
    inners = [Box(b.x + PAD, inset_top, b.w - 2 * PAD, bh - inset_top - PAD) for b in boxes]
    lstyle = uniform(d, label_style(d, 20), [(it.label, b.w, b.h) for it, b in zip(items, inners)])
    columns = [Box(b.x, 0, b.w, 0) for b in boxes]
    text_h = 0
    if has_text:
        tstyle, text_h = caption_style(d, items, columns, area.h - BADGE // 2 - bh - CAPTION_GAP)
    top = area.y + BADGE // 2 + (area.h - BADGE // 2 - bh - (CAPTION_GAP + text_h if has_text else 0)) // 2
    shapes: list = []
    fills = ramp(d, n)
    ink = d.colour("primary")
    number_style = label_style(d, 16)
    for i, (item, b, inner) in enumerate(zip(items, boxes, inners), start=1):
        box = Box(b.x, top, b.w, b.h)
        colour = fills[i - 1]
        shapes.append(labelled(d, f"Process step {i}", box, item.label, lstyle, loc=item.loc or diagram.loc,
                               what=f"step {i}'s label", geometry="roundRect", fill=d.colour("panel"),
                               adjust=adjust, inner=Box(inner.x, top + inner.y, inner.w, inner.h)))
        badge = Box(box.cx - BADGE // 2, top - BADGE // 2, BADGE, BADGE)
        shapes.append(labelled(d, f"Process step {i} number", badge, str(i), number_style,
                               loc=item.loc or diagram.loc, what=f"step {i}'s number", geometry="ellipse",
                               fill=colour, inner=text_rect("ellipse", badge), line=d.colour("background"),
                               line_width=2.0))
        if i < n:
            y = box.cy
            shapes.append(Connector(f"Process arrow {i}", (box.right + inches(0.06), y),
                                    (box.right + room - inches(0.06), y), ink, width=2.0, arrow_end=True))
    if has_text:
        shapes += captions(d, "Process step", items, columns, top + bh + CAPTION_GAP, text_h, tstyle, diagram.loc)
    return shapes

