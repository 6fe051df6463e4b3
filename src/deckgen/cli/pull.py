"""`deckgen pull`: carry edits made to a deck in PowerPoint back into the outline."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import main, out_option


@main.command()
@click.argument("deck", type=click.Path(path_type=Path))
@click.argument("course", type=click.Path(path_type=Path), required=False)
@out_option("where COURSE's decks were built (used when DECK is not in that folder's manifest)")
@click.option("--dry-run", is_flag=True, help="Show the changes to the outline without writing them.")
@click.option("-y", "--yes", is_flag=True, help="Remove the sections whose slides were deleted without asking.")
def pull(deck, course, out_dir, dry_run, yes):
    """Write the edits made to DECK (a deck deckgen built) back into the outline of COURSE.

    Changed titles, points, questions, notes, diagram labels and table cells go into the YAML files,
    points and questions added, removed or reordered too; comments and layout are kept. A value that also
    changed in the outline since the build is a conflict: shown and left alone.
    """
    from ..commands.pull import pull as run_pull

    def confirm(removals) -> bool:
        if yes:
            return True
        for r in removals:
            click.echo(f"the slides of section '{r.title}' ({r.file}, slides {', '.join(map(str, r.slides))}) were "
                       f"deleted from the deck")
        return click.confirm("remove these sections from the outline?", default=False)

    result = run_pull(deck, course, out_dir=out_dir, dry_run=dry_run, confirm=confirm)
    if result.unchanged:
        click.echo(f"{display_path(deck)} is as deckgen built it: no changes")
        return
    for edit in result.edits:
        click.echo(edit.diff(), nl=False)
    for note in result.notes:
        click.echo(f"not carried back: {note}", err=True)
    for r in result.kept_sections:
        click.echo(f"kept: section '{r.title}' stays in {r.file} (its slides were deleted from the deck; "
                   f"--yes removes it)", err=True)
    for c in result.conflicts:
        click.echo(str(c), err=True)
    files = len(result.edits)
    if dry_run:
        click.echo(f"dry run: {files} file{'s' if files != 1 else ''} would change; nothing written")
    elif files:
        click.echo(f"updated {files} file{'s' if files != 1 else ''}")
    else:
        click.echo("no changes to the outline")
    if not dry_run:
        if result.in_sync:
            click.echo(f"the outline now holds every edit: the next `deckgen build` replaces {display_path(deck)}")
        else:
            click.echo(f"some edits were not carried back (see above): the next build keeps {display_path(deck)} "
                       f"until you carry them over and build with --force")
    if result.conflicts:
        raise SystemExit(1)
