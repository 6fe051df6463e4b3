"""Corporate templates: decks built on the template's masters and layouts (chosen by name), its sample slides
gone, its colours, fonts and slide size used unless the theme says otherwise, and every way a template can
be wrong reported at the theme.yaml line."""
from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import ROOT
from deckgen.provenance import plain_name
from deckgen.render import render_deck
from test_theme import errors_of, plan_with, png, resolve_in, write_course, write_theme

TEMPLATE = ROOT / "src" / "deckgen" / "themes" / "corporate" / "corporate-template.pptx"
SCRIPT = ROOT / "scripts" / "make_corporate_template.py"
LAYOUT_FOR = {"cover": "Meridian Cover", "divider": "Meridian Section"}  # every other slide: Meridian Title Only


def rewrite(src: Path, dst: Path, **parts) -> Path:
    """A copy of a package with some parts replaced: rewrite(a, b, **{"ppt/presentation.xml": fn})."""
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            fn = parts.get(name)
            zout.writestr(name, fn(data.decode("utf-8")).encode("utf-8") if fn else data)
    return dst


def template_theme(root: Path, body: str = "", template: Path = TEMPLATE, name: str = "acme") -> Path:
    folder = root / "themes" / name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / template.name
    target.write_bytes(template.read_bytes())
    return write_theme(root, name, f"template: {template.name}\nlayouts:\n  cover: Meridian Cover\n"
                                   f"  divider: Meridian Section\n  title_only: Meridian Title Only\n" + body)


@pytest.fixture(scope="module")
def corporate_deck(tmp_path_factory):
    """The demo course built with the shipped corporate theme: (plan deck, Presentation, zip names)."""
    root = tmp_path_factory.mktemp("corp")
    plan, theme = plan_with(ROOT, "corporate", course=write_course(root))
    deck = plan.decks[0]
    data = render_deck(deck, theme)
    return deck, Presentation(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(data)).namelist(), theme


def test_the_script_reproduces_the_committed_template(tmp_path):
    spec = importlib.util.spec_from_file_location("make_corporate_template", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built, committed = zipfile.ZipFile(io.BytesIO(module.build())), zipfile.ZipFile(TEMPLATE)
    # the same parts, in the same order, with the same bytes (compression may differ between zlib builds)
    assert built.namelist() == committed.namelist(), "run: python scripts/make_corporate_template.py"
    for name in committed.namelist():
        assert built.read(name) == committed.read(name), f"{name} differs: run scripts/make_corporate_template.py"


def test_slides_use_the_templates_layouts_by_name_and_its_master(corporate_deck):
    deck, prs, _, _ = corporate_deck
    template = Presentation(str(TEMPLATE))
    # the template lists its layouts in an order where picking by position would go wrong
    assert [layout.name for layout in template.slide_layouts][0] == "Meridian Title Only"
    for plan_slide, slide in zip(deck.slides, prs.slides):
        assert slide.slide_layout.name == LAYOUT_FOR.get(plan_slide.kind, "Meridian Title Only"), plan_slide.kind
    master = prs.slide_masters[0]
    assert {"Brand bar", "Brand rule", "Logo area"} <= {s.name for s in master.shapes}
    cover_layout = prs.slides[0].slide_layout
    assert cover_layout._element.get("showMasterSp") == "0"
    assert {"Cover band", "Logo area"} <= {s.name for s in cover_layout.shapes}


def test_the_templates_own_slides_are_gone_with_their_parts(corporate_deck):
    deck, prs, names, _ = corporate_deck
    assert len(prs.slides) == len(deck.slides)
    assert not any("SAMPLE" in shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                   if shape.has_text_frame)
    slide_parts = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slide_parts) == len(deck.slides)
    template_media = {n for n in zipfile.ZipFile(TEMPLATE).namelist() if n.startswith("ppt/media/")}
    assert {n for n in names if n.startswith("ppt/media/")} >= template_media  # the masters' logos stay


def test_the_templates_colours_fonts_and_size_are_used(corporate_deck):
    deck, prs, _, theme = corporate_deck
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # exactly the template's
    assert theme.palette["primary"] == "#9B1B30" and theme.palette["accent2"] == "#B7791F"
    assert theme.fonts["heading"].latin == "Georgia" and theme.fonts["body"].ea == "Microsoft YaHei"
    assert theme.origins["palette.primary"].endswith("corporate-template.pptx: theme colour dk2")
    xml = zipfile.ZipFile(TEMPLATE).read("ppt/theme/theme1.xml").decode()
    assert '<a:dk2><a:srgbClr val="9B1B30"/>' in xml
    title = next(s for s in prs.slides[3].shapes if plain_name(s.name) == "Title")
    run = title.text_frame.paragraphs[0].runs[0]._r
    # the title refers to the theme's heading font, which is the template's Georgia
    assert run.find(".//{*}latin").get("typeface") == "+mj-lt"
    deck_theme = prs.slide_masters[0].part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert re.search(r'<a:majorFont><a:latin typeface="Georgia"', deck_theme)


