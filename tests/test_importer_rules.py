"""The rules real outlines need: breaks, half days, label lines, chrome, header blocks, tables, titles, levels."""
from __future__ import annotations

import pytest

from deckgen.importer import import_outline, write_course
from deckgen.importer.breaks import AFTER, BEFORE, BREAK, END, LUNCH, agenda_kind
from deckgen.importer.chrome import drop_chrome
from deckgen.importer.tables import read_tables
from deckgen.importer.titles import read_item
from deckgen.outline import load_course


def recognise(text: str):
    return import_outline(text, "outline.txt")


def tree(result) -> list[tuple[str, list[str]]]:
    return [(m.title, [s.title for s in m.sections]) for m in result.modules]


# --- breaks and the day's end -----------------------------------------------------------------------

@pytest.mark.parametrize("title, kind", [
    ("Coffee break", BREAK), ("茶歇", BREAK), ("Morning tea", BREAK), ("Coffee/tea etc", BREAK), ("休息", BREAK),
    ("Lunch", LUNCH), ("午餐", LUNCH), ("Buffet Lunch", LUNCH), ("Lunch (arrange your own)", LUNCH),
    ("Finish", END), ("结束", END), ("End of the workshop", END), ("Session ends", END),
    ("Registration", BEFORE), ("签到", BEFORE), ("Arrival and coffee", BEFORE), ("Doors open", BEFORE),
    ("Dinner", AFTER), ("Welcome Reception @ Hall 2", AFTER),
])
def test_agenda_lines_that_are_no_teaching(title, kind):
    assert agenda_kind(title) == kind


@pytest.mark.parametrize("title", ["Lunch and learn: budgeting for managers", "Coffee shop sales tactics",
                                   "Closing the deal", "茶歇后的复盘讨论", "Welcome"])
def test_titles_that_only_mention_a_break_are_teaching(title):
    assert agenda_kind(title) is None


def test_breaks_and_lunch_lines_in_a_chinese_list_become_breaks_not_sections():
    result = recognise("课程大纲\n一、认知\n1. 本质\n2. 误区\n茶歇\n3. 方法\n午餐\n二、实践\n1. 演练\n2. 复盘\n")
    assert [s.title for s in result.sections] == ["本质", "误区", "方法", "演练", "复盘"]
    (day,) = result.days
    assert [b.title for b in day.breaks] == ["茶歇", "午餐"]


def test_half_day_headings_become_the_module_when_nothing_else_does():
    result = recognise("Day 1\nMorning\n- Welcome\n- Why teams fail\nAfternoon\n- Team charter\n- Close\n"
                       "Day 2\nMorning\n- Feedback\n")
    assert [[m.title for m in d.modules] for d in result.days] == [["Morning", "Afternoon"], ["Morning"]]
    assert [s.title for s in result.sections][:2] == ["Welcome", "Why teams fail"]


def test_morning_and_afternoon_without_days_start_a_second_day():
    result = recognise("上午\n1. 开场\n2. 认知\n下午\n1. 演练\n上午\n1. 复盘\n")
    assert len(result.days) == 2


# --- label lines, quotes and paragraphs -----------------------------------------------------------

def test_label_lines_and_quotes_start_sections():
    result = recognise("课程大纲\n一、沟通\n1. 倾听\n案例演示: 某公司的会议\n实操演练:\n工具: 沟通清单\n> 角色扮演：客户投诉\n")
    titles = [(s.kind, s.label or s.type, s.title) for s in result.sections]
    assert titles[0] == ("content", None, "倾听")
    assert titles[1] == ("case", "案例演示", "某公司的会议")
    assert titles[2][0] == "exercise" and titles[2][2] == "实操演练"
    assert titles[3] == ("content", None, "工具: 沟通清单")
    assert titles[4] == ("exercise", "角色扮演", "客户投诉")


