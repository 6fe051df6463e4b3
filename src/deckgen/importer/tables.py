"""Markdown tables in an outline read as rows: an agenda row "| 09:00 | Room 1 | Welcome |" becomes "09:00 Welcome — Room 1"."""
from __future__ import annotations

import re

from .durations import clock_at_start, find_length
from .header import field_at_start

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TIME_HEADINGS = ("time", "times", "when", "时间", "時間", "时段")
_LENGTH_HEADINGS = ("length", "duration", "minutes", "mins", "时长", "用时")
_TITLE_HEADINGS = ("title", "session", "activity", "topic", "content", "item", "module", "agenda", "内容", "主题",
                   "活动", "课程", "环节", "模块", "议程", "课题", "单元")


def cells(line: str) -> list[str] | None:
    """The cells of a Markdown table row, or None when the line is no row."""
    stripped = line.strip()
    if not stripped.startswith("|") or stripped.count("|") < 2:
        return None
    return [c.strip() for c in stripped.strip("|").split("|")]


def read_tables(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with each table row rewritten as one line of text (line numbers kept); returns also the
    numbers of the header rows and separators dropped."""
    out = list(lines)
    dropped: list[int] = []
    i = 0
    while i < len(lines):
        if cells(lines[i]) is None or field_at_start(lines[i]) is not None:
            i += 1
            continue
        j = i
        while j < len(lines) and cells(lines[j]) is not None:
            j += 1
        _rewrite_block(lines, out, i, j, dropped)
        i = j
    return out, dropped


def _rewrite_block(lines: list[str], out: list[str], first: int, last: int, dropped: list[int]) -> None:
    rows = {k: cells(lines[k]) for k in range(first, last)}
    headings: list[str] | None = None
    body = []
    for k in range(first, last):
        if _SEPARATOR.match(lines[k]):
            out[k] = ""
            dropped.append(k + 1)
            if k - 1 >= first and headings is None and body and body[-1] == k - 1:
                headings = [h.lower() for h in rows[k - 1]]
                body.pop()
                out[k - 1] = ""
                dropped.append(k)
            continue
        body.append(k)
    if not body:
        return
    width = max(len(rows[k]) for k in body)
    time_col, title_col = _columns(headings, [rows[k] for k in body], width)
    for k in body:
        row = rows[k] + [""] * (width - len(rows[k]))
        out[k] = _row_text(row, time_col, title_col)


def _columns(headings: list[str] | None, rows: list[list[str]], width: int) -> tuple[int | None, int]:
    """Which column holds the time and which the title: named by the headings, else guessed from the rows."""
    time_col = title_col = None
    if headings:
        for c, h in enumerate(headings):
            if time_col is None and any(h.startswith(w) for w in _TIME_HEADINGS + _LENGTH_HEADINGS):
                time_col = c
            elif title_col is None and any(w in h for w in _TITLE_HEADINGS):
                title_col = c
    if time_col is None:
        timed = [c for c in range(width) if sum(1 for r in rows if c < len(r) and _is_time(r[c])) * 2 >= len(rows)]
        time_col = timed[0] if timed else None
    if title_col is None:
        # The title column has the most different values: a room or a speaker repeats, the topics do not.
        candidates = [c for c in range(width) if c != time_col]
        title_col = max(candidates, key=lambda c: (len({r[c] for r in rows if c < len(r) and r[c]}), -c)) \
            if candidates else 0
    return time_col, title_col


def _is_time(cell: str) -> bool:
    return bool(cell) and (clock_at_start(cell) is not None or find_length(cell) is not None
                           or bool(re.match(r"^\d+\s*[-–~]\s*\d+\s*(?:分钟|min)", cell)))


def _row_text(row: list[str], time_col: int | None, title_col: int) -> str:
    time = row[time_col] if time_col is not None else ""
    title = row[title_col] if title_col < len(row) else ""
    others = [c for i, c in enumerate(row) if i not in (time_col, title_col) and c]
    if not title and others:
        title, others = others[0], others[1:]
    if not title and not time:
        return ""
    if title and not time and not others and sum(1 for c in row if c) == 1:
        return title  # a row with one cell: a heading inside the table ("Tuesday 22 January")
    text = f"{time} {title}".strip()
    if others:
        text += " — " + "; ".join(others)
    return text
