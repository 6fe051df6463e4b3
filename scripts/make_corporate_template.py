#!/usr/bin/env python3
"""Write src/deckgen/themes/corporate/corporate-template.pptx: the fictional client Meridian Group's PowerPoint template.

It stands in for the template a client's brand team hands a trainer, and it is built the way such
templates are: its own theme colours and fonts, a master with a brand bar and a logo area, layouts
with their own names (in an order that would defeat picking layouts by position), and two sample
slides that deckgen must remove. The `corporate` theme builds on it.

    python scripts/make_corporate_template.py            # writes the template (byte-identical every run)
    python scripts/make_corporate_template.py -o X.pptx  # writes it elsewhere (the tests compare)
    python scripts/make_corporate_template.py --assets   # also redraws the shipped logos and the
                                                         # midnight backgrounds (needs DejaVu fonts)

The template embeds the committed logo PNGs, so the .pptx depends only on files in the repository;
tests/test_template.py checks that this script reproduces the committed file exactly.
"""
from __future__ import annotations

import argparse
import copy
import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
THEMES = ROOT / "src" / "deckgen" / "themes"
OUT = THEMES / "corporate" / "corporate-template.pptx"

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
NSDECL = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'
EMU = 914400
W, H = 12192000, 6858000  # 16:9, 13.333 × 7.5 in

# Meridian Group's brand: carmine and charcoal with a gold accent; serif headings.
COLOURS = {"dk1": "262626", "lt1": "FFFFFF", "dk2": "9B1B30", "lt2": "F5F1EC",
           "accent1": "9B1B30", "accent2": "B7791F", "accent3": "3F4A55", "accent4": "2E7D5B",
           "accent5": "B03A2E", "accent6": "5A6B8C", "hlink": "9B1B30", "folHlink": "6D4C7D"}
FONTS = {"majorFont": ("Georgia", "SimSun"), "minorFont": ("Arial", "Microsoft YaHei")}
LAYOUT_NAMES = {"Title Slide": "Meridian Cover", "Section Header": "Meridian Section",
                "Title Only": "Meridian Title Only", "Title and Content": "Meridian Title and Content",
                "Blank": "Meridian Blank"}
# The order the layouts appear in (anything not listed keeps its place after these).
LAYOUT_ORDER = ["Meridian Title Only", "Meridian Title and Content", "Meridian Section", "Meridian Blank",
                "Meridian Cover"]
FIXED_TIME = datetime(2026, 1, 5, 9, 0, 0)

CLIENT_LOGO = THEMES / "corporate" / "meridian-logo.png"
CLIENT_LOGO_WHITE = THEMES / "corporate" / "meridian-logo-white.png"


def emu(inches: float) -> int:
    return int(round(inches * EMU))


# --- the template --------------------------------------------------------------------------------

def build() -> bytes:
    from pptx import Presentation
    prs = Presentation()
    sx, sy = W / prs.slide_width, H / prs.slide_height
    prs.slide_width, prs.slide_height = W, H
    master = prs.slide_masters[0]
    for part in [master] + list(master.slide_layouts):
        rescale(part._element, sx, sy)
    set_theme(prs)
    dress_master(master)
    layouts = {layout.name: layout for layout in master.slide_layouts}
    for old, new in LAYOUT_NAMES.items():
        layouts[old]._element.cSld.set("name", new)
    dress_cover(layouts["Title Slide"])
    dress_section(layouts["Section Header"])
    place_title(layouts["Title Only"])
    reorder_layouts(master)
    add_samples(prs)
    props = prs.core_properties
    props.title = "Meridian Group presentation template"
    props.author = "Meridian Group brand team"
    props.last_modified_by = "Meridian Group brand team"
    props.subject = "Corporate template (fictional, for deckgen's corporate theme)"
    props.keywords = "template"
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    out = io.BytesIO()
    prs.save(out)
    return normalise_zip(out.getvalue())


