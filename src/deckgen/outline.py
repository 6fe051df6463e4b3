"""The course outline: its data classes, the field definitions they are validated against, and loading."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import yamlsource
from .errors import DeckgenError, Diagnostics, Loc
from .media import CHART, IMAGE, IMAGES, LINK, TABLE, ChartSpec, LinkSpec, PictureSpec, TableSpec, split_links
from .spec import (INVALID, AnyOf, Bool, Choice, Field, Int, Lazy, ListOf, Obj, Tagged, Text, _suggest, check_root)

SECTION_KINDS = ("content", "framework", "case", "exercise")
LANGUAGES = ("zh-CN", "zh-TW", "zh-HK", "ja", "ko", "en")  # deckgen.languages says what each one uses
CLOCK = r"([01]?\d|2[0-3]):[0-5]\d"


# --- data --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    text: str  # as shown: a `[text](url)` link is its text
    points: tuple["Point", ...] = ()
    loc: Loc | None = None
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, url) in `text`: web addresses and [text](url)


@dataclass(frozen=True)
class Item:
    """One element of a diagram: a short label and an optional description."""

    label: str
    text: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True)
class Row:
    """A row of a comparison: what is compared, then the two sides."""

    left: str
    right: str
    label: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True)
class Axes:
    x: str
    y: str
    loc: Loc | None = None


@dataclass(frozen=True)
class Diagram:
    kind: str
    items: tuple[Item, ...] = ()
    centre: str | None = None
    axes: Axes | None = None
    x_labels: tuple[str, ...] = ()
    y_labels: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    rows: tuple = ()  # comparison: Row; grid: tuple of cell texts
    columns: tuple[str, ...] = ()
    operator: str = "×"
    result: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True)
class Section:
    kind: str
    title: str
    points: tuple[Point, ...] = ()
    notes: str | None = None
    minutes: int | None = None
    # case
    label: str | None = None
    background: str | None = None
    questions: tuple[str, ...] = ()
    # exercise
    type: str | None = None
    task: str | None = None
    groups: str | None = None
    steps: tuple[str, ...] = ()
    deliverable: str | None = None
    debrief: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    # framework
    diagram: Diagram | None = None
    takeaway: str | None = None
    # who leads it (a facilitator's name; filled in from the module or the first facilitator when loaded)
    lead: str | None = None
    # the variants it is taught in: only these (empty: every one), never these
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    # pictures, tables, charts and links (deckgen.media)
    image: PictureSpec | None = None
    images: tuple[PictureSpec, ...] = ()
    table: TableSpec | None = None
    chart: ChartSpec | None = None
    link: LinkSpec | None = None
    video: LinkSpec | None = None
    # a layout chosen by name for this section's slides (deckgen's own or the template's); knows its place
    layout: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True)
class Module:
    number: int
    title: str
    sections: tuple[Section, ...]
    objectives: tuple[str, ...] = ()
    takeaways: tuple[str, ...] = ()  # what participants take away (the day's closing slide); else objectives
    notes: str | None = None
    lead: str | None = None
    path: Path | None = None
    loc: Loc | None = None

    @property
    def minutes(self) -> int:
        return sum(s.minutes or 0 for s in self.sections)


@dataclass(frozen=True)
class Break:
    at: str
    minutes: int
    title: str
    loc: Loc | None = None


@dataclass(frozen=True)
class SourceRef:
    """A file name as written in the outline, with where it was written."""

    name: str
    loc: Loc | None = None


@dataclass(frozen=True)
class Day:
    title: str
    start: str
    modules: tuple  # SourceRef while loading, Module once resolved
    end: str | None = None
    breaks: tuple[Break, ...] = ()
    number: int = 0
    loc: Loc | None = None


@dataclass(frozen=True)
class Facilitator:
    """Someone who leads sections: a name, an optional role, the initials the agenda shows."""

    name: str
    role: str | None = None
    initials: str = ""
    colour: str | None = None  # "#RRGGBB" for the agenda badge; None: the theme's accent
    loc: Loc | None = None


@dataclass(frozen=True)
class SectionRef:
    """A section named in course.yaml: its module file and its title or 1-based number."""

    module: SourceRef
    section: str
    loc: Loc | None = None


@dataclass(frozen=True)
class MinutesOverride:
    module: SourceRef
    section: str
    minutes: int
    loc: Loc | None = None


@dataclass(frozen=True)
class VariantDay:
    """A day of a variant: `like` copies a course day's title, start, end and breaks; the rest overrides."""

    like: int | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    breaks: tuple[Break, ...] | None = None
    modules: tuple = ()  # SourceRef while loading, Module once resolved; () with `like`: that day's modules
    loc: Loc | None = None


