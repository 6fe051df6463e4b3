"""Who leads what: the lead line in speaker notes, facilitators' own copies, minutes per facilitator."""
from __future__ import annotations

from dataclasses import replace

from .outline import Course
from .plan import Deck, Slide
from .schedule import DaySchedule

TIME_MARK = "⏱"  # the time-box line that opens a section's speaker notes (slides.common.SlideContext)


def lead_label(theme, language: str) -> str:
    """What opens the lead line in speaker notes, in the deck's language: 主讲：, 担当：, 진행: , Lead: …"""
    return theme.label("lead", language) + theme.label("colon", language)


def lead_line(name: str, label: str) -> str:
    return f"{label}{name}"


def with_lead(slides: list[Slide], lead: str | None, label: str) -> list[Slide]:
    """The slides marked with who leads them, and "主讲：…" / "Lead: …" (`label`, see lead_label) in their
    speaker notes: on the time-box line when there is one (a facilitator sees when and who at a glance),
    else on a line of its own."""
    if lead is None:
        return slides
    out = []
    for slide in slides:
        parts = slide.notes.split("\n\n") if slide.notes else []
        line = lead_line(lead, label)
        if parts and parts[0].startswith(TIME_MARK):
            parts[0] = f"{parts[0]} · {line}"
        else:
            parts.insert(0, line)
        out.append(replace(slide, notes="\n\n".join(parts), lead=lead))
    return out


def collapse_others(deck: Deck, name: str, label: str) -> Deck:
    """A facilitator's own copy: their slides' notes in full, others' reduced to the time box and who leads
    them; nothing but the notes differs from the shared deck."""
    slides = []
    for slide in deck.slides:
        if slide.lead is not None and slide.lead != name:
            first = slide.notes.split("\n\n", 1)[0] if slide.notes else lead_line(slide.lead, label)
            slide = replace(slide, notes=first)
        slides.append(slide)
    return replace(deck, slides=tuple(slides))


def find(course: Course, who: str):
    """The facilitator named (or with these initials); None when there is none such."""
    return next((f for f in course.facilitators if who in (f.name, f.initials)), None)


def minutes_by_lead(sched: DaySchedule) -> dict[str | None, int]:
    """Teaching minutes each facilitator leads that day, in order of first appearance (None: nobody named)."""
    out: dict[str | None, int] = {}
    for slot in sched.slots:
        if slot.kind == "section":
            out[slot.section.lead] = out.get(slot.section.lead, 0) + (slot.end - slot.start)
    return out


def lead_badges(design, course: Course, module, box, row: int):
    """The agenda's badges for a module block: each lead's initials on a chip of their colour, right-aligned
    in `box`, and the box left for the title. None with fewer than two facilitators."""
    from .plan import Box, Colour
    from .plan import inches
    if len(course.facilitators) < 2:
        return [], box
    chips, right = [], box.right
    for lead in reversed(module_leads(module)):
        person = course.facilitator(lead)
        fill = Colour(person.colour.upper()) if person and person.colour else design.colour("accent2")
        chip = design.chip(person.initials if person else lead, right, 0, fill, align_right=True,
                           name=f"Agenda lead {row}", size=design.size("caption") + 2)
        chip = replace(chip, box=Box(chip.box.x, box.y + (box.h - chip.box.h) // 2, chip.box.w, chip.box.h))
        chips.insert(0, chip)
        right = chip.box.x - inches(0.08)
    return chips, Box(box.x, box.y, max(right - inches(0.12) - box.x, box.w // 2), box.h)


def module_leads(module) -> list[str]:
    """The facilitators who lead a module's sections, in order of first appearance."""
    return list(dict.fromkeys(s.lead for s in module.sections if s.lead))
