"""The `deckgen` console command: a no-change `deckgen build` answered from the manifest alone.

A rerun with nothing changed is the most common build of all (edit, rebuild, edit…), so it should cost
little more than starting Python. Before importing click, YAML or python-pptx, `main` reads the course's
build manifest and checks every input and output by its stat (and, when a stat changed, its hash); if
every deck is up to date and untouched it prints what the full build would print and exits. Anything
else (a changed file, an option this parser does not know, `--force`, `--help`, no manifest) goes to the
click CLI, which decides deck by deck. Only the standard library is imported on the fast path.
"""
from __future__ import annotations

import os
import sys
import time

_STARTED = time.perf_counter()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def up_to_date_line(path: str, slides: int) -> str:
    return f"up to date: {path}  ({plural(slides, 'slide')})"


def summary_line(written: int, up_to_date: int, seconds: float) -> str:
    if not written:
        return f"nothing to build: {plural(up_to_date, 'deck')} up to date ({seconds:.2f} s)"
    tail = f" ({up_to_date} up to date)" if up_to_date else ""
    return f"built {plural(written, 'deck')} in {seconds:.2f} s{tail}"


def parse_build_args(args: list[str]) -> dict | None:
    """The options of `deckgen build …` when they are all ones the fast path can answer, else None.

    Mirrors the options of deckgen.cli.build (a test keeps the two in step); `--force`, `--help` and
    anything unknown return None so that click handles them.
    """
    out = {"course": None, "out": "out", "theme": None, "overrides": [], "per_module": False, "variant": None}
    takes_value = {"-o": "out", "--out": "out", "--theme": "theme", "--set": "overrides", "--variant": "variant"}
    i, positional_only = 0, False
    while i < len(args):
        arg = args[i]
        if positional_only or not arg.startswith("-") or arg == "-":
            if out["course"] is not None:
                return None
            out["course"] = arg
        elif arg == "--":
            positional_only = True
        elif arg == "--per-module":
            out["per_module"] = True
        else:
            name, eq, value = arg.partition("=")
            if not eq and arg.startswith("-o") and len(arg) > 2 and not arg.startswith("--"):
                name, value, eq = "-o", arg[2:], "="
            key = takes_value.get(name)
            if key is None:
                return None
            if not eq:
                i += 1
                if i >= len(args):
                    return None
                value = args[i]
            if key == "overrides":
                out["overrides"].append(value)
            else:
                out[key] = value
        i += 1
    return out if out["course"] is not None else None


def fast_build(args: list[str]) -> int | None:
    """0 after reporting every deck up to date; None when the full build has to run."""
    opts = parse_build_args(args)
    if opts is None:
        return None
    from . import manifest
    course = opts["course"]
    slug = manifest.course_slug(course)
    folder = os.path.join(slug, opts["variant"]) if opts["variant"] else slug  # a variant's own folder
    path = manifest.manifest_path(opts["out"], folder)
    data = manifest.load(path)
    if data is None:
        return None
    options = manifest.options_record(theme_name=opts["theme"], overrides=opts["overrides"],
                                      per_module=opts["per_module"])
    answer = manifest.up_to_date(data, course, opts["out"], options)
    if answer is None:
        return None
    wanted, refreshed = answer
    if refreshed:
        try:
            manifest.save(path, data)
        except OSError:
            pass  # only a cache of file stats: next time the files are hashed again
    for warning in data.get("warnings") or ():
        print(warning, file=sys.stderr)
    target = os.path.join(opts["out"], folder)
    for name in wanted:
        record = data["decks"][name]
        print(up_to_date_line(manifest.display_path(os.path.join(target, record["file"])), record["slides"]))
    print(summary_line(0, len(wanted), time.perf_counter() - _STARTED))
    return 0


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["build"]:
        code = fast_build(args[1:])
        if code is not None:
            sys.stdout.flush()
            raise SystemExit(code)
    from .cli import main as cli
    cli.main(args=args, prog_name="deckgen")


if __name__ == "__main__":
    main()
