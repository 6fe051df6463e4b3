"""One inspection for every picture: a theme's logo and background and an outline's section picture are
refused by `deckgen check` with the same words, each at the line that names it; a phone photo turned by its
EXIF orientation goes into the deck upright, in a box of its upright shape."""
from __future__ import annotations

import io
import os
import re
import zipfile

import pytest

from attack import COURSE_DIR, invoke, make_project, png, replace_in, run_case, write
from test_attack import BG, LOGO, M1, png_header

SECTION = f"{COURSE_DIR}/img/p.png"
WHERE = {LOGO: "themes/brand/theme.yaml:4:11", BG: "themes/brand/theme.yaml:8:12",
         SECTION: "decks/c/01-intro.yaml:9:19"}
ORIENTATION = 0x0112


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("images"))


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def with_section_picture(p, path="img/p.png", extra=""):
    replace_in(p, M1, "sections:\n", "sections:\n  - kind: content\n    title: A picture\n    notes: n\n"
               f"    image: {{path: {path}, alt: a picture{extra}}}\n    points: [One]\n")


def check_in(project) -> tuple[int, str]:
    """`deckgen check` of the project's course, run from the project's folder: exit code and output."""
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        return invoke("check", COURSE_DIR)
    finally:
        os.chdir(cwd)


def check_with(project, rel: str, data: bytes) -> str:
    """`deckgen check` of the project with the picture at `rel` replaced by `data`: the one error line."""
    project.restore()
    if rel == SECTION:
        with_section_picture(project)
    write(project, rel, data)
    code, text = check_in(project)
    errors = [line for line in text.splitlines() if ": error: " in line]
    assert code == 1 and len(errors) == 1, text
    return errors[0]


BAD = {
    "truncated png": lambda: png(400, 300)[:-40],
    "decompression bomb": lambda: png_header(100_000, 100_000),
    "over the pixel limit": lambda: png_header(6000, 6000),
    "text named .png": lambda: b"not a picture\n",
}


@pytest.mark.parametrize("case", list(BAD))
def test_logo_background_and_section_picture_are_refused_alike_at_check(project, case):
    said = {}
    for rel in (LOGO, BG, SECTION):
        line = check_with(project, rel, BAD[case]())
        assert line.startswith(WHERE[rel] + ": error: "), line
        m = re.search(r"picture '[^']+' (.*)$", line)
        assert m, line
        said[rel] = m.group(1)
    assert said[LOGO] == said[BG] == said[SECTION], said
    assert {"truncated png": "truncated", "decompression bomb": "too large to open safely",
            "over the pixel limit": "6,000 × 6,000 pixels", "text named .png": "not a picture"}[case] in said[LOGO]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("body, says", [
    ('<image xlink:href="file:///etc/passwd" width="10" height="10"/>', "refers to something outside itself"),
    ('<image href="https://example.invalid/x.png" width="10" height="10"/>', "refers to something outside itself"),
    ('<rect width="10" height="10" style="fill: url(other.svg#g)"/>', "refers to something outside itself"),
    ('<style>@import url("https://example.invalid/a.css");</style>', "refers to something outside itself"),
])
def test_an_svg_reaching_outside_itself_is_refused(project, body, says):
    project.restore()
    with_section_picture(project, "img/p.svg")
    write(project, f"{COURSE_DIR}/img/p.svg", SVG.format(body))
    code, text = check_in(project)
    assert code == 1 and f"{WHERE[SECTION]}: error: picture 'img/p.svg' {says}" in text, text


def test_an_svg_with_entities_is_refused(project):
    project.restore()
    with_section_picture(project, "img/p.svg")
    write(project, f"{COURSE_DIR}/img/p.svg", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
          '"file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&x;</text></svg>')
    code, text = check_in(project)
    assert code == 1 and "picture 'img/p.svg' declares a DTD or entities" in text, text


