"""The attack corpus' resource budget: wall time and peak memory of `deckgen check` and `deckgen build` on
every hostile or careless input, each a whole `python -m deckgen` process.

    python bench/attack.py                      # every case; a table, then a summary by class
    python bench/attack.py --only bomb,xxe      # the cases whose name holds any of these words
    python bench/attack.py --markdown           # also the summary table used in docs/performance.md

The inputs are the test corpus itself (tests/attack.py, tests/test_attack.py, tests/test_attack_fs.py),
imported, not copied: a case added there is measured here. Each case is judged by the tests' own rules
(a located error from both commands, or a correct build; no traceback; a failed build leaves the previous
decks byte-identical) and held to the budget of issue #18: under 2 s and 200 MB per process. Peak memory
is the child's max RSS from wait4(2); a process still running after `--timeout` seconds is killed and
counted as a hang. A case over budget is run again (`--retries`) and its fastest run kept, so a moment of
load on a shared machine is not mistaken for a slow input.

The baseline lines (`deckgen --version`; `check` and a cold `build` of the valid project) are what any
process importing deckgen, python-pptx, lxml and Pillow costs: read the cases against them.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import attack  # noqa: E402  (tests/attack.py: the corpus' project and its rules)
import test_attack  # noqa: E402
import test_attack_fs  # noqa: E402

BUDGET_SECONDS = 2.0
# deckgen is started by this small launcher, not by the benchmark itself: Linux counts a child's memory
# from before its exec in its max RSS, so a child forked from this (large) process would report this
# process' size. The launcher is smaller than any Python process importing deckgen, so it adds nothing.
LAUNCHER = """
import os, sys, time
report, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawn(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as f:
    f.write(f"{time.perf_counter() - started} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} "
            f"{os.waitstatus_to_exitcode(status)}")
"""
BUDGET_MB = 200.0
BASE_FOR = {"check": "check of the valid project", "build": "cold build of the valid project",
            "import": "import of a valid outline"}
CLASSES = ("outlines", "themes", "templates", "pictures", "import files", "file system")


@dataclass
class Run:
    command: str
    seconds: float  # wall time
    cpu: float  # user + system time of the child
    mb: float  # peak RSS of the child
    code: int | None  # None: killed after the timeout
    text: str  # stdout and stderr
    over: bool = False  # over budget, beyond what the same command costs on the valid project (see Bench.judge_run)
    over_absolute: bool = False  # over 2 s or 200 MB in all


@dataclass
class Result:
    klass: str
    name: str
    runs: list[Run] = field(default_factory=list)
    problem: str | None = None  # a rule of the corpus broken (traceback, unlocated error, output changed…)

    @property
    def over(self) -> bool:
        return any(r.over for r in self.runs)

    @property
    def handled(self) -> bool:
        return self.problem is None and not any(r.code is None for r in self.runs)


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="deckgen-attack-"))
        self.env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        self.env["PYTHONPATH"] = str(ROOT / "src")
        # As in an installed package, deckgen's modules are compiled once, not on every run.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")
        self.results: list[Result] = []
        self.baseline: dict[str, Run] = {}

    # --- one process --------------------------------------------------------------------------------

    def run(self, command: str, args: list, cwd: Path, preexec: Callable[[], None] | None = None,
            reset: Callable[[], None] | None = None) -> Run:
        """`python -m deckgen ARGS` in `cwd`: wall time from spawn to exit and the child's peak RSS. `reset`
        puts back what a run changed (the out folder) before the run is tried again."""
        import subprocess
        best = None
        for attempt in range(1 + self.args.retries):
            if attempt and reset is not None:
                reset()
            with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as report:
                cmd = [sys.executable, "-S", "-c", LAUNCHER, report.name, sys.executable, "-m", "deckgen",
                       *map(str, args)]
                proc = subprocess.Popen(cmd, cwd=cwd, env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                        stderr=subprocess.STDOUT, preexec_fn=preexec, start_new_session=True)
                try:
                    proc.wait(self.args.timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)  # the launcher and deckgen: one process group
                    proc.wait()
                out.seek(0)
                text = out.read().decode("utf-8", "replace")
                measured = report.read().split()
            if len(measured) == 4:
                run = Run(command, float(measured[0]), float(measured[1]), int(measured[2]) / 1024,
                          int(measured[3]), text)
            else:
                run = Run(command, self.args.timeout, 0.0, 0.0, None, text)
            self.judge_run(run)
            if best is None or run.seconds < best.seconds:
                best = run
            if not run.over or run.code is None:
                break
        return best

    def judge_run(self, run: Run) -> None:
        """Over budget: killed as a hang, or more than 2 s (CPU or wall) or 200 MB beyond what the same command
        costs on the valid project (the interpreter and the imports are no attack's doing)."""
        base = self.baseline.get(BASE_FOR.get(run.command, ""))
        base_s, base_cpu, base_mb = (base.seconds, base.cpu, base.mb) if base else (0.0, 0.0, 0.0)
        run.over = run.code is None or run.seconds - base_s > BUDGET_SECONDS or run.cpu - base_cpu > BUDGET_SECONDS \
            or run.mb - base_mb > BUDGET_MB
        run.over_absolute = run.code is None or run.seconds > BUDGET_SECONDS or run.mb > BUDGET_MB

    # --- the baseline -------------------------------------------------------------------------------

    def measure_baseline(self, project) -> None:
        runs = 1 + max(2, self.args.retries)
        project.restore()
        cold = self.work / "baseline"
        importing = self.work / "import-baseline"
        importing.mkdir()
        (importing / "outline.txt").write_bytes(test_attack.EN)
        # untimed: deckgen's modules compiled once (as in an installed package), the file system warm
        self.run("warm-up", ["build", attack.COURSE_DIR, "-o", self.work / "warm-up"], project.root)
        self.run("warm-up", ["import", "outline.txt", "-o", "decks/warm-up"], importing)
        lines = [("deckgen --version", ["--version"], None, project.root),
                 ("import of a valid outline", ["import", "outline.txt", "-o", "decks/imp"], importing / "decks",
                  importing),
                 ("check of the valid project", ["check", attack.COURSE_DIR], None, project.root),
                 ("cold build of the valid project", ["build", attack.COURSE_DIR, "-o", cold], cold, project.root),
                 ("no-change rebuild of the valid project", ["build", attack.COURSE_DIR, "-o", cold], None,
                  project.root)]
        for what, args, fresh, cwd in lines:
            best = None
            for _ in range(runs):
                if fresh is not None and fresh.exists():
                    shutil.rmtree(fresh)
                r = self.run(what, args, cwd,
                             reset=(lambda: shutil.rmtree(fresh, ignore_errors=True)) if fresh else None)
                assert r.code == 0, r.text
                best = r if best is None or r.seconds < best.seconds else best
            self.baseline[what] = best
            print(f"baseline  {what:<40} {best.seconds:6.3f} s  cpu {best.cpu:6.3f} s  {best.mb:6.1f} MB", flush=True)

    # --- the cases ----------------------------------------------------------------------------------

    def wanted(self, name: str) -> bool:
        return not self.args.only or any(word in name for word in self.args.only)

    def project_case(self, project, klass: str, name: str, mutate, expect: str, says, args=()) -> None:
        """Check and build as tests/attack.py's run_case does, each in its own process."""
        result = Result(klass, name)
        project.restore()
        out = project.fresh_out()
        cwd = os.getcwd()
        os.chdir(project.root)
        try:
            extra = mutate(project) if mutate is not None else None
        finally:
            os.chdir(cwd)
        all_args = [*args, *(extra if isinstance(extra, list) else ())]
        check = self.run("check", ["check", attack.COURSE_DIR, *all_args], project.root)
        build = self.run("build", ["build", attack.COURSE_DIR, "-o", out, *all_args], project.root,
                         reset=lambda: refill(out, project.baseline))
        result.runs += [check, build]
        result.problem = self.judge(lambda: attack.judge(project, attack.Outcome(
            check.code, check.text, build.code, build.text, out), expect, says), [check, build])
        self.add(result)

    def import_case(self, name: str, data: bytes, expect: str) -> None:
        """`deckgen import` of the file, then check and build of what it wrote (as test_import_file does)."""
        result = Result("import files", name)
        folder = self.work / "import" / name
        folder.mkdir(parents=True)
        (folder / "outline.txt").write_bytes(data)
        imported = self.run("import", ["import", "outline.txt", "-o", "decks/imp"], folder,
                            reset=lambda: shutil.rmtree(folder / "decks", ignore_errors=True))
        result.runs.append(imported)

        def rules():
            assert imported.code in (0, 1), imported.text
            assert imported.code == {"error": 1, "ok": 0}.get(expect, imported.code), imported.text
            if imported.code == 1:
                assert not (folder / "decks").exists()
                assert "outline.txt" in imported.text and "error: " in imported.text, imported.text
                return
            check = self.run("check", ["check", "decks/imp"], folder)
            build = self.run("build", ["build", "decks/imp", "-o", "out"], folder,
                             reset=lambda: shutil.rmtree(folder / "out", ignore_errors=True))
            result.runs += [check, build]
            assert (check.code == 0) == (build.code == 0), check.text + build.text
            if expect == "ok":
                assert check.code == 0, check.text
        result.problem = self.judge(rules, lambda: result.runs)
        self.add(result)

    def fs_case(self, project, state) -> None:
        result = Result("file system", state.name)
        project.restore()
        attack.replace_in(project, test_attack_fs.M1, "title: Why a plan", "title: Why a plan, revised")
        out = project.fresh_out()
        args = state.prepare(project, out)
        before = test_attack_fs.outputs(project)
        preexec = test_attack_fs.limit_file_size(state.file_size_limit) if state.file_size_limit else None
        build = self.run("build", ["build", *args], project.root, preexec)
        result.runs.append(build)

        def rules():
            assert build.code == 1 and "error: " in build.text, build.text
            if state.says:
                assert state.says in build.text, build.text
            assert test_attack_fs.outputs(project) == before, "a failed build changed what was on disk"
        result.problem = self.judge(rules, [build])
        self.add(result)

    @staticmethod
    def judge(rules: Callable[[], None], runs) -> str | None:
        try:
            rules()
        except AssertionError as exc:
            return (str(exc).strip().splitlines() or ["a rule failed"])[0][:160]
        for r in (runs() if callable(runs) else runs):
            if "Traceback" in r.text:
                return f"{r.command}: a traceback"
            if r.code is None:
                return f"{r.command}: still running after the timeout (killed)"
        return None

    def add(self, result: Result) -> None:
        self.results.append(result)
        for r in result.runs:
            print(f"{result.klass:<12}  {result.name:<38} {r.command:<6} {r.seconds:6.3f} s  cpu {r.cpu:6.3f} s  "
                  f"{r.mb:6.1f} MB  {outcome(r)}{'  OVER BUDGET' if r.over else ''}", flush=True)
        if result.problem:
            print(f"{'':<12}  {result.name:<38} NOT HANDLED: {result.problem}", flush=True)

    # --- all of it ----------------------------------------------------------------------------------

    def main(self) -> int:
        print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.system()} "
              f"{platform.release()}, {os.cpu_count()} CPUs; budget {BUDGET_SECONDS:g} s and {BUDGET_MB:g} MB "
              f"per process; work folder {self.work}", flush=True)
        project = attack.make_project(self.work / "project")
        self.measure_baseline(project)
        ta = test_attack
        for klass, cases in (("outlines", ta.OUTLINES), ("themes", ta.THEMES)):
            for name, mutate, expect, says in cases:
                if self.wanted(name):
                    self.project_case(project, klass, name, mutate, expect, says)
        for name, args, expect, says in ta.SET_CASES:
            if self.wanted(name):
                self.project_case(project, "themes", name, None, expect, says, args)
        for klass, cases in (("templates", ta.TEMPLATES), ("pictures", ta.PICTURES)):
            for name, mutate, expect, says in cases:
                if self.wanted(name):
                    self.project_case(project, klass, name, mutate, expect, says)
        for name, data, expect in ta.IMPORTS:
            if self.wanted(name):
                self.import_case(name, data, expect)
        fs_project = attack.make_project(self.work / "fs-project")
        for state in test_attack_fs.FS_STATES:
            if self.wanted(state.name):
                self.fs_case(fs_project, state)
        self.summary()
        if not self.args.keep:
            for p in self.work.rglob("*"):  # a case may have left a folder read-only
                if p.is_dir() and not p.is_symlink():
                    os.chmod(p, 0o755)
            shutil.rmtree(self.work, ignore_errors=True)
        return 0 if all(r.handled and not r.over for r in self.results) else 1

    def summary(self) -> None:
        print()
        rows = []
        for klass in CLASSES:
            mine = [r for r in self.results if r.klass == klass]
            if not mine:
                continue
            runs = [run for r in mine for run in r.runs]
            slowest = max(runs, key=lambda run: run.seconds)
            largest = max(runs, key=lambda run: run.mb)
            rows.append((klass, len(mine), sum(r.handled for r in mine), sum(r.over for r in mine),
                         sum(any(run.over_absolute for run in r.runs) for r in mine),
                         f"{slowest.seconds:.2f} s ({name_of(self.results, slowest)} {slowest.command})",
                         f"{largest.mb:.0f} MB ({name_of(self.results, largest)} {largest.command})"))
        header = ("class", "tried", "handled", "over budget", "over 2 s or 200 MB in all", "slowest process",
                  "largest process")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
        total = (len(self.results), sum(r.handled for r in self.results), sum(r.over for r in self.results),
                 sum(any(run.over_absolute for run in r.runs) for r in self.results))
        print(f"total: {total[0]} tried, {total[1]} handled, {total[2]} over budget (beyond the valid project's "
              f"cost), {total[3]} over {BUDGET_SECONDS:g} s or {BUDGET_MB:g} MB in all")
        for r in self.results:
            if r.over or not r.handled or any(run.over_absolute for run in r.runs):
                worst = max(r.runs, key=lambda run: run.seconds)
                print(f"  {r.klass} / {r.name}: {worst.command} {worst.seconds:.2f} s (cpu {worst.cpu:.2f} s), "
                      f"{max(run.mb for run in r.runs):.0f} MB; {r.problem or 'handled'}"
                      f"{'; OVER BUDGET' if r.over else ''}")
        if self.args.markdown:
            print()
            base = self.baseline
            print("| baseline | seconds | cpu seconds | peak MB |\n|---|---:|---:|---:|")
            for what, run in base.items():
                print(f"| {what} | {run.seconds:.2f} | {run.cpu:.2f} | {run.mb:.0f} |")
            print()
            print("| " + " | ".join(header) + " |")
            print("|---|---:|---:|---:|---:|---|---|")
            for row in rows:
                print("| " + " | ".join(str(v) for v in row) + " |")


def refill(out: Path, files: dict[str, bytes]) -> None:
    """The out folder holding exactly `files` again (the previous build a case starts from)."""
    shutil.rmtree(out, ignore_errors=True)
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def outcome(r: Run) -> str:
    if r.code is None:
        return "killed: still running after the timeout"
    if r.code == 0:
        return "ok"
    errors = [line for line in r.text.splitlines() if "error: " in line and not line.startswith(" ")]
    first = errors[0] if errors else (r.text.strip().splitlines() or ["(no output)"])[-1]
    return f"exit {r.code}: {first[:110]}"


def name_of(results: list[Result], run: Run) -> str:
    return next(r.name for r in results if any(x is run for x in r.runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=lambda s: [w for w in s.split(",") if w], default=[],
                        help="only the cases whose name holds one of these comma-separated words")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a process counts as a hang")
    parser.add_argument("--retries", type=int, default=2, help="runs more of a process over budget (fastest kept)")
    parser.add_argument("--markdown", action="store_true", help="also print the summary as Markdown tables")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return Bench(parser.parse_args()).main()


if __name__ == "__main__":
    sys.exit(main())
