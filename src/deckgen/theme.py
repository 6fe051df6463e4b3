"""Themes: the theme file format, finding themes, `extends:` inheritance, overrides and resolution.

Where a resolved value comes from, first match wins:

1. `--set KEY=VALUE` on the command line;
2. the theme's own file, then its parents' files, child before parent (mappings deep-merge key by key;
   anything else, a list of logos included, is replaced whole by the child);
3. the corporate template (`template:`), for what a template defines: its theme colours and fonts and its
   slide size. Palette slots PowerPoint has no theme colour for follow from the template's colours
   (see TEMPLATE_COLOURS and `_template_palette`);
4. the built-in `default` theme, which every theme extends in the end.

So a template's colours beat the built-in default but never a value a theme file or `--set` states.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import images, template_text, yamlsource
from .languages import LABEL_TABLES
from .errors import DeckgenError, Diagnostics, Loc, display_path
from .spec import INVALID, Choice, Field, ListOf, Number, Obj, Text, check_root
from .yamlsource import YMap, YNode, YScalar

BUILTIN_THEMES = Path(__file__).parent / "themes"
THEME_FILE = "theme.yaml"
DEFAULT_THEME = "default"

PALETTE_SLOTS = ("primary", "on_primary", "text", "muted", "background", "panel", "line",
                 "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                 "framework", "case", "exercise", "divider")
# Slots a theme may leave out: each then takes the colour of the slot it names.
OPTIONAL_PALETTE = {"title": "primary"}
SIZE_SLOTS = ("cover_title", "title", "subtitle", "body", "body_min", "small", "caption", "diagram_min")
# The words slides use (and the labels documents use, below), per language in `labels:` (deckgen.languages).
LABEL_KEYS = ("agenda", "case", "exercise", "framework", "objectives", "key_points", "background", "questions",
              "task", "groups", "steps", "deliverable", "debrief", "minutes", "continued", "closing", "takeaways",
              "next_steps", "break", "lunch", "module", "day", "thank_you", "tomorrow", "course_close",
              "scan_link", "scan_video",
              # speaker notes, the closing slide's default next steps, module labels
              "notes_key_points", "notes_materials", "audience_label", "today_time", "lead", "module_n",
              "tomorrow_item", "next_step_review", "next_step_bring", "next_step_try", "next_step_later",
              # punctuation: a language's colon, list and clause separators and brackets
              "colon", "list_separator", "clause_separator", "in_brackets",
              # alt text: the diagram and chart kinds, and how an alt text is put together
              "diagram_alt", "chart_alt", "diagram_pyramid", "diagram_funnel", "diagram_process", "diagram_cycle",
              "diagram_pillars", "diagram_staircase", "diagram_hub", "diagram_matrix", "diagram_comparison",
              "diagram_grid", "diagram_formula", "chart_bar", "chart_column", "chart_line", "chart_pie",
              "chart_doughnut", "chart_stacked",
              # the facilitator guide, its run sheets and the participant handout (Word documents)
              "guide", "handout", "workbook", "schedule", "materials", "material", "used_in", "slides", "slide",
              "time", "item", "kind", "type", "minutes_col", "talk_track", "instructions", "case_questions",
              "debrief_questions", "continued_slide", "no_materials", "no_thumbnails", "no_libreoffice",
              "no_pdftoppm", "convert_failed", "name", "team", "trainer", "organisation", "date", "place",
              "audience", "overview", "day_col", "worksheet", "my_notes", "tagged_heading", "ends", "planned_end",
              "over", "spare", "total", "agenda_break", "kind_cover", "kind_agenda", "kind_divider",
              "kind_content", "kind_framework", "kind_case", "kind_exercise", "kind_debrief", "kind_closing",
              "kind_break", "kind_module", "run_sheets", "run_sheet_title", "run_sheet_total", "run_sheet_item",
              "handover", "handover_from", "handover_after")
# The fields each text template may use (deckgen.template_text); a label not listed takes none.
LABEL_FIELDS = {"minutes": ("n",), "day": ("n",), "module_n": ("module", "n"), "tomorrow_item": ("module", "title"),
                "in_brackets": ("text",), "diagram_alt": ("title", "kind", "items"),
                "chart_alt": ("title", "kind", "items"), "slide": ("n",), "no_thumbnails": ("why",),
                "tagged_heading": ("tag", "title"), "ends": ("end",), "planned_end": ("end",), "over": ("n",),
                "spare": ("n",), "total": ("teach", "rest"), "run_sheet_title": ("name",),
                "run_sheet_total": ("n",), "handover_from": ("name",), "handover_after": ("name",)}
# Labels that are a sentence, not a word or two (the closing slide's suggested next steps, notes in documents).
SENTENCE_LABELS = frozenset({"next_step_review", "next_step_bring", "next_step_try", "next_step_later",
                             "continued_slide", "no_materials", "no_thumbnails", "no_libreoffice", "no_pdftoppm",
                             "convert_failed"})
FOOTER_FIELDS = ("course", "day", "trainer", "date")
SLIDE_NUMBER_FIELDS = ("n", "total")
# Length limits of theme text: a label is a word or two, a typeface name is short (Windows stops at 31).
MAX_LABEL = 60
MAX_SENTENCE = 200
MAX_FOOTER = 200
MAX_FONT_NAME = 64
MAX_NAME = 200
LOGO_POSITIONS = ("top-left", "top-right", "bottom-left", "bottom-right")
# PowerPoint's own sizes: Widescreen 13.333… × 7.5 in (12192000 × 6858000 EMU) and Standard 10 × 7.5 in.
SLIDE_SIZES = {"16:9": (40 / 3, 7.5), "4:3": (10.0, 7.5)}
# Layout keys a theme's `layouts:` maps to layout names: cover, divider and title_only (every other slide),
# and each kind of slide on its own, over title_only (see deckgen.render.layouts).
KIND_LAYOUT_KEYS = ("agenda", "content", "cards", "framework", "case", "exercise", "debrief", "closing", "picture",
                    "blank")
LAYOUT_KEYS = ("cover", "divider", "title_only") + KIND_LAYOUT_KEYS
BACKGROUND_KINDS = ("cover", "divider", "content")
# Which background image (`backgrounds:` key) the slides of each layout key carry.
BACKGROUND_FOR_LAYOUT = {"cover": "cover", "divider": "divider", "title_only": "content",
                         **{k: "content" for k in KIND_LAYOUT_KEYS}}
IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "BMP": "BMP"}
EMU_PER_INCH = 914400

# A template's theme colours (PowerPoint's names) and the palette slots they fill.
TEMPLATE_COLOURS = {"dk1": "text", "lt1": "background", "dk2": "primary", "lt2": "panel",
                    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
                    "accent5": "accent5", "accent6": "accent6"}
# Per-kind slots that follow a template colour, as the built-in default's do.
TEMPLATE_FOLLOW = {"divider": "primary", "framework": "accent1", "case": "accent5", "exercise": "accent2"}

# --- colours -------------------------------------------------------------------------------------

def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def link_colour(palette: dict) -> str:
    """The colour hyperlinks are shown in: the first accent that reads as body text on the background
    (4.5:1), else the text colour itself."""
    for slot in ("accent1", "primary", "accent2", "accent3", "accent4", "accent5", "accent6"):
        if slot in palette and contrast(palette[slot], palette["background"]) >= 4.5:
            return palette[slot]
    return palette["text"]


def mix(a: str, b: str, t: float) -> str:
    """The colour t of the way from a to b."""
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(_rgb(a), _rgb(b)))


def is_dark(hex_colour: str) -> bool:
    return luminance(hex_colour) < 0.18


@lru_cache(maxsize=64)
def _mean_luminance(path: str, mtime: int) -> float:
    """The luminance of a picture's mean colour (its alpha ignored), from its histogram: no copy of its
    pixels is made, and a JPEG is decoded at a fraction of its size."""
    from PIL import Image, ImageStat
    with Image.open(path) as im:
        im.draft("RGB", (256, 256))
        if im.mode not in ("RGB", "RGBA", "RGBX", "L", "LA"):
            im = im.convert("RGB")  # a palette or CMYK picture: a copy is needed
        mean = ImageStat.Stat(im).mean
    r, g, b = (mean[0],) * 3 if im.mode in ("L", "LA") else mean[:3]
    grey = (0.299 * r + 0.587 * g + 0.114 * b) / 255  # as Pillow converts to "L"
    return luminance("#{0:02X}{0:02X}{0:02X}".format(round(grey * 255)))


def image_size(path: Path) -> tuple[int, int]:
    """A picture's size in pixels as shown (a photo's EXIF orientation applied); read when it was checked."""
    shown = images.inspect(path)
    return shown.width, shown.height


def image_is_dark(path: Path) -> bool:
    """Whether a (background) picture is dark on the whole, so light logos and text belong on it."""
    return _mean_luminance(str(path), Path(path).stat().st_mtime_ns) < 0.18


# --- field types ---------------------------------------------------------------------------------

class Colour(Text):
    def __init__(self):
        super().__init__(pattern=r"#?[0-9A-Fa-f]{6}", pattern_doc='a colour such as "#1B3A5C" (quoted: '
                         'an unquoted # starts a YAML comment)')

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        return v if v is INVALID else "#" + v.lstrip("#").upper()


class TemplateText(Text):
    """Text with `{name}` fields from a closed set (deckgen.template_text): never a format string."""

    def __init__(self, fields: tuple[str, ...], max_len: int, nonempty: bool = True):
        super().__init__(nonempty=nonempty, max_len=max_len)
        self.fields = fields

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        if v is INVALID:
            return v
        found = template_text.problem(v, self.fields)
        if found is None:
            return v
        diags.error(f"{what}: {found.message}", _at_offset(node, found.offset),
                     "theme text takes named fields only, e.g. \"{n} min\"; no formatting, no other names")
        return INVALID


def _at_offset(node: YNode, offset: int) -> Loc:
    """Where character `offset` of a one-line scalar's value is in its file (the scalar itself otherwise)."""
    loc = node.loc
    if not loc.line or not isinstance(node, YScalar) or "\n" in node.raw or node.raw != node.text():
        return loc
    quote = 1 if node.quoted else 0
    return Loc(loc.file, loc.line, (loc.col or 1) + quote + offset)


