"""Edits to a YAML file's text that touch nothing but the values they change.

A value is replaced where it is written (the node's span, from the parser's marks), in the style it was
written in (plain, quoted or a `|` block); list items are removed, added and reordered as whole lines,
each item taking the comment lines just above it along. Everything else in the file (comments, blank
lines, key order, indentation, quoting of other values) stays byte for byte as it was.

Why not a round-trip library (ruamel.yaml): it re-emits the whole file with one indentation and quoting
scheme, so a file written by hand comes back with changes on lines nobody edited; here a change shows in
the diff as exactly the lines it touches. Every edit is checked by parsing the result again: the file must
read as the original data with exactly the intended changes, or nothing is written.
"""
from __future__ import annotations

import copy
import json
import re

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """The change cannot be made safely to this file's text (an unusual layout, or the value is gone)."""


def compose(text: str):
    return yaml.compose(text, Loader=_LOADER)


def find(root, path: tuple):
    """The node at `path`; a scalar stands for the one key of its short form (a point `- text` for
    {text: …}, a diagram item `- label` for {label: …})."""
    node = root
    for i, key in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    node = v
                    break
            else:
                raise EditError(f"no '{key}' at {_path_text(path[:i])}")
        elif isinstance(node, yaml.SequenceNode):
            if not isinstance(key, int) or not 0 <= key < len(node.value):
                raise EditError(f"no item {key} in {_path_text(path[:i])}")
            node = node.value[key]
        elif isinstance(node, yaml.ScalarNode) and i == len(path) - 1 and isinstance(key, str):
            return node
        else:
            raise EditError(f"{_path_text(path[:i])} holds no '{key}'")
    return node


def value_at(text: str, path: tuple):
    """The text value at `path` (None when there is none), and list values as lists of texts."""
    try:
        node = find(compose(text), path)
    except EditError:
        return None
    return _plain(node)


def plain(text: str):
    """The whole file as dicts, lists and scalar texts (numbers too are kept as written)."""
    root = compose(text)
    return None if root is None else _plain(root)


def _plain(node):
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return {k.value: _plain(v) for k, v in node.value}


