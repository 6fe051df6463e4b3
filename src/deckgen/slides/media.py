"""How a section's pictures, table, chart and QR code share its slides with its text.

Each section kind is planned by its own planner, given a content area narrowed to what the text keeps:

- a picture `left`/`right` (or a chart beside points) takes a column of the kind's width (a case's photo
  beside its facts, a content slide's picture beside its points); a link or video adds a QR column;
- `images` stand side by side in a band under the text (the whole area when there is no text);
- a table sits under the points when they are short, else on slides of its own after them, cut into pages
  that repeat the header;
- a `full` picture gets a slide of its own (the whole content area, its caption under it);
- a `background` picture covers the slide, the title and text on translucent panels over it.
Slides added after the section's own ones are titled as continuations, so no two slides share a title.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from typing import Callable

from ..design import Design
from ..plan import Box, Group, Shape, Slide, inches, pt
from ..textfit import Para
from .chart import plan_chart
from .common import SlideContext, continued, list_style, make_slide, section_notes
from .content import use_cards
from .picture import background_picture, picture, qr_block
from .table import plan_table, table_alt

# The share of the content width a side picture or chart takes, per section kind.
SIDE_SHARE = {"content": 0.46, "case": 0.3, "exercise": 0.34, "framework": 0.4}
CHART_SHARE = 0.55
QR_COLUMN = inches(2.3)
CARDS_OVER_TABLE = inches(1.5)  # a row of cards over a table, numerals beside the words
TEXT_OVER_TABLE = 0.4  # points above a table may take up to this share of the content height
PANEL_ALPHA = 0.88
BACKGROUND_TEXT_SHARE = 0.6  # of the content width, for text over a background picture
KIND_ACCENT = {"content": "accent1", "case": "case", "exercise": "exercise", "framework": "framework"}  # the panels under text on a background picture


def has_media(section) -> bool:
    return any((section.image, section.images, section.table, section.chart, section.link, section.video))


def has_text(section) -> bool:
    """Whether the section's own planner has something to put in the content area."""
    if section.kind == "content":
        return bool(section.points)
    return True


def within(d: Design, area: Box) -> Design:
    """The same design with its content area narrowed to `area` (the kind's planner lays out there)."""
    narrowed = copy.copy(d)
    narrowed.content = area
    return narrowed


def plan_with_media(planner: Callable[[SlideContext], list], ctx: SlideContext) -> list[Slide]:
    s = ctx.section
    if not has_media(s):
        return attach_links(planner(ctx), s)
    return attach_links(_plan_with_media(planner, ctx), s)


def _plan_with_media(planner: Callable[[SlideContext], list], ctx: SlideContext) -> list[Slide]:
    s = ctx.section
    d = ctx.design
    if s.image is not None and s.images:
        d.diags.error("a section takes either 'image' or 'images', not both", s.loc,
                      "list every picture under 'images' (two to four)")
    area = d.content
    text = has_text(s)
    first: list = []  # elements added to the section's first slide
    after: list[tuple[str, list]] = []  # (what, elements) for slides of their own after the section's
    fallback = s.title

    link, video = s.video or s.link, s.video is not None
    side_picture = s.image if s.image is not None and s.image.position in ("left", "right") else None
    side_chart = s.chart if s.chart is not None and text else None

    # a column beside the text: a picture, a chart, a QR code (under the picture or chart when both)
    if side_picture is not None or side_chart is not None or (link is not None and (text or s.table or s.chart
                                                                                    or s.images)):
        share = CHART_SHARE if side_chart is not None and side_picture is None else SIDE_SHARE.get(s.kind, 0.4)
        if side_picture is None and side_chart is None:
            col_w = QR_COLUMN
        else:
            col_w = int(area.w * share)
        left_side = side_picture is not None and side_picture.position == "left"
        gap = d.gutter * 2
        col = Box(area.x if left_side else area.right - col_w, area.y, col_w, area.h)
        area = Box(area.x + col_w + gap if left_side else area.x, area.y, area.w - col_w - gap, area.h)
        if link is not None and (side_picture is not None or side_chart is not None):
            qr_h = inches(2.9)
            first += qr_block(link, Box(col.x, col.bottom - qr_h, col.w, qr_h), d, video=video)
            col = Box(col.x, col.y, col.w, col.h - qr_h - inches(0.15))
        elif link is not None:
            first += qr_block(link, col, d, video=video)
        if side_picture is not None:
            first += picture(side_picture, col, d, name="Picture", fit="contain", fallback_alt=fallback)
        elif side_chart is not None:
            first += plan_chart(side_chart, col, d, title=s.title)
    elif link is not None:  # a QR code alone: the centre of the slide
        first += qr_block(link, area, d, video=video)

    if s.images:
        band = area
        if text:
            band_h = int(area.h * 0.5)
            band = Box(area.x, area.bottom - band_h, area.w, band_h)
            area = Box(area.x, area.y, area.w, area.h - band_h - inches(0.2))
        for i, (spec, slot) in enumerate(zip(s.images, band.columns(len(s.images), d.gutter)), start=1):
            first += picture(spec, slot, d, name=f"Picture {i}", fit="cover", fallback_alt=fallback)

    if s.chart is not None and side_chart is None:
        first += plan_chart(s.chart, area, d, title=s.title)

    if s.table is not None:
        alt = table_alt(s.table, s.title)
        if not text:
            tables = plan_table(s.table, area, d, alt=alt)
        else:
            need = _text_height(s, d, area)
            if need <= area.h * TEXT_OVER_TABLE:
                under = area.below(need, inches(0.25))
                area = Box(area.x, area.y, area.w, need)
                tables = plan_table(s.table, under, d, alt=alt)
            else:
                tables = [None] + plan_table(s.table, d.content, d, alt=alt)
        if tables and tables[0] is not None:
            first.append(tables[0])
        after += [("table", [t]) for t in tables[1:]]

    if s.image is not None and s.image.position == "full":
        element = picture(s.image, d.content, d, name="Picture", fit="cover", fallback_alt=fallback)
        if text or first:
            after.append(("picture", element))
        else:
            first += element

    if s.image is not None and s.image.position == "background":
        # the text keeps the side of the slide away from the picture's centre, on a panel; the rest shows
        area = Box(area.x, area.y, int(area.w * BACKGROUND_TEXT_SHARE), area.h)
    planned = planner(replace(ctx, design=within(d, area)))
    slides = list(planned)
    own = [i for i, sl in enumerate(slides) if sl.kind == s.kind]
    at = own[0] if own else 0
    slides[at] = replace(slides[at], elements=slides[at].elements + tuple(first))
    accent = d.colour(KIND_ACCENT.get(s.kind, "accent1"))
    insert_at = (own[-1] if own else at) + 1
    for k, (_, elements) in enumerate(after, start=len(own) or 1):
        title = continued(s.title, d, k)
        slide = make_slide(ctx, s.kind, title, d.title(title, accent, loc=s.loc) + elements, section_notes(ctx),
                           loc=s.loc)
        slides.insert(insert_at, slide)
        insert_at += 1
    if s.image is not None and s.image.position == "background":
        slides = [on_background(sl, s, d, area) if sl.kind == s.kind else sl for sl in slides]
    return slides


