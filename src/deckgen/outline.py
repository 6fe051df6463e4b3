"""The course outline: its data classes, the field definitions they are validated against, and loading."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import yamlsource
from .errors import DeckgenError, Diagnostics, Loc
from .spec import (INVALID, AnyOf, Choice, Field, Int, Lazy, ListOf, Obj, Tagged, Text, check_root)

SECTION_KINDS = ("content", "framework", "case", "exercise")
LANGUAGES = ("zh-CN", "zh-TW", "en")
CLOCK = r"([01]?\d|2[0-3]):[0-5]\d"


# --- data --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    text: str
    points: tuple["Point", ...] = ()
    loc: Loc | None = None


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
    loc: Loc | None = None


@dataclass(frozen=True)
class Module:
    number: int
    title: str
    sections: tuple[Section, ...]
    objectives: tuple[str, ...] = ()
    notes: str | None = None
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
    loc: Loc | None = None
    theme_loc: Loc | None = None

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(m for d in self.days for m in d.modules)

    @property
    def is_chinese(self) -> bool:
        return self.language.startswith("zh")


# --- field definitions ---------------------------------------------------------------------------

def _tuple_fields(**kw):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in kw.items()}


def _build(cls):
    return lambda **kw: cls(**_tuple_fields(**kw))


def _ref(loc, name):
    return SourceRef(name=name, loc=loc)


TEXT = Text()
TEXTS = ListOf(TEXT)

POINT: Obj = Obj(
    "point",
    [Field("text", TEXT, "the point's text", required=True),
     Field("points", ListOf(Lazy(lambda: POINT, "point"), max_items=12), "sub-points (one more level)", default=())],
    build=_build(Point), shorthand=TEXT, shorthand_key="text",
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

COMMON_SECTION_FIELDS = [
    Field("title", TEXT, "the section title", required=True),
    Field("points", POINTS, "the outline's points", default=()),
    Field("notes", TEXT, "facilitator notes for the speaker notes"),
    Field("minutes", Int(1, 600), "the time box in minutes"),
]

SECTION_EXTRA_FIELDS: dict[str, list[Field]] = {
    "content": [],
    "case": [
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
    Field("notes", TEXT, "facilitator notes for the divider slide"),
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

    seen: dict[Path, Loc] = {}
    days = []
    for number, day in enumerate(raw["days"], start=1):
        modules = []
        for ref in day.modules:
            path = (folder / ref.name)
            why = yamlsource.file_problem(path)
            if why == "file not found":
                existing = sorted(p.name for p in folder.glob("*.y*ml") if p.name != COURSE_FILE)
                diags.error(f"module file '{ref.name}' not found in {Loc.of(folder)}", ref.loc,
                            "module files here: " + (", ".join(existing) or "none"))
                continue
            if why is not None:
                diags.error(f"module file '{_shown(ref.name)}': {why}", ref.loc)
                continue
            key = path.resolve()
            if key in seen:
                diags.error(f"module file '{ref.name}' is listed twice (first at line {seen[key].line})", ref.loc)
                continue
            seen[key] = ref.loc
            node = _load(path, diags)
            module = check_root(MODULE, node, diags, "the module", Loc.of(path)) if node is not _FAILED else None
            if module is not None:
                modules.append(_with_path(module, path))
        days.append(Day(title=day.title, start=day.start, end=day.end, breaks=day.breaks,
                        modules=tuple(modules), number=number, loc=day.loc))
    _check_module_numbers([m for d in days for m in d.modules], diags)
    trainers = raw["trainers"]
    course = Course(
        title=raw["title"], subtitle=raw["subtitle"], organisation=raw["organisation"],
        trainers=(trainers,) if isinstance(trainers, str) else tuple(trainers),
        language=raw["language"], date=raw["date"], place=raw["place"], theme=raw["theme"],
        audience=raw["audience"], days=tuple(days), folder=folder, slug=folder.resolve().name,
        loc=Loc.of(course_path), theme_loc=theme_node.loc if theme_node is not None else None,
    )
    return course, diags


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
