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
import resource
import signal
import subprocess
import sys
import time

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


def test_output_folder_is_a_file(changed):
    project, out = changed
    blocker = project.root / "not-a-folder"
    blocker.write_text("keep me\n")
    code, text = build(blocker)
    assert code == 1 and "error: " in text and "Traceback" not in text, text
    assert blocker.read_text() == "keep me\n"


def test_course_output_folder_is_a_file(changed):
    project, out = changed
    import shutil
    shutil.rmtree(out / "c")
    (out / "c").write_text("keep me\n")
    code, text = build(out)
    assert code == 1 and "error: " in text, text
    assert (out / "c").read_text() == "keep me\n"


def test_a_deck_path_that_is_a_folder(changed):
    project, out = changed
    deck = out / "c" / "day-1.pptx"
    deck.unlink()
    deck.mkdir()
    (deck / "inside.txt").write_text("keep me\n")
    code, text = build(out)
    assert code == 1 and "day-1.pptx" in text and "error: " in text, text
    assert (deck / "inside.txt").read_text() == "keep me\n"


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


def test_file_size_limit_in_a_real_process(changed):
    """RLIMIT_FSIZE below a deck's size (and SIGXFSZ ignored, so the write fails with EFBIG as on a
    small disk): the build reports it at the deck and the previous output stays."""
    project, out = changed

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    env = {**os.environ, "PYTHONPATH": str(DECKGEN_PATH)}
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([sys.executable, "-m", "deckgen", "build", COURSE_DIR, "-o", str(out)],
                          cwd=project.root, env=env, capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert_failed_cleanly(project, out, proc.returncode, proc.stderr, "File too large")


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


@pytest.mark.parametrize("out", ["o" * 300, "/".join(["d" * 250] * 20)], ids=["name-too-long", "path-too-long"])
def test_an_output_path_the_file_system_cannot_take(changed, out):
    project, previous = changed
    code, text = build(out)
    assert code == 1 and "error: " in text, text
    assert snapshot(previous) == project.baseline
    assert not any(p.name.startswith(("o" * 20, "d" * 20)) for p in project.root.iterdir())


@pytest.mark.parametrize("command", ["check", "build", "plan", "guide", "handout"])
def test_a_course_path_the_file_system_cannot_take(changed, command):
    code, text = invoke(command, "c" * 300)
    assert code in (1, 2) and ("error: " in text or "Error: " in text), text
