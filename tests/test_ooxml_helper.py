"""The tests' own deck validator (tests/ooxml.py) finds what is wrong: it is what every other test trusts."""
from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from attack import rezip
from ooxml import problems


def deck(tmp_path, change=None):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Hello"
    out = io.BytesIO()
    prs.save(out)
    data = out.getvalue() if change is None else rezip(out.getvalue(), change)
    path = tmp_path / "d.pptx"
    path.write_bytes(data)
    return path


def on(part, fn):
    return lambda members: [(i, fn(b) if i.filename == part else b) for i, b in members]


SLIDE = "ppt/slides/slide1.xml"


def test_a_valid_deck_has_no_problems(tmp_path):
    assert problems(deck(tmp_path)) == []


def test_an_element_the_schema_does_not_allow_is_found(tmp_path):
    path = deck(tmp_path, on(SLIDE, lambda b: b.replace(b"<p:cSld>", b"<p:cSld><p:bogus/>", 1)))
    assert any("slide1.xml" in p and "bogus" in p for p in problems(path)), problems(path)


def test_a_bad_attribute_value_is_found(tmp_path):
    path = deck(tmp_path, on(SLIDE, lambda b: b.replace(b'<p:cNvPr id="', b'<p:cNvPr id="minus', 1)))
    assert any("slide1.xml" in p for p in problems(path)), problems(path)


def test_a_dtd_and_malformed_xml_are_found(tmp_path):
    dtd = deck(tmp_path, on(SLIDE, lambda b: b'<!DOCTYPE x [<!ENTITY e "e">]>' + b.split(b"?>", 1)[1]))
    assert any("DTD" in p for p in problems(dtd))
    broken = deck(tmp_path, on(SLIDE, lambda b: b[:-20]))
    assert any("not well-formed" in p for p in problems(broken))


def test_a_relationship_to_a_missing_part_is_found(tmp_path):
    path = deck(tmp_path, lambda ms: [(i, b) for i, b in ms if i.filename != "ppt/slideLayouts/slideLayout6.xml"])
    assert any("missing part" in p for p in problems(path)), problems(path)


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.pptx"
    path.write_bytes(b"nope")
    assert problems(path) and zipfile.is_zipfile(path) is False
