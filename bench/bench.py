"""deckgen benchmarks: median wall time and peak memory (max RSS) of whole processes, several runs each.

    python bench/bench.py                       # everything, 5 runs (3 for the 1,000-slide lines)
    python bench/bench.py --only a,b,c --runs 9
    python bench/bench.py --src /tmp/old/src    # another deckgen (e.g. `git archive` of an older commit)
    python bench/bench.py --markdown            # the table for docs/performance.md

Lines:
  a  the sample course built cold (fresh output folder)
  b  a no-change rerun (`python -m deckgen build …`, the whole process)
  c  a rebuild after editing one module (a point's text changes in a copy of the course)
  d  a synthetic 1,000-slide course with notes, built cold
  e  the same 1,000 slides through a plain python-pptx script (bench/plain_pptx.py)
  f  the same content through pandoc, when installed
  s  render-stage times of the synthetic course at 500, 1,000 and 2,000 slides (flat cost per slide)

Every timing is a separate process (so imports count, as they do for a user); memory is the child's
peak resident set size from wait4(2).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synth import make_course  # noqa: E402


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    cpu: float  # user + system seconds of the child
    stdout: str
    stderr: str
    code: int


def run(cmd: list[str], *, env: dict, cwd: Path | None = None) -> Run:
    """One process: wall time from spawn to exit, and its peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), proc.returncode)


@dataclass
class Line:
    key: str
    what: str
    runs: list[Run]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        return min(r.seconds for r in self.runs), max(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        return max(r.max_rss_kb for r in self.runs) / 1024


class Bench:
    def __init__(self, args):
        self.args = args
        self.python = sys.executable
        self.src = Path(args.src).resolve()
        self.env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        self.env["PYTHONPATH"] = str(self.src)
        self.work = Path(tempfile.mkdtemp(prefix="deckgen-bench-"))
        if args.bytecode_cache:
            # As in an installed package, deckgen's modules are compiled once, not on every run (kept in the
            # work folder, not next to the sources). Without it every run compiles ~50 modules first.
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.env["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")
        else:
            self.env["PYTHONDONTWRITEBYTECODE"] = "1"
        self.lines: list[Line] = []

    def deckgen(self, *args: str, cwd: Path | None = None) -> Run:
        r = run([self.python, "-m", "deckgen", *args], env=self.env, cwd=cwd or self.work)
        if r.code != 0:
            raise RuntimeError(f"deckgen {' '.join(args)} failed ({r.code}):\n{r.stderr[-3000:]}")
        return r

    def repeat(self, n: int, fn) -> list[Run]:
        return [fn(i) for i in range(n)]

    def add(self, key: str, what: str, runs: list[Run], note: str = "") -> None:
        line = Line(key, what, runs, note)
        self.lines.append(line)
        lo, hi = line.spread
        print(f"{key}  {what:<58} median {line.median:6.3f} s  (min {lo:.3f}, max {hi:.3f}; cpu {line.cpu:.3f} s; "
              f"{len(runs)} runs)  peak {line.max_rss_mb:5.1f} MB  {note}", flush=True)

    def warm_up(self) -> None:
        """One untimed build, so compiled modules are cached and the file system is warm."""
        course = self.sample_course()
        try:
            self.deckgen("build", str(course), "-o", "warm-up")
        except RuntimeError as exc:
            print(f"warm-up build failed: {exc}", flush=True)

    # --- the lines --------------------------------------------------------------------------------

    def sample_course(self) -> Path:
        course = self.work / "decks" / Path(self.args.sample).name
        if not course.exists():
            shutil.copytree(self.args.sample, course)
        return course

    def line_a(self) -> None:
        course = self.sample_course()
        runs = self.repeat(self.args.runs, lambda i: self.deckgen("build", str(course), "-o", f"cold-{i}"))
        self.add("a", f"sample course cold build ({_decks(runs[0])})", runs)

    def line_b(self) -> None:
        course = self.sample_course()
        self.deckgen("build", str(course), "-o", "warm")
        runs = self.repeat(self.args.runs * 2, lambda i: self.deckgen("build", str(course), "-o", "warm"))
        note = "" if all("nothing to build" in r.stdout for r in runs) else f"(not incremental: {_decks(runs[0])} written)"
        self.add("b", "no-change rerun (python -m deckgen build, whole process)", runs, note)
        base = self.repeat(self.args.runs * 2, lambda i: run([self.python, "-c", "pass"], env=self.env))
        self.add("b0", "  for scale: python -c pass (interpreter start)", base)
        bare = self.repeat(self.args.runs * 2, lambda i: run([self.python, "-S", "-c", "pass"], env=self.env))
        self.add("b1", "  for scale: python -S -c pass (no site-packages .pth files)", bare)

    def line_c(self) -> None:
        course = self.work / "edit" / Path(self.args.sample).name
        if course.exists():
            shutil.rmtree(course)
        shutil.copytree(self.args.sample, course)
        self.deckgen("build", str(course), "-o", "edit-out")
        module = sorted(p for p in course.glob("*.y*ml") if p.name != "course.yaml")[0]
        original = module.read_text(encoding="utf-8")
        key = next(line.split(":", 1)[1].strip() for line in original.splitlines()
                   if line.strip().startswith("title:"))

        def once(i: int) -> Run:
            module.write_text(original.replace(key, f"{key} v{i}", 1), encoding="utf-8")
            return self.deckgen("build", str(course), "-o", "edit-out")
        runs = self.repeat(self.args.runs, once)
        written = {line.split()[1].rsplit("/", 1)[-1] for r in runs for line in r.stdout.splitlines()
                   if line.startswith("wrote ")}
        self.add("c", f"rebuild after editing {module.name}", runs, f"(written: {', '.join(sorted(written))})")

    def synthetic(self, slides: int) -> Path:
        course = self.work / "synthetic" / f"syn{slides}"
        if not (course / "course.yaml").exists():
            make_course(course, slides)
        return course

    def line_d(self) -> None:
        course = self.synthetic(self.args.slides)
        runs = self.repeat(self.args.big_runs, lambda i: self.deckgen("build", str(course), "-o", f"syn-{i}"))
        self.add("d", f"synthetic {self.args.slides}-slide course with notes, cold ({_decks(runs[0])})", runs)

    def line_e(self) -> None:
        course = self.synthetic(self.args.slides)
        runs = self.repeat(self.args.big_runs, lambda i: run(
            [self.python, str(HERE / "plain_pptx.py"), str(course), str(self.work / f"plain-{i}.pptx")],
            env=self.env))
        assert all(r.code == 0 for r in runs), runs[0].stderr[-2000:]
        self.add("e", f"the same {self.args.slides} slides, plain python-pptx script", runs)

    def line_f(self) -> None:
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("f  pandoc is not installed: skipped (apt-get install pandoc to compare)", flush=True)
            return
        course = self.synthetic(self.args.slides)
        md = self.work / "synthetic.md"
        md.write_text(_markdown(course), encoding="utf-8")
        runs = self.repeat(self.args.big_runs, lambda i: run(
            [pandoc, str(md), "-o", str(self.work / f"pandoc-{i}.pptx")], env=self.env))
        assert all(r.code == 0 for r in runs), runs[0].stderr[-2000:]
        self.add("f", f"the same {self.args.slides} slides through pandoc", runs)

    def line_s(self) -> None:
        """Render-stage seconds per deck size, in a child process (planning excluded)."""
        for n in (500, 1000, 2000):
            course = self.synthetic(n)
            runs = self.repeat(3, lambda i: run([self.python, __file__, "--stage-child", str(course)], env=self.env))
            stages = [json.loads(r.stdout) for r in runs]
            for r, s in zip(runs, stages):
                r.seconds = r.cpu = s["render"]
            plan = statistics.median(s["plan"] for s in stages)
            self.add("s", f"render stage only, {n} slides with notes", runs,
                     note=f"(planning: {plan:.2f} s; {1000 * statistics.median(s['render'] for s in stages) / n:.2f} "
                          f"ms/slide)")

    # --- report ------------------------------------------------------------------------------------

    def machine(self) -> str:
        model = "unknown CPU"
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        return (f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}; "
                f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
                f"{platform.release()}")

    def markdown(self) -> str:
        rows = ["| line | what | median wall | min–max | median CPU | peak RSS |", "|---|---|---:|---:|---:|---:|"]
        for line in self.lines:
            lo, hi = line.spread
            rows.append(f"| {line.key} | {line.what} {line.note} | {line.median:.3f} s | {lo:.3f}–{hi:.3f} s | "
                        f"{line.cpu:.3f} s | {line.max_rss_mb:.0f} MB |")
        return "\n".join(rows)


