"""`deckgen pull`: edits made to a built deck (through python-pptx, and re-saved by LibreOffice) go back
into the outline's YAML, comments and layout kept, and the next build shows exactly the edited texts."""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from conftest import invoke
from deckgen.commands.build import build

COURSE_YAML = """\
# A small English course for the pull tests
title: Negotiation Basics
subtitle: From preparation to close
trainers: [Ada Lovelace]
language: en
days:
  - title: Day one
    start: "09:00"
    modules:
      - 01-prepare.yaml
"""

MODULE_YAML = """\
# module one: this comment must survive every pull
number: 1
title: Prepare to negotiate
sections:
  # the opening list
  - kind: content
    title: "What to prepare"   # a quoted title with a comment
    minutes: 10
    points:
      - Know your walk-away point
      - text: Map the other side's interests
        points:
          - Who decides
          - What they fear
      - Plan your first offer
      - 'Anchor high, but credibly'
    notes: |
      Ask who has walked away from a deal.
      Then go through the list.
  - kind: case
    title: The supplier squeeze
    minutes: 15
    background: A buyer demands a ten percent cut.
    points:
      - Volumes are falling
      - The contract ends in May
    questions:
      - What is the buyer's real interest?
      - Where could you trade instead of cut?   # the key question
      - What would you never concede?
    notes: Let groups discuss for ten minutes.
  - kind: framework
    title: Three pillars
    minutes: 10
    diagram:
      kind: pillars
      items:
        - {label: Interests, text: What they need}
        - {label: Options, text: What we could trade}
        - {label: Criteria, text: What is fair}
    notes: Draw the pillars first.
  - kind: framework
    title: Who wants what
    minutes: 10
    diagram:
      kind: grid
      columns: [Party, Wants, Fears]
      rows:
        - [Buyer, Lower price, Supply risk]
        - [Seller, Volume, Margin loss]
    notes: Fill the grid together.
  - kind: content
    title: Price list
    minutes: 5
    table:
      columns: [Plan, Seats, Price]
      rows:
        - [Starter, 5, "$1,200"]   # the smallest plan
        - [Team, 25, "$4,800"]
    notes: Read the table aloud.
  - kind: content
    title: Closing moves
    minutes: 5
    points:
      - Summarise what was agreed
      - Confirm the next step
    notes: Keep it short.
"""

COMMENTS = [line for line in MODULE_YAML.splitlines() if "#" in line]