class AssetPath(Text):
    """A file name relative to the theme folder that set it; it must exist."""

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        if v is INVALID:
            return v
        base = Path(node.loc.file).parent
        path = (base / v)
        why = yamlsource.file_problem(path)
        if why == "file not found":
            diags.error(f"{what}: file '{v}' not found (looked in {Loc.of(base)})", node.loc)
            return INVALID
        if why is not None:
            diags.error(f"{what}: '{v[:80]}': {why}", node.loc)
            return INVALID
        return path.resolve()  # absolute: the theme stays usable whatever the working folder becomes


class ImagePath(Text):
    """A picture file (PNG, JPEG, GIF, BMP or TIFF) relative to the theme folder that set it, inspected as every
    picture is (deckgen.images): one set of checks and messages for logos, backgrounds and section pictures."""

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        if v is INVALID:
            return v
        path = Path(node.loc.file).parent / v
        try:
            images.inspect(path, drawings=False)
        except images.PictureError as exc:
            images.report(diags, exc, v, node.loc, what)
            return INVALID
        return path.resolve()  # absolute: the theme stays usable whatever the working folder becomes


class TemplatePath(AssetPath):
    """A PowerPoint presentation or template (.pptx, .potx) that deckgen can build on."""

    def check(self, node, diags, what):
        path = super().check(node, diags, what)
        if path is INVALID:
            return path
        from .render.base import TemplateError, read_template
        try:
            read_template(path)
        except TemplateError as exc:
            sep = " " if str(exc).startswith("is ") else ": "
            diags.error(f"{what}: '{node.text()}'{sep}{exc}", node.loc)
            return INVALID
        return path


