"""The report after an import: one screen saying what was read and which guesses to check, with file:line."""
from __future__ import annotations

from conftest import invoke
from deckgen.importer import import_outline
from deckgen.importer.view import SHOWN_GUESSES, report

AGENDA = """Managing Change
Day 1
9.00 Welcome
9.30 Why change fails (45 minutes)
10.15 Coffee break
10.30 Exercise: your change map
12.00 Lunch
1.00 Case study: the merger
Finish 3.00
Day 2
Module 1: Leading people
1. Resistance
2. Role play: the sceptic
"""


def test_report_counts_days_modules_kinds_and_minutes_found():
    lines = report(import_outline(AGENDA, "change.txt"))
    assert lines[0] == "read change.txt: 2 days, 2 modules, 6 sections (3 content, 1 case, 2 exercise), 0 points"
    assert lines[1].startswith("minutes: 4 of 6 sections timed by the outline (285 min), 2 estimated; "
                               "clock times read for 1 of 2 days; breaks: 2 from the outline, ")


def test_report_lists_the_first_guesses_with_file_line_and_col():
    result = import_outline(AGENDA, "change.txt")
    lines = report(result)
    guesses = [line for line in lines if line.startswith("  change.txt:")]
    assert guesses and all(": warning: " in g for g in guesses)
    assert len(guesses) == min(len(result.warnings), SHOWN_GUESSES)
    assert len(report(result, verbose=True)) >= len(lines)


def test_cli_report_fits_one_screen(tmp_path):
    outline = tmp_path / "change.txt"
    steps = "".join(f"{n}. The {n}-step process\n- plan\n- do\n" for n in range(1, 21))
    outline.write_text(AGENDA + "Module 2: Processes\n" + steps, encoding="utf-8")
    result = invoke("import", outline, "-o", tmp_path / "c")
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").split("\n")
    assert len(lines) <= 24
    assert lines[0] == f"wrote {tmp_path / 'c'}/ (course.yaml and 3 module files)"
    assert "(--verbose lists them all)" in result.output
    verbose = invoke("import", outline, "-o", tmp_path / "c", "--force", "--verbose")
    assert "more (--verbose" not in verbose.output and len(verbose.output.split("\n")) > len(lines)
