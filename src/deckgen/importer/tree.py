"""The recognised outline: days, modules, sections and points, each with where it came from and what was guessed."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Diagnostic, Loc, WARNING


@dataclass
class Guesses:
    """Fields whose values were guessed, with the reason each gets a `# TODO: check` comment."""

    reasons: dict[str, str] = field(default_factory=dict)

    def mark(self, name: str, reason: str) -> None:
        self.reasons[name] = reason

    def get(self, name: str) -> str | None:
        return self.reasons.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self.reasons

    def __len__(self) -> int:
        return len(self.reasons)


@dataclass
class ImportedPoint:
    text: str
    loc: Loc
    points: list["ImportedPoint"] = field(default_factory=list)
    guesses: Guesses = field(default_factory=Guesses)


@dataclass
class ProposedDiagram:
    """A diagram proposed from the text; `items` are (label, text-or-None)."""

    kind: str
    items: list[tuple[str, str | None]] = field(default_factory=list)
    centre: str | None = None
    axes: tuple[str, str] | None = None
    headings: tuple[str, str] | None = None
    rows: list[tuple[str | None, str, str]] = field(default_factory=list)  # (label, left, right)
    operator: str | None = None  # a formula's, when not ×
    result: str | None = None  # what a formula's factors make


@dataclass
class ImportedSection:
    title: str
    loc: Loc
    marker: str = ""
    kind: str = "content"
    label: str | None = None  # case chip
    type: str | None = None  # exercise chip
    points: list[ImportedPoint] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    minutes: int | None = None
    diagram: ProposedDiagram | None = None
    guesses: Guesses = field(default_factory=Guesses)
    time: "ReadTime" = field(default_factory=lambda: ReadTime())
    description: str = ""  # what the outline's own line says after the title (not a slide's speaker notes)


@dataclass
class ReadTime:
    """What the outline itself says about an item's time: a length, a clock start, a clock end."""

    minutes: int | None = None
    start: int | None = None  # minutes since midnight
    end: int | None = None

    @property
    def any(self) -> bool:
        return self.minutes is not None or self.start is not None


@dataclass
class AgendaEvent:
    """An agenda line that is no teaching: a break or lunch, the day's end, arrival before or dinner after."""

    kind: str  # breaks.BREAK, LUNCH, END, BEFORE, AFTER
    title: str
    loc: Loc
    after_sections: int  # how many of the day's sections come before it
    time: ReadTime = field(default_factory=ReadTime)


@dataclass
class ImportedModule:
    number: int
    title: str
    loc: Loc
    marker: str = ""
    sections: list[ImportedSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    guesses: Guesses = field(default_factory=Guesses)
    time: ReadTime = field(default_factory=ReadTime)


@dataclass
class ImportedBreak:
    at: str
    minutes: int
    title: str
    from_outline: bool = False


@dataclass
class ImportedDay:
    title: str
    loc: Loc
    modules: list[ImportedModule] = field(default_factory=list)
    start: str = "09:00"
    end: str = "17:00"
    breaks: list[ImportedBreak] = field(default_factory=list)
    events: list[AgendaEvent] = field(default_factory=list)  # breaks, lunch and the end as the outline gives them
    notes: list[str] = field(default_factory=list)  # text at day level, kept as comments
    times_read: bool = False  # start and end come from clock times in the outline
    guesses: Guesses = field(default_factory=Guesses)


@dataclass
class CourseFields:
    title: str = ""
    subtitle: str | None = None
    organisation: str | None = None
    trainers: list[str] = field(default_factory=list)
    language: str = "zh-CN"
    date: str | None = None
    place: str | None = None
    audience: str | None = None
    duration_days: int | None = None  # from 培训时长 / Duration, used when the outline marks no days


@dataclass
class ImportResult:
    source_name: str
    course: CourseFields = field(default_factory=CourseFields)
    days: list[ImportedDay] = field(default_factory=list)
    header_notes: list[str] = field(default_factory=list)  # header lines that are no course field
    trailer: list[str] = field(default_factory=list)  # sign-up / contact text after the outline
    course_guesses: Guesses = field(default_factory=Guesses)
    warnings: list[Diagnostic] = field(default_factory=list)

    def warn(self, message: str, line: int, col: int = 1, hint: str | None = None) -> None:
        self.warnings.append(Diagnostic(WARNING, message, Loc(self.source_name, line, col), hint))

    def loc(self, line: int, col: int = 1) -> Loc:
        return Loc(self.source_name, line, col)

    @property
    def modules(self) -> list[ImportedModule]:
        return [m for d in self.days for m in d.modules]

    @property
    def sections(self) -> list[ImportedSection]:
        return [s for m in self.modules for s in m.sections]

    @property
    def counts(self) -> dict[str, int]:
        points = sum(1 + len(p.points) for s in self.sections for p in s.points)
        todos = len(self.course_guesses) + sum(len(d.guesses) for d in self.days) \
            + sum(len(m.guesses) for m in self.modules) \
            + sum(len(s.guesses) + sum(len(p.guesses) for p in s.points) for s in self.sections)
        return {"days": len(self.days), "modules": len(self.modules), "sections": len(self.sections),
                "points": points, "guesses": len(self.warnings), "todos": todos}
