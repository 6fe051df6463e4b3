"""Slide planners: which layout each section gets, continuation slides, chips, and fit errors with locations."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.commands.build import plan
from deckgen.errors import DeckgenError
from deckgen.plan import Connector, Shape, iter_elements

LONG = "客户数较少但服务有深度，终端体验让品牌承诺落地，供应链必须与消费链对接，内部管理比外部业务复杂"


def make_course(folder: Path, sections_yaml: str, language: str = "zh-CN") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text(textwrap.dedent(f"""\
        title: 测试课程
        language: {language}
        days:
          - title: 第一天
            start: "09:00"
            modules: [m1.yaml]
        """), encoding="utf-8")
    (folder / "m1.yaml").write_text("number: 1\ntitle: 模块一\nsections:\n" + textwrap.indent(
        textwrap.dedent(sections_yaml), "  "), encoding="utf-8")
    return folder


def slides_of(folder: Path):
    return plan(folder).plan.decks[0].slides


def names(slide) -> list[str]:
    return [e.name for e in iter_elements(slide.elements)]


def section_slides(folder):
    return [s for s in slides_of(folder) if s.kind not in ("cover", "agenda", "divider", "closing")]


def test_a_day_deck_opens_with_cover_agenda_divider_and_ends_with_closing(tmp_path):
    folder = make_course(tmp_path / "c", "- {kind: content, title: 标题, minutes: 10, points: [甲, 乙]}\n")
    kinds = [s.kind for s in slides_of(folder)]
    assert kinds == ["cover", "agenda", "divider", "content", "closing"]


def test_few_short_points_become_cards_and_longer_ones_rows(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - {kind: content, title: 卡片, points: [做市场, 做客户, 做渠道]}
        - {kind: content, title: 行, points: ["领导智商—感知、表达与推理", "职业自信—管理能力与领导技能",
            "意志坚定—恒久忍耐、又有恩慈", "为人正直—不做害羞的事", "社交魅力—快快地听"]}
        """)
    cards, rows = section_slides(folder)
    assert [n for n in names(cards) if n.endswith("text")] == ["Card 1 text", "Card 2 text", "Card 3 text"]
    assert "Row 5 term" in names(rows) and "Row 5 text" in names(rows)
    term = next(e for e in iter_elements(rows.elements) if e.name == "Row 1 term")
    assert term.text.paragraphs[0].text == "领导智商"


def test_too_many_points_continue_on_a_second_slide(tmp_path):
    points = "\n".join(f"    - 第{i}点：{LONG}" for i in range(1, 25))
    folder = make_course(tmp_path / "c", f"- kind: content\n  title: 很多要点\n  points:\n{points}\n")
    slides = section_slides(folder)
    assert [s.title for s in slides][:2] == ["很多要点", "很多要点（续）"]
    assert all(s.title == "很多要点（续）" for s in slides[1:])
    texts = [p.text for s in slides for e in iter_elements(s.elements) if e.name == "Points"
             for p in e.text.paragraphs]
    assert texts == [f"第{i}点：{LONG}" for i in range(1, 25)]
    sizes = {e.text.size for s in slides for e in iter_elements(s.elements) if e.name == "Points"}
    assert min(sizes) >= 14


def test_english_course_continues_with_cont(tmp_path):
    points = "\n".join(f"    - Point {i} is " + "a long sentence about pipeline reviews and coaching " * 3
                       for i in range(1, 25))
    folder = make_course(tmp_path / "c", f"- kind: content\n  title: Many points\n  points:\n{points}\n",
                         language="en")
    titles = [s.title for s in section_slides(folder)]
    assert "Many points (cont.)" in titles