# The course fields a variant may set (shown on the cover, in footers and documents).
VARIANT_TEXT_FIELDS = ("title", "subtitle", "organisation", "date", "place", "audience")


@dataclass(frozen=True)
class Variant:
    """Another edition of the course from the same folder (see deckgen.variants)."""

    name: str
    description: str | None = None
    days: tuple[VariantDay, ...] = ()
    minutes: tuple[MinutesOverride, ...] = ()
    client: SourceRef | None = None
    theme: str | None = None
    renumber: bool = False  # number the modules 1, 2, 3 … in this edition's order
    fields: tuple[tuple[str, str], ...] = ()  # (one of VARIANT_TEXT_FIELDS, its value)
    loc: Loc | None = None
    theme_loc: Loc | None = None


@dataclass(frozen=True)
class Course:
    title: str
    days: tuple[Day, ...]
    subtitle: str | None = None
    organisation: str | None = None
    trainers: tuple[str, ...] = ()
    language: str = "zh-CN"
    date: str | None = None
    place: str | None = None
    theme: str | None = None
    audience: str | None = None
    folder: Path | None = None
    slug: str = ""
    facilitators: tuple[Facilitator, ...] = ()
    variants: tuple[Variant, ...] = ()  # () once a variant is applied (deckgen.variants.apply)
    variant: str | None = None  # the variant applied; None: the course as written
    client: SourceRef | None = None  # the course's own client.yaml (a variant may name another)
    loc: Loc | None = None
    theme_loc: Loc | None = None
    punctuation: str = "full-width"  # or "as-written": ASCII ,?!:;() between Chinese characters kept

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(m for d in self.days for m in d.modules)

    def facilitator(self, name: str | None) -> Facilitator | None:
        return next((f for f in self.facilitators if f.name == name), None)


# --- field definitions ---------------------------------------------------------------------------

def _tuple_fields(**kw):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in kw.items()}


def _build(cls):
    return lambda **kw: cls(**_tuple_fields(**kw))


def _point(text, **kw) -> Point:
    shown, links = split_links(text)
    return Point(text=shown, links=links, **kw)


def _ref(loc, name):
    return SourceRef(name=name, loc=loc)


TEXT = Text()
TEXTS = ListOf(TEXT)

POINT: Obj = Obj(
    "point",
    [Field("text", TEXT, "the point's text", required=True),
     Field("points", ListOf(Lazy(lambda: POINT, "point"), max_items=12), "sub-points (one more level)", default=())],
    build=lambda **kw: _point(**_tuple_fields(**kw)), shorthand=TEXT, shorthand_key="text",
    doc="a point: its text, or {text, points} for a point with sub-points",
)
POINTS = ListOf(Lazy(lambda: POINT, "point"))

ITEM = Obj("item", [Field("label", TEXT, "the short label", required=True),
                    Field("text", TEXT, "an optional description")],
           build=_build(Item), shorthand=TEXT, shorthand_key="label",
           doc="a diagram item: a label, or {label, text}")

ROW = Obj("comparison row", [Field("left", TEXT, "the first side", required=True),
                             Field("right", TEXT, "the second side", required=True),
                             Field("label", TEXT, "what this row compares")], build=_build(Row))

AXES = Obj("axes", [Field("x", TEXT, "the horizontal axis", required=True),
                    Field("y", TEXT, "the vertical axis", required=True)], build=_build(Axes))


