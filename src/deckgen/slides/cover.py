"""The cover: course title on the primary colour, the day, and who teaches it where and when."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches
from .common import SlideContext, make_slide


def plan_cover(ctx: SlideContext) -> list:
    d, c = ctx.design, ctx.course
    on = d.colour("on_primary")
    x = d.margin_x + inches(0.5)
    w = int(d.width * 0.72) - x
    elements = [Shape("Cover accent", Box(x, int(d.height * 0.30), inches(0.9), inches(0.09)),
                      fill=d.colour("accent2"))]
    title_box = Box(x, int(d.height * 0.30) + inches(0.3), w, inches(1.75))
    style = d.style("heading", d.size("cover_title"), d.size("cover_title") - 10, bold=True, phrase=True,
                    balance=True)
    elements.append(Shape("Title", title_box, role="title",
                          text=d.fit([Paragraph(c.title)], title_box, style, on, loc=c.loc,
                                     what="the course title", anchor="b")))
    y = title_box.bottom + inches(0.2)
    if c.subtitle:
        box = Box(x, y, w, inches(0.6))
        elements.append(d.simple_text(c.subtitle, box, d.size("subtitle") + 2, on, name="Subtitle", loc=c.loc,
                                      min_size=14, phrase=True))
        y = box.bottom + inches(0.15)
    if ctx.day is not None:
        elements.append(d.chip(ctx.day.title, x, y + inches(0.1), d.colour("accent2"), name="Day",
                               size=d.size("small")))
    meta = [" · ".join(t for t in c.trainers)] if c.trainers else []
    meta += [v for v in (c.organisation, c.date, c.place) if v]
    if meta:
        box = Box(x, d.height - inches(1.35), d.width - x - d.margin_x, inches(0.5))
        elements.append(d.simple_text("   |   ".join(meta), box, d.size("small"), on, name="Details", loc=c.loc,
                                      min_size=12, anchor="b"))
    notes = []
    if c.audience:
        notes.append(("授课对象：" if d.zh else "Audience: ") + c.audience)
    if ctx.schedule is not None:
        from ..schedule import clock
        notes.append(("今日时间：" if d.zh else "Today: ") + f"{ctx.day.start}–{clock(ctx.schedule.end)}")
    return [make_slide(ctx, "cover", c.title, elements, "\n".join(notes), loc=c.loc,
                       background=d.colour("primary"), layout="cover")]