@pytest.fixture
def course(tmp_path, isolated):
    folder = tmp_path / "negotiation"
    folder.mkdir()
    (folder / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (folder / "01-prepare.yaml").write_text(MODULE_YAML, encoding="utf-8")
    build(folder, tmp_path / "out")
    return folder


def deck_of(course: Path) -> Path:
    return course.parent / "out" / course.name / "day-1.pptx"


def module_text(course: Path) -> str:
    return (course / "01-prepare.yaml").read_text(encoding="utf-8")


def module_titles(course: Path) -> list[str]:
    """The section titles of the course's module as its file now says them."""
    return [s["title"] for s in yaml.safe_load(module_text(course))["sections"]]


# --- editing a deck as PowerPoint would -------------------------------------------------------------

def base_name(shape) -> str:
    return re.sub(r" dg:\d+\.\d+$", "", shape.name)


def slide_titled(prs, title: str):
    for slide in prs.slides:
        if slide.shapes.title is not None and squash(slide.shapes.title.text_frame.text) == squash(title):
            return slide
    raise AssertionError(f"no slide titled {title!r}")


def shape_named(slide, name: str):
    def walk(shapes):
        for s in shapes:
            yield s
            if s.shape_type == 6:  # group
                yield from walk(s.shapes)
    for s in walk(slide.shapes):
        if base_name(s) == name:
            return s
    raise AssertionError(f"no shape {name!r}")


def set_text(paragraph, text: str) -> None:
    """Replace a paragraph's runs and line breaks by one run holding `text` (as typing over it does)."""
    p = paragraph._p
    runs = [c for c in p if c.tag.endswith("}r") or c.tag.endswith("}br")]
    first = next(c for c in runs if c.tag.endswith("}r"))
    for c in runs:
        if c is not first:
            p.remove(c)
    paragraph.runs[0].text = text


def paragraph_with(shape, text: str):
    for para in shape.text_frame.paragraphs:
        if squash(para.text) == squash(text):
            return para
    raise AssertionError(f"no paragraph {text!r} in {shape.name}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def edit(course: Path, change) -> None:
    prs = Presentation(str(deck_of(course)))
    change(prs)
    prs.save(str(deck_of(course)))


def slide_texts(path: Path) -> list[list[str]]:
    """Every slide's texts (line breaks and spacing ignored), footers and slide numbers left out."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts = []

        def walk(shapes):
            for s in shapes:
                if s.shape_type == 6:
                    walk(s.shapes)
                elif getattr(s, "has_table", False) and s.has_table:
                    texts.extend(squash(c.text) for row in s.table.rows for c in row.cells)
                elif s.has_text_frame and base_name(s) not in ("Footer", "Slide number"):
                    texts.extend(squash(p.text) for p in s.text_frame.paragraphs if p.text.strip())
        walk(slide.shapes)
        out.append(sorted(texts))
    return out


def pull(course: Path, *args):
    return invoke("pull", deck_of(course), course, *args)


CLOCK = re.compile(r"^\d\d:\d\d|\d+min")


AGENDA = 1  # the agenda slide: its rows are the day's sections (a day of one module), derived from them


def rebuild_matches(course: Path, *, times_change: bool = False) -> None:
    """The next build replaces the edited deck without --force, and shows exactly its texts (but the
    clock times, which move when a section is removed); the agenda, which the trainer did not edit, follows
    the section titles as they now are."""
    def texts(path):
        found = slide_texts(path)
        found = [[t for t in s if not CLOCK.search(t)] for s in found] if times_change else found
        return found[:AGENDA] + found[AGENDA + 1:]
    edited = texts(deck_of(course))
    kept = deck_of(course).with_suffix(".kept.pptx")
    shutil.copy(deck_of(course), kept)
    result = invoke("build", course, "-o", course.parent / "out")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    assert not list(deck_of(course).parent.glob("day-1.edited-*"))  # replaced, not moved aside
    assert texts(deck_of(course)) == edited
    agenda = slide_texts(deck_of(course))[AGENDA]
    titles = [squash(t) for t in module_titles(course)]
    assert all(t in agenda for t in titles), (titles, agenda)


def comments_kept(course: Path) -> None:
    text = module_text(course)
    for line in COMMENTS:
        assert line.split("#", 1)[1] in text, line


# --- tests ---------------------------------------------------------------------------------------

def test_an_unedited_deck_has_no_changes_and_nothing_is_touched(course):
    out = course.parent / "out"
    files = sorted(p for p in [*course.rglob("*"), *out.rglob("*")] if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    result = pull(course)
    assert result.exit_code == 0, result.output
    assert "no changes" in result.output
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert after == before
    assert sorted(p for p in [*course.rglob("*"), *out.rglob("*")] if p.is_file()) == files


def _title(prs):
    set_text(slide_titled(prs, "What to prepare").shapes.title.text_frame.paragraphs[0], "What to prepare first")


def _point(prs):
    shape = shape_named(slide_titled(prs, "What to prepare"), "Points")
    set_text(paragraph_with(shape, "Plan your first offer"), "Plan your opening offer")


def _sub_point(prs):
    shape = shape_named(slide_titled(prs, "What to prepare"), "Points")
    set_text(paragraph_with(shape, "Who decides"), "Who really decides")


def _question(prs):
    shape = shape_named(slide_titled(prs, "The supplier squeeze"), "Questions")
    set_text(paragraph_with(shape, "Where could you trade instead of cut?"), "What could you trade: time, volume?")


def _note(prs):
    slide = slide_titled(prs, "The supplier squeeze")
    frame = slide.notes_slide.notes_text_frame
    set_text(paragraph_with_text(frame, "Let groups discuss for ten minutes."),
             "Let groups discuss for fifteen minutes.")


def paragraph_with_text(frame, text):
    return next(p for p in frame.paragraphs if p.text == text)


def _diagram_label(prs):
    shape = shape_named(slide_titled(prs, "Three pillars"), "Pillar 2 heading")
    set_text(shape.text_frame.paragraphs[0], "Trades")


def _grid_cell(prs):
    table = shape_named(slide_titled(prs, "Who wants what"), "Grid table").table
    set_text(table.cell(2, 1).text_frame.paragraphs[0], "Volume and speed")


def _table_cell(prs):
    frame = next(s for s in slide_titled(prs, "Price list").shapes if getattr(s, "has_table", False) and s.has_table)
    set_text(frame.table.cell(1, 2).text_frame.paragraphs[0], "$1,500")


EDITS = {
    "title": (_title, ['    title: "What to prepare first"   # a quoted title with a comment']),
    "point": (_point, ["      - Plan your opening offer"]),
    "sub-point": (_sub_point, ["          - Who really decides"]),
    "case question": (_question, ['      - "What could you trade: time, volume?"   # the key question']),
    "note": (_note, ["    notes: Let groups discuss for fifteen minutes."]),
    "diagram label": (_diagram_label, ["        - {label: Trades, text: What we could trade}"]),
    "grid cell": (_grid_cell, ["        - [Seller, Volume and speed, Margin loss]"]),
    "table cell": (_table_cell, ['        - [Starter, 5, "$1,500"]   # the smallest plan']),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_an_edited_text_goes_back_into_the_outline(course, what):
    change, lines = EDITS[what]
    edit(course, change)
    result = pull(course)
    assert result.exit_code == 0, result.output
    text = module_text(course)
    for line in lines:
        assert line in text.splitlines(), result.output
    # the diff names exactly the changed lines
    changed = [ln for ln in result.output.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert [ln[1:] for ln in changed] == lines
    assert len(text.splitlines()) == len(MODULE_YAML.splitlines())
    comments_kept(course)
    assert "next `deckgen build` replaces" in result.output
    rebuild_matches(course)


def test_notes_of_a_section_without_notes_are_added(tmp_path, isolated):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (folder / "01-prepare.yaml").write_text(MODULE_YAML.replace("    notes: Keep it short.\n", ""), encoding="utf-8")
    build(folder, tmp_path / "out")

    def add_note(prs):
        frame = slide_titled(prs, "Closing moves").notes_slide.notes_text_frame
        frame.paragraphs[0].runs[0].text += "\n\nShake hands at the end."
    edit(folder, add_note)
    result = pull(folder)
    assert result.exit_code == 0, result.output
    assert "    notes: |\n      Shake hands at the end.\n" in module_text(folder)


def test_a_file_with_windows_line_endings_keeps_them(course):
    path = course / "01-prepare.yaml"
    path.write_bytes(MODULE_YAML.replace("\n", "\r\n").encode())
    edit(course, _point)
    result = pull(course)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == MODULE_YAML.replace("Plan your first offer", "Plan your opening offer") \
        .replace("\n", "\r\n").encode()


def test_a_point_added_and_one_deleted(course):
    def change(prs):
        shape = shape_named(slide_titled(prs, "What to prepare"), "Points")
        gone = paragraph_with(shape, "Plan your first offer")
        gone._p.getparent().remove(gone._p)
        anchor = paragraph_with(shape, "Anchor high, but credibly")
        new = copy.deepcopy(anchor._p)
        anchor._p.addnext(new)
        set_text(shape.text_frame.paragraphs[-1], "Prepare a concession list")
    edit(course, change)
    result = pull(course)
    assert result.exit_code == 0, result.output
    text = module_text(course)
    assert "Plan your first offer" not in text
    assert ("      - 'Anchor high, but credibly'\n      - Prepare a concession list\n    notes: |") in text
    assert "          - What they fear\n      - 'Anchor high" in text  # the sub-points stay with their point
    comments_kept(course)
    rebuild_matches(course)


def test_two_points_swapped(course):
    def change(prs):
        shape = shape_named(slide_titled(prs, "What to prepare"), "Points")
        first = paragraph_with(shape, "Know your walk-away point")._p
        last = paragraph_with(shape, "Anchor high, but credibly")._p
        before_last = last.getprevious()
        first.addprevious(last)
        before_last.addnext(first)
    edit(course, change)
    result = pull(course)
    assert result.exit_code == 0, result.output
    text = module_text(course)
    order = [text.index(t) for t in ("'Anchor high, but credibly'", "Map the other side", "Plan your first offer",
                                     "Know your walk-away point")]
    assert order == sorted(order), text
    assert "    points:\n      - 'Anchor high, but credibly'\n      - text: Map" in text  # quoting kept
    comments_kept(course)
    rebuild_matches(course)


def _delete_slide(prs, title: str) -> None:
    slide = slide_titled(prs, title)
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        if prs.slides.get(int(sld_id.get("id"))) is slide:
            prs.part.drop_rel(sld_id.rId)
            ids.remove(sld_id)


def test_a_deleted_slide_removes_its_section_after_confirmation(course):
    edit(course, lambda prs: _delete_slide(prs, "Closing moves"))
    from click.testing import CliRunner
    from deckgen.cli import main
    refused = CliRunner().invoke(main, ["pull", str(deck_of(course)), str(course)], input="n\n")
    assert refused.exit_code == 0, refused.output
    assert "Closing moves" in module_text(course)
    assert "kept: section 'Closing moves'" in refused.output
    # not in sync: the build leaves the edited deck as it is
    kept = invoke("build", course, "-o", course.parent / "out")
    assert kept.exit_code == 0 and "kept:" in kept.output
    edited = slide_texts(deck_of(course))
    assert not any(squash("Closing moves") in t for s in edited[:AGENDA] + edited[AGENDA + 1:] for t in s)

    result = pull(course, "--yes")
    assert result.exit_code == 0, result.output
    text = module_text(course)
    assert "Closing moves" not in text and "Summarise what was agreed" not in text
    assert text.rstrip().endswith("notes: Read the table aloud.")
    comments_kept(course)
    rebuild_matches(course, times_change=True)


def test_dry_run_shows_the_diff_and_writes_nothing(course):
    edit(course, _point)
    before = module_text(course)
    manifest = (course.parent / "out" / course.name / ".deckgen-manifest.json").read_bytes()
    result = pull(course, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "-      - Plan your first offer\n+      - Plan your opening offer" in result.output
    assert module_text(course) == before
    assert (course.parent / "out" / course.name / ".deckgen-manifest.json").read_bytes() == manifest


def test_a_new_text_box_is_reported_not_guessed(course):
    def change(prs):
        from pptx.util import Inches
        slide = slide_titled(prs, "The supplier squeeze")
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "Bring coffee"
    edit(course, change)
    result = pull(course)
    assert result.exit_code == 0
    assert "Bring coffee" in result.output and "not carried" in result.output
    assert module_text(course) == MODULE_YAML
    kept = invoke("build", course, "-o", course.parent / "out")  # the deck is not replaced
    assert kept.exit_code == 0 and "kept:" in kept.output
    assert any("Bringcoffee" in s for s in slide_texts(deck_of(course)))


def test_a_conflict_is_shown_and_left_alone(course):
    edit(course, lambda prs: (_question(prs), _point(prs)))
    path = course / "01-prepare.yaml"
    path.write_text(module_text(course).replace("Where could you trade instead of cut?",
                                                "Where could you give instead of cut?"), encoding="utf-8")
    result = pull(course)
    assert result.exit_code == 1
    text = module_text(course)
    assert "Where could you give instead of cut?" in text  # the outline's own edit is kept
    assert "What could you trade" not in text
    assert "Plan your opening offer" in text  # the edit without a conflict went in
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "give instead" in ln)
    assert re.search(rf"01-prepare\.yaml:{line}:\d+: warning: conflict", result.output), result.output
    assert invoke("build", course, "-o", course.parent / "out").exit_code == 1  # the deck stays protected


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_deck_resaved_by_libreoffice(course, tmp_path):
    edit(course, lambda prs: (_title(prs), _question(prs), _diagram_label(prs), _grid_cell(prs), _table_cell(prs)))
    resaved = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "pptx", "--outdir", str(resaved),
                    str(deck_of(course))], check=True, capture_output=True, timeout=240)
    shutil.copy(resaved / "day-1.pptx", deck_of(course))
    result = pull(course)
    assert result.exit_code == 0, result.output
    assert "not carried" not in result.output
    text = module_text(course)
    for _, lines in (EDITS["title"], EDITS["case question"], EDITS["diagram label"], EDITS["grid cell"],
                     EDITS["table cell"]):
        for line in lines:
            assert line in text.splitlines()
    comments_kept(course)
    rebuild_matches(course)


def test_pull_of_a_deck_deckgen_has_no_record_of(tmp_path, isolated):
    stray = tmp_path / "stray.pptx"
    Presentation().save(str(stray))
    result = invoke("pull", stray)
    assert result.exit_code == 1
    assert "stray.pptx: error: deckgen has no record of building this deck" in result.output
    assert "Traceback" not in result.output


def test_yaml_edits_keep_every_other_byte():
    from deckgen.pull import yamledit as ye
    text = textwrap.dedent("""\
        a:   # comment
          b: 'single'
          c: "double"
          d: |-
            block
            text
          e: [x, y]   # flow
        """)
    text, stored = ye.set_value(text, ("a", "b"), "it's")
    text, _ = ye.set_value(text, ("a", "c"), "two\nlines")
    text, stored_d = ye.set_value(text, ("a", "d"), "one\ntwo\nthree")
    text = ye.rewrite_list(text, ("a", "e"), [("old", 1), ("new", "z, w"), ("old", 0)])
    assert text == textwrap.dedent("""\
        a:   # comment
          b: 'it''s'
          c: "two\\nlines"
          d: |-
            one
            two
            three
          e: [y, "z, w", x]   # flow
        """)
    assert ye.plain(text) == {"a": {"b": "it's", "c": "two\nlines", "d": "one\ntwo\nthree", "e": ["y", "z, w", "x"]}}


def test_every_text_of_a_built_deck_is_recorded_under_its_shapes_key(course):
    """The renderer's keys and the build's record agree: every text shape and table of the deck is in the
    record under the key its name carries, with the texts it shows."""
    from deckgen.provenance import key_of
    from deckgen.pull.record import load
    record = load(deck_of(course))
    by_key = {k: v for s in record["slides"] for k, v in s["shapes"].items()}
    seen = 0
    for n, slide in enumerate(Presentation(str(deck_of(course))).slides, start=1):
        for shape in slide.shapes:
            key = key_of(shape.name)
            if getattr(shape, "has_table", False) and shape.has_table:
                cells = [[squash(c.text) for c in row.cells] for row in shape.table.rows]
                assert cells == [[squash("".join(p[0] for p in cell)) for cell in row]
                                 for row in by_key[key]["cells"]]
                seen += 1
            elif shape.has_text_frame and "paras" in by_key.get(key, {}):
                assert key.startswith(f"{n}.")
                assert [squash(p.text) for p in shape.text_frame.paragraphs] == \
                    [squash(p[0]) for p in by_key[key]["paras"]]
                seen += 1
    assert seen > 40
    # every outline text on a section slide has its origin: titles, points, questions, labels, cells
    origins = {".".join(map(str, path)) for _, path, _ in record["origins"]}
    for expected in ("sections.0.title", "sections.0.points.1.text", "sections.0.points.1.points.0.text",
                     "sections.1.background", "sections.1.questions.2", "sections.2.diagram.items.1.label",
                     "sections.2.diagram.items.1.text", "sections.3.diagram.rows.1.2",
                     "sections.3.diagram.columns.0", "sections.4.table.rows.0.2", "sections.4.table.columns.1",
                     "sections.5.points.1.text", "title"):
        assert expected in origins, expected
