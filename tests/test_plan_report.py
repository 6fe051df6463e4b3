"""`deckgen plan`: the schedule as a terminal table, and `--json`, the whole slide plan with source lines."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.commands.plan_report import display_width

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "b2b-sales-management"
SECTION_KINDS = {"content", "framework", "case", "exercise"}


def run(*args, cwd: Path | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


SMALL = {
    "course.yaml": """\
        title: Small course
        language: en
        days:
          - title: Day one
            start: "09:00"
            end: "10:30"
            breaks:
              - {at: "09:45", minutes: 10, title: Coffee}
            modules: [a.yaml]
          - title: Day two
            start: "13:00"
            end: "13:30"
            modules: [b.yaml]
        """,
    "a.yaml": """\
        number: 1
        title: Alpha
        sections:
          - kind: content
            title: First things
            minutes: 30
            points: [one]
            notes: Say one.
          - kind: content
            title: Second things
            minutes: 30
            points: [two]
            notes: Say two.
          - kind: content
            title: Third things
            minutes: 15
            points: [three]
            notes: Say three.
        """,
    "b.yaml": """\
        number: 2
        title: Beta
        sections:
          - kind: content
            title: Long afternoon
            minutes: 45
            points: [four]
            notes: Say four.
        """,
}


# --- the JSON slide plan ----------------------------------------------------------------------------

def test_json_lists_every_slide_of_the_sample_course_with_its_source_line():
    result = run("plan", SAMPLE, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    decks = {d["name"]: d for d in data["decks"]}
    assert set(decks) == {"day-1", "day-2"}
    sources: dict[str, list[str]] = {}
    planned_sections = set()
    for deck in decks.values():
        numbers = [s["number"] for s in deck["slides"]]
        assert numbers == list(range(1, deck["slide_count"] + 1))
        kinds = [s["kind"] for s in deck["slides"]]
        assert kinds[0] == "cover" and kinds[1] == "agenda" and kinds[-1] == "closing"
        for slide in deck["slides"]:
            assert slide["deck"] == deck["name"] and slide["title"]
            m = re.fullmatch(r"(.+\.yaml):(\d+)", slide["source"] or "")
            assert m, slide
            path = Path(m.group(1))
            path = path if path.is_absolute() else Path.cwd() / path
            lines = sources.setdefault(m.group(1), path.read_text(encoding="utf-8").splitlines())
            at = lines[int(m.group(2)) - 1]
            if slide["kind"] in SECTION_KINDS or slide["kind"] == "debrief":
                # the line where the section starts: `- kind: case` …
                expected = "exercise" if slide["kind"] == "debrief" else slide["kind"]
                assert at.strip() == f"- kind: {expected}", (slide, at)
                assert slide["minutes"] and re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", slide["clock"])
                planned_sections.add((m.group(1), int(m.group(2))))
            else:
                assert slide["minutes"] is None or slide["kind"] == "divider"
    # every section of every module is on some slide
    all_sections = {(f, i + 1) for f, lines in sources.items() if not f.endswith("course.yaml")
                    for i, line in enumerate(lines) if line.strip().startswith("- kind: ")
                    and line.strip().split()[-1] in SECTION_KINDS}
    assert all_sections and planned_sections == all_sections
    # the schedule of both days rides along
    assert [d["day"] for d in data["schedule"]] == [1, 2]
    for day in data["schedule"]:
        assert day["planned_end"] == "17:00" and day["end"] <= "17:00" and day["over_by"] == 0
        assert [s["title"] for s in day["slots"] if s["kind"] == "break"] == ["茶歇", "午餐", "茶歇"]


def test_json_for_a_small_course_gives_each_slide_its_deck_number_source_minutes_and_clock(tmp_path):
    folder = write(tmp_path / "small", SMALL)
    result = run("plan", folder, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    day1 = data["decks"][0]
    rows = [(s["number"], s["kind"], s["title"], s["source"].rsplit("/", 1)[-1], s["minutes"], s["clock"])
            for s in day1["slides"]]
    assert rows == [
        (1, "cover", "Small course", "course.yaml:1", None, None),
        (2, "agenda", "Agenda", "course.yaml:4", None, None),
        (3, "divider", "Alpha", "a.yaml:1", None, None),
        (4, "content", "First things", "a.yaml:4", 30, "09:00–09:30"),
        (5, "content", "Second things", "a.yaml:9", 30, "09:30–10:00"),
        (6, "content", "Third things", "a.yaml:14", 15, "10:10–10:25"),
        (7, "closing", "Wrap-up", "course.yaml:4", None, None),
    ]
    assert all(s["deck"] == "day-1" for s in day1["slides"])
    assert data["decks"][1]["slides"][3]["clock"] == "13:00–13:45"
    sched = data["schedule"][0]
    coffee = next(s for s in sched["slots"] if s["kind"] == "break")
    assert (coffee["start"], coffee["end"], coffee["planned_at"]) == ("10:00", "10:10", "09:45")
    assert (sched["end"], sched["teaching_minutes"], sched["break_minutes"], sched["over_by"]) == \
        ("10:25", 75, 10, 0)
    over = data["schedule"][1]
    assert (over["end"], over["planned_end"], over["over_by"]) == ("13:45", "13:30", 15)
    assert any("over by 15 minutes" in d["message"] and d["severity"] == "warning" for d in data["diagnostics"])


# --- the terminal table ---------------------------------------------------------------------------------

def test_table_shows_clock_spans_kinds_minutes_breaks_and_the_days_end(tmp_path):
    folder = write(tmp_path / "small", SMALL)
    result = run("plan", folder)
    assert result.exit_code == 0, result.output
    out = result.stdout
    day_one, day_two = out.split("Day two")
    assert re.search(r"09:00–10:25\s+1  Alpha\s+module\s+75", day_one)
    assert re.search(r"09:00–09:30\s+First things\s+content\s+30", day_one)
    assert re.search(r"10:00–10:10\s+── Coffee ──\s+\(planned 09:45, 15 min later\)\s+break\s+10", day_one)
    assert re.search(r"10:10–10:25\s+Third things\s+content\s+15", day_one)
    assert "75 min teaching + 10 min breaks" in day_one
    assert "ends 10:25, planned end 10:30 (5 min to spare)" in day_one
    assert "ends 13:45, planned end 13:30 (OVER BY 15 min)" in day_two
    # the overrun is also a warning on stderr pointing at the day in course.yaml
    assert re.search(r"course\.yaml:10:5: warning: Day two runs until 13:45, past its end at 13:30",
                     result.stderr)


def test_table_columns_line_up_with_chinese_titles(tmp_path):
    files = dict(SMALL)
    files["a.yaml"] = SMALL["a.yaml"].replace("First things", "销售增长的两个维度与四个方向").replace(
        "Second things", "B2B平台的“三个”模式")
    folder = write(tmp_path / "zh", files)
    result = run("plan", folder)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if re.match(r"  \d\d:\d\d–\d\d:\d\d ", line)]
    assert len(rows) == 7
    # the minutes column ends in the same terminal column on every row: CJK characters count double
    assert len({display_width(r) for r in rows}) == 1, rows


def test_plan_of_a_missing_course_is_an_error_message_not_a_traceback(tmp_path):
    result = run("plan", tmp_path / "nope")
    assert result.exit_code == 1
    assert "error: course folder not found" in result.stderr
    result = run("plan", tmp_path / "nope", "--json")
    assert result.exit_code == 1 and result.stdout == ""


def test_theme_options_without_json_are_a_usage_error(tmp_path):
    folder = write(tmp_path / "small", SMALL)
    result = run("plan", folder, "--per-module")
    assert result.exit_code == 2
    assert "use them with --json" in result.stderr