@dataclass(frozen=True)
class FontPair:
    latin: str
    ea: str


@dataclass(frozen=True)
class Logo:
    file: Path
    position: str = "top-right"
    height: float = 0.45  # inches
    slides: str = "all"  # all, cover (the cover only) or content (every slide but the cover)
    width: float | None = None  # the slot's width in inches (default 3 × height)
    on_dark: Path | None = None  # the image used on dark slides, e.g. a white version of the logo
    loc: Loc | None = field(default=None, compare=False)

    @property
    def slot_width(self) -> float:
        return self.width if self.width is not None else 3 * self.height

    def shows_on(self, slide_kind: str) -> bool:
        return self.slides == "all" or (self.slides == "cover") == (slide_kind == "cover")


@dataclass(frozen=True)
class Theme:
    name: str
    palette: dict[str, str]
    fonts: dict[str, FontPair]
    sizes: dict[str, float]
    labels: dict[str, dict[str, str]]
    slide_size: str = "16:9"
    footer_text: str = "{course}"
    slide_number: str = "{n}"
    logos: tuple[Logo, ...] = ()
    backgrounds: dict[str, Path] = field(default_factory=dict)
    description: str = ""
    chain: tuple[str, ...] = ()  # this theme and its parents, child first
    origins: dict[str, str] = field(default_factory=dict)  # dotted key -> file:line that set it
    template: Path | None = None  # a .pptx/.potx whose masters and layouts the decks use
    layouts: dict[str, str] = field(default_factory=dict)  # layout key -> layout name in the template
    slide_dims: tuple[float, float] | None = None  # the template's exact slide size in inches, when it has one
    sources: tuple[str, ...] = ()  # the theme files of the chain, child first (provenance, like origins)
    # where each palette colour was set (the file and line of the child or parent theme, a --set, or the
    # `template:` line for a template's colours), and which of them a theme chose rather than the built-in
    # default: what deckgen.legibility's palette report points at
    colour_locs: dict[str, Loc] = field(default_factory=dict, compare=False)
    colours_chosen: frozenset[str] = field(default_factory=frozenset, compare=False)

    @property
    def slide_inches(self) -> tuple[float, float]:
        return self.slide_dims or SLIDE_SIZES[self.slide_size]

    def label(self, key: str, language: str, **fields) -> str:
        from .languages import label_table
        return template_text.substitute(label_table(self.labels, language).get(key, key), fields)


