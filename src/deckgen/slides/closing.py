"""The day's closing: a card per module with what participants take away, then the next steps and
tomorrow's modules (on the last day, the course's close). A day of many modules continues its cards on
more slides, split evenly."""
from __future__ import annotations

from dataclasses import replace

from ..diagrams.common import moved
from ..plan import Box, Paragraph, Shape, inches, pt
from ..textfit import Para
from .common import SlideContext, continued, even_groups, is_the_whole_day, make_slide, names_its_module, panel

ONE_SLIDE = 3  # modules whose cards share the slide with the next steps
CARDS_PER_SLIDE = 4
TAKEAWAYS_PER_MODULE = 3
WHOLE_DAY_RECAP = 8  # sections recapped on the card of a module that is its whole day
BAND_SHARE = 0.42  # of the content area, for the next steps under the cards
BAND_MIN = inches(1.7)
LISTING_INSET, LISTING_HEAD, LISTING_GAP = inches(0.15), inches(0.4), inches(0.05)  # a listing's frame
LISTING_CHROME = 2 * LISTING_INSET + LISTING_HEAD + LISTING_GAP
LONG_LISTING = 4  # a listing of more items runs in two columns


def plan_closing(ctx: SlideContext) -> list:
    d, day = ctx.design, ctx.day
    last_day = is_last_day(ctx)
    label = d.label('course_close' if last_day else 'closing')
    title = f"{label} · {day.title}"
    modules = list(day.modules)
    # a short day: its cards over the next steps on one slide; a long one: cards on slides of their own
    # (evenly shared), then the next steps on a slide of theirs
    groups = [modules] if len(modules) <= ONE_SLIDE else even_groups(modules, CARDS_PER_SLIDE) + [[]]
    slides = []
    for part, group in enumerate(groups):
        final = part == len(groups) - 1
        slide_title = continued(title, d, part)
        elements = d.title(slide_title, d.colour("accent1"), loc=day.loc)
        area = d.content
        if final and group:
            # the cards take what they need down to the band's least height; the band the rest, up to its share
            cards = module_cards(ctx, group, Box(area.x, area.y, area.w, area.h - BAND_MIN - d.gutter))
            cards_h = max(s.box.bottom for s in cards) - area.y
            # the band as tall as its lists need at their full size when the cards leave the room
            wanted = max(int(area.h * BAND_SHARE), band_height(ctx, area.w, last_day))
            band_h = max(BAND_MIN, min(wanted, area.h - cards_h - d.gutter))
            top = area.y + (area.h - cards_h - d.gutter - band_h) // 2
            elements += moved(cards, 0, top - area.y)
            elements += next_steps_band(ctx, Box(area.x, top + cards_h + d.gutter, area.w, band_h), last_day)
        elif final:
            band = Box(area.x, area.y + area.h // 6, area.w, area.h * 2 // 3)
            elements += next_steps_band(ctx, band, last_day)
        else:
            cards = module_cards(ctx, group, area)
            cards_h = max(s.box.bottom for s in cards) - area.y
            elements += moved(cards, 0, (area.h - cards_h) // 2)
        notes = "\n".join(m.title + d.label("colon") + d.label("clause_separator").join(takeaways(m, day))
                          for m in group)
        if final:
            notes += "\n\n" + "\n".join(next_steps(ctx) + tomorrow(ctx))
        slides.append(make_slide(ctx, "closing", continued(label, d, part), elements, notes.strip(), loc=day.loc))
    return slides


def is_last_day(ctx: SlideContext) -> bool:
    days = list(ctx.course.days)
    return not days or ctx.day is days[-1] or ctx.day not in days


def takeaways(module, day=None) -> tuple[str, ...]:
    """What a module leaves with participants: its takeaways (three at most), else its first two objectives;
    a module that is its whole day (an imported agenda) recaps its sections."""
    if module.takeaways:
        return module.takeaways[:TAKEAWAYS_PER_MODULE]
    if is_the_whole_day(day, module):
        return tuple(s.title for s in module.sections[:WHOLE_DAY_RECAP])
    return module.objectives[:2]


def module_cards(ctx: SlideContext, modules, area: Box) -> list[Shape]:
    """A card per module side by side: its numeral and title, and its takeaways under a rule."""
    d = ctx.design
    n = len(modules)
    columns = area.columns(n, d.gutter)
    pad = inches(0.25)
    head_style = d.style("heading", d.size("body"), d.size("body_min") - 2, bold=True, phrase=True, balance=True,
                         spacing=1.2)
    list_style = d.style("body", d.size("small"), d.size("body_min") - 2, marker=True, para_space=0.4)
    label_h = inches(0.4)
    head_h = inches(1.3)
    # the cards as tall as the fullest one needs, not the whole area
    needed = []
    for col, m in zip(columns, modules):
        inner = col.inset(pad, pad)
        head = d.fitter.fit([Para(m.title)], head_style, inner.w / 12700, min(head_h, (inner.h - label_h) // 2) / 12700)
        h = label_h + pt(head.height if head else head_h / 12700) + inches(0.15)
        items = takeaways(m, ctx.day)
        if items:
            pts = d.fitter.fit([Para(t, 0, "▪") for t in items], list_style, inner.w / 12700,
                               (inner.h - h) / 12700)
            h += pt(pts.height) if pts else inner.h
        needed.append(h + 2 * pad)
    # cards with takeaways keep a card's presence; cards that only name their module are as tall as that
    floor = inches(2.2) if any(takeaways(m, ctx.day) for m in modules) else 0
    card_h = min(area.h, max(max(needed), floor))
    columns = [Box(c.x, c.y, c.w, card_h) for c in columns]
    shapes: list[Shape] = []
    for i, (col, m) in enumerate(zip(columns, modules)):
        accent = d.accent(m.number - 1)
        shapes += panel(f"Takeaway card {i + 1}", col, d, accent)
        inner = col.inset(pad, pad)
        label = d.module_label(m.number)
        shapes.append(d.simple_text(label, Box(inner.x, inner.y, inner.w, label_h), d.size("caption") + 2, accent,
                                    bold=True, anchor="ctr", name=f"Takeaway card {i + 1} label", loc=m.loc))
        # the title shares the card with its takeaways; a card without them is the title's alone
        room = (inner.h - label_h) // 2 if takeaways(m, ctx.day) else inner.h - label_h
        head_box = Box(inner.x, inner.y + label_h, inner.w, min(head_h, room))
        head = d.fit([Paragraph(m.title)], head_box, head_style, d.colour("title"), loc=m.loc,
                     what="a module title on the closing slide")
        head_box = Box(head_box.x, head_box.y, head_box.w, min(pt(head.height) + inches(0.05), head_box.h))
        shapes.append(Shape(f"Takeaway card {i + 1} title", head_box, text=head))
        items = takeaways(m, ctx.day)
        if items:
            box = Box(inner.x, head_box.bottom + inches(0.1), inner.w, inner.bottom - head_box.bottom - inches(0.1))
            paras = [Paragraph(t, marker="▪", marker_colour=accent) for t in items]
            shapes.append(Shape(f"Takeaway card {i + 1} points", box,
                                text=d.fit(paras, box, list_style, d.colour("text"), loc=m.loc,
                                           what="a module's takeaways")))
    return shapes


def next_steps_band(ctx: SlideContext, band: Box, last_day: bool) -> list[Shape]:
    """Next steps on the left; tomorrow's modules as a list on the right, or on the last day, the close."""
    d = ctx.design
    left, right = band.columns(2, d.gutter, _band_weights(ctx, last_day))
    accent = d.colour("accent2")
    shapes = _listing(ctx, "Next steps", left, d.label("next_steps"), next_steps(ctx), accent, numbered=True)
    if last_day:
        shapes.append(Shape("Course close", right, fill=d.colour("primary")))
        inner = right.inset(inches(0.4), inches(0.25))
        shapes.append(d.simple_text(d.label("thank_you"), Box(inner.x, inner.y, inner.w, inner.h * 3 // 5),
                                    40, d.colour("on_primary"), role="heading", bold=True, anchor="b",
                                    min_size=24, name="Thank you"))
        shapes.append(d.simple_text(ctx.course.title, Box(inner.x, inner.y + inner.h * 3 // 5, inner.w, inner.h * 2 // 5),
                                    d.size("small"), d.colour("on_primary"), anchor="t", min_size=12,
                                    name="Course title", phrase=True))
    else:
        shapes += _listing(ctx, "Tomorrow", right, d.label("tomorrow"), tomorrow(ctx), d.colour("accent1"),
                           numbered=False)
    return shapes


def _band_weights(ctx: SlideContext, last_day: bool) -> list[float]:
    """Halves; a long list of tomorrow's modules (two columns of it) takes the wider share beside the two
    next steps, so its titles keep their size and their line."""
    long_tomorrow = not last_day and len(tomorrow(ctx)) > LONG_LISTING
    return [0.4, 0.6] if long_tomorrow else [0.5, 0.5]


def band_height(ctx: SlideContext, width: int, last_day: bool) -> int:
    """The height the next-steps band needs to set its lists at their full size."""
    d = ctx.design
    weights = _band_weights(ctx, last_day)
    widths = [int((width - d.gutter) * w) for w in weights]
    lists = [next_steps(ctx)] + ([] if last_day else [tomorrow(ctx)])
    return max(_listing_height(d, items, w) for items, w in zip(lists, widths))


def _listing_style(d):
    return d.style("body", d.size("small") + 2, d.size("body_min") - 2, marker=True, para_space=0.35)


def _listing_height(d, items: list[str], width: int) -> int:
    body_w = width - inches(0.6)
    columns = _in_columns(items)
    col_w = (body_w - d.gutter * (len(columns) - 1)) // len(columns)
    style = _listing_style(d)
    measured = [d.fitter.measure([Para(t, 0, "▪") for t in chunk], style, style.max_size, col_w / 12700)
                for chunk in columns]
    return LISTING_CHROME + max(pt(m.height) for m in measured)


def _in_columns(items: list) -> list[list]:
    """A listing's items as they run: one column, or a long list in two (the first the longer)."""
    if len(items) <= LONG_LISTING:
        return [items]
    cut = -(-len(items) // 2)
    return [items[:cut], items[cut:]]


def _listing(ctx: SlideContext, name: str, box: Box, heading: str, items: list[str], accent, *,
             numbered: bool) -> list[Shape]:
    d = ctx.design
    shapes = panel(f"{name} panel", box, d, accent)
    inner = box.inset(inches(0.3), LISTING_INSET)
    shapes.append(d.simple_text(heading, Box(inner.x, inner.y, inner.w, LISTING_HEAD), d.size("small") + 2,
                                accent, role="heading", bold=True, anchor="ctr", name=f"{name} heading"))
    body = inner.below(LISTING_HEAD + LISTING_GAP)
    markers = [f"{i}." for i in range(1, len(items) + 1)] if numbered else ["▪"] * len(items)
    style = _listing_style(d)
    columns = _in_columns(list(zip(items, markers)))
    boxes = body.columns(2, d.gutter) if len(columns) == 2 else [body]
    paras = [[Paragraph(t, marker=m, marker_colour=accent) for t, m in chunk] for chunk in columns]
    # both columns of one list at one size: the largest at which each fits
    sizes = [d.fitter.fit([Para(p.text, 0, p.marker) for p in chunk], style, col.w / 12700, col.h / 12700)
             for chunk, col in zip(paras, boxes)]
    style = replace(style, max_size=min(f.size if f is not None else style.min_size for f in sizes))
    for j, (col, chunk) in enumerate(zip(boxes, paras)):
        shapes.append(Shape(name if len(columns) == 1 else f"{name} {j + 1}", col,
                            text=d.fit(chunk, col, style, d.colour("text"), loc=ctx.day.loc, what=name.lower())))
    return shapes


def next_steps(ctx: SlideContext) -> list[str]:
    d = ctx.design
    if not is_last_day(ctx):
        return [d.label("next_step_review"), d.label("next_step_bring")]
    return [d.label("next_step_try"), d.label("next_step_later")]


def tomorrow(ctx: SlideContext) -> list[str]:
    """The next day's modules, each with its number."""
    d = ctx.design
    days = list(ctx.course.days)
    if is_last_day(ctx):
        return []
    following = days[days.index(ctx.day) + 1]
    if following.modules and is_the_whole_day(following, following.modules[0]):
        return [s.title for s in following.modules[0].sections]  # tomorrow's sessions, as its agenda lists them
    items = []
    for m in following.modules:
        label = d.module_label(m.number)
        items.append(m.title if names_its_module(m.title, label) else
                     d.label("tomorrow_item", module=label, title=m.title))
    return items