class Cells(tuple):
    """A grid row's cell texts; `loc` is where the row is written, for errors the schema can't express."""

    loc: Loc | None = None


class _CellRow(ListOf):
    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        if v is INVALID:
            return v
        row = Cells(v)
        row.loc = node.loc
        return row


def _items(lo, hi, doc):
    return Field("items", ListOf(ITEM, lo, hi), doc, required=True)


# Item counts each diagram kind can lay out; the drawing functions live in deckgen.diagrams.
DIAGRAM_FIELDS: dict[str, list[Field]] = {
    "pyramid": [_items(2, 7, "levels, top first")],
    "funnel": [_items(2, 7, "stages, widest first")],
    "process": [_items(3, 8, "steps, in order")],
    "cycle": [_items(3, 6, "nodes, clockwise from the top")],
    "pillars": [_items(2, 5, "columns: label is the heading, text the body")],
    "staircase": [_items(2, 6, "steps, lowest first")],
    "hub": [Field("centre", TEXT, "the centre's text", required=True), _items(3, 6, "satellites")],
    "matrix": [Field("axes", AXES, "axis names {x, y}", required=True),
               Field("x_labels", ListOf(TEXT, 2, 2), "two labels along x, low to high", default=()),
               Field("y_labels", ListOf(TEXT, 2, 2), "two labels along y, low to high", default=()),
               _items(4, 4, "quadrants: top-left, top-right, bottom-left, bottom-right")],
    "comparison": [Field("headings", ListOf(TEXT, 2, 2), "the two sides' headings", required=True),
                   Field("rows", ListOf(ROW, 1, 6), "matched rows", required=True)],
    "grid": [Field("columns", ListOf(TEXT, 2, 6), "column headings", required=True),
             Field("rows", ListOf(_CellRow(TEXT, 1, 6), 1, 8), "rows, one cell per column", required=True)],
    "formula": [_items(2, 6, "factors"),
                Field("operator", TEXT, "the operator between factors", default="×"),
                Field("result", TEXT, "what the factors make")],
}


def _diagram_variant(kind: str, fields: list[Field]) -> Obj:
    def build(loc, **kw):
        return Diagram(kind=kind, loc=loc, **_tuple_fields(**kw))
    return Obj(f"{kind} diagram", fields, build=build)


DIAGRAM = Tagged("diagram", "kind", {k: _diagram_variant(k, f) for k, f in DIAGRAM_FIELDS.items()},
                 doc="the diagram kind")

class Named(str):
    """A name written in an outline that remembers where (for errors about what it names)."""

    loc: Loc | None = None


class _VariantName(Text):
    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        if v is INVALID:
            return v
        named = Named(v)
        named.loc = node.loc
        return named


LAYOUT_NAME = _VariantName()  # any text, remembered with its place: which layouts exist depends on the theme
VARIANT_NAME = _VariantName(r"[a-z0-9][a-z0-9-]*", "a name of lowercase letters, digits and dashes, such as "
                            "one-day", max_len=40)

COMMON_SECTION_FIELDS = [
    Field("title", TEXT, "the section title", required=True),
    Field("points", POINTS, "the outline's points", default=()),
    Field("notes", TEXT, "facilitator notes for the speaker notes"),
    Field("minutes", Int(1, 600), "the time box in minutes"),
    Field("lead", TEXT, "the facilitator who leads this section (default: the module's lead)"),
    Field("only", ListOf(VARIANT_NAME, 1), "taught only in these variants (default: the course as written)"),
    Field("skip", ListOf(VARIANT_NAME, 1), "left out of these variants"),
    Field("image", IMAGE, "a picture: a file name, or {path, alt, fit, position, caption}"),
    Field("images", IMAGES, "two to four pictures side by side", default=()),
    Field("link", LINK, "a web address shown as a QR code with its short address"),
    Field("video", LINK, "a video's web address shown as a QR code with its short address"),
    Field("layout", LAYOUT_NAME, "the slide layout, by name, for this section's slides (default: its kind's: "
          "Content, Cards, Framework, Case, Exercise …; with a corporate template, one of the template's)"),
]

