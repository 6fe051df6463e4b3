"""Reading an outline: bytes to text, and text to numbering-marker candidates with their positions."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import DeckgenError, Loc
from .durations import clock_at_start, find_clock

_AGENDA_LINE = 90  # characters: a longer line holding a time range is a sentence about times
# "2天（12小时）", "课程时长：1天（6小时）": a course's length, not an item timed after its title
_DAYS_ONLY = re.compile(r"^\s*(?:[^:：()（）]{1,10}[:：]\s*)?[\d一二三四五六七八九十两半.]+\s*(?:天|日|days?)\b",
                        re.IGNORECASE)
_TIMED_TITLE = re.compile(r"^[^()（）]{2,60}?\s*[（(]\s*(?:约|about\s+)?\d{1,3}(?:\.\d)?\s*(?:分钟|min(?:ute)?s?|hours?|hrs?|"
                          r"小时|h)\s*[)）]\s*(?:$|[:：\-–—]\s*\S)", re.IGNORECASE)

# An outline is a few kilobytes (the sample course's seed: 8 KB). Reading one costs about 11 µs a byte
# (every line is scanned by several patterns), so 96 KB stay near a second; a megabyte took 12 s.
MAX_OUTLINE_BYTES = 96 * 1024

# --- decoding -------------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
# C0 controls other than tab, line feed, form feed and carriage return never occur in an outline.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")  # what else XML 1.0 cannot hold
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")


def read_outline(data: bytes, source_name: str) -> str:
    """The outline's text: UTF-8, UTF-8 with BOM or GB18030, with line ends made `\\n`."""
    where = Loc(source_name)
    if len(data) > MAX_OUTLINE_BYTES:
        raise DeckgenError(f"the outline is too large ({len(data):,} bytes; the limit is {MAX_OUTLINE_BYTES:,}): "
                           "is this the right file?", where)
    if b"\x00" in data[:8192]:
        raise DeckgenError("this is a binary file, not a text outline", where)
    text = _decode(data, where)
    if _BINARY_CONTROLS.search(text[:8192]):
        raise DeckgenError("this looks like a binary file, not a text outline", where)
    bad = _BINARY_CONTROLS.search(text) or _NOT_XML.search(text)
    if bad is not None:  # further in: a stray character a deck could not hold, at its line and column
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise DeckgenError(f"invisible control character U+{ord(bad.group(0)):04X} in the outline: a deck cannot "
                           "hold it; delete it (it often comes with text copied from a PDF or a terminal)",
                           Loc(source_name, line, col))
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\f", "\n").replace("\x0b", "\n")
    if not text.strip():
        raise DeckgenError("the outline is empty", where,)
    return text


def _decode(data: bytes, where: Loc) -> str:
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise DeckgenError("the outline is neither UTF-8 nor GB18030 text", where,) from None


# --- numbers --------------------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12}


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None for anything that is not a small Chinese number."""
    if not text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    return None


def any_number(text: str) -> int | None:
    """A marker's number written in Arabic, Chinese, English words or Roman numerals."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return cn_number(text) or _EN_NUMBERS.get(text.lower()) or _ROMAN.get(text)


# --- marker candidates ----------------------------------------------------------------------------

# Every style a marker can take. The structure module decides which level each style means.
NUMBERED_STYLES = ("day", "module", "session", "step", "roman", "cn-enum", "cn-jie", "cn-paren", "arabic-dun",
                   "arabic-dot", "decimal2", "decimal3", "arabic-paren", "arabic-paren2", "letter", "circled")
WORD_STYLES = ("day", "half", "module", "session", "cn-jie", "step")
_INDENTABLE = ("arabic-dot", "arabic-dun", "arabic-paren", "arabic-paren2", "cn-enum", "cn-paren", "decimal2",
               "decimal3",
               "letter", "circled", "roman")


def base_style(style: str) -> str:
    """A marker's style without the indent that tells nested lists of the same numbering apart."""
    return style.split(">", 1)[0]  # markers that are words: separators may follow

