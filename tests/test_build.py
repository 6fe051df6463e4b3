"""`deckgen build`: deterministic bytes, incremental rebuilds, and hand-edited decks never overwritten."""
from __future__ import annotations

import io
import os
import re
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from conftest import DECKGEN_PATH  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from synth import make_small_course  # noqa: E402

from deckgen.commands.build import build  # noqa: E402
from deckgen.errors import DeckgenError  # noqa: E402


# no SOURCE_DATE_EPOCH, and the temporary folder as working directory (conftest.isolated)
pytestmark = pytest.mark.usefixtures("isolated")


@pytest.fixture
def course(tmp_path):
    return make_small_course(tmp_path / "decks" / "sell")


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def slides_xml(path: Path) -> bytes:
    return b"".join(data for name, data in entries(path).items() if name.startswith("ppt/slides/slide"))


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.glob("*.pptx"))}


def names(items) -> list[str]:
    return sorted(i.path.name for i in items)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- determinism ---------------------------------------------------------------------------------

def test_two_builds_at_different_times_give_identical_bytes(course, tmp_path):
    first = build(course, tmp_path / "a", per_module=True)
    time.sleep(1.1)  # a different wall-clock second: nothing may depend on it
    second = build(course, tmp_path / "b", per_module=True)
    assert names(first.written) == names(second.written) == \
        ["day-1.pptx", "day-2.pptx", "module-1.pptx", "module-2.pptx", "module-3.pptx", "module-4.pptx"]
    for w in first.written:
        assert w.path.read_bytes() == (tmp_path / "b" / "sell" / w.path.name).read_bytes(), w.path.name


