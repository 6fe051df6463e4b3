"""Renderers: place exactly what the slide plan says into a PowerPoint package (no layout decisions here)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from lxml import etree

from ..plan import Box, Connector, Deck, Group, Picture, Shape, Slide, Table, iter_elements
from ..theme import Theme
from . import fragments
from .base import layout_by_name, new_presentation

# Which PowerPoint layout each slide layout key uses, by name (never by position).
DEFAULT_LAYOUTS = {"cover": "Title Only", "divider": "Title Only", "title_only": "Title Only"}


class SlideWriter:
    """Appends plan elements to one slide's shape tree, numbering shapes 2, 3, … in plan order."""

    def __init__(self, slide, sp_tree):
        self.slide = slide
        self.tree = sp_tree
        self.next_id = 2

    def take_id(self) -> int:
        i = self.next_id
        self.next_id += 1
        return i

    def append(self, xml: str, parent=None) -> etree._Element:
        el = etree.fromstring(xml)
        (parent if parent is not None else self.tree).append(el)
        return el


def place_shape(w: SlideWriter, s: Shape, parent=None) -> None:
    w.append(fragments.shape(w.take_id(), s, "title" if s.role == "title" else None), parent)


def place_connector(w: SlideWriter, c: Connector, parent=None) -> None:
    w.append(fragments.connector(w.take_id(), c), parent)


def place_table(w: SlideWriter, t: Table, parent=None) -> None:
    w.append(fragments.table(w.take_id(), t), parent)


def place_picture(w: SlideWriter, p: Picture, parent=None) -> None:
    _, rid = w.slide.part.get_or_add_image_part(str(p.path))
    w.append(fragments.picture(w.take_id(), p.name, p.box, rid), parent)


def place_group(w: SlideWriter, g: Group, parent=None) -> None:
    el = w.append(fragments.group_open(w.take_id(), g.name, bounds(g.children)) + "</p:grpSp>", parent)
    for child in g.children:
        ELEMENT_RENDERERS[type(child)](w, child, el)


def bounds(elements) -> Box:
    boxes = []
    for e in iter_elements(elements):
        if isinstance(e, (Shape, Table, Picture)):
            boxes.append(e.box)
        elif isinstance(e, Connector):
            (x1, y1), (x2, y2) = e.start, e.end
            boxes.append(Box(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)))
    if not boxes:
        return Box(0, 0, 0, 0)
    x, y = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)


# One renderer per element type the plan can hold.
ELEMENT_RENDERERS: dict[type, Callable] = {
    Shape: place_shape,
    Connector: place_connector,
    Table: place_table,
    Picture: place_picture,
    Group: place_group,
}


def render_deck(deck: Deck, theme: Theme) -> bytes:
    """The deck as .pptx bytes (not yet made deterministic: see deckgen.writer)."""
    prs = new_presentation(deck, theme)
    layouts = {key: layout_by_name(prs, name) for key, name in DEFAULT_LAYOUTS.items()}
    body = theme.fonts["body"]
    for plan_slide in deck.slides:
        render_slide(prs, plan_slide, layouts[plan_slide.layout], body.latin, body.ea, deck.language)
    props = prs.core_properties
    props.title = deck.title
    props.author = deck.author or "deckgen"
    props.subject = deck.subject
    props.last_modified_by = "deckgen"
    props.revision = 1
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def render_slide(prs, plan_slide: Slide, layout, latin: str, ea: str, language: str) -> None:
    slide = prs.slides.add_slide(layout)
    tree = slide.shapes._spTree
    for ph in list(slide.placeholders):
        tree.remove(ph._element)
    if plan_slide.background is not None:
        fill = fragments.solid(plan_slide.background)
        slide._element.find(f"{{{fragments_ns('p')}}}cSld").insert(0, etree.fromstring(fragments.background(fill)))
    writer = SlideWriter(slide, tree)
    for element in plan_slide.elements:
        ELEMENT_RENDERERS[type(element)](writer, element)
    if plan_slide.notes:
        notes = slide.notes_slide
        tf = notes.notes_text_frame
        txbody = tf._txBody
        for p in txbody.findall(f"{{{fragments_ns('a')}}}p"):
            txbody.remove(p)
        for p in etree.fromstring(f"<x {fragments.NS}>{fragments.notes_body(plan_slide.notes, latin, ea, language)}"
                                  f"</x>"):
            txbody.append(p)


def fragments_ns(prefix: str) -> str:
    return {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
            "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}[prefix]


__all__ = ["render_deck", "ELEMENT_RENDERERS", "DEFAULT_LAYOUTS", "Path"]