_N = "[一二三四五六七八九十两〇零]{1,3}"
_EN_N = "ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten"
_DAY = (rf"第\s*(?P<day_n>{_N}|\d{{1,2}})\s*天(?:[\s:：]*(?:DAY|Day)\s*(?:\d{{1,2}}|[A-Za-z]+))?"
        rf"|(?<![A-Za-z])(?:DAY|Day)\s*(?P<day_n2>\d{{1,2}}|{_EN_N})(?![A-Za-z\d])"
        r"|(?<![\d月])(?P<day_n3>\d{1,2})\s*(?:日目|일차)")  # 1日目, 1일차
# A weekday alone at the start of a short line ("Monday 21 January", "周二") heads that day of a programme.
_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
             "周一": 1, "周二": 2, "周三": 3, "周四": 4, "周五": 5, "周六": 6, "周日": 7, "星期一": 1, "星期二": 2,
             "星期三": 3, "星期四": 4, "星期五": 5, "星期六": 6, "星期日": 7, "星期天": 7}
_LINE_WEEKDAY = re.compile(r"^(?P<word>" + "|".join(_WEEKDAYS) + r")(?![A-Za-z])[^:：]{0,30}$", re.IGNORECASE)
_MARKERS = re.compile(
    rf"(?P<day>{_DAY})"
    r"|(?P<half>上午|下午|(?<![A-Za-z])(?:Morning|Afternoon|MORNING|AFTERNOON)(?![A-Za-z]))"
    rf"|(?P<step>(?:步骤|Step|STEP)\s*(?P<step_n>\d{{1,2}})(?![\d.])|第\s*(?P<step_n2>{_N}|\d{{1,2}})\s*步(?!骤))"
    rf"|(?P<module>第\s*(?P<module_n>{_N}|\d{{1,2}})\s*(?:部分|讲|章|单元|模块|篇|课|层|阶段|板块)"
    rf"|(?:模块|单元|专题)\s*(?P<module_n2>{_N}|\d{{1,2}})(?![\d])"
    r"|(?:モジュール|모듈)\s*(?P<module_n4>\d{1,2})(?![\d])|제\s*(?P<module_n5>\d{1,2})\s*(?:장|부|강)"
    r"|(?<![A-Za-z])(?:Module|MODULE|Part|PART|Unit|UNIT|Chapter|CHAPTER)\s+(?P<module_n3>\d{1,2}|[IVX]{1,4})"
    r"(?![A-Za-z\d]))"
    r"|(?P<session>(?<![A-Za-z])(?:Session|SESSION|Lesson|LESSON|Topic|TOPIC)\s+(?P<session_n>\d{1,2})(?![\d.]))"
    rf"|(?P<cnjie>第\s*(?P<cnjie_n>{_N}|\d{{1,2}})\s*节)"
    rf"|(?P<cnparen>[（(]\s*(?P<cnparen_n>{_N})\s*[）)])"
    r"|(?P<arparen2>[（(]\s*(?P<arparen2_n>\d{1,2})\s*[）)])"
    rf"|(?P<cnenum>(?<!第)(?P<cnenum_n>{_N})\s*[、.．])"
    r"|(?P<decimal>(?<![\d.．])(?P<dec_a>\d{1,2})[.．](?P<dec_b>\d{1,2})(?:[.．](?P<dec_c>\d{1,2}))?(?![\d])[.．、]?)"
    r"|(?P<arabic>(?<![\d.．])(?P<arabic_n>\d{1,2})\s?(?P<arabic_sep>[、.．])(?!\d))"
    r"|(?P<arparen>(?<![\d(（])(?P<arparen_n>\d{1,2})\s?[）)])"
    r"|(?P<circled>[\u2460-\u2487\u2776-\u277f])"
    r"|(?P<subdash>(?<=\s)--(?=[^\s-]))"
    r"|(?P<bullet>(?<=\s)•)"
)
_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_LINE_SUBDASH = re.compile(r"^--(?!-)\s*")
_LINE_BULLET = re.compile(r"^(?:[-*+–][ \t]+|[•·・●○▪■◆◇►▶✓√][ \t]*)(?=\S)")
_LINE_ROMAN = re.compile(r"^(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)[.、)）][ \t]*(?=\S)")
_LINE_LETTER = re.compile(r"^([a-z])[.)）][ \t]+(?=\S)")
_WORD_SEPARATORS = re.compile(r"[ \t\u3000]*[:：.、\-–—]?[ \t\u3000]*")
_PLAIN_SEPARATORS = re.compile(r"[ \t\u3000]*")

