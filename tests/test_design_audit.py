"""The design test: the sample course, the diagram gallery and generated courses with extreme content
(one point, forty points, eight modules a day, sixty-character titles; Chinese, English only and mixed)
planned and audited as a designer would: no line break inside a word, no lone last-line character, every
text colour legible on what lies behind it, every content slide filled to at least 35% without text
crowded below the floor size, no text colours mixed within a row of shapes, nothing off the slide."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from conftest import ROOT, SAMPLE, invoke
from deckgen.commands.build import plan
from deckgen.design_audit import audit_plan, break_inside_word, lone_last_line
from deckgen.plan import Shape, iter_elements
from extreme_course import write_extreme_course

GALLERY = ROOT / "decks" / "diagram-gallery"
FILL_FLOOR = 0.35


@pytest.fixture(scope="module")
def extreme(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("extreme")
    return {flavour: write_extreme_course(root / flavour, flavour) for flavour in ("zh", "en", "mixed")}


def _course(name: str, extreme: dict[str, Path]) -> Path:
    return {"sample": SAMPLE, "gallery": GALLERY}.get(name) or extreme[name]


@pytest.fixture(scope="module")
def audited(extreme):
    out = {}
    for name in ("sample", "gallery", "zh", "en", "mixed"):
        planned = plan(_course(name, extreme))
        out[name] = (planned, audit_plan(planned.plan, planned.theme, planned.course.language))
    return out


COURSES = ["sample", "gallery", "zh", "en", "mixed"]


@pytest.mark.parametrize("name", COURSES)
def test_no_line_breaks_inside_a_word_and_no_lone_last_character(audited, name):
    _, audit = audited[name]
    assert audit.breaks > 20  # the courses do break lines: the audit has something to judge
    assert audit.word_breaks == [], [str(f) for f in audit.word_breaks]
    assert audit.lone == [], [str(f) for f in audit.lone]


@pytest.mark.parametrize("name", COURSES)
def test_every_text_colour_reads_on_what_lies_behind_it(audited, name):
    _, audit = audited[name]
    assert len(audit.contrast) > 100
    assert audit.low_contrast == [], [f"{r:.2f}<{m}: {f}" for r, m, f in audit.low_contrast[:10]]
    assert audit.flips == [], [str(f) for f in audit.flips]


@pytest.mark.parametrize("name", COURSES)
def test_content_slides_are_filled_and_text_stays_at_or_above_the_floor(audited, name):
    planned, audit = audited[name]
    assert audit.under_filled(FILL_FLOOR) == [], [f"{r:.2f} {f}" for r, f in audit.under_filled(FILL_FLOOR)]
    floor = min(planned.theme.sizes["body_min"], planned.theme.sizes["diagram_min"]) - 2
    for deck in planned.plan.decks:
        for slide in deck.slides:
            for e in iter_elements(slide.elements):
                if isinstance(e, Shape) and e.text is not None and e.text.paragraphs:
                    assert e.text.size >= floor, (deck.name, slide.title, e.name, e.text.size)
                    # the measured text fits its box: nothing crowds past it
                    inner = (e.box.h - e.text.insets[1] - e.text.insets[3]) / 12700
                    assert e.text.height <= inner + 0.5, (deck.name, slide.title, e.name)
                    assert 0 <= e.box.x and e.box.right <= deck.width and 0 <= e.box.y and \
                        e.box.bottom <= deck.height, (deck.name, slide.title, e.name)


def test_the_audit_finds_what_it_looks_for():
    """The audit's judges on known cases: a break inside 机会 or 杀伤力, a lone 来 on the last line."""
    assert break_inside_word("外在驱动力找机", "会点与关节点")
    assert break_inside_word("产品杀", "伤力")
    assert not break_inside_word("产品", "杀伤力")
    assert lone_last_line(["用管理金字塔把目标串起", "来"])
    assert lone_last_line(["三十天后回顾：哪些改变已经发", "生？"])
    assert not lone_last_line(["三十天后回顾：哪些改变", "已经发生？"])


def test_a_day_of_eight_modules_builds_with_every_module_on_the_agenda_and_a_closing(extreme, tmp_path):
    out = tmp_path / "out"
    result = invoke("build", str(extreme["zh"]), "-o", str(out))
    assert result.exit_code == 0, result.output
    deck = next(out.rglob("day-1.pptx"))
    slides = list(Presentation(str(deck)).slides)
    agenda = "\n".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    for n in range(1, 9):
        title = f"销售团队管理 {n}" if n % 2 else None
        if title:
            assert title in agenda.replace("\v", ""), title
    assert "（续）" in agenda  # a module the lunch interrupts resumes on the agenda
    assert "今日回顾" in agenda  # the day's end
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in slides]
    closing = [t for t in titles if t.replace("\v", "").startswith("今日回顾")]
    assert len(closing) >= 2  # eight modules' takeaways continue on a second closing slide
    text = "\n".join(sh.text_frame.text for s in slides[-len(closing):] for sh in s.shapes if sh.has_text_frame)
    assert "明日预告" in text and "销售团队管理 9" in text.replace("\v", "")


MEDIA = ROOT / "decks" / "media-gallery"
# a header fill as light as the default theme's amber, pale accents under the chart labels
PALE = ["palette.primary=#E08A1E", "palette.accent1=#F2B84B", "palette.accent2=#9AD1D4", "palette.accent3=#3C8D5A"]


@pytest.mark.parametrize("overrides", [[], PALE], ids=["default", "pale"])
def test_table_cells_and_chart_labels_read_on_their_fills(overrides):
    """The media gallery's tables (header, banded rows) and charts (axis labels, data labels inside stacked
    bars and doughnut slices) are audited like every other text, and read."""
    planned = plan(MEDIA, overrides=overrides)
    audit = audit_plan(planned.plan, planned.theme, planned.course.language)
    cells = [c for c in audit.contrast if " cell " in c[2].what]
    inside = [c for c in audit.contrast if c[2].what.startswith("data label")]
    assert len(cells) > 50 and len(inside) >= 3 + 4  # three stacked series, four doughnut slices
    assert audit.low_contrast == [], [f"{r:.2f}<{m}: {f}" for r, m, f in audit.low_contrast[:10]]


def test_the_audit_finds_text_that_does_not_read_on_a_table_cell_or_a_chart_bar():
    from deckgen.design_audit import Audit, audit_deck
    from deckgen.plan import Box, Cell, Chart, ChartSeries, Colour, Deck, Paragraph, Slide, Table, TextBlock
    from deckgen.textfit import Fitter
    white, amber = Colour("#FFFFFF"), Colour("#E08A1E")
    block = TextBlock((Paragraph("Plan"),), "Arial", "Arial", size=12, colour=white, lang="en-US")
    table = Table("Table", Box(0, 0, 100, 100), (100,), (100,), ((Cell(block, amber),),))
    chart = Chart("Chart", Box(0, 0, 100, 100), "stacked", ("A",), (ChartSeries("s", (1.0,), amber),), "0", "Arial",
                  "Arial", 14, Colour("#1F2933"), Colour("#DDDDDD"), white, False, True, label_colours=(white,))
    deck = Deck("d", "d", (Slide("content", "t", (table, chart)),), 100, 100)
    audit = audit_deck(deck, white, Box(0, 0, 100, 100), Fitter(), Audit())
    low = [str(f) for _, _, f in audit.low_contrast]
    assert low == ["d slide 1 'Table': row 1 cell 1: #FFFFFF on #E08A1E at 12 pt",
                   "d slide 1 'Chart': data label 1: #FFFFFF on #E08A1E"]
