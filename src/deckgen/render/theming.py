"""Colours and typefaces as PowerPoint theme references: `a:schemeClr` (with HSL transforms) and `+mj-lt`.

A deck's theme part holds the palette's PowerPoint colours (dk1/lt1/dk2/lt2/accent1–6/hlink/folHlink) and
its fonts (major = headings, minor = body). Every colour on a slide is written as a reference to one of
them, so choosing another colour variant in PowerPoint's Design tab recolours the whole deck, as it does a
designer's template. A colour that is not itself a theme colour (muted text, hairlines, a darker accent
for text) is its nearest theme colour with the HSL transforms PowerPoint uses for "Lighter 40%" or
"Darker 25%" (`lumMod`, `lumOff`), plus `hueOff`/`satMod` when the hue or saturation differ. Each
reference is checked by computing the colour it renders as (the way PowerPoint and LibreOffice compute
it) and is used only when that lands within one step per channel of the planned colour: the rendered
look is the plan's. Only a colour no reference reproduces stays a literal `a:srgbClr`.
"""
from __future__ import annotations

import colorsys
from dataclasses import dataclass, field

from ..plan import Colour
from ..theme import Theme, link_colour

# The slide-level names (as the master's colour map maps them) of the deck's theme colours, and the
# palette slot each theme colour is written from. tx1/bg1/tx2/bg2 are what slides refer to; the master's
# clrMap maps them onto dk1/lt1/dk2/lt2.
SCHEME_FROM_PALETTE = {"dk1": "text", "lt1": "background", "dk2": "primary", "lt2": "panel",
                       "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
                       "accent5": "accent5", "accent6": "accent6", "hlink": "accent1", "folHlink": "accent4"}
SLIDE_NAME = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
# Which theme colour a palette slot that is not one itself is derived from (its semantic parent), so that
# a recolour keeps the relationship a designer would want: muted text follows the text colour, and so on.
DERIVED_FROM = {"muted": "tx1", "line": "tx1", "on_primary": "bg1", "title": "tx2", "divider": "tx2",
                "framework": "accent1", "case": "accent5", "exercise": "accent2"}
