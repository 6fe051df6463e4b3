"""A Word outline as outline text: heading styles as Markdown headings, list numbering written out, tables as rows."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import DeckgenError, Loc

_HEADING_STYLE = re.compile(r"^(?:heading|标题|見出し)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = ("title", "标题", "subtitle", "副标题")
_INDENT = "  "  # per list level: nested lists of the same numbering are told apart by their indent


@dataclass
class OutlineText:
    """Text the importer reads, with notes tied to some of its lines (speaker notes of a slide)."""

    text: str
    line_notes: dict[int, list[str]] = field(default_factory=dict)


def docx_outline(data: bytes, source_name: str) -> OutlineText:
    """One line per paragraph (a table row is one line): `file:line` in warnings counts them."""
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DeckgenError(f"this is not a Word document that can be read ({exc})", Loc(source_name)) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            lines += _paragraph_lines(block, numbering)
    if not any(line.strip() for line in lines):
        raise DeckgenError("the Word document holds no text", Loc(source_name))
    return OutlineText("\n".join(lines))


def _blocks(document):
    """Paragraphs and tables in the order they appear in the body."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def _paragraph_lines(paragraph: Paragraph, numbering: "_Numbering") -> list[str]:
    text = paragraph.text.replace("\t", " ").strip()
    if not text:
        return [""]
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.match(style.strip())
    if heading:
        return ["#" * min(6, int(heading.group(1)) + 1) + " " + numbering.label(paragraph) + text]
    if style.strip().lower() in _TITLE_STYLES:
        return ["# " + text if style.strip().lower() in ("title", "标题") else text]
    level, label = numbering.level_and_label(paragraph)
    if label is not None:
        return [_INDENT * level + label + text]
    return text.split("\n")


def _table_lines(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if not cells or value != cells[-1]:  # a merged cell repeats: once is enough
                cells.append(value)
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    if len(rows) >= 2 and not _has_time(rows[0]):
        rows.insert(1, "|---|")  # the first row names the columns (时间 | 内容 | 讲师): headings, not an item
    return rows + [""]


def _has_time(row: str) -> bool:
    return bool(re.search(r"\d{1,2}[:：.]\d{2}|\d+\s*(?:分钟|min)", row))


# --- list numbering -------------------------------------------------------------------------------

_CN = "〇一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": lambda n: chr(96 + min(n, 26)),
    "upperLetter": lambda n: chr(64 + min(n, 26)), "lowerRoman": lambda n: _roman(n).lower(), "upperRoman": _roman,
    "chineseCounting": _cn, "chineseCountingThousand": _cn, "ideographTraditional": _cn, "japaneseCounting": _cn,
    "taiwaneseCounting": _cn, "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalFullWidth": str, "decimalEnclosedParen": lambda n: f"({n})",
}


class _Numbering:
    """Word's automatic numbering written out as text ("1.", "（一）", "①"), counted the way Word counts."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → (format, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.findall(qn("w:lvl")):
                fmt, text, start = (_val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "",
                                    int(_val(lvl, "w:start") or 1))
                self.levels[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"))))] = (fmt, text, start)

    def level_and_label(self, paragraph: Paragraph) -> tuple[int, str | None]:
        num_id, level = self._ids(paragraph)
        if num_id is None:
            return 0, None
        fmt, text, start = self.levels.get((num_id, level), ("bullet", "", 1))
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(0)
        del counters[level + 1:]  # a higher item restarts the deeper lists
        counters[level] += 1
        if fmt == "bullet" or fmt == "none":
            return level, "- "
        values = [self.levels.get((num_id, i), ("decimal", "", 1)) for i in range(level + 1)]
        label = text
        for i, (f, _, first) in enumerate(values):
            label = label.replace(f"%{i + 1}", _FORMATS.get(f, str)(counters[i] + first - 1 if i < len(counters)
                                                                   else first))
        return level, label.strip() + ("" if label.strip().endswith(("、", "）", ")")) else " ")

    def label(self, paragraph: Paragraph) -> str:
        """A numbered heading's number ("第一章 "), or nothing."""
        level, label = self.level_and_label(paragraph)
        return "" if label is None or label == "- " else label

    def _ids(self, paragraph: Paragraph) -> tuple[str | None, int]:
        props = paragraph._p.pPr
        num = props.numPr if props is not None else None
        if num is None and paragraph.style is not None:
            style_props = paragraph.style.element.pPr
            num = style_props.numPr if style_props is not None else None
        if num is None or num.numId is None:
            return None, 0
        num_id = str(num.numId.val)
        if num_id == "0":
            return None, 0
        return num_id, int(num.ilvl.val) if num.ilvl is not None else 0


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None