def rescale(root, sx: float, sy: float) -> None:
    for off in root.iter(f"{{{A}}}off"):
        off.set("x", str(int(int(off.get("x")) * sx)))
        off.set("y", str(int(int(off.get("y")) * sy)))
    for ext in root.iter(f"{{{A}}}ext"):
        if ext.get("cx") is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * sx)))
            ext.set("cy", str(int(int(ext.get("cy")) * sy)))


def set_theme(prs) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "Meridian")
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "Meridian")
    for name, value in COLOURS.items():
        el = scheme.find(f"a:{name}", NS)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=value)
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", "Meridian")
    for tag, (latin, ea) in FONTS.items():
        el = fonts.find(f"a:{tag}", NS)
        el.find("a:latin", NS).set("typeface", latin)
        el.find("a:ea", NS).set("typeface", ea)
        for script in el.findall("a:font", NS):
            if script.get("script") == "Hans":
                script.set("typeface", ea)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rect(shape_id: int, name: str, x, y, w, h, fill: str, alpha: int | None = None, geom: str = "rect") -> str:
    colour = fill if fill.startswith("<") else f'<a:srgbClr val="{fill}"/>'
    if alpha is not None:
        colour = colour.replace("/>", f"><a:alpha val=\"{alpha}\"/></a:srgbClr>", 1) \
            if colour.startswith("<a:srgbClr") else colour
    return (f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/>'
            f'</a:xfrm><a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom><a:solidFill>{colour}</a:solidFill>'
            f'<a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
            f'<a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>')


