"""Times in an outline's text: every way trainers write a length or a clock time reaches a section's minutes."""
from __future__ import annotations

import pytest

from deckgen.importer import import_outline
from deckgen.importer.durations import afternoon, clock_at_start, find_clock, find_length, remove


@pytest.mark.parametrize("text, minutes", [
    ("开场活动(15分钟)", 15), ("开场活动（约15分钟）", 15), ("Welcome and introductions (20 minutes):", 20),
    ("ninety minutes of practice", 90), ("Role play – forty-five minutes", 45), ("1.5 hours", 90),
    ("1小时30分钟", 90), ("半小时", 30), ("两个小时", 120), ("45m Introduction", 45), ("2 hrs", 120),
    ("10-20分钟 输入", 10), ("a 90 min block", 90), ("一个半小时", 90),
])
def test_lengths_in_every_form(text, minutes):
    assert find_length(text).minutes == minutes


@pytest.mark.parametrize("text", ["分析市场", "Version 2 made", "2019年", "5个表现", "1.5 million users"])
def test_numbers_that_are_no_length(text):
    assert find_length(text) is None


@pytest.mark.parametrize("text, start, end", [
    ("09:00–10:30 Opening", "09:00", "10:30"), ("9.15am-12.30pm Session", "09:15", "12:30"),
    ("1.30 pm Exercise", "13:30", None), ("13:30至17:00", "13:30", "17:00"), ("1.00 - 2.15 Lunch", "01:00", "02:15"),
    ("6pm Organisers arrive", "18:00", None), ("上午9:00-12:00", "09:00", "12:00"),
])
def test_clock_times(text, start, end):
    found = find_clock(text)
    clock = lambda m: None if m is None else f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    assert (clock(found.start), clock(found.end)) == (start, end)


def test_dotted_times_need_two_digits_and_only_count_when_allowed():
    assert find_clock("raised 1.5 hours") is None
    assert find_clock("Finish 3.45", dotted=False) is None and find_clock("Finish 3.45").start == 3 * 60 + 45
    assert clock_at_start("Finish 3.45") is None and clock_at_start("9.45 Coffee").start == 9 * 60 + 45


def test_afternoon_times_follow_the_morning():
    assert afternoon(12 * 60, 90) == 13 * 60 + 30  # 1.30 after 12.00
    assert afternoon(9 * 60, 10 * 60) == 10 * 60  # forward already
    assert afternoon(None, 90) == 90


def test_removing_a_time_keeps_the_title_readable():
    text = "Session 1 (9:00-10:30): Why change fails"
    assert remove(text, find_clock(text)) == "Session 1: Why change fails"
    text = "reflection Spend the next 5 minutes asking"
    assert remove(text, find_length(text)) == "reflection Spend the next asking"


def minutes(text: str) -> list[tuple[str, int | None, bool]]:
    result = import_outline(text, "outline.txt")
    return [(s.title, s.minutes, "minutes" in s.guesses) for s in result.sections]


def test_a_timed_numbered_list_is_one_module_with_its_minutes():
    result = import_outline("沟通技巧\n课程大纲\n1. 开场活动(15分钟) - 破冰与期望\n2. 倾听(约30分钟)\n"
                            "3. 表达技巧(45分钟)\n4. 总结(15分钟)\n", "o.txt")
    assert len(result.modules) == 1
    assert [(s.title, s.minutes) for s in result.sections] == [("开场活动", 15), ("倾听", 30), ("表达技巧", 45),
                                                               ("总结", 15)]
    assert [p.text for p in result.sections[0].points] == ["破冰与期望"]
    assert not any("minutes" in s.guesses for s in result.sections)


def test_bare_numbers_close_items_when_the_list_is_written_that_way():
    got = minutes("Day plan\n1. Check-in (5)\n2. Theory (25)\n3. Practice (40)\n4. Close-out (10)\n")
    assert [(t, m) for t, m, _ in got] == [("Check-in", 5), ("Theory", 25), ("Practice", 40), ("Close-out", 10)]


