"""A synthetic course of about N text slides with speaker notes (no diagrams), for benchmarks and tests."""
from __future__ import annotations

import sys
from pathlib import Path

MODULES = 5  # an agenda has room for about five modules a day
DAY_SECTIONS = 1200  # one-minute sections a day can hold between 00:00 and midnight, with room to spare


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_course(folder: Path, slides: int = 1000, *, notes: bool = True, days: int = 1) -> Path:
    """Write course.yaml and module files to `folder` for a course of about `slides` slides per run.

    Every module has a divider and enough one-minute content sections of five short points each
    (a bulleted list, one slide per section); the day adds a cover, an agenda and a closing slide.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # A teaching day must end before midnight: days start at 00:00 and hold at most DAY_SECTIONS one-minute
    # sections, so a bigger course is spread over more days (more decks, the same slides in all).
    days = max(days, -(-slides // DAY_SECTIONS))
    n_modules = MODULES * days
    per_day = MODULES
    # cover, agenda and closing per day, a divider per module, one slide per section
    total_sections = max(n_modules, slides - 3 * days - n_modules)
    for old in folder.glob("*.yaml"):
        old.unlink()
    names = []
    for m in range(1, n_modules + 1):
        lines = [f"number: {m}", f"title: {_quote(f'Module {m}: selling with a plan')}", "sections:"]
        sections = total_sections // n_modules + (1 if m <= total_sections % n_modules else 0)
        for s in range(1, sections + 1):
            lines += ["  - kind: content", f"    title: {_quote(f'Topic {m}.{s}: what good looks like')}",
                      "    minutes: 1", "    points:"]
            lines += [f"      - {_quote(f'Point {p} of topic {m}.{s}: a short, concrete statement')}"
                      for p in range(1, 6)]
            if notes:
                lines += ["    notes: |",
                          f"      Ask the group for an example of topic {m}.{s} from their own accounts.",
                          "      Write two answers on the flip chart and come back to them at the end."]
        name = f"{m:03d}-module.yaml"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        names.append(name)
    course = ["title: Synthetic sales course", "language: en", "trainers: [Bench Runner]", "days:"]
    for d in range(days):
        chunk = names[d * per_day:(d + 1) * per_day]
        if not chunk:
            break
        course += [f"  - title: Day {d + 1}", '    start: "00:00"', "    modules:"]
        course += [f"      - {n}" for n in chunk]
    (folder / "course.yaml").write_text("\n".join(course) + "\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    make_course(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)


SMALL_MODULE = """number: {n}
title: "Module {n}: {title}"
objectives:
  - Know what module {n} is for
sections:
  - kind: content
    title: "What good looks like in part {n}"
    minutes: {minutes}
    points:
      - "First point of module {n}"
      - "Second point of module {n}, a little longer than the first one"
      - "Third point of module {n}"
      - "Fourth point of module {n}"
      - "Fifth point of module {n}"
    notes: |
      Ask for one example from the room for module {n}.
  - kind: case
    title: "A case for module {n}"
    minutes: 15
    background: |
      A team of five sells to large accounts and misses its quarter.
    questions:
      - What would you change first?
    notes: |
      Let the groups discuss, then take two answers.
"""


def make_small_course(folder: Path, *, days: int = 2, modules_per_day: int = 2) -> Path:
    """A small English course (content and case sections, no diagrams): quick to build in tests."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["title: Selling with a plan", "language: en", "trainers: [Test Trainer]", "days:"]
    n = 0
    for d in range(1, days + 1):
        lines += [f"  - title: Day {d}", '    start: "09:00"', "    modules:"]
        for _ in range(modules_per_day):
            n += 1
            name = f"{n:02d}-module.yaml"
            (folder / name).write_text(SMALL_MODULE.format(n=n, title="planning the quarter", minutes=20),
                                       encoding="utf-8")
            lines.append(f"      - {name}")
    (folder / "course.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
