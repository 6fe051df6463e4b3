"""Where the outline begins and ends: course fields before it (培训时长, 授课对象, Duration…), sign-up text after it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .reader import Marker, base_style

# Header labels and the course field each fills; "note" keeps the line as a comment in course.yaml.
_FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("课程名称", "课程题目", "课程主题", "课程标题", "培训主题", "培训课程", "课题", "Course title", "Course name",
              "Course", "Title"),
    "subtitle": ("副标题", "Subtitle", "サブタイトル", "부제"),
    "audience": ("授课对象", "培训对象", "课程对象", "参训对象", "参训人员", "参加对象", "适合对象", "适用对象", "学员对象",
                 "培训学员", "受众", "Audience", "Target audience", "Participants", "Who should attend",
                 "Target group", "Who is it for", "対象", "受講対象", "対象者", "대상", "교육 대상", "교육대상"),
    "date": ("课程时间", "培训时间", "上课时间", "培训日期", "课程日期", "日期", "Date", "Dates", "When", "日時", "開催日",
             "일시", "일정"),
    "place": ("培训地点", "上课地点", "课程地点", "地点", "Venue", "Location", "Place", "Where", "会場", "場所", "장소"),
    "trainers": ("主讲讲师", "授课讲师", "培训讲师", "主讲老师", "主讲", "讲师", "培训师", "Trainers", "Trainer",
                 "Facilitators", "Facilitator", "Instructor", "Presenter", "Speaker", "講師", "강사"),
    "organisation": ("主办单位", "主办方", "主办", "Organiser", "Organizer", "Organisation", "Organization"),
    "duration": ("培训时长", "课程时长", "授课时长", "培训天数", "课程天数", "天数", "课时", "时长", "Duration", "Length",
                 "Course duration", "Course length", "期間", "研修期間", "時間", "기간", "교육 기간", "교육기간"),
    "note": ("授课方式", "培训方式", "授课形式", "培训形式", "课程形式", "课程背景", "课程目标", "培训目标", "课程收益", "学员收益",
             "课程特色", "课程价值", "课程简介", "课程介绍", "课程说明", "培训收益", "适用范围", "Format", "Delivery",
             "Background", "Objectives", "Learning objectives", "Course objectives", "Course outcomes",
             "Learning outcomes", "Outcomes", "Benefits", "Prerequisites", "Course description", "Trained by",
             "Overview", "Description", "Language", "Level"),
}
LABEL_FIELD = {label.lower(): name for name, labels in _FIELD_LABELS.items() for label in labels}
_LABELS = "|".join(re.escape(label) for label in sorted(LABEL_FIELD, key=len, reverse=True))
# Chinese labels glued to the value before them ("…天数:2天课程目标:1、…"): four characters or more, so that
# a word ending in 对象 or 时间 inside a sentence does not cut it.
_CN_LABELS = "|".join(re.escape(label) for label in sorted(LABEL_FIELD, key=len, reverse=True)
                      if re.match(r"^[\u4e00-\u9fff]{2,}$", label) and len(label) >= 2)
# A label at the start of a (decoration-stripped) line, in any of the ways outlines write them.
_FIELD_AT_START = re.compile(
    rf"^(?:[|｜]\s*)?(?:[【\[]\s*(?P<bracketed>{_LABELS})\s*[】\]]\s*[:：]?|(?P<plain>{_LABELS})\s*(?:[:：|｜]|$))\s*",
    re.IGNORECASE)
# Any bracketed label (【讲师简介】) is a header field even when it is not one of the labels above.
_ANY_BRACKETED = re.compile(r"^[【\[]\s*(?P<label>[^】\]]{1,12}?)\s*[】\]]\s*[:：]?\s*")
# Later labels on the same line: "培训时长：2天 授课对象：销售经理".
_FIELD_INSIDE = re.compile(rf"(?:(?<=\s)|(?<=】)|(?<=[|｜]))(?:【\s*(?:{_LABELS})\s*】|(?:{_LABELS})\s*[:：])"
                           rf"|(?<=[\u4e00-\u9fff\d）)。；;])(?:{_CN_LABELS})\s*[:：]", re.IGNORECASE)

_OUTLINE_WORDS = ("课程大纲", "培训大纲", "内容大纲", "课程提纲", "课程内容", "培训内容", "课程安排", "课程模块", "大纲",
                  "时间安排", "日程安排", "课程日程", "培训日程", "议程", "日程",
                  "Course outline", "Outline", "Agenda", "Programme", "Program", "Syllabus", "Contents",
                  "Course content", "Course contents", "Schedule")
_OUTLINE_ALT = "|".join(re.escape(w) for w in sorted(_OUTLINE_WORDS, key=len, reverse=True))
_OUTLINE_INSIDE = re.compile(rf"[【\[]\s*(?:{_OUTLINE_ALT})\s*[】\]]\s*[:：]?\s*|(?<=[\s。；;】])(?:{_OUTLINE_ALT})\s*[:：]\s*"
                             r"|(?:课程大纲|培训大纲|课程内容|培训内容|课程安排)\s*[:：]\s*", re.IGNORECASE)
_OUTLINE_HEADING = re.compile(rf"^(?P<before>.{{0,40}}?)[【\[]?\s*(?:{_OUTLINE_ALT})\s*[】\]]?\s*[:：]?\s*",
                              re.IGNORECASE)

_TRAILER_WORDS = ("报名须知", "报名方式", "报名咨询", "报名流程", "报名办法", "报名回执", "报名表", "报名", "联系方式", "联系人",
                  "联系电话", "联系我们", "咨询电话", "课程费用", "培训费用", "费用说明", "费用", "收费标准", "付款方式",
                  "讲师介绍", "讲师简介", "讲师背景", "主办单位", "承办单位", "Registration", "How to register",
                  "Sign up", "Sign-up", "Enrolment", "Enrollment", "Contact us", "Contact details", "Contact",
                  "Fees", "Fee", "Price", "Pricing", "About the trainer", "About the facilitator")
_TRAILER_ALT = "|".join(re.escape(w) for w in sorted(_TRAILER_WORDS, key=len, reverse=True))
_TRAILER_AT_START = re.compile(rf"^[【\[]?\s*(?:{_TRAILER_ALT})(?:\s*[】\]:：]|\s*$|[\u4e00-\u9fff]{{0,4}}\s*[:：】])",
                               re.IGNORECASE)
_TRAILER_INSIDE = re.compile(rf"(?:(?<=\s)|(?<=[。；;]))[【\[]?(?:{_TRAILER_ALT})\s*[】\]:：]", re.IGNORECASE)

# "…课程对象:中层经理 课程大纲:" with the outline after it on the same line: the word is no part of the value.
_OUTLINE_AT_END = re.compile(rf"\s*[【\[]?\s*(?:{_OUTLINE_ALT})\s*[】\]]?\s*[:：]?\s*$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"\d{4}|[年月号]|\d{1,2}\s*[/.-]\s*\d{1,2}|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
                        re.IGNORECASE)
_DECORATION = re.compile(r"^[#*>\s]+|[*\s]+$")
_DAYS_IN_DURATION = re.compile(r"(\d+(?:\.\d+)?|[一二三四五六七八九十两半])\s*-?\s*(?:天|日|일|days?\b)", re.IGNORECASE)
_CN_COUNT = {"半": 0.5, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10}


def strip_decoration(line: str) -> str:
    """A line without Markdown heading hashes, bold stars or quote marks around it."""
    return _DECORATION.sub("", line.replace("**", ""))


@dataclass
class HeaderField:
    label: str
    name: str  # a course field, "duration" or "note"
    value: str
    line: int
    extra: list[str] = field(default_factory=list)  # lines that followed a label with no value


@dataclass
class Header:
    fields: list[HeaderField] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)  # (line, text) that is no field
    title: tuple[int, str] | None = None  # (line, text) read from a heading or the first line
    outline_heading: tuple[int, str] | None = None  # "课程大纲" and any title written before it


def field_at_start(text: str) -> tuple[str, str, str] | None:
    """(label, field name, value) when the text starts with a header label, else None."""
    stripped = strip_decoration(text)
    m = _FIELD_AT_START.match(stripped)
    if m:
        label = m.group("bracketed") or m.group("plain")
        return label, LABEL_FIELD[label.lower()], _clean_value(stripped[m.end():])
    m = _ANY_BRACKETED.match(stripped)
    if m and not _OUTLINE_HEADING.fullmatch(stripped[:m.end()]):
        return m.group("label"), "note", _clean_value(stripped[m.end():])
    return None


# What separates fields written on one line ("Audience: managers · Duration: 2 days"): not the value's.
_FIELD_SEPARATORS = " \t\u3000|｜·•●;；,，/"


def _clean_value(value: str) -> str:
    return value.strip(_FIELD_SEPARATORS)


def split_fields(text: str) -> list[tuple[str, str, str]]:
    """Every label and value in a line, for lines that hold several ("培训时长：2天 授课对象：经理")."""
    first = field_at_start(text)
    if first is None:
        return []
    stripped = strip_decoration(text)
    head = _FIELD_AT_START.match(stripped) or _ANY_BRACKETED.match(stripped)
    # later labels start after the first one: "时长：" inside "课程时长：" is that label, not another
    after = max(1, head.end() if head else 0)
    cuts = [m.start() for m in _FIELD_INSIDE.finditer(stripped) if m.start() >= after]
    pieces = [stripped[a:b] for a, b in zip([0] + cuts, cuts + [len(stripped)])]
    found = [field_at_start(p) for p in pieces]
    return [f for f in found if f is not None] or [first]


def _text_before_fields(text: str) -> str | None:
    """The words before the first of several header fields run into one line, if the line holds such fields."""
    stripped = strip_decoration(text)
    if field_at_start(stripped) is not None:
        return None
    cuts = [m.start() for m in _FIELD_INSIDE.finditer(stripped) if m.start() > 0]
    if len(cuts) < 2 or cuts[0] > 40:
        return None
    lead = stripped[:cuts[0]].strip()
    return lead or None


def outline_heading(text: str) -> str | None:
    """For a line like "课程大纲" or "《销售管理》课程大纲：", what stands before the word (possibly ""), else None."""
    stripped = strip_decoration(text)
    m = _OUTLINE_HEADING.match(stripped)
    if not m or m.end() != len(stripped):
        return None
    before = m.group("before").strip()
    if len(before) > 30 or any(ch in before for ch in "，。,;；") or (before and field_at_start(before)):
        return None
    word = stripped[m.start() + len(m.group("before")):].strip(" 【】[]:：").lower()
    if before and not re.search(r"[\u4e00-\u9fff]", word) and word not in ("outline", "course outline", "agenda") \
            and not before.endswith(("《", "》", ":", "：", "-", "–")):
        return None  # "Training duration and schedule" is a heading about the schedule, not a title before it
    return before


def outline_heading_end(text: str) -> int | None:
    """Where the outline starts inside a line that begins "课程大纲：…" and runs on (one-line outlines)."""
    stripped = text.lstrip()
    m = re.match(rf"[【\[]?\s*(?:{_OUTLINE_ALT})\s*[】\]]?\s*[:：]\s*", stripped, re.IGNORECASE)
    if m is None or m.end() == len(stripped):
        return None
    return len(text) - len(stripped) + m.end()


def trailer_start(line: str) -> int | None:
    """Where sign-up, contact or fee text starts in this line, or None."""
    stripped = strip_decoration(line)
    if _TRAILER_AT_START.match(stripped):
        return 0
    m = _TRAILER_INSIDE.search(line)
    return m.start() if m else None


def duration_days(value: str) -> int | None:
    """培训时长 "2天" / Duration "2 days" → 2; None when the value does not say how many days."""
    m = _DAYS_IN_DURATION.search(value)
    if not m:
        return None
    raw = m.group(1)
    count = float(raw) if raw[0].isdigit() else _CN_COUNT[raw]
    return max(1, round(count + 0.01)) if count <= 10 else None


# --- reading the header zone ----------------------------------------------------------------------

def find_outline_start(lines: list[str], markers: list[list[Marker]]) -> tuple[int, int] | None:
    """(line index, offset) where the outline proper begins: after "课程大纲", at the first day, or at the
    first numbered item that is not part of a header field's list."""
    first_day = next(((i, m.start) for i, ms in enumerate(markers) for m in ms if m.style in ("day", "weekday")), None)
    first_item = _first_item_outside_fields(lines, markers)
    candidates = [p for p in (first_day, first_item) if p is not None]
    structure = min(candidates) if candidates else None
    # "课程大纲" (alone on its line) introduces the outline: the last one before the structure counts.
    # "《X》课程大纲" at the top is the document's title, not where the outline begins.
    heading = None
    for i in range(structure[0] + 1 if structure else len(lines)):
        end = outline_heading_end(lines[i])
        if end is not None and (structure is None or (i, end) <= structure):
            return (i, end)
        inside = _OUTLINE_INSIDE.search(lines[i])
        if inside is not None and structure is not None and i == structure[0] and inside.end() > structure[1]:
            # "【课程收益】1、…2、…【课程大纲】第一讲…" on one line: the numbers before 【课程大纲】 are the header's.
            return (i, inside.end())
        if outline_heading(lines[i]) == "":
            heading = (i + 1, 0)
    if heading is not None and (structure is None or heading <= structure):
        return heading
    return structure


