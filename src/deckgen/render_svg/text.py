"""A text block set as SVG: lines, baselines and runs placed the way LibreOffice and PowerPoint set them.

Each character is set in the face a client sets it in: CJK in the block's East Asian typeface, Latin in
its Latin one, and spaces and the punctuation both scripts share (curly quotes, dashes, ellipses:
Unicode's General Punctuation) in the face of the text before them, so “引号” after Chinese are full-width, as
LibreOffice and PowerPoint draw them. Where the declared typeface is missing, the substitute is the one
a client here uses and the text fitting measures with (Noto Sans CJK SC, DejaVu Sans). As those clients
do for Chinese, a fifth of an em separates Asian from Latin text.

A title's lines are the plan's own (explicit breaks, balanced by the planner); all text is wrapped
here as a client wraps it: greedily at the box's full width, between textfit's atoms (so the same
line-break rules), with the widths just described. Each run is placed at its measured position, so the
drawing depends on the SVG viewer for nothing but the glyphs.

Vertically, LibreOffice's exact line spacing: each line is `line_pitch` tall and its baseline sits the
font's descent above the line's bottom.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..plan import EMU_PER_PT, Paragraph, TextBlock
from ..textfit import REF, Font, Measurer, atoms, is_cjk

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FALLBACK_METRICS = (0.9, 0.25, 0.6)  # ascent, descent and advance in em when no font file is found at all
BULLET_FACE = "Arial"  # the face render.fragments declares for a non-CJK bullet
AUTOSPACE = 0.2  # em between Asian and Latin text


def _shared(ch: str) -> bool:
    """Spaces and the punctuation both scripts use (General Punctuation): they take the script of the
    text before them."""
    return ch == " " or "\u2000" <= ch <= "\u206f"


def scripts(text: str, asian_default: bool) -> list[bool]:
    """Per character: whether a client sets it as Asian text."""
    out: list[bool | None] = [True if is_cjk(ch) else None if _shared(ch) else False for ch in text]
    previous = None
    for i, v in enumerate(out):
        if v is None:
            out[i] = previous
        else:
            previous = v
    following = None
    for i in range(len(out) - 1, -1, -1):  # shared punctuation opening a line takes the text after it
        if out[i] is None:
            out[i] = asian_default if following is None else following
        else:
            following = out[i]
    return out  # type: ignore[return-value]


@dataclass(frozen=True)
class Frame:
    """Where a block's text goes, in points: the shape's text rectangle (insets not yet applied)."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class _Line:
    text: str
    x: float  # where the text starts, relative to the inset frame's left edge
    pitch: float  # this line's height
    descent: float  # baseline above the line's bottom
    gap: float  # space before the line (a paragraph's spacing before, on its first line)
    size: float
    font: Font
    asian: bool  # shared punctuation with nothing else on the line is Asian (a Chinese block)
    colour: str
    marker: tuple[str, float, str] | None  # (text, x, colour) on a paragraph's first line


def _clean(s: str) -> str:
    return escape(_INVALID_XML.sub("", s))


