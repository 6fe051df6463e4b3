"""`deckgen guide`: a facilitator guide per day, as DOCX."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import echo_warnings, main, theme_options, out_option
from .preview import BarProgress


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@out_option("guides go to OUT/<course>/guide-day-N.docx")
@click.option("--no-thumbnails", is_flag=True, help="Leave out the slide thumbnails (faster; no LibreOffice).")
@click.option("--variant", metavar="NAME", help="The guide of this variant (course.yaml `variants:`).")
@theme_options()
def guide(course, out_dir, no_thumbnails, variant, theme_name, overrides):
    """Write a facilitator guide per day of COURSE: schedule, materials, and every slide with its
    thumbnail, clock time, talk track and exercise instructions."""
    from ..commands.guide import guide as run_guide
    result = run_guide(course, out_dir, thumbnails=not no_thumbnails, progress=BarProgress(),
                       theme_name=theme_name, overrides=overrides, variant=variant)
    echo_warnings(result.diagnostics)
    for path in result.written:
        click.echo(f"wrote {display_path(path)}")
    click.echo(f"wrote {len(result.written)} guide{'s' if len(result.written) != 1 else ''} "
               f"({'with' if result.thumbnails else 'without'} slide thumbnails) in {result.seconds:.1f} s")
