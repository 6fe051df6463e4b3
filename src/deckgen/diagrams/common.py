"""What the diagram drawers share: label styles, one size per diagram, text placed inside preset shapes
exactly where PowerPoint and LibreOffice put it, cards with a label and a description, and geometry."""
from __future__ import annotations

import math
from dataclasses import replace

from ..design import Design
from ..errors import Loc
from ..outline import Item
from ..plan import EMU_PER_PT, Box, Colour, Connector, Paragraph, Shape, inches, pt
from ..textfit import BlockStyle, Para, phrases

GAP = inches(0.08)  # between touching parts of one diagram (levels, quadrants, cells)
PAD = inches(0.1)  # between a shape's edge and its text
LABEL_GAP = inches(0.06)  # between a card's label and its description


# --- type ------------------------------------------------------------------------------------------

def label_style(d: Design, max_size: float = 20, bold: bool = True) -> BlockStyle:
    """Short labels: bold, phrase-broken and balanced, never below the diagram floor."""
    return d.style("heading", max_size, d.size("diagram_min"), bold=bold, phrase=True, balance=True)


def text_style(d: Design, max_size: float = 16) -> BlockStyle:
    """Descriptions: regular weight, phrase-broken and balanced."""
    return d.style("body", max_size, d.size("diagram_min"), phrase=True, balance=True, spacing=1.25)


def fitted_size(d: Design, text: str, w: int, h: int, style: BlockStyle) -> float | None:
    """The size `text` fits a w×h EMU box at, or None if not even at the floor.

    With a phrase-aware style, the largest size whose lines all break between phrases (销售|管理, never
    销|售管理) wins over a larger one that splits a word; only if none does, the largest that fits."""
    if w <= 0 or h <= 0:
        return None
    paras, wpt, hpt = [Para(text)], w / EMU_PER_PT, h / EMU_PER_PT
    size, first = style.max_size, None
    while size >= style.min_size - 1e-9:
        fitted = d.fitter.measure(paras, style, size, wpt)
        if d.fitter.fits(fitted, paras, style, wpt, hpt):
            if not style.phrase or whole_phrases(text, fitted.lines[0]):
                return size
            first = size if first is None else first
        size -= style.step
    return first


def whole_phrases(text: str, lines) -> bool:
    """Whether every line break falls between two phrases."""
    bounds, pos = set(), 0
    for unit in phrases(text):
        pos += len(unit)
        bounds.add(pos)
    pos = 0
    for line in lines[:-1]:
        pos = text.find(line, pos) + len(line)
        while pos < len(text) and text[pos] == " ":
            pos += 1
        if pos not in bounds:
            return False
    return True


def text_height(d: Design, text: str, w: int, style: BlockStyle, size: float | None = None) -> int:
    """Height in EMU of `text` set `w` wide at `size` (default: the style's largest)."""
    size = style.max_size if size is None else size
    return pt(d.fitter.measure([Para(text)], style, size, w / EMU_PER_PT).height)


def uniform(d: Design, style: BlockStyle, jobs: list[tuple[str, int, int]]) -> BlockStyle:
    """The style capped at the size every (text, w, h) job fits at, so siblings share one size.

    A job that fits nowhere does not drag the others to the floor: its own fit reports it."""
    sized = [(fitted_size(d, text, w, h, style), text, w, h) for text, w, h in jobs if text]
    fitting = [(text, w, h) for size, text, w, h in sized if size is not None]
    cap = min((size for size, *_ in sized if size is not None), default=style.max_size)
    # the fit that places each text may take a point or two off a label rather than break it at the cap:
    # the siblings follow it down (until none does), so a row of pillars keeps one size
    for _ in range(4):
        placed = [d.fitter.fit([Para(text)], replace(style, max_size=cap), w / EMU_PER_PT, h / EMU_PER_PT)
                  for text, w, h in fitting]
        lowest = min((p.size for p in placed if p is not None), default=cap)
        if lowest >= cap:
            break
        cap = lowest
    return replace(style, max_size=cap)


