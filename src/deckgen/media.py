"""Pictures, tables, charts and links in an outline: their fields, and the files they name read and checked."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .errors import Diagnostics, Loc, display_path
from .spec import INVALID, Bool, Choice, Field, ListOf, Number, Obj, Text, Type
from .yamlsource import YNode

FITS = ("cover", "contain")
POSITIONS = ("right", "left", "full", "background")
CHART_TYPES = ("bar", "column", "line", "pie", "doughnut", "stacked")
URL = re.compile(r"https?://[^\s<>\"'，。；、）)]+[^\s<>\"'，。；、）).,;:!?]", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)", re.IGNORECASE)


# --- data ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PictureSpec:
    """A picture as the outline asks for it, with what its file turned out to be."""

    path: Path
    alt: str | None = None
    fit: str | None = None  # None: cover for full and background pictures, contain beside text
    position: str = "right"
    caption: str | None = None
    width: int = 0  # pixels, read from the file
    height: int = 0
    format: str = ""  # Pillow's name: PNG, JPEG…
    loc: Loc | None = None

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 1.0


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    alt: str | None = None
    header: bool = True
    source: str | None = None  # the CSV file, as written
    loc: Loc | None = None


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    values: tuple[float, ...]
    loc: Loc | None = None


@dataclass(frozen=True)
class ChartSpec:
    type: str
    categories: tuple[str, ...]
    series: tuple[SeriesSpec, ...]
    unit: str | None = None
    alt: str | None = None
    title: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True)
class LinkSpec:
    url: str
    text: str | None = None
    loc: Loc | None = None

    @property
    def short(self) -> str:
        """The URL as a person types it: no scheme, no 'www.', no trailing slash."""
        return self.text or re.sub(r"^(https?://)?(www\.)?", "", self.url, flags=re.I).rstrip("/")


# --- field types ---------------------------------------------------------------------------------

def module_folder(loc: Loc) -> Path:
    """Where paths written in a file are looked up: the folder of that file."""
    return Path(loc.file).resolve().parent


@dataclass
class Checked(Type):
    """A type whose clean value is checked once more (against its node) by `after`: rules across fields."""

    inner: Type
    after: Callable[[Any, YNode, Diagnostics], Any]

    def check(self, node, diags, what):
        v = self.inner.check(node, diags, what)
        return v if v is INVALID else self.after(v, node, diags)

    def expected(self):
        return self.inner.expected()

    def children(self):
        return [self.inner]

    def schema(self):
        return self.inner.schema()


class Located(Text):
    """Text that remembers where it was written (a file name, a URL)."""

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        return v if v is INVALID else (v, node.loc)


class _Cells(ListOf):
    """A table row: cell texts (numbers as written), remembering the row's line."""

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        return v if v is INVALID else (tuple(v), node.loc)


TEXT = Text()
PATH = Located()


def _picture_obj(name: str, with_position: bool) -> Obj:
    fields = [Field("path", PATH, "the picture file (PNG, JPEG, GIF, BMP, TIFF or SVG), relative to this file",
                    required=True),
              Field("alt", TEXT, "alt text: what the picture shows, for screen readers"),
              Field("fit", Choice(FITS), "cover: fill the box, cropping the edges; contain: show all of it"),
              Field("caption", TEXT, "a line shown under the picture")]
    if with_position:
        fields.append(Field("position", Choice(POSITIONS), "right or left of the text, full (the whole "
                            "content area, a caption under it) or background (behind the whole slide)",
                            default="right"))
    return Obj(name, fields, build=lambda loc, **kw: kw | {"loc": loc}, shorthand=PATH, shorthand_key="path",
               doc=f"{name}: a file name, or {{path, alt, fit, …}}")


def _picture(v, node, diags) -> Any:
    (path_text, path_loc), loc = v["path"], v["loc"]
    info = inspect_picture(module_folder(loc) / path_text, path_text, path_loc, diags)
    if info is None:
        return INVALID
    width, height, fmt = info
    return PictureSpec(path=module_folder(loc) / path_text, alt=v.get("alt"), fit=v.get("fit"),
                       position=v.get("position") or "right", caption=v.get("caption"), width=width,
                       height=height, format=fmt, loc=loc)


IMAGE = Checked(_picture_obj("picture", True), _picture)
IMAGES = ListOf(Checked(_picture_obj("picture", False), _picture), 2, 4)


def inspect_picture(path: Path, written: str, loc: Loc, diags: Diagnostics) -> tuple[int, int, str] | None:
    """(width, height, format) of a picture file as shown, or None after reporting why it cannot be shown.
    The checks are the theme's (deckgen.images): one inspection for every picture."""
    from . import images
    try:
        picture = images.inspect(path)
    except images.PictureError as exc:
        images.report(diags, exc, written, loc)
        return None
    return picture.width, picture.height, picture.format


def is_svg(path: Path) -> bool:
    from .images import is_svg as svg
    return svg(path)


