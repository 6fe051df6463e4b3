"""The build's record of a deck's texts: for each keyed shape, its paragraphs and the outline value each
came from, and each slide's notes; saved as `out/<course>/.deckgen-texts/<deck>.json` with the deck."""
from __future__ import annotations

import os

from .. import manifest as mf
from ..plan import Deck, Group, Origin, Shape, Table, TextBlock
from ..provenance import element_keys

FORMAT = 1
FOLDER = ".deckgen-texts"


def record_path(deck_path: str | os.PathLike) -> str:
    deck_path = os.fspath(deck_path)
    stem = os.path.splitext(os.path.basename(deck_path))[0]
    return os.path.join(os.path.dirname(deck_path), FOLDER, f"{stem}.json")


class _Origins:
    """Origins numbered once per deck (a title's origin is shared by its slide and its continuation)."""

    def __init__(self):
        self.index: dict[Origin, int] = {}

    def number(self, origin: Origin | None) -> int | None:
        if origin is None:
            return None
        return self.index.setdefault(origin, len(self.index))

    def as_json(self) -> list:
        return [[o.file, list(o.path), o.value] for o in self.index]


def _paragraphs(block: TextBlock, origins: _Origins) -> list:
    return [[p.text, origins.number(p.origin), p.level] for p in block.paragraphs]


def _shapes(number: int, elements, origins: _Origins, out: dict) -> None:
    for key, e in element_keys(number, elements):
        if isinstance(e, Group):
            continue
        elif isinstance(e, Shape) and e.text is not None and not any(p.field for p in e.text.paragraphs):
            out[key] = {"name": e.name, "title": e.role == "title", "paras": _paragraphs(e.text, origins)}
        elif isinstance(e, Table):
            out[key] = {"name": e.name, "cells": [[_paragraphs(c.text, origins) for c in row] for row in e.cells]}
        else:
            out[key] = {"name": e.name}


def deck_record(deck: Deck, sha256: str) -> dict:
    """What the deck with these bytes (sha256) shows, and where each text came from."""
    origins = _Origins()
    slides = []
    for n, slide in enumerate(deck.slides, start=1):
        shapes: dict = {}
        _shapes(n, slide.elements, origins, shapes)
        slides.append({"n": n, "kind": slide.kind, "title": slide.title, "shapes": shapes, "notes": slide.notes,
                       "notes_origin": origins.number(slide.notes_origin)})
    return {"format": FORMAT, "deck": deck.name, "sha256": sha256, "slides": slides, "origins": origins.as_json()}


def dumps(record: dict) -> bytes:
    """The record file's bytes (compact JSON: a 1,000-slide deck's is megabytes)."""
    import json
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def save(deck_path, record: dict) -> str:
    """Write the record atomically next to the deck."""
    return mf.write_atomic(record_path(deck_path), dumps(record))


def load(deck_path) -> dict | None:
    data = mf.load_json(record_path(deck_path))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data
