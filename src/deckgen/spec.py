"""Declarative field types: one definition drives validation (with file:line:col) and the JSON Schemas."""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import Diagnostics, Loc
from .yamlsource import YMap, YNode, YScalar, YSeq, unsafe_character

_INVALID = object()  # a value that failed validation; its diagnostic is already recorded
# Every text field has a length limit: the longest honest value (a section's facilitator notes) is a few
# thousand characters; a limit keeps a careless paste or a hostile file from reaching the layout engine.
MAX_TEXT = 10_000


def describe(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    assert isinstance(node, YScalar)
    v = node.value
    if v is None and not node.quoted:
        return "nothing (null)"
    if isinstance(v, bool):
        return f"{node.raw!r} (a yes/no value)"
    if isinstance(v, float) and not math.isfinite(v):
        return f"{node.raw!r} (not a finite number)"
    if isinstance(v, (int, float)):
        return f"the number {node.raw}"
    short = v if len(v) <= 30 else v[:27] + "…"
    return f"the text {short!r}"


class Type:
    """A kind of value. `check` returns the clean value or _INVALID after recording why."""

    def check(self, node: YNode, diags: Diagnostics, what: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError

    def expected(self) -> str:
        raise NotImplementedError

    def children(self) -> list["Type"]:
        """The types this one is made of (for collecting the `$defs` a schema document needs)."""
        return []


@dataclass
class Text(Type):
    pattern: str | None = None
    pattern_doc: str = ""
    nonempty: bool = True
    max_len: int | None = MAX_TEXT

    def check(self, node, diags, what):
        text = node.text() if isinstance(node, YScalar) else None
        if text is None:
            diags.error(f"{what} must be {self.expected()}, not {describe(node)}", node.loc)
            return _INVALID
        why = unsafe_character(text)
        if why is not None:  # values from --set; YAML files are checked as they are read
            diags.error(f"{what}: {why}", node.loc)
            return _INVALID
        text = text.strip() if not isinstance(node, YScalar) or not node.quoted else text
        if self.nonempty and not text.strip():
            diags.error(f"{what} must not be empty", node.loc)
            return _INVALID
        if self.pattern and not re.fullmatch(self.pattern, text):
            diags.error(f"{what} must be {self.expected()}, not {text!r}", node.loc)
            return _INVALID
        if self.max_len and len(text) > self.max_len:
            diags.error(f"{what} is too long ({len(text):,} characters; at most {self.max_len:,})", node.loc)
            return _INVALID
        return text

    def expected(self):
        return self.pattern_doc or "text"

    def schema(self):
        if self.pattern:
            s: dict = {"type": "string", "pattern": f"^(?:{self.pattern})$"}
        else:
            # `title: 2026` is text to deckgen (the value as written), so numbers and true/false are too
            s = {"type": ["string", "number", "boolean"]}
            if self.nonempty:
                s["pattern"] = r"\S"  # not empty or blank (applies to strings only)
        if self.max_len:
            s["maxLength"] = self.max_len
        return s


@dataclass
class _Bounded(Type):
    """A number with optional bounds; subclasses say which numbers and how to name them."""

    minimum: float | None = None
    maximum: float | None = None
    json_type = "number"
    noun = "a number"

    def accepts(self, v) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    def check(self, node, diags, what):
        v = node.value if isinstance(node, YScalar) else None
        if not isinstance(node, YScalar) or node.quoted or not self.accepts(v):
            diags.error(f"{what} must be {self.expected()}, not {describe(node)}", node.loc)
            return _INVALID
        if (self.minimum is not None and v < self.minimum) or (self.maximum is not None and v > self.maximum):
            diags.error(f"{what} must be {self.expected()}, not {v}", node.loc)
            return _INVALID
        return self.convert(v)

    def convert(self, v):
        return float(v)

    def expected(self):
        if self.minimum is not None and self.maximum is not None:
            return f"{self.noun} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f"{self.noun} of at least {self.minimum:g}"
        return self.noun

    def schema(self):
        s: dict = {"type": self.json_type}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        if self.maximum is not None:
            s["maximum"] = self.maximum
        return s


@dataclass
class Int(_Bounded):
    json_type = "integer"
    noun = "a whole number"

    def accepts(self, v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def convert(self, v):
        return v


@dataclass
class Number(_Bounded):
    pass


@dataclass
class Bool(Type):
    def check(self, node, diags, what):
        v = node.value if isinstance(node, YScalar) else None
        if not isinstance(v, bool):
            diags.error(f"{what} must be true or false, not {describe(node)}", node.loc)
            return _INVALID
        return v

    def expected(self):
        return "true or false"

    def schema(self):
        return {"type": "boolean"}


@dataclass
class Choice(Type):
    values: tuple[str, ...]

    def check(self, node, diags, what):
        text = node.text() if isinstance(node, YScalar) else None
        if text not in self.values:
            got = describe(node)
            hint = _suggest(text, self.values) if isinstance(text, str) else ""
            diags.error(f"{what} must be one of {', '.join(self.values)}, not {got}{hint}", node.loc)
            return _INVALID
        return text

    def expected(self):
        return "one of " + ", ".join(self.values)

    def schema(self):
        return {"type": "string", "enum": list(self.values)}


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    max_items: int | None = None

    def check(self, node, diags, what):
        if not isinstance(node, YSeq):
            diags.error(f"{what} must be a list, not {describe(node)}", node.loc,
                        "write one item per line, each starting with '- '")
            return _INVALID
        n = len(node.items)
        if n < self.min_items or (self.max_items is not None and n > self.max_items):
            diags.error(f"{what} has {n} item{'s' if n != 1 else ''}; {self._count()}", node.loc)
            return _INVALID
        out = []
        ok = True
        for i, item in enumerate(node.items, start=1):
            v = self.item.check(item, diags, f"item {i} of {what}")
            if v is _INVALID:
                ok = False
            out.append(v)
        return out if ok else _INVALID

    def _count(self):
        if self.max_items is None:
            return f"it needs at least {self.min_items}"
        if self.min_items == self.max_items:
            return f"it needs exactly {self.min_items}"
        return f"it takes {self.min_items} to {self.max_items}"

    def expected(self):
        return "a list"

    def children(self):
        return [self.item]

    def schema(self):
        s = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        if self.max_items is not None:
            s["maxItems"] = self.max_items
        return s


@dataclass
class Field:
    name: str
    type: Type
    doc: str
    required: bool = False
    default: Any = None


@dataclass
class Obj(Type):
    """A mapping with known keys. `build` turns the clean values (plus `loc`) into a dataclass."""

    name: str
    fields: list[Field]
    build: Callable[..., Any] | None = None
    doc: str = ""
    shorthand: Type | None = None  # a plain scalar accepted in place of the mapping (e.g. a point as text)
    shorthand_key: str = ""

    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def check(self, node, diags, what):
        if self.shorthand is not None and isinstance(node, YScalar):
            v = self.shorthand.check(node, diags, what)
            if v is _INVALID:
                return _INVALID
            values = {f.name: f.default for f in self.fields}
            values[self.shorthand_key] = v
            return self._make(values, node.loc)
        if not isinstance(node, YMap):
            alt = f" or {self.shorthand.expected()}" if self.shorthand else ""
            diags.error(f"{what} must be a mapping of {self.name} fields{alt}, not {describe(node)}", node.loc)
            return _INVALID
        if self.shorthand is not None and len(node.entries) == 1:
            [key] = node.keys()
            value = node.get(key)
            if key not in self.field_map() and isinstance(value, YScalar) and value.text() is not None:
                # `- Point 1: text` is YAML for a mapping {"Point 1": "text"}, not a point holding a colon
                text = f"{key}: {value.text()}"
                shown = text if len(text) <= 60 else text[:57] + "…"
                diags.error(f"{what} reads as the key '{key}' with the value {value.text()!r}: YAML takes "
                            f"': ' as the end of a key", node.key_loc(key),
                            f"to write a {self.name} whose text holds ': ', quote the whole text: - \"{shown}\"")
                return _INVALID
        return self.check_map(node, diags, what)

    def check_map(self, node: YMap, diags: Diagnostics, what: str, skip: tuple[str, ...] = ()):
        fields = self.field_map()
        values: dict[str, Any] = {}
        ok = True
        misspelt: set[str] = set()  # fields an unknown key was taken for: one mistake, one message
        for key in node.keys():
            if key in skip:
                continue
            if key not in fields:
                close = _closest(key, [f for f in fields if f not in node.entries])
                if close:
                    misspelt.add(close)
                diags.error(f"unknown key '{key}' in {what}{_suggest(key, list(fields))}", node.key_loc(key),
                            "valid keys: " + ", ".join(fields))
                ok = False
                continue
            v = fields[key].type.check(node.get(key), diags, f"'{key}'")
            if v is _INVALID:
                ok = False
            values[key] = v
        for f in self.fields:
            if f.name not in values:
                if f.required and f.name not in skip and f.name not in misspelt:
                    diags.error(f"{what} is missing the required key '{f.name}' ({f.doc})", node.loc)
                    ok = False
                values[f.name] = f.default() if callable(f.default) else f.default
        if not ok:
            return _INVALID
        return self._make(values, node.loc)

    def _make(self, values, loc):
        if self.build is None:
            return values
        return self.build(loc=loc, **values)

    def expected(self):
        return f"a mapping of {self.name} fields"

    def children(self):
        return [f.type for f in self.fields] + ([self.shorthand] if self.shorthand is not None else [])

    def schema(self):
        props = {}
        for f in self.fields:
            s = dict(f.type.schema())
            s["description"] = f.doc
            if isinstance(f.default, (str, int, float)) and not callable(f.default):
                s["default"] = f.default
            props[f.name] = s
        s = {"type": "object", "properties": props, "additionalProperties": False}
        if self.doc:
            s["description"] = self.doc
        req = [f.name for f in self.fields if f.required]
        if req:
            s["required"] = req
        if self.shorthand is not None:
            return {"anyOf": [self.shorthand.schema(), s]}
        return s


@dataclass
class Tagged(Type):
    """A mapping whose `tag` key picks which Obj describes the rest (a section's `kind`)."""

    name: str
    tag: str
    variants: dict[str, Obj]
    doc: str = ""

    def check(self, node, diags, what):
        if not isinstance(node, YMap):
            diags.error(f"{what} must be a mapping of {self.name} fields, not {describe(node)}", node.loc)
            return _INVALID
        tag_node = node.get(self.tag)
        if tag_node is None:
            diags.error(f"{what} is missing '{self.tag}' (one of {', '.join(self.variants)})", node.loc)
            return _INVALID
        kind = Choice(tuple(self.variants)).check(tag_node, diags, f"'{self.tag}'")
        if kind is _INVALID:
            return _INVALID
        return self.variants[kind].check_map(node, diags, f"{what} ({self.tag} {kind})", skip=(self.tag,))

    def expected(self):
        return f"a mapping of {self.name} fields"

    def children(self):
        return list(self.variants.values())

    def schema(self):
        options = []
        for kind, obj in self.variants.items():
            s = obj.schema()
            s["properties"] = {self.tag: {"const": kind, "description": self.doc}, **s["properties"]}
            s["required"] = [self.tag] + s.get("required", [])
            options.append(s)
        s = {"type": "object", "required": [self.tag],
             "properties": {self.tag: {"enum": list(self.variants), "description": self.doc}}, "oneOf": options}
        if self.doc:
            s["description"] = f"a {self.name}: its '{self.tag}' ({self.doc}) decides which other keys it takes"
        return s


@dataclass
class AnyOf(Type):
    """The first alternative whose shape matches the node (by YAML node kind)."""

    options: list[Type]

    def check(self, node, diags, what):
        for opt in self.options:
            if _shape_matches(opt, node):
                return opt.check(node, diags, what)
        diags.error(f"{what} must be {' or '.join(o.expected() for o in self.options)}, not {describe(node)}",
                    node.loc)
        return _INVALID

    def expected(self):
        return " or ".join(o.expected() for o in self.options)

    def children(self):
        return list(self.options)

    def schema(self):
        return {"anyOf": [o.schema() for o in self.options]}


def _shape_matches(t: Type, node: YNode) -> bool:
    if isinstance(t, (Obj, Tagged)):
        return isinstance(node, YMap) or (isinstance(t, Obj) and t.shorthand is not None
                                          and isinstance(node, YScalar))
    if isinstance(t, ListOf):
        return isinstance(node, YSeq)
    return isinstance(node, YScalar)


@dataclass
class Lazy(Type):
    """A forward reference, for recursive shapes such as points within points."""

    resolve: Callable[[], Type]
    ref: str

    def check(self, node, diags, what):
        return self.resolve().check(node, diags, what)

    def expected(self):
        return self.resolve().expected()

    def children(self):
        return [self.resolve()]

    def schema(self):
        return {"$ref": f"#/$defs/{self.ref}"}


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_document(t: Type, *, schema_id: str, title: str, description: str) -> dict:
    """A complete JSON Schema (draft 2020-12) for a file whose root is `t`, with the `$defs` its
    `Lazy` references point at."""
    defs: dict[str, dict] = {}
    seen: set[int] = set()

    def collect(node: Type) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, Lazy):
            defs.setdefault(node.ref, node.resolve().schema())
        for child in node.children():
            collect(child)

    collect(t)
    doc = {"$schema": SCHEMA_DIALECT, "$id": schema_id, "title": title, "description": description}
    doc.update({k: v for k, v in t.schema().items() if k != "description"})
    if defs:
        doc["$defs"] = dict(sorted(defs.items()))
    return doc


def _closest(word: str | None, options) -> str | None:
    if not word:
        return None
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(word: str | None, options) -> str:
    close = _closest(word, options)
    return f" (did you mean '{close}'?)" if close else ""


def check_root(t: Type, node: YNode | None, diags: Diagnostics, what: str, file_loc: Loc):
    """Validate a whole document; an empty document is reported at its first line."""
    if node is None:
        diags.error(f"the file is empty: expected {t.expected()}", Loc(file_loc.file, 1, 1))
        return None
    v = t.check(node, diags, what)
    return None if v is _INVALID else v


INVALID = _INVALID
