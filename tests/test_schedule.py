"""The timing plan: section minutes, breaks and lunch turned into clock times, and its warnings."""
from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.errors import Diagnostics, Loc
from deckgen.outline import Break, Day, Module, Section
from deckgen.schedule import clock, schedule_day, span, to_minutes


def sec(title: str, minutes: int | None, line: int = 0) -> Section:
    return Section(kind="content", title=title, minutes=minutes, loc=Loc("m.yaml", line, 5) if line else None)


def mod(number: int, *sections: Section) -> Module:
    return Module(number=number, title=f"Module {number}", sections=tuple(sections), loc=Loc(f"{number}.yaml", 1, 1))


def brk(at: str, minutes: int, title: str = "Break", line: int = 0) -> Break:
    return Break(at=at, minutes=minutes, title=title, loc=Loc("course.yaml", line, 9) if line else None)


def day(*modules: Module, start="09:00", end=None, breaks=()) -> Day:
    return Day(title="Day one", start=start, end=end, breaks=tuple(breaks), modules=tuple(modules), number=1,
               loc=Loc("course.yaml", 3, 5))


def spans(sched) -> list[tuple[str, str, str]]:
    return [(s.kind, s.title, s.span) for s in sched.slots]


def messages(diags: Diagnostics) -> list[str]:
    return [d.message for d in diags]


# --- clock arithmetic ---------------------------------------------------------------------------------

def test_clock_conversions_round_trip():
    assert to_minutes("09:05") == 545
    assert to_minutes("9:05") == 545
    assert clock(545) == "09:05"
    assert clock(to_minutes("23:59")) == "23:59"
    assert span(540, 560) == "09:00–09:20"


# --- laying out a day ---------------------------------------------------------------------------------

def test_sections_follow_each_other_from_the_start_time():
    d = day(mod(1, sec("A", 20), sec("B", 15)), mod(2, sec("C", 30)), start="08:30")
    diags = Diagnostics()
    sched = schedule_day(d, diags)
    assert spans(sched) == [("section", "A", "08:30–08:50"), ("section", "B", "08:50–09:05"),
                            ("section", "C", "09:05–09:35")]
    assert sched.modules == {1: (to_minutes("08:30"), to_minutes("09:05")),
                             2: (to_minutes("09:05"), to_minutes("09:35"))}
    assert sched.sections[(2, 0)].title == "C"
    assert (sched.start, sched.end, sched.teaching_minutes) == (510, 575, 65)
    assert len(diags) == 0


def test_break_at_a_section_boundary_is_taken_on_time():
    d = day(mod(1, sec("A", 60), sec("B", 30), sec("C", 30)), breaks=[brk("10:00", 15, "Coffee")])
    sched = schedule_day(d, Diagnostics())
    assert spans(sched) == [("section", "A", "09:00–10:00"), ("break", "Coffee", "10:00–10:15"),
                            ("section", "B", "10:15–10:45"), ("section", "C", "10:45–11:15")]
    assert [b.span for b in sched.breaks()] == ["10:00–10:15"]


def test_break_falling_inside_a_section_waits_for_its_end_and_pushes_the_rest_later():
    d = day(mod(1, sec("A", 50), sec("B", 40), sec("C", 30)), breaks=[brk("09:30", 15)])
    sched = schedule_day(d, Diagnostics())
    # 09:30 is inside A (09:00–09:50): the break starts when A ends, B and C move 15 minutes later.
    assert spans(sched) == [("section", "A", "09:00–09:50"), ("break", "Break", "09:50–10:05"),
                            ("section", "B", "10:05–10:45"), ("section", "C", "10:45–11:15")]


def test_lunch_between_modules_is_outside_both_modules_and_inside_a_module_counts_in_its_span():
    d = day(mod(1, sec("A", 90), sec("B", 90)), mod(2, sec("C", 60), sec("D", 60)), mod(3, sec("E", 30)),
            breaks=[brk("12:00", 60, "Lunch"), brk("14:00", 15, "Tea")])
    sched = schedule_day(d, Diagnostics())
    assert spans(sched) == [
        ("section", "A", "09:00–10:30"), ("section", "B", "10:30–12:00"), ("break", "Lunch", "12:00–13:00"),
        ("section", "C", "13:00–14:00"), ("break", "Tea", "14:00–14:15"), ("section", "D", "14:15–15:15"),
        ("section", "E", "15:15–15:45")]
    # Module 2 starts after lunch; the tea break inside it is part of its span.
    assert [span(*sched.modules[n]) for n in (1, 2, 3)] == ["09:00–12:00", "13:00–15:15", "15:15–15:45"]
    assert sched.teaching_minutes == 330
    assert sched.end == to_minutes("15:45")


