"""The presentation every deck starts from, and the layouts its slides use.

Either python-pptx's blank package (whose stock master render.masters replaces with deckgen's own) or the
theme's corporate template (`template:` in theme.yaml, a .pptx or .potx) with the template's own slides
removed. Either way the package is sized to the deck, its PowerPoint theme colours and fonts are set from
the resolved palette (which already holds the template's own colours wherever the theme does not override
them: see deckgen.theme), and a template's layouts are matched to layout keys (`cover`, `divider`,
`title_only`, a slide kind) by NAME, never by position.
"""
from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import DeckgenError, display_path
from ..plan import Deck
from ..theme import BACKGROUND_FOR_LAYOUT, Theme, link_colour
from .package import set_slide_size
from .theming import SCHEME_FROM_PALETTE

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"a": A, "p": P, "r": R}

# deckgen palette slot -> PowerPoint theme colour element
SCHEME_ELEMENTS = {"dk1": "text", "lt1": "background", "dk2": "primary", "lt2": "panel",
                   "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
                   "accent5": "accent5", "accent6": "accent6"}

_CT = "application/vnd.openxmlformats-officedocument.presentationml."
PRESENTATION_MAIN = _CT + "presentation.main+xml"
CONVERTIBLE_MAIN = {_CT + "template.main+xml": "a template (.potx)",
                    _CT + "slideshow.main+xml": "a slide show (.ppsx)"}
MACRO_MAIN = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
              "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
              "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")
OTHER_KINDS = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook",
               "ms-word": "a Word document", "ms-excel": "an Excel workbook"}


class TemplateError(Exception):
    """A template that cannot be used; the message says why, the caller says where."""


@dataclass(frozen=True)
class TemplateInfo:
    """What a theme needs to know about a template before any deck is built."""

    layouts: tuple[str, ...]  # layout names, master by master, in the template's order
    size: tuple[int, int]  # slide width and height in EMU
    colours: dict[str, str] = field(default_factory=dict)  # dk1, lt1, dk2, lt2, accent1-6 -> "#RRGGBB"
    fonts: dict[str, tuple[str, str]] = field(default_factory=dict)  # major/minor -> (latin, ea); "" = unset


# --- opening templates ---------------------------------------------------------------------------

# Limits on a template package: a corporate template is a few megabytes of a few hundred parts.
MAX_TEMPLATE_BYTES = 100 * 1024 * 1024
MAX_PARTS = 5000
MAX_PART_BYTES = 50 * 1024 * 1024  # one part, uncompressed (a large picture)
MAX_XML_PART_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # every part, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of a part over 1 MB: slide XML compresses about 10:1


def safe_parser() -> etree.XMLParser:
    """An XML parser that reads no DTD, expands no entity and opens no network or file (XXE, billion laughs)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           dtd_validation=False)


def parse_part(data: bytes, name: str):
    """A package part's XML root, refusing DTDs: OOXML has none, so a DOCTYPE is an attack or damage."""
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise TemplateError(f"part {name} declares a DTD or entities (<!DOCTYPE …>), which Office files never "
                            "hold: refusing it (it can make readers fetch files or expand text without end)")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TemplateError(f"part {name} is UTF-16 XML, which deckgen does not read")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"the template is damaged: part {name} is not well-formed XML ({exc})") from None
    if root is None:
        raise TemplateError(f"the template is damaged: part {name} is empty")
    return root


