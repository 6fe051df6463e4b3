"""deckgen's own master and named layouts, slides filling their placeholders, a co-facilitator's New Slide,
a template's layouts per kind, and a section choosing its layout by name."""
from __future__ import annotations

import io
import textwrap

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from conftest import ROOT, invoke
from deckgen.errors import DeckgenError
from deckgen.provenance import plain_name
from deckgen.render import render_deck
from deckgen.render.masters import LAYOUT_NAMES, ROLES, layout_key
from test_theme import plan_with, write_course

KIND_LAYOUT = {"cover": "Cover", "agenda": "Agenda", "divider": "Divider", "content": "Content",
               "framework": "Framework", "case": "Case", "exercise": "Exercise", "debrief": "Debrief",
               "closing": "Closing"}


def build(root, theme="default", course=None, language="zh-CN"):
    plan, resolved = plan_with(ROOT, theme, course=course or write_course(root, language=language))
    deck = plan.decks[0]
    return deck, Presentation(io.BytesIO(render_deck(deck, resolved)))


def box(shape):
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


@pytest.mark.parametrize("theme", ["default", "midnight"])
def test_the_deck_has_deckgens_twelve_layouts_and_each_slide_its_kinds(tmp_path, theme):
    deck, prs = build(tmp_path, theme)
    assert [layout.name for layout in prs.slide_layouts] == list(LAYOUT_NAMES.values())
    assert len(prs.slide_masters) == 1
    kinds = set()
    for plan_slide, slide in zip(deck.slides, prs.slides):
        expected = "Cards" if layout_key(plan_slide) == "cards" else KIND_LAYOUT[plan_slide.kind]
        assert slide.slide_layout.name == expected, plan_slide.kind
        kinds.add(plan_slide.kind)
    assert kinds == set(KIND_LAYOUT)  # the demo course has every kind


def test_body_text_sits_in_placeholders_footer_and_number_in_text_boxes(tmp_path):
    """Footer and slide number stay text boxes: LibreOffice drops the text of footer and number
    placeholders when it saves a deck (their layouts' placeholders are there for Header & Footer)."""
    deck, prs = build(tmp_path)
    filled = 0
    for plan_slide, slide in zip(deck.slides, prs.slides):
        key = layout_key(plan_slide)
        layout_idx = {ph.placeholder_format.idx for ph in slide.slide_layout.placeholders}
        for shape in slide.shapes:
            name = plain_name(shape.name)
            wanted = ROLES[key].get(name)
            if name in ("Footer", "Slide number"):
                assert not shape.is_placeholder and shape.text_frame.text, (plan_slide.kind, name)
            elif wanted and wanted.idx in layout_idx | {0}:
                assert shape.is_placeholder, (plan_slide.kind, shape.name)
                assert shape.placeholder_format.idx in layout_idx, (plan_slide.kind, shape.name)
                filled += 1
            elif shape.is_placeholder:
                assert shape.placeholder_format.type == PP_PLACEHOLDER.TITLE or name == "Title", shape.name
    assert filled > 1.5 * len(deck.slides)
    # the body placeholders hold the text as planned: same place, same words
    case = next(s for p, s in zip(deck.slides, prs.slides) if p.kind == "case")
    facts = next(s for s in case.placeholders if s.placeholder_format.idx == 1)
    assert plain_name(facts.name) == "Case facts" and facts.text_frame.text


def test_new_slide_from_the_case_layout_is_a_ready_case_slide(tmp_path):
    """What a co-facilitator gets with New Slide → Case: title, facts and questions where deckgen puts them."""
    deck, prs = build(tmp_path)
    built = next(s for p, s in zip(deck.slides, prs.slides) if p.kind == "case")
    shapes = {plain_name(s.name): s for s in built.shapes}
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Case")
    added = prs.slides.add_slide(layout)
    by_idx = {ph.placeholder_format.idx: ph for ph in added.placeholders}
    assert by_idx[0].placeholder_format.type == PP_PLACEHOLDER.TITLE
    assert box(by_idx[0]) == box(shapes["Title"])
    assert box(by_idx[1]) == box(shapes["Case facts"])
    assert box(by_idx[2]) == box(shapes["Questions"])
    # typing into it looks like the deck: the body's first level carries the deck's text size and bullet
    level = layout.placeholders[1]._element.find(".//{*}lstStyle/{*}lvl1pPr")
    assert level is not None and level.find("{*}defRPr").get("sz") is not None
    # and it survives a save and reopen
    out = io.BytesIO()
    prs.save(out)
    again = Presentation(io.BytesIO(out.getvalue()))
    assert again.slides[-1].slide_layout.name == "Case"


