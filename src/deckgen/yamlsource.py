"""Safe YAML reading that keeps every node's file, line and column, with limits and input-method help."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import DeckgenError, Diagnostic, ERROR, Loc, display_path

MAX_FILE_BYTES = 256 * 1024  # a module file is under 10 KB; 256 KB is a mistake, not a course
MAX_DEPTH = 40  # levels of lists and mappings; an outline needs about 8
MAX_NODES = 100_000  # values after alias expansion: stops "billion laughs" long before memory suffers
# Characters XML 1.0 cannot hold (a slide's text is XML): C0 controls but tab and newline, lone
# surrogates (from "\ud800" escapes), U+FFFE and U+FFFF. YAML's reader refuses them in the raw text,
# but double-quoted escapes and --set values get them through.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def unsafe_character(text: str) -> str | None:
    """Why `text` cannot go into a deck (a character XML cannot hold), or None."""
    m = _NOT_XML.search(text)
    if m is None:
        return None
    ch = m.group(0)
    what = "a lone surrogate (half of a UTF-16 pair)" if "\ud800" <= ch <= "\udfff" else "a control character"
    return (f"character {m.start() + 1} of the text is U+{ord(ch):04X}, {what}, which a PowerPoint file "
            "cannot hold")


# --- Chinese input-method mistakes, found before YAML sees them --------------------------------
#
# A Chinese input method left in full-width mode types '：' for ':', '　' (U+3000) for a space, '－' for
# '-', '＃' for '#' and curly quotes for straight ones. YAML reads most of these silently as text (a
# key 'title：x' with no value, a "list" that is one string), so they are found here, on the raw
# lines, with the fix explained. Lines inside block scalars (`notes: |`) are text and are left alone.

_KEY = r"[a-z][a-z0-9_]*"  # deckgen's keys are lower-case English words
_LEAD = r"[ \t\u3000]*(?:-[ \t\u3000]+)*"  # indentation and list dashes before a key
_FULLWIDTH_KEY = re.compile(rf"^({_LEAD})({_KEY})([ \u3000]*)：")
_SPACE_AFTER_COLON = re.compile(rf"^({_LEAD})({_KEY}):\u3000")
_CURLY = "[“”‘’「」『』]"
_SMART_QUOTED_KEY = re.compile(rf"^({_LEAD})({_CURLY})([A-Za-z_][\w-]*){_CURLY}[ \u3000]*[:：]")
_FLOW_KEY = re.compile(rf"[{{,][ \u3000]*({_KEY})[ \u3000]*：")
_BLOCK_SCALAR = re.compile(r"^((?:[ ]*-[ ]+)*[ ]*)(?:[^#\s][^#]*?:[ ]+)?[|>][-+0-9]*[ ]*(?:#.*)?$")
_INDENT = re.compile(r"^[ \t\u3000]*")
_DASHES = re.compile(r"^[－﹣—–−•·]")  # at the start of a line only: `- — text` is a point's text
_SURE_DASHES = "－﹣"  # only an input method types these at the start of a line
_SMART_QUOTES = "“”‘’"


@dataclass
class _Line:
    number: int  # 1-based
    text: str
    indent: str  # leading spaces, tabs and full-width spaces
    body: str  # the rest


def _significant_lines(text: str) -> list[_Line]:
    """The lines YAML reads as structure: not blank, not comments, not inside a block scalar."""
    out: list[_Line] = []
    block_parent: int | None = None  # column of the key that opened a block scalar
    for n, line in enumerate(text.splitlines(), start=1):
        if block_parent is not None:
            spaces = len(line) - len(line.lstrip(" "))
            if not line.strip(" \t\u3000") or spaces > block_parent:
                continue
            block_parent = None
        indent = _INDENT.match(line).group(0)
        body = line[len(indent):]
        if not body or body.startswith("#"):
            continue
        out.append(_Line(n, line, indent, body))
        m = _BLOCK_SCALAR.match(line)
        if m:
            block_parent = len(m.group(1))
    return out


def input_method_problems(text: str, loc: Loc) -> list[Diagnostic]:
    """Full-width colons, spaces, dashes and '＃', tabs and curly quotes where YAML's syntax needs ASCII."""
    found: list[Diagnostic] = []

    def report(line: _Line, col: int, message: str, hint: str) -> None:
        found.append(Diagnostic(ERROR, message, Loc(loc.file, line.number, col), hint))

    lines = _significant_lines(text)
    for i, line in enumerate(lines):
        if "\u3000" in line.indent:
            report(line, line.indent.index("\u3000") + 1, "full-width space '\u3000' (U+3000) in the indentation",
                   "indent with ordinary spaces; a Chinese input method in full-width mode types '\u3000': "
                   "switch it to half-width (Shift+Space) and retype the indentation")
        if "\t" in line.indent:
            report(line, line.indent.index("\t") + 1, "tab in the indentation: YAML indents with spaces only",
                   "replace the tab with spaces (2 per level)")
        m = _FULLWIDTH_KEY.match(line.text)
        if m and (not m.group(1).rstrip(" \t\u3000").endswith("-") or _starts_mapping(lines, i, len(m.group(1)))):
            key = m.group(2)
            report(line, len(m.group(1)) + len(key) + len(m.group(3)) + 1,
                   f"full-width colon '：' after the key '{key}': YAML needs an ASCII ':'",
                   f"write '{key}: …' with an ASCII colon and a space; the full-width colon comes from a "
                   "Chinese input method in full-width mode")
        m = _SPACE_AFTER_COLON.match(line.text)
        if m:
            key = m.group(2)
            report(line, len(m.group(1)) + len(key) + 2,
                   f"full-width space '\u3000' after '{key}:': YAML needs an ordinary space there",
                   f"write '{key}: …' with a half-width space after the colon")
        m = _SMART_QUOTED_KEY.match(line.text)
        if m:
            report(line, len(m.group(1)) + 1, f"curly quotes around the key '{m.group(3)}'",
                   f"write the key without quotes ({m.group(3)}: …); curly quotes “…” are text to YAML, "
                   "not quotes")
        flow = _flow_mapping_start(line.body)
        if flow is not None:
            for m in _FLOW_KEY.finditer(line.body, flow):
                report(line, len(line.indent) + m.end(),
                       f"full-width colon '：' after the key '{m.group(1)}' in a {{…}} mapping",
                       f"write '{m.group(1)}: …' with an ASCII colon and a space; with '：' YAML reads "
                       f"'{m.group(1)}：…' as one key with no value")
        m = _DASHES.match(line.body)
        if m:
            dash = m.group(0)
            if dash in _SURE_DASHES or _in_list_position(lines, i):
                report(line, len(line.indent) + 1, f"'{dash}' (U+{ord(dash):04X}) is not a list dash: YAML lists "
                       "start with an ASCII '-' and a space",
                       "type '- ' with the input method in half-width mode; with "
                       f"'{dash}' YAML reads the lines as one piece of text")
        m = re.match(r"^((?:-[ ]+)*)-\u3000", line.body)
        if m:
            report(line, len(line.indent) + len(m.group(1)) + 2,
                   "full-width space '\u3000' after the list dash '-'",
                   "write '- ' with an ordinary space; with '\u3000' YAML does not see a list item")
        if line.body.startswith("＃"):
            report(line, len(line.indent) + 1, "full-width '＃' does not start a comment: YAML comments start "
                   "with an ASCII '#'", "type '#' with the input method in half-width mode")
    return found