def test_separate_processes_with_different_hash_seeds_give_identical_bytes(tmp_path):
    """The sample course (diagrams, Chinese text) built by two processes: no set or dict order, clock or
    random value may leak into the decks."""
    import subprocess
    sample = ROOT / "decks" / "b2b-sales-management"
    outs = []
    for seed in ("1", "2"):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update(PYTHONPATH=str(DECKGEN_PATH), PYTHONHASHSEED=seed)
        out = tmp_path / f"out-{seed}"
        done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(sample), "-o", str(out)], env=env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        outs.append(out / sample.name)
    decks = sorted(p.name for p in outs[0].glob("*.pptx"))
    assert decks == ["day-1.pptx", "day-2.pptx"]
    for name in decks:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_zip_entries_have_fixed_times_and_a_stable_order(course, tmp_path):
    result = build(course, tmp_path / "out")
    with zipfile.ZipFile(result.written[0].path) as z:
        infos = z.infolist()
    assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert [i.filename for i in infos[2:]] == sorted(i.filename for i in infos[2:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_sets_the_document_dates_and_changes_nothing_else(course, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    a = build(course, tmp_path / "a").written[0].path
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    b = build(course, tmp_path / "b").written[0].path
    ea, eb = entries(a), entries(b)
    assert ea.keys() == eb.keys()
    assert [n for n in ea if ea[n] != eb[n]] == ["docProps/core.xml"]
    core = ea["docProps/core.xml"].decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2001-09-09T01:46:40Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2001-09-09T01:46:40Z</dcterms:modified>' in core


def test_without_source_date_epoch_the_date_is_the_newest_input(course, tmp_path):
    for i, path in enumerate(sorted(course.glob("*.yaml"))):  # newer than the installed theme files
        os.utime(path, (1_900_000_000 + i, 1_900_000_000 + i))
    newest_day_1 = max(os.stat(course / n).st_mtime for n in ("course.yaml", "01-module.yaml", "02-module.yaml"))
    result = build(course, tmp_path / "out")
    core = entries(tmp_path / "out" / "sell" / "day-1.pptx")["docProps/core.xml"].decode()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(newest_day_1))
    assert f">{stamp}</dcterms:modified>" in core
    assert len(result.written) == 2


def test_an_invalid_source_date_epoch_is_an_error(course, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(DeckgenError, match="SOURCE_DATE_EPOCH"):
        build(course, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- incremental builds --------------------------------------------------------------------------

def test_a_rerun_without_changes_writes_nothing(course, tmp_path):
    out = tmp_path / "out"
    build(course, out, per_module=True)
    before = snapshot(out / "sell")
    again = build(course, out, per_module=True)
    assert again.written == [] and again.moved == []
    assert names(again.up_to_date) == sorted(before)
    assert snapshot(out / "sell") == before


def test_editing_a_point_rebuilds_only_the_decks_showing_it(course, tmp_path):
    out = tmp_path / "out"
    build(course, out, per_module=True)
    before = snapshot(out / "sell")
    edit(course / "03-module.yaml", "Third point of module 3", "Third point of module 3, reworded")
    result = build(course, out, per_module=True)
    assert names(result.written) == ["day-2.pptx", "module-3.pptx"]
    assert names(result.up_to_date) == ["day-1.pptx", "module-1.pptx", "module-2.pptx", "module-4.pptx"]
    after = snapshot(out / "sell")
    for name in ("day-1.pptx", "module-1.pptx", "module-2.pptx", "module-4.pptx"):
        assert after[name] == before[name]
    assert b"reworded" in slides_xml(out / "sell" / "module-3.pptx")


def test_a_comment_edit_rebuilds_nothing(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    with open(course / "01-module.yaml", "a", encoding="utf-8") as f:
        f.write("# a note to self\n")
    result = build(course, out)
    assert result.written == [] and len(result.up_to_date) == 2


def test_longer_minutes_rebuild_the_later_module_decks_of_that_day(course, tmp_path):
    # module 2's slides show clock times that start when module 1 ends
    out = tmp_path / "out"
    build(course, out, per_module=True)
    edit(course / "01-module.yaml", "minutes: 20", "minutes: 30")
    result = build(course, out, per_module=True)
    assert names(result.written) == ["day-1.pptx", "module-1.pptx", "module-2.pptx"]


def test_a_theme_override_rebuilds_every_deck(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    result = build(course, out, overrides=["palette.primary=#0A5EB0"])
    assert names(result.written) == ["day-1.pptx", "day-2.pptx"]
    again = build(course, out, overrides=["palette.primary=#0A5EB0"])
    assert again.written == []


def test_an_edited_course_theme_rebuilds_every_deck(course, tmp_path):
    themes = tmp_path / "themes" / "plain"  # found next to the course's project: <project>/themes
    themes.mkdir(parents=True)
    (themes / "theme.yaml").write_text('palette:\n  primary: "#112233"\n', encoding="utf-8")
    edit(course / "course.yaml", "language: en", "language: en\ntheme: plain")
    out = tmp_path / "out"
    build(course, out)
    (themes / "theme.yaml").write_text('palette:\n  primary: "#445566"\n', encoding="utf-8")
    result = build(course, out)
    assert names(result.written) == ["day-1.pptx", "day-2.pptx"]
    assert b"445566" in entries(out / "sell" / "day-1.pptx")["ppt/theme/theme1.xml"]


def test_a_deleted_deck_is_rebuilt(course, tmp_path):
    out = tmp_path / "out"
    first = build(course, out)
    data = (out / "sell" / "day-2.pptx").read_bytes()
    (out / "sell" / "day-2.pptx").unlink()
    result = build(course, out)
    assert names(result.written) == ["day-2.pptx"]
    assert (out / "sell" / "day-2.pptx").read_bytes() == data
    assert len(first.written) == 2


def test_force_rebuilds_everything(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    result = build(course, out, force=True)
    assert names(result.written) == ["day-1.pptx", "day-2.pptx"] and result.moved == []


# --- hand-edit protection --------------------------------------------------------------------------

def hand_edit(path: Path) -> bytes:
    """What a co-facilitator does in PowerPoint: open, change a slide, save."""
    from pptx import Presentation
    prs = Presentation(str(path))
    prs.slides[1].shapes.add_textbox(0, 0, 914400, 914400).text_frame.text = "my own remark"
    buf = io.BytesIO()
    prs.save(buf)
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def test_a_hand_edited_deck_stops_the_rebuild_and_nothing_is_written(course, tmp_path):
    out = tmp_path / "out"
    build(course, out, per_module=True)
    edited = hand_edit(out / "sell" / "day-1.pptx")
    before = snapshot(out / "sell")
    edit(course / "01-module.yaml", "First point of module 1", "First point, rewritten")
    with pytest.raises(DeckgenError) as info:
        build(course, out, per_module=True)
    (diag,) = info.value.diagnostics
    assert diag.loc.file.endswith("day-1.pptx")
    assert "changed after deckgen wrote it" in diag.message and "--force" in diag.hint
    assert snapshot(out / "sell") == before  # module-1 needed a rebuild too: it waits as well
    assert (out / "sell" / "day-1.pptx").read_bytes() == edited


def test_force_moves_a_hand_edited_deck_aside_then_rebuilds(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    edited = hand_edit(out / "sell" / "day-1.pptx")
    edit(course / "01-module.yaml", "First point of module 1", "First point, rewritten")
    result = build(course, out, force=True)
    (moved,) = result.moved
    assert moved.path == out / "sell" / "day-1.pptx"
    assert re.fullmatch(r"day-1\.edited-\d{8}-\d{6}\.pptx", moved.to.name)
    assert moved.to.read_bytes() == edited
    assert b"rewritten" in slides_xml(out / "sell" / "day-1.pptx")
    assert names(result.written) == ["day-1.pptx", "day-2.pptx"]


def test_a_hand_edited_deck_whose_inputs_did_not_change_is_kept(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    edited = hand_edit(out / "sell" / "day-2.pptx")
    edit(course / "01-module.yaml", "First point of module 1", "First point, rewritten")
    result = build(course, out)
    assert names(result.written) == ["day-1.pptx"]
    assert names(result.kept) == ["day-2.pptx"]
    assert (out / "sell" / "day-2.pptx").read_bytes() == edited


def test_a_deck_deckgen_has_no_record_of_is_not_overwritten(course, tmp_path):
    out = tmp_path / "out"
    (out / "sell").mkdir(parents=True)
    (out / "sell" / "day-1.pptx").write_bytes(b"someone else's deck")
    with pytest.raises(DeckgenError, match="not written by deckgen"):
        build(course, out)
    assert (out / "sell" / "day-1.pptx").read_bytes() == b"someone else's deck"
    assert not (out / "sell" / "day-2.pptx").exists()


def test_an_identical_deck_without_a_record_is_simply_adopted(course, tmp_path):
    out = tmp_path / "out"
    build(course, out)
    (out / "sell" / ".deckgen-manifest.json").unlink()  # e.g. the decks were copied without it
    result = build(course, out)
    assert names(result.written) == ["day-1.pptx", "day-2.pptx"] and result.moved == []


def test_the_cli_says_which_file_and_what_to_do(course, tmp_path):
    from click.testing import CliRunner

    from deckgen.cli import main
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(course), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert "wrote" in first.output
    again = runner.invoke(main, ["build", str(course), "-o", str(out)])
    assert again.exit_code == 0
    assert "up to date:" in again.output and "day-1.pptx  (9 slides)" in again.output
    assert "nothing to build: 2 decks up to date" in again.output
    hand_edit(out / "sell" / "day-1.pptx")
    edit(course / "01-module.yaml", "First point of module 1", "First point, rewritten")
    refused = runner.invoke(main, ["build", str(course), "-o", str(out)])
    assert refused.exit_code == 1
    assert "day-1.pptx: error: this deck was changed after deckgen wrote it" in refused.output
    assert "--force" in refused.output and "nothing written" in refused.output
    forced = runner.invoke(main, ["build", str(course), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert re.search(r"moved .*day-1\.pptx aside to .*day-1\.edited-\d{8}-\d{6}\.pptx", forced.output)


def test_a_same_length_edit_is_noticed_even_when_the_size_is_unchanged(course, tmp_path):
    """Size and mtime are only a shortcut: a same-size edit (红利 → 利润) must still rebuild the deck."""
    out = tmp_path / "out"
    module = course / "03-module.yaml"
    edit(module, "Third point of module 3", "Third point of module 3 红利")
    build(course, out)
    stat = module.stat()
    edit(module, "红利", "利润")
    assert module.stat().st_size == stat.st_size
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    result = build(course, out)
    assert names(result.written) == ["day-2.pptx"]
    assert "利润".encode() in slides_xml(out / "sell" / "day-2.pptx")
    assert "红利".encode() not in slides_xml(out / "sell" / "day-2.pptx")


def test_a_same_length_edit_is_not_answered_by_the_no_change_path(course, tmp_path):
    from deckgen import manifest as mf
    out = tmp_path / "out"
    module = course / "03-module.yaml"
    edit(module, "Third point of module 3", "Third point of module 3 红利")
    build(course, out)
    data = mf.load(mf.manifest_path(out, "sell"))
    options = mf.options_record()
    assert mf.up_to_date(data, str(course), str(out), options) is not None  # nothing changed yet
    stat = module.stat()
    edit(module, "红利", "利润")
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert mf.up_to_date(mf.load(mf.manifest_path(out, "sell")), str(course), str(out), options) is None