def test_a_kind_the_deck_lacks_still_has_a_layout_with_placeholders_on_the_slide(tmp_path):
    deck, prs = build(tmp_path)
    assert not any(p.kind == "picture" for p in deck.slides)
    width, height = prs.slide_width, prs.slide_height
    for name in ("Picture", "Content", "Case", "Blank"):
        layout = next(layout for layout in prs.slide_layouts if layout.name == name)
        for ph in layout.placeholders:
            assert 0 <= ph.left and ph.left + ph.width <= width and 0 <= ph.top and ph.top + ph.height <= height
    picture = next(layout for layout in prs.slide_layouts if layout.name == "Picture")
    assert PP_PLACEHOLDER.PICTURE in {ph.placeholder_format.type for ph in picture.placeholders}
    blank = next(layout for layout in prs.slide_layouts if layout.name == "Blank")
    assert {ph.placeholder_format.type for ph in blank.placeholders} == {  # no title, no body: a blank page
        PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


def test_the_master_has_title_body_date_footer_and_number_at_the_decks_positions(tmp_path):
    deck, prs = build(tmp_path)
    master = prs.slide_masters[0]
    types = {ph.placeholder_format.type for ph in master.placeholders}
    assert {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER,
            PP_PLACEHOLDER.SLIDE_NUMBER} <= types
    footer = next(e for s in deck.slides for e in s.elements if getattr(e, "name", "") == "Footer")
    ftr = next(ph for ph in master.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    assert box(ftr) == (footer.box.x, footer.box.y, footer.box.w, footer.box.h)
    # the master's text styles name the theme fonts, so a new text box starts in the deck's typefaces
    xml = master._element.xml
    assert 'typeface="+mj-lt"' in xml and 'typeface="+mn-ea"' in xml


def test_cover_and_divider_layouts_carry_their_background(tmp_path):
    deck, prs = build(tmp_path)
    for name in ("Cover", "Divider"):
        layout = next(layout for layout in prs.slide_layouts if layout.name == name)
        assert layout._element.find("{*}cSld/{*}bg") is not None, name


def _course_with_layout(root, layout: str):
    course = write_course(root)
    module = course / "01.yaml"
    text = module.read_text(encoding="utf-8")
    marker = "title: 三个关键\n"
    assert marker in text
    module.write_text(text.replace(marker, marker + f"    layout: {layout}\n"), encoding="utf-8")
    return course


def test_a_section_can_choose_a_layout_by_name(tmp_path):
    deck, prs = build(tmp_path, course=_course_with_layout(tmp_path, "Blank"))
    chosen = [(p, s) for p, s in zip(deck.slides, prs.slides) if p.title == "三个关键"]
    assert chosen and all(s.slide_layout.name == "Blank" for _, s in chosen)
    others = [s for p, s in zip(deck.slides, prs.slides) if p.kind == "content" and p.title != "三个关键"]
    assert others and all(s.slide_layout.name in ("Content", "Cards") for s in others)


def test_an_unknown_layout_is_an_error_at_its_line_listing_the_layouts(tmp_path):
    course = _course_with_layout(tmp_path, "Fancy")
    result = invoke("check", course)
    assert result.exit_code != 0
    line = next(n for n, text in enumerate((course / "01.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if "layout: Fancy" in text)
    assert f"01.yaml:{line}:13: error: layout 'Fancy'" in result.output
    assert "'Case'" in result.output and "'Blank'" in result.output
    with pytest.raises(DeckgenError):
        plan_with(ROOT, "default", course=course)


def test_with_a_template_a_section_names_the_templates_layout(tmp_path):
    deck, prs = build(tmp_path, "corporate", course=_course_with_layout(tmp_path, "Meridian Blank"))
    chosen = [s for p, s in zip(deck.slides, prs.slides) if p.title == "三个关键"]
    assert chosen and all(s.slide_layout.name == "Meridian Blank" for s in chosen)
    with pytest.raises(DeckgenError) as info:
        build(tmp_path / "b", "corporate", course=_course_with_layout(tmp_path / "b", "Case"))
    assert "'Meridian Title Only'" in str(info.value)  # the template's layouts are listed, not deckgen's


def test_a_template_maps_each_kind_to_its_layout_by_name(tmp_path):
    root = tmp_path / "proj"
    theme = root / "themes" / "corp2"
    theme.mkdir(parents=True)
    theme.joinpath("theme.yaml").write_text(textwrap.dedent("""\
        extends: corporate
        layouts:
          case: Meridian Title and Content
          exercise: Meridian Blank
        """), encoding="utf-8")
    plan, resolved = plan_with(root, "corp2", course=write_course(tmp_path))
    deck = plan.decks[0]
    prs = Presentation(io.BytesIO(render_deck(deck, resolved)))
    for p, s in zip(deck.slides, prs.slides):
        expected = {"case": "Meridian Title and Content", "exercise": "Meridian Blank", "cover": "Meridian Cover",
                    "divider": "Meridian Section"}.get(p.kind, "Meridian Title Only")
        assert s.slide_layout.name == expected, p.kind
    result = invoke("themes", "show", "corp2", "--themes-dir", root / "themes")
    assert "Meridian Title and Content" in result.output


def test_a_layout_name_the_template_lacks_is_an_error_at_the_theme_line(tmp_path):
    root = tmp_path / "proj"
    theme = root / "themes" / "corp3"
    theme.mkdir(parents=True)
    theme.joinpath("theme.yaml").write_text("extends: corporate\nlayouts:\n  case: Fancy Case\n", encoding="utf-8")
    with pytest.raises(DeckgenError) as info:
        plan_with(root, "corp3", course=write_course(tmp_path))
    assert "theme.yaml:3:9: error: layouts.case" in str(info.value) and "'Meridian Blank'" in str(info.value)
