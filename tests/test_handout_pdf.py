"""`deckgen handout --pdf`: 3-up with lines, 6-up and notes pages, from LibreOffice's slide images, with
extractable text (Chinese included)."""
from __future__ import annotations

import math
import re
import shutil
import subprocess
import zlib
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from conftest import invoke

from deckgen.commands.build import plan
from deckgen.commands.handout_pdf import LAYOUTS, Pages, find_font
from deckgen.office import find_soffice, pdf_page_count
from deckgen.print_palette import print_palette
from deckgen.theme import contrast, resolve_theme

pytestmark = pytest.mark.usefixtures("isolated")
needs_office = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                                  reason="needs LibreOffice and pdftotext")

COURSE = """\
title: 大客户谈判 Key Account Negotiation
facilitators:
  - 王明
  - name: Lee Ann
    initials: LA
days:
  - title: 第一天
    start: "09:00"
    modules: [m.yaml]
"""
MODULE = """\
number: 1
title: 开场与锚定
sections:
  - kind: content
    title: 锚定效应
    minutes: 20
    points: [先出价的一方定下谈判区间, 用理由支撑报价]
    notes: 讲一个二手车砍价的故事，然后请学员回忆自己最近一次被锚定的经历。
  - kind: content
    title: Silence after the offer
    minutes: 15
    lead: LA
    points: [Count to five, Let them fill the gap]
    notes: Demonstrate with a volunteer; time the silence on the clock.
"""


def pdftotext(path: Path, *pages: int) -> str:
    args = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def text_colours(data: bytes) -> set[str]:
    """The colours a PDF sets its text in: every fill colour (`r g b rg`) of its page content streams."""
    found = set()
    for m in re.finditer(rb"stream\r?\n", data):
        body = data[m.end():data.find(b"endstream", m.end())]
        try:
            body = zlib.decompress(body)
        except zlib.error:
            pass
        if b" Tj" not in body:
            continue  # not a page's content: a picture, a font
        for rgb in re.findall(rb"(?<![\d.])([\d.]+) ([\d.]+) ([\d.]+) rg\b", body):
            found.add("#" + "".join(f"{round(float(v) * 255):02X}" for v in rgb))
    return found


@needs_office
def test_three_up_six_up_and_notes_pages(tmp_path):
    folder = tmp_path / "decks" / "talk"
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    (folder / "m.yaml").write_text(MODULE, encoding="utf-8")
    slides = plan(folder).plan.decks[0].slides
    result = invoke("handout", folder, "-o", tmp_path / "out", "--pdf", "--layout", "3up-lines", "--layout", "6up",
                    "--layout", "notes")
    assert result.exit_code == 0, result.output
    target = tmp_path / "out" / "talk"
    three, six, notes = (target / f"handout-day-1-{n}.pdf" for n in ("3up-lines", "6up", "notes"))
    assert pdf_page_count(three) == math.ceil(len(slides) / 3)
    assert pdf_page_count(six) == math.ceil(len(slides) / 6)
    assert pdf_page_count(notes) == len(slides)
    for pdf in (three, six, notes):
        text = pdftotext(pdf)
        assert "大客户谈判 Key Account Negotiation" in text  # the course title on every page
        assert text.count("大客户谈判 Key Account Negotiation") >= pdf_page_count(pdf)
    pages = pdf_page_count(three)
    assert re.search(rf"\b1\s*/\s*{pages}\b", pdftotext(three, 1))
    assert re.search(rf"\b{pages}\s*/\s*{pages}\b", pdftotext(three, pages))
    assert "锚定效应" in pdftotext(three)  # slide captions are text
    # the notes page of each section slide holds its notes, Chinese included, and who leads it
    by_title = {s.title: i + 1 for i, s in enumerate(slides)}
    page = pdftotext(notes, by_title["锚定效应"])
    assert "讲一个二手车砍价的故事" in page and "主讲：王明" in page
    page = pdftotext(notes, by_title["Silence after the offer"])
    assert "time the silence on the clock" in page and "主讲：Lee Ann" in page
    assert "讲一个二手车砍价的故事" not in page
    ink = print_palette(resolve_theme("default")[0])  # the theme's print colours, not colours of its own
    assert text_colours(notes.read_bytes()) == {ink["muted"], ink["text"]}


@pytest.mark.parametrize("theme", ["default", "midnight", "corporate", "acme-cofacilitator"])
def test_pdf_handout_text_is_in_the_print_palette_and_reads_on_paper(tmp_path, theme):
    """Headers, page numbers, slide titles and notes in the theme's print colours: a dark theme's pale text
    colours never reach the paper."""
    ink = print_palette(resolve_theme(theme)[0])
    image = tmp_path / "slide.png"
    Image.new("RGB", (160, 90), "#0E1624").save(image)
    deck = SimpleNamespace(slides=[SimpleNamespace(title="Anchoring", notes="Tell a story."),
                                   SimpleNamespace(title="Silence", notes="Count to five.")])
    for layout in LAYOUTS:
        pages = Pages(find_font(False, "en"), "Negotiation", "Day one", datetime(2025, 1, 1, tzinfo=timezone.utc),
                      False, ink=ink)
        data, _ = pages.compose(layout, deck, [image, image])
        colours = text_colours(data)
        assert colours == {ink["muted"], ink["text"]}, layout
        assert all(contrast(c, "#FFFFFF") >= 4.5 for c in colours), colours


@needs_office
def test_layout_without_pdf_is_a_usage_error(tmp_path):
    result = invoke("handout", tmp_path, "--layout", "6up")
    assert result.exit_code == 2 and "add --pdf" in result.output
