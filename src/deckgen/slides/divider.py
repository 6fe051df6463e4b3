"""Module dividers: full-bleed colour, a large module number, the title and the objectives."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches, pt
from .common import SlideContext, make_slide


def plan_divider(ctx: SlideContext) -> list:
    d, m = ctx.design, ctx.module
    on = d.colour("on_primary")
    x = d.margin_x + inches(0.5)
    # a large "01" reads as a number at a glance; a large 一 would read as a bar
    elements = [d.simple_text(f"{m.number:02d}", Box(x, inches(0.9), inches(3.0), inches(2.5)), 120,
                              d.colour("accent2"), role="heading", bold=True, name="Module number",
                              anchor="b", min_size=90, loc=m.loc, spacing=1.1)]
    label = d.module_label(m.number)
    if ctx.schedule is not None and m.number in ctx.schedule.modules:
        from ..schedule import span
        start, end = ctx.schedule.modules[m.number]
        label += f"  ·  {d.label('minutes', n=m.minutes)}  ·  {span(start, end)}"
    right_x = x + inches(3.4)
    w = d.width - right_x - d.margin_x - inches(0.3)
    elements.append(d.simple_text(label, Box(right_x, inches(1.5), w, inches(0.45)), d.size("small"), on,
                                  name="Module label", loc=m.loc))
    style = d.style("heading", 36, 26, bold=True, phrase=True, balance=True)
    title_block = d.fit([Paragraph(m.title)], Box(right_x, inches(2.0), w, inches(1.5)), style, on, loc=m.loc,
                        what="the module title", anchor="t")
    title_box = Box(right_x, inches(2.0), w, pt(title_block.height) + inches(0.1))
    elements.append(Shape("Title", title_box, role="title", text=title_block))
    if m.objectives:
        y = title_box.bottom + inches(0.35)
        elements.append(Shape("Objectives rule", Box(right_x, y, inches(0.8), inches(0.05)),
                              fill=d.colour("accent2")))
        box = Box(right_x, y + inches(0.3), w, d.footer_y - inches(0.2) - (y + inches(0.3)))
        paras = [Paragraph(o, marker="▪", marker_colour=d.colour("accent2")) for o in m.objectives]
        style = d.style("body", d.size("body"), d.size("body_min"), marker=True, para_space=0.6)
        elements.append(Shape("Objectives", box, text=d.fit(paras, box, style, on, loc=m.loc,
                                                            what="the objectives")))
    notes = []
    if ctx.schedule is not None and m.number in ctx.schedule.modules:
        from ..schedule import span
        notes.append(f"⏱ {d.label('minutes', n=m.minutes)} · {span(*ctx.schedule.modules[m.number])}")
    if m.notes:
        notes.append(m.notes.strip())
    if m.objectives:
        notes.append((d.label("objectives") + "\n") + "\n".join(f"• {o}" for o in m.objectives))
    return [make_slide(ctx, "divider", m.title, elements, "\n\n".join(notes), loc=m.loc,
                       background=d.colour("divider"), layout="divider")]
