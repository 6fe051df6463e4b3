"""An item's line read as a title: its time taken out, a description after the title cut off, long text shortened."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .breaks import agenda_kind
from .durations import bare_number, clock_at_start, find_clock, find_length, remove
from .reader import any_number
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
_NUMBERED_TITLE = re.compile(r"^(?:(?:session|part|module|unit|block)\s*(?:\d{1,2}|[ivx]{1,4}|one|two|three|four|five"
                             r"|six|seven|eight|nine|ten)\s*[:：.\-–]|第\s*[一二三四五六七八九十\d]{1,3}\s*(?:讲|章|部分|单元|模块|课)"
                             r"\s*[:：、]?)\s*(?P<title>\S.*)$", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*")
_COLON = re.compile(r"\s*[:：]\s*")
_SEMICOLON = re.compile(r"\s*[;；]\s*")
_ASIDE = re.compile(r"\s*(?=[(（])")
# "沟通技巧,包括语言和非语言沟通技巧", "Negotiation, including…": what follows the comma explains the title.
_EXPLAINED = re.compile(r"\s*[,，]\s*(?=包括|如|即|通过|including\b|such as\b|e\.g\.)")
_NUMBERING_WORD = re.compile(r"^(?:(?:session|part|module|unit|topic|lesson|block|chapter)\s*[\w.]{1,4}"
                             r"|第\s*[一二三四五六七八九十\d]{1,3}\s*[讲章节部分课单元模块]{1,2}|模块\s*[一二三四五六七八九十\d]{1,3})$",
                             re.IGNORECASE)


# "Concessions (Day 2, morning)", "客户管理（第二天上午）": a bracket saying which day an item is taught on.
_BRACKET = re.compile(r"[(（\[【](?P<inside>[^()（）\[\]【】]*)[)）\]】]")
_DAY_WORDS = re.compile(r"第\s*(?P<cn>[一二三四五六七八九十两]{1,3}|\d{1,2})\s*[天日]"
                        r"|(?<![A-Za-z])day\s*(?P<en>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
                        r"(?![A-Za-z\d])|(?P<n>\d{1,2})\s*(?:日目|일차)", re.IGNORECASE)
_HALF_DAY_WORDS = re.compile(r"上午|下午|晚上|全天|午前|午後|終日|오전|오후|저녁|종일"
                             r"|(?<![A-Za-z])(?:morning|afternoon|evening|all[ -]day|full[ -]day)(?![A-Za-z])",
                             re.IGNORECASE)
_BRACKET_FILLER = " \t\u3000,，、;；/|｜-–—:："


@dataclass(frozen=True)
class DayNote:
    """Which day a bracket in an item's line names, and the words of it that went (for the speaker's notes)."""

    day: int
    words: str


def take_day_note(text: str) -> tuple[str, DayNote | None]:
    """The line without the bracket naming its day ("Concessions (Day 2, morning)" → "Concessions", day 2).
    A time in the same bracket stays for `read_item` ("(Day 1, 9:00–12:30)" → "(9:00–12:30)")."""
    for m in _BRACKET.finditer(text):
        inside = m.group("inside")
        days = list(_DAY_WORDS.finditer(inside))
        if len(days) != 1:
            continue  # "(Day 1 and Day 2)" names no single day
        day = any_number(days[0].group("cn") or days[0].group("en") or days[0].group("n"))
        if not day:
            continue
        rest = inside[:days[0].start()] + " " + inside[days[0].end():]
        half = _HALF_DAY_WORDS.search(rest)
        words = days[0].group(0) + (f" {half.group(0)}" if half else "")
        rest = _HALF_DAY_WORDS.sub(" ", rest)
        rest = re.sub(r"\s{2,}", " ", rest).strip(_BRACKET_FILLER)
        kept = f"{text[m.start()]}{rest}{text[m.end() - 1]}" if rest else ""
        line = (text[:m.start()].rstrip() + (" " + kept if kept else "") + " " + text[m.end():].lstrip()).strip()
        return line.strip(_BRACKET_FILLER) or text, DayNote(day, words)
    return text, None


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
        text = text[clock.end_at:].lstrip(" \t:：-–—|｜)）]")
        agenda = True
    # After a clock time at the start, only a length in brackets is the item's ("9.30 Why (45 minutes)"); one in
    # the text belongs to the description ("7pm Workshops begin. A talk takes at most 30 minutes").
    length = find_length(text)
    notes: list[str] = []
    listed = _listed_in_bracket(text, length) if length is not None else None
    if listed is not None:
        # "Redesign your meeting (30 min, groups of 4)": the length is the item's, the rest is for the speaker
        (open_at, close_at), others = listed
        time.minutes = length.minutes
        notes += [others] if others else []
        text = (text[:open_at].rstrip() + " " + text[close_at + 1:].lstrip()).strip()
        length = None
        agenda = True
    if length is not None and not _owns(text, length, after_clock=clock is not None):
        length = None
    described = None
    if length is not None:
        time.minutes = length.minutes
        after = re.match(r"\s*[:：]\s*(?P<rest>\S.*)$", text[length.end_at:])
        if after and text[:length.start_at].strip():
            # "Group activity (45 minutes): in small groups, map…": the time closes the title.
            described = after.group("rest")
            text = text[:length.start_at].rstrip(" (（[")
        else:
            text = remove(text, length)
        agenda = True
    span = find_clock(text, dotted=False)
    group = _bracket_around(text, span) if span is not None and span.end is not None else None
    if group is not None and time.start is None:
        # "Reading the numbers (Day 1, 9:00–12:30)": the bracket is about when; its other words go to the notes.
        time.start, time.end = span.start, span.end
        words = (text[group[0] + 1:span.start_at] + text[span.end_at:group[1]]).strip(" ,，;；")
        notes += [words] if words else []
        text = (text[:group[0]].rstrip() + " " + text[group[1] + 1:].lstrip()).strip()
        span = None
        agenda = True
    if span is not None and span.end is not None and time.start is None:
        time.start, time.end = span.start, span.end
        before = text[:span.start_at].rstrip(" \t:：-–—|｜(（[")
        after = text[span.end_at:].lstrip(" \t:：-–—|｜)）]")
        bracketed = text[:span.start_at].rstrip()[-1:] in ("(", "（", "[")
        if before and after and not bracketed:
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
    if described:
        rest.append(described) if not is_long_point(described) else more_notes.append(described)
    if re.search(r"[a-z]\.$", title) and title.count(". ") == 0:
        title = title[:-1]  # "Workshops begin.": a title has no full stop
    return ReadItem(title, rest, notes + more_notes, time)


def _cut(text: str, agenda: bool) -> tuple[str, list[str], list[str]]:
    rest: list[str] = []
    notes: list[str] = []
    numbered = _NUMBERED_TITLE.match(text)
    if numbered and agenda:
        text = numbered.group("title")  # "11.00 Session 2: Leading change": the session's name is the title
    elif agenda:
        text = _LIST_NUMBER.sub("", text)  # "9:30-10:30 一、情绪管理的认知": the number is the agenda's, not the title's
    m = _COLON.search(text)
    if m and 0 < m.start() and _short_head(text[:m.start()]) and not _is_label(text[:m.start()]) \
            and (too_long(text) or is_long_point(text[m.end():])):
        agenda = True  # "Introduction: Distribute the handouts. Trainees will…": a head, then instructions
    if agenda and (semi := _SEMICOLON.search(text)) is not None and semi.start() > 0:
        # "Role play: an angry caller; Trios" (a table row's other cells): each part after ";" describes it
        parts = [p.strip() for p in _SEMICOLON.split(text[semi.end():]) if p.strip()]
        text, rest = text[:semi.start()].strip(), parts
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
                text, rest = text[:m.start()].strip(), [text[m.end():].strip()] + rest
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


def _owns(text: str, length, after_clock: bool) -> bool:
    """Is this length the item's time? In brackets, opening the line, or closing it (after a separator) it
    is; inside a short title it is part of the name ("Scrum in 10 minutes"); after a clock time only in
    brackets ("9.30 Why (45 minutes)"), since the clock already says when."""
    if _bracket_around(text, length) is not None:
        return False  # a phrase in brackets: "Video (Scrum in 10 minutes)"
    bracketed = text[length.start_at:length.start_at + 1] in "(（["
    if after_clock:
        return bracketed
    before, after = text[:length.start_at].strip(), text[length.end_at:].strip()
    if bracketed or not before or (not after and before[-1:] in "-–—:：|,，") or after[:1] in (":", "：", ")"):
        return True
    spaced = text[length.start_at - 1:length.start_at].isspace()
    if not after and spaced and not re.search(r"\b(?:in|within|under|for|than|of|every|per|about)$", before,
                                               re.IGNORECASE):
        return True  # "开场破冰 15分钟", "Warm-up 10 min"; but "Scrum in 10 minutes" names the video
    return too_long(text)  # a sentence describing the item: "…this should take about 5 minutes."


def _bracket_around(text: str, span) -> tuple[int, int] | None:
    """(open, close) of the brackets holding the time found, when it sits inside more words in brackets."""
    open_at = max(text.rfind("(", 0, span.start_at), text.rfind("（", 0, span.start_at))
    close_at = min((i for i in (text.find(")", span.end_at), text.find("）", span.end_at)) if i >= 0), default=-1)
    if open_at < 0 or close_at < 0 or any(ch in text[open_at + 1:span.start_at] for ch in ")）"):
        return None
    inside = text[open_at + 1:close_at]
    return (open_at, close_at) if inside.strip() != text[span.start_at:span.end_at].strip() else None


_LIST_IN_BRACKET = re.compile(r"\s*[,，;；、/]\s*")
_ABOUT = re.compile(r"^(?:about|approx\.?|approximately|around|ca\.?|c\.|up to|约|大约|共)?\s*$", re.IGNORECASE)


def _listed_in_bracket(text: str, length) -> tuple[tuple[int, int], str] | None:
    """((open, close), the other words) when the length is an entry of a list in brackets, or all they hold
    ("(30 min, groups of 4)", "（20分钟，每组5人）"); a length inside a phrase ("(Scrum in 10 minutes)") is the
    phrase's."""
    group = _bracket_around(text, length)
    if group is None:
        return None
    inside = text[group[0] + 1:group[1]]
    at, until = length.start_at - group[0] - 1, length.end_at - group[0] - 1
    entries = [(m.start(), m.end()) for m in _LIST_IN_BRACKET.finditer(inside)]
    cuts = [0] + [e for _, e in entries], [s for s, _ in entries] + [len(inside)]
    for a, b in zip(*cuts):
        if a <= at and until <= b:
            if not _ABOUT.match(inside[a:at] + inside[until:b]):
                return None
            others = (inside[:a] + inside[b:]).strip(" ,，;；、/")
            return group, _LIST_IN_BRACKET.sub(", ", others)
    return None


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