class TextSetter:
    """Sets text blocks; one per renderer, so fonts are opened and characters measured once."""

    def __init__(self, measurer: Measurer | None = None):
        self.measurer = measurer or Measurer()
        self._faces: dict[tuple[str, bool, bool], tuple[str, float, float, object]] = {}
        self._widths: dict[tuple[str, bool, bool], dict[str, float]] = {}

    # --- fonts -------------------------------------------------------------------------------------
    def face(self, typeface: str, bold: bool, cjk: bool) -> tuple[str, float, float, object]:
        """(CSS font-family list, ascent em, descent em, the font file measured) for a declared typeface."""
        key = (typeface, bold, cjk)
        hit = self._faces.get(key)
        if hit is None:
            font = self.measurer.face(typeface, bold, cjk)
            if font is None:
                hit = (f"{quoteattr(typeface)[1:-1]}, sans-serif", *FALLBACK_METRICS[:2], None)
            else:
                family = font.getname()[0]
                ascent, descent = font.getmetrics()
                # the face actually measured goes first: cairosvg uses only the first family it is given
                names = [family] + ([typeface] if typeface != family else [])
                hit = (", ".join(f"'{n}'" for n in names) + ", sans-serif", ascent / REF, descent / REF, font)
            self._faces[key] = hit
        return hit

    def advance(self, ch: str, font: Font, asian: bool) -> float:
        """One character's advance in em, in the face its script is set in."""
        key = (font.ea if asian else font.latin, font.bold, asian)
        table = self._widths.get(key)
        if table is None:
            table = self._widths[key] = {}
        w = table.get(ch)
        if w is None:
            face = self.face(*key)[3]
            w = table[ch] = face.getlength(ch) / REF if face is not None else FALLBACK_METRICS[2]
        return w

    def _metrics(self, text: str, font: Font, asian_default: bool) -> tuple[float, float]:
        """The largest ascent and descent (em) of the faces a line uses."""
        used = set(scripts(text, asian_default)) if text.strip() else {asian_default}
        faces = [self.face(font.ea if a else font.latin, font.bold, a) for a in used]
        return max(f[1] for f in faces), max(f[2] for f in faces)

    # --- layout ------------------------------------------------------------------------------------
    def placed(self, text: str, font: Font, size: float, asian_default: bool = True
               ) -> tuple[list[tuple[float, str, bool]], float]:
        """The line's runs as (x offset, text, is Asian), and its width in points."""
        runs: list[tuple[float, str, bool]] = []
        x = 0.0
        piece, piece_x, previous = "", 0.0, None
        for ch, asian in zip(text, scripts(text, asian_default)):
            if previous is not None and asian != previous:
                runs.append((piece_x, piece, previous))
                piece = ""
                x += AUTOSPACE * size
            if not piece:
                piece_x = x
            piece += ch
            previous = asian
            x += self.advance(ch, font, asian) * size
        if piece:
            runs.append((piece_x, piece, previous))
        return runs, x

    def width(self, text: str, font: Font, size: float, asian_default: bool = True) -> float:
        return self.placed(text, font, size, asian_default)[1]

    def wrap(self, text: str, font: Font, size: float, width: float, asian_default: bool = True) -> list[str]:
        """Greedy lines at the full width, breaking only where textfit's rules allow."""
        lines: list[str] = []
        current = ""
        for unit in atoms(text):
            candidate = current + unit
            if current and self.width(candidate.rstrip(" "), font, size, asian_default) > width:
                lines.append(current.rstrip(" "))
                current = unit
            else:
                current = candidate
        lines.append(current.rstrip(" "))
        return lines

    def lines(self, block: TextBlock, width: float, slide_number: int) -> list[_Line]:
        out: list[_Line] = []
        asian = block.lang.startswith(("zh", "ja", "ko"))
        for i, p in enumerate(block.paragraphs):
            size = p.size or block.size
            bold = block.bold if p.bold is None else p.bold
            font = Font(block.latin, block.ea, bold)
            colour = (p.colour or block.colour).hex
            margin = p.level * block.level_indent + (block.indent if p.marker else 0.0)
            text = _field_text(p, slide_number)
            pieces: list[str] = []
            for piece in text.split("\n"):
                # a title's explicit lines fit at the planner's narrower width: a client keeps them whole
                pieces += self.wrap(piece, font, size, width - margin, asian) if block.wrap and piece else [piece]
            for j, line in enumerate(pieces):
                ascent, descent = self._metrics(line, font, asian)
                pitch = block.line_pitch or (ascent + descent) * size
                marker = None
                if j == 0 and p.marker:
                    marker = (p.marker, margin - block.indent, (p.marker_colour or p.colour or block.colour).hex)
                gap = block.para_gap if i and j == 0 else 0.0
                out.append(_Line(line, margin, pitch, descent * size, gap, size, font, asian, colour, marker))
        return out

    def svg(self, block: TextBlock, frame: Frame, slide_number: int = 1) -> str:
        """The block's text as SVG <text> elements (nothing for an empty block)."""
        if not block.paragraphs:
            return ""
        left, top, right, bottom = (v / EMU_PER_PT for v in block.insets)
        x0, y0 = frame.x + left, frame.y + top
        width, height = frame.w - left - right, frame.h - top - bottom
        lines = self.lines(block, width, slide_number)
        total = sum(line.pitch + line.gap for line in lines)
        y = y0 + {"ctr": (height - total) / 2, "b": height - total}.get(block.anchor, 0.0)
        out = []
        for line in lines:
            y += line.gap
            baseline = y + line.pitch - line.descent
            y += line.pitch
            if line.marker:
                text, mx, colour = line.marker
                face = block.ea if any(is_cjk(c) for c in text) else \
                    block.latin if text[:1].isdigit() else BULLET_FACE
                family = self.face(face, line.font.bold, face == block.ea)[0]
                out.append(_text(x0 + mx, baseline, text, family, line.size, line.font.bold, colour))
            body = line.text.rstrip(" ")
            if not body.strip():
                continue
            runs, line_w = self.placed(body, line.font, line.size, line.asian)
            if block.align == "ctr":
                x = x0 + line.x + (width - line.x - line_w) / 2
            elif block.align == "r":
                x = x0 + width - line_w
            else:
                x = x0 + line.x
            out.extend(self._runs(runs, x, baseline, line))
        return "".join(out)

    def _runs(self, runs, x: float, baseline: float, line: _Line) -> list[str]:
        """One <text> per run, at its measured offset (spaces at either end only move it)."""
        out = []
        for offset, piece, asian in runs:
            stripped = piece.lstrip(" ")
            lead = len(piece) - len(stripped)
            start = x + offset + lead * self.advance(" ", line.font, asian) * line.size
            stripped = stripped.rstrip(" ")
            if not stripped:
                continue
            family = self.face(line.font.ea if asian else line.font.latin, line.font.bold, asian)[0]
            out.append(_text(start, baseline, stripped, family, line.size, line.font.bold, line.colour))
        return out


def _field_text(p: Paragraph, slide_number: int) -> str:
    if p.field == "slidenum":
        return p.text.replace("{n}", str(slide_number))
    return p.text


def _text(x: float, y: float, s: str, family: str, size: float, bold: bool, colour: str) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.2f}" y="{y:.2f}" font-family="{family}" font-size="{size:g}"{weight} '
            f'fill="{colour}" xml:space="preserve">{_clean(s)}</text>')
