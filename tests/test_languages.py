"""Deck languages: zh-TW and zh-HK in a Traditional-Chinese typeface, Japanese with kinsoku line breaks,
Korean breaking at spaces, each with its own labels and `lang` tags, measured with the matching Noto CJK
face; a deck per language passes schema validation and a LibreOffice round trip."""
from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import invoke, working_directory
from deckgen import languages
from deckgen.errors import DeckgenError
from deckgen.textfit import NO_LINE_START, Font, Measurer, Wrapper, atoms
from ooxml import assert_valid, office_round_trip

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

TEXT = {
    "zh-TW": dict(title="銷售過程管理實戰", module="為什麼要管理過程", section="業績來自可控的過程",
                  points=["每週檢視關鍵行為，而不是只看結果", "用數據說話：拜訪量、轉化率與客單價"],
                  trainer="陳大文"),
    "zh-HK": dict(title="銷售團隊領導力", module="由結果到過程", section="每日跟進的節奏",
                  points=["跟進客戶的下一步，並寫低日期", "團隊會議只講三件事"], trainer="黃志強"),
    "ja": dict(title="営業プロセス管理の実践", module="なぜプロセスを管理するのか", section="成果は行動の積み重ね",
               points=["毎週、結果だけでなく行動を振り返りましょう。ちょっとした工夫で、チームの成果は大きく変わります。",
                       "データで話す：訪問数、成約率、そして顧客単価を確認する"], trainer="山田太郎"),
    "ko": dict(title="영업 프로세스 관리 실전", module="왜 프로세스를 관리하는가", section="성과는 행동의 결과입니다",
               points=["매주 결과만 보지 말고 핵심 행동을 함께 점검하십시오. 작은 습관이 팀의 성과를 바꿉니다.",
                       "데이터로 말하기: 방문 수, 전환율, 객단가"], trainer="김민수"),
}
LABELS = {"zh-TW": ("今日議程", "今日回顧", "(續)"), "zh-HK": ("今日議程", "今日回顧", "(續)"),
          "ja": ("本日のアジェンダ", "本日のまとめ", "（続き）"), "ko": ("오늘의 일정", "오늘의 정리", "(계속)")}
FACE = {"zh-TW": "Microsoft JhengHei", "zh-HK": "Microsoft JhengHei", "ja": "Yu Gothic", "ko": "Malgun Gothic"}
TAG = {"zh-TW": "zh-TW", "zh-HK": "zh-HK", "ja": "ja-JP", "ko": "ko-KR"}
NOTO = {"zh-TW": "Noto Sans CJK TC", "zh-HK": "Noto Sans CJK TC", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}


def write_course(folder: Path, lang: str) -> Path:
    t = TEXT[lang]
    folder.mkdir(parents=True)
    points = "".join(f"      - \"{p}\"\n" for p in t["points"] * 8)  # enough to continue on a second slide
    (folder / "course.yaml").write_text(
        f"title: {t['title']}\ntrainers: [{t['trainer']}]\nlanguage: {lang}\ndays:\n  - title: Day 1\n"
        f"    start: \"09:00\"\n    modules: [01-m.yaml]\n", encoding="utf-8")
    (folder / "01-m.yaml").write_text(
        f"number: 1\ntitle: {t['module']}\nsections:\n  - kind: content\n    title: {t['section']}\n"
        f"    minutes: 30\n    points:\n{points}    notes: \"{t['points'][0]}\"\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages")
    out = {}
    for lang in TEXT:
        course = write_course(root / "decks" / lang, lang)
        code, text = _build(course, root / "out")
        assert code == 0, text
        out[lang] = root / "out" / lang / "day-1.pptx"
    return out


def _build(course, out):
    r = invoke("build", course, "-o", out)
    return r.exit_code, r.output


def runs(path: Path):
    prs = Presentation(str(path))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    for r in p.runs:
                        yield shape.name, r


@pytest.mark.parametrize("lang", list(TEXT))
def test_each_language_has_its_typeface_lang_tag_and_labels(decks, lang):
    path = decks[lang]
    faces, tags = set(), set()
    for _, run in runs(path):
        rpr = run._r.find(f"{A}rPr")
        ea = rpr.find(f"{A}ea") if rpr is not None else None
        if ea is not None and re.search(r"[^\x00-\x7f]", run.text):
            faces.add(ea.get("typeface"))
            tags.add(rpr.get("lang"))
    theme_xml = zipfile.ZipFile(path).read("ppt/theme/theme1.xml").decode()
    # runs name the face, or the theme's heading/body face (+mj-ea, +mn-ea), which must then be the language's
    assert theme_xml.count(f'<a:ea typeface="{FACE[lang]}"/>') >= 2, theme_xml[:2000]
    faces = {FACE[lang] if f in ("+mj-ea", "+mn-ea") else f for f in faces}
    assert faces == {FACE[lang]}, faces
    assert tags == {TAG[lang]}, tags
    text = "\n".join(r.text for _, r in runs(path))
    agenda, closing, _ = LABELS[lang]
    assert agenda in text and closing in text, text[:400]
    assert "议程" not in text  # no Simplified-Chinese label in these decks


