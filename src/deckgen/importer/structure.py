"""Which markers are structure and at what level, and the day → module → section → point tree built from them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .breaks import AFTER, BEFORE, agenda_kind
from .durations import find_length
from .reader import Marker, base_style
from .titles import ReadItem, is_long_point, read_item
from .tree import AgendaEvent, ImportedDay, ImportedModule, ImportedPoint, ImportedSection, ImportResult

DAY, HALF, MODULE, SECTION, POINT, SUB, DEEP = range(7)
LEVEL_NAMES = {DAY: "day", HALF: "half day", MODULE: "module", SECTION: "section", POINT: "point",
               SUB: "sub-point", DEEP: "deeper item"}
MAX_SUB_POINTS = 12  # the outline format's limit for a point's sub-points

# Styles of about the same rank are told apart by which comes first; these buckets say which rank above which.
_BUCKETS = {"module": (20, 0), "roman": (20, 1), "session": (20, 2), "step": (20, 3), "cn-enum": (30, 0), "cn-jie": (30, 0),
            "cn-paren": (30, 1), "arabic-dun": (40, 0), "arabic-dot": (40, 0), "decimal2": (40, 1),
            "decimal3": (40, 2), "arabic-paren": (50, 0), "arabic-paren2": (50, 0), "letter": (50, 0),
            "circled": (50, 1), "subdash": (70, 0), "clock": (45, 0), "row": (45, 0)}
_TIME_RANGE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]+\s*(\d{1,2})[:：](\d{2})")
_TITLE_TRIM = " \t\u3000:：-–—|｜;；"
_CLOCK_SPAN = r"\d{1,2}[:：]\d{2}\s*[-–—~～至到]+\s*\d{1,2}[:：]\d{2}"
# "Session 1 (9:00-10:30): Why change fails", "一、开场 9:00-9:30": the times are not the title.
_TIMES_ANYWHERE = re.compile(rf"[（(\[]?\s*{_CLOCK_SPAN}\s*[）)\]]?")
_TIMES_IN_TITLE = re.compile(rf"^[（(\[]?\s*(?P<a>{_CLOCK_SPAN})\s*[）)\]]?|[（(\[]?\s*(?P<b>{_CLOCK_SPAN})\s*[）)\]]?$")


def _rank(style: str) -> tuple[int, int]:
    if ">" in style:  # the same numbering indented: one step deeper per indent
        bucket, sub = _rank(base_style(style))
        return (bucket, sub + int(style.split(">", 1)[1]))
    if style.startswith("bare:"):  # an unnumbered heading sits just above the list it introduces
        bucket, sub = _rank(style[len("bare:"):])
        return (bucket - 1, sub)
    if style.startswith("heading:"):
        return (10, int(style.split(":")[1]))
    if style.startswith("bullet:"):
        return (60, int(style.split(":")[1]))
    return _BUCKETS[style]


# --- levels and acceptance ------------------------------------------------------------------------

def assign_levels(markers: list[Marker], timed: frozenset[str] = frozenset()) -> dict[str, int]:
    """Each style's level: days first, then module, section, point… in rank order, ties by first use.

    A numbered style counts only once some marker of it starts a list (number 1): "2019." starts nothing.
    A timed list at the top (an agenda: "1. 开场活动(15分钟)", "09:00 Welcome") is the sections of one
    module, unless numbered items under it make it the modules.
    """
    first_use: dict[str, int] = {}
    starts: set[str] = set()
    for index, m in enumerate(markers):
        first_use.setdefault(m.style, index)
        if m.number in (None, 1) or (m.style in ("module", "session", "step") and m.at_line_start):
            starts.add(m.style)  # "Session 3: …" opening a page of its own still heads a module
    ordered = sorted((s for s in first_use if s not in ("day", "half", "weekday") and s in starts),
                     key=lambda s: (_rank(s), first_use[s]))
    levels = {"day": DAY, "half": HALF, "weekday": DAY}
    top = MODULE
    # A list with nothing numbered under it is the sections of one module when its items carry times (an
    # agenda) or are plain numbers ("1." "2)" …, one flat list of steps); "一、" and "Module 1" head modules.
    halves = any(m.style == "half" for m in markers)
    if ordered and not ordered[0].startswith("heading") and not any(_numbered_list(s) for s in ordered[1:2]) \
            and (ordered[0] in timed or base_style(ordered[0]) in _FLAT_LIST_STYLES
                 or (halves and ordered[0].startswith("bullet"))):
        top = SECTION
    for depth, style in enumerate(ordered):
        levels[style] = min(top + depth, DEEP)
    return levels


_FLAT_LIST_STYLES = ("arabic-dot", "arabic-dun", "arabic-paren", "arabic-paren2", "clock")


def _numbered_list(style: str) -> bool:
    """Styles that number sections ("1.", "（一）", "1.1"); bullets, letters and ① number points."""
    return not style.startswith(("bullet", "bare:")) and base_style(style) not in (
        "letter", "circled", "subdash", "arabic-paren", "arabic-paren2", "clock")


@dataclass(frozen=True)
class Numbering:
    """A note about numbering that was accepted although it does not run on (a guess)."""

    marker: Marker
    message: str


def accept_markers(markers: list[Marker], timed: frozenset[str] = frozenset()
                   ) -> tuple[list[Marker], dict[str, int], list[Numbering]]:
    """The markers that continue or restart their list, with the levels they settle on.

    Levels and acceptance depend on each other, so settle them together: a style whose every marker was
    refused ("(一)" in "场景(一):") no longer takes a level.
    """
    levels = assign_levels(markers, timed)
    for _ in range(4):
        accepted, notes = _filter_by_numbering(markers, levels)
        settled = assign_levels(accepted, timed)
        if settled == levels:
            break
        levels = settled
    return accepted, levels, notes


def _filter_by_numbering(markers: list[Marker], levels: dict[str, int]) -> tuple[list[Marker], list[Numbering]]:
    last: dict[str, int] = {}
    restartable: set[str] = set()
    accepted: list[Marker] = []
    notes: list[Numbering] = []
    for m in markers:
        level = levels.get(m.style)
        if level is None:
            continue
        counter = m.style
        if m.number is not None and m.style != "weekday":
            verdict = _day_continues(m, last.get("day", 0)) if m.style == "day" else \
                _continues(m, last.get(counter, 0), counter in restartable)
            if verdict is None:
                continue
            if verdict:
                notes.append(Numbering(m, verdict))
            last[counter] = m.number
            restartable.discard(counter)
        accepted.append(m)
        restartable.update(s for s, lv in levels.items() if lv > level)
    return accepted, notes


def _day_continues(m: Marker, last: int) -> str | None:
    """Days only go forward; "第一天上午 … 第一天下午" names the same day twice."""
    if m.number in (last, last + 1):
        return ""
    if m.at_line_start and last + 1 < m.number <= last + 3:
        return f"days jump from {last} to {m.number}"
    return None


def _continues(m: Marker, last: int, parent_changed: bool) -> str | None:
    """"" when the number is the expected one, a warning when a line-start marker is accepted anyway,
    None when it is text ("80、90后" after "4、")."""
    n = m.number
    if n == last + 1 or (n == 1 and parent_changed):
        return ""
    if not m.at_line_start:
        return None
    if n == 1:
        return f"numbering restarts at 1 after {last} with no heading in between: read as a new list"
    if last + 1 < n <= last + 3:
        return f"numbering jumps from {last} to {n}"
    return None


def levels_per_module(accepted: list[Marker], levels: dict[str, int]) -> dict[tuple[int, int], int]:
    """Levels decided inside each module: an outline that changes style midway ("1." sections in one module,
    an agenda table in the next) gives each module's own top style the section level. Keyed by position."""
    own: dict[tuple[int, int], int] = {}
    segment: list[Marker] = []

    def settle() -> None:
        order: dict[str, int] = {}
        for m in segment:
            order.setdefault(m.style, len(order))
        ranked = sorted(order, key=lambda s: (_rank(s), order[s]))
        for m in segment:
            own[m.pos] = min(SECTION + ranked.index(m.style), DEEP)

    # A day or half day holding items but no module heading is settled the same way: its module is implied.
    modules_anywhere = any(levels.get(m.style) == MODULE for m in accepted)
    inside = False
    for m in accepted:
        level = levels.get(m.style)
        if level is not None and level <= MODULE:
            if inside and segment and (not modules_anywhere or not any(levels.get(x.style) == MODULE
                                                                         for x in segment)):
                settle()
            segment, inside = [], True
            continue
        if inside:
            segment.append(m)
    if inside and segment:
        settle()
    return own


