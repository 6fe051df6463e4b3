"""Stacked levels with straight sloping sides: the pyramid (narrowing upward) and the funnel (its mirror).

Each level is a trapezoid cut from one outline, so the sides run straight from top to bottom; the
label sits in the widest rectangle that fits inside its level, and an optional description stands to
the right of the level, joined to it by a dotted leader in the level's colour."""
from __future__ import annotations

from dataclasses import dataclass

from ..design import Design
from ..outline import Diagram
from ..plan import Box, Connector, Shape, inches
from .common import (PAD, clip, fitted_size, label_style, labelled, on, ramp, text_box, text_rect, text_style,
                     uniform)

LEVEL_GAP = inches(0.06)
LEADER = inches(0.6)  # room for the leader between the widest level and the descriptions
TEXT_W = inches(5.2)  # descriptions wider than this read badly
SLOPE = 1.35  # a level stack is at most this many times as wide as it is tall


@dataclass
class Level:
    box: Box  # the trapezoid's bounding box
    top_w: int
    bottom_w: int
    geometry: str
    adjust: tuple
    label: Box | None = None
    label_size: float | None = None


def _outline(area: Box, n: int, base: int, tip: int, funnel: bool, first_weight: float) -> list[Level]:
    """The levels' boxes, top first: widths taken from one straight outline from `base` to `tip`."""
    top, h_all = area.y, area.h
    width_at = (lambda y: base - (base - tip) * (y - top) / h_all) if funnel else \
        (lambda y: tip + (base - tip) * (y - top) / h_all)
    rows = area.rows(n, LEVEL_GAP, [first_weight] + [1.0] * (n - 1))
    levels = []
    for row in rows:
        wt, wb = int(width_at(row.y)), int(width_at(row.bottom))
        wide = max(wt, wb)
        box = Box(area.cx - wide // 2, row.y, wide, row.h)
        x2 = abs(wb - wt) / 2
        if wt <= inches(0.02) and not funnel:
            levels.append(Level(box, wt, wb, "triangle", ()))
        else:
            ss = max(min(box.w, box.h), 1)
            levels.append(Level(box, wt, wb, "trapezoid", (("adj", int(round(x2 * 100000 / ss))),)))
    return levels


def _candidates(level: Level, in_shape: bool) -> list[Box]:
    """Label rectangles inside the level's visible outline (and its text rectangle when the label is
    the shape's own text), from short and wide to tall and narrow."""
    b = level.box
    tr = text_rect(level.geometry, b, level.adjust) if in_shape else b
    out = []
    for share in (0.5, 0.65, 0.8):
        th = int(b.h * share)
        if level.geometry == "triangle":
            y = b.bottom - th - PAD // 2
        else:
            y = b.y + (b.h - th) // 2
        # the narrow edge of the rectangle decides its width
        narrow_y = y if level.bottom_w >= level.top_w else y + th
        w_at = level.top_w + (level.bottom_w - level.top_w) * (narrow_y - b.y) / b.h
        w = int(w_at) - 2 * PAD
        out.append(clip(Box(b.cx - w // 2, y, w, th), tr))
    return out


def _place_labels(d: Design, diagram: Diagram, levels: list[Level], style, in_shape: bool) -> float | None:
    """Choose each level's label rectangle; returns the size all labels share (None: one fits nowhere)."""
    worst = None
    for level, item in zip(levels, diagram.items):
        best = None
        for cand in _candidates(level, in_shape):
            size = fitted_size(d, item.label, cand.w, cand.h, style)
            if size is not None and (best is None or size > best[0]):
                best = (size, cand)
        if best is None:
            level.label, level.label_size = _candidates(level, in_shape)[-1], None
            return None
        level.label_size, level.label = best
        worst = best[0] if worst is None else min(worst, best[0])
    return worst


def draw_levels(diagram: Diagram, area: Box, d: Design, *, funnel: bool) -> list:
    items = diagram.items
    n = len(items)
    noun = "Funnel stage" if funnel else "Pyramid level"
    has_text = any(it.text for it in items)
    base = min(int(area.h * SLOPE), int(area.w * 0.46) if has_text else area.w)
    text_w = 0
    if has_text:  # as wide as the longest description wants, so the composition centres on what is drawn
        wanted = int(max(d.text_width(it.text, "body", 18) for it in items if it.text) / 0.95) + inches(0.1)
        text_w = min(area.w - base - LEADER, TEXT_W, max(wanted, inches(2.5)))
    total = base + (LEADER + text_w if has_text else 0)
    stack = Box(area.x + (area.w - total) // 2, area.y, base, area.h)

    lstyle = label_style(d, 24)
    in_shape = not funnel  # a funnel's levels are flipped: their labels are text boxes laid over them
    if funnel:
        levels = _outline(stack, n, base, int(base * 0.42), True, 1.0)
        size = _place_labels(d, diagram, levels, lstyle, in_shape)
    else:
        # a pointed top while its label fits as well as the others', else a flat-topped pyramid
        levels = _outline(stack, n, base, 0, False, 1.35)
        size = _place_labels(d, diagram, levels, lstyle, in_shape)
        others = min((lv.label_size or 0 for lv in levels[1:]), default=0)
        if size is None or (levels[0].label_size or 0) < min(others, 16):
            levels = _outline(stack, n, base, int(base * 0.2), False, 1.0)
            size = _place_labels(d, diagram, levels, lstyle, in_shape)
    if size is not None:
        lstyle = label_style(d, size)  # every level's label at the size the tightest one fits

    shapes: list = []
    tstyle = text_style(d, 18)
    text_x = stack.right + LEADER
    if has_text:
        tstyle = uniform(d, tstyle, [(it.text, text_w, lv.box.h) for it, lv in zip(items, levels)])
    fills = ramp(d, n, darkest_first=True)  # the apex (or the funnel's mouth) deepest
    for i, (level, item) in enumerate(zip(levels, items), start=1):
        colour = fills[i - 1]
        loc = item.loc or diagram.loc
        what = f"{noun.lower()} {i}'s label"
        if funnel:
            shapes.append(Shape(f"{noun} {i}", level.box, geometry="trapezoid", fill=colour, adjust=level.adjust,
                                flip_v=True))
            shapes.append(text_box(d, f"{noun} {i} label", level.label, item.label, lstyle, loc=loc, what=what,
                                   colour=on(d, colour), align="ctr", anchor="ctr"))
        else:
            shapes.append(labelled(d, f"{noun} {i}", level.box, item.label, lstyle, loc=loc, what=what,
                                   geometry=level.geometry, fill=colour, inner=level.label, adjust=level.adjust))
        if item.text:
            row = clip(Box(text_x, level.box.y - LEVEL_GAP // 2, text_w, level.box.h + LEVEL_GAP), area)
            shapes.append(text_box(d, f"{noun} {i} text", row, item.text, tstyle, loc=loc,
                                   what=f"{noun.lower()} {i}'s description", anchor="ctr"))
            mid = level.box.cy
            edge = stack.cx + _width_at(level, mid) // 2
            shapes.append(Connector(f"{noun} {i} leader", (edge + inches(0.1), mid), (text_x - inches(0.12), mid),
                                    colour, width=1.5, dash="sysDot"))
    return shapes


def _width_at(level: Level, y: int) -> int:
    b = level.box
    return int(level.top_w + (level.bottom_w - level.top_w) * (y - b.y) / max(b.h, 1))
