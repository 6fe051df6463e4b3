"""A text block set as SVG: lines, baselines and runs placed the way LibreOffice and PowerPoint set them.

Lines come from the plan: a title's lines are already fixed in its text (explicit breaks), other text
is wrapped here exactly as the planner measured it when fitting (deckgen.textfit's metrics, break
rules and width). Every run of Chinese or Latin text gets the
typeface the client would use for it (the block's East Asian or Latin face, or the substitute this
machine has: Noto Sans CJK for CJK, DejaVu Sans for Latin) and is placed at its measured offset, so
the drawing does not depend on the SVG viewer's own text layout beyond the glyphs themselves.

Vertical placement follows LibreOffice's exact line spacing: each line is `line_pitch` tall and its
baseline sits the font's descent above the line's bottom.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..plan import EMU_PER_PT, Paragraph, TextBlock
from ..textfit import Font, Measurer, Wrapper, is_cjk

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
AUTOSPACE = 0.2  # em between Asian and Latin text, as LibreOffice sets it
SINGLE_SPACING_FALLBACK = (0.9, 0.25)  # ascent and descent in em when no font file is found at all
BULLET_FACE = "Arial"  # the face render.fragments declares for a non-CJK bullet


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
    colour: str
    marker: tuple[str, float, str] | None  # (text, x, colour) on a paragraph's first line


def _clean(s: str) -> str:
    return escape(_INVALID_XML.sub("", s))


class TextSetter:
    """Sets text blocks; one per renderer, so the fonts' widths are measured once."""

    def __init__(self, measurer: Measurer | None = None):
        self.measurer = measurer or Measurer()
        self.wrapper = Wrapper(self.measurer)
        self._faces: dict[tuple[str, bool, bool], tuple[str, float, float]] = {}

    # --- fonts -------------------------------------------------------------------------------------
    def face(self, typeface: str, bold: bool, cjk: bool) -> tuple[str, float, float]:
        """(CSS font-family list, ascent em, descent em) for a declared typeface."""
        key = (typeface, bold, cjk)
        hit = self._faces.get(key)
        if hit is None:
            facts = self.measurer.face_facts(typeface, bold, cjk)
            if facts is None:
                hit = (f"{quoteattr(typeface)[1:-1]}, sans-serif", *SINGLE_SPACING_FALLBACK)
            else:
                family, ascent, descent = facts
                # the face actually measured goes first: cairosvg uses only the first family it is given
                names = [family] + ([typeface] if typeface != family else [])
                hit = (", ".join(f"'{n}'" for n in names) + ", sans-serif", ascent, descent)
            self._faces[key] = hit
        return hit

    def _metrics(self, text: str, font: Font) -> tuple[float, float]:
        """The largest ascent and descent (em) of the faces a line uses."""
        cjk = any(is_cjk(ch) for ch in text)
        latin = not text or any(not is_cjk(ch) and not ch.isspace() for ch in text) or not cjk
        faces = ([self.face(font.ea, font.bold, True)] if cjk or not text else []) + \
            ([self.face(font.latin, font.bold, False)] if latin else [])
        return max(f[1] for f in faces), max(f[2] for f in faces)

    # --- layout ------------------------------------------------------------------------------------
    def wrap(self, text: str, font: Font, size: float, width: float) -> list[str]:
        """The planner's own lines: greedy, within WIDTH_SAFETY of the width, which leaves room for the
        space clients put between Chinese and Latin text."""
        return self.wrapper.wrap(text, font, size, max(width, 1.0))

    def lines(self, block: TextBlock, width: float, slide_number: int) -> list[_Line]:
        out: list[_Line] = []
        for i, p in enumerate(block.paragraphs):
            size = p.size or block.size
            bold = block.bold if p.bold is None else p.bold
            font = Font(block.latin, block.ea, bold)
            colour = (p.colour or block.colour).hex
            margin = p.level * block.level_indent + (block.indent if p.marker else 0.0)
            text = _field_text(p, slide_number)
            pieces: list[str] = []
            for piece in text.split("\n"):
                pieces += self.wrap(piece, font, size, width - margin) if block.wrap and piece else [piece]
            for j, line in enumerate(pieces):
                ascent, descent = self._metrics(line, font)
                pitch = block.line_pitch or (ascent + descent) * size
                marker = None
                if j == 0 and p.marker:
                    marker = (p.marker, margin - block.indent, (p.marker_colour or p.colour or block.colour).hex)
                gap = block.para_gap if i and j == 0 else 0.0
                out.append(_Line(line, margin, pitch, descent * size, gap, size, font, colour, marker))
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
            runs, line_w = self.placed(body, line.font, line.size)
            if block.align == "ctr":
                x = x0 + line.x + (width - line.x - line_w) / 2
            elif block.align == "r":
                x = x0 + width - line_w
            else:
                x = x0 + line.x
            out.extend(self._runs(runs, x, baseline, line))
        return "".join(out)

    def placed(self, text: str, font: Font, size: float) -> tuple[list[tuple[float, str, bool]], float]:
        """The line's runs as (x offset, text, is CJK), and its width.

        Like LibreOffice (and PowerPoint's default for Chinese), a little space separates Asian from
        Latin text: at each change between CJK and a Latin letter or digit, spaces and punctuation
        belonging to the text before the change."""
        runs: list[tuple[float, str, bool]] = []
        x, script = 0.0, None
        piece, piece_x, piece_cjk = "", 0.0, None
        for ch in text:
            cjk = is_cjk(ch)
            strong = "asian" if cjk else "latin" if ch.isalnum() else None
            gap = AUTOSPACE * size if strong and script and strong != script else 0.0
            if piece and (cjk != piece_cjk or gap):
                runs.append((piece_x, piece, piece_cjk))
                piece = ""
            x += gap
            if not piece:
                piece_x, piece_cjk = x, cjk
            piece += ch
            x += self.measurer.width(ch, font, size)
            script = strong or script
        if piece:
            runs.append((piece_x, piece, piece_cjk))
        return runs, x

    def _runs(self, runs, x: float, baseline: float, line: _Line) -> list[str]:
        """One <text> per stretch of CJK or Latin text, each at its measured offset."""
        out = []
        for offset, piece, cjk in runs:
            stripped = piece.lstrip(" ")
            start = x + offset + self.measurer.width(piece[:len(piece) - len(stripped)], line.font, line.size)
            stripped = stripped.rstrip(" ")
            if not stripped:
                continue
            family = self.face(line.font.ea if cjk else line.font.latin, line.font.bold, cjk)[0]
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
