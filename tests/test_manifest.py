"""The build manifest and the no-change fast path of `deckgen build` (no YAML, click or python-pptx)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from conftest import DECKGEN_PATH  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from synth import make_small_course  # noqa: E402

from deckgen import entry, manifest  # noqa: E402
from deckgen.commands.build import build  # noqa: E402

HEAVY = ("pptx", "yaml", "click", "lxml", "PIL", "budoux", "watchfiles")


# no SOURCE_DATE_EPOCH, and the temporary folder as working directory (conftest.isolated)
pytestmark = pytest.mark.usefixtures("isolated")


@pytest.fixture
def built(tmp_path):
    course = make_small_course(tmp_path / "decks" / "sell")
    out = tmp_path / "out"
    # deckgen's code fingerprint is cached per process; computing it afresh keeps this manifest valid for
    # the subprocesses below even when deckgen's sources were edited earlier in the test session
    manifest._fingerprint = None
    build(course, out, per_module=True)
    return course, out


def run_deckgen(*args, cwd: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """`python -X importtime -m deckgen …` as a user runs it (stderr also lists every module imported)."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        pytest.skip("a mutation run's mutant lives in this process only: a subprocess would test the original")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONPATH=str(DECKGEN_PATH), **(env_extra or {}))
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "deckgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def imported(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_the_manifest_records_inputs_outputs_and_options(built):
    course, out = built
    data = json.loads((out / "sell" / ".deckgen-manifest.json").read_text(encoding="utf-8"))
    assert data["deckgen"] and data["code"]
    assert data["options"] == {"theme": None, "overrides": [], "per_module": True, "themes_dirs": []}
    assert data["plan"] == ["day-1", "module-1", "module-2", "day-2", "module-3", "module-4"]
    day1 = data["decks"]["day-1"]
    inputs = [Path(p).name for p in day1["inputs"]]
    assert inputs[:3] == ["course.yaml", "01-module.yaml", "02-module.yaml"] and "theme.yaml" in inputs
    assert "03-module.yaml" not in inputs
    assert [Path(p).name for p in data["decks"]["module-3"]["inputs"]][:2] == ["course.yaml", "03-module.yaml"]
    assert day1["sha256"] == manifest.sha256_file(out / "sell" / "day-1.pptx")
    assert day1["slides"] == 9 and day1["kind"] == "day" and data["decks"]["module-1"]["kind"] == "module"
    for path, record in data["files"].items():
        assert record["sha256"] == manifest.sha256_file(path)
    assert data["themes"]["resolved"]["default"].endswith(os.path.join("default", "theme.yaml"))


def test_a_no_change_rerun_imports_neither_yaml_nor_click_nor_pptx(built):
    course, out = built
    result = run_deckgen("build", str(course), "-o", str(out), "--per-module", cwd=out.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "up to date: out/sell/day-1.pptx  (9 slides)"
    assert lines[-1].startswith("nothing to build: 6 decks up to date (")
    heavy = {m for m in imported(result.stderr) if m.split(".")[0] in HEAVY}
    assert heavy == set()


def test_the_fast_path_covers_a_build_without_per_module_after_one_with_it(built):
    course, out = built
    result = run_deckgen("build", str(course), "--out", str(out), cwd=out.parent)
    assert result.returncode == 0
    assert [line.split()[3] for line in result.stdout.splitlines()[:-1]] == \
        ["out/sell/day-1.pptx", "out/sell/day-2.pptx"]
    assert "pptx" not in {m.split(".")[0] for m in imported(result.stderr)}


def test_touching_a_file_without_changing_it_keeps_the_fast_path(built):
    course, out = built
    os.utime(course / "01-module.yaml", (2_000_000_000, 2_000_000_000))
    result = run_deckgen("build", str(course), "-o", str(out), "--per-module", cwd=out.parent)
    assert result.returncode == 0 and "nothing to build" in result.stdout
    assert "yaml" not in {m.split(".")[0] for m in imported(result.stderr)}
    data = json.loads((out / "sell" / ".deckgen-manifest.json").read_text(encoding="utf-8"))
    assert data["files"][os.path.realpath(course / "01-module.yaml")]["mtime_ns"] == 2_000_000_000 * 10**9


def test_a_changed_module_takes_the_full_build_and_writes_only_its_decks(built):
    course, out = built
    path = course / "02-module.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Fourth point", "Fourth point, changed"),
                    encoding="utf-8")
    result = run_deckgen("build", str(course), "-o", str(out), "--per-module", cwd=out.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    wrote = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("wrote ")]
    assert wrote == ["out/sell/day-1.pptx", "out/sell/module-2.pptx"]
    assert "built 2 decks in" in result.stdout and "(4 up to date)" in result.stdout


