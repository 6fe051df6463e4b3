"""Exercise slides: a type chip, a time-box badge, the task and topics, steps, groups and deliverable;
then a debrief slide when there are debrief questions."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches
from ..textfit import flow
from .common import (SlideContext, bullet_lines, continued, list_style, make_slide, number_marker, panel,
                     point_paragraphs, section_notes, split_points, title_with_chips)


def plan_exercise(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("exercise")
    chips = [(s.type or d.label("exercise"), accent)]
    if s.minutes:
        chips.append((d.label("minutes", n=s.minutes), d.colour("primary")))
    has_panel = bool(s.steps or s.groups or s.deliverable)
    # the wider column goes to whichever side has more to say
    left_chars = len(s.task or "") + sum(len(p.text) for p in s.points)
    right_chars = sum(len(t) for t in s.steps) + len(s.groups or "") + len(s.deliverable or "")
    weights = [0.55, 0.45] if left_chars >= right_chars else [0.42, 0.58]
    left, right = d.content.columns(2, d.gutter * 2, weights) if has_panel else (d.content, None)
    paras = []
    if s.task:
        paras += [Paragraph(d.label("task"), bold=True, colour=accent), Paragraph(flow(s.task))]
    paras += point_paragraphs(s.points, d, accent)
    style = list_style(d)
    groups = split_points(paras, d, left, style) if paras else [[]]
    notes = section_notes(ctx, s.notes, bullet_lines(d.label("steps"), s.steps),
                          bullet_lines(d.label("deliverable"), [s.deliverable]),
                          bullet_lines("Materials" if not d.zh else "物料", s.materials))
    slides = []
    for part, group in enumerate(groups):
        title = continued(s.title, d, part)
        elements = title_with_chips(ctx, title, chips, accent, s.loc)
        if group:
            elements.append(Shape("Task", left, text=d.fit(group, left, style, d.colour("text"), loc=s.loc,
                                                           what="the task and topics")))
        if right is not None and part == 0:
            elements += steps_panel(ctx, right, accent)
        slides.append(make_slide(ctx, "exercise", title, elements, notes if part == 0 else section_notes(ctx),
                                 loc=s.loc))
    if s.debrief:
        slides.append(plan_debrief(ctx))
    return slides


def steps_panel(ctx: SlideContext, box: Box, accent) -> list[Shape]:
    s, d = ctx.section, ctx.design
    shapes = panel("Steps panel", box, d, accent)
    inner = box.inset(inches(0.3), inches(0.3))
    paras = []
    if s.steps:
        paras.append(Paragraph(d.label("steps"), bold=True, colour=accent))
        paras += [Paragraph(t, marker=number_marker(i), marker_colour=accent) for i, t in enumerate(s.steps, 1)]
    for key, value in (("groups", s.groups), ("deliverable", s.deliverable)):
        if value:
            paras += [Paragraph(d.label(key), bold=True, colour=accent), Paragraph(value)]
    style = d.style("body", d.size("small") + 2, d.size("body_min"), marker=True, para_space=0.45)
    shapes.append(Shape("Steps", inner, text=d.fit(paras, inner, style, d.colour("text"), loc=s.loc,
                                                   what="the steps, groups and deliverable")))
    return shapes


def plan_debrief(ctx: SlideContext):
    s, d = ctx.section, ctx.design
    accent = d.colour("exercise")
    # its own title, not the exercise's: slide titles are how screen readers and the outline pane tell slides apart
    title = f"{d.label('debrief')}：{s.title}" if d.zh else f"{d.label('debrief')}: {s.title}"
    elements = title_with_chips(ctx, title, [(d.label("debrief"), accent)], accent, s.loc)
    box = d.content
    elements += panel("Debrief panel", box, d, accent)
    inner = box.inset(inches(0.5), inches(0.45))
    paras = [Paragraph(q, marker=number_marker(i), marker_colour=accent) for i, q in enumerate(s.debrief, 1)]
    style = d.style("body", d.size("body") + 4, d.size("body_min"), marker=True, para_space=0.8)
    elements.append(Shape("Debrief questions", inner, text=d.fit(paras, inner, style, d.colour("text"),
                                                                 loc=s.loc, what="the debrief questions")))
    notes = section_notes(ctx, bullet_lines(d.label("debrief"), s.debrief))
    return make_slide(ctx, "debrief", title, elements, notes, loc=s.loc)

