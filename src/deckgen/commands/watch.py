"""`deckgen watch`: rebuild a course's decks whenever one of its files is saved.

Builds once, then waits for file changes (watchfiles: the operating system's change notifications) in
the course folder and in every folder holding one of its inputs (theme files, assets, templates). Changes
arriving together (an editor saving through a temporary file, several files saved at once) are grouped
into one rebuild, which is an ordinary incremental build: only decks whose slides changed are written.
A failed build prints its problems and the watch goes on; `stop_event` (or Ctrl-C in the CLI) ends it.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from .. import manifest as mf
from ..errors import DeckgenError, display_path

# Names editors and tools write next to the files they save; they never trigger a rebuild.
_IGNORED_SUFFIXES = (".tmp", ".swp", ".swx", ".swo", "~", ".bak", ".pyc", ".part", ".crdownload")
_IGNORED_PREFIXES = (".#", "~$", ".~lock.")
_IGNORED_DIRS = {".git", "__pycache__", ".hg", ".svn", ".idea", ".vscode", "node_modules"}

Echo = Callable[..., None]  # echo(text, err=False)


def _default_echo(text: str, err: bool = False) -> None:
    import sys
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def watch(course_dir: Path, out_dir: Path = Path("out"), *, per_module: bool = False, theme_name: str | None = None,
          overrides=(), themes_dirs: list[Path] | None = None, echo: Echo = _default_echo, stop_event=None,
          debounce_ms: int = 1600, step_ms: int = 100, force_polling: bool | None = None) -> None:
    """Build, then rebuild on every change until `stop_event` is set (or KeyboardInterrupt)."""
    import watchfiles

    course_dir = Path(course_dir)
    if not course_dir.is_dir():
        raise DeckgenError("course folder not found (expected a folder holding course.yaml)",
                           _loc(course_dir))
    options = dict(per_module=per_module, theme_name=theme_name, overrides=list(overrides or ()),
                   themes_dirs=themes_dirs)
    target = Path(out_dir) / mf.course_slug(course_dir)

    shown: set[str] = set()  # warnings already printed: a rebuild prints only new ones

    def rebuild(trigger: str = "") -> None:
        from .build import build
        prefix = f"[{_now()}] {trigger}" if trigger else f"[{_now()}] "
        try:
            result = build(course_dir, out_dir, **options)
        except DeckgenError as exc:
            for d in exc.diagnostics:
                echo(str(d), err=True)
            errors = sum(1 for d in exc.diagnostics if d.severity == "error")
            echo(f"{prefix}build failed ({errors} error{'s' if errors != 1 else ''}); nothing written, "
                 "still watching", err=True)
            shown.clear()
            return
        except Exception as exc:  # a bug must not end the session: say what happened and keep watching
            echo(f"{prefix}internal error: {type(exc).__name__}: {exc}; nothing written, still watching", err=True)
            return
        warnings = [str(d) for d in result.diagnostics if d.severity != "error"]
        for w in warnings:
            if w not in shown:
                echo(w, err=True)
        shown.clear()
        shown.update(warnings)
        verb = "rebuilt" if trigger else "wrote"
        for m in result.moved:
            echo(f"{prefix}moved {display_path(m.path)} aside to {display_path(m.to)}")
        for w in result.written:
            echo(f"{prefix}{verb} {display_path(w.path)}  ({w.slides} slides, {w.seconds:.2f} s)")
        for k in result.kept:
            echo(f"{prefix}kept {display_path(k.path)}: edited by hand, inputs unchanged")
        if not result.written:
            echo(f"{prefix}no deck affected ({len(result.skipped)} up to date)")

    relevant = change_filter(out_dir)
    rebuild()
    while stop_event is None or not stop_event.is_set():
        roots = watch_roots(course_dir, target)
        echo(f"watching {', '.join(display_path(r) for r in roots)} (Ctrl-C stops)")
        restart = False
        for changes in watchfiles.watch(*roots, watch_filter=relevant, debounce=debounce_ms, step=step_ms,
                                        stop_event=stop_event, force_polling=force_polling,
                                        ignore_permission_denied=True):
            rebuild(_describe(changes))
            if watch_roots(course_dir, target) != roots:
                restart = True  # e.g. another theme, or a new asset folder: watch the new set
                break
        if not restart:
            return


def change_filter(out_dir: Path) -> Callable[[object, str], bool]:
    """watchfiles' filter: the changes that matter, not editors' scratch files or our own outputs."""
    out_real = os.path.realpath(out_dir)

    def relevant(change, path: str) -> bool:
        real = os.path.realpath(path)
        if real == out_real or real.startswith(out_real + os.sep):
            return False  # our own outputs (when the output folder is inside a watched one)
        name = os.path.basename(path)
        if name.endswith(_IGNORED_SUFFIXES) or name.startswith(_IGNORED_PREFIXES):
            return False
        parts = set(Path(path).parts)
        return not (parts & _IGNORED_DIRS)
    return relevant


def watch_roots(course_dir: Path, target: Path, extra: list[str] = ()) -> list[str]:
    """The folders to watch: the course folder, every folder holding one of the last build's inputs, and
    `extra` folders; none inside another."""
    folders = {os.path.realpath(course_dir), *(os.path.realpath(f) for f in extra)}
    data = mf.load(target / mf.MANIFEST_NAME)
    for path in (data or {}).get("files") or {}:
        folder = os.path.dirname(path)
        if os.path.isdir(folder):
            folders.add(folder)
    roots: list[str] = []
    for folder in sorted(folders, key=len):
        if not any(folder == r or folder.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            roots.append(folder)
    return sorted(roots)


def _describe(changes) -> str:
    """'01-intro.yaml changed: ' for the files a change touched (those still there, when any are)."""
    paths = sorted({p for _, p in changes})
    existing = [p for p in paths if os.path.exists(p)] or paths
    names = [os.path.basename(p) for p in existing]
    listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{listed} changed: "


def _now() -> str:
    return time.strftime("%H:%M:%S")


def _loc(path: Path):
    from ..errors import Loc
    return Loc.of(path)
