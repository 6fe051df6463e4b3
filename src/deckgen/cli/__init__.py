"""The command line: the `deckgen` group and the one place library errors become messages.

Each command lives in its own module in this package (thin click wrappers over deckgen.commands)
and registers itself on `main` when imported at the bottom of this file.
"""
from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..errors import DeckgenError, Diagnostic, display_path


class DiagnosticsError(click.ClickException):
    """Every problem, compiler style, then exit status 1."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))

    def show(self, file=None):
        for d in self.diagnostics:
            click.echo(str(d), err=True)
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        warnings = len(self.diagnostics) - errors
        click.echo(f"deckgen: {errors} error{'s' if errors != 1 else ''}, "
                   f"{warnings} warning{'s' if warnings != 1 else ''}; nothing written", err=True)


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            raise DiagnosticsError(exc.diagnostics) from None
        except OSError as exc:
            # the file system refused something no check foresaw (a name too long, a file where a folder
            # should be, a full disk): say which path and what the system said, never a traceback
            from ..errors import ERROR, Loc
            where = Loc(str(exc.filename)) if exc.filename else None
            raise DiagnosticsError([Diagnostic(ERROR, f"{exc.strerror or exc}", where)]) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main():
    """deckgen: course outlines in, branded PowerPoint decks out."""


def theme_options(theme_help: str = "Use this theme instead of the course's.",
                  set_help: str = "Override one theme value, e.g. --set palette.primary=#0A5EB0 (repeatable)."):
    """--theme NAME and --set KEY=VALUE, as every command that resolves a course's theme takes them."""
    def decorate(command):
        command = click.option("--set", "overrides", metavar="KEY=VALUE", multiple=True, help=set_help)(command)
        return click.option("--theme", "theme_name", metavar="NAME", help=theme_help)(command)
    return decorate


def out_option(what: str):
    """-o/--out OUT, defaulting to ./out; `what` says what goes where."""
    return click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
                        show_default=True, help=f"Output folder; {what}.")


def echo_warnings(diagnostics) -> None:
    for d in diagnostics:
        if d.severity != "error":
            click.echo(str(d), err=True)


# Command modules register themselves on `main`; keep this list in one place.
from . import build  # noqa: E402,F401
from . import plan  # noqa: E402,F401
from . import guide  # noqa: E402,F401
from . import preview  # noqa: E402,F401
from . import schema  # noqa: E402,F401
from . import check  # noqa: E402,F401
from . import handout  # noqa: E402,F401
from . import watch  # noqa: E402,F401
from . import serve  # noqa: E402,F401
from . import themes  # noqa: E402,F401
from . import import_outline  # noqa: E402,F401
from . import pull  # noqa: E402,F401
