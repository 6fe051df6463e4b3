"""The attack corpus, file-system states: a read-only output folder, a file where the output folder should be,
a full disk, a file-size limit, two builds into one folder at once, and SIGKILL at 30 random points of a
build followed by a rebuild. After any failure the previous decks are byte-identical; no temp file stays.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from attack import COURSE_DIR, MAX_DECK_BYTES, assert_parts_parse, invoke, make_project, replace_in, snapshot
from conftest import DECKGEN_PATH

M1 = f"{COURSE_DIR}/01-intro.yaml"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("attack-fs"))


@pytest.fixture
def changed(project, monkeypatch):
    """The project with module 1 changed (so a build has a deck to write), the working directory at its
    root, and a fresh out folder holding the previous build: (project, out folder)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project.restore()
    replace_in(project, M1, "title: Why a plan", "title: Why a plan, revised")
    monkeypatch.chdir(project.root)
    return project, project.fresh_out()


def build(out, *args):
    return invoke("build", COURSE_DIR, "-o", out, *args)


def assert_failed_cleanly(project, out, code, text, says):
    assert code == 1, text
    assert says in text, text
    error = next(line for line in text.splitlines() if "error: " in line)
    assert error.split(": error: ")[0].startswith(out.name + "/c/"), error  # located at the output it was writing
    assert snapshot(out) == project.baseline, "a failed build changed the previous output"


def test_read_only_output_folder(changed, monkeypatch):
    project, out = changed
    folder = out / "c"
    if os.geteuid() == 0:  # root writes anywhere: the folder's refusal is simulated where files are created
        import deckgen.writer as writer
        real = writer.tempfile.mkstemp

        def refuse(*args, dir=None, **kwargs):
            if os.path.realpath(dir) == os.path.realpath(folder):
                raise PermissionError(errno.EACCES, "Permission denied")
            return real(*args, dir=dir, **kwargs)
        monkeypatch.setattr(writer.tempfile, "mkstemp", refuse)
    else:
        os.chmod(folder, 0o555)
    try:
        code, text = build(out)
    finally:
        os.chmod(folder, 0o755)
    assert_failed_cleanly(project, out, code, text, "Permission denied")


# --- states a build meets in a real process: the tests below and bench/attack.py share them -------------

def _output_is_a_file(project, out):
    blocker = project.root / "not-a-folder"
    blocker.write_text("keep me\n")
    return [COURSE_DIR, "-o", blocker]


def _course_output_is_a_file(project, out):
    import shutil
    shutil.rmtree(out / "c")
    (out / "c").write_text("keep me\n")
    return [COURSE_DIR, "-o", out]


def _deck_is_a_folder(project, out):
    deck = out / "c" / "day-1.pptx"
    deck.unlink()
    deck.mkdir()
    (deck / "inside.txt").write_text("keep me\n")
    return [COURSE_DIR, "-o", out]


def _file_size_limit(project, out):
    return [COURSE_DIR, "-o", out]


@dataclass(frozen=True)
class FsState:
    """A file-system state: `prepare(project, out folder)` makes it and gives `build`'s arguments; the build
    fails with a located error saying `says` and changes nothing already on disk. `file_size_limit`: the
    process runs under RLIMIT_FSIZE of that many bytes (SIGXFSZ ignored, so a write fails with EFBIG as on a
    small disk)."""

    name: str
    prepare: Callable[[object, Path], list]
    says: str | None = None
    file_size_limit: int | None = None


FS_STATES = [
    FsState("output-folder-is-a-file", _output_is_a_file),
    FsState("course-output-folder-is-a-file", _course_output_is_a_file),
    FsState("deck-path-is-a-folder", _deck_is_a_folder, "day-1.pptx"),
    FsState("file-size-limit", _file_size_limit, "File too large", file_size_limit=20_000),
    FsState("output-name-too-long", lambda project, out: [COURSE_DIR, "-o", "o" * 300]),
    FsState("output-path-too-long", lambda project, out: [COURSE_DIR, "-o", "/".join(["d" * 250] * 20)]),
    FsState("course-name-too-long", lambda project, out: ["c" * 300, "-o", out]),
]


def limit_file_size(size: int) -> Callable[[], None]:
    """A preexec_fn: files the process writes may not grow past `size` bytes."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def outputs(project) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) of the project that is not a source: out folders, blockers."""
    found: dict[str, bytes | None] = {}
    for path in sorted(project.root.rglob("*")):
        rel = str(path.relative_to(project.root))
        if not rel.startswith(("decks", "themes")):
            found[rel] = path.read_bytes() if path.is_file() else None
    return found


def deckgen_process(args, cwd, file_size_limit=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(DECKGEN_PATH)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "deckgen", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=limit_file_size(file_size_limit) if file_size_limit else None)


