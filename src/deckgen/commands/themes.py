"""`deckgen themes …`: list the themes, show a resolved theme and where each value comes from, scaffold a
new theme that extends another, and build a specimen deck that shows every kind of slide in a theme."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import yamlsource
from ..errors import ERROR, DeckgenError, Diagnostic, Diagnostics, Loc, display_path
from ..theme import (DEFAULT_THEME, LABEL_KEYS, LAYOUT_KEYS, OPTIONAL_PALETTE, PALETTE_SLOTS, SIZE_SLOTS,
                     THEME_FILE, Theme, available_themes, resolve_theme, theme_dirs)

SPECIMEN = Path(__file__).resolve().parent.parent / "specimen"
THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


# --- list ----------------------------------------------------------------------------------------

@dataclass
class ThemeEntry:
    name: str
    path: Path
    parent: str | None  # the theme it extends ("default" when it says nothing), None for the root
    description: str = ""
    template: str | None = None
    shadows: list[Path] = field(default_factory=list)  # same-named themes further down the search path
    problem: str | None = None  # why its file could not be read


def list_themes(extra_dirs: list[Path] | None = None, course_folder: Path | None = None) -> list[ThemeEntry]:
    """Every theme deckgen can find, by name, with what it extends and where it lives."""
    dirs = theme_dirs(course_folder, extra_dirs)
    known = available_themes(dirs)
    entries = []
    for name, path in sorted(known.items()):
        entry = ThemeEntry(name, path, None if name == DEFAULT_THEME else DEFAULT_THEME)
        entry.shadows = [d / name / THEME_FILE for d in dirs if (d / name / THEME_FILE).is_file()
                         and (d / name / THEME_FILE).resolve() != path.resolve()]
        try:
            node = yamlsource.load(path)
        except DeckgenError as exc:
            entry.problem = str(exc.diagnostics[0]) if exc.diagnostics else "cannot be read"
            entries.append(entry)
            continue
        if isinstance(node, yamlsource.YMap):
            for key in ("extends", "description", "template"):
                value = node.get(key)
                if isinstance(value, yamlsource.YScalar) and value.text():
                    if key == "extends":
                        entry.parent = value.text()
                    elif key == "description":
                        entry.description = value.text()
                    else:
                        entry.template = value.text()
        entries.append(entry)
    return entries


# --- show ----------------------------------------------------------------------------------------

def resolved_values(theme: Theme) -> list[tuple[str, str, str]]:
    """(dotted key, value, where it was set) for every value of a resolved theme, in a stable order."""
    rows: list[tuple[str, str, str]] = []
    o = theme.origins

    def add(key: str, value, origin_key: str | None = None):
        text = value if isinstance(value, str) else _show(value)
        rows.append((key, text, o.get(origin_key or key, "")))

    add("name", theme.name, "name")
    if theme.description:
        add("description", theme.description)
    add("extends", " → ".join(theme.chain[1:]) or "(none)", "extends")
    if theme.template is not None:
        add("template", display_path(theme.template))
    from ..render.layouts import layout_name_for
    for key in LAYOUT_KEYS:
        add(f"layouts.{key}", layout_name_for(theme, key))
    add("slide.size", theme.slide_size + (" ({:.3f} × {:.3f} in)".format(*theme.slide_inches)))
    for slot in PALETTE_SLOTS + tuple(OPTIONAL_PALETTE):
        add(f"palette.{slot}", theme.palette[slot])
    # the colours handouts, guides and workbooks print in: derived, so where they come from is the slide colour
    from ..print_palette import print_palette
    for slot, ink in print_palette(theme).items():
        slide = theme.palette.get(slot)
        rows.append((f"print.{slot}", ink, "as on the slides" if ink == slide else
                     f"for paper, from palette.{slot} {slide}" if slide else "for paper"))
    for role in ("heading", "body"):
        for face in ("latin", "ea"):
            add(f"fonts.{role}.{face}", getattr(theme.fonts[role], face))
    for key in SIZE_SLOTS:
        add(f"sizes.{key}", f"{theme.sizes[key]:g} pt")
    add("footer.text", repr(theme.footer_text))
    add("footer.slide_number", repr(theme.slide_number))
    if not theme.logos:
        add("logos", "(none)")
    for i, logo in enumerate(theme.logos, start=1):
        parts = [display_path(logo.file), logo.position, f"{logo.height:g} in high",
                 f"slot {logo.slot_width:g} in wide", f"slides: {logo.slides}"]
        if logo.on_dark is not None:
            parts.append(f"on dark: {display_path(logo.on_dark)}")
        rows.append((f"logos[{i}]", ", ".join(parts), str(logo.loc) if logo.loc else o.get("logos", "")))
    for kind in ("cover", "divider", "content"):
        if kind in theme.backgrounds:
            add(f"backgrounds.{kind}", display_path(theme.backgrounds[kind]))
    for lang in sorted(theme.labels):
        for key in LABEL_KEYS:
            if key in theme.labels[lang]:
                add(f"labels.{lang}.{key}", theme.labels[lang][key])
    return rows


def _show(value) -> str:
    if isinstance(value, Path):
        return display_path(value)
    return str(value)


def contrast_notes(theme: Theme) -> list[Diagnostic]:
    """What deckgen does, by design, about palette colours that do not read as chosen where it sets text in
    them (an accent shaded for text, a chip's light text turned dark): `themes show` lists them; problems
    are warnings of the theme itself (resolve_theme), which `check` and `build` report too."""
    from ..legibility import NOTE, palette_contrast
    return [d for d in palette_contrast(theme) if d.severity == NOTE]


def show_theme(name: str, *, overrides=(), extra_dirs: list[Path] | None = None,
               course_folder: Path | None = None) -> tuple[Theme, Diagnostics, list[tuple[str, str, str]]]:
    theme, diags = resolve_theme(name, course_folder, overrides=list(overrides), extra_dirs=extra_dirs)
    return theme, diags, resolved_values(theme)


# --- new -----------------------------------------------------------------------------------------

def new_theme(name: str, base: str, *, themes_dir: Path = Path("themes"),
              extra_dirs: list[Path] | None = None) -> Path:
    """Write THEMES_DIR/NAME/theme.yaml extending BASE, with commented examples; never overwrites."""
    if not THEME_NAME.fullmatch(name):
        raise DeckgenError(f"'{name}' is not a usable theme name: use letters, digits, '-', '_' and '.', "
                           "starting with a letter or digit (it becomes a folder name)")
    folder = Path(themes_dir) / name
    target = folder / THEME_FILE
    if target.exists() or (folder.exists() and any(folder.iterdir())):
        raise DeckgenError([Diagnostic(ERROR, f"theme '{name}' already exists at {display_path(folder)}: "
                                      "nothing written", None, "choose another name, or edit that theme")])
    dirs = list(extra_dirs or []) + [Path(themes_dir)]
    base_theme, _ = resolve_theme(base, extra_dirs=dirs)  # raises, listing the themes, when BASE is unknown
    text = scaffold(name, base_theme, target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_schema_copy(Path(themes_dir))
        tmp = target.with_name(f".{THEME_FILE}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise DeckgenError(f"cannot write {display_path(target)}: {exc.strerror or exc}") from None
    resolve_theme(name, extra_dirs=dirs)  # the scaffold itself must resolve
    return target


SCHEMA_COPY = "theme.schema.json"  # beside the theme folders, so editors find it wherever deckgen is installed


def _write_schema_copy(themes_dir: Path) -> None:
    """The theme schema beside the theme folders (the new theme's `$schema` points at it): a path into the
    installed package would break when the virtualenv moves or deckgen is upgraded. A file of that name
    that is not deckgen's theme schema is left alone."""
    from .schema import render
    copy = themes_dir / SCHEMA_COPY
    if copy.exists():
        try:
            if '"urn:deckgen:schema:theme"' not in copy.read_text(encoding="utf-8"):
                return
        except (OSError, UnicodeDecodeError):
            return
    tmp = copy.with_name(f".{SCHEMA_COPY}.tmp")
    tmp.write_text(render("theme"), encoding="utf-8")
    os.replace(tmp, copy)


def scaffold(name: str, base: Theme, target: Path) -> str:
    p, f = base.palette, base.fonts
    schema_line = f"# yaml-language-server: $schema=../{SCHEMA_COPY}\n"
    q = lambda s: '"' + s.replace('"', '\\"') + '"'  # noqa: E731
    return f"""{schema_line}# {name}: a theme of your own. It extends '{base.name}', so everything not set here comes from
# '{base.name}' (and in the end from deckgen's built-in default). To see every value and the file:line
# that set it:    deckgen themes show {name}
# To see it on every kind of slide:    deckgen themes specimen {name}
name: {name}
description: {q(f"My look, based on {base.name}.")}
extends: {base.name}

# Uncomment what you want to change; delete the rest. Colours are quoted: "#RRGGBB".
# palette:
#   primary: {q(p['primary'])}       # titles, the cover, agenda markers
#   accent1: {q(p['accent1'])}       # title bars, the first colour of every diagram
#   accent2: {q(p['accent2'])}       # the cover's rule and day chip, numbers on dividers
#   case: {q(p['case'])}          # case-study slides
#   exercise: {q(p['exercise'])}      # exercise and debrief slides
#   divider: {q(p['divider'])}       # module divider backgrounds
#   text: {q(p['text'])}          # body text
#   background: {q(p['background'])}    # every slide

# fonts:                          # Latin and East Asian typeface for titles and for body text
#   heading: {{latin: {f['heading'].latin}, ea: {f['heading'].ea}}}
#   body: {{latin: {f['body'].latin}, ea: {f['body'].ea}}}

# logos:                          # up to two (the training company and the client); a list here replaces
#   - file: my-logo.png           # the parent's whole list. Put the picture next to this file.
#     on_dark: my-logo-white.png  # optional: for the cover, dividers and dark themes
#     position: top-right         # top-left, top-right, bottom-left, bottom-right
#     height: 0.45                # inches
#     slides: all                 # all, cover, content (every slide but the cover)

# footer:
#   text: {q(base.footer_text)}    # fields: {{course}} {{day}} {{trainer}} {{date}}
#   slide_number: {q(base.slide_number)}            # "{{n}}", "{{n}} / {{total}}", or "" for none

# slide:
#   size: "4:3"                   # 16:9 (default) or 4:3

# backgrounds:                    # pictures behind the slides: cover, divider, content
#   cover: cover.jpg

# labels:                         # any word deckgen adds, per language: zh, zh-TW, ja, ko, en
#   zh: {{break: 休息, thank_you: 感谢聆听}}   # (every key: docs/themes.md, "Labels")
#   en: {{closing: Today in review}}

# template: my-template.pptx      # build on a corporate PowerPoint template (.pptx or .potx)
# layouts:                        # and say which of its layouts, by name, each kind of slide uses
#   cover: Title Slide
#   divider: Section Header
#   title_only: Title Only
"""


# --- specimen ------------------------------------------------------------------------------------

@dataclass
class SpecimenResult:
    path: Path
    slides: int
    kinds: list[str]  # slide kinds, in deck order, without repeats
    diagrams: list[str]
    diagnostics: Diagnostics
    theme: Theme
    slide_kinds: list[str] = field(default_factory=list)  # every slide's kind, in order


def specimen_module(number: int = 2) -> dict:
    """Module 2 of the specimen: one framework slide per diagram kind the registry can draw."""
    from ..diagrams import DIAGRAMS
    from ..outline import DIAGRAM_FIELDS
    samples = yaml.safe_load((SPECIMEN / "diagrams.yaml").read_text(encoding="utf-8")) or {}
    sections = []
    for kind in DIAGRAMS:
        sample = dict(samples.get(kind) or {})
        title = sample.pop("title", f"{kind}")
        takeaway = sample.pop("takeaway", None)
        if not sample and kind in DIAGRAM_FIELDS:
            sample = {f.name: _sample(f.type) for f in DIAGRAM_FIELDS[kind] if f.required}
        section = {"kind": "framework", "title": title, "minutes": 10, "diagram": {"kind": kind, **sample},
                   "notes": f"样张：{kind} 模型图。"}
        if takeaway:
            section["takeaway"] = takeaway
        sections.append(section)
    return {"number": number, "title": "模型图一览", "objectives": ["每种模型图在这个主题下的样子"],
            "notes": "样张模块：deckgen 能画的每一种模型图各一页。", "sections": sections}


def _sample(t, depth: int = 0):
    """A placeholder value for a field type (for diagram kinds diagrams.yaml has no sample for)."""
    from ..spec import AnyOf, Lazy, ListOf, Obj, Text
    if isinstance(t, Lazy):
        t = t.resolve()
    if isinstance(t, AnyOf):
        return _sample(t.options[0], depth)
    if isinstance(t, ListOf):
        n = max(t.min_items, min(t.max_items or 4, 4))
        return [_sample(t.item, depth + 1) if not isinstance(t.item, Text) else f"要素{i}" for i in range(1, n + 1)]
    if isinstance(t, Obj):
        return {f.name: _sample(f.type, depth + 1) for f in t.fields if f.required}
    return "示例"


def write_specimen(folder: Path) -> Path:
    """The specimen course as a course folder (module 2 generated from the diagram registry)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for f in ("course.yaml", "01-slides.yaml"):
        (folder / f).write_bytes((SPECIMEN / f).read_bytes())
    (folder / "02-models.yaml").write_text(
        yaml.safe_dump(specimen_module(), allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return folder


def build_specimen(name: str, out: Path | None = None, *, overrides=(), extra_dirs: list[Path] | None = None,
                   course_folder: Path | None = None) -> SpecimenResult:
    """Build the specimen course with theme NAME into one deck (default: specimen-NAME.pptx)."""
    from ..diagrams import DIAGRAMS
    from ..outline import load_course
    from ..planner import plan_course
    from ..render import render_deck
    from ..writer import write_atomic
    out = Path(out) if out is not None else Path(f"specimen-{name}.pptx")
    theme, theme_diags = resolve_theme(name, course_folder, overrides=list(overrides), extra_dirs=extra_dirs)
    with tempfile.TemporaryDirectory(prefix="deckgen-specimen-") as tmp:
        folder = write_specimen(Path(tmp) / "specimen")
        course, diags = load_course(folder)
        if diags.has_errors() or course is None:
            raise DeckgenError(diags.items)
        diags.extend(theme_diags)
        plan = plan_course(course, theme, diags)
        deck = plan.decks[0]
        diags.raise_if_errors()
        data = render_deck(deck, theme)
    if not data.startswith(b"PK"):
        from ..writer import normalise_zip
        data = normalise_zip(data)
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise DeckgenError(f"cannot write {display_path(out)}: {exc.strerror or exc}") from None
    kinds = list(dict.fromkeys(s.kind for s in deck.slides))
    # the specimen's own material should not warn; anything left is about the theme
    relevant = Diagnostics([d for d in diags.items if d.severity == "error" or d.loc is None
                            or not str(d.loc.file).startswith(str(Path(tempfile.gettempdir())))])
    return SpecimenResult(out, len(deck.slides), kinds, list(DIAGRAMS), relevant, theme,
                          [s.kind for s in deck.slides])


__all__ = ["list_themes", "show_theme", "contrast_notes", "resolved_values", "new_theme", "build_specimen",
           "specimen_module", "write_specimen",
           "ThemeEntry", "SpecimenResult", "Loc"]
