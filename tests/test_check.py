"""`deckgen check` and the bad-input corpus: every mistake reported with file:line:col, nothing written,
never a traceback; `--strict`, `--format json`, exit statuses; atomic, kill-safe `build`."""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.cli import main
from deckgen.commands.check import check
from deckgen.theme import contrast
from deckgen.yamlsource import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parent.parent
from conftest import DECKGEN_PATH, working_directory  # noqa: E402
SAMPLE = ROOT / "decks" / "b2b-sales-management"

COURSE = """\
title: 过程管理
trainers: [王明]
days:
  - title: 第一天
    start: "09:00"
    end: "12:00"
    breaks:
      - {at: "10:00", minutes: 15, title: 茶歇}
    modules:
      - 01-intro.yaml
"""

MODULE = """\
number: 1
title: 开场
sections:
  - kind: content
    title: 为什么管过程
    minutes: 20
    points:
      - 结果来自过程
      - 过程可以管理
    notes: 先问学员：你每周看结果还是看过程？
  - kind: framework
    title: 三个支柱
    minutes: 15
    diagram:
      kind: pillars
      items:
        - {label: 目标, text: 定方向}
        - {label: 过程, text: 抓节点}
        - {label: 辅导, text: 帮成长}
    notes: 逐个讲解三个支柱。
  - kind: case
    label: 案例分析
    title: 一位区域经理的一周
    minutes: 25
    background: 他每天陪客户到深夜，团队却在等他的指令。
    points:
      - 经理忙，团队闲
    questions:
      - 问题出在哪里？
    notes: 引导学员找出“外松内紧”的分寸。
  - kind: exercise
    type: 分组讨论
    title: 松什么，紧什么
    minutes: 30
    task: 列出过程管理中该松和该紧的事。
    steps:
      - 小组讨论
      - 每组分享
    notes: 每组分享两分钟。
"""

C = "decks/c/course.yaml"
M = "decks/c/01-intro.yaml"
BASE = {C: COURSE, M: MODULE}

BRAND = 'extends: default\npalette:\n  primary: "#0A5EB0"\n'


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> None:
    for rel, content in files.items():
        path = root / rel
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def course(old: str, new: str) -> dict:
    return {C: edit(COURSE, old, new)}


def module(old: str, new: str) -> dict:
    return {M: edit(MODULE, old, new)}


def themed(theme_yaml: str | bytes, name: str = "brand", **more: str) -> dict:
    files = {C: edit(COURSE, "trainers: [王明]\n", f"trainers: [王明]\ntheme: {name}\n"),
             f"themes/{name}/theme.yaml": theme_yaml}
    files.update({f"themes/{k}/theme.yaml": v for k, v in more.items()})
    return files


def bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@dataclass
class Bad:
    id: str
    files: dict
    expected: list[str]  # exact lines of the report, each `file:line:col: severity: message` or a hint
    absent: list[str] = field(default_factory=list)  # text the report must not contain


