"""A section's pictures, table, chart data and comparison or grid diagram in the handout and the guide
(Word documents): what the slide shows, as text and tables a participant can read and write beside."""
from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from ..docx_util import DocWriter
from ..media import number_like, svg_to_png
from ..outline import Section
from ..slides.chart import value_text

PICTURE_PX = 1600  # a picture wider than this is scaled down for print (300 dpi across 13 cm)
MAX_HEIGHT_CM = 7.0


def section_media(doc: DocWriter, s: Section, *, container=None, width_cm: float | None = None) -> None:
    """Everything beyond the points a section's slides show: diagram tables, pictures, tables, charts."""
    width = width_cm or doc.text_width.cm
    if s.diagram is not None and s.diagram.kind in ("comparison", "grid"):
        diagram_table(doc, s.diagram, container, width)
    pictures = ([s.image] if s.image is not None and s.image.position != "background" else []) + list(s.images)
    for p in pictures:
        # no taller than a third of the page, nor wider than the text
        picture(doc, p, container, min(width, 10.0, MAX_HEIGHT_CM * p.aspect))
    if s.table is not None:
        table(doc, s.table.columns, [list(r) for r in s.table.rows], container, width)
    if s.chart is not None:
        chart(doc, s.chart, container, width)
    for link, video in ((s.link, False), (s.video, True)):
        if link is not None:
            p = doc.para(container=container)
            doc.run(p, doc.label("scan_video" if video else "scan_link") + doc.label("colon"), bold=True,
                    colour="primary")
            doc.run(p, link.url)


def diagram_table(doc: DocWriter, diagram, container, width: float) -> None:
    if diagram.kind == "comparison":
        labelled = any(r.label for r in diagram.rows)
        header = ([""] if labelled else []) + list(diagram.headings)
        rows = [([r.label or ""] if labelled else []) + [r.left, r.right] for r in diagram.rows]
        widths = [width * 0.2] + [width * 0.4] * 2 if labelled else [width / 2] * 2
        doc.table(header, rows, widths, container=container)
    else:
        table(doc, diagram.columns, [list(r) for r in diagram.rows], container, width)


def table(doc: DocWriter, columns, rows: list[list[str]], container, width: float) -> None:
    """A table with its numeric columns right-aligned, as on the slide."""
    n = len(columns)
    chars = [max(len(str(c)) for c in [columns[j]] + [r[j] for r in rows]) + 2 for j in range(n)]
    widths = [width * c / sum(chars) for c in chars]
    t = doc.table(list(columns), rows, widths, container=container)
    for j in range(n):
        cells = [r[j] for r in rows if str(r[j]).strip()]
        if cells and all(number_like(str(c)) for c in cells):
            for row in t.rows:
                row.cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def chart(doc: DocWriter, spec, container, width: float) -> None:
    """A chart's data as a table under a caption naming the chart (the numbers, readable in print)."""
    kind = doc.label(f"chart_{spec.type}")
    caption = spec.title + doc.label("in_brackets", text=kind) if spec.title else kind
    doc.para(caption, container=container, bold=True, colour="primary")
    rows = [[c] + [value_text(s.values[i], spec) for s in spec.series] for i, c in enumerate(spec.categories)]
    table(doc, [""] + [s.name for s in spec.series], rows, container, min(width, 4.0 + 3.0 * len(spec.series)))


def picture(doc: DocWriter, p, container, width_cm: float) -> None:
    """The picture scaled down for print when it is large (a drawing rasterised), with its caption."""
    para = doc.para(container=container)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if p.format == "SVG":
        source = io.BytesIO(svg_to_png(p.path, PICTURE_PX, max(1, round(PICTURE_PX / p.aspect))))
    else:
        source = _print_copy(p.path)
    shape = para.add_run().add_picture(source, width=Cm(width_cm))
    if p.alt:  # Word reads it to screen-reader users too
        shape._inline.docPr.set("descr", p.alt)
    if p.caption:
        cap = doc.para(p.caption, container=container, colour="muted", size=9)
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _print_copy(path):
    """The file itself, or a copy at most PICTURE_PX wide in a format Word takes."""
    from PIL import Image
    with Image.open(path) as im:
        if max(im.size) > PICTURE_PX or im.format not in ("PNG", "JPEG", "GIF", "BMP"):
            scale = min(1.0, PICTURE_PX / max(im.size))
            small = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.LANCZOS)
            buf = io.BytesIO()
            fmt = "JPEG" if im.format == "JPEG" else "PNG"
            (small.convert("RGB") if fmt == "JPEG" else small).save(buf, format=fmt)
            buf.seek(0)
            return buf
    return str(path)