def test_an_unnumbered_heading_over_a_paragraph_is_a_section_with_notes():
    result = recognise("Negotiation basics\n\nPreparing well\nMost negotiations are lost before the first "
                       "meeting, because nobody wrote down what they want and what they will give.\n\n"
                       "Opening offers\nThe first number anchors the talk; we practise making it and hearing it.\n")
    assert [s.title for s in result.sections] == ["Preparing well", "Opening offers"]
    assert result.sections[0].notes and not result.sections[0].points


def test_numbers_in_running_text_are_not_numbering():
    result = recognise("Module 1: Planning\n1. Goals\nParticipants reflect on what happened during Session 1. "
                       "They complete the worksheet.\n2. Plans\n")
    assert [s.title for s in result.sections] == ["Goals", "Plans"]


# --- chrome -------------------------------------------------------------------------------------------

def test_page_chrome_is_dropped_and_listed():
    lines, dropped = drop_chrome(["You are on page 1 of 3", "12", "Module 1: Start", "You might also like",
                                  "(图片来源网络,侵删)", "第3页", "1. Welcome", "Download as pdf or txt"])
    assert lines == ["", "", "Module 1: Start", "", "", "", "1. Welcome", ""]
    assert [d.line for d in dropped] == [1, 2, 4, 5, 6, 8]


def test_chrome_inside_a_one_line_copy_is_cut_out():
    text = "版权说明:本文档由用户提供并上传,若内容存在侵权,请进行举报或认领 文档简介 销售课程一、开场1.破冰2.期望二、方法1.倾听2.提问"
    result = recognise(text)
    assert "版权" not in result.course.title and [m.title for m in result.modules] == ["开场", "方法"]
    assert any("chrome" in w.message for w in result.warnings)


def test_a_web_copy_with_chrome_does_not_name_the_course_after_it():
    result = recognise("You are on page 1 of 1\n\nLeading Teams\n\nModule 1: Trust\n1. Why trust\n2. How\n7\n")
    assert result.course.title == "Leading Teams"
    assert [s.title for s in result.sections] == ["Why trust", "How"]


# --- header blocks --------------------------------------------------------------------------------

def test_a_run_on_header_is_read_as_fields_and_gives_the_day_count():
    result = recognise("课程名称:高效会议 课程时长:2天 课程对象:中层经理 课程大纲:一、准备1.目标2.议程二、主持1.开场2.控场"
                       "三、跟进1.纪要2.追踪")
    assert result.course.title == "高效会议" and result.course.audience == "中层经理"
    assert len(result.days) == 2 and len(result.modules) == 3


def test_english_header_block_then_outline():
    result = recognise("Course: Time Management\nDuration: 1 day\nWho should attend: Team leaders\n"
                       "Course objectives:\n- Plan a week\n- Say no\n\nModule 1: Priorities\n1. Urgent vs important\n")
    assert result.course.title == "Time Management" and result.course.audience == "Team leaders"
    assert [m.title for m in result.modules] == ["Priorities"]


def test_numbered_header_items_stay_header():
    result = recognise("一、课程背景\n企业需要更好的会议。\n二、课程目标\n1. 会开会\n2. 会收尾\n三、课程内容\n1. 会前准备\n2. 会中控场\n")
    assert [m.title for m in result.modules] == ["课程内容"]
    assert [s.title for s in result.sections] == ["会前准备", "会中控场"]
    assert any("课程目标" in n for n in result.header_notes)


# --- tables and links -----------------------------------------------------------------------------

def test_markdown_table_rows_are_items_and_the_separator_is_dropped():
    lines, rows = read_tables(["| Time | Session | Room |", "|---|:---:|---|", "| 09:00 | Welcome | A1 |",
                               "| 09:30 | [Goal setting](https://x.example) | A1 |"])
    assert lines[:3] == ["", "", "09:00 Welcome"] and rows[3] == ["A1"]
    result = recognise("# Workshop\n\n| Time | Session | Room |\n|---|---|---|\n| 09:00 | Welcome | A1 |\n"
                       "| 09:30 | [Goal setting](https://x.example) | A1 |\n| 10:30 | Coffee | A1 |\n"
                       "| 10:45 | Action plans | A1 |\n| 12:00 | Close | |\n")
    assert [(s.title, s.minutes) for s in result.sections] == [("Welcome", 30), ("Goal setting", 60),
                                                               ("Action plans", 75)]
    assert not any("---" in p.text for s in result.sections for p in s.points)


