"""Which markers are structure and at what level: styles ranked, numbering followed, levels decided per module."""
from __future__ import annotations

from dataclasses import dataclass

from .durations import find_length
from .labels import BLOCK_LABEL
from .reader import Marker, base_style

DAY, HALF, MODULE, SECTION, POINT, SUB, DEEP = range(7)
LEVEL_NAMES = {DAY: "day", HALF: "half day", MODULE: "module", SECTION: "section", POINT: "point",
               SUB: "sub-point", DEEP: "deeper item"}
MAX_SUB_POINTS = 12  # the outline format's limit for a point's sub-points

# Styles of about the same rank are told apart by which comes first; these buckets say which rank above which.
_BUCKETS = {"module": (20, 0), "roman": (20, 1), "session": (20, 2), "step": (20, 3), "cn-enum": (30, 0),
            "cn-jie": (30, 0), "cn-paren": (30, 1), "arabic-dun": (40, 0), "arabic-dot": (40, 0), "decimal2": (40, 1),
            "decimal3": (40, 2), "clock": (45, 0), "arabic-paren": (50, 0), "arabic-paren2": (50, 0),
            "letter": (50, 0), "circled": (50, 1), "subdash": (70, 0)}


def _rank(style: str) -> tuple[int, int]:
    if ">" in style:  # the same numbering indented: one step deeper per indent
        bucket, sub = _rank(base_style(style))
        return (bucket, sub + int(style.split(">", 1)[1]))
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
        if m.number in (None, 1) or (m.style in ("module", "session", "step") and m.at_line_start):
            starts.add(m.style)  # "Session 3: …" opening a page of its own still heads a module
    ordered = sorted((s for s in first_use if s not in ("day", "half", "weekday") and s in starts),
                     key=lambda s: (_rank(s), first_use[s]))
    levels = {"day": DAY, "half": HALF, "weekday": DAY}
    top = MODULE
    # A list with nothing numbered under it is the sections of one module when its items carry times (an
    # agenda) or are plain numbers ("1." "2)" …, one flat list of steps); "一、" and "Module 1" head modules.
    halves = any(m.style == "half" for m in markers)
    if ordered and not ordered[0].startswith("heading") and not any(_numbered_list(s) for s in ordered[1:2]) \
            and ((ordered[0] in timed and ordered[0] not in ("module", "session", "step"))
                 or base_style(ordered[0]) in _FLAT_LIST_STYLES
                 or (halves and ordered[0].startswith("bullet"))):
        top = SECTION
    for depth, style in enumerate(ordered):
        levels[style] = min(top + depth, DEEP)
    return levels


_FLAT_LIST_STYLES = ("arabic-dot", "arabic-dun", "arabic-paren", "arabic-paren2", "clock")


def _numbered_list(style: str) -> bool:
    """Styles that number sections ("1.", "（一）", "1.1"); bullets, letters and ① number points."""
    return not style.startswith(("bullet", "bare:")) and base_style(style) not in (
        "letter", "circled", "subdash", "arabic-paren", "arabic-paren2", "clock")


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


def levels_per_module(accepted: list[Marker], levels: dict[str, int]) -> dict[tuple[int, int], int]:
    """Levels decided inside each module: an outline that changes style midway ("1." sections in one module,
    an agenda table in the next) gives each module's own top style the section level. Keyed by position."""
    own: dict[tuple[int, int], int] = {}
    segment: list[Marker] = []

    def settle() -> None:
        order: dict[str, int] = {}
        for m in segment:
            order.setdefault(m.style, len(order))
        ranked = sorted(order, key=lambda s: (_rank(s), order[s]))
        for m in segment:
            own[m.pos] = min(SECTION + ranked.index(m.style), DEEP)

    # A day or half day holding items but no module heading is settled the same way: its module is implied.
    modules_anywhere = any(levels.get(m.style) == MODULE for m in accepted)
    inside = False
    for m in accepted:
        level = levels.get(m.style)
        if level is not None and level <= MODULE:
            if inside and segment and (not modules_anywhere or not any(levels.get(x.style) == MODULE
                                                                         for x in segment)):
                settle()
            segment, inside = [], True
            continue
        if inside:
            segment.append(m)
    if inside and segment:
        settle()
    return own


# --- unnumbered headings -------------------------------------------------------------------------

def bare_headings(lines: list[str], markers: list[list[Marker]], start: tuple[int, int],
                  end: tuple[int, int] | None) -> list[Marker]:
    """Short unnumbered lines that each introduce a list restarting at 1 ("开场" then "1. …", "2. …",
    "销售的本质" then "1. …"): headings one level above that list. Needs the pattern twice to believe it."""
    last = end[0] if end is not None else len(lines) - 1
    restarts: dict[str, list[int]] = {}
    previous: Marker | None = None
    for i in range(start[0], last + 1):
        head = markers[i][0] if markers[i] and markers[i][0].at_line_start else None
        # A list starts at number 1, or at a bullet whose line above holds no bullet of its kind.
        bullet_start = head is not None and head.style.startswith("bullet") and \
            (previous is None or previous.style != head.style)
        listed = head is not None and base_style(head.style) in _BUCKETS and head.style not in _NO_HEADING_ABOVE
        if listed and (head.number == 1 or bullet_start) or (bullet_start and head.style.startswith("bullet")):
            restarts.setdefault(head.style, []).append(i)
        if lines[i].strip():
            previous = head
    best: list[Marker] = []
    for style, starts in restarts.items():
        heads = [j for j in (_heading_line_above(lines, markers, i) for i in starts) if j is not None]
        timed = len(heads) == 1 and find_length(lines[heads[0]]) is not None  # "High-level summary 15 min"
        if (len(heads) >= 2 or timed) and len(heads) >= len(starts) - 1 and len(heads) > len(best):
            best = [_bare_marker(lines[j], j, style) for j in heads]
    return best


_NO_HEADING_ABOVE = ("module", "session", "step", "clock")  # words that head themselves; an agenda has no heads


def _heading_line_above(lines: list[str], markers: list[list[Marker]], index: int) -> int | None:
    j = index - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or markers[j] or len(lines[j].strip()) > 40 or lines[j].strip()[-1:] in "。.;；:：,，":
        return None
    if BLOCK_LABEL.match(lines[j].strip()):
        return None  # "Preparation", "Total: 70 minutes": a facilitator's block, not a heading of the teaching
    return j


def _bare_marker(line: str, index: int, style: str) -> Marker:
    indent = len(line) - len(line.lstrip(" \t\u3000"))
    return Marker(f"bare:{style}", None, index + 1, indent, indent, True, "")