def test_breaks_are_taken_in_clock_order_whatever_their_order_in_the_file():
    d = day(mod(1, sec("A", 120), sec("B", 60)),
            breaks=[brk("11:00", 10, "Second"), brk("10:30", 15, "First")])
    sched = schedule_day(d, Diagnostics())
    # Both are due when A ends at 11:00: taken back to back, earliest first.
    assert spans(sched) == [("section", "A", "09:00–11:00"), ("break", "First", "11:00–11:15"),
                            ("break", "Second", "11:15–11:25"), ("section", "B", "11:25–12:25")]


def test_a_break_due_before_the_first_section_is_taken_at_the_start():
    d = day(mod(1, sec("A", 30)), start="09:00", breaks=[brk("09:00", 10, "Welcome coffee")])
    sched = schedule_day(d, Diagnostics())
    assert spans(sched) == [("break", "Welcome coffee", "09:00–09:10"), ("section", "A", "09:10–09:40")]
    assert sched.modules[1] == (to_minutes("09:10"), to_minutes("09:40"))


# --- warnings -----------------------------------------------------------------------------------------

def test_a_break_after_the_day_has_ended_is_never_reached_and_says_where_it_is():
    d = day(mod(1, sec("A", 60)), breaks=[brk("15:00", 15, "Tea", line=12)])
    diags = Diagnostics()
    sched = schedule_day(d, diags)
    assert [s.kind for s in sched.slots] == ["section"]
    (w,) = diags.warnings
    assert "15:00" in w.message and "never reached" in w.message and "10:00" in w.message
    assert str(w.loc) == "course.yaml:12:9"


def test_a_break_due_exactly_when_teaching_ends_is_reported_as_after_the_last_section():
    d = day(mod(1, sec("A", 60)), breaks=[brk("10:00", 15, "Tea", line=12)])
    diags = Diagnostics()
    schedule_day(d, diags)
    (w,) = diags.warnings
    assert "10:00" in w.message
    assert "never reached" not in w.message  # it is reached: there is just nothing after it
    assert "after the day's last section" in w.message


def test_running_past_the_days_end_warns_with_the_overrun_in_minutes():
    d = day(mod(1, sec("A", 240)), mod(2, sec("B", 200)), end="16:30", breaks=[brk("12:00", 60, "Lunch")])
    diags = Diagnostics()
    sched = schedule_day(d, diags)
    assert clock(sched.end) == "17:20"
    (w,) = diags.warnings
    assert "17:20" in w.message and "16:30" in w.message and "50 minutes" in w.message
    assert w.loc == Loc("course.yaml", 3, 5)
    assert w.hint


def test_ending_exactly_on_time_or_without_a_planned_end_gives_no_warning():
    for end in ("14:00", None):
        diags = Diagnostics()
        schedule_day(day(mod(1, sec("A", 180)), mod(2, sec("B", 60)), end=end,
                         breaks=[brk("12:00", 60)]), diags)
        assert len(diags) == 0, (end, messages(diags))


def test_a_section_without_minutes_is_warned_about_and_takes_no_time():
    d = day(mod(1, sec("A", 20), sec("Untimed", None, line=7), sec("C", 10)))
    diags = Diagnostics()
    sched = schedule_day(d, diags)
    assert spans(sched) == [("section", "A", "09:00–09:20"), ("section", "Untimed", "09:20–09:20"),
                            ("section", "C", "09:20–09:30")]
    (w,) = diags.warnings
    assert "Untimed" in w.message and "no minutes" in w.message
    assert str(w.loc) == "m.yaml:7:5"


def test_without_diagnostics_the_schedule_is_still_laid_out():
    sched = schedule_day(day(mod(1, sec("A", None)), end="08:00", breaks=[brk("18:00", 5)]))
    assert spans(sched) == [("section", "A", "09:00–09:00")]


# --- end to end: the agenda slide, the notes and `deckgen plan` ------------------------------------

COURSE = """\
title: Timing course
language: en
trainers: [Ann]
days:
  - title: Day one
    start: "09:00"
    end: "11:00"
    breaks:
      - {at: "09:45", minutes: 15, title: Coffee}
    modules: [m1.yaml, m2.yaml]
"""

M1 = """\
number: 1
title: Opening
sections:
  - kind: content
    title: Why we are here
    minutes: 30
    points: [One, Two]
    notes: Ask the room.
  - kind: content
    title: The map
    minutes: 20
    points: [Three]
"""

M2 = """\
number: 2
title: Practice
sections:
  - kind: content
    title: Try it
    minutes: 50
    points: [Four]
  - kind: content
    title: Untimed wrap
    points: [Five]
"""


