"""Contrast by construction: every text colour on a slide checked against what lies behind it, and a
theme colour that reads too faintly there replaced by a darker (or lighter) shade of itself.

The shade keeps the colour's theme slot and says how it is derived (PowerPoint's lumMod/lumOff, which
adjust HSL lightness), so a deck still recolours with its theme; fills and rules keep the colour as chosen.
"""
from __future__ import annotations

import colorsys
import math
from dataclasses import replace
from functools import lru_cache

from .errors import WARNING, Diagnostic, Loc
from .plan import Chart, Colour, Group, Shape, Slide, Table, TextBlock, iter_elements
from .theme import Theme, contrast

LARGE_TEXT = 18.0  # WCAG 2: text this large (or 14 pt bold) is large text
AA_TEXT, AA_LARGE = 4.5, 3.0
STEPS = tuple(round(1 - 0.05 * k, 2) for k in range(1, 20))  # lumMod 95% … 5%


def minimum_contrast(size: float, bold: bool) -> float:
    """WCAG AA: 4.5:1 for text, 3:1 for large text."""
    return AA_LARGE if size >= LARGE_TEXT or (bold and size >= 14) else AA_TEXT


def shade(colour: Colour, lum_mod: float, lum_off: float) -> Colour:
    """The colour with its HSL lightness scaled and offset, as PowerPoint computes lumMod/lumOff."""
    base = colour.hex.lstrip("#")
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = min(max(lightness * lum_mod + lum_off, 0.0), 1.0)
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    hex_ = "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))
    return Colour(hex_, colour.slot, colour.role, lum_mod=lum_mod, lum_off=lum_off or None)


@lru_cache(maxsize=4096)
def legible(colour: Colour, behind: Colour, minimum: float, fallbacks: tuple[Colour, ...] = ()) -> Colour:
    """`colour` if it reads on `behind`; else the nearest shade of it that does (darker on a light ground,
    lighter on a dark one); a neutral text colour gives way to the theme's other one first."""
    if contrast(colour.hex, behind.hex) >= minimum:
        return colour
    for other in fallbacks:
        if other.hex != colour.hex and contrast(other.hex, behind.hex) >= minimum:
            return other
    darker = contrast("#000000", behind.hex) >= contrast("#FFFFFF", behind.hex)
    for step in STEPS:
        candidate = shade(colour, step, 0.0) if darker else shade(colour, step, round(1 - step, 2))
        if contrast(candidate.hex, behind.hex) >= minimum:
            return candidate
    return Colour("#000000" if darker else "#FFFFFF")


def behind(shapes: list[Shape], index: int, page: Colour) -> Colour:
    """The fill under a text shape: its own, else the topmost earlier filled shape under its centre."""
    s = shapes[index]
    if s.fill is not None:
        return s.fill
    cx, cy = s.box.cx, s.box.cy
    for other in reversed(shapes[:index]):
        if other.fill is not None and other.box.x <= cx <= other.box.right and other.box.y <= cy <= other.box.bottom:
            return other.fill
    return page


def _readable_block(block: TextBlock, ground: Colour, neutrals: tuple[Colour, ...]) -> TextBlock:
    def fix(c: Colour | None, size: float, bold: bool) -> Colour | None:
        if c is None:
            return None
        fallbacks = neutrals if c in neutrals else ()
        return legible(c, ground, minimum_contrast(size, bold), fallbacks)

    paragraphs = []
    for p in block.paragraphs:
        size = p.size or block.size
        bold = block.bold if p.bold is None else p.bold
        paragraphs.append(replace(p, colour=fix(p.colour, size, bold),
                                  marker_colour=fix(p.marker_colour, size, bold)
                                  if p.marker_colour is not None else None)
                          if p.colour is not None or p.marker_colour is not None else p)
    return replace(block, colour=fix(block.colour, block.size, block.bold), paragraphs=tuple(paragraphs))


