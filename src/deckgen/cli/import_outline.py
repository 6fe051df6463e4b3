"""`deckgen import`: turn a course outline (text, Markdown, Word or PowerPoint) into a course folder."""
from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command("import")
@click.argument("outline", metavar="OUTLINE")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Course folder to write [default: decks/<file name>].")
@click.option("--dry-run", is_flag=True, help="Show the day → module → section tree found; write nothing.")
@click.option("--force", is_flag=True, help="Write into OUT even if it already holds files.")
@click.option("-v", "--verbose", is_flag=True, help="List every guess, not only the first ones.")
def import_outline(outline, out_dir, dry_run, force, verbose):
    """Import OUTLINE (a text, Markdown, Word .docx or PowerPoint .pptx file, or - for standard input)
    as a course folder."""
    from ..importer.command import run_import
    outcome = run_import(outline, out_dir, dry_run=dry_run, force=force)
    for line in outcome.report(verbose):
        click.echo(line)
