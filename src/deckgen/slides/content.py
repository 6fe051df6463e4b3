"""Content slides: a title and its points, as numbered cards when few and short, numbered rows when
they are more or longer, else a list."""
from __future__ import annotations

import re
from dataclasses import replace

from ..plan import Box, Connector, Paragraph, Shape, inches, pt
from .common import (SlideContext, bullet_lines, continued, list_style, make_slide, point_paragraphs, points_text,
                     section_notes, split_points)

CARD_MAX_CHARS = 18
ROW_MAX_CHARS = 60
TERM = re.compile(r"^(.{2,12}?)(——|—|--|:|：)(.+)$")
TRAILING_TERM = re.compile(r"^(.{2,14}?)\s*[（(]([^（()）]{2,8})[)）]$")


def use_cards(section) -> bool:
    pts = section.points
    return 2 <= len(pts) <= 4 and all(not p.points and len(p.text) <= CARD_MAX_CHARS for p in pts)


def use_rows(section) -> bool:
    pts = section.points
    return 2 <= len(pts) <= 7 and all(not p.points and len(p.text) <= ROW_MAX_CHARS for p in pts)


def split_term(text: str) -> tuple[str | None, str]:
    """'领导智商—感知、表达与推理' → ('领导智商', '感知、表达与推理'); no term when there is no short lead
    (or short trailing name in brackets)."""
    m = TERM.match(text)
    if m:
        return m.group(1).strip(), m.group(3).strip()
    m = TRAILING_TERM.match(text)  # '交易式销售(价格为王)' → ('交易式销售', '价格为王')
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return None, text


def plan_content(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("accent1")
    # the points verbatim in the notes too: cards and rows set a lead term apart from its text
    notes = section_notes(ctx, s.notes, bullet_lines("要点" if d.zh else "Key points", points_text(s.points)))
    if not s.points:
        elements = d.title(s.title, accent, loc=s.loc)
        return [make_slide(ctx, "content", s.title, elements, notes, loc=s.loc)]
    if use_cards(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + cards(ctx), notes,
                           loc=s.loc)]
    if use_rows(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + rows(ctx), notes,
                           loc=s.loc)]
    area = d.content.inset(0, 0)
    area = Box(area.x + inches(0.22), area.y, min(area.w - inches(0.22), inches(11.2)), area.h)
    style = list_style(d)
    paras = point_paragraphs(s.points, d, accent)
    slides = []
    for part, group in enumerate(split_points(paras, d, area, style)):
        title = continued(s.title, d, part)
        body = d.fit(group, area, style, d.colour("text"), loc=s.loc, what="the points")
        elements = d.title(title, accent, loc=s.loc) + [Shape("Points", area, text=body)]
        slide_notes = notes if part == 0 else section_notes(ctx)
        slides.append(make_slide(ctx, "content", title, elements, slide_notes, loc=s.loc))
    return slides