def readable(slide: Slide, page: Colour, neutrals: tuple[Colour, ...]) -> Slide:
    """The slide with every text colour legible on what lies behind it (`page` where nothing does): shapes'
    text, table cells on their fills (the slide where a cell has none), and a chart's axis, legend and
    data labels (on the slide, or on the bars or slices they sit on)."""
    ground = slide.background or page
    shapes = [e for e in iter_elements(slide.elements) if isinstance(e, Shape)]
    fixed: dict[int, object] = {}
    for i, s in enumerate(shapes):
        if s.text is not None:
            block = _readable_block(s.text, behind(shapes, i, ground), neutrals)
            if block != s.text:
                fixed[id(s)] = replace(s, text=block)
    for e in iter_elements(slide.elements):
        if isinstance(e, Table):
            new = _readable_table(e, ground, neutrals)
        elif isinstance(e, Chart):
            new = _readable_chart(e, ground, neutrals)
        else:
            continue
        if new != e:
            fixed[id(e)] = new
    if not fixed:
        return slide

    def rebuild(elements):
        out = []
        for e in elements:
            if isinstance(e, Group):
                e = replace(e, children=tuple(rebuild(e.children)))
            out.append(fixed.get(id(e), e))
        return out

    return replace(slide, elements=tuple(rebuild(slide.elements)))


def _readable_table(t: Table, ground: Colour, neutrals: tuple[Colour, ...]) -> Table:
    """Header, banded and body cells each legible on their own fill."""
    cells = tuple(tuple(replace(c, text=_readable_block(c.text, c.fill or ground, neutrals)) for c in row)
                  for row in t.cells)
    return t if cells == t.cells else replace(t, cells=cells)


def _text(c: Colour, ground: Colour, minimum: float, neutrals: tuple[Colour, ...]) -> Colour:
    return legible(c, ground, minimum, neutrals if c in neutrals else ())


def _readable_chart(ch: Chart, ground: Colour, neutrals: tuple[Colour, ...]) -> Chart:
    """Axis labels and legend on the slide; data labels set inside bars or slices on those fills."""
    text = _text(ch.text, ground, minimum_contrast(ch.size, False), neutrals)
    bold = minimum_contrast(ch.size, True)  # labels inside bars and slices are bold
    inside = tuple(_text(c, fill, bold, neutrals) for c, fill in zip(ch.label_colours, label_fills(ch)))
    return replace(ch, text=text, label_colours=inside) if (text, inside) != (ch.text, ch.label_colours) else ch


def label_fills(ch: Chart) -> tuple[Colour, ...]:
    """The fills a chart's data labels are set on, one per entry of `label_colours`: a stacked column's
    labels sit inside each series' bars, a doughnut's on each slice (both bold, so 14 pt is large text);
    other charts' labels sit outside, on the slide (no entries)."""
    if not ch.data_labels:
        return ()
    if ch.kind == "stacked":
        return tuple(s.colour for s in ch.series)
    if ch.kind == "doughnut":
        return tuple(ch.point_colours[j % len(ch.point_colours)] for j in range(len(ch.categories)))
    return ()


def chart_labels(ch: Chart) -> list[tuple[Colour, Colour, bool, str]]:
    """(colour, fill, bold, what) of each data label set inside a bar or on a slice: its own colour, or
    without colours of their own the chart's text colour; labels of their own are bold. `what` names the
    series (stacked) or category (doughnut) it labels."""
    fills = label_fills(ch)
    colours = ch.label_colours if len(ch.label_colours) == len(fills) else (ch.text,) * len(fills)
    names = [s.name for s in ch.series] if ch.kind == "stacked" else list(ch.categories)
    return [(colour, fill, bool(ch.label_colours), name) for colour, fill, name in zip(colours, fills, names)]


# --- the palette report ----------------------------------------------------------------------------

NOTE = "note"  # a fix deckgen makes by design: shown by `themes show`, not counted by `check`

# The theme's own text colours on the grounds they are meant for (WCAG minimum, what deckgen sets in them).
# Below AA the theme itself is wrong: deckgen draws its slides' text in another colour than the one
# chosen, so each is a warning.
TEXT_PAIRS = (("text", "background", AA_TEXT, "body text"),
              ("text", "panel", AA_TEXT, "body text on panels and cards"),
              ("muted", "background", AA_TEXT, "captions, the footer and secondary text"),
              ("title", "background", AA_LARGE, "titles"),
              ("on_primary", "primary", AA_TEXT, "text on the primary colour: the cover, chips, table headers"),
              ("on_primary", "divider", AA_TEXT, "text on module dividers"))