def test_case_slide_has_label_chip_facts_and_questions_panel(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - kind: case
          label: 案例分析
          title: 车享家
          points: [模式七十二变]
          questions: [为什么？, 怎么办？]
        """)
    (slide,) = section_slides(folder)
    chip = next(e for e in iter_elements(slide.elements) if e.name == "Chip 1")
    assert chip.text.paragraphs[0].text == "案例分析"
    questions = next(e for e in iter_elements(slide.elements) if e.name == "Questions")
    assert [p.text for p in questions.text.paragraphs] == ["为什么？", "怎么办？"]
    assert [p.marker for p in questions.text.paragraphs] == ["1.", "2."]


def test_exercise_has_type_and_time_chips_and_a_debrief_slide(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - kind: exercise
          type: 角色扮演
          title: 两个场景
          minutes: 40
          task: 两人一组演练
          steps: [准备, 演练, 点评]
          debrief: [哪里最难？]
        """)
    exercise, debrief = section_slides(folder)
    chips = [e.text.paragraphs[0].text for e in iter_elements(exercise.elements) if e.name.startswith("Chip")]
    assert chips == ["角色扮演", "40 分钟"]
    assert debrief.kind == "debrief"
    assert "哪里最难？" in [p.text for e in iter_elements(debrief.elements) if e.name == "Debrief question 1"
                          for p in e.text.paragraphs]
    assert exercise.notes.startswith("⏱ 40 分钟 · 09:00–09:40")


def test_chips_and_title_do_not_overlap(tmp_path):
    folder = make_course(tmp_path / "c", f"""\
        - {{kind: exercise, type: 现场微咨询, title: "{LONG}", minutes: 30, task: 做}}
        """)
    (slide, *_) = section_slides(folder)
    boxes = {e.name: e.box for e in iter_elements(slide.elements) if isinstance(e, Shape)}
    assert not boxes["Title"].overlaps(boxes["Chip 1"]) and not boxes["Title"].overlaps(boxes["Chip 2"])
    assert not boxes["Chip 1"].overlaps(boxes["Chip 2"])


def test_text_that_cannot_fit_is_an_error_at_its_yaml_line(tmp_path):
    folder = make_course(tmp_path / "c", f"""\
        - kind: case
          title: 案例
          questions: ["{LONG * 14}"]
        """)
    with pytest.raises(DeckgenError) as err:
        plan(folder)
    messages = [str(d) for d in err.value.diagnostics]
    assert any(m.endswith("m1.yaml:4:5: error: the discussion questions does not fit its box even at 14 pt: "
                          "shorten it\n  hint: the text starts '客户数较少但服务有深度，终端体验让品牌承诺落地，…'")
               for m in messages), messages


def test_every_section_slide_shape_stays_inside_the_slide(tmp_path):
    folder = make_course(tmp_path / "c", f"""\
        - {{kind: content, title: "{LONG}", points: ["{LONG}", "{LONG}"]}}
        - {{kind: case, title: 案例, background: "{LONG}", points: [甲], questions: [乙]}}
        """)
    deck = plan(folder).plan.decks[0]
    for slide in deck.slides:
        for e in iter_elements(slide.elements):
            if isinstance(e, Shape):
                assert 0 <= e.box.x and e.box.right <= deck.width and 0 <= e.box.y and e.box.bottom <= deck.height
            elif isinstance(e, Connector):
                assert all(0 <= x <= deck.width for x in (e.start[0], e.end[0]))


def test_untitled_breaks_are_named_by_their_length(tmp_path):
    folder = make_course(tmp_path / "c", "\n".join(
        f"- {{kind: content, title: 第{i}节, minutes: 60, points: [甲, 乙]}}" for i in range(1, 6)) + "\n")
    text = (folder / "course.yaml").read_text(encoding="utf-8")
    (folder / "course.yaml").write_text(text.replace('    start: "09:00"\n', '    start: "09:00"\n    breaks:\n'
                                                     '      - {at: "10:00", minutes: 15}\n'
                                                     '      - {at: "12:00", minutes: 60}\n'), encoding="utf-8")
    agenda = next(s for s in slides_of(folder) if s.kind == "agenda")
    labels = [e.text.paragraphs[0].text for e in iter_elements(agenda.elements) if e.name.startswith("Agenda item")]
    assert "茶歇（15 分钟）" in labels and "午餐（60 分钟）" in labels


def test_a_case_background_is_on_the_built_slide_above_its_facts(tmp_path):
    """The situation a case opens with is what participants read first: it must reach the deck."""
    from pptx import Presentation
    from deckgen.commands.build import build
    folder = make_course(tmp_path / "c", """\
        - kind: case
          title: 车享家
          background: 一家汽车后市场连锁企业，三年内门店从二十家扩张到两百家
          points: [模式七十二变, 加盟商管理失控]
          questions: [为什么？]
        """)
    result = build(folder, tmp_path / "out")
    deck = next(w.path for w in result.written if w.path.stem == "day-1")
    texts = [shape.text_frame.text for slide in Presentation(str(deck)).slides for shape in slide.shapes
             if shape.has_text_frame]
    [facts] = [t for t in texts if "模式七十二变" in t]
    assert "一家汽车后市场连锁企业" in facts
    assert facts.index("一家汽车后市场连锁企业") < facts.index("模式七十二变")


