"""`deckgen check`: every problem in one or more courses, compiler style or as JSON; writes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import click

from . import main, theme_options


@main.command()
@click.argument("courses", nargs=-1, type=click.Path(path_type=Path), metavar="[COURSE]...")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: file:line:col: severity: message lines; json: one JSON document for editors and CI.")
@click.option("--a11y", is_flag=True, help="Also report accessibility problems: pictures and tables without alt "
              "text, text below WCAG AA contrast, slides sharing a title.")
@theme_options("Check with this theme instead of the course's.", "Override one theme value, as build --set does (repeatable).")
def check(courses, strict, fmt, a11y, theme_name, overrides):
    """Check COURSE folders (default: every folder under ./decks with a course.yaml) without writing.

    Loads, validates and plans each course exactly as `build` does and reports every problem at
    once. Exit status: 0 no problems (warnings allowed unless --strict), 1 problems found,
    2 usage error (e.g. a COURSE that does not exist).
    """
    from ..commands.check import UsageProblem, check as run_check
    try:
        result = run_check(list(courses), strict=strict, theme_name=theme_name, overrides=overrides, a11y=a11y)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for d in result.diagnostics:
            click.echo(str(d))
        click.echo(summary(result))
    if not result.ok:
        raise SystemExit(1)


def summary(result) -> str:
    courses = len(result.courses)
    files = len(result.files)
    checked = f"checked {courses} course{'s' if courses != 1 else ''} ({files} file{'s' if files != 1 else ''})"
    if not result.diagnostics:
        return f"{checked}: no problems"
    e, w = result.errors, result.warnings
    counts = f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
    if result.strict and w and not e:
        counts += " (--strict: warnings fail the check)"
    return f"{checked}: {counts}"