def _mapping(name, keys, t, doc):
    return Obj(name, [Field(k, t, f"{doc}: {k}") for k in keys])


def _labels(lang: str) -> Obj:
    def doc(key: str) -> str:
        fields = LABEL_FIELDS.get(key, ())
        return f"label: {key}" + (f" (field: {', '.join('{' + f + '}' for f in fields)})" if fields else "")
    return Obj(f"{lang} labels", [Field(k, TemplateText(LABEL_FIELDS.get(k, ()),
                                                        MAX_SENTENCE if k in SENTENCE_LABELS else MAX_LABEL), doc(k))
                                  for k in LABEL_KEYS])


FONT_NAME = Text(max_len=MAX_FONT_NAME)
FONT_PAIR = Obj("font", [Field("latin", FONT_NAME, "typeface for Latin text", required=True),
                         Field("ea", FONT_NAME, "typeface for East Asian text", required=True)])
LOGO = Obj("logo", [
    Field("file", ImagePath(), "image file (PNG, JPEG, GIF, BMP or TIFF), relative to the theme folder", required=True),
    Field("on_dark", ImagePath(), "the image to use on dark slides (cover, dividers, dark themes), e.g. a white "
          "version of the logo"),
    Field("position", Choice(LOGO_POSITIONS), "corner of the slide", default="top-right"),
    Field("height", Number(0.2, 2.0), "height of the logo's slot in inches (at most the title band's height for "
          "top corners, the footer row's for bottom ones)", default=0.45),
    Field("width", Number(0.2, 6.0), "width of the logo's slot in inches (default: 3 × height); the image is "
          "scaled to fit the slot and the title or footer makes room for the slot, so swapping the image never "
          "moves anything else"),
    Field("slides", Choice(("all", "cover", "content")), "which slides show it: all, cover (only), content "
          "(all but the cover)", default="all"),
], build=lambda loc, **kw: Logo(loc=loc, **kw))