# --- colour ----------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: Colour, b: Colour) -> float:
    la, lb = sorted((_luminance(a.hex), _luminance(b.hex)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


RAMP_DARKEST = 0.5  # lumMod of the ramp's darkest step


def ramp(d: Design, n: int, *, darkest_first: bool = False) -> list[Colour]:
    """n shades of the theme's first accent, lightest first (or darkest first), for diagrams whose
    parts are ordered (steps, stages, levels): one hue that deepens, not unrelated accents. The lightest
    stays dark enough for light text (4.5:1), so no step's text changes colour."""
    from ..legibility import shade
    from ..theme import contrast as ratio
    # always the first accent's slot (never picked by value: a child theme that changes one colour must
    # change only the shapes that use it)
    base = d.colour("accent1")
    light = d.colour("on_primary").hex
    lightest = 0.0
    while lightest < 0.6 and ratio(light, shade(base, round(1 - lightest - 0.05, 2), round(lightest + 0.05, 2)).hex) >= 4.5:
        lightest = round(lightest + 0.05, 2)
    out = []
    for k in range(n):
        s = -1 + 2 * k / (n - 1) if n > 1 else 0.0  # -1 darkest … +1 lightest
        if s < 0:
            out.append(shade(base, round(1 + s * (1 - RAMP_DARKEST), 2), 0.0))
        elif s > 0 and lightest:
            t = round(s * lightest, 2)
            out.append(shade(base, round(1 - t, 2), t))
        else:
            out.append(base)
    return out if darkest_first else out[::-1]


def harmonised(d: Design, fills: list[Colour], minimum: float = 4.5) -> tuple[list[Colour], Colour]:
    """Sibling fills that all carry the same text colour: the light or dark text most of them prefer, and
    each fill that does not reach `minimum` with it deepened (or lightened) a little, its slot kept, so no
    text in a row of shapes turns dark where its neighbours' is light. Returns the fills and their text colour."""
    from ..legibility import shade
    from ..theme import contrast as ratio
    light, dark = d.colour("on_primary"), d.colour("text")
    prefer_light = sum(ratio(light.hex, f.hex) >= ratio(dark.hex, f.hex) for f in fills) * 2 >= len(fills)
    text = light if prefer_light else dark
    out = []
    for fill in fills:
        k = 0
        shaded = fill
        while ratio(text.hex, shaded.hex) < minimum and k < 12:
            k += 1
            step = round(1 - 0.05 * k, 2)
            shaded = shade(fill, step, 0.0) if prefer_light else shade(fill, step, round(1 - step, 2))
        out.append(shaded)
    return out, text


def on(d: Design, fill: Colour | None) -> Colour:
    """The text colour for a fill: the theme's light or dark text, whichever contrasts more."""
    if fill is None:
        return d.colour("text")
    light, dark = d.colour("on_primary"), d.colour("text")
    return light if contrast(light, fill) >= contrast(dark, fill) else dark


# --- text inside preset shapes ---------------------------------------------------------------------

def text_rect(geometry: str, box: Box, adjust: tuple = ()) -> Box:
    """The preset's text rectangle (ECMA-376 presetShapeDefinitions), where clients lay out its text."""
    w, h = box.w, box.h
    ss = max(min(w, h), 1)
    adj = dict(adjust)
    l, t, r, b = 0.0, 0.0, float(w), float(h)
    if geometry == "roundRect":
        a = min(max(adj.get("adj", 16667), 0), 50000)
        i = ss * a / 100000 * 0.29289
        l, t, r, b = i, i, w - i, h - i
    elif geometry == "ellipse":
        dx, dy = w / 2 * (1 - math.cos(math.pi / 4)), h / 2 * (1 - math.sin(math.pi / 4))
        l, t, r, b = dx, dy, w - dx, h - dy
    elif geometry == "triangle":
        a = min(max(adj.get("adj", 50000), 0), 100000)
        l = w * a / 200000
        l, t, r = l, h / 2, l + w / 2
    elif geometry == "trapezoid":
        max_adj = 50000 * w / ss
        a = min(max(adj.get("adj", 25000), 0), max_adj)
        il, it = w / 3 * a / max_adj, h / 3 * a / max_adj
        l, t, r = il, it, w - il
    elif geometry == "chevron":
        a = min(max(adj.get("adj", 50000), 0), 100000 * w / ss)
        x2 = ss * a / 100000
        if w - x2 > x2:
            l, r = x2, w - x2
    elif geometry == "homePlate":
        a = min(max(adj.get("adj", 50000), 0), 100000 * w / ss)
        r = (w - ss * a / 100000 + w) / 2
    return Box(box.x + int(math.ceil(l)), box.y + int(math.ceil(t)), int(r - math.ceil(l)),
               int(b - math.ceil(t)))


def clip(inner: Box, outer: Box) -> Box:
    x, y = max(inner.x, outer.x), max(inner.y, outer.y)
    return Box(x, y, max(min(inner.right, outer.right) - x, 0), max(min(inner.bottom, outer.bottom) - y, 0))


def labelled(d: Design, name: str, box: Box, label: str, style: BlockStyle, *, loc: Loc | None, what: str,
             geometry: str = "rect", fill: Colour | None = None, inner: Box | None = None,
             adjust: tuple = (), align: str = "ctr", anchor: str = "ctr", colour: Colour | None = None,
             **shape) -> Shape:
    """A preset shape carrying its label, fitted to `inner` (default: its text rectangle less PAD).

    The insets are measured from the preset's text rectangle, so PowerPoint and LibreOffice set the
    text exactly in `inner` whatever the geometry."""
    tr = text_rect(geometry, box, adjust)
    inner = clip(inner if inner is not None else tr.inset(PAD, PAD // 2), tr)
    insets = (inner.x - tr.x, inner.y - tr.y, tr.right - inner.right, tr.bottom - inner.bottom)
    block = d.fit([Paragraph(label)], tr, style, colour or on(d, fill), loc=loc, what=what, align=align,
                  anchor=anchor, insets=insets)
    return Shape(name, box, geometry=geometry, fill=fill, text=block, adjust=adjust, **shape)


def text_box(d: Design, name: str, box: Box, text: str, style: BlockStyle, *, loc: Loc | None, what: str,
             colour: Colour | None = None, align: str = "l", anchor: str = "t") -> Shape:
    """A text-only shape (no fill, no line) fitted to its box."""
    block = d.fit([Paragraph(text)], box, style, colour or d.colour("text"), loc=loc, what=what, align=align,
                  anchor=anchor)
    return Shape(name, box, text=block)


# --- cards: a filled shape with its label and an optional description --------------------------------

LABEL_SHARE = 0.45  # at most this much of a card's text area goes to the label when it has a description


def card_inner(geometry: str, box: Box, adjust: tuple = (), pad: int = PAD) -> Box:
    if geometry == "ellipse":  # the text rectangle is already well inside the outline
        pad = min(pad, inches(0.03))
    return text_rect(geometry, box, adjust).inset(pad, pad)


def card_styles(d: Design, items, inners: list[Box], lstyle: BlockStyle,
                tstyle: BlockStyle) -> tuple[BlockStyle, BlockStyle]:
    """One label size and one description size for a set of cards."""
    lstyle = uniform(d, lstyle, [(it.label, b.w, int(b.h * (LABEL_SHARE if it.text else 1.0)))
                                 for it, b in zip(items, inners)])
    jobs = []
    for it, b in zip(items, inners):
        if it.text:
            jobs.append((it.text, b.w, b.h - _label_h(d, it.label, b, lstyle) - LABEL_GAP))
    tstyle = uniform(d, tstyle, jobs)
    if tstyle.max_size > lstyle.max_size - 2:  # keep the label the stronger of the two
        tstyle = replace(tstyle, max_size=max(lstyle.max_size - 2, tstyle.min_size))
    return lstyle, tstyle


def _label_h(d: Design, label: str, inner: Box, lstyle: BlockStyle) -> int:
    size = fitted_size(d, label, inner.w, int(inner.h * LABEL_SHARE), lstyle) or lstyle.min_size
    return text_height(d, label, inner.w, lstyle, size) + pt(1)


def card(d: Design, name: str, box: Box, item: Item, lstyle: BlockStyle, tstyle: BlockStyle, *,
         loc: Loc | None, what: str, fill: Colour, geometry: str = "roundRect", adjust: tuple = (),
         anchor: str = "ctr", pad: int = PAD, align: str = "ctr", colour: Colour | None = None) -> list[Shape]:
    """The card shape with its label; with a description, the label on top and the description under it
    in a text box of its own (named '<name> text'), the pair centred (or top-aligned) in the card."""
    inner = card_inner(geometry, box, adjust, pad)
    if not item.text:
        return [labelled(d, name, box, item.label, lstyle, loc=loc, what=what, geometry=geometry, fill=fill,
                         inner=inner, adjust=adjust, anchor=anchor, align=align, colour=colour)]
    lh = _label_h(d, item.label, inner, lstyle)
    tsize = fitted_size(d, item.text, inner.w, inner.h - lh - LABEL_GAP, tstyle) or tstyle.min_size
    th = text_height(d, item.text, inner.w, tstyle, tsize) + pt(1)
    top = inner.y + max((inner.h - lh - LABEL_GAP - th) // 2, 0) if anchor == "ctr" else inner.y
    label_box = Box(inner.x, top, inner.w, lh)
    below = top + lh + LABEL_GAP
    desc_box = Box(inner.x, below, inner.w, max(inner.bottom - below, 0))
    return [labelled(d, name, box, item.label, lstyle, loc=loc, what=what, geometry=geometry, fill=fill,
                     inner=label_box, adjust=adjust, align=align, colour=colour),
            text_box(d, f"{name} text", desc_box, item.text, tstyle, loc=loc, what=f"{what}'s description",
                     colour=colour or on(d, fill), align=align)]


# --- geometry --------------------------------------------------------------------------------------

def bounds(elements) -> Box | None:
    """The box around every shape and connector (groups included)."""
    from ..plan import Group
    xs, ys = [], []
    for e in elements:
        if isinstance(e, Group):
            b = bounds(e.children)
            if b is None:
                continue
            xs += [b.x, b.right]
            ys += [b.y, b.bottom]
        elif isinstance(e, Connector):
            xs += [e.start[0], e.end[0]]
            ys += [e.start[1], e.end[1]]
        elif hasattr(e, "box"):
            xs += [e.box.x, e.box.right]
            ys += [e.box.y, e.box.bottom]
    if not xs:
        return None
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def moved(elements, dx: int, dy: int) -> list:
    """The elements shifted by (dx, dy) EMU."""
    from ..plan import Group
    out = []
    for e in elements:
        if isinstance(e, Group):
            out.append(replace(e, children=tuple(moved(e.children, dx, dy))))
        elif isinstance(e, Connector):
            out.append(replace(e, start=(e.start[0] + dx, e.start[1] + dy), end=(e.end[0] + dx, e.end[1] + dy)))
        elif hasattr(e, "box"):
            b = e.box
            out.append(replace(e, box=Box(b.x + dx, b.y + dy, b.w, b.h)))
        else:
            out.append(e)
    return out


def centred(area: Box, w: int, h: int) -> Box:
    w, h = min(w, area.w), min(h, area.h)
    return Box(area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h)


def edge_point(box: Box, toward: tuple[float, float], oval: bool) -> tuple[float, float]:
    """Where the line from the box's centre toward a point leaves the box (or the oval inside it)."""
    dx, dy = toward[0] - box.cx, toward[1] - box.cy
    dist = math.hypot(dx, dy) or 1.0
    ux, uy = dx / dist, dy / dist
    if oval:
        a, b = box.w / 2, box.h / 2
        t = 1 / math.sqrt((ux / a) ** 2 + (uy / b) ** 2)
    else:
        tx = (box.w / 2) / abs(ux) if ux else math.inf
        ty = (box.h / 2) / abs(uy) if uy else math.inf
        t = min(tx, ty)
    return box.cx + ux * t, box.cy + uy * t


def link(name: str, a: Box, b: Box, colour: Colour, *, oval_a: bool, oval_b: bool, margin: int,
         width: float = 2.0, arrow: bool = False) -> Connector | None:
    """A straight connector between two shapes' outlines, `margin` clear of each; None if no room."""
    x1, y1 = edge_point(a, (b.cx, b.cy), oval_a)
    x2, y2 = edge_point(b, (a.cx, a.cy), oval_b)
    length = math.hypot(x2 - x1, y2 - y1)
    if length <= 2 * margin + inches(0.1):
        return None
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    start = (int(round(x1 + ux * margin)), int(round(y1 + uy * margin)))
    end = (int(round(x2 - ux * margin)), int(round(y2 - uy * margin)))
    return Connector(name, start, end, colour, width=width, arrow_end=arrow)


def separated(a: Box, b: Box, gap: int) -> bool:
    """At least `gap` of clear space between two boxes along some axis."""
    return (b.x - a.right >= gap or a.x - b.right >= gap or b.y - a.bottom >= gap or a.y - b.bottom >= gap)


def clock_units(n: int, offset: float = 0.0) -> list[tuple[float, float]]:
    """n directions clockwise from the top (y grows downward), turned by `offset` of a step."""
    return [(math.sin(2 * math.pi * (i + offset) / n), -math.cos(2 * math.pi * (i + offset) / n)) for i in range(n)]


def _clearance(a: Box, b: Box, oval: bool) -> float:
    """Clear space between two nodes: along the line of centres for circles, along an axis for boxes."""
    if oval:
        return math.hypot(a.cx - b.cx, a.cy - b.cy) - (a.w + b.w) / 2
    return max(b.x - a.right, a.x - b.right, b.y - a.bottom, a.y - b.bottom)


def ring(area: Box, units: list[tuple[float, float]], node_w: int, node_h: int, *, oval: bool,
         next_gap: int, other_gap: int, centre: int = 0, centre_gap: int = 0,
         aspect: float = 1.1) -> tuple[list[Box], tuple[int, int]]:
    """Node boxes on an ellipse filling the area's height, `aspect` times as wide as tall or more: it
    widens until neighbours have `next_gap` between them (room for an arrow), others `other_gap`, and
    a centre circle `centre` wide has `centre_gap` around it; past the area's width the nodes shrink."""
    xs, ys = [u[0] for u in units], [u[1] for u in units]
    xspan, yspan = max(xs) - min(xs), max(ys) - min(ys)
    n = len(units)
    boxes, origin = [], (area.cx, area.cy)
    # cards give up height before width (circles shrink evenly)
    scales = [(1.0, 1 - 0.06 * k) for k in range(6)] + [(1 - 0.06 * k, 0.7 - 0.04 * k) for k in range(1, 6)]
    for sw, sh in ([(1 - 0.06 * k,) * 2 for k in range(9)] if oval else scales):
        nw, nh = int(node_w * sw), int(node_h * sh)
        ry = (area.h - nh) / yspan if yspan else 0
        rx_max = (area.w - nw) / xspan if xspan else 0
        for stretch in [aspect + 0.15 * k for k in range(16)]:
            rx = min(ry * stretch, rx_max)
            ox = area.cx - rx * (max(xs) + min(xs)) / 2
            oy = area.cy - ry * (max(ys) + min(ys)) / 2
            boxes = [Box(min(max(round(ox + rx * ux - nw / 2), area.x), area.right - nw),
                         min(max(round(oy + ry * uy - nh / 2), area.y), area.bottom - nh), nw, nh)
                     for ux, uy in units]
            origin = (int(ox), int(oy))
            if _ring_ok(boxes, origin, oval, next_gap, other_gap, centre, centre_gap, n):
                return boxes, origin
            if rx >= rx_max:
                break
    return boxes, origin


def _ring_ok(boxes, origin, oval, next_gap, other_gap, centre, centre_gap, n) -> bool:
    for i in range(n):
        for j in range(i + 1, n):
            neighbours = j == i + 1 or (i == 0 and j == n - 1)
            if _clearance(boxes[i], boxes[j], oval) < (next_gap if neighbours else other_gap):
                return False
    if centre:
        hub = Box(origin[0] - centre // 2, origin[1] - centre // 2, centre, centre)
        for b in boxes:
            if oval:
                room = _clearance(hub, b, True)
            else:  # nearest point of the box to the circle's centre
                nx = min(max(origin[0], b.x), b.right)
                ny = min(max(origin[1], b.y), b.bottom)
                room = math.hypot(nx - origin[0], ny - origin[1]) - centre / 2
            if room < centre_gap:
                return False
    return True


# --- captions: descriptions set under a row of shapes --------------------------------------------------

CAPTION_GAP = inches(0.18)  # between a shape and the description under it


def caption_style(d: Design, items, columns: list[Box], room: int) -> tuple[BlockStyle, int]:
    """One size for every description under a row of shapes, and the height the tallest takes at it."""
    jobs = [(it.text, c.w, room) for it, c in zip(items, columns) if it.text]
    style = uniform(d, text_style(d, 16), jobs)
    tallest = max((text_height(d, t, w, style) for t, w, _ in jobs), default=0)
    return style, min(tallest + inches(0.05), room)


def captions(d: Design, noun: str, items, columns: list[Box], y: int, h: int, style: BlockStyle,
             loc: Loc | None) -> list[Shape]:
    """'<noun> i text' boxes under the shapes, centred on their columns."""
    out = []
    for i, (item, col) in enumerate(zip(items, columns), start=1):
        if item.text:
            out.append(text_box(d, f"{noun} {i} text", Box(col.x, y, col.w, h), item.text, style,
                                loc=item.loc or loc, what=f"{noun.lower()} {i}'s description", align="ctr"))
    return out
