"""Contrast by construction: text in a theme colour too faint for what lies behind it is set in a shade of
that colour that reads (the slot kept, so the deck still follows its theme); fills keep the colour."""
from __future__ import annotations

import re
import zipfile

from deckgen.legibility import legible, minimum_contrast, shade
from deckgen.plan import Colour
from deckgen.theme import contrast

AMBER = Colour("#E08A1E", "accent2")
WHITE = Colour("#FFFFFF", "bg1")
PANEL = Colour("#F1F4F8", "bg2")
NAVY = Colour("#1B3A5C", "tx2")


def test_a_faint_accent_is_darkened_for_text_on_white_and_keeps_its_slot():
    c = legible(AMBER, WHITE, 4.5)
    assert contrast(c.hex, WHITE.hex) >= 4.5
    assert c.slot == "accent2" and c.lum_mod is not None and c.lum_mod < 1
    # the least darkening that reads: one step lighter does not
    lighter = shade(AMBER, round(c.lum_mod + 0.05, 2), 0.0)
    assert contrast(lighter.hex, WHITE.hex) < 4.5


def test_a_colour_that_reads_is_kept_as_chosen():
    assert legible(NAVY, WHITE, 4.5) == NAVY


def test_a_dim_colour_on_a_dark_ground_is_lightened():
    dim = Colour("#3C4D6B", "accent6")
    c = legible(dim, NAVY, 3.0)
    assert contrast(c.hex, NAVY.hex) >= 3.0 and c.lum_off and c.lum_off > 0


def test_white_text_on_a_light_fill_gives_way_to_the_dark_text_colour():
    text = Colour("#1F2933", "tx1")
    assert legible(WHITE, AMBER, 4.5, (text, WHITE)) == text


def test_large_text_needs_three_to_one():
    assert minimum_contrast(24, False) == 3.0 and minimum_contrast(14, True) == 3.0
    assert minimum_contrast(16, False) == 4.5


def test_the_built_sample_sets_faint_accents_as_shades_of_the_theme_colour(sample_build):
    """Read back: amber text is written as accent2 darkened with lumMod, amber fills stay plain accent2."""
    with zipfile.ZipFile(sample_build["day-1"]) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert re.search(r'<a:rPr[^>]*><a:solidFill><a:schemeClr val="accent2"><a:lumMod val="\d+"/>', xml)
    assert '<p:spPr>' in xml and re.search(r'</a:prstGeom><a:solidFill><a:schemeClr val="accent2"/>', xml)


def test_every_text_colour_in_the_sample_reads_on_what_lies_behind_it(sample_plan_audit):
    assert sample_plan_audit.low_contrast == []
