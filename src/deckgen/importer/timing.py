"""Clock times, breaks and section minutes for the imported days: the outline rarely says, so these are guesses."""
from __future__ import annotations

from .tree import ImportedBreak, ImportedDay, ImportResult

DAY_START, DAY_END = "09:00", "17:00"
_BREAKS = (("10:30", 15, "茶歇", "Coffee break"), ("12:00", 60, "午餐", "Lunch"), ("15:00", 15, "茶歇", "Coffee break"))
# Relative time a section takes: cases and exercises need discussion and debrief on top of the telling.
_WEIGHTS = {"content": 1.0, "framework": 1.25, "case": 1.75, "exercise": 2.5}
_STEP = 5  # minutes are rounded to five, as a person planning a day would


def _minutes(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


def schedule_days(result: ImportResult) -> None:
    """Give each day its times and breaks and share the teaching time among its sections."""
    english = result.course.language == "en"
    for day in result.days:
        _day_times(day, english, result)
        _share_minutes(day, result)


def _day_times(day: ImportedDay, english: bool, result: ImportResult) -> None:
    if not day.times_read:
        day.start, day.end = DAY_START, DAY_END
        day.guesses.mark("start", "the outline gives no times")
        day.guesses.mark("end", "the outline gives no times")
    start, end = _minutes(day.start), _minutes(day.end)
    day.breaks = [ImportedBreak(at, minutes, en if english else zh) for at, minutes, zh, en in _BREAKS
                  if start < _minutes(at) and _minutes(at) + minutes <= end]
    if day.breaks:
        day.guesses.mark("breaks", "the usual tea breaks and lunch")
    what = "times 09:00–17:00 and the usual breaks" if not day.times_read else "the usual breaks"
    result.warn(f"{day.title}: {what} assumed", day.loc.line, day.loc.col)


def _share_minutes(day: ImportedDay, result: ImportResult) -> None:
    sections = [s for m in day.modules for s in m.sections]
    if not sections:
        return
    teaching = _minutes(day.end) - _minutes(day.start) - sum(b.minutes for b in day.breaks)
    steps = max(len(sections), teaching // _STEP)
    weights = [_WEIGHTS[s.kind] for s in sections]
    shares = [steps * w / sum(weights) for w in weights]
    counts = [max(1, int(x)) for x in shares]
    # Largest remainders take the steps left over, so the day adds up to its teaching time.
    for i in sorted(range(len(shares)), key=lambda i: shares[i] - int(shares[i]), reverse=True):
        if sum(counts) >= steps:
            break
        counts[i] += 1
    for section, count in zip(sections, counts):
        section.minutes = count * _STEP
        section.guesses.mark("minutes", "estimated")
    count = f"{len(sections)} section{'s' if len(sections) != 1 else ''}"
    result.warn(f"{day.title}: minutes of its {count} estimated from a "
                f"{teaching / 60:g}-hour teaching day", day.loc.line, day.loc.col)
