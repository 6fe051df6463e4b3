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
MAX_POINT_CJK, MAX_POINT_LATIN = 40, 90  # longer text is a paragraph: the notes hold it
# "Title – description", "Title: description" after an agenda item's time.
_DESCRIPTION = re.compile(r"\s+[-–—]\s+|——|\s*[:：]\s+|：|[;；]\s*")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=[a-z0-9)][.])\s+(?=[A-Z])")
_SOFT_BREAK = re.compile(r"(?<=[，,、])")
_CJK = re.compile(r"[\u3400-\u9fff]")
# "Summary & questions to clarify doubts We recommend…": a title running into its first sentence.
_RUN_ON = re.compile(r"(?<=[a-z]) (?=(?:We|You|This|These|The|It|In|Spend|Ask|Use|Make|Participants|Trainees|Here"
                     r"|There|Each|All|Allow|Give|Take|Start|Invite|Explain|Remind|Once|After|Before)\b)")
_COLON = re.compile(r"\s*[:：]\s*")
_ASIDE = re.compile(r"\s*(?=[(（])")
# "沟通技巧,包括语言和非语言沟通技巧", "Negotiation, including…": what follows the comma explains the title.
_EXPLAINED = re.compile(r"\s*[,，]\s*(?=包括|如|即|通过|including\b|such as\b|e\.g\.)")
_NUMBERING_WORD = re.compile(r"^(?:(?:session|part|module|unit|topic|lesson|block|chapter)\s*[\w.]{1,4}"
                             r"|第\s*[一二三四五六七八九十\d]{1,3}\s*[讲章节部分课单元模块]{1,2}|模块\s*[一二三四五六七八九十\d]{1,3})$",
                             re.IGNORECASE)


@dataclass
class ReadItem:
    title: str
    rest: list[str] = field(default_factory=list)  # description or overflow, in order: points or notes
    notes: list[str] = field(default_factory=list)  # what only the speaker needs (a place after the time)
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
    # After a clock time at the start, only a length in brackets is the item's ("9.30 Why (45 minutes)"); one in
    # the text belongs to the description ("7pm Workshops begin. A talk takes at most 30 minutes").
    length = find_length(text)
    if length is not None and clock is not None and text[length.start_at:length.start_at + 1] not in "(（[":
        length = None
    if length is not None:
        time.minutes = length.minutes
        text = remove(text, length)
        agenda = True
    span = find_clock(text, dotted=False)
    notes: list[str] = []
    if span is not None and span.end is not None and time.start is None:
        time.start, time.end = span.start, span.end
        before = text[:span.start_at].rstrip(" \t:：-–—|｜(（[")
        after = text[span.end_at:].lstrip(" \t:：-–—|｜)）]")
        if before and after:
            text, notes = before, [after]  # "Roll Call - 9.00-9.15am - A3 Coates": the place is for the speaker
        else:
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
    title, rest, more_notes = _cut(text.strip(), agenda)
    if re.search(r"[a-z]\.$", title) and title.count(". ") == 0:
        title = title[:-1]  # "Workshops begin.": a title has no full stop
    return ReadItem(title, rest, notes + more_notes, time)


def _cut(text: str, agenda: bool) -> tuple[str, list[str], list[str]]:
    rest: list[str] = []
    notes: list[str] = []
    m = _COLON.search(text)
    if m and 0 < m.start() and _short_head(text[:m.start()]) and not _is_label(text[:m.start()]) \
            and (too_long(text) or is_long_point(text[m.end():])):
        agenda = True  # "Introduction: Distribute the handouts. Trainees will…": a head, then instructions
    if agenda:
        m = _DESCRIPTION.search(text)
        colon = m is not None and ":" in m.group(0) or m is not None and "：" in m.group(0)
        if colon and not (too_long(text[m.end():], 20, 40) or _SENTENCE_END.search(text[m.end():])):
            m = None  # "Pair Activity: Participant Introductions": a short text after the colon is the title's
        labelled = m is not None and ";" not in m.group(0) and "；" not in m.group(0) and _is_label(text[:m.start()])
        if m and 0 < m.start() and text[m.end():].strip() and not labelled:
            if _NUMBERING_WORD.match(text[:m.start()].strip()):
                text = text[m.end():].strip()  # "Session 2: Leading change": the words after it are the title
            else:
                text, rest = text[:m.start()].strip(), [text[m.end():].strip()]
    m = _EXPLAINED.search(text)
    if m and m.start() >= 2:
        text, rest = text[:m.start()].strip(), [text[m.end():].strip()] + rest  # "沟通技巧,包括…"
    if too_long(text):
        head, tail, clean = shorten(text)
        if tail:
            # What a long title says beyond its first sentence (or aside) explains it: the speaker's notes.
            # Cut mid-sentence, the whole sentence goes there.
            notes.append(tail if clean else text)
        text = head
    return text, rest, notes


def _short_head(head: str) -> bool:
    return len(head.split()) <= 6 and not too_long(head, 16, 50)


def _is_label(head: str) -> bool:
    from .classify import is_kind_label
    return is_kind_label(head.strip())


def too_long(text: str, cjk_limit: int = MAX_TITLE_CJK, latin_limit: int = MAX_TITLE_LATIN) -> bool:
    return len(text) > (cjk_limit if _CJK.search(text) else latin_limit)


def shorten(text: str) -> tuple[str, str, bool]:
    """A long title cut at its first sentence, before an aside in brackets, or at a comma within the limit:
    (head, the rest, whether the cut fell between sentences or clauses rather than inside one)."""
    limit = MAX_TITLE_CJK if _CJK.search(text) else MAX_TITLE_LATIN
    for pattern, first in ((_RUN_ON, True), (_SENTENCE_END, True), (_ASIDE, True), (_SOFT_BREAK, False)):
        cuts = [m.start() for m in pattern.finditer(text) if 4 <= m.start() <= limit]
        if cuts:
            at = cuts[0] if first else cuts[-1]
            return text[:at].strip().rstrip("，,、;；。.!！?？"), text[at:].strip().lstrip("，,、;；"), True
    words = text[:limit].rsplit(" ", 1)[0] if not _CJK.search(text) and " " in text[:limit] else text[:limit]
    return words.strip(), text[len(words):].strip(), False


def is_long_point(text: str) -> bool:
    return too_long(text, MAX_POINT_CJK, MAX_POINT_LATIN)
