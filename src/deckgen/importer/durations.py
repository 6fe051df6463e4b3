"""Times in an outline's text: lengths (15分钟, 20 minutes, ninety minutes) and clock times (09:00–10:30, 1.30 pm)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- numbers written as words ---------------------------------------------------------------------

_EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
             "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}
_EN_WORD = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)" \
           r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?" \
           r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|an?)"
_CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_WORD = r"[一二两三四五六七八九十]{1,3}"


def _en_number(word: str) -> float:
    parts = re.split(r"[\s-]+", word.lower())
    return float(sum(_EN_UNITS.get(p, 0) for p in parts))


def _cn_number(word: str) -> float:
    if "十" in word:
        tens, _, ones = word.partition("十")
        return float((_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0))
    return float(_CN_DIGIT.get(word, 0))


def _number(raw: str) -> float:
    raw = raw.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    if re.fullmatch(_CN_WORD, raw):
        return _cn_number(raw)
    return _en_number(raw)


# --- lengths --------------------------------------------------------------------------------------

_NUM = rf"(?:\d{{1,3}}(?:\.\d+)?|{_CN_WORD}|{_EN_WORD})"
_HOURS = r"(?:hours?|hrs?|h(?![a-z])|小时|个小时|课时|钟头|時間|시간)"
_MINUTES = r"(?:minutes?|mins?|m(?![a-z])|分钟|分(?!享|析|组|别|解|类|配|工|层|钟)|분(?!석|류|야|기|담|위|량))"
_LENGTH = re.compile(
    rf"(?P<open>[（(\[]\s*)?(?:约|共|计|大约|approx\.?\s*|about\s+|c\.\s*)?"
    rf"(?:(?P<half_hour>半(?:个)?小时|half\s+an\s+hour)"
    rf"|(?P<h>{_NUM})\s*(?:个)?(?P<and_half>半)?\s*{_HOURS}(?:\s*(?:and\s+)?(?P<hm>\d{{1,2}})\s*{_MINUTES}?)?"
    rf"|(?P<m>{_NUM})\s*{_MINUTES})"
    rf"(?(open)\s*[）)\]])", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*$")


@dataclass(frozen=True)
class Found:
    """A time found in a line of text: a length, or a clock time or range, and where it was."""

    start_at: int  # offset in the text
    end_at: int
    minutes: int | None = None  # a length ("20 minutes") or the length of a range
    start: int | None = None  # minutes since midnight
    end: int | None = None


_ELAPSED = re.compile(r"(?<![\d.:])(?P<a>\d{1,3})\s*[-–~～]\s*(?P<b>\d{1,3})\s*(?:分钟|minutes?|mins?)", re.IGNORECASE)


def find_length(text: str) -> Found | None:
    """The first length written in the text: 15分钟, (约15分钟), 20 minutes, ninety minutes, 1.5 hours, 45m;
    "10-20分钟" in a timetable counted from the start is the ten minutes between."""
    elapsed = _ELAPSED.search(text)
    if elapsed is not None and int(elapsed.group("b")) > int(elapsed.group("a")):
        return Found(elapsed.start(), elapsed.end(), minutes=int(elapsed.group("b")) - int(elapsed.group("a")))
    for m in _LENGTH.finditer(text):
        if not _word_boundary(text, m):
            continue
        minutes = _length_minutes(m)
        if minutes is not None and 1 <= minutes <= 600:
            return Found(m.start(), m.end(), minutes=minutes)
    return None


def _word_boundary(text: str, m: re.Match) -> bool:
    before = text[m.start() - 1] if m.start() > 0 else " "
    if before.isascii() and before.isalnum() and m.group(0)[0].isascii():
        return False  # "v2 minutes", "Phase2h"
    after = text[m.end():m.end() + 1]
    return not (after.isascii() and after.isalpha() and m.group(0)[-1].isascii() and m.group(0)[-1].isalpha())


def _length_minutes(m: re.Match) -> int | None:
    if m.group("half_hour"):
        return 30
    if m.group("h"):
        hours = _number(m.group("h")) + (0.5 if m.group("and_half") else 0)
        return round(hours * 60) + (int(m.group("hm")) if m.group("hm") else 0)
    return round(_number(m.group("m")))


def bare_number(text: str) -> Found | None:
    """"(5)" closing an agenda item: minutes, when the items around it are written the same way."""
    m = _BARE_NUMBER.search(text)
    if m is None or not 1 <= int(m.group("n")) <= 240:
        return None
    return Found(m.start(), m.end(), minutes=int(m.group("n")))


# --- clock times ----------------------------------------------------------------------------------

_MER = r"[ap]\.?\s?m\.?(?![a-z])|上午|下午|晚上"
_RANGE_SEP = r"\s*(?:[-–—~～至到]+|to|until|till)\s*"
_CLOCK_SPAN = re.compile(
    rf"(?<![\d.:：])(?P<ah>\d{{1,2}})(?:[:：.](?P<am>[0-5]\d)|(?=\s*(?:{_MER})))(?:\s*(?P<ap>{_MER}))?"
    rf"(?:{_RANGE_SEP}(?P<bh>\d{{1,2}})(?:[:：.](?P<bm>[0-5]\d)|(?=\s*(?:{_MER})))(?:\s*(?P<bp>{_MER}))?)?"
    rf"(?![\d%])", re.IGNORECASE)


def _clock(hour: str, minute: str | None, meridiem: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    if meridiem:
        mer = meridiem.lower().replace(".", "").replace(" ", "")
        if h > 12:
            return None
        if mer in ("pm", "下午", "晚上") and h < 12:
            h += 12
        elif mer in ("am", "上午") and h == 12:
            h = 0
    return h * 60 + m if 0 <= h <= 23 else None


def find_clock(text: str, *, dotted: bool = True) -> Found | None:
    """The first clock time or range in the text: 09:00, 9.45, 1.30 pm, 9.15am-12.30pm, 13:30—15:00.

    A range's end before its start is read as afternoon (1.00 - 2.15 after 12.30); a dotted time needs
    two digits for its minutes ("1.5 hours" is no clock) and is only read when `dotted` allows it or as a
    range in brackets.
    """
    for m in _CLOCK_SPAN.finditer(text):
        raw = m.group(0)
        # "(1.30–3.00)" after a title: a range of two dotted times in brackets is a clock even where a lone
        # dotted number is not
        bracketed_range = m.group("bm") is not None and text[:m.start()].rstrip()[-1:] in ("(", "（", "[")
        if not dotted and ":" not in raw and "：" not in raw and not m.group("ap") and not m.group("bp") \
                and not bracketed_range:
            continue
        if m.group("am") is None and m.group("ap") is None:
            continue  # "9 Lunch": a bare number is no time
        start = _clock(m.group("ah"), m.group("am"), m.group("ap"))
        if start is None:
            continue
        end = None
        if m.group("bh") is not None:
            end = _clock(m.group("bh"), m.group("bm"), m.group("bp") or None)
            if end is not None and m.group("ap") is None and m.group("bp") and "p" in m.group("bp").lower() \
                    and start + 12 * 60 < end:
                start += 12 * 60  # "1.00 - 2.15pm"
            if end is not None and end <= start and end + 12 * 60 > start:
                end += 12 * 60
        return Found(m.start(), m.end(), minutes=(end - start) if end else None, start=start, end=end)
    return None


_LEADING_CLOCK = re.compile(r"^\s*[(（\[]?\s*")


def clock_at_start(text: str) -> Found | None:
    """A clock time or range that opens the line ("09:00 – 10:00 : Opening", "10.45 - Introductions")."""
    lead = _LEADING_CLOCK.match(text).end()
    found = find_clock(text[lead:])
    if found is None or found.start_at != 0:
        return None
    return Found(lead + found.start_at, lead + found.end_at, found.minutes, found.start, found.end)


def clock_text(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def afternoon(previous: int | None, value: int) -> int:
    """A time without am/pm read after the time before it: 1.30 after 12.00 is 13:30."""
    if previous is not None and value < previous and value + 12 * 60 >= previous and value < 12 * 60:
        return value + 12 * 60
    return value


# --- taking a time out of a title -----------------------------------------------------------------

_SEPARATORS = " \t\u3000:：-–—|｜,，;；"


def remove(text: str, found: Found) -> str:
    """The text without the time found in it, and without the brackets or separators left around it: a time
    between a title and its text leaves "Title: text", one inside a sentence leaves the sentence."""
    before, after = text[:found.start_at], text[found.end_at:]
    bracketed = bool(re.search(r"[（(\[]\s*$", before)) or text[found.start_at:found.start_at + 1] in ("(", "（", "[")
    before = re.sub(r"[（(\[]\s*$", "", before)
    after = re.sub(r"^\s*[）)\]]", "", after)
    if bracketed and before.strip() and after.strip():
        return (before.rstrip() + " " + after.lstrip()).replace(" :", ":").replace(" ：", "：").strip()
    stripped_before, stripped_after = before.rstrip(_SEPARATORS), after.lstrip(_SEPARATORS)
    separated = bracketed or stripped_before != before.rstrip() or stripped_after != after.lstrip()
    if stripped_before and stripped_after:
        return f"{stripped_before}: {stripped_after}" if separated else f"{stripped_before} {stripped_after}"
    return (stripped_before or stripped_after).strip()
