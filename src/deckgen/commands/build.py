"""`deckgen build` and `deckgen check`: load, validate and plan a course; render and write its decks."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckgenError, Diagnostics
from ..outline import Course, load_course
from ..plan import CoursePlan, Deck
from ..theme import Theme, resolve_theme


@dataclass
class Planned:
    course: Course
    theme: Theme
    plan: CoursePlan
    diagnostics: Diagnostics


@dataclass
class Written:
    path: Path
    slides: int
    seconds: float


@dataclass
class BuildResult:
    written: list[Written] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0


def plan(course_dir: Path, *, theme_name: str | None = None, overrides: list[str] = (),
         per_module: bool = False, themes_dirs: list[Path] | None = None) -> Planned:
    """Everything up to the slide plan; raises DeckgenError with every problem found."""
    from ..planner import plan_course
    course, diags = load_course(Path(course_dir))
    diags.raise_if_errors()
    try:
        theme, theme_diags = resolve_theme(theme_name or course.theme, course.folder, overrides=list(overrides),
                                           extra_dirs=themes_dirs,
                                           name_loc=None if theme_name else course.theme_loc)
    except DeckgenError as exc:
        raise DeckgenError(diags.items + exc.diagnostics) from None
    diags.extend(theme_diags)
    course_plan = plan_course(course, theme, diags, per_module=per_module)
    diags.raise_if_errors()
    return Planned(course, theme, course_plan, diags)


def build(course_dir: Path, out_dir: Path = Path("out"), **options) -> BuildResult:
    from ..render import render_deck
    from ..writer import normalise_zip, write_atomic
    started = time.perf_counter()
    planned = plan(course_dir, **options)
    target = Path(out_dir) / planned.course.slug
    result = BuildResult(diagnostics=planned.diagnostics)
    rendered: list[tuple[Deck, bytes, float]] = []
    for deck in planned.plan.decks:
        t = time.perf_counter()
        rendered.append((deck, normalise_zip(render_deck(deck, planned.theme)), time.perf_counter() - t))
    # Every deck is rendered before any is written: a failure leaves all previous outputs as they were.
    for deck, data, seconds in rendered:
        path = target / f"{deck.name}.pptx"
        write_atomic(path, data)
        result.written.append(Written(path, len(deck.slides), seconds))
    result.seconds = time.perf_counter() - started
    return result