def nesting_problem(text: str, loc: Loc) -> Diagnostic | None:
    """Nesting deeper than MAX_DEPTH, found on the raw text: YAML's own parser would take seconds (and
    Python's recursion limit) on a file of nothing but '[[[[…'."""
    stack: list[int] = []  # indentation columns of the open block levels
    flow = 0  # open '[' and '{'
    quote = ""
    for line in _significant_lines(text):
        if not flow and not quote:
            col = len(line.indent)
            while stack and stack[-1] > col:
                stack.pop()
            if not stack or stack[-1] < col:
                stack.append(col)
            m = re.match(r"(?:-[ ]+)*", line.body)
            block = len(stack) + m.group(0).count("-")
            if block > MAX_DEPTH:
                return Diagnostic(ERROR, f"nesting is too deep (the limit is {MAX_DEPTH} levels)",
                                  Loc(loc.file, line.number, col + 1))
        prev = ""
        for i, ch in enumerate(line.body):
            if quote:
                if ch == quote and not (quote == '"' and prev == "\\"):
                    quote = ""
            elif ch == "#" and (i == 0 or prev in " \t"):
                break
            elif ch in "[{" and (flow or not line.body[:i].strip(" ") or line.body[:i].rstrip(" ")[-1] in ":-?"):
                flow += 1
                if flow > MAX_DEPTH:
                    return Diagnostic(ERROR, f"nesting is too deep (the limit is {MAX_DEPTH} levels)",
                                      Loc(loc.file, line.number, len(line.indent) + i + 1))
            elif ch in "]}" and flow:
                flow -= 1
            elif ch in "'\"" and flow and (prev in "[{,: " or i == 0):
                quote = ch
            prev = "" if (prev == "\\" and ch == "\\") else ch
    return None


