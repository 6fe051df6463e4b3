"""`deckgen build`: write the day decks (and module decks) of a course."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import echo_warnings, main


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; decks go to OUT/<course>/.")
@click.option("--per-module", is_flag=True, help="Also write module-1.pptx … one deck per module.")
@click.option("--theme", "theme_name", metavar="NAME", help="Use this theme instead of the course's.")
@click.option("--set", "overrides", metavar="KEY=VALUE", multiple=True,
              help="Override one theme value, e.g. --set palette.primary=#0A5EB0 (repeatable).")
def build(course, out_dir, per_module, theme_name, overrides):
    """Build the day decks of COURSE (a folder holding course.yaml)."""
    from ..commands.build import build as run_build
    result = run_build(course, out_dir, per_module=per_module, theme_name=theme_name, overrides=overrides)
    echo_warnings(result.diagnostics)
    for w in result.written:
        click.echo(f"wrote {display_path(w.path)}  ({w.slides} slides, {w.seconds:.2f} s)")
    click.echo(f"built {len(result.written)} deck{'s' if len(result.written) != 1 else ''} "
               f"in {result.seconds:.2f} s")
