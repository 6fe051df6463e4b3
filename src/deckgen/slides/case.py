"""Case-study slides: a case chip, the situation and key facts, and a panel of discussion questions."""
from __future__ import annotations

from ..plan import Box, Paragraph, Shape, inches
from ..textfit import flow
from .common import (SlideContext, bullet_lines, continued, list_style, make_slide, number_marker, panel,
                     point_paragraphs, section_notes, split_points, title_card, title_with_chips)

THIN_CASE_CHARS = 160  # a case this short (situation and facts) is set larger
THIN_QUESTIONS_CHARS = 90  # so are up to three questions this short


def plan_case(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("case")
    label = s.label or d.label("case")
    left, right = d.content.columns(2, d.gutter * 2, [0.58, 0.42]) if s.questions else (d.content, None)
    heading = Paragraph(d.label("key_points"), bold=True, colour=accent)
    lead = [Paragraph(flow(s.background), colour=d.colour("muted"))] if s.background else []
    facts = point_paragraphs(s.points, d, accent)
    # a short case reads larger rather than leaving the slide empty (the same measure as a short list)
    thin = sum(len(p.text) for p in lead + facts) <= THIN_CASE_CHARS and len(facts) <= 4
    style = list_style(d, d.size("body") + (6 if thin else 0), d.size("body_min"))
    first = lead + ([heading] if facts else [])
    groups = split_points(first + facts, d, left, style)
    notes = section_notes(ctx, s.notes, bullet_lines(d.label("questions"), s.questions))
    if not (lead or facts or s.questions):
        return [make_slide(ctx, "case", s.title, title_card(ctx, s.title, accent, [(label, accent)], s.loc), notes,
                           loc=s.loc)]
    slides = []
    for part, group in enumerate(groups):
        title = continued(s.title, d, part)
        elements = title_with_chips(ctx, title, [(label, accent)], accent, s.loc)
        elements.append(Shape("Case facts", left, text=d.fit(group, left, style, d.colour("text"), loc=s.loc,
                                                             what="the case text")))
        if right is not None and part == 0:
            elements += questions_panel(ctx, right, s.questions, accent)
        slides.append(make_slide(ctx, "case", title, elements, notes if part == 0 else section_notes(ctx),
                                 loc=s.loc))
    return slides


def questions_panel(ctx: SlideContext, box: Box, questions, accent) -> list[Shape]:
    d = ctx.design
    shapes = panel("Questions panel", box, d, accent)
    inner = box.inset(inches(0.3), inches(0.3))
    head = Box(inner.x, inner.y + inches(0.05), inner.w, inches(0.5))
    shapes.append(d.simple_text(d.label("questions"), head, d.size("small") + 2, accent, role="heading",
                                bold=True, name="Questions heading", anchor="ctr"))
    body = inner.below(inches(0.7))
    paras = [Paragraph(q, marker=number_marker(i), marker_colour=accent) for i, q in enumerate(questions, 1)]
    few = len(questions) <= 3 and sum(len(q) for q in questions) <= THIN_QUESTIONS_CHARS
    style = d.style("body", d.size("body") + (4 if few else 0), d.size("body_min"), marker=True, para_space=0.6)
    shapes.append(Shape("Questions", body, text=d.fit(paras, body, style, d.colour("text"),
                                                      loc=ctx.section.loc, what="the discussion questions")))
    return shapes
