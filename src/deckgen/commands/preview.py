"""`deckgen preview` and `deckgen build --pdf`: decks through LibreOffice to PDF, PDFs to slide images,
and a contact sheet per deck (Pillow, no ImageMagick). `preview --fast` draws the slide plan as SVG and
rasterises it with Cairo instead (deckgen.render_svg): no LibreOffice, a fraction of the time.

Slow steps report to a `Progress` (the CLI draws it as a bar on stderr); nothing here prints.
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckgenError, Diagnostic, Diagnostics, Loc
from ..office import Office, pdf_page_count, pdf_to_pngs, require_pdftoppm, require_soffice, writing
from ..plan import Deck
from .build import Planned, plan

PREVIEW_WIDTH = 1280  # pixels across one slide image
SHEET_COLUMNS = 6
SHEET_THUMB = 320  # pixels across one thumbnail on the contact sheet


class Progress:
    """Where slow steps report: `start` with the number of steps, then `advance` after each."""

    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, item: str = "") -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class PreviewResult:
    images: dict[str, list[Path]] = field(default_factory=dict)  # deck name -> one PNG per slide
    sheets: list[Path] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0


def render_to_file(deck: Deck, planned: Planned, path: Path) -> Path:
    from ..render import render_deck
    from ..writer import normalise_zip, write_atomic
    write_atomic(path, normalise_zip(render_deck(deck, planned.theme)))
    return path


def slide_images(planned: Planned, decks: list[Deck], work: Path, office: Office, *, width: int,
                 progress: Progress | None = None) -> dict[str, list[Path]]:
    """Render each deck into `work`, convert it to PDF and the PDF to one PNG per slide (two progress
    steps per deck). The images land in work/<deck name>/01.png … While LibreOffice converts one deck,
    the previous one's PDF is being rasterised."""
    from concurrent.futures import ThreadPoolExecutor
    progress = progress or Progress()
    out: dict[str, list[Path]] = {}
    with ThreadPoolExecutor(max_workers=1) as raster:
        pending = []
        for deck in decks:
            pptx = render_to_file(deck, planned, work / f"{deck.name}.pptx")
            pdf = office.convert(pptx, work / f"{deck.name}.pdf")
            progress.advance(f"{deck.name}.pdf")
            pending.append((deck, pdf, raster.submit(pdf_to_pngs, pdf, work / deck.name, width=width)))
        for deck, pdf, future in pending:
            pngs = future.result()
            if len(pngs) != len(deck.slides):
                raise DeckgenError(Diagnostic("error", f"LibreOffice made {len(pngs)} pages of {deck.name}.pptx, "
                                              f"which has {len(deck.slides)} slides", Loc.of(pdf)))
            out[deck.name] = pngs
            progress.advance(f"{deck.name} images")
    return out


def svg_slide_images(planned: Planned, decks: list[Deck], work: Path, *, width: int,
                     progress: Progress | None = None) -> dict[str, list[Path]]:
    """Each slide drawn as SVG and rasterised by Cairo into work/<deck name>/01.png … (a progress step
    per deck)."""
    from ..render_svg import SvgRenderer
    from ..render_svg.raster import svg_to_png
    progress = progress or Progress()
    renderer = SvgRenderer.for_theme(planned.theme)
    out: dict[str, list[Path]] = {}
    for deck in decks:
        folder = work / deck.name
        folder.mkdir(parents=True, exist_ok=True)
        digits = max(2, len(str(len(deck.slides))))
        pngs = []
        for i in range(len(deck.slides)):
            png = folder / f"{i + 1:0{digits}d}.png"
            png.write_bytes(svg_to_png(renderer.slide(deck, i), width))
            pngs.append(png)
        out[deck.name] = pngs
        progress.advance(f"{deck.name} images")
    return out


