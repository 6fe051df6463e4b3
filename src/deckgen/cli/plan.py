"""`deckgen plan`: the day-by-day timing plan as a table, or the whole slide plan as JSON."""
from __future__ import annotations

import json
from pathlib import Path

import click

from . import echo_warnings, main, theme_options


@main.command("plan")
@click.argument("course", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the whole slide plan as JSON: every deck and slide with its kind, title, source "
                   "file:line, minutes and clock time, and the schedule.")
@click.option("--per-module", is_flag=True, help="With --json: include the module decks too.")
@click.option("--variant", metavar="NAME", help="The timing plan of this variant (course.yaml `variants:`).")
@click.option("--by", "by", type=click.Choice(["facilitator"]),
              help="facilitator: each facilitator's teaching minutes per day, adding up to the day's teaching.")
@theme_options("With --json: plan with this theme.", "With --json: override one theme value (repeatable).")
def plan_command(course, as_json, per_module, variant, by, theme_name, overrides):
    """Show the timing plan of COURSE: clock times of every module, section and break, day by day."""
    from ..commands import plan_report
    if as_json:
        if by:
            raise click.UsageError("--by prints a table: use it without --json")
        data = plan_report.slide_plan(course, per_module=per_module, theme_name=theme_name,
                                      overrides=overrides, variant=variant)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if per_module or theme_name or overrides:
        raise click.UsageError("--per-module, --theme and --set only change the slide plan: use them with --json")
    report = plan_report.schedule_report(course, variant)
    echo_warnings(report.diagnostics)
    if by == "facilitator":
        click.echo(plan_report.format_by_facilitator(report), nl=False)
        return
    click.echo(plan_report.format_schedule(report), nl=False)
