"""Safe YAML loading: locations, limits (size, depth, aliases), encodings, duplicate keys, and the
Chinese input-method mistakes explained with their fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import DeckgenError, Loc
from deckgen.yamlsource import (MAX_DEPTH, MAX_FILE_BYTES, YMap, YScalar, YSeq, load, parse, to_python)

ROOT = Path(__file__).resolve().parent.parent
F = Loc("f.yaml")


def problems(text: str) -> list[str]:
    """Every diagnostic for `text`, as the one-line `file:line:col: error: message` a user reads."""
    with pytest.raises(DeckgenError) as err:
        parse(text, F)
    return [str(d).split("\n")[0] for d in err.value.diagnostics]


def hints(text: str) -> list[str]:
    with pytest.raises(DeckgenError) as err:
        parse(text, F)
    return [d.hint for d in err.value.diagnostics]


def problem_files(path: Path) -> list[str]:
    with pytest.raises(DeckgenError) as err:
        load(path)
    return [str(d).split("\n")[0] for d in err.value.diagnostics]


# --- nodes keep where they were written ------------------------------------------------------------

def test_every_node_knows_its_line_and_column():
    root = parse("title: 开场\nsections:\n  - kind: content\n    points: [一, 二]\n", F)
    assert isinstance(root, YMap)
    assert root.key_loc("sections") == Loc("f.yaml", 2, 1)
    section = root.get("sections").items[0]
    assert section.key_loc("points") == Loc("f.yaml", 4, 5)
    second = section.get("points").items[1]
    assert isinstance(second, YScalar) and second.loc == Loc("f.yaml", 4, 17) and second.value == "二"


def test_numbers_and_yes_no_keep_the_text_as_written():
    root = parse("title: 2026\ndate: 2026-12-08\nstart: 09:00\nflag: yes\n", F)
    assert [root.get(k).text() for k in ("title", "date", "start", "flag")] == ["2026", "2026-12-08", "09:00", "yes"]


def test_a_leading_zero_does_not_make_an_octal_number():
    # YAML 1.1 reads 010 as 8; editors (YAML 1.2) and people read ten
    assert to_python(parse("minutes: 010\n", F)) == {"minutes": 10}


def test_empty_and_comment_only_documents_are_none():
    assert parse("", F) is None
    assert parse("# only a comment\n\n", F) is None


# --- safe loading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, tag, col", [
    ("a: !!python/object/apply:os.system [echo hi]\n", "!!python/object/apply:os.system", 4),
    ("a: !!python/name:os.system\n", "!!python/name:os.system", 4),
    ("a: !!python/object:collections.OrderedDict {x: 1}\n", "!!python/object:collections.OrderedDict", 4),
    ("a: !!set {x}\n", "!!set", 4),
    ("a: !custom value\n", "!custom", 4),
    ("- !!binary\n  aGVsbG8=\n- !!omap [x: 1]\n", "!!omap", 3),
])
def test_no_python_or_custom_tags(text, tag, col):
    line = 3 if tag == "!!omap" else 1
    assert problems(text) == [f"f.yaml:{line}:{col}: error: unsupported YAML tag '{tag}': deckgen reads plain "
                              "YAML only"]


@pytest.mark.parametrize("text, shown", [("a: !!float abc\n", "'abc' as !!float"),
                                         ("a: !!bool maybe\n", "'maybe' as !!bool"),
                                         ("a: !!int x1\n", "'x1' as !!int")])
def test_an_explicit_core_tag_on_a_wrong_value_is_a_clean_error(text, shown):
    assert problems(text) == [f"f.yaml:1:4: error: cannot read {shown}"]


def _never(*args, **kwargs):
    raise AssertionError("the refused input went further than it should")


def test_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"title: x\n" + b"#" * MAX_FILE_BYTES)
    monkeypatch.setattr(Path, "open", _never)  # refused from its size alone: never opened
    msgs = problem_files(big)
    monkeypatch.undo()
    assert len(msgs) == 1 and msgs[0].startswith(f"{big}:1:1: error: the file is too large (")
    assert f"the limit is {MAX_FILE_BYTES:,}" in msgs[0]


def test_a_file_just_under_the_limit_is_read(tmp_path):
    ok = tmp_path / "ok.yaml"
    ok.write_bytes(b"title: x\n" + b"# padding\n" * ((MAX_FILE_BYTES - 100) // 10))
    assert to_python(load(ok)) == {"title": "x"}


def test_nesting_deeper_than_the_limit_is_refused_where_it_gets_too_deep():
    fine = "a: " + "[" * 10 + "]" * 10 + "\n"
    assert to_python(parse(fine, F)) is not None
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert problems(deep) == [f"f.yaml:1:{3 + MAX_DEPTH + 1}: error: nesting is too deep "
                              f"(the limit is {MAX_DEPTH} levels)"]
    block = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5))
    assert problems(block) == [f"f.yaml:{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}: error: nesting is too deep "
                               f"(the limit is {MAX_DEPTH} levels)"]


def test_a_megabyte_of_brackets_fails_fast(monkeypatch):
    import deckgen.yamlsource as ys
    monkeypatch.setattr(ys, "_compose", _never)  # refused on the raw text, before YAML's parser sees it
    assert problems("a: " + "[" * 200_000)[0].endswith("nesting is too deep (the limit is 40 levels)")


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast_with_a_clear_message(monkeypatch):
    import deckgen.yamlsource as ys
    monkeypatch.setattr(ys._Converter, "convert", _never)  # refused before any alias is expanded
    msgs = problems(billion_laughs())
    monkeypatch.undo()
    assert msgs == ["f.yaml:6:4: error: aliases ('*name') make this list expand to 597,871 values "
                    "(the limit is 100,000): refusing to load it"]
    assert hints(billion_laughs()) == ["an outline needs no aliases; write the values out"]


def test_small_aliases_are_fine():
    assert to_python(parse("q: &q [一, 二]\nagain: *q\n", F)) == {"q": ["一", "二"], "again": ["一", "二"]}


def test_a_recursive_alias_is_refused():
    assert problems("a: &x [1, *x]\n") == ["f.yaml:1:4: error: an alias refers to the list that contains it: "
                                           "the value would be endless"]


def test_duplicate_keys_are_all_reported():
    text = "title: a\nsections:\n  - kind: content\n    kind: case\n  - {title: x, title: y}\ntitle: b\n"
    assert problems(text) == [
        "f.yaml:4:5: error: duplicate key 'kind' (first given at line 3)",
        "f.yaml:5:16: error: duplicate key 'title' (first given at line 5)",
        "f.yaml:6:1: error: duplicate key 'title' (first given at line 1)",
    ]


def test_merge_keys_are_refused():
    assert problems("base: &b {x: 1}\nother:\n  <<: *b\n") == [
        "f.yaml:3:3: error: merge keys ('<<') are not supported: write the values out"]


# --- encodings and files that are not text -----------------------------------------------------------

def test_gbk_file_names_the_first_bad_byte_and_the_encoding(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_bytes("number: 1\ntitle: 开场白\n".encode("gbk"))
    with pytest.raises(DeckgenError) as err:
        load(f)
    (d,) = err.value.diagnostics
    assert str(d.loc) == f"{f}:2:8" and d.message == "the file is not UTF-8 text"
    assert d.hint.startswith("the file looks GBK/GB18030-encoded")
    assert "Save As → Encoding → UTF-8" in d.hint


def test_latin1_file_is_not_called_gbk(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_bytes(b"title: caf\xe9\xff\xfe\n")
    with pytest.raises(DeckgenError) as err:
        load(f)
    (d,) = err.value.diagnostics
    assert d.message == "the file is not UTF-8 text" and "GBK" not in d.hint


def test_utf8_with_bom_is_read(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_bytes("\ufefftitle: 开场\n".encode("utf-8"))
    assert to_python(load(f)) == {"title": "开场"}


def test_utf16_binary_and_folders_get_their_own_messages(tmp_path):
    u16 = tmp_path / "u16.yaml"
    u16.write_bytes("title: 开场\n".encode("utf-16"))
    png = tmp_path / "logo.yaml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert problem_files(u16) == [f"{u16}:1:1: error: the file is UTF-16 text; deckgen reads UTF-8 only"]
    assert problem_files(png) == [f"{png}:1:1: error: this is a binary file, not YAML text"]
    assert problem_files(folder) == [f"{folder}: error: expected a YAML file, found a folder"]
    assert problem_files(tmp_path / "missing.yaml") == [f"{tmp_path / 'missing.yaml'}: error: file not found"]


def test_control_character_is_located():
    assert problems("title: ok\nnotes: 看\x0c这里\n") == [
        "f.yaml:2:9: error: invisible control character U+000C in the text: YAML does not allow it"]


# --- Chinese input-method mistakes -----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("title：开场\n", "f.yaml:1:6: error: full-width colon '：' after the key 'title': YAML needs an ASCII ':'"),
    ("sections:\n  - kind：content\n    title: x\n",
     "f.yaml:2:9: error: full-width colon '：' after the key 'kind': YAML needs an ASCII ':'"),
    ("items:\n  - {label：B2B, text: 价值}\n",
     "f.yaml:2:11: error: full-width colon '：' after the key 'label' in a {…} mapping"),
    ("breaks: [{at: \"10:30\", minutes：15}]\n",
     "f.yaml:1:31: error: full-width colon '：' after the key 'minutes' in a {…} mapping"),
    ("title:\u3000开场\n",
     "f.yaml:1:7: error: full-width space '\u3000' after 'title:': YAML needs an ordinary space there"),
    ("a:\n\u3000\u3000b: 1\n", "f.yaml:2:1: error: full-width space '\u3000' (U+3000) in the indentation"),
    ("a:\n\tb: 1\n", "f.yaml:2:1: error: tab in the indentation: YAML indents with spaces only"),
    ("“title”: 开场\n", "f.yaml:1:1: error: curly quotes around the key 'title'"),
    ("points:\n  － 第一点\n", "f.yaml:2:3: error: '－' (U+FF0D) is not a list dash: YAML lists start with an ASCII "
     "'-' and a space"),
    ("points:\n  - 第一点\n  — 第二点\n", "f.yaml:3:3: error: '—' (U+2014) is not a list dash: YAML lists start with "
     "an ASCII '-' and a space"),
    ("points:\n  -\u3000第一点\n", "f.yaml:2:4: error: full-width space '\u3000' after the list dash '-'"),
    ("title: 开场\n＃ 备注\n", "f.yaml:2:1: error: full-width '＃' does not start a comment: YAML comments start with "
     "an ASCII '#'"),
])
def test_input_method_mistakes_are_found_and_explained(text, expected):
    assert problems(text) == [expected]
    assert all(hints(text))


def test_each_input_method_mistake_is_reported_at_once():
    text = "title：开场\nsections:\n\t- kind: content\n  “title”: x\n"
    assert [m.split(": error: ")[0] for m in problems(text)] == ["f.yaml:1:6", "f.yaml:3:1", "f.yaml:4:3"]


@pytest.mark.parametrize("text, expected", [
    # a Chinese key with a full-width colon: YAML reads a plain text, then fails on the next line
    ("title: 开场\n目标：一\nnumber: 1\n", "f.yaml:2:3: error: full-width colon '：' where YAML needs ':' (YAML "
     "cannot read this line as 'key: value')"),
    ("title:开场\nnumber: 1\n", "f.yaml:1:6: error: missing space after 'title:': YAML needs a space between a key's "
     "colon and its value"),
    ("title: “案例: 标题”\n", "f.yaml:1:8: error: curly quotes “…” do not quote text in YAML, so the ': ' inside "
     "them ends the key"),
    ('title: "开场\nnumber: 1\n', "f.yaml:1:8: error: this quote is never closed: the file ends before the closing "
     "quote"),
])
def test_when_yaml_itself_fails_the_line_to_fix_is_named(text, expected):
    assert problems(text) == [expected]


def test_yaml_syntax_errors_keep_yamls_words_and_add_a_hint():
    (d,) = pytest.raises(DeckgenError, parse, "a:\n  b: 1\n c: 2\n", F).value.diagnostics
    assert str(d.loc) == "f.yaml:3:2"
    assert d.message.startswith("YAML syntax: expected <block end>, but found '<block mapping start>'")
    assert d.hint.startswith("check the indentation")


@pytest.mark.parametrize("text", [
    "points:\n  - B2B：价值传递\n  - 做市场:营销战略\n  - 销售：管理\n",  # colons inside point texts
    "title: 公司：战略\nsubtitle: 第一步,step：二\n",  # a full-width colon inside a value
    "notes: |\n  \u3000\u3000开场时先提问。\n  － 这是一段引用\n  ＃ 不是注释\n  \t缩进的文字\ntitle: x\n",  # block scalar text
    "notes: >-\n    “引号”: 在段落里\n    - 不是列表\ntitle: x\n",
    "points:\n  - “外松内紧”三个字\n  - 用‘纲举目张’总结\n",
    "items: [{label: B2B, text: 价值：传递}]\n",
    "points:\n  - 第一点\n  - — 破折号开头的点\n",
    "trainers: [王明，李华]\n",
])
def test_legitimate_chinese_text_is_not_mistaken_for_an_input_method_slip(text):
    assert parse(text, F) is not None


def test_every_shipped_outline_and_theme_loads_without_complaint():
    files = sorted(ROOT.glob("decks/*/*.yaml")) + sorted(ROOT.glob("src/deckgen/themes/*/theme.yaml")) \
        + sorted(ROOT.glob("themes/*/theme.yaml"))
    assert len(files) >= 8
    for f in files:
        assert isinstance(load(f), YMap), f


def test_to_python_drops_locations():
    root = parse("a: [1, {b: two}]\n", F)
    assert isinstance(root.get("a"), YSeq)
    assert to_python(root) == {"a": [1, {"b": "two"}]}
