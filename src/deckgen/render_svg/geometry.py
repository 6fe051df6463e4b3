"""DrawingML preset geometries as SVG path data, from the formulas of ECMA-376 presetShapeDefinitions.xml.

Each function takes the shape's width and height (any unit, points here) and its adjustments (name →
value, the file's 1/100000 units) and returns path data relative to the shape's top-left corner. Only
the presets deckgen's planners draw, and their near relatives, are here: an unknown preset is drawn as
its bounding rectangle (see `path_for`), which is what the slide would show were the preset missing.
"""
from __future__ import annotations

import math
from typing import Callable

Adjust = dict[str, float]


def _pin(lo: float, v: float, hi: float) -> float:
    return max(lo, min(v, hi))


def _poly(points) -> str:
    head, *rest = points
    return f"M{head[0]:.2f},{head[1]:.2f}" + "".join(f"L{x:.2f},{y:.2f}" for x, y in rest) + "Z"


def _ellipse_path(cx: float, cy: float, rx: float, ry: float) -> str:
    return (f"M{cx - rx:.2f},{cy:.2f}A{rx:.2f},{ry:.2f} 0 1 0 {cx + rx:.2f},{cy:.2f}"
            f"A{rx:.2f},{ry:.2f} 0 1 0 {cx - rx:.2f},{cy:.2f}Z")


def rect(w, h, adj):
    return _poly([(0, 0), (w, 0), (w, h), (0, h)])


def round_rect(w, h, adj):
    r = min(w, h) * _pin(0, adj.get("adj", 16667), 50000) / 100000
    if r <= 0:
        return rect(w, h, adj)
    return (f"M{r:.2f},0L{w - r:.2f},0A{r:.2f},{r:.2f} 0 0 1 {w:.2f},{r:.2f}L{w:.2f},{h - r:.2f}"
            f"A{r:.2f},{r:.2f} 0 0 1 {w - r:.2f},{h:.2f}L{r:.2f},{h:.2f}A{r:.2f},{r:.2f} 0 0 1 0,{h - r:.2f}"
            f"L0,{r:.2f}A{r:.2f},{r:.2f} 0 0 1 {r:.2f},0Z")


def ellipse(w, h, adj):
    return _ellipse_path(w / 2, h / 2, w / 2, h / 2)


def triangle(w, h, adj):
    x = w * _pin(0, adj.get("adj", 50000), 100000) / 100000
    return _poly([(x, 0), (w, h), (0, h)])


def right_triangle(w, h, adj):
    return _poly([(0, 0), (w, h), (0, h)])


def diamond(w, h, adj):
    return _poly([(w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)])


def trapezoid(w, h, adj):
    ss = min(w, h) or 1
    x = ss * _pin(0, adj.get("adj", 25000), 50000 * w / ss) / 100000
    return _poly([(0, h), (x, 0), (w - x, 0), (w, h)])


def parallelogram(w, h, adj):
    ss = min(w, h) or 1
    x = ss * _pin(0, adj.get("adj", 25000), 100000 * w / ss) / 100000
    return _poly([(0, h), (x, 0), (w, 0), (w - x, h)])


def chevron(w, h, adj):
    ss = min(w, h) or 1
    x1 = ss * _pin(0, adj.get("adj", 50000), 100000 * w / ss) / 100000
    return _poly([(0, 0), (w - x1, 0), (w, h / 2), (w - x1, h), (0, h), (x1, h / 2)])


def home_plate(w, h, adj):
    ss = min(w, h) or 1
    x1 = w - ss * _pin(0, adj.get("adj", 50000), 100000 * w / ss) / 100000
    return _poly([(0, 0), (x1, 0), (w, h / 2), (x1, h), (0, h)])


def _arrow_right(w, h, adj):
    ss = min(w, h) or 1
    a1 = _pin(0, adj.get("adj1", 50000), 100000)
    a2 = _pin(0, adj.get("adj2", 50000), 100000 * w / ss)
    x1 = w - ss * a2 / 100000
    dy = h * a1 / 200000
    return [(0, h / 2 - dy), (x1, h / 2 - dy), (x1, 0), (w, h / 2), (x1, h), (x1, h / 2 + dy), (0, h / 2 + dy)]


def right_arrow(w, h, adj):
    return _poly(_arrow_right(w, h, adj))


def left_arrow(w, h, adj):
    return _poly([(w - x, y) for x, y in _arrow_right(w, h, adj)])


def down_arrow(w, h, adj):
    return _poly([(y, x) for x, y in _arrow_right(h, w, adj)])


def up_arrow(w, h, adj):
    return _poly([(y, h - x) for x, y in _arrow_right(h, w, adj)])


def left_right_arrow(w, h, adj):
    ss = min(w, h) or 1
    a1 = _pin(0, adj.get("adj1", 50000), 100000)
    x1 = ss * _pin(0, adj.get("adj2", 50000), 50000 * w / ss) / 100000
    dy = h * a1 / 200000
    y1, y2 = h / 2 - dy, h / 2 + dy
    return _poly([(0, h / 2), (x1, 0), (x1, y1), (w - x1, y1), (w - x1, 0), (w, h / 2), (w - x1, h),
                  (w - x1, y2), (x1, y2), (x1, h)])


