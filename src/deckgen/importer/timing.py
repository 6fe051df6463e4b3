"""Each imported day's clock: minutes the outline gives, the rest estimated, breaks where the schedule keeps them."""
from __future__ import annotations

from dataclasses import dataclass

from .breaks import AFTER, BEFORE, BREAK, DEFAULT_MINUTES, END, LUNCH, break_title
from .durations import afternoon, clock_text
from .tree import AgendaEvent, ImportedBreak, ImportedDay, ImportedModule, ImportedSection, ImportResult

DAY_START, DAY_END = 9 * 60, 17 * 60
# The usual day when the outline gives no times: (target time, minutes, kind).
_USUAL_BREAKS = ((10 * 60 + 30, 15, BREAK), (12 * 60, 60, LUNCH), (15 * 60, 15, BREAK))
# Relative time a section takes: cases and exercises need discussion and debrief on top of the telling.
_WEIGHTS = {"content": 1.0, "framework": 1.25, "case": 1.75, "exercise": 2.5}
_STEP = 5  # minutes are rounded to five, as a person planning a day would
_MAX_SECTION = 600


def _parse(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


@dataclass
class _Slot:
    """One entry of the day in the outline's order: a section or an agenda event."""

    section: ImportedSection | None
    event: AgendaEvent | None
    module: ImportedModule | None = None
    start: int | None = None
    minutes: int | None = None


def schedule_days(result: ImportResult) -> None:
    """Give each day its times and breaks and each section its minutes."""
    language = result.course.language
    for day in result.days:
        _schedule_day(day, language, result)


def _slots(day: ImportedDay) -> list[_Slot]:
    slots: list[_Slot] = []
    done = 0
    events = sorted(day.events, key=lambda e: e.after_sections)
    for module in day.modules:
        for index, section in enumerate(module.sections):
            while events and events[0].after_sections <= done:
                slots.append(_Slot(None, events.pop(0)))
            start = section.time.start
            if start is None and index == 0 and module.time.start is not None:
                start = module.time.start  # "Session 1 (9:00-10:30)": its first section starts then
            slots.append(_Slot(section, None, module, start, section.time.minutes))
            done += 1
    slots += [_Slot(None, e, start=e.time.start, minutes=e.time.minutes) for e in events]
    for slot in slots:
        if slot.event is not None:
            slot.start, slot.minutes = slot.event.time.start, slot.event.time.minutes
    return slots


def _schedule_day(day: ImportedDay, language: str, result: ImportResult) -> None:
    _module_lengths(day)
    slots = _slots(day)
    _afternoon(slots)
    _lengths_from_next_start(slots, day)
    spans = _module_spans(day, slots)
    start, end, read = _day_bounds(day, slots, spans)
    sections = [s for s in slots if s.section is not None]
    breaks = _breaks(slots, language)
    breaks += _gaps_between_modules(spans, breaks, language)
    breaks.sort(key=lambda b: -1 if b[0] is None else b[0])  # in the day's order: each shifts those after it
    known = sorted(s.minutes for s in sections if s.minutes is not None)
    # Lengths on most items (or a clock): the outline times its day, and its own breaks are all there are.
    # A length on one exercise among many untimed sections says nothing about the day's length.
    mostly_timed = len(known) * 2 >= len(sections)
    agenda = any(s.start is not None for s in slots) or (mostly_timed and any(s.minutes is not None for s in slots))
    if not read and known and mostly_timed:
        # Lengths but no clock: the day is as long as its parts, the unknown ones as long as a typical one.
        typical = known[len(known) // 2]
        end = start + sum(known) + typical * (len(sections) - len(known)) + sum(b[1] for b in breaks)
    if not breaks and not agenda and not day.events:
        breaks = [(None, minutes, break_title(kind, language), target) for target, minutes, kind in _USUAL_BREAKS
                  if start < target and target + minutes <= end]
        if breaks:
            day.guesses.mark("breaks", "the usual tea breaks and lunch")
    estimated = _share(sections, end - start - sum(b[1] for b in breaks))
    for slot in sections:
        slot.section.minutes = slot.minutes
        if any(slot.section is e for e in estimated):
            slot.section.guesses.mark("minutes", "estimated")
    day.start, day.end = clock_text(start), clock_text(end)
    day.times_read = read
    if not read:
        day.guesses.mark("start", "the outline gives no times")
        day.guesses.mark("end", "the outline gives no times")
    day.breaks = _place_breaks(breaks, sections, start, day, result)
    _warn_estimates(day, estimated, len(sections), result, read)


def _afternoon(slots: list[_Slot]) -> None:
    """Times without am/pm go forward through the day: 1.30 after 12.00 is 13:30."""
    previous = None
    for slot in slots:
        if slot.start is None:
            continue
        slot.start = afternoon(previous, slot.start)
        time = slot.section.time if slot.section is not None else slot.event.time
        if time.start is not None:
            time.start = slot.start
        if time.end is not None:
            time.end = afternoon(slot.start, time.end)
            if slot.minutes is None or slot.minutes <= 0:
                slot.minutes = time.end - slot.start
        previous = slot.start


def _lengths_from_next_start(slots: list[_Slot], day: ImportedDay) -> None:
    """A single start time per item: the next item's start is its end."""
    for slot, following in zip(slots, slots[1:]):
        if slot.minutes is None and slot.start is not None and following.start is not None:
            if 0 < following.start - slot.start <= _MAX_SECTION:
                slot.minutes = following.start - slot.start
    ends = [e.time.start for e in day.events if e.kind in (END, AFTER) and e.time.start is not None]
    last = next((s for s in reversed(slots) if s.section is not None), None)
    if last is not None and last.minutes is None and last.start is not None and ends and ends[0] > last.start:
        last.minutes = ends[0] - last.start


@dataclass(frozen=True)
class _Span:
    """A module whose line gives its clock times: where it sits among the day's sections, and when."""

    before: int  # the day's sections before it
    after: int  # … up to and including its own
    start: int
    end: int


def _module_spans(day: ImportedDay, slots: list[_Slot]) -> list[_Span]:
    """"Session 2: Rhythms (10:45–12:30)": the module runs to its end, whatever its sections add up to."""
    first_slot = {id(s.section): s for s in slots if s.section is not None}
    spans, done = [], 0
    for module in day.modules:
        before, done = done, done + len(module.sections)
        if module.time.start is None or not module.time.minutes or not module.sections:
            continue
        start = first_slot[id(module.sections[0])].start  # the module's start, read forward through the day
        if start is not None:
            spans.append(_Span(before, done, start, start + module.time.minutes))
    return spans


def _gaps_between_modules(spans: list[_Span], breaks: list, language: str) -> list:
    """The time between one timed module's end and the next one's start is a break ("…–10:30", "10:45–…"),
    unless the outline lists one there."""
    listed = {position for position, *_ in breaks}
    gaps = []
    for a, b in zip(spans, spans[1:]):
        gap = b.start - a.end
        if b.before == a.after and a.after not in listed and _STEP <= gap <= 240:
            gaps.append((a.after, gap, break_title(LUNCH if gap >= 45 else BREAK, language), a.end))
    return gaps


def _day_bounds(day: ImportedDay, slots: list[_Slot], spans: list[_Span]) -> tuple[int, int, bool]:
    """(start, end, whether the outline gave them) for the day."""
    teaching = [s for s in slots if s.event is None or s.event.kind in (BREAK, LUNCH)]
    first = next((i for i, s in enumerate(teaching) if s.section is not None), len(teaching))
    # Coffee before the first item is arrival: the day starts with the first section.
    starts = [s.start for s in teaching[first:] if s.start is not None]
    before = [e for e in day.events if e.kind == BEFORE]
    start = None
    if before:
        b = before[-1].time
        start = b.end if b.end is not None else (starts[0] if starts else None)
    if start is None and starts:
        # Sections before the first clock time come before it: "13:30 Closing" after two timed sections.
        first_timed = next(i for i, slot in enumerate(teaching) if slot.start is not None)
        before_it = [slot.minutes or 30 for slot in teaching[first:first_timed] if slot.section is not None]
        start = starts[0] - sum(before_it)
    if start is None and day.times_read:
        start = _parse(day.start)
    ends = [e.time.start for e in day.events if e.kind in (END, AFTER) and e.time.start is not None]
    end = min(ends) if ends else None
    if end is None:
        last = [s.start + s.minutes for s in teaching if s.start is not None and s.minutes is not None]
        end = max(last + [span.end for span in spans]) if last or spans else None
    if end is None and day.times_read:
        end = _parse(day.end)
    read = start is not None
    start = start if start is not None else DAY_START
    if end is None or end <= start:
        end = max(start + (DAY_END - DAY_START), end or 0)
    return start, end, read


def _module_lengths(day: ImportedDay) -> None:
    """A module's own length ("Part 1 (90 minutes)") is shared among its sections that give none."""
    for module in day.modules:
        total = module.time.minutes
        if total is None:
            continue
        unknown = [s for s in module.sections if s.time.minutes is None and s.minutes is None]
        known = sum(s.time.minutes or 0 for s in module.sections)
        if unknown and total > known:
            shares = _split(total - known, [_WEIGHTS[s.kind] for s in unknown])
            for section, minutes in zip(unknown, shares):
                section.time.minutes = minutes


def _breaks(slots: list[_Slot], language: str) -> list[tuple[int | None, int, str, int | None]]:
    """(position among the sections, minutes, title, intended time) of each break the outline lists."""
    out = []
    done = 0
    for slot in slots:
        if slot.section is not None:
            done += 1
            continue
        if slot.event.kind not in (BREAK, LUNCH):
            continue
        minutes = slot.minutes or DEFAULT_MINUTES[slot.event.kind]
        out.append((done, min(minutes, 240), slot.event.title or break_title(slot.event.kind, language), slot.start))
    return out


def _share(sections: list[_Slot], teaching: int) -> list[ImportedSection]:
    """Sections whose length the outline does not give share what is left of the teaching time."""
    for slot in sections:
        if slot.minutes is None and slot.section.time.minutes is not None:
            slot.minutes = slot.section.time.minutes
    unknown = [s for s in sections if s.minutes is None]
    if not unknown:
        return []
    left = teaching - sum(s.minutes for s in sections if s.minutes is not None)
    left = max(left, 15 * len(unknown))
    for slot, minutes in zip(unknown, _split(left, [_WEIGHTS[s.section.kind] for s in unknown])):
        slot.minutes = minutes
    return [s.section for s in unknown]


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` minutes in steps of five shared by weight; largest remainders take the steps left over."""
    steps = max(len(weights), total // _STEP)
    shares = [steps * w / sum(weights) for w in weights]
    counts = [max(1, int(x)) for x in shares]
    for i in sorted(range(len(shares)), key=lambda i: shares[i] - int(shares[i]), reverse=True):
        if sum(counts) >= steps:
            break
        counts[i] += 1
    return [c * _STEP for c in counts]


def _place_breaks(breaks, sections: list[_Slot], start: int, day: ImportedDay,
                  result: ImportResult) -> list[ImportedBreak]:
    """Each break at a boundary between two sections, at the clock time the schedule reaches it, so the
    schedule keeps every break: it takes a break at the first boundary at or after the break's time."""
    boundaries = []
    now = start
    for slot in sections[:-1]:
        now += slot.minutes
        boundaries.append(now)  # boundaries[i] is where section i + 1 starts, before any break
    placed: list[ImportedBreak] = []
    taken: list[tuple[int, int]] = []  # (boundary index, minutes)
    for position, minutes, title, target in breaks:
        index = _boundary(position, target, boundaries, taken)
        if index is None and position is None:
            continue  # the usual break has no place between this day's sections: the day simply has none
        if index is None:
            where = "before the day's first section" if position == 0 else "after the day's last section"
            result.warn(f"{day.title}: '{title}' comes {where}: left out of the day's breaks", day.loc.line,
                        day.loc.col)
            continue
        at = boundaries[index] + sum(m for i, m in taken if i <= index)
        taken.append((index, minutes))
        placed.append(ImportedBreak(clock_text(at), minutes, title, from_outline=position is not None))
    return placed


def _boundary(position: int | None, target: int | None, boundaries: list[int],
              taken: list[tuple[int, int]]) -> int | None:
    if not boundaries:
        return None
    if position is not None:
        return position - 1 if 1 <= position <= len(boundaries) else None
    last = taken[-1][0] if taken else -1
    free = [i for i in range(len(boundaries)) if i > last]
    if not free:
        return None
    return min(free, key=lambda i: abs(boundaries[i] - target))


def _warn_estimates(day: ImportedDay, estimated: list, count: int, result: ImportResult, read: bool) -> None:
    usual = ", ".join(b.at for b in day.breaks) if "breaks" in day.guesses else ""
    if not read:
        assumed = f" and the usual breaks ({usual})" if usual else ""
        result.warn(f"{day.title}: times {day.start}–{day.end}{assumed} assumed", day.loc.line, day.loc.col)
    elif usual:
        result.warn(f"{day.title}: the usual breaks assumed, between sections at {usual}", day.loc.line,
                    day.loc.col)
    if estimated:
        n = len(estimated)
        result.warn(f"{day.title}: minutes of {n} of its {count} section{'s' if count != 1 else ''} estimated",
                    day.loc.line, day.loc.col)