SECTION_EXTRA_FIELDS: dict[str, list[Field]] = {
    "content": [
        Field("table", TABLE, "a native table: {columns, rows} or {csv}"),
        Field("chart", CHART, "a native chart: {type, categories, series, unit} or {type, csv}"),
    ],
    "case": [
        Field("chart", CHART, "a native chart: {type, categories, series, unit} or {type, csv}"),
        Field("label", TEXT, "the case chip: 案例解读, 案例分析, 案例观察, 经典回顾…"),
        Field("background", TEXT, "the situation, a few sentences"),
        Field("questions", TEXTS, "discussion questions", default=()),
    ],
    "exercise": [
        Field("type", TEXT, "the exercise chip: 分组讨论, 角色扮演, 现场微咨询, 分组作业…"),
        Field("task", TEXT, "what the groups do, in a sentence or two"),
        Field("groups", TEXT, "group setup"),
        Field("steps", TEXTS, "numbered steps", default=()),
        Field("deliverable", TEXT, "what each group produces"),
        Field("debrief", TEXTS, "debrief questions (a debrief slide follows)", default=()),
        Field("materials", TEXTS, "materials to prepare", default=()),
    ],
    "framework": [
        Field("diagram", DIAGRAM, "the model, drawn as a native diagram", required=True),
        Field("takeaway", TEXT, "one line under the diagram"),
    ],
}


def _section_variant(kind: str) -> Obj:
    def build(loc, **kw):
        kw["only"], kw["skip"] = kw["only"] or (), kw["skip"] or ()
        return Section(kind=kind, loc=loc, **_tuple_fields(**kw))
    return Obj(f"{kind} section", COMMON_SECTION_FIELDS + SECTION_EXTRA_FIELDS[kind], build=build)


SECTION = Tagged("section", "kind", {k: _section_variant(k) for k in SECTION_KINDS},
                 doc="content, framework, case or exercise")


def _module(loc, **kw):
    return Module(loc=loc, **_tuple_fields(**kw))


MODULE = Obj("module", [
    Field("number", Int(1, 99), "the module's number", required=True),
    Field("title", TEXT, "the module title", required=True),
    Field("objectives", ListOf(TEXT, 0, 5), "learning objectives for the divider", default=()),
    Field("takeaways", ListOf(TEXT, 0, 5), "what participants take away, for the day's closing slide "
          "(default: the objectives)", default=()),
    Field("notes", TEXT, "facilitator notes for the divider slide"),
    Field("lead", TEXT, "the facilitator who leads this module's sections (default: the first facilitator)"),
    Field("sections", ListOf(SECTION, 1), "the module's sections, in order", required=True),
], build=_module, doc="one module of a course")

BREAK = Obj("break", [
    Field("at", Text(CLOCK, "a clock time such as \"10:30\""), "clock time (HH:MM)", required=True),
    Field("minutes", Int(1, 240), "length in minutes", required=True),
    Field("title", TEXT, "what the agenda calls it", default=None),
], build=_build(Break))


class _FileName(Text):
    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        return v if v is INVALID else SourceRef(v, node.loc)


DAY = Obj("day", [
    Field("title", TEXT, "the day's heading, e.g. 第一天 DAY ONE", required=True),
    Field("start", Text(CLOCK, "a clock time such as \"09:00\""), "clock time teaching starts", required=True),
    Field("end", Text(CLOCK, "a clock time such as \"17:00\""), "clock time the day should end"),
    Field("breaks", ListOf(BREAK), "breaks and lunch", default=()),
    Field("modules", ListOf(_FileName(), 1), "module files taught that day, in order", required=True),
], build=_build(Day))

def _facilitator(loc, name, role, initials, colour):
    return Facilitator(name=name, role=role, initials=initials or "", colour=colour, loc=loc)


