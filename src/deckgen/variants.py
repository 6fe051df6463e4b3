"""Course variants and client editions: one loaded course folder turned into the plain course of one edition.

Applied after loading and before planning, so the planner, the schedule and every document see an ordinary
course: the variant's days and modules, its sections (`only:` / `skip:` honoured), its minutes, its cover
fields and theme, and the client's values in place of `{client}` … in every text.

Placeholders are a closed set: `{client}`, `{client_short}`, `{industry}`, `{product}` and the names of the
client file's `examples:`. An unknown one is an error at the text that uses it, listing the known ones;
`{{` and `}}` write literal braces. Text is only substituted when a client file is in effect (the course's
`client:` or the variant's), so a course without one keeps its braces as written.
(Issue #18 plans a safe templating function for theme labels; this closed-field substitution is
deliberately small and local until that lands.)
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import yamlsource
from .errors import DeckgenError, Diagnostics, Loc
from .outline import (RESERVED_VARIANTS, Course, Day, Module, Section, SourceRef, VariantDay, find_section)
from .spec import INVALID, Field, Obj, Text, Type, _suggest, check_root, describe
from .yamlsource import YMap

DEFAULT = RESERVED_VARIANTS[0]  # the course as written
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\s]*)\}")
IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"


@dataclass(frozen=True)
class Client:
    """A client file: the values substituted into the text, and an optional logo for the cover."""

    name: str
    short_name: str | None = None
    industry: str | None = None
    product: str | None = None
    logo: Path | None = None
    examples: tuple[tuple[str, str], ...] = ()
    path: Path | None = None
    loc: Loc | None = None

    def values(self) -> dict[str, str]:
        fields = {"client": self.name, "client_short": self.short_name or self.name,
                  "industry": self.industry, "product": self.product}
        fields.update(self.examples)
        return {k: v for k, v in fields.items() if v is not None}


class _Examples(Type):
    """A mapping of placeholder names to texts."""

    def check(self, node, diags, what):
        if not isinstance(node, YMap):
            diags.error(f"{what} must be a mapping of names to texts, not {describe(node)}", node.loc,
                        "e.g. big_deal: 某省电网年度框架协议 (then write {big_deal} in the text)")
            return INVALID
        out, ok = [], True
        for key in node.keys():
            if not re.fullmatch(IDENTIFIER, key) or key in CLIENT_FIELDS:
                diags.error(f"'{key}' cannot name an example: use letters, digits and _ (not starting with a "
                            f"digit), and none of {', '.join(CLIENT_FIELDS)}", node.key_loc(key))
                ok = False
                continue
            v = Text().check(node.get(key), diags, f"example '{key}'")
            if v is INVALID:
                ok = False
            else:
                out.append((key, v))
        return tuple(out) if ok else INVALID

    def expected(self):
        return "a mapping of names to texts"

    def schema(self):
        return {"type": "object", "additionalProperties": {"type": "string"}}


CLIENT_FIELDS = ("client", "client_short", "industry", "product")


def _client_type() -> Obj:
    from .theme import ImagePath  # images are checked as the theme checks its logos
    return Obj("client", [
        Field("name", Text(), "the client's name: {client}", required=True),
        Field("short_name", Text(), "a short name: {client_short} (default: the name)"),
        Field("industry", Text(), "the client's industry: {industry}"),
        Field("product", Text(), "the client's product: {product}"),
        Field("logo", ImagePath(), "the client's logo (PNG, JPEG), shown at the cover's top left"),
        Field("examples", _Examples(), "more placeholders: name: text, written {name} in the outline",
              default=()),
    ], build=lambda loc, **kw: Client(loc=loc, **kw), doc="a client file: values for {client} … and a logo")


def variant_names(course: Course) -> list[str]:
    """Every edition `build --all-variants` writes: the course as written first."""
    return [DEFAULT] + [v.name for v in course.variants]


def apply(course: Course, name: str | None, diags: Diagnostics) -> tuple[Course, Client | None]:
    """The plain course of variant `name` (None or 'default': the course as written), and the client file
    in effect (its logo goes on the cover)."""
    name = name or DEFAULT
    variant = None
    if name != DEFAULT:
        variant = next((v for v in course.variants if v.name == name), None)
        if variant is None:
            raise DeckgenError(_unknown_variant(name, variant_names(course), course.loc))
    days = course.days if variant is None or not variant.days else _days(variant.days)
    if variant is not None:
        days = _with_minutes(days, variant, Path(course.folder), diags)
    days = tuple(replace(d, modules=tuple(m for m in (_sections_of(m, name, diags) for m in d.modules) if m))
                 for d in days)
    out = replace(course, days=days, variants=(), variant=None if variant is None else name)
    if variant is not None and variant.renumber:
        numbers = iter(range(1, 1000))
        out = replace(out, days=tuple(replace(d, modules=tuple(replace(m, number=next(numbers))
                                                                for m in d.modules)) for d in out.days))
    if variant is not None:
        if variant.theme is not None:
            out = replace(out, theme=variant.theme, theme_loc=variant.theme_loc)
        _check_numbers(out, diags)
    client_ref = variant.client if variant is not None and variant.client is not None else course.client
    client = load_client(course.folder, client_ref, diags) if client_ref is not None else None
    fields = dict(variant.fields) if variant is not None else {}
    if client is not None:
        # each text substituted once (a `{{` written as `{` must stay so), a variant's own fields at its place
        out = substitute(out, client, diags)
        fields = {k: fill(v, client.values(), variant.loc, diags) for k, v in fields.items()}
    elif client_ref is None:  # (a client file that failed to load has said so already)
        out = _warn_placeholders(replace(out, **fields), diags)
    return replace(out, **fields), client


def _unknown_variant(name: str, known: list[str], loc: Loc | None):
    from .errors import Diagnostic
    return Diagnostic("error", f"this course has no variant '{name}'{_suggest(name, known)}", loc,
                      "variants: " + ", ".join(known))


def _days(vdays: tuple[VariantDay, ...]) -> tuple[Day, ...]:
    return tuple(Day(title=vd.title, start=vd.start, end=vd.end, breaks=vd.breaks or (), modules=vd.modules,
                     number=i, loc=vd.loc) for i, vd in enumerate(vdays, 1))


def _sections_of(module: Module, variant: str, diags: Diagnostics) -> Module | None:
    kept = tuple(s for s in module.sections if taught_in(s, variant))
    if len(kept) == len(module.sections):
        return module
    if not kept:
        diags.warning(f"every section of module '{module.title}' is left out of variant '{variant}' "
                      "(only:/skip:), so the module is too", module.loc)
        return None
    return replace(module, sections=kept)


def taught_in(section: Section, variant: str) -> bool:
    if section.only:
        return variant in section.only
    return variant not in section.skip


def _with_minutes(days: tuple[Day, ...], variant, folder: Path, diags: Diagnostics) -> tuple[Day, ...]:
    """The days with the variant's `minutes:` overrides applied to the sections they name."""
    by_path = {m.path.resolve(): m for d in days for m in d.modules if m.path}
    changes: dict[int, dict[int, int]] = {}  # id(module) -> section index -> minutes
    for o in variant.minutes:
        module = by_path.get((folder / o.module.name).resolve())
        if module is None:
            diags.error(f"variant '{variant.name}' does not teach module file '{o.module.name}', so its minutes "
                        "cannot be changed here", o.module.loc,
                        "its modules: " + ", ".join(sorted(p.name for p in by_path)))
            continue
        index = find_section(module, o, diags)
        if index is not None:
            changes.setdefault(id(module), {})[index] = o.minutes

    def retime(m: Module) -> Module:
        new = changes.get(id(m))
        if not new:
            return m
        return replace(m, sections=tuple(replace(s, minutes=new.get(i, s.minutes))
                                         for i, s in enumerate(m.sections)))
    return tuple(replace(d, modules=tuple(retime(m) for m in d.modules)) for d in days)


