"""Provenance: which outline value each text on a slide shows, and the key each shape is found by again.

`deckgen pull` carries edits made in PowerPoint back into the outline, so the plan says, for every
paragraph, the outline file, the YAML path and the value it came from (`plan.Origin`), and the renderer
names every shape with a short key (`Points dg:12.5`: slide 12 of the deck, shape id 5, i.e. the fourth
element in plan order); the plan's own names stay as they are.

Why the shape name: PowerPoint, LibreOffice and python-pptx keep a shape's name (`p:cNvPr name`) through
saving, copying and reordering, while LibreOffice drops `descr`, slide names and extension elements and
renames placeholders (the title then is "PlaceHolder 1", found as the title of a slide whose other shapes
carry its key). The key only has to be unique within its deck: the build records what each key held
(deckgen.pull.record), so the key itself need not survive a rebuild.

Origins are attached here, after a section's slides are planned, by matching each paragraph's text with
the values of the section (or module, or course) it was planned from: the slide planners need not know
about provenance, and a new slide design or diagram is covered as long as it shows the outline's texts.
Whitespace is ignored in the match (fitting inserts line breaks), and three ways a slide reshapes a value
are recognised: a block of lines flowed into one paragraph, a continued title ("… (续)"), and a point
split into its lead term and the rest ("需求界定—被动满足…" as a card's heading and text).
"""
from __future__ import annotations

import dataclasses
import re

from .plan import Group, Origin, Shape, Slide, Table

KEY_MARK = " dg:"
_KEY = re.compile(r" dg:(\d+\.\d+)$")
_SPACE = re.compile(r"\s+")
# Outline fields that are never shown as text on a slide, or are planned on their own.
_NOT_TEXT = frozenset({"loc", "path", "kind", "minutes", "number", "sections", "days", "modules", "breaks",
                       "theme", "theme_loc", "folder", "language", "start", "end"})


def keyed_name(name: str, key: str) -> str:
    return f"{name}{KEY_MARK}{key}"


def key_of(name: str | None) -> str | None:
    """The key in a shape's name ('Points dg:12.3' → '12.3'), None when it has none."""
    m = _KEY.search(name or "")
    return m.group(1) if m else None


def plain_name(name: str) -> str:
    """A shape's name without its key ('Points dg:12.5' → 'Points')."""
    return _KEY.sub("", name or "")


def squash(text: str) -> str:
    """Text without whitespace: what fitting's line breaks and a block's line joins cannot change."""
    return _SPACE.sub("", text)