# Punctuation that never follows a real marker: "场景(一):" and "80、90后" are text, not numbering.
_NOT_AFTER = set(":：、,，。;；)）]】%％/／·")
# After "1、" or "1." a digit means a list of numbers ("1、2、3", "1.5"); after "1)" it is the item's text.
_DIGIT_AFTER_IS_TEXT = ("cn-enum", "arabic-dun", "arabic-dot", "decimal2", "decimal3")
# Characters that form words with 一 ("统一、规范", "唯一."): 一 after them is not a marker.
_WORD_BEFORE_ONE = set("统唯之第同单万合专划整归逐其另任某每惟均如若一")
_CN_NUMERALS = set("一二三四五六七八九十两〇零")
_CLOSE_TO_TEXT = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.")


@dataclass(frozen=True)
class Marker:
    """A place where an item may begin: its numbering style and number, and its span in the line."""

    style: str
    number: int | None
    line: int  # 1-based
    start: int  # 0-based offset of the marker in its line
    end: int  # offset where the item's text begins
    at_line_start: bool
    text: str  # the marker as written
    keep_words: bool = False  # day markers keep their words ("第一天 DAY ONE") as the item's title
    words_at: int | None = None  # where those words begin, when the marker starts earlier ("## Day 1")

    @property
    def col(self) -> int:
        return self.start + 1

    @property
    def body_start(self) -> int:
        """Where the item's title begins: day markers are part of the day's title."""
        if not self.keep_words:
            return self.end
        return self.start if self.words_at is None else self.words_at

    @property
    def pos(self) -> tuple[int, int]:
        return (self.line, self.start)


def line_markers(line: str, number: int, row: bool = False) -> list[Marker]:
    """Every plausible marker in one line; mid-line ones only when the line runs several items together.
    A table row (`row`) is an item of its own whatever it starts with."""
    indent = len(line) - len(line.lstrip(" \t\u3000"))
    found: list[Marker] = []
    head = _line_start_marker(line, number, indent)
    if row and line.strip() and (head is None or head.style.startswith("bullet")):
        return [Marker("clock", None, number, indent, indent, True, "", keep_words=True)]  # an agenda row
    scan_from = indent
    if head is not None:
        found.append(head)
        scan_from = head.end
    inline = [m for m in _inline_markers(line, number, scan_from, indent) if m is not None]
    if head is None and inline and inline[0].start == indent:
        head, inline = inline[0], inline[1:]
        found.append(head)
    if found and found[0].style in _INDENTABLE and indent:
        # "1." indented under "1.": the indent is the level (a mind map or a Word list pasted as text).
        found[0] = replace(found[0], style=f"{found[0].style}>{_indent_width(line[:indent])}")
    runs_on = _runs_on(line, inline)
    previous_end = head.end if head is not None else None
    for m in inline:
        glued_to_day = previous_end == m.start and found and found[-1].style == "day"
        if runs_on or m.style == "subdash" or (m.style == "half" and glued_to_day):
            found.append(m)
            previous_end = m.end
    return found


def mid_line_starts(line: str, number: int) -> list[Marker]:
    """Markers numbered 1 inside a line that `line_markers` leaves out ("人员培训计划一、概述"): one starts a
    list when the next number of its style opens a later line."""
    indent = len(line) - len(line.lstrip(" \t\u3000"))
    kept = line_markers(line, number)
    # a marker read inside one already kept ("Day 1" inside the heading "## Day 1") is that one again
    taken = {at for k in kept for at in range(k.start, max(k.end, k.start + 1))}
    return [m for m in _inline_markers(line, number, indent, indent)
            if m is not None and m.number == 1 and m.start not in taken and m.start <= 40]