def check_package(zf: zipfile.ZipFile) -> None:
    """Refuse a package whose member names or sizes are unsafe, or whose XML parts are unsafe or damaged."""
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise TemplateError(f"the package holds {len(infos):,} parts; the limit is {MAX_PARTS:,}")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        shown = repr(name) if any(ord(c) < 32 for c in name) else name
        if name.lower() in seen:
            raise TemplateError(f"the package holds two parts named {shown}: a damaged or tampered file")
        seen.add(name.lower())
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts \
                or "\x00" in name or "\\" in name:
            raise TemplateError(f"part {shown} has an unsafe name (absolute, '..', or a backslash)")
        limit = MAX_XML_PART_BYTES if _is_xml_name(name) else MAX_PART_BYTES
        if info.file_size > limit:
            raise TemplateError(f"part {shown} is {info.file_size:,} bytes uncompressed; the limit is {limit:,}")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(f"part {shown} expands {info.file_size // max(info.compress_size, 1):,} times "
                                "when unpacked (a \"zip bomb\"): refusing it")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise TemplateError(f"the package unpacks to over {MAX_TOTAL_BYTES // 1048576} MB; a template is "
                                "a few megabytes")
    for info in infos:
        if _is_xml_name(info.filename) and not info.is_dir():
            parse_part(zf.read(info.filename), "/" + info.filename)