def cards(ctx: SlideContext) -> list[Shape]:
    """Numbered cards side by side, one per point."""
    s, d = ctx.section, ctx.design
    n = len(s.points)
    row_w = min(d.content.w, n * inches(4.6) + (n - 1) * d.gutter)
    columns = Box(d.content.x + (d.content.w - row_w) // 2, d.content.y, row_w, d.content.h).columns(n, d.gutter)
    pad = inches(0.3)
    number_h = inches(0.8)
    style = d.style("body", d.size("body") + 2, d.size("body_min"), bold=True, phrase=True, balance=True)
    blocks = []
    for i, (col, point) in enumerate(zip(columns, s.points)):
        text_box = Box(col.x + pad, 0, col.w - 2 * pad, d.content.h - 2 * pad - number_h)
        term, desc = split_term(point.text)
        # a lead term ('需求界定—被动满足…') becomes the card's heading, the rest its text
        paras = [Paragraph(term, colour=d.accent(i)), Paragraph(desc, bold=False)] if term else \
            [Paragraph(point.text)]
        blocks.append(d.fit(paras, text_box, style, d.colour("text"), loc=point.loc or s.loc, what="a card"))
    text_h = max(pt(b.height) for b in blocks)
    card_h = min(max(inches(2.4), 2 * pad + number_h + text_h + inches(0.1)), d.content.h)
    top = d.content.y + int((d.content.h - card_h) * 0.4)
    shapes = []
    for i, (col, block) in enumerate(zip(columns, blocks)):
        accent = d.accent(i)
        box = Box(col.x, top, col.w, card_h)
        shapes.append(Shape(f"Card {i + 1}", box, geometry="rect", fill=d.colour("panel")))
        shapes.append(Shape(f"Card {i + 1} rule", Box(box.x, box.y, box.w, inches(0.08)), fill=accent))
        inner = box.inset(pad, pad)
        shapes.append(d.simple_text(f"{i + 1:02d}", Box(inner.x, inner.y, inner.w, number_h), 36, accent,
                                    role="heading", bold=True, name=f"Card {i + 1} number"))
        text_box = inner.below(number_h)
        shapes.append(Shape(f"Card {i + 1} text", text_box, text=block))
    return shapes


def rows(ctx: SlideContext) -> list:
    """One numbered row per point; a short lead term ('X—Y') is set apart in bold."""
    s, d = ctx.section, ctx.design
    n = len(s.points)
    parts = [split_term(p.text) for p in s.points]
    with_terms = sum(1 for t, _ in parts if t) >= max(2, n - 1)
    area = Box(d.content.x + inches(0.22), d.content.y, d.content.w - inches(0.22), d.content.h)
    row_h = min(area.h // n, inches(0.95))
    top = area.y + int((area.h - row_h * n) * 0.3)
    badge = inches(0.5)
    text_x = area.x + badge + inches(0.35)
    widest = max((d.text_width(t, "heading", 24, bold=True) for t, _ in parts if t), default=0)
    term_w = min(max(widest + inches(0.25), inches(1.4)), inches(3.6)) if with_terms else 0
    desc_x = text_x + (term_w + inches(0.3) if with_terms else 0)
    term_style = d.style("heading", 24, d.size("body_min"), bold=True, phrase=True, balance=True)
    desc_style = d.style("body", 24, d.size("body_min"))
    # each row's pieces: (name, x, width, text, style, colour); fitted first at their own best size
    pieces = []
    for i, ((term, desc), point) in enumerate(zip(parts, s.points)):
        row = []
        if with_terms and term:
            row.append(("term", text_x, term_w, term, term_style, d.colour("primary")))
            row.append(("text", desc_x, area.right - desc_x, desc, desc_style, d.colour("text")))
        else:
            row.append(("text", text_x, area.right - text_x, point.text, desc_style, d.colour("text")))
        pieces.append(row)

    def fit(piece, style, loc):
        _, x, w, text, _, colour = piece
        return d.fit([Paragraph(text)], Box(x, 0, w, row_h), style, colour, loc=loc, what="a point", anchor="ctr")

    first = [[fit(piece, piece[4], point.loc or s.loc) for piece in row] for row, point in zip(pieces, s.points)]
    # one size for every row: the largest at which all of them fit; refit only what came out larger
    size = min(block.size for row in first for block in row)
    shapes = []
    for i, (row, blocks, point) in enumerate(zip(pieces, first, s.points)):
        y = top + i * row_h
        accent = d.accent(i)
        if i:
            shapes.append(Connector(f"Row {i + 1} rule", (text_x, y), (area.right, y), d.colour("line"), 0.75))
        badge_box = Box(area.x, y + (row_h - badge) // 2, badge, badge)
        number = d.simple_text(f"{i + 1}", badge_box, 16, d.colour("on_primary"), role="heading", bold=True,
                               align="ctr", anchor="ctr", name=f"Row {i + 1} number").text
        shapes.append(Shape(f"Row {i + 1} badge", badge_box, geometry="ellipse", fill=accent, text=number))
        for piece, block in zip(row, blocks):
            name, x, w, _, style, _ = piece
            if block.size != size:
                block = fit(piece, replace(style, max_size=size, min_size=size), point.loc or s.loc)
            shapes.append(Shape(f"Row {i + 1} {name}", Box(x, y, w, row_h), text=block))
    return shapes
