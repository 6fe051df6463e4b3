"""Renderers: place exactly what the slide plan says into a PowerPoint package (no layout decisions here)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from ..plan import Box, Chart, Connector, Deck, Group, Picture, QrCode, Shape, Slide, Table, iter_elements
from ..provenance import FIRST_SHAPE_ID, keyed_name
from ..theme import Theme
from ..writer import zip_entries
from . import fragments, media
from .base import new_presentation
from .masters import TITLE
from .fastpptx import SLIDE_HEAD, SLIDE_TAIL, SP_TREE_HEAD, FastSlides, package_entries
from .layouts import DEFAULT_LAYOUTS, LayoutChooser
from .package import list_notes_master, set_properties
from .theming import ThemeRefs

_FRAGMENT_NS = " " + fragments.NS


class SlideWriter:
    """Collects one slide's shape XML as text, numbering shapes 2, 3, … in plan order.

    Fragments come from render.fragments with their own namespace declarations (so each also parses on
    its own); the slide declares the namespaces once at its root, so they are dropped here.
    """

    def __init__(self, part, slides: FastSlides, refs: ThemeRefs | None = None, number: int = 0,
                 role_of=None):
        self.part = part
        self.slides = slides
        self.refs = refs  # the deck's theme colours and fonts, which every colour and typeface refers to
        self.number = number  # the slide's position in the deck: slide-number fields, the shapes' keys
        self.role_of = role_of  # shape -> the layout placeholder it fills (render.layouts), or None
        self.filled: set = set()  # placeholders filled so far: each at most once per slide
        self.depth = 0  # inside how many groups (a grouped shape is never a placeholder)
        self.pieces: list[str] = []
        self.next_id = FIRST_SHAPE_ID

    def placeholder(self, s: Shape):
        """The placeholder (type, index) `s` fills on this slide's layout, or None."""
        if self.depth or self.role_of is None:
            return None
        role = self.role_of(s)
        if role is None or role in self.filled:
            return None
        self.filled.add(role)
        return role

    def take_id(self) -> int:
        i = self.next_id
        self.next_id += 1
        return i

    def append(self, xml: str, parent=None) -> None:
        """Add a fragment at the current position (`parent` is accepted for older renderers and ignored:
        a group's children are whatever is appended between its opening and its closing tag)."""
        xml = xml.replace(_FRAGMENT_NS, "", 1)
        if fragments.LINK_PREFIX in xml:
            xml = fragments.LINK_RID.sub(lambda m: f'r:id="{self.link_rid(m.group(1))}"', xml)
        self.pieces.append(xml)

    def link_rid(self, quoted_url: str) -> str:
        """The slide's relationship to an external web address (one per address)."""
        from xml.sax.saxutils import unescape
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        return self.part.relate_to(unescape(quoted_url, {"&quot;": '"'}), RT.HYPERLINK, is_external=True)

    def image_rid(self, path) -> str:
        return self.slides.image_rid(self.part, path)


def keyed(w: SlideWriter, shape_id: int, name: str, xml: str) -> str:
    """The XML of a shape holding text with its key added to its name ('Points' → 'Points dg:12.5'), by
    which `deckgen pull` finds it again after PowerPoint or LibreOffice re-saved the deck (see
    deckgen.provenance). Shapes without text keep their names."""
    return xml.replace(f" name={fragments.attr(name)}",
                       f" name={fragments.attr(keyed_name(name, f'{w.number}.{shape_id}'))}", 1)


def place_shape(w: SlideWriter, s: Shape, parent=None) -> None:
    role = w.placeholder(s) if w.role_of is not None else (TITLE if s.role == "title" else None)
    i = w.take_id()
    xml = fragments.shape(i, s, role.type if role else None, refs=w.refs, idx=role.idx if role else None,
                          number=w.number)
    w.append(keyed(w, i, s.name, xml) if s.text is not None else xml, parent)


def place_connector(w: SlideWriter, c: Connector, parent=None) -> None:
    w.append(fragments.connector(w.take_id(), c, w.refs), parent)


def place_table(w: SlideWriter, t: Table, parent=None) -> None:
    i = w.take_id()
    w.append(keyed(w, i, t.name, fragments.table(i, t, w.refs)), parent)


def place_group(w: SlideWriter, g: Group, parent=None) -> None:
    w.append(fragments.group_open(w.take_id(), g.name, bounds(g.children), g.alt))
    w.depth += 1
    for child in g.children:
        ELEMENT_RENDERERS[type(child)](w, child)
    w.depth -= 1
    w.append("</p:grpSp>")


def bounds(elements) -> Box:
    boxes = []
    for e in iter_elements(elements):
        if isinstance(e, (Shape, Table, Picture, Chart, QrCode)):
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
    Picture: media.place_picture,
    Chart: media.place_chart,
    QrCode: media.place_qr,
    Group: place_group,
}


def render_deck(deck: Deck, theme: Theme, *, date: datetime | None = None) -> bytes:
    """The deck as .pptx bytes, deterministic: the same deck, theme and date give the same bytes.

    `date` (UTC) becomes the document's created and modified dates; without it the package has none.
    Nothing here reads the clock.
    """
    prs = new_presentation(deck, theme)
    refs = ThemeRefs.for_theme(theme)
    layouts = LayoutChooser(prs, deck, theme, refs)  # deckgen's own, or the template's by name
    body = theme.fonts["body"]
    list_notes_master(prs)
    slides = FastSlides(prs)
    for number, plan_slide in enumerate(deck.slides, start=1):
        layout, role_of = layouts.for_slide(plan_slide)
        render_slide(slides, plan_slide, layout, body.latin, body.ea, deck.language, refs=refs, number=number,
                     role_of=role_of)
    set_properties(prs, deck, theme, date)
    return zip_entries(package_entries(prs))


def render_slide(slides: FastSlides, plan_slide: Slide, layout, latin: str, ea: str, language: str, *,
                 refs: ThemeRefs | None = None, number: int = 0, role_of=None):
    """Append one slide (and its notes slide when it has notes); returns the slide part. `number` is the
    slide's position in the deck: its slide-number fields show it and its shapes' keys name it."""
    part = slides.new_slide(layout)
    w = SlideWriter(part, slides, refs, number, role_of)
    for element in plan_slide.elements:
        ELEMENT_RENDERERS[type(element)](w, element)
    background = ""
    if plan_slide.background_picture is not None:
        background = media.background(w, plan_slide.background_picture)
    elif plan_slide.background is not None:
        background = fragments.background(fragments.solid(plan_slide.background, refs)).replace(_FRAGMENT_NS, "", 1)
    part.set_xml("".join((SLIDE_HEAD, background, SP_TREE_HEAD, *w.pieces, SLIDE_TAIL)))
    if plan_slide.notes:
        slides.add_notes(part, fragments.notes_body(plan_slide.notes, latin, ea, language))
    return part


__all__ = ["render_deck", "ELEMENT_RENDERERS", "DEFAULT_LAYOUTS", "Path"]
