"""`deckgen pull DECK [COURSE]`: write the edits made to a built deck back into the outline's YAML files.

The build recorded, for every shape it wrote, the texts and the outline values they came from
(deckgen.pull.record). Pull reads the deck as it is now, compares (deckgen.pull.compare), and edits only
the values and list items that changed (deckgen.pull.yamledit). A value changed in the outline since the
build too is a conflict: shown, left alone. Once every edit is in the outline, the manifest records the
deck's bytes as pulled, and the next build replaces the deck without --force.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import manifest as mf
from ..errors import DeckgenError, Diagnostic, Loc, WARNING, display_path
from ..pull import record as rec
from ..pull import yamledit as ye
from ..pull.compare import Comparison, FieldChange, ListChange, SectionRemoval, compare
from ..pull.deckread import read_deck


@dataclass
class FileEdit:
    path: Path
    before: str
    after: str
    crlf: bool = False  # the file's lines end in CR LF (edited as LF, written back as it was)

    def diff(self) -> str:
        name = display_path(self.path)
        return "".join(difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True),
                                            f"a/{name}", f"b/{name}"))


@dataclass
class PullResult:
    deck: Path
    unchanged: bool = False  # the deck is byte for byte what deckgen built
    edits: list[FileEdit] = field(default_factory=list)
    conflicts: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not carried back, and why
    kept_sections: list[SectionRemoval] = field(default_factory=list)  # removals not confirmed
    written: bool = False
    in_sync: bool = False  # every edit is in the outline: the next build replaces the deck


def _locate(deck: Path, course: Path | None, out_dir: Path) -> tuple[str, dict, str, dict]:
    """(manifest path, manifest, deck name, deck record) for a deck in a build's output folder."""
    candidates = [deck.parent / mf.MANIFEST_NAME]
    if course is not None:
        candidates.append(Path(mf.manifest_path(out_dir, mf.course_slug(course))))
    for path in candidates:
        data = mf.load(path)
        if data is None:
            continue
        if course is not None and data.get("course") != os.path.realpath(course):
            continue
        for name, record in (data.get("decks") or {}).items():
            if record.get("file") == deck.name:
                return str(path), data, name, record
    where = f"next to it or in {display_path(candidates[-1])}" if course is not None else "next to it"
    raise DeckgenError([Diagnostic("error", f"deckgen has no record of building this deck ({where})", Loc.of(deck),
                                   "pull a deck in the folder deckgen wrote it to, under its own name "
                                   "(out/<course>/day-1.pptx), after a build by this version of deckgen")])


def pull(deck: Path, course: Path | None = None, *, out_dir: Path = Path("out"), dry_run: bool = False,
         confirm: Callable[[list[SectionRemoval]], bool] | None = None) -> PullResult:
    """Compare `deck` with what deckgen built and write the differences into the outline (not with
    `dry_run`). Removing sections needs `confirm` to answer yes (none given: they are kept)."""
    deck = Path(deck)
    if not deck.is_file():
        raise DeckgenError("file not found", Loc.of(deck))
    manifest_file, manifest, name, deck_record = _locate(deck, course, out_dir)
    target = os.path.dirname(manifest_file)
    texts = rec.load(os.path.join(target, deck.name))
    if texts is None or texts.get("sha256") != deck_record.get("sha256"):
        raise DeckgenError([Diagnostic("error", "deckgen's record of this deck's texts is missing or belongs to "
                                       "another build", Loc.of(deck),
                                       "decks built before `deckgen pull` existed cannot be pulled: copy the "
                                       "edits into the outline by hand this once")])
    result = PullResult(deck)
    digest = mf.sha256_file(deck)
    if digest == deck_record.get("sha256"):
        result.unchanged = result.in_sync = True
        return result
    course_dir = Path(manifest["course"])
    comparison = compare(texts, read_deck(deck))
    result.notes.extend(comparison.notes)
    if comparison.removals and not dry_run:
        if confirm is None or not confirm(comparison.removals):
            result.kept_sections = comparison.removals
            comparison.removals = []
    _apply(comparison, course_dir, result)
    if dry_run:
        return result
    for edit in result.edits:
        data = (edit.after.replace("\n", "\r\n") if edit.crlf else edit.after).encode("utf-8")
        if edit.path.read_bytes().startswith(b"\xef\xbb\xbf"):
            data = b"\xef\xbb\xbf" + data
        from ..writer import write_atomic
        write_atomic(edit.path, data)
    result.written = bool(result.edits)
    result.in_sync = not (result.conflicts or result.notes or result.kept_sections)
    if result.in_sync:
        deck_record["pulled"] = digest
        mf.save(manifest_file, manifest)
    return result