def write_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("course.yaml", COURSE), ("m1.yaml", M1), ("m2.yaml", M2)):
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_agenda_slide_and_notes_carry_the_clock_times(tmp_path):
    from deckgen.commands.build import plan
    planned = plan(write_course(tmp_path / "timing"))
    (deck,) = planned.plan.decks
    agenda = next(s for s in deck.slides if s.kind == "agenda")
    # The modules and the coffee break at the clock times the schedule gives them: Opening 09:00–09:50,
    # coffee at 09:50 (due 09:45, inside "The map"), Practice from 10:05, the day done at 10:55.
    texts = [" ".join(p.text for p in e.text.paragraphs) for e in agenda.elements if getattr(e, "text", None)]
    for time, label in (("09:00", "Opening"), ("09:50", "Coffee"), ("10:05", "Practice")):
        assert any(time in t for t in texts), (time, texts)
        assert any(label in t for t in texts), (label, texts)
        assert any(time in line and label in line for line in agenda.notes.splitlines()), agenda.notes
    assert "10:55" in agenda.notes
    why = next(s for s in deck.slides if s.title == "Why we are here")
    assert why.notes.splitlines()[0] == "⏱ 30 min · 09:00–09:30"
    assert (why.minutes, why.clock) == (30, "09:00–09:30")
    try_it = next(s for s in deck.slides if s.title == "Try it")
    assert try_it.notes.startswith("⏱ 50 min · 10:05–10:55")
    divider = next(s for s in deck.slides if s.kind == "divider" and s.title == "Practice")
    assert divider.notes.startswith("⏱ 50 min · 10:05–10:55")


def test_plan_command_warns_about_missing_minutes_with_the_source_line(tmp_path):
    folder = write_course(tmp_path / "timing")
    result = CliRunner().invoke(main, ["plan", str(folder)])
    assert result.exit_code == 0, result.output
    assert "m2.yaml:8:5: warning: section 'Untimed wrap' has no minutes" in result.stderr
    assert "10:05–10:55" in result.stdout


def test_a_module_the_lunch_interrupts_has_two_spans():
    from deckgen.outline import Break, Day, Module, Section
    sections = tuple(Section(kind="content", title=f"s{i}", minutes=60) for i in range(3))
    day = Day(title="d", start="09:00", breaks=(Break(at="11:00", minutes=60, title="午餐"),),
              modules=(Module(number=1, title="m", sections=sections),), number=1)
    sched = schedule_day(day)
    assert sched.spans[1] == [(540, 660), (720, 780)]
    assert sched.modules[1] == (540, 780)


# --- the exact words and places of each warning (found missing by mutation testing) ---------------------

def test_a_break_inside_the_last_section_says_so_with_the_section_and_a_fix():
    d = day(mod(1, sec("A", 30), sec("Role play", 90)), breaks=[brk("10:15", 15, "Tea", line=14)])
    diags = Diagnostics()
    sched = schedule_day(d, diags)
    assert [s.kind for s in sched.slots] == ["section", "section"]
    (w,) = diags.warnings
    assert w.message == ("the break at 10:15 falls inside the day's last section 'Role play' (09:30–11:00); "
                         "breaks are taken only between sections, so it is left out")
    assert str(w.loc) == "course.yaml:14:9"
    assert w.hint == "move the break to the time a section starts, or split that section"


def test_a_break_when_teaching_ends_names_the_end_and_its_line():
    d = day(mod(1, sec("A", 60)), breaks=[brk("10:00", 15, "Tea", line=12)])
    diags = Diagnostics()
    schedule_day(d, diags)
    (w,) = diags.warnings
    assert w.message == "the break at 10:00 falls after the day's last section (teaching ends at 10:00), so it " \
                        "is left out"
    assert str(w.loc) == "course.yaml:12:9"


def test_a_break_before_the_last_section_starts_is_taken_not_reported():
    d = day(mod(1, sec("A", 30), sec("B", 30)), breaks=[brk("09:30", 10, "Stretch", line=5)])
    diags = Diagnostics()
    assert spans(schedule_day(d, diags))[1] == ("break", "Stretch", "09:30–09:40")
    assert len(diags) == 0


def test_an_untitled_break_keeps_an_empty_title_for_the_agenda_to_name():
    sched = schedule_day(day(mod(1, sec("A", 30), sec("B", 30)), breaks=[brk("09:30", 45, title="")]))
    assert spans(sched)[1] == ("break", "", "09:30–10:15")


def test_the_overrun_and_untimed_warnings_carry_their_hints():
    diags = Diagnostics()
    schedule_day(day(mod(1, sec("A", 120), sec("Untimed", None, line=7)), end="10:30"), diags)
    over, untimed = diags.warnings
    assert over.hint == "shorten some sections' minutes or move a module to another day"
    assert untimed.message == "section 'Untimed' has no minutes: the clock times after it are too early"


def test_a_module_without_sections_spans_no_time_and_a_day_without_any_reports_its_breaks():
    diags = Diagnostics()
    sched = schedule_day(day(mod(1), breaks=[brk("10:00", 15, "Tea", line=4)]), diags)
    assert sched.slots == [] and sched.modules == {1: (to_minutes("09:00"), to_minutes("09:00"))}
    (w,) = diags.warnings
    assert "never reached" in w.message
