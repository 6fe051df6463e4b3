"""The command line: thin click wrappers over deckgen.commands; library errors become messages here."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import DeckgenError, Diagnostic, display_path


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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main():
    """deckgen: course outlines in, branded PowerPoint decks out."""


def _warnings(diagnostics) -> None:
    for d in diagnostics:
        if d.severity != "error":
            click.echo(str(d), err=True)


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
    from .commands.build import build as run_build
    result = run_build(course, out_dir, per_module=per_module, theme_name=theme_name, overrides=overrides)
    _warnings(result.diagnostics)
    for w in result.written:
        click.echo(f"wrote {display_path(w.path)}  ({w.slides} slides, {w.seconds:.2f} s)")
    click.echo(f"built {len(result.written)} deck{'s' if len(result.written) != 1 else ''} "
               f"in {result.seconds:.2f} s")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