def svg_to_png(path: Path, width: int, height: int) -> bytes:
    from .images import svg_to_png as raster
    return raster(path, width, height)


# --- tables ----------------------------------------------------------------------------------------

def _table(v, node, diags):
    loc = v["loc"]
    has_inline = v.get("columns") is not None or v.get("rows") is not None
    if v.get("csv") is not None:
        if has_inline:
            diags.error("a table takes either 'csv' or 'columns' and 'rows', not both", loc)
            return INVALID
        text, csv_loc = v["csv"]
        read = read_csv(module_folder(loc) / text, text, csv_loc, diags)
        if read is None:
            return INVALID
        columns, rows = read
        source = text
    else:
        if v.get("columns") is None or v.get("rows") is None:
            diags.error("a table needs 'columns' and 'rows' (or 'csv', a CSV file whose first line is the "
                        "header)", loc)
            return INVALID
        columns, source = tuple(v["columns"]), None
        rows = []
        ok = True
        for i, (cells, row_loc) in enumerate(v["rows"], start=1):
            if len(cells) != len(columns):
                diags.error(f"table row {i} has {len(cells)} cell{'s' if len(cells) != 1 else ''}, but the table "
                            f"has {len(columns)} columns: give every row exactly {len(columns)} cells", row_loc)
                ok = False
            rows.append(cells)
        if not ok:
            return INVALID
    widths = tuple(v.get("widths") or ())
    if widths and len(widths) != len(columns):
        diags.error(f"'widths' has {len(widths)} values, but the table has {len(columns)} columns", loc,
                    "give one relative width per column, e.g. [2, 1, 1]")
        return INVALID
    return TableSpec(columns=tuple(columns), rows=tuple(tuple(r) for r in rows), widths=widths,
                     alt=v.get("alt"), header=v.get("header", True), source=source, loc=loc)


def read_csv(path: Path, written: str, loc: Loc, diags: Diagnostics, *, kind: str = "table",
             ) -> tuple[tuple[str, ...], list[tuple[str, ...]]] | None:
    """The header and rows of a CSV file (UTF-8, or GB18030 as Excel saves it in China); a ragged row is an
    error at its own line in the CSV file."""
    if not path.is_file():
        diags.error(f"CSV file '{written}' not found (looked in {display_path(path.parent)})", loc,
                    "paths are relative to the module file")
        return None
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        diags.error(f"CSV file '{written}' is neither UTF-8 nor GB18030 text", loc, "save it as CSV UTF-8")
        return None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    records = [(reader.line_num, [c.strip() for c in row]) for row in reader if any(c.strip() for c in row)]
    csv_file = display_path(path)
    if len(records) < 2:
        diags.error(f"CSV file '{written}' needs a header line and at least one row", Loc(csv_file, 1, 1))
        return None
    (_, header), body = records[0], records[1:]
    ok = True
    for line, row in body:
        if len(row) != len(header):
            diags.error(f"this row has {len(row)} cell{'s' if len(row) != 1 else ''}, but the header has "
                        f"{len(header)} ({', '.join(header)}): give every row exactly {len(header)}",
                        Loc(csv_file, line, 1), f"the {kind} is read from {written}")
            ok = False
    if kind == "chart" and not all(header[1:]):
        diags.error("every column after the first needs a series name in the header line", Loc(csv_file, 1, 1))
        ok = False
    if not ok:
        return None
    return tuple(header), [tuple(r) for _, r in body]


TABLE = Checked(Obj("table", [
    Field("columns", ListOf(TEXT, 1, 12), "column headings"),
    Field("rows", ListOf(_Cells(TEXT, 1, 12), 1), "rows, one cell per column"),
    Field("csv", PATH, "a CSV file (first line: the headings), relative to this file"),
    Field("widths", ListOf(Number(0.1, 100), 1, 12), "relative column widths, e.g. [2, 1, 1]"),
    Field("alt", TEXT, "alt text: what the table shows"),
    Field("header", Bool(), "the first row is a header row (repeated on continuation slides)", default=True),
], build=lambda loc, **kw: kw | {"loc": loc}, doc="a native table: columns and rows, or a CSV file"), _table)


# --- charts ----------------------------------------------------------------------------------------

class _Values(ListOf):
    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        return v if v is INVALID else (tuple(v), node.loc)


SERIES = Obj("series", [Field("name", TEXT, "the series' name (shown in the legend)", required=True),
                        Field("values", _Values(Number(), 1), "one number per category", required=True)],
             build=lambda loc, **kw: kw | {"loc": loc})

NUMBER_TEXT = re.compile(r"^[+-]?[$€£¥￥]?\s*[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*(%|‰)?$")


def parse_number(text: str) -> float | None:
    """'1,234.5', '¥300', '12%' → a number; anything else None."""
    t = text.strip()
    if not NUMBER_TEXT.match(t):
        return None
    return float(re.sub(r"[^\d.+-]", "", t))


