"""What `deckgen import` shows: the recognised tree (for --dry-run), the one-screen report and the one-line summary."""
from __future__ import annotations

from .tree import ImportedPoint, ImportedSection, ImportResult

_GUESS = " ?"  # marks a line that holds a guess (a TODO in the YAML)


def format_tree(result: ImportResult) -> str:
    """day → module → section (kind, line) → points, one per line."""
    out = [f"course: {result.course.title}{_GUESS if result.course_guesses else ''}"]
    for day in result.days:
        out.append(f"{day.title}  (line {day.loc.line}){_GUESS if 'title' in day.guesses else ''}")
        for module in day.modules:
            out.append(f"  module {module.number}: {module.title}  (line {module.loc.line})"
                       f"{_GUESS if module.guesses else ''}")
            for section in module.sections:
                out.append(f"    {_section_head(section)}")
                for point in section.points:
                    out += _point_lines(point, 6)
    return "\n".join(out) + "\n"


def _section_head(s: ImportedSection) -> str:
    kind = s.kind if s.diagram is None else f"{s.kind}/{s.diagram.kind}"
    chip = s.label or s.type
    title = f"{chip}: {s.title}" if chip else s.title
    guess = _GUESS if ("kind" in s.guesses or "diagram" in s.guesses or "title" in s.guesses) else ""
    return f"[{kind}] {title}  (line {s.loc.line}, col {s.loc.col}){guess}"


def _point_lines(p: ImportedPoint, indent: int) -> list[str]:
    out = [f"{' ' * indent}- {p.text}{_GUESS if p.guesses else ''}"]
    for sub in p.points:
        out += _point_lines(sub, indent + 2)
    return out


def summary(result: ImportResult) -> str:
    c = result.counts
    counted = ", ".join(_plural(c[k], k[:-1]) for k in ("days", "modules", "sections", "points"))
    return (f"{counted}; {_plural(c['guesses'], 'guess')} to check "
            f"({c['todos']} '# TODO: check' comment{'s' if c['todos'] != 1 else ''})")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}{'es' if word.endswith('s') else 's'}"


KINDS = ("content", "framework", "case", "exercise")
SHOWN_GUESSES = 12  # the report fits one screen; --verbose lists every guess


def report(result: ImportResult, verbose: bool = False) -> list[str]:
    """What was read (days, modules, sections by kind, minutes found vs estimated) and the guesses to check."""
    c = result.counts
    sections = result.sections
    by_kind = ", ".join(f"{n} {k}" for k in KINDS if (n := sum(1 for s in sections if s.kind == k)))
    found = [s for s in sections if "minutes" not in s.guesses and s.minutes]
    estimated = len(sections) - len(found)
    timed_days = sum(1 for d in result.days if d.times_read)
    outline_breaks = sum(1 for d in result.days for b in d.breaks if b.from_outline)
    assumed_breaks = sum(1 for d in result.days for b in d.breaks if not b.from_outline)
    lines = [
        f"read {result.source_name}: {_plural(c['days'], 'day')}, {_plural(c['modules'], 'module')}, "
        f"{_plural(c['sections'], 'section')} ({by_kind}), {_plural(c['points'], 'point')}",
        f"minutes: {len(found)} of {len(sections)} sections timed by the outline "
        f"({sum(s.minutes for s in found)} min), {estimated} estimated; clock times read for {timed_days} of "
        f"{_plural(len(result.days), 'day')}; breaks: {outline_breaks} from the outline, {assumed_breaks} assumed",
    ]
    guesses = result.warnings
    shown = guesses if verbose else guesses[:SHOWN_GUESSES]
    lines.append(f"{_plural(len(guesses), 'guess')} to check ({c['todos']} '# TODO: check' comments in the YAML)"
                 + (":" if shown else ""))
    lines += [f"  {g}" for g in shown]
    if len(shown) < len(guesses):
        lines.append(f"  … and {len(guesses) - len(shown)} more (--verbose lists them all)")
    return lines
