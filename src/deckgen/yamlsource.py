"""Safe YAML reading that keeps every node's file, line and column, with limits and input-method help."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import DeckgenError, Diagnostic, Diagnostics, ERROR, Loc, display_path

MAX_FILE_BYTES = 1 << 20  # an outline is a few KB; a megabyte is a mistake, not a course
MAX_DEPTH = 40
MAX_NODES = 100_000  # after alias expansion: stops "billion laughs" long before memory suffers


@dataclass
class YNode:
    loc: Loc


@dataclass
class YScalar(YNode):
    value: Any  # str, int, float, bool or None, as YAML 1.1's safe resolver reads it
    raw: str  # the text as written, so a title like `2026` or `yes` stays text
    quoted: bool = False

    def text(self) -> str | None:
        """The scalar as text when it is text-like (anything but null)."""
        if self.value is None and not self.quoted:
            return None
        if isinstance(self.value, str):
            return self.value
        return self.raw


@dataclass
class YSeq(YNode):
    items: list[YNode] = field(default_factory=list)


@dataclass
class YMap(YNode):
    # key -> (where the key is written, the value node)
    entries: dict[str, tuple[Loc, YNode]] = field(default_factory=dict)

    def get(self, key: str) -> YNode | None:
        hit = self.entries.get(key)
        return hit[1] if hit else None

    def key_loc(self, key: str) -> Loc:
        return self.entries[key][0]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def keys(self) -> Iterator[str]:
        return iter(self.entries)


def to_python(node: YNode | None) -> Any:
    """Plain dicts, lists and scalars, dropping locations."""
    if node is None:
        return None
    if isinstance(node, YMap):
        return {k: to_python(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, YSeq):
        return [to_python(i) for i in node.items]
    assert isinstance(node, YScalar)
    return node.value


def from_python(value: Any, loc: Loc) -> YNode:
    """Wrap plain data (from --set or a built-in default) as nodes that all point at `loc`."""
    if isinstance(value, dict):
        return YMap(loc, {str(k): (loc, from_python(v, loc)) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return YSeq(loc, [from_python(v, loc) for v in value])
    return YScalar(loc, value, "" if value is None else str(value), isinstance(value, str))


# --- Chinese input-method mistakes, found before YAML sees them --------------------------------

_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(\s*)：")
_SMART_QUOTED_KEY = re.compile(r"^(\s*(?:-\s+)?)([“”‘’「」])([A-Za-z_][\w-]*)[“”‘’「」]\s*[:：]")
_INDENT = re.compile(r"^[ \t\u3000]*")


def input_method_problems(text: str, loc: Loc) -> list[Diagnostic]:
    """Full-width colons and spaces, tabs and smart quotes where YAML's syntax needs ASCII."""
    found = []
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" \t\u3000")
        if stripped.startswith("#") or not stripped:
            continue
        indent = _INDENT.match(line).group(0)
        if "\u3000" in indent:
            col = indent.index("\u3000") + 1
            found.append(Diagnostic(ERROR, "full-width space (U+3000) in the indentation",
                                    Loc(loc.file, n, col), "indent with ordinary spaces; a Chinese input method "
                                    "types full-width spaces: switch it to half-width or retype the indentation"))
        if "\t" in indent:
            col = indent.index("\t") + 1
            found.append(Diagnostic(ERROR, "tab in the indentation: YAML indents with spaces only",
                                    Loc(loc.file, n, col), "replace the tab with spaces (2 per level)"))
        m = _FULLWIDTH_KEY.match(line)
        if m:
            col = len(m.group(1)) + len(m.group(2)) + len(m.group(3)) + 1
            found.append(Diagnostic(ERROR, f"full-width colon '：' after the key '{m.group(2)}'",
                                    Loc(loc.file, n, col), f"write '{m.group(2)}: …' with an ASCII colon and a space; "
                                    "the full-width colon comes from a Chinese input method"))
        m = _SMART_QUOTED_KEY.match(line)
        if m:
            found.append(Diagnostic(ERROR, f"curly quotes around the key '{m.group(3)}'",
                                    Loc(loc.file, n, len(m.group(1)) + 1),
                                    f"write the key without quotes ({m.group(3)}: …) or with straight quotes \"…\""))
    return found


# --- reading ------------------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The file's text, refusing what is not a UTF-8 text file of reasonable size."""
    loc = Loc.of(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DeckgenError("file not found", loc) from None
    except OSError as exc:
        raise DeckgenError(f"cannot read the file: {exc.strerror}", loc) from None
    if path.is_dir():
        raise DeckgenError("expected a YAML file, found a folder", loc)
    if size > MAX_FILE_BYTES:
        raise DeckgenError(f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,}): "
                           "an outline or theme is a few kilobytes", loc)
    data = path.read_bytes()
    return decode(data, loc)


