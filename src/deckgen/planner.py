"""From a validated course and a resolved theme to the slide plan of every deck (all decisions made here)."""
from __future__ import annotations

import os
from dataclasses import replace

from . import provenance
from .a11y import accessible
from .design import Design
from .facilitators import lead_label, with_lead
from .errors import Diagnostics
from .legibility import readable
from .outline import Course, Day, Module, Section
from .plan import CoursePlan, Deck, Slide, Table
from .schedule import DaySchedule, schedule_day
from .template_text import substitute
from .slides import SLIDE_KINDS, SlideContext
from .slides.common import continued, is_the_whole_day
from .slides.media import plan_with_media
from .slides.picture import unify_pictures
from .textfit import Fitter
from .theme import BACKGROUND_FOR_LAYOUT, Theme, image_is_dark, is_dark


def plan_course(course: Course, theme: Theme, diags: Diagnostics, *, per_module: bool = False,
                fitter: Fitter | None = None) -> CoursePlan:
    design = Design(theme, course.language, fitter or Fitter(), diags, punctuation=course.punctuation)
    plan = CoursePlan()
    for day in course.days:
        sched = schedule_day(day, diags)
        plan.decks.append(plan_day(course, day, sched, design))
        if per_module:
            for module in day.modules:
                plan.decks.append(plan_module(course, day, sched, module, design))
    # a module deck re-plans its day's slides: report each problem once
    diags.items[:] = list(dict.fromkeys(diags.items))
    return plan


def plan_day(course: Course, day: Day, sched: DaySchedule, design: Design) -> Deck:
    ctx = SlideContext(design, course, day, sched)
    cover = provenance.attach(SLIDE_KINDS["cover"](ctx), "course.yaml", provenance.outline_values(course))
    slides = cover + SLIDE_KINDS["agenda"](ctx)
    for module in day.modules:
        slides += module_slides(ctx, module)
    slides += SLIDE_KINDS["closing"](ctx)
    return finish_deck(f"day-{day.number}", f"{course.title} · {day.title}", slides, course, day, design,
                       [m.path for m in day.modules])


def plan_module(course: Course, day: Day, sched: DaySchedule, module: Module, design: Design) -> Deck:
    ctx = SlideContext(design, course, day, sched)
    slides = module_slides(ctx, module)
    return finish_deck(f"module-{module.number}", f"{course.title} · {module.title}", slides, course, day,
                       design, [module.path])


def module_slides(ctx: SlideContext, module: Module) -> list[Slide]:
    mctx = replace(ctx, module=module)
    shared = len(ctx.course.facilitators) > 1  # one trainer: who leads goes without saying
    # which file and YAML path each text comes from, for `deckgen pull` (see deckgen.provenance)
    file = module_file(ctx.course, module)
    continued = ctx.design.label("continued")
    slides: list[Slide] = []
    if not is_the_whole_day(ctx.day, module):
        slides = provenance.attach(SLIDE_KINDS["divider"](mctx), file, provenance.outline_values(module),
                                   continued=continued, notes=(("notes",), module.notes))
        if shared:
            slides = with_lead(slides, module.lead, lead_label(ctx.design.theme, ctx.design.language))
    for index, section in enumerate(module.sections):
        slot = ctx.schedule.sections.get((module.number, index)) if ctx.schedule else None
        planned = plan_with_media(SLIDE_KINDS[section.kind], replace(mctx, section=section, slot=slot))
        planned = chosen_layout(ctx.design, section, planned)
        warn_section(ctx.design, section, planned)
        where = ("sections", index)
        planned = provenance.attach(planned, file, provenance.outline_values(section, where),
                                    continued=continued, notes=(where + ("notes",), section.notes))
        slides += with_lead(planned, section.lead, lead_label(ctx.design.theme, ctx.design.language)) \
            if shared else planned
    return slides


def chosen_layout(design: Design, section: Section, slides: list[Slide]) -> list[Slide]:
    """The section's slides (not the debrief that follows an exercise) on the layout it names, when the
    deck has a layout of that name; else an error at the name listing the layouts there are."""
    if not section.layout:
        return slides
    from .render.layouts import available_layouts
    names = available_layouts(design.theme.template)
    if section.layout not in names:
        where = "the template" if design.theme.template is not None else "deckgen's own master"
        design.diags.error(f"layout '{section.layout}': {where} has no layout of that name",
                           getattr(section.layout, "loc", None) or section.loc,
                           "layouts: " + ", ".join(f"'{n}'" for n in dict.fromkeys(names)))
        return slides
    return [replace(s, layout_name=str(section.layout)) if s.kind == section.kind else s for s in slides]


