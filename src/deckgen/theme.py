"""Themes: the theme file format, finding themes, `extends:` inheritance, overrides and resolution."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsource
from .errors import DeckgenError, Diagnostics, Loc
from .spec import INVALID, Choice, Field, ListOf, Number, Obj, Text, check_root
from .yamlsource import YMap, YNode, YScalar

BUILTIN_THEMES = Path(__file__).parent / "themes"
THEME_FILE = "theme.yaml"
DEFAULT_THEME = "default"

PALETTE_SLOTS = ("primary", "on_primary", "text", "muted", "background", "panel", "line",
                 "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                 "framework", "case", "exercise", "divider")
SIZE_SLOTS = ("cover_title", "title", "subtitle", "body", "body_min", "small", "caption", "diagram_min")
LABEL_KEYS = ("agenda", "case", "exercise", "framework", "objectives", "key_points", "background", "questions",
              "task", "groups", "steps", "deliverable", "debrief", "minutes", "continued", "closing", "takeaways",
              "next_steps", "break", "lunch", "module", "day", "thank_you")
LOGO_POSITIONS = ("top-left", "top-right", "bottom-left", "bottom-right")
SLIDE_SIZES = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}


class Colour(Text):
    def __init__(self):
        super().__init__(pattern=r"#?[0-9A-Fa-f]{6}", pattern_doc='a colour such as "#1B3A5C" (quoted: '
                         'an unquoted # starts a YAML comment)')

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        return v if v is INVALID else "#" + v.lstrip("#").upper()


class AssetPath(Text):
    """A file name relative to the theme folder that set it; it must exist."""

    def check(self, node, diags, what):
        v = super().check(node, diags, what)
        if v is INVALID:
            return v
        base = Path(node.loc.file).parent
        path = (base / v)
        if not path.is_file():
            diags.error(f"{what}: file '{v}' not found (looked in {Loc.of(base)})", node.loc)
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
    slides: str = "all"


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
    origins: dict[str, str] = field(default_factory=dict)  # dotted key -> file that set it

    @property
    def slide_inches(self) -> tuple[float, float]:
        return SLIDE_SIZES[self.slide_size]

    def label(self, key: str, language: str, **fields) -> str:
        table = self.labels.get("zh" if language.startswith("zh") else "en") or self.labels["en"]
        text = table.get(key, key)
        return text.format(**fields) if fields else text


def _mapping(name, keys, t, doc):
    return Obj(name, [Field(k, t, f"{doc}: {k}") for k in keys])


FONT_PAIR = Obj("font", [Field("latin", Text(), "typeface for Latin text", required=True),
                         Field("ea", Text(), "typeface for East Asian text", required=True)])
LOGO = Obj("logo", [
    Field("file", AssetPath(), "image file, relative to the theme folder", required=True),
    Field("position", Choice(LOGO_POSITIONS), "corner of the slide", default="top-right"),
    Field("height", Number(0.2, 2.0), "height in inches", default=0.45),
    Field("slides", Choice(("all", "cover", "content")), "which slides show it", default="all"),
], build=lambda loc, **kw: Logo(**kw))

THEME = Obj("theme", [
    Field("name", Text(), "the theme's name"),
    Field("description", Text(), "one line about the look"),
    Field("extends", Text(), "the parent theme"),
    Field("slide", Obj("slide", [Field("size", Choice(tuple(SLIDE_SIZES)), "slide size", default="16:9")]),
          "slide settings"),
    Field("palette", _mapping("palette", PALETTE_SLOTS, Colour(), "colour"), "colours"),
    Field("fonts", Obj("fonts", [Field("heading", FONT_PAIR, "titles"), Field("body", FONT_PAIR, "body text")]),
          "typefaces"),
    Field("sizes", _mapping("sizes", SIZE_SLOTS, Number(8, 96), "size in points"), "type sizes in points"),
    Field("footer", Obj("footer", [
        Field("text", Text(nonempty=False), "footer text; fields {course} {day} {trainer} {date}"),
        Field("slide_number", Text(nonempty=False), "slide number style: {n}, {n} / {total}, or empty for none"),
    ]), "footer"),
    Field("logos", ListOf(LOGO, 0, 2), "up to two logos (training company, client)", default=()),
    Field("backgrounds", _mapping("backgrounds", ("cover", "divider", "content"), AssetPath(), "background image"),
          "background images"),
    Field("labels", Obj("labels", [Field(lang, _mapping(f"{lang} labels", LABEL_KEYS, Text(), "label"),
                                         f"labels for {lang}") for lang in ("zh", "en")]),
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


def _origins(node: YNode, prefix: str = "") -> dict[str, str]:
    if isinstance(node, YMap):
        out = {}
        for k, (_, v) in node.entries.items():
            out.update(_origins(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): str(node.loc)}


def parse_overrides(assignments: list[str]) -> list[tuple[list[str], str]]:
    """`palette.primary=#0A5EB0` → (['palette', 'primary'], '#0A5EB0')."""
    out = []
    for a in assignments:
        key, sep, value = a.partition("=")
        if not sep or not key.strip():
            raise DeckgenError(f"--set {a!r}: expected KEY=VALUE, e.g. palette.primary=#0A5EB0")
        out.append(([k for k in key.strip().split(".")], value))
    return out


def _override_node(path: list[str], value: str, loc: Loc) -> YNode:
    parsed = yamlsource.parse(value, loc) if value.strip() and not value.startswith("#") else None
    leaf = parsed if parsed is not None else YScalar(loc, value, value, True)
    for key in reversed(path):
        leaf = YMap(loc, {key: (loc, leaf)})
    return leaf


def resolve_theme(name: str | None, course_folder: Path | None = None, *, overrides: list[str] = (),
                  extra_dirs: list[Path] | None = None, name_loc: Loc | None = None) -> tuple[Theme, Diagnostics]:
    """Walk `extends:` to the root, merge child over parent, apply --set, validate once."""
    diags = Diagnostics()
    dirs = theme_dirs(course_folder, extra_dirs)
    known = available_themes(dirs)
    name = name or DEFAULT_THEME
    chain: list[tuple[str, Path, YMap]] = []
    current, asked_at = name, name_loc
    while True:
        if current in [c[0] for c in chain]:
            cycle = " → ".join([c[0] for c in chain] + [current])
            raise DeckgenError(f"themes extend each other in a circle: {cycle}", asked_at)
        path = known.get(current)
        if path is None:
            raise DeckgenError(f"unknown theme '{current}'; themes available: {', '.join(sorted(known))}",
                               asked_at, )
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
    theme = _build_theme(name, raw, tuple(c[0] for c in chain), _origins(merged), diags)
    return theme, diags


def _build_theme(name: str, raw: dict, chain: tuple[str, ...], origins: dict[str, str], diags) -> Theme:
    missing = [f"palette.{k}" for k in PALETTE_SLOTS if not (raw["palette"] or {}).get(k)]
    missing += [f"sizes.{k}" for k in SIZE_SLOTS if not (raw["sizes"] or {}).get(k)]
    fonts = raw["fonts"] or {}
    missing += [f"fonts.{k}" for k in ("heading", "body") if not fonts.get(k)]
    if missing:
        raise DeckgenError(f"theme '{name}' does not set {', '.join(missing)} (and no parent theme does)")
    footer = raw["footer"] or {}
    return Theme(
        name=name,
        description=raw["description"] or "",
        palette=dict(raw["palette"]),
        fonts={k: FontPair(**v) for k, v in fonts.items() if v},
        sizes={k: float(v) for k, v in raw["sizes"].items()},
        labels={lang: dict(v) for lang, v in (raw["labels"] or {}).items() if v},
        slide_size=(raw["slide"] or {}).get("size") or "16:9",
        footer_text=footer.get("text") if footer.get("text") is not None else "{course}",
        slide_number=footer.get("slide_number") if footer.get("slide_number") is not None else "{n}",
        logos=tuple(raw["logos"] or ()),
        backgrounds={k: v for k, v in (raw["backgrounds"] or {}).items() if v},
        chain=chain,
        origins=origins,
    )
