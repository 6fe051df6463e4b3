"""An item's line read as a title: its time taken out, a description after the title cut off, long text shortened."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .breaks import agenda_kind
from .durations import bare_number, clock_at_start, find_clock, find_length, remove
from .tree import ReadTime

# A title longer than this is a sentence: it is cut at its first sentence (a slide title has room for about
# two lines at the title size, the same for Chinese characters and twice as many Latin letters).
MAX_TITLE_CJK, MAX_TITLE_LATIN = 36, 80
MAX_POINT_CJK, MAX_POINT_LATIN = 60, 140
# "Title – description", "Title: description" after an agenda item's time.
_DESCRIPTION = re.compile(r"\s+[-–—]\s+|——|\s*[:：]\s+|：")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=[a-z0-9)][.])\s+(?=[A-Z])")
_SOFT_BREAK = re.compile(r"(?<=[，,、])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBERING_WORD = re.compile(r"^(?:(?:session|part|module|unit|topic|lesson|block|chapter)\s*[\w.]{1,4}"
                             r"|第\s*[一二三四五六七八九十\d]{1,3}\s*[讲章节部分课单元模块]{1,2}|模块\s*[一二三四五六七八九十\d]{1,3})$",
                             re.IGNORECASE)


@dataclass
class ReadItem:
    title: str
    rest: list[str] = field(default_factory=list)  # description or overflow, in order
    time: ReadTime = field(default_factory=ReadTime)


def read_item(text: str, *, bare_minutes: bool = False, agenda: bool = False) -> ReadItem:
    """The title, its time and what follows it. `agenda`: the item belongs to a timed list, so the text after
    its time or after "Title:" describes it; `bare_minutes`: "(5)" closing it is its length."""
    time = ReadTime()
    clock = clock_at_start(text)
    if clock is not None:
        time.start, time.end = clock.start, clock.end
        text = text[clock.end_at:].lstrip(" \t:：-–—|｜")
        agenda = True
    length = find_length(text)
    if length is not None:
        time.minutes = length.minutes
        text = remove(text, length)
        agenda = True
    span = find_clock(text, dotted=False)
    if span is not None and span.end is not None and time.start is None:
        time.start, time.end = span.start, span.end
        text = remove(text, span)
        agenda = True
    if bare_minutes and time.minutes is None:
        bare = bare_number(text)
        if bare is not None:
            time.minutes = bare.minutes
            text = remove(text, bare)
            agenda = True
    if time.start is None:
        clock = find_clock(text)
        if clock is not None and agenda_kind(remove(text, clock)) is not None:
            time.start, time.end = clock.start, clock.end  # "Finish 3.45", "Lunch 12.30-1.30"
            text = remove(text, clock)
    if time.minutes is None and time.start is not None and time.end is not None:
        time.minutes = time.end - time.start
    title, rest = _cut(text.strip(), agenda)
    return ReadItem(title, rest, time)


def _cut(text: str, agenda: bool) -> tuple[str, list[str]]:
    rest: list[str] = []
    if agenda:
        m = _DESCRIPTION.search(text)
        if m and 0 < m.start() and text[m.end():].strip() and not _is_label(text[:m.start()]):
            if _NUMBERING_WORD.match(text[:m.start()].strip()):
                text = text[m.end():].strip()  # "Session 2: Leading change": the words after it are the title
            else:
                text, rest = text[:m.start()].strip(), [text[m.end():].strip()]
    if too_long(text):
        head, tail = shorten(text)
        text, rest = head, ([tail] if tail else []) + rest
    return text, rest


def _is_label(head: str) -> bool:
    from .classify import is_kind_label
    return is_kind_label(head.strip())


def too_long(text: str, cjk_limit: int = MAX_TITLE_CJK, latin_limit: int = MAX_TITLE_LATIN) -> bool:
    return len(text) > (cjk_limit if _CJK.search(text) else latin_limit)


def shorten(text: str) -> tuple[str, str]:
    """A long title cut at its first sentence, or else at a comma within the limit; (head, the rest)."""
    limit = MAX_TITLE_CJK if _CJK.search(text) else MAX_TITLE_LATIN
    for pattern in (_SENTENCE_END, _SOFT_BREAK):
        cuts = [m.start() for m in pattern.finditer(text) if 4 <= m.start() <= limit]
        if cuts:
            at = cuts[0] if pattern is _SENTENCE_END else cuts[-1]
            return text[:at].strip().rstrip("，,、;；"), text[at:].strip()
    words = text[:limit].rsplit(" ", 1)[0] if not _CJK.search(text) and " " in text[:limit] else text[:limit]
    return words.strip(), text[len(words):].strip()


def is_long_point(text: str) -> bool:
    return too_long(text, MAX_POINT_CJK, MAX_POINT_LATIN)
