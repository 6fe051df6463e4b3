"""What `deckgen import` shows: the recognised tree (for --dry-run) and the one-line summary."""
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
