"""Word documents in the course's look: styles from the theme, East Asian fonts, tables and space to write.

The facilitator guide and the participant handout are DOCX (python-docx): a trainer prints them as they
are, or opens them in Word, WPS or LibreOffice to add a line. Fonts are set the way Word and WPS expect
for Chinese text: w:rFonts w:eastAsia on the document defaults, on every style used (with the built-in
styles' theme-font attributes removed, as they would win over an explicit name), and on each run that
holds CJK text, with w:hint="eastAsia" so quotes and dashes inside Chinese text take the Chinese font.
"""
from __future__ import annotations

import io
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor

from .errors import DeckgenError, Diagnostic, Loc
from .legibility import AA_TEXT
from .print_palette import print_palette
from .textfit import has_cjk
from .theme import Theme, contrast
from .writer import normalise_zip, write_atomic

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Style name -> (font role, size in points, bold, colour slot); body text and headings in the theme's fonts.
STYLE_SPECS = {
    "Normal": ("body", 10.5, False, "text"),
    "Title": ("heading", 26, True, "primary"),
    "Subtitle": ("heading", 15, False, "muted"),
    "Heading 1": ("heading", 18, True, "primary"),
    "Heading 2": ("heading", 14, True, "primary"),
    "Heading 3": ("heading", 11.5, True, "text"),
    "Caption": ("body", 9, False, "muted"),
    "List Bullet": ("body", 10.5, False, "text"),
    "List Number": ("body", 10.5, False, "text"),
    "Footer": ("body", 8.5, False, "muted"),
}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class DocWriter:
    """A python-docx Document set up in the theme's fonts and colours (its print palette: see
    deckgen.print_palette), with the helpers both documents use."""

    def __init__(self, theme: Theme, language: str, *, title: str, author: str = "", subject: str = "",
                 footer: str = "", date: datetime | None = None):
        self.theme = theme
        self.ink = print_palette(theme)  # paper is white whatever the slides' background
        self.date = date  # the document's created/modified date (see document_date); None: no date at all
        self.language = language
        from .languages import language as lookup
        self.ea_lang = lookup(language).lang_tag
        self.doc: DocumentObject = Document()
        self._page_setup()
        self._styles()
        self._east_asian_settings()
        props = self.doc.core_properties
        props.title = title
        props.author = author or "deckgen"
        props.subject = subject
        props.language = language
        props.last_modified_by = "deckgen"
        props.revision = 1
        if footer is not None:
            self._footer(footer)

    # --- set-up ------------------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        if self.language != "en":  # Chinese, Japanese and Korean courses print on A4; python-docx's is US Letter
            section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.0))
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)

    @property
    def text_width(self):
        s = self.doc.sections[0]
        return Emu(s.page_width - s.left_margin - s.right_margin)

    def font_pair(self, role: str) -> tuple[str, str]:
        pair = self.theme.fonts[role]
        return pair.latin, pair.ea

    def colour(self, slot: str) -> str:
        """A palette slot's colour on paper: text colours that read on white and on `panel`, light fills."""
        return self.ink[slot]

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        latin, ea = self.font_pair("body")
        set_rfonts(rpr, latin, ea)
        set_lang(rpr, self.ea_lang)
        for name, (role, size, bold, slot) in STYLE_SPECS.items():
            style = styles[name]
            latin, ea = self.font_pair(role)
            set_rfonts(style.element.get_or_add_rPr(), latin, ea)
            style.font.size = Pt(size)
            style.font.bold = bold
            style.font.italic = False
            style.font.color.rgb = _rgb(self.colour(slot))
        normal = styles["Normal"].paragraph_format
        normal.space_after = Pt(4)
        normal.line_spacing = 1.2
        for name, before, after in (("Heading 1", 18, 8), ("Heading 2", 14, 6), ("Heading 3", 10, 4),
                                    ("Title", 0, 12), ("Subtitle", 0, 18)):
            pf = styles[name].paragraph_format
            pf.space_before, pf.space_after = Pt(before), Pt(after)
        # The Title style's blue underline rule from the template: the primary colour instead.
        for border in styles["Title"].element.iter(qn("w:bottom")):
            border.set(qn("w:color"), self.colour("primary").lstrip("#"))

    def _east_asian_settings(self) -> None:
        lang = self.doc.settings.element.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), self.ea_lang)

    def _footer(self, text: str) -> None:
        para = self.doc.sections[0].footer.paragraphs[0]
        para.style = self.doc.styles["Footer"]
        if text:
            self.run(para, text + "   ")
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        simple.append(r)
        para._p.append(simple)

    # --- words and writing ---------------------------------------------------------------------------
    def label(self, key: str, **fields) -> str:
        """A word of the document in the course's language, from the theme's label tables."""
        return self.theme.label(key, self.language, **fields)

    def run(self, para, text: str, *, bold: bool | None = None, colour: str | None = None,
            size: float | None = None, role: str = "body", italic: bool | None = None):
        r = para.add_run(text)
        if bold is not None:
            r.bold = bold
        if italic is not None:
            r.italic = italic
        if colour:
            r.font.color.rgb = _rgb(self.colour(colour) if not colour.startswith("#") else colour)
        if size:
            r.font.size = Pt(size)
        if has_cjk(text):
            latin, ea = self.font_pair(role)
            rpr = r._r.get_or_add_rPr()
            set_rfonts(rpr, latin, ea, hint=True)
        return r

    def para(self, text: str = "", style: str | None = None, container=None, **run_kw):
        """A paragraph in `container` (the document, or a table cell); "\n" in `text` breaks the line."""
        container = container if container is not None else self.doc
        p = container.add_paragraph(style=style)
        role = "heading" if style and (style.startswith("Heading") or style in ("Title", "Subtitle")) else "body"
        run_kw.setdefault("role", role)
        lines = text.split("\n") if text else []
        for i, line in enumerate(lines):
            r = self.run(p, line, **run_kw)
            if i < len(lines) - 1:
                r.add_break(WD_BREAK.LINE)
        return p

    def heading(self, text: str, level: int = 1):
        return self.para(text, f"Heading {level}")

    def labelled(self, label: str, text: str, container=None):
        """A bold label and its text on one line: 任务：…, 課題：…, 과제: …, Task: …"""
        p = self.para(container=container)
        self.run(p, label + self.label("colon"), bold=True, colour="primary")
        self.run(p, text)
        return p

    def bullets(self, items, container=None, numbered: bool = False):
        style = "List Number" if numbered else "List Bullet"
        out = []
        for i, item in enumerate(items, 1):
            if container is None:
                out.append(self.para(item, style))
            else:  # list numbering does not restart inside cells: write the marker ourselves
                p = self.para(container=container)
                self.run(p, f"{i}. " if numbered else "• ", colour="muted")
                self.run(p, item)
                out.append(p)
        return out

    def numbered(self, items, container=None):
        """A numbered list whose numbers start at 1 wherever it is (written out, so it never continues
        a previous list)."""
        out = []
        for i, item in enumerate(items, 1):
            p = self.para(container=container)
            p.paragraph_format.left_indent = Cm(0.6)
            p.paragraph_format.first_line_indent = Cm(-0.6)
            self.run(p, f"{i}.", bold=True, colour="primary")
            self.run(p, "\t" + item)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(0.6))
            out.append(p)
        return out

    def table(self, header: list[str] | None, rows: list[list[str]], widths: list[float],
              *, fill: str = "primary", zebra: bool = True, container=None, size: float | None = 9.5):
        """A table with a coloured header row that repeats on every page; widths in cm."""
        container = container if container is not None else self.doc
        n_rows = len(rows) + (1 if header else 0)
        t = container.add_table(rows=n_rows, cols=len(widths))
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_table_borders(t, self.colour("line"))
        set_col_widths(t, [Cm(w) for w in widths])
        r0 = 0
        if header:
            mark_header_row(t.rows[0])
            # on_primary reads on primary; on a light fill (the panel) it does not, and the body text colour does
            on_fill = "on_primary" if contrast(self.colour("on_primary"), self.colour(fill)) >= AA_TEXT else "text"
            for cell, text in zip(t.rows[0].cells, header):
                shade(cell, self.colour(fill))
                self._cell_text(cell, text, bold=True, colour=on_fill, size=size)
            r0 = 1
        for i, values in enumerate(rows):
            row = t.rows[r0 + i]
            for cell, value in zip(row.cells, values):
                if zebra and i % 2 == 1:
                    shade(cell, self.colour("panel"))
                self._cell_text(cell, value, size=size)
        return t

    def _cell_text(self, cell, text: str, **kw) -> None:
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        lines = (text or "").split("\n")
        for i, line in enumerate(lines):
            r = self.run(p, line, **kw)
            if i < len(lines) - 1:
                r.add_break(WD_BREAK.LINE)

    def picture(self, para, path: Path, width, border: str | None = "line"):
        """An image in `para`, `width` wide (at most the width inside its table cell, border included),
        with a hairline border (white slides on white paper)."""
        room = cell_room(para._p)
        if room is not None:
            width = Emu(min(int(width), room - (BORDER_EMU if border else 0)))
        shape = para.add_run().add_picture(str(path), width=width)
        if border:
            sppr = shape._inline.graphic.graphicData.pic.spPr
            ln = OxmlElement("a:ln")
            ln.set("w", str(BORDER_EMU))
            fill = OxmlElement("a:solidFill")
            clr = OxmlElement("a:srgbClr")
            clr.set("val", self.colour(border).lstrip("#"))
            fill.append(clr)
            ln.append(fill)
            sppr.append(ln)
        return shape

    def writing_lines(self, n: int, container=None, height_cm: float = 0.9):
        """Ruled lines to write on: a borderless one-column table with a rule under each row (Word, WPS
        and LibreOffice all draw table borders the same, unlike paragraph borders, which they merge)."""
        container = container if container is not None else self.doc
        t = container.add_table(rows=n, cols=1)
        set_col_widths(t, [self.text_width if container is self.doc else Cm(8)])
        borders = {"top": None, "left": None, "right": None, "insideV": None,
                   "bottom": self.colour("muted"), "insideH": self.colour("muted")}
        set_table_borders(t, None, borders, size=4)
        for i, row in enumerate(t.rows):
            row.height = Cm(height_cm)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            keep_row_together(row)
            pf = row.cells[0].paragraphs[0].paragraph_format
            pf.space_after = Pt(0)
            pf.keep_with_next = i < n - 1  # the lines stay on one page (Word, WPS and LibreOffice)
        self.para()  # keep the next table from merging into this one
        return t

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self, path: Path) -> Path:
        self._finish_package()
        buf = io.BytesIO()
        self.doc.save(buf)
        return save_bytes(Path(path), normalise_zip(buf.getvalue()))

    def _finish_package(self) -> None:
        """What Word shows in File > Info and checks on opening: this document's dates and counts (not
        python-docx's template's 2013 dates and "0 words"), and settings valid against the schema."""
        props = self.doc.core_properties
        props.comments = "Made with deckgen"  # not python-docx's "generated by python-docx"
        core = props._element
        for tag in ("created", "modified", "lastPrinted"):
            for el in core.findall(f"{{http://purl.org/dc/terms/}}{tag}"):
                core.remove(el)
        if self.date is not None:
            stamp = self.date.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0) if self.date.tzinfo \
                else self.date.replace(microsecond=0)
            props.created = props.modified = stamp
        zoom = self.doc.settings.element.find(qn("w:zoom"))
        if zoom is not None and zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")  # required by the schema (CT_Zoom), whatever w:val says
        app = next((p for p in self.doc.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None)
        if app is not None:
            app._blob = app_xml(self.doc).encode("utf-8")


def save_bytes(path: Path, data: bytes) -> Path:
    """Write atomically; a folder that cannot be written is a DeckgenError naming it, not a traceback."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise DeckgenError(Diagnostic("error", f"cannot write this file: {exc.strerror or exc}",
                                      Loc.of(path))) from None
    return path


# --- low-level XML helpers ------------------------------------------------------------------------

BORDER_EMU = 6350  # a picture's hairline border (0.5 pt), half of it drawn outside the picture
DEFAULT_CELL_MARGIN = 108  # twips: Word's default left and right cell margin (0.19 cm)
EMU_PER_TWIP = 635


def cell_room(p) -> int | None:
    """The width in EMU inside the table cell holding paragraph `p` (cell width less its left and right
    margins), or None when the paragraph is not in a cell of known width."""
    tc = next((a for a in p.iterancestors(qn("w:tc"))), None)
    if tc is None:
        return None
    tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if tcw is None or tcw.get(qn("w:type")) not in (None, "dxa"):
        return None
    margins = []
    tbl = next(tc.iterancestors(qn("w:tbl")), None)
    for side in ("left", "right"):
        value = None
        for holder in (tc.find(f"{qn('w:tcPr')}/{qn('w:tcMar')}"),
                       tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}") if tbl is not None else None):
            el = None
            for name in (side, "start" if side == "left" else "end"):
                if el is None and holder is not None:
                    el = holder.find(qn(f"w:{name}"))
            if el is not None and el.get(qn("w:w")) is not None:
                value = int(el.get(qn("w:w")))
                break
        margins.append(DEFAULT_CELL_MARGIN if value is None else value)
    return (int(tcw.get(qn("w:w"))) - sum(margins)) * EMU_PER_TWIP


_CJK_CLASS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = re.compile(f"[{_CJK_CLASS}]|[^\\s{_CJK_CLASS}]+")


def app_xml(doc) -> str:
    """docProps/app.xml with this document's counts, counted as Word counts them (each CJK character is a
    word). Pages and lines depend on the reader's fonts: Word fills them in, so they are left out."""
    paragraphs = [p for p in doc.element.body.iter(qn("w:p"))]
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    words_n = sum(len(_WORD.findall(t)) for t in texts)
    chars = sum(len(re.sub(r"\s", "", t)) for t in texts)
    with_spaces = sum(len(t) for t in texts)
    title = escape(doc.core_properties.title or "")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Words>{words_n}</Words>"
            f"<Characters>{chars}</Characters><Application>deckgen</Application><DocSecurity>0</DocSecurity>"
            f"<Paragraphs>{sum(1 for t in texts if t.strip())}</Paragraphs><ScaleCrop>false</ScaleCrop>"
            '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Title</vt:lpstr>'
            "</vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
            f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{title}</vt:lpstr></vt:vector>'
            f"</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>{with_spaces}"
            "</CharactersWithSpaces><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "<AppVersion>16.0000</AppVersion></Properties>")