def _check_numbers(course: Course, diags: Diagnostics) -> None:
    seen: dict[int, Module] = {}
    for m in course.modules:
        other = seen.setdefault(m.number, m)
        if other is not m:
            diags.error(f"in variant '{course.variant}', module number {m.number} is used by both "
                        f"{Loc.of(other.path)} and {Loc.of(m.path)}", m.loc, "give each module its own number")


# --- the client file -------------------------------------------------------------------------------

def load_client(folder: Path, ref: SourceRef, diags: Diagnostics) -> Client | None:
    path = Path(folder) / ref.name
    if not path.is_file():
        diags.error(f"client file '{ref.name}' not found in {Loc.of(folder)}", ref.loc,
                    "a client file holds name:, and optionally short_name:, industry:, product:, logo:, "
                    "examples:")
        return None
    try:
        node = yamlsource.load(path)
    except DeckgenError as exc:
        diags.extend(exc.diagnostics)
        return None
    client = check_root(_client_type(), node, diags, "the client file", Loc.of(path))
    return replace(client, path=path) if client is not None else None


# --- substitution ----------------------------------------------------------------------------------

# Fields that hold names, clock times and references rather than text a participant reads.
_NOT_TEXT = frozenset({"kind", "loc", "path", "folder", "slug", "language", "theme", "theme_loc", "lead",
                       "only", "skip", "start", "end", "at", "variant", "variants", "client", "facilitators",
                       "number", "minutes", "type_loc", "trainers",
                       # pictures, tables, charts and links (deckgen.media): their files, addresses, settings
                       "url", "source", "fit", "position", "format", "width", "height"})