FACILITATOR = Obj("facilitator", [
    Field("name", TEXT, "the name, as `lead:` refers to it", required=True),
    Field("role", TEXT, "e.g. 主讲, co-facilitator"),
    Field("initials", Text(max_len=4), "shown beside the agenda's blocks (default: from the name)"),
    Field("colour", Text(r"#[0-9A-Fa-f]{6}", "a colour such as \"#1F6FEB\""), "the badge colour on the agenda"),
], build=_facilitator, shorthand=TEXT, shorthand_key="name",
    doc="a facilitator: a name, or {name, role, initials, colour}")

SECTION_REF_FIELDS = [
    Field("module", _FileName(), "the module file", required=True),
    Field("section", TEXT, "the section's title, or its number in the module (1 is the first)", required=True),
]

MINUTES_OVERRIDE = Obj("minutes override", SECTION_REF_FIELDS + [
    Field("minutes", Int(1, 600), "the time box in this variant", required=True),
], build=_build(MinutesOverride))


def _variant_day(loc, **kw):
    kw = _tuple_fields(**kw)
    kw["modules"] = kw["modules"] or ()
    return VariantDay(loc=loc, **kw)


VARIANT_DAY = Obj("variant day", [
    Field("like", Int(1, 99), "copy the title, start, end and breaks of this course day (1 is the first)"),
    Field("title", TEXT, "the day's heading (required without `like`)"),
    Field("start", Text(CLOCK, "a clock time such as \"09:00\""), "clock time teaching starts (required "
          "without `like`)"),
    Field("end", Text(CLOCK, "a clock time such as \"17:00\""), "clock time the day should end"),
    Field("breaks", ListOf(BREAK), "breaks and lunch (default: those of the `like` day)"),
    Field("modules", ListOf(_FileName(), 1), "module files taught that day, in order (default: those of the "
          "`like` day)"),
], build=_variant_day)


def _variant(loc, name, description, days, minutes, client, theme, renumber, **texts):
    return Variant(name=name, description=description, days=tuple(days or ()), minutes=tuple(minutes or ()),
                   client=client, theme=theme, renumber=renumber, fields=tuple((k, v) for k, v in texts.items() if v is not None), loc=loc)


VARIANT = Obj("variant", [
    Field("name", VARIANT_NAME, "the variant's name: `deckgen build COURSE --variant NAME`", required=True),
    Field("description", TEXT, "what this edition is for"),
    Field("days", ListOf(VARIANT_DAY, 1), "its days (default: the course's)"),
    Field("minutes", ListOf(MINUTES_OVERRIDE, 1), "sections timed differently in this variant"),
    Field("client", _FileName(), "a client file (client.yaml) whose values replace {client} … in the text"),
    Field("theme", TEXT, "a theme under themes/ for this variant"),
    Field("renumber", Bool(), "number the modules 1, 2, 3 … in this variant's order (default: as in their "
          "files)", default=False),
    Field("title", TEXT, "the course title in this variant"),
    Field("subtitle", TEXT, "the subtitle in this variant"),
    Field("organisation", TEXT, "the organisation in this variant"),
    Field("date", TEXT, "the date in this variant"),
    Field("place", TEXT, "the place in this variant"),
    Field("audience", TEXT, "the audience in this variant"),
], build=_variant, doc="a variant: another edition of the course built from the same files")

COURSE = Obj("course", [
    Field("title", TEXT, "the course title", required=True),
    Field("subtitle", TEXT, "shown under the title on the cover"),
    Field("organisation", TEXT, "shown on the cover"),
    Field("trainers", AnyOf([TEXTS, TEXT]), "trainer name(s)", default=()),
    Field("language", Choice(LANGUAGES), "the deck language", default="zh-CN"),
    Field("date", TEXT, "shown on the cover"),
    Field("place", TEXT, "shown on the cover"),
    Field("theme", TEXT, "a theme under themes/"),
    Field("audience", TEXT, "who the course is for"),
    Field("days", ListOf(DAY, 1), "the teaching days", required=True),
    Field("facilitators", ListOf(FACILITATOR, 1), "who leads sections (default: the trainers)"),
    Field("client", _FileName(), "a client file (client.yaml) whose values replace {client} … in the text"),
    Field("variants", ListOf(VARIANT, 1), "other editions built from this folder (deckgen build --variant NAME)"),
    Field("punctuation", Choice(("full-width", "as-written")), "ASCII , ? ! : ; ( ) between Chinese characters: "
          "set full-width (the default, each reported by check) or kept as written", default="full-width"),
], build=None, doc="a course: its title, trainers and days")


