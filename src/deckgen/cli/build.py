"""`deckgen build`: write the day decks (and module decks) of a course, rebuilding only what changed.

The console command answers a no-change rerun from the manifest before this module is even imported
(deckgen.entry); keep its option parser in step with the options here.
"""
from __future__ import annotations

from pathlib import Path

import click

from ..entry import summary_line, up_to_date_line
from ..errors import display_path
from . import echo_warnings, main, theme_options, out_option


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@out_option("decks go to OUT/<course>/")
@click.option("--per-module", is_flag=True, help="Also write module-1.pptx … one deck per module.")
@theme_options()
@click.option("--force", is_flag=True,
              help="Rebuild every deck, even up-to-date ones; a deck edited by hand is first moved aside "
                   "as NAME.edited-<date>-<time>.pptx.")
@click.option("--pdf", is_flag=True, help="Also write day-N.pdf next to each deck (needs LibreOffice).")
@click.option("--variant", metavar="NAME", help="Build this variant of the course (course.yaml `variants:`) "
              "into OUT/<course>/NAME/.")
@click.option("--all-variants", is_flag=True, help="Build the course as written and every variant "
              "(in parallel processes when the machine has more than one core).")
@click.option("--for", "for_facilitator", metavar="NAME", help="Write NAME's own copy into a for-NAME/ folder: "
              "the notes of the sections NAME leads in full, the others' collapsed to time and lead.")
def build(course, out_dir, per_module, theme_name, overrides, force, pdf, variant, all_variants,
          for_facilitator):
    """Build the day decks of COURSE (a folder holding course.yaml).

    Only decks whose outline, theme or assets changed since the last build are written; the others are
    reported as up to date. A deck changed by hand since deckgen wrote it is never overwritten.
    """
    from ..commands.build import build as run_build
    if all_variants:
        if variant:
            raise click.UsageError("--variant and --all-variants: choose one")
        results = _all_variants(course, out_dir, per_module=per_module, theme_name=theme_name,
                                overrides=overrides, force=force, for_facilitator=for_facilitator)
    else:
        results = [run_build(course, out_dir, per_module=per_module, theme_name=theme_name, overrides=overrides,
                             force=force, variant=variant, for_facilitator=for_facilitator)]
        report(results[0])
    if pdf:
        for result in results:
            _pdfs(result)


def _all_variants(course, out_dir, **options) -> list:
    from ..commands.build import build_variants
    from ..errors import DeckgenError
    outcomes = build_variants(course, out_dir, **options)
    failed = []
    for outcome in outcomes:
        click.echo(f"[{outcome.variant}]")
        if outcome.result is not None:
            report(outcome.result)
        else:
            failed += outcome.diagnostics
    if failed:
        raise DeckgenError(failed)
    return [o.result for o in outcomes]


def _pdfs(result) -> None:
    """A PDF next to each deck written, and next to each up-to-date one whose PDF is missing or older."""
    from ..commands.build import Written
    from .preview import export_pdfs
    stale = [Written(u.path, u.slides, 0.0) for u in result.up_to_date if _pdf_missing_or_older(u.path)]
    export_pdfs(result.written + stale)


def report(result, echo=click.echo) -> None:
    """What a build did, one line per deck, then a summary line."""
    echo_warnings(result.diagnostics)
    for m in result.moved:
        echo(f"moved {display_path(m.path)} aside to {display_path(m.to)} (it was edited by hand)")
    for w in result.written:
        echo(f"wrote {display_path(w.path)}  ({w.slides} slides, {w.seconds:.2f} s)")
    for u in result.up_to_date:
        echo(up_to_date_line(display_path(u.path), u.slides))
    for k in result.kept:
        echo(f"kept: {display_path(k.path)} was edited by hand and its inputs have not changed, so it was left "
             f"as it is (--force rebuilds it, moving the edited copy aside)")
    echo(summary_line(len(result.written), len(result.skipped), result.seconds))


def _pdf_missing_or_older(deck: Path) -> bool:
    pdf = deck.with_suffix(".pdf")
    try:
        return pdf.stat().st_mtime_ns < deck.stat().st_mtime_ns
    except OSError:
        return True
