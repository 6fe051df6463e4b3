"""`deckgen handout`: the participant workbook, as DOCX."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import echo_warnings, main, theme_options, out_option


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@out_option("the workbook goes to OUT/<course>/handout.docx")
@theme_options("Use this theme's fonts and colours.")
def handout(course, out_dir, theme_name, overrides):
    """Write the participant workbook of COURSE: case texts and exercise worksheets with space to write,
    and each module's key points; no facilitator notes."""
    from ..commands.handout import handout as run_handout
    result = run_handout(course, out_dir, theme_name=theme_name, overrides=overrides)
    echo_warnings(result.diagnostics)
    click.echo(f"wrote {display_path(result.path)}  ({result.cases} case{'s' if result.cases != 1 else ''}, "
               f"{result.exercises} exercise worksheet{'s' if result.exercises != 1 else ''}, "
               f"{result.seconds:.2f} s)")
