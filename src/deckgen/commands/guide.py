"""`deckgen guide`: a facilitator guide per day (out/<course>/guide-day-N.docx).

At the top: the day's schedule and the materials to prepare. Then every slide of the day deck in order:
its thumbnail (when LibreOffice is installed), clock time and minutes, the talk track (the speaker notes),
and for exercises the instructions (task, groups, steps, deliverable), debrief questions and case questions.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from ..design import module_label
from ..facilitators import lead_label, lead_line
from ..docx_util import (DocWriter, Words, course_date, keep_row_together, set_col_widths, set_table_borders,
                         shade)
from ..errors import DeckgenError, Diagnostics, Loc
from ..office import Office, find_soffice, find_tool
from ..outline import Course, Day, Section
from ..plan import Deck, Slide
from ..schedule import DaySchedule, clock, schedule_day, to_minutes
from ..textfit import flow
from .build import Planned, output_folder, plan
from .docx_media import section_media
from .preview import Progress, slide_images

THUMB_WIDTH_PX = 560
THUMB_CM = 6.4


@dataclass
class GuideResult:
    written: list[Path] = field(default_factory=list)
    thumbnails: bool = False
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0


def guide(course_dir: Path, out_dir: Path = Path("out"), *, thumbnails: bool = True,
          progress: Progress | None = None, **options) -> GuideResult:
    started = time.perf_counter()
    progress = progress or Progress()
    planned = plan(Path(course_dir), **options)
    course = planned.course
    word = lambda key: planned.theme.label(key, course.language)  # noqa: E731
    result = GuideResult(diagnostics=planned.diagnostics)
    day_decks = [(day, next(d for d in planned.plan.decks if d.name == f"day-{day.number}")) for day in course.days]
    target = output_folder(Path(out_dir), course)
    with tempfile.TemporaryDirectory(prefix="deckgen-guide-") as tmp:
        images: dict[str, list[Path]] = {}
        why_not = None
        if not thumbnails:
            why_not = "--no-thumbnails"
        elif find_soffice() is None:
            why_not = word("no_libreoffice")
            result.diagnostics.warning("LibreOffice was not found: the guide is written without slide thumbnails",
                                       None, "install LibreOffice (Debian/Ubuntu `sudo apt install "
                                       "libreoffice-impress`, Homebrew `brew install --cask libreoffice`, "
                                       "Windows `winget install TheDocumentFoundation.LibreOffice`) for thumbnails")
        elif find_tool("pdftoppm") is None:
            why_not = word("no_pdftoppm")
            result.diagnostics.warning("pdftoppm (Poppler) was not found: the guide is written without slide "
                                       "thumbnails", None, "install poppler-utils (Debian/Ubuntu), poppler "
                                       "(Homebrew) for thumbnails")
        else:
            progress.start(2 * len(day_decks), "Slide thumbnails")
            try:
                with Office() as office:
                    images = slide_images(planned, [d for _, d in day_decks], Path(tmp), office,
                                          width=THUMB_WIDTH_PX, progress=progress)
            except DeckgenError as exc:
                why_not = word("convert_failed")
                for d in exc.diagnostics:
                    result.diagnostics.warning(f"no thumbnails in the guide: {d.message}", d.loc, d.hint)
            finally:
                progress.finish()
        result.thumbnails = bool(images)
        for day, deck in day_decks:
            sched = schedule_day(day)
            doc = write_day_guide(planned, day, deck, sched, images.get(deck.name), why_not)
            result.written.append(doc.save(target / f"guide-day-{day.number}.docx"))
    result.seconds = time.perf_counter() - started
    return result


# --- one day's guide ----------------------------------------------------------------------------------

def materials(day: Day) -> list[tuple[str, list[Section]]]:
    """Every exercise material of the day, once, in order of first use, with the exercises using it."""
    found: dict[str, list[Section]] = {}
    for module in day.modules:
        for s in module.sections:
            for m in s.materials:
                key = m.strip()
                if key:
                    found.setdefault(key, [])
                    if s not in found[key]:
                        found[key].append(s)
    return list(found.items())


def write_day_guide(planned: Planned, day: Day, deck: Deck, sched: DaySchedule, images: list[Path] | None,
                    why_not: str | None) -> DocWriter:
    course, theme = planned.course, planned.theme
    w = Words(theme, course.language)
    doc = DocWriter(theme, course.language, title=f"{course.title} · {w['guide']} · {day.title}",
                    author=w["list_separator"].join(course.trainers), subject=course.subtitle or "",
                    footer=f"{course.title} · {w['guide']} · {day.title}", date=course_date(course, theme))
    doc.para(course.title, "Title")
    doc.para(f"{w['guide']} · {day.title}", "Subtitle")
    meta = [(w["trainer"], w["list_separator"].join(course.trainers)),
            (w["date"], course.date), (w["place"], course.place), (w["audience"], course.audience)]
    for label, value in meta:
        if value:
            doc.labelled(label, value)

    # the schedule
    doc.heading(w["schedule"], 1)
    schedule_table(doc, course, sched, w)
    doc.para(day_summary(sched, w), style="Caption")
    if len(course.facilitators) > 1:
        run_sheets(doc, course, sched, w)

    # the materials
    doc.heading(w["materials"], 1)
    mats = materials(day)
    if mats:
        rows = [[m, "\n".join(f"{sched.sections[_key(day, s)].span}  {s.title}" for s in used)]
                for m, used in mats]
        doc.table([w["material"], w["used_in"]], rows, [5.0, doc.text_width.cm - 5.0])
    else:
        doc.para(w["no_materials"])

    # slide by slide
    doc.page_break()
    doc.heading(w["slides"], 1)
    if not images:
        doc.para(w.fill("no_thumbnails", why=why_not or "—"), style="Caption")
    sections = {s.loc: (m, s) for m in day.modules for s in m.sections}
    modules = {m.loc: m for m in day.modules}
    seen: set[Loc] = set()
    for number, slide in enumerate(deck.slides, 1):
        module = modules.get(slide.source) if slide.kind == "divider" else None
        if module is not None:
            doc.heading(f"{module_label(theme, course.language, module.number)}  {module.title}", 2)
        hit = sections.get(slide.source) if slide.kind in ("content", "framework", "case", "exercise",
                                                           "debrief") else None
        first = hit is not None and slide.kind != "debrief" and slide.source not in seen
        if hit is not None and slide.kind != "debrief":
            seen.add(slide.source)
        image = images[number - 1] if images else None
        slide_block(doc, course, number, slide, hit, first, image, w)
    return doc


def run_sheets(doc: DocWriter, course: Course, sched: DaySchedule, w: Words) -> None:
    """For each facilitator: the blocks they lead this day, with who hands over to them and to whom they
    hand over (a block is consecutive sections under one lead)."""
    blocks: list[list] = []  # consecutive section slots with one lead
    for slot in sched.slots:
        if slot.kind != "section":
            continue
        if blocks and blocks[-1][0].section.lead == slot.section.lead:
            blocks[-1].append(slot)
        else:
            blocks.append([slot])
    doc.heading(w["run_sheets"], 1)
    for person in course.facilitators:
        mine = [(i, b) for i, b in enumerate(blocks) if b[0].section.lead == person.name]
        if not mine:
            continue
        role = w.fill("in_brackets", text=person.role) if person.role else ""
        doc.heading(w.fill("run_sheet_title", name=person.name) + role, 2)
        rows = []
        for i, block in mine:
            handover = []
            if i > 0:
                handover.append(w.fill("handover_from", name=blocks[i - 1][0].section.lead))
            if i + 1 < len(blocks):
                handover.append(w.fill("handover_after", name=blocks[i + 1][0].section.lead))
            for j, slot in enumerate(block):
                rows.append([slot.span, f"{slot.module.number}. {slot.title}", str(slot.end - slot.start),
                             w["clause_separator"].join(handover) if j == 0 else ""])
        width = doc.text_width.cm
        doc.table([w["time"], w["run_sheet_item"], w["minutes_col"], w["handover"]], rows,
                  [2.9, width - 9.0, 1.6, 4.5])
        total = sum(s.end - s.start for _, b in mine for s in b)
        doc.para(w.fill("run_sheet_total", n=total), style="Caption")


def _key(day: Day, section: Section) -> tuple[int, int]:
    for m in day.modules:
        for i, s in enumerate(m.sections):
            if s is section:
                return (m.number, i)
    raise KeyError(section.title)


def day_summary(sched: DaySchedule, w: Words) -> str:
    rest = sum(s.end - s.start for s in sched.breaks())
    text = w.fill("total", teach=sched.teaching_minutes, rest=rest) + " · " + w.fill("ends", end=clock(sched.end))
    if sched.day.end:
        diff = to_minutes(sched.day.end) - sched.end
        text += " · " + w.fill("planned_end", end=sched.day.end)
        if diff < 0:
            text += " · " + w.fill("over", n=-diff)
        elif diff > 0:
            text += " · " + w.fill("spare", n=diff)
    return text


def schedule_table(doc: DocWriter, course: Course, sched: DaySchedule, w: Words) -> None:
    rows, kinds = [], []
    seen: set[int] = set()
    for slot in sched.slots:
        if slot.kind == "break":
            rows.append([slot.span, slot.title or w["agenda_break"], w.kind("break"),
                         str(slot.end - slot.start)])
            kinds.append("break")
            continue
        if slot.module.number not in seen:
            seen.add(slot.module.number)
            start, end = sched.modules[slot.module.number]
            rows.append([f"{clock(start)}–{clock(end)}",
                         f"{module_label(doc.theme, course.language, slot.module.number)}  {slot.module.title}",
                         w.kind("module"), str(slot.module.minutes)])
            kinds.append("module")
        m = slot.section.minutes
        rows.append([slot.span, slot.title, w.kind(slot.section.kind),
                     "—" if m is None else str(m)])
        kinds.append("section")
    width = doc.text_width.cm
    t = doc.table([w["time"], w["item"], w["kind"], w["minutes_col"]], rows, [2.9, width - 6.5, 2.0, 1.6],
                  zebra=False)
    for row, kind in zip(t.rows[1:], kinds):
        for cell in row.cells:
            if kind == "module":
                shade(cell, doc.colour("panel"))
                for r in cell.paragraphs[0].runs:
                    r.bold = True
            elif kind == "break":
                for r in cell.paragraphs[0].runs:
                    r.italic = True
                    r.font.color.rgb = _rgb(doc.colour("muted"))
        if kind == "section":
            row.cells[1].paragraphs[0].paragraph_format.left_indent = Cm(0.5)
        row.cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def talk_track(slide: Slide, hit, first: bool, lead: str = "") -> str:
    """What to say: the section's own notes on its first slide; on other slides their speaker notes
    without the time-box line and the lead line (`lead`: what opens it, see facilitators.lead_label)."""
    if hit is not None and first:
        return (hit[1].notes or "").strip()
    parts = [p for p in slide.notes.split("\n\n") if p.strip()]
    if parts and parts[0].startswith(("⏱",) + ((lead,) if lead else ())):
        parts = parts[1:]  # the time box and who leads: shown in the slide's heading and the run sheets
    return "\n\n".join(parts).strip()


def slide_block(doc: DocWriter, course: Course, number: int, slide: Slide, hit, first: bool,
                image: Path | None, w: Words) -> None:
    width = doc.text_width.cm
    left = THUMB_CM if image else 2.2
    t = doc.doc.add_table(rows=1, cols=2)
    set_col_widths(t, [Cm(left), Cm(width - left)])
    set_table_borders(t, None, {"top": doc.colour("line"), "bottom": doc.colour("line"), "left": None,
                                "right": None, "insideH": None, "insideV": None}, size=6)
    if _short(slide, hit, first):
        keep_row_together(t.rows[0])
    lcell, rcell = t.rows[0].cells
    if image:
        doc.picture(lcell.paragraphs[0], image, Cm(THUMB_CM - 0.3))
        cap = doc.para(w.fill("slide", n=number), container=lcell, colour="muted", size=8.5)
        cap.paragraph_format.space_after = Pt(0)
    else:
        p = lcell.paragraphs[0]
        doc.run(p, str(number), bold=True, size=20, colour="primary")
        doc.para(w.kind(slide.kind), container=lcell, colour="muted", size=8.5)

    head = rcell.paragraphs[0]
    kind = w.kind(slide.kind)
    chips = [kind]
    if slide.clock:
        chips.append(slide.clock)
    if slide.minutes:
        chips.append(doc.theme.label("minutes", course.language, n=slide.minutes))
    if slide.lead and len(course.facilitators) > 1:
        chips.append(lead_line(slide.lead, lead_label(doc.theme, course.language)))
    doc.run(head, "  ·  ".join(chips), colour="muted", size=9)
    title = doc.para(container=rcell)
    doc.run(title, slide.title, bold=True, size=12, colour="primary", role="heading")
    title.paragraph_format.space_after = Pt(4)

    section = hit[1] if hit else None
    if slide.kind != "debrief":
        track = talk_track(slide, hit, first, lead_label(doc.theme, course.language))
        if hit is not None and not first:
            doc.para(w["continued_slide"], container=rcell, colour="muted", size=9)
        elif track:
            sub_heading(doc, rcell, w["talk_track"])
            for para in track.split("\n"):
                if para.strip():
                    doc.para(para.strip(), container=rcell)
    if section is not None and first and section.kind == "exercise":
        sub_heading(doc, rcell, w["instructions"])
        labels = w
        if section.type:
            doc.labelled(w["type"], section.type, container=rcell)
        if section.task:
            doc.labelled(labels["task"], flow(section.task), container=rcell)
        if section.groups:
            doc.labelled(labels["groups"], section.groups, container=rcell)
        if section.steps:
            doc.para(labels["steps"], container=rcell, bold=True, colour="primary")
            doc.numbered(section.steps, container=rcell)
        if section.deliverable:
            doc.labelled(labels["deliverable"], section.deliverable, container=rcell)
        if section.materials:
            doc.labelled(w["material"], w["list_separator"].join(section.materials),
                         container=rcell)
    if section is not None and first:
        section_media(doc, section, container=rcell, width_cm=width - left - 0.4)
    if section is not None and first and section.kind == "case" and section.questions:
        sub_heading(doc, rcell, w["case_questions"])
        doc.numbered(section.questions, container=rcell)
    if section is not None and slide.kind == "debrief" and section.debrief:
        sub_heading(doc, rcell, w["debrief_questions"])
        doc.numbered(section.debrief, container=rcell)
    doc.para()  # space between slides


def _short(slide: Slide, hit, first: bool) -> bool:
    """Keep a slide's row on one page unless its notes are long enough to need splitting."""
    text = talk_track(slide, hit, first)
    extra = len(hit[1].steps) + len(hit[1].questions) + len(hit[1].debrief) if hit else 0
    return len(text) < 500 and extra < 8


def sub_heading(doc: DocWriter, cell, text: str) -> None:
    p = doc.para(container=cell)
    doc.run(p, text, bold=True, colour="primary", size=9.5, role="heading")
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(2)
