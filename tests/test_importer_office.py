"""Word and PowerPoint outlines: `deckgen import FILE.docx` and `FILE.pptx` import, load and build."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLE, invoke, working_directory
from deckgen.importer.command import run_import
from deckgen.importer.docx_reader import docx_outline
from deckgen.outline import load_course

ROOT = Path(__file__).resolve().parent.parent


def word_outline(path: Path) -> Path:
    """A trainer's Word outline: a title, numbered headings, automatic lists two deep, an agenda table."""
    d = Document()
    d.add_paragraph("Negotiation Skills", style="Title")
    d.add_paragraph("Duration: 1 day")
    d.add_heading("Preparing to negotiate", level=1)
    d.add_paragraph("Why negotiations fail (20 minutes)", style="List Number")
    d.add_paragraph("Poor preparation", style="List Bullet 2")
    d.add_paragraph("Anchoring on price", style="List Bullet 2")
    d.add_paragraph("Role play: the first offer (30 minutes)", style="List Number")
    d.add_heading("Closing the deal", level=1)
    table = d.add_table(rows=4, cols=3)
    for r, row in enumerate([("Time", "Activity", "Room"), ("13:30", "Closing techniques", "A1"),
                             ("14:30", "Exercise: close the deal", "A1"), ("15:30", "Finish", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.save(path)
    return path


def test_docx_headings_lists_and_tables_become_the_outline(tmp_path):
    path = word_outline(tmp_path / "negotiation.docx")
    text = docx_outline(path.read_bytes(), path.name).text.split("\n")
    assert text[0] == "# Negotiation Skills" and "## Preparing to negotiate" in text
    assert "1. Why negotiations fail (20 minutes)" in text and "| 13:30 | Closing techniques | A1 |" in text
    outcome = run_import(str(path), tmp_path / "course")
    result = outcome.result
    assert result.course.title == "Negotiation Skills"
    assert [m.title for m in result.modules] == ["Preparing to negotiate", "Closing the deal"]
    assert [(s.kind, s.title, s.minutes) for s in result.sections] == [
        ("content", "Why negotiations fail", 20), ("exercise", "The first offer", 30),
        ("content", "Closing techniques", 60), ("exercise", "Close the deal", 60)]
    assert [p.text for p in result.sections[0].points] == ["Poor preparation", "Anchoring on price"]
    assert result.days[0].end == "15:30"
    course, diags = load_course(tmp_path / "course")
    assert course is not None and not diags.has_errors()


def test_a_broken_docx_is_a_clear_error(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke("import", bad, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "not a Word document" in result.output
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def sample_deck(tmp_path_factory):
    """The sample course built by deckgen: day 1's deck."""
    from deckgen.commands.build import build
    out = tmp_path_factory.mktemp("deck")
    with working_directory(ROOT):
        build(SAMPLE, out)
    return next(out.rglob("day-1.pptx"))


def test_a_deckgen_deck_comes_back_as_its_own_outline(sample_deck, tmp_path):
    expected, _ = load_course(SAMPLE)
    day = expected.days[0]
    outcome = run_import(str(sample_deck), tmp_path / "back")
    result = outcome.result
    assert result.course.title == expected.title
    assert [m.title for m in result.modules] == [m.title for m in day.modules]
    for got, want in zip(result.modules, day.modules, strict=True):
        assert [s.title for s in got.sections] == [s.title for s in want.sections], want.title
        # Cases and exercises keep their kind and chip; a model's diagram is not read back, so it is content.
        assert [(s.kind, s.label, s.type) for s in got.sections] == [
            (w.kind if w.kind != "framework" else "content", w.label, w.type) for w in want.sections]
        assert [s.minutes for s in got.sections] == [w.minutes for w in want.sections]
    assert all(s.notes for s in result.sections)  # the speaker notes came back
    course, diags = load_course(tmp_path / "back")
    assert course is not None and not diags.has_errors()


def test_a_plain_deck_reads_titles_levels_and_notes(tmp_path):
    from pptx import Presentation
    deck = Presentation()
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "Coaching Basics"
    divider = deck.slides.add_slide(deck.slide_layouts[5])
    divider.shapes.title.text = "Listening"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Three levels of listening"
    body = slide.placeholders[1].text_frame
    body.text = "Internal"
    for text, level in (("focused on yourself", 1), ("Focused", 0), ("Global", 0)):
        p = body.add_paragraph()
        p.text, p.level = text, level
    slide.notes_slide.notes_text_frame.text = "Ask for an example of each level."
    path = tmp_path / "coaching.pptx"
    deck.save(path)
    result = run_import(str(path), tmp_path / "course").result
    assert result.course.title == "Coaching Basics"
    assert [m.title for m in result.modules] == ["Listening"]
    (section,) = result.sections
    assert section.title == "Three levels of listening"
    assert [(p.text, [s.text for s in p.points]) for p in section.points] == [
        ("Internal", ["focused on yourself"]), ("Focused", []), ("Global", [])]
    assert section.notes == ["Ask for an example of each level."]


def test_continuation_slides_add_their_points_to_the_section(tmp_path):
    from pptx import Presentation
    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Coaching Basics"
    deck.slides.add_slide(deck.slide_layouts[5]).shapes.title.text = "Listening"
    for title, points in (("Levels", ["Internal", "Focused"]), ("Levels (cont.)", ["Global"]),
                          ("Levels (cont. 2)", ["Silent"])):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = points[0]
        for text in points[1:]:
            slide.placeholders[1].text_frame.add_paragraph().text = text
    path = tmp_path / "coaching.pptx"
    deck.save(path)
    (section,) = run_import(str(path), tmp_path / "course").result.sections
    assert section.title == "Levels"
    assert [p.text for p in section.points] == ["Internal", "Focused", "Global", "Silent"]


def test_cli_imports_a_pptx_and_the_folder_builds(sample_deck, tmp_path):
    result = invoke("import", sample_deck, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert "read " in result.output and "sections (" in result.output
    built = invoke("build", tmp_path / "back", "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert list((tmp_path / "out").rglob("*.pptx"))
