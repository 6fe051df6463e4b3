"""SVG drawings of pictures with their crop, QR codes and charts (the PowerPoint renderer's media
counterparts): a chart is drawn from its data as PowerPoint lays it out in broad strokes (plot area,
bars, lines, slices, value labels, legend), enough for a preview."""
from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from ..plan import EMU_PER_PT, Chart, Colour, Picture, QrCode
from ..textfit import has_cjk

CROP_UNIT = 100000


def _pt(emu: float) -> float:
    return emu / EMU_PER_PT


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


def picture_uri(images, p: Picture) -> str | None:
    """A data URI for the picture; an SVG drawing rasterised at the size the plan embeds it at; None when
    the file cannot be read any more."""
    from ..media import is_svg, svg_to_png
    if is_svg(p.path) and p.pixels:
        import base64
        return "data:image/png;base64," + base64.b64encode(svg_to_png(p.path, *p.pixels)).decode("ascii")
    return images.data_uri(p.path)


def picture_svg(uri: str, p: Picture, name: str | None = None) -> str:
    """The picture in its box, showing only its uncropped part (a nested viewport clips the rest)."""
    x, y, w, h = _pt(p.box.x), _pt(p.box.y), _pt(p.box.w), _pt(p.box.h)
    l, t, r, b = (v / CROP_UNIT for v in p.crop)
    shown_w, shown_h = max(1 - l - r, 1e-6), max(1 - t - b, 1e-6)
    full_w, full_h = w / shown_w, h / shown_h
    label = f" data-name={quoteattr(name or p.name)}"
    return (f'<svg{label} x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" overflow="hidden">'
            f'<image x="{_n(-l * full_w)}" y="{_n(-t * full_h)}" width="{_n(full_w)}" height="{_n(full_h)}" '
            f'preserveAspectRatio="none" href="{uri}"/></svg>')


def qr_svg(q: QrCode) -> str:
    """The QR code's modules as one path, quiet zone included, scaled to its box."""
    import segno
    matrix = segno.make(q.data, error="m", micro=False).matrix
    n = len(matrix) + 4  # two modules of quiet zone each side, as the PowerPoint picture has
    size = _pt(q.box.w)
    cell = size / n
    path = "".join(f"M{_n((x + 2) * cell)} {_n((y + 2) * cell)}h{_n(cell)}v{_n(cell)}h-{_n(cell)}z"
                   for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark)
    return (f'<g data-name={quoteattr(q.name)} transform="translate({_n(_pt(q.box.x))} {_n(_pt(q.box.y))})">'
            f'<rect width="{_n(size)}" height="{_n(size)}" fill="{q.light.hex}"/>'
            f'<path d="{path}" fill="{q.dark.hex}"/></g>')


def _label(x: float, y: float, text: str, ch: Chart, anchor: str = "middle", colour: Colour | None = None) -> str:
    """A label in the chart's East Asian face when it has Chinese in it (its Latin glyphs too), else in its
    Latin face. `chart_svg` is given the faces as CSS family lists (see render_svg.draw_chart). A label
    with a colour of its own is one set on a slice: bold, as the deck draws it."""
    family = ch.ea if has_cjk(text) else ch.latin
    weight = ' font-weight="bold"' if colour is not None else ""
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-family="{family}" '
            f'font-size="{_n(ch.size)}"{weight} fill="{(colour or ch.text).hex}">{escape(text)}</text>')


def _value(v: float, ch: Chart) -> str:
    unit = ch.number_format.split('"')[1] if '"' in ch.number_format else ""
    decimals = len(ch.number_format.split(".")[1].split('"')[0]) if "." in ch.number_format else 0
    return f"{v:,.{decimals}f}{unit}"


def _legend(ch: Chart, x: float, y: float, w: float, names: list[str], colours: list[str]) -> str:
    out, step = [], w / max(len(names), 1)
    for i, (name, colour) in enumerate(zip(names, colours)):
        cx = x + step * i + step / 2 - len(name) * ch.size * 0.3
        out.append(f'<rect x="{_n(cx - ch.size)}" y="{_n(y - ch.size * 0.7)}" width="{_n(ch.size * 0.7)}" '
                   f'height="{_n(ch.size * 0.7)}" fill="{colour}"/>')
        out.append(_label(cx, y, name, ch, "start"))
    return "".join(out)


def chart_svg(ch: Chart) -> str:
    x, y, w, h = _pt(ch.box.x), _pt(ch.box.y), _pt(ch.box.w), _pt(ch.box.h)
    out = [f"<g data-name={quoteattr(ch.name)}>"]
    legend_h = ch.size * 2.2 if ch.legend else 0
    if ch.kind in ("pie", "doughnut"):
        out += _round(ch, x, y, w, h - legend_h)
        names = list(ch.categories)
        colours = [ch.point_colours[i % len(ch.point_colours)].hex for i in range(len(names))]
    else:
        out += _axes(ch, x, y, w, h - legend_h)
        names, colours = [s.name for s in ch.series], [s.colour.hex for s in ch.series]
    if ch.legend:
        out.append(_legend(ch, x, y + h - ch.size * 0.6, w, names, colours))
    out.append("</g>")
    return "".join(out)