# --- loading -------------------------------------------------------------------------------------

COURSE_FILE = "course.yaml"


def load_course(folder: Path) -> tuple[Course | None, Diagnostics]:
    """Load and validate a course folder, collecting every problem in every file."""
    diags = Diagnostics()
    folder = Path(folder)
    course_path = folder / COURSE_FILE
    folder_problem = yamlsource.file_problem(folder)
    if folder_problem is not None and not folder_problem.endswith("found a folder"):
        diags.error("course folder not found (expected a folder holding course.yaml)"
                    if folder_problem == "file not found" else f"the course folder: {folder_problem}", Loc.of(folder))
        return None, diags
    if folder_problem is None:
        diags.error("expected a course folder (one holding course.yaml), found a file", Loc.of(folder))
        return None, diags
    why = yamlsource.file_problem(course_path)
    if why == "file not found":
        diags.error(f"no {COURSE_FILE} in this folder", Loc.of(folder),
                    "a course folder holds course.yaml and one YAML file per module; see docs/outline-format.md")
        return None, diags
    root = _load(course_path, diags)
    if root is _FAILED:
        return None, diags
    raw = check_root(COURSE, root, diags, "the course", Loc.of(course_path))
    if raw is None:
        # still read the modules the course names, so every mistake in every file is reported at once
        for ref in _module_refs(root):
            path = folder / ref.name
            node = _load(path, diags) if yamlsource.file_problem(path) is None else _FAILED
            if node is not _FAILED:
                check_root(MODULE, node, diags, "the module", Loc.of(path))
        return None, diags
    theme_node = root.get("theme") if isinstance(root, yamlsource.YMap) else None

    modules = _ModuleFiles(folder, diags)
    days = []
    listed: dict[Path, Loc] = {}
    for number, day in enumerate(raw["days"], start=1):
        days.append(Day(title=day.title, start=day.start, end=day.end, breaks=day.breaks,
                        modules=modules.load_all(day.modules, listed), number=number, loc=day.loc))
    _check_module_numbers([m for d in days for m in d.modules], diags)
    variants = tuple(_load_variant(v, days, modules, diags, root) for v in raw["variants"] or ())
    _check_variant_names(variants, diags)
    trainers = raw["trainers"]
    trainers = (trainers,) if isinstance(trainers, str) else tuple(trainers)
    from .leads import facilitator_list, with_leads  # (they build on this module's data classes)
    trainers_node = root.get("trainers") if isinstance(root, yamlsource.YMap) else None
    facilitators = facilitator_list(raw["facilitators"], trainers, diags,
                                    trainers_node.loc if trainers_node is not None else Loc.of(course_path))
    course = Course(
        title=raw["title"], subtitle=raw["subtitle"], organisation=raw["organisation"],
        trainers=trainers or tuple(f.name for f in facilitators if raw["facilitators"]),
        language=raw["language"], date=raw["date"], place=raw["place"], theme=raw["theme"],
        audience=raw["audience"], days=tuple(days), folder=folder, slug=folder.resolve().name,
        facilitators=facilitators, variants=variants, client=raw["client"],
        loc=Loc.of(course_path), theme_loc=theme_node.loc if theme_node is not None else None,
        punctuation=raw["punctuation"],
    )
    course = with_leads(course, modules.loaded, diags)
    _check_variant_refs(course, modules, diags)
    return course, diags


