"""Variants: one course folder, several editions (days and modules, sections, minutes, client text, theme)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import invoke
from variant_course import make_variant_course

from deckgen.commands.build import build, build_variants
from deckgen.commands.check import check
from deckgen.errors import DeckgenError

pytestmark = pytest.mark.usefixtures("isolated")


@pytest.fixture
def course(tmp_path):
    return make_variant_course(tmp_path / "decks" / "neg")


def slide_texts(path: Path) -> list[str]:
    """Each slide's shape texts joined, in slide order."""
    out = []
    for slide in Presentation(str(path)).slides:
        out.append(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame))
    return out


def notes(path: Path) -> list[str]:
    return [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in Presentation(str(path)).slides]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_variant_builds_its_own_days_modules_and_clock_times_into_its_folder(course, tmp_path):
    out = tmp_path / "out"
    result = build(course, out, variant="one-day")
    assert [w.path for w in result.written] == [out / "neg" / "one-day" / "day-1.pptx"]
    texts = slide_texts(out / "neg" / "one-day" / "day-1.pptx")
    joined = "\n".join(texts)
    assert "The one-day edition" in texts[0]
    assert "Prepare to win" in joined and "Close the deal" in joined
    assert "Open strong" not in joined  # module 2 is not in this edition
    # module 3 follows module 1 directly (09:00 + 30 + 40 = 10:10; the 10:30 break comes after the last section)
    agenda = texts[1]
    assert re.search(r"09:00.*Prepare to win", agenda)
    note_text = "\n".join(notes(out / "neg" / "one-day" / "day-1.pptx"))
    assert "45 min · 10:10–10:55" in note_text  # the variant's own minutes for Closing techniques
    # the course as written still has its two days and 60 minutes
    full = build(course, out)
    assert sorted(w.path.name for w in full.written) == ["day-1.pptx", "day-2.pptx"]
    assert "60 min · 09:00–10:00" in "\n".join(notes(out / "neg" / "day-2.pptx"))