def test_a_start_time_per_item_ends_at_the_next_one_and_finish_sets_the_end():
    result = import_outline("Agenda\n9.00 Welcome\n9.45 Why change fails\n10.30 Coffee\n10.45 Leading change\n"
                            "12.30 Lunch\n1.30 Practice\nFinish 3.00\n", "o.txt")
    (day,) = result.days
    assert (day.start, day.end) == ("09:00", "15:00")
    assert [s.minutes for s in result.sections] == [45, 45, 105, 90]
    assert [(b.at, b.minutes) for b in day.breaks] == [("10:30", 15), ("12:30", 60)]


def test_one_timed_exercise_among_untimed_sections_leaves_the_usual_day():
    result = import_outline("Day 1\n1. Foundations\n1.1 What a project is\n1.2 The triple constraint\n"
                            "1.3 Case study: the Opera House\n2. Initiation\n2.1 The charter\n2.2 Stakeholders\n"
                            "2.3 Workshop: draft your charter (45 mins)\n", "o.txt")
    (day,) = result.days
    assert (day.start, day.end) == ("09:00", "17:00")  # not six times 45 minutes
    assert [b.title for b in day.breaks] == ["Coffee break", "Lunch", "Coffee break"]
    assert result.sections[-1].minutes == 45 and "minutes" not in result.sections[-1].guesses
    teaching = sum(s.minutes for s in result.sections) + sum(b.minutes for b in day.breaks)
    assert teaching == 8 * 60


def test_a_module_length_is_shared_among_its_sections():
    result = import_outline("Session 1: Foundations (90 minutes)\n1. Why\n2. What\n3. How\n", "o.txt")
    assert sum(s.minutes for s in result.sections) == 90
    assert all("minutes" not in s.guesses for s in result.sections)


@pytest.mark.parametrize("line, title, minutes", [
    ("1. 开场破冰 15分钟", "开场破冰", 15), ("1. Warm-up – 10 min", "Warm-up", 10),
    ("1. Video: Scrum in 10 minutes", "Video: Scrum in 10 minutes", None),
    ("1. The 90 minutes negotiation", "The 90 minutes negotiation", None),
    ("1. Video (Scrum in 10 minutes)", "Video (Scrum in 10 minutes)", None),
])
def test_a_length_inside_a_short_title_is_part_of_its_name(line, title, minutes):
    result = import_outline(f"Outline\n{line}\n2. Next (20 min)\n", "o.txt")
    section = result.sections[0]
    assert section.title == title
    assert (section.minutes if "minutes" not in section.guesses else None) == minutes


@pytest.mark.parametrize("line, title, minutes, note", [
    ("Exercise: redesign your weekly meeting (30 min, groups of 4)", "Redesign your weekly meeting", 30,
     "groups of 4"),
    ("Role play (in pairs, 20 minutes)", "Role play", 20, "in pairs"),
    ("分组讨论：如何分解目标（20分钟，每组5人）", "如何分解目标", 20, "每组5人"),
    ("Icebreaker (about 15 min; pairs)", "Icebreaker", 15, "pairs"),
    ("Pitch (approx. 15 min)", "Pitch", 15, None),
])
def test_a_length_listed_in_brackets_with_other_facts_is_the_sections(line, title, minutes, note):
    result = import_outline(f"Module 1: Meetings\n- Why meetings fail\n- {line}\n", "o.txt")
    section = result.sections[-1]
    assert (section.title, section.minutes, "minutes" in section.guesses) == (title, minutes, False)
    assert (note in section.notes) if note else not section.notes


def test_a_time_in_brackets_with_the_day_moves_to_the_notes():
    result = import_outline("Part 1 – Reading the numbers (Day 1, 9:00–12:30)\n• Statements\n• Cash\n"
                            "Part 2 – Budgets (Day 1, 13:30–17:00)\n• Building a budget\n", "o.txt")
    assert [m.title for m in result.modules] == ["Reading the numbers", "Budgets"]
    assert sum(s.minutes for s in result.modules[0].sections) == 210
    assert "Day 1" in result.modules[0].notes