_STARTS_ANYWHERE = ("day", "weekday", "module", "session", "step")  # "Session 3" may open a page on its own


def _first_item_outside_fields(lines: list[str], markers: list[list[Marker]]) -> tuple[int, int] | None:
    block: _Block | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            if block is not None and (block.items or block.has_value):
                block = None
            continue
        if outline_heading(line) is not None:
            continue  # "## 课程大纲" introduces the outline; it is not its first module
        here = markers[i]
        head = here[0] if here and here[0].at_line_start else None
        if head is not None and head.style.startswith("heading:"):
            if field_at_start(line) is not None:
                block = _Block()
                continue
            if head.style == "heading:1" and _is_title_heading(lines, markers, i):
                continue
            return (i, head.start)
        if head is None and field_at_start(line) is not None:
            values = split_fields(line)
            runs_on = [m for m in here if m.number == 1]
            if runs_on:
                return (i, runs_on[0].start)
            opens_list = not values[-1][2] or values[-1][1] == "note"
            block = _Block(has_value=bool(values[-1][2])) if opens_list else None
            continue
        if head is not None and block is not None and block.takes(head):
            continue
        if head is None and block is not None and block.items:
            block = None  # a line of text after the label's list: the list is over
        if head is not None and (head.number in (None, 1) or head.style in _STARTS_ANYWHERE):
            return (i, head.start)
        ones = [m for m in here if m.number == 1]
        if ones:
            return (i, ones[0].start)
    return None


