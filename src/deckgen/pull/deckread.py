"""The texts of a deck as someone left it: each slide's keyed shapes, title, free text boxes and notes.

A slide is recognised by the keys its shapes carry (`Points dg:12.3` is on slide 12 as built), whatever
its position now; its title is the title placeholder (LibreOffice renames placeholders, so the key of the
title may be gone). Body, footer and number placeholders that LibreOffice renamed get their key back from
their place among the slide's shapes: LibreOffice keeps the shapes' order, and keys number them in order.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckgenError, Loc
from ..provenance import key_of

_TITLE_TYPES = {"TITLE", "CENTER_TITLE", "VERTICAL_TITLE"}


@dataclass
class Para:
    text: str  # line breaks as "\n"
    indent: int  # the paragraph's left margin in EMU (its level, as deckgen draws levels)


@dataclass
class EditedShape:
    key: str | None
    name: str
    paras: list[Para] | None = None  # a text shape
    cells: list[list[list[Para]]] | None = None  # a table
    title: bool = False  # the slide's title placeholder
    placeholder: bool = False  # any placeholder (LibreOffice renames them: see _rekey)


@dataclass
class EditedSlide:
    position: int  # 1-based, in the deck as it is now
    number: int | None  # the slide it was when built (from its shapes' keys), None for a new slide
    shapes: dict[str, EditedShape] = field(default_factory=dict)
    title: EditedShape | None = None
    free: list[EditedShape] = field(default_factory=list)  # text shapes without a key deckgen knows
    notes: str = ""


def _paras(text_frame) -> list[Para]:
    out = []
    for p in text_frame.paragraphs:
        ppr = p._p.pPr
        indent = int(ppr.get("marL", "0")) if ppr is not None else 0
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        out.append(Para(p.text.replace("\v", "\n").replace("\r", ""), indent + level * 1_000_000))
    return out


def _walk(shapes):
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield shape
            yield from _walk(shape.shapes)
        else:
            yield shape


def _is_title(shape) -> bool:
    if not shape.is_placeholder:
        return False
    try:
        return shape.placeholder_format.type is not None and shape.placeholder_format.type.name in _TITLE_TYPES
    except (AttributeError, ValueError):
        return False


def read_deck(path: Path) -> list[EditedSlide]:
    try:
        from pptx import Presentation
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a deck
        raise DeckgenError(f"cannot read this file as a PowerPoint deck: {exc}", Loc.of(path)) from None
    slides = []
    seen: set[str] = set()
    for position, slide in enumerate(prs.slides, start=1):
        shapes = []
        for shape in _walk(slide.shapes):
            key = key_of(shape.name)
            edited = EditedShape(key, shape.name, title=_is_title(shape), placeholder=shape.is_placeholder)
            if getattr(shape, "has_table", False) and shape.has_table:
                edited.cells = [[_paras(cell.text_frame) for cell in row.cells] for row in shape.table.rows]
            elif shape.has_text_frame:
                edited.paras = _paras(shape.text_frame)
            shapes.append(edited)
        numbers = Counter(int(s.key.split(".")[0]) for s in shapes if s.key)
        number = numbers.most_common(1)[0][0] if numbers else None
        if number is not None:
            _rekey(shapes, number)
        out = EditedSlide(position, number)
        for s in shapes:
            if s.title and out.title is None:
                out.title = s
            if s.key and int(s.key.split(".")[0]) == number and s.key not in seen:
                seen.add(s.key)
                out.shapes[s.key] = s
            elif not s.title and _has_text(s):
                out.free.append(s)
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            if frame is not None:
                out.notes = "\n".join(p.text.replace("\v", "\n") for p in frame.paragraphs)
        slides.append(out)
    return slides


def _rekey(shapes: list[EditedShape], number: int) -> None:
    """Give a renamed placeholder (not the title: that one is found as the title) the key of its place: the
    shape ids in keys run in document order, so where the keyed shapes before and after it agree on the
    offset between position and id, its id is its position plus that offset."""
    offsets = [(i, int(s.key.split(".")[1]) - i) for i, s in enumerate(shapes)
               if s.key and s.key.split(".")[0] == str(number)]
    for k, s in enumerate(shapes):
        if s.key or s.title or not s.placeholder:
            continue
        before = [d for i, d in offsets if i < k][-1:]
        after = [d for i, d in offsets if i > k][:1]
        found = set(before + after)
        if len(found) == 1:
            s.key = f"{number}.{k + found.pop()}"


def _has_text(s: EditedShape) -> bool:
    if s.paras is not None:
        return any(p.text.strip() for p in s.paras)
    if s.cells is not None:
        return any(p.text.strip() for row in s.cells for cell in row for p in cell)
    return False