@pytest.mark.parametrize("lang", list(TEXT))
def test_each_language_deck_validates_and_survives_libreoffice(decks, lang, tmp_path):
    assert_valid(decks[lang])
    assert office_round_trip(decks[lang], tmp_path) >= 4


@pytest.mark.parametrize("lang", list(TEXT))
def test_text_is_measured_with_the_matching_noto_face(lang):
    face = Measurer()._face_for(FACE[lang], False, True)
    assert face is not None and face.getname()[0] == NOTO[lang]


def test_japanese_lines_never_start_with_small_kana_or_closing_marks(decks):
    wrapper = Wrapper(Measurer())
    font = Font("Yu Gothic", "Yu Gothic")
    text = TEXT["ja"]["points"][0] * 3
    for width in range(60, 400, 7):
        for line in wrapper.wrap(text, font, 20, width)[1:]:
            assert line[0] not in NO_LINE_START, (width, line)
    for line in (r.text for _, r in runs(decks["ja"])):
        for piece in line.split("\n")[1:]:
            assert piece and piece[0] not in NO_LINE_START, line


def test_korean_breaks_only_at_spaces(decks):
    words = set(TEXT["ko"]["points"][0].split())
    assert all(a.strip() in words for a in atoms(TEXT["ko"]["points"][0]) if a.strip())
    wrapper = Wrapper(Measurer())
    font = Font("Malgun Gothic", "Malgun Gothic")
    for width in range(80, 400, 11):
        for line in wrapper.wrap(TEXT["ko"]["points"][0], font, 20, width):
            assert all(w in words for w in line.split()), (width, line)
    from deckgen.theme import resolve_theme
    known = {w for v in TEXT["ko"].values() for t in (v if isinstance(v, list) else [v]) for w in t.split()}
    known |= {w for t in resolve_theme("default")[0].labels["ko"].values() for w in t.split()}
    for _, run in runs(decks["ko"]):
        for line in run.text.split("\n"):
            for w in unicodedata.normalize("NFKC", line).split():  # whole words: lines broke at spaces only
                assert w in known or not re.search("[가-힣]", w) or re.fullmatch(r"\(?\d+(분|일차)\)?", w), w


def test_a_theme_that_names_its_own_east_asian_face_keeps_it():
    assert languages.ea_typeface("ja", "Meiryo") == "Meiryo"
    assert languages.ea_typeface("ja", "Microsoft YaHei") == "Yu Gothic"
    assert languages.ea_typeface("zh-CN", "Microsoft YaHei") == "Microsoft YaHei"
    assert languages.ea_typeface("zh-HK", "SimSun") == "Microsoft JhengHei"


def test_labels_fall_back_key_by_key():
    labels = {"en": {"agenda": "Agenda", "closing": "Wrap-up"}, "zh-TW": {"agenda": "今日議程"}, "zh": {"closing": "今日回顾"}}
    assert languages.label_table(labels, "zh-HK") == {"agenda": "今日議程", "closing": "今日回顾"}
    assert languages.label_table(labels, "ko") == {"agenda": "Agenda", "closing": "Wrap-up"}


# --- every word deckgen adds, in the course's language (#18) ----------------------------------------

ALL = ("zh-CN", "zh-TW", "zh-HK", "ja", "ko", "en")
KO_POINT = "방문 수, 전환율과 객단가"  # Korean is punctuated with ASCII marks and spaces: kept as written
JA_POINT = "訪問数, 成約率"  # Japanese text is left as written too (its comma is 、, not ，)
SAME_COURSE = {
    "course.yaml": """\
title: Alpha Course
trainers: [Ann Lee, Bo Chen]
audience: Alpha team leads
language: {lang}
days:
  - title: D1
    start: "09:00"
    breaks: [{at: "09:30", minutes: 15}]
    modules: [01-m.yaml]
  - title: D2
    start: "09:00"
    modules: [02-m.yaml]
""",
    "01-m.yaml": f"""\
number: 1
title: Alpha module
objectives: [Alpha aim]
takeaways: [Alpha gain, Bravo gain]
sections:
  - kind: content
    title: Alpha points
    minutes: 30
    points: ["{KO_POINT}", "{JA_POINT}", Charlie]
    notes: Alpha talk.
  - kind: framework
    title: Alpha model
    minutes: 20
    diagram:
      kind: process
      items: [Plan, Do, Check]
    points: [Plan first]
    notes: Bravo talk.
  - kind: exercise
    title: Alpha drill
    type: Drill
    minutes: 20
    task: Draw the map.
    steps: [Pair up, Swap]
    deliverable: One map
    materials: [Paper, Pens]
    debrief: [What changed?]
    lead: Bo Chen
    notes: Charlie talk.
""",
    "02-m.yaml": """\
number: 2
title: Bravo module
sections:
  - kind: case
    title: Bravo case
    minutes: 20
    background: A firm.
    points: [Facts]
    questions: [Why?]
    notes: Delta talk.
  - kind: content
    title: Bravo chart
    minutes: 10
    chart:
      type: column
      categories: [Q1, Q2]
      series: [{name: Wins, values: [3, 4]}]
    notes: Echo talk.
""",
}


