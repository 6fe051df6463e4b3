"""`deckgen import`: turn a plain-text course outline into a course folder."""
from __future__ import annotations

from pathlib import Path

import click

from . import echo_warnings, main


@main.command("import")
@click.argument("outline", metavar="OUTLINE")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Course folder to write [default: decks/<file name>].")
@click.option("--dry-run", is_flag=True, help="Show the day → module → section tree found; write nothing.")
@click.option("--force", is_flag=True, help="Write into OUT even if it already holds files.")
def import_outline(outline, out_dir, dry_run, force):
    """Import OUTLINE (a text or Markdown file, or - for standard input) as a course folder."""
    from ..importer.command import run_import
    outcome = run_import(outline, out_dir, dry_run=dry_run, force=force)
    echo_warnings(outcome.warnings)
    for line in outcome.report():
        click.echo(line)
