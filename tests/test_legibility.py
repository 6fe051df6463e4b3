"""Contrast by construction: text in a theme colour too faint for what lies behind it is set in a shade of
that colour that reads (the slot kept, so the deck still follows its theme); fills keep the colour."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

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


# --- tables and charts: text on their own fills, read back from the built deck -------------------------

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
SHIPPED_THEMES = ["default", "midnight", "corporate", "acme-cofacilitator"]
# the header fill as light as the default theme's amber, and pale accents under the chart labels
PALE = ("palette.primary=#E08A1E", "palette.accent1=#F2B84B", "palette.accent2=#9AD1D4",
        "palette.accent3=#3C8D5A")


def _table_and_chart_course(root):
    from test_theme import write
    folder = root / "decks" / "tables"
    write(folder / "course.yaml", """
        title: Tables and charts
        trainers: [Wang Ming]
        language: en
        days:
          - title: Day one
            start: "09:00"
            modules: [01.yaml]
        """)
    write(folder / "01.yaml", """
        number: 1
        title: Numbers
        sections:
          - kind: content
            title: Three plans
            minutes: 10
            notes: the price list.
            table:
              alt: Price list
              columns: [Plan, Seats, Price / month, Support]
              rows:
                - [Starter, 5, "1,200", Email]
                - [Team, 25, "4,800", Email and phone]
                - [Enterprise, 250, "36,000", Named manager]
                - [Partner, 40, "9,000", Email]
          - kind: content
            title: Pipeline by region
            minutes: 10
            notes: stacked.
            chart:
              type: stacked
              categories: [North, South, East]
              series:
                - {name: New, values: [320, 280, 410]}
                - {name: Won, values: [120, 90, 150]}
                - {name: Lost, values: [60, 70, 40]}
          - kind: content
            title: Time spent
            minutes: 10
            notes: doughnut.
            chart:
              type: doughnut
              unit: "%"
              categories: [Selling, Admin, Travel, Training]
              series:
                - {name: Time, values: [35, 30, 25, 10]}
        """)
    return folder


def _needs(rpr) -> float:
    size = int(rpr.get("sz", "1800")) / 100
    return minimum_contrast(size, rpr.get("b") == "1")


@pytest.mark.parametrize("theme,overrides", [(t, ()) for t in SHIPPED_THEMES] + [("default", PALE)],
                         ids=SHIPPED_THEMES + ["default-pale"])
def test_table_cells_and_chart_labels_read_on_their_fills_in_the_built_deck(tmp_path, theme, overrides):
    """Header, banded and body cells, and data labels inside stacked bars and doughnut slices: each text
    colour, as PowerPoint renders its theme reference, against the fill it is drawn on."""
    from conftest import invoke
    from test_theming import NS, parts, rendered, scheme_of
    out = tmp_path / "out"
    args = ["build", _table_and_chart_course(tmp_path), "-o", out, "--theme", theme]
    for o in overrides:
        args += ["--set", o]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    data = next(out.rglob("day-1.pptx")).read_bytes()
    scheme = scheme_of(data)
    cells = [tc for root in parts(data, "ppt/slides/slide").values() for tc in root.iter(f"{{{NS['a']}}}tc")]
    assert len(cells) == 5 * 4
    for i, tc in enumerate(cells):
        fill = rendered(tc.find("a:tcPr/a:solidFill", NS)[0], scheme)
        for rpr in tc.iterfind(".//a:r/a:rPr", NS):
            text = rendered(rpr.find("a:solidFill", NS)[0], scheme)
            ratio = contrast("#" + text, "#" + fill)
            assert ratio >= _needs(rpr) - 1e-6, (theme, "header" if i < 4 else f"row {i // 4}", text, fill, ratio)
    charts = parts(data, "ppt/charts/chart")
    assert len(charts) == 2
    seen = 0
    for root in charts.values():
        for ser in root.iter(f"{C}ser"):
            dlbls = ser.find(f"{C}dLbls")
            if dlbls is None:
                continue
            points = {p.find(f"{C}idx").get("val"): p.find(f"{C}spPr/a:solidFill", NS) for p in ser.findall(f"{C}dPt")}
            own = [(lb.find(f"{C}idx").get("val"), lb) for lb in dlbls.findall(f"{C}dLbl")]  # a doughnut's slices
            for idx, label in own or [(None, dlbls)]:  # else the series' own labels, on its bars
                rpr = label.find(f"{C}txPr/a:p/a:pPr/a:defRPr", NS)
                under = points[idx] if idx is not None else ser.find(f"{C}spPr/a:solidFill", NS)
                text, fill = rendered(rpr.find("a:solidFill", NS)[0], scheme), rendered(under[0], scheme)
                assert contrast("#" + text, "#" + fill) >= _needs(rpr) - 1e-6, (theme, idx, text, fill)
                seen += 1
    assert seen == 3 + 4  # three stacked series, four slices


# --- the palette report --------------------------------------------------------------------------------

def test_a_mid_tone_panel_on_which_no_accent_reads_is_one_warning_at_the_panels_line(tmp_path):
    """No shade of any accent reaches 4.5:1 on #757575, so their text is drawn white: the panel is the
    problem, told once at its line; each accent's shading stays a note."""
    from deckgen.legibility import palette_contrast
    from test_theme import resolve_in, write_theme
    write_theme(tmp_path, "grey", 'extends: default\npalette:\n  panel: "#757575"\n')
    theme, diags = resolve_in(tmp_path, "grey")
    warnings = [str(d) for d in diags]
    where = f"{Path('themes/grey/theme.yaml')}:3:10: warning: "
    assert where + ("palette.panel #757575: no shade of primary, accent1, accent2, accent3, accent4, accent5, "
                    "accent6, framework, case or exercise reads on it as text (AA asks 4.5:1): deckgen draws that "
                    "text white (4.6:1)") in "\n".join(warnings), warnings
    assert all(w.startswith(where) for w in warnings)  # text on the panel is told there too, nothing elsewhere
    notes = [d for d in palette_contrast(theme) if d.severity == "note"]
    assert any("palette.accent1 #1B6F8A on panel #757575 is 1.2:1" in d.message and "drawn as white" in d.message
               for d in notes)
