"""Content slides: a title and its points, as numbered cards when few and short, numbered rows when
they are more or longer, else a list."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..plan import Box, Connector, Paragraph, Shape, inches
from ..textfit import Para
from .common import (SlideContext, bullet_lines, continued, list_style, make_slide, point_paragraphs, points_text,
                     section_notes, split_evenly, split_points, title_card)

CARD_MAX_CHARS = 18
CARD_NUMBER_SIZE = 54
CARD_TEXT_SIZE = 36  # the largest card words; 4 cards to a row start 6 pt smaller
CARD_LINES = 3  # a card's words in at most this many lines (one more when a lead term heads them)
CARD_HEIGHT = 0.82  # share of the content area a row of cards spans
COLUMN_MAX_CHARS = 48  # points this short (or shorter) may run in two columns
STATEMENT_SIZE = 40  # a single point, set as the slide's statement
THIN_LIST_CHARS = 240  # a list of at most four points this long in all is set larger
ROW_MAX_CHARS = 60
TERM = re.compile(r"^(.{2,12}?)(——|—|--|:|：)(.+)$")
TRAILING_TERM = re.compile(r"^(.{2,14}?)\s*[（(]([^（()）]{2,8})[)）]$")


def use_cards(section) -> bool:
    pts = section.points
    return 2 <= len(pts) <= 4 and all(not p.points and len(p.text) <= CARD_MAX_CHARS for p in pts)


def use_rows(section) -> bool:
    pts = section.points
    return 2 <= len(pts) <= 7 and all(not p.points and len(p.text) <= ROW_MAX_CHARS for p in pts)


def split_term(text: str) -> tuple[str | None, str]:
    """'领导智商—感知、表达与推理' → ('领导智商', '感知、表达与推理'); no term when there is no short lead
    (or short trailing name in brackets)."""
    m = TERM.match(text)
    if m:
        return m.group(1).strip(), m.group(3).strip()
    m = TRAILING_TERM.match(text)  # '交易式销售(价格为王)' → ('交易式销售', '价格为王')
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return None, text


def plan_content(ctx: SlideContext) -> list:
    s, d = ctx.section, ctx.design
    accent = d.colour("accent1")
    # the points verbatim in the notes too: cards and rows set a lead term apart from its text
    notes = section_notes(ctx, s.notes, bullet_lines(d.label("notes_key_points"), points_text(s.points)))
    if not s.points:
        return [make_slide(ctx, "content", s.title, title_card(ctx, s.title, accent, [], s.loc), notes, loc=s.loc)]
    if len(s.points) == 1 and not s.points[0].points:
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + statement(ctx), notes,
                           loc=s.loc)]
    if use_cards(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + cards(ctx), notes,
                           loc=s.loc)]
    if use_rows(s):
        return [make_slide(ctx, "content", s.title, d.title(s.title, accent, loc=s.loc) + rows(ctx), notes,
                           loc=s.loc)]
    area = d.content.inset(0, 0)
    area = Box(area.x + inches(0.22), area.y, min(area.w - inches(0.22), inches(11.2)), area.h)
    paras = point_paragraphs(s.points, d, accent)
    # a short list reads larger (up to the body size + 8 pt) rather than leaving the slide empty
    thin = len(paras) <= 4 and sum(len(p.text) for p in paras) <= THIN_LIST_CHARS
    style = list_style(d, d.size("body") + 8 if thin else None)
    # many short points run in two columns before they run onto more slides
    two_columns = use_columns(s, d, paras, area, style)
    boxes = area.columns(2, d.gutter * 2) if two_columns else [area]
    groups = split_points(paras, d, boxes[0], style, multiple_of=len(boxes))
    if len(groups) == 1 and two_columns:
        groups = split_evenly(paras, 2)
    # every slide (and column) of one section at one size: the largest at which all of them fit
    # (a group that fits at no size, e.g. one over-long point, counts at the floor: d.fit reports it, located)
    fits = [d.fitter.fit(_specs(g), style, boxes[0].w / 12700, boxes[0].h / 12700) for g in groups]
    size = min(f.size if f is not None else style.min_size for f in fits)
    style = replace(style, max_size=size)
    slides = []
    per_slide = len(boxes)
    for part in range(-(-len(groups) // per_slide)):
        title = continued(s.title, d, part)
        elements = d.title(title, accent, loc=s.loc)
        for c, (box, group) in enumerate(zip(boxes, groups[part * per_slide:(part + 1) * per_slide])):
            body = d.fit(group, box, style, d.colour("text"), loc=s.loc, what="the points")
            elements.append(Shape("Points" if c == 0 else f"Points {c + 1}", box, text=body))
        slide_notes = notes if part == 0 else section_notes(ctx)
        slides.append(make_slide(ctx, "content", title, elements, slide_notes, loc=s.loc))
    return slides


def _specs(paras: list[Paragraph]) -> list[Para]:
    return [Para(p.text, p.level, p.marker, bool(p.bold)) for p in paras]


def use_columns(s, d, paras: list[Paragraph], area: Box, style) -> bool:
    """Short points too many for one column at a comfortable size go in two columns."""
    if len(s.points) < 8 or max(len(p.text) for p in paras) > COLUMN_MAX_CHARS:
        return False
    comfortable = replace(style, min_size=d.comfortable_size)
    return d.fitter.fit(_specs(paras), comfortable, area.w / 12700, area.h / 12700) is None


def statement(ctx: SlideContext) -> list[Shape]:
    """A single point set large on a tinted block across the content area: the slide's one message."""
    s, d = ctx.section, ctx.design
    area = d.content
    h = min(area.h, max(int(area.h * 0.62), inches(3.0)))
    block = Box(area.x, area.y + (area.h - h) * 2 // 5, area.w, h)
    pad = min(inches(0.7), block.h // 5)  # a short area (a table or chart below) keeps less padding
    style = d.style("heading", STATEMENT_SIZE, d.size("body_min"), bold=True, phrase=True, balance=True,
                    spacing=1.25)
    text = d.fit([Paragraph(s.points[0].text)], block, style, d.colour("title"), loc=s.points[0].loc or s.loc,
                 what="the point", align="ctr", anchor="ctr", insets=(pad, pad // 2, pad, pad // 2))
    return [Shape("Statement", block, fill=d.colour("panel"), text=text),
            Shape("Statement rule", Box(block.x, block.y, inches(0.12), block.h), fill=d.colour("accent1"))]


def cards(ctx: SlideContext) -> list[Shape]:
    """Numbered cards, one per point, spanning most of the content area, in whichever arrangement sets
    their words largest: side by side with a large numeral over the words (the usual slide); stacked as
    bands with the numeral beside the words (a narrow area, beside a chart); side by side with the numeral
    beside the words (a low area, over a table). One size for every card's words."""
    s, d = ctx.section, ctx.design
    n = len(s.points)
    style = d.style("heading", CARD_TEXT_SIZE if n <= 3 else CARD_TEXT_SIZE - 6, d.size("body_min"), bold=True,
                    phrase=True, balance=True, spacing=1.2)
    best = None
    for arrangement in CARD_ARRANGEMENTS:
        layout = arrangement(d, n)
        if layout is None:
            continue
        size = _card_size(d, s, [t for _, _, t in layout.cards], style)
        if best is None or size > best[1]:
            best = (layout, size)
        # the first arrangement (in order of preference) that sets the words large enough for a card
        if size >= d.size("body") + 4:
            break
    layout, size = best
    blocks = [d.fit(_card_paras(d, i, p), box, replace(style, max_size=size), d.colour("title"),
                    loc=p.loc or s.loc, what="a card", anchor=layout.anchor)
              for i, (p, (_, _, box)) in enumerate(zip(s.points, layout.cards))]
    shapes = []
    for i, ((box, number_box, text_box), block) in enumerate(zip(layout.cards, blocks)):
        accent = d.accent(i)
        rule = Box(box.x, box.y, box.w, inches(0.08)) if layout.rule_on_top else Box(box.x, box.y, inches(0.08), box.h)
        shapes.append(Shape(f"Card {i + 1}", box, geometry="rect", fill=d.colour("panel")))
        shapes.append(Shape(f"Card {i + 1} rule", rule, fill=accent))
        shapes.append(d.simple_text(f"{i + 1:02d}", number_box, layout.number_size, accent, role="heading", bold=True,
                                    anchor="t" if layout.rule_on_top and layout.anchor == "b" else "ctr",
                                    name=f"Card {i + 1} number"))
        shapes.append(Shape(f"Card {i + 1} text", text_box, text=block))
    return shapes


@dataclass(frozen=True)
class CardLayout:
    cards: list[tuple[Box, Box, Box]]  # per card: its panel, its numeral's box, its words' box
    number_size: float
    anchor: str  # of the words in their box
    rule_on_top: bool


CARD_PAD = inches(0.35)


def _card_span(d) -> tuple[int, int]:
    """The height and top of a row (or stack) of cards: most of the content area, a little above centre."""
    span = max(int(d.content.h * CARD_HEIGHT), min(d.content.h, inches(2.8)))
    return span, d.content.y + int((d.content.h - span) * 0.4)


def tall_row(d, n: int) -> CardLayout | None:
    """Side by side, the numeral at the top of each card and the words at its foot."""
    pad = CARD_PAD
    span, top = _card_span(d)
    number_size = CARD_NUMBER_SIZE if n <= 3 else CARD_NUMBER_SIZE - 12
    number_h = inches(number_size * 1.25 / 72)
    text_h = span - 2 * pad - number_h - inches(0.25)
    if text_h < inches(0.8):  # too low for a numeral over the words (points over a table)
        return None
    cards = []
    for c in d.content.columns(n, d.gutter):
        box = Box(c.x, top, c.w, span)
        inner = box.inset(pad, pad)
        cards.append((box, Box(inner.x, inner.y, inner.w, number_h), Box(inner.x, inner.bottom - text_h, inner.w, text_h)))
    return CardLayout(cards, number_size, "b", True)


def _band(box: Box, number_size: float, pad: int = CARD_PAD) -> tuple[Box, Box, Box]:
    number_w = inches(number_size * 1.4 / 72)
    return (box, Box(box.x + pad, box.y, number_w, box.h),
            Box(box.x + 2 * pad + number_w, box.y + pad // 2, box.w - 3 * pad - number_w, box.h - pad))


def _band_number(h: int, w: int) -> float:
    """A numeral as large as a band's height suggests, at most a fifth of its width."""
    return min(CARD_NUMBER_SIZE, max(24, int(min(h * 0.55, w * 0.2 / 1.4) / 12700)))


BAND_MIN_HEIGHT = inches(0.75)


def band_stack(d, n: int) -> CardLayout | None:
    """One above another, the numeral at the left of each band."""
    span, top = _card_span(d)
    gap = d.gutter // 2
    h = (span - (n - 1) * gap) // n
    if h < BAND_MIN_HEIGHT:
        return None
    size = _band_number(h, d.content.w)
    return CardLayout([_band(Box(d.content.x, top + i * (h + gap), d.content.w, h), size) for i in range(n)],
                      size, "ctr", False)


def band_row(d, n: int) -> CardLayout | None:
    """Side by side, the numeral at the left of each card: a low area."""
    span, top = _card_span(d)
    columns = d.content.columns(n, d.gutter)
    if span < BAND_MIN_HEIGHT:
        return None
    size = _band_number(min(span, inches(1.2)), columns[0].w)
    pad = inches(0.2)
    return CardLayout([_band(Box(c.x, top, c.w, span), size, pad) for c in columns], size, "ctr", False)


CARD_ARRANGEMENTS = (tall_row, band_stack, band_row)


def _card_paras(d, i: int, point) -> list[Paragraph]:
    term, desc = split_term(point.text)
    # a lead term ('需求界定—被动满足…') becomes the card's heading, the rest its text
    return [Paragraph(term, colour=d.accent(i)), Paragraph(desc, bold=False)] if term else [Paragraph(point.text)]


def _card_size(d, s, boxes: list[Box], style) -> float:
    """One size for every card's words: the largest at which each takes at most CARD_LINES lines (a
    designer sets 成本、时间、结果的平衡 in two lines a little smaller, not four lines large) and fits its
    box, else the largest at which all of them fit (the floor when one does not: d.fit reports it)."""
    specs = [_specs(_card_paras(d, i, p)) for i, p in enumerate(s.points)]
    within = [_size_within_lines(d, paras, style, box.w / 12700) for paras, box in zip(specs, boxes)]
    if None not in within:
        style = replace(style, max_size=min(within))
    fits = [d.fitter.fit(paras, style, box.w / 12700, box.h / 12700) for paras, box in zip(specs, boxes)]
    return min(f.size if f is not None else style.min_size for f in fits)


def _size_within_lines(d, specs: list[Para], style, width: float) -> float | None:
    """The largest size of the style (in 2 pt steps) at which the paragraphs take no more lines than a
    card allows (None when not even its floor does)."""
    limit = CARD_LINES + (len(specs) - 1)
    greedy = replace(style, balance=False)  # balancing evens the lines out, it does not add one
    sizes = []
    size = style.max_size
    while size >= style.min_size:
        sizes.append(size)
        size -= 2

    def within(i: int) -> bool:
        return d.fitter.measure(specs, greedy, sizes[i], width).line_count <= limit

    # fewer lines at a smaller size: bisect for the first size (largest) that is within the limit
    if not sizes or not within(len(sizes) - 1):
        return None
    lo, hi = -1, len(sizes) - 1  # sizes[hi] is within; sizes[lo] (if any) is not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if within(mid):
            hi = mid
        else:
            lo = mid
    return sizes[hi]


def rows(ctx: SlideContext) -> list:
    """One numbered row per point; a short lead term ('X—Y') is set apart in bold."""
    s, d = ctx.section, ctx.design
    n = len(s.points)
    parts = [split_term(p.text) for p in s.points]
    with_terms = sum(1 for t, _ in parts if t) >= max(2, n - 1)
    area = Box(d.content.x + inches(0.22), d.content.y, d.content.w - inches(0.22), d.content.h)
    few = n <= 3  # a few rows open up and read larger
    row_h = min(area.h // n, inches(1.3) if few else inches(0.95))
    top = area.y + int((area.h - row_h * n) * 0.3)
    badge = inches(0.5)
    text_x = area.x + badge + inches(0.35)
    widest = max((d.text_width(t, "heading", 28 if n <= 3 else 24, bold=True) for t, _ in parts if t), default=0)
    term_w = min(max(widest + inches(0.25), inches(1.4)), inches(3.6)) if with_terms else 0
    desc_x = text_x + (term_w + inches(0.3) if with_terms else 0)
    row_size = 28 if few else 24
    term_style = d.style("heading", row_size, d.size("body_min"), bold=True, phrase=True, balance=True)
    desc_style = d.style("body", row_size, d.size("body_min"))
    # each row's pieces: (name, x, width, text, style, colour); fitted first at their own best size
    pieces = []
    for i, ((term, desc), point) in enumerate(zip(parts, s.points)):
        row = []
        if with_terms and term:
            row.append(("term", text_x, term_w, term, term_style, d.colour("title")))
            row.append(("text", desc_x, area.right - desc_x, desc, desc_style, d.colour("text")))
        else:
            row.append(("text", text_x, area.right - text_x, point.text, desc_style, d.colour("text")))
        pieces.append(row)

    def fit(piece, style, loc):
        _, x, w, text, _, colour = piece
        return d.fit([Paragraph(text)], Box(x, 0, w, row_h), style, colour, loc=loc, what="a point", anchor="ctr")

    first = [[fit(piece, piece[4], point.loc or s.loc) for piece in row] for row, point in zip(pieces, s.points)]
    # one size for every row: the largest at which all of them fit; refit only what came out larger
    size = min(block.size for row in first for block in row)
    shapes = []
    for i, (row, blocks, point) in enumerate(zip(pieces, first, s.points)):
        y = top + i * row_h
        accent = d.accent(i)
        if i:
            shapes.append(Connector(f"Row {i + 1} rule", (text_x, y), (area.right, y), d.colour("line"), 0.75))
        badge_box = Box(area.x, y + (row_h - badge) // 2, badge, badge)
        number = d.simple_text(f"{i + 1}", badge_box, 16, d.colour("on_primary"), role="heading", bold=True,
                               align="ctr", anchor="ctr", name=f"Row {i + 1} number").text
        shapes.append(Shape(f"Row {i + 1} badge", badge_box, geometry="ellipse", fill=accent, text=number))
        for piece, block in zip(row, blocks):
            name, x, w, _, style, _ = piece
            if block.size != size:
                block = fit(piece, replace(style, max_size=size, min_size=size), point.loc or s.loc)
            shapes.append(Shape(f"Row {i + 1} {name}", Box(x, y, w, row_h), text=block))
    return shapes
