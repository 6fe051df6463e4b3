"""The cover: course title on the primary colour, the day, and who teaches it where and when."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches, pt
from ..schedule import clock
from .common import SlideContext, make_slide


def plan_cover(ctx: SlideContext) -> list:
    d, c = ctx.design, ctx.course
    on = d.colour("on_primary")
    x = d.margin_x + inches(0.5)
    w = int(d.width * 0.75) - x
    style = d.style("heading", d.size("cover_title"), d.size("cover_title") - 10, bold=True, phrase=True,
                    balance=True)
    title_block = d.fit([Paragraph(c.title)], Box(x, 0, w, inches(1.9)), style, on, loc=c.loc,
                        what="the course title")
    title_h = pt(title_block.height) + inches(0.05)
    sub_h = inches(0.55) if c.subtitle else 0
    chip_h = inches(0.45) if ctx.day is not None else 0
    block_h = inches(0.09) + inches(0.35) + title_h + (inches(0.15) + sub_h if sub_h else 0) + \
        (inches(0.35) + chip_h if chip_h else 0)
    y = max(inches(1.2), (d.height - block_h) // 2 - inches(0.3))
    elements = [Shape("Cover accent", Box(x, y, inches(0.9), inches(0.09)), fill=d.colour("accent2"))]
    y += inches(0.09) + inches(0.35)
    elements.append(Shape("Title", Box(x, y, w, title_h), role="title", text=title_block))
    y += title_h
    if c.subtitle:
        y += inches(0.15)
        elements.append(d.simple_text(c.subtitle, Box(x, y, w, sub_h), d.size("subtitle") + 2, on, name="Subtitle",
                                      loc=c.loc, min_size=14, phrase=True))
        y += sub_h
    if ctx.day is not None:
        y += inches(0.35)
        elements.append(d.chip(ctx.day.title, x, y, d.colour("accent2"), name="Day", size=d.size("small")))
    meta = [d.label("list_separator").join(c.trainers)] if c.trainers else []
    meta += [v for v in (c.organisation, c.date, c.place) if v]
    if meta:
        box = Box(x, d.height - inches(1.2), d.width - x - d.margin_x, inches(0.45))
        elements.append(d.simple_text("   |   ".join(meta), box, d.size("small"), on, name="Details", loc=c.loc,
                                      min_size=12, anchor="b"))
    notes = []
    if c.audience:
        notes.append(d.label("audience_label") + d.label("colon") + c.audience)
    if ctx.schedule is not None:
        notes.append(d.label("today_time") + d.label("colon") + f"{ctx.day.start}–{clock(ctx.schedule.end)}")
    return [make_slide(ctx, "cover", c.title, elements, "\n".join(notes), loc=c.loc,
                       background=d.colour("primary"), layout="cover")]