def _pptx_text(path: Path) -> str:
    """Every word a deck shows or says: shape text, speaker notes and alt text."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
                xml = z.read(name).decode("utf-8")
                out += re.findall(r"<a:t>([^<]*)</a:t>", xml)
                out += re.findall(r' descr="([^"]*)"', xml)
    import html
    return "\n".join(html.unescape(t) for t in out)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The same course built in every language: {lang: {"deck": text, "guide": text, "handout": text}}."""
    from deckgen.docx_util import docx_text
    root = tmp_path_factory.mktemp("same-course")
    out = {}
    for lang in ALL:
        folder = root / "decks" / f"alpha-{lang.lower()}"
        folder.mkdir(parents=True)
        for name, text in SAME_COURSE.items():
            (folder / name).write_text(text.replace("{lang}", lang) if name == "course.yaml" else text,
                                       encoding="utf-8")
        built = root / "out"
        said = {}
        for args in (("build",), ("guide", "--no-thumbnails"), ("handout",)):
            r = invoke(*args[:1], folder, "-o", built, *args[1:])
            assert r.exit_code == 0, (lang, args, r.output)
            said[args[0]] = r.output
        target = built / folder.name
        deck = "\n".join(_pptx_text(p) for p in sorted(target.glob("day-*.pptx")))
        guide = "\n".join(docx_text(p) for p in sorted(target.glob("guide-day-*.docx")))
        out[lang] = {"deck": deck, "guide": guide, "handout": docx_text(target / "handout.docx"),
                     "build": said["build"]}
    return out


def _table(lang: str) -> dict[str, str]:
    from deckgen.theme import resolve_theme
    return languages.label_table(resolve_theme("default")[0].labels, lang)


def _fragments(value: str) -> list[str]:
    """A label's words without its fields: '{n} 分钟' → ['分钟']."""
    return [f.strip() for f in re.split(r"\{\w+\}", value) if f.strip()]


def _leaks(lang: str, source: str, pattern) -> set[str]:
    """Words of the `source` label table that `lang`'s own table does not use (such a word in a `lang`
    output came from the wrong table)."""
    own = "\n".join(_table(lang).values())
    return {f for v in _table(source).values() for f in _fragments(v) if pattern(f) and f not in own}


@pytest.mark.parametrize("lang", ["zh-TW", "zh-HK", "ja", "ko"])
def test_no_simplified_chinese_word_in_a_traditional_japanese_or_korean_deck_guide_or_handout(outputs, lang):
    words = _leaks(lang, "zh-CN", lambda f: len(f) >= 2 and re.search(r"[\u4e00-\u9fff]", f))
    assert len(words) > 50  # the check has teeth: most Simplified-Chinese words differ from this table's
    for part in ("deck", "guide", "handout"):
        found = sorted(w for w in words if w in outputs[lang][part])
        assert not found, (part, found)


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW", "zh-HK", "ja", "ko"])
def test_no_english_default_word_in_an_east_asian_deck_guide_or_handout(outputs, lang):
    words = _leaks(lang, "en", lambda f: re.search(r"[A-Za-z]{3}", f) and f not in ("LibreOffice",))
    assert len(words) > 50
    for part in ("deck", "guide", "handout"):
        found = sorted(w for w in words if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])",
                                                      outputs[lang][part]))
        assert not found, (part, found)


OWN_WORDS = ("notes_key_points", "notes_materials", "audience_label", "today_time", "lead", "next_step_review",
             "next_step_try", "diagram_process", "chart_column", "debrief", "guide", "run_sheets",
             "talk_track", "instructions", "run_sheet_item", "handover", "kind_exercise", "kind_break", "workbook",
             "worksheet", "my_notes", "overview", "questions", "task")


