"""`deckgen themes`: list, show, new and specimen (thin wrappers over deckgen.commands.themes)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import echo_warnings, main

THEMES_DIR = click.option("--themes-dir", "themes_dirs", type=click.Path(path_type=Path), multiple=True,
                          help="Also look for themes here (first; repeatable). ./themes and the built-in "
                               "themes are always searched.")


@main.group()
def themes():
    """Themes: list them, see where each value comes from, start your own, print a specimen."""


@themes.command("list")
@THEMES_DIR
def list_(themes_dirs):
    """Every theme deckgen finds: its name, the theme it extends, and where it lives."""
    from ..commands.themes import list_themes
    entries = list_themes(list(themes_dirs))
    if not entries:
        click.echo("no themes found")
        return
    width = max([len("NAME")] + [len(e.name) for e in entries])
    pwidth = max([len("EXTENDS")] + [len(e.parent or "—") for e in entries])
    click.echo(f"{'NAME':<{width}}  {'EXTENDS':<{pwidth}}  WHERE")
    for e in entries:
        where = display_path(e.path)
        notes = []
        if e.template:
            notes.append(f"template {e.template}")
        if e.shadows:
            notes.append("hides " + ", ".join(display_path(p) for p in e.shadows))
        if e.problem:
            notes.append(f"cannot be read: {e.problem}")
        extra = f"  ({'; '.join(notes)})" if notes else ""
        click.echo(f"{e.name:<{width}}  {(e.parent or '—'):<{pwidth}}  {where}{extra}")
        if e.description:
            click.echo(f"{'':<{width}}  {'':<{pwidth}}  {e.description}")


@themes.command()
@click.argument("name")
@click.argument("keys", nargs=-1)
@click.option("--set", "overrides", metavar="KEY=VALUE", multiple=True,
              help="Override one value first, as build --set does (repeatable).")
@THEMES_DIR
def show(name, keys, overrides, themes_dirs):
    """The resolved values of theme NAME and the file:line that set each one.

    KEYS limit the listing to keys starting with them, e.g. `deckgen themes show midnight palette logos`.
    """
    from ..commands.themes import show_theme
    theme, diags, rows = show_theme(name, overrides=overrides, extra_dirs=list(themes_dirs))
    rows = [r for r in rows if not keys or any(r[0] == k or r[0].startswith(k.rstrip(".") + ".")
                                                 or r[0].startswith(k.rstrip(".") + "[") for k in keys)]
    if not rows:
        raise click.UsageError(f"no theme value starts with {', '.join(keys)} (try: palette, fonts, sizes, "
                               "footer, logos, layouts, backgrounds, labels, print)")
    echo_warnings(diags)
    chain = " → ".join(f"{n} ({f})" for n, f in zip(theme.chain, theme.sources))
    click.echo(f"theme {theme.name}: {chain}")
    kw = max(len(r[0]) for r in rows)
    vw = min(max(len(r[1]) for r in rows), 40)
    for key, value, origin in rows:
        click.echo(f"  {key:<{kw}}  {value:<{vw}}  {origin}")
    if not keys or any(k == "palette" or k.startswith("palette.") for k in keys):
        # what the slides get where a colour does not read as chosen (problems came first, as warnings)
        from ..commands.themes import contrast_notes
        for note in contrast_notes(theme):
            click.echo(str(note))


@themes.command()
@click.argument("name")
@click.option("--from", "base", metavar="BASE", default="default", show_default=True,
              help="The theme the new one extends.")
@click.option("--dir", "themes_dir", type=click.Path(path_type=Path), default=Path("themes"), show_default=True,
              help="The themes folder to create NAME/theme.yaml in.")
@THEMES_DIR
def new(name, base, themes_dir, themes_dirs):
    """Start theme NAME: THEMES/NAME/theme.yaml extending BASE, with commented examples. Never overwrites."""
    from ..commands.themes import new_theme
    path = new_theme(name, base, themes_dir=themes_dir, extra_dirs=list(themes_dirs))
    click.echo(f"wrote {display_path(path)} (extends {base})")
    click.echo(f"next: edit it, then `deckgen themes specimen {name}` to see it on every kind of slide")


@themes.command()
@click.argument("name")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="The deck to write (default: specimen-NAME.pptx).")
@click.option("--set", "overrides", metavar="KEY=VALUE", multiple=True,
              help="Override one theme value, as build --set does (repeatable).")
@THEMES_DIR
def specimen(name, out, overrides, themes_dirs):
    """A deck showing theme NAME on every kind of slide and every kind of diagram."""
    from ..commands.themes import build_specimen
    result = build_specimen(name, out, overrides=overrides, extra_dirs=list(themes_dirs))
    echo_warnings(result.diagnostics)
    click.echo(f"wrote {display_path(result.path)}  ({result.slides} slides: {', '.join(result.kinds)}; "
               f"diagrams: {', '.join(result.diagrams)})")
