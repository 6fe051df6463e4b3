"""The sample course built end to end: every seed title and point lands in the right day's deck,
Chinese runs carry East Asian fonts, the layout is consistent, and the decks pass the checker."""
from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.util import Emu

from conftest import SEED
from deckgen.provenance import plain_name
from deckgen.textfit import full_width_punctuation, has_cjk
from ooxml import assert_valid, office_round_trip

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CASE_OR_EXERCISE = re.compile(r"^(案例解读|案例分析|案例观察|经典回顾|分组讨论|互动讨论|情境探讨|现场微咨询|角色扮演|分组作业|"
                              r"分享时光|现场讨论|现场操练)[:：]")


def parse_seed() -> dict[int, dict]:
    """The seed's days → modules → sections → points, read by its own markers and numbering, with its
    punctuation as a build sets it."""
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("第一天"):]
    modules: dict[int, dict] = {}
    numerals = "一二三四五六"
    token = re.compile(r"第二天 DAY TWO|第一天 DAY ONE|([一二三四五六])\.|(\d+)、|(\d+)\)| --")
    current, expected_section, expected_point = None, 1, 1
    pieces = []
    for m in token.finditer(body):
        if m.group(1) and numerals.index(m.group(1)) + 1 == len(modules) + 1:
            pieces.append(("module", m.start(), m.end()))
        elif m.group(2) and current is not None and int(m.group(2)) == expected_section:
            pieces.append(("section", m.start(), m.end()))
            expected_section += 1
            expected_point = 1
        elif m.group(3) and int(m.group(3)) == expected_point:
            pieces.append(("point", m.start(), m.end()))
            expected_point += 1
        elif m.group(0) == " --":
            pieces.append(("sub", m.start(), m.end()))
        elif m.group(0).startswith("第"):
            pieces.append(("day", m.start(), m.end()))
        else:
            continue
        if pieces[-1][0] == "module":
            current = len(modules) + 1
            modules[current] = {"title": None, "sections": []}
            expected_section = 1
    module_no = 0
    for i, (kind, start, end) in enumerate(pieces):
        stop = pieces[i + 1][1] if i + 1 < len(pieces) else len(body)
        # the decks set the seed's ASCII marks in Chinese text full-width (真功夫,车享家 → 真功夫，车享家)
        content = full_width_punctuation(body[end:stop].strip())
        if kind == "module":
            module_no += 1
            modules[module_no]["title"] = content
        elif kind == "section":
            modules[module_no]["sections"].append({"title": content, "points": []})
        elif kind in ("point", "sub"):
            modules[module_no]["sections"][-1]["points"].append(content)
    return modules


def deck_text(path) -> str:
    prs = Presentation(str(path))
    chunks = []
    for slide in prs.slides:
        for shape in _all_shapes(slide.shapes):
            if shape.has_text_frame:
                chunks.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                chunks += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            chunks.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(chunks).replace("\v", "")


def _all_shapes(shapes):
    for s in shapes:
        yield s
        if s.shape_type == 6:  # group
            yield from _all_shapes(s.shapes)


@pytest.fixture(scope="module")
def texts(sample_build):
    return {name: deck_text(path) for name, path in sample_build.items()}


def test_two_day_decks_are_built(sample_build):
    assert sorted(sample_build) == ["day-1", "day-2"]


def test_seed_parser_sees_the_whole_course():
    seed = parse_seed()
    assert len(seed) == 6
    assert sum(len(m["sections"]) for m in seed.values()) == 45
    assert sum(len(s["points"]) for m in seed.values() for s in m["sections"]) > 140


def divider_titles(path) -> list[str]:
    prs = Presentation(str(path))
    return [s.shapes.title.text_frame.text.replace("\v", "") for s in prs.slides
            if s.shapes.title is not None and any(plain_name(sh.name) == "Module number" for sh in s.shapes)]


def test_each_day_has_a_divider_for_each_of_its_modules_in_order(sample_build):
    seed = parse_seed()
    assert divider_titles(sample_build["day-1"]) == [seed[n]["title"] for n in (1, 2, 3)]
    assert divider_titles(sample_build["day-2"]) == [seed[n]["title"] for n in (4, 5, 6)]