def _is_xml_name(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _main_part(zf: zipfile.ZipFile) -> tuple[str, str]:
    """The main document's part name and content type, as the package declares them."""
    rels = parse_part(zf.read("_rels/.rels"), "/_rels/.rels")
    target = next((r.get("Target") for r in rels if (r.get("Type") or "").endswith("/officeDocument")), None)
    if target is None:
        raise TemplateError("it is a zip file but not an Office document (no main document part)")
    partname = "/" + target.lstrip("/")
    types = parse_part(zf.read("[Content_Types].xml"), "/[Content_Types].xml")
    for el in types:
        if el.get("PartName") == partname:
            return partname, el.get("ContentType") or ""
    ext = partname.rsplit(".", 1)[-1]
    for el in types:
        if el.get("Extension") == ext:
            return partname, el.get("ContentType") or ""
    return partname, ""


def package_bytes(path: Path) -> bytes:
    """The template as a .pptx package python-pptx will open (a .potx's main part is relabelled)."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"the template is {size / 1048576:.0f} MB; the limit is "
                                f"{MAX_TEMPLATE_BYTES // 1048576} MB")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TemplateError(f"cannot read the template: {exc.strerror or exc}") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError("this is not a PowerPoint file (.pptx or .potx), or it is damaged: it cannot be "
                            "opened as a zip package")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        check_package(zf)
        partname, content_type = _main_part(zf)
    except TemplateError:
        raise
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError,
            ValueError, RuntimeError) as exc:  # RuntimeError: an encrypted member
        raise TemplateError(f"this is not a PowerPoint file, or it is damaged ({exc})") from None
    if content_type == PRESENTATION_MAIN:
        return data
    if content_type in CONVERTIBLE_MAIN:
        return _relabel(zf, partname)
    if content_type in MACRO_MAIN:
        raise TemplateError("macro-enabled files (.pptm, .potm) are not used as templates: "
                            "save it as a PowerPoint template (.potx) or presentation (.pptx)")
    kind = next((v for k, v in OTHER_KINDS.items() if k in content_type), "not a PowerPoint file")
    raise TemplateError(f"this is {kind}, not a PowerPoint presentation or template (.pptx or .potx)")


def _relabel(zf: zipfile.ZipFile, partname: str) -> bytes:
    types = parse_part(zf.read("[Content_Types].xml"), "/[Content_Types].xml")
    for el in types:
        if el.get("PartName") == partname:
            el.set("ContentType", PRESENTATION_MAIN)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            body = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == "[Content_Types].xml" else zf.read(info.filename)
            dst.writestr(info.filename, body)
    return out.getvalue()


def open_template(path: Path):
    """The template as a python-pptx Presentation; TemplateError when it cannot be one."""
    from pptx import Presentation
    data = package_bytes(path)
    try:
        prs = Presentation(io.BytesIO(data))
        if not len(prs.slide_masters):
            raise TemplateError("the template has no slide master")
        return prs
    except TemplateError:
        raise
    except Exception as exc:  # python-pptx reports a damaged package in many ways
        raise TemplateError(f"the template is damaged: it cannot be read as a presentation ({exc})") from None


def read_template(path: Path) -> TemplateInfo:
    """Layout names, slide size, theme colours and fonts of a template (cached per file version)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise TemplateError(f"cannot read the template: {exc.strerror or exc}") from None
    return _read_template(str(p.resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=32)
def _read_template(path: str, mtime: int, size: int) -> TemplateInfo:
    prs = open_template(Path(path))
    try:
        return _info(prs)
    except TemplateError:
        raise
    except Exception as exc:  # python-pptx reports a missing or damaged part in many ways
        raise TemplateError(f"the template is damaged: its masters or theme cannot be read ({exc})") from None


def _info(prs) -> TemplateInfo:
    if prs.slide_width is None or prs.slide_height is None:
        raise TemplateError("the template does not say how large its slides are (no p:sldSz)")
    names = tuple(layout.name for master in prs.slide_masters for layout in master.slide_layouts)
    colours, fonts = {}, {}
    root = parse_part(theme_part(prs).blob, str(theme_part(prs).partname))
    scheme = root.find(".//a:clrScheme", NSMAP)
    for el in scheme if scheme is not None else ():
        name = etree.QName(el).localname
        value = _colour_value(el)
        if name in SCHEME_ELEMENTS and value:
            colours[name] = value
    font_scheme = root.find(".//a:fontScheme", NSMAP)
    for tag, key in (("majorFont", "major"), ("minorFont", "minor")):
        el = font_scheme.find(f"a:{tag}", NSMAP) if font_scheme is not None else None
        if el is None:
            continue
        latin = (el.find("a:latin", NSMAP).get("typeface") if el.find("a:latin", NSMAP) is not None else "") or ""
        ea = (el.find("a:ea", NSMAP).get("typeface") if el.find("a:ea", NSMAP) is not None else "") or ""
        if not ea:
            ea = next((f.get("typeface") for f in el.findall("a:font", NSMAP) if f.get("script") == "Hans"), "")
        fonts[key] = (latin, ea)
    return TemplateInfo(layouts=names, size=(int(prs.slide_width), int(prs.slide_height)), colours=colours,
                        fonts=fonts)


def _colour_value(el) -> str | None:
    for child in el:
        tag = etree.QName(child).localname
        if tag == "srgbClr" and child.get("val"):
            return "#" + child.get("val").upper()
        if tag == "sysClr" and child.get("lastClr"):
            return "#" + child.get("lastClr").upper()
    return None


# --- the starting presentation -------------------------------------------------------------------

def new_presentation(deck: Deck, theme: Theme):
    from pptx import Presentation
    if theme.template is not None:
        try:
            prs = open_template(theme.template)
        except TemplateError as exc:
            raise DeckgenError(f"template {display_path(theme.template)}: {exc}") from None
        remove_slides(prs)
    else:
        prs = Presentation()
    old_w, old_h = prs.slide_width, prs.slide_height
    set_slide_size(prs, deck.width, deck.height)
    if (old_w, old_h) != (deck.width, deck.height):
        sx, sy = deck.width / old_w, deck.height / old_h
        for master in prs.slide_masters:
            _rescale(master, sx, sy)
            for layout in master.slide_layouts:
                _rescale(layout, sx, sy)
    _apply_theme(prs, theme)
    return prs


def remove_slides(prs) -> None:
    """Drop a template's own slides: their ids, their relationships, and with them their parts.

    python-pptx writes only the parts reachable from the package's relationships, so a slide whose
    relationship is gone (and its notes, and images only it used) is not written at all. Sections and
    custom shows that list the removed slides would point at nothing, so they go too.
    """
    sld_id_lst = prs.slides._sldIdLst
    removed = set()
    for sld_id in list(sld_id_lst):
        removed.add(sld_id.get("id"))
        rid = sld_id.get(f"{{{R}}}id")
        sld_id_lst.remove(sld_id)
        prs.part.drop_rel(rid)
    root = prs.part._element
    for shows in root.findall("p:custShowLst", NSMAP):
        for show in shows.findall("p:custShow", NSMAP):
            for sld in show.iter(f"{{{P}}}sld"):
                rid = sld.get(f"{{{R}}}id")
                if rid in prs.part.rels:
                    prs.part.drop_rel(rid)
        root.remove(shows)
    stale = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "sldId"
             and el.getparent() is not sld_id_lst and el.get("id") in removed]
    for el in stale:  # e.g. p14:sectionLst's slide lists
        el.getparent().remove(el)


def _rescale(slide_like, sx: float, sy: float) -> None:
    """Keep the master's and layouts' shapes where they belong on the new slide size."""
    for tag in ("off", "chOff"):
        for off in slide_like._element.iter(f"{{{A}}}{tag}"):
            off.set("x", str(int(int(off.get("x")) * sx)))
            off.set("y", str(int(int(off.get("y")) * sy)))
    for tag in ("ext", "chExt"):
        for ext in slide_like._element.iter(f"{{{A}}}{tag}"):
            if ext.get("cx") is not None:
                ext.set("cx", str(int(int(ext.get("cx")) * sx)))
                ext.set("cy", str(int(int(ext.get("cy")) * sy)))


def theme_part(prs, master=None):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    master_part = (master or prs.slide_masters[0]).part
    return master_part.part_related_by(RT.THEME)


def _apply_theme(prs, theme: Theme) -> None:
    """Write the palette and fonts into every master's PowerPoint theme (Design → Variants shows them)."""
    seen = set()
    for master in prs.slide_masters:
        part = theme_part(prs, master)
        if id(part) in seen:
            continue
        seen.add(id(part))
        root = etree.fromstring(part.blob, safe_parser())
        if theme.template is None:  # a template's theme keeps its own name (File > Info shows it)
            root.set("name", f"deckgen {theme.name}")
        scheme = root.find(".//a:clrScheme", NSMAP)
        if scheme is not None:
            scheme.set("name", f"deckgen {theme.name}")
            for element, slot in SCHEME_FROM_PALETTE.items():
                el = scheme.find(f"a:{element}", NSMAP)
                if el is None:
                    continue
                for child in list(el):
                    el.remove(child)
                etree.SubElement(el, f"{{{A}}}srgbClr", val=theme.palette[slot].lstrip("#"))
            for element in ("hlink", "folHlink"):  # hyperlinks in points: readable on this theme's slides
                el = scheme.find(f"a:{element}", NSMAP)
                if el is not None:
                    for child in list(el):
                        el.remove(child)
                    etree.SubElement(el, f"{{{A}}}srgbClr", val=link_colour(theme.palette).lstrip("#"))
        fonts = root.find(".//a:fontScheme", NSMAP)
        if fonts is not None:
            fonts.set("name", f"deckgen {theme.name}")
            for tag, role in (("a:majorFont", "heading"), ("a:minorFont", "body")):
                el = fonts.find(tag, NSMAP)
                if el is None:
                    continue
                for face, value in (("latin", theme.fonts[role].latin), ("ea", theme.fonts[role].ea)):
                    node = el.find(f"a:{face}", NSMAP)
                    if node is None:
                        node = etree.Element(f"{{{A}}}{face}")
                        el.insert(0 if face == "latin" else 1, node)
                    node.set("typeface", value)
                for script_font in el.findall("a:font", NSMAP):
                    if script_font.get("script") == "Hans":
                        script_font.set("typeface", theme.fonts[role].ea)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- layouts -------------------------------------------------------------------------------------

def layout_by_name(prs, name: str):
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    names = ", ".join(f"'{layout.name}'" for m in prs.slide_masters for layout in m.slide_layouts)
    raise DeckgenError(f"the presentation has no layout named '{name}'; its layouts: {names}")


def layouts_for(prs, theme: Theme, defaults: dict[str, str]) -> dict:
    """The layout each layout key uses: the theme's mapping over `defaults`, by name.

    A key whose slides have a background image (theme `backgrounds:`) gets its own copy of the layout
    carrying the picture, so the image is stored once per deck and a user can change it in one place
    (View → Slide Master).
    """
    names = {**defaults, **theme.layouts}
    out, copies = {}, {}
    for key, name in names.items():
        layout = layout_by_name(prs, name)
        image = theme.backgrounds.get(BACKGROUND_FOR_LAYOUT.get(key, ""))
        if image is not None:
            if (name, image) not in copies:  # one copy per layout and picture, whichever keys share it
                copies[(name, image)] = _layout_with_background(prs, layout, f"{name} · {key}", Path(image))
            layout = copies[(name, image)]
        out[key] = layout
    return out


def _layout_with_background(prs, layout, name: str, image: Path):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import SlideLayoutPart
    src = layout.part
    package = src.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    element = copy.deepcopy(src._element)
    part = SlideLayoutPart(partname, src.content_type, package, element)
    remap = {}
    for rid in list(src.rels):
        rel = src.rels[rid]
        remap[rid] = part.relate_to(rel.target_ref, rel.reltype, is_external=True) if rel.is_external \
            else part.relate_to(rel.target_part, rel.reltype)
    for el in element.iter():
        for attr_name, value in list(el.attrib.items()):
            if attr_name.startswith(f"{{{R}}}") and value in remap:
                el.set(attr_name, remap[value])
    c_sld = element.find("p:cSld", NSMAP)
    c_sld.set("name", name)
    for bg in c_sld.findall("p:bg", NSMAP):
        c_sld.remove(bg)
    from .media import embeddable
    _, rid = part.get_or_add_image_part(embeddable(image))
    c_sld.insert(0, etree.fromstring(_background_xml(rid, image, prs.slide_width, prs.slide_height)))
    master_part = src.part_related_by(RT.SLIDE_MASTER)
    master_rid = master_part.relate_to(part, RT.SLIDE_LAYOUT)
    root = prs.part._element
    used = [int(e.get("id")) for e in root.iter(f"{{{P}}}sldMasterId")]
    for master in prs.slide_masters:
        used += [int(e.get("id")) for e in master._element.iter(f"{{{P}}}sldLayoutId")]
    lst = master_part._element.find("p:sldLayoutIdLst", NSMAP)
    entry = etree.SubElement(lst, f"{{{P}}}sldLayoutId", id=str(max(used) + 1))
    entry.set(f"{{{R}}}id", master_rid)
    return part.slide_layout


def _background_xml(rid: str, image: Path, slide_w: int, slide_h: int) -> str:
    """A picture background that covers the slide, cropped (never stretched) to the slide's shape."""
    from ..images import inspect
    shown = inspect(image)  # checked when the theme was read; its size as shown (a photo turned upright)
    iw, ih = shown.width, shown.height
    crop = ""
    slide_ratio, image_ratio = slide_w / slide_h, iw / ih
    if image_ratio > slide_ratio * 1.002:  # too wide: crop the sides
        cut = int(round((1 - slide_ratio / image_ratio) / 2 * 100000))
        crop = f' l="{cut}" r="{cut}"'
    elif image_ratio < slide_ratio / 1.002:  # too tall: crop top and bottom
        cut = int(round((1 - image_ratio / slide_ratio) / 2 * 100000))
        crop = f' t="{cut}" b="{cut}"'
    return (f'<p:bg xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:bgPr><a:blipFill dpi="0" rotWithShape="1">'
            f'<a:blip r:embed="{rid}"/><a:srcRect{crop}/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
            f"<a:effectLst/></p:bgPr></p:bg>")


__all__ = ["new_presentation", "layout_by_name", "layouts_for", "read_template", "open_template",
           "remove_slides", "TemplateError", "TemplateInfo", "copy"]
