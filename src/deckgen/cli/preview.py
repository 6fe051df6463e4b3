"""`deckgen preview` (a PNG per slide and a contact sheet), the progress bar of the slow LibreOffice steps,
and the PDF export behind `deckgen build --pdf`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..commands.preview import Progress
from ..errors import DeckgenError, display_path
from . import DiagnosticsError, echo_warnings, main, theme_options, out_option


class BarProgress(Progress):
    """click's progress bar on stderr (drawn only on a terminal; a pipe or CI log gets the label once)."""

    def __init__(self):
        self.bar = None

    def start(self, total: int, label: str) -> None:
        self.finish()
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=False,
                                     item_show_func=lambda item: item or "")
        self.bar.__enter__()

    def advance(self, item: str = "") -> None:
        if self.bar is not None:
            self.bar.update(1, current_item=item)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class AfterWriteError(DiagnosticsError):
    """Problems in a step after some files were already written: say what was kept, not "nothing written"."""

    def __init__(self, diagnostics, kept: str):
        self.kept = kept
        super().__init__(diagnostics)

    def show(self, file=None):
        for d in self.diagnostics:
            click.echo(str(d), err=True)
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        click.echo(f"deckgen: {errors} error{'s' if errors != 1 else ''}; {self.kept}", err=True)


def export_pdfs(written) -> None:
    """`deckgen build --pdf`: a PDF next to each deck just written."""
    from ..commands.preview import export_pdfs as run_export
    try:
        pdfs, diags = run_export(written, progress=BarProgress())
    except DeckgenError as exc:
        raise AfterWriteError(exc.diagnostics, "the decks were written, their PDFs were not") from None
    echo_warnings(diags)
    for pdf in pdfs:
        click.echo(f"wrote {display_path(pdf)}")


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@out_option("images go to OUT/<course>/preview/")
@click.option("--width", type=click.IntRange(320, 3840), default=1280, show_default=True,
              help="Width of each slide image in pixels.")
@click.option("--fast", is_flag=True,
              help="Draw the slides from the slide plan (SVG, rasterised by Cairo) instead of through "
                   "LibreOffice: quicker, and works where LibreOffice is not installed.")
@theme_options()
def preview(course, out_dir, width, fast, theme_name, overrides):
    """Render every slide of COURSE to PNG, with a contact sheet per deck (needs LibreOffice, or --fast)."""
    from ..commands.preview import preview as run_preview
    result = run_preview(course, out_dir, progress=BarProgress(), width=width, fast=fast, theme_name=theme_name,
                         overrides=overrides)
    echo_warnings(result.diagnostics)
    for sheet in result.sheets:
        name = sheet.stem
        click.echo(f"wrote {display_path(sheet.parent / name)}/  ({len(result.images[name])} slide images)  "
                   f"and contact sheet {display_path(sheet)}")
    click.echo(f"previewed {len(result.sheets)} deck{'s' if len(result.sheets) != 1 else ''} "
               f"in {result.seconds:.1f} s")
