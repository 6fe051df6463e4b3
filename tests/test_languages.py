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

from conftest import invoke
from deckgen import languages
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
