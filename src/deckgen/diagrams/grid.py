"""Grid: a real, editable table; the header row in the primary colour, body rows on the panel colour
parted by hairlines of the background colour, the first column in bold. A row whose cell count differs
from the columns is an error at that row's line."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box, Cell, Paragraph, Table, inches
from .common import label_style, on, text_height, text_style

COL_W = inches(3.4)  # no column wider than this
ROW_H = inches(0.8)  # rows are padded up to this when there is room
GRID_MAX_SIZE = 22  # a short table of short cells is set this large; a long one as large as fits
INSETS = (inches(0.12), inches(0.07), inches(0.12), inches(0.07))


HEAD_GAP = inches(0.06)  # the header row stands a little taller than its text needs


def draw_grid(diagram: Diagram, area: Box, d: Design) -> list:
    columns, rows = diagram.columns, diagram.rows
    nc = len(columns)
    ok = True
    for i, row in enumerate(rows, start=1):
        if len(row) != nc:
            d.diags.error(f"grid row {i} has {len(row)} cell{'s' if len(row) != 1 else ''}, but the grid has "
                          f"{nc} columns ({', '.join(columns)}): give every row exactly {nc} cells, one per column",
                          getattr(row, "loc", None) or diagram.loc)
            ok = False
    if not ok:
        return []
    width = min(area.w, nc * COL_W)
    natural = [max(d.text_width(t, "body", 16) for t in [columns[j]] + [r[j] for r in rows]) for j in range(nc)]
    mean = sum(natural) / nc
    weights = [min(max(w, 0.7 * mean), 1.6 * mean) for w in natural]
    widths = [int(width * w / sum(weights)) for w in weights]
    widths[-1] = width - sum(widths[:-1])
    pad_w, pad_h = INSETS[0] + INSETS[2], INSETS[1] + INSETS[3]

    def row_height(texts, style, size):
        return max(text_height(d, t, w - pad_w, style, size) for t, w in zip(texts, widths)) + pad_h

    # the largest size at which the whole table fits the area
    size = d.size("diagram_min")
    for s in range(GRID_MAX_SIZE, int(d.size("diagram_min")) - 1, -1):
        head = row_height(columns, label_style(d, s), s) + HEAD_GAP
        if head + sum(row_height(r, label_style(d, s), s) for r in rows) <= area.h:
            size = s
            break
    hstyle, bstyle, fstyle = label_style(d, size), text_style(d, size), label_style(d, size)
    head_h = row_height(columns, hstyle, size) + HEAD_GAP
    room = (area.h - head_h) // len(rows)
    # a short table's rows open up so it does not float in the area
    padded = ROW_H if len(rows) > 3 else ROW_H * 5 // 4
    heights = [head_h] + [max(row_height(r, fstyle, size), min(padded, room)) for r in rows]

    primary, panel, background = d.colour("primary"), d.colour("panel"), d.colour("background")
    cells = [tuple(_cell(d, t, w, head_h, hstyle, primary, diagram) for t, w in zip(columns, widths))]
    for row, h in zip(rows, heights[1:]):
        cells.append(tuple(_cell(d, t, w, h, fstyle if j == 0 else bstyle, panel, diagram, getattr(row, "loc", None))
                           for j, (t, w) in enumerate(zip(row, widths))))
    total_h = sum(heights)
    box = Box(area.x + (area.w - width) // 2, area.y + (area.h - total_h) // 2, width, total_h)
    return [Table("Grid table", box, tuple(widths), tuple(heights), tuple(cells), border=background)]


def _cell(d: Design, text: str, w: int, h: int, style, fill, diagram: Diagram, loc=None) -> Cell:
    block = d.fit([Paragraph(text)], Box(0, 0, w, h), style, on(d, fill), loc=loc or diagram.loc,
                  what="a grid cell", anchor="ctr", insets=INSETS)
    return Cell(block, fill)
