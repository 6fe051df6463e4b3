"""The JSON Schemas: generated from the validator's own definitions, shipped in the package without drift,
valid draft 2020-12, accepting every shipped deck and theme file and rejecting the corpus's type errors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.commands.schema import KINDS, PACKAGED, generate, render
from deckgen.errors import Diagnostics, Loc
from deckgen.outline import COURSE, MODULE
from deckgen.spec import INVALID, Number, Text, schema_document
from deckgen.theme import THEME
from deckgen.yamlsource import YMap, YScalar, YSeq, load, parse
from test_check import CORPUS, MODULE as SMALL_MODULE, COURSE as SMALL_COURSE

ROOT = Path(__file__).resolve().parent.parent
CHECKED_IN = ROOT / "src" / "deckgen" / "schemas"  # the repository's copy, which the examples point at


def editor_view(node):
    """The data an editor's YAML 1.2 parser sees (deckgen reads YAML 1.1): `09:00` and `2026-12-08` are text,
    `yes` is text, `010` is ten. The schemas describe this view."""
    if isinstance(node, YMap):
        return {k: editor_view(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, YSeq):
        return [editor_view(i) for i in node.items]
    assert isinstance(node, YScalar)
    raw = node.raw
    if node.quoted:
        return node.value if isinstance(node.value, str) else raw
    if raw in ("", "~", "null", "Null", "NULL"):
        return None
    if raw in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return raw.lower() == "true"
    if re.fullmatch(r"[-+]?[0-9]+", raw):
        return int(raw)
    if re.fullmatch(r"0x[0-9a-fA-F]+", raw):
        return int(raw, 16)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", raw):
        return float(raw)
    return raw


def validator(kind: str):
    return jsonschema.Draft202012Validator(generate(kind))


def kind_of(path: Path) -> str:
    if path.name == "theme.yaml":
        return "theme"
    return "course" if path.name == "course.yaml" else "module"


# --- generated, shipped, not drifting -------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
def test_checked_in_schemas_equal_freshly_generated_ones(kind):
    for shipped in (CHECKED_IN / f"{kind}.schema.json", PACKAGED / f"{kind}.schema.json"):
        assert shipped.read_text(encoding="utf-8") == render(kind), (
            f"{shipped} is out of date: run `deckgen schema -o src/deckgen/schemas` and commit the result")


@pytest.mark.parametrize("kind", list(KINDS))
def test_schemas_are_valid_draft_2020_12_documents(kind):
    doc = generate(kind)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["$id"] == f"urn:deckgen:schema:{kind}"
    assert doc["title"] == f"deckgen {kind}" and len(doc["description"]) > 40
    refs = set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(doc)))
    assert refs <= set(doc.get("$defs", {})), "every $ref has its $defs entry"


def test_recursive_points_are_a_defs_reference():
    doc = generate("module")
    assert set(doc["$defs"]) == {"point"}
    sub = doc["$defs"]["point"]["anyOf"][1]["properties"]["points"]
    assert sub["items"] == {"$ref": "#/$defs/point"} and sub["maxItems"] == 12


def test_schema_command_writes_all_three_or_prints_one(tmp_path):
    r = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "s")], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    for kind in KINDS:
        assert (tmp_path / "s" / f"{kind}.schema.json").read_text(encoding="utf-8") == render(kind)
    r = CliRunner().invoke(main, ["schema", "theme"], catch_exceptions=False)
    assert r.exit_code == 0 and json.loads(r.output) == generate("theme")
    r = CliRunner().invoke(main, ["schema"], catch_exceptions=False)
    assert r.exit_code == 2 and "name a schema to print (course, module or theme)" in r.output


def test_example_files_point_their_editor_at_the_shipped_schemas():
    for f in sorted(ROOT.glob("decks/*/*.yaml")):
        first = f.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f
        target = (f.parent / m.group(1)).resolve()
        assert target == (CHECKED_IN / f"{kind_of(f)}.schema.json").resolve(), f


# --- the shipped files validate; the corpus's type errors do not ---------------------------------------

SHIPPED = sorted(ROOT.glob("decks/*/*.yaml")) + sorted(ROOT.glob("themes/*/theme.yaml")) + \
    sorted(ROOT.glob("src/deckgen/themes/*/theme.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
def test_every_shipped_deck_and_theme_file_validates(path):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator(kind_of(path)).iter_errors(editor_view(load(path)))]
    assert errors == []


def test_the_small_test_course_validates():
    assert list(validator("course").iter_errors(editor_view(parse(SMALL_COURSE, Loc("c"))))) == []
    assert list(validator("module").iter_errors(editor_view(parse(SMALL_MODULE, Loc("m"))))) == []


# Corpus entries whose mistake is one of type, shape, key or value (not YAML syntax, not files)
TYPE_ERRORS = ["title-is-a-list", "minutes-is-text", "minutes-out-of-range", "number-is-text", "points-is-text",
               "days-is-a-mapping", "language-not-a-choice", "bad-clock-time", "bad-break-time", "empty-days",
               "unknown-key-did-you-mean", "unknown-course-key", "unknown-section-kind", "unknown-diagram-kind",
               "section-without-kind", "matrix-with-5-items", "diagram-without-items", "missing-required-title",
               "course-without-days", "bad-colour", "unquoted-colour", "theme-size-wrong-type", "theme-unknown-key"]


@pytest.mark.parametrize("case_id", TYPE_ERRORS)
def test_schemas_reject_the_corpus_type_errors(case_id):
    """The file with the mistake fails its schema; the other files of the case (a course naming the broken
    theme) pass, so the schema points an editor at the right file."""
    (case,) = [c for c in CORPUS if c.id == case_id]
    culprit = next((rel for rel in case.files if rel.startswith("themes/")), None) or next(iter(case.files))
    assert len(case.files) == (2 if culprit.startswith("themes/") else 1)
    for rel, text in case.files.items():
        errors = list(validator(kind_of(Path(rel))).iter_errors(editor_view(parse(text, Loc(rel)))))
        if rel == culprit:
            assert errors, f"{rel} should not validate:\n{text}"
        else:
            assert errors == [], rel


# --- the validator's types and their schemas agree -------------------------------------------------------

@pytest.mark.parametrize("text, ok", [
    ("title: 2026", True), ("title: yes", True), ('title: ""', False), ("title: '  '", False), ("title:", False),
    ("title: [a]", False),
])
def test_text_accepts_what_the_validator_accepts(text, ok):
    node = parse(text + "\n", Loc("f")).get("title")
    diags = Diagnostics()
    assert (Text().check(node, diags, "'title'") is not INVALID) == ok
    schema = schema_document(Text(), schema_id="urn:t", title="t", description="t")
    assert jsonschema.Draft202012Validator(schema).is_valid(editor_view(node)) == ok


@pytest.mark.parametrize("raw", [".nan", ".inf", "-.inf"])
def test_a_number_must_be_finite(raw):
    diags = Diagnostics()
    assert Number(8, 96).check(parse(f"x: {raw}\n", Loc("f")).get("x"), diags, "'body'") is INVALID
    assert [d.message for d in diags] == [f"'body' must be a number from 8 to 96, not '{raw}' (not a finite number)"]


def test_defaults_are_advertised_to_editors():
    course = generate("course")
    assert course["properties"]["language"]["default"] == "zh-CN"
    assert course["properties"]["language"]["enum"] == ["zh-CN", "zh-TW", "zh-HK", "ja", "ko", "en"]


def test_schemas_come_from_the_validators_definitions():
    assert KINDS["course"].definition() is COURSE
    assert KINDS["module"].definition() is MODULE
    assert KINDS["theme"].definition() is THEME
    section_kinds = generate("module")["properties"]["sections"]["items"]["properties"]["kind"]["enum"]
    assert section_kinds == ["content", "framework", "case", "exercise"]