def test_every_module_and_section_title_is_in_the_right_day(texts):
    for number, module in parse_seed().items():
        day = "day-1" if number <= 3 else "day-2"
        assert module["title"] in texts[day]
        for section in module["sections"]:
            title = section["title"]
            label = CASE_OR_EXERCISE.match(title)
            if label:
                assert label.group(1) in texts[day], title
                title = title[label.end():]
            assert title in texts[day], title


def test_every_seed_point_is_on_a_slide_or_in_its_notes(texts):
    missing = []
    for number, module in parse_seed().items():
        day = "day-1" if number <= 3 else "day-2"
        for section in module["sections"]:
            for point in section["points"]:
                point = point.replace("第二天 DAY TWO", "").strip()
                if point not in texts[day]:
                    missing.append(point)
    assert not missing


def test_every_run_with_chinese_has_an_east_asian_typeface_and_lang(sample_build):
    checked = 0
    for path in sample_build.values():
        prs = Presentation(str(path))
        for slide in prs.slides:
            parts = [slide._element] + ([slide.notes_slide._element] if slide.has_notes_slide else [])
            for root in parts:
                for r in root.iter(f"{A}r"):
                    text = r.findtext(f"{A}t") or ""
                    if not has_cjk(text):
                        continue
                    rpr = r.find(f"{A}rPr")
                    assert rpr is not None and rpr.find(f"{A}ea") is not None, text
                    assert rpr.find(f"{A}ea").get("typeface"), text
                    assert rpr.get("lang", "").startswith("zh"), text
                    checked += 1
    assert checked > 500


def test_slides_are_16_9_and_every_shape_is_on_the_slide(sample_build):
    for path in sample_build.values():
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000)) or \
            abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
        for n, slide in enumerate(prs.slides, 1):
            for shape in _all_shapes(slide.shapes):
                assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
                assert shape.left + shape.width <= prs.slide_width, (n, shape.name)
                assert shape.top + shape.height <= prs.slide_height, (n, shape.name)
        for layout in prs.slide_layouts:
            for ph in layout.placeholders:
                assert ph.left + ph.width <= prs.slide_width * 1.001


def test_titles_sit_at_the_same_place_on_every_section_slide(sample_build):
    for path in sample_build.values():
        prs = Presentation(str(path))
        positions = set()
        for slide in prs.slides:
            title = slide.shapes.title
            full_bleed = any(plain_name(sh.name) in ("Module number", "Cover accent") for sh in slide.shapes)
            if title is not None and not full_bleed:
                positions.add((title.left, title.top, title.height))
        assert len(positions) == 1, positions


def test_section_slides_have_their_time_box_in_the_notes(sample_build):
    prs = Presentation(str(sample_build["day-1"]))
    timed = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide
             and s.notes_slide.notes_text_frame.text.startswith("⏱")]
    assert len(timed) >= 23
    assert re.match(r"⏱ \d+ 分钟 · \d\d:\d\d–\d\d:\d\d", timed[0])


def test_no_default_office_fonts_in_slides(sample_build):
    """Runs refer to the theme fonts (+mj-lt, +mn-ea …), and those are the theme's, never Office's Calibri."""
    prs = Presentation(str(sample_build["day-1"]))
    from lxml import etree
    theme = etree.fromstring(prs.slide_masters[0].part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob)
    faces = {f"+{'mj' if g.tag.endswith('majorFont') else 'mn'}-{'lt' if f.tag.endswith('latin') else 'ea'}":
             f.get("typeface") for g in theme.iter(f"{A}majorFont", f"{A}minorFont")
             for f in g if f.tag in (f"{A}latin", f"{A}ea")}
    assert set(faces.values()) == {"Microsoft YaHei"}
    for slide in prs.slides:
        for el in slide._element.iter(f"{A}latin", f"{A}ea"):
            assert faces.get(el.get("typeface"), el.get("typeface")) not in ("Calibri", "", None)


def test_decks_pass_schema_validation_and_a_libreoffice_round_trip(sample_build, tmp_path):
    assert_valid(*sample_build.values())
    for deck in sample_build.values():
        office_round_trip(deck, tmp_path)


def test_document_properties_describe_this_deck(sample_build):
    import zipfile
    for name, path in sample_build.items():
        app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
        slides = len(Presentation(str(path)).slides)
        assert f"<Slides>{slides}</Slides>" in app and "<PresentationFormat>Widescreen</PresentationFormat>" in app
        core = Presentation(str(path)).core_properties
        assert core.title.startswith("B2B销售管理实战") and core.author == "王明、李娜"  # the trainers
