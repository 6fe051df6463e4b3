"""The print palette: a theme's colours made to read on white paper, the brand's hues kept."""
from __future__ import annotations

import colorsys

import pytest

from deckgen.print_palette import DARK_NEUTRAL, PAPER, TEXT_SLOTS, print_palette
from deckgen.theme import contrast, resolve_theme

THEMES = ["default", "midnight", "corporate", "acme-cofacilitator"]


def hls(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return colorsys.rgb_to_hls(*(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)))


@pytest.mark.parametrize("name", THEMES)
def test_every_text_colour_reads_on_paper_and_on_the_panel(name):
    theme, _ = resolve_theme(name)
    ink = print_palette(theme)
    assert ink["background"] == PAPER
    assert set(theme.palette) <= set(ink)  # a document asks for any slot it asked the theme for
    for slot in ("text", "title", *TEXT_SLOTS):
        for ground in ("background", "panel"):
            assert contrast(ink[slot], ink[ground]) >= 4.5, (slot, ground, ink[slot], ink[ground])
    assert contrast(ink["on_primary"], ink["primary"]) >= 4.5  # table headers
    assert contrast(ink["panel"], PAPER) <= 1.25  # a light tint behind text, not a slab of ink
    assert contrast(ink["line"], PAPER) <= 1.6
    for slot in TEXT_SLOTS:  # darker when it must be, never another hue
        before, after = hls(theme.palette[slot]), hls(ink[slot])
        assert after[1] <= before[1] + 1e-9
        if before[2] > 0.2:
            assert after[0] == pytest.approx(before[0], abs=0.01), slot


def test_a_light_theme_prints_as_it_is_unless_a_colour_is_too_faint():
    theme, _ = resolve_theme("default")
    ink = print_palette(theme)
    for slot in ("text", "muted", "primary", "panel", "line", "accent1", "case"):
        assert ink[slot] == theme.palette[slot], slot
    # the amber of exercises reads as a large title on a slide, not as a 10 pt label on paper
    assert contrast(theme.palette["exercise"], PAPER) < 3.0
    assert ink["exercise"] != theme.palette["exercise"] and contrast(ink["exercise"], PAPER) >= 4.5


def test_a_dark_theme_prints_in_its_own_ink_on_light_tints():
    theme, _ = resolve_theme("midnight")
    ink = print_palette(theme)
    # the near-white body text and title are for dark slides: the theme's navy background is the ink
    assert contrast(theme.palette["text"], PAPER) < 1.5
    assert ink["text"] == theme.palette["background"] == "#0E1624"
    assert ink["title"] == ink["primary"]
    # captions darkened from the pale blue-grey, still blue-grey
    assert contrast(ink["muted"], PAPER) >= 4.5 and hls(ink["muted"])[0] == pytest.approx(
        hls(theme.palette["muted"])[0], abs=0.01)
    # the dark panel becomes a light tint of the electric blue
    assert contrast(theme.palette["panel"], PAPER) > 10
    assert hls(ink["panel"])[0] == pytest.approx(hls(theme.palette["primary"])[0], abs=0.01)
    assert hls(ink["panel"])[1] > 0.9


def test_a_theme_with_no_dark_colour_prints_in_a_dark_neutral():
    theme, _ = resolve_theme("default", overrides=[
        "palette.text=#EEEEEE", "palette.background=#777777", "palette.panel=#888888", "palette.title=#FFFFFF",
        "palette.primary=#3366CC", "palette.divider=#3366CC", "palette.muted=#CCCCCC"])
    ink = print_palette(theme)
    assert ink["text"] == DARK_NEUTRAL
    assert ink["panel"] != "#888888" and contrast(ink["text"], ink["panel"]) >= 4.5