# Fill colours deckgen also sets text in (markers, card numbers and terms, headings, chips' labels), and
# the grounds that text lies on; and the fills that carry the theme's light text (chips, badges). A
# shortfall here is fixed by design: the text takes a shade of the colour (or the theme's other text
# colour), fills keep the colour as chosen.
ACCENTS = ("primary", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "framework", "case",
           "exercise")
FILL_PAIRS = tuple((slot, ground, AA_TEXT, "text") for slot in ACCENTS for ground in ("background", "panel")) + (
    ("accent2", "divider", AA_LARGE, "module numbers on dividers"),)
ON_FILL_PAIRS = tuple(("on_primary", slot, AA_LARGE, "chips and badges") for slot in ACCENTS if slot != "primary")


def palette_colour(theme: Theme, slot: str) -> Colour:
    """A palette slot as the slides plan it (deckgen.design.Design.colour)."""
    from .design import SCHEME_SLOTS
    return Colour(theme.palette[slot], SCHEME_SLOTS.get(slot), role=slot)


def palette_contrast(theme: Theme) -> list[Diagnostic]:
    """Every text/ground pair of the theme's palette below WCAG AA as chosen, at the line that set the
    colour, with what the slides get instead: a warning where the theme's own text colour falls short (or
    no shade of a colour reads, so its text is drawn black or white), a note where an accent is shaded
    for text or a fill's light text gives way to the dark one, as deckgen does by design."""
    neutrals = (palette_colour(theme, "text"), palette_colour(theme, "on_primary"))
    out: list[Diagnostic] = []

    def drawn(fg: str, ground: str, minimum: float) -> Colour:
        colour = palette_colour(theme, fg)
        return legible(colour, palette_colour(theme, ground), minimum, neutrals if colour in neutrals else ())

    for fg, ground, minimum, what in TEXT_PAIRS:
        ratio = contrast(theme.palette[fg], theme.palette[ground])
        if ratio >= minimum:
            continue
        # point at the colour the theme chose: the text colour, unless only the ground was the theme's
        slot = ground if ground in theme.colours_chosen and fg not in theme.colours_chosen else fg
        got = drawn(fg, ground, minimum)
        new = contrast(got.hex, theme.palette[ground])
        typed = ", and text typed in PowerPoint starts in it" if fg in ("text", "title") else ""
        out.append(Diagnostic(
            WARNING, f"{_named(theme, fg)} on {_named(theme, ground, short=True)} is {_ratio(ratio)} (AA asks "
            f"{minimum:g}:1 for {what}); deckgen draws that text as {_as(got, theme)} ({_ratio(new)}) instead of "
            f"the colour chosen{typed}", theme.colour_locs.get(slot),
            f"choose a {fg} colour of at least {minimum:g}:1 on {theme.palette[ground]}, e.g. {got.hex}"
            if slot == fg else f"choose a {ground} colour that {fg} {theme.palette[fg]} reads on (at least "
            f"{minimum:g}:1), or set {fg} to e.g. {got.hex}"))

    fills: dict[str, list] = {}  # one line per colour, for every ground it falls short on
    for fg, ground, minimum, what in FILL_PAIRS:
        if contrast(theme.palette[fg], theme.palette[ground]) < minimum:
            fills.setdefault(fg, []).append((ground, minimum, what, drawn(fg, ground, minimum)))
    lost: dict[str, list[str]] = {}  # grounds on which no shade of a colour reads: the ground is the problem
    for fg, shortfalls in fills.items():
        out.append(_fill_finding(theme, fg, shortfalls))
        for ground, _, _, got in shortfalls:
            if _lost(got):
                lost.setdefault(ground, []).append(fg)
    for ground, slots in lost.items():
        got = drawn(slots[0], ground, AA_TEXT)  # black or white, whichever reads on that ground
        out.append(Diagnostic(
            WARNING, f"{_named(theme, ground)}: no shade of {_and(slots)} reads on it as text (AA asks 4.5:1): "
            f"deckgen draws that text {_as(got, theme)} ({_ratio(contrast(got.hex, theme.palette[ground]))})",
            theme.colour_locs.get(ground), f"a mid-tone {ground} leaves no room for coloured text: choose a lighter "
            "or a darker one"))
    for fg, fill, minimum, what in ON_FILL_PAIRS:
        ratio = contrast(theme.palette[fg], theme.palette[fill])
        if ratio < minimum:
            got = drawn(fg, fill, minimum)
            out.append(Diagnostic(
                WARNING if _lost(got) else NOTE,
                f"{_named(theme, fg)} on {_named(theme, fill, short=True)} is {_ratio(ratio)} (AA asks {minimum:g}:1 "
                f"for the large bold text of {what}); {what} in {fill} take {_as(got, theme)} "
                f"({_ratio(contrast(got.hex, theme.palette[fill]))}), fills keep {theme.palette[fill]}",
                theme.colour_locs.get(fill)))
    return sorted(out, key=lambda d: (d.loc is None, d.loc or Loc("")))  # stable: in file and line order


