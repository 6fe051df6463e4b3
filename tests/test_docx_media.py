"""Tables, chart data, pictures and comparison/grid diagrams in the handout and the facilitator guide,
read back from the Word files."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from deckgen.commands.guide import guide
from deckgen.commands.handout import handout
from test_media import make_pictures, write_course

MODULE = """number: 1
title: Media in print
sections:
  - kind: content
    title: Price list
    notes: n
    points: [Three plans]
    table:
      columns: [Plan, Seats, Price]
      rows: [[Starter, 5, "¥1,200"], [Team, 25, "¥4,800"]]
  - kind: content
    title: Win rate
    notes: n
    chart: {type: column, unit: "%", categories: [Q1, Q2], series: [{name: Win rate, values: [18, 22.5]}]}
  - kind: framework
    title: Two ways to sell
    notes: n
    diagram:
      kind: comparison
      headings: [Transactional, Consultative]
      rows: [{label: Focus, left: Price, right: Problem}]
  - kind: framework
    title: OGSM
    notes: n
    diagram:
      kind: grid
      columns: [Objective, Goal]
      rows: [[Grow key accounts, +20% volume]]
  - kind: case
    title: The store
    notes: n
    background: A store.
    image: {path: img/tall.png, alt: A tall blue panel, caption: The panel}
    questions: [Why?]
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    folder = write_course(tmp_path_factory.mktemp("print") / "c", MODULE, "en")
    make_pictures(folder)
    return folder


def tables_text(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def test_handout_shows_tables_chart_data_diagrams_and_pictures(course, tmp_path):
    doc = Document(str(handout(course, tmp_path).path))
    tables = tables_text(doc)
    assert [["Plan", "Seats", "Price"], ["Starter", "5", "¥1,200"], ["Team", "25", "¥4,800"]] in tables
    assert [["", "Win rate"], ["Q1", "18%"], ["Q2", "22.5%"]] in tables
    assert [["", "Transactional", "Consultative"], ["Focus", "Price", "Problem"]] in tables
    assert [["Objective", "Goal"], ["Grow key accounts", "+20% volume"]] in tables
    price = next(t for t in doc.tables if t.rows[0].cells[0].text == "Plan")
    assert price.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert price.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    pictures = doc.inline_shapes
    assert len(pictures) == 1 and pictures[0]._inline.docPr.get("descr") == "A tall blue panel"
    assert "The panel" in [p.text for p in doc.paragraphs]


def test_guide_shows_the_same_beside_each_section_first_slide(course, tmp_path):
    result = guide(course, tmp_path, thumbnails=False)
    doc = Document(str(result.written[0]))
    tables = [t for outer in doc.tables for cell in outer.rows[0].cells for t in cell.tables]
    inner = [[[c.text for c in row.cells] for row in t.rows] for t in tables]
    assert [["", "Transactional", "Consultative"], ["Focus", "Price", "Problem"]] in inner
    assert [["Plan", "Seats", "Price"], ["Starter", "5", "¥1,200"], ["Team", "25", "¥4,800"]] in inner
