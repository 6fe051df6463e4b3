"""Pictures, tables, charts and links, read back from built decks; and every bad media input refused with
one located error before anything is written."""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import PP_ALIGN

from conftest import invoke
from deckgen.provenance import plain_name
from deckgen.commands.build import build

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
COURSE = """title: 媒体测试 Media test
trainers: [Tester]
language: {language}
days:
  - title: Day
    start: "09:00"
    modules: [m.yaml]
"""


def make_pictures(folder: Path) -> None:
    img = folder / "img"
    img.mkdir(parents=True, exist_ok=True)
    # a photo far larger than any box (resampled, stays JPEG), a tall PNG, a wide PNG with transparency
    Image.new("RGB", (6000, 4000), (200, 80, 40)).save(img / "huge.jpg", quality=80)
    Image.new("RGB", (600, 1400), (20, 120, 200)).save(img / "tall.png")
    Image.new("RGBA", (1800, 500), (0, 160, 90, 200)).save(img / "wide.png")


def write_course(folder: Path, module: str, language: str = "zh-CN") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text(COURSE.format(language=language), encoding="utf-8")
    (folder / "m.yaml").write_text(module, encoding="utf-8")
    return folder


MODULE = """number: 1
title: 媒体 Media
sections:
  - kind: content
    title: 门店照片 beside points
    notes: n
    image: {path: img/huge.jpg, alt: 门店外观, fit: cover, position: left}
    points: [第一点, "Second point with a link: https://example.com/a-page", "读 [定价指南](https://example.com/pricing)"]
  - kind: content
    title: Tall picture contained
    notes: n
    image: {path: img/tall.png, alt: A tall blue panel}
    points: [One, Two]
  - kind: content
    title: Same photo again, full
    notes: n
    image: {path: img/huge.jpg, alt: 门店外观, position: full, caption: 旗舰店}
  - kind: content
    title: 价格表
    notes: n
    table:
      alt: 三种方案的价格
      columns: [方案, 席位, 价格]
      rows:
        - [入门版, 5, "¥1,200"]
        - [团队版, 25, "¥4,800"]
  - kind: content
    title: Long table
    notes: n
    table:
      columns: [Name, Value]
      rows:
{long_rows}
  - kind: content
    title: 赢单率
    notes: n
    points: [辅导从第二季度开始]
    chart:
      type: column
      unit: "%"
      categories: [Q1, Q2, Q3, Q4]
      series:
        - {{name: 赢单率, values: [18, 22, 27, 31]}}
        - {{name: Target, values: [20, 22, 24, 26.5]}}
  - kind: content
    title: Share
    notes: n
    chart: {{type: pie, categories: [A, B, C], series: [{{name: S, values: [50, 30, 20]}}]}}
  - kind: case
    title: 案例 with photo
    notes: n
    image: {{path: img/wide.png, alt: A wide green banner, position: right}}
    background: 背景。
    questions: [为什么？]
    link: https://example.com/case
  - kind: exercise
    title: 视频练习
    notes: n
    task: 观看视频
    video: {{url: "https://example.com/videos/1", text: example.com/v1}}
    debrief: [学到了什么？]
  - kind: framework
    title: 三层
    notes: n
    diagram: {{kind: pyramid, items: [战略, 战术, 执行]}}
"""


def media_module(long_rows: int = 40) -> str:
    rows = "\n".join(f"        - [Row {i}, {i * 1000}]" for i in range(1, long_rows + 1))
    return MODULE.replace("{long_rows}", rows).replace("{{", "{").replace("}}", "}")


