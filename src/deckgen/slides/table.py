"""Native tables: columns sized to their text, the largest type at which the table fits, numbers
right-aligned, banded rows, and a table too long for one slide cut into pages that repeat its header."""
from __future__ import annotations

from ..design import Design
from ..media import TableSpec, number_like
from ..plan import EMU_PER_PT, Box, Cell, Paragraph, Table, inches
from ..textfit import Para

MAX_SIZE = 18
INSETS = (inches(0.1), inches(0.05), inches(0.1), inches(0.05))
PAGE_SIZE = 14  # a table that needs several slides is set at this size (or the floor, if larger)


def numeric_columns(spec: TableSpec) -> list[bool]:
    """A column whose filled cells are all numbers (12, 3.5%, ¥1,200) is right-aligned."""
    out = []
    for j in range(len(spec.columns)):
        cells = [r[j] for r in spec.rows if r[j].strip()]
        out.append(bool(cells) and all(number_like(c) for c in cells))
    return out


def column_widths(spec: TableSpec, area: Box, d: Design) -> list[int]:
    n = len(spec.columns)
    pad = INSETS[0] + INSETS[2]
    if spec.widths:
        weights = list(spec.widths)
        width = area.w
    else:
        natural = [max(d.text_width(t, "body", MAX_SIZE, bold=(i == 0)) for i, t in
                       enumerate([spec.columns[j]] + [r[j] for r in spec.rows])) + pad for j in range(n)]
        width = min(area.w, max(sum(natural), int(area.w * 0.55)))
        mean = sum(natural) / n
        weights = [min(max(w, 0.5 * mean), 2.5 * mean) for w in natural]
    widths = [int(width * w / sum(weights)) for w in weights]
    widths[-1] = width - sum(widths[:-1])
    return widths


def _height(d: Design, text: str, width: int, style, size: float) -> int:
    fitted = d.fitter.measure([Para(text)], style, size, max(width - INSETS[0] - INSETS[2], 1) / EMU_PER_PT)
    return int(fitted.height * EMU_PER_PT) + INSETS[1] + INSETS[3] + inches(0.04)


def _row_heights(d: Design, rows, widths, style, size: float) -> list[int]:
    return [max(_height(d, t, w, style, size) for t, w in zip(row, widths)) for row in rows]


def _words_fit(d: Design, rows, widths, style, size: float) -> bool:
    """Whether every cell's lines fit its column at this size (a long word cannot be wrapped)."""
    for row in rows:
        for t, w in zip(row, widths):
            width = max(w - INSETS[0] - INSETS[2], 1) / EMU_PER_PT
            fitted = d.fitter.measure([Para(t)], style, size, width)
            if not d.fitter.fits(fitted, [Para(t)], style, width, float("inf")):
                return False
    return True


def plan_table(spec: TableSpec, area: Box, d: Design, *, name: str = "Table", alt: str = "") -> list[Table]:
    """One Table per slide the table needs (the header row repeated on each), all inside `area`."""
    widths = column_widths(spec, area, d)
    floor = d.size("body_min") - 2
    body = [spec.columns] + list(spec.rows) if not spec.header else list(spec.rows)
    head = [spec.columns] if spec.header else []

    def styles(size):
        return (d.style("body", size, size, bold=True, spacing=1.2), d.style("body", size, size, spacing=1.2))

    size = None
    for s in range(MAX_SIZE, int(floor) - 1, -1):
        hs, bs = styles(s)
        total = sum(_row_heights(d, head, widths, hs, s)) + sum(_row_heights(d, body, widths, bs, s))
        if total <= area.h and _words_fit(d, head, widths, hs, s) and _words_fit(d, body, widths, bs, s):
            size = s
            break
    pages: list[list[int]] = []
    if size is None:  # several slides: a readable size, rows cut into pages that fit under the header
        size = max(PAGE_SIZE, floor)
        hs, bs = styles(size)
        head_h = sum(_row_heights(d, head, widths, hs, size))
        heights = _row_heights(d, body, widths, bs, size)
        page, used = [], head_h
        for i, h in enumerate(heights):
            if page and used + h > area.h:
                pages.append(page)
                page, used = [], head_h
            if head_h + h > area.h:
                d.diags.error(f"table row {i + 1} is taller than a whole slide even at {size} pt: shorten its "
                              "cells", spec.loc)
            page.append(i)
            used += h
        pages.append(page)
        pages = _balanced(pages, heights, area.h - head_h)
    else:
        pages = [list(range(len(body)))]
    hs, bs = styles(size)
    numeric = numeric_columns(spec)
    head_h = _row_heights(d, head, widths, hs, size)
    body_h = _row_heights(d, body, widths, bs, size)
    primary, panel, background = d.colour("primary"), d.colour("panel"), d.colour("background")
    on_primary, text = d.colour("on_primary"), d.colour("text")

    def cell(t: str, w: int, h: int, style, fill, colour, align: str) -> Cell:
        block = d.fit([Paragraph(t)], Box(0, 0, w, h), style, colour, loc=spec.loc, what="a table cell",
                      anchor="ctr", insets=INSETS, align=align)
        return Cell(block, fill)

    tables = []
    x = area.x + (area.w - sum(widths)) // 2
    for page in pages:
        rows, heights = [], []
        for row, h in zip(head, head_h):
            rows.append(tuple(cell(t, w, h, hs, primary, on_primary, "r" if num else "l")
                              for t, w, num in zip(row, widths, numeric)))
            heights.append(h)
        for k, i in enumerate(page):
            fill = panel if k % 2 == 0 else background
            rows.append(tuple(cell(t, w, body_h[i], bs, fill, text, "r" if num else "l")
                              for t, w, num in zip(body[i], widths, numeric)))
            heights.append(body_h[i])
        box = Box(x, area.y, sum(widths), sum(heights))
        tables.append(Table(name, box, tuple(widths), tuple(heights), tuple(rows), first_row=spec.header,
                            band_rows=True, alt=alt))
    return tables


def _balanced(pages: list[list[int]], heights: list[int], room: int) -> list[list[int]]:
    """The same number of pages with the rows spread evenly (18 rows on two slides: 9 and 9, not 12 and 6),
    as long as every page still fits."""
    n, rows = len(pages), [i for page in pages for i in page]
    per = -(-len(rows) // n)
    even = [rows[k:k + per] for k in range(0, len(rows), per)]
    if len(even) == n and all(sum(heights[i] for i in page) <= room for page in even):
        return even
    return pages


def table_alt(spec: TableSpec, title: str) -> str:
    """What a screen reader announces: the author's alt text, else the table's shape and headings."""
    if spec.alt:
        return spec.alt
    return (f"{title}: table, {len(spec.rows)} rows × {len(spec.columns)} columns ("
            f"{', '.join(spec.columns)})")