TAB_TABLE = ("Customer Service Excellence\n\nTime\tSession\tMethod\n9:00 AM\tWhat customers want\tPresentation\n"
             "10:30 AM\tBreak\t\n10:45 AM\tThe LAST model: Listen, Apologise, Solve, Thank\tModel + demo\n"
             "11:45 AM\tHandling an angry caller\tTrios\n12:30 PM\tLunch\t\n1:30 PM\tPersonal action plan\t"
             "Individual work\n2:30 PM\tClose\t\n")


def test_a_table_pasted_with_tabs_is_read_like_a_markdown_table():
    result = recognise(TAB_TABLE)
    assert [(s.kind, s.title, s.minutes) for s in result.sections] == [
        ("content", "What customers want", 90), ("framework", "The LAST model: Listen, Apologise, Solve, Thank", 60),
        ("exercise", "Handling an angry caller", 45), ("exercise", "Personal action plan", 60)]
    # the method column is for the facilitator: in the notes, not on the slide
    assert [s.notes for s in result.sections] == [["Presentation"], ["Model + demo"], ["Trios"], ["Individual work"]]
    assert not any(s.points for s in result.sections) and "\t" not in "".join(s.title for s in result.sections)
    assert [(b.at, b.minutes) for b in result.days[0].breaks] == [("10:30", 15), ("12:30", 60)]


def test_lines_indented_with_tabs_are_no_table():
    lines, rows = read_tables(["Module 1", "\t- one point", "\t- another point"])
    assert lines == ["Module 1", "\t- one point", "\t- another point"] and rows == {}


# --- titles ---------------------------------------------------------------------------------------

def test_long_titles_are_cut_at_the_first_sentence_and_the_rest_kept():
    item = read_item("Ice Breaker (if appropriate). Ice breakers are useful if people do not know each other and "
                     "should create the right atmosphere.")
    assert item.title == "Ice Breaker (if appropriate)" and item.notes
    item = read_item("Introduction: Distribute the handout and explain that trainees will work in the same groups "
                     "as in Session 2.")
    assert item.title == "Introduction" and item.rest


@pytest.mark.parametrize("text", [
    "一、" + "如何通过系统化的方法提升客户经理在复杂项目中的需求挖掘能力与方案呈现能力并最终推动成交落地",
    "1. " + "Why the first ten minutes of a negotiation decide most of what happens afterwards, and what to do "
            "about it when the other side has more power",
])
def test_every_import_with_long_titles_builds(tmp_path, text):
    from deckgen.commands.build import build
    result = recognise(text + "\n")
    write_course(result, tmp_path / "course")
    course, diags = load_course(tmp_path / "course")
    assert course is not None and not diags.has_errors()
    build(tmp_path / "course", tmp_path / "out")
    assert list((tmp_path / "out").rglob("*.pptx"))


# --- levels ---------------------------------------------------------------------------------------

def test_levels_are_decided_per_module_when_the_style_changes():
    result = recognise("## Module 1: Basics\n1. One\n2. Two\n## Module 2: Practice\n- Drill\n- Review\n")
    assert tree(result) == [("Module 1: Basics", ["One", "Two"]), ("Module 2: Practice", ["Drill", "Review"])] \
        or tree(result) == [("Basics", ["One", "Two"]), ("Practice", ["Drill", "Review"])]


def test_nested_numbering_by_indent():
    result = recognise("Plan\n1. Prepare\n    1. Goals\n    2. Agenda\n2. Run\n    1. Open\n")
    assert tree(result) == [("Prepare", ["Goals", "Agenda"]), ("Run", ["Open"])]


def test_wrapped_lines_are_joined():
    result = recognise("Module 1: Basics\n1. A very long section title that the author\n   wrapped onto a second line\n"
                       "2. Next\n")
    assert result.sections[0].title.endswith("wrapped onto a second line")