@pytest.fixture(scope="module")
def media_deck(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("media") / "course"
    write_course(folder, media_module())
    make_pictures(folder)
    result = build(folder, folder.parent / "out")
    assert not result.diagnostics.errors, result.diagnostics.items
    return result.written[0].path


@pytest.fixture(scope="module")
def prs(media_deck):
    return Presentation(str(media_deck))


def slides_titled(prs, start: str):
    return [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text
            .replace("\n", "").startswith(start)]


# --- pictures --------------------------------------------------------------------------------------

def shown_aspect(pic) -> float:
    w, h = pic.image.size
    return (w * (1 - pic.crop_left - pic.crop_right)) / (h * (1 - pic.crop_top - pic.crop_bottom))


def section_pictures(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13 and not shape.name.startswith(("Logo", "QR")):
                yield slide, shape


def test_no_picture_is_distorted(prs):
    pictures = list(section_pictures(prs))
    assert len(pictures) >= 4
    for _, pic in pictures:
        assert shown_aspect(pic) == pytest.approx(pic.width / pic.height, rel=0.01), pic.name


def test_cover_crops_and_contain_does_not(prs):
    (cover,) = [p for s, p in section_pictures(prs) if "beside points" in s.shapes.title.text_frame.text]
    assert cover.crop_left + cover.crop_right + cover.crop_top + cover.crop_bottom > 0.05
    (contain,) = [p for s, p in section_pictures(prs) if "contained" in s.shapes.title.text_frame.text]
    assert (contain.crop_left, contain.crop_right, contain.crop_top, contain.crop_bottom) == (0, 0, 0, 0)
    assert contain.width / contain.height == pytest.approx(600 / 1400, rel=0.01)


def test_a_huge_photo_is_resampled_once_and_stays_a_jpeg(media_deck, prs):
    huge = [p for _, p in section_pictures(prs) if p.image.content_type == "image/jpeg"]
    assert len(huge) == 2  # beside the points, and full
    assert huge[0].image.sha1 == huge[1].image.sha1  # one image part for the same picture
    assert max(huge[0].image.size) < 6000 and huge[0].image.size[0] / huge[0].image.size[1] == pytest.approx(1.5,
                                                                                                            rel=0.01)
    media = [n for n in zipfile.ZipFile(media_deck).namelist() if n.startswith("ppt/media/")]
    assert len([n for n in media if n.endswith((".jpg", ".jpeg"))]) == 1


def test_an_svg_drawing_is_rasterised_at_its_box_size_undistorted(tmp_path):
    folder = write_course(tmp_path / "c", "number: 1\ntitle: M\nsections:\n  - kind: content\n    title: Drawing\n"
                          "    notes: n\n    image: {path: img/chart.svg, alt: A drawing}\n    points: [One]\n", "en")
    make_pictures(folder)
    (folder / "img" / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><rect width="300" height="200" fill="#1B6F8A"/>'
        '<circle cx="150" cy="100" r="80" fill="#E08A1E"/></svg>')
    deck = Presentation(str(build(folder, tmp_path / "out").written[0].path))
    (pic,) = [s for s in deck.slides[3].shapes if s.name == "Picture"]
    assert pic.image.content_type == "image/png"
    assert pic.width / pic.height == pytest.approx(1.5, rel=0.01) == pytest.approx(shown_aspect(pic), rel=0.01)
    assert pic.image.size[0] == pytest.approx(pic.width / 914400 * 220, rel=0.02)  # drawn for its box


def test_full_picture_slide_follows_with_its_caption(prs):
    (slide,) = slides_titled(prs, "Same photo again, full")
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "旗舰店" in texts


def test_case_photo_sits_beside_the_facts_inside_the_content_area(prs):
    (slide,) = slides_titled(prs, "案例 with photo")
    (pic,) = [s for s in slide.shapes if s.name == "Picture"]
    facts = next(s for s in slide.shapes if plain_name(s.name) == "Case facts")
    assert pic.left >= facts.left + facts.width  # right of the facts, not over them


# --- tables ----------------------------------------------------------------------------------------

def test_table_is_native_with_header_banding_and_numbers_right_aligned(prs):
    (slide,) = slides_titled(prs, "价格表")
    (frame,) = [s for s in slide.shapes if s.has_table]
    table = frame.table
    assert [c.text for c in table.rows[0].cells] == ["方案", "席位", "价格"]
    assert table.first_row and table.horz_banding
    assert table.cell(1, 1).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    assert table.cell(1, 2).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT  # ¥1,200 is a number
    assert table.cell(1, 0).text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT


def test_long_table_continues_with_its_header_repeated_and_every_row_once(prs):
    slides = slides_titled(prs, "Long table")
    assert len(slides) >= 2
    assert len({s.shapes.title.text_frame.text for s in slides}) == len(slides)  # (cont.), (cont. 2)…
    seen = []
    for slide in slides:
        (frame,) = [s for s in slide.shapes if s.has_table]
        rows = list(frame.table.rows)
        assert [c.text for c in rows[0].cells] == ["Name", "Value"]
        seen += [r.cells[0].text for r in rows[1:]]
        assert frame.top + frame.height <= prs.slide_height
    assert seen == [f"Row {i}" for i in range(1, 41)]


def test_a_table_that_continues_says_what_to_do_with_a_table_at_its_line(tmp_path, isolated):
    rows = "\n".join(f"        - [Row {i}, {i * 1000}]" for i in range(1, 41))
    module = ("number: 1\ntitle: M\nsections:\n  - kind: content\n    title: Long table\n    notes: n\n"
              f"    table:\n      columns: [Name, Value]\n      rows:\n{rows}\n")
    folder = write_course(tmp_path / "c", module, "en")
    result = invoke("check", folder)
    warnings = [line for line in result.output.splitlines() if "warning: " in line and "not fit" in line]
    assert len(warnings) == 1, result.output
    assert warnings[0].startswith(f"{folder.name}/m.yaml:8:7: warning: the table in section 'Long table' does not "
                                  "fit on one slide: its rows continue on "), warnings[0]
    assert "its header row repeated on each" in warnings[0]
    hint = result.output.split(warnings[0], 1)[1].splitlines()[1]
    assert "split the table" in hint and "handout" in hint and "shorten its points" not in hint, hint



def test_a_full_picture_after_points_is_not_reported_as_text_spilling_over(tmp_path, isolated):
    module = ("number: 1\ntitle: M\nsections:\n  - kind: content\n    title: Store front\n    notes: n\n"
              "    points: [Opened in 2019, Forty per cent repeat customers]\n"
              "    image: {path: img/wide.png, alt: The store, position: full}\n")
    folder = write_course(tmp_path / "c", module, "en")
    make_pictures(folder)
    result = invoke("check", folder)
    assert result.exit_code == 0, result.output
    assert "not fit" not in result.output and "shorten its points" not in result.output, result.output

# --- charts ----------------------------------------------------------------------------------------

def test_chart_is_native_and_its_data_reads_back(prs):
    (slide,) = slides_titled(prs, "赢单率")
    (frame,) = [s for s in slide.shapes if s.has_chart]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in chart.plots[0].series] == ["赢单率", "Target"]
    assert list(chart.plots[0].series[1].values) == [20, 22, 24, 26.5]
    assert list(chart.plots[0].categories) == ["Q1", "Q2", "Q3", "Q4"]
    assert chart.part.chart_workbook.xlsx_part is not None  # the data stays editable
    assert '"%"' in chart.value_axis.tick_labels.number_format
    ea = chart._chartSpace.xpath(".//c:txPr//a:ea/@typeface")
    assert ea and all(ea), "chart text needs an East Asian typeface"


def test_pie_chart_reads_back(prs):
    (slide,) = slides_titled(prs, "Share")
    (frame,) = [s for s in slide.shapes if s.has_chart]
    assert frame.chart.chart_type == XL_CHART_TYPE.PIE
    assert list(frame.chart.plots[0].series[0].values) == [50, 30, 20]


def test_same_course_gives_the_same_bytes(tmp_path):
    folder = write_course(tmp_path / "c", media_module(5))
    make_pictures(folder)
    first = build(folder, tmp_path / "a").written[0].path.read_bytes()
    second = build(folder, tmp_path / "b").written[0].path.read_bytes()
    assert first == second


# --- links -----------------------------------------------------------------------------------------

def test_addresses_and_markdown_links_become_hyperlinks(prs):
    (slide,) = slides_titled(prs, "门店照片")
    runs = [r for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs]
    links = {r.text: r.hyperlink.address for r in runs if r.hyperlink.address}
    assert links == {"https://example.com/a-page": "https://example.com/a-page",
                     "定价指南": "https://example.com/pricing"}
    assert not any("](" in r.text for r in runs)


def test_link_and_video_show_a_qr_code_and_the_short_address(prs):
    for title, short in (("案例 with photo", "example.com/case"), ("视频练习", "example.com/v1")):
        (slide,) = slides_titled(prs, title)
        (qr,) = [s for s in slide.shapes if s.name == "QR code"]
        assert qr.width == qr.height and qr.image.content_type == "image/png"
        assert any(s.has_text_frame and s.text_frame.text == short for s in slide.shapes)


# --- bad input -------------------------------------------------------------------------------------

def png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG that claims to be width×height (the header is all a decompression bomb needs)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
                     + chunk(b"IEND", b""))