# Styles a list under a header label uses; a day, module or heading marker always starts the outline.
_LIST_STYLES = ("arabic-dun", "arabic-dot", "arabic-paren", "arabic-paren2", "circled", "letter", "cn-paren",
                "decimal2")


@dataclass
class _Block:
    """The list under a header label with no value on its line ("课程收益：" then "1. …", "2. …")."""

    has_value: bool = False  # "课程背景：…" has its text on the label's line; a blank line ends it
    style: str | None = None
    last: int = 0
    items: int = 0

    def takes(self, marker: Marker) -> bool:
        if marker.style.startswith("bullet") or marker.style == "subdash":
            self.items += 1
            return True
        if base_style(marker.style) not in _LIST_STYLES or (self.style not in (None, marker.style)) or \
                marker.number != self.last + 1:
            return False
        self.style, self.last, self.items = marker.style, marker.number, self.items + 1
        return True


def _is_title_heading(lines: list[str], markers: list[list[Marker]], index: int) -> bool:
    """A lone `# Title` above `##` headings names the course; it is not a module."""
    h1 = [i for i, ms in enumerate(markers) if ms and ms[0].style == "heading:1"]
    deeper = any(ms and ms[0].style.startswith("heading:") and ms[0].style != "heading:1" for ms in markers)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    # A lone "# Title" names the course when deeper headings follow, or when it opens the file.
    return h1 == [index] and (deeper or index == first)


