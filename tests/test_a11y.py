"""Accessibility, read back from built decks: alt text on every picture, chart, table and diagram,
decoration marked, the title first in reading order, unique slide titles; and `check --a11y`."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, invoke
from deckgen.commands.build import build
from test_media import make_pictures, media_module, write_course

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
DECORATIVE = ".//a:ext[@uri='{C183D7F6-B498-43B3-948B-1728B52AA6E4}']"
GALLERY = ROOT / "decks" / "media-gallery"


def slide_trees(path: Path):
    from pptx import Presentation
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        yield number, slide, slide.shapes._spTree


def decorative(el) -> bool:
    c_nv_pr = el.find(".//p:cNvPr", NS)
    return c_nv_pr.find(DECORATIVE, NS) is not None


@pytest.fixture(scope="module")
def decks(tmp_path_factory, sample_build) -> list[Path]:
    folder = tmp_path_factory.mktemp("a11y") / "course"
    write_course(folder, media_module(30))
    make_pictures(folder)
    media = build(folder, folder.parent / "out").written[0].path
    gallery = build(GALLERY, tmp_path_factory.mktemp("gallery")).written[0].path
    return [media, gallery, *sample_build.values()]


def test_every_picture_chart_table_and_diagram_has_alt_text(decks):
    counts = {"p:pic": 0, "p:graphicFrame": 0, "p:grpSp": 0}
    for deck in decks:
        for number, _, tree in slide_trees(deck):
            for tag in counts:
                for el in tree.iter(f"{{{NS['p']}}}{tag.split(':')[1]}"):
                    if decorative(el):
                        continue
                    descr = el.find(".//p:cNvPr", NS).get("descr")
                    if tag == "p:grpSp" and el.getparent().tag.endswith("grpSp"):
                        continue  # a group inside a diagram: the diagram's own alt text covers it
                    assert descr and descr.strip(), f"{deck.name} slide {number}: {tag} without alt text"
                    counts[tag] += 1
    assert all(counts.values()), counts  # pictures, charts/tables and diagrams were all seen


def test_diagram_alt_text_is_made_from_its_items(decks):
    from deckgen.outline import load_course
    course, _ = load_course(ROOT / "decks" / "b2b-sales-management")
    alts = [g.find("p:nvGrpSpPr/p:cNvPr", NS).get("descr") for deck in decks[2:]
            for _, _, tree in slide_trees(deck) for g in tree.iterfind("p:grpSp", NS)]
    frameworks = [s for m in course.modules for s in m.sections if s.kind == "framework"]
    assert len(alts) == len(frameworks)
    for section in frameworks:
        (alt,) = [a for a in alts if a.startswith(section.title)]
        d = section.diagram
        words = [i.label for i in d.items] + list(d.headings) + list(d.columns) + \
            [cell for r in d.rows for cell in ((r.left, r.right) if hasattr(r, "left") else r)]
        assert words and all(w in alt for w in words), (alt, words)


def test_shapes_without_text_are_marked_decorative(decks):
    for deck in decks[:2]:
        for number, _, tree in slide_trees(deck):
            for sp in tree.iterfind("p:sp", NS):
                has_text = "".join(sp.itertext()).strip()
                if not has_text and sp.find(".//p:ph", NS) is None:
                    assert decorative(sp), f"{deck.name} slide {number}: {sp.find('.//p:cNvPr', NS).get('name')}"


def test_title_comes_first_in_reading_order(decks):
    for deck in decks:
        for number, slide, tree in slide_trees(deck):
            if slide.shapes.title is None:
                continue
            first = next(el for el in tree if el.tag.endswith(("}sp", "}pic", "}graphicFrame", "}grpSp", "}cxnSp"))
                         and not decorative(el))
            # a cover's title is PowerPoint's centred title placeholder (ctrTitle): a title all the same
            assert first.find(".//p:ph", NS) is not None and \
                first.find(".//p:ph", NS).get("type") in ("title", "ctrTitle"), f"{deck.name} slide {number}"


def test_no_two_slides_of_a_deck_share_a_title(decks):
    for deck in decks:
        titles = [s.shapes.title.text_frame.text for _, s, _ in slide_trees(deck) if s.shapes.title is not None]
        duplicates = {t for t in titles if titles.count(t) > 1}
        assert not duplicates, f"{deck.name}: {duplicates}"


def test_check_a11y_reports_missing_alt_duplicate_titles_and_low_contrast(tmp_path, isolated):
    module = """number: 1
title: M
sections:
  - kind: content
    title: Same title
    notes: n
    image: img/tall.png
    points: [One point]
  - kind: content
    title: Same title
    notes: n
    points: [Another]
  - kind: content
    title: Prices
    notes: n
    table: {columns: [Plan, Price], rows: [[Team, 12]], alt: Prices}