def _chart(v, node, diags):
    loc, kind = v["loc"], v["type"]
    if v.get("csv") is not None:
        if v.get("categories") is not None or v.get("series") is not None:
            diags.error("a chart takes either 'csv' or 'categories' and 'series', not both", loc)
            return INVALID
        text, csv_loc = v["csv"]
        path = module_folder(loc) / text
        read = read_csv(path, text, csv_loc, diags, kind="chart")
        if read is None:
            return INVALID
        header, rows = read
        if len(header) < 2:
            diags.error(f"CSV file '{text}' needs a column of categories and at least one column of numbers",
                        Loc(display_path(path), 1, 1))
            return INVALID
        categories = tuple(r[0] for r in rows)
        series, ok = [], True
        for j, name in enumerate(header[1:], start=1):
            values = []
            for i, r in enumerate(rows, start=2):
                number = parse_number(r[j])
                if number is None:
                    diags.error(f"'{r[j]}' in column '{name}' is not a number", Loc(display_path(path), i, 1),
                                "chart values are numbers such as 12, 3.5, 1,200 or 45%")
                    ok = False
                values.append(number)
            series.append(SeriesSpec(name, tuple(values), csv_loc))
        if not ok:
            return INVALID
    else:
        if v.get("categories") is None or v.get("series") is None:
            diags.error("a chart needs 'categories' and 'series' (or 'csv': categories in the first column, "
                        "one column per series)", loc)
            return INVALID
        categories = tuple(v["categories"])
        series, ok = [], True
        for s in v["series"]:
            values, values_loc = s["values"]
            if len(values) != len(categories):
                diags.error(f"series '{s['name']}' has {len(values)} value{'s' if len(values) != 1 else ''}, but "
                            f"the chart has {len(categories)} categories ({', '.join(categories)}): give one "
                            "value per category", values_loc)
                ok = False
            series.append(SeriesSpec(s["name"], tuple(values), s["loc"]))
        if not ok:
            return INVALID
    if kind == "pie" and len(series) != 1:
        diags.error(f"a pie chart shows one series, but this one has {len(series)}", loc,
                    "use type: doughnut (one ring per series) or column to compare series")
        return INVALID
    if kind in ("pie", "doughnut") and any(x < 0 for s in series for x in s.values):
        diags.error(f"a {kind} chart cannot show negative values", loc, "use type: column or bar")
        return INVALID
    return ChartSpec(type=kind, categories=categories, series=tuple(series), unit=v.get("unit"),
                     alt=v.get("alt"), title=v.get("title"), loc=loc)


CHART = Checked(Obj("chart", [
    Field("type", Choice(CHART_TYPES), "bar, column, line, pie, doughnut or stacked (stacked columns)",
          required=True),
    Field("categories", ListOf(TEXT, 1, 40), "the categories, in order"),
    Field("series", ListOf(SERIES, 1, 8), "the series: {name, values}"),
    Field("csv", PATH, "a CSV file: categories in the first column, one column per series"),
    Field("unit", Text(max_len=12), "shown after every value, e.g. '%' or ' 万元'"),
    Field("title", TEXT, "a heading over the chart"),
    Field("alt", TEXT, "alt text: what the chart shows (generated from the data when missing)"),
], build=lambda loc, **kw: kw | {"loc": loc}, doc="a native, editable chart"), _chart)


# --- links -----------------------------------------------------------------------------------------

def _link(v, node, diags):
    url, url_loc = v["url"]
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url, re.I):
        diags.error(f"'{url}' is not a web address", url_loc, "write it in full, e.g. https://example.com/page")
        return INVALID
    return LinkSpec(url=url, text=v.get("text"), loc=v["loc"])


LINK = Checked(Obj("link", [Field("url", PATH, "the web address (https://…)", required=True),
                            Field("text", Text(max_len=60), "the short address shown under the QR code")],
                   build=lambda loc, **kw: kw | {"loc": loc}, shorthand=PATH, shorthand_key="url",
                   doc="a web address, or {url, text}: shown as a QR code with the short address"), _link)


def split_links(text: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """A point's text with `[text](url)` shown as its text, and where each link (written or bare URL) is."""
    out, links, pos = [], [], 0
    for m in MARKDOWN_LINK.finditer(text):
        out.append(text[pos:m.start()])
        start = sum(len(p) for p in out)
        out.append(m.group(1))
        links.append((start, start + len(m.group(1)), m.group(2)))
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    taken = [(a, b) for a, b, _ in links]
    for m in URL.finditer(plain):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            links.append((m.start(), m.end(), m.group(0)))
    return plain, tuple(sorted(links))


def number_like(text: str) -> bool:
    return parse_number(text) is not None or bool(re.fullmatch(r"[+-]?\d+(\.\d+)?\s*[万亿kKmM]?\S{0,3}", text.strip()))


__all__ = ["PictureSpec", "TableSpec", "ChartSpec", "SeriesSpec", "LinkSpec", "IMAGE", "IMAGES", "TABLE",
           "CHART", "LINK", "split_links", "parse_number", "number_like", "inspect_picture", "read_csv", "svg_to_png", "is_svg"]