THEME = Obj("theme", [
    Field("name", Text(max_len=MAX_NAME), "the theme's name"),
    Field("description", Text(max_len=MAX_NAME), "one line about the look"),
    Field("extends", Text(max_len=MAX_NAME), "the parent theme"),
    Field("template", TemplatePath(), "a PowerPoint template (.pptx or .potx), relative to the theme folder: decks "
          "are built on its masters and layouts, with its own slides removed"),
    Field("layouts", _mapping("layouts", LAYOUT_KEYS, Text(max_len=MAX_NAME), "name of the layout used for"),
          "which layout, by name, each kind of slide uses: cover, divider, title_only (all other slides), or a "
          "kind on its own (agenda, content, cards, framework, case, exercise, debrief, closing, picture, blank)"),
    Field("slide", Obj("slide", [Field("size", Choice(tuple(SLIDE_SIZES)), "slide size", default="16:9")]),
          "slide settings"),
    Field("palette", _mapping("palette", PALETTE_SLOTS + tuple(OPTIONAL_PALETTE), Colour(), "colour"), "colours"),
    Field("fonts", Obj("fonts", [Field("heading", FONT_PAIR, "titles"), Field("body", FONT_PAIR, "body text")]),
          "typefaces"),
    Field("sizes", _mapping("sizes", SIZE_SLOTS, Number(8, 96), "size in points"), "type sizes in points"),
    Field("footer", Obj("footer", [
        Field("text", TemplateText(FOOTER_FIELDS, MAX_FOOTER, nonempty=False),
              "footer text; fields {course} {day} {trainer} {date}"),
        Field("slide_number", TemplateText(SLIDE_NUMBER_FIELDS, MAX_LABEL, nonempty=False),
              "slide number style: {n}, {n} / {total}, or empty for none"),
    ]), "footer"),
    Field("logos", ListOf(LOGO, 0, 2), "up to two logos (training company, client)", default=()),
    Field("backgrounds", _mapping("backgrounds", BACKGROUND_KINDS, ImagePath(), "background image for"),
          "background images: cover, divider, content (every other slide)"),
    Field("labels", Obj("labels", [Field(lang, _labels(lang), f"labels for {lang}") for lang in LABEL_TABLES]),
          "words the slides use, per language"),
], doc="a deckgen theme")


# --- finding themes ------------------------------------------------------------------------------

def theme_dirs(course_folder: Path | None = None, extra: list[Path] | None = None) -> list[Path]:
    """Where themes are looked for, first match wins: --themes-dir, ./themes, the course's project, built-in."""
    dirs: list[Path] = list(extra or [])
    dirs.append(Path.cwd() / "themes")
    if course_folder is not None:
        dirs.append(Path(course_folder).resolve().parent.parent / "themes")
    dirs.append(BUILTIN_THEMES)
    unique = []
    for d in dirs:
        r = d.resolve()
        if r not in unique and r.is_dir():
            unique.append(r)
    return unique


