"""Writing an ImportResult as a course folder: hand-style YAML with a `# TODO: check` on every guess."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import ERROR, DeckgenError, Diagnostic, Loc
from ..outline import COURSE_FILE
from ..yamlsource import MAX_FILE_BYTES
from ..writer import write_atomic
from .tree import ImportedDay, ImportedModule, ImportedPoint, ImportedSection, ImportResult, ProposedDiagram

SCHEMA_LINE = "# yaml-language-server: $schema=../../src/deckgen/schemas/{}.schema.json"
TODO = "# TODO: check"
INDENT = "  "


# --- scalars --------------------------------------------------------------------------------------

def scalar(text: str) -> str:
    """One YAML scalar as a person would write it: plain when that reads back the same, else double-quoted."""
    text = " ".join(text.split("\n")).strip()
    plain = yaml.safe_dump(text, allow_unicode=True, width=1 << 20)
    if plain.endswith("\n...\n"):
        plain = plain[:-5]
    plain = plain.rstrip("\n")
    if plain == text and " #" not in text and not text.endswith(":"):
        return text
    return yaml.safe_dump(text, allow_unicode=True, width=1 << 20, default_style='"').rstrip("\n")


def clock(value: str) -> str:
    return f'"{value}"'  # "09:00" unquoted is a base-60 number to YAML 1.1


def todo(reason: str | None) -> str:
    return f"  {TODO} — {reason}" if reason else ""


def _line(indent: int, key: str, value: str, why: str | None = None) -> str:
    return f"{INDENT * indent}{key}: {value}{todo(why)}"


def _block(indent: int, key: str, lines: list[str], why: str | None = None) -> list[str]:
    """A `key: |` literal block: notes keep their lines exactly."""
    body = [line.strip() for text in lines for line in text.split("\n")]
    return [f"{INDENT * indent}{key}: |{todo(why)}"] + [f"{INDENT * (indent + 1)}{b}" if b else "" for b in body]


def _comment_lines(indent: int, lines: list[str]) -> list[str]:
    return [f"{INDENT * indent}#   {line}".rstrip() for text in lines for line in text.split("\n")]


# --- course.yaml ----------------------------------------------------------------------------------

def course_yaml(result: ImportResult, module_files: dict[int, str]) -> str:
    course, why = result.course, result.course_guesses
    out = [SCHEMA_LINE.format("course"),
           f"# Imported by `deckgen import` from {result.source_name}: check every \"TODO: check\" below."]
    if result.header_notes:
        out += ["#", "# From the outline's header (no course field holds these):"]
        out += _comment_lines(0, result.header_notes)
    out.append(_line(0, "title", scalar(course.title), why.get("title")))
    for key in ("subtitle", "organisation"):
        if getattr(course, key):
            out.append(_line(0, key, scalar(getattr(course, key)), why.get(key)))
    if course.trainers:
        out += ["trainers:"] + [f"{INDENT}- {scalar(t)}" for t in course.trainers]
    out.append(_line(0, "language", course.language))
    for key in ("date", "place", "audience"):
        if getattr(course, key):
            out.append(_line(0, key, scalar(getattr(course, key))))
    out.append("days:")
    for day in result.days:
        out += _day_lines(day, module_files)
    if result.trailer:
        out += ["#", "# After the outline (sign-up, contact or fee details, kept so nothing is lost):"]
        out += _comment_lines(0, result.trailer)
    return "\n".join(out) + "\n"


def _day_lines(day: ImportedDay, module_files: dict[int, str]) -> list[str]:
    g = day.guesses
    out = [f"{INDENT}- title: {scalar(day.title)}{todo(g.get('title'))}"]
    if day.notes:
        out += [f"{INDENT * 2}# From the outline at this day:"] + _comment_lines(2, day.notes)
    out.append(_line(2, "start", clock(day.start), g.get("start")))
    out.append(_line(2, "end", clock(day.end), g.get("end")))
    if day.breaks:
        out.append(f"{INDENT * 2}breaks:{todo(g.get('breaks'))}")
        for b in day.breaks:
            out += [f"{INDENT * 3}- at: {clock(b.at)}", _line(4, "minutes", str(b.minutes)),
                    _line(4, "title", scalar(b.title))]
    out.append(f"{INDENT * 2}modules:")
    out += [f"{INDENT * 3}- {module_files[m.number]}" for m in day.modules]
    return out


# --- module files ---------------------------------------------------------------------------------

def module_yaml(result: ImportResult, module: ImportedModule) -> str:
    out = [SCHEMA_LINE.format("module"),
           f"# Imported from {result.source_name}, line {module.loc.line}. Check every \"TODO: check\" below.",
           _line(0, "number", str(module.number)),
           _line(0, "title", scalar(module.title), module.guesses.get("title"))]
    if module.notes:
        out += _block(0, "notes", module.notes, "text from the outline that is no section")
    out.append("sections:")
    for section in module.sections:
        out += _section_lines(section)
    return "\n".join(out) + "\n"


def _section_lines(s: ImportedSection) -> list[str]:
    g = s.guesses
    out = [f"{INDENT}- kind: {s.kind}{todo(g.get('kind'))}"]
    if s.label:
        out.append(_line(2, "label", scalar(s.label)))
    if s.type:
        out.append(_line(2, "type", scalar(s.type)))
    out.append(_line(2, "title", scalar(s.title), g.get("title")))
    if s.minutes:
        out.append(_line(2, "minutes", str(s.minutes), g.get("minutes")))
    if s.diagram is not None:
        out += _diagram_lines(s.diagram, g.get("diagram"))
    if s.points:
        out.append(f"{INDENT * 2}points:")
        for p in s.points:
            out += _point_lines(p, 3)
    if s.notes:
        out += _block(2, "notes", s.notes, "text from the outline that did not fit the points")
    return out


def _point_lines(p: ImportedPoint, indent: int) -> list[str]:
    why = p.guesses.get("text")
    if not p.points:
        return [f"{INDENT * indent}- {scalar(p.text)}{todo(why)}"]
    out = [f"{INDENT * indent}- text: {scalar(p.text)}{todo(why)}", f"{INDENT * (indent + 1)}points:"]
    for sub in p.points:
        out += _point_lines(sub, indent + 2)
    return out


def _diagram_lines(d: ProposedDiagram, why: str | None) -> list[str]:
    out = [f"{INDENT * 2}diagram:{todo(why)}", _line(3, "kind", d.kind)]
    if d.centre:
        out.append(_line(3, "centre", scalar(d.centre)))
    if d.axes:
        out += [f"{INDENT * 3}axes:", _line(4, "x", scalar(d.axes[0])), _line(4, "y", scalar(d.axes[1]))]
    if d.operator:
        out.append(_line(3, "operator", scalar(d.operator)))
    if d.result:
        out.append(_line(3, "result", scalar(d.result)))
    if d.headings:
        out += [f"{INDENT * 3}headings:"] + [f"{INDENT * 4}- {scalar(h)}" for h in d.headings]
    if d.rows:
        out.append(f"{INDENT * 3}rows:")
        for label, left, right in d.rows:
            first = True
            for key, value in (("label", label), ("left", left), ("right", right)):
                if value is None:
                    continue
                out.append(f"{INDENT * 4}{'- ' if first else '  '}{key}: {scalar(value)}")
                first = False
    if d.items:
        out.append(f"{INDENT * 3}items:")
        for label, text in d.items:
            if text:
                out += [f"{INDENT * 4}- label: {scalar(label)}", f"{INDENT * 5}text: {scalar(text)}"]
            else:
                out.append(f"{INDENT * 4}- {scalar(label)}")
    return out


# --- files ----------------------------------------------------------------------------------------

def slug(text: str, fallback: str, *, ascii_only: bool = False) -> str:
    """A file or folder name from a title: lower-case words joined by hyphens."""
    if ascii_only:
        latin = re.findall(r"[A-Za-z0-9]+", text)
        # A Chinese title has no ASCII name worth keeping ("B2B" alone would mislead), so fall back.
        if sum(map(len, latin)) * 2 < len(re.sub(r"\s", "", text)):
            return fallback
        words = [w.lower() for w in latin]
    else:
        words = [w.lower() for w in re.findall(r"[^\W_]+", text)]
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > 40:
            break
        out = f"{out}-{w}" if out else w
    return out or fallback


def module_file_names(result: ImportResult) -> dict[int, str]:
    return {m.number: f"{m.number:02d}-{slug(m.title, 'module', ascii_only=True)}.yaml" for m in result.modules}


MAX_MODULES = 99  # a module's number is 1 … 99 (deckgen.outline)


def refuse_what_check_would(result: ImportResult, files: dict[str, str], names: dict[int, str]) -> None:
    """Refuse, before writing anything, a course `deckgen check` would refuse: more modules than a course
    numbers, or a module file over the size a module file may have. Each at the outline line it comes from."""
    problems = []
    for m in result.modules:
        if m.number > MAX_MODULES:
            problems.append(Diagnostic(ERROR, f"the outline reads as {len(result.modules)} modules; a course numbers "
                                       f"its modules 1 to {MAX_MODULES}", m.loc,
                                       "split the outline into two courses, or mark fewer lines as modules"))
            break
        size = len(files[names[m.number]].encode("utf-8"))
        if size > MAX_FILE_BYTES:
            problems.append(Diagnostic(ERROR, f"module {m.number} '{m.title[:40]}' would be a {size:,}-byte file, over "
                                       f"the {MAX_FILE_BYTES:,} bytes a module file may have", m.loc,
                                       "split it into several modules in the outline"))
    if problems:
        raise DeckgenError(problems)


def write_course(result: ImportResult, folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write course.yaml and one file per module into `folder`; refuse a non-empty folder unless `overwrite`."""
    folder = Path(folder)
    where = Loc.of(folder)
    if folder.exists() and not folder.is_dir():
        raise DeckgenError("this exists and is not a folder", where)
    if folder.is_dir() and any(folder.iterdir()) and not overwrite:
        raise DeckgenError("this folder already exists and is not empty: refusing to overwrite it "
                           "(pass --force to replace its course files, or choose another folder with -o)", where)
    names = module_file_names(result)
    files = {COURSE_FILE: course_yaml(result, names)}
    files.update({names[m.number]: module_yaml(result, m) for m in result.modules})
    refuse_what_check_would(result, files, names)
    written = []
    for name, text in files.items():
        path = folder / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written
