"""Which markers are structure and at what level, and the day → module → section → point tree built from them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .breaks import AFTER, BEFORE, agenda_kind
from .reader import Marker
from .titles import ReadItem, is_long_point, read_item
from .tree import AgendaEvent, ImportedDay, ImportedModule, ImportedPoint, ImportedSection, ImportResult

DAY, HALF, MODULE, SECTION, POINT, SUB, DEEP = range(7)
LEVEL_NAMES = {DAY: "day", HALF: "half day", MODULE: "module", SECTION: "section", POINT: "point",
               SUB: "sub-point", DEEP: "deeper item"}
MAX_SUB_POINTS = 12  # the outline format's limit for a point's sub-points

# Styles of about the same rank are told apart by which comes first; these buckets say which rank above which.
_BUCKETS = {"module": (20, 0), "roman": (20, 1), "session": (20, 2), "cn-enum": (30, 0), "cn-jie": (30, 0),
            "cn-paren": (30, 1), "arabic-dun": (40, 0), "arabic-dot": (40, 0), "decimal2": (40, 1),
            "decimal3": (40, 2), "arabic-paren": (50, 0), "arabic-paren2": (50, 0), "letter": (50, 0),
            "circled": (50, 1), "subdash": (70, 0), "clock": (45, 0)}
_TIME_RANGE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]+\s*(\d{1,2})[:：](\d{2})")
_TITLE_TRIM = " \t\u3000:：-–—|｜"
_CLOCK_SPAN = r"\d{1,2}[:：]\d{2}\s*[-–—~～至到]+\s*\d{1,2}[:：]\d{2}"
# "Session 1 (9:00-10:30): Why change fails", "一、开场 9:00-9:30": the times are not the title.
_TIMES_ANYWHERE = re.compile(rf"[（(\[]?\s*{_CLOCK_SPAN}\s*[）)\]]?")
_TIMES_IN_TITLE = re.compile(rf"^[（(\[]?\s*(?P<a>{_CLOCK_SPAN})\s*[）)\]]?|[（(\[]?\s*(?P<b>{_CLOCK_SPAN})\s*[）)\]]?$")


def _rank(style: str) -> tuple[int, int]:
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
        if m.number in (None, 1):
            starts.add(m.style)
    ordered = sorted((s for s in first_use if s not in ("day", "half", "weekday") and s in starts),
                     key=lambda s: (_rank(s), first_use[s]))
    levels = {"day": DAY, "half": HALF, "weekday": DAY}
    top = MODULE
    if ordered and ordered[0] in timed and not any(_numbered_list(s) for s in ordered[1:2]):
        top = SECTION
    for depth, style in enumerate(ordered):
        levels[style] = min(top + depth, DEEP)
    return levels


def _numbered_list(style: str) -> bool:
    """Styles that number sections ("1.", "（一）", "1.1"); bullets, letters and ① number points."""
    return not style.startswith(("bullet", "heading", "bare:")) and style not in ("letter", "circled", "subdash",
                                                                                   "arabic-paren", "arabic-paren2")


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


# --- unnumbered headings -------------------------------------------------------------------------

def bare_headings(lines: list[str], markers: list[list[Marker]], start: tuple[int, int],
                  end: tuple[int, int] | None) -> list[Marker]:
    """Short unnumbered lines that each introduce a list restarting at 1 ("开场" then "1. …", "2. …",
    "销售的本质" then "1. …"): headings one level above that list. Needs the pattern twice to believe it."""
    last = end[0] if end is not None else len(lines) - 1
    restarts: dict[str, list[int]] = {}
    for i in range(start[0], last + 1):
        head = markers[i][0] if markers[i] and markers[i][0].at_line_start else None
        if head is not None and head.number == 1:
            restarts.setdefault(head.style, []).append(i)
    best: list[Marker] = []
    for style, starts in restarts.items():
        heads = [j for j in (_heading_line_above(lines, markers, i) for i in starts) if j is not None]
        if len(heads) >= 2 and len(heads) >= len(starts) - 1 and len(heads) > len(best):
            best = [_bare_marker(lines[j], j, style) for j in heads]
    return best


def _heading_line_above(lines: list[str], markers: list[list[Marker]], index: int) -> int | None:
    j = index - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or markers[j] or len(lines[j].strip()) > 40 or lines[j].strip()[-1:] in "。.;；:：,，":
        return None
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
            out.append(Piece(levels[m.style], text, i + 1, m.col, m, indent, runs_on))
        if not line[lo:hi].strip():
            out.append(Piece(None, "", i + 1, 1))  # a blank line ends wrapped text
    return out


def clean_title(text: str) -> str:
    return text.strip(_TITLE_TRIM)


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

    # each level ------------------------------------------------------------------------------------

    def add(self, piece: Piece) -> None:
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
        item = self._read(piece)
        if self._agenda_event(item, piece):
            return
        if self.day is None:
            self._guessed_day(piece)
        number = len(self.result.modules) + 1
        self.module = ImportedModule(number=number, title=clean_title(item.title),
                                     loc=self.result.loc(piece.line, piece.col),
                                     marker=piece.marker.text if piece.marker else "", time=item.time)
        self.module.notes += item.rest
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
        for text in item.rest:
            self._add_text(self.section, text, piece)
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
        item = read_item(piece.text)
        if agenda_kind(item.title) is not None and (item.time.any or self.day is not None):
            self._agenda_event(item, piece)
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
        else:
            self._point(piece, "a line with no numbering, read as a point")
            self.result.warn("a line with no numbering read as a point", piece.line, piece.col)

    def _continues_previous(self, piece: Piece) -> bool:
        """Wrapped text: an indented line under a point, or the next line of a run-on paragraph."""
        before = self.previous
        if before is None or before.line != piece.line - 1:
            return False
        wrapped = (before.runs_on and piece.col == 1) or (piece.indent > before.indent and before.level in
                                                            (POINT, SUB, DEEP, None))
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

