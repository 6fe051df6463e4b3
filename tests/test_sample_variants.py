"""The sample course's second facilitator and its one-day variant."""
from __future__ import annotations

import re

import pytest
from pptx import Presentation

from conftest import SAMPLE, invoke

from deckgen.commands.build import build
from deckgen.commands.plan_report import schedule_report

pytestmark = pytest.mark.usefixtures("isolated")


def test_the_one_day_variant_teaches_six_and_a_half_hours_of_three_modules(tmp_path):
    report = schedule_report(SAMPLE, "one-day")
    [day] = report.days
    assert day.teaching_minutes == 390
    assert [m.title for m in day.day.modules] == ["业绩分解的策略与执行路径", "销售过程管理的纲举与目张",
                                                  "教练技术，育卓越销售团队"]
    assert [m.number for m in day.day.modules] == [1, 2, 3]  # renumbered for this edition
    assert day.day.start == "09:00" and day.end == 17 * 60


def test_the_one_day_deck_has_its_modules_clock_times_and_no_skipped_section(tmp_path):
    out = tmp_path / "out"
    result = build(SAMPLE, out, variant="one-day")
    [written] = result.written
    assert written.path == out / "b2b-sales-management" / "one-day" / "day-1.pptx"
    prs = Presentation(str(written.path))
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
    agenda = texts[1]
    assert re.search(r"09:00.*业绩分解的策略与执行路径.*11:30.*销售过程管理的纲举与目张.*14:40.*教练技术", agenda)
    assert "赢取B2B销售管理的丰厚红利" not in " ".join(texts)
    assert "借鉴动车式团队管理" not in " ".join(texts)  # skip: [one-day]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert any(n.startswith("⏱ 35 分钟 · 14:05–14:40 · 主讲：李娜") for n in notes)  # its own minutes


def test_the_sample_course_as_written_keeps_the_skipped_section_and_both_facilitators(tmp_path):
    result = invoke("plan", SAMPLE, "--by", "facilitator")
    assert re.search(r"王明 \(主讲\)\s+\d+ min", result.output)
    assert re.search(r"李娜 \(副讲\)\s+\d+ min", result.output)
    assert re.search(r"Teaching\s+380 min\s+380 min\s+760 min", result.output)
    day2 = [d for d in schedule_report(SAMPLE).days][1]
    assert "教练技术（四）：借鉴动车式团队管理" in [s.title for s in day2.slots]