def read_header(lines: list[str], markers: list[list[Marker]], start: tuple[int, int] | None) -> Header:
    """Course fields, title and notes from the lines before the outline."""
    header = Header()
    end_line, end_col = start if start is not None else (len(lines), 0)
    current: HeaderField | None = None
    for i in range(min(end_line + 1, len(lines))):
        text = lines[i] if i < end_line else lines[i][:end_col]
        if not text.strip():
            if current is not None and current.value:
                current = None  # a blank line ends "课程背景：…" and its paragraphs
            continue
        number = i + 1
        before = outline_heading(text)
        if before is not None:
            if before:
                header.outline_heading = (number, before)
            header.texts.append((number, strip_decoration(text)))  # kept: nothing is dropped, not even this
            current = None
            continue
        text = _OUTLINE_AT_END.sub("", text)
        lead = _text_before_fields(text)
        if lead is not None:
            # "高效会议管理 课程名称:高效会议天数:2天…": a title in front of the run-on header fields.
            header.texts.append((number, lead))
            text = text[text.index(lead) + len(lead):]
        found = split_fields(text)
        if found:
            for label, name, value in found:
                if name == "date" and duration_days(value) and not _DATE_LIKE.search(value):
                    name = "duration"  # 课程时间：2天 is how long, not when
                current = HeaderField(label, name, value, number)
                header.fields.append(current)
            continue
        here = markers[i]
        if here and here[0].style == "heading:1" and header.title is None:
            header.title = (number, text[here[0].end:].strip())
            continue
        if current is not None and (not current.value or current.name == "note"):
            current.extra.append(strip_decoration(text) if not here else text.strip())
            continue
        if strip_decoration(text):
            header.texts.append((number, strip_decoration(text)))
    return header


def find_trailer(lines: list[str], start: tuple[int, int]) -> tuple[int, int] | None:
    """(line index, offset) where sign-up or contact text follows the outline, if it does."""
    first, col = start
    for i in range(first, len(lines)):
        line = lines[i] if i > first else " " * col + lines[i][col:]
        at = trailer_start(line) if line.strip() else None
        if at is not None and (i > first or at >= col):
            return (i, max(at, col if i == first else 0))
    return None