# --- unnumbered headings -------------------------------------------------------------------------

def bare_headings(lines: list[str], markers: list[list[Marker]], start: tuple[int, int],
                  end: tuple[int, int] | None) -> list[Marker]:
    """Short unnumbered lines that each introduce a list restarting at 1 ("开场" then "1. …", "2. …",
    "销售的本质" then "1. …"): headings one level above that list. Needs the pattern twice to believe it."""
    last = end[0] if end is not None else len(lines) - 1
    restarts: dict[str, list[int]] = {}
    previous: Marker | None = None
    for i in range(start[0], last + 1):
        head = markers[i][0] if markers[i] and markers[i][0].at_line_start else None
        # A list starts at number 1, or at a bullet whose line above holds no bullet of its kind.
        bullet_start = head is not None and head.style.startswith("bullet") and \
            (previous is None or previous.style != head.style)
        listed = head is not None and base_style(head.style) in _BUCKETS and head.style not in _NO_HEADING_ABOVE
        if listed and (head.number == 1 or bullet_start) or (bullet_start and head.style.startswith("bullet")):
            restarts.setdefault(head.style, []).append(i)
        if lines[i].strip():
            previous = head
    best: list[Marker] = []
    for style, starts in restarts.items():
        heads = [j for j in (_heading_line_above(lines, markers, i) for i in starts) if j is not None]
        timed = len(heads) == 1 and find_length(lines[heads[0]]) is not None  # "High-level summary 15 min"
        if (len(heads) >= 2 or timed) and len(heads) >= len(starts) - 1 and len(heads) > len(best):
            best = [_bare_marker(lines[j], j, style) for j in heads]
    return best


