"""Formula: factor boxes in a row joined by operator glyphs (native math shapes for × + − ÷), and an
optional "= result" box in the primary colour; descriptions under their factors."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram, Item
from ..plan import Box, Shape, inches
from .common import (CAPTION_GAP, harmonised, PAD, caption_style, captions, label_style, labelled, text_box, uniform)

GLYPHS = {"×": "mathMultiply", "x": "mathMultiply", "X": "mathMultiply", "*": "mathMultiply",
          "+": "mathPlus", "-": "mathMinus", "−": "mathMinus", "÷": "mathDivide", "/": "mathDivide",
          "=": "mathEqual"}
OP_W = inches(0.8)  # the slot between two boxes
GLYPH = inches(0.55)
BOX_W = inches(3.2)  # a few short factors stand large: the formula is the slide
BOX_H = inches(1.7)
ROUND = (("adj", 12000),)


def draw_formula(diagram: Diagram, area: Box, d: Design) -> list:
    items = list(diagram.items)
    n = len(items)
    terms = items + ([Item(diagram.result)] if diagram.result else [])
    has_text = any(it.text for it in items)
    op_w = OP_W if len(terms) <= 5 else inches(0.46)
    w = min((area.w - (len(terms) - 1) * op_w) // len(terms), BOX_W)
    total = len(terms) * w + (len(terms) - 1) * op_w
    x0 = area.x + (area.w - total) // 2
    h = min(BOX_H, int(area.h * (0.34 if has_text else 0.5)))
    columns = [Box(x0 + i * (w + op_w), 0, w, 0) for i in range(len(terms))]
    lstyle = uniform(d, label_style(d, 28), [(t.label, w - 2 * PAD, h - PAD) for t in terms])
    text_h = 0
    if has_text:
        tstyle, text_h = caption_style(d, items, columns, area.h - h - CAPTION_GAP)
    top = area.y + (area.h - h - (CAPTION_GAP + text_h if has_text else 0)) // 2

    shapes: list = []
    ink = d.colour("primary")
    fills, ink_text = harmonised(d, [d.accent(i) for i in range(len(terms))], 3.0)
    for i, (term, col) in enumerate(zip(terms, columns), start=1):
        box = Box(col.x, top, w, h)
        is_result = diagram.result and i == len(terms)
        name, fill = ("Formula result", ink) if is_result else (f"Formula factor {i}", fills[i - 1])
        shapes.append(labelled(d, name, box, term.label, lstyle, loc=term.loc or diagram.loc,
                               what="the result" if is_result else f"factor {i}", geometry="roundRect",
                               fill=fill, adjust=ROUND, colour=None if is_result else ink_text))
        if i < len(terms):
            op = "=" if diagram.result and i == n else diagram.operator
            name = "Formula equals" if op == "=" and i == n and diagram.result else f"Formula operator {i}"
            shapes.append(_operator(d, name, op, Box(box.right, top, op_w, h), diagram))
    if has_text:
        shapes += captions(d, "Formula factor", items, columns, top + h + CAPTION_GAP, text_h, tstyle, diagram.loc)
    return shapes


def _operator(d: Design, name: str, op: str, slot: Box, diagram: Diagram) -> Shape:
    ink = d.colour("primary")
    geometry = GLYPHS.get(op.strip())
    if geometry:
        size = min(GLYPH, slot.w - inches(0.08))
        return Shape(name, Box(slot.cx - size // 2, slot.cy - size // 2, size, size), geometry=geometry, fill=ink)
    return text_box(d, name, slot, op, label_style(d, 28), loc=diagram.loc, what="the operator", colour=ink,
                    align="ctr", anchor="ctr")
