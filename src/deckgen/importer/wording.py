"""The outline's language, told from its script, and the words the importer writes in it for what it makes up."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..languages import cn_numeral

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_LATIN = re.compile(r"[A-Za-z]")
# Common characters written differently in Traditional and Simplified Chinese (pairs, same order).
_TRADITIONAL = "們這個為與來說時會學國實對業產經發開關點銷戶務計劃標題課練習討論組團隊領導溝價場動當後進過還總結決問應從體長員現參與"
_SIMPLIFIED = "们这个为与来说时会学国实对业产经发开关点销户务计划标题课练习讨论组团队领导沟价场动当后进过还总结决问应从体长员现参与"
_TRADITIONAL_ONLY = re.compile("[" + "".join(t for t, s in zip(_TRADITIONAL, _SIMPLIFIED) if t != s) + "]")
_SIMPLIFIED_ONLY = re.compile("[" + "".join(s for t, s in zip(_TRADITIONAL, _SIMPLIFIED) if t != s) + "]")


def detect_language(text: str) -> str:
    """zh-CN, zh-TW, ja, ko or en: the script most of the text is written in. A Chinese character, a kana
    or a Hangul syllable carries about a word of meaning, so each counts as much as three Latin letters."""
    han, kana, hangul = len(_HAN.findall(text)), len(_KANA.findall(text)), len(_HANGUL.findall(text))
    if (han + kana + hangul) * 3 < len(_LATIN.findall(text)):
        return "en"
    if hangul > han + kana:
        return "ko"
    if kana * 10 >= han + kana:  # Japanese writes its grammar in kana between the kanji
        return "ja"
    traditional, simplified = len(_TRADITIONAL_ONLY.findall(text)), len(_SIMPLIFIED_ONLY.findall(text))
    return "zh-TW" if traditional > simplified else "zh-CN"


@dataclass(frozen=True)
class Wording:
    """Names for what the outline does not name: a day, a module, a break, lunch, the course itself."""

    day: str
    module: str
    coffee: str
    lunch: str
    course: str
    chinese_numerals: bool = False

    def day_title(self, n: int) -> str:
        return self.day.format(n=cn_numeral(n) if self.chinese_numerals else n)

    def module_title(self, n: int) -> str:
        return self.module.format(n=cn_numeral(n) if self.chinese_numerals else n)


WORDING = {
    "zh-CN": Wording("第{n}天", "模块{n}", "茶歇", "午餐", "导入的课程", chinese_numerals=True),
    "zh-TW": Wording("第{n}天", "模組{n}", "茶歇", "午餐", "匯入的課程", chinese_numerals=True),
    "ja": Wording("{n}日目", "モジュール{n}", "休憩", "昼食", "インポートしたコース"),
    "ko": Wording("{n}일차", "모듈 {n}", "휴식", "점심", "가져온 과정"),
    "en": Wording("Day {n}", "Module {n}", "Coffee break", "Lunch", "Imported course"),
}


def wording(language: str) -> Wording:
    return WORDING.get(language, WORDING["zh-CN" if language.startswith("zh") else "en"])
