"""Tables read as agenda rows: a Markdown table's "| 09:00 | Room 1 | Welcome | Why |" or a tab-separated one
pasted from Word or a spreadsheet ("09:00<tab>Welcome<tab>Why") becomes "09:00 Welcome; Why"."""
from __future__ import annotations

import re

from .durations import clock_at_start, find_length
from .header import field_at_start

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TIME_HEADINGS = ("time", "times", "when", "时间", "時間", "时段")
_LENGTH_HEADINGS = ("length", "duration", "minutes", "mins", "时长", "用时")
# Columns about how or where an item is run, for the facilitator: notes, not points on the slide.
_NOTES_HEADINGS = ("method", "methods", "methodology", "format", "delivery", "approach", "room", "venue", "location",
                   "speaker", "facilitator", "trainer", "presenter", "lead", "materials", "resources", "equipment",
                   "方式", "形式", "教学方式", "教学方法", "授课方式", "方法", "讲师", "主讲", "地点", "教室", "教具", "物料",
                   "材料")
_TITLE_HEADINGS = ("title", "session", "activity", "topic", "content", "item", "module", "agenda", "内容", "主题",
                   "活动", "课程", "环节", "模块", "议程", "课题", "单元")


def cells(line: str) -> list[str] | None:
    """The cells of a Markdown table row, or None when the line is no row."""
    stripped = line.strip()
    if not stripped.startswith("|") or stripped.count("|") < 2:
        return None
    return [c.strip() for c in stripped.strip("|").split("|")]


def tab_cells(line: str) -> list[str] | None:
    """The cells of a tab-separated row (a table pasted as text), or None when no tab separates text."""
    stripped = line.strip(" \u3000\r\n")
    if "\t" not in stripped.strip("\t"):
        return None  # tabs only indent the line (a nested list), or there are none
    row = [c.strip() for c in stripped.split("\t")]
    while row and not row[-1]:
        row.pop()
    return row if sum(1 for c in row if c) >= 2 else None


def read_tables(lines: list[str]) -> tuple[list[str], dict[int, list[str]]]:
    """The lines with each table row rewritten as one line of text (line numbers kept), and for each line
    that is a row (an item of the outline) the cells that go to its notes. Tab-separated rows count as a
    table when at least two follow each other."""
    out = list(lines)
    dropped: list[int] = []
    rows: dict[int, list[str]] = {}
    i = 0
    while i < len(lines):
        split = cells if cells(lines[i]) is not None else tab_cells
        if split(lines[i]) is None or field_at_start(lines[i]) is not None:
            i += 1
            continue
        j = i
        while j < len(lines) and split(lines[j]) is not None:
            j += 1
        if split is cells or j - i >= 2:
            _rewrite_block(lines, out, i, j, dropped, rows, split)
        i = j
    return out, rows


def _rewrite_block(lines: list[str], out: list[str], first: int, last: int, dropped: list[int],
                   notes: dict[int, list[str]], split) -> None:
    rows = {k: split(lines[k]) for k in range(first, last)}
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
    if headings is None and body and _headings_row(rows[body[0]]):
        # a pasted table has no separator line: its first row names the columns ("Time<tab>Session")
        headings = [h.lower() for h in rows[body[0]]]
        out[body[0]] = ""
        dropped.append(body[0] + 1)
        body.pop(0)
    if not body:
        return
    width = max(len(rows[k]) for k in body)
    time_col, title_col = _columns(headings, [rows[k] for k in body], width)
    # A column whose values repeat (a room, a speaker) is about logistics: notes. One whose values all differ
    # (a purpose, a description) says more about each item: a point.
    repeats = {c for c in range(width) if c not in (time_col, title_col) and _repeats([rows[k] for k in body], c)}
    repeats |= {c for c, h in enumerate(headings or []) if h in _NOTES_HEADINGS and c not in (time_col, title_col)}
    for k in body:
        row = rows[k] + [""] * (width - len(rows[k]))
        text, extra = _row_text(row, time_col, title_col, repeats)
        out[k] = text
        if text:
            notes[k + 1] = extra


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
        title_col = max(candidates, key=lambda c: _title_likeness(rows, c)) if candidates else 0
    return time_col, title_col


def _headings_row(row: list[str]) -> bool:
    """A row that names columns: no cell is a time, and one is a usual column heading."""
    known = _TIME_HEADINGS + _LENGTH_HEADINGS + _TITLE_HEADINGS + _NOTES_HEADINGS
    return not any(_is_time(c) for c in row) and any(c.lower() in known for c in row)


def _title_likeness(rows: list[list[str]], c: int) -> tuple[int, float, int]:
    """Different values first (a room or a speaker repeats, topics do not), then longer text, then leftmost."""
    values = [r[c] for r in rows if c < len(r) and r[c]]
    mean = sum(len(v) for v in values) / len(values) if values else 0
    return len(set(values)), mean, -c


def _is_time(cell: str) -> bool:
    return bool(cell) and (clock_at_start(cell) is not None or find_length(cell) is not None
                           or bool(re.match(r"^\d+\s*[-–~]\s*\d+\s*(?:分钟|min)", cell)))


def _repeats(rows: list[list[str]], c: int) -> bool:
    values = [r[c] for r in rows if c < len(r) and r[c]]
    return len(set(values)) < len(values)


def _row_text(row: list[str], time_col: int | None, title_col: int, repeats: set[int]) -> tuple[str, list[str]]:
    time = row[time_col] if time_col is not None else ""
    title = row[title_col] if title_col < len(row) else ""
    others = [(i, c) for i, c in enumerate(row) if i not in (time_col, title_col) and c]
    if not title and others:
        title, others = others[0][1], others[1:]
    if not title and not time:
        return "", []
    text = f"{time} {title}".strip()
    points = [c for i, c in others if i not in repeats]
    if points:
        text += "; " + "; ".join(points)  # after ";" an agenda item's text describes it
    return text, [c for i, c in others if i in repeats]