BAD = {
    "missing file": ("image: img/nowhere.png", None, "picture 'img/nowhere.png' not found", "m.yaml:7:12"),
    "text named .png": ("image: img/notes.png", lambda f: (f / "img/notes.png").write_text("hello"),
                        "is a text file", "m.yaml:7:12"),
    "30000x30000 png": ("image: img/bomb.png", lambda f: png_header_only(f / "img/bomb.png", 30000, 30000),
                        "too large to open safely: its header claims 900 megapixels", "m.yaml:7:12"),
    "truncated png": ("image: img/cut.png", lambda f: (f / "img/cut.png").write_bytes(
        (f / "img/tall.png").read_bytes()[:300]), "damaged or cut short", "m.yaml:7:12"),
    "svg without a size": ("image: img/logo.svg", lambda f: (f / "img/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'),
        "does not say how large it is", "m.yaml:7:12"),
    "broken svg": ("image: img/logo.svg", lambda f: (f / "img/logo.svg").write_text("<svg><rect></svg>"),
                   "is not a readable SVG drawing", "m.yaml:7:12"),
    "ragged csv": ("table: {csv: data/t.csv}", lambda f: (f / "data").mkdir() or (f / "data/t.csv").write_text(
        "a,b\n1,2\n3\n4,5\n"), "this row has 1 cell, but the header has 2", "t.csv:3:1"),
    "chart lengths": ("chart:\n      type: line\n      categories: [a, b, c]\n      series:\n"
                      "        - {name: s, values: [1, 2]}", None, "series 's' has 2 values, but the chart has 3 "
                      "categories", "m.yaml:11:29"),
    "table row cells": ("table:\n      columns: [a, b]\n      rows:\n        - [1, 2]\n        - [3]", None,
                        "table row 2 has 1 cell, but the table has 2 columns", "m.yaml:11:11"),
    "pie with two series": ("chart:\n      type: pie\n      categories: [a]\n      series:\n"
                            "        - {name: s, values: [1]}\n        - {name: t, values: [2]}", None,
                            "a pie chart shows one series", "m.yaml:8:7"),
    "not a url": ("link: example", None, "'example' is not a web address", "m.yaml:7:11"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_media_input_is_one_located_error_and_nothing_is_written(tmp_path, case, isolated):
    field, prepare, message, where = BAD[case]
    module = ("number: 1\ntitle: M\nsections:\n  - kind: content\n    title: T\n    notes: n\n"
              f"    {field}\n")
    folder = write_course(tmp_path / "c", module, "en")
    make_pictures(folder)
    if prepare:
        prepare(folder)
    out = tmp_path / "out"
    previous = out / "c" / "day-1.pptx"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(b"earlier build")
    result = invoke("build", folder, "-o", out)
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert result.exit_code != 0 and len(errors) == 1, result.output
    assert message in errors[0] and where in errors[0], errors[0]
    assert previous.read_bytes() == b"earlier build"
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["day-1.pptx"]


def test_media_gallery_builds_and_passes_the_checker(tmp_path):
    from conftest import ROOT
    from ooxml import assert_valid
    result = build(ROOT / "decks" / "media-gallery", tmp_path)
    assert not result.diagnostics.errors
    assert_valid(result.written[0].path)