def test_theme_values_beat_the_template_and_set_beats_both(tmp_path):
    template_theme(tmp_path, 'palette:\n  primary: "#0A5EB0"\nfonts:\n  body: {latin: Calibri, ea: DengXian}\n')
    theme, _ = resolve_in(tmp_path, "acme")
    assert theme.palette["primary"] == "#0A5EB0"  # the theme file over the template
    assert theme.palette["accent1"] == "#9B1B30"  # the template over the built-in default (#1B6F8A)
    assert theme.palette["divider"] == "#0A5EB0"  # per-kind colours follow the colour they derive from
    assert theme.fonts["body"].latin == "Calibri" and theme.fonts["heading"].latin == "Georgia"
    theme, _ = resolve_in(tmp_path, "acme", overrides=["palette.primary=#112233"])
    assert theme.palette["primary"] == "#112233"
    write_theme(tmp_path, "child", 'extends: acme\npalette: {accent2: "#00AA55"}\n')
    theme, _ = resolve_in(tmp_path, "child")
    assert theme.template.name == "corporate-template.pptx"  # found relative to the theme that named it
    assert theme.palette["accent2"] == "#00AA55" and theme.palette["exercise"] == "#00AA55"


def test_a_potx_template_works_like_a_pptx(tmp_path):
    potx = tmp_path / "corporate.potx"
    rewrite(TEMPLATE, potx, **{"[Content_Types].xml": lambda x: x.replace(
        "presentationml.presentation.main+xml", "presentationml.template.main+xml")})
    template_theme(tmp_path, template=potx)
    plan, theme = plan_with(tmp_path, "acme")
    prs = Presentation(io.BytesIO(render_deck(plan.decks[0], theme)))
    assert prs.slides[0].slide_layout.name == "Meridian Cover"
    assert "presentation.main+xml" in zipfile.ZipFile(io.BytesIO(render_deck(plan.decks[0], theme))) \
        .read("[Content_Types].xml").decode()


def test_sections_and_custom_shows_that_list_template_slides_are_dropped(tmp_path):
    def add_sections(xml: str) -> str:
        ids = re.findall(r'<p:sldId id="(\d+)"', xml)
        sections = ('<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst '
                    'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section '
                    'name="Samples" id="{11111111-2222-3333-4444-555555555555}"><p14:sldIdLst>'
                    + "".join(f'<p14:sldId id="{i}"/>' for i in ids) + "</p14:sldIdLst></p14:section>"
                    "</p14:sectionLst></p:ext></p:extLst>")
        return xml.replace("</p:presentation>", sections + "</p:presentation>")
    with_sections = rewrite(TEMPLATE, tmp_path / "sections.pptx", **{"ppt/presentation.xml": add_sections})
    template_theme(tmp_path, template=with_sections)
    plan, theme = plan_with(tmp_path, "acme")
    out = zipfile.ZipFile(io.BytesIO(render_deck(plan.decks[0], theme))).read("ppt/presentation.xml").decode()
    listed = set(re.findall(r'<p14:sldId id="(\d+)"', out))
    assert not listed - set(re.findall(r'<p:sldId id="(\d+)"', out))  # no section points at a removed slide


