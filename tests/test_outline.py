"""The outline loader: the sample course's shape, and strict errors with file:line:col."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.outline import load_course
from conftest import SAMPLE


def write_course(folder: Path, module_yaml: str, course_extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text("title: 测试课程\n" + course_extra + textwrap.dedent("""\
        days:
          - title: 第一天
            start: "09:00"
            modules: [m1.yaml]
        """), encoding="utf-8")
    (folder / "m1.yaml").write_text(textwrap.dedent(module_yaml), encoding="utf-8")
    return folder


def test_sample_course_has_six_modules_and_45_sections():
    course, diags = load_course(SAMPLE)
    assert not diags.has_errors(), [str(d) for d in diags]
    assert [m.number for m in course.modules] == [1, 2, 3, 4, 5, 6]
    assert [len(d.modules) for d in course.days] == [3, 3]
    assert sum(len(m.sections) for m in course.modules) == 45


def test_sample_course_classifies_cases_exercises_and_frameworks():
    course, _ = load_course(SAMPLE)
    sections = {s.title: s for m in course.modules for s in m.sections}
    assert sections["人保旗下“帮帮汽服”的想象空间"].kind == "case"
    assert sections["人保旗下“帮帮汽服”的想象空间"].label == "案例解读"
    assert sections["二个场景考验您的管理功底"].type == "角色扮演"
    assert sections["B2B平台的三个模式与运营"].diagram.kind == "pillars"
    assert sections["管理金字塔：串起目标、过程与行动"].diagram.kind == "pyramid"
    kinds = [s.kind for m in course.modules for s in m.sections]
    assert kinds.count("case") == 4 and kinds.count("exercise") == 7


def test_each_sample_day_fits_a_teaching_day():
    course, _ = load_course(SAMPLE)
    for day in course.days:
        minutes = sum(m.minutes for m in day.modules)
        assert 360 <= minutes <= 390, (day.title, minutes)


def test_sub_points_nest_under_their_point():
    course, _ = load_course(SAMPLE)
    point = next(p for m in course.modules for s in m.sections for p in s.points if p.text == "三种销售激励方式")
    assert [p.text for p in point.points] == ["马斯洛的需求层次理论", "麦克莱兰的需要理论", "赫茨伯格的双因素理论"]


def test_unknown_key_names_file_line_column_and_suggests(tmp_path):
    folder = write_course(tmp_path / "c", """\
        number: 1
        title: 模块
        sections:
          - kind: content
            titel: 标题
        """)
    course, diags = load_course(folder)
    messages = [str(d) for d in diags.errors]
    assert any(m.startswith(f"{folder.name}/m1.yaml:5:5: error: unknown key 'titel'") or
               "m1.yaml:5:5: error: unknown key 'titel'" in m for m in messages), messages
    assert any("did you mean 'title'?" in m for m in messages)


def test_wrong_type_is_reported_with_expected_type(tmp_path):
    folder = write_course(tmp_path / "c", """\
        number: one
        title: 模块
        sections:
          - kind: content
            title: 标题
            minutes: 十分钟
        """)
    _, diags = load_course(folder)
    messages = [str(d) for d in diags.errors]
    assert any("m1.yaml:1:9: error: 'number' must be a whole number from 1 to 99, not the text 'one'" in m
               for m in messages), messages
    assert any("m1.yaml:6:14: error: 'minutes' must be a whole number from 1 to 600" in m for m in messages)


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    folder = write_course(tmp_path / "c", """\
        number: 1
        title: 模块
        sections:
          - kind: contnt
            title: 一
          - kind: case
            title: 二
            questions: 不是列表
        """, course_extra="langauge: zh-CN\n")
    _, diags = load_course(folder)
    text = "\n".join(str(d) for d in diags.errors)
    assert "course.yaml:2:1: error: unknown key 'langauge'" in text
    assert "m1.yaml:4:11: error: 'kind' must be one of content, framework, case, exercise, not the text 'contnt'" \
        in text
    assert "m1.yaml:8:16: error: 'questions' must be a list" in text


def test_missing_module_file_lists_what_exists(tmp_path):
    folder = write_course(tmp_path / "c", "number: 1\ntitle: x\nsections: [{kind: content, title: y}]\n")
    (folder / "m1.yaml").rename(folder / "other.yaml")
    _, diags = load_course(folder)
    (d,) = diags.errors
    assert "course.yaml:5:15" in str(d.loc) and "module file 'm1.yaml' not found" in d.message
    assert d.hint == "module files here: other.yaml"


@pytest.mark.parametrize("text, message", [
    ("- kind: x\n", "must be a mapping of module fields"),
    ("number: 1\ntitle: x\nsections: []\n", "'sections' has 0 items; it needs at least 1"),
])
def test_module_shape_errors(tmp_path, text, message):
    folder = write_course(tmp_path / "c", text)
    _, diags = load_course(folder)
    assert any(message in d.message for d in diags.errors), [str(d) for d in diags]