def test_unnumbered_lines_timed_after_their_title_are_an_agenda():
    result = recognise("Agenda\nWelcome and introductions (20 minutes): the facilitator explains the day.\n"
                       "Icebreaker (15 minutes): participants pair up.\nBreak (15 minutes)\n"
                       "Group activity (45 minutes): in small groups, map the sources of stress.\n")
    assert [(s.kind, s.title, s.minutes) for s in result.sections] == [
        ("content", "Welcome and introductions", 20), ("exercise", "Icebreaker", 15),
        ("exercise", "Group activity", 45)]
    assert [p.text for p in result.sections[0].points] == ["the facilitator explains the day."]
    assert [b.minutes for b in result.days[0].breaks] == [15]


def test_a_chinese_timetable_with_lectures_lunch_and_rest():
    result = recognise("时间安排：\n08:30-09:00 签到\n09:00-10:30 第一讲 数字化转型的底层逻辑\n10:30-10:45 茶歇\n"
                       "10:45-12:00 第二讲 数据驱动的业务决策\n12:00-13:30 午餐及午休\n13:30-15:00 小组研讨：路线图\n")
    assert [(s.title, s.minutes) for s in result.sections] == [
        ("数字化转型的底层逻辑", 90), ("数据驱动的业务决策", 75), ("路线图", 90)]
    (day,) = result.days
    assert (day.start, day.end) == ("09:00", "15:00")
    assert [(b.at, b.minutes) for b in day.breaks] == [("10:30", 15), ("12:00", 90)]


def test_a_run_on_header_glued_to_a_title_and_to_each_other():
    result = recognise("高效会议管理 课程名称:高效会议天数:2天课程目标:1、会开会2、会收尾课程大纲:一、会前准备1.目标2.议程"
                       "二、会中主持1.开场2.控场三、会后跟进1.纪要2.追踪\n")
    assert result.course.title == "高效会议" and result.course.duration_days == 2
    assert [m.title for m in result.modules] == ["会前准备", "会中主持", "会后跟进"]
    assert len(result.days) == 2
    assert any(n.startswith("课程目标") for n in result.header_notes)


def test_timed_items_an_hour_long_are_modules():
    result = recognise("第一天\n上午（9:00-12:00）\n一、变革的本质（60分钟）\n二、变革中的人（90分钟）\n下午（13:30-17:00）\n"
                       "三、变革领导力（90分钟）\n四、沙盘演练（120分钟）\n")
    assert [m.title for m in result.modules] == ["变革的本质", "变革中的人", "变革领导力", "沙盘演练"]
    assert [s.minutes for s in result.sections] == [60, 90, 90, 120]


def test_timed_sessions_with_lunch_and_a_learning_outcomes_block_before_them():
    result = recognise("Emotional Intelligence at Work\nCourse outline\n\nLearning outcomes\n- recognise triggers\n"
                       "- respond rather than react\n\nDAY ONE\nSession 1: 9:00 - 10:30 What is EI?\n"
                       "Session 2: 10:45 - 12:30 Self-awareness\nLunch 12:30 - 13:30\n"
                       "Session 3: 13:30 - 15:00 Managing emotions\nDAY TWO\nSession 4: 9:00 - 10:30 Social skills\n")
    assert [m.title for m in result.modules] == ["What is EI?", "Self-awareness", "Managing emotions", "Social skills"]
    assert result.header_notes[-3:] == ["Learning outcomes", "recognise triggers", "respond rather than react"]
    first = result.days[0]
    assert (first.start, first.end) == ("09:00", "15:00")
    # the quarter hour between sessions 1 and 2 is a break, so lunch falls at 12:30 as written
    assert [(b.at, b.minutes, b.title) for b in first.breaks] == [("10:30", 15, "Coffee break"), ("12:30", 60, "Lunch")]
    assert [s.minutes for s in result.sections] == [90, 105, 90, 90]