def _flow_mapping_start(body: str) -> int | None:
    """Where a `{…}` mapping starts on a line (`key: {…}`, `- {…}` or `{…}`), else None."""
    i = body.find("{")
    if i < 0:
        return None
    before = body[:i].rstrip(" ")
    if before == "" or before.endswith((":", "-", "[", ",")):
        return i
    return None


def _starts_mapping(lines: list[_Line], i: int, col: int) -> bool:
    """Whether the list item `- key：…` on line i is a mapping: the next line is a key in the same column.
    (`- B2B：价值` alone is a point whose text has a full-width colon in it, which is fine.)"""
    if i + 1 < len(lines):
        below = lines[i + 1]
        return len(below.indent) == col and re.match(rf"{_KEY}[ \u3000]*[:：]", below.body) is not None
    return False


def _in_list_position(lines: list[_Line], i: int) -> bool:
    """Whether a line starting with a dash-like character sits where a list item would: a neighbour at
    the same indentation is a '- ' item, or the line above opens a block (`points:`)."""
    line = lines[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines):
            other = lines[j]
            if other.indent == line.indent and other.body.startswith("- "):
                return True
    if i > 0:
        above = lines[i - 1]
        if above.body.rstrip().endswith(":") and len(above.indent) <= len(line.indent):
            return True
    return False


# --- reading ------------------------------------------------------------------------------------

MAX_NAME_BYTES = 255  # one file name (every common file system)
MAX_PATH_BYTES = 4000  # a whole path (Linux allows 4096)


def name_problem(name: str) -> str | None:
    """Why a file name written in an outline or theme cannot name a file, or None."""
    if "\x00" in name:
        return "the file name holds a NUL character (U+0000), which no file system allows"
    why = unsafe_character(name)
    if why is not None:
        return f"the file name: {why}"
    try:
        encoded = name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name holds a lone surrogate, which no file system allows"
    if len(encoded) > MAX_PATH_BYTES:
        return f"the file name is too long ({len(encoded):,} bytes; a path has at most {MAX_PATH_BYTES:,})"
    longest = max((len(part.encode("utf-8")) for part in re.split(r"[\\/]", name)), default=0)
    if longest > MAX_NAME_BYTES:
        return (f"a part of the file name is {longest:,} bytes long; file systems allow at most "
                f"{MAX_NAME_BYTES}")
    return None


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as an input file (missing, a folder, a symlink loop, a device…), or None."""
    import errno
    import stat
    why = name_problem(str(path))
    if why is not None:
        return why
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "file not found" if not os.path.islink(path) else "a symbolic link to a file that does not exist"
    except PermissionError:
        return "cannot read the file: permission denied"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that points to itself (a loop), not a file"
        if exc.errno == errno.ENAMETOOLONG:
            return "the file name is too long for the file system"
        return f"cannot read the file: {exc.strerror or exc}"
    except ValueError as exc:  # e.g. a NUL the name check above did not see
        return f"not a usable file name ({exc})"
    if stat.S_ISDIR(st.st_mode):
        return "expected a file, found a folder"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a device, pipe or socket): deckgen reads ordinary files only"
    return None


def read_text(path: Path) -> str:
    """The file's text, refusing what is not a UTF-8 text file of reasonable size."""
    loc = Loc.of(path)
    why = file_problem(path)
    if why is not None:
        raise DeckgenError("expected a YAML file, found a folder" if why.endswith("found a folder") else why, loc)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DeckgenError(f"the file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,}): "
                               "an outline or theme is a few kilobytes", _first_line(loc))
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # the size can change between stat and read
    except FileNotFoundError:
        raise DeckgenError("file not found", loc) from None
    except PermissionError:
        raise DeckgenError("cannot read the file: permission denied", loc) from None
    except OSError as exc:
        raise DeckgenError(f"cannot read the file: {exc.strerror or exc}", loc) from None
    if len(data) > MAX_FILE_BYTES:
        raise DeckgenError(f"the file is too large (over {MAX_FILE_BYTES:,} bytes): an outline or theme is a "
                           "few kilobytes", _first_line(loc))
    return decode(data, loc)


