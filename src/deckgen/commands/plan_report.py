"""`deckgen plan`: the timing plan as a terminal table, and the whole slide plan as JSON.

The table needs only the outline (it prints even while some slide cannot be planned yet); the JSON is
the slide plan exactly as `deckgen build` would render it, with each slide's source line, minutes and
clock time, plus the schedule.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import yamlsource
from ..errors import DeckgenError, Diagnostics, Loc
from ..outline import Course, load_course
from ..schedule import DaySchedule, Slot, clock, schedule_day, to_minutes
from .build import Planned, plan

JSON_FORMAT_VERSION = 1


@dataclass
class ScheduleReport:
    course: Course
    days: list[DaySchedule]
    diagnostics: Diagnostics


def schedule_report(course_dir: Path, variant: str | None = None) -> ScheduleReport:
    """The course's (or a variant's) schedule, day by day, with the schedule's warnings (overrun, missing
    minutes)."""
    from ..variants import apply
    course, diags = load_course(Path(course_dir))
    diags.raise_if_errors()
    course, _ = apply(course, variant, diags)
    diags.raise_if_errors()
    days = [schedule_day(day, diags) for day in course.days]
    return ScheduleReport(course, days, diags)


# --- the terminal table ----------------------------------------------------------------------------

def display_width(text: str) -> int:
    """Columns a terminal gives the text: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1
               for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for c in text:
        w = display_width(c)
        if used + w > width - 1:
            break
        out += c
        used += w
    return out + "…"


def break_minutes(sched: DaySchedule) -> int:
    return sum(s.end - s.start for s in sched.breaks())


def end_summary(sched: DaySchedule) -> str:
    day, end = sched.day, sched.end
    teach, rest = sched.teaching_minutes, break_minutes(sched)
    total = end - sched.start
    text = (f"{teach} min teaching + {rest} min breaks = {total // 60} h {total % 60:02d} min; "
            f"ends {clock(end)}")
    if day.end:
        diff = to_minutes(day.end) - end
        if diff > 0:
            text += f", planned end {day.end} ({diff} min to spare)"
        elif diff == 0:
            text += f", exactly at the planned end {day.end}"
        else:
            text += f", planned end {day.end} (OVER BY {-diff} min)"
    else:
        text += " (no planned end in course.yaml)"
    return text


def format_by_facilitator(report: ScheduleReport) -> str:
    """Each facilitator's teaching minutes per day and in all; each day's column adds up to its teaching
    minutes (every section has a lead once facilitators are known)."""
    from ..facilitators import minutes_by_lead
    course = report.course
    per_day = [minutes_by_lead(s) for s in report.days]
    people = [f.name for f in course.facilitators]
    people += [p for day in per_day for p in day if p not in people and p is not None]
    if any(None in day for day in per_day):
        people.append(None)
    def label(person):
        f = course.facilitator(person)
        return clip((person or "(nobody named)") + (f" ({f.role})" if f and f.role else ""), 40)
    name_w = max([display_width(label(p)) for p in people] + [len("Facilitator"), len("Teaching")])
    col_w = max([8] + [display_width(s.day.title) for s in report.days])
    lines = [_title(course), ""]
    head = pad("Facilitator", name_w) + "".join("  " + pad(s.day.title, col_w, right=True) for s in report.days)
    lines += ["  " + head + "  " + pad("Total", 8, right=True),
              "  " + "─" * (name_w + (col_w + 2) * len(report.days) + 10)]
    for person in people:
        cells = [day.get(person, 0) for day in per_day]
        lines.append("  " + pad(label(person), name_w) +
                     "".join("  " + pad(_hm(c), col_w, right=True) for c in cells) +
                     "  " + pad(_hm(sum(cells)), 8, right=True))
    totals = [s.teaching_minutes for s in report.days]
    lines.append("  " + "─" * (name_w + (col_w + 2) * len(report.days) + 10))
    lines.append("  " + pad("Teaching", name_w) + "".join("  " + pad(_hm(t), col_w, right=True) for t in totals)
                 + "  " + pad(_hm(sum(totals)), 8, right=True))
    return "\n".join(lines) + "\n"


def _hm(minutes: int) -> str:
    return f"{minutes} min"


def _title(course: Course) -> str:
    return course.title + (f"  [variant {course.variant}]" if course.variant else "")