def _decks(r: Run) -> str:
    n = sum(1 for line in r.stdout.splitlines() if line.startswith("wrote "))
    return f"{n} deck{'s' if n != 1 else ''}"


def _markdown(course: Path) -> str:
    from plain_pptx import slides_of
    out = []
    for title, points, notes in slides_of(course):
        out.append(f"## {title}\n")
        out.extend(f"- {p}" for p in points)
        if notes:
            out.append("\n::: notes\n" + notes.strip() + "\n:::")
        out.append("")
    return "\n".join(out)


def stage_child(course: str) -> None:
    """Plan, then render every deck in memory; print the seconds of each stage as JSON."""
    t0 = time.perf_counter()
    from deckgen.commands.build import plan
    planned = plan(Path(course))
    t1 = time.perf_counter()
    from deckgen.render import render_deck
    import pptx  # noqa: F401  (import time is not rendering time)
    t2 = time.perf_counter()
    for deck in planned.plan.decks:
        render_deck(deck, planned.theme)
    t3 = time.perf_counter()
    print(json.dumps({"plan": t1 - t0, "import": t2 - t1, "render": t3 - t2}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=str(ROOT / "src"), help="folder holding the deckgen package to measure")
    ap.add_argument("--sample", default=str(ROOT / "decks" / "b2b-sales-management"), help="the sample course")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big-runs", type=int, default=3, help="runs of the 1,000-slide lines")
    ap.add_argument("--slides", type=int, default=1000)
    ap.add_argument("--only", default="a,b,c,d,e,f,s")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--no-bytecode-cache", dest="bytecode_cache", action="store_false",
                    help="compile deckgen's modules on every run (PYTHONDONTWRITEBYTECODE=1)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--stage-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage_child:
        stage_child(args.stage_child)
        return
    bench = Bench(args)
    print(bench.machine())
    print(f"deckgen from {bench.src}; sample {args.sample}; work folder {bench.work}; bytecode cache "
          f"{'on' if args.bytecode_cache else 'off'}", flush=True)
    try:
        bench.warm_up()
        for key in args.only.split(","):
            try:
                getattr(bench, f"line_{key.strip()}")()
            except (RuntimeError, AssertionError) as exc:
                print(f"{key}  failed: {exc}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(bench.work, ignore_errors=True)
    if args.markdown:
        print()
        print(bench.markdown())


if __name__ == "__main__":
    main()