def math_plus(w, h, adj):
    ss = min(w, h)
    a1 = _pin(0, adj.get("adj1", 23520), 73490)
    dx1, dy1, dx2 = w * 73490 / 200000, h * 73490 / 200000, ss * a1 / 200000
    hc, vc = w / 2, h / 2
    x1, x2, x3, x4 = hc - dx1, hc - dx2, hc + dx2, hc + dx1
    y1, y2, y3, y4 = vc - dy1, vc - dx2, vc + dx2, vc + dy1
    return _poly([(x1, y2), (x2, y2), (x2, y1), (x3, y1), (x3, y2), (x4, y2), (x4, y3), (x3, y3), (x3, y4),
                  (x2, y4), (x2, y3), (x1, y3)])


def math_minus(w, h, adj):
    dy1 = h * _pin(0, adj.get("adj1", 23520), 100000) / 200000
    dx1 = w * 73490 / 200000
    return _poly([(w / 2 - dx1, h / 2 - dy1), (w / 2 + dx1, h / 2 - dy1), (w / 2 + dx1, h / 2 + dy1),
                  (w / 2 - dx1, h / 2 + dy1)])


def math_equal(w, h, adj):
    a1 = _pin(0, adj.get("adj1", 23520), 36745)
    a2 = _pin(0, adj.get("adj2", 11760), 100000 - 2 * a1)
    dy1, dy2, dx1 = h * a1 / 100000, h * a2 / 200000, w * 73490 / 200000
    y2, y3 = h / 2 - dy2, h / 2 + dy2
    y1, y4 = y2 - dy1, y3 + dy1
    x1, x2 = w / 2 - dx1, w / 2 + dx1
    return _poly([(x1, y1), (x2, y1), (x2, y2), (x1, y2)]) + _poly([(x1, y3), (x2, y3), (x2, y4), (x1, y4)])


def math_divide(w, h, adj):
    a1 = _pin(1000, adj.get("adj1", 23520), 36745)
    a3 = _pin(1000, adj.get("adj3", 11760), min(73490 - a1 / 4, 36745 * w / h if h else 36745))
    a2 = _pin(0, adj.get("adj2", 5880), 73490 - 4 * a3 - a1)
    dy1, yg, rad, dx1 = h * a1 / 200000, h * a2 / 100000, h * a3 / 100000, w * 73490 / 200000
    y3, y4 = h / 2 - dy1, h / 2 + dy1
    y1 = y3 - (yg + rad) - rad
    y5 = h - y1
    bar = _poly([(w / 2 - dx1, y3), (w / 2 + dx1, y3), (w / 2 + dx1, y4), (w / 2 - dx1, y4)])
    return _ellipse_path(w / 2, y1 + rad, rad, rad) + bar + _ellipse_path(w / 2, y5 - rad, rad, rad)


def math_multiply(w, h, adj):
    ss = min(w, h)
    th = ss * _pin(0, adj.get("adj1", 23520), 51965) / 100000
    a = math.atan2(h, w)
    sa, ca, ta = math.sin(a), math.cos(a), math.tan(a)
    dl = math.hypot(w, h)
    lm = dl - dl * 51965 / 100000
    xm, ym = ca * lm / 2, sa * lm / 2
    dxam, dyam = sa * th / 2, ca * th / 2
    xa, ya = xm - dxam, ym + dyam
    xb, yb = xm + dxam, ym - dyam
    yc = (w / 2 - xb) * ta + yb
    xd, xe = w - xb, w - xa
    xfe = (h / 2 - ya) / ta if ta else 0
    xf, xl = xe - xfe, xa + xfe
    yg, yh, yi = h - ya, h - yb, h - yc
    return _poly([(xa, ya), (xb, yb), (w / 2, yc), (xd, yb), (xe, ya), (xf, h / 2), (xe, yg), (xd, yh),
                  (w / 2, yi), (xb, yh), (xa, yg), (xl, h / 2)])


# Preset name (as DrawingML spells it) → path maker.
PRESETS: dict[str, Callable[[float, float, Adjust], str]] = {
    "rect": rect,
    "roundRect": round_rect,
    "ellipse": ellipse,
    "triangle": triangle,
    "rtTriangle": right_triangle,
    "diamond": diamond,
    "trapezoid": trapezoid,
    "parallelogram": parallelogram,
    "chevron": chevron,
    "homePlate": home_plate,
    "rightArrow": right_arrow,
    "leftArrow": left_arrow,
    "upArrow": up_arrow,
    "downArrow": down_arrow,
    "leftRightArrow": left_right_arrow,
    "mathPlus": math_plus,
    "mathMinus": math_minus,
    "mathMultiply": math_multiply,
    "mathDivide": math_divide,
    "mathEqual": math_equal,
}


def path_for(geometry: str, w: float, h: float, adjust) -> str:
    """The preset's outline; an unknown preset falls back to its bounding rectangle."""
    return PRESETS.get(geometry, rect)(w, h, dict(adjust))
