"""From outline text to an ImportResult: find the outline, read its header, build the tree, classify, time."""
from __future__ import annotations

import re
from pathlib import PurePath

from ..errors import ERROR, DeckgenError, Diagnostic, Loc
from ..spec import MAX_TEXT
from .chrome import drop_chrome
from .classify import classify_sections
from .durations import bare_number, find_clock, find_length
from .tables import read_tables
from .breaks import agenda_kind
from .titles import is_long_point, too_long
from .header import (Header, duration_days, field_at_start, find_outline_start, find_trailer, outline_heading,
                     read_header)
from .reader import MAX_OUTLINE_BYTES, Marker, line_markers, mid_line_starts
from .labels import BLOCK_LABEL, label_line
from .levels import MODULE, SECTION, accept_markers, bare_headings
from .structure import Piece, TreeBuilder, pieces
from .timing import schedule_days
from .tree import ImportedDay, ImportedModule, ImportedPoint, ImportedSection, ImportResult
from .wording import detect_language, wording

_LIST_PREFIX = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.、)）]|[（(]?\d{1,2}[)）]|[①-⑳])\s*")
_NAME_SPLIT = re.compile(r"\s*[、,，/;；]\s*|\s+and\s+|\s*和\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def import_outline(text: str, source_name: str, line_notes: dict[int, list[str]] | None = None) -> ImportResult:
    """Recognise the course in an outline's text; every guess is a warning in the result. `line_notes` are
    notes tied to lines (a slide's speaker notes, by the line of its title)."""
    _check_line_lengths(text, source_name)
    result = ImportResult(source_name)
    lines, rows = _normalise(text.split("\n"), result)
    notes = {n: rows.get(n, []) + (line_notes or {}).get(n, []) for n in set(rows) | set(line_notes or {})}
    markers = [line_markers(line, number, number in rows) for number, line in enumerate(lines, start=1)]
    _confirmed_mid_line_starts(lines, markers)
    result.course.language = detect_language(text)
    start = find_outline_start(lines, markers)
    end = find_trailer(lines, start) if start is not None else None
    if start is not None:
        start = _add_bare_headings(lines, markers, start, end)
    header = read_header(lines, markers, start)
    texts = _apply_header(result, header, keep_texts=start is not None)
    if start is None:
        _plain_lines_outline(result, texts)
    else:
        _build_tree(result, lines, markers, start, end, notes, rows)
        if end is not None:
            _keep_trailer(result, lines, end)
    _complete(result)
    classify_sections(result)
    schedule_days(result)
    result.warnings.sort(key=lambda d: (d.loc.line if d.loc else 0, d.loc.col if d.loc else 0))
    return result


# The longest line read: a few items run together (`1. … 2. … 3. …`), each at most the longest text an
# outline holds. Every line is scanned for markers, times and lengths by several patterns, so a longer one
# (a file without line breaks) would cost seconds to read into a course `check` then refuses.
MAX_LINE = 2 * MAX_TEXT


def _check_line_lengths(text: str, source_name: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_OUTLINE_BYTES:  # the text of a Word or PowerPoint file (a text file was held to it as read)
        raise DeckgenError(f"the outline's text is too large ({size:,} bytes; the limit is {MAX_OUTLINE_BYTES:,}): "
                           "is this the right file?", Loc(source_name))
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise DeckgenError(Diagnostic(ERROR, f"this line is {len(line):,} characters long; an outline line (a "
                                          f"title, a point, or a few items run together) is at most {MAX_LINE:,}",
                                          Loc(source_name, number, MAX_LINE + 1),
                                          "is this the right file? If the outline lost its line breaks, put each "
                                          "day, module, section and point on a line of its own"))


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__")


def _normalise(lines: list[str], result: ImportResult) -> tuple[list[str], dict[int, list[str]]]:
    """Chrome dropped, Markdown links and bold reduced to their text, tables read as rows; line numbers kept."""
    lines, dropped = drop_chrome(lines)
    for d in dropped:
        result.warn(f"page chrome dropped: '{d.text[:40]}'", d.line, d.col)
    lines = [_EMPHASIS.sub("", _LINK.sub(r"\1", line)) for line in lines]
    return read_tables(lines)


def _confirmed_mid_line_starts(lines: list[str], markers: list[list[Marker]]) -> None:
    """A list whose item 1 is glued to the text before it ("计划一、概述") and whose item 2 opens a later line."""
    seconds = {(ms[0].style, ms[0].number) for ms in markers if ms and ms[0].at_line_start}
    for i, line in enumerate(lines):
        for m in mid_line_starts(line, i + 1):
            later = any(ms and ms[0].at_line_start and ms[0].style == m.style and ms[0].number == 2
                        for ms in markers[i + 1:])
            if later and (m.style, 2) in seconds:
                markers[i] = sorted(markers[i] + [m], key=lambda x: x.start)


def _add_bare_headings(lines: list[str], markers: list[list[Marker]], start: tuple[int, int],
                       end: tuple[int, int] | None) -> tuple[int, int]:
    """Mark unnumbered heading lines; the outline then starts at the first of them if it is just above."""
    headings = bare_headings(lines, markers, (max(0, start[0] - 2), 0), end)
    for m in headings:
        markers[m.line - 1].insert(0, m)
    first = (headings[0].line - 1, 0) if headings else None
    if first is not None and first < start and start[1] == 0 and not field_at_start(lines[first[0]]) \
            and outline_heading(lines[first[0]]) is None:
        return first
    return start


# --- header ---------------------------------------------------------------------------------------

def _apply_header(result: ImportResult, header: Header, keep_texts: bool) -> list[tuple[int, str]]:
    """Course fields from the header; returns its lines that are no field (and not the title)."""
    course = result.course
    sep = "、" if course.language.startswith("zh") else ", "
    notes: list[tuple[int, list[str]]] = []
    for f in header.fields:
        extra = [x for x in f.extra if x.strip()]
        if not f.value and len(extra) == 1:  # 【课程时长】 with its value on the next line
            f.value, extra = _LIST_PREFIX.sub("", extra[0]).strip(), []
        value = f.value or sep.join(_LIST_PREFIX.sub("", x).strip() for x in extra)
        if _fills_field(course, f.name, value):
            continue
        if f.name == "duration":
            course.duration_days = duration_days(value)
        notes.append((f.line, [f"{f.label}: {f.value}" if f.value else f"{f.label}:"] + [f"  {x}" for x in extra]))
    texts = list(header.texts)
    if not course.title:
        _choose_title(result, header, texts)
    if keep_texts:
        notes += [(number, [text]) for number, text in texts]
    result.header_notes += [line for _, lines in sorted(notes, key=lambda n: n[0]) for line in lines]
    return texts


def _book_title(text: str) -> str:
    """"《商务谈判》课程标准" names the course 商务谈判: the title marks say which words are the title."""
    m = re.search(r"《([^》]+)》", text)
    return m.group(1).strip() if m else text.strip("《》 ")


def _fills_field(course, name: str, value: str) -> bool:
    """Put a header value in its course field; False when it is not one (or the field is taken)."""
    if not value:
        return False
    if name == "trainers":
        course.trainers = [n for n in _NAME_SPLIT.split(value) if n]
        return True
    if name in ("title", "subtitle", "audience", "date", "place", "organisation") and not getattr(course, name):
        setattr(course, name, value)
        return True
    return False


def _choose_title(result: ImportResult, header: Header, texts: list[tuple[int, str]]) -> None:
    course = result.course
    if header.title and header.title[1]:
        course.title = _book_title(header.title[1])
        return
    if header.outline_heading:
        course.title = _book_title(header.outline_heading[1])
        result.course_guesses.mark("title", "taken from the line that introduces the outline")
        result.warn("course title taken from the heading of the outline", header.outline_heading[0])
        return
    first = texts[0] if texts and outline_heading(texts[0][1]) is None else None
    if first and len(first[1]) <= 60 and not re.search(r"[。；;!！]$", first[1]):
        texts.pop(0)
        course.title = _book_title(first[1])
        result.course_guesses.mark("title", "taken from the first line")
        result.warn("course title taken from the first line", first[0])
        if texts and texts[0][1].startswith(("—", "--", "-", "–")):
            course.subtitle = texts.pop(0)[1].lstrip("—-– ").strip()
        elif texts and texts[0][0] == first[0] + 1 and _subtitle_like(texts[0][1]):
            # "Two-day programme for new project leads" right under the title: what the cover says below it
            course.subtitle = texts.pop(0)[1]
            result.course_guesses.mark("subtitle", "taken from the line under the title")
        return
    stem = PurePath(result.source_name).stem if result.source_name not in ("-", "<stdin>") else ""
    course.title = re.sub(r"[_\s]+", " ", stem).strip() or wording(course.language).course
    result.course_guesses.mark("title", "the outline names no course: taken from the file name")
    result.warn("the outline names no course: title taken from the file name", 1)


def _subtitle_like(text: str) -> bool:
    """A short line that is no sentence, no bracketed label ("【课程背景】"), no "Course outline" and no bare
    length ("3-day", "2天")."""
    bare_length = len(text) <= 16 and duration_days(text) is not None
    return 0 < len(text) <= (30 if _CJK.search(text) else 60) and not re.search(r"[。；;!！:：]$", text) \
        and not text.startswith(("【", "[", "《")) and outline_heading(text) is None and not bare_length


# --- the outline ----------------------------------------------------------------------------------

def _inside(m: Marker, start: tuple[int, int], end: tuple[int, int] | None) -> bool:
    pos = (m.line - 1, m.start)
    return pos >= start and (end is None or pos < end)


def _build_tree(result: ImportResult, lines: list[str], markers: list[list[Marker]],
                start: tuple[int, int], end: tuple[int, int] | None, notes: dict[int, list[str]],
                rows: dict[int, list[str]]) -> None:
    candidates = [m for ms in markers for m in ms if _inside(m, start, end)]
    timed, bare = _timed_styles(lines, markers, candidates)
    accepted, levels, numbering = accept_markers(candidates, timed)
    for note in numbering:
        result.warn(note.message, note.marker.line, note.marker.col)
    explicit_days = any(m.style in ("day", "weekday") for m in accepted)
    builder = TreeBuilder(result, explicit_days, result.course.language)
    builder.timed, builder.bare_minutes, builder.line_notes, builder.row_cells = timed, bare, notes, rows
    found = _paragraph_headings(pieces(lines, accepted, levels, start, end))
    if not any(p.level is not None and p.level >= MODULE for p in found):
        # Days but no numbering under them: each line of text is a section.
        found = [Piece(SECTION, p.text, p.line, p.col) if p.level is None and p.text else p for p in found]
    for piece in found:
        builder.add(piece)


_MODULE_MINUTES = 60  # items this long on average are modules, not an agenda's sections
_SENTENCE_END = re.compile(r"[。.!?！？;；:：,，、]$")


def _paragraph_headings(found: list[Piece]) -> list[Piece]:
    """A short unnumbered line followed by a paragraph is a section heading; the paragraph is its notes."""
    out = list(found)
    for i, p in enumerate(found):
        if p.level is not None or not _heading_like(p.text):
            continue
        j = i + 1
        while j < len(found) and found[j].level is None and not found[j].text:
            j += 1
        if j < len(found) and found[j].level is None and _paragraph_like(found[j].text):
            out[i] = Piece(SECTION, p.text, p.line, p.col, None, p.indent, p.runs_on)
    return out


def _heading_like(text: str) -> bool:
    if not text or _SENTENCE_END.search(text) or too_long(text, 24, 60) or label_line(text) is not None:
        return False
    return agenda_kind(text) is None and not BLOCK_LABEL.match(text)


def _paragraph_like(text: str) -> bool:
    return is_long_point(text) or (len(text) >= 40 and bool(re.search(r"[。.!?！？]$", text)))


def _item_text(lines: list[str], markers: list[list[Marker]], m: Marker) -> str:
    later = [n.start for n in markers[m.line - 1] if n.start > m.start]
    return lines[m.line - 1][m.end:min(later) if later else None]


def _timed_styles(lines: list[str], markers: list[list[Marker]],
                  candidates: list[Marker]) -> tuple[frozenset[str], bool]:
    """Styles most of whose items give a time short enough for a section (an agenda: "1. 开场(15分钟)"), and
    whether "(5)" closing items is their length. Items of an hour or more each ("一、变革领导力（90分钟）")
    are modules with their own length."""
    counts: dict[str, list[int]] = {}
    lengths: dict[str, list[int]] = {}
    bare = 0
    for m in candidates:
        text = _item_text(lines, markers, m)
        length = find_length(text)
        span = find_clock(text, dotted=False)
        minutes = length.minutes if length else (span.minutes if span is not None and span.end is not None else None)
        timed = m.style == "clock" or minutes is not None
        if minutes is not None:
            lengths.setdefault(m.style, []).append(minutes)
        if bare_number(text.strip()) is not None:
            bare += 1
        c = counts.setdefault(m.style, [0, 0])
        c[0] += 1
        c[1] += timed
    short = {s for s, values in lengths.items() if sum(values) / len(values) < _MODULE_MINUTES}
    timed_styles = frozenset(s for s, (n, t) in counts.items()
                             if n >= 2 and t * 2 >= n and (s == "clock" or s in short or s not in lengths))
    return timed_styles, bare >= 3


def _plain_lines_outline(result: ImportResult, texts: list[tuple[int, str]]) -> None:
    """An outline with no numbering at all: one module, one section per line of text."""
    if not texts:
        raise DeckgenError("found no outline: no days, modules, sections or lines of text after the header",
                           Loc(result.source_name, 1, 1))
    day = ImportedDay(title=wording(result.course.language).day_title(1), loc=result.loc(texts[0][0]))
    texts = [(n, t) for n, t in texts if t.strip()]
    day.guesses.mark("title", "the outline does not name its days")
    module = ImportedModule(number=1, title=result.course.title, loc=result.loc(texts[0][0]))
    module.guesses.mark("title", "the outline has no modules: named after the course")
    headings = {i for i, (_, text) in enumerate(texts[:-1])
                if _heading_like(text) and _paragraph_like(texts[i + 1][1])}
    if headings:
        # Headings each over a paragraph: the headings are the sections, the paragraphs their notes.
        for i, (number, text) in enumerate(texts):
            if i in headings:
                module.sections.append(ImportedSection(title=text, loc=result.loc(number)))
            elif module.sections:
                section = module.sections[-1]
                (section.notes if is_long_point(text) else section.points).append(
                    text if is_long_point(text) else ImportedPoint(text=text, loc=result.loc(number)))
            else:
                result.header_notes.append(text)
    else:
        module.sections = [ImportedSection(title=text, loc=result.loc(number)) for number, text in texts]
    day.modules.append(module)
    result.days.append(day)
    result.warn("no numbering found: each line is read as a section of one module", texts[0][0])


def _keep_trailer(result: ImportResult, lines: list[str], end: tuple[int, int]) -> None:
    first, col = end
    kept = [lines[first][col:].strip()] + [line.strip() for line in lines[first + 1:]]
    result.trailer = [line for line in kept if line]
    if result.trailer:
        result.warn("sign-up, contact or fee details after the outline: kept as a comment at the end of "
                    "course.yaml, not as sections", first + 1, col + 1)


# --- making it valid ------------------------------------------------------------------------------

def _complete(result: ImportResult) -> None:
    """Every module gets a section, every day a module; days follow 培训时长 when the outline marks none."""
    for module in result.modules:
        if module.title == "":
            module.title = wording(result.course.language).module_title(module.number)
            module.guesses.mark("title", "the module heading has no text")
        if not module.sections:
            _section_from_notes(result, module)
        for section in module.sections:
            if not section.title:
                section.title = module.title
                section.guesses.mark("title", "the section heading has no text")
                result.warn("a section heading with no text: named after its module", section.loc.line,
                            section.loc.col)
    _drop_empty_days(result)
    if not result.days:
        raise DeckgenError("found no modules or sections in the outline", Loc(result.source_name, 1, 1))
    _split_days_by_duration(result)


def _section_from_notes(result: ImportResult, module: ImportedModule) -> None:
    section = ImportedSection(title=module.title, loc=module.loc)
    section.points = [ImportedPoint(text=n, loc=module.loc) for n in module.notes if not is_long_point(n)]
    section.notes = [n for n in module.notes if is_long_point(n)]
    module.notes = []
    section.guesses.mark("title", "the module has no sections: one section named after the module")
    module.sections.append(section)
    result.warn(f"module '{module.title}' has no sections: made one section named after it",
                module.loc.line, module.loc.col)


def _drop_empty_days(result: ImportResult) -> None:
    kept: list[ImportedDay] = []
    carried: list[str] = []
    for day in result.days:
        if day.modules:
            day.notes = carried + day.notes
            carried = []
            kept.append(day)
            continue
        carried += [day.title] + day.notes
        result.warn(f"'{day.title}' has no modules: its text is kept as a comment on the next day",
                    day.loc.line, day.loc.col)
    if carried and kept:
        kept[-1].notes += carried
    elif carried:
        result.header_notes += carried
    result.days = kept


def _split_days_by_duration(result: ImportResult) -> None:
    """One unmarked day but 培训时长 says 2天: share the modules over two days by section count."""
    wanted = result.course.duration_days or 1
    if len(result.days) != 1 or wanted < 2 or result.days[0].guesses.get("title") is None:
        return
    modules = result.days[0].modules
    if len(modules) < wanted:
        return
    total = sum(len(m.sections) for m in modules)
    days: list[ImportedDay] = []
    done = 0
    for module in modules:
        index = min(wanted - 1, done * wanted // total) if total else 0
        while len(days) <= index:
            number = len(days) + 1
            title = wording(result.course.language).day_title(number)
            day = ImportedDay(title=title, loc=module.loc)
            day.guesses.mark("title", "the outline marks no days: modules shared over the days of 培训时长")
            days.append(day)
        days[index].modules.append(module)
        done += len(module.sections)
    days[0].notes = result.days[0].notes
    result.days = days
    result.warn(f"the outline marks no days but its duration is {wanted} days: modules shared over them",
                modules[0].loc.line, modules[0].loc.col)