CORPUS = [
    # --- YAML syntax -------------------------------------------------------------------------------
    Bad("unclosed-quote", module('title: 开场\n', 'title: "开场\n'),
        [f"{M}:2:8: error: this quote is never closed: the file ends before the closing quote"]),
    Bad("bad-indentation", module("    minutes: 15\n", "   minutes: 15\n"),
        [f"{M}:13:4: error: YAML syntax: expected <block end>, but found '<block mapping start>' "
         "(while parsing a block collection at line 4)",
         "  hint: check the indentation: the keys of one mapping, and the '- ' of one list, start in the same "
         "column"]),
    Bad("missing-space-after-colon", module("    title: 三个支柱\n", "    title:三个支柱\n"),
        [f"{M}:12:10: error: missing space after 'title:': YAML needs a space between a key's colon and its "
         "value"]),
    Bad("second-document", module("number: 1\n", "number: 1\n---\n"),
        [f"{M}:2:1: error: a second YAML document starts here: a file holds one"]),
    Bad("duplicate-key", module("    minutes: 20\n", "    minutes: 20\n    minutes: 25\n"),
        [f"{M}:7:5: error: duplicate key 'minutes' (first given at line 6)",
         "  hint: remove one of them: YAML would silently keep only the last"]),
    Bad("python-tag", module("title: 开场\n", "title: !!python/object/apply:os.system [echo hi]\n"),
        [f"{M}:2:8: error: unsupported YAML tag '!!python/object/apply:os.system': deckgen reads plain YAML "
         "only"]),
    Bad("control-character", module("title: 开场\n", "title: 开\x07场\n"),
        [f"{M}:2:9: error: invisible control character U+0007 in the text: YAML does not allow it"]),
    Bad("recursive-alias", module("title: 开场\n", "title: 开场\nobjectives: &o [a, *o]\n"),
        [f"{M}:3:13: error: an alias refers to the list that contains it: the value would be endless"]),
    Bad("alias-bomb", {M: bomb()},
        [f"{M}:6:4: error: aliases ('*name') make this list expand to 597,871 values (the limit is 100,000): "
         "refusing to load it"]),
    Bad("too-deep", module("title: 开场\n", "title: 开场\nobjectives: " + "[" * 60 + "]" * 60 + "\n"),
        [f"{M}:3:53: error: nesting is too deep (the limit is 40 levels)"]),
    # --- files that are not UTF-8 YAML text ---------------------------------------------------------
    Bad("empty-course", {C: ""}, [f"{C}:1:1: error: the file is empty: expected a mapping of course fields"]),
    Bad("empty-module", {M: "# nothing yet\n"},
        [f"{M}:1:1: error: the file is empty: expected a mapping of module fields"]),
    Bad("binary-file", {M: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        [f"{M}:1:1: error: this is a binary file, not YAML text"]),
    Bad("oversized-file", {M: MODULE + "# " + "x" * MAX_FILE_BYTES + "\n"},
        [f"{M}:1:1: error: the file is too large ({len(MODULE.encode()) + MAX_FILE_BYTES + 3:,} bytes; the limit is "
         f"{MAX_FILE_BYTES:,}): an outline or theme is a few kilobytes"]),
    Bad("gbk-file", {M: MODULE.encode("gbk")},
        [f"{M}:2:8: error: the file is not UTF-8 text",
         "  hint: the file looks GBK/GB18030-encoded (as Windows Notepad and WPS save Chinese text by default); "
         "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"]),
    Bad("utf16-file", {M: MODULE.encode("utf-16")},
        [f"{M}:1:1: error: the file is UTF-16 text; deckgen reads UTF-8 only"]),
    # --- Chinese input-method mistakes ----------------------------------------------------------------
    Bad("full-width-colon", module("    minutes: 25\n", "    minutes：25\n"),
        [f"{M}:24:12: error: full-width colon '：' after the key 'minutes': YAML needs an ASCII ':'"]),
    Bad("full-width-colon-flow", module("{label: 过程, text: 抓节点}", "{label：过程, text：抓节点}"),
        [f"{M}:18:17: error: full-width colon '：' after the key 'label' in a {{…}} mapping",
         f"{M}:18:26: error: full-width colon '：' after the key 'text' in a {{…}} mapping"]),
    Bad("full-width-colon-chinese-key", module("title: 开场\n", "title: 开场\n目标：一\n"),
        [f"{M}:3:3: error: full-width colon '：' where YAML needs ':' (YAML cannot read this line as "
         "'key: value')"]),
    Bad("full-width-space", module("    minutes: 30\n", "  \u3000minutes: 30\n"),
        [f"{M}:34:3: error: full-width space '\u3000' (U+3000) in the indentation"]),
    Bad("tab-indentation", module("    minutes: 30\n", "\tminutes: 30\n"),
        [f"{M}:34:1: error: tab in the indentation: YAML indents with spaces only",
         "  hint: replace the tab with spaces (2 per level)"]),
    Bad("smart-quoted-key", module("    title: 三个支柱\n", "    “title”: 三个支柱\n"),
        [f"{M}:12:5: error: curly quotes around the key 'title'"]),
    Bad("smart-quoted-value-with-colon", module("    title: 三个支柱\n", "    title: “支柱: 三个”\n"),
        [f"{M}:12:12: error: curly quotes “…” do not quote text in YAML, so the ': ' inside them ends the key"]),
    Bad("full-width-dash", module("      - 过程可以管理\n", "      － 过程可以管理\n"),
        [f"{M}:9:7: error: '－' (U+FF0D) is not a list dash: YAML lists start with an ASCII '-' and a space"]),
    Bad("full-width-hash", module("title: 开场\n", "title: 开场\n＃ 第一模块\n"),
        [f"{M}:3:1: error: full-width '＃' does not start a comment: YAML comments start with an ASCII '#'"]),
    # --- wrong types ------------------------------------------------------------------------------------
    Bad("title-is-a-list", course("title: 过程管理\n", "title: [过程, 管理]\n"),
        [f"{C}:1:8: error: 'title' must be text, not a list"]),
    Bad("minutes-is-text", module("    minutes: 20\n", '    minutes: "20"\n'),
        [f"{M}:6:14: error: 'minutes' must be a whole number from 1 to 600, not the text '20'"]),
    Bad("minutes-out-of-range", module("    minutes: 20\n", "    minutes: 0\n"),
        [f"{M}:6:14: error: 'minutes' must be a whole number from 1 to 600, not 0"]),
    Bad("number-is-text", module("number: 1\n", "number: 一\n"),
        [f"{M}:1:9: error: 'number' must be a whole number from 1 to 99, not the text '一'"]),
    Bad("points-is-text", module("      - 经理忙，团队闲\n", "      经理忙，团队闲\n"),
        [f"{M}:27:7: error: 'points' must be a list, not the text '经理忙，团队闲'",
         "  hint: write one item per line, each starting with '- '"]),
    Bad("days-is-a-mapping", {C: "title: 过程管理\ndays:\n  title: 第一天\n"},
        [f"{C}:3:3: error: 'days' must be a list, not a mapping"]),
    Bad("language-not-a-choice", course("trainers: [王明]\n", "trainers: [王明]\nlanguage: chinese\n"),
        [f"{C}:3:11: error: 'language' must be one of zh-CN, zh-TW, zh-HK, ja, ko, en, not the text 'chinese'"]),
    Bad("bad-clock-time", course('start: "09:00"', 'start: "9.30"'),
        [f"{C}:5:12: error: 'start' must be a clock time such as \"09:00\", not '9.30'"]),
    Bad("bad-break-time", course('at: "10:00"', 'at: "25:00"'),
        [f"{C}:8:14: error: 'at' must be a clock time such as \"10:30\", not '25:00'"]),
    Bad("empty-days", {C: "title: 过程管理\ndays: []\n"},
        [f"{C}:2:7: error: 'days' has 0 items; it needs at least 1"]),
    # --- unknown keys and kinds ---------------------------------------------------------------------------
    Bad("unknown-key-did-you-mean", module("    title: 三个支柱\n", "    titel: 三个支柱\n"),
        [f"{M}:12:5: error: unknown key 'titel' in item 2 of 'sections' (kind framework) (did you mean "
         "'title'?)",
         "  hint: valid keys: title, points, notes, minutes, lead, only, skip, image, images, link, video, layout, diagram, takeaway"],
        absent=["missing the required key 'title'"]),  # one mistake, one message
    Bad("unknown-course-key", course("trainers: [王明]\n", "trainers: [王明]\nsubtitel: 副标题\n"),
        [f"{C}:3:1: error: unknown key 'subtitel' in the course (did you mean 'subtitle'?)"]),
    Bad("unknown-section-kind", module("  - kind: content\n", "  - kind: lecture\n"),
        [f"{M}:4:11: error: 'kind' must be one of content, framework, case, exercise, not the text 'lecture'"]),
    Bad("unknown-diagram-kind", module("      kind: pillars\n", "      kind: piller\n"),
        [f"{M}:15:13: error: 'kind' must be one of pyramid, funnel, process, cycle, pillars, staircase, hub, "
         "matrix, comparison, grid, formula, not the text 'piller' (did you mean 'pillars'?)"]),
    Bad("section-without-kind", module("  - kind: content\n    title: 为什么管过程\n",
                                       "  - title: 为什么管过程\n"),
        [f"{M}:4:5: error: item 1 of 'sections' is missing 'kind' (one of content, framework, case, exercise)"]),
    Bad("matrix-with-5-items", module(
        "      kind: pillars\n      items:\n",
        "      kind: matrix\n      axes: {x: 能力, y: 意愿}\n      items:\n        - 四\n        - 五\n"),
        [f"{M}:18:9: error: 'items' has 5 items; it needs exactly 4"]),
    Bad("diagram-without-items", module(
        "      items:\n        - {label: 目标, text: 定方向}\n        - {label: 过程, text: 抓节点}\n"
        "        - {label: 辅导, text: 帮成长}\n", ""),
        [f"{M}:15:7: error: 'diagram' (kind pillars) is missing the required key 'items' "
         "(columns: label is the heading, text the body)"]),
    # --- missing things, things twice ----------------------------------------------------------------------
    Bad("missing-required-title", module("title: 开场\n", ""),
        [f"{M}:1:1: error: the module is missing the required key 'title' (the module title)"]),
    Bad("course-without-days", {C: "title: 过程管理\n"},
        [f"{C}:1:1: error: the course is missing the required key 'days' (the teaching days)"]),
    Bad("missing-module-file", course("      - 01-intro.yaml\n", "      - 01-intro.yaml\n      - 02-next.yaml\n"),
        [f"{C}:11:9: error: module file '02-next.yaml' not found in decks/c",
         "  hint: module files here: 01-intro.yaml"]),
    Bad("module-listed-twice", course("      - 01-intro.yaml\n", "      - 01-intro.yaml\n      - 01-intro.yaml\n"),
        [f"{C}:11:9: error: module file '01-intro.yaml' is listed twice (first at line 10)"]),
    Bad("duplicate-module-numbers",
        {**course("      - 01-intro.yaml\n", "      - 01-intro.yaml\n      - 02-more.yaml\n"),
         "decks/c/02-more.yaml": MODULE},
        ["decks/c/02-more.yaml:1:1: error: module number 1 is also used by decks/c/01-intro.yaml",
         "  hint: give each module its own number"]),
    Bad("no-course-yaml", {C: None}, ["decks/c: error: no course.yaml in this folder"]),
    Bad("title-too-long-to-fit", module("    title: 为什么管过程\n", "    title: " + "为什么管过程" * 30 + "\n"),
        [f"{M}:4:5: error: the title does not fit its box even at 22 pt: shorten it"]),
    # --- themes -----------------------------------------------------------------------------------------
    Bad("bad-colour", themed('palette:\n  primary: "#12345"\n'),
        ["themes/brand/theme.yaml:2:12: error: 'primary' must be a colour such as \"#1B3A5C\" (quoted: an "
         "unquoted # starts a YAML comment), not '#12345'"]),
    Bad("unquoted-colour", themed("palette:\n  primary: #0A5EB0\n"),
        ["themes/brand/theme.yaml:2:11: error: 'primary' must be a colour such as \"#1B3A5C\" (quoted: an "
         "unquoted # starts a YAML comment), not nothing (null)"]),
    Bad("theme-size-wrong-type", themed("sizes:\n  body: big\n"),
        ["themes/brand/theme.yaml:2:9: error: 'body' must be a number from 8 to 96, not the text 'big'"]),
    Bad("theme-unknown-key", themed('palette:\n  primery: "#0A5EB0"\n'),
        ["themes/brand/theme.yaml:2:3: error: unknown key 'primery' in 'palette' (did you mean 'primary'?)"]),
    Bad("missing-logo-file", themed("logos:\n  - file: logo.png\n"),
        ["themes/brand/theme.yaml:2:11: error: 'file': picture 'logo.png' not found (looked in themes/brand)"]),
    Bad("circular-themes", themed("extends: other\n", other="extends: brand\n"),
        ["themes/other/theme.yaml:1:10: error: themes extend each other in a circle: brand → other → brand"]),
    Bad("unknown-parent-theme", themed("extends: defualt\n"),
        ["themes/brand/theme.yaml:1:10: error: unknown theme 'defualt'; themes available: acme-cofacilitator, brand, corporate, default, midnight"]),
    Bad("unknown-course-theme", themed(BRAND, name="brand") | {C: edit(COURSE, "trainers: [王明]\n",
                                                                        "trainers: [王明]\ntheme: brnad\n")},
        [f"{C}:3:8: error: unknown theme 'brnad'; themes available: acme-cofacilitator, brand, corporate, default, midnight"]),
    Bad("theme-syntax-error", themed('palette:\n  primary: "#0A5EB0\n'),
        ["themes/brand/theme.yaml:2:12: error: this quote is never closed: the file ends before the closing quote"]),
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A scratch project (decks/, themes/) that is also the working directory, as a trainer runs deckgen."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_base_course_is_clean(project):
    write_tree(project, BASE)
    r = invoke("check", "decks/c")
    assert r.exit_code == 0, r.output
    assert r.output == "checked 1 course (3 files): no problems\n"


@pytest.mark.parametrize("case", CORPUS, ids=[c.id for c in CORPUS])
def test_bad_input_is_reported_at_its_place_and_nothing_is_written(case, project):
    write_tree(project, {**BASE, **case.files})
    before = snapshot(project)

    r = invoke("check", "decks/c")
    lines = r.output.splitlines()
    assert r.exit_code == 1, r.output
    for expected in case.expected:
        assert expected in lines, f"missing:\n{expected}\nin:\n{r.output}"
    for text in case.absent:
        assert text not in r.output
    assert "Traceback" not in r.output
    assert snapshot(project) == before

    # build runs the same validation first and writes nothing
    r = invoke("build", "decks/c", "-o", "out")
    assert r.exit_code == 1, r.output
    assert case.expected[0] in r.output.splitlines()
    assert "Traceback" not in r.output
    assert not (project / "out").exists()
    assert snapshot(project) == before


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 30
    assert len({c.id for c in CORPUS}) == len(CORPUS)


def test_every_problem_in_every_file_is_reported_at_once(project):
    write_tree(project, {
        C: edit(COURSE, "trainers: [王明]\n", "trainers: [王明]\nsubtitel: x\n"),
        M: edit(edit(MODULE, "    minutes: 20\n", '    minutes: "20"\n'),
                "      kind: pillars\n", "      kind: piller\n"),
    })
    r = invoke("check")
    assert r.exit_code == 1
    problems = [line for line in r.output.splitlines() if ": error: " in line]
    assert [p.split(": error: ")[0] for p in problems] == [f"{C}:3:1", f"{M}:6:14", f"{M}:15:13"]
    assert r.output.splitlines()[-1] == "checked 1 course (2 files): 3 errors, 0 warnings"


# --- warnings, --strict, --format json, exit statuses ------------------------------------------------------

LONG_POINTS = "".join(f"      - 第{i}条：把目标拆到每周、每个客户和每一次拜访，再逐周检查这些过程是否真的按计划发生了\n"
                      for i in range(1, 25))


def warnings_course() -> dict:
    """A course that plans but deserves warnings: no minutes, no notes, too many points, a long day."""
    text = edit(MODULE, "    minutes: 20\n", "")  # no minutes
    text = edit(text, "    notes: 逐个讲解三个支柱。\n", "")  # no notes
    text = edit(text, "      - 结果来自过程\n      - 过程可以管理\n", LONG_POINTS)
    text = edit(text, "    minutes: 30\n", "    minutes: 150\n")
    text = edit(text, "    points:\n      - 经理忙，团队闲\n", "    points:\n" + "".join(LONG_POINTS.splitlines(True)[:7]))
    return {C: COURSE, M: text}


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the line holding `needle` (which must occur once)."""
    assert text.count(needle) == 1, needle
    return text[:text.index(needle)].count("\n") + 1


def test_warnings_name_the_place_and_do_not_fail_unless_strict(project):
    files = warnings_course()
    write_tree(project, files)
    r = invoke("check")
    assert r.exit_code == 0, r.output
    out = r.output.splitlines()
    framework = line_of(files[M], "kind: framework")
    case = line_of(files[M], "kind: case")
    assert f"{M}:4:5: warning: section '为什么管过程' has no minutes: the clock times after it are too early" in out
    assert f"{M}:{framework}:5: warning: section '三个支柱' has no notes: its speaker notes will hold only the " \
        "time box" in out
    assert f"{M}:4:5: warning: section '为什么管过程' does not fit on one slide: it continues on 1 more slide " \
        "titled '…（续）'" in out
    assert f"{C}:4:5: warning: 第一天 runs until 12:10, past its end at 12:00 (over by 10 minutes)" in out
    shrunk = [line for line in out if line.startswith(f"{M}:{case}:5: warning: the case text had to shrink to ")]
    assert shrunk and shrunk[0].endswith("pt to fit, below a comfortable 16 pt"), r.output
    assert not any(": error: " in line for line in out)
    assert out[-1] == "checked 1 course (3 files): 0 errors, 6 warnings"

    r = invoke("check", "--strict")
    assert r.exit_code == 1
    assert r.output.splitlines()[-1] == ("checked 1 course (3 files): 0 errors, 6 warnings "
                                         "(--strict: warnings fail the check)")


def test_json_report_for_editors_and_ci(project):
    write_tree(project, {**BASE, M: edit(MODULE, "    title: 三个支柱\n", "    titel: 三个支柱\n")})
    r = invoke("check", "--format", "json", "decks/c")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert doc["ok"] is False
    assert doc["courses"] == ["decks/c"]
    assert doc["files"] == [C, M]  # the outline failed to load, so no theme was read
    first = doc["diagnostics"][0]
    assert first == {"file": M, "line": 12, "column": 5, "severity": "error",
                     "message": "unknown key 'titel' in item 2 of 'sections' (kind framework) "
                                "(did you mean 'title'?)",
                     "hint": first["hint"]}
    assert first["hint"].startswith("valid keys: title, points, notes, minutes")
    assert doc["counts"] == {"errors": 1, "warnings": 0, "files": 2, "courses": 1}


def test_json_report_when_clean(project):
    write_tree(project, BASE)
    r = invoke("check", "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.output)
    assert doc["ok"] is True and doc["diagnostics"] == []
    assert C in doc["files"] and M in doc["files"]
    assert any(f.endswith("themes/default/theme.yaml") for f in doc["files"])


def test_default_checks_every_course_under_decks(project):
    write_tree(project, {**BASE, "decks/d/course.yaml": edit(COURSE, "title: 过程管理\n", "title: [x]\n"),
                         "decks/d/01-intro.yaml": MODULE, "decks/notes/readme.txt": "not a course"})
    r = invoke("check")
    assert r.exit_code == 1
    assert "decks/d/course.yaml:1:8: error: 'title' must be text, not a list" in r.output.splitlines()
    assert r.output.splitlines()[-1] == "checked 2 courses (5 files): 1 error, 0 warnings"


def test_a_file_in_a_course_checks_that_course(project):
    write_tree(project, BASE)
    r = invoke("check", M)
    assert r.exit_code == 0
    assert r.output == "checked 1 course (3 files): no problems\n"


def test_usage_errors_exit_2_with_a_clear_message(project):
    write_tree(project, BASE)
    r = invoke("check", "decks/nope")
    assert r.exit_code == 2
    assert "Error: no such course folder: decks/nope" in r.output
    r = invoke("check", "--format", "yaml")
    assert r.exit_code == 2
    (project / "decks").rename(project / "elsewhere")
    r = invoke("check")
    assert r.exit_code == 2
    assert "no courses found" in r.output


def test_a_folder_without_course_yaml_is_a_problem_not_a_usage_error(project):
    write_tree(project, {**BASE, "decks/empty/x.txt": "x"})
    r = invoke("check", "decks/empty")
    assert r.exit_code == 1
    assert "decks/empty: error: no course.yaml in this folder" in r.output.splitlines()


def test_check_result_api(project):
    write_tree(project, BASE)
    result = check([Path("decks/c")])
    assert result.ok and result.exit_code == 0 and result.errors == 0
    assert [c.folder for c in result.courses] == [Path("decks/c")]


def test_sample_course_is_clean_of_errors(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = invoke("check", "decks/b2b-sales-management")
    assert r.exit_code == 0, r.output
    assert ": error: " not in r.output


# --- hypothesis: mutated outlines end in diagnostics or success, never a traceback ------------------------

TRICKY = ["：", "\u3000", "\t", "“", "”", "－", "＃", ":", "-", "#", "'", '"', "{", "}", "[", "]", "&a", "*a",
          "!!python/name:os.system", "|", ">", "%", "@", "`", "\x00", "\x07", "\ufeff", "\r", "\n", "  ", ",",
          "? ", "<<: ", "~", "null", "true", "1e999", ".nan", "-1", "0", "010", "99999999999999999999", "é",
          "😀", "\\", "---", "..."]
KEYS = ["title", "kind", "points", "minutes", "notes", "number", "sections", "items", "diagram", "label",
        "text", "days", "modules", "start", "end", "breaks", "at", "theme", "trainers", "titel", "kinds"]
VALUES = ["", "x", "[]", "{}", "[a, b]", "{a: 1}", "0", "-5", "1.5", "yes", "null", '"09:00"', "25:00",
          "content", "framework", "case", "exercise", "pillars", "matrix", "01-intro.yaml", "|\n  x", "a" * 300]

SEED_MODULE = (SAMPLE / "03-process-management.yaml").read_text(encoding="utf-8")


@st.composite
def mutated(draw):
    """A real module file (or the small one), mutated a few times at the character, line or key level."""
    text = draw(st.sampled_from([SEED_MODULE, MODULE]))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["char", "insert", "delete-line", "dup-line", "indent", "dedent", "key",
                                   "value", "swap"]))
        line = lines[i]
        if op in ("char", "insert"):
            j = draw(st.integers(0, len(line)))
            piece = draw(st.sampled_from(TRICKY) | st.text(max_size=3))
            lines[i] = line[:j] + piece + line[j + (1 if op == "char" else 0):]
        elif op == "delete-line":
            del lines[i]
        elif op == "dup-line":
            lines.insert(i, line)
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + line
        elif op == "dedent":
            lines[i] = line[draw(st.integers(1, 4)):]
        elif op == "key" and ":" in line:
            head, _, rest = line.partition(":")
            lead = head[:len(head) - len(head.lstrip(" -"))]
            lines[i] = f"{lead}{draw(st.sampled_from(KEYS))}:{rest}"
        elif op == "value" and ": " in line:
            head, _, _ = line.partition(": ")
            lines[i] = f"{head}: {draw(st.sampled_from(VALUES))}"
        elif op == "swap" and len(lines) > 1:
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        text = "\n".join(lines)
    return text


def _run_check_on(module_text: str | bytes, course_text: str = COURSE):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_tree(root, {C: course_text, M: module_text})
        with working_directory(root):
            r = CliRunner().invoke(main, ["check", "decks/c"], catch_exceptions=True)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.output
    last = r.output.splitlines()[-1]
    assert last.startswith("checked 1 course"), r.output
    if r.exit_code == 1:
        assert ": error: " in r.output
    for line in r.output.splitlines()[:-1]:
        assert line.startswith(("decks/c", "  hint: ", "themes/", "src/")) or ": " in line, line
    return r


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_modules_never_end_in_a_traceback(text):
    _run_check_on(text)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10_000), st.floats(allow_nan=True),
                    st.text(max_size=300), st.sampled_from(VALUES + KEYS))
VALUES_ANY = st.one_of(SCALARS, st.lists(SCALARS, max_size=14),
                       st.dictionaries(st.sampled_from(KEYS), SCALARS, max_size=3))
SEED_DATA = [yaml.safe_load(SEED_MODULE), yaml.safe_load(MODULE)]


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


@st.composite
def restructured(draw):
    """Valid YAML with wrong, missing, extra, huge or odd values: these get past the parser to the
    validator and the slide planner."""
    data = copy.deepcopy(draw(st.sampled_from(SEED_DATA)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))[1:]))
        *parent_path, last = path
        parent = data
        for step in parent_path:
            parent = parent[step]
        op = draw(st.sampled_from(["replace", "replace", "delete", "add-key", "grow"]))
        if op == "replace":
            parent[last] = draw(VALUES_ANY)
        elif op == "delete":
            del parent[last]
        elif op == "add-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = draw(VALUES_ANY)
        elif op == "grow" and isinstance(parent[last], list) and parent[last]:
            parent[last] = parent[last] * draw(st.integers(2, 6))
        elif op == "grow" and isinstance(parent[last], str):
            parent[last] = parent[last] * draw(st.integers(2, 20))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(restructured())
def test_odd_values_in_valid_yaml_never_end_in_a_traceback(text):
    _run_check_on(text)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TRICKY + KEYS + list("abc: -\n 1[]{}")), max_size=40).map("".join))
def test_random_text_as_a_course_never_ends_in_a_traceback(text):
    _run_check_on(MODULE, course_text=text)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_end_in_a_traceback(data):
    _run_check_on(data)


# --- atomic, kill-safe build ----------------------------------------------------------------------------

SLOW_WRITER = """
import os, sys, time
marker = sys.argv.pop(1)
real_fsync = os.fsync
def slow_fsync(fd):
    open(marker, "w").close()  # the first deck's temp file is written: now is the moment to be killed
    time.sleep(60)
os.fsync = slow_fsync
from deckgen.cli import main
main(prog_name="deckgen")
"""


def test_a_build_killed_midway_leaves_previous_decks_intact(project):
    write_tree(project, {C: edit(COURSE, "    modules:\n      - 01-intro.yaml\n",
                                 "    modules:\n      - 01-intro.yaml\n  - title: 第二天\n    start: \"09:00\"\n"
                                 "    modules:\n      - 02-more.yaml\n"),
                         M: MODULE, "decks/c/02-more.yaml": edit(MODULE, "number: 1\n", "number: 2\n")})
    r = invoke("build", "decks/c", "-o", "out")
    assert r.exit_code == 0, r.output
    decks = sorted((project / "out" / "c").glob("*.pptx"))
    assert [d.name for d in decks] == ["day-1.pptx", "day-2.pptx"]
    previous = {d.name: d.read_bytes() for d in decks}

    # change the course, then kill the build while it writes the first deck
    write_tree(project, {M: edit(MODULE, "title: 开场\n", "title: 开场（新版）\n")})
    marker = project / "writing"
    env = {**os.environ, "PYTHONPATH": str(DECKGEN_PATH)}
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(marker), "build", "decks/c", "-o", "out"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    out = project / "out" / "c"
    assert {d.name: d.read_bytes() for d in out.glob("*.pptx")} == previous
    stray = sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))
    # killed while its temp file was being flushed: no cleanup could run, so the temp file is still there
    assert len(stray) == 1 and stray[0].startswith(".day-1.pptx."), stray

    # the next build removes what the killed one left, and writes the new decks
    r = invoke("build", "decks/c", "-o", "out")
    assert r.exit_code == 0, r.output
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    assert sorted(p.name for p in out.glob("*.pptx")) == ["day-1.pptx", "day-2.pptx"]
    assert (out / "day-1.pptx").read_bytes() != previous["day-1.pptx"]
    assert (out / "day-2.pptx").read_bytes() == previous["day-2.pptx"]  # deterministic: same input, same bytes


def test_a_failed_build_leaves_previous_decks_untouched(project):
    write_tree(project, BASE)
    assert invoke("build", "decks/c", "-o", "out").exit_code == 0
    before = snapshot(project / "out")
    write_tree(project, {M: edit(MODULE, "    title: 三个支柱\n", "    titel: 三个支柱\n")})
    r = invoke("build", "decks/c", "-o", "out")
    assert r.exit_code == 1
    assert "nothing written" in r.output
    assert snapshot(project / "out") == before


def test_stale_temp_files_are_removed_but_one_being_written_is_not(tmp_path):
    from deckgen.writer import temp_files, write_atomic
    target = tmp_path / "day-1.pptx"
    stale = tmp_path / ".day-1.pptx.k1ll3d00.tmp"  # left by a build killed with SIGKILL
    stale.write_bytes(b"half a deck")
    busy = tmp_path / ".day-1.pptx.wr1t1ng0.tmp"  # another build is writing this one right now
    busy.write_bytes(b"being written")
    other = tmp_path / ".notes.txt.abcdefgh.tmp"  # not deckgen's naming for this deck: never touched
    other.write_bytes(b"x")
    fcntl = pytest.importorskip("fcntl")
    with open(busy, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        write_atomic(target, b"new deck")
        assert temp_files(target) == [busy]
    assert target.read_bytes() == b"new deck"
    assert other.exists() and not stale.exists()


def test_outline_and_theme_mistakes_are_reported_in_the_same_run(tmp_path):
    course = tmp_path / "c"
    shutil.copytree(ROOT / "decks" / "b2b-sales-management", course)
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("title: B2B销售管理实战", "title: B2B销售管理实战\ntheme: bad\n"
                                                     "langauge: zh-CN", 1), encoding="utf-8")
    (tmp_path / "themes" / "bad").mkdir(parents=True)
    (tmp_path / "themes" / "bad" / "theme.yaml").write_text('palette:\n  primary: "#12345"\n', encoding="utf-8")
    with working_directory(tmp_path):
        result = CliRunner().invoke(main, ["check", "c"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "c/course.yaml:4:1: error: unknown key 'langauge'" in result.output
    assert "themes/bad/theme.yaml:2:12: error: 'primary' must be a colour" in result.output


# --- colours that do not read as chosen --------------------------------------------------------------

FAINT = 'extends: default\npalette:\n  accent1: "#F2B84B"\n  muted: "#A0A7B0"\n'  # a pale accent, a pale footer


def test_a_theme_colour_too_faint_for_its_text_is_a_warning_at_the_line_that_set_it(project):
    """The footer's colour (muted) is the theme's own text colour: below AA it is the theme's mistake, told at
    its line with what the slides get instead. The pale accent is shaded for text by design: not a problem."""
    write_tree(project, {**BASE, **themed(FAINT)})
    r = invoke("check", "decks/c")
    assert r.exit_code == 0, r.output
    out = r.output.splitlines()
    assert ("themes/brand/theme.yaml:4:10: warning: palette.muted #A0A7B0 on background #FFFFFF is 2.4:1 (AA asks "
            "4.5:1 for captions, the footer and secondary text); deckgen draws that text as ") in r.output
    warning = next(line for line in out if line.startswith("themes/brand/theme.yaml:4:10: warning: palette.muted"))
    drawn = re.search(r"draws that text as (#[0-9A-F]{6}) \((\d\.\d):1\) instead of the colour chosen$", warning)
    assert drawn and contrast(drawn[1], "#FFFFFF") >= 4.5 and float(drawn[2]) >= 4.5, warning
    assert f"  hint: choose a muted colour of at least 4.5:1 on #FFFFFF, e.g. {drawn[1]}" in out
    assert "accent1" not in r.output
    assert invoke("check", "--strict", "decks/c").exit_code == 1


def test_a_child_theme_that_sets_the_colour_is_the_one_pointed_at(project):
    child = 'extends: brand\n\npalette:\n    muted: "#B8BEC6"\n'  # the colour on line 4, column 12
    write_tree(project, {**BASE, **themed(child, name="child", brand=FAINT)})
    r = invoke("check", "decks/c")
    assert ("themes/child/theme.yaml:4:12: warning: palette.muted #B8BEC6 on background #FFFFFF is 1.8:1 (AA asks "
            "4.5:1 for captions, the footer and secondary text)") in r.output, r.output
    assert "themes/brand/theme.yaml:4:10" not in r.output