"""
    folder = write_course(tmp_path / "c", module, "en")
    make_pictures(folder)
    plain = invoke("check", folder)
    assert plain.exit_code == 0 and "alt text" not in plain.output
    # a light primary under the table's header: its text turns dark (deckgen.legibility), so nothing to report
    result = invoke("check", "--a11y", "--set", "palette.primary=#F0B030", folder)
    lines = [line for line in result.output.splitlines() if ": warning: " in line]
    assert any("c/m.yaml:7:12: warning: picture 'tall.png'" in line and "no alt text" in line for line in lines), \
        result.output
    assert any("c/m.yaml:9:5: warning: day-1: slide" in line and "same title as slide" in line for line in lines), \
        result.output
    assert not any("has a contrast of" in line for line in lines), result.output


def test_the_a11y_report_tells_text_below_aa_at_its_section():
    """What the report says of a table cell whose text does not read (deckgen draws none: a safety net)."""
    from deckgen.a11y import report
    from deckgen.errors import Loc
    from deckgen.plan import Box, Cell, Colour, Deck, Paragraph, Slide, Table, TextBlock
    block = TextBlock((Paragraph("Plan"),), "Arial", "Arial", size=16, colour=Colour("#FFFFFF"), lang="en-US",
                      bold=True)
    table = Table("Table", Box(0, 0, 100, 100), (100,), (100,), ((Cell(block, Colour("#F0B030")),),), alt="Prices")
    slide = Slide("content", "Prices", (table,), source=Loc("c/m.yaml", 13, 5))
    deck = Deck("day-1", "d", (slide,), 100, 100)

    class Course:
        modules = ()
    found = [str(d) for d in report(Course(), [deck], {"background": "#FFFFFF"})]
    assert found == ["c/m.yaml:13:5: warning: day-1: slide 1: 'Plan' has a contrast of 1.9:1 (#FFFFFF on #F0B030); "
                     "WCAG AA asks for 3:1 for large text\n  hint: change the theme's palette (deckgen themes show) "
                     "or the colour used"], found


def test_the_a11y_report_judges_a_charts_labels_on_the_slide_and_inside_its_bars():
    """Axis labels and the legend on the slide, data labels inside stacked bars on each bar's colour."""
    from deckgen.a11y import report
    from deckgen.plan import Box, Chart, ChartSeries, Colour, Deck, Slide
    chart = Chart("Revenue", Box(0, 0, 100, 100), "stacked", ("Q1", "Q2"),
                  (ChartSeries("North", (1, 2), Colour("#1B6F8A")), ChartSeries("South", (2, 1), Colour("#F5E6A8"))),
                  "0", "Arial", "Arial", 12, Colour("#9AA5B1"), Colour("#DDDDDD"), Colour("#FFFFFF"), True, True,
                  lang="en-US", label_colours=(Colour("#FFFFFF"), Colour("#FFFFFF")))
    deck = Deck("day-1", "d", (Slide("content", "Revenue", (chart,)),), 100, 100)

    class Course:
        modules = ()
    found = [d.message for d in report(Course(), [deck], {"background": "#FFFFFF"})]
    assert found == [
        "day-1: slide 1: the chart 'Revenue': its axis labels and legend has a contrast of 2.5:1 (#9AA5B1 on #FFFFFF); "
        "WCAG AA asks for 4.5:1 for text under 18 pt",
        "day-1: slide 1: the chart 'Revenue': its data labels on 'South' has a contrast of 1.3:1 (#FFFFFF on #F5E6A8); "
        "WCAG AA asks for 4.5:1 for text under 18 pt"], found  # white on the dark teal bars reads: no finding


@pytest.mark.parametrize("theme", ["default", "midnight"])
def test_hyperlinks_read_on_the_theme_background(tmp_path, theme):
    import re
    import zipfile

    from deckgen.theme import contrast, resolve_theme
    folder = write_course(tmp_path / "c", "number: 1\ntitle: M\nsections:\n  - kind: content\n    title: T\n"
                          "    notes: n\n    points: [\"See https://example.com/a\"]\n", "en")
    deck = build(folder, tmp_path / "out", theme_name=theme).written[0].path
    xml = zipfile.ZipFile(deck).read("ppt/theme/theme1.xml").decode()
    link = "#" + re.search(r'<a:hlink><a:srgbClr val="([0-9A-F]{6})"', xml).group(1)
    background = resolve_theme(theme)[0].palette["background"]
    assert contrast(link, background) >= 4.5