def _line_start_marker(line: str, number: int, indent: int) -> Marker | None:
    rest = line[indent:]
    if not rest:
        return None
    m = _LINE_WEEKDAY.match(rest.strip())
    if m:
        return Marker("weekday", _WEEKDAYS[m.group("word").lower()], number, indent, indent, True, m.group("word"),
                      keep_words=True)
    clock = clock_at_start(rest)
    if clock is not None and rest[clock.end_at:].strip(" \t:：-–—|"):
        end = indent + clock.end_at
        end += len(line[end:]) - len(line[end:].lstrip(" \t:：-–—|｜"))
        return Marker("clock", None, number, indent, end, True, rest[:clock.end_at].strip(), keep_words=True)
    span = find_clock(rest, dotted=False) if len(rest) <= _AGENDA_LINE else None
    if span is not None and span.end is not None and span.start_at <= _AGENDA_LINE // 2 \
            and not _LINE_BULLET.match(rest) and not _MARKERS.match(line, indent) and not _HEADING.match(rest):
        # "Roll Call - 9.00-9.15am - A3 Coates Building": a short line holding a time range is an agenda item.
        return Marker("clock", None, number, indent, indent, True, "", keep_words=True)
    m = _HEADING.match(rest)
    if m:
        return _heading_marker(line, number, indent, len(m.group(1)), indent + m.end())
    if set(rest.strip()) <= set("-=*_ ") and len(rest.strip()) >= 3:
        return None  # a Markdown rule or an underline, not an item
    for pattern, style in ((_LINE_SUBDASH, "subdash"), (_LINE_ROMAN, "roman"), (_LINE_LETTER, "letter"),
                           (_LINE_BULLET, "bullet")):
        m = pattern.match(rest)
        if m:
            if style == "bullet":
                style = f"bullet:{_indent_width(line[:indent])}"
            value = m.group(1) if style in ("roman", "letter") else None
            num = None if value is None else (_ROMAN[value] if style == "roman" else ord(value) - 96)
            return Marker(style, num, number, indent, indent + m.end(), True, m.group(0).strip())
    if _TIMED_TITLE.match(rest) and not _MARKERS.match(line, indent) and not _DAYS_ONLY.match(rest):
        # "Icebreaker (15 minutes): pairs interview each other": an unnumbered line timed after its title.
        return Marker("clock", None, number, indent, indent, True, "", keep_words=True)
    return None


def _heading_marker(line: str, number: int, indent: int, level: int, text_at: int) -> Marker:
    """A Markdown heading; a day or module marker inside it ("## Day 1", "## 一、…") is read too."""
    inner = list(_inline_markers(line, number, text_at, text_at))
    first = inner[0] if inner and inner[0] is not None and inner[0].start == text_at else None
    if first is not None and first.style in ("day", "half"):
        return Marker(first.style, first.number, number, indent, first.end, True, first.text, first.keep_words,
                      words_at=first.start)
    end = first.end if first is not None and first.style not in ("subdash",) else text_at
    return Marker(f"heading:{level}", None, number, indent, end, True, line[indent:text_at].strip())


def _indent_width(indent: str) -> int:
    return sum(4 if ch == "\t" else 2 if ch == "\u3000" else 1 for ch in indent)


def _inline_markers(line: str, number: int, start: int, indent: int):
    """Candidates left to right; a refused match ("模块1" in "模块1、节") lets the next one start inside it."""
    pos = start
    while (m := _MARKERS.search(line, pos)) is not None:
        candidate = _candidate(line, number, m, indent)
        if candidate is not None:
            yield candidate
            pos = m.end()
        else:
            pos = m.start() + 1


def _candidate(line: str, number: int, m: re.Match, indent: int) -> Marker | None:
    kind = _outer_group(m)
    style, value = _style_and_number(kind, m)
    at_start = m.start() == indent
    before = line[m.start() - 1] if m.start() > 0 else ""
    end = m.end()
    if style in WORD_STYLES:
        end = _WORD_SEPARATORS.match(line, end).end()
    else:
        end = _PLAIN_SEPARATORS.match(line, end).end()
    after = line[end:end + 1]
    if after.isdigit() and end > m.end():
        after = " "  # "1. 80后的特点": the space says the number belongs to the text
    if not _plausible(style, value, line, m, before, after, at_start):
        return None
    return Marker(style, value, number, m.start(), end, at_start, m.group(0).strip(), keep_words=style == "day")


