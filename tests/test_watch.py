"""`deckgen watch`: real file changes in a temporary course folder rebuild the affected decks."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from conftest import DECKGEN_PATH  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from synth import make_small_course  # noqa: E402

from deckgen.commands.watch import watch  # noqa: E402

TIMEOUT = 20.0  # seconds; every wait below is bounded by it


class Lines:
    """What the watcher prints, collected from its thread, with bounded waits for a line to appear."""

    def __init__(self):
        self.lines: list[str] = []
        self.cond = threading.Condition()

    def echo(self, text: str, err: bool = False) -> None:
        with self.cond:
            self.lines.extend(text.splitlines())
            self.cond.notify_all()

    def wait_for(self, predicate, start: int = 0) -> int:
        """Index just past the first line from `start` on that satisfies `predicate`."""
        deadline = time.monotonic() + TIMEOUT
        with self.cond:
            while True:
                for i in range(start, len(self.lines)):
                    if predicate(self.lines[i]):
                        return i + 1
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out; the watcher printed:\n" + "\n".join(self.lines))
                self.cond.wait(left)


# no SOURCE_DATE_EPOCH, and the temporary folder as working directory (conftest.isolated)
pytestmark = pytest.mark.usefixtures("isolated")


@pytest.fixture
def watching(tmp_path):
    """A watcher running in a thread on a fresh course: (course folder, out folder, printed lines)."""
    course = make_small_course(tmp_path / "decks" / "sell")
    out = tmp_path / "out"
    lines, stop, errors = Lines(), threading.Event(), []

    def run():
        try:
            watch(course, out, echo=lines.echo, stop_event=stop, debounce_ms=300, step_ms=50)
        except BaseException as exc:  # pragma: no cover - reported by the test below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield course, out, lines
    finally:
        stop.set()
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "the watcher did not stop when asked"
        assert errors == []


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_saving_a_module_rebuilds_only_its_day_and_an_error_does_not_stop_watching(watching):
    course, out, lines = watching
    at = lines.wait_for(lambda s: s.startswith("watching "))
    assert sum("] wrote " in s for s in lines.lines[:at]) == 2
    day1, day2 = out / "sell" / "day-1.pptx", out / "sell" / "day-2.pptx"
    day2_before = day2.stat().st_mtime_ns

    rewrite(course / "01-module.yaml", "Second point of module 1", "Second point, as said in the room")
    at = lines.wait_for(lambda s: "01-module.yaml changed: rebuilt" in s and "day-1.pptx" in s, at)
    assert b"as said in the room" in b"".join(zipfile.ZipFile(day1).read(n) for n in zipfile.ZipFile(day1).namelist()
                                               if n.startswith("ppt/slides/slide"))
    assert not any("rebuilt" in s and "day-2.pptx" in s for s in lines.lines)
    assert day2.stat().st_mtime_ns == day2_before

    (course / "02-module.yaml").write_text("number: 2\ntitle: [unclosed\n", encoding="utf-8")
    at = lines.wait_for(lambda s: "02-module.yaml changed: build failed" in s, at)
    assert any("02-module.yaml:" in s and "error:" in s for s in lines.lines)

    make_small_course(course.parent / "fresh")  # a good module 2 again, with one point reworded
    good = (course.parent / "fresh" / "02-module.yaml").read_text("utf-8")
    (course / "02-module.yaml").write_text(good.replace("Third point", "Third point, fixed"), encoding="utf-8")
    at = lines.wait_for(lambda s: "02-module.yaml changed: " in s and "day-1.pptx" in s, at)
    assert "rebuilt" in lines.lines[at - 1]


def test_a_theme_change_rebuilds_every_deck(tmp_path):
    course = make_small_course(tmp_path / "decks" / "sell")
    theme = tmp_path / "themes" / "plain"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text('palette:\n  primary: "#112233"\n', encoding="utf-8")
    rewrite(course / "course.yaml", "language: en", "language: en\ntheme: plain")
    lines, stop = Lines(), threading.Event()
    thread = threading.Thread(target=watch, args=(course, tmp_path / "out"),
                              kwargs=dict(echo=lines.echo, stop_event=stop, debounce_ms=300, step_ms=50),
                              daemon=True)
    thread.start()
    try:
        at = lines.wait_for(lambda s: s.startswith("watching "))
        assert str(theme) in lines.lines[at - 1] or "themes/plain" in lines.lines[at - 1]
        (theme / "theme.yaml").write_text('palette:\n  primary: "#445566"\n', encoding="utf-8")
        at = lines.wait_for(lambda s: "theme.yaml changed: rebuilt" in s and "day-2.pptx" in s, at)
        assert sum("theme.yaml changed: rebuilt" in s for s in lines.lines) == 2
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert not thread.is_alive()


def test_ctrl_c_stops_the_command_cleanly(tmp_path):
    course = make_small_course(tmp_path / "decks" / "sell")
    env = {**os.environ, "PYTHONPATH": str(DECKGEN_PATH)}
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.Popen([sys.executable, "-m", "deckgen", "watch", str(course), "-o", str(tmp_path / "out")],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [seen.put(line) for line in proc.stdout], daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            line = seen.get(timeout=max(deadline - time.monotonic(), 0.01))
            if line.startswith("watching "):
                break
        # Ready: "watching" is printed inside the command's Ctrl-C handler, so an interrupt from here on,
        # whether it lands before, in or after watchfiles' wait, ends the command the same way.
        proc.send_signal(signal.SIGINT)
        proc.wait(TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(TIMEOUT)  # every line the command printed is in `seen` once the reader has seen EOF
    assert not reader.is_alive()
    stderr = proc.stderr.read()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    rest = []
    while not seen.empty():
        rest.append(seen.get())
    assert "stopped watching\n" in rest


main_thread_only = pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                                      reason="signal handlers belong to the main thread")


class _InterruptedWhileFinalised:
    """An object whose finaliser is where Ctrl-C lands (the garbage collector runs finalisers anywhere)."""

    def __del__(self):
        signal.raise_signal(signal.SIGINT)


@main_thread_only
def test_python_loses_a_keyboard_interrupt_raised_in_a_finaliser(monkeypatch):
    # Why the watch does not rely on KeyboardInterrupt: this is what left `deckgen watch` running after Ctrl-C
    # (seen once under load in tests/test_watch.py::test_ctrl_c_stops_the_command_cleanly).
    lost = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: lost.append(u.exc_type))
    # Python's own Ctrl-C (not in effect when the suite was started with SIGINT ignored, as a background job)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _InterruptedWhileFinalised()  # no KeyboardInterrupt reaches this line
    finally:
        signal.signal(signal.SIGINT, previous)
    assert lost == [KeyboardInterrupt]


@main_thread_only
def test_ctrl_c_in_a_finaliser_still_stops_the_watch_and_a_second_one_interrupts():
    from deckgen.cli.watch import stop_on_interrupt
    before = signal.getsignal(signal.SIGINT)
    stop = threading.Event()
    with stop_on_interrupt(stop):
        _InterruptedWhileFinalised()
        assert stop.is_set()  # the first Ctrl-C is kept, wherever it landed
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)  # the second stops at once
    assert signal.getsignal(signal.SIGINT) is before


@main_thread_only
def test_ctrl_c_during_the_first_build_stops_after_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from deckgen.cli import main
    from deckgen.commands import build as build_module
    course = make_small_course(tmp_path / "decks" / "sell")
    real_build = build_module.build

    def build_then_ctrl_c(*args, **kwargs):
        result = real_build(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # as if pressed during the build's last moments
        return result
    monkeypatch.setattr(build_module, "build", build_then_ctrl_c)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(main, ["watch", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and result.output.rstrip().endswith("stopped watching")
    assert "watching " not in result.output  # the watch never started: the Ctrl-C was not lost
    assert (tmp_path / "out" / "sell" / "day-1.pptx").is_file()