@pytest.mark.parametrize("args", [["--theme", "default"], ["--set", "palette.primary=#0A5EB0"], ["--force"],
                                  ["--pdf"], ["--help"]])
def test_other_options_are_not_answered_from_the_manifest(built, args):
    course, out = built
    assert entry.fast_build([str(course), "-o", str(out), "--per-module", *args]) is None


def test_a_hand_edited_output_is_not_answered_from_the_manifest(built, capsys):
    course, out = built
    assert entry.fast_build([str(course), "-o", str(out), "--per-module"]) == 0
    with open(out / "sell" / "module-2.pptx", "ab") as f:
        f.write(b"\0")
    assert entry.fast_build([str(course), "-o", str(out), "--per-module"]) is None


def test_a_new_source_date_epoch_is_not_answered_from_the_manifest(built, monkeypatch):
    course, out = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert entry.fast_build([str(course), "-o", str(out), "--per-module"]) is None


def test_a_theme_appearing_earlier_in_the_search_path_is_noticed(built, monkeypatch, tmp_path):
    course, out = built
    monkeypatch.chdir(tmp_path)
    assert entry.fast_build([str(course), "-o", str(out), "--per-module"]) == 0
    (tmp_path / "themes" / "default").mkdir(parents=True)  # ./themes/default now shadows the built-in one
    (tmp_path / "themes" / "default" / "theme.yaml").write_text("name: default\n", encoding="utf-8")
    assert entry.fast_build([str(course), "-o", str(out), "--per-module"]) is None


def test_theme_search_dirs_match_the_theme_resolver(tmp_path, monkeypatch):
    from deckgen.theme import theme_dirs
    course = make_small_course(tmp_path / "decks" / "sell")
    (tmp_path / "themes").mkdir()
    (tmp_path / "extra").mkdir()
    monkeypatch.chdir(tmp_path)
    for extra in (None, [tmp_path / "extra"]):
        assert manifest.theme_search_dirs(course, extra) == [str(p) for p in theme_dirs(course, extra)]


def test_the_fast_parser_agrees_with_the_click_command():
    """Every option of `deckgen build` is either understood by the fast path exactly as click understands
    it, or makes the fast path step aside."""
    from deckgen.cli.build import build as command
    for param in command.params:
        if param.param_type_name != "option":
            continue
        for opt in param.opts:
            args = ["c", opt] if param.is_flag else ["c", opt, "v"]
            fast = entry.parse_build_args(args)
            if fast is None:
                continue
            ctx = command.make_context("build", list(args))
            theirs = {"course": str(ctx.params["course"]), "out": str(ctx.params["out_dir"]),
                      "theme": ctx.params["theme_name"], "overrides": list(ctx.params["overrides"]),
                      "per_module": ctx.params["per_module"], "variant": ctx.params["variant"]}
            assert fast == theirs, opt
    assert entry.parse_build_args(["c", "-oX", "--set=a=b", "--theme=t"]) == \
        {"course": "c", "out": "X", "theme": "t", "overrides": ["a=b"], "per_module": False, "variant": None}
    assert entry.parse_build_args(["c", "d"]) is None
    assert entry.parse_build_args(["--per-module"]) is None


def test_an_unreadable_manifest_means_a_full_build(built):
    course, out = built
    (out / "sell" / ".deckgen-manifest.json").write_text("{not json", encoding="utf-8")
    assert entry.fast_build([str(course), "-o", str(out)]) is None
    result = build(course, out)  # no record: the existing decks are only adopted when identical
    assert len(result.written) == 2 and result.moved == []


# --- the no-change answer, asked in-process: every input that must send the build down the full path -----

def answer(course: Path, out: Path, data: dict | None = None, **options):
    data = manifest.load(manifest.manifest_path(out, "sell")) if data is None else data
    return manifest.up_to_date(data, str(course), str(out), manifest.options_record(**options))