_GROUP_STYLES = {"day": "day", "half": "half", "step": "step", "module": "module", "session": "session",
                 "cnjie": "cn-jie",
                 "cnparen": "cn-paren", "arparen2": "arabic-paren2", "cnenum": "cn-enum", "decimal": "decimal",
                 "arabic": "arabic", "arparen": "arabic-paren", "circled": "circled", "subdash": "subdash",
                 "bullet": "bullet"}


def _outer_group(m: re.Match) -> str:
    for name in _GROUP_STYLES:
        if m.group(name) is not None:
            return name
    raise AssertionError("a marker match without a style")  # pragma: no cover


def _style_and_number(kind: str, m: re.Match) -> tuple[str, int | None]:
    if kind == "day":
        return "day", any_number(m.group("day_n") or m.group("day_n2") or m.group("day_n3") or "")
    if kind == "module":
        return "module", any_number(m.group("module_n") or m.group("module_n2") or m.group("module_n3")
                                    or m.group("module_n4") or m.group("module_n5") or "")
    if kind == "step":
        return "step", any_number(m.group("step_n") or m.group("step_n2") or "")
    if kind == "decimal":
        if m.group("dec_c") is not None:
            return "decimal3", int(m.group("dec_c"))
        return "decimal2", int(m.group("dec_b"))
    if kind == "arabic":
        style = "arabic-dun" if m.group("arabic_sep") == "、" else "arabic-dot"
        return style, int(m.group("arabic_n"))
    if kind == "circled":
        return "circled", _circled_number(m.group(0))
    if kind in ("half", "subdash"):
        return kind, None
    if kind == "bullet":
        return "bullet:0", None
    return _GROUP_STYLES[kind], any_number(m.group(f"{kind}_n") or "")


def _circled_number(ch: str) -> int:
    code = ord(ch)
    for first in (0x2460, 0x2474, 0x2776):  # ①, ⑴, ❶
        if first <= code < first + 20:
            return code - first + 1
    return 0


def _plausible(style: str, value: int | None, line: str, m: re.Match, before: str, after: str,
               at_start: bool) -> bool:
    """Rules a real marker follows whatever the numbering around it."""
    if style in NUMBERED_STYLES and not value:
        return False
    if style == "half":
        return (at_start or before in (" ", "\t", "\u3000", "") or before in "】]#天") and \
            (after == "" or after in " \t\u3000:：（(" or after.isdigit())
    if style == "step" and not at_start:
        return False  # "第一步" inside a line is text; "步骤1:" opening a line heads a step of the course
    if style in WORD_STYLES:
        # "模块1、节": the 1、 numbers the next item; "模块" is a word of the text before it.
        glued = line[m.end():m.end() + 1]
        # "Module 1. Basics", "모듈 1. 리더": after a word that is not Chinese, the full stop closes the marker
        chinese_word = "\u4e00" <= m.group(0).lstrip()[:1] <= "\u9fff"
        closes = glued in (".", "．") and not chinese_word and line[m.end() + 1:m.end() + 2] in (" ", "\t", "\u3000")
        return not (style == "module" and m.group(0)[-1].isdigit() and glued in ("、", ".", "．") and not closes)
    if style in ("subdash", "bullet:0"):
        return bool(after)
    if after == "" and not at_start:
        return False  # a number closing a line of run-on text ends a sentence; it starts nothing
    if after in _NOT_AFTER or (after.isdigit() and style in _DIGIT_AFTER_IS_TEXT):
        return False
    if at_start:
        return True
    if style.startswith(("arabic", "decimal")) and before in _CLOSE_TO_TEXT:
        return False  # "B2B2C", "x1)", "v2." are words, not numbering
    if style in ("cn-enum", "cn-paren"):
        numeral = m.group(0).strip("（()） 、.．")
        if before in _CN_NUMERALS or (numeral.startswith("一") and before in _WORD_BEFORE_ONE):
            return False
    return True


def _runs_on(line: str, inline: list[Marker]) -> bool:
    """Does this line hold several items run together (as an outline pasted into one line does)?"""
    numbered = [m for m in inline if m.number is not None]
    if len(line) > 150 and numbered:
        return True
    last: dict[str, int] = {}
    for m in numbered:
        if last.get(m.style) == m.number - 1:
            return True
        last[m.style] = m.number
    return False