# Where to look for a colour that names no theme colour, in order of preference.
SEARCH_ORDER = ("tx1", "tx2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "bg1", "bg2")
TOLERANCE = 1  # steps of 255 per channel between the planned colour and what its reference renders as
FONT_REFS = {("major", "latin"): "+mj-lt", ("major", "ea"): "+mj-ea", ("major", "cs"): "+mj-cs",
             ("minor", "latin"): "+mn-lt", ("minor", "ea"): "+mn-ea", ("minor", "cs"): "+mn-cs"}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hls(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(c / 255 for c in rgb))


def apply_transforms(base: tuple[int, int, int], transforms: tuple[tuple[str, int], ...]) -> tuple[int, int, int]:
    """The colour `base` renders as after DrawingML HSL transforms (hueOff, satMod, satOff, lumMod, lumOff),
    applied in order as PowerPoint does."""
    h, l, s = _hls(base)
    for name, val in transforms:
        if name == "hueOff":
            h = (h + val / 60000 / 360) % 1.0
        elif name == "satMod":
            s = s * val / 100000
        elif name == "satOff":
            s = s + val / 100000
        elif name == "lumMod":
            l = l * val / 100000
        elif name == "lumOff":
            l = l + val / 100000
        s, l = min(max(s, 0.0), 1.0), min(max(l, 0.0), 1.0)
    return tuple(int(round(c * 255)) for c in colorsys.hls_to_rgb(h, l, s))


def _lum_transforms(l_base: float, l_target: float) -> tuple[tuple[str, int], ...]:
    """PowerPoint's own wording for a lighter or darker shade: Darker = lumMod; Lighter = lumMod + lumOff."""
    if abs(l_target - l_base) < 1e-9:
        return ()
    if l_target < l_base:
        return (("lumMod", int(round(l_target / l_base * 100000))),)
    off = (l_target - l_base) / (1 - l_base)
    return (("lumMod", int(round((1 - off) * 100000))), ("lumOff", int(round(off * 100000))))


def derive(base: tuple[int, int, int], target: tuple[int, int, int], *,
           lightness_only: bool = False) -> tuple[tuple[str, int], ...] | None:
    """Transforms taking `base` to `target` within TOLERANCE: lightness alone when that is enough, else
    hue and saturation too; None when no transform reproduces it. A transform that would give the same
    colour whatever the base (lightness 0 or 100 %) is no reference at all and is refused."""
    hb, lb, sb = _hls(base)
    ht, lt, st = _hls(target)
    candidates = [_lum_transforms(lb, lt)]
    if lightness_only:
        return _first_within(base, target, candidates)
    full = []
    if st > 0 and sb > 0:
        hue = int(round(((ht - hb + 0.5) % 1.0 - 0.5) * 360 * 60000))
        if hue:
            full.append(("hueOff", hue))
        if abs(st - sb) > 1e-9:
            full.append(("satMod", int(round(st / sb * 100000))))
    elif st > 0:  # a grey base: saturation from nothing, hue from red
        full += [("hueOff", int(round(ht * 360 * 60000))), ("satOff", int(round(st * 100000)))]
    elif sb > 0:  # a grey from a coloured base
        full.append(("satMod", 0))
    candidates.append(tuple(full) + _lum_transforms(lb, lt))
    return _first_within(base, target, candidates)


def _first_within(base, target, candidates) -> tuple[tuple[str, int], ...] | None:
    for transforms in candidates:
        if any(name == "lumMod" and val < 5000 for name, val in transforms):
            continue  # (nearly) all of the base's lightness thrown away: it would not follow the theme
        got = apply_transforms(base, transforms)
        if max(abs(a - b) for a, b in zip(got, target)) <= TOLERANCE:
            return transforms
    return None


@dataclass
class ThemeRefs:
    """One deck's theme colours and fonts, and the reference XML for each planned colour and typeface.

    Built per deck from the resolved theme; it remembers the XML of each colour it has resolved (a deck
    uses a few dozen distinct colours thousands of times).
    """

    scheme: dict[str, str]  # slide-level name (tx1, bg1, accent1 …) -> "#RRGGBB"
    palette: dict[str, str]
    fonts: dict[str, tuple[str, str]]  # "major"/"minor" -> (latin, ea)
    _xml: dict = field(default_factory=dict, repr=False)

    @classmethod
    def for_theme(cls, theme: Theme) -> "ThemeRefs":
        scheme = {SLIDE_NAME.get(el, el): theme.palette[slot] for el, slot in SCHEME_FROM_PALETTE.items()}
        # the deck's theme shows hyperlinks in a colour that reads on its background (render.base)
        scheme.update({SLIDE_NAME.get(el, el): link_colour(theme.palette) for el in ("hlink", "folHlink")})
        fonts = {"major": (theme.fonts["heading"].latin, theme.fonts["heading"].ea),
                 "minor": (theme.fonts["body"].latin, theme.fonts["body"].ea)}
        return cls(scheme, dict(theme.palette), fonts)

    # --- colours ---------------------------------------------------------------------------------
    def colour(self, c: Colour) -> str:
        """`<a:schemeClr …>` for the planned colour (an `a:srgbClr` only when no reference renders it)."""
        xml = self._xml.get(c)
        if xml is None:
            xml = self._xml[c] = self._resolve(c)
        return xml

    def reference(self, c: Colour) -> tuple[str, tuple[tuple[str, int], ...]] | None:
        """(theme colour, transforms) that render as `c`, or None."""
        target, names = _rgb(c.hex), self._candidates(c)
        if c.slot in self.scheme and (c.lum_mod is not None or c.lum_off):  # the plan's own shade of its slot
            stated = tuple((t, int(round(v * 100000))) for t, v in (("lumMod", c.lum_mod), ("lumOff", c.lum_off))
                           if v is not None and (t == "lumMod" or v))
            got = apply_transforms(_rgb(self.scheme[c.slot]), stated)
            if max(abs(a - b) for a, b in zip(got, target)) <= TOLERANCE:
                return c.slot, stated
        for name in names:  # the colour itself
            if self.scheme[name].upper() == c.hex.upper():
                return name, ()
        for lightness_only in (True, False):  # a lighter or darker shade of one, else any HSL shift
            for name in names:
                transforms = derive(_rgb(self.scheme[name]), target, lightness_only=lightness_only)
                if transforms is not None:
                    return name, transforms
        return None

    def _candidates(self, c: Colour) -> list[str]:
        """Theme colours to express `c` with, best first: the one the plan names, its palette role's own or
        parent theme colour, the same for palette slots of the same value, then the nearest in hue (then
        lightness)."""
        out = [c.slot] if c.slot in self.scheme else []
        if c.role is not None:  # the palette slot the plan says this is: its theme colour, or its parent
            out += [SLIDE_NAME.get(el, el) for el, slot in SCHEME_FROM_PALETTE.items() if slot == c.role]
            out += [DERIVED_FROM[c.role]] if c.role in DERIVED_FROM else []
        roles = [slot for slot, value in self.palette.items() if value.upper() == c.hex.upper()]
        out += [DERIVED_FROM[r] for r in roles if r in DERIVED_FROM]
        out += [SLIDE_NAME.get(el, el) for el, slot in SCHEME_FROM_PALETTE.items() if slot in roles]
        target = _hls(_rgb(c.hex))
        out += sorted(SEARCH_ORDER, key=lambda n: _distance(_hls(_rgb(self.scheme[n])), target))
        return list(dict.fromkeys(out))

    def _resolve(self, c: Colour) -> str:
        ref = self.reference(c)
        alpha = f'<a:alpha val="{int(round(c.alpha * 100000))}"/>' if c.alpha is not None else ""
        if ref is None:
            value = c.hex.lstrip("#").upper()
            return f'<a:srgbClr val="{value}">{alpha}</a:srgbClr>' if alpha else f'<a:srgbClr val="{value}"/>'
        name, transforms = ref
        inner = "".join(f'<a:{t} val="{v}"/>' for t, v in transforms) + alpha  # transparency last, as PowerPoint
        return f'<a:schemeClr val="{name}">{inner}</a:schemeClr>' if inner else f'<a:schemeClr val="{name}"/>'

    # --- typefaces ---------------------------------------------------------------------------------
    def typeface(self, face: str, script: str, heading: bool) -> str:
        """`+mj-lt`, `+mn-ea` … when `face` is the theme's heading or body typeface for that script."""
        order = ("major", "minor") if heading else ("minor", "major")
        index = 1 if script == "ea" else 0
        for role in order:
            if self.fonts[role][index] == face:
                return FONT_REFS[(role, script)]
        return face


def _distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    (ha, la, sa), (hb, lb, sb) = a, b
    if sa < 0.05 or sb < 0.05:  # greys: hue means nothing, saturation and lightness do
        return 1 + abs(sa - sb) + abs(la - lb)
    dh = abs(ha - hb)
    return min(dh, 1 - dh) + 0.1 * abs(la - lb)


__all__ = ["ThemeRefs", "derive", "apply_transforms", "SCHEME_FROM_PALETTE", "SLIDE_NAME", "FONT_REFS"]