def _fill_finding(theme: Theme, fg: str, shortfalls: list) -> Diagnostic:
    """One line for a fill colour too faint (or too dark) for text on the grounds it is set on."""
    def on(g: str) -> str:
        return f"on {_named(theme, g, short=True)}"

    def ratio(g: str) -> str:
        return _ratio(contrast(theme.palette[fg], theme.palette[g]))

    (first, *_), *rest = shortfalls
    grounds = f"{on(first)} is {ratio(first)}" + "".join(f" and {on(g)} {ratio(g)}" for g, *_ in rest)
    asks = ", ".join(dict.fromkeys(f"{m:g}:1 for {w}" for _, m, w, _ in shortfalls))
    if any(m > AA_LARGE for _, m, _, _ in shortfalls):
        asks += ", 3:1 for large text"
    shades: dict[str, list[str]] = {}  # one shade may serve several grounds
    for g, _, _, got in shortfalls:
        shades.setdefault(_as(got, theme), []).append(
            _ratio(contrast(got.hex, theme.palette[g])) + (f" on {g}" if len(shortfalls) > 1 else ""))
    results = ", ".join(f"{shade_} ({', '.join(ratios)})" for shade_, ratios in shades.items())
    colour = palette_colour(theme, fg)
    large = list(dict.fromkeys(legible(colour, palette_colour(theme, g), AA_LARGE).hex
                               for g, m, _, _ in shortfalls if m > AA_LARGE))
    if large == [colour.hex]:
        results += f", large text keeps {colour.hex}"
    elif large:
        results += f", large text as {' / '.join(h for h in large if h != colour.hex)} (3:1)"
    return Diagnostic(NOTE, f"{_named(theme, fg)} {grounds} (AA asks {asks}); text in {fg} is drawn as {results}, "
                      f"fills keep {theme.palette[fg]}", theme.colour_locs.get(fg))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _lost(c: Colour) -> bool:
    """Whether legible() gave up on the colour: plain black or white, no theme colour of it left."""
    return c.slot is None and c.role is None


def _as(c: Colour, theme: Theme) -> str:
    if _lost(c):
        return "black" if c.hex == "#000000" else "white"
    if c.lum_mod is None and c.role is not None and c.hex == theme.palette.get(c.role):
        return f"{c.role} {c.hex}"  # the theme's other text colour
    return c.hex


def _ratio(r: float) -> str:
    """A contrast ratio rounded down, so 4.47:1 never reads as the 4.5:1 it falls short of."""
    return f"{math.floor(r * 10 + 1e-9) / 10:.1f}:1"


def _named(theme: Theme, slot: str, prefix: str = "palette.", short: bool = False) -> str:
    """`palette.accent2 #E08A1E`, and where a colour not set on its own line came from."""
    origin = theme.origins.get(f"palette.{slot}", "")
    loc = theme.colour_locs.get(slot)
    note = ""
    if "(follows palette." in origin:
        note = " (" + origin[origin.index("(follows ") + 1:].rstrip(")") + ")"
    elif loc is not None and origin != str(loc) and ": " in origin:
        told = origin.split(": ", 1)[1]
        note = f" (the template's {told})" if told.startswith("theme colour") else f" ({told})"
    name = slot if short else f"{prefix}{slot}"
    return f"{name} {theme.palette[slot]}{'' if short else note}"
