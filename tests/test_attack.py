"""The attack corpus: hostile and careless outlines, themes, templates and pictures. Each input gives a
located error from both `check` and `build` (the previous decks byte-identical) or a correct build; never a
traceback. The project and the rules are in tests/attack.py; file-system states are in test_attack_fs.py.
"""
from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from attack import (COURSE_DIR, MODULE_1, THEME_DIR, jpeg, make_project, png, replace_in, rezip, run_case,
                    snapshot, template_bytes, write)

C = f"{COURSE_DIR}/course.yaml"
M1 = f"{COURSE_DIR}/01-intro.yaml"
M2 = f"{COURSE_DIR}/02-more.yaml"
T = f"{THEME_DIR}/theme.yaml"
TPL = f"{THEME_DIR}/template.pptx"
LOGO = f"{THEME_DIR}/logo.png"
BG = f"{THEME_DIR}/background.png"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("attack"))


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def sub(rel, old, new):
    return lambda p: replace_in(p, rel, old, new)


def put(rel, data):
    return lambda p: write(p, rel, data() if callable(data) else data)


def title(value: str):
    """The first module's title, as written (YAML escapes included)."""
    return sub(M1, "title: Why a plan", f"title: {value}")


def symlink(rel, target):
    def make(p):
        path = p.path(rel)
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target, path)
    return make


def fifo(rel):
    def make(p):
        path = p.path(rel)
        path.unlink()
        os.mkfifo(path)
    return make


def folder(rel):
    def make(p):
        path = p.path(rel)
        path.unlink()
        path.mkdir()
    return make


def modules(*names):
    """course.yaml listing these module file names (YAML text, escapes allowed)."""
    listed = "".join(f"      - {n}\n" for n in names)
    return sub(C, "      - 01-intro.yaml\n      - 02-more.yaml\n", listed)


# --- outlines ---------------------------------------------------------------------------------------