def item_text(value) -> str | None:
    """A list item's text: the item itself, or its `text`/`label` (a point or diagram item mapping)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("text", "label"):
            if isinstance(value.get(key), str):
                return value[key]
    return None


def _path_text(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "the top level"


# --- rendering values -----------------------------------------------------------------------------

def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or (in_flow and any(c in text for c in ",[]{}")):
        return False
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


def render_inline(text: str, style: str | None, in_flow: bool = False) -> str:
    """`text` as a one-line YAML scalar, in the original style when that can hold it."""
    if not style and _plain_ok(text, in_flow):
        return text
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _block(text: str, node, new: str) -> tuple[str, str]:
    """A `|`/`>` block scalar rewritten as a `|` block holding `new` (its chomping kept), and the value
    YAML will read back."""
    original = text[node.start_mark.index:node.end_mark.index]
    header, _, body = original.partition("\n")
    m = re.fullmatch(r"([|>])([+-]?)(\s*(#.*)?)", header)
    if not m:
        raise EditError(f"a block scalar with an indentation indicator ({header!r}) is left alone")
    chomp = m.group(2)
    lines = [ln for ln in body.split("\n")]
    content = [ln for ln in lines if ln.strip()]
    if content:
        indent = len(content[0]) - len(content[0].lstrip(" "))
    else:
        key_col = node.start_mark.column
        indent = _indent_of(text, node.start_mark.index) + 2 if key_col else 2
    blank_after = len(body) - len(body.rstrip("\n")) - 1 if body.strip() else 0
    new_lines = new.rstrip("\n").split("\n")
    if len(new_lines) == 1 and m.group(1) == ">":
        style = ">"
    else:
        style = "|"
    rendered = style + chomp + m.group(3) + "\n" + "\n".join(
        (" " * indent + ln) if ln.strip() else "" for ln in new_lines) + "\n" + "\n" * max(blank_after, 0)
    stored = new.rstrip("\n") + ("" if chomp == "-" else "\n")
    if chomp == "+":
        stored = new.rstrip("\n") + "\n" + "\n" * max(blank_after, 0)
    return rendered, stored


def _indent_of(text: str, index: int) -> int:
    start = _line_start(text, index)
    line = text[start:_line_end(text, index)]
    return len(line) - len(line.lstrip(" "))


def set_value(text: str, path: tuple, new: str) -> tuple[str, str]:
    """The text with the scalar at `path` replaced by `new`, and the value YAML reads back there."""
    root = compose(text)
    node = find(root, path)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"{_path_text(path)} is not a text")
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        rendered, stored = _block(text, node, new)
        return text[:start] + rendered + text[end:], stored
    if "\n" in new.strip("\n") and not node.style and not _in_flow(root, node):
        # a multi-line text where a one-line value was: a `|` block under the key
        indent = _indent_of(text, start) + 2
        body = "\n".join((" " * indent + ln) if ln.strip() else "" for ln in new.strip("\n").split("\n"))
        tail = text[end:]
        rest_of_line = tail[:tail.find("\n") + 1] if "\n" in tail else tail
        if rest_of_line.strip():  # something after the value on its line (a comment): keep it inline
            return text[:start] + json.dumps(new, ensure_ascii=False) + text[end:], new
        return text[:start] + "|-\n" + body + text[end:], new.strip("\n")
    rendered = render_inline(new, node.style, _in_flow(root, node))
    return text[:start] + rendered + text[end:], new


def _in_flow(root, target) -> bool:
    def walk(node, flow):
        if node is target:
            return flow
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [v for _, v in node.value]
        else:
            return None
        inner = flow or bool(node.flow_style)
        for c in children:
            found = walk(c, inner)
            if found is not None:
                return found
        return None
    return bool(walk(root, False))


def _last_index(node) -> int:
    """Where the last value inside `node` ends."""
    if isinstance(node, yaml.ScalarNode):
        return node.end_mark.index
    if isinstance(node, yaml.SequenceNode):
        return _last_index(node.value[-1]) if node.value else node.end_mark.index
    return _last_index(node.value[-1][1]) if node.value else node.end_mark.index


def rewrite_list(text: str, path: tuple, sequence: list) -> str:
    """The list at `path` holding, in order, `sequence`: ("old", index) keeps an item (with its
    sub-items and comments), ("new", text) adds a one-line item."""
    root = compose(text)
    node = find(root, path)
    if not isinstance(node, yaml.SequenceNode):
        raise EditError(f"{_path_text(path)} is not a list")
    if not node.value:
        raise EditError(f"{_path_text(path)} is an empty list")
    if not sequence:
        raise EditError(f"every item of {_path_text(path)} would go: remove the list in the outline instead")
    in_flow = _in_flow(root, node) or bool(node.flow_style)
    if in_flow:
        pieces = [text[v.start_mark.index:v.end_mark.index] for v in node.value]
        rendered = [pieces[x] if kind == "old" else render_inline(x, None, True) for kind, x in sequence]
        return text[:node.start_mark.index] + "[" + ", ".join(rendered) + "]" + text[node.end_mark.index:]
    starts = []
    for item in node.value:
        line = _line_start(text, item.start_mark.index)
        head = text[line:item.start_mark.index]
        if not re.fullmatch(r" *- +", head):
            raise EditError(f"the items of {_path_text(path)} are not one per line ('- …'): left alone")
        dash_indent = len(head) - len(head.lstrip(" "))
        # comment lines just above the item (at its indentation) belong to it
        while line > 0:
            prev = _line_start(text, line - 1)
            above = text[prev:line]
            if above.strip().startswith("#") and len(above) - len(above.lstrip(" ")) == dash_indent:
                line = prev
            else:
                break
        starts.append(line)
    indent = _indent_of(text, node.value[0].start_mark.index)
    end = _last_index(node.value[-1])
    end = end if end > 0 and text[end - 1] == "\n" else _line_end(text, end)
    blocks = [text[s:e] for s, e in zip(starts, starts[1:] + [end])]
    blocks = [b if b.endswith("\n") else b + "\n" for b in blocks]
    out = []
    for kind, x in sequence:
        out.append(blocks[x] if kind == "old" else " " * indent + "- " + render_inline(x, None) + "\n")
    region = "".join(out)
    if not text[starts[0]:end].endswith("\n"):
        region = region[:-1]
    return text[:starts[0]] + region + text[end:]


# --- the data an edit should produce (to check the edited text against) -------------------------

def expected_set(data, path: tuple, value: str):
    """`data` (as `plain` reads a file) with the value at `path` set, short forms as `find` reads them."""
    data = copy.deepcopy(data)
    container, key, node = None, None, data
    for i, k in enumerate(path):
        if isinstance(node, str) and i == len(path) - 1:
            break
        container, key, node = node, k, node[k]
    container[key] = value
    return data


def expected_list(data, path: tuple, sequence: list):
    data = copy.deepcopy(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    old = parent[path[-1]]
    parent[path[-1]] = [copy.deepcopy(old[x]) if kind == "old" else x for kind, x in sequence]
    return data


def add_key(text: str, path: tuple, new: str) -> tuple[str, str]:
    """The text with `key: |` and `new` added at the end of the mapping at path[:-1] (a section without
    notes gets them), and the value YAML reads back."""
    root = compose(text)
    mapping = find(root, path[:-1])
    if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style or not mapping.value:
        raise EditError(f"cannot add '{path[-1]}' to {_path_text(path[:-1])}")
    key_col = mapping.value[0][0].start_mark.column
    end = _last_index(mapping.value[-1][1])
    end = end if end > 0 and text[end - 1] == "\n" else _line_end(text, end)
    body = "\n".join((" " * (key_col + 2) + ln) if ln.strip() else "" for ln in new.strip("\n").split("\n"))
    insert = " " * key_col + f"{path[-1]}: |\n{body}\n"
    if end and text[end - 1] != "\n":
        insert = "\n" + insert
    return text[:end] + insert + text[end:], new.strip("\n") + "\n"


def expected_add(data, path: tuple, value: str):
    data = copy.deepcopy(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data
