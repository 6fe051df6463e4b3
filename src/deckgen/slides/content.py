"""Content slides: a title and its points, as numbered cards when few and short, else a list."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches
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
    card_h = min(inches(3.4), d.content.h)
    row = Box(d.content.x, d.content.y + (d.content.h - card_h) // 3, d.content.w, card_h)
    shapes = []
    for i, (box, point) in enumerate(zip(row.columns(n, d.gutter), s.points)):
        accent = d.accent(i)
        shapes.append(Shape(f"Card {i + 1}", box, geometry="rect", fill=d.colour("panel")))
        shapes.append(Shape(f"Card {i + 1} rule", Box(box.x, box.y, box.w, inches(0.08)), fill=accent))
        inner = box.inset(inches(0.3), inches(0.3))
        number_box = Box(inner.x, inner.y, inner.w, inches(0.8))
        shapes.append(d.simple_text(f"{i + 1:02d}", number_box, 36, accent, role="heading", bold=True,
                                    name=f"Card {i + 1} number"))
        text_box = inner.below(inches(0.9))
        style = d.style("body", d.size("body") + 2, d.size("body_min"), bold=True, phrase=True)
        block = d.fit([Paragraph(point.text)], text_box, style, d.colour("text"), loc=point.loc or s.loc,
                      what="a card")
        shapes.append(Shape(f"Card {i + 1} text", text_box, text=block))
    return shapes
