"""Theme references: every slide colour refers to the deck's theme colours (so PowerPoint's Design tab
recolours the deck), renders exactly as planned, and every run's typeface refers to the theme fonts."""
from __future__ import annotations

import colorsys
import io
import re
import zipfile

import pytest
from lxml import etree

from conftest import ROOT
from deckgen.plan import Colour, Connector, Shape, iter_elements
from deckgen.provenance import plain_name
from deckgen.render import render_deck
from deckgen.render.theming import ThemeRefs, derive
from test_theme import plan_with, write_course

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
MAPPED = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
# A colour variant as PowerPoint's Design tab applies one: every theme colour replaced.
VARIANT = {"dk1": "102A43", "lt1": "FFFDF5", "dk2": "5C2D91", "lt2": "E8F1E4", "accent1": "D9480F",
           "accent2": "2B8A3E", "accent3": "1864AB", "accent4": "C2255C", "accent5": "5F3DC4", "accent6": "087F5B",
           "hlink": "0B7285", "folHlink": "862E9C"}


def build(tmp_path, theme: str, language: str = "zh-CN") -> bytes:
    plan, resolved = plan_with(ROOT, theme, course=write_course(tmp_path, language=language))
    return plan.decks[0], resolved, render_deck(plan.decks[0], resolved)


def parts(data: bytes, prefix: str) -> dict[str, etree._Element]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(prefix + r"\d+\.xml", n)}


def scheme_of(data: bytes) -> dict[str, str]:
    root = parts(data, "ppt/theme/theme")["ppt/theme/theme1.xml"]
    out = {}
    for el in root.find(".//a:clrScheme", NS):
        value = el[0].get("val") or el[0].get("lastClr")
        out[etree.QName(el).localname] = value.upper()
    return out