def test_an_unchanged_course_is_answered_with_every_deck_it_would_build(built):
    course, out = built
    wanted, refreshed = answer(course, out)
    assert wanted == ["day-1", "day-2"] and refreshed is False
    wanted, _ = answer(course, out, per_module=True)
    assert sorted(wanted) == ["day-1", "day-2", "module-1", "module-2", "module-3", "module-4"]


def test_touched_inputs_and_outputs_are_answered_with_refreshed_stats(built):
    course, out = built
    data = manifest.load(manifest.manifest_path(out, "sell"))
    module, deck = course / "01-module.yaml", out / "sell" / "day-1.pptx"
    for path in (module, deck):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    wanted, refreshed = answer(course, out, data)
    assert wanted == ["day-1", "day-2"] and refreshed is True
    assert data["files"][str(module)]["mtime_ns"] == module.stat().st_mtime_ns
    assert data["decks"]["day-1"]["mtime_ns"] == deck.stat().st_mtime_ns


@pytest.mark.parametrize("change", [
    "deckgen version", "code fingerprint", "course folder", "date source", "theme option", "override option",
    "themes dirs option", "search dirs", "resolved theme moved", "input edited", "input grew", "input deleted",
    "deck edited", "deck deleted", "deck unrecorded", "deck without hash", "no decks", "garbage"])
def test_anything_that_may_change_a_deck_means_a_full_build(built, change, monkeypatch, tmp_path):
    course, out = built
    data = manifest.load(manifest.manifest_path(out, "sell"))
    options = {}
    module, deck = course / "01-module.yaml", out / "sell" / "day-1.pptx"
    if change == "deckgen version":
        data["deckgen"] = "0.0.0"
    elif change == "code fingerprint":
        data["code"] = "0" * 64
    elif change == "course folder":
        data["course"] = str(tmp_path / "elsewhere")
    elif change == "date source":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    elif change == "theme option":
        options["theme_name"] = "midnight"
    elif change == "override option":
        options["overrides"] = ["palette.primary=#000000"]
    elif change == "themes dirs option":
        options["themes_dirs"] = [str(tmp_path / "more-themes")]
    elif change == "search dirs":
        data["themes"]["dirs"] = data["themes"]["dirs"][1:]
    elif change == "resolved theme moved":
        data["themes"]["resolved"] = {"default": str(tmp_path / "old" / "default")}
    elif change == "input edited":  # same size, new content, new time
        text = module.read_text(encoding="utf-8")
        module.write_text(text.replace("Module 1", "Modulo 1", 1), encoding="utf-8")
    elif change == "input grew":
        with open(module, "a", encoding="utf-8") as f:
            f.write("# more\n")
    elif change == "input deleted":
        module.unlink()
    elif change == "deck edited":
        data_ = bytearray(deck.read_bytes())
        data_[len(data_) // 2] ^= 0xFF  # same size, other bytes
        deck.write_bytes(bytes(data_))
        os.utime(deck, ns=(0, deck.stat().st_mtime_ns + 5_000_000_000))
    elif change == "deck deleted":
        deck.unlink()
    elif change == "deck unrecorded":
        del data["decks"]["day-1"]
    elif change == "deck without hash":
        del data["decks"]["day-1"]["sha256"]
    elif change == "no decks":
        data["plan"] = []
    elif change == "garbage":
        data["files"] = {str(module): "not a record"}
    result = answer(course, out, data, **options)
    assert result is None, change


def test_per_module_decks_are_answered_only_when_they_were_built(tmp_path):
    course = make_small_course(tmp_path / "decks" / "sell")
    out = tmp_path / "out"
    manifest._fingerprint = None
    build(course, out)
    assert answer(course, out)[0] == ["day-1", "day-2"]
    assert answer(course, out, per_module=True) is None  # the module decks were never written


def test_the_date_source_names_the_epoch_or_the_inputs(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert manifest.date_source() == "inputs"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert manifest.date_source() == "SOURCE_DATE_EPOCH=1700000000"


def test_paths_are_shown_relative_to_the_working_directory_when_inside_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out" / "sell").mkdir(parents=True)
    assert manifest.display_path(str(tmp_path)) == "."
    assert manifest.display_path(str(tmp_path / "out" / "sell" / "day-1.pptx")) == \
        os.path.join("out", "sell", "day-1.pptx")
    elsewhere = str(tmp_path.parent / "other" / "day-1.pptx")
    assert manifest.display_path(elsewhere) == elsewhere
