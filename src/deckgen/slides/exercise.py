"""Exercise slides: a type chip, a time-box badge, the task and topics, steps, groups and deliverable;
then a debrief slide when there are debrief questions."""
from __future__ import annotations

from dataclasses import replace

from ..plan import Box, Paragraph, Shape, inches
from ..textfit import Para, flow
from .common import (SlideContext, bullet_lines, continued, list_style, make_slide, number_marker, panel,
                     point_paragraphs, section_notes, split_points, title_card, title_with_chips)


THIN_BONUS = 4  # points above the body size a short task and its steps may grow to
DEBRIEF_SIZE = 32  # questions are read from the back of the room
DEBRIEF_CARD_MAX = inches(1.6)


def plan_exercise(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("exercise")
    chips = [(s.type or d.label("exercise"), accent)]
    if s.minutes:
        chips.append((d.label("minutes", n=s.minutes), d.colour("primary")))
    has_panel = bool(s.steps or s.groups or s.deliverable)
    notes = section_notes(ctx, s.notes, bullet_lines(d.label("steps"), s.steps),
                          bullet_lines(d.label("deliverable"), [s.deliverable]),
                          bullet_lines(d.label("notes_materials"), s.materials))
    if not (has_panel or s.task or s.points):
        slide = make_slide(ctx, "exercise", s.title, title_card(ctx, s.title, accent, chips, s.loc), notes, loc=s.loc)
        return [slide] + ([plan_debrief(ctx)] if s.debrief else [])
    # the wider column goes to whichever side has more to say
    left_chars = len(s.task or "") + sum(len(p.text) for p in s.points)
    right_chars = sum(len(t) for t in s.steps) + len(s.groups or "") + len(s.deliverable or "")
    weights = [0.55, 0.45] if left_chars >= right_chars else [0.42, 0.58]
    left, right = d.content.columns(2, d.gutter * 2, weights) if has_panel else (d.content, None)
    paras = []
    if s.task:
        paras += [Paragraph(d.label("task"), bold=True, colour=accent), Paragraph(flow(s.task))]
    paras += point_paragraphs(s.points, d, accent)
    style = list_style(d, d.size("body") + THIN_BONUS)
    groups = split_points(paras, d, left, style) if paras else [[]]
    # the task and the steps at one size: the largest at which both fit (a thin exercise reads larger)
    size = style.max_size
    if paras:
        size = min(size, d.fitter.fit(_specs(groups[0]), style, left.w / 12700, left.h / 12700).size
                   if d.fitter.fit(_specs(groups[0]), style, left.w / 12700, left.h / 12700) else style.min_size)
    if right is not None:
        inner = right.inset(inches(0.3), inches(0.3))
        fitted = d.fitter.fit(_specs(steps_paragraphs(ctx, accent)), _steps_style(d), inner.w / 12700,
                              inner.h / 12700)
        size = min(size, fitted.size if fitted else d.size("body_min"))
    style = replace(style, max_size=max(size, style.min_size))
    slides = []
    for part, group in enumerate(groups):
        title = continued(s.title, d, part)
        elements = title_with_chips(ctx, title, chips, accent, s.loc)
        if group:
            elements.append(Shape("Task", left, text=d.fit(group, left, style, d.colour("text"), loc=s.loc,
                                                           what="the task and topics")))
        if right is not None and part == 0:
            elements += steps_panel(ctx, right, accent, style.max_size)
        slides.append(make_slide(ctx, "exercise", title, elements, notes if part == 0 else section_notes(ctx),
                                 loc=s.loc))
    if s.debrief:
        slides.append(plan_debrief(ctx))
    return slides


def _specs(paras: list[Paragraph]) -> list[Para]:
    return [Para(p.text, p.level, p.marker, bool(p.bold)) for p in paras]


def _steps_style(d, size: float | None = None):
    return d.style("body", size or d.size("body") + THIN_BONUS, d.size("body_min"), marker=True, para_space=0.45)


def steps_panel(ctx: SlideContext, box: Box, accent, size: float) -> list[Shape]:
    s, d = ctx.section, ctx.design
    shapes = panel("Steps panel", box, d, accent)
    inner = box.inset(inches(0.3), inches(0.3))
    paras = steps_paragraphs(ctx, accent)
    style = _steps_style(d, size)
    shapes.append(Shape("Steps", inner, text=d.fit(paras, inner, style, d.colour("text"), loc=s.loc,
                                                   what="the steps, groups and deliverable")))
    return shapes


def steps_paragraphs(ctx: SlideContext, accent) -> list[Paragraph]:
    s, d = ctx.section, ctx.design
    paras = []
    if s.steps:
        paras.append(Paragraph(d.label("steps"), bold=True, colour=accent))
        paras += [Paragraph(t, marker=number_marker(i), marker_colour=accent) for i, t in enumerate(s.steps, 1)]
    for key, value in (("groups", s.groups), ("deliverable", s.deliverable)):
        if value:
            paras += [Paragraph(d.label(key), bold=True, colour=accent), Paragraph(value)]
    return paras


def plan_debrief(ctx: SlideContext):
    """The debrief: each question large on a card of its own, the cards centred in the content area."""
    s, d = ctx.section, ctx.design
    accent = d.colour("exercise")
    # its own title, not the exercise's: slide titles are how screen readers and the outline pane tell slides apart
    title = f"{d.label('debrief')}{d.label('colon')}{s.title}"
    elements = title_with_chips(ctx, title, [(d.label("debrief"), accent)], accent, s.loc)
    area = d.content
    n = len(s.debrief)
    gap = inches(0.22)
    card_h = min(DEBRIEF_CARD_MAX if n > 1 else DEBRIEF_CARD_MAX * 3 // 2, (area.h - gap * (n - 1)) // n)
    total = card_h * n + gap * (n - 1)
    top = area.y + (area.h - total) // 2
    number_w = inches(1.1)
    style = d.style("heading", DEBRIEF_SIZE, d.size("body_min"), bold=False, phrase=True, spacing=1.25)
    boxes = [Box(area.x, top + i * (card_h + gap), area.w, card_h) for i in range(n)]
    text_boxes = [Box(b.x + number_w, b.y, b.w - number_w - inches(0.4), b.h) for b in boxes]
    # one size for every question: the largest at which each fits its card
    size = min((d.fitter.fit([Para(q)], style, t.w / 12700, (t.h - inches(0.2)) / 12700) or
                d.fitter.measure([Para(q)], style, style.min_size, t.w / 12700)).size
               for q, t in zip(s.debrief, text_boxes))
    style = replace(style, max_size=size)
    for i, (question, box, text_box) in enumerate(zip(s.debrief, boxes, text_boxes), start=1):
        elements.append(Shape(f"Debrief card {i}", box, fill=d.colour("panel")))
        elements.append(Shape(f"Debrief card {i} rule", Box(box.x, box.y, inches(0.08), box.h), fill=accent))
        elements.append(d.simple_text(str(i), Box(box.x + inches(0.25), box.y, number_w - inches(0.35), box.h),
                                      min(40, max(size + 8, 28)), accent, role="heading", bold=True, align="ctr",
                                      anchor="ctr", name=f"Debrief card {i} number", loc=s.loc))
        elements.append(Shape(f"Debrief question {i}", text_box,
                              text=d.fit([Paragraph(question)], text_box, style, d.colour("text"), loc=s.loc,
                                         what="a debrief question", anchor="ctr")))
    notes = section_notes(ctx, bullet_lines(d.label("debrief"), s.debrief))
    return make_slide(ctx, "debrief", title, elements, notes, loc=s.loc)