def rendered(colour_el, scheme: dict[str, str]) -> str:
    """The colour a DrawingML colour element renders as (the HSL transforms as PowerPoint applies them)."""
    if etree.QName(colour_el).localname == "srgbClr":
        return colour_el.get("val").upper()
    base = scheme[MAPPED.get(colour_el.get("val"), colour_el.get("val"))]
    h, l, s = colorsys.rgb_to_hls(*(int(base[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    for t in colour_el:
        name, val = etree.QName(t).localname, int(t.get("val")) / 100000
        if name == "lumMod":
            l *= val
        elif name == "lumOff":
            l += val
        elif name == "satMod":
            s *= val
        elif name == "satOff":
            s += val
        elif name == "hueOff":
            h = (h + val * 100000 / 60000 / 360) % 1
        elif name == "alpha":
            continue  # transparency: the colour is the same
        else:
            raise AssertionError(f"unexpected colour transform {name}")
        l, s = min(max(l, 0), 1), min(max(s, 0), 1)
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(h, l, s))


def colour_elements(root):
    """Every colour on a slide: fills, lines, runs, bullets, backgrounds."""
    return [el for el in root.iter(f"{{{A}}}srgbClr", f"{{{A}}}schemeClr", f"{{{A}}}sysClr", f"{{{A}}}prstClr")
            if etree.QName(el.getparent()).localname != "schemeClr"]


@pytest.mark.parametrize("theme", ["default", "corporate", "acme-cofacilitator"])
def test_every_colour_on_every_slide_is_a_theme_colour(tmp_path, theme):
    _, _, data = build(tmp_path, theme)
    slides = parts(data, "ppt/slides/slide")
    found = [el for root in slides.values() for el in colour_elements(root)]
    assert len(found) > 200
    literal = [el.get("val") for el in found if etree.QName(el).localname != "schemeClr"]
    assert literal == []


def test_in_a_dark_theme_only_pure_white_with_no_white_theme_colour_stays_literal(tmp_path):
    """The documented exception: midnight's white text on colour has no theme colour to be derived from
    (its lightest is #E7ECF4, and 100 % lightness would not follow a recolour anyway)."""
    _, theme, data = build(tmp_path, "midnight")
    found = [el for root in parts(data, "ppt/slides/slide").values() for el in colour_elements(root)]
    literal = {el.get("val") for el in found if etree.QName(el).localname == "srgbClr"}
    assert literal <= {"FFFFFF"}
    assert "FFFFFF" not in {v.lstrip("#").upper() for v in scheme_of(data).values()}
    assert sum(etree.QName(el).localname == "schemeClr" for el in found) > 0.7 * len(found)


@pytest.mark.parametrize("theme", ["default", "midnight", "corporate"])
def test_the_references_render_as_the_plan_says(tmp_path, theme):
    deck, _, data = build(tmp_path, theme)
    scheme = scheme_of(data)
    slides = parts(data, "ppt/slides/slide")
    for number, plan_slide in enumerate(deck.slides, start=1):
        root = slides[f"ppt/slides/slide{number}.xml"]
        shapes = [el for el in root.find("p:cSld/p:spTree", NS).iterdescendants()
                  if etree.QName(el).localname in ("sp", "cxnSp", "pic", "graphicFrame", "grpSp")]
        planned = list(iter_elements(plan_slide.elements))
        assert len(shapes) == len(planned)  # one shape per element, in plan order
        for e, sp in zip(planned, shapes):
            assert plain_name(sp.find(".//p:cNvPr", NS).get("name")) == e.name
            if isinstance(e, Shape) and e.fill is not None:
                fill = sp.find("p:spPr/a:solidFill", NS)[0]
                assert close(rendered(fill, scheme), e.fill.hex), (plan_slide.kind, e.name)
            if isinstance(e, Shape) and e.text is not None and e.text.paragraphs[0].text:
                run = sp.find(".//a:p/*/a:rPr/a:solidFill", NS)[0]
                colour = e.text.paragraphs[0].colour or e.text.colour
                assert close(rendered(run, scheme), colour.hex), (plan_slide.kind, e.name)
            if isinstance(e, Connector):
                line = sp.find("p:spPr/a:ln/a:solidFill", NS)[0]
                assert close(rendered(line, scheme), e.colour.hex), (plan_slide.kind, e.name)
        if plan_slide.background is not None:
            bg = root.find("p:cSld/p:bg/p:bgPr/a:solidFill", NS)[0]
            assert close(rendered(bg, scheme), plan_slide.background.hex)


def close(a: str, b: str) -> bool:
    a, b = a.lstrip("#"), b.lstrip("#")
    return max(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for i in (0, 2, 4)) <= 1


@pytest.mark.parametrize("theme", ["default", "corporate"])
def test_a_colour_variant_from_the_design_tab_recolours_the_deck(tmp_path, theme):
    """Replace the theme's a:clrScheme values, as choosing another variant does: >= 95 % of the coloured
    shapes, lines, runs and bullets change colour."""
    _, _, data = build(tmp_path, theme)
    before = scheme_of(data)
    after = dict(VARIANT)
    colours = [el for root in parts(data, "ppt/slides/slide").values() for el in colour_elements(root)]
    changed = sum(rendered(el, before) != rendered(el, after) for el in colours)
    assert changed >= 0.95 * len(colours), f"{changed} of {len(colours)} change colour"
    # and the XML is the same a user gets by editing the theme part: apply it and read it back
    z = zipfile.ZipFile(io.BytesIO(data))
    theme_xml = etree.fromstring(z.read("ppt/theme/theme1.xml"))
    for el in theme_xml.find(".//a:clrScheme", NS):
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=VARIANT[etree.QName(el).localname])
    assert scheme_of_xml(theme_xml) == after


def scheme_of_xml(root) -> dict[str, str]:
    return {etree.QName(el).localname: el[0].get("val") for el in root.find(".//a:clrScheme", NS)}


def test_the_theme_part_holds_the_palette_and_fonts(tmp_path):
    _, theme, data = build(tmp_path, "midnight")
    scheme = scheme_of(data)
    assert scheme["dk1"] == theme.palette["text"].lstrip("#") and scheme["lt1"] == theme.palette["background"][1:]
    assert scheme["dk2"] == theme.palette["primary"][1:] and scheme["lt2"] == theme.palette["panel"][1:]
    assert all(scheme[f"accent{i}"] == theme.palette[f"accent{i}"][1:] for i in range(1, 7))
    assert {"hlink", "folHlink"} <= set(scheme)
    root = parts(data, "ppt/theme/theme")["ppt/theme/theme1.xml"]
    major, minor = root.find(".//a:majorFont", NS), root.find(".//a:minorFont", NS)
    assert major.find("a:latin", NS).get("typeface") == theme.fonts["heading"].latin
    assert minor.find("a:ea", NS).get("typeface") == theme.fonts["body"].ea


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_runs_refer_to_the_theme_fonts_titles_to_the_heading_font(tmp_path, language):
    _, _, data = build(tmp_path, "corporate", language)  # Georgia headings, another body font
    faces = set()
    for root in parts(data, "ppt/slides/slide").values():
        for rpr in root.iter(f"{{{A}}}rPr", f"{{{A}}}endParaRPr"):
            for tag in ("latin", "ea", "cs"):
                el = rpr.find(f"a:{tag}", NS)
                if el is not None:
                    faces.add(el.get("typeface"))
        for sp in root.iter(f"{{{NS['p']}}}sp"):
            ph = sp.find(".//p:ph", NS)
            if ph is not None and ph.get("type") == "title":
                assert {e.get("typeface") for e in sp.iter(f"{{{A}}}latin")} == {"+mj-lt"}
    assert faces <= {"+mj-lt", "+mj-ea", "+mj-cs", "+mn-lt", "+mn-ea", "+mn-cs"}


@pytest.mark.parametrize("base, target", [
    ("#1F2933", "#5B6675"), ("#1F2933", "#D5DCE4"), ("#1B6F8A", "#0E3A48"), ("#E08A1E", "#F7D9B0"),
    ("#FFFFFF", "#F2F2F2"), ("#000000", "#7F7F7F"), ("#C2453D", "#1B6F8A"), ("#808080", "#C2453D"),
])
def test_a_derived_colour_is_its_base_with_transforms_that_reproduce_it(base, target):
    refs = ThemeRefs({"tx1": base, **{n: "#000000" for n in ("bg1", "tx2", "bg2")},
                      **{f"accent{i}": "#000000" for i in range(1, 7)}, "hlink": "#000000", "folHlink": "#000000"},
                     {}, {"major": ("A", "B"), "minor": ("A", "B")})
    el = etree.fromstring(f'<w xmlns:a="{A}">{refs.colour(Colour(target, "tx1"))}</w>')[0]
    assert etree.QName(el).localname == "schemeClr" and el.get("val") == "tx1"
    assert close(rendered(el, {"dk1": base.lstrip("#")}), target)


def test_a_colour_no_transform_reproduces_is_refused():
    assert derive((128, 128, 128), (128, 128, 128)) == ()
    assert derive((230, 236, 244), (255, 255, 255)) is None  # 100 % lightness: the base would not matter


def test_connectors_and_lines_refer_to_the_theme_too(tmp_path):
    deck, _, data = build(tmp_path, "default")
    planned = [e for s in deck.slides for e in iter_elements(s.elements) if isinstance(e, Connector)]
    assert planned, "the demo course has connectors (agenda timeline, diagrams)"
    for root in parts(data, "ppt/slides/slide").values():
        for ln in root.iter(f"{{{A}}}ln"):
            fill = ln.find("a:solidFill", NS)
            if fill is not None:
                assert etree.QName(fill[0]).localname == "schemeClr"