@pytest.mark.parametrize("state", FS_STATES, ids=[s.name for s in FS_STATES])
def test_a_state_the_build_cannot_write_into(changed, state):
    """A located error, no traceback, and every file already on disk (previous decks, the file in the way)
    as it was."""
    project, out = changed
    args = state.prepare(project, out)
    before = outputs(project)
    if state.file_size_limit:
        proc = deckgen_process(["build", *args], project.root, state.file_size_limit)
        code, text = proc.returncode, proc.stdout + proc.stderr
        assert "Traceback" not in text, text
    else:
        code, text = invoke("build", *args)
    assert code == 1 and re.search(r"^\S[^\n]*: error: ", text, re.M), text
    if state.says:
        assert state.says in text, text
    assert outputs(project) == before, "a failed build changed what was on disk"


def test_a_located_error_at_the_deck_it_could_not_write(changed):
    """The file-size limit is reported at the deck, under the output folder."""
    project, out = changed
    proc = deckgen_process(["build", COURSE_DIR, "-o", out], project.root, 20_000)
    assert_failed_cleanly(project, out, proc.returncode, proc.stderr, "File too large")


@pytest.mark.parametrize("fail_at", [1, 2], ids=["first-file", "manifest"])
def test_disk_full_while_writing(changed, monkeypatch, fail_at):
    """ENOSPC from the n-th file written (the deck, then the manifest): nothing changes."""
    project, out = changed
    import deckgen.writer as writer
    real_fdopen = writer.os.fdopen
    opened = []

    class Full:
        def __init__(self, f):
            self.f = f

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.f, name)

    def fdopen(fd, *args, **kwargs):
        f = real_fdopen(fd, *args, **kwargs)
        opened.append(f)
        return Full(f) if len(opened) == fail_at else f
    monkeypatch.setattr(writer.os, "fdopen", fdopen)
    code, text = build(out)
    assert_failed_cleanly(project, out, code, text, "No space left on device")
    assert "free some space" in text


def test_two_builds_into_one_folder_at_once(changed):
    project, out = changed
    env = {**os.environ, "PYTHONPATH": str(DECKGEN_PATH)}
    env.pop("SOURCE_DATE_EPOCH", None)
    cmd = [sys.executable, "-m", "deckgen", "build", COURSE_DIR, "-o", str(out), "--force"]
    procs = [subprocess.Popen(cmd, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [(p.wait(120), *p.communicate()) for p in procs]
    for code, stdout, stderr in results:
        assert "Traceback" not in stderr, stderr
        assert code in (0, 1), stderr
        if code == 1:  # the loser may find the winner's deck where it expected its own: a located refusal
            assert "error: " in stderr and out.name in stderr, stderr
    assert any(code == 0 for code, _, _ in results), results
    after = snapshot(out)
    assert sorted(after) == sorted(project.baseline)  # no temp file, no aside copy, nothing half-written
    assert_parts_parse(after["c/day-1.pptx"], "day-1.pptx")
    code, text = build(out)
    assert code == 0 and "nothing to build" in text, text  # the manifest describes the decks on disk


# --- SIGKILL at random points -----------------------------------------------------------------------

def _forked_build(out) -> int:
    """Fork; the child builds (deckgen already imported, so the kill lands in the build, not in imports)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            from deckgen.commands.build import build as run_build
            run_build(COURSE_DIR, out)
            code = 0
        finally:
            os._exit(code)
    return pid


def test_sigkill_at_30_random_points_then_rebuild(changed, tmp_path):
    project, _ = changed
    reference = tmp_path / "reference"
    code, text = build(reference)  # the changed course, built without interruption
    assert code == 0, text
    new_deck = (reference / "c" / "day-1.pptx").read_bytes()
    old_deck = project.baseline["c/day-1.pptx"]
    assert new_deck != old_deck

    timing = project.fresh_out()
    started = time.perf_counter()
    pid = _forked_build(timing)
    assert os.waitpid(pid, 0)[1] == 0
    whole = time.perf_counter() - started
    rng = random.Random(18)
    outcomes = {"old": 0, "new": 0}
    for _ in range(30):
        out = project.fresh_out()
        pid = _forked_build(out)
        time.sleep(rng.uniform(0, whole * 1.1))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        deck = (out / "c" / "day-1.pptx").read_bytes()
        assert deck in (old_deck, new_deck), "a killed build left a half-written deck"
        outcomes["old" if deck == old_deck else "new"] += 1
        record = json.loads((out / "c" / ".deckgen-manifest.json").read_text(encoding="utf-8"))["decks"]["day-1"]
        # the manifest describes the deck on disk, or (killed between the two renames) the deck it replaces
        assert hashlib.sha256(deck).hexdigest() in (record["sha256"], record.get("replaces")), \
            "the manifest and the deck disagree after a kill"
        code, text = build(out)
        assert code == 0, text
        after = snapshot(out)
        assert after["c/day-1.pptx"] == new_deck
        assert sorted(after) == sorted(project.baseline), sorted(after)  # stale temp files cleaned up
        assert all(len(v) < MAX_DECK_BYTES for v in after.values())
    assert outcomes["old"] > 0  # some kills landed before the rename (the spread of points is real)


@pytest.mark.parametrize("command", ["check", "build", "plan", "guide", "handout"])
def test_a_course_path_the_file_system_cannot_take(changed, command):
    code, text = invoke(command, "c" * 300)
    assert code in (1, 2) and ("error: " in text or "Error: " in text), text