def available_themes(dirs: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in dirs:
        for f in sorted(d.glob(f"*/{THEME_FILE}")):
            found.setdefault(f.parent.name, f)
    return found


# --- resolution ----------------------------------------------------------------------------------

def merge(base: YNode, child: YNode) -> YNode:
    """Deep-merge theme nodes: mappings merge key by key, anything else in the child replaces the base."""
    if isinstance(base, YMap) and isinstance(child, YMap):
        entries = dict(base.entries)
        for key, (kloc, value) in child.entries.items():
            entries[key] = (kloc, merge(entries[key][1], value) if key in entries else value)
        return YMap(child.loc, entries)
    return child


def _origin_locs(node: YNode, prefix: str = "") -> dict[str, Loc]:
    if isinstance(node, YMap):
        out = {}
        for k, (_, v) in node.entries.items():
            out.update(_origin_locs(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): node.loc}


def _origins(node: YNode, prefix: str = "") -> dict[str, str]:
    return {k: str(v) for k, v in _origin_locs(node, prefix).items()}


def parse_overrides(assignments: list[str]) -> list[tuple[list[str], str]]:
    """`palette.primary=#0A5EB0` → (['palette', 'primary'], '#0A5EB0')."""
    out = []
    for a in assignments:
        key, sep, value = a.partition("=")
        where = Loc("--set " + (key.strip() or a)[:80])
        if not sep or not key.strip():
            raise DeckgenError(f"expected KEY=VALUE, e.g. palette.primary=#0A5EB0, not {a[:80]!r}", where)
        keys = [k.strip() for k in key.strip().split(".")]
        if any(not k for k in keys):
            raise DeckgenError("the key has an empty part; write e.g. palette.primary=#0A5EB0", where)
        out.append((keys, value))
    return out


def _override_node(path: list[str], value: str, loc: Loc) -> YNode:
    parsed = yamlsource.parse(value, loc) if value.strip() and not value.startswith("#") else None
    leaf = _at(parsed, loc) if parsed is not None else YScalar(loc, value, value, True)
    for key in reversed(path):
        leaf = YMap(loc, {key: (loc, leaf)})
    return leaf


def _at(node: YNode, loc: Loc) -> YNode:
    """The parsed value of a --set, every part of it reported at the --set (not at line 1 of its text)."""
    node.loc = loc
    if isinstance(node, YMap):
        node.entries = {k: (loc, _at(v, loc)) for k, (_, v) in node.entries.items()}
    elif isinstance(node, yamlsource.YSeq):
        node.items = [_at(i, loc) for i in node.items]
    return node


def resolve_theme(name: str | None, course_folder: Path | None = None, *, overrides: list[str] = (),
                  extra_dirs: list[Path] | None = None, name_loc: Loc | None = None) -> tuple[Theme, Diagnostics]:
    """Walk `extends:` to the root, merge child over parent, apply --set, validate once."""
    diags = Diagnostics()
    dirs = theme_dirs(course_folder, extra_dirs)
    known = available_themes(dirs)
    name = name or DEFAULT_THEME
    chain: list[tuple[str, Path, YMap]] = []
    current, asked_at = name, name_loc
    listing = ", ".join(sorted(known)) or "none"
    while True:
        if current in [c[0] for c in chain]:
            cycle = " → ".join([c[0] for c in chain] + [current])
            raise DeckgenError([_diag(f"themes extend each other in a circle: {cycle}", asked_at,
                                      f"themes available: {listing}; make one of them extend another "
                                      "theme, or none (every theme extends 'default' anyway)")])
        path = known.get(current)
        if path is None:
            where = ", ".join(display_path(d) for d in dirs)
            raise DeckgenError([_diag(f"unknown theme '{current}'; themes available: {listing}", asked_at,
                                      f"themes are folders holding theme.yaml, looked for in: {where}")])
        node = yamlsource.load(path)
        if node is None:
            node = YMap(Loc.of(path))
        if not isinstance(node, YMap):
            raise DeckgenError("a theme file must be a mapping of theme settings", node.loc)
        chain.append((current, path, node))
        parent = node.get("extends")
        if parent is None:
            if current != DEFAULT_THEME and DEFAULT_THEME in known:
                # every theme implicitly extends the built-in default, so a theme need only say what differs
                current, asked_at = DEFAULT_THEME, node.loc
                continue
            break
        if not isinstance(parent, YScalar) or not parent.text():
            raise DeckgenError("'extends' must be the name of a theme", parent.loc)
        current, asked_at = parent.text(), parent.loc
    merged: YNode = chain[-1][2]
    for _, _, node in reversed(chain[:-1]):
        merged = merge(merged, node)
    if overrides:
        for path_keys, value in parse_overrides(list(overrides)):
            merged = merge(merged, _override_node(path_keys, value, Loc("--set " + ".".join(path_keys))))
    raw = check_root(THEME, merged, diags, f"theme '{name}'", Loc.of(chain[0][1]))
    if raw is None:
        raise DeckgenError(diags.items)
    default_file = next((Loc.of(p).file for n, p, _ in chain if n == DEFAULT_THEME), None)
    theme = _build_theme(name, raw, tuple(c[0] for c in chain), _origin_locs(merged), default_file, merged,
                         diags, tuple(display_path(p) for _, p, _ in chain))
    diags.raise_if_errors()
    from .legibility import palette_contrast  # the fix the slides get decides what is worth a warning
    diags.extend([d for d in palette_contrast(theme) if d.severity != "note"])
    return theme, diags


def _diag(message: str, loc: Loc | None, hint: str | None = None):
    from .errors import ERROR, Diagnostic
    return Diagnostic(ERROR, message, loc, hint)


def _node_at(merged: YNode, dotted: str) -> YNode | None:
    node = merged
    for key in dotted.split("."):
        if not isinstance(node, YMap):
            return None
        node = node.get(key)
    return node


def _build_theme(name: str, raw: dict, chain: tuple[str, ...], locs: dict[str, Loc], default_file: str | None,
                 merged: YNode, diags: Diagnostics, sources: tuple[str, ...]) -> Theme:
    origins = {k: str(v) for k, v in locs.items()}

    def explicit(key: str) -> bool:
        """Set by a theme file other than the built-in default, or by --set."""
        loc = locs.get(key)
        return loc is not None and loc.file != default_file

    palette = {k: v for k, v in (raw["palette"] or {}).items() if v}
    fonts_raw = {k: dict(v) for k, v in (raw["fonts"] or {}).items() if v}
    slide_size = (raw["slide"] or {}).get("size") or "16:9"
    slide_dims = None
    template: Path | None = raw["template"]
    if template is not None:
        from .render.base import read_template
        info = read_template(template)
        tloc = locs.get("template")
        source = display_path(template)
        _template_palette(palette, origins, info.colours, explicit, source)
        for role, key in (("heading", "major"), ("body", "minor")):
            latin, ea = info.fonts.get(key, ("", ""))
            pair = fonts_raw.setdefault(role, {})
            for face, value in (("latin", latin), ("ea", ea)):
                if value and not explicit(f"fonts.{role}.{face}"):
                    pair[face] = value
                    origins[f"fonts.{role}.{face}"] = f"{source}: theme font ({key} {face})"
        slide_size, slide_dims = _template_size(info.size, tloc, diags)
        if slide_size is not None and explicit("slide.size") and raw["slide"]["size"] != slide_size:
            diags.error(f"slide.size is {raw['slide']['size']} but the template's slides are {slide_size}: "
                        "a deck takes its slide size from its template", locs["slide.size"],
                        "remove slide.size, or use a template of the size you want")
        slide_size = slide_size or "16:9"
        origins["slide.size"] = f"{source}: slide size"
    for slot, follows in OPTIONAL_PALETTE.items():
        if slot not in palette and follows in palette:
            palette[slot] = palette[follows]
            origins[f"palette.{slot}"] = f"{origins.get(f'palette.{follows}', '')} (follows palette.{follows})"
    missing = [f"palette.{k}" for k in PALETTE_SLOTS if not palette.get(k)]
    missing += [f"sizes.{k}" for k in SIZE_SLOTS if not (raw["sizes"] or {}).get(k)]
    missing += [f"fonts.{k}" for k in ("heading", "body") if not (fonts_raw.get(k) or {}).get("latin")
                or not (fonts_raw.get(k) or {}).get("ea")]
    if missing:
        raise DeckgenError(f"theme '{name}' does not set {', '.join(missing)} (and no parent theme does)")
    layouts = {k: v for k, v in (raw["layouts"] or {}).items() if v}
    _check_layouts(layouts, template, locs, diags)
    logos = tuple(raw["logos"] or ())
    _check_logos(logos, diags)
    footer = raw["footer"] or {}
    colour_locs = _colour_locs(palette, origins, locs)
    return Theme(
        name=name,
        description=raw["description"] or "",
        palette=palette,
        fonts={k: FontPair(v["latin"], v["ea"]) for k, v in fonts_raw.items()},
        sizes={k: float(v) for k, v in raw["sizes"].items()},
        labels={lang: dict(v) for lang, v in (raw["labels"] or {}).items() if v},
        slide_size=slide_size,
        footer_text=footer.get("text") if footer.get("text") is not None else "{course}",
        slide_number=footer.get("slide_number") if footer.get("slide_number") is not None else "{n}",
        logos=logos,
        backgrounds={k: v for k, v in (raw["backgrounds"] or {}).items() if v},
        chain=chain,
        origins=origins,
        template=template,
        layouts=layouts,
        slide_dims=slide_dims,
        sources=sources,
        colour_locs=colour_locs,
        colours_chosen=frozenset(slot for slot, loc in colour_locs.items() if loc.file != default_file),
    )


def _colour_locs(palette: dict, origins: dict[str, str], locs: dict[str, Loc]) -> dict[str, Loc]:
    """Each palette colour's place: the theme file line (or --set) that set it, the line of the colour it
    follows, or the `template:` line when the template's colours gave it."""
    def where(slot: str, seen: tuple = ()) -> Loc | None:
        key = f"palette.{slot}"
        origin, loc = origins.get(key, ""), locs.get(key)
        if loc is not None and origin == str(loc):
            return loc
        follows = re.search(r"\(follows palette\.(\w+)\)$", origin)
        if follows and follows.group(1) not in seen:
            return where(follows.group(1), seen + (slot,))
        return locs.get("template", loc)

    return {slot: loc for slot in palette if (loc := where(slot)) is not None}


def _template_palette(palette: dict, origins: dict, colours: dict, explicit, source: str) -> None:
    """Fill the palette from a template's theme colours wherever no theme file (or --set) says otherwise."""
    given = {}
    for element, slot in TEMPLATE_COLOURS.items():
        if element in colours and not explicit(f"palette.{slot}"):
            palette[slot] = colours[element]
            origins[f"palette.{slot}"] = f"{source}: theme colour {element}"
            given[slot] = element
    if not given:
        return
    for slot, follows in TEMPLATE_FOLLOW.items():
        if not explicit(f"palette.{slot}"):
            palette[slot] = palette[follows]
            origins[f"palette.{slot}"] = f"{origins.get(f'palette.{follows}', source)} (follows palette.{follows})"
    text, background = palette["text"], palette["background"]
    derived = {}
    if "primary" in given and not explicit("palette.on_primary"):
        derived["on_primary"] = max((background, text), key=lambda c: contrast(c, palette["primary"]))
    if ("text" in given or "background" in given) and not explicit("palette.muted"):
        t = 0.45
        while t > 0 and contrast(mix(text, background, t), background) < 4.6:
            t -= 0.05
        derived["muted"] = mix(text, background, max(t, 0))
    if ("text" in given or "background" in given) and not explicit("palette.line"):
        derived["line"] = mix(text, background, 0.82)
    for slot, value in derived.items():
        palette[slot] = value
        origins[f"palette.{slot}"] = f"{source}: derived from the theme colours"


def _template_size(size: tuple[int, int], loc: Loc | None, diags: Diagnostics):
    """The slide size name for a template's slides, and its exact inches when they are a standard size."""
    w, h = size
    ratio = w / h
    for name, (sw, sh) in SLIDE_SIZES.items():
        if abs(ratio - sw / sh) / (sw / sh) < 0.01:
            exact = abs(w / EMU_PER_INCH - sw) < 0.05 and abs(h / EMU_PER_INCH - sh) < 0.05
            return name, ((w / EMU_PER_INCH, h / EMU_PER_INCH) if exact else None)
    diags.error(f"the template's slides are {w / EMU_PER_INCH:.2f} × {h / EMU_PER_INCH:.2f} in; deckgen lays out "
                f"16:9 and 4:3 slides", loc, "in PowerPoint: Design → Slide Size → Widescreen (16:9) or "
                "Standard (4:3), then save the template again")
    return None, None


def _check_layouts(layouts: dict[str, str], template: Path | None, locs: dict[str, Loc],
                   diags: Diagnostics) -> None:
    from .render.layouts import DEFAULT_LAYOUTS, available_layouts
    names = available_layouts(template)
    where = f"the template {display_path(template)}" if template is not None else "deckgen's own master"
    listing = ", ".join(f"'{n}'" for n in dict.fromkeys(names))
    unnamed: dict[str, list[str]] = {}  # a default layout name the template lacks -> the keys using it
    for key in LAYOUT_KEYS:
        # deckgen's own master has a layout for every kind; a template must have the three defaults
        wanted = layouts.get(key, DEFAULT_LAYOUTS.get(key) if template is not None else None)
        if wanted is None or wanted in names:
            continue
        if key in layouts:
            diags.error(f"layouts.{key}: {where} has no layout named '{wanted}'; its layouts: {listing}",
                        locs.get(f"layouts.{key}"))
        else:
            unnamed.setdefault(wanted, []).append(key)
    for wanted, keys in unnamed.items():
        example = ", ".join(f"{k}: \"{names[0] if names else 'Title Only'}\"" for k in keys)
        diags.error(f"{where} has no layout named '{wanted}', which {_and(keys)} slides use unless the "
                    f"theme's `layouts:` names another; its layouts: {listing}", locs.get("template"),
                    f"say which layout each kind of slide uses, e.g. layouts: {{{example}}}")


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _check_logos(logos: tuple[Logo, ...], diags: Diagnostics) -> None:
    for i, a in enumerate(logos):
        for b in logos[i + 1:]:
            if a.position == b.position and (a.slides == "all" or b.slides == "all" or a.slides == b.slides):
                diags.error(f"two logos in the {a.position} corner on the same slides: give one another position "
                            "(or show one on the cover and the other on content slides)", b.loc)
