"""The timing plan: section minutes, breaks and lunch turned into clock times for each day."""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Diagnostics
from .outline import Break, Day, Module, Section


def to_minutes(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


MINUTES_PER_DAY = 24 * 60


def clock(minutes: int) -> str:
    """A time of day; a teaching day never runs past midnight (schedule_day makes that an error), so a
    later time only shows where the error is already reported, and then as the clock would show it."""
    minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def span(start: int, end: int) -> str:
    return f"{clock(start)}–{clock(end)}"


@dataclass(frozen=True)
class Slot:
    kind: str  # "section" or "break"
    start: int
    end: int
    title: str
    module: Module | None = None
    section: Section | None = None
    brk: Break | None = None

    @property
    def span(self) -> str:
        return span(self.start, self.end)


@dataclass
class DaySchedule:
    day: Day
    slots: list[Slot] = field(default_factory=list)
    modules: dict[int, tuple[int, int]] = field(default_factory=dict)  # module number -> (start, end)
    sections: dict[tuple[int, int], Slot] = field(default_factory=dict)  # (module number, index) -> slot
    # module number -> its clock spans: one, or more when a break falls inside the module
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return to_minutes(self.day.start)

    @property
    def end(self) -> int:
        return self.slots[-1].end if self.slots else self.start

    @property
    def teaching_minutes(self) -> int:
        return sum(s.end - s.start for s in self.slots if s.kind == "section")

    def breaks(self) -> list[Slot]:
        return [s for s in self.slots if s.kind == "break"]


def schedule_day(day: Day, diags: Diagnostics | None = None) -> DaySchedule:
    """Lay the day's sections end to end from its start, taking each break at the first section
    boundary at or after the break's time."""
    sched = DaySchedule(day)
    now = to_minutes(day.start)
    pending = sorted(day.breaks, key=lambda b: to_minutes(b.at))
    for module in day.modules:
        m_start = None
        spans = sched.spans.setdefault(module.number, [])
        for index, section in enumerate(module.sections):
            while pending and to_minutes(pending[0].at) <= now:
                b = pending.pop(0)
                if spans and spans[-1][1] is None:
                    spans[-1] = (spans[-1][0], now)  # the module pauses for the break
                sched.slots.append(Slot("break", now, now + b.minutes, b.title or "", brk=b))
                now += b.minutes
            if m_start is None:
                m_start = now
            if not spans or spans[-1][1] is not None:
                spans.append((now, None))
            minutes = section.minutes or 0
            slot = Slot("section", now, now + minutes, section.title, module, section)
            sched.slots.append(slot)
            sched.sections[(module.number, index)] = slot
            now += minutes
        sched.modules[module.number] = (m_start if m_start is not None else now, now)
        if spans and spans[-1][1] is None:
            spans[-1] = (spans[-1][0], now)
        if not spans:
            spans.append((now, now))
    if diags is not None:
        last = next((s for s in reversed(sched.slots) if s.kind == "section"), None)
        for b in pending:
            if last is not None and last.start < to_minutes(b.at) < last.end:
                # Breaks are only taken between sections: one due inside the last section is never reached.
                diags.warning(f"the break at {b.at} falls inside the day's last section '{last.title}' "
                              f"({last.span}); breaks are taken only between sections, so it is left out", b.loc,
                              "move the break to the time a section starts, or split that section")
            elif to_minutes(b.at) <= now:  # due when the last section ends: there is nothing to break from
                diags.warning(f"the break at {b.at} falls after the day's last section (teaching ends at "
                              f"{clock(now)}), so it is left out", b.loc)
            else:
                diags.warning(f"the break at {b.at} is never reached: the day's teaching ends at {clock(now)}",
                              b.loc)
        if now > MINUTES_PER_DAY:
            diags.error(f"{day.title} runs past midnight: starting at {day.start}, its sections and breaks "
                        f"take {now - to_minutes(day.start)} minutes, until {clock(now)} the next day",
                        day.loc, "a teaching day ends before midnight: start earlier, shorten some sections' "
                        "minutes, or move a module to another day")
        elif day.end and now > to_minutes(day.end):
            diags.warning(f"{day.title} runs until {clock(now)}, past its end at {day.end} "
                          f"(over by {now - to_minutes(day.end)} minutes)", day.loc,
                          "shorten some sections' minutes or move a module to another day")
        for module in day.modules:
            for section in module.sections:
                if section.minutes is None:
                    diags.warning(f"section '{section.title}' has no minutes: the clock times after it are "
                                  "too early", section.loc)
    return sched