def test_a_logo_may_not_be_an_svg_drawing(project):
    line = check_with(project, LOGO, SVG.format('<rect width="10" height="10"/>').encode())
    assert "is an SVG drawing; this picture must be PNG, JPEG, GIF, BMP or TIFF" in line, line


def test_a_jpeg_photo_is_decoded_at_a_fraction_of_its_size(tmp_path):
    """The check decodes every byte of a large JPEG without holding its full-size pixels."""
    import tracemalloc

    from PIL import Image

    from deckgen import images
    path = tmp_path / "big.jpg"
    Image.new("RGB", (6000, 4000), (30, 90, 160)).save(path, "JPEG", quality=70)
    tracemalloc.start()
    try:
        shown = images.inspect(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (shown.format, shown.width, shown.height) == ("JPEG", 6000, 4000)
    assert peak < 20 * 1024 * 1024, peak  # full size would be 72 MB
    path.write_bytes(path.read_bytes()[:-5000])
    with pytest.raises(images.PictureError, match="truncated"):
        images.inspect(path)


# --- EXIF orientation --------------------------------------------------------------------------------

def phone_photo(orientation: int = 6) -> bytes:
    """A 40 × 20 JPEG, red on its left half and blue on its right, whose EXIF says to show it turned (6: a
    quarter turn clockwise, as a phone held upright writes): shown, it is 20 wide, 40 high, red on top."""
    from PIL import Image
    im = Image.new("RGB", (40, 20), (0, 0, 230))
    im.paste((230, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    out = io.BytesIO()
    im.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def media_of(deck: bytes) -> list[bytes]:
    zf = zipfile.ZipFile(io.BytesIO(deck))
    return [zf.read(n) for n in zf.namelist() if n.startswith("ppt/media/")]


def assert_upright(blob: bytes) -> None:
    from PIL import Image
    with Image.open(io.BytesIO(blob)) as im:
        assert im.size == (20, 40), im.size
        assert im.getexif().get(ORIENTATION, 1) == 1  # no tag left to turn it a second time
        rgb = im.convert("RGB")
        top, bottom = rgb.getpixel((10, 5)), rgb.getpixel((10, 35))
    assert top[0] > 150 and top[2] < 80 and bottom[2] > 150 and bottom[0] < 80, (top, bottom)


@pytest.mark.parametrize("orientation", [6, 8])
def test_a_turned_phone_photo_is_upright_on_the_slide(project, orientation):
    from pptx import Presentation
    from pptx.util import Emu

    def mutate(p):
        with_section_picture(p, "img/phone.jpg", ", fit: contain")
        write(p, f"{COURSE_DIR}/img/phone.jpg", phone_photo(orientation))
    out = run_case(project, mutate, "ok").out
    deck = (out / "c" / "day-1.pptx").read_bytes()
    prs = Presentation(io.BytesIO(deck))
    (pic,) = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13 and s.name != "Logo 1"
              and getattr(s, "image", None) is not None and s.image.content_type == "image/jpeg"]
    assert pic.image.size == (20, 40), pic.image.size
    assert abs(Emu(pic.width) / Emu(pic.height) - 0.5) < 0.01, (pic.width, pic.height)
    if orientation == 6:
        assert_upright(pic.image.blob)


def test_a_turned_logo_and_background_are_upright_too(project):
    from pptx import Presentation

    def mutate(p):
        write(p, LOGO, phone_photo())
        write(p, BG, phone_photo())
    out = run_case(project, mutate, "ok").out
    deck = (out / "c" / "day-1.pptx").read_bytes()
    jpegs = [blob for blob in media_of(deck) if blob.startswith(b"\xff\xd8")]
    assert jpegs, "no JPEG in the deck"
    for blob in jpegs:
        assert_upright(blob)
    prs = Presentation(io.BytesIO(deck))
    logos = [s for slide in prs.slides for s in slide.shapes if s.name == "Logo 1"]
    assert logos and all(abs(s.width / s.height - 0.5) < 0.01 for s in logos)