@pytest.mark.parametrize("lang", ALL)
def test_each_language_shows_its_own_words(outputs, lang):
    table = _table(lang)
    text = "\n".join(outputs[lang][p] for p in ("deck", "guide", "handout"))
    missing = [k for k in OWN_WORDS if not all(f in text for f in _fragments(table[k]))]
    assert not missing, [(k, table[k]) for k in missing]


MODULE_ONE = {"zh-CN": "模块一", "zh-TW": "模組一", "zh-HK": "模組一", "ja": "モジュール1", "ko": "모듈 1",
              "en": "Module 1"}
COLON = {"zh-CN": "：", "zh-TW": "：", "zh-HK": "：", "ja": "：", "ko": ": ", "en": ": "}


@pytest.mark.parametrize("lang", ALL)
def test_module_labels_numerals_and_separators_follow_the_language(outputs, lang):
    deck, guide, handout = (outputs[lang][p] for p in ("deck", "guide", "handout"))
    assert MODULE_ONE[lang] in deck and MODULE_ONE[lang] in guide and MODULE_ONE[lang] in handout
    others = {v for k, v in MODULE_ONE.items() if v != MODULE_ONE[lang]}
    assert not [o for o in others if o in deck + guide + handout]
    table = _table(lang)
    assert table["audience_label"] + COLON[lang] + "Alpha team leads" in deck  # the cover's notes
    assert table["debrief"] + COLON[lang] + "Alpha drill" in deck  # the debrief slide's title
    assert table["lead"] + COLON[lang] + "Bo Chen" in deck  # who leads, in the notes
    names = "Ann Lee" + table["list_separator"] + "Bo Chen"
    assert names in deck and names in handout
    assert table["task"] + COLON[lang] + "Draw the map." in handout


def test_ascii_punctuation_is_set_full_width_in_chinese_decks_only(outputs):
    for lang in ("zh-CN", "zh-TW", "zh-HK"):
        assert "방문 수，" in outputs[lang]["deck"] and "訪問数，" in outputs[lang]["deck"]
        assert "set full-width" in outputs[lang]["build"]
    for lang in ("ja", "ko", "en"):
        deck = outputs[lang]["deck"]
        assert "방문 수," in deck and "訪問数," in deck and "，" not in deck, lang
        assert "set full-width" not in outputs[lang]["build"]


def test_every_shipped_theme_has_the_same_label_keys_in_every_language():
    """A word added for one language only would show the key (or English) in the others: every table a
    shipped theme writes has the same keys, and the built-in one has every key; zh-HK falls back to zh-TW."""
    import yaml

    from deckgen.theme import LABEL_KEYS
    shipped = sorted(Path(languages.__file__).parent.glob("themes/*/theme.yaml")) + \
        sorted(Path(__file__).resolve().parent.parent.glob("themes/*/theme.yaml"))
    assert len(shipped) >= 4
    for path in shipped:
        tables = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("labels") or {}
        if not tables:
            continue
        expected = set(LABEL_KEYS) if path.parent.name == "default" else set(next(iter(tables.values())))
        for lang in languages.LABEL_TABLES:
            if lang == "zh-HK" and lang not in tables:
                continue  # falls back to zh-TW, explicitly (deckgen.languages)
            assert set(tables.get(lang) or {}) == expected, (path, lang, expected ^ set(tables.get(lang) or {}))
    assert languages.language("zh-HK").labels[:2] == ("zh-HK", "zh-TW")


def test_a_theme_overrides_any_word_and_punctuation_for_one_language(tmp_path):
    from deckgen.theme import resolve_theme
    themes = tmp_path / "themes" / "house"
    themes.mkdir(parents=True)
    (themes / "theme.yaml").write_text(
        'labels:\n  ko: {colon: " - ", module: 단원}\n  ja: {notes_key_points: 要点, module_n: "第{n}{module}"}\n',
        encoding="utf-8")
    with working_directory(tmp_path):
        theme, diags = resolve_theme("house")
    assert not diags.has_errors(), diags.items
    from deckgen.design import module_label
    assert module_label(theme, "ko", 2) == "단원 2" and module_label(theme, "ja", 3) == "第3モジュール"
    assert theme.label("colon", "ko") == " - " and theme.label("colon", "zh-TW") == "："
    assert theme.label("notes_key_points", "ja") == "要点" and theme.label("module", "zh-CN") == "模块"
    (themes / "theme.yaml").write_text("labels:\n  ja: {module_n: \"{title}\"}\n", encoding="utf-8")
    with working_directory(tmp_path), pytest.raises(DeckgenError) as info:
        resolve_theme("house")
    assert any("unknown field {title}" in d.message for d in info.value.diagnostics)