_NO_HEADING_ABOVE = ("module", "session", "step", "clock")  # words that head themselves; an agenda has no heads


def _heading_line_above(lines: list[str], markers: list[list[Marker]], index: int) -> int | None:
    j = index - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or markers[j] or len(lines[j].strip()) > 40 or lines[j].strip()[-1:] in "。.;；:：,，":
        return None
    if _BLOCK_LABEL.match(lines[j].strip()):
        return None  # "Preparation", "Total: 70 minutes": a facilitator's block, not a heading of the teaching
    return j


def _bare_marker(line: str, index: int, style: str) -> Marker:
    indent = len(line) - len(line.lstrip(" \t\u3000"))
    return Marker(f"bare:{style}", None, index + 1, indent, indent, True, "")


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


def split_times(text: str) -> tuple[str, str | None]:
    """A title without clock times at its start or end, and those times (kept as notes)."""
    m = _TIMES_IN_TITLE.search(text.strip())
    if m is None:
        return text, None
    rest = clean_title(text.strip()[:m.start()] + text.strip()[m.end():])
    return (rest, m.group("a") or m.group("b")) if rest else (text, None)


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
        self.chinese = language.startswith("zh")
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
        self.block: ImportedModule | None = None  # the module whose objectives/preparation block is open
        self.header_block = False  # inside a numbered header item ("一、课程简介")
        self.block_style: str | None = None

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
        elif piece.level == POINT:
            self._point(piece)
        else:
            self._sub_point(piece)
        if piece.text or piece.level is not None:
            self.previous = piece

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
        title = f"第{cn_numeral(number)}天" if self.chinese else f"Day {number}"
        self.day = ImportedDay(title=title, loc=self.result.loc(piece.line, piece.col))
        self.day.guesses.mark("title", "the outline does not name its days")
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
        item = self._read(piece)
        if self._agenda_event(item, piece):
            return
        head = _HEADER_ITEM.match(item.title)
        if head is not None:
            # "一、课程简介…", "二、课程目标": the header numbered like the outline; kept as course comments.
            self.header_block = True
            self.result.header_notes.append(piece.text)
            self.result.warn(f"'{head.group('label')}' is part of the header, not a module: kept as a comment in "
                             "course.yaml", piece.line, piece.col)
            return
        word = _OUTLINE_ITEM.match(item.title)
        if word is not None and word.group("rest").strip():
            # "三、教学内容本课程的教学内容包括…": the module is the content; what follows describes it.
            item.title, item.rest = word.group("word"), [word.group("rest").strip(" :：")] + item.rest
        if self.day is None:
            self._guessed_day(piece)
        number = len(self.result.modules) + 1
        self.module = ImportedModule(number=number, title=clean_title(item.title),
                                     loc=self.result.loc(piece.line, piece.col),
                                     marker=piece.marker.text if piece.marker else "", time=item.time)
        self.module.notes += item.rest + item.notes + self.line_notes.get(piece.line, [])
        self._note_bare_heading(piece, self.module)
        self.day.modules.append(self.module)
        self.section = self.point = self.sub = None
        self.untitled = self.module if not self.module.title else None

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
        self.section.description = " ".join(item.rest + item.notes)
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
        done = sum(len(m.sections) for m in self.day.modules)
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
        if self.module is not None and self._block_label(piece):
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
        m = _BLOCK_LABEL.match(piece.text.strip())
        if m is None:
            return False
        kind = _block_kind(m.group("label"))
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

    def _in_block(self, piece: Piece) -> bool:
        """Lines of an objectives, preparation or materials block go to the module's notes."""
        if self.block is None or self.block is not self.module:
            self.block = None
            return False
        if piece.level is not None and piece.level <= MODULE:
            self.block = None
            return False
        if piece.level is None:
            if not piece.text:
                return True
            if _BLOCK_LABEL.match(piece.text.strip()):
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
            self.module.notes.append(piece.text)
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
_LABEL_WORDS = ("案例", "演练", "练习", "讨论", "研讨", "实操", "操练", "角色扮演", "互动", "游戏", "工具", "成果输出", "成果",
                "输出", "产出", "视频", "测评", "测试", "作业", "分享", "点评", "示范", "演示", "体验", "模型", "工作坊", "活动",
                "exercise", "activity", "discussion", "case study", "case", "role play", "role-play", "workshop", "tool",
                "tools", "video", "quiz", "reflection", "demo", "demonstration", "game", "group work", "practice",
                "output", "deliverable", "model", "framework", "debrief")
