"""Import and schedule agree: imported breaks sit where the scheduler keeps them, and a dropped break says why."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import Diagnostics, Loc
from deckgen.importer import import_outline, write_course
from deckgen.outline import Break, Day, Module, Section, load_course
from deckgen.schedule import schedule_day

AGENDA = """Managing Change
Agenda
9.00 Arrival and coffee
9.30 Welcome and introductions
10.00 Why change fails – the research
10.45 Coffee break
11.00 Session 2: Leading people through change
12.30 Lunch
1.30 pm Exercise: your change map
3.00 Plenary and action plans
Finish 3.45
"""

NO_TIMES = """课程大纲
一、开场
1. 破冰
二、认知
1. 本质
2. 误区
三、方法
1. 倾听
2. 表达
3. 反馈
"""


def _check_breaks(folder: Path) -> list[str]:
    course, diags = load_course(folder)
    assert course is not None and not diags.has_errors(), "\n".join(map(str, diags))
    found = Diagnostics()
    for day in course.days:
        schedule_day(day, found)
    return [d.message for d in found if "break" in d.message]


@pytest.mark.parametrize("text", [AGENDA, NO_TIMES, "Day 1\nModule 1: One\n1. Only section\n"])
def test_every_imported_break_is_kept_by_the_schedule(tmp_path, text):
    result = import_outline(text, "outline.txt")
    write_course(result, tmp_path / "c")
    assert _check_breaks(tmp_path / "c") == []


def test_agenda_breaks_and_times_come_from_the_outline(tmp_path):
    result = import_outline(AGENDA, "agenda.txt")
    (day,) = result.days
    assert (day.start, day.end) == ("09:30", "15:45")  # after arrival; "Finish 3.45" is the afternoon
    assert [(b.at, b.minutes, b.title) for b in day.breaks] == [("10:45", 15, "Coffee break"), ("12:30", 60, "Lunch")]
    assert [s.minutes for s in result.sections] == [30, 45, 90, 90, 45]
    assert not any("minutes" in s.guesses for s in result.sections)


TIMED_SESSIONS = """# Leading Hybrid Teams
## Day 1
### Session 1: Why hybrid is different (9:00–10:30)
- The proximity bias trap
- Case study: Team Anywhere
### Session 2: Communication rhythms (10:45–12:30)
- Sync and async
### Lunch 12:30–13:30
### Session 3: Feedback at a distance (1.30–3.00)
- The SBI model
- Role play: feedback over video
### Session 4: Wellbeing (3.15–5.00)
- Drawing the line
"""


def test_modules_timed_on_their_lines_keep_their_times_and_the_gaps_are_breaks(tmp_path):
    result = import_outline(TIMED_SESSIONS, "outline.md")
    (day,) = result.days
    assert (day.start, day.end) == ("09:00", "17:00")  # the last session's end, not its first section's
    assert [(b.at, b.minutes, b.title) for b in day.breaks] == [
        ("10:30", 15, "Coffee break"), ("12:30", 60, "Lunch"), ("15:00", 15, "Coffee break")]
    assert [sum(s.minutes for s in m.sections) for m in day.modules] == [90, 105, 90, 105]
    write_course(result, tmp_path / "c")
    course, diags = load_course(tmp_path / "c")
    found = Diagnostics()
    plan = schedule_day(course.days[0], found)
    assert not found.warnings and not diags.has_errors()
    assert [m.title for m in course.days[0].modules] == ["Why hybrid is different", "Communication rhythms",
                                                         "Feedback at a distance", "Wellbeing"]
    assert [plan.modules[n] for n in (1, 2, 3, 4)] == [(540, 630), (645, 750), (810, 900), (915, 1020)]


def test_a_break_inside_the_last_section_says_so():
    section = Section(kind="content", title="Long talk", minutes=180, loc=Loc("m.yaml", 3, 5))
    day = Day(title="Day 1", start="09:00", end="17:00", loc=Loc("course.yaml", 2, 5),
              breaks=(Break(at="10:30", minutes=15, title="Tea", loc=Loc("course.yaml", 6, 9)),),
              modules=(Module(number=1, title="M", sections=(section,), loc=Loc("m.yaml", 1, 1)),))
    diags = Diagnostics()
    schedule_day(day, diags)
    (w,) = diags.warnings
    assert "inside the day's last section 'Long talk' (09:00–12:00)" in w.message
    assert "after the day's last section" not in w.message


def test_the_docs_example_imports_and_checks_without_dropped_breaks(tmp_path):
    docs = (Path(__file__).resolve().parent.parent / "docs" / "import.md").read_text(encoding="utf-8")
    example = docs.split("## An example", 1)[1].split("```", 2)[1].strip("\n")
    assert example.startswith("【课程名称】")
    result = import_outline(example + "\n", "outline.txt")
    write_course(result, tmp_path / "sales")
    assert _check_breaks(tmp_path / "sales") == []
    (day,) = result.days
    assert [b.at for b in day.breaks] == ["10:05", "11:55", "14:00"]  # as docs/import.md shows them
