"""`deckgen handout`: the participant workbook (out/<course>/handout.docx).

A title page and the course overview, then per module: its objectives, the key points of its content and
framework sections, the case texts with their discussion questions and ruled space to write, and a worksheet
for each exercise. Facilitator material never goes in: no notes, no debrief questions, no materials list.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from docx.shared import Cm, Pt

from ..design import module_label
from ..docx_util import DocWriter, Words, course_date, set_col_widths, set_table_borders
from ..errors import Diagnostics
from ..outline import Course, Module, Section
from ..schedule import clock, schedule_day
from ..textfit import flow
from .build import load_with_theme
from .docx_media import section_media

QUESTION_LINES = 3  # ruled lines under each discussion question
WORKSHEET_LINES = 10  # ruled lines on an exercise worksheet
NOTES_LINES = 6  # ruled lines for own notes at the end of each module


@dataclass
class HandoutResult:
    path: Path
    cases: int = 0
    exercises: int = 0
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0


def handout(course_dir: Path, out_dir: Path = Path("out"), *, theme_name: str | None = None,
            overrides: list[str] = (), themes_dirs: list[Path] | None = None,
            variant: str | None = None) -> HandoutResult:
    """Needs the outline and the theme only (fonts and colours), not the slide plan."""
    from .build import output_folder
    started = time.perf_counter()
    course, theme, diags = load_with_theme(course_dir, theme_name=theme_name, overrides=overrides,
                                           themes_dirs=themes_dirs, variant=variant)
    diags.raise_if_errors()
    doc = write_handout(course, theme)
    path = doc.save(output_folder(Path(out_dir), course) / "handout.docx")
    sections = [s for m in course.modules for s in m.sections]
    return HandoutResult(path, cases=sum(s.kind == "case" for s in sections),
                         exercises=sum(s.kind == "exercise" for s in sections), diagnostics=diags,
                         seconds=time.perf_counter() - started)


def write_handout(course: Course, theme) -> DocWriter:
    w = Words(theme, course.language)
    doc = DocWriter(theme, course.language, title=f"{course.title} · {w['handout']}",
                    author=w["list_separator"].join(course.trainers), subject=course.subtitle or "",
                    footer=f"{course.title} · {w['handout']}", date=course_date(course, theme))
    labels = w  # the slides' words (case, task, steps …) and the documents' are in the same tables
    title_page(doc, course, w)
    overview(doc, course, w)
    for module in course.modules:
        doc.page_break()
        module_pages(doc, course, module, w, labels)
    return doc


def title_page(doc: DocWriter, course: Course, w: Words) -> None:
    for _ in range(6):
        doc.para()
    doc.para(w["workbook"], colour="accent1", bold=True, size=12)
    doc.para(course.title, "Title")
    if course.subtitle:
        doc.para(course.subtitle, "Subtitle")
    for label, value in ((w["organisation"], course.organisation),
                         (w["trainer"], w["list_separator"].join(course.trainers)),
                         (w["date"], course.date), (w["place"], course.place)):
        if value:
            doc.labelled(label, value)
    for _ in range(4):
        doc.para()
    # name and team, to write in
    t = doc.doc.add_table(rows=2, cols=2)
    set_col_widths(t, [Cm(3.0), Cm(8.0)])
    set_table_borders(t, None, {"top": None, "left": None, "right": None, "insideV": None,
                                "insideH": doc.colour("muted"), "bottom": doc.colour("muted")})
    for row, label in zip(t.rows, (w["name"], w["team"])):
        row.height = Cm(1.1)
        doc.run(row.cells[0].paragraphs[0], label, bold=True, colour="primary")


def overview(doc: DocWriter, course: Course, w: Words) -> None:
    doc.page_break()
    doc.heading(w["overview"], 1)
    if course.audience:
        doc.labelled(w["audience_label"], course.audience)
    rows = []
    for day in course.days:
        sched = schedule_day(day)
        for module in day.modules:
            start, end = sched.modules[module.number]
            rows.append([day.title, f"{clock(start)}–{clock(end)}",
                         f"{module_label(doc.theme, course.language, module.number)}  {module.title}"])
    width = doc.text_width.cm
    doc.table([w["day_col"], w["time"], w["item"]], rows,
              [3.6, 2.9, width - 6.5])


def module_pages(doc: DocWriter, course: Course, module: Module, w: Words, labels: Words) -> None:
    doc.heading(f"{module_label(doc.theme, course.language, module.number)}  {module.title}", 1)
    if module.objectives:
        doc.para(labels["objectives"], bold=True, colour="primary")
        doc.bullets(module.objectives)
    for section in module.sections:
        if section.kind in ("content", "framework"):
            summary(doc, section, labels)
        elif section.kind == "case":
            case_pages(doc, section, w, labels)
        elif section.kind == "exercise":
            worksheet(doc, section, w, labels)
    doc.heading(w["my_notes"], 3)
    doc.writing_lines(NOTES_LINES)


def summary(doc: DocWriter, s: Section, labels: Words) -> None:
    doc.heading(s.title, 3)
    if s.points:
        for p in s.points:
            doc.para(p.text, "List Bullet")
            for sub in p.points:
                sp = doc.para(sub.text, "List Bullet 2")
                sp.paragraph_format.space_after = Pt(2)
    elif s.diagram is not None:
        items = [f"{i.label}{labels['colon']}{i.text}" if i.text else i.label for i in s.diagram.items]
        if s.diagram.centre:
            items.insert(0, s.diagram.centre)
        doc.bullets(items)
    section_media(doc, s)
    if s.takeaway:
        doc.para(s.takeaway, italic=True, colour="primary")


def case_pages(doc: DocWriter, s: Section, w: Words, labels: Words) -> None:
    doc.heading(w.fill("tagged_heading", tag=s.label or labels["case"], title=s.title), 2)
    if s.background:
        doc.para(labels["background"], bold=True, colour="case")
        for line in s.background.strip().splitlines():
            if line.strip():
                doc.para(line.strip())
    if s.points:
        doc.para(labels["key_points"], bold=True, colour="case")
        for p in s.points:
            doc.para(p.text, "List Bullet")
            for sub in p.points:
                doc.para(sub.text, "List Bullet 2")
    section_media(doc, s)
    if s.questions:
        doc.para(labels["questions"], bold=True, colour="case")
        for i, q in enumerate(s.questions, 1):
            p = doc.para()
            doc.run(p, f"{i}. ", bold=True, colour="case")
            doc.run(p, q)
            p.paragraph_format.keep_with_next = True
            doc.writing_lines(QUESTION_LINES)


def worksheet(doc: DocWriter, s: Section, w: Words, labels: Words) -> None:
    doc.page_break()
    kind = s.type or labels["exercise"]
    doc.heading(w.fill("tagged_heading", tag=kind, title=s.title), 2)
    facts = []
    if s.minutes:
        facts.append((w["time"], doc.theme.label("minutes", doc.language, n=s.minutes)))
    if s.groups:
        facts.append((labels["groups"], s.groups))
    for label, value in facts:
        doc.labelled(label, value)
    if s.task:
        doc.labelled(labels["task"], flow(s.task))
    if s.points:
        doc.bullets([p.text for p in s.points])
    if s.steps:
        doc.para(labels["steps"], bold=True, colour="exercise")
        doc.numbered(s.steps)
    if s.deliverable:
        doc.labelled(labels["deliverable"], s.deliverable)
    section_media(doc, s)
    doc.para(w["worksheet"], bold=True, colour="exercise").paragraph_format.keep_with_next = True
    doc.writing_lines(WORKSHEET_LINES)
