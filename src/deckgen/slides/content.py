"""Content slides: a title and its points, as numbered cards when few and short, numbered rows when
they are more or longer, else a list."""
from __future__ import annotations

import re
from dataclasses import replace

from ..plan import Box, Connector, Paragraph, Shape, inches, pt
from ..textfit import Para
from .common import (SlideContext, bullet_lines, continued, list_style, make_slide, point_paragraphs, points_text,
                     section_notes, split_evenly, split_points)

CARD_MAX_CHARS = 18
SHORT_CARD_CHARS = 8  # cards holding no more than this are set large
COLUMN_MAX_CHARS = 48  # points this short (or shorter) may run in two columns
STATEMENT_SIZE = 40  # a single point, set as the slide's statement
THIN_LIST_CHARS = 240  # a list of at most four points this long in all is set larger
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
    notes = section_notes(ctx, s.notes, bullet_lines(d.label("notes_key_points"), points_text(s.points)))
    if not s.points:
        elements = d.title(s.title, accent, loc=s.loc)
        return [make_slide(ctx, "content", s.title, elements, notes, loc=s.loc)]
    if len(s.points) == 1 and not s.points[0].points:
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + statement(ctx), notes,
                           loc=s.loc)]
    if use_cards(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + cards(ctx), notes,
                           loc=s.loc)]
    if use_rows(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + rows(ctx), notes,
                           loc=s.loc)]
    area = d.content.inset(0, 0)
    area = Box(area.x + inches(0.22), area.y, min(area.w - inches(0.22), inches(11.2)), area.h)
    paras = point_paragraphs(s.points, d, accent)
    # a short list reads larger (up to the body size + 8 pt) rather than leaving the slide empty
    thin = len(paras) <= 4 and sum(len(p.text) for p in paras) <= THIN_LIST_CHARS
    style = list_style(d, d.size("body") + 8 if thin else None)
    # many short points run in two columns before they run onto more slides
    two_columns = use_columns(s, d, paras, area, style)
    boxes = area.columns(2, d.gutter * 2) if two_columns else [area]
    groups = split_points(paras, d, boxes[0], style, multiple_of=len(boxes))
    if len(groups) == 1 and two_columns:
        groups = split_evenly(paras, 2)
    # every slide (and column) of one section at one size: the largest at which all of them fit
    # (a group that fits at no size, e.g. one over-long point, counts at the floor: d.fit reports it, located)
    fits = [d.fitter.fit(_specs(g), style, boxes[0].w / 12700, boxes[0].h / 12700) for g in groups]
    size = min(f.size if f is not None else style.min_size for f in fits)
    style = replace(style, max_size=size)
    slides = []
    per_slide = len(boxes)
    for part in range(-(-len(groups) // per_slide)):
        title = continued(s.title, d, part)
        elements = d.title(title, accent, loc=s.loc)
        for c, (box, group) in enumerate(zip(boxes, groups[part * per_slide:(part + 1) * per_slide])):
            body = d.fit(group, box, style, d.colour("text"), loc=s.loc, what="the points")
            elements.append(Shape("Points" if c == 0 else f"Points {c + 1}", box, text=body))
        slide_notes = notes if part == 0 else section_notes(ctx)
        slides.append(make_slide(ctx, "content", title, elements, slide_notes, loc=s.loc))
    return slides


def _specs(paras: list[Paragraph]) -> list[Para]:
    return [Para(p.text, p.level, p.marker, bool(p.bold)) for p in paras]


def use_columns(s, d, paras: list[Paragraph], area: Box, style) -> bool:
    """Short points too many for one column at a comfortable size go in two columns."""
    if len(s.points) < 8 or max(len(p.text) for p in paras) > COLUMN_MAX_CHARS:
        return False
    comfortable = replace(style, min_size=d.comfortable_size)
    return d.fitter.fit(_specs(paras), comfortable, area.w / 12700, area.h / 12700) is None


def statement(ctx: SlideContext) -> list[Shape]:
    """A single point set large on a tinted block across the content area: the slide's one message."""
    s, d = ctx.section, ctx.design
    area = d.content
    h = min(area.h, max(int(area.h * 0.62), inches(3.0)))
    block = Box(area.x, area.y + (area.h - h) * 2 // 5, area.w, h)
    pad = min(inches(0.7), block.h // 5)  # a short area (a table or chart below) keeps less padding
    style = d.style("heading", STATEMENT_SIZE, d.size("body_min"), bold=True, phrase=True, balance=True,
                    spacing=1.25)
    text = d.fit([Paragraph(s.points[0].text)], block, style, d.colour("primary"), loc=s.points[0].loc or s.loc,
                 what="the point", align="ctr", anchor="ctr", insets=(pad, pad // 2, pad, pad // 2))
    return [Shape("Statement", block, fill=d.colour("panel"), text=text),
            Shape("Statement rule", Box(block.x, block.y, inches(0.12), block.h), fill=d.colour("accent1"))]


def cards(ctx: SlideContext) -> list[Shape]:
    """Numbered cards side by side, one per point."""
    s, d = ctx.section, ctx.design
    n = len(s.points)
    row_w = min(d.content.w, n * inches(4.6) + (n - 1) * d.gutter)
    columns = Box(d.content.x + (d.content.w - row_w) // 2, d.content.y, row_w, d.content.h).columns(n, d.gutter)
    pad = inches(0.3)
    number_h = inches(0.8)
    # a few words to a card are set large: the cards are the slide
    short = max(len(p.text) for p in s.points) <= SHORT_CARD_CHARS
    style = d.style("body", d.size("body") + (8 if short else 2), d.size("body_min"), bold=True, phrase=True,
                    balance=True)
    blocks = []
    for i, (col, point) in enumerate(zip(columns, s.points)):
        text_box = Box(col.x + pad, 0, col.w - 2 * pad, d.content.h - 2 * pad - number_h)
        term, desc = split_term(point.text)
        # a lead term ('需求界定—被动满足…') becomes the card's heading, the rest its text
        paras = [Paragraph(term, colour=d.accent(i)), Paragraph(desc, bold=False)] if term else \
            [Paragraph(point.text)]
        blocks.append(d.fit(paras, text_box, style, d.colour("text"), loc=point.loc or s.loc, what="a card"))
    text_h = max(pt(b.height) for b in blocks)
    card_h = min(max(inches(2.8), 2 * pad + number_h + text_h + inches(0.1)), d.content.h)
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
    few = n <= 3  # a few rows open up and read larger
    row_h = min(area.h // n, inches(1.3) if few else inches(0.95))
    top = area.y + int((area.h - row_h * n) * 0.3)
    badge = inches(0.5)
    text_x = area.x + badge + inches(0.35)
    widest = max((d.text_width(t, "heading", 28 if n <= 3 else 24, bold=True) for t, _ in parts if t), default=0)
    term_w = min(max(widest + inches(0.25), inches(1.4)), inches(3.6)) if with_terms else 0
    desc_x = text_x + (term_w + inches(0.3) if with_terms else 0)
    row_size = 28 if few else 24
    term_style = d.style("heading", row_size, d.size("body_min"), bold=True, phrase=True, balance=True)
    desc_style = d.style("body", row_size, d.size("body_min"))
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