def test_ascii_punctuation_is_set_full_width_with_a_warning_unless_kept(tmp_path):
    section = """\
        - kind: content
          title: 亮出真功夫,车享家给行业打了个样
          points: [模式可以变,真功夫不能丢, 服务质量跟不上?]
        """
    folder = make_course(tmp_path / "c", section)
    planned = plan(folder)
    titles = [e.text.paragraphs[0].text for s in planned.plan.decks[0].slides for e in iter_elements(s.elements)
              if e.name == "Title" and s.kind == "content"]
    assert titles == ["亮出真功夫，车享家给行业打\n了个样"] or titles[0].replace("\n", "") == "亮出真功夫，车享家给行业打了个样"
    warned = [d for d in planned.diagnostics.warnings if "set full-width" in d.message]
    assert warned and all(d.loc is not None and d.loc.file.endswith("m1.yaml") for d in warned)
    course = (folder / "course.yaml").read_text("utf-8")
    (folder / "course.yaml").write_text(course.replace("language:", "punctuation: as-written\nlanguage:"), "utf-8")
    kept = plan(folder)
    text = "".join(p.text for s in kept.plan.decks[0].slides for e in iter_elements(s.elements)
                   if isinstance(e, Shape) and e.text for p in e.text.paragraphs).replace("\n", "")
    assert "真功夫,车享家" in text and not any("set full-width" in d.message for d in kept.diagnostics.warnings)


def test_a_single_point_is_set_as_a_statement_and_a_short_list_larger(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - kind: content
          title: 一句话
          points: [过程管理的核心是把目标变成每天的动作]
        - kind: content
          title: 三个要点
          points: [先看清客户在行业中的位置与变化, 再确定我们可以提供的独特价值是什么, 最后把价值落到每一次拜访中去]
        - kind: content
          title: 两个要点
          points:
            - text: 先看清客户
              points: [行业位置]
            - 再确定价值
        """)
    statement, cards, short_list = section_slides(folder)
    shapes = {e.name: e for e in iter_elements(statement.elements)}
    assert "Statement" in shapes and shapes["Statement"].text.size >= 28
    card = next(e for e in iter_elements(cards.elements) if e.name == "Card 1")
    assert card.box.h >= 2.8 * 914400  # three short points: cards over half the content area tall
    points = next(e for e in iter_elements(short_list.elements) if e.name == "Points")
    assert points.text.size > 20  # above the body size: a short list does not sit small in an empty slide


def test_continuation_slides_share_the_points_evenly_at_one_size(tmp_path):
    points = "\n".join(f"    - 第{i}点：{LONG}" for i in range(1, 19))
    folder = make_course(tmp_path / "c", f"- kind: content\n  title: 很多要点\n  points:\n{points}\n")
    slides = section_slides(folder)
    counts = [sum(len(e.text.paragraphs) for e in iter_elements(s.elements) if e.name.startswith("Points"))
              for s in slides]
    sizes = {e.text.size for s in slides for e in iter_elements(s.elements) if e.name.startswith("Points")}
    assert sum(counts) == 18 and max(counts) - min(counts) <= 2, counts
    assert len(sizes) == 1


def test_the_closing_uses_takeaways_and_lists_tomorrow_and_the_last_day_closes_the_course(tmp_path):
    folder = make_course(tmp_path / "c", "- kind: content\n  title: 要点\n  points: [一, 二]\n")
    course = (folder / "course.yaml").read_text("utf-8")
    course += "  - title: 第二天\n    start: \"09:00\"\n    modules: [m2.yaml]\n"
    (folder / "course.yaml").write_text(course, "utf-8")
    (folder / "m1.yaml").write_text((folder / "m1.yaml").read_text("utf-8").replace(
        "title: 模块一\n", "title: 模块一\nobjectives: [目标甲]\ntakeaways: [带走的第一件事, 带走的第二件事]\n"), "utf-8")
    (folder / "m2.yaml").write_text("number: 2\ntitle: 第二个模块\nobjectives: [理解乙]\nsections:\n"
                                    "  - kind: content\n    title: 要点\n    points: [一, 二]\n", "utf-8")
    day1, day2 = plan(folder).plan.decks
    text1 = [p.text.replace("\n", "") for e in iter_elements(day1.slides[-1].elements) if isinstance(e, Shape)
             and e.text for p in e.text.paragraphs]
    assert "带走的第一件事" in text1 and "目标甲" not in text1  # takeaways over objectives
    assert any("第二个模块" in t for t in text1) and "明日预告" in text1  # tomorrow's modules as a list
    text2 = [p.text for e in iter_elements(day2.slides[-1].elements) if isinstance(e, Shape) and e.text
             for p in e.text.paragraphs]
    assert "谢谢" in text2 and "理解乙" in text2 and day2.slides[-1].title.startswith("课程总结")


def shapes_of(slide) -> dict:
    return {e.name: e for e in iter_elements(slide.elements)}


def test_a_few_short_cards_span_the_content_area_with_their_words_set_large_at_one_size(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - {kind: content, title: 两张卡, points: [掌握销售发力的准头, 借力打力，方能久胜]}
        - {kind: content, title: 四张卡, points: [成本、时间、结果的平衡, 机会、策略、资源的通达, 渠道成员战略与指标认同, 个人、客户、团队的进深]}
        """)
    two, four = section_slides(folder)
    design_h = 5.21 * 914400  # the default theme's content area on a 16:9 slide
    for slide, n in ((two, 2), (four, 4)):
        s = shapes_of(slide)
        panels = [s[f"Card {i}"] for i in range(1, n + 1)]
        words = [s[f"Card {i} text"].text for i in range(1, n + 1)]
        assert all(p.box.h >= 0.8 * design_h for p in panels)  # the row of cards is the slide, not a strip
        assert len({p.box.y for p in panels}) == 1 and len({w.size for w in words}) == 1  # side by side, one size
        assert words[0].size >= 24  # set large: a card's few words read from the back of the room
        # no card's words run to more than three lines (a designer sets them a little smaller instead)
        assert all(len(w.paragraphs[0].text.split("\n")) <= 3 for w in words)
        numbers = [s[f"Card {i} number"] for i in range(1, n + 1)]
        assert all(nb.box.bottom <= s[f"Card {i} text"].box.y for i, nb in enumerate(numbers, start=1))


