"""Text templates from themes (`{n} min`, `{course} · {day}`): a closed set of named fields, nothing else.

A theme is shared between co-facilitators, so its text must never reach `str.format`: a format spec
(`{n:>2000000000}`) can exhaust memory and a field name can walk attributes (`{n.__class__}`). Here a
template is `{name}` with a name the caller allows, `{{` and `}}` for literal braces, and text; width,
precision, conversions, attribute and index access, positional fields and unknown names are refused with
the column where they start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class TemplateProblem:
    """What is wrong with a template, and where (0-based offset in its text)."""

    message: str
    offset: int


def problem(text: str, allowed: tuple[str, ...] | frozenset[str]) -> TemplateProblem | None:
    """The first thing wrong with `text` as a template whose fields may be `allowed`, or None."""
    fields = ", ".join("{" + f + "}" for f in allowed) or "none"
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "}":
            if text.startswith("}}", i):
                i += 2
                continue
            return TemplateProblem("a lone '}': write '}}' for a literal brace", i)
        if ch != "{":
            i += 1
            continue
        if text.startswith("{{", i):
            i += 2
            continue
        m = _FIELD.match(text, i)
        if m is None:
            close = text.find("}", i)
            inside = text[i + 1: close] if close >= 0 else text[i + 1:]
            return TemplateProblem(_why(inside, close >= 0, fields), i)
        if m.group(1) not in allowed:
            return TemplateProblem(f"unknown field {{{m.group(1)}}}: this text takes {fields}", i)
        i = m.end()
    return None


def _why(inside: str, closed: bool, fields: str) -> str:
    if not closed:
        return f"a '{{' that is never closed: fields are written {{name}} ({fields}); write '{{{{' for a brace"
    if inside == "":
        return f"an empty field '{{}}': name one of {fields}"
    name = re.match(r"[A-Za-z0-9_]*", inside).group(0)
    rest = inside[len(name):]
    if name.isdigit():
        return f"positional field {{{inside}}}: use a named field ({fields})"
    if rest[:1] in (":", "!"):
        return (f"'{{{inside}}}': formatting ({rest[:1]}…) is not supported in theme text; write the bare "
                f"field ({fields})")
    if rest[:1] in (".", "["):
        return f"'{{{inside}}}': attribute and index access are not supported; write the bare field ({fields})"
    return f"'{{{inside}}}' is not a field: fields are written {{name}} ({fields}); write '{{{{' for a brace"


def substitute(text: str, values: dict[str, object]) -> str:
    """`text` with each `{name}` replaced by str(values[name]) and `{{`/`}}` by a brace.

    The template must have passed `problem` (the theme loader checks every template); a field that is
    not in `values` is left as written rather than raising, so a check that was skipped shows on the slide.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "{}" and text.startswith(ch * 2, i):
            out.append(ch)
            i += 2
            continue
        if ch == "{":
            m = _FIELD.match(text, i)
            if m is not None and m.group(1) in values:
                out.append(str(values[m.group(1)]))
                i = m.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def fields_in(text: str) -> set[str]:
    """The field names a (valid) template uses."""
    return {m.group(1) for m in _FIELD.finditer(text.replace("{{", "").replace("}}", ""))}


__all__ = ["TemplateProblem", "problem", "substitute", "fields_in"]
