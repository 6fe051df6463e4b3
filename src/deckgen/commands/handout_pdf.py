"""`deckgen handout --pdf`: printable PDFs of each day's slides, no Word needed.

The slides are the PNGs LibreOffice renders (as `deckgen preview` makes them); the pages are composed with
fpdf2, which embeds a subset of a real font (Noto Sans CJK where installed) so every title, caption and
note is text that can be searched, copied and extracted (pdftotext), Chinese included. Pillow alone would
write a PDF of pictures only.

Layouts, on A4 portrait with the course title at the top and "page N / M" at the foot of every page:
- `3up-lines`: three slides per page, each with ruled lines beside it for the participant's notes;
- `6up`: six slides per page, two columns of three;
- `notes`: one slide per page with its speaker notes below, for the facilitator.
"""
from __future__ import annotations

import math
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import manifest as mf
from ..errors import DeckgenError, Diagnostic, Diagnostics
from ..office import Office, require_pdftoppm, require_soffice, writing
from ..plan import Deck
from ..print_palette import print_palette
from .build import output_folder, plan
from .preview import Progress, slide_images

LAYOUTS = ("3up-lines", "6up", "notes")
PER_PAGE = {"3up-lines": 3, "6up": 6, "notes": 1}
IMAGE_WIDTH = 1280  # pixels across a slide image: 180 dpi on a full-width notes page

PAGE_W, PAGE_H = 210.0, 297.0  # A4, millimetres
MARGIN = 15.0
HEADER_H = 10.0  # the course title and the day, and a rule under them
FOOTER_H = 10.0
LINE_GAP = 8.0  # between the ruled lines beside a 3-up slide

# Where a font with Chinese glyphs (and Latin ones) usually is; fontconfig is asked first.
CJK_FONTS = [("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
             ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
             ("C:/Windows/Fonts/msyh.ttc", 0), ("/System/Library/Fonts/PingFang.ttc", 0)]
LATIN_FONTS = [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0), ("C:/Windows/Fonts/arial.ttf", 0),
               ("/Library/Fonts/Arial.ttf", 0)]
FONT_INSTALL = ("install a font with Chinese characters: Debian/Ubuntu `sudo apt install fonts-noto-cjk`; "
                "macOS and Windows have one already")


@dataclass
class HandoutPdfResult:
    written: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0


def handout_pdfs(course_dir: Path, out_dir: Path = Path("out"), *, layouts: tuple[str, ...] = ("3up-lines",),
                 progress: Progress | None = None, **options) -> HandoutPdfResult:
    """OUT/<course>[/<variant>]/handout-day-N-<layout>.pdf for each day and each layout asked for: the day
    deck is rendered to images once, and every layout is composed from them."""
    started = time.perf_counter()
    unknown = [name for name in layouts if name not in LAYOUTS]
    if unknown:
        raise DeckgenError(Diagnostic("error", f"unknown handout layout '{unknown[0]}'; layouts: "
                                      + ", ".join(LAYOUTS)))
    require_soffice("PDF handouts")
    require_pdftoppm("PDF handouts")
    progress = progress or Progress()
    planned = plan(Path(course_dir), **options)
    course = planned.course
    font = find_font(course.language != "en", course.language)
    decks = [d for d in planned.plan.decks if d.name.startswith("day-")]
    result = HandoutPdfResult(diagnostics=planned.diagnostics)
    target = output_folder(Path(out_dir), course)
    epoch = mf.source_date_epoch()
    date = datetime.fromtimestamp(epoch if epoch is not None else time.time(), timezone.utc)
    composed: list[tuple[Path, bytes, int]] = []
    progress.start(2 * len(decks), "Slide images")
    try:
        with tempfile.TemporaryDirectory(prefix="deckgen-handout-") as tmp, Office() as office:
            images = slide_images(planned, decks, Path(tmp), office, width=IMAGE_WIDTH, progress=progress)
            day_titles = {f"day-{d.number}": d.title for d in course.days}
            for deck in decks:
                for layout in layouts:
                    page = Pages(font, course.title, day_titles.get(deck.name, ""), date,
                                 course.language not in ("ko", "en"), ink=print_palette(planned.theme))
                    data, count = page.compose(layout, deck, images[deck.name])
                    composed.append((target / f"handout-{deck.name}-{layout}.pdf", data, count))
    finally:
        progress.finish()
    from ..writer import write_atomic
    for path, data, count in composed:  # every PDF composed before any is written
        with writing(path):
            write_atomic(path, data)
        result.written.append(path)
        result.pages[path] = count
    result.seconds = time.perf_counter() - started
    return result


