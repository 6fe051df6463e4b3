"""The day → module → section → point tree built from the outline's pieces, one piece at a time."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .breaks import AFTER, BEFORE, agenda_kind
from .classify import label_kind
from .labels import BLOCK_LABEL, HEADER_ITEM, OUTLINE_ITEM, block_kind, label_line
from .levels import DAY, DEEP, HALF, MAX_SUB_POINTS, MODULE, POINT, SECTION, SUB, levels_per_module
from .reader import Marker
from .titles import DayNote, ReadItem, is_long_point, read_item, take_day_note
from .tree import AgendaEvent, ImportedDay, ImportedModule, ImportedPoint, ImportedSection, ImportResult
from .wording import wording

_KIND_LABEL = re.compile(r"^(?P<label>[^:：]{1,30}?)\s*[:：]\s*(?P<rest>.*)$")
_TIME_RANGE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]+\s*(\d{1,2})[:：](\d{2})")
_TITLE_TRIM = " \t\u3000:：-–—|｜;；"
_CLOCK_SPAN = r"\d{1,2}[:：]\d{2}\s*[-–—~～至到]+\s*\d{1,2}[:：]\d{2}"
# "Session 1 (9:00-10:30): Why change fails", "一、开场 9:00-9:30": the times are not the title.
_TIMES_ANYWHERE = re.compile(rf"[（(\[]?\s*{_CLOCK_SPAN}\s*[）)\]]?")


# --- building the tree ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """One item of the outline: a marker with its text, or a line of text with no marker (marker None)."""

    level: int | None
    text: str
    line: int
    col: int
    marker: Marker | None = None
    indent: int = 0
    runs_on: bool = False  # its line held several items


def pieces(lines: list[str], accepted: list[Marker], levels: dict[str, int],
           start: tuple[int, int], end: tuple[int, int] | None) -> list[Piece]:
    """The outline between `start` and `end` cut at every accepted marker, in reading order."""
    own = levels_per_module(accepted, levels)
    by_line: dict[int, list[Marker]] = {}
    for m in accepted:
        by_line.setdefault(m.line, []).append(m)
    out: list[Piece] = []
    last_line = end[0] if end is not None else len(lines) - 1
    for i in range(start[0], min(last_line, len(lines) - 1) + 1):
        line = lines[i]
        lo = start[1] if i == start[0] else 0
        hi = end[1] if end is not None and i == end[0] else len(line)
        here = [m for m in by_line.get(i + 1, []) if lo <= m.start < hi]
        indent = len(line) - len(line.lstrip(" \t\u3000"))
        runs_on = len(here) > 1
        first = here[0].start if here else hi
        if line[lo:first].strip():
            col = lo + len(line[lo:first]) - len(line[lo:first].lstrip()) + 1
            out.append(Piece(None, line[lo:first].strip(), i + 1, col, None, indent, runs_on))
        for m, following in zip(here, here[1:] + [None]):
            text = line[m.body_start:following.start if following else hi].strip()
            out.append(Piece(own.get(m.pos, levels[m.style]), text, i + 1, m.col, m, indent, runs_on))
        if not line[lo:hi].strip():
            out.append(Piece(None, "", i + 1, 1))  # a blank line ends wrapped text
    return out


def _unfinished(text: str) -> bool:
    """A title that stops mid-sentence: long, and no punctuation closes it (wrapped onto the next line)."""
    return len(text) >= 30 and not re.search(r"[.。!！?？:：;；)）]$", text)


def clean_title(text: str) -> str:
    text = text.strip(_TITLE_TRIM)
    return text[:-1] if text.endswith("。") and "。" not in text[:-1] else text


def join_text(first: str, more: str) -> str:
    """Wrapped text joined back: no space between Chinese characters, one between words."""
    if not first:
        return more
    if _is_cjk(first[-1]) or _is_cjk(more[:1]):
        return first + more
    return f"{first} {more}"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


class TreeBuilder:
    """Adds pieces one by one to the result's days, keeping track of the open day, module, section, point."""

    def __init__(self, result: ImportResult, explicit_days: bool, language: str):
        self.result = result
        self.explicit_days = explicit_days
        self.words = wording(language)
        self.day: ImportedDay | None = None
        self.module: ImportedModule | None = None
        self.section: ImportedSection | None = None
        self.point: ImportedPoint | None = None
        self.sub: ImportedPoint | None = None
        self.point_style: str | None = None
        self.day_number: int | None = None
        self.untitled: ImportedModule | ImportedSection | None = None
        self.previous: Piece | None = None
        self.half_days: list[str] = []
        self.day_spans: list[tuple[str, str]] = []
        self.half_title: str | None = None
        self.timed: frozenset[str] = frozenset()  # styles whose items carry times: an agenda
        self.bare_minutes = False  # "(5)" closing items is their length
        self.after_event = False  # text after a break or lunch line is about it, not the section before
        self.line_notes: dict[int, list[str]] = {}  # notes tied to a line: a table's room column, a slide's notes
        self.row_cells: dict[int, list[str]] = {}  # of those, a table row's cells (not a slide's speaker notes)
        self.block: ImportedModule | None = None  # the module whose objectives/preparation block is open
        self.header_block = False  # inside a numbered header item ("一、课程简介")
        self.block_style: str | None = None
        self.header_target = object()  # self.block when the open block is the header's

    # each level ------------------------------------------------------------------------------------

    def add(self, piece: Piece) -> None:
        if self.header_block and (piece.level is None or piece.level > MODULE):
            if piece.text:
                self.result.header_notes.append(piece.text)
            return
        if piece.level is not None:
            self.after_event = False
        if self._in_block(piece):
            return
        if piece.level is None:
            self._text(piece)
        elif piece.level == DAY:
            self._day(piece)
        elif piece.level == HALF:
            self._half_day(piece)
        elif piece.level == MODULE:
            self._module(piece)
        elif piece.level == SECTION:
            self._section(piece)
        elif self._timed_line_of_its_own(piece) or self._bulleted_activity(piece):
            pass
        elif piece.level == POINT:
            self._point(piece)
        else:
            self._sub_point(piece)
        if piece.text or piece.level is not None:
            self.previous = piece

    def _timed_line_of_its_own(self, piece: Piece) -> bool:
        """An unnumbered line that carries a time ranks below the numbered items around it, but a break
        ("午餐 12:00-13:30") is the day's and a labelled activity ("小组讨论：…（15分钟）") a section."""
        if piece.marker is None or piece.marker.style != "clock" or self.module is None:
            return False
        item = read_item(piece.text)
        if agenda_kind(item.title) is not None:
            return self._agenda_event(item, piece)
        label = label_line(piece.text)
        if label is None:
            return False
        self._section(piece, read_item(label))
        return True

    def _bulleted_activity(self, piece: Piece) -> bool:
        """A bullet under a numbered section that opens with a case or exercise label ("・ケーススタディ：…",
        "- Case study: the lost parcel") is a section of its own, not a point of the section above; other
        labels ("- Model: GROW", "- 工具：…") stay points."""
        if piece.marker is None or not piece.marker.style.startswith("bullet") or self.section is None:
            return False
        m = _KIND_LABEL.match(piece.text.strip())
        if m is None or label_kind(m.group("label")) not in ("case", "exercise") or not m.group("rest").strip():
            return False
        self._section(piece, read_item(piece.text.strip()))
        return True

    def _day(self, piece: Piece) -> None:
        if self.day is not None and piece.marker is not None and piece.marker.number == self.day_number:
            if clean_title(piece.text) != self.day.title:
                self.day.notes.append(piece.text)  # the same day named again ("第一天下午")
            self._read_times(piece.text)
            return
        self.day_number = piece.marker.number if piece.marker is not None else None
        # Times on the day line become its start and end; the title keeps the words.
        title = clean_title(_TIMES_ANYWHERE.sub("", piece.text)) or clean_title(piece.text)
        if piece.marker is not None and piece.marker.style == "weekday":
            title = clean_title(piece.text)
        self.day = ImportedDay(title=title, loc=self.result.loc(piece.line, piece.col))
        self.result.days.append(self.day)
        self.module = self.section = self.point = self.sub = None
        self.half_days, self.day_spans, self.half_title = [], [], None
        self._read_times(piece.text)

    def _half_day(self, piece: Piece) -> None:
        word = piece.marker.text if piece.marker else piece.text
        morning = word in ("上午", "Morning", "MORNING")
        if not self.explicit_days and (self.day is None or (morning and self.half_days)):
            self._guessed_day(piece)
        elif self.day is None:
            self._guessed_day(piece)
        self.half_days.append(word)
        self.day.notes.append(f"{word} {piece.text}".strip())
        self._read_times(piece.text)
        # A half day groups what follows: a module made up for the sections before it ends here.
        rest = clean_title(_TIMES_ANYWHERE.sub("", piece.text))
        self.half_title = rest or word
        if self.module is not None and "title" in self.module.guesses:
            self.module = self.section = self.point = self.sub = None

    def _guessed_day(self, piece: Piece) -> None:
        number = len(self.result.days) + 1
        title = self.words.day_title(number)
        self.day = ImportedDay(title=title, loc=self.result.loc(piece.line, piece.col))
        self.day.guesses.mark("title", "the outline does not name its days")
        self.day_number = None
        self.result.days.append(self.day)
        self.module = self.section = self.point = self.sub = None
        self.half_days, self.day_spans, self.half_title = [], [], None

    def _read_times(self, text: str) -> None:
        """Clock times written at day level ("上午 9:00-12:00") set when the day starts and ends."""
        for a, b, c, d in _TIME_RANGE.findall(text):
            self.day_spans.append((f"{int(a):02d}:{b}", f"{int(c):02d}:{d}"))
        if self.day is not None and self.day_spans:
            self.day.start = min(s for s, _ in self.day_spans)
            self.day.end = max(e for _, e in self.day_spans)
            self.day.times_read = True

    def _module(self, piece: Piece) -> None:
        self.header_block = False
        text, day_note = take_day_note(piece.text)
        item = self._read(replace(piece, text=text))
        if self._agenda_event(item, piece):
            return
        head = HEADER_ITEM.match(item.title)
        if head is not None:
            # "一、课程简介…", "二、课程目标": the header numbered like the outline; kept as course comments.
            self.header_block = True
            self.result.header_notes.append(piece.text)
            self.result.warn(f"'{head.group('label')}' is part of the header, not a module: kept as a comment in "
                             "course.yaml", piece.line, piece.col)
            return
        word = OUTLINE_ITEM.match(item.title)
        if word is not None and word.group("rest").strip():
            # "三、教学内容本课程的教学内容包括…": the module is the content; what follows describes it.
            item.title, item.rest = word.group("word"), [word.group("rest").strip(" :：")] + item.rest
        if day_note is not None:
            self._day_from_note(day_note, piece)
        if self.day is None:
            self._guessed_day(piece)
        number = len(self.result.modules) + 1
        self.module = ImportedModule(number=number, title=clean_title(item.title),
                                     loc=self.result.loc(piece.line, piece.col),
                                     marker=piece.marker.text if piece.marker else "", time=item.time)
        self.module.notes += ([day_note.words] if day_note else []) + item.rest + item.notes \
            + self.line_notes.get(piece.line, [])
        self._note_bare_heading(piece, self.module)
        self.day.modules.append(self.module)
        self.section = self.point = self.sub = None
        self.untitled = self.module if not self.module.title else None

    def _day_from_note(self, note: DayNote, piece: Piece) -> None:
        """"Module 3: Concessions (Day 2)" in an outline that marks no days starts day 2 at that module.
        Under the outline's own day headings, those win and a disagreeing note is reported."""
        numbered = self.day is not None and self.day_number is not None
        current = self.day_number if numbered else len(self.result.days)
        if self.explicit_days:
            if self.day is not None and self.day_number is not None and note.day != self.day_number:
                self.result.warn(f"the module line says '{note.words}' but the module is under "
                                 f"'{self.day.title}': the day headings win", piece.line, piece.col)
            return
        if self.day is not None and note.day < current:
            self.result.warn(f"'{note.words}' after day {current}: days only go forward, so the module stays in "
                             f"day {current}", piece.line, piece.col)
            return
        if self.day is not None and note.day == current:
            self.day.guesses.reasons.pop("title", None)  # the outline names this day after all
            return
        if self.day is not None and not self.day.modules and "title" in self.day.guesses:
            self.result.days.remove(self.day)  # a day opened by a break line before any module: this one
        if note.day != current + 1:
            self.result.warn(f"'{note.words}' where day {current + 1} was expected: the day keeps the number "
                             "written", piece.line, piece.col)
        title = self.words.day_title(note.day)
        events = self.day.events if self.day is not None and self.day not in self.result.days else []
        self.day = ImportedDay(title=title, loc=self.result.loc(piece.line, piece.col), events=events)
        self.result.days.append(self.day)
        self.day_number = note.day
        self.module = self.section = self.point = self.sub = None
        self.half_days, self.day_spans, self.half_title = [], [], None

    def _section(self, piece: Piece, item: ReadItem | None = None) -> None:
        item = item or self._read(piece)
        if self._agenda_event(item, piece):
            return
        if self.module is None:
            self._implicit_module(piece)
        self.section = ImportedSection(title=clean_title(item.title), loc=self.result.loc(piece.line, piece.col),
                                       marker=piece.marker.text if piece.marker else "", time=item.time)
        self._note_bare_heading(piece, self.section)
        self.module.sections.append(self.section)
        self.point = self.sub = None
        # a table row's other cells ("Method: Trios") say how the item is run, which tells an exercise apart
        self.section.description = " ".join(item.rest + item.notes + self.row_cells.get(piece.line, []))
        for text in item.rest:
            self._add_text(self.section, text, piece)
        self.section.notes += item.notes + self.line_notes.get(piece.line, [])
        self.untitled = self.section if not self.section.title else None

    def _read(self, piece: Piece) -> ReadItem:
        style = piece.marker.style if piece.marker is not None else None
        return read_item(piece.text, bare_minutes=self.bare_minutes, agenda=style in self.timed)

    def _add_text(self, section: ImportedSection, text: str, piece: Piece) -> None:
        """A description or overflow: a point when it is short, the section's notes when it is a paragraph."""
        if is_long_point(text):
            section.notes.append(text)
        else:
            section.points.append(ImportedPoint(text=text, loc=self.result.loc(piece.line, piece.col)))

    def _agenda_event(self, item: ReadItem, piece: Piece) -> bool:
        """Breaks, lunch, the day's end, arrival and dinner are the day's timetable, not sections."""
        kind = agenda_kind(item.title)
        if kind is None:
            return False
        if self.day is None:
            self._guessed_day(piece)
        done = sum(max(1, len(m.sections)) for m in self.day.modules)  # a module with none will get one
        self.day.events.append(AgendaEvent(kind, clean_title(item.title), self.result.loc(piece.line, piece.col),
                                           done, item.time))
        self.after_event = True
        if kind in (BEFORE, AFTER):
            self.result.warn(f"'{clean_title(item.title)}' is no teaching: it sets when the day "
                             f"{'starts' if kind == BEFORE else 'ends'}", piece.line, piece.col)
        self.point = self.sub = None
        return True

    def _note_bare_heading(self, piece: Piece, node: ImportedModule | ImportedSection) -> None:
        if piece.marker is not None and piece.marker.style.startswith("bare:"):
            node.guesses.mark("title", "an unnumbered line above a numbered list, read as its heading")
            self.result.warn("an unnumbered line above a numbered list read as a heading", piece.line, piece.col)

    def _point(self, piece: Piece, guess: str | None = None) -> None:
        if not piece.text.strip():
            self.point = self.sub = None  # a marker with nothing after it holds no point
            return
        if self.section is None:
            self._implicit_section(piece)
        self.point = ImportedPoint(text=piece.text.strip(), loc=self.result.loc(piece.line, piece.col))
        self.point_style = piece.marker.style if piece.marker else None
        if guess:
            self.point.guesses.mark("text", guess)
        self.section.points.append(self.point)
        self.sub = None

    def _sub_point(self, piece: Piece) -> None:
        # With no point above it, or in the same style as the point above, a deeper marker is a point:
        # "①②" straight under a section are its points, not one point and its sub-points.
        if self.point is None or (piece.marker is not None and piece.marker.style == self.point_style):
            self._point(piece)
            return
        if not piece.text.strip():
            return
        if piece.level == DEEP:
            self.result.warn("a third level of points is flattened into sub-points", piece.line, piece.col)
        self.sub = ImportedPoint(text=piece.text.strip(), loc=self.result.loc(piece.line, piece.col))
        if len(self.point.points) >= MAX_SUB_POINTS:
            self.section.notes.append(self.sub.text)
            self.result.warn(f"more than {MAX_SUB_POINTS} sub-points: this one is kept in the section's notes",
                             piece.line, piece.col)
            return
        self.point.points.append(self.sub)

    def _implicit_module(self, piece: Piece) -> None:
        if self.day is None:
            self._guessed_day(piece)
        title = self.day.title if self.day.guesses.get("title") is None else (self.result.course.title or "")
        if self.half_title:
            title = self.half_title
        self.module = ImportedModule(number=len(self.result.modules) + 1, title=title or "模块",
                                     loc=self.result.loc(piece.line, piece.col))
        self.module.guesses.mark("title", "the outline has sections here but no module heading")
        self.result.warn("sections with no module heading: put in a module named after the day", piece.line,
                         piece.col)
        self.day.modules.append(self.module)

    def _implicit_section(self, piece: Piece) -> None:
        if self.module is None:
            self._implicit_module(piece)
        self.section = ImportedSection(title=self.module.title, loc=self.result.loc(piece.line, piece.col))
        self.section.guesses.mark("title", "points with no section heading: the section is named after the module")
        self.result.warn("points with no section heading: kept in a section named after the module",
                         piece.line, piece.col)
        self.module.sections.append(self.section)

    # text with no marker ---------------------------------------------------------------------------

    def _text(self, piece: Piece) -> None:
        if not piece.text:
            self.previous = None  # a blank line: nothing wraps across it
            return
        if self.untitled is not None:
            self.untitled.title = clean_title(piece.text)
            self.untitled = None
            return
        if self._continues_previous(piece):
            return
        if self._block_label(piece):
            return
        item = read_item(piece.text)
        if agenda_kind(item.title) is not None and (item.time.any or self.day is not None):
            self._agenda_event(item, piece)
            return
        if self.after_event and self.day is not None:
            self.day.notes.append(piece.text)
            return
        label = label_line(piece.text)
        if label is not None and (self.module is not None or self.day is not None):
            self._section(piece, read_item(label))
            return
        if self.module is None:
            self._day_text(piece)
        elif self.section is None:
            self.module.notes.append(piece.text)
            self.result.warn("text under the module heading kept as the module's notes", piece.line, piece.col)
        elif is_long_point(piece.text):
            self.section.notes.append(piece.text)  # a paragraph explains the section: the speaker says it
        else:
            self._point(piece, "a line with no numbering, read as a point")
            self.result.warn("a line with no numbering read as a point", piece.line, piece.col)

    # facilitator blocks inside a module ------------------------------------------------------------

    def _block_label(self, piece: Piece) -> bool:
        """"Objectives", "Preparation", "Materials:" open a block of notes; "Time: 2 hours" is the module's
        length; "Timing & Methodology" only closes the block before it."""
        m = BLOCK_LABEL.match(piece.text.strip())
        if m is None:
            return False
        if self.module is None:
            return self._header_block(piece, m)
        kind = block_kind(m.group("label"))
        self.block = None
        self.block_style = None
        rest = (m.group("rest") or "").strip()
        if kind == "length":
            length = read_item(rest).time.minutes if rest else None
            if length is None:
                return False
            if self.module.time.minutes is None:
                self.module.time.minutes = length
            self.module.notes.append(piece.text.strip())
            return True
        self.module.notes.append(piece.text.strip())
        if kind == "notes":
            self.block = self.module
        return True

    def _header_block(self, piece: Piece, m) -> bool:
        """"Learning outcomes" before the first module: the header's, kept as a comment in course.yaml."""
        if block_kind(m.group("label")) != "notes":
            return False
        self.result.header_notes.append(piece.text.strip())
        self.block = self.header_target
        self.block_style = None
        return True

    def _in_block(self, piece: Piece) -> bool:
        """Lines of an objectives, preparation or materials block go to the module's notes."""
        if self.block is None or (self.block is not self.module and self.block is not self.header_target):
            self.block = None
            return False
        if piece.level is not None and piece.level <= MODULE:
            self.block = None
            return False
        if piece.level is None:
            if not piece.text:
                return True
            if BLOCK_LABEL.match(piece.text.strip()):
                return False
            if self.block_style is not None:  # text after the block's list: the block is over
                self.block = None
                return False
        else:
            style = piece.marker.style if piece.marker is not None else None
            if self.block_style is None:
                self.block_style = style
            elif style != self.block_style and piece.level <= SECTION:
                self.block = None
                return False
        if piece.text:
            (self.result.header_notes if self.block is self.header_target else self.module.notes).append(piece.text)
        return True

    def _continues_previous(self, piece: Piece) -> bool:
        """Wrapped text: an indented line under a point, or the next line of a run-on paragraph."""
        before = self.previous
        if before is None or before.line != piece.line - 1:
            return False
        wrapped = (before.runs_on and piece.col == 1) or (piece.indent > before.indent and before.level in
                                                            (POINT, SUB, DEEP, None)) \
            or (piece.indent > before.indent and before.level in (MODULE, SECTION) and _unfinished(before.text)
                and piece.text[:1].islower())
        if not wrapped:
            return False
        target = self.sub or self.point
        if target is not None and before.level in (POINT, SUB, DEEP, None):
            target.text = join_text(target.text, piece.text)
        elif self.section is not None and before.level == SECTION:
            self.section.title = join_text(self.section.title, clean_title(piece.text))
        elif self.module is not None and before.level == MODULE:
            self.module.title = join_text(self.module.title, clean_title(piece.text))
        else:
            return False
        return True

    def _day_text(self, piece: Piece) -> None:
        if self.day is None:
            self.result.header_notes.append(piece.text)
            self.result.warn("text before the first module kept as a comment in course.yaml", piece.line,
                             piece.col)
            return
        self.day.notes.append(piece.text)
        self._read_times(piece.text)
        self.result.warn("text under the day heading kept as a comment in course.yaml", piece.line, piece.col)


# Unnumbered lines that open a part of a section: "案例演示:", "实操演练：…", "Exercise:", "> quoted".


