"""`deckgen import` as a plain function: read a file or stdin, recognise it, show or write the course folder."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import DeckgenError, Diagnostic, Loc, display_path
from .docx_reader import docx_outline
from .pipeline import import_outline
from .pptx_reader import pptx_outline
from .reader import MAX_OUTLINE_BYTES, read_outline
from .tree import ImportResult
from ..outline import COURSE_FILE
from .view import format_tree, report
from .writer import slug, write_course

STDIN = "-"


@dataclass
class ImportOutcome:
    result: ImportResult
    folder: Path
    written: list[Path] = field(default_factory=list)
    dry_run: bool = False

    @property
    def warnings(self) -> list[Diagnostic]:
        return self.result.warnings

    def report(self, verbose: bool = False) -> list[str]:
        """What the command prints: the tree (dry run) or the folder written, then what was read and the
        guesses to check, in one screen."""
        if self.dry_run:
            lines = format_tree(self.result).rstrip("\n").split("\n")
            lines.append(f"dry run: nothing written (would write {display_path(self.folder)}/)")
        else:
            modules = len(self.written) - 1
            lines = [f"wrote {display_path(self.folder)}/ ({COURSE_FILE} and {modules} module file"
                     f"{'s' if modules != 1 else ''})"]
        lines += report(self.result, verbose)
        if not self.dry_run:
            lines.append(f"next: fix the '# TODO: check' lines, then deckgen check {display_path(self.folder)}")
        return lines


def run_import(outline: str, output: Path | str | None = None, *, dry_run: bool = False, force: bool = False,
               stdin: BinaryIO | None = None) -> ImportOutcome:
    """Import OUTLINE (a path, or "-" for standard input) into `output` (default decks/<file name>)."""
    data, source = _read(outline, stdin)
    result = import_file(data, source, Path(outline).suffix.lower() if outline != STDIN else "")
    folder = Path(output) if output else default_folder(outline, result)
    written = [] if dry_run else write_course(result, folder, overwrite=force)
    return ImportOutcome(result, folder, written, dry_run)


def import_file(data: bytes, source: str, suffix: str) -> ImportResult:
    """Word and PowerPoint outlines are read as outline text first; any other file is text."""
    if suffix == ".docx":
        outline = docx_outline(data, source)
    elif suffix == ".pptx":
        outline = pptx_outline(data, source)
    else:
        return import_outline(read_outline(data, source), source)
    return import_outline(outline.text, source, outline.line_notes)


def default_folder(outline: str, result: ImportResult) -> Path:
    if outline == STDIN:
        return Path("decks") / slug(result.course.title, "imported-course")
    return Path("decks") / slug(Path(outline).stem, "course")


MAX_OFFICE_BYTES = 64 << 20


def _max_bytes(path: Path) -> int:
    # A Word or PowerPoint file carries its pictures and fonts: allow it more than a text outline (its text
    # is held to the outline's limit once read, in pipeline.import_outline).
    return MAX_OFFICE_BYTES if path.suffix.lower() in (".docx", ".pptx") else MAX_OUTLINE_BYTES


def _read(outline: str, stdin: BinaryIO | None) -> tuple[bytes, str]:
    if outline == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read(MAX_OUTLINE_BYTES + 1), "<stdin>"
    path = Path(outline)
    where = Loc.of(path)
    if path.is_dir():
        raise DeckgenError("expected an outline file, found a folder", where)
    try:
        with path.open("rb") as f:
            return f.read(_max_bytes(path) + 1), display_path(path)
    except FileNotFoundError:
        raise DeckgenError("outline file not found", where) from None
    except OSError as exc:
        raise DeckgenError(f"cannot read the outline: {exc.strerror}", where) from None
