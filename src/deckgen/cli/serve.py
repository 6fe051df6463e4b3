"""`deckgen serve`: the decks of a course as a live page in the browser, updated on every save."""
from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from . import main, out_option, theme_options


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets only this computer see the page.")
@click.option("--no-write", "no_write", is_flag=True, help="Only show the decks; do not write the .pptx files.")
@out_option("decks go to OUT/<course>/")
@click.option("--per-module", is_flag=True, help="Also show and write module-1 … one deck per module.")
@theme_options()
def serve(course, port, host, no_write, out_dir, per_module, theme_name, overrides):
    """Show COURSE's decks in the browser and update them whenever an outline or theme file is saved.

    Each deck has a page with every slide in a grid, or one at a time with its notes, clock times and
    the outline line it comes from. A mistake is shown on the page with its file:line:col; the server
    keeps running. The .pptx decks are written too, unless --no-write. Ctrl-C stops.
    """
    from ..commands.serve import serve as make_server

    def echo(text: str, err: bool = False) -> None:
        click.echo(text, err=err)

    server = make_server(course, out_dir, host=host, port=port, write=not no_write, per_module=per_module,
                         theme_name=theme_name, overrides=overrides, echo=echo)
    if not _loopback(host):
        click.echo(f"warning: listening on {host}: other computers on the network can see the decks", err=True)
    click.echo(f"serving {course} at {server.url}  (Ctrl-C stops)", err=False)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    click.echo("stopped")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