def outline_values(obj, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(YAML path, text) of every text value in an outline object, in field order: dataclass fields are
    the YAML keys, tuples its lists (a Section's points, a Diagram's items, a grid's rows)."""
    out: list[tuple[tuple, str]] = []
    _collect(obj, path, out)
    return out


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}  # per outline dataclass: its fields that may hold text


def _collect(obj, path: tuple, out: list) -> None:
    if isinstance(obj, str):
        if obj.strip():
            out.append((path, obj))
    elif isinstance(obj, tuple):
        for i, v in enumerate(obj):
            if v is not None:
                _collect(v, path + (i,), out)
    elif dataclasses.is_dataclass(obj):
        if isinstance(getattr(obj, "source", None), str):
            return  # its values come from the file it names (a table's CSV), not from this YAML
        names = _TEXT_FIELDS.get(type(obj))
        if names is None:
            names = _TEXT_FIELDS[type(obj)] = tuple(f.name for f in dataclasses.fields(obj)
                                                    if f.name not in _NOT_TEXT)
        for name in names:
            value = getattr(obj, name)
            if value is not None:
                _collect(value, path + (name,), out)


def _with(obj, **changes):
    """A copy of a frozen plan dataclass with some fields changed (dataclasses.replace runs __init__ for
    every field; this is the hot path of attaching origins to a thousand slides)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    new.__dict__.update(changes)
    return new


class _Matcher:
    """Finds the outline value a paragraph shows; a value already claimed is taken again only when no
    other value matches (the same title on a slide and its continuation)."""

    def __init__(self, file: str, values: list[tuple[tuple, str]], continued: str):
        self.exact: dict[str, list[Origin]] = {}
        self.parts: dict[str, list[Origin]] | None = None  # made on the first text that is no whole value
        self.continued = squash(continued)
        self.origins = [Origin(file, path, value) for path, value in values]
        for origin in self.origins:
            self.exact.setdefault(squash(origin.value), []).append(origin)
        self.claimed: set[Origin] = set()

    def _parts(self) -> dict[str, list[Origin]]:
        if self.parts is None:
            from .slides.content import split_term
            self.parts = {}
            for origin in self.origins:
                term, desc = split_term(origin.value)
                if term:
                    for piece in (term, desc):
                        self.parts.setdefault(squash(piece), []).append(origin)
        return self.parts

    def find(self, text: str) -> Origin | None:
        key = squash(text)
        if not key:
            return None
        candidates = self.exact.get(key) or self._parts().get(key)
        if not candidates and self.continued and key.endswith(self.continued):
            candidates = self.exact.get(key[: -len(self.continued)])
        if not candidates:
            return None
        chosen = next((o for o in candidates if o not in self.claimed), candidates[0])
        self.claimed.add(chosen)
        return chosen


def _with_origins(block, matcher: _Matcher):
    """The block with origins on its paragraphs; the same object when none was found (a plan holds
    hundreds of thousands of objects: nothing is copied that does not change)."""
    paras, changed = [], False
    for p in block.paragraphs:
        origin = None if p.origin is not None or p.field else matcher.find(p.text)
        if origin is not None:
            p = _with(p, origin=origin)
            changed = True
        paras.append(p)
    return _with(block, paragraphs=tuple(paras)) if changed else block


def _element_with_origins(e, matcher: _Matcher):
    if isinstance(e, Shape) and e.text is not None:
        text = _with_origins(e.text, matcher)
        return e if text is e.text else _with(e, text=text)
    if isinstance(e, Table):
        cells = tuple(tuple(c if (t := _with_origins(c.text, matcher)) is c.text else _with(c, text=t)
                            for c in row) for row in e.cells)
        return _with(e, cells=cells)
    if isinstance(e, Group):
        children = tuple(_element_with_origins(c, matcher) for c in e.children)
        return e if all(a is b for a, b in zip(children, e.children)) else _with(e, children=children)
    return e


def attach(slides: list[Slide], file: str, values: list[tuple[tuple, str]], *, continued: str = "",
           notes: tuple[tuple, str | None] | None = None) -> list[Slide]:
    """The slides planned from one outline object, their paragraphs given the origins of the values they
    show; `notes` (path, value) is the object's facilitator notes, held by the first slide's notes."""
    matcher = _Matcher(file, values, continued)
    out = []
    for i, slide in enumerate(slides):
        elements = tuple(_element_with_origins(e, matcher) for e in slide.elements)
        if any(a is not b for a, b in zip(elements, slide.elements)):
            slide = _with(slide, elements=elements)
        if i == 0 and notes is not None:
            path, value = notes
            value = value or ""
            if value.strip() in slide.notes:
                slide = _with(slide, notes_origin=Origin(file, path, value))
        out.append(slide)
    return out


FIRST_SHAPE_ID = 2  # a slide's shapes are numbered from 2 in plan order (1 is the slide's shape tree)


def element_keys(slide_number: int, elements):
    """(key, element) for every element of a slide in plan order, groups' children included: the key the
    renderer writes into the element's shape name (render.keyed), '12.5' for slide 12's shape id 5."""
    from .plan import iter_elements
    for i, e in enumerate(iter_elements(elements)):
        yield f"{slide_number}.{FIRST_SHAPE_ID + i}", e


__all__ = ["KEY_MARK", "FIRST_SHAPE_ID", "keyed_name", "key_of", "plain_name", "squash", "outline_values", "attach",
           "element_keys"]