def _round(ch: Chart, x, y, w, h) -> list[str]:
    out = []
    values = ch.series[0].values
    total = sum(values) or 1
    r = min(w, h) / 2 * 0.8
    cx, cy = x + w / 2, y + h / 2
    angle = -math.pi / 2
    for i, v in enumerate(values):
        sweep = 2 * math.pi * v / total
        end = angle + sweep
        large = 1 if sweep > math.pi else 0
        x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
        x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
        colour = ch.point_colours[i % len(ch.point_colours)].hex
        out.append(f'<path d="M{_n(cx)} {_n(cy)}L{_n(x1)} {_n(y1)}A{_n(r)} {_n(r)} 0 {large} 1 {_n(x2)} {_n(y2)}Z" '
                   f'fill="{colour}" stroke="{ch.background.hex}" stroke-width="1"/>')
        if ch.data_labels and v:
            mid = angle + sweep / 2
            lr = r * (1.12 if ch.kind == "pie" else 0.75)
            own = ch.label_colours[i] if i < len(ch.label_colours) else None  # a doughnut's, on its slice
            out.append(_label(cx + lr * math.cos(mid), cy + lr * math.sin(mid) + ch.size / 3, _value(v, ch), ch,
                              colour=own))
        angle = end
    if ch.kind == "doughnut":
        out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r * 0.5)}" fill="{ch.background.hex}"/>')
    return out


def _axes(ch: Chart, x, y, w, h) -> list[str]:
    out = []
    stacked = ch.kind == "stacked"
    n = len(ch.categories)
    if stacked:
        top = max(sum(s.values[i] for s in ch.series) for i in range(n))
    else:
        top = max(v for s in ch.series for v in s.values)
    low = min(0.0, min(v for s in ch.series for v in s.values))
    top = _nice(top)
    label_w = ch.size * 4 if ch.kind != "bar" else max(len(c) for c in ch.categories) * ch.size * 0.6 + 6
    px, py, pw, ph = x + label_w, y + ch.size, w - label_w - ch.size, h - ch.size * 3
    span = (top - low) or 1
    horizontal = ch.kind == "bar"
    for k in range(6):  # gridlines and value labels
        v = low + span * k / 5
        if horizontal:
            gx = px + pw * k / 5
            out.append(f'<line x1="{_n(gx)}" y1="{_n(py)}" x2="{_n(gx)}" y2="{_n(py + ph)}" stroke="{ch.grid.hex}" '
                       'stroke-width="0.75"/>')
            out.append(_label(gx, py - 4, _value(v, ch), ch))
        else:
            gy = py + ph - ph * k / 5
            out.append(f'<line x1="{_n(px)}" y1="{_n(gy)}" x2="{_n(px + pw)}" y2="{_n(gy)}" stroke="{ch.grid.hex}" '
                       'stroke-width="0.75"/>')
            out.append(_label(px - 4, gy + ch.size / 3, _value(v, ch), ch, "end"))
    band = (ph if horizontal else pw) / n
    for i, category in enumerate(ch.categories):
        if horizontal:
            out.append(_label(px - 4, py + band * i + band / 2 + ch.size / 3, category, ch, "end"))
        else:
            out.append(_label(px + band * i + band / 2, py + ph + ch.size * 1.3, category, ch))
    if ch.kind == "line":
        for s in ch.series:
            points = [(px + band * i + band / 2, py + ph - ph * (v - low) / span) for i, v in enumerate(s.values)]
            out.append(f'<polyline points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in points)}" fill="none" '
                       f'stroke="{s.colour.hex}" stroke-width="2.5"/>')
            out += [f'<circle cx="{_n(a)}" cy="{_n(b)}" r="3.5" fill="{s.colour.hex}"/>' for a, b in points]
        return out
    inner = band / 1.6  # gap width 60%
    for i in range(n):
        base = 0.0
        for k, s in enumerate(ch.series):
            v = s.values[i]
            if stacked:
                start, length, slot, slot_w = base, v, 0, inner
                base += v
            else:
                start, length, slot_w = 0.0, v, inner / len(ch.series)
                slot = k
            offset = band * i + (band - inner) / 2 + slot * slot_w
            if horizontal:
                bx, by = px + pw * (start - low) / span, py + offset
                out.append(f'<rect x="{_n(bx)}" y="{_n(by)}" width="{_n(pw * length / span)}" height="{_n(slot_w)}" '
                           f'fill="{s.colour.hex}"/>')
            else:
                bh = ph * length / span
                by = py + ph - ph * (start - low) / span - bh
                out.append(f'<rect x="{_n(px + offset)}" y="{_n(by)}" width="{_n(slot_w)}" height="{_n(bh)}" '
                           f'fill="{s.colour.hex}"/>')
    return out


def _nice(v: float) -> float:
    """The axis maximum PowerPoint would pick, roughly: the next 1, 2 or 5 step above the data."""
    if v <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(v / 5))
    for m in (1, 2, 5, 10):
        if v / (step * m) <= 5:
            return math.ceil(v / (step * m)) * step * m
    return v