def decode(data: bytes, loc: Loc) -> str:
    if b"\x00" in data[:8192]:
        raise DeckgenError("this is a binary file, not YAML text", loc)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"
        try:
            data.decode("gb18030")
            hint = "the file looks GBK/GB18030-encoded; " + hint
        except UnicodeDecodeError:
            pass
        raise DeckgenError([Diagnostic(ERROR, "the file is not UTF-8 text", Loc(loc.file, line, col), hint)]) from None


def load(path: Path) -> YNode | None:
    """Read a YAML file into location-carrying nodes; None for an empty document."""
    return parse(read_text(path), Loc.of(path))


def parse(text: str, loc: Loc) -> YNode | None:
    problems = input_method_problems(text, loc)
    if problems:
        raise DeckgenError(problems)
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise DeckgenError([_yaml_error(exc, loc)]) from None
    except yaml.YAMLError as exc:
        raise DeckgenError(f"not valid YAML: {exc}", loc) from None
    except RecursionError:
        raise DeckgenError(f"nesting is too deep (the limit is {MAX_DEPTH} levels)", loc) from None
    if root is None:
        return None
    return _Converter(loc.file).convert(root, 0)


def _yaml_error(exc: yaml.MarkedYAMLError, loc: Loc) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    where = Loc(loc.file, mark.line + 1, mark.column + 1) if mark else loc
    problem = exc.problem or "syntax error"
    if exc.context:
        problem = f"{problem} ({exc.context}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" at line {exc.context_mark.line + 1}"
        problem += ")"
    hint = None
    if "found character '\\t'" in problem:
        hint = "YAML indents with spaces only; replace the tab"
    elif "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be quoted, e.g. title: \"案例: 标题\""
    elif "could not find expected ':'" in problem:
        hint = "every line of a mapping needs 'key: value'; check for a full-width colon or a missing space after ':'"
    return Diagnostic(ERROR, f"YAML syntax: {problem}", where, hint)


_TEXT_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
_CORE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}


class _Converter:
    def __init__(self, file: str):
        self.file = file
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def loc(self, node: yaml.Node) -> Loc:
        return Loc(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node, depth: int) -> YNode:
        self.count += 1
        if self.count > MAX_NODES:
            raise DeckgenError(f"the document expands to more than {MAX_NODES:,} values (too many aliases?): "
                               "refusing to load it", self.loc(node))
        if depth > MAX_DEPTH:
            raise DeckgenError(f"nesting is too deep (the limit is {MAX_DEPTH} levels)", self.loc(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise DeckgenError(f"unsupported YAML tag {node.tag!r}", self.loc(node))
            return YSeq(self.loc(node), [self.convert(i, depth + 1) for i in node.value])
        assert isinstance(node, yaml.MappingNode)
        if node.tag != "tag:yaml.org,2002:map":
            raise DeckgenError(f"unsupported YAML tag {node.tag!r}", self.loc(node))
        result = YMap(self.loc(node))
        problems = []
        for key_node, value_node in node.value:
            key_loc = self.loc(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Diagnostic(ERROR, "a key must be plain text", key_loc))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Diagnostic(ERROR, "merge keys ('<<') are not supported: write the values out",
                                           key_loc))
                continue
            key = key_node.value
            if key in result.entries:
                first = result.entries[key][0]
                problems.append(Diagnostic(ERROR, f"duplicate key '{key}' (first given at line {first.line})",
                                           key_loc, "remove one of them: YAML would silently keep only the last"))
                continue
            result.entries[key] = (key_loc, self.convert(value_node, depth + 1))
        if problems:
            raise DeckgenError(problems)
        return result

    def scalar(self, node: yaml.ScalarNode) -> YScalar:
        loc = self.loc(node)
        quoted = node.style in ("'", '"', "|", ">")
        if node.tag in _TEXT_TAGS:
            return YScalar(loc, node.value, node.value, quoted)
        if node.tag not in _CORE_TAGS:
            raise DeckgenError(f"unsupported YAML tag {node.tag!r}: deckgen reads plain YAML only", loc)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise DeckgenError(f"cannot read this value: {exc}", loc) from None
        return YScalar(loc, value, node.value, quoted)


def load_all_problems(path: Path) -> tuple[YNode | None, list[Diagnostic]]:
    """Like `load`, but returns the diagnostics instead of raising."""
    try:
        return load(path), []
    except DeckgenError as exc:
        return None, exc.diagnostics


__all__ = ["YNode", "YScalar", "YSeq", "YMap", "load", "parse", "to_python", "from_python",
           "display_path", "load_all_problems"]