def picture(part, shape_id: int, name: str, path: Path, x, y, h) -> str:
    from PIL import Image
    with Image.open(path) as im:
        iw, ih = im.size
    w = h * iw / ih
    _, rid = part.get_or_add_image_part(str(path))
    return (f'<p:pic {NSDECL}><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}" descr="Meridian Group logo"/>'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr><a:xfrm><a:off x="{emu(x - w)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def next_id(root) -> int:
    return max(int(e.get("id")) for e in root.iter(f"{{{P}}}cNvPr")) + 1


def append(root, xml: str) -> None:
    root.find("p:cSld/p:spTree", NS).append(etree.fromstring(xml))


def dress_master(master) -> None:
    """A carmine brand bar along the top, a gold rule along the bottom, the logo area at top right."""
    root = master._element
    i = next_id(root)
    tx2 = '<a:schemeClr val="tx2"/>'
    append(root, rect(i, "Brand bar", 0, 0, W / EMU, 0.08, tx2))
    append(root, rect(i + 1, "Brand rule", 0, 7.44, W / EMU, 0.06, '<a:schemeClr val="accent2"/>'))
    append(root, picture(master.part, i + 2, "Logo area", CLIENT_LOGO, 12.733, 0.15, 0.22))
    # the title and body placeholders where deckgen puts titles and content, so slides a user adds by
    # hand line up with generated ones
    for sp in root.iter(f"{{{P}}}sp"):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        xfrm = sp.find("p:spPr/a:xfrm", NS)
        if ph.get("type") == "title" and xfrm is not None:
            set_box(xfrm, 0.82, 0.45, 11.913, 0.95)
        elif ph.get("type") == "body" and xfrm is not None:
            set_box(xfrm, 0.6, 1.7, 12.133, 5.21)
    title_style = root.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr", NS)
    if title_style is not None:
        title_style.set("b", "1")
        title_style.set("sz", "2800")


def set_box(xfrm, x, y, w, h) -> None:
    xfrm.find("a:off", NS).set("x", str(emu(x)))
    xfrm.find("a:off", NS).set("y", str(emu(y)))
    xfrm.find("a:ext", NS).set("cx", str(emu(w)))
    xfrm.find("a:ext", NS).set("cy", str(emu(h)))


def full_bleed(layout) -> None:
    """The layout's own carmine background, without the master's bar and logo."""
    root = layout._element
    root.set("showMasterSp", "0")
    c_sld = root.find("p:cSld", NS)
    for bg in c_sld.findall("p:bg", NS):
        c_sld.remove(bg)
    c_sld.insert(0, etree.fromstring(f'<p:bg {NSDECL}><p:bgPr><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
                                     f'<a:effectLst/></p:bgPr></p:bg>'))


def dress_cover(layout) -> None:
    full_bleed(layout)
    root = layout._element
    i = next_id(root)
    # a pale diagonal band on the right, the gold rule, the white logo
    append(root, rect(i, "Cover band", 9.6, 0, 4.2, 7.5, "FFFFFF", alpha=7000, geom="parallelogram"))
    append(root, rect(i + 1, "Brand rule", 0, 7.44, W / EMU, 0.06, '<a:schemeClr val="accent2"/>'))
    append(root, picture(layout.part, i + 2, "Logo area", CLIENT_LOGO_WHITE, 12.733, 0.15, 0.22))


def dress_section(layout) -> None:
    full_bleed(layout)
    root = layout._element
    i = next_id(root)
    append(root, rect(i, "Brand rule", 0, 7.44, W / EMU, 0.06, '<a:schemeClr val="accent2"/>'))
    append(root, picture(layout.part, i + 1, "Logo area", CLIENT_LOGO_WHITE, 12.733, 0.15, 0.22))


def place_title(layout) -> None:
    for sp in layout._element.iter(f"{{{P}}}sp"):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        xfrm = sp.find("p:spPr/a:xfrm", NS)
        if ph is not None and ph.get("type") == "title" and xfrm is not None:
            set_box(xfrm, 0.82, 0.45, 11.913, 0.95)


def reorder_layouts(master) -> None:
    lst = master._element.find("p:sldLayoutIdLst", NS)
    entries = list(lst)
    names = {e.get(f"{{{R}}}id"): master.part.related_part(e.get(f"{{{R}}}id")).slide_layout.name for e in entries}
    rank = {n: i for i, n in enumerate(LAYOUT_ORDER)}
    entries.sort(key=lambda e: rank.get(names[e.get(f"{{{R}}}id")], len(rank)))
    for e in entries:
        lst.remove(e)
        lst.append(e)


def add_samples(prs) -> None:
    """Two sample slides, as templates ship them; deckgen removes them from every deck."""
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    cover = prs.slides.add_slide(layouts["Meridian Cover"])
    cover.shapes.title.text = "SAMPLE COVER: replace with your title"
    cover.placeholders[1].text = "Meridian Group · sample subtitle"
    body = prs.slides.add_slide(layouts["Meridian Title and Content"])
    body.shapes.title.text = "SAMPLE SLIDE: delete before use"
    body.placeholders[1].text = "Sample bullet from the template"


def normalise_zip(data: bytes) -> bytes:
    """Fixed entry times and a stable order: the same template every run."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()


# --- the pictures themes ship --------------------------------------------------------------------

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
SS = 4  # supersampling for smooth edges


def _font(path: str, size: int):
    from PIL import ImageFont
    return ImageFont.truetype(path, size * SS)


def _finish(img, path: Path) -> None:
    from PIL import Image
    small = img.resize((img.width // SS, img.height // SS), Image.LANCZOS)
    small = small.quantize(48, method=Image.Quantize.FASTOCTREE)  # a few KB: logos are flat colours
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def wordmark(path: Path, text: str, colour, mark, *, font=FONT_BOLD, size=72, height=120, spacing=6) -> None:
    """A logo: a small geometric mark and a wordmark, on transparency."""
    from PIL import Image, ImageDraw
    f = _font(font, size)
    probe = ImageDraw.Draw(Image.new("RGBA", (10, 10)))
    x0, y0, x1, y1 = probe.textbbox((0, 0), text, font=f)
    mark_w = height * SS if mark else 0
    w = mark_w + (x1 - x0) + spacing * SS * (len(text) - 1) // 4 + 16 * SS
    img = Image.new("RGBA", (w, height * SS), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if mark:
        mark(d, height * SS, colour)
    x = mark_w + (8 * SS if mark else 0)
    y = (height * SS - (y1 - y0)) // 2 - y0
    for ch in text:
        d.text((x, y), ch, font=f, fill=colour)
        x += probe.textlength(ch, font=f) + spacing * SS // 4
    _finish(img.crop((0, 0, int(x) + 4 * SS, height * SS)), path)


def meridian_mark(d, s, colour):
    # a square split by a diagonal meridian line
    m = s // 8
    d.rectangle([m, m, s - m, s - m], fill=colour)
    d.polygon([(m, s - m), (s - m, m), (s - m, m + s // 7), (m + s // 7, s - m)], fill=(0, 0, 0, 0))


def brightpath_mark(d, s, colour):
    # three rising chevrons
    step = s // 4
    for i in range(3):
        x = s // 10 + i * step
        d.polygon([(x, s * 3 // 4), (x + step, s // 4), (x + step + s // 8, s // 4),
                   (x + s // 8, s * 3 // 4)], fill=colour)


def acme_mark(d, s, colour):
    # a circle with a bite: an "A" made of negative space
    m = s // 10
    d.ellipse([m, m, s - m, s - m], fill=colour)
    d.polygon([(s // 2, s // 4), (s * 3 // 4, s * 3 // 4), (s // 4, s * 3 // 4)], fill=(0, 0, 0, 0))
    d.rectangle([s * 3 // 8, s * 5 // 8 - s // 16, s * 5 // 8, s * 5 // 8 + s // 16], fill=colour)


def background(path: Path, top, bottom, glow, glow_at, *, size=(1600, 900)) -> None:
    """A dark vertical gradient with a soft coloured glow and a few fine diagonal lines (JPEG)."""
    from PIL import Image, ImageDraw, ImageFilter
    w, h = size
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        t = y / (h - 1)
        row = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
        for x in range(w):
            px[x, y] = row
    halo = Image.new("L", (w, h), 0)
    gx, gy = glow_at
    ImageDraw.Draw(halo).ellipse([gx - w // 3, gy - h // 2, gx + w // 3, gy + h // 2], fill=70)
    halo = halo.filter(ImageFilter.GaussianBlur(w // 10))
    img = Image.composite(Image.new("RGB", (w, h), glow), img, halo)
    lines = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(lines)
    for i in range(7):
        x = w * 0.55 + i * w * 0.06
        d.line([(x, h), (x + h * 0.9, 0)], fill=34, width=2)
    img = Image.composite(Image.new("RGB", (w, h), (150, 180, 230)), img, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, quality=80, optimize=True, progressive=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def make_assets() -> None:
    carmine, charcoal, white = (155, 27, 48, 255), (38, 38, 38, 255), (255, 255, 255, 255)
    navy = (27, 58, 92, 255)
    orange = (232, 93, 4, 255)
    wordmark(CLIENT_LOGO, "MERIDIAN", carmine, meridian_mark, font=FONT_SERIF_BOLD, spacing=10)
    wordmark(CLIENT_LOGO_WHITE, "MERIDIAN", white, meridian_mark, font=FONT_SERIF_BOLD, spacing=10)
    for folder in ("corporate", "midnight"):
        wordmark(THEMES / folder / "brightpath.png", "brightpath", navy, brightpath_mark, size=64)
        wordmark(THEMES / folder / "brightpath-white.png", "brightpath", white, brightpath_mark, size=64)
    wordmark(THEMES / "acme-cofacilitator" / "acme.png", "ACME", charcoal,
             lambda d, s, c: acme_mark(d, s, orange), size=76, spacing=4)
    wordmark(THEMES / "acme-cofacilitator" / "acme-white.png", "ACME", white,
             lambda d, s, c: acme_mark(d, s, orange), size=76, spacing=4)
    background(THEMES / "midnight" / "cover.jpg", (10, 16, 30), (16, 27, 50), (31, 80, 200), (1250, 250))
    background(THEMES / "midnight" / "divider.jpg", (12, 18, 34), (9, 14, 26), (20, 110, 140), (250, 700))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", type=Path, default=OUT, help=f"where to write the template ({OUT.name})")
    ap.add_argument("--assets", action="store_true", help="also redraw the logos and backgrounds themes ship")
    args = ap.parse_args(argv)
    if args.assets:
        make_assets()
    data = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["build", "make_assets", "copy"]
