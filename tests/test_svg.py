"""The SVG renderer (deckgen.render_svg) and `deckgen preview --fast`: every element type has a drawer,
every preset the planners use is drawn as itself, no text is lost, text is set where the plan says, and
the PNGs need no LibreOffice."""
from __future__ import annotations

import base64
import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from conftest import ROOT, SAMPLE, invoke, working_directory
from deckgen import plan as plan_module
from deckgen.commands.build import plan
from deckgen.plan import (Box, Cell, Colour, Connector, Deck, Group, Paragraph, Picture, Shape, Slide, Table,
                          TextBlock, inches, iter_elements)
from deckgen.render import ELEMENT_RENDERERS
from deckgen.render_svg import PRESETS, SVG_DRAWERS, SvgRenderer
from deckgen.render_svg.raster import svg_to_png

SVG = "{http://www.w3.org/2000/svg}"
GALLERY = ROOT / "decks" / "diagram-gallery"
W, H = inches(13.333), inches(7.5)
INK = Colour("#1F2933")


def english_course(folder: Path) -> Path:
    """Our own material: English and mixed text, every diagram kind the gallery does not stress in English."""
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(textwrap.dedent("""\
        title: Negotiation Skills for Account Managers
        subtitle: From preparation to the signed contract
        trainers: [Ann Lee]
        language: en
        days:
          - title: Day one
            start: "09:00"
            modules: [a.yaml]
        """), encoding="utf-8")
    (folder / "a.yaml").write_text(textwrap.dedent("""\
        number: 1
        title: Preparing the negotiation
        sections:
          - kind: content
            title: What a well-prepared negotiator knows before the meeting starts
            minutes: 10
            points:
              - Their walk-away point, written down and agreed with the sales director beforehand
              - The other side's interests, not only their stated position on price and delivery terms
              - Which concessions cost us little but are worth a lot to them (payment terms, training)
              - 混合 mixed 文本 with Latin words and 中文 characters in one line
          - kind: framework
            title: The four steps
            minutes: 10
            diagram:
              kind: process
              items: [Prepare, Open, Bargain, Close]
          - kind: framework
            title: Interest matrix
            minutes: 10
            diagram:
              kind: matrix
              axes: {x: Their interest, y: Our interest}
              x_labels: [low, high]
              y_labels: [low, high]
              items: [Trade, Win-win, Drop, Concede]
          - kind: framework
            title: Concession funnel
            minutes: 5
            diagram:
              kind: funnel
              items: [Wish list, Must haves, Walk-away]
          - kind: framework
            title: Value formula
            minutes: 5
            diagram:
              kind: formula
              items: [Benefit, Relationship]
              operator: "×"
              result: Value
          - kind: exercise
            title: Role play
            minutes: 20
            task: Negotiate the renewal of a three-year service contract.
            steps: [Read the brief, Prepare in pairs, Negotiate for ten minutes]
            debrief: ["What did the buyer concede first?", "Which question changed the direction?"]
        """), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """The sample course, the diagram gallery and our English course, planned once."""
    folder = english_course(tmp_path_factory.mktemp("svg") / "negotiation")
    with working_directory(ROOT):
        return [plan(SAMPLE), plan(GALLERY), plan(folder)]


def slide_svgs(planned):
    renderer = SvgRenderer.for_theme(planned.theme)
    for deck in planned.plan.decks:
        for i, slide in enumerate(deck.slides):
            yield deck, slide, renderer.slide(deck, i)


def texts(svg: str) -> list[etree._Element]:
    return list(etree.fromstring(svg.encode()).iter(f"{SVG}text"))


# --- registries --------------------------------------------------------------------------------------

def test_every_plan_element_type_has_an_svg_drawer():
    element_types = set(plan_module.Element.__args__)
    assert element_types == set(SVG_DRAWERS) == set(ELEMENT_RENDERERS)


def test_every_preset_the_planners_use_is_drawn_as_itself(plans):
    used = {e.geometry for p in plans for d in p.plan.decks for s in d.slides for e in iter_elements(s.elements)
            if isinstance(e, Shape)}
    assert {"rect", "roundRect", "ellipse", "chevron", "homePlate"} <= used  # the material covers them
    assert used <= set(PRESETS), used - set(PRESETS)


# --- whole decks ---------------------------------------------------------------------------------------

def test_each_slide_is_a_standalone_svg_with_every_word_of_its_plan(plans):
    for planned in plans:
        for deck, slide, svg in slide_svgs(planned):
            root = etree.fromstring(svg.encode())
            _, _, vw, vh = map(float, root.get("viewBox").split())
            assert (vw, vh) == (pytest.approx(deck.width / 12700, abs=0.01), pytest.approx(deck.height / 12700, abs=0.01))
            drawn = re.sub(r"\s", "", "".join(t.text or "" for t in texts(svg)))
            for e in iter_elements(slide.elements):
                blocks = [e.text] if isinstance(e, Shape) and e.text else \
                    [c.text for row in e.cells for c in row] if isinstance(e, Table) else []
                for block in blocks:
                    for p in block.paragraphs:
                        words = re.sub(r"\s", "", p.text.replace("{n}", ""))
                        assert words in drawn, (deck.name, slide.title, p.text)


def test_text_lines_stay_inside_their_boxes(plans):
    """Every line of every text box starts and ends inside the box the plan gave it (a little slack for
    the client-like wrap at the full width)."""
    renderer = SvgRenderer()
    for planned in plans:
        for deck in planned.plan.decks:
            for slide in deck.slides:
                for e in iter_elements(slide.elements):
                    if not (isinstance(e, Shape) and e.text and e.geometry == "rect" and e.text.wrap):
                        continue
                    one = Deck("t", "t", (Slide("content", "t", (e,)),), deck.width, deck.height)
                    left, right = e.box.x / 12700, e.box.right / 12700
                    for t in texts(renderer.slide(one, 0)):
                        x = float(t.get("x"))
                        size = float(t.get("font-size"))
                        width = renderer.text.measurer.width(t.text, _font(e.text, t), size)
                        assert left - 0.5 <= x and x + width <= right + size * 0.5, (slide.title, t.text)


def _font(block, t):
    from deckgen.textfit import Font
    return Font(block.latin, block.ea, t.get("font-weight") == "bold")


# --- text setting ------------------------------------------------------------------------------------

def _block(*paras, size=20.0, align="l", anchor="t", wrap=True, pitch=26.0, **kw) -> TextBlock:
    return TextBlock(tuple(paras), latin="Microsoft YaHei", ea="Microsoft YaHei", size=size, colour=INK,
                     align=align, anchor=anchor, wrap=wrap, line_pitch=pitch, **kw)


def _one(element, background=None) -> str:
    deck = Deck("t", "t", (Slide("content", "t", (element,), background=background),), W, H)
    return SvgRenderer().slide(deck, 0)


def test_a_long_paragraph_wraps_into_lines_one_pitch_apart():
    text = "A paragraph long enough to need several lines in a narrow box, set with exact line spacing."
    svg = _one(Shape("Body", Box(inches(1), inches(1), inches(3), inches(4)), text=_block(Paragraph(text))))
    lines = texts(svg)
    assert len(lines) >= 3
    ys = [float(t.get("y")) for t in lines]
    assert all(abs((b - a) - 26.0) < 0.01 for a, b in zip(ys, ys[1:]))
    assert " ".join(t.text for t in lines) == text


def test_an_unwrapped_line_is_never_broken():
    text = "A chip label that is longer than its box"
    svg = _one(Shape("Chip", Box(inches(1), inches(1), inches(1), inches(0.4)), text=_block(Paragraph(text),
                                                                                          wrap=False)))
    assert [t.text for t in texts(svg)] == [text]


def test_centred_and_bottom_anchored_text_sits_where_the_client_puts_it():
    box = Box(inches(1), inches(1), inches(4), inches(2))  # 288 × 144 pt
    top = texts(_one(Shape("T", box, text=_block(Paragraph("Hi")))))[0]
    mid = texts(_one(Shape("T", box, text=_block(Paragraph("Hi"), align="ctr", anchor="ctr"))))[0]
    low = texts(_one(Shape("T", box, text=_block(Paragraph("Hi"), align="r", anchor="b"))))[0]
    y_top, y_mid, y_low = (float(t.get("y")) for t in (top, mid, low))
    assert y_mid - y_top == pytest.approx((144 - 26) / 2, abs=0.02)
    assert y_low - y_top == pytest.approx(144 - 26, abs=0.02)
    x_top, x_mid, x_low = (float(t.get("x")) for t in (top, mid, low))
    assert x_top == pytest.approx(72, abs=0.01) and 72 + 100 < x_mid < 72 + 144 < x_low < 72 + 288


def test_chinese_and_latin_runs_each_get_their_own_face_with_space_between():
    svg = _one(Shape("T", Box(0, 0, inches(6), inches(1)), text=_block(Paragraph("销售B2B管理"))))
    runs = [(t.text, t.get("font-family"), float(t.get("x"))) for t in texts(svg)]
    assert [r[0] for r in runs] == ["销售", "B2B", "管理"]
    cjk, latin = runs[0][1], runs[1][1]
    assert cjk != latin and "Microsoft YaHei" in cjk and "Microsoft YaHei" in latin
    if "Noto Sans CJK" in cjk:  # this machine's substitutes, as LibreOffice picks them
        assert "DejaVu Sans" in latin
    # "B2B" starts after two ideographs (20 pt each) and a gap of a fifth of an em
    assert runs[1][2] == pytest.approx(40 + 4, abs=0.6)


def test_bullets_hang_in_the_indent_and_the_slide_number_is_filled_in():
    block = _block(Paragraph("First point", marker="•"), Paragraph("Second", marker="•", level=1),
                   indent=24.0, level_indent=24.0, para_gap=9.0)
    lines = texts(_one(Shape("List", Box(0, 0, inches(6), inches(3)), text=block)))
    assert [t.text for t in lines] == ["•", "First point", "•", "Second"]
    xs = [float(t.get("x")) for t in lines]
    assert xs == pytest.approx([0, 24, 24, 48], abs=0.01)
    assert float(lines[2].get("y")) - float(lines[0].get("y")) == pytest.approx(26 + 9, abs=0.01)

    number = Shape("Slide number", Box(0, 0, inches(1), inches(0.3)),
                   text=_block(Paragraph("{n}", field="slidenum")))
    deck = Deck("t", "t", tuple(Slide("content", str(i), (number,)) for i in range(3)), W, H)
    assert [texts(SvgRenderer().slide(deck, i))[0].text for i in range(3)] == ["1", "2", "3"]


# --- shapes, lines, tables, pictures, backgrounds ---------------------------------------------------------

def pixels(svg: str, width: int = 960) -> Image.Image:
    return Image.open(io.BytesIO(svg_to_png(svg, width))).convert("RGB")


def test_presets_are_drawn_as_their_outline_not_their_box():
    box = Box(inches(1), inches(1), inches(4), inches(2))  # 72..360 × 72..216 pt; 1 px = 1 pt at 960 px
    red = Colour("#FF0000")
    ellipse = pixels(_one(Shape("E", box, geometry="ellipse", fill=red)))
    assert ellipse.getpixel((216, 144)) == (255, 0, 0) and ellipse.getpixel((76, 76)) == (255, 255, 255)
    chevron = pixels(_one(Shape("C", box, geometry="chevron", fill=red)))
    assert chevron.getpixel((76, 144)) == (255, 255, 255)  # the notch on the left
    assert chevron.getpixel((90, 76)) == (255, 0, 0) and chevron.getpixel((355, 144)) == (255, 0, 0)
    flipped = pixels(_one(Shape("T", box, geometry="trapezoid", fill=red, adjust=(("adj", 50000),), flip_v=True)))
    assert flipped.getpixel((76, 76)) == (255, 0, 0) and flipped.getpixel((76, 212)) == (255, 255, 255)
    unknown = pixels(_one(Shape("U", box, geometry="noSuchPreset", fill=red)))
    assert unknown.getpixel((76, 76)) == (255, 0, 0)  # its bounding box, rather than nothing


def test_connectors_tables_and_pictures(tmp_path):
    logo = tmp_path / "logo.gif"
    Image.new("RGB", (40, 20), (0, 128, 255)).save(logo)
    cell = Cell(_block(Paragraph("Cell"), size=12, pitch=15), fill=Colour("#00FF00"))
    table = Table("Grid", Box(0, inches(3), inches(4), inches(1)), (inches(2), inches(2)), (inches(1),),
                  ((cell, Cell(_block(Paragraph("Two"), size=12, pitch=15))),), border=Colour("#000000"))
    arrow = Connector("Axis", (inches(1), inches(6)), (inches(5), inches(6)), Colour("#0000FF"), width=2,
                      arrow_end=True, dash="sysDot")
    group = Group("Parts", (table, arrow, Picture("Logo", Box(inches(8), inches(1), inches(2), inches(1)), logo)))
    svg = _one(group, background=Colour("#FFFFEE"))
    image = next(etree.fromstring(svg.encode()).iter(f"{SVG}image")).get("href")
    assert image.startswith("data:image/png;base64,")  # a GIF is converted: every viewer shows PNG
    assert Image.open(io.BytesIO(base64.b64decode(image.split(",", 1)[1]))).size == (40, 20)
    assert [t.text for t in texts(svg)] == ["Cell", "Two"]
    im = pixels(svg)
    assert im.getpixel((800, 100)) == (255, 255, 238)  # the slide's own background
    assert im.getpixel((650, 108)) == (0, 128, 255)  # the picture, stretched to its box
    assert im.getpixel((100, 280)) == (0, 255, 0) and im.getpixel((200, 280)) == (255, 255, 238)
    assert im.getpixel((353, 432)) == (0, 0, 255)  # the arrowhead, just before the line's end


def test_a_background_picture_covers_the_slide_cropped_not_stretched(tmp_path):
    picture = tmp_path / "bg.png"
    im = Image.new("RGB", (400, 100), (200, 0, 0))
    im.paste((0, 0, 200), (0, 0, 100, 100))  # the leftmost quarter is blue: cropped away on a 16:9 slide
    im.save(picture)
    deck = Deck("t", "t", (Slide("cover", "t", (), background_image=picture),), W, H)
    drawn = pixels(SvgRenderer().slide(deck, 0))
    assert drawn.getpixel((5, 270)) == (200, 0, 0) and drawn.getpixel((955, 270)) == (200, 0, 0)


@dataclass(frozen=True)
class Sticker:
    """An element type the SVG renderer does not know (as a new one would be before it has a drawer)."""

    name: str
    box: Box


def test_an_element_type_without_a_drawer_shows_where_it_is():
    svg = _one(Sticker("Chart 1", Box(inches(1), inches(1), inches(2), inches(2))))
    placeholder = next(e for e in etree.fromstring(svg.encode()).iter(f"{SVG}g") if e.get("data-undrawn"))
    assert placeholder.get("data-undrawn") == "Sticker" and placeholder.get("data-name") == "Chart 1"


# --- deckgen preview --fast --------------------------------------------------------------------------------

def test_preview_fast_writes_a_png_per_slide_without_libreoffice(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice, no pdftoppm
    monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    course = english_course(tmp_path / "negotiation")
    out = tmp_path / "out"
    result = invoke("preview", course, "-o", out, "--fast", "--width", 640)
    assert result.exit_code == 0, result.output
    slides = plan(course).plan.decks[0].slides
    images = sorted((out / "negotiation" / "preview" / "day-1").glob("*.png"))
    assert len(images) == len(slides)
    for png in images:
        with Image.open(png) as im:
            assert im.size == (640, 360)
            assert len(im.convert("RGB").getcolors(maxcolors=1 << 16) or ()) > 2  # something is drawn, not a blank page
    assert (out / "negotiation" / "preview" / "day-1.png").is_file()
    assert f"({len(slides)} slide images)" in result.output

    failed = invoke("preview", tmp_path / "missing", "-o", out, "--fast")
    assert failed.exit_code == 1 and "error:" in failed.output


def test_chart_labels_are_set_in_the_face_of_their_script():
    from deckgen.plan import Chart, ChartSeries
    chart = Chart("Chart 1", Box(inches(1), inches(1), inches(8), inches(5)), "column", ("华东", "North"),
                  (ChartSeries("销售额", (10.0, 20.0), Colour("#1B6F8A")),), '0"%"', "Microsoft YaHei",
                  "Microsoft YaHei", 14, INK, Colour("#D5DCE4"), Colour("#FFFFFF"), True, True)
    families = {t.text: t.get("font-family") for t in texts(_one(chart))}
    renderer = SvgRenderer()
    assert families["华东"] == families["销售额"] == renderer.text.face("Microsoft YaHei", False, True)[0]
    assert families["North"] == renderer.text.face("Microsoft YaHei", False, False)[0]
    if "Noto Sans CJK" in families["华东"]:  # this machine's substitute leads: cairosvg reads only the first
        assert families["华东"].startswith("'Noto Sans CJK")


def test_svg_pictures_are_embedded_and_unreadable_ones_shown_as_placeholders(tmp_path):
    drawing = tmp_path / "logo.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    box = Box(inches(1), inches(1), inches(2), inches(1))
    svg = _one(Picture("Logo", box, drawing))
    assert next(etree.fromstring(svg.encode()).iter(f"{SVG}image")).get("href").startswith("data:image/svg+xml;")
    gone = _one(Picture("Photo", box, tmp_path / "deleted.png"))
    placeholder = next(e for e in etree.fromstring(gone.encode()).iter(f"{SVG}g") if e.get("data-undrawn"))
    assert placeholder.get("data-name") == "Photo"