def preview(course_dir: Path, out_dir: Path = Path("out"), *, progress: Progress | None = None,
            width: int = PREVIEW_WIDTH, fast: bool = False, **options) -> PreviewResult:
    """out/<course>/preview/<deck>/01.png … one PNG per slide, and out/<course>/preview/<deck>.png, a
    contact sheet of the whole deck. `fast`: drawn from the slide plan as SVG, without LibreOffice."""
    started = time.perf_counter()
    progress = progress or Progress()
    if fast:
        from ..render_svg.raster import require_cairo
        require_cairo("fast previews")
    else:
        require_soffice("previews")
        require_pdftoppm("previews")
    planned = plan(Path(course_dir), **options)
    result = PreviewResult(diagnostics=planned.diagnostics)
    target = Path(out_dir) / planned.course.slug / "preview"
    decks = planned.plan.decks
    progress.start((1 if fast else 2) * len(decks), "Previewing")
    try:
        with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as tmp, \
                (contextlib.nullcontext() if fast else Office()) as office:
            if fast:
                made = svg_slide_images(planned, decks, Path(tmp), width=width, progress=progress)
            else:
                made = slide_images(planned, decks, Path(tmp), office, width=width, progress=progress)
            for deck in decks:
                final = target / deck.name
                with writing(final):
                    final.mkdir(parents=True, exist_ok=True)
                    for old in final.glob("*.png"):
                        old.unlink()
                    images = []
                    for png in made[deck.name]:
                        dest = final / png.name
                        shutil.copyfile(png, dest)
                        images.append(dest)
                result.images[deck.name] = images
                result.sheets.append(contact_sheet(images, target / f"{deck.name}.png"))
    finally:
        progress.finish()
    result.seconds = time.perf_counter() - started
    return result


def contact_sheet(images: list[Path], dest: Path, *, columns: int = SHEET_COLUMNS,
                  thumb_w: int = SHEET_THUMB) -> Path:
    """All slides of a deck on one image, numbered, in reading order."""
    import io

    from PIL import Image, ImageDraw

    from ..writer import write_atomic
    if not images:
        raise DeckgenError(Diagnostic("error", "no slide images to put on a contact sheet", Loc.of(dest)))
    with Image.open(images[0]) as first:
        ratio = first.height / first.width
    thumb_h = round(thumb_w * ratio)
    gap, label_h, margin = 16, 26, 24
    rows = (len(images) + columns - 1) // columns
    cols = min(columns, len(images))
    sheet = Image.new("RGB", (margin * 2 + cols * thumb_w + (cols - 1) * gap,
                              margin * 2 + rows * (thumb_h + label_h) + (rows - 1) * gap), "#E9EDF2")
    draw = ImageDraw.Draw(sheet)
    font = _label_font()
    for i, path in enumerate(images):
        r, c = divmod(i, columns)
        x = margin + c * (thumb_w + gap)
        y = margin + r * (thumb_h + label_h + gap)
        with Image.open(path) as im:
            thumb = im.convert("RGB").resize((thumb_w, thumb_h), Image.LANCZOS, reducing_gap=2.0)
        sheet.paste(thumb, (x, y))
        draw.rectangle([x - 1, y - 1, x + thumb_w, y + thumb_h], outline="#B8C2CE")
        draw.text((x, y + thumb_h + 5), str(i + 1), fill="#1F2933", font=font)
    buf = io.BytesIO()
    sheet.save(buf, "PNG")
    with writing(dest):
        write_atomic(dest, buf.getvalue())
    return dest


def _label_font():
    from PIL import ImageFont
    try:
        return ImageFont.load_default(size=16)
    except TypeError:  # Pillow < 10.1 has one fixed-size default font
        return ImageFont.load_default()


def export_pdfs(decks, *, progress: Progress | None = None) -> tuple[list[Path], Diagnostics]:
    """day-N.pdf next to each day-N.pptx (`decks`: paths, or objects with .path and .slides as
    `deckgen build` returns them). Warns when a PDF's page count differs from the deck's slide count."""
    progress = progress or Progress()
    diags = Diagnostics()
    items = [(Path(getattr(d, "path", d)), getattr(d, "slides", None)) for d in decks]
    if not items:  # nothing was built: no progress line promising PDFs
        return [], diags
    require_soffice("PDF export")
    written = []
    progress.start(len(items), "Writing PDFs")
    try:
        with Office() as office:
            for pptx, slides in items:
                pdf = office.convert(pptx, pptx.with_suffix(".pdf"))
                written.append(pdf)
                if slides is not None:
                    pages = pdf_page_count(pdf)
                    if pages != slides:
                        diags.warning(f"the PDF has {pages} pages but the deck has {slides} slides", Loc.of(pdf))
                progress.advance(pdf.name)
    finally:
        progress.finish()
    return written, diags