_LABEL_LINE = re.compile(r"^(?P<label>[^:：]{1,16}?)\s*[:：]\s*(?P<rest>.*)$")


# Blocks a facilitator's plan holds besides the teaching: their lines are the module's notes.
_BLOCKS = {
    "notes": ("overview", "objectives", "objective", "learning objectives", "learning outcomes", "outcomes", "aims",
              "aim", "preparation", "preparations", "materials", "materials needed", "material", "resources",
              "resources available online", "handouts", "equipment", "prerequisites", "background", "purpose",
              "学习目标", "课程目标", "教学目标", "培训目标", "准备", "课前准备", "教具", "物料", "所需材料", "材料", "道具", "学员准备"),
    "length": ("time", "total", "total time", "duration", "length", "时长", "时间", "用时", "总时长"),
    "heading": ("timing & methodology", "timing and methodology", "timing", "methodology", "agenda", "schedule",
                "procedure", "steps", "流程", "步骤", "议程"),
}
_BLOCK_KIND = {label: kind for kind, labels in _BLOCKS.items() for label in labels}
_BLOCK_LABEL = re.compile(r"^(?P<label>" + "|".join(re.escape(x) for x in sorted(_BLOCK_KIND, key=len, reverse=True))
                          + r")\s*(?:[:：]\s*(?P<rest>.*)|(?P<rest2>))$", re.IGNORECASE)


def _block_kind(label: str) -> str:
    return _BLOCK_KIND[label.lower()]


# A numbered item that is a header block: its label, glued to its text or not ("课程简介商务谈判是…").
_HEADER_LABELS = ("课程简介", "课程介绍", "课程背景", "课程目标", "培训目标", "学习目标", "教学目标", "课程收益", "学员收益",
                  "培训收益", "课程特色", "课程价值", "课程对象", "培训对象", "授课对象", "适用对象", "教学方法", "教学手段",
                  "授课方式", "考核方式", "考核方法", "课程考核", "先修课程", "参考资料", "参考书目", "教材", "学时分配",
                  "课程说明", "前言", "Background", "Course description", "Course objectives", "Learning objectives",
                  "Objectives", "Who should attend", "Audience", "Prerequisites", "Assessment", "Course overview")
_HEADER_ITEM = re.compile(r"^(?P<label>" + "|".join(re.escape(x) for x in sorted(_HEADER_LABELS, key=len, reverse=True))
                          + r")(?:\s*[:：]|(?=[\u4e00-\u9fff])|\s*$)", re.IGNORECASE)
_OUTLINE_ITEM = re.compile(r"^(?P<word>教学内容|课程内容|培训内容|课程大纲|课程安排|Course content|Course outline)"
                           r"(?P<rest>.*)$", re.IGNORECASE)


def label_line(text: str) -> str | None:
    """The line as a section title when it is a label line ("案例演示: 某银行" → itself); `>` quotes too."""
    stripped = text.strip()
    if stripped.startswith((">", "＞")):
        return stripped.lstrip(">＞ ").strip() or None
    m = _LABEL_LINE.match(stripped)
    if m is None:
        return None
    label = m.group("label").strip().lower()
    if len(label) > 16 or not any(label.endswith(w) or label.startswith(w) for w in _LABEL_WORDS):
        return None
    return stripped if m.group("rest").strip() else m.group("label").strip()


def cn_numeral(n: int) -> str:
    """3 → 三, 12 → 十二: how a Chinese outline numbers its days and modules."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")