OUTLINES = [
    ("surrogate-in-title", title('"Why \\ud800 a plan"'), "error", "lone surrogate"),
    ("low-surrogate-in-title", title('"Why \\udfff"'), "error", "lone surrogate"),
    ("vertical-tab-in-title", title('"Why\\x0ba plan"'), "error", "U+000B"),
    ("nul-in-title", title('"Why\\0"'), "error", "U+0000"),
    ("escape-char-in-point", sub(M1, "      - Late discovery of the buyer's process", '      - "\\x1bLate discovery"'), "error", "U+001B"),
    ("control-in-trainer", sub(C, "trainers: [Ana Ruiz, 王明]", 'trainers: ["Ana\\x01Ruiz"]'), "error", "U+0001"),
    ("surrogate-in-trainer", sub(C, "trainers: [Ana Ruiz, 王明]", 'trainers: "\\ud83d"'), "error", None),
    ("control-in-notes", sub(M1, "notes: Ask for one lost deal", 'notes: "\\x08Ask for one lost deal'), "error", None),
    ("fffe-in-title", title('"Why \\ufffe"'), "error", "U+FFFE"),
    ("ffff-in-course-title", sub(C, "title: Selling with a plan", 'title: "Selling \\uffff"'), "error", None),
    ("control-in-key", sub(M1, "number: 1", '"num\\x07ber": 1'), "error", None),
    ("control-in-subtitle", sub(C, "subtitle: A two-module course", 'subtitle: "\\x7f\\x0c"'), "error", "U+000C"),
    ("nul-in-module-name", modules('"01-intro\\0.yaml"', "02-more.yaml"), "error", None),
    ("module-name-too-long", modules("x" * 300 + ".yaml", "02-more.yaml"), "error", "255"),
    ("module-path-too-long", modules("/".join(["d" * 200] * 25) + ".yaml", "02-more.yaml"), "error", "too long"),
    ("module-symlink-loop", lambda p: (symlink(f"{COURSE_DIR}/loop.yaml", "loop.yaml")(p),
                                       modules("loop.yaml", "02-more.yaml")(p)), "error", "loop"),
    ("module-dangling-symlink", lambda p: (symlink(f"{COURSE_DIR}/gone.yaml", "nowhere.yaml")(p),
                                           modules("gone.yaml", "02-more.yaml")(p)), "error", None),
    ("module-is-a-folder", folder(M1), "error", "folder"),
    ("module-is-a-fifo", fifo(M1), "error", "not a regular file"),
    ("module-is-dev-zero", modules("/dev/zero", "02-more.yaml"), "error", "not a regular file"),
    ("module-is-etc-hostname", modules("/etc/hostname", "02-more.yaml"), "error", None),
    ("module-missing", modules("03-nowhere.yaml", "02-more.yaml"), "error", "not found"),
    ("module-listed-twice", modules("01-intro.yaml", "01-intro.yaml", "02-more.yaml"), "error", "listed twice"),
    ("module-binary", put(M1, png), "error", "binary"),
    ("module-utf16", put(M1, lambda: MODULE_1.encode("utf-16")), "error", "UTF-16"),
    ("module-gbk", put(M1, lambda: MODULE_1.replace("Why a plan", "过程管理").encode("gbk")), "error", "UTF-8"),
    ("module-empty", put(M1, ""), "error", "empty"),
    ("module-only-comment", put(M1, "# nothing here\n"), "error", "empty"),
    ("module-too-large", put(M1, lambda: MODULE_1 + "#" * 300_000), "error", "too large"),
    ("module-invalid-utf8", put(M1, lambda: MODULE_1.encode() + b"\xff\xfe\xfa"), "error", "UTF-8"),
    ("module-encoded-surrogate", put(M1, lambda: MODULE_1.encode() + b"# \xed\xa0\x80\n"), "error", "UTF-8"),
    ("billion-laughs", put(M1, "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(6))),
     "error", "aliases"),
    ("recursive-alias", put(M1, "a: &a [*a]\n"), "error", None),
    ("deep-brackets", put(M1, "a: " + "[" * 5000 + "]" * 5000 + "\n"), "error", "too deep"),
    ("deep-mappings", put(M1, "".join("  " * i + f"k{i}:\n" for i in range(60))), "error", "too deep"),
    ("python-tag", put(M1, "number: !!python/object:os.system [ls]\n"), "error", "tag"),
    ("custom-tag", sub(M1, "title: Why a plan", "title: !include other.yaml"), "error", "tag"),
    ("merge-key", sub(M1, "number: 1", "<<: {number: 1}"), "error", "merge"),
    ("duplicate-key", sub(M1, "number: 1", "number: 1\nnumber: 1"), "error", "duplicate"),
    ("unknown-key", sub(M1, "number: 1", "number: 1\nauthor: me"), "error", "unknown key"),
    ("second-document", put(M1, MODULE_1 + "---\nnumber: 3\n"), "error", "second YAML document"),
    ("number-as-text", sub(M1, "number: 1", 'number: "1"'), "error", None),
    ("number-huge", sub(M1, "number: 1", "number: " + "9" * 400), "error", None),
    ("number-float-inf", sub(M1, "number: 1", "number: .inf"), "error", None),
    ("minutes-nan", sub(M1, "minutes: 20", "minutes: .nan"), "error", None),
    ("minutes-negative", sub(M1, "minutes: 20", "minutes: -5"), "error", None),
    ("minutes-huge", sub(M1, "minutes: 20", "minutes: 99999999999999999999"), "error", None),
    ("title-null", sub(M1, "title: Why a plan", "title:"), "error", None),
    ("title-list", sub(M1, "title: Why a plan", "title: [a, b]"), "error", None),
    ("title-mapping", sub(M1, "title: Why a plan", "title: {a: b}"), "error", None),
    ("title-over-limit", title("x" * 12_000), "error", "too long"),
    ("points-a-string", sub(M1, "    points:\n      - Late", "    points: Late\n    x:\n      - Late"), "error", None),
    ("point-looks-like-a-key", sub(M1, "      - Late discovery of the buyer's process",
                                   "      - Point 1: Late discovery"), "error", "quote"),
    ("sub-points-too-deep", sub(M1, "          - Stage by stage evidence",
                                "          - text: a\n            points:\n              - text: b\n"
                                "                points: [c]"), "either", None),
    ("diagram-too-many-items", sub(M1, "        - {label: People, text: coached weekly}",
                                   "\n".join(["        - {label: People, text: coached weekly}"] * 30)),
     "error", None),
    ("diagram-unknown-kind", sub(M1, "kind: pillars", "kind: spiral"), "error", None),
    ("section-unknown-kind", sub(M1, "  - kind: content", "  - kind: lecture"), "error", None),
    ("no-sections", put(M1, "number: 1\ntitle: x\nsections: []\n"), "error", None),
    ("same-module-number", sub(M2, "number: 2", "number: 1"), "error", "also used"),
    ("language-unknown", sub(C, "language: en", "language: xx"), "error", None),
    ("theme-unknown", sub(C, "theme: brand", "theme: nowhere"), "error", "unknown theme"),
    ("theme-path-escape", sub(C, "theme: brand", "theme: ../../etc"), "error", "unknown theme"),
    ("clock-25h", sub(C, 'start: "09:00"', 'start: "25:00"'), "error", None),
    ("break-bad-clock", sub(C, '{at: "10:30", minutes: 15}', '{at: "10:61", minutes: 15}'), "error", None),
    ("day-past-midnight", sub(C, 'start: "09:00"', 'start: "23:30"'), "error", "midnight"),
    ("full-width-colon", sub(M1, "number: 1", "number：1"), "error", "full-width"),
    ("tab-indent", sub(M1, "  - kind: content", "\t- kind: content"), "error", "tab"),
    ("unclosed-quote", title('"Why a plan'), "error", None),
    ("unclosed-quote-at-end", put(M1, MODULE_1 + 'extra: "never closed\n'), "error", "never closed"),
    ("course-missing", lambda p: p.path(C).unlink(), "error", None),
    ("course-symlink-loop", symlink(C, "course.yaml"), "error", "loop"),
    ("course-is-a-folder", folder(C), "error", None),
    ("course-is-a-fifo", fifo(C), "error", "not a regular file"),
    ("course-no-days", put(C, "title: x\ndays: []\n"), "error", None),
    # careless but valid: these build
    ("emoji-rtl-combining", title('"Plan 🚀 خطة ñ̃ e\u0301 \u200d👩\u200d💻"'), "ok", None),
    ("line-separators", title('"Why\\u2028a\\u0085plan"'), "ok", None),
    ("tab-in-title", title('"Why\\ta plan"'), "ok", None),
    ("crlf-line-ends", lambda p: p.path(M1).write_bytes(MODULE_1.replace("\n", "\r\n").encode()), "ok", None),
    ("utf8-bom", lambda p: p.path(M1).write_bytes(b"\xef\xbb\xbf" + MODULE_1.encode()), "ok", None),
    ("format-string-in-title", title('"{n:>2000000000} {0} {course.__class__}"'), "ok", None),
    ("braces-in-course-title", sub(C, "title: Selling with a plan", 'title: "{day} {{x}} {"'), "ok", None),
    ("xml-specials", title('"<p:sld> & </a:t> ]]> &amp; \\"q\\""'), "ok", None),
    ("date-value", sub(C, "subtitle: A two-module course", "date: 2026-01-01"), "ok", None),
    ("numeric-title", title("2026"), "ok", None),
    ("yes-title", title("yes"), "ok", None),
    ("long-notes", sub(M1, "notes: Ask for one lost deal from the room.",
                       "notes: " + "Ask for one lost deal. " * 300), "ok", None),
    ("many-points", sub(M1, "      - Late discovery of the buyer's process",
                        "\n".join(f"      - Point number {i} of many" for i in range(60))), "either", None),
    ("long-unbroken-word", title("W" * 400), "either", None),
    ("cjk-long-title", title("销售过程管理" * 40), "either", None),
    ("zero-width-only-title", title('"\\u200b"'), "either", None),
    ("whitespace-title", title('"   "'), "error", "empty"),
    ("module-outside-folder", lambda p: (write(p, "decks/shared.yaml", MODULE_1.replace("number: 1", "number: 3")),
                                         modules("01-intro.yaml", "02-more.yaml", "../shared.yaml")(p)), "ok", None),
    ("zh-TW-course", sub(C, "language: en", "language: zh-TW"), "ok", None),
    ("zh-HK-course", sub(C, "language: en", "language: zh-HK"), "ok", None),
    ("ja-course", sub(C, "language: en", "language: ja"), "ok", None),
    ("ko-course", sub(C, "language: en", "language: ko"), "ok", None),
]


@pytest.mark.parametrize("mutate, expect, says", [c[1:] for c in OUTLINES], ids=[c[0] for c in OUTLINES])
def test_outline(project, mutate, expect, says):
    run_case(project, mutate, expect, says)


# --- themes -----------------------------------------------------------------------------------------

def label(key: str, value: str, lang: str = "en"):
    return sub(T, "description: the attack corpus' brand",
               f"description: the attack corpus' brand\nlabels:\n  {lang}:\n    {key}: {value}")


def footer(key: str, value: str):
    old = {"text": 'text: "{course} · {trainer}"', "slide_number": 'slide_number: "{n} / {total}"'}[key]
    return sub(T, old, f"{key}: {value}")


THEMES = [
    ("label-width-2e9", label("minutes", '"{n:>2000000000}"'), "error", "formatting"),
    ("label-width-2e7", label("minutes", '"{n:>20000000}"'), "error", "formatting"),
    ("label-positional", label("minutes", '"{0}"'), "error", "positional"),
    ("label-unknown-field", label("minutes", '"{x}"'), "error", "unknown field"),
    ("label-open-brace", label("minutes", '"{"'), "error", "never closed"),
    ("label-conversion", label("minutes", '"{n!r:}}"'), "error", "formatting"),
    ("label-attribute", label("minutes", '"{n.__class__.__mro__}"'), "error", "attribute"),
    ("label-index", label("minutes", '"{n[0]}"'), "error", "attribute"),
    ("label-empty-field", label("minutes", '"{}"'), "error", "empty field"),
    ("label-lone-close", label("minutes", '"n }"'), "error", "lone"),
    ("label-precision", label("minutes", '"{n:.999999}"'), "error", "formatting"),
    ("label-field-not-allowed", label("agenda", '"{n} Agenda"'), "error", "unknown field"),
    ("label-course-field", label("minutes", '"{course}"'), "error", "unknown field"),
    ("label-too-long", label("agenda", "A" * 200), "error", "too long"),
    ("label-control-char", label("agenda", '"Agen\\x0bda"'), "error", "U+000B"),
    ("label-zh-format", label("minutes", '"{n:^99999999} 分钟"', "zh"), "error", "formatting"),
    ("label-escaped-braces", label("minutes", '"{n}{{}}"'), "ok", None),
    ("label-number", label("agenda", "2026"), "ok", None),
    ("footer-format-spec", footer("text", '"{course:>999999999}"'), "error", "formatting"),
    ("footer-unknown-field", footer("text", '"{slide}"'), "error", "unknown field"),
    ("footer-attribute", footer("text", '"{course.upper}"'), "error", "attribute"),
    ("footer-too-long", footer("text", "x" * 300), "error", "too long"),
    ("footer-control", footer("text", '"\\x0b{course}"'), "error", None),
    ("footer-all-fields", footer("text", '"{course} · {day} · {trainer} · {date}"'), "ok", None),
    ("footer-empty", footer("text", '""'), "ok", None),
    ("slide-number-conversion", footer("slide_number", '"{n!s}"'), "error", "formatting"),
    ("slide-number-course", footer("slide_number", '"{course}"'), "error", "unknown field"),
    ("slide-number-total-first", footer("slide_number", '"{total} · {n}"'), "ok", None),
    ("font-name-too-long", sub(T, "description:", "fonts:\n  body: {latin: " + "F" * 100 + ", ea: x}\n"
                               "description:"), "error", "too long"),
    ("font-name-control", sub(T, "description:", 'fonts:\n  body: {latin: "Ari\\x0bal", ea: x}\ndescription:'),
     "error", None),
    ("font-name-empty", sub(T, "description:", 'fonts:\n  body: {latin: "", ea: x}\ndescription:'), "error", None),
    ("palette-bad-colour", sub(T, "description:", 'palette:\n  primary: "#GG0000"\ndescription:'), "error", None),
    ("theme-extends-itself", sub(T, "description:", "extends: brand\ndescription:"), "error", "circle"),
    ("theme-unknown-key", sub(T, "description:", "script: rm -rf /\ndescription:"), "error", "unknown key"),
    ("theme-file-symlink-loop", symlink(T, "theme.yaml"), "error", None),
    ("theme-file-too-large", put(T, lambda: "description: x\n" + "#" * 300_000), "error", "too large"),
    ("theme-name-over-limit", sub(T, "description: the attack corpus' brand", "description: " + "d" * 300),
     "error", "too long"),
]
SET_CASES = [
    ("set-label-format", ["--set", "labels.en.minutes='{n:>99999999}'"], "error", "formatting"),
    ("set-label-flow-mapping", ["--set", "labels.en.minutes={n:>99999999}"], "error", "not a mapping"),
    ("set-footer-attribute", ["--set", "footer.text='{course.__class__}'"], "error", "attribute"),
    ("set-footer-control", ["--set", "footer.text=a\x0bb"], "error", None),
    ("set-font-control", ["--set", "fonts.body.latin=A\x1f"], "error", None),
    ("set-font-escaped-surrogate", ["--set", 'fonts.body.latin="A\\udc80"'], "error", "surrogate"),
    ("set-palette-short", ["--set", "palette.primary=#12"], "error", None),
    ("set-no-equals", ["--set", "palette.primary"], "error", None),
    ("set-unknown-key", ["--set", "nothing.here=1"], "error", "unknown key"),
    ("set-template-escape", ["--set", "template=/etc/passwd"], "error", None),
    ("set-logo-dev-zero", ["--set", "logos=[{file: /dev/zero}]"], "error", None),
    ("set-good-label", ["--set", "labels.en.agenda=Today"], "ok", None),
]


@pytest.mark.parametrize("mutate, expect, says", [c[1:] for c in THEMES], ids=[c[0] for c in THEMES])
def test_theme(project, mutate, expect, says):
    run_case(project, mutate, expect, says)


@pytest.mark.parametrize("args, expect, says", [c[1:] for c in SET_CASES], ids=[c[0] for c in SET_CASES])
def test_theme_set(project, args, expect, says):
    run_case(project, lambda p: None, expect, says, args=args)


# --- corporate templates ----------------------------------------------------------------------------

XXE = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')


def with_dtd(part: str, dtd: bytes, entity: bytes = b"&x;"):
    """The template with `dtd` put before the root of `part` and an entity used in its first attribute."""
    def change(members):
        out = []
        for info, body in members:
            if info.filename == part:
                body = body.split(b"?>", 1)[-1] if body.startswith(b"<?xml") else body
                body = dtd + body.replace(b'name="', b'name="' + entity, 1)
            out.append((info, body))
        return out
    return put(TPL, lambda: rezip(template_bytes(), change))


def members(change):
    return put(TPL, lambda: rezip(template_bytes(), change))


def renamed(old: str, new: str):
    return members(lambda ms: [(new if i.filename == old else i, b) for i, b in ms])


def zip_of(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    import io
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    import io

    import docx as python_docx
    out = io.BytesIO()
    python_docx.Document().save(out)
    return out.getvalue()


LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
MASTER = "ppt/slideMasters/slideMaster1.xml"
THEME_PART = "ppt/theme/theme1.xml"
TEMPLATES = [
    ("xxe-in-layout", with_dtd(LAYOUT, XXE), "error", "slideLayout1.xml"),
    ("xxe-in-master", with_dtd(MASTER, XXE), "error", "slideMaster1.xml"),
    ("xxe-in-theme-part", with_dtd(THEME_PART, XXE), "error", "theme1.xml"),
    ("laughs-in-master", with_dtd(MASTER, LAUGHS, b"&d;"), "error", "slideMaster1.xml"),
    ("laughs-in-presentation", with_dtd("ppt/presentation.xml", LAUGHS, b"&d;"), "error", "presentation.xml"),
    ("dtd-in-content-types", members(lambda ms: [(i, (b'<!DOCTYPE t>' + b.split(b"?>", 1)[-1])
                                                 if i.filename == "[Content_Types].xml" else b) for i, b in ms]),
     "error", "Content_Types"),
    ("dtd-in-package-rels", members(lambda ms: [(i, (b'<!DOCTYPE t SYSTEM "http://example.invalid/x.dtd">'
                                                     + b.split(b"?>", 1)[-1]) if i.filename == "_rels/.rels"
                                                 else b) for i, b in ms]), "error", "_rels/.rels"),
    ("parameter-entity", with_dtd(LAYOUT, b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/">%p;]>',
                                  b""), "error", "DTD"),
    ("undeclared-entity", members(lambda ms: [(i, b.replace(b'name="', b'name="&nope;', 1)
                                               if i.filename == LAYOUT else b) for i, b in ms]), "error",
     "slideLayout1.xml"),
    ("malformed-layout", members(lambda ms: [(i, b[:len(b) // 2] if i.filename == LAYOUT else b) for i, b in ms]),
     "error", "slideLayout1.xml"),
    ("duplicate-member", members(lambda ms: ms + [(ms[3][0].filename, ms[3][1])]), "error", "two parts"),
    ("duplicate-member-case", members(lambda ms: ms + [(ms[3][0].filename.upper(), ms[3][1])]), "error",
     "two parts"),
    ("absolute-member", members(lambda ms: ms + [("/etc/evil.xml", b"<a/>")]), "error", "unsafe name"),
    ("dotdot-member", members(lambda ms: ms + [("ppt/../../evil.xml", b"<a/>")]), "error", "unsafe name"),
    ("backslash-member", members(lambda ms: ms + [("ppt\\evil.xml", b"<a/>")]), "error", "unsafe name"),
    ("zip-bomb-member", members(lambda ms: ms + [("ppt/media/bomb.bin", b"\0" * (30 * 1024 * 1024))]), "error",
     "zip bomb"),
    ("xml-bomb-member", members(lambda ms: ms + [("ppt/big.xml", b"<a>" + b" " * (21 * 1024 * 1024) + b"</a>")]),
     "error", None),
    ("not-a-zip", put(TPL, b"PK\x03\x04 this is not really a zip"), "error", None),
    ("text-file", put(TPL, "just text\n"), "error", None),
    ("empty-file", put(TPL, b""), "error", None),
    ("truncated-zip", put(TPL, lambda: template_bytes()[:5000]), "error", None),
    ("zip-without-rels", put(TPL, lambda: zip_of({"a.xml": b"<a/>"})), "error", None),
    ("zip-of-nothing", put(TPL, lambda: zip_of({})), "error", None),
    ("word-document", put(TPL, docx), "error", "Word"),
    ("macro-template", members(lambda ms: [(i, b.replace(b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                                                         b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
                                            if i.filename == "[Content_Types].xml" else b) for i, b in ms]),
     "error", "macro"),
    ("no-theme-part", members(lambda ms: [(i, b) for i, b in ms if i.filename != THEME_PART]), "error", None),
    ("no-master", members(lambda ms: [(i, b) for i, b in ms if "slideMaster" not in i.filename]), "error", None),
    ("layout-renamed-away", renamed(LAYOUT, "ppt/slideLayouts/other.xml"), "error", None),
    ("template-is-folder", folder(TPL), "error", "folder"),
    ("template-symlink-loop", symlink(TPL, "template.pptx"), "error", "loop"),
    ("template-fifo", fifo(TPL), "error", "not a regular file"),
    ("template-comments-and-pis", members(lambda ms: [(i, b.replace(b"<p:cSld", b"<!-- hi --><?pi x?><p:cSld", 1)
                                                       if i.filename == LAYOUT else b) for i, b in ms]), "ok", None),
]


@pytest.mark.parametrize("mutate, expect, says", [c[1:] for c in TEMPLATES], ids=[c[0] for c in TEMPLATES])
def test_template(project, mutate, expect, says):
    run_case(project, mutate, expect, says)


def test_a_template_over_the_total_size_limit_is_refused(project, monkeypatch):
    from deckgen.render import base
    monkeypatch.setattr(base, "MAX_TOTAL_BYTES", 20_000)  # the real limit takes 200 MB to reach
    base._read_template.cache_clear()
    try:
        run_case(project, put(TPL, lambda: rezip(template_bytes(), lambda ms: ms + [
            ("ppt/media/noise.bin", os.urandom(30_000))])), "error", "unpacks to over")
    finally:
        base._read_template.cache_clear()


# --- pictures ---------------------------------------------------------------------------------------

def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height, with one tiny compressed row of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def bad_crc() -> bytes:
    data = bytearray(png())
    data[29] ^= 0xFF  # inside IHDR's CRC
    return bytes(data)


def other_format(fmt: str) -> bytes:
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (1, 2, 3)).save(out, fmt)
    return out.getvalue()


def image_with(mode: str, fmt: str = "PNG") -> bytes:
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new(mode, (64, 32)).save(out, fmt)
    return out.getvalue()


PICTURES = []
for rel, who in ((LOGO, "logo"), (BG, "background")):
    PICTURES += [
        (f"{who}-truncated-png", put(rel, lambda: png(400, 300)[:-40]), "error", "truncated"),
        (f"{who}-half-png", put(rel, lambda: png(400, 300)[:200]), "error", None),
        (f"{who}-truncated-jpeg", put(rel, lambda: jpeg(640, 480)[:600]), "error", None),
        (f"{who}-bomb-header", put(rel, lambda: png_header(100_000, 100_000)), "error", None),
        (f"{who}-strip", put(rel, lambda: png_header(1, 30_000)), "error", None),
        (f"{who}-zero-size-header", put(rel, lambda: png_header(0, 0)), "error", None),
        (f"{who}-empty", put(rel, b""), "error", None),
        (f"{who}-text", put(rel, "not a picture\n"), "error", "not a picture"),
        (f"{who}-bad-crc", put(rel, bad_crc), "error", None),
        (f"{who}-webp", put(rel, lambda: other_format("WEBP")), "error", "WEBP"),
        (f"{who}-svg", put(rel, '<svg xmlns="http://www.w3.org/2000/svg"/>'), "error", None),
        (f"{who}-folder", folder(rel), "error", "folder"),
        (f"{who}-symlink-loop", symlink(rel, os.path.basename(rel)), "error", "loop"),
        (f"{who}-fifo", fifo(rel), "error", "not a regular file"),
        (f"{who}-gif", put(rel, lambda: other_format("GIF")), "ok", None),
        (f"{who}-bmp", put(rel, lambda: other_format("BMP")), "ok", None),
        (f"{who}-jpeg-as-png", put(rel, lambda: jpeg()), "ok", None),
        (f"{who}-rgba-16bit", put(rel, lambda: image_with("I;16")), "either", None),
        (f"{who}-cmyk-jpeg", put(rel, lambda: image_with("CMYK", "JPEG")), "ok", None),
    ]


def jpeg_turned() -> bytes:
    """A photo as a phone writes it: stored 160 × 90, its EXIF saying to show it a quarter turn clockwise."""
    import io

    from PIL import Image
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (200, 120, 40)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def big_png() -> bytes:
    """A square RGBA picture just under the pixel limit (4 bytes a pixel decoded; kilobytes on disk)."""
    import io
    import math

    from PIL import Image

    from deckgen.images import MAX_PIXELS
    side = math.isqrt(MAX_PIXELS) - 1
    out = io.BytesIO()
    Image.new("RGBA", (side, side), (20, 60, 120, 255)).save(out, "PNG", compress_level=1)
    return out.getvalue()


def just_over() -> bytes:
    from deckgen.images import MAX_PIXELS
    return png_header(MAX_PIXELS // 1000 + 1, 1000)


def section_picture(make):
    """Module 1 with a section showing decks/c/img/p.png, which `make(path)` creates."""
    def mutate(p):
        replace_in(p, M1, "sections:\n", "sections:\n  - kind: content\n    title: A picture\n    notes: n\n"
                   "    image: {path: img/p.png, alt: a picture}\n    points: [One]\n")
        path = p.path(f"{COURSE_DIR}/img/p.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)
    return mutate


def _loop(path):
    os.symlink(path.name, path)


PICTURES += [
    ("section-picture-ok", section_picture(lambda p: p.write_bytes(png())), "ok", None),
    ("section-picture-truncated", section_picture(lambda p: p.write_bytes(png(400, 300)[:-40])), "error", None),
    ("section-picture-bomb-header", section_picture(lambda p: p.write_bytes(png_header(100_000, 100_000))),
     "error", None),
    ("section-picture-text", section_picture(lambda p: p.write_text("not a picture\n")), "error", None),
    ("section-picture-empty", section_picture(lambda p: p.write_bytes(b"")), "error", None),
    ("section-picture-folder", section_picture(lambda p: p.mkdir()), "error", None),
    ("section-picture-symlink-loop", section_picture(_loop), "error", None),
    ("section-picture-fifo", section_picture(lambda p: os.mkfifo(p)), "error", None),
    ("section-picture-bad-crc", section_picture(lambda p: p.write_bytes(bad_crc())), "error", None),
    ("section-picture-svg-external", section_picture(lambda p: p.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><image href="file:///etc/passwd"/></svg>')),
     "error", "outside itself"),
    ("section-picture-svg-entity", section_picture(lambda p: p.write_text(
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><text>&x;</text></svg>')), "error", "DTD"),
    ("section-picture-exif-turned", section_picture(lambda p: p.write_bytes(jpeg_turned())), "ok", None),
    # at the limits: the largest pictures accepted, to measure what they cost (bench/attack.py)
    ("section-picture-rgba-png-at-the-limit", section_picture(lambda p: p.write_bytes(big_png())), "ok", None),
    ("logo-rgba-png-at-the-limit", put(LOGO, lambda: big_png()), "ok", None),
    ("section-picture-48mp-jpeg", section_picture(lambda p: p.write_bytes(jpeg(8000, 6000))), "ok", None),
    ("section-picture-just-over-the-limit", section_picture(lambda p: p.write_bytes(just_over())), "error",
     "too large to open safely"),
]


@pytest.mark.parametrize("mutate, expect, says", [c[1:] for c in PICTURES], ids=[c[0] for c in PICTURES])
def test_picture(project, mutate, expect, says):
    run_case(project, mutate, expect, says)


# --- import files -----------------------------------------------------------------------------------

def largest_outline() -> bytes:
    """A well-formed outline of days, modules, timed sections and points just under the size limit."""
    from deckgen.importer.reader import MAX_OUTLINE_BYTES
    lines, day = ["Coaching the pipeline"], 0
    while sum(len(line) + 1 for line in lines) < MAX_OUTLINE_BYTES:
        day += 1
        lines.append(f"Day {day}")
        for m in range(1, 4):
            lines.append(f"Module {day * 3 + m - 3}: Topic {day}-{m} about pipeline reviews")
            for s in range(1, 4):
                lines.append(f"{s}. Section {s} on coaching call {day}.{m}.{s} (20 minutes)")
                lines += [f"- point {p} about deal {day} stage {m} step {s}" for p in range(3)]
    data = "\n".join(lines).encode()
    return data[:data.rfind(b"\n", 0, MAX_OUTLINE_BYTES)]


EN = (Path(__file__).parent / "data" / "import" / "en-days.txt").read_bytes()
ZH = (Path(__file__).parent / "data" / "import" / "zh-lines.txt").read_bytes()
IMPORTS = [
    ("empty", b"", "error"),
    ("whitespace", b" \n\t\n  \n", "error"),
    ("binary-png", png(), "error"),
    ("nul-late", EN + b"\n" + b"x" * 9000 + b"\0", "error"),
    ("control-late", EN + b"\n" + b"Module 3: x" + b"y" * 9000 + b"\x1b[31m red\n", "error"),
    ("utf16", EN.decode().encode("utf-16"), "error"),
    ("gb18030", ZH.decode().encode("gb18030"), "ok"),
    ("bad-bytes", b"\xff\xfe\xfd\xfc" * 10, "error"),
    ("too-large", EN * 2000, "error"),
    ("largest-accepted", largest_outline(), "either"),
    ("one-huge-line", b"Module 1: " + b"word " * 150_000, "error"),
    ("a-long-run-on-line", b"Module 1: " + b" ".join(b"%d. item %d" % (i, i) for i in range(1, 1300)), "either"),
    ("format-strings", EN.replace(b"Why negotiations fail", b"{n:>2000000000} {0} {course.__class__}"), "ok"),
    ("yaml-specials", EN.replace(b"Poor preparation", b"- &a *a !!python/object: | > % @ ` [ { ] } # 'x' \"y\""),
     "ok"),
    ("point-with-colon", EN.replace(b"- Poor preparation", b"- Point 1: text with a colon"), "ok"),
    ("crlf", EN.replace(b"\n", b"\r\n"), "ok"),
    ("bom", b"\xef\xbb\xbf" + EN, "ok"),
    ("nonchars", EN.replace(b"Anchoring on price", "Anchoring \ufffe\uffff".encode()), "either"),
    ("rtl-emoji", EN.replace(b"Anchoring on price", "Anchoring 🚀 خطة".encode()), "ok"),
    ("deep-markdown", b"# Course\n" + b"".join(b"#" * i + b" level %d\n" % i for i in range(2, 40)), "either"),
    ("only-headings", b"\n".join(b"Module %d: m" % i for i in range(1, 200)), "either"),
    ("thousand-days", b"\n".join(b"Day %d\nModule %d: m\n1. s\n- p" % (i, i) for i in range(1, 300)), "either"),
]


@pytest.mark.parametrize("data, expect", [c[1:] for c in IMPORTS], ids=[c[0] for c in IMPORTS])
def test_import_file(tmp_path, monkeypatch, data, expect):
    """An import gives a located error and writes nothing, or writes a course that `check` reads without a
    traceback and `build` agrees with."""
    from attack import invoke
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outline.txt").write_bytes(data)
    code, text = invoke("import", "outline.txt", "-o", "decks/imp")
    assert code in (0, 1), text
    if expect == "error":
        assert code == 1, text
    elif expect == "ok":
        assert code == 0, text
    if code == 1:
        assert not (tmp_path / "decks").exists()
        assert re.search(r"^outline\.txt(:\d+:\d+)?: error: ", text, re.M), text
        return
    check_code, check_text = invoke("check", "decks/imp")
    build_code, build_text = invoke("build", "decks/imp", "-o", "out")
    assert (check_code == 0) == (build_code == 0), check_text + build_text
    if expect == "ok":
        assert check_code == 0, check_text
    if build_code != 0:
        assert not (tmp_path / "out").exists() or snapshot(tmp_path / "out") == {}


def test_the_corpus_is_at_least_150_inputs():
    inputs = len(OUTLINES) + len(THEMES) + len(SET_CASES) + len(TEMPLATES) + 1 + len(PICTURES) + len(IMPORTS)
    assert inputs >= 150, inputs
