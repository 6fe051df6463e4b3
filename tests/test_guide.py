"""`deckgen guide`: a facilitator guide per day, with thumbnails when LibreOffice is there and without."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckgen.commands.build import plan
from deckgen.docx_util import docx_text
from deckgen.office import Office, find_soffice, pdf_page_count
from deckgen.outline import load_course
from deckgen.schedule import schedule_day
from deckgen.textfit import flow
from deckgen.theme import contrast

ROOT = Path(__file__).resolve().parents[1]
from conftest import invoke  # noqa: E402
from docx_contrast import failures, runs  # noqa: E402
SAMPLE = ROOT / "decks" / "b2b-sales-management"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


run = invoke


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def pictures(path: Path) -> int:
    return len(document_xml(path).findall(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"))


def section_pictures(day) -> int:
    """The pictures the day's sections show (the guide prints them beside their notes)."""
    return sum((s.image is not None and s.image.position != "background") + len(s.images)
               for m in day.modules for s in m.sections)


def check_day_guide(path: Path, day, deck) -> str:
    """What every guide holds, thumbnails or not; returns its text."""
    text = docx_text(path)
    # the schedule table: every section and break at its clock time
    for module in day.modules:
        assert module.title in text
    breaks = schedule_day(day).breaks()
    assert [b.title for b in breaks] == ["茶歇", "午餐", "茶歇"]
    lines = text.splitlines()
    for b in breaks:  # a row of the schedule table: clock span, title, kind, minutes
        i = lines.index(b.span)
        assert lines[i + 1: i + 4] == [b.title, "休息", str(b.end - b.start)]
    # the materials, each once, at the top
    materials = [m for mod in day.modules for s in mod.sections for m in s.materials]
    assert materials
    for m in set(materials):
        assert lines.count(m) == 1, m  # a row of the materials table, exactly once
    assert text.index("物料清单") < text.index("逐页讲解")
    # every slide: its clock time and minutes, its talk track
    for slide in deck.slides:
        assert slide.title in text
        if slide.clock:
            assert slide.clock in text
    for module in day.modules:
        for s in module.sections:
            for line in (s.notes or "").splitlines():
                assert line.strip() in text, line
            if s.minutes:
                assert f"{s.minutes} 分钟" in text
            # every exercise: its instructions and debrief questions; every case: its questions
            if s.kind == "exercise":
                for part in [s.type, flow(s.task), s.groups, s.deliverable, *s.steps, *s.debrief]:
                    assert part and part in text, part
            if s.kind == "case":
                for q in s.questions:
                    assert q in text, q
    return text


def test_guides_for_the_sample_course_have_thumbnails_and_open_in_libreoffice(tmp_path):
    assert find_soffice() is not None, "LibreOffice is needed for this test (CI installs it)"
    out = tmp_path / "out"
    result = run("guide", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert "with slide thumbnails" in result.stdout
    course, _ = load_course(SAMPLE)
    planned = plan(SAMPLE)
    guides = [out / SAMPLE.name / f"guide-day-{n}.docx" for n in (1, 2)]
    exercises = cases = 0
    for day, path in zip(course.days, guides):
        deck = next(d for d in planned.plan.decks if d.name == f"day-{day.number}")
        text = check_day_guide(path, day, deck)
        assert pictures(path) == len(deck.slides) + section_pictures(day)  # a thumbnail per slide
        assert "未附幻灯片缩略图" not in text
        exercises += sum(s.kind == "exercise" for m in day.modules for s in m.sections)
        cases += sum(s.kind == "case" for m in day.modules for s in m.sections)
    assert (exercises, cases) == (7, 4)  # every exercise and case of the course is in one of the guides

    # A4, and Chinese text set in the theme's East Asian font
    root = document_xml(guides[0])
    size = root.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    cjk_runs = [r for r in root.iter(f"{W}r") if re.search(r"[\u4e00-\u9fff]", "".join(r.itertext()))]
    assert cjk_runs
    for r in cjk_runs:
        fonts = r.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None
        assert fonts.get(f"{W}eastAsia") in {planned.theme.fonts[k].ea for k in ("body", "heading")}
        assert fonts.get(f"{W}hint") == "eastAsia"

    # they open in LibreOffice
    with Office() as office:
        for path in guides:
            pdf = office.convert(path, tmp_path / f"{path.stem}.pdf")
            assert pdf_page_count(pdf) >= 8


def test_without_libreoffice_the_guide_is_written_without_thumbnails_and_says_so_once(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("DECKGEN_SOFFICE", raising=False)
    out = tmp_path / "out"
    result = run("guide", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("LibreOffice was not found") == 1
    assert "sudo apt install libreoffice-impress" in result.stderr
    assert "without slide thumbnails" in result.stdout
    course, _ = load_course(SAMPLE)
    planned = plan(SAMPLE)
    for day in course.days:
        path = out / SAMPLE.name / f"guide-day-{day.number}.docx"
        deck = next(d for d in planned.plan.decks if d.name == f"day-{day.number}")
        text = check_day_guide(path, day, deck)
        assert pictures(path) == section_pictures(day)  # no thumbnails: only the sections' own pictures
        assert text.count("未附幻灯片缩略图") == 1


def test_no_thumbnails_option_and_a_missing_course(tmp_path):
    out = tmp_path / "out"
    result = run("guide", SAMPLE, "-o", out, "--no-thumbnails")
    assert result.exit_code == 0 and "LibreOffice" not in result.stderr
    assert pictures(out / SAMPLE.name / "guide-day-2.docx") == 0
    result = run("guide", tmp_path / "missing", "-o", out)
    assert result.exit_code == 1
    assert "error: course folder not found" in result.stderr


def test_each_facilitator_has_a_run_sheet_with_handovers(tmp_path):
    result = run("guide", SAMPLE, "-o", tmp_path, "--no-thumbnails")
    assert result.exit_code == 0, result.output
    text = docx_text(tmp_path / "b2b-sales-management" / "guide-day-1.docx")
    assert "王明 的流程表（主讲）" in text and "李娜 的流程表（副讲）" in text  # full-width brackets in Chinese
    sched = schedule_day(load_course(SAMPLE)[0].days[0])
    li_na = [s for s in sched.slots if s.kind == "section" and s.section.lead == "李娜"]
    sheet = text[text.index("李娜 的流程表"):]
    for slot in li_na:
        assert slot.span in sheet
    assert "从 王明 接手" in sheet
    assert f"合计 {sum(s.end - s.start for s in li_na)} 分钟" in sheet


@pytest.mark.parametrize("theme", ["default", "midnight", "corporate", "acme-cofacilitator"])
def test_every_word_of_the_guide_reads_on_paper_whatever_the_theme(tmp_path, theme):
    """The schedule, run sheets, materials and slide-by-slide tables in a dark theme print dark on light:
    every run reaches WCAG AA on its cell's shading (white paper where there is none)."""
    result = run("guide", SAMPLE, "-o", tmp_path, "--no-thumbnails", "--theme", theme)
    assert result.exit_code == 0, result.output
    for day in (1, 2):
        path = tmp_path / SAMPLE.name / f"guide-day-{day}.docx"
        assert any(ground != "FFFFFF" for _, _, ground, *_ in runs(path))  # header rows, module rows
        dark = {g for _, _, g, *_ in runs(path) if contrast("#" + g, "#FFFFFF") > 1.5}
        assert len(dark) <= 1, dark  # the table header's colour; rows and panels are light tints
        assert failures(path) == []
