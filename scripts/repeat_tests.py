"""Run the test suite (or some of it) many times in a row under a parallel CPU load, to find flaky tests.

Usage:
    python scripts/repeat_tests.py --runs 20                       # the whole suite, 20 times
    python scripts/repeat_tests.py --runs 20 tests/test_watch.py   # some files only
    python scripts/repeat_tests.py --runs 5 --load 4               # four busy processes beside the tests
    python scripts/repeat_tests.py --runs 20 --load 1 --workers 2  # the suite on two pytest-xdist workers

The load is `--load` processes spinning on the CPU (default: one per core) for as long as the runs last,
so timing-dependent tests meet a machine busier than they were written on. `--workers N` runs each pass on N
pytest-xdist workers, which both shortens a pass and adds the tests' own parallel load. Each run's outcome and time
is printed as it ends, then a summary; the exit status is 1 if any run failed, and the failing tests
are listed with the run they failed in.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import time


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load", type=int, default=os.cpu_count() or 1, help="busy processes beside the tests")
    parser.add_argument("--workers", type=int, default=0, help="pytest-xdist workers per run (0: one process)")
    parser.add_argument("tests", nargs="*", help="test files or node ids (default: the whole suite)")
    args = parser.parse_args(argv)

    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True) for _ in range(args.load)]
    for b in burners:
        b.start()
    workers = ["-n", str(args.workers)] if args.workers else []
    failures: list[tuple[int, str]] = []
    times = []
    try:
        for run in range(1, args.runs + 1):
            start = time.monotonic()
            proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *workers,
                                   *args.tests],
                                  capture_output=True, text=True)
            took = time.monotonic() - start
            times.append(took)
            summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
            print(f"run {run:2d}/{args.runs}: {'ok    ' if proc.returncode == 0 else 'FAILED'} {took:6.1f} s  {summary}",
                  flush=True)
            if proc.returncode != 0:
                # the failure's own report (assertion and captured output) as pytest printed it
                report = proc.stdout[proc.stdout.find("= FAILURES ="):] if "= FAILURES =" in proc.stdout \
                    else proc.stdout + proc.stderr
                print("\n".join("    " + line for line in report.strip().splitlines()[-60:]), flush=True)
                failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", proc.stdout, re.M) or [summary]
                failures += [(run, name) for name in failed]
    finally:
        stop.set()
        for b in burners:
            b.join(timeout=5)
    print(f"\n{args.runs - len({r for r, _ in failures})} of {args.runs} runs passed under a load of "
          f"{args.load} busy process{'es' if args.load != 1 else ''}"
          f"{f' and {args.workers} test workers' if args.workers else ''}; "
          f"{min(times):.0f}–{max(times):.0f} s per run")
    for run, name in failures:
        print(f"  run {run}: {name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
