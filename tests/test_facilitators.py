"""Facilitators: who leads which section, in the notes, the plan, and each facilitator's own copy."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import invoke
from variant_course import make_variant_course

from deckgen.commands.build import build
from deckgen.errors import DeckgenError
from deckgen.leads import initials_of
from deckgen.outline import load_course

pytestmark = pytest.mark.usefixtures("isolated")


@pytest.fixture
def course(tmp_path):
    return make_variant_course(tmp_path / "decks" / "neg")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def notes_by_title(path: Path) -> dict[str, str]:
    out = {}
    for slide in Presentation(str(path)).slides:
        title = next((sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text), "")
        out.setdefault(title, slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
    return out


def test_leads_come_from_the_section_then_the_module_then_the_first_facilitator(course):
    loaded, diags = load_course(course)
    assert not diags.has_errors()
    leads = {s.title: s.lead for m in loaded.modules for s in m.sections}
    assert leads["Know your walk-away point"] == "Ann Lee"  # the module's lead
    assert leads["Map the buying centre at {client}"] == "Bo Chen"  # its own
    assert leads["Plan a negotiation"] == "Bo Chen"  # by initials
    assert leads["Anchoring"] == "Bo Chen"
    assert leads["Closing techniques"] == "Ann Lee"  # no lead anywhere: the first facilitator


def test_an_unknown_lead_is_a_located_error_listing_the_facilitators(course, tmp_path):
    edit(course / "01-prepare.yaml", "lead: Bo Chen", "lead: Bo Chan")
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out")
    [d] = exc.value.diagnostics
    assert d.loc.file.endswith("01-prepare.yaml") and d.loc.line == 10
    assert "unknown facilitator 'Bo Chan'" in d.message and "did you mean 'Bo Chen'" in d.message
    assert d.hint == "facilitators: Ann Lee, Bo Chen"


def test_initials_that_clash_must_be_given(course, tmp_path):
    edit(course / "course.yaml", "  - name: Bo Chen", "  - name: Al Lin")
    edit(course / "01-prepare.yaml", "lead: Bo Chen", "lead: Al Lin")
    edit(course / "01-prepare.yaml", "lead: BC", "lead: Al Lin")
    edit(course / "02-open.yaml", "lead: Bo Chen", "lead: Al Lin")
    with pytest.raises(DeckgenError) as exc:
        build(course, tmp_path / "out")
    [d] = exc.value.diagnostics
    assert "both show as 'AL'" in d.message and d.loc.file.endswith("course.yaml")


def test_initials_of_names():
    assert initials_of("Ann Lee") == "AL"
    assert initials_of("mary ann de souza") == "MAD"
    assert initials_of("王明") == "王明"


def test_speaker_notes_say_who_leads_each_section(course, tmp_path):
    build(course, tmp_path / "out")
    notes = notes_by_title(tmp_path / "out" / "neg" / "day-1.pptx")
    assert notes["Know your walk-away point"].startswith("⏱ 30 min · 09:00–09:30 · Lead: Ann Lee")
    assert "Lead: Bo Chen" in notes["Anchoring"].split("\n")[0]


def test_chinese_notes_use_the_chinese_label(tmp_path):
    folder = tmp_path / "decks" / "zh"
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(
        "title: 谈判\nfacilitators: [王明, {name: 李娜, initials: LN}]\n"
        "days:\n  - title: 第一天\n    start: '09:00'\n    modules: [m.yaml]\n", encoding="utf-8")
    (folder / "m.yaml").write_text(
        "number: 1\ntitle: 开场\nlead: LN\nsections:\n  - kind: content\n    title: 锚定效应\n    minutes: 20\n"
        "    points: [先出价]\n    notes: 讲一个故事。\n", encoding="utf-8")
    build(folder, tmp_path / "out")
    notes = notes_by_title(tmp_path / "out" / "zh" / "day-1.pptx")
    assert notes["锚定效应"].split("\n")[0].endswith("主讲：李娜")


def test_one_facilitator_adds_no_lead_line(tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import make_small_course
    course = make_small_course(tmp_path / "decks" / "sell")
    build(course, tmp_path / "out")
    for path in (tmp_path / "out" / "sell").glob("*.pptx"):
        assert not any("主讲" in n or "Lead:" in n for n in notes_by_title(path).values())


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_own_copies_differ_only_in_notes(course, tmp_path):
    out = tmp_path / "out"
    build(course, out, for_facilitator="Ann Lee")
    build(course, out, for_facilitator="BC")
    ann, bo = out / "neg" / "for-Ann-Lee" / "day-1.pptx", out / "neg" / "for-Bo-Chen" / "day-1.pptx"
    a, b = _parts(ann), _parts(bo)
    assert a.keys() == b.keys()
    differing = sorted(n for n in a if a[n] != b[n])
    assert differing and all(re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n) for n in differing)
    ann_notes, bo_notes = notes_by_title(ann), notes_by_title(bo)
    # Ann's own section in full in her copy, collapsed to time and lead in Bo's
    assert "Ask who has walked away" in ann_notes["Know your walk-away point"]
    assert bo_notes["Know your walk-away point"] == "⏱ 30 min · 09:00–09:30 · Lead: Ann Lee"
    assert "Tell the story" in bo_notes["Anchoring"] and "Tell the story" not in ann_notes["Anchoring"]


def test_for_an_unknown_facilitator_lists_the_known_ones(course, tmp_path):
    result = invoke("build", course, "-o", tmp_path / "out", "--for", "Cy")
    assert result.exit_code == 1
    assert "no facilitator 'Cy'" in result.output and "Ann Lee, Bo Chen" in result.output


def test_plan_by_facilitator_totals_equal_each_days_teaching_minutes(course):
    from deckgen.commands.plan_report import schedule_report
    for variant in (None, "one-day"):
        result = invoke("plan", course, "--by", "facilitator", *(["--variant", variant] if variant else []))
        assert result.exit_code == 0, result.output
        report = schedule_report(course, variant)
        lines = result.output.splitlines()
        rows = {line.split("  ")[1].split(" (")[0]: [int(n) for n in re.findall(r"(\d+) min", line)]
                for line in lines if re.search(r"\d+ min", line)}
        teaching = rows.pop("Teaching")
        assert teaching[:-1] == [s.teaching_minutes for s in report.days]
        for day in range(len(report.days)):
            assert sum(r[day] for r in rows.values()) == teaching[day]
        assert sorted(rows) == ["Ann Lee", "Bo Chen"]
    # the course as written: Ann 30 + 90 (day 2), Bo 20 + 40 + 45 + 60
    result = invoke("plan", course, "--by", "facilitator")
    assert re.search(r"Ann Lee \(lead trainer\)\s+30 min\s+90 min\s+120 min", result.output)
    assert re.search(r"Bo Chen \(co-facilitator\)\s+165 min\s+0 min\s+165 min", result.output)