def test_a_4_3_template_makes_4_3_decks_and_odd_sizes_are_refused(tmp_path):
    four_three = rewrite(TEMPLATE, tmp_path / "four-three.pptx", **{"ppt/presentation.xml": lambda x: re.sub(
        r'<p:sldSz cx="\d+" cy="\d+"', '<p:sldSz cx="9144000" cy="6858000"', x)})
    template_theme(tmp_path, template=four_three)
    plan, theme = plan_with(tmp_path, "acme")
    assert theme.slide_size == "4:3" and (plan.decks[0].width, plan.decks[0].height) == (9144000, 6858000)
    small = rewrite(TEMPLATE, tmp_path / "small.pptx", **{"ppt/presentation.xml": lambda x: re.sub(
        r'<p:sldSz cx="\d+" cy="\d+"', '<p:sldSz cx="9144000" cy="5143500"', x)})  # 10 × 5.625 in, 16:9
    template_theme(tmp_path, template=small, name="small")
    plan, theme = plan_with(tmp_path, "small")
    prs = Presentation(io.BytesIO(render_deck(plan.decks[0], theme)))
    assert (prs.slide_width, prs.slide_height) == (plan.decks[0].width, plan.decks[0].height)
    bar = next(s for s in prs.slide_masters[0].shapes if s.name == "Brand bar")
    assert abs(bar.width / 12192000 - prs.slide_width / 9144000) < 1e-4  # the master scaled with the slide
    wide = rewrite(TEMPLATE, tmp_path / "wide.pptx", **{"ppt/presentation.xml": lambda x: re.sub(
        r'<p:sldSz cx="\d+" cy="\d+"', '<p:sldSz cx="12192000" cy="7620000"', x)})  # 16:10
    template_theme(tmp_path, template=wide, name="wide")
    [message] = errors_of(tmp_path, "wide")
    assert message.startswith(f"{Path('themes/wide/theme.yaml')}:1:11: error: the template's slides are "
                              "13.33 × 8.33 in; deckgen lays out 16:9 and 4:3 slides")
    template_theme(tmp_path, "slide: {size: '4:3'}\n", name="clash")
    [message] = errors_of(tmp_path, "clash")
    assert message.startswith(f"{Path('themes/clash/theme.yaml')}:6:15: error: slide.size is 4:3 but the "
                              "template's slides are 16:9")


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", "<w/>")
    return path


@pytest.mark.parametrize("make, says", [
    (lambda p: p.write_text("not a presentation\n") or p, "not a PowerPoint file (.pptx or .potx), or it is damaged"),
    (lambda p: p.write_bytes(TEMPLATE.read_bytes()[:20000]) or p, "or it is damaged"),
    (_docx, "this is a Word document, not a PowerPoint presentation or template"),
    (lambda p: rewrite(TEMPLATE, p, **{"[Content_Types].xml": lambda x: x.replace(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")}), "macro-enabled files"),
    (lambda p: rewrite(TEMPLATE, p, **{"ppt/presentation.xml": lambda x: x[:200]}), "the template is damaged"),
    (None, "file 'brand.pptx' not found (looked in"),
])
def test_an_unusable_template_is_an_error_at_its_line(tmp_path, make, says):
    folder = tmp_path / "themes" / "bad"
    folder.mkdir(parents=True)
    if make is not None:
        make(folder / "brand.pptx")
    write_theme(tmp_path, "bad", "description: a template that cannot be used\ntemplate: brand.pptx\n")
    [message] = errors_of(tmp_path, "bad")
    assert message.startswith(f"{Path('themes/bad/theme.yaml')}:2:11: error: "), message
    assert says in message


def test_a_missing_layout_is_an_error_listing_the_templates_layouts(tmp_path):
    path = template_theme(tmp_path)
    path.write_text(path.read_text().replace("cover: Meridian Cover", "cover: Corporate Cover"))
    [message] = errors_of(tmp_path, "acme")
    assert message.startswith(f"{Path('themes/acme/theme.yaml')}:3:10: error: layouts.cover: the template ")
    assert "has no layout named 'Corporate Cover'; its layouts: 'Meridian Title Only', 'Meridian Title and " \
           "Content', 'Meridian Section'" in message
    # no mapping at all: deckgen's default layout name is missing from the template
    write_theme(tmp_path, "bare", "template: ../acme/corporate-template.pptx\n")
    [message] = errors_of(tmp_path, "bare")
    assert message.startswith(f"{Path('themes/bare/theme.yaml')}:1:11: error: ")
    assert "no layout named 'Title Only', which cover, divider and title_only slides use" in message


def test_logos_and_background_pictures_work_on_a_template(tmp_path):
    png(tmp_path / "themes" / "acme" / "logo.png")
    png(tmp_path / "themes" / "acme" / "back.png", (1600, 900), (30, 30, 30, 255))
    template_theme(tmp_path, "logos: [{file: logo.png, position: bottom-right}]\nbackgrounds: {divider: back.png}\n")
    plan, theme = plan_with(tmp_path, "acme")
    prs = Presentation(io.BytesIO(render_deck(plan.decks[0], theme)))
    divider = next(s for p, s in zip(plan.decks[0].slides, prs.slides) if p.kind == "divider")
    assert divider.slide_layout.name == "Meridian Section · divider"
    assert "<a:blipFill" in divider.slide_layout._element.xml
    assert all(any(s.name == "Logo 1" for s in slide.shapes) for slide in prs.slides)