def module_file(course: Course, module: Module) -> str:
    """The module's file as a path relative to the course folder (as a provenance names it)."""
    if module.path is None or course.folder is None:
        return ""
    return os.path.relpath(module.path, course.folder).replace(os.sep, "/")


def warn_section(design: Design, section: Section, slides: list[Slide]) -> None:
    """Warnings a trainer wants before teaching: a section spilling onto more slides, no notes."""
    parts = sum(1 for s in slides if s.kind == section.kind)
    if section.image is not None and section.image.position == "full" and parts > 1:
        parts -= 1  # a full picture has a slide of its own by design: that is not text spilling over
    table_pages = sum(1 for s in slides if s.kind == section.kind and any(isinstance(e, Table) for e in s.elements))
    if section.table is not None and table_pages > 1:
        # the rows were already spread over as many slides as they need: shorter points would not help
        more = table_pages - 1
        header = ", its header row repeated on each" if section.table.header else ""
        design.diags.warning(f"the table in section '{section.title}' does not fit on one slide: its rows "
                             f"continue on {more} more slide{'s' if more > 1 else ''} titled "
                             f"'…{'' if design.zh else ' '}{design.label('continued')}'{header}",
                             section.table.loc or section.loc,
                             "split the table into two (a section each), or move rows to the handout")
    elif parts > 1:
        design.diags.warning(f"section '{section.title}' does not fit on one slide: it continues on "
                             f"{parts - 1} more slide{'s' if parts > 2 else ''} titled "
                             f"'{continued('…', design, 1)}'", section.loc,
                             "shorten its points, or split it into two sections")
    if not (section.notes and section.notes.strip()):
        design.diags.warning(f"section '{section.title}' has no notes: its speaker notes will hold only "
                             "the time box", section.loc, "add 'notes:' with what the trainer says and asks")


def footer_text(template: str, course: Course, day: Day | None, separator: str = ", ") -> str:
    """The footer template filled in; `separator` joins the trainers' names (、 in Chinese and Japanese)."""
    fields = {"course": course.title, "day": day.title if day else "", "trainer": separator.join(course.trainers),
              "date": course.date or ""}
    text = substitute(template, fields)  # one pass: a course title holding "{day}" stays as written
    # a field left empty (no date, no day on a module deck) must not leave a dangling separator
    if "·" in text:
        text = "  ·  ".join(part.strip() for part in text.split("·") if part.strip())
    return text.strip()


def finish_deck(name: str, title: str, slides: list[Slide], course: Course, day: Day | None, design: Design,
                sources) -> Deck:
    """Add footers and slide numbers, background pictures and logos, and wrap the slides as a deck."""
    theme = design.theme
    text = footer_text(theme.footer_text, course, day, design.label("list_separator"))
    finished = []
    total = len(slides)
    for slide in slides:
        if slide.kind != "cover":
            number = substitute(theme.slide_number, {"total": total})  # {n}: the renderer's slide number field
            on_dark = slide.kind == "divider"
            slide = replace(slide, elements=slide.elements + tuple(design.footer(text, number, on_dark)))
        finished.append(accessible(readable(brand(slide, design), design.page(slide), design.neutrals)))
    finished = unify_pictures(finished)
    return Deck(name=name, title=title, slides=tuple(finished), width=design.width, height=design.height,
                language=course.language, author=design.label("list_separator").join(course.trainers),
                subject=course.subtitle or "",
                sources=tuple(p for p in sources if p))


def brand(slide: Slide, design: Design) -> Slide:
    """The theme's background picture for this slide's layout, and its logos (on dark slides, the
    logos' `on_dark` versions).

    A background picture lives on the slide's layout (render.base gives each such layout key its own copy
    of the layout), so the slide's own solid background, which would hide it, is dropped here.
    """
    theme = design.theme
    image = theme.backgrounds.get(BACKGROUND_FOR_LAYOUT.get(slide.layout, "content"))
    if image is not None:
        dark = image_is_dark(image)
        slide = replace(slide, background=None, background_image=image)
    else:
        dark = is_dark(slide.background.hex if slide.background is not None else theme.palette["background"])
    logos = design.logos(slide.kind, dark)
    return replace(slide, elements=slide.elements + tuple(logos)) if logos else slide
