"""Agenda lines that are no teaching: breaks and lunch, the day's end, arrival before it and dinner after it."""
from __future__ import annotations

import re

from .wording import wording

BREAK, LUNCH, END, BEFORE, AFTER = "break", "lunch", "end", "before", "after"
DEFAULT_MINUTES = {BREAK: 15, LUNCH: 60}

# Whole-title patterns: "Coffee break", "Lunch (arrange your own)", "茶歇", "午餐及休息"; a title that only
# mentions lunch ("Lunch and learn: budgeting") is teaching, so the words must make up (almost) all of it.
_WORDS = {
    LUNCH: r"(?:buffet\s+|working\s+|networking\s+)?lunch(?:\s*break)?|lunchtime"
           r"|(?:工作)?(?:午餐|午饭|午休|中午休息|午间休息|用餐)(?:[及和与、]?(?:午休|休息|午餐))?",
    BREAK: r"(?:coffee|tea|comfort|short|morning|afternoon|mid-?morning|mid-?afternoon|refreshment)?"
           r"\s*(?:break|tea|coffee)"
           r"(?:\s*(?:break|and\s+\w+|&\s*\w+))?|refreshments|coffee/tea(?:\s*etc\.?)?|tea/coffee|茶歇|休息|课间休息|中场休息",
    END: r"finish|close|end(?:\s+of\s+(?:the\s+)?(?:day|session|workshop|course|training|programme|program))?"
         r"|(?:the\s+)?(?:day|session|workshop|course|training)\s+(?:ends|closes)|adjourn|结束|下课|课程结束|培训结束",
    BEFORE: r"(?:registration|arrivals?|arrive|sign[-\s]?in)(?:\s*(?:and|&|,|/)\s*"
            r"(?:welcome\s+)?(?:coffee|tea|refreshments|registration|breakfast))?|breakfast|doors\s+open"
            r"|[\w\s]{0,30}\barrive(?:s|\s+and\s+[\w\s]{0,40})?|签到|报到|入场|早餐",
    AFTER: r"(?:evening\s+)?(?:meal|dinner|drinks|reception|networking\s+drinks|bar)|(?:welcome\s+)?reception"
           r"|(?:informal\s+)?networking(?:\s+for\s+[\w\s]{0,40})?|晚餐|晚宴|自由活动",
}
_PATTERNS = {kind: re.compile(rf"^(?:{words})(?:\s*[(（][^)）]*[)）])?[.。!！]?$", re.IGNORECASE)
             for kind, words in _WORDS.items()}
_TRIM = " \t\u3000-–—:：|｜*_#>·•"


def agenda_kind(title: str) -> str | None:
    """BREAK, LUNCH, END, BEFORE or AFTER when the title is one of those, else None (teaching)."""
    text = re.sub(r"\s+@\s+.*$", "", title.strip(_TRIM)).rstrip(".。 ")  # "Reception @ Cromdale Hall"
    if not text or len(text) > 60:
        return None
    for kind, pattern in _PATTERNS.items():
        if pattern.match(text):
            return kind
    return None


def break_title(kind: str, language: str) -> str:
    words = wording(language)
    return words.lunch if kind == LUNCH else words.coffee
