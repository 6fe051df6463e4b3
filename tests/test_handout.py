"""`deckgen handout`: the participant workbook holds every case and exercise, space to write, and no
facilitator material."""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckgen.docx_util import docx_text
from deckgen.office import Office, find_soffice, pdf_page_count
from deckgen.outline import load_course
from deckgen.textfit import flow
from deckgen.theme import contrast

ROOT = Path(__file__).resolve().parents[1]
from conftest import invoke  # noqa: E402
from docx_contrast import failures, runs  # noqa: E402
SAMPLE = ROOT / "decks" / "b2b-sales-management"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


run = invoke


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def ruled_tables_after(root: etree._Element, paragraph_text: str) -> int:
    """Rows of the write-in table that follows the paragraph holding `paragraph_text`."""
    body = root.find(f"{W}body")
    children = list(body)
    for i, el in enumerate(children):
        if el.tag == f"{W}p" and paragraph_text in "".join(el.itertext()):
            nxt = children[i + 1]
            if nxt.tag != f"{W}tbl":
                return 0
            assert "".join(nxt.itertext()).strip() == ""  # empty lines to write on
            return len(nxt.findall(f"{W}tr"))
    raise AssertionError(f"no paragraph holds {paragraph_text!r}")


def make_handout(tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "out"
    result = run("handout", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert "(4 cases, 7 exercise worksheets" in result.stdout
    path = out / SAMPLE.name / "handout.docx"
    return path, docx_text(path)


def test_handout_holds_every_case_and_exercise_with_space_to_write_and_opens_in_libreoffice(tmp_path):
    path, text = make_handout(tmp_path)
    course, _ = load_course(SAMPLE)
    root = part(path, "word/document.xml")
    assert course.title in text and course.subtitle in text
    cases = exercises = 0
    for module in course.modules:
        assert module.title in text
        for s in module.sections:
            if s.kind == "case":
                cases += 1
                assert f"【{s.label}】{s.title}" in text
                for line in s.background.strip().splitlines():
                    assert line.strip() in text
                for p in s.points:
                    assert p.text in text
                for q in s.questions:
                    assert ruled_tables_after(root, q) >= 3, q  # ruled lines under each question
            elif s.kind == "exercise":
                exercises += 1
                assert f"【{s.type}】{s.title}" in text
                for piece in (flow(s.task), s.groups, s.deliverable, *s.steps, *(p.text for p in s.points)):
                    assert piece in text, piece
                assert f"{s.minutes} 分钟" in text
            else:  # the content's key points as a short summary
                assert s.title in text
                for p in s.points:
                    assert p.text in text
    assert (cases, exercises) == (4, 7)
    assert ruled_tables_after(root, "练习记录") >= 8  # the worksheet's writing space

    # Word styles and Chinese fonts: A4; the body and heading fonts for East Asian text; zh-CN theme fonts
    size = root.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    styles = part(path, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "Microsoft YaHei"
    for style in styles.findall(f"{W}style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        if style.get(f"{W}styleId") in ("Heading1", "Heading2", "Title", "Normal"):
            assert fonts.get(f"{W}eastAsia") == "Microsoft YaHei"
            assert fonts.get(f"{W}eastAsiaTheme") is None  # would override the explicit font in Word
    settings = part(path, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
    headings = [p for p in root.iter(f"{W}p") if (p.find(f"{W}pPr/{W}pStyle") is not None and
                p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1")]
    assert len(headings) == len(course.modules) + 1  # the overview, then one per module

    # it opens in LibreOffice, and what it prints carries the cases
    assert find_soffice() is not None, "LibreOffice is needed for this test (CI installs it)"
    with Office() as office:
        pdf = office.convert(path, tmp_path / "handout.pdf")
    assert pdf_page_count(pdf) > 10
    if shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        printed = re.sub(r"\s+", "", printed)
        for module in course.modules:
            for s in module.sections:
                if s.kind in ("case", "exercise"):
                    assert re.sub(r"\s+", "", s.title) in printed, s.title


def test_handout_has_no_facilitator_notes_debrief_or_materials(tmp_path):
    _, text = make_handout(tmp_path)
    flat = re.sub(r"\s+", "", text)
    course, _ = load_course(SAMPLE)
    notes = [m.notes for m in course.modules if m.notes]
    notes += [s.notes for m in course.modules for s in m.sections if s.notes]
    assert len(notes) > 40
    checked = 0
    for note in notes:
        for line in note.splitlines():
            line = re.sub(r"\s+", "", line)
            if len(line) >= 6:
                assert line not in flat, line
                checked += 1
    assert checked > 100
    for s in (s for m in course.modules for s in m.sections if s.kind == "exercise"):
        for q in s.debrief:
            assert q not in text, q
    assert "复盘" not in text and "物料" not in text and "讲解要点" not in text


def test_english_course_prints_on_letter_with_english_labels(tmp_path):
    folder = tmp_path / "en-course"
    folder.mkdir()
    (folder / "course.yaml").write_text(textwrap.dedent("""\
        title: Negotiation basics
        language: en
        trainers: [Ann Lee]
        days:
          - title: Day one
            start: "09:00"
            modules: [a.yaml]
        """), encoding="utf-8")
    (folder / "a.yaml").write_text(textwrap.dedent("""\
        number: 1
        title: Preparing
        notes: Secret divider note for the trainer.
        sections:
          - kind: case
            title: The late supplier
            background: A supplier is three weeks late.
            questions: ["What do you ask first?"]
            notes: Secret case note.
          - kind: exercise
            type: Role play
            title: Opening moves
            minutes: 20
            task: Open the negotiation.
            steps: [Pair up, Play]
            debrief: ["What surprised you?"]
            notes: Secret exercise note.
        """), encoding="utf-8")
    result = run("handout", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "en-course" / "handout.docx"
    text = docx_text(path)
    assert "Case study: The late supplier" in text and "Role play: Opening moves" in text
    assert "What do you ask first?" in text and "Pair up" in text and "Task: Open the negotiation." in text
    assert "Secret" not in text and "What surprised you?" not in text
    size = part(path, "word/document.xml").find(f".//{W}sectPr/{W}pgSz")
    assert size.get(f"{W}w") == "12240"  # US Letter: python-docx's page, kept for English courses


@pytest.mark.parametrize("theme", ["default", "midnight", "corporate", "acme-cofacilitator"])
def test_every_word_of_the_handout_reads_on_paper_whatever_the_theme(tmp_path, theme):
    """A dark theme's near-white text, pale captions and dark panels are for slides: on paper every run
    (table cells on their shading included) reaches WCAG AA, and the print keeps the brand's colours."""
    out = tmp_path / "out"
    result = run("handout", SAMPLE, "-o", out, "--theme", theme)
    assert result.exit_code == 0, result.output
    path = out / SAMPLE.name / "handout.docx"
    found = list(runs(path))
    assert len(found) > 300 and any(ground != "FFFFFF" for _, _, ground, *_ in found)  # shaded cells too
    dark = {g for _, _, g, *_ in runs(path) if contrast("#" + g, "#FFFFFF") > 1.5}
    assert len(dark) <= 1, dark  # the table header's colour; rows and panels are light tints
    assert failures(path) == []
    if theme == "midnight":  # headings still in the brand's electric blue (#1F6DF3), not in black
        headings = {colour for text, colour, *_ in found if text == "学习目标"}
        assert headings and all(hue(c) == pytest.approx(hue("1F6DF3"), abs=2) for c in headings), headings


def hue(hex_colour: str) -> float:
    import colorsys
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360
