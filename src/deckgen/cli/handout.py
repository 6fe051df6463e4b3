"""`deckgen handout`: the participant workbook, as DOCX."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import display_path
from . import echo_warnings, main, theme_options, out_option


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@out_option("the workbook goes to OUT/<course>/handout.docx")
@click.option("--pdf", is_flag=True, help="Write printable PDFs of each day's slides instead (needs LibreOffice): "
              "OUT/<course>/handout-day-N-LAYOUT.pdf.")
@click.option("--layout", "layouts", multiple=True, type=click.Choice(["3up-lines", "6up", "notes"]),
              help="With --pdf (repeatable; default 3up-lines): 3up-lines, three slides a page with lines for "
                   "notes; 6up, six a page; notes, one slide a page with its speaker notes (for facilitators).")
@click.option("--variant", metavar="NAME", help="The handout of this variant (course.yaml `variants:`).")
@theme_options("Use this theme's fonts and colours.")
def handout(course, out_dir, pdf, layouts, variant, theme_name, overrides):
    """Write the participant workbook of COURSE: case texts and exercise worksheets with space to write,
    and each module's key points; no facilitator notes. With --pdf: printable PDFs of the slides."""
    if pdf:
        _pdf_handouts(course, out_dir, layouts or ("3up-lines",), variant=variant, theme_name=theme_name,
                      overrides=overrides)
        return
    if layouts:
        raise click.UsageError("--layout is for the PDF handouts: add --pdf")
    from ..commands.handout import handout as run_handout
    result = run_handout(course, out_dir, theme_name=theme_name, overrides=overrides, variant=variant)
    echo_warnings(result.diagnostics)
    click.echo(f"wrote {display_path(result.path)}  ({result.cases} case{'s' if result.cases != 1 else ''}, "
               f"{result.exercises} exercise worksheet{'s' if result.exercises != 1 else ''}, "
               f"{result.seconds:.2f} s)")


def _pdf_handouts(course, out_dir, layouts, **options) -> None:
    from ..commands.handout_pdf import handout_pdfs
    from .preview import BarProgress
    result = handout_pdfs(course, out_dir, layouts=tuple(dict.fromkeys(layouts)), progress=BarProgress(),
                          **options)
    echo_warnings(result.diagnostics)
    for path in result.written:
        pages = result.pages[path]
        click.echo(f"wrote {display_path(path)}  ({pages} page{'s' if pages != 1 else ''})")
    click.echo(f"wrote {len(result.written)} PDF handout{'s' if len(result.written) != 1 else ''} "
               f"in {result.seconds:.1f} s")
