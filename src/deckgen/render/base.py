"""The presentation every deck starts from: python-pptx's blank package resized, recoloured and re-fonted."""
from __future__ import annotations

import copy

from lxml import etree

from ..plan import Deck
from ..theme import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSMAP = {"a": A, "p": P}

# deckgen palette slot -> PowerPoint theme colour element
SCHEME_ELEMENTS = {"dk1": "text", "lt1": "background", "dk2": "primary", "lt2": "panel",
                   "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
                   "accent5": "accent5", "accent6": "accent6"}


def new_presentation(deck: Deck, theme: Theme):
    from pptx import Presentation
    prs = Presentation()
    old_w, old_h = prs.slide_width, prs.slide_height
    prs.slide_width, prs.slide_height = deck.width, deck.height
    sx, sy = deck.width / old_w, deck.height / old_h
    for master in prs.slide_masters:
        _rescale(master, sx, sy)
        for layout in master.slide_layouts:
            _rescale(layout, sx, sy)
    _apply_theme(prs, theme)
    return prs


def _rescale(slide_like, sx: float, sy: float) -> None:
    """Keep the master's and layouts' placeholders where they belong on the new slide size."""
    for off in slide_like._element.iter(f"{{{A}}}off"):
        off.set("x", str(int(int(off.get("x")) * sx)))
        off.set("y", str(int(int(off.get("y")) * sy)))
    for ext in slide_like._element.iter(f"{{{A}}}ext"):
        if ext.get("cx") is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * sx)))
            ext.set("cy", str(int(int(ext.get("cy")) * sy)))


def theme_part(prs):
    master_part = prs.slide_masters[0].part
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    return master_part.part_related_by(RT.THEME)


def _apply_theme(prs, theme: Theme) -> None:
    part = theme_part(prs)
    root = etree.fromstring(part.blob)
    scheme = root.find(".//a:clrScheme", NSMAP)
    scheme.set("name", f"deckgen {theme.name}")
    for element, slot in SCHEME_ELEMENTS.items():
        el = scheme.find(f"a:{element}", NSMAP)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=theme.palette[slot].lstrip("#"))
    fonts = root.find(".//a:fontScheme", NSMAP)
    fonts.set("name", f"deckgen {theme.name}")
    for tag, role in (("a:majorFont", "heading"), ("a:minorFont", "body")):
        el = fonts.find(tag, NSMAP)
        el.find("a:latin", NSMAP).set("typeface", theme.fonts[role].latin)
        el.find("a:ea", NSMAP).set("typeface", theme.fonts[role].ea)
        for script_font in el.findall("a:font", NSMAP):
            if script_font.get("script") == "Hans":
                script_font.set("typeface", theme.fonts[role].ea)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def layout_by_name(prs, name: str):
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    raise KeyError(name)


__all__ = ["new_presentation", "layout_by_name", "copy"]