def format_schedule(report: ScheduleReport, title_width: int = 52) -> str:
    """Every day as a table: clock span, module / section, kind, minutes; breaks; the day's total."""
    lines: list[str] = [_title(report.course), ""]
    time_w, kind_w, min_w = 11, 9, 4
    for sched in report.days:
        day = sched.day
        planned = f"{day.start}–{day.end}" if day.end else f"from {day.start}"
        lines.append(f"{day.title}  ({planned})")
        header = (pad("Time", time_w) + "  " + pad("Module / section", title_width) + "  " + pad("Kind", kind_w)
                  + "  " + pad("Min", min_w, right=True))
        lines.append("  " + header)
        lines.append("  " + "─" * time_w + "  " + "─" * title_width + "  " + "─" * kind_w + "  " + "─" * min_w)
        seen_modules: set[int] = set()
        for slot in sched.slots:
            if slot.kind == "section" and slot.module.number not in seen_modules:
                seen_modules.add(slot.module.number)
                start, end = sched.modules[slot.module.number]
                label = clip(f"{slot.module.number:>2}  {slot.module.title}", title_width)
                lines.append("  " + _row(f"{clock(start)}–{clock(end)}", label, "module",
                                         str(slot.module.minutes), time_w, title_width, kind_w, min_w))
            lines.append("  " + _slot_row(slot, time_w, title_width, kind_w, min_w))
        lines.append("  " + "─" * (time_w + title_width + kind_w + min_w + 6))
        lines.append("  " + end_summary(sched))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _slot_row(slot: Slot, time_w, title_w, kind_w, min_w) -> str:
    if slot.kind == "break":
        b = slot.brk
        title = slot.title or "break"
        late = slot.start - to_minutes(b.at)
        note = f"  (planned {b.at}, {late} min later)" if late else ""
        return _row(slot.span, clip(f"    ── {title} ──{note}", title_w), "break", str(slot.end - slot.start),
                    time_w, title_w, kind_w, min_w)
    minutes = slot.section.minutes
    return _row(slot.span, clip(f"    {slot.title}", title_w), slot.section.kind,
                "—" if minutes is None else str(minutes), time_w, title_w, kind_w, min_w)


def _row(time, label, kind, minutes, time_w, title_w, kind_w, min_w) -> str:
    return (pad(time, time_w) + "  " + pad(label, title_w) + "  " + pad(kind, kind_w) + "  "
            + pad(minutes, min_w, right=True)).rstrip()


# --- the JSON slide plan ------------------------------------------------------------------------------

def schedule_json(sched: DaySchedule) -> dict:
    day = sched.day
    slots = []
    for slot in sched.slots:
        entry = {"kind": slot.kind, "start": clock(slot.start), "end": clock(slot.end),
                 "minutes": slot.end - slot.start, "title": slot.title}
        if slot.kind == "break":
            entry["planned_at"] = slot.brk.at
            entry["source"] = _loc_text(slot.brk.loc)
        else:
            index = next(i for i, s in enumerate(slot.module.sections) if s is slot.section)
            entry.update(module=slot.module.number, section=index + 1, section_kind=slot.section.kind,
                         minutes=slot.section.minutes, source=_loc_text(slot.section.loc))
        slots.append(entry)
    end = sched.end
    return {
        "day": day.number, "title": day.title, "start": day.start, "end": clock(end), "planned_end": day.end,
        "over_by": max(end - to_minutes(day.end), 0) if day.end else None,
        "teaching_minutes": sched.teaching_minutes, "break_minutes": break_minutes(sched),
        "modules": [{"number": m.number, "title": m.title, "start": clock(sched.modules[m.number][0]),
                     "end": clock(sched.modules[m.number][1]), "minutes": m.minutes,
                     "source": _loc_text(m.loc)} for m in day.modules],
        "slots": slots,
    }


def plan_json(planned: Planned) -> dict:
    """The slide plan of every deck (deck, slide number, kind, title, source file:line, minutes, clock)
    and the schedule of every day."""
    course = planned.course
    lines = _LineFinder()
    decks = []
    for deck in planned.plan.decks:
        slides = []
        for number, slide in enumerate(deck.slides, 1):
            loc = lines.resolve(slide.source)
            slides.append({
                "deck": deck.name, "number": number, "kind": slide.kind, "title": slide.title,
                "source": f"{loc.file}:{loc.line}" if loc and loc.line else (loc.file if loc else None),
                "file": loc.file if loc else None, "line": loc.line if loc and loc.line else None,
                "minutes": slide.minutes, "clock": slide.clock,
            })
        decks.append({"name": deck.name, "title": deck.title, "file": f"{deck.name}.pptx",
                      "slide_count": len(slides), "slides": slides})
    return {
        "format": JSON_FORMAT_VERSION,
        "course": {"title": course.title, "slug": course.slug, "language": course.language,
                   "theme": planned.theme.name, "source": _loc_text(lines.resolve(course.loc))},
        "schedule": [schedule_json(schedule_day(day)) for day in course.days],
        "decks": decks,
        "diagnostics": [d.as_json() for d in planned.diagnostics],
    }


def slide_plan(course_dir: Path, **options) -> dict:
    return plan_json(plan(Path(course_dir), **options))


def _loc_text(loc: Loc | None) -> str | None:
    if loc is None:
        return None
    return f"{loc.file}:{loc.line}" if loc.line else loc.file


class _LineFinder:
    """A source with a file but no line (the cover is planned from the course as a whole) points at
    the file's `title:` line, so every slide has a line to jump to."""

    def __init__(self):
        self.cache: dict[str, int] = {}

    def resolve(self, loc: Loc | None) -> Loc | None:
        if loc is None or loc.line:
            return loc
        if loc.file not in self.cache:
            self.cache[loc.file] = 0
            try:
                root = yamlsource.load(Path(loc.file))
                if isinstance(root, yamlsource.YMap):
                    key = "title" if "title" in root else next(iter(root.keys()), None)
                    if key is not None:
                        self.cache[loc.file] = root.key_loc(key).line
            except (DeckgenError, OSError):
                pass
        line = self.cache[loc.file]
        return Loc(loc.file, line, 1) if line else loc