def _first_line(loc: Loc) -> Loc:
    return Loc(loc.file, 1, 1)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, loc: Loc) -> str:
    if data.startswith(_UTF16_BOMS):
        raise DeckgenError([Diagnostic(ERROR, "the file is UTF-16 text; deckgen reads UTF-8 only", _first_line(loc),
                                       "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)")])
    if b"\x00" in data[:8192]:
        raise DeckgenError([Diagnostic(ERROR, "this is a binary file, not YAML text", _first_line(loc),
                                       "a course folder holds only .yaml text files; was an image or a "
                                       "document saved under this name?")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        hint = "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"
        try:
            data.decode("gb18030")
            hint = ("the file looks GBK/GB18030-encoded (as Windows Notepad and WPS save Chinese text by "
                    "default); " + hint)
        except UnicodeDecodeError:
            pass
        raise DeckgenError([Diagnostic(ERROR, "the file is not UTF-8 text", Loc(loc.file, line, col),
                                       hint)]) from None


def load(path: Path) -> YNode | None:
    """Read a YAML file into location-carrying nodes; None for an empty document."""
    return parse(read_text(path), Loc.of(path))


def parse(text: str, loc: Loc) -> YNode | None:
    problems = input_method_problems(text, loc)
    if problems:
        raise DeckgenError(problems)
    too_deep = nesting_problem(text, loc)
    if too_deep is not None:
        raise DeckgenError([too_deep])
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise DeckgenError([_yaml_error(exc, loc, text)]) from None
    except yaml.reader.ReaderError as exc:
        raise DeckgenError([_reader_error(exc, loc, text)]) from None
    except yaml.YAMLError as exc:
        raise DeckgenError(f"not valid YAML: {exc}", loc) from None
    except RecursionError:
        raise DeckgenError(f"nesting is too deep (the limit is {MAX_DEPTH} levels)", _first_line(loc)) from None
    if root is None:
        return None
    _check_expansion(root, loc.file)
    return _Converter(loc.file).convert(root, 0)


def _compose(text: str):
    """The node tree, composed by libyaml when it is there (about ten times faster, same marks); any
    problem is composed again by PyYAML's own parser, whose messages the diagnostics are written for."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        loader = fast(text)
        try:
            return loader.get_single_node()
        except (yaml.YAMLError, UnicodeError):
            pass
        finally:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _reader_error(exc: yaml.reader.ReaderError, loc: Loc, text: str) -> Diagnostic:
    pos = exc.position
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return Diagnostic(ERROR, f"invisible control character U+{exc.character:04X} in the text: YAML does not "
                      "allow it", Loc(loc.file, line, col),
                      "delete it (it often comes with text copied from a PDF, a web page or a chat app)")


# YAML's own wording, and what it usually means in an outline
_SYNTAX_HINTS = [
    ("found character '\\t'", "YAML indents and separates with spaces only; replace the tab"),
    ("mapping values are not allowed", "a value that contains ': ' must be quoted, e.g. title: \"案例: 标题\""),
    ("could not find expected ':'", "every line of a mapping needs 'key: value' with an ASCII colon and a space"),
    ("did not find expected '-' indicator", "the items of a list all start with '- ' in the same column"),
    ("expected <block end>", "check the indentation: the keys of one mapping, and the '- ' of one list, "
     "start in the same column"),
    ("did not find expected key", "check the indentation: the keys of one mapping start in the same column"),
    ("found undefined alias", "'*name' repeats a value marked '&name' earlier in the same file"),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed"),
    ("found character '@'", "'@' and '`' cannot start plain text in YAML: put the text in quotes"),
    ("found character '`'", "'@' and '`' cannot start plain text in YAML: put the text in quotes"),
    ("found character '%'", "'%' cannot start plain text in YAML: put the text in quotes"),
]


def _yaml_error(exc: yaml.MarkedYAMLError, loc: Loc, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "could not find expected ':'" in (exc.problem or ""):
        mark = exc.context_mark  # the line that YAML took for the start of a key is the one to fix
    where = Loc(loc.file, mark.line + 1, mark.column + 1) if mark else _first_line(loc)
    problem = exc.problem or "syntax error"
    if "unexpected end of stream" in problem and exc.context_mark is not None \
            and "quoted scalar" in (exc.context or ""):
        start = exc.context_mark
        return Diagnostic(ERROR, "this quote is never closed: the file ends before the closing quote",
                          Loc(loc.file, start.line + 1, start.column + 1),
                          "add the closing quote at the end of the text (a text in quotes can span lines, so "
                          "YAML kept reading to the end of the file)")
    if "found another document" in problem:
        return Diagnostic(ERROR, "a second YAML document starts here: a file holds one", where,
                          "remove the '---' line and what follows it, or move it to its own file")
    if exc.context:
        problem = f"{problem} ({exc.context}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" at line {exc.context_mark.line + 1}"
        problem += ")"
    explained = _explain(text, exc, loc)
    if explained is not None:
        return explained
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem), None)
    return Diagnostic(ERROR, f"YAML syntax: {problem}", where, hint)


_PLAIN_KEY_NO_SPACE = re.compile(r"^((?:-[ ]+)*)([a-z][a-z0-9_]*):(?=[^\s:/])")


def _explain(text: str, exc: yaml.MarkedYAMLError, loc: Loc) -> Diagnostic | None:
    """When YAML fails on a line an input method has touched, say what is wrong with that line."""
    lines = text.splitlines()
    marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
    if not marks or not lines:
        return None
    last = min(max(m.line for m in marks), len(lines) - 1)
    first = max(min(m.line for m in marks) - 1, 0)
    problem = exc.problem or ""
    for n in range(last, first - 1, -1):
        line = lines[n]
        indent = len(line) - len(line.lstrip(" "))
        body = line[indent:]
        if not body or body.startswith("#"):
            continue
        here = lambda col: Loc(loc.file, n + 1, col + 1)  # noqa: E731
        is_item = body.startswith("- ")
        head = body.split(": ", 1)[0] if ": " in body else body.rstrip(":")
        if not is_item and "：" in head:
            col = indent + body.index("：")
            return Diagnostic(ERROR, "full-width colon '：' where YAML needs ':' (YAML cannot read this line as "
                              "'key: value')", here(col),
                              "type ':' and a space with the input method in half-width mode; deckgen's keys "
                              "are English words (title, points, notes, …): see docs/outline-format.md")
        m = _PLAIN_KEY_NO_SPACE.match(body)
        if m:
            col = indent + len(m.group(1)) + len(m.group(2))
            return Diagnostic(ERROR, f"missing space after '{m.group(2)}:': YAML needs a space between a key's "
                              "colon and its value", here(col), f"write '{m.group(2)}: …'")
        if "mapping values are not allowed" in problem and n == exc.problem_mark.line \
                and any(q in line for q in _SMART_QUOTES):
            col = indent + min(body.index(q) for q in _SMART_QUOTES if q in body)
            return Diagnostic(ERROR, "curly quotes “…” do not quote text in YAML, so the ': ' inside them ends "
                              "the key", here(col),
                              "use straight quotes: title: \"案例: 标题\" (the curly quotes can stay inside them)")
    return None


def _check_expansion(root: yaml.Node, file: str) -> None:
    """Refuse documents whose aliases expand to too many values ("billion laughs") or refer to
    themselves, before anything is expanded: sizes are counted once per node, not per use."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    aliased = False

    def size(node: yaml.Node) -> int:
        nonlocal aliased
        key = id(node)
        if key in sizes:
            aliased = True
            return sizes[key]
        if key in open_nodes:
            raise DeckgenError(f"an alias refers to the {_kind(node)} that contains it: the value would be "
                               "endless", Loc(file, node.start_mark.line + 1, node.start_mark.column + 1))
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        open_nodes.discard(key)
        if total > MAX_NODES:
            where = Loc(file, node.start_mark.line + 1, node.start_mark.column + 1)
            if aliased:
                raise DeckgenError([Diagnostic(
                    ERROR, f"aliases ('*name') make this {_kind(node)} expand to {total:,} values (the limit "
                    f"is {MAX_NODES:,}): refusing to load it", where,
                    "an outline needs no aliases; write the values out")])
            raise DeckgenError(f"this {_kind(node)} holds {total:,} values (the limit is {MAX_NODES:,}): "
                               "an outline or theme has a few hundred", where)
        sizes[key] = total
        return total

    try:
        size(root)
    except RecursionError:
        raise DeckgenError(f"nesting is too deep (the limit is {MAX_DEPTH} levels)", Loc(file, 1, 1)) from None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    return "value"


_TEXT_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
_CORE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
_OLD_OCTAL = re.compile(r"[-+]?0[0-7_]+")


def _tag_as_written(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class _Converter:
    def __init__(self, file: str):
        self.file = file
        self.constructor = yaml.SafeLoader("")

    def loc(self, node: yaml.Node) -> Loc:
        return Loc(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def bad_tag(self, node: yaml.Node) -> DeckgenError:
        return DeckgenError([Diagnostic(ERROR, f"unsupported YAML tag '{_tag_as_written(node.tag)}': deckgen reads "
                                        "plain YAML only", self.loc(node),
                                        "remove the tag; outlines and themes hold only text, numbers, lists and "
                                        "mappings")])

    def convert(self, node: yaml.Node, depth: int) -> YNode:
        if depth > MAX_DEPTH:
            raise DeckgenError(f"nesting is too deep (the limit is {MAX_DEPTH} levels)", self.loc(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.bad_tag(node)
            items, problems = [], []
            for item in node.value:
                try:
                    items.append(self.convert(item, depth + 1))
                except DeckgenError as exc:  # keep going: report the problems of every item at once
                    problems.extend(exc.diagnostics)
            if problems:
                raise DeckgenError(problems)
            return YSeq(self.loc(node), items)
        assert isinstance(node, yaml.MappingNode)
        if node.tag != "tag:yaml.org,2002:map":
            raise self.bad_tag(node)
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
            why = unsafe_character(key)
            if why is not None:
                problems.append(Diagnostic(ERROR, f"in a key: {why}", key_loc))
                continue
            if key in result.entries:
                first = result.entries[key][0]
                problems.append(Diagnostic(ERROR, f"duplicate key '{key}' (first given at line {first.line})",
                                           key_loc, "remove one of them: YAML would silently keep only the last"))
                continue
            try:
                result.entries[key] = (key_loc, self.convert(value_node, depth + 1))
            except DeckgenError as exc:  # keep going: report every problem in the mapping at once
                problems.extend(exc.diagnostics)
        if problems:
            raise DeckgenError(problems)
        return result

    def scalar(self, node: yaml.ScalarNode) -> YScalar:
        loc = self.loc(node)
        quoted = node.style in ("'", '"', "|", ">")
        why = unsafe_character(node.value)
        if why is not None:
            raise DeckgenError([Diagnostic(ERROR, why, loc, "remove it: it usually comes from an escape such as "
                                           "\"\\x0b\" or \"\\ud800\", or text pasted from another program")])
        if node.tag in _TEXT_TAGS:
            return YScalar(loc, node.value, node.value, quoted)
        if node.tag not in _CORE_TAGS:
            raise self.bad_tag(node)
        if node.tag == "tag:yaml.org,2002:int" and not node.style and _OLD_OCTAL.fullmatch(node.value):
            # YAML 1.1 reads 010 as octal 8; editors (YAML 1.2) and people read ten
            return YScalar(loc, int(node.value.replace("_", ""), 10), node.value, quoted)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError):
            raise DeckgenError(f"cannot read {node.value!r} as {_tag_as_written(node.tag)}", loc) from None
        return YScalar(loc, value, node.value, quoted)


__all__ = ["YNode", "YScalar", "YSeq", "YMap", "load", "parse", "to_python", "from_python",
           "display_path"]