class _ModuleFiles:
    """Each module file loaded and validated once, however many days and variants list it."""

    def __init__(self, folder: Path, diags: Diagnostics):
        self.folder, self.diags = folder, diags
        self.loaded: dict[Path, Module | None] = {}

    def load_all(self, refs, listed: dict[Path, Loc]) -> tuple[Module, ...]:
        """The modules `refs` name, in order; `listed` spans one edition (a file may appear once in it)."""
        out = []
        for ref in refs:
            path = self.folder / ref.name
            why = yamlsource.file_problem(path)
            if why is not None and why != "file not found":
                self.diags.error(f"module file '{_shown(ref.name)}': {why}", ref.loc)
                continue
            key = path.resolve()
            if key in listed:
                self.diags.error(f"module file '{ref.name}' is listed twice (first at line {listed[key].line})",
                                 ref.loc)
                continue
            listed[key] = ref.loc
            module = self.load(ref)
            if module is not None:
                out.append(module)
        return tuple(out)

    def load(self, ref: SourceRef) -> Module | None:
        path = self.folder / ref.name
        why = yamlsource.file_problem(path)
        if why == "file not found":
            existing = sorted(p.name for p in self.folder.glob("*.y*ml") if p.name != COURSE_FILE)
            self.diags.error(f"module file '{ref.name}' not found in {Loc.of(self.folder)}", ref.loc,
                             "module files here: " + (", ".join(existing) or "none"))
            return None  # not cached: each listing of a missing file is its own mistake
        if why is not None:
            self.diags.error(f"module file '{_shown(ref.name)}': {why}", ref.loc)
            return None
        key = path.resolve()
        if key in self.loaded:
            return self.loaded[key]
        node = _load(path, self.diags)
        module = check_root(MODULE, node, self.diags, "the module", Loc.of(path)) if node is not _FAILED else None
        self.loaded[key] = _with_path(module, path) if module is not None else None
        return self.loaded[key]

    def by_name(self, ref: SourceRef) -> Module | None:
        try:
            return self.loaded.get((self.folder / ref.name).resolve())
        except (OSError, RuntimeError, ValueError):  # a name file_problem refused (a loop, a NUL)
            return None


def _load_variant(v: Variant, days: list[Day], modules: _ModuleFiles, diags: Diagnostics, root) -> Variant:
    """The variant with its days' module files loaded (and `like` days filled in)."""
    from dataclasses import replace
    resolved, listed = [], {}
    for vd in v.days:
        base = None
        if vd.like is not None:
            if vd.like > len(days):
                diags.error(f"'like: {vd.like}' names a day the course does not have (it has {len(days)})",
                            vd.loc, f"use a day number from 1 to {len(days)}")
                continue
            base = days[vd.like - 1]
        else:
            missing = [k for k in ("title", "start") if getattr(vd, k) is None] + \
                ([] if vd.modules else ["modules"])
            if missing:
                diags.error(f"a variant day without 'like' is missing {', '.join(repr(k) for k in missing)}",
                            vd.loc, "give them, or copy a course day with 'like: N'")
                continue
        if vd.modules:
            chosen = modules.load_all(vd.modules, listed)
        else:
            chosen = modules.load_all([SourceRef(m.path.name, m.loc) for m in base.modules], listed)
        resolved.append(replace(vd, modules=chosen, title=vd.title or base.title, start=vd.start or base.start,
                                end=vd.end if vd.end is not None else (base.end if base else None),
                                breaks=vd.breaks if vd.breaks is not None else (base.breaks if base else ())))
    theme_loc = None
    if v.theme is not None and v.loc is not None:
        theme_loc = _variant_key_loc(root, v.name, "theme")
    return replace(v, days=tuple(resolved), theme_loc=theme_loc)


def _variant_key_loc(root, name: str, key: str) -> Loc | None:
    from .yamlsource import YMap, YSeq
    seq = root.get("variants") if isinstance(root, YMap) else None
    for node in seq.items if isinstance(seq, YSeq) else []:
        name_node = node.get("name") if isinstance(node, YMap) else None
        if name_node is not None and name_node.text() == name and key in node:
            return node.get(key).loc
    return None