def find_font(chinese: bool, language: str = "zh-CN") -> tuple[str, int] | None:
    """A font file (and its index in a collection) with CJK glyphs, in the glyph forms of the course's
    language (Noto Sans CJK TC for zh-TW, JP for ja, KR for ko); for an English course a Latin one will
    do; None: the PDF's built-in Helvetica (Latin-1 only). `chinese`: a CJK font is required."""
    import os

    from ..languages import NOTO_INDEX
    from ..languages import language as lookup
    from ..textfit import _fc_match
    region = lookup(language).noto
    own = lookup(language).typefaces
    for family in (f"Noto Sans CJK {region}", f"Source Han Sans {region}", *own, "Noto Sans CJK SC",
                   "Microsoft YaHei", "PingFang SC"):
        hit = _fc_match(family, False)
        if hit is not None:
            return hit
    # a Noto Sans CJK collection holds every region's face: take the language's
    fonts = [(path, NOTO_INDEX[region] if "NotoSansCJK" in path else index) for path, index in CJK_FONTS]
    for path, index in fonts + ([] if chinese else LATIN_FONTS):
        if os.path.isfile(path):
            return path, index
    if chinese:
        raise DeckgenError(Diagnostic("error", "no font with Chinese characters was found for the PDF handout",
                                      None, FONT_INSTALL))
    return None


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class Pages:
    """One PDF: a header and footer on every page, slides placed by layout; text, rules and frames in the
    theme's print palette (`ink`, see deckgen.print_palette): captions in `muted`, titles and notes in
    `text`, the header's rule and lines to write on in `rule`, slide frames in `line` (as in the guide)."""

    def __init__(self, font: tuple[str, int] | None, course_title: str, day_title: str, date: datetime,
                 chinese: bool, *, ink: dict[str, str]):  # chinese: lines may break between any two characters
        from fpdf import FPDF
        from fpdf.enums import WrapMode
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_creation_date(date)
        self.pdf.set_title(f"{course_title} · {day_title}" if day_title else course_title)
        self.pdf.set_creator("deckgen")
        if font is not None:
            self.pdf.add_font("body", "", font[0], collection_font_number=font[1])
            self.family = "body"
        else:
            self.family = "helvetica"
        self.wrap = WrapMode.CHAR if chinese else WrapMode.WORD
        self.course_title, self.day_title = course_title, day_title
        self.grey, self.dark = rgb(ink["muted"]), rgb(ink["text"])
        self.frame, self.rule = rgb(ink["line"]), rgb(ink["rule"])
        self.number, self.total = 0, 0

    def text(self, s: str) -> str:
        """What the font can draw: the time-box clock is an emoji, so it goes; Helvetica gets Latin-1."""
        s = s.replace("⏱ ", "").replace("⏱", "")
        if self.family == "helvetica":
            s = s.encode("latin-1", "replace").decode("latin-1")
        return s

    def compose(self, layout: str, deck: Deck, images: list[Path]) -> tuple[bytes, int]:
        per = PER_PAGE[layout]
        self.total = max(1, math.ceil(len(deck.slides) / per))
        place = {"3up-lines": self._three_up, "6up": self._six_up, "notes": self._notes}[layout]
        for first in range(0, len(deck.slides), per):
            self._page()
            for i in range(first, min(first + per, len(deck.slides))):
                place(i - first, i + 1, deck.slides[i], images[i])
        if not deck.slides:
            self._page()
        return bytes(self.pdf.output()), self.total

    # --- page furniture -------------------------------------------------------------------------

    def _page(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.number += 1
        pdf.set_font(self.family, size=9)
        pdf.set_text_color(*self.grey)
        pdf.set_xy(MARGIN, MARGIN)
        width = PAGE_W - 2 * MARGIN
        pdf.cell(width * 0.7, 5, self.text(self.course_title), align="L")
        pdf.set_xy(MARGIN + width * 0.7, MARGIN)
        pdf.cell(width * 0.3, 5, self.text(self.day_title), align="R")
        pdf.set_draw_color(*self.rule)
        pdf.set_line_width(0.3)
        pdf.line(MARGIN, MARGIN + 7, PAGE_W - MARGIN, MARGIN + 7)
        pdf.set_xy(MARGIN, PAGE_H - MARGIN - 5)
        pdf.cell(width, 5, f"{self.number} / {self.total}", align="C")

    @property
    def _top(self) -> float:
        return MARGIN + HEADER_H

    @property
    def _body_h(self) -> float:
        return PAGE_H - 2 * MARGIN - HEADER_H - FOOTER_H

    def _slide(self, x: float, y: float, w: float, number: int, slide, image: Path) -> float:
        """The slide image with a thin frame and its number and title under it; returns the bottom."""
        from PIL import Image
        with Image.open(image) as im:
            h = w * im.height / im.width
        pdf = self.pdf
        pdf.image(str(image), x=x, y=y, w=w, h=h)
        pdf.set_draw_color(*self.frame)
        pdf.set_line_width(0.2)
        pdf.rect(x, y, w, h)
        pdf.set_font(self.family, size=8)
        pdf.set_text_color(*self.dark)
        pdf.set_xy(x, y + h + 1)
        pdf.cell(w, 4, self.text(f"{number} · {slide.title}")[:120], align="L")
        return y + h + 5

    # --- layouts --------------------------------------------------------------------------------

    def _three_up(self, slot: int, number: int, slide, image: Path) -> None:
        row_h = self._body_h / 3
        y = self._top + slot * row_h
        w = 95.0
        self._slide(MARGIN, y, w, number, slide, image)
        pdf = self.pdf
        pdf.set_draw_color(*self.rule)
        pdf.set_line_width(0.2)
        left, right = MARGIN + w + 8, PAGE_W - MARGIN
        line_y = y + LINE_GAP
        while line_y < y + row_h - 6:
            pdf.line(left, line_y, right, line_y)
            line_y += LINE_GAP

    def _six_up(self, slot: int, number: int, slide, image: Path) -> None:
        row, col = divmod(slot, 2)
        gap = 10.0
        w = (PAGE_W - 2 * MARGIN - gap) / 2
        row_h = self._body_h / 3
        self._slide(MARGIN + col * (w + gap), self._top + row * row_h, w, number, slide, image)

    def _notes(self, slot: int, number: int, slide, image: Path) -> None:
        w = PAGE_W - 2 * MARGIN
        bottom = self._slide(MARGIN, self._top, w, number, slide, image)
        pdf = self.pdf
        top = bottom + 4
        room = PAGE_H - MARGIN - FOOTER_H - top
        text = self.text(slide.notes.strip())
        if not text:
            return
        size = 11.0
        while True:  # the notes of one slide stay on its page: smaller type before anything is cut
            line_h = size * 0.3528 * 1.45
            lines = pdf.multi_cell(w, line_h, text, dry_run=True, output="LINES", wrapmode=self.wrap) \
                if self._set(size) else []
            if len(lines) * line_h <= room or size <= 7:
                break
            size -= 0.5
        fits = int(room // line_h)
        if len(lines) > fits:
            lines = lines[:max(fits - 1, 0)] + ["…"]
        pdf.set_text_color(*self.dark)
        pdf.set_xy(MARGIN, top)
        pdf.multi_cell(w, line_h, "\n".join(lines), wrapmode=self.wrap)

    def _set(self, size: float) -> bool:
        self.pdf.set_font(self.family, size=size)
        return True