def _text_height(s, d: Design, area: Box) -> int:
    """The height the section's points need at body size across `area` (content sections); a row of
    cards (few short points) takes a low band."""
    if s.kind == "content" and use_cards(s):
        return CARDS_OVER_TABLE
    style = list_style(d, d.size("body"), d.size("body"))
    paras = []
    for p in s.points:
        paras.append(Para(p.text, 0, "▪"))
        paras += [Para(sub.text, 1, "–") for sub in p.points]
    fitted = d.fitter.measure(paras, style, d.size("body"), area.w / 12700)
    return pt(fitted.height) + inches(0.3)


def on_background(slide: Slide, s, d: Design, text_area: Box) -> Slide:
    """The section's picture behind the whole slide, and translucent panels under its title and content so
    the text keeps its contrast."""
    bg = d.colour("background")
    panel = replace(bg, alpha=PANEL_ALPHA)  # by keyword: Colour has grown fields since
    pad = inches(0.15)
    title = Box(d.title_box.x - inches(0.22) - pad, d.title_box.y - pad, d.title_box.w + inches(0.22) + 2 * pad,
                d.title_box.h + 2 * pad)
    content = text_area.inset(-pad)
    panels = (Shape("Title panel", title, fill=panel, decorative=True),
              Shape("Content panel", content, fill=panel, decorative=True))
    return replace(slide, elements=panels + slide.elements,
                   background_picture=background_picture(s.image, d, s.title), background=None)


def attach_links(slides: list[Slide], section) -> list[Slide]:
    """Hyperlinks on the text of the section's points wherever its slides show it (a list, a card, a row
    with its lead term set apart): each link's text is found in the paragraphs and linked there."""
    anchors = {}
    for p in section.points:
        for point in (p, *p.points):
            for start, end, url in point.links:
                anchors[point.text[start:end]] = url
    if not anchors:
        return slides

    def link_paragraph(para):
        if para.links:
            return para
        spans = []
        for anchor, url in anchors.items():
            at = para.text.find(anchor)
            while at >= 0:
                if not any(a < at + len(anchor) and at < b for a, b, _ in spans):
                    spans.append((at, at + len(anchor), url))
                at = para.text.find(anchor, at + len(anchor))
        return replace(para, links=tuple(sorted(spans))) if spans else para

    def link(e):
        if isinstance(e, Shape) and e.text is not None:
            return replace(e, text=replace(e.text, paragraphs=tuple(link_paragraph(p) for p in e.text.paragraphs)))
        if isinstance(e, Group):
            return replace(e, children=tuple(link(c) for c in e.children))
        return e

    return [replace(sl, elements=tuple(link(e) for e in sl.elements)) if sl.kind == section.kind else sl
            for sl in slides]