def course_date(course, theme: Theme) -> datetime | None:
    """document_date of a course's outline files and its theme's files."""
    folder = Path(course.folder) if course.folder else None
    paths = [folder / "course.yaml"] if folder else []
    paths += [m.path for m in course.modules] + [Path(t) for t in theme.sources]
    return document_date(paths)


def document_date(paths) -> datetime | None:
    """The date a document made from `paths` carries: SOURCE_DATE_EPOCH when set (reproducible builds),
    else the newest of the inputs' modification times, so the same inputs give the same bytes."""
    from .manifest import source_date_epoch
    epoch = source_date_epoch()
    if epoch is None:
        times = [os.stat(p).st_mtime for p in paths if p and os.path.exists(p)]
        if not times:
            return None
        epoch = int(max(times))
    return datetime.fromtimestamp(epoch, timezone.utc)

def set_rfonts(rpr, latin: str, ea: str, *, hint: bool = False) -> None:
    """Explicit fonts on an rPr: Latin for ascii/hAnsi/cs, `ea` for East Asian text. Theme-font
    attributes are removed (Word lets them override the explicit names)."""
    fonts = rpr.get_or_add_rFonts()  # python-docx keeps CT_RPr's child order
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), ea)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr, ea_lang: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        successors = [rpr.find(qn(f"w:{t}")) for t in ("eastAsianLayout", "specVanish", "oMath")]
        successors = [e for e in successors if e is not None]
        if successors:
            successors[0].addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), ea_lang)


