"""Golden slide plans: a readable text snapshot of every slide of the sample course, the diagram gallery
and a small English course (kind, layout, every element's box, colours, text, sizes, notes), checked into
tests/golden/. Any change to any slide fails with a diff.

A deliberate change is recorded with

    python -m pytest tests/test_golden.py --update-golden

and the diff of tests/golden/ is then read and committed with the change that caused it.
"""
from __future__ import annotations

import dataclasses
import difflib
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, working_directory
from deckgen.commands.build import plan
from deckgen.plan import EMU_PER_INCH, Box, Colour

sys.path.insert(0, str(ROOT / "bench"))
from synth import make_small_course  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
# Where a text came from (deckgen.provenance, for `deckgen pull`), not what a slide shows: tests/test_pull.py
# checks it. ("name" is shown in each element's heading line.)
_PROVENANCE = ("name", "origin", "notes_origin")


def inches(emu: int) -> str:
    return f"{emu / EMU_PER_INCH:.3f}"


def show(value) -> str:
    """One field value as text: boxes in inches, colours by theme slot and hex, paths by name."""
    if isinstance(value, Box):
        return f"({inches(value.x)},{inches(value.y)} {inches(value.w)}×{inches(value.h)})"
    if isinstance(value, Colour):
        extra = ",".join(f"{f.name}={getattr(value, f.name)}" for f in dataclasses.fields(value)
                         if f.name not in ("hex", "slot") and getattr(value, f.name) != f.default)
        return f"{value.slot or ''}#{value.hex.lstrip('#')}" + (f"[{extra}]" if extra else "")
    if isinstance(value, Path):
        return value.name
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple) and value and all(isinstance(v, Colour) for v in value):
        return "(" + ", ".join(show(v) for v in value) + ")"
    if isinstance(value, tuple) and value and all(isinstance(v, int) for v in value):
        return "(" + ",".join(inches(v) for v in value) + ")"
    return repr(value)


def describe(obj, indent: str) -> list[str]:
    """A plan dataclass as lines: scalar fields on one line, nested dataclasses (and tuples of them) below."""
    head, below = [], []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in _PROVENANCE or value == f.default or (f.default_factory is not dataclasses.MISSING
                                                      and value == f.default_factory()):
            continue
        if dataclasses.is_dataclass(value) and not isinstance(value, (Box, Colour)):
            below.append(f"{indent}  {f.name}: {type(value).__name__}")
            below += describe(value, indent + "    ")
        elif isinstance(value, tuple) and value and all(
                dataclasses.is_dataclass(v) and not isinstance(v, (Box, Colour)) for v in value):
            for v in value:
                below.append(f"{indent}  {f.name}[]: {type(v).__name__} {getattr(v, 'name', '')}".rstrip())
                below += describe(v, indent + "    ")
        elif isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value) and \
                all(dataclasses.is_dataclass(c) for row in value for c in row):
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    below.append(f"{indent}  {f.name}[{r}][{c}]: {type(cell).__name__}")
                    below += describe(cell, indent + "    ")
        else:
            head.append(f"{f.name}={show(value)}")
    return ([f"{indent}  " + " ".join(head)] if head else []) + below


def snapshot(course: Path) -> str:
    with working_directory(ROOT):
        planned = plan(course, per_module=False)
    lines = []
    for deck in planned.plan.decks:
        lines.append(f"# deck {deck.name}: {deck.title!r} {inches(deck.width)}×{inches(deck.height)} in, "
                     f"{len(deck.slides)} slides, {deck.language}")
        for number, slide in enumerate(deck.slides, 1):
            where = f"{Path(slide.source.file).name}:{slide.source.line}" if slide.source else "-"
            lines.append(f"\n## {deck.name} slide {number}: {slide.kind} {slide.title!r} layout={slide.layout} "
                         f"from {where} minutes={slide.minutes} clock={slide.clock}")
            if slide.background or slide.background_image:
                lines.append(f"  background={show(slide.background) if slide.background else '-'} "
                             f"image={show(slide.background_image) if slide.background_image else '-'}")
            for element in slide.elements:
                lines.append(f"  {type(element).__name__} {getattr(element, 'name', '')!r}")
                lines += describe(element, "  ")
            for note in slide.notes.splitlines():
                lines.append(f"  notes| {note}")
    for d in planned.diagnostics:
        lines.append(f"diagnostic: {d}")
    return "\n".join(lines) + "\n"


def english_course(tmp_path_factory) -> Path:
    return make_small_course(tmp_path_factory.mktemp("golden") / "decks" / "sell")


COURSES = {
    "b2b-sales-management": lambda _: SAMPLE,
    "diagram-gallery": lambda _: ROOT / "decks" / "diagram-gallery",
    "small-english": english_course,
}


@pytest.mark.parametrize("name", sorted(COURSES))
def test_the_slide_plan_matches_the_golden_snapshot(name, request, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    actual = snapshot(COURSES[name](tmp_path_factory))
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"no snapshot yet: run pytest {__file__} --update-golden"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                 f"tests/golden/{name}.txt", "this build", n=2))[:400])
        pytest.fail(f"the slide plan of {name} changed (if on purpose: pytest tests/test_golden.py "
                    f"--update-golden, then review the diff):\n{diff}", pytrace=False)


def test_the_snapshot_shows_text_sizes_boxes_and_colours():
    """The snapshot is only worth its diff if it holds what a reader of the slide would notice."""
    text = (GOLDEN / "b2b-sales-management.txt").read_text(encoding="utf-8")
    assert "size=" in text and "box=(" in text and "fill=" in text and "notes| " in text
    assert "## day-2 slide 1: cover" in text
