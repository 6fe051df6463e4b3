"""The colours of paper outputs: the theme's palette made to read on white paper.

A theme's palette is designed for slides: a dark theme's near-white text and pale captions vanish on paper,
its dark panels print as slabs of ink, and a light accent that reads as a large title may be too faint for a
10 pt label. The print palette has the theme's slots (so a document asks for "primary" or "muted" as before)
with paper colours in them: white paper; body text in the theme's text colour if it reads on paper, else its
darkest colour (a dark theme's background), else a dark neutral; every other colour set as text darkened in
HSL lightness, keeping its hue, until it reads (WCAG AA, 4.5:1) on paper and on the panel tint; panels and
hairlines light (a dark theme's panel becomes a light tint of its primary colour).
"""
from __future__ import annotations

from .legibility import AA_TEXT, shade
from .plan import Colour
from .theme import Theme, contrast, mix

PAPER = "#FFFFFF"
DARK_NEUTRAL = "#1F2933"  # body text when the theme has no dark colour of its own
BODY = 7.0  # a colour the theme names for something else (a dark background) serves as body text from 7:1 (AAA)
LIGHT_FILL = 1.25  # a fill at most this far from white is light enough to set every text colour on
LIGHT_LINE = 1.6  # a hairline at most this far from white prints as a hairline, not as a rule
TINT = 0.92  # how far towards white a dark theme's panel tint of its primary colour is mixed
RULE = 0.45  # how far towards white the lines to write on are mixed from the caption colour
INK_STEPS = tuple(round(1 - 0.01 * k, 2) for k in range(1, 100))  # HSL lightness 99% … 1% of the colour's
# Slots only ever set as text on paper: each one darkened until it reads
TEXT_SLOTS = ("primary", "muted", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "framework",
              "case", "exercise", "divider")


def print_palette(theme: Theme) -> dict[str, str]:
    """Every slot of `theme.palette` with the colour paper outputs use for it, and `rule` (lines to write
    on); every text colour reads at 4.5:1 on both grounds text is set on (`background`, which is white
    paper, and `panel`), and `on_primary` on `primary` (table headers)."""
    palette = theme.palette
    ink: dict[str, str] = dict(palette)
    ink["background"] = PAPER
    ink["panel"] = palette["panel"] if contrast(palette["panel"], PAPER) <= LIGHT_FILL \
        else mix(palette["primary"], PAPER, TINT)
    ink["line"] = palette["line"] if contrast(palette["line"], PAPER) <= LIGHT_LINE \
        else mix(palette["line"], PAPER, 0.8)
    grounds = (PAPER, ink["panel"])
    ink["text"] = readable(body_text(theme), grounds)
    for slot in TEXT_SLOTS:
        if slot in palette:
            ink[slot] = readable(palette[slot], grounds)
    # a title colour meant for dark slides (near-white) has no paper shade worth keeping: the primary instead
    title = palette.get("title", palette["primary"])
    ink["title"] = readable(title, grounds) if contrast(title, PAPER) >= 3.0 else ink["primary"]
    if contrast(palette["on_primary"], ink["primary"]) < AA_TEXT:
        ink["on_primary"] = PAPER  # always reads: primary was darkened until it reads on white
    ink["rule"] = mix(ink["muted"], PAPER, RULE)
    return ink


def body_text(theme: Theme) -> str:
    """The theme's text colour if it reads on paper; else its darkest colour that is dark enough for long
    text (a dark theme's background: the brand's own ink); else a dark neutral."""
    palette = theme.palette
    if contrast(palette["text"], PAPER) >= AA_TEXT:
        return palette["text"]
    dark = [palette[s] for s in ("title", "primary", "divider", "background", "panel") if s in palette]
    dark = [c for c in dark if contrast(c, PAPER) >= BODY]
    return max(dark, key=lambda c: contrast(c, PAPER)) if dark else DARK_NEUTRAL


def readable(colour: str, grounds: tuple[str, ...], minimum: float = AA_TEXT) -> str:
    """`colour` if it reads on every ground; else the lightest darker shade of it (its HSL lightness
    scaled, hue and saturation kept) that does; black if none does."""
    def reads(c: str) -> bool:
        return all(contrast(c, g) >= minimum for g in grounds)

    if reads(colour):
        return colour.upper()
    for step in INK_STEPS:
        candidate = shade(Colour(colour.upper()), step, 0.0).hex
        if reads(candidate):
            return candidate
    return "#000000"
