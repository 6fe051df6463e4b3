"""`deckgen watch`: rebuild the decks of a course whenever an outline, theme or asset file is saved."""
from __future__ import annotations

import contextlib
import signal
import threading
from pathlib import Path

import click

from . import main, theme_options, out_option


@main.command()
@click.argument("course", type=click.Path(path_type=Path))
@out_option("decks go to OUT/<course>/")
@click.option("--per-module", is_flag=True, help="Also write module-1.pptx … one deck per module.")
@theme_options()
@click.option("--debounce", "debounce_ms", type=click.IntRange(0, 10000), default=1600, show_default=True,
              help="Group changes arriving within this many milliseconds into one rebuild.")
def watch(course, out_dir, per_module, theme_name, overrides, debounce_ms):
    """Build COURSE, then rebuild its decks whenever one of its files is saved (Ctrl-C stops).

    Only the decks a change affects are written, one line each; a deck edited by hand is never
    overwritten. After an error the problems are printed and watching goes on.
    """
    from ..commands.watch import watch as run_watch

    def echo(text: str, err: bool = False) -> None:
        click.echo(text, err=err)

    stop = threading.Event()
    try:
        with stop_on_interrupt(stop):
            run_watch(course, out_dir, per_module=per_module, theme_name=theme_name, overrides=overrides,
                      echo=echo, debounce_ms=debounce_ms, stop_event=stop)
    except KeyboardInterrupt:
        pass
    click.echo("stopped watching")


@contextlib.contextmanager
def stop_on_interrupt(stop: threading.Event):
    """Ctrl-C sets `stop` (the watch ends after the build in progress, if any); a second Ctrl-C interrupts.

    Python's own Ctrl-C raises KeyboardInterrupt wherever the main thread happens to be, and one that lands
    in a finaliser run by the garbage collector is printed as "Exception ignored" and lost: the watch then
    never ends. Setting an event cannot be lost, and watchfiles checks it every step. The handler is set
    even when SIGINT was ignored at start (a background job of a script): watch is interactive, and Ctrl-C
    is how it ends.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread: Ctrl-C keeps its usual KeyboardInterrupt
        return

    def interrupted(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
