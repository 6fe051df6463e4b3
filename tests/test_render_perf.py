"""Rendering costs the same per slide however long the deck is (counted in operations, not seconds).

The measure is the number of Python and C function calls made while rendering (sys.setprofile), which
does not depend on the machine. For slides 1..N, N..2N and 2N..3N the increments must be equal: a
lookup that scans the deck per new slide (python-pptx's next slide id, rId, notes part name, image
search) makes each increment larger than the last. A plain python-pptx loop shows that growth, which
is how we know the measure can see it.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from deckgen.plan import Box, Colour, Deck, Paragraph, Picture, Shape, Slide, TextBlock
from deckgen.provenance import plain_name
from deckgen.render import render_deck
from deckgen.theme import resolve_theme

N = 20


@pytest.fixture(scope="module")
def theme():
    return resolve_theme("default")[0]


@pytest.fixture(scope="module")
def picture(tmp_path_factory) -> Path:
    from PIL import Image
    path = tmp_path_factory.mktemp("img") / "logo.png"
    Image.new("RGB", (40, 20), (10, 90, 170)).save(path)
    return path


def make_deck(n: int, picture: Path | None = None) -> Deck:
    def block(text):
        return TextBlock((Paragraph(text),), latin="Arial", ea="Arial", size=20, colour=Colour("#222222"),
                         lang="en-US")
    slides = []
    for i in range(n):
        elements = [Shape("Title", Box(457200, 228600, 10000000, 900000), text=block(f"Slide {i + 1}"),
                          role="title"),
                    Shape("Points", Box(457200, 1400000, 10000000, 4000000), text=block(f"Point {i + 1}"))]
        if picture is not None:
            elements.append(Picture("Logo", Box(11000000, 228600, 600000, 300000), picture))
        slides.append(Slide(kind="content", title=f"Slide {i + 1}", elements=tuple(elements),
                            notes=f"Say something about slide {i + 1}.\nThen ask a question."))
    return Deck(name="perf", title="Perf", slides=tuple(slides), width=12192000, height=6858000, language="en")


def calls(fn) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def increments(render) -> tuple[int, int, int]:
    render(2)  # first-use costs (lazy imports, caches) belong to no slide
    c1, c2, c3 = (calls(lambda k=k: render(k * N)) for k in (1, 2, 3))
    return c1, c2 - c1, c3 - c2


def plain_python_pptx(n: int) -> bytes:
    """What a straightforward python-pptx script does per slide: add_slide, a text box, notes."""
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation()
    layout = prs.slide_layouts[5]
    for i in range(n):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"Slide {i + 1}"
        slide.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(3)).text_frame.text = f"Point {i + 1}"
        slide.notes_slide.notes_text_frame.text = f"Say something about slide {i + 1}."
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def test_each_slide_with_notes_costs_the_same_however_long_the_deck(theme):
    first, second, third = increments(lambda n: render_deck(make_deck(n), theme))
    assert third <= second * 1.03, (first, second, third)
    assert second <= first * 1.03, (first, second, third)


def test_pictures_shared_by_every_slide_keep_the_cost_flat(theme, picture):
    first, second, third = increments(lambda n: render_deck(make_deck(n, picture), theme))
    assert third <= second * 1.03, (first, second, third)


def test_the_measure_sees_python_pptx_growing_per_slide_costs():
    first, second, third = increments(plain_python_pptx)
    assert third > second * 1.10 and second > first * 1.10, (first, second, third)


def test_the_fast_deck_is_what_python_pptx_would_read(theme, picture):
    from pptx import Presentation
    data = render_deck(make_deck(5, picture), theme)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == 5
    assert [s.slide_id for s in prs.slides] == [256, 257, 258, 259, 260]
    assert prs.slides[4].notes_slide.notes_text_frame.text == "Say something about slide 5.\nThen ask a question."
    assert [sh.shape_id for sh in prs.slides[0].shapes] == [2, 3, 4]
    assert plain_name(prs.slides[2].shapes[0].name) == "Title" and prs.slides[2].shapes[0].text_frame.text == "Slide 3"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("ppt/media/") for n in names) == 1  # one image part shared by five slides
    assert "ppt/notesSlides/notesSlide5.xml" in names and "ppt/slides/slide5.xml" in names


def test_relationships_written_as_text_say_what_python_pptx_would_write(theme, picture):
    from lxml import etree

    from deckgen.render.fastpptx import rels_xml
    from pptx import Presentation
    prs = Presentation(io.BytesIO(render_deck(make_deck(3, picture), theme)))
    parts = list(prs.part.package.iter_parts())
    checked = 0
    for rels, base in [(prs.part.package._rels, "/")] + [(p.rels, p.partname.baseURI) for p in parts if p.rels]:
        ours = etree.fromstring(rels_xml(rels, base))
        theirs = etree.fromstring(rels.xml)
        assert [dict(e.attrib) for e in ours] == [dict(e.attrib) for e in theirs]
        checked += 1
    assert checked > 10