def shade(cell, hex_colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour.lstrip("#"))
    tcpr.append(shd)


def mark_header_row(row) -> None:
    """Repeat this row at the top of each page the table runs onto, and never split it."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        el = OxmlElement(tag)
        trpr.append(el)


def keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_col_widths(table, widths) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w.twips if hasattr(w, "twips") else w)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w


_BORDER_ORDER = ("top", "left", "bottom", "right", "insideH", "insideV")


def set_table_borders(table, colour: str | None, per_side: dict | None = None, size: int = 4) -> None:
    """Single borders in `colour` on every side, or per side (None: no border)."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in _BORDER_ORDER:
        c = per_side.get(side) if per_side is not None else colour
        el = OxmlElement(f"w:{side}")
        if c is None:
            el.set(qn("w:val"), "nil")
        else:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), c.lstrip("#"))
        borders.append(el)
    # CT_TblPr's sequence: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize, tblStyleColBandSize,
    # tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook…
    after = [qn(f"w:{t}") for t in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")]
    for i, child in enumerate(tblpr):
        if child.tag in after:
            tblpr.insert(i, borders)
            break
    else:
        tblpr.append(borders)


def docx_text(source) -> str:
    """Every piece of text in a .docx (body, tables, headers and footers), one paragraph a line."""
    import zipfile
    from lxml import etree
    data = Path(source).read_bytes() if not isinstance(source, (bytes, bytearray)) else bytes(source)
    z = zipfile.ZipFile(io.BytesIO(data))
    lines = []
    for name in sorted(n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)):
        root = etree.fromstring(z.read(name))
        for p in root.iter(f"{{{W_NS}}}p"):
            parts = []
            for el in p.iter(f"{{{W_NS}}}t", f"{{{W_NS}}}tab", f"{{{W_NS}}}br"):
                parts.append(el.text or "" if el.tag.endswith("}t") else ("\t" if el.tag.endswith("tab") else "\n"))
            lines.append("".join(parts))
    return "\n".join(lines)


class Words:
    """A document's words in the course's language (the theme's labels): w["key"], w.fill("key", n=…)."""

    def __init__(self, theme, language: str):
        self.theme, self.language = theme, language

    def __getitem__(self, key: str) -> str:
        return self.theme.label(key, self.language)

    def fill(self, key: str, **fields) -> str:
        return self.theme.label(key, self.language, **fields)

    def kind(self, kind: str) -> str:
        """A slide's or section's kind (封面, 演習, Debrief …); a kind without a label as written."""
        key = f"kind_{kind}"
        word = self[key]
        return kind if word == key else word
