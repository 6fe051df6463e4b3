"""The deck languages: which label table, East Asian typeface, `lang` tag and measuring face each one uses.

A deck declares one typeface per script on each run (`a:ea`), so a Traditional-Chinese, Japanese or
Korean deck needs a face with that language's glyph forms: a Simplified-Chinese face (the built-in
theme's Microsoft YaHei) draws 骨, 直 and 角 the mainland way and has no Hangul. For those languages the
theme's East Asian typeface is replaced by the language's own when it is a Simplified-Chinese face;
a theme that names another face keeps it. Text is measured with the matching Noto Sans CJK face (the
one LibreOffice substitutes), so lines break where they will break on screen.

Line breaking: Chinese and Japanese may break between characters except where kinsoku forbids it
(deckgen.textfit's NO_LINE_START / NO_LINE_END, small kana included); Korean breaks at spaces only.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

NOTO_CJK = "Noto Sans CJK"
# Face order inside NotoSansCJK-*.ttc (Debian's fonts-noto-cjk): JP, KR, SC, TC, HK.
NOTO_INDEX = {"JP": 0, "KR": 1, "SC": 2, "TC": 3, "HK": 4}


@dataclass(frozen=True)
class Language:
    code: str  # as a course writes it: zh-CN, zh-TW, zh-HK, ja, ko, en
    labels: tuple[str, ...]  # theme label tables to look in, first found wins (en is always last)
    lang_tag: str  # the `lang` of East Asian runs in the deck
    typefaces: tuple[str, ...]  # Windows, macOS, Linux faces; the first is written into the deck
    noto: str  # the Noto Sans CJK region whose metrics measure this language's text
    chinese_style: bool  # Chinese typography and wording (full-width punctuation, 第N天, Chinese numerals)


LANGUAGES: dict[str, Language] = {
    "zh-CN": Language("zh-CN", ("zh",), "zh-CN", ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"), "SC",
                      True),
    "zh-TW": Language("zh-TW", ("zh-TW", "zh"), "zh-TW",
                      ("Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC"), "TC", True),
    "zh-HK": Language("zh-HK", ("zh-HK", "zh-TW", "zh"), "zh-HK",
                      ("Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC"), "TC", True),
    "ja": Language("ja", ("ja",), "ja-JP", ("Yu Gothic", "Hiragino Sans", "Noto Sans CJK JP"), "JP", False),
    "ko": Language("ko", ("ko",), "ko-KR", ("Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR"), "KR",
                   False),
    "en": Language("en", ("en",), "zh-CN", (), "SC", False),
}
CODES = tuple(LANGUAGES)
LABEL_TABLES = ("zh", "zh-TW", "zh-HK", "ja", "ko", "en")

# East Asian typefaces that are Simplified-Chinese faces: replaced in zh-TW, zh-HK, ja and ko decks.
SIMPLIFIED_FACES = frozenset(f.lower() for f in (
    "Microsoft YaHei", "微软雅黑", "Microsoft YaHei UI", "PingFang SC", "苹方-简", "Noto Sans CJK SC",
    "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "思源黑体", "SimSun", "宋体", "SimHei", "黑体",
    "DengXian", "等线", "NSimSun", "KaiTi", "楷体", "FangSong", "仿宋", "STHeiti", "Heiti SC", "Hiragino Sans GB",
    "WenQuanYi Micro Hei", "Noto Serif CJK SC", "Source Han Serif SC"))

# Every typeface a language names, to the Noto region that measures it.
_MEASURED_AS = {face.lower(): lang.noto for lang in LANGUAGES.values() for face in lang.typefaces}
_MEASURED_AS.update({"meiryo": "JP", "ms gothic": "JP", "ms pgothic": "JP", "yu gothic ui": "JP",
                     "hiragino kaku gothic pron": "JP", "游ゴシック": "JP", "メイリオ": "JP",
                     "맑은 고딕": "KR", "gulim": "KR", "dotum": "KR", "nanumgothic": "KR",
                     "微軟正黑體": "TC", "mingliu": "TC", "pmingliu": "TC", "mingliu_hkscs": "HK"})


def language(code: str) -> Language:
    """The language a course names (an unknown code, which validation refuses, reads as zh-CN)."""
    return LANGUAGES.get(code) or LANGUAGES["zh-CN"]


def ea_typeface(code: str, theme_face: str) -> str:
    """The East Asian typeface a deck in this language uses, given the theme's."""
    lang = language(code)
    if lang.typefaces and lang.code != "zh-CN" and theme_face.strip().lower() in SIMPLIFIED_FACES:
        return lang.typefaces[0]
    return theme_face


def noto_face(typeface: str) -> int:
    """Which face of NotoSansCJK-*.ttc measures text set in `typeface` (Simplified Chinese unless known)."""
    name = typeface.strip().lower()
    region = _MEASURED_AS.get(name)
    if region is None:
        for key in NOTO_INDEX:  # e.g. "Noto Serif CJK TC", "Source Han Sans KR"
            if name.endswith((" " + key.lower(), "-" + key.lower())):
                region = key
                break
    return NOTO_INDEX[region or "SC"]


def theme_for(theme, code: str):
    """The theme as a deck in language `code` uses it: East Asian typefaces for that language."""
    fonts = {role: dataclasses.replace(pair, ea=ea_typeface(code, pair.ea)) for role, pair in theme.fonts.items()}
    if fonts == theme.fonts:
        return theme
    origins = dict(theme.origins)
    for role, pair in fonts.items():
        if pair.ea != theme.fonts[role].ea:
            origins[f"fonts.{role}.ea"] = f"language {code}: {pair.ea} in place of {theme.fonts[role].ea}"
    return dataclasses.replace(theme, fonts=fonts, origins=origins)


CHINESE_NUMERALS = "零一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99)."""
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones] if ones else "")


def module_numeral(number: int, chinese: bool) -> str:
    """A module's number on the agenda's markers and in Chinese labels: 一 … 十九 in Chinese, else 01, 02 …"""
    return cn_numeral(number) if chinese and number < 20 else f"{number:02d}"


def label_table(labels: dict[str, dict[str, str]], code: str) -> dict[str, str]:
    """The label table for a language: its own, then its fall-backs, then English, key by key."""
    merged: dict[str, str] = {}
    for name in ("en", *reversed(language(code).labels)):
        merged.update(labels.get(name) or {})
    return merged


__all__ = ["Language", "LANGUAGES", "CODES", "LABEL_TABLES", "language", "ea_typeface", "noto_face", "theme_for",
           "cn_numeral", "module_numeral", "label_table"]