def _read(path: Path) -> str:
    from ..yamlsource import read_text
    return read_text(path)


def _apply(comparison: Comparison, course_dir: Path, result: PullResult) -> None:
    by_file: dict[str, list] = {}
    for change in comparison.fields:
        by_file.setdefault(change.source.file, []).append(change)
    for change in comparison.lists:
        by_file.setdefault(change.file, []).append(change)
    for change in sorted(comparison.removals, key=lambda r: -r.path[-1]):
        by_file.setdefault(change.file, []).append(change)
    for file, changes in by_file.items():
        path = course_dir / file
        before = _read(path)
        crlf = "\r\n" in before
        before = before.replace("\r\n", "\n") if crlf else before
        text, expected = before, ye.plain(before)
        for change in changes:
            try:
                text, expected = _one(change, path, text, expected, result)
            except ye.EditError as exc:
                result.conflicts.append(Diagnostic(WARNING, f"{exc}: left as it is", _loc(path, text, _path(change))))
        if ye.plain(text) != expected:
            raise DeckgenError("deckgen could not edit this file safely (the result would not read as intended); "
                               "nothing was written", Loc.of(path))
        if text != before:
            result.edits.append(FileEdit(path, before, text, crlf))


def _path(change) -> tuple:
    return change.source.path if isinstance(change, FieldChange) else change.path


def _loc(path: Path, text: str, ypath: tuple) -> Loc:
    try:
        node = ye.find(ye.compose(text), ypath)
        return Loc(display_path(path), node.start_mark.line + 1, node.start_mark.column + 1)
    except ye.EditError:
        for cut in range(len(ypath) - 1, -1, -1):
            try:
                node = ye.find(ye.compose(text), ypath[:cut])
                return Loc(display_path(path), node.start_mark.line + 1, node.start_mark.column + 1)
            except ye.EditError:
                continue
    return Loc.of(path)


def _same(a, b) -> bool:
    return (a or "").strip() == (b or "").strip()


def _one(change, path: Path, text: str, expected, result: PullResult):
    if isinstance(change, FieldChange):
        src = change.source
        current = ye.value_at(text, src.path)
        if current is not None and not isinstance(current, str):
            raise ye.EditError(f"{'.'.join(map(str, src.path))} is no longer a text")
        if _same(current, change.new):
            return text, expected  # already in the outline
        if not _same(current, src.value):
            result.conflicts.append(_conflict(path, text, src.path, current, change.new, change.where))
            return text, expected
        if current is None:
            text, stored = ye.add_key(text, src.path, change.new)
            return text, ye.expected_add(expected, src.path, stored)
        text, stored = ye.set_value(text, src.path, change.new)
        return text, ye.expected_set(expected, src.path, stored)
    if isinstance(change, ListChange):
        current = ye.value_at(text, change.path)
        texts = [ye.item_text(v) for v in current] if isinstance(current, list) else None
        if texts != change.built:
            wanted = [change.built[x] if kind == "old" else x for kind, x in change.sequence]
            if texts == wanted:
                return text, expected
            result.conflicts.append(_conflict(path, text, change.path, "\n".join(map(str, texts or [])),
                                              "\n".join(wanted), change.where))
            return text, expected
        text2 = ye.rewrite_list(text, change.path, change.sequence)
        return text2, ye.expected_list(expected, change.path, change.sequence)
    assert isinstance(change, SectionRemoval)
    title = ye.value_at(text, change.path + ("title",))
    if title != change.title:
        result.conflicts.append(Diagnostic(WARNING, f"conflict: the section '{change.title}' (slides "
                                           f"{', '.join(map(str, change.slides))}) was deleted from the deck, but "
                                           f"the outline changed there since the build: left as it is",
                                           _loc(path, text, change.path)))
        return text, expected
    sections = ye.value_at(text, change.path[:-1])
    sequence = [("old", k) for k in range(len(sections)) if k != change.path[-1]]
    text = ye.rewrite_list(text, change.path[:-1], sequence)
    return text, ye.expected_list(expected, change.path[:-1], sequence)


def _conflict(path: Path, text: str, ypath: tuple, current, new: str, where: list[str]) -> Diagnostic:
    return Diagnostic(WARNING, f"conflict: changed in the outline since the build and in the deck "
                      f"({'; '.join(where)}); left as it is. outline: {_short(current)!r}; deck: {_short(new)!r}",
                      _loc(path, text, ypath), "choose one and edit the outline; then build with --force")


def _short(text) -> str:
    text = str(text or "").strip().replace("\n", " ⏎ ")
    return text if len(text) <= 60 else text[:57] + "…"


__all__ = ["pull", "PullResult", "FileEdit"]