RESERVED_VARIANTS = ("default", "preview")


def _check_variant_names(variants: tuple[Variant, ...], diags: Diagnostics) -> None:
    seen: dict[str, Variant] = {}
    for v in variants:
        if v.name in RESERVED_VARIANTS or v.name.startswith("for-"):
            diags.error(f"'{v.name}' cannot name a variant: 'default' is the course as written, 'preview' and "
                        "'for-…' are output folders of their own", v.loc, "choose another name")
        elif v.name in seen:
            diags.error(f"variant '{v.name}' is defined twice (first at line {seen[v.name].loc.line})", v.loc)
        seen.setdefault(v.name, v)


def _check_variant_refs(course: Course, modules: _ModuleFiles, diags: Diagnostics) -> None:
    """`only:`/`skip:` name variants that exist; a variant's minutes name sections that exist."""
    names = list(RESERVED_VARIANTS[:1]) + [v.name for v in course.variants]
    for module in modules.loaded.values():
        for s in module.sections if module else ():
            for key in ("only", "skip"):
                for name in getattr(s, key):
                    if name not in names:
                        diags.error(f"'{key}' names an unknown variant '{name}'{_suggest(name, names)}",
                                    getattr(name, "loc", None) or s.loc,
                                    "variants: " + ", ".join(names) + " ('default' is the course as written)")
            if s.only and s.skip:
                diags.error("a section takes 'only' or 'skip', not both", s.loc)
    for v in course.variants:
        for o in v.minutes:
            find_section(modules.by_name(o.module), o, diags)


def find_section(module: Module | None, ref, diags: Diagnostics) -> int | None:
    """The index of the section `ref` (a MinutesOverride or SectionRef) names in `module`, or None after
    reporting why not."""
    if module is None:
        diags.error(f"module file '{ref.module.name}' is not one this course or its variants teach",
                    ref.module.loc)
        return None
    text = ref.section.strip()
    if text.isdigit():
        index = int(text) - 1
        if 0 <= index < len(module.sections):
            return index
        diags.error(f"module '{module.title}' has {len(module.sections)} sections; there is no section {text}",
                    ref.loc)
        return None
    titles = [s.title for s in module.sections]
    if text in titles:
        return titles.index(text)
    diags.error(f"module '{module.title}' has no section titled '{text}'{_suggest(text, titles)}", ref.loc,
                "sections: " + "; ".join(titles))
    return None


def _module_refs(root) -> list[SourceRef]:
    """The module file names a (possibly invalid) course node lists, read leniently."""
    from .yamlsource import YMap, YScalar, YSeq
    refs = []
    days = root.get("days") if isinstance(root, YMap) else None
    for day in days.items if isinstance(days, YSeq) else []:
        modules = day.get("modules") if isinstance(day, YMap) else None
        for item in modules.items if isinstance(modules, YSeq) else []:
            if isinstance(item, YScalar) and isinstance(item.text(), str):
                refs.append(SourceRef(item.text(), item.loc))
    return refs


def _shown(name: str) -> str:
    """A file name as a message can show it: shortened, invisible characters escaped."""
    short = name if len(name) <= 60 else name[:57] + "…"
    return short.encode("unicode_escape").decode("ascii") if yamlsource.unsafe_character(short) else short


_FAILED = object()  # a file that could not be read or parsed (its diagnostics are recorded)


def _load(path: Path, diags: Diagnostics):
    try:
        return yamlsource.load(path)
    except DeckgenError as exc:
        diags.extend(exc.diagnostics)
        return _FAILED


def _with_path(module: Module, path: Path) -> Module:
    from dataclasses import replace
    return replace(module, path=path)


def _check_module_numbers(modules: list[Module], diags: Diagnostics) -> None:
    seen: dict[int, Module] = {}
    for m in modules:
        if m.number in seen:
            other = seen[m.number]
            diags.error(f"module number {m.number} is also used by {Loc.of(other.path)}", m.loc,
                        "give each module its own number")
        seen.setdefault(m.number, m)