def test_cards_beside_a_chart_stack_and_cards_over_a_table_share_its_slide(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - kind: content
          title: 图旁的卡片
          points: [流量型产品目标分解到时间与区域, 定制型产品则分解到客户类型与数量]
          chart: {type: column, categories: [Q1, Q2], series: [{name: 目标, values: [1, 2]}]}
        - kind: content
          title: 表上的卡片
          points: [时间顺序分解法, 客户类型分解法, 80/20分解法, 营销与销售联动法]
          table:
            columns: [方法, 按什么分]
            rows:
              - [时间顺序分解法, 季度与月份]
              - [客户类型分解法, 重点、成长与新客户]
              - [80/20分解法, 贡献最大的两成客户]
              - [营销与销售联动法, 市场活动带来的商机]
        """)
    beside, over = section_slides(folder)
    s = shapes_of(beside)
    cards = [s["Card 1"], s["Card 2"]]
    assert cards[0].box.x == cards[1].box.x and cards[1].box.y > cards[0].box.bottom - 1  # stacked bands
    number, words = s["Card 1 number"], s["Card 1 text"]
    assert number.box.right <= words.box.x and words.text.size >= 20  # the numeral beside the words
    chart = next(e for e in iter_elements(beside.elements) if type(e).__name__ == "Chart")
    assert cards[0].box.right <= chart.box.x
    s = shapes_of(over)
    table = next(e for e in iter_elements(over.elements) if type(e).__name__ == "Table")
    assert over.title == "表上的卡片" and len(section_slides(folder)) == 2  # no continuation slide
    assert all(s[f"Card {i}"].box.bottom <= table.box.y for i in range(1, 5))
    assert len({s[f"Card {i}"].box.y for i in range(1, 5)}) == 1


def test_the_closing_band_is_tall_enough_for_tomorrows_list_at_full_size():
    # the sample's first day: three modules of two-line titles and takeaways over tomorrow's three modules
    result = plan(Path(__file__).parent.parent / "decks" / "b2b-sales-management")
    assert not [w for w in result.diagnostics.items if "tomorrow" in w.message]
    tomorrow = shapes_of(result.plan.decks[0].slides[-1])["Tomorrow"]
    assert tomorrow.text.size >= 16 and len(tomorrow.text.paragraphs) == 3


def test_a_short_case_and_few_short_questions_are_set_larger_than_a_long_case(tmp_path):
    folder = make_course(tmp_path / "c", f"""\
        - {{kind: case, title: 短案例, background: 一个五人团队错过了季度目标。, questions: [先改什么？]}}
        - {{kind: case, title: 长案例, background: "{LONG}{LONG}", points: ["{LONG}", "{LONG}"],
            questions: ["{LONG}", "{LONG}", "{LONG}"]}}
        """)
    short, long_ = section_slides(folder)[:2]
    body = 20  # the default theme's body size
    assert shapes_of(short)["Case facts"].text.size > body and shapes_of(short)["Questions"].text.size > body
    assert shapes_of(long_)["Case facts"].text.size <= body and shapes_of(long_)["Questions"].text.size <= body


def test_tomorrow_does_not_name_a_module_twice_when_its_title_already_does(tmp_path):
    folder = make_course(tmp_path / "c", "- {kind: content, title: Points, points: [one, two]}\n", language="en")
    course = (folder / "course.yaml").read_text("utf-8")
    course += "  - title: Day 2\n    start: \"09:00\"\n    modules: [m2.yaml, m3.yaml]\n"
    (folder / "course.yaml").write_text(course, "utf-8")
    for n, title in ((2, "Module 2: pricing"), (3, "Negotiation")):
        (folder / f"m{n}.yaml").write_text(f"number: {n}\ntitle: '{title}'\nsections:\n"
                                           "  - {kind: content, title: Points, points: [one, two]}\n", "utf-8")
    closing = plan(folder).plan.decks[0].slides[-1]
    assert [p.text.replace("\n", " ") for p in shapes_of(closing)["Tomorrow"].text.paragraphs] == \
        ["Module 2: pricing", "Module 3: Negotiation"]


def test_a_long_tomorrow_list_runs_in_two_columns_at_one_size(tmp_path):
    # seven modules tomorrow: two columns, the first the longer, both at one size
    folder = make_course(tmp_path / "c", "- {kind: content, title: 要点, points: [一, 二]}\n")
    course = (folder / "course.yaml").read_text("utf-8")
    course += "  - title: 第二天\n    start: \"08:00\"\n    modules: [" + ", ".join(f"m{n}.yaml" for n in range(2, 9)) + "]\n"
    (folder / "course.yaml").write_text(course, "utf-8")
    for n in range(2, 9):
        (folder / f"m{n}.yaml").write_text(f"number: {n}\ntitle: 第{n}个模块的标题\nsections:\n"
                                           "  - {kind: content, title: 要点, minutes: 10, points: [一, 二]}\n", "utf-8")
    shapes = shapes_of(plan(folder).plan.decks[0].slides[-1])
    first, second = shapes["Tomorrow 1"].text, shapes["Tomorrow 2"].text
    assert (len(first.paragraphs), len(second.paragraphs)) == (4, 3)  # the longer column first
    assert first.size == second.size  # one list, one size
    # its panel takes the wider share of the band beside the two next steps
    assert shapes["Tomorrow panel"].box.w > 1.3 * shapes["Next steps panel"].box.w


def test_a_day_of_one_module_lists_its_sections_on_the_agenda(tmp_path):
    folder = make_course(tmp_path / "c", """\
        - {kind: content, title: 开场与破冰, minutes: 30, points: [一, 二]}
        - {kind: content, title: 成人学习的规律, minutes: 60, points: [一, 二]}
        - {kind: exercise, type: 演练, title: 设计十分钟微课, minutes: 90}
        """)
    agenda = slides_of(folder)[1]
    shapes = {e.name: e for e in iter_elements(agenda.elements)}
    items = [shapes[f"Agenda item {i}"].text.paragraphs[0].text for i in range(1, 5)]
    times = [shapes[f"Agenda time {i}"].text.paragraphs[0].text for i in range(1, 5)]
    assert items[:3] == ["开场与破冰", "成人学习的规律", "设计十分钟微课"] and times[:3] == ["09:00", "09:30", "10:30"]
    assert [shapes[f"Agenda marker {i}"].text.paragraphs[0].text for i in range(1, 4)] == ["1", "2", "3"]


@pytest.mark.parametrize("module_title, divider", [("第一天", False), ("模块一", True)])
def test_a_module_that_is_only_its_day_gets_no_divider(tmp_path, module_title, divider):
    folder = make_course(tmp_path / "c", """\
        - {kind: content, title: 开场, minutes: 30, points: [一, 二]}
        - {kind: content, title: 规律, minutes: 60, points: [一, 二]}
        """)
    m1 = folder / "m1.yaml"
    m1.write_text(m1.read_text("utf-8").replace("title: 模块一", f"title: {module_title}"), "utf-8")
    slides = slides_of(folder)
    assert [s.kind for s in slides] == ["cover", "agenda"] + (["divider"] if divider else []) + \
        ["content", "content", "closing"]
    # the closing card of a module that is its whole day recaps its sections
    card = shapes_of(slides[-1]).get("Takeaway card 1 points")
    assert ([p.text for p in card.text.paragraphs] if card else None) == (None if divider else ["开场", "规律"])


def test_tomorrow_lists_the_sessions_of_a_day_that_is_one_module(tmp_path):
    folder = make_course(tmp_path / "c", "- {kind: content, title: 要点, minutes: 10, points: [一, 二]}\n")
    course = (folder / "course.yaml").read_text("utf-8")
    (folder / "course.yaml").write_text(course + "  - title: 第二天\n    start: \"09:00\"\n    modules: [m2.yaml]\n",
                                        "utf-8")
    (folder / "m2.yaml").write_text("number: 2\ntitle: 第二天\nsections:\n"
                                    "  - {kind: content, title: 微课演练, minutes: 90, points: [一, 二]}\n"
                                    "  - {kind: content, title: 反馈模型, minutes: 60, points: [一, 二]}\n", "utf-8")
    shapes = shapes_of(plan(folder).plan.decks[0].slides[-1])
    assert [p.text for p in shapes["Tomorrow"].text.paragraphs] == ["微课演练", "反馈模型"]


def test_closing_cards_without_takeaways_are_no_taller_than_their_title_needs(tmp_path):
    folder = make_course(tmp_path / "c", "- {kind: content, title: 要点, minutes: 10, points: [一, 二]}\n")
    shapes = shapes_of(plan(folder).plan.decks[0].slides[-1])
    card, title = shapes["Takeaway card 1"], shapes["Takeaway card 1 title"]
    assert card.box.h < 1.6 * 914400 and title.text.size >= 20  # no hollow card, the title at its full size
    assert title.box.bottom <= card.box.bottom


def test_a_section_with_nothing_under_its_title_is_a_title_card_not_an_empty_slide(tmp_path):
    from pptx import Presentation
    from pptx.util import Pt
    from deckgen.commands.build import build
    folder = make_course(tmp_path / "c", """\
        - {kind: content, title: 过程管理的本质, minutes: 20}
        - {kind: case, label: 案例, title: 某快消企业的周例会, minutes: 30}
        - {kind: exercise, type: 分组讨论, title: 我们的例会哪里出了问题, minutes: 25}
        """)
    deck = Presentation(str(build(folder, tmp_path / "out").written[0].path))
    slides = [s for s in deck.slides if any(sh.name == "Title card" for sh in s.shapes)]
    assert len(slides) == 3
    for slide, title, kicker in zip(slides, ["过程管理的本质", "某快消企业的周例会", "我们的例会哪里出了问题"],
                                    [["模块一"], ["案例"], ["分组讨论", "25 分钟"]]):
        shapes = {sh.name.split(" dg:")[0]: sh for sh in slide.shapes}
        card, heading = shapes["Title card"], shapes["Title"]
        assert heading.text_frame.text == title
        size = max(r.font.size for p in heading.text_frame.paragraphs for r in p.runs)
        assert size >= Pt(30)  # the title is the slide's message, not a band over nothing
        assert card.left <= heading.left and heading.left + heading.width <= card.left + card.width
        assert card.top <= heading.top and heading.top + heading.height <= card.top + card.height
        above = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh is not heading
                 and card.top <= sh.top < heading.top and sh.text_frame.text]
        assert above == kicker
