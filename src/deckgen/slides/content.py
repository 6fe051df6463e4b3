"""Content slides: a title and its points, as numbered cards when few and short, else a list."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches, pt
from .common import (SlideContext, continued, list_style, make_slide, point_paragraphs, points_text,
                     section_notes, split_points)

CARD_MAX_CHARS = 34


def use_cards(section) -> bool:
    pts = section.points
    return 2 <= len(pts) <= 4 and all(not p.points and len(p.text) <= CARD_MAX_CHARS for p in pts)


def plan_content(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("accent1")
    notes = section_notes(ctx, s.notes)
    if not s.points:
        elements = d.title(s.title, accent, loc=s.loc)
        return [make_slide(ctx, "content", s.title, elements, notes, loc=s.loc)]
    if use_cards(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + cards(ctx), notes,
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
        slide_notes = notes if part == 0 else section_notes(ctx, "\n".join(points_text(s.points)))
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
        blocks.append(d.fit([Paragraph(point.text)], text_box, style, d.colour("text"), loc=point.loc or s.loc,
                            what="a card"))
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
