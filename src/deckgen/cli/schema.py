"""`deckgen schema`: print one JSON Schema, or write all three (course, module, theme) into a folder."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import main

_NAMES = ("course", "module", "theme")


@main.command()
@click.argument("name", required=False, type=click.Choice(_NAMES))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Write NAME.schema.json (all three when no NAME is given) into DIR.")
def schema(name, out_dir):
    """JSON Schemas for course, module and theme files, for editors.

    \b
    deckgen schema module           print the module schema to stdout
    deckgen schema -o schemas/      write course/module/theme.schema.json into schemas/
    """
    from ..commands.schema import render, write_schemas
    if out_dir is None:
        if name is None:
            raise click.UsageError("name a schema to print (course, module or theme), or give -o DIR to write "
                                   "all three")
        click.echo(render(name), nl=False)
        return
    for path in write_schemas(out_dir, [name] if name else list(_NAMES)):
        click.echo(f"wrote {display_path(path)}")
