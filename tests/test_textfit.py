"""Line breaking and fitting: Chinese break rules, phrases kept whole, no orphans, shrink then split."""
from __future__ import annotations

import pytest

from deckgen.textfit import (NO_LINE_END, NO_LINE_START, BlockStyle, Fitter, Font, Measurer, Para, Wrapper,
                             atoms, flow, phrases)

FONT = Font("Microsoft YaHei", "Microsoft YaHei")
SENTENCES = [
    "内部管理比外部业务复杂(体系营销)，客户数较少但服务有深度(客户粘度)。终端体验让品牌承诺落地！",
    "人保财险依托庞大的车险客户基础，推出汽车后市场服务平台“帮帮汽服”，把保险客户延伸到保养、维修、救援等服务场景。",
    "需求界定—被动满足VS主动引领；价值传递—内部协同VS外部整合；客户关系—理性认同AD感性依赖。",
]


@pytest.fixture(scope="module")
def wrapper():
    return Wrapper(Measurer())


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("width", [90, 130, 170, 260, 400])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(wrapper, text, width):
    lines = wrapper.wrap(text, FONT, 18, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("width", [90, 130, 170, 260, 400])
def test_lines_fit_the_width(wrapper, text, width):
    for line in wrapper.wrap(text, FONT, 18, width):
        assert wrapper.m.width(line, FONT, 18) <= width


def test_latin_words_are_not_split(wrapper):
    lines = wrapper.wrap("OGSM法则如何量化？B2B2C与S2B2C的区别", FONT, 20, 120)
    joined = "|".join(lines)
    for word in ("OGSM", "B2B2C", "S2B2C"):
        assert word in joined.replace("|", "") and all(word not in l[:-1] or word in l for l in lines)
    assert not any(l.endswith("OG") or l.startswith("SM") for l in lines)


def test_no_single_character_alone_on_the_last_line(wrapper):
    text = "销售团队教练五部曲之跟进而不是催促的"
    for width in range(60, 400, 7):
        lines = wrapper.wrap(text, FONT, 20, width)
        if len(lines) > 1:
            assert len(lines[-1].strip("，。！？")) > 1, (width, lines)


def test_phrases_keep_words_together():
    assert "帮帮" in "".join(p for p in phrases("人保旗下“帮帮汽服”的想象空间") if "帮帮" in p)
    assert any(p.endswith("管理") or "管理" in p for p in phrases("赢取B2B销售管理的丰厚红利"))


def test_balanced_title_lines_are_even(wrapper):
    lines = wrapper.balanced("业绩分解的纵向与横向管理：信息-目标-内外部资源-策略-执行", FONT, 28, 520)
    assert len(lines) == 2
    widths = [wrapper.m.width(l, FONT, 28) for l in lines]
    assert min(widths) / max(widths) > 0.6, lines


def test_atoms_attach_punctuation():
    assert atoms("（测试），好") == ("（测", "试），", "好")


def test_flow_joins_cjk_lines_without_spaces_and_latin_with():
    assert flow("第一句，\n第二句。\n") == "第一句，第二句。"
    assert flow("first line\nsecond") == "first line second"


def test_fit_shrinks_before_it_gives_up():
    fitter = Fitter()
    style = BlockStyle(FONT, max_size=24, min_size=14)
    paras = [Para(s, marker="▪") for s in SENTENCES]
    roomy = fitter.fit(paras, style, 700, 400)
    tight = fitter.fit(paras, style, 700, 190)
    assert roomy.size == 24
    assert tight is not None and 14 <= tight.size < 24
    assert tight.height <= 190
    assert fitter.fit(paras, style, 700, 60) is None


def test_split_keeps_order_and_fits_each_group():
    fitter = Fitter()
    style = BlockStyle(FONT, max_size=20, min_size=14)
    paras = [Para(f"第{i}个要点：" + SENTENCES[i % 3], marker="▪") for i in range(12)]
    groups = fitter.split(paras, style, 600, 300)
    assert len(groups) > 1
    assert [p for g in groups for p in g] == paras
    for g in groups:
        assert fitter.fit(g, style, 600, 300) is not None


def test_phrases_never_cut_inside_a_latin_word():
    for text in ("主题样张 Theme Specimen", "OGSM法则如何量化？", "客户关系—理性认同AD感性依赖"):
        units = phrases(text)
        assert "".join(units) == text
        for left, right in zip(units, units[1:]):
            assert not (left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()), units


# --- words: a line never breaks inside one ------------------------------------------------------------

def _segmented() -> list[tuple[str, set[int]]]:
    """The hand-segmented test set: each text with the offsets where a reader accepts a break."""
    from pathlib import Path
    out = []
    for line in Path(__file__).with_name("data").joinpath("word_breaks.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.strip().split("|")
            offsets, pos = set(), 0
            for part in parts[:-1]:
                pos += len(part)
                offsets.add(pos)
            out.append(("".join(parts), offsets))
    return out


def _cuts(pieces) -> set[int]:
    out, pos = set(), 0
    for p in list(pieces)[:-1]:
        pos += len(p)
        out.add(pos)
    return out


def test_line_units_break_inside_words_less_often_than_a_segmenter_or_budoux_alone():
    import budoux
    from deckgen.textfit import words
    parser = budoux.load_default_simplified_chinese_parser()
    wrong = {"units": 0, "dictionary words": 0, "budoux": 0}
    for text, good in _segmented():
        wrong["units"] += len(_cuts(phrases(text)) - good)
        wrong["dictionary words"] += len(_cuts(words(text)) - good)
        wrong["budoux"] += len(_cuts(parser.parse(text)) - good)
    assert wrong["units"] < wrong["dictionary words"] and wrong["units"] < wrong["budoux"], wrong


@pytest.mark.parametrize("width", [70, 100, 130, 160, 220])
def test_wrapped_lines_break_only_where_the_units_allow(wrapper, width):
    """Wherever a line breaks, it breaks between two units or two words of one (a lone last character is
    avoided by bringing down a unit's last word), unless one unit alone is wider than a line."""
    from deckgen.textfit import word_atoms
    for text, _ in _segmented():
        units = phrases(text)
        allowed = _cuts(units) | _cuts(word_atoms(text))
        lines = wrapper.wrap(text, FONT, 20, width)
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            wide = any(wrapper.m.width(u, FONT, 20) > width * 0.96 for u in units)
            assert pos in allowed or wide, (text, lines)


def test_a_known_word_is_not_broken_where_budoux_alone_would():
    # BudouX alone: 找机|会, 帮|扶定, 杀|伤力 — all inside words
    for text, word in [("外在驱动力找机会点与关节点", "机会"), ("人员帮扶定规矩", "帮扶"), ("产品杀伤力", "杀伤力")]:
        assert any(word in unit for unit in phrases(text)), phrases(text)


def test_a_short_label_shrinks_a_point_or_two_rather_than_break():
    fitter = Fitter(Measurer())
    style = BlockStyle(font=FONT, max_size=24, min_size=12, phrase=True, balance=True)
    text = "客户关系管理"
    width = fitter.measurer.width(text, FONT, 23) / 0.96 + 0.5  # fits at 23 pt, not at 24
    fitted = fitter.fit([Para(text)], style, width, 200)
    assert fitted.lines == ((text,),) and fitted.size == 23
    narrower = fitter.measurer.width(text, FONT, 19) / 0.96 + 0.5  # would need five points: it breaks
    fitted = fitter.fit([Para(text)], style, narrower, 200)
    assert len(fitted.lines[0]) == 2 and fitted.size == 24


@pytest.mark.parametrize("typed, set_", [
    ("教练技术(一):管人管到心", "教练技术（一）：管人管到心"),
    ("亮出真功夫,车享家给行业打了个样", "亮出真功夫，车享家给行业打了个样"),
    ("如何赢取B2B销售的红利?", "如何赢取B2B销售的红利？"),
    ("比例 3:1, f(x) and ratio (a:b)", "比例 3:1, f(x) and ratio (a:b)"),
    ("Plain English: no change (at all)!", "Plain English: no change (at all)!"),
    ('角色认知：从"我"到"我们"', "角色认知：从“我”到“我们”"),
    ('"三达"与"三率"', "“三达”与“三率”"),
    ('他说"OK"然后走了', "他说“OK”然后走了"),
    ('English "quote" 和中文', 'English "quote" 和中文'),  # quotes around Latin, beside Latin
    ('12" 的"大"屏幕', '12" 的"大"屏幕'),  # an inch mark: the quotes do not pair
])
def test_ascii_punctuation_in_chinese_text_is_set_full_width(typed, set_):
    from deckgen.textfit import full_width_punctuation
    assert full_width_punctuation(typed) == set_


def test_a_number_stays_with_the_chinese_next_to_it():
    from deckgen.textfit import word_atoms
    assert any("15分钟" in unit for unit in phrases("整理成一张海报写出三条可落地的做法15分钟"))
    assert any("3天" in unit for unit in word_atoms("连续3天拜访客户"))


def test_curly_quotes_are_measured_full_width_after_chinese_and_narrow_after_latin():
    # clients draw quotes with the typeface of the text around them: the East Asian face after Chinese
    m = Measurer()
    font = Font("Microsoft YaHei", "Microsoft YaHei", False)
    assert m.width("“能手习惯”", font, 10) == pytest.approx(m.width("能手习惯", font, 10) + 20, abs=0.5)
    assert m.width("他说‘好’", font, 10) == pytest.approx(m.width("他说好", font, 10) + 20, abs=0.5)
    latin = m.width("say “hi”", font, 10) - m.width("say hi", font, 10)
    assert 3 < latin < 14  # two narrow Latin quotes
    # a line of quoted Chinese therefore wraps where a client wraps it: ten full-width characters in ten em
    wrapper = Wrapper(m)
    lines = wrapper.wrap("他问：“你心中最难的是哪一件事？”我们一起想", font, 10, 100)
    assert all(m.width(line, font, 10) <= 100 + 1e-6 for line in lines)
    assert all(len(line) <= 10 for line in lines)


@pytest.mark.parametrize("text", ["Objective 目的", "Strategies 策略", "用 OGSM 法则把目标分解", "看清 B2B 平台模式与销售红利"])
def test_no_line_begins_with_the_space_between_latin_and_chinese(wrapper, text):
    font = Font("Microsoft YaHei", "Microsoft YaHei", True)
    for width in range(20, 200, 7):
        lines = wrapper.wrap(text, font, 10, width, phrase=True)
        assert all(not line.startswith(" ") for line in lines), (width, lines)