def test_a_skipped_section_is_absent_from_that_variant_only(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    build(course, out, variant="one-day")
    build(course, out, variant="acme")
    assert "Map the buying centre" in " ".join(slide_texts(out / "neg" / "day-1.pptx"))
    assert "Map the buying centre" in " ".join(slide_texts(out / "neg" / "acme" / "day-1.pptx"))
    assert "Map the buying centre" not in " ".join(slide_texts(out / "neg" / "one-day" / "day-1.pptx"))
    # `only: [default, acme]`: in those two, not in one-day
    assert "Only in the long edition" in " ".join(slide_texts(out / "neg" / "day-2.pptx"))
    assert "Only in the long edition" in " ".join(slide_texts(out / "neg" / "acme" / "day-2.pptx"))
    assert "Only in the long edition" not in " ".join(slide_texts(out / "neg" / "one-day" / "day-1.pptx"))


def test_a_client_file_fills_the_cover_and_the_text(course, tmp_path):
    out = tmp_path / "out"
    build(course, out, variant="acme")
    texts = slide_texts(out / "neg" / "acme" / "day-1.pptx")
    assert "A programme for Acme Rockets Ltd" in texts[0]  # the variant's subtitle, on the cover
    joined = "\n".join(texts)
    assert "Map the buying centre at Acme Rockets Ltd" in joined
    assert "aerospace account" in joined
    assert "{" not in joined
    assert "buying centre of Acme on the flipchart" in "\n".join(notes(out / "neg" / "acme" / "day-1.pptx"))
    # the course's own client file elsewhere
    build(course, out)
    assert "Map the buying centre at our clients" in "\n".join(slide_texts(out / "neg" / "day-1.pptx"))


def test_a_client_logo_goes_on_the_cover(course, tmp_path):
    from PIL import Image
    Image.new("RGB", (300, 100), "#AA2200").save(course / "acme.png")
    edit(course / "acme.yaml", "industry: aerospace", "industry: aerospace\nlogo: acme.png")
    out = tmp_path / "out"
    build(course, out, variant="acme")
    prs = Presentation(str(out / "neg" / "acme" / "day-1.pptx"))
    pictures = [sh for sh in prs.slides[0].shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].left < prs.slide_width // 2  # top left of the cover
    assert not [sh for sh in prs.slides[1].shapes if sh.shape_type == 13]


def test_an_unknown_placeholder_is_a_located_error_listing_the_known_ones(course, tmp_path):
    edit(course / "02-open.yaml", "title: Anchoring", "title: Anchoring at {clinet}")
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out", variant="acme")
    [d] = exc.value.diagnostics
    assert d.loc.file.endswith("02-open.yaml") and d.loc.line == 5
    assert "{clinet}" in d.message and "did you mean 'client'" in d.message
    assert "{client}" in d.hint and "{industry}" in d.hint
    assert not (tmp_path / "out").exists()


def test_literal_braces_are_written_doubled(course, tmp_path):
    edit(course / "02-open.yaml", "title: Anchoring", "title: 'Anchoring {{sic}}'")
    build(course, tmp_path / "out")
    assert "Anchoring {sic}" in "\n".join(slide_texts(tmp_path / "out" / "neg" / "day-1.pptx"))


def test_unknown_variant_names_in_only_and_skip_are_located_errors(course, tmp_path):
    edit(course / "01-prepare.yaml", "skip: [one-day]", "skip: [oneday]")
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out")
    [d] = exc.value.diagnostics
    assert d.loc.file.endswith("01-prepare.yaml") and (d.loc.line, d.loc.col) == (14, 12)
    assert "'oneday'" in d.message and "did you mean 'one-day'" in d.message
    assert "default, one-day, acme" in d.hint


def test_an_unknown_variant_on_the_command_line_lists_the_known_ones(course, tmp_path):
    result = invoke("build", course, "-o", tmp_path / "out", "--variant", "short")
    assert result.exit_code == 1
    assert "no variant 'short'" in result.output and "default, one-day, acme" in result.output


def test_check_checks_every_variant(course):
    edit(course / "course.yaml", "section: Closing techniques", "section: 7")
    result = check([course])
    [error] = [d for d in result.diagnostics if d.severity == "error"]
    assert "has 2 sections; there is no section 7" in error.message
    assert error.loc.file.endswith("course.yaml")


def test_check_names_the_variant_of_a_problem_only_it_has(course):
    edit(course / "course.yaml", 'end: "16:30"', 'end: "09:30"')
    result = check([course])
    over = [d for d in result.diagnostics if "past its end" in d.message]
    assert len(over) == 1 and over[0].message.startswith("in variant 'one-day': ")


def test_editing_a_shared_module_rebuilds_exactly_the_variants_using_it(course, tmp_path):
    out = tmp_path / "out"
    first = {o.variant: o.result for o in build_variants(course, out, jobs=1)}
    assert sorted(first) == ["acme", "default", "one-day"]
    # 02-open.yaml is taught in the course as written and in acme, not in one-day
    edit(course / "02-open.yaml", "Tell the story", "Tell the short story")
    again = {o.variant: o.result for o in build_variants(course, out, jobs=1)}
    assert [w.path.name for w in again["default"].written] == ["day-1.pptx"]
    assert [w.path.name for w in again["acme"].written] == ["day-1.pptx"]
    assert again["one-day"].written == [] and len(again["one-day"].up_to_date) == 1
    assert len(again["default"].up_to_date) == 1  # day 2 does not teach it
    # 03-close.yaml is taught on day 2 of two editions and on the one-day edition's only day
    edit(course / "03-close.yaml", "Show the three closes", "Show all three closes")
    third = {o.variant: o.result for o in build_variants(course, out, jobs=1)}
    assert {k: [w.path.name for w in r.written] for k, r in third.items()} == \
        {"default": ["day-2.pptx"], "acme": ["day-2.pptx"], "one-day": ["day-1.pptx"]}


def test_all_variants_from_the_command_line_in_parallel_processes(course, tmp_path):
    out = tmp_path / "out"
    outcomes = build_variants(course, out, jobs=2)
    assert all(o.result is not None for o in outcomes)
    assert (out / "neg" / "day-2.pptx").is_file() and (out / "neg" / "one-day" / "day-1.pptx").is_file()
    result = invoke("build", course, "-o", out, "--all-variants")
    assert result.exit_code == 0, result.output
    assert result.output.count("nothing to build") == 3
    assert "[one-day]" in result.output


def test_each_variant_has_its_own_manifest(course, tmp_path):
    import json
    out = tmp_path / "out"
    build(course, out)
    build(course, out, variant="one-day")
    default = json.loads((out / "neg" / ".deckgen-manifest.json").read_text())
    short = json.loads((out / "neg" / "one-day" / ".deckgen-manifest.json").read_text())
    assert default["variant"] is None and short["variant"] == "one-day"
    assert sorted(default["decks"]) == ["day-1", "day-2"] and sorted(short["decks"]) == ["day-1"]
    assert not any(p.endswith("02-open.yaml") for p in short["files"])


def test_a_variant_theme_is_used(course, tmp_path):
    edit(course / "course.yaml", "    client: acme.yaml", "    client: acme.yaml\n    theme: nosuchtheme")
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out", variant="acme")
    [d] = [d for d in exc.value.diagnostics if "nosuchtheme" in d.message]
    assert d.loc.file.endswith("course.yaml") and (d.loc.line, d.loc.col) == (42, 12)
    build(course, tmp_path / "out")  # the course as written does not use it


def test_a_no_change_rerun_of_a_variant_is_answered_from_its_manifest(course, tmp_path, capsys):
    from deckgen import entry
    out = tmp_path / "out"
    build(course, out, variant="one-day")
    assert entry.fast_build([str(course), "-o", str(out), "--variant", "one-day"]) == 0
    printed = capsys.readouterr().out
    assert "up to date: " in printed and "one-day/day-1.pptx" in printed
    edit(course / "03-close.yaml", "Show the three closes", "Show all three closes")
    assert entry.fast_build([str(course), "-o", str(out), "--variant", "one-day"]) is None
    assert entry.fast_build([str(course), "-o", str(out), "--variant", "acme"]) is None  # never built


def test_without_a_client_file_a_placeholder_stays_and_is_warned_about(course, tmp_path):
    edit(course / "course.yaml", "client: house.yaml\n", "")
    result = build(course, tmp_path / "out")
    [warning] = [d for d in result.diagnostics if "{client}" in d.message]
    assert warning.severity == "warning" and "no client file" in warning.message
    assert warning.loc.file.endswith("01-prepare.yaml")
    texts = "\n".join(" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
                      for s in Presentation(str(tmp_path / "out" / "neg" / "day-1.pptx")).slides)
    assert "Map the buying centre at {client}" in texts


def test_a_variant_reorders_days_and_modules(course, tmp_path):
    from deckgen.commands.plan_report import schedule_report
    edit(course / "course.yaml", "  - name: acme\n", """  - name: reversed
    renumber: true
    days:
      - title: Closing first
        start: "08:30"
        modules: [03-close.yaml, 02-open.yaml]
  - name: acme
""")
    [day] = schedule_report(course, "reversed").days
    assert [(m.title, m.number) for m in day.day.modules] == [("Close the deal", 1), ("Open strong", 2)]
    assert [(s.title, s.span) for s in day.slots] == [("Closing techniques", "08:30–09:30"), ("Anchoring", "09:30–10:15"), ("Questions that open", "10:15–11:15")]  # "only: [default, acme]" left out


def test_a_client_file_that_is_not_a_mapping_is_a_located_error(course, tmp_path):
    (course / "acme.yaml").write_text("- Acme\n- Rockets\n", encoding="utf-8")
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out", variant="acme")
    [d] = exc.value.diagnostics
    assert d.loc.file.endswith("acme.yaml") and d.loc.line == 1 and "mapping of client fields" in d.message
    (course / "acme.yaml").unlink()
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out", variant="acme")
    [d] = exc.value.diagnostics
    assert "client file 'acme.yaml' not found" in d.message and d.loc.file.endswith("course.yaml")
    assert not (tmp_path / "out").exists()