def substitute(course: Course, client: Client, diags: Diagnostics) -> Course:
    """Every text of the course with `{name}` replaced by the client's value."""
    values = client.values()
    return _walk(course, course.loc, lambda text, loc: fill(text, values, loc, diags))


def fill(text: str, values: dict[str, str], loc: Loc | None, diags: Diagnostics) -> str:
    """`text` with each `{name}` replaced from `values` (a closed set); `{{`/`}}` are literal braces."""
    if "{" not in text and "}" not in text:
        return text

    def one(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        name = m.group(1)
        if name in values:
            return values[name]
        if name in CLIENT_FIELDS:
            diags.error(f"{m.group(0)} in '{_short(text)}' has no value: the client file gives no "
                        f"'{name}'", loc, f"add '{name}:' to the client file")
            return m.group(0)
        known = ", ".join("{" + k + "}" for k in values)
        diags.error(f"unknown placeholder {m.group(0)} in '{_short(text)}'{_suggest(name, list(values))}", loc,
                    f"the client file gives {known}; write {{{{ and }}}} for literal braces")
        return m.group(0)
    return PLACEHOLDER.sub(one, text)


def _warn_placeholders(course: Course, diags: Diagnostics) -> Course:
    """Without a client file, a known placeholder stays as written: say so once per text."""
    if not _has_braces(course):
        return course  # the common case, found without walking every text of a long course

    def warn(text: str, loc: Loc | None) -> str:
        for m in PLACEHOLDER.finditer(text):
            if m.group(1) in CLIENT_FIELDS:
                diags.warning(f"{m.group(0)} stays as written in '{_short(text)}': no client file is in effect",
                              loc, "add 'client: client.yaml' to course.yaml or to the variant")
                break
        return text
    _walk(course, course.loc, warn)
    return course


def _has_braces(course: Course) -> bool:
    """Whether course.yaml or a module file has a '{' anywhere (a flow mapping counts: this only decides
    whether to look closer)."""
    files = {m.path for m in course.modules if m.path}
    if course.loc is not None:
        files.add(Path(course.folder) / "course.yaml")
    for path in files:
        try:
            if b"{" in Path(path).read_bytes():
                return True
        except OSError:
            return True
    return False


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "…"


def _walk(obj, loc: Loc | None, fn):
    """`obj` with `fn(text, nearest loc)` applied to every participant-facing text inside it."""
    if isinstance(obj, str):
        return fn(obj, loc)
    if isinstance(obj, tuple):
        out = tuple(_walk(v, loc, fn) for v in obj)
        return obj if all(a is b for a, b in zip(out, obj)) else type(obj)(out) if type(obj) is tuple else \
            _same_kind(obj, out)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        here = getattr(obj, "loc", None) or loc
        changes = {}
        for f in dataclasses.fields(obj):
            if f.name in _NOT_TEXT:
                continue
            v = getattr(obj, f.name)
            new = _walk(v, here, fn)
            if new is not v:
                changes[f.name] = new
        return replace(obj, **changes) if changes else obj
    return obj


def _same_kind(original: tuple, items: tuple) -> tuple:
    """A tuple subclass (a grid row's Cells) rebuilt with its location kept."""
    new = type(original)(items)
    if hasattr(original, "loc"):
        new.loc = original.loc
    return new
