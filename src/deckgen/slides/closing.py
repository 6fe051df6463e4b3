"""The day's closing slide: what was covered, and the next steps."""
from __future__ import annotations

from ..plan import Paragraph, Shape, inches
from .agenda import module_numeral
from .common import SlideContext, make_slide, panel


def plan_closing(ctx: SlideContext) -> list:
    d, day = ctx.design, ctx.day
    accent = d.colour("accent1")
    title = d.label("closing")
    elements = d.title(f"{title} · {day.title}", accent, loc=day.loc)
    left, right = d.content.columns(2, d.gutter * 2, [0.55, 0.45])
    head_h = inches(0.55)
    elements.append(d.simple_text(d.label("takeaways"), left.top(head_h), d.size("small") + 2, accent,
                                  role="heading", bold=True, name="Takeaways heading", anchor="ctr"))
    paras = []
    for m in day.modules:
        paras.append(Paragraph(m.title, marker=module_numeral(m.number, d.zh) if d.zh else f"{m.number}",
                               marker_colour=accent, bold=True))
        for o in m.objectives[:2]:
            paras.append(Paragraph(o, level=1, marker="–", marker_colour=d.colour("muted")))
    box = left.below(head_h, inches(0.1))
    style = d.style("body", d.size("body"), d.size("body_min") - 2, marker=True, para_space=0.45)
    elements.append(Shape("Takeaways", box, text=d.fit(paras, box, style, d.colour("text"), loc=day.loc,
                                                       what="the day's takeaways")))
    elements += panel("Next steps panel", right, d, d.colour("accent2"))
    inner = right.inset(inches(0.3), inches(0.3))
    elements.append(d.simple_text(d.label("next_steps"), inner.top(head_h), d.size("small") + 2,
                                  d.colour("accent2"), role="heading", bold=True, name="Next steps heading",
                                  anchor="ctr"))
    steps = next_steps(ctx)
    sbox = inner.below(head_h, inches(0.1))
    paras = [Paragraph(s, marker=f"{i}.", marker_colour=d.colour("accent2")) for i, s in enumerate(steps, 1)]
    style = d.style("body", d.size("body"), d.size("body_min"), marker=True, para_space=0.6)
    elements.append(Shape("Next steps", sbox, text=d.fit(paras, sbox, style, d.colour("text"), loc=day.loc,
                                                         what="the next steps")))
    notes = "\n".join(["\n".join(p.text for p in paras)])
    return [make_slide(ctx, "closing", title, elements, notes, loc=day.loc)]


def next_steps(ctx: SlideContext) -> list[str]:
    d, c, day = ctx.design, ctx.course, ctx.day
    days = list(c.days)
    index = days.index(day) if day in days else len(days) - 1
    if index + 1 < len(days):
        following = days[index + 1]
        lead = "明日预告：" if d.zh else "Tomorrow: "
        titles = "、".join(m.title for m in following.modules) if d.zh else \
            "; ".join(m.title for m in following.modules)
        return [("回顾今日笔记，写下三条可以立刻行动的做法" if d.zh
                 else "Review today's notes and write down three actions you can take at once"),
                lead + titles]
    return [("选一个今天学到的工具，在下周的团队会议上试用" if d.zh
             else "Pick one tool from the course and try it with your team next week"),
            ("三十天后回顾：哪些改变已经发生？" if d.zh else "In thirty days: what has changed?")]
