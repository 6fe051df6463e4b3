"""Section kinds from their labels (case, exercise, framework, content) and diagrams proposed from the text."""
from __future__ import annotations

import re

from .tree import ImportedPoint, ImportedSection, ImportResult, ProposedDiagram

# Checked in this order: "案例讨论" is a case, not an exercise.
_CASE_WORDS = ("案例分析", "案例解读", "案例研讨", "案例讨论", "案例演示", "案例", "个案", "经典回顾", "case study", "case",
               "ケーススタディ", "事例", "사례 연구", "사례")
_EXERCISE_WORDS = ("角色扮演", "微咨询", "讨论", "探讨", "研讨", "演练", "练习", "互动", "实操", "操练", "作业", "分享",
                   "游戏", "模拟", "测评", "自测", "体验", "工作坊", "沙盘", "共创", "头脑风暴", "破冰", "实践", "反馈练习",
                   "role play", "role-play",
                   "roleplay", "exercise", "workshop", "discussion", "group work", "activity", "practice", "practical",
                   "simulation", "game", "quiz", "debate", "brainstorm", "breakout", "assignment", "homework",
                   "hands-on", "lab",
                   "演習", "討議", "ディスカッション", "ロールプレイ", "ワーク", "토의", "토론", "실습", "역할극", "롤플레이",
                   "워크숍")
_FRAMEWORK_WORDS = ("模型", "framework", "model")

# "案例解读:标题", "Role play – title": a short label, a separator, the title.
_LABELLED = re.compile(r"^(?:(?P<label>[^:：()（）【】\[\]]{1,30}?)\s*(?:[:：]|\s[-–—]\s|——|—)"
                       r"|[【\[](?P<bracketed>[^】\]]{1,16})[】\]][:：]?)\s*(?P<title>\S.*)$")
_MAX_LABEL = 12  # characters; a longer "label" is a sentence that happens to hold a colon
_MAX_LATIN_LABEL = 30  # a Latin label is a few words ("Group Discussion", "Facilitator Presentation")

# Diagram kinds the text makes plain, checked in order against the section title.
_TITLE_CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("comparison", re.compile(r"(?<![A-Za-z])VS(?![A-Za-z])|(?<![A-Za-z])vs\.?(?=\s)|versus")),
    ("pyramid", re.compile(r"金字塔|pyramid", re.IGNORECASE)),
    ("funnel", re.compile(r"漏斗|funnel", re.IGNORECASE)),
    ("matrix", re.compile(r"矩阵|象限|[两二2]个?维度|二维|四个方向|2\s*[x×]\s*2|matrix|quadrant"
                          r"|\b[\w-]+\s*/\s*[\w-]+\s+grid\b", re.IGNORECASE)),
    ("process", re.compile(r"步骤|流程|部曲|步法|[三四五六七八]步|阶段|\bsteps?\b|\bprocess\b|\bstages\b",
                           re.IGNORECASE)),
    ("cycle", re.compile(r"循环|闭环|PDCA|\bcycle\b|\bloop\b", re.IGNORECASE)),
    ("staircase", re.compile(r"阶梯|台阶|staircase|ladder", re.IGNORECASE)),
    ("pillars", re.compile(r"[“\"「『‘][二两三四五]([\u4e00-\u9fff])[”\"」』’]|[二两三四五][达率力化度感]$"
                           r"|[二两三四五2-5]\s*[个种大类]?\s*(?:模式|模型|支柱)|pillars?"
                           r"|\b(?:two|three|four|five)\s+(?:models|pillars|modes)\b", re.IGNORECASE)),
)
_ITEM_LIMITS = {"pyramid": (2, 7), "funnel": (2, 7), "process": (3, 8), "cycle": (3, 6), "pillars": (2, 5),
                "staircase": (2, 6)}
_ITEM_SPLIT = re.compile(r"^(?P<label>[^:：—,，]{1,14}?)\s*(?:[:：]|——|—|--|,|，)\s*(?P<text>\S.*)$")
_ITEM_PAREN = re.compile(r"^(?P<label>.{1,20}?)\s*[(（](?P<text>[^()（）]+)[)）]$")
_AXES_POINT = re.compile(r"^(?:[两二2]个?维度|two\s+(?:dimensions|axes)|axes|维度)\s*[:：]\s*(?P<rest>.+)$",
                         re.IGNORECASE)
_QUADRANTS_POINT = re.compile(r"^(?:[四4]个?(?:方向|象限|类型|策略)|four\s+\w+|quadrants)\s*[:：]\s*(?P<rest>.+)$",
                              re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:、|,|，|/|／|;|；|\band\b|和|与|及)\s*")
_VS_SPLIT = re.compile(r"\s*(?:(?<![A-Za-z])(?:VS|vs|Vs)\.?(?![A-Za-z])|versus)\s*")
_LABEL_THEN_SIDES = re.compile(r"^(?P<label>[^—:：]{1,14})\s*(?:——|—|[:：])\s*(?P<sides>.+)$")


def classify_sections(result: ImportResult) -> None:
    """Give every section its kind, chip and, for frameworks, a diagram; warn about every guess."""
    for section in result.sections:
        _classify(section, result)


def _classify(section: ImportedSection, result: ImportResult) -> None:
    labelled = _LABELLED.match(section.title)
    label = (labelled.group("label") or labelled.group("bracketed") or "").strip() if labelled else ""
    if labelled and len(label) <= _label_limit(label):
        kind = _kind_of_label(label)
        if kind in ("case", "exercise"):
            _set_chip(section, kind, label, labelled.group("title").strip())
            return
        if kind == "framework":
            _propose_framework(section, result, forced_by=label)
            return
    unlabelled = _leading_label(section.title)
    if unlabelled is not None:
        kind, label = unlabelled
        _set_chip(section, kind, label, section.title)
        section.guesses.mark("kind", f"read as {kind} from '{label}' at the start of the title")
        _warn(result, section, f"'{label}' at the start of the title: read as a{'n' if kind == 'exercise' else ''}"
                               f" {kind}")
        return
    if _activity(section, result):
        return
    _propose_framework(section, result)


# An English title that names an activity anywhere ("Crisis working groups", "Breakout for group discussions").
_ACTIVITY_TITLE = re.compile(
    r"\b(?:working\s+groups?|group\s+(?:work|discussions?|exercises?|activit(?:y|ies))|break-?outs?|role[- ]?plays?"
    r"|ice[- ]?breakers?|pair\s+(?:activity|work)|exercises?|hands-on|practice\s+(?:session|round)s?|^practi[cs]e\b"
    r"|work\s+on\s+(?:the\s+|your\s+)?"
    r"projects?|^workshops?|group\s+tutorials?|simulations?|quiz(?:zes)?|(?:knowledge\s+)?assessment|pre-test|post-test"
    r"|individual\s+work|case\s+stud(?:y|ies)|triads?|trios)\b", re.IGNORECASE)
# The first sentence of a description that sends people into groups ("Instruct small groups to…", "分组讨论").
_GROUP_WORK = re.compile(
    r"\b(?:(?:ask|instruct|have|let|invite|get|divide|split)\s+(?:the\s+)?(?:small\s+)?(?:groups?|pairs|teams|trios)"
    r"|(?:once|when|each|the|small)\s+groups?\s+(?:agree|discuss|present|prepare|work|transfer|list|write|share)"
    r"|in\s+(?:small\s+)?(?:groups|pairs|teams|trios)\s+(?:to|of|discuss|work))\b"
    r"|分组(?:讨论|练习|演练|研讨)|小组(?:讨论|练习|演练|研讨|共创)|两人一组|三人一组", re.IGNORECASE)
# How an item is run, as a table's method column says it in a few words: people working, not listening.
_METHOD = re.compile(r"\b(?:small\s+groups?|(?:in\s+)?groups?\s+of\s+\d+|group\s+work|pairs|trios|triads|threes"
                     r"|individual(?:\s+work)?|role[- ]?plays?|breakouts?|hands-on|simulation|practi[cs]e)\b"
                     r"|分组|小组|两人一组|三人一组|角色扮演|演练|练习|实操|研讨", re.IGNORECASE)
_SHORT_METHOD = 40  # characters: a longer description is prose, judged by _GROUP_WORK
_SHORT_CJK_LABEL = 8  # characters: "分享/反馈", "开场+破冰" are activities; longer titles only mention one


def _activity(section: ImportedSection, result: ImportResult) -> bool:
    """Titles and descriptions that name an activity make a case or an exercise (a guess, marked TODO)."""
    title = section.title
    why = None
    m = _ACTIVITY_TITLE.search(title)
    if m:
        kind, why = ("case" if m.group(0).lower().startswith("case") else "exercise"), m.group(0)
    elif re.search(r"[\u4e00-\u9fff]", title) and len(title) <= _SHORT_CJK_LABEL:
        word = next((w for w in _EXERCISE_WORDS if re.search(r"[\u4e00-\u9fff]", w) and w in title), None)
        kind, why = ("exercise", word) if word else (None, None)
    if why is None and len(section.description) <= _SHORT_METHOD:
        g = _METHOD.search(section.description)  # a method column's "Trios", "Small groups", "分组讨论"
        if g is not None:
            kind, why = "exercise", g.group(0)
    if why is None:
        description = " ".join([section.description] + [p.text for p in section.points])
        g = _GROUP_WORK.search(description)
        if g is None:
            return False
        kind, why = "exercise", g.group(0)
    section.kind = kind
    section.guesses.mark("kind", f"read as {'a case' if kind == 'case' else 'an exercise'} from '{why}'")
    _warn(result, section, f"'{why}': read as {'a case' if kind == 'case' else 'an exercise'}")
    return True


def is_kind_label(label: str) -> bool:
    """A short label that names a kind of section ("案例分析", "Exercise", "Role play")."""
    return label_kind(label) is not None


def label_kind(label: str) -> str | None:
    """The kind of section a short label names (case, exercise or framework), else None."""
    return _kind_of_label(label) if len(label) <= _label_limit(label) else None


def _label_limit(label: str) -> int:
    return _MAX_LABEL if re.search(r"[\u4e00-\u9fff]", label) else _MAX_LATIN_LABEL


def _kind_of_label(label: str) -> str | None:
    low = label.lower()
    if any(w in low for w in _CASE_WORDS):
        return "case"
    if any(w in low for w in _EXERCISE_WORDS):
        return "exercise"
    if any(w in low for w in _FRAMEWORK_WORDS):
        return "framework"
    return None


def _leading_label(title: str) -> tuple[str, str] | None:
    """A title that is a label ("角色扮演", "Role play") or starts with one then a space ("案例分析 华为")."""
    head = re.split(r"\s+", title.strip(), maxsplit=1)[0] if re.search(r"[\u4e00-\u9fff]", title) else title
    candidates = [title.strip(), head]
    for text in candidates:
        low = text.lower()
        for kind, words in (("case", _CASE_WORDS), ("exercise", _EXERCISE_WORDS)):
            for w in words:
                # The label must end with the word and be short: "分享经济下的渠道" does not end with 分享.
                if low.endswith(w) and len(text) <= _MAX_LABEL and (len(text) - len(w)) <= 4:
                    return kind, text
    return None


def _set_chip(section: ImportedSection, kind: str, label: str, title: str) -> None:
    section.kind = kind
    if re.match(r"[a-z](?![A-Z])", title):
        title = title[0].upper() + title[1:]  # "Role play: giving feedback": the title now opens the slide
    section.title = title
    if kind == "case":
        section.label = label
    else:
        section.type = label


def _warn(result: ImportResult, section: ImportedSection, message: str) -> None:
    result.warn(f"section '{section.title}': {message}", section.loc.line, section.loc.col)


# --- frameworks -----------------------------------------------------------------------------------

def _propose_framework(section: ImportedSection, result: ImportResult, forced_by: str | None = None) -> None:
    """A diagram the title names; `forced_by` is the framework label ("Model: …") that asks for one anyway."""
    formula = _formula(section.title)
    if formula is not None:
        section.kind, section.diagram = "framework", formula
        section.guesses.mark("kind", "read as a framework: the title is a formula")
        section.guesses.mark("diagram", "a formula diagram proposed from the title: check its factors")
        _warn(result, section, "the title is a formula: proposed a formula diagram from it")
        return
    cue = next(((kind, m.group(0)) for kind, pattern in _TITLE_CUES for m in [pattern.search(section.title)]
                if m), None)
    if cue is None and forced_by:
        cue = ("pillars", forced_by)
    if cue is None:
        return
    kind, why = cue
    diagram, missing = _build_diagram(kind, section)
    if diagram is None:
        section.guesses.mark("kind", f"'{why}' suggests kind: framework with a {kind} diagram, but {missing}")
        _warn(result, section, f"'{why}' suggests a {kind} diagram but {missing}: left as content")
        return
    source = "the points" if section.points else "the list in the title"
    section.kind = "framework"
    section.diagram = diagram
    section.guesses.mark("kind", f"read as a framework from '{why}' in the title")
    section.guesses.mark("diagram", f"a {kind} diagram proposed from {source}: check its items")
    _warn(result, section, f"'{why}' in the title: proposed a {kind} diagram from {source}")


def _build_diagram(kind: str, section: ImportedSection) -> tuple[ProposedDiagram | None, str]:
    """The diagram, or None and what the points lack."""
    points = [p.text for p in section.points]
    if kind == "comparison":
        return _comparison(section.title, section.points)
    if kind == "matrix":
        return _matrix(points, section.title)
    low, high = _ITEM_LIMITS[kind]
    if not points:
        points = _items_in_title(section.title)  # "SBI model: Situation, Behaviour, Impact"
    if not low <= len(points) <= high:
        return None, f"a {kind} takes {low}–{high} items and the section has {len(points)} points"
    return ProposedDiagram(kind, items=[split_item(p) for p in points]), ""


# "业绩 = 客户数 × 客单价 × 成交率", "Performance = Ability × Motivation", "客户数 × 客单价 = 销售额"
_EQUALS = re.compile(r"\s*[=＝]\s*")
_OPERATORS = {"×": "×", "x": "×", "X": "×", "*": "×", "✕": "×", "+": "+", "＋": "+", "÷": "÷", "/": "÷", "－": "−"}
_FACTOR_SPLIT = re.compile(r"\s*([×✕*+＋÷])\s*|\s+([xX/])\s+")
_MAX_FACTOR = 16  # characters: a longer term is a sentence, not a factor


def _formula(title: str) -> ProposedDiagram | None:
    """A title written as a formula: one side a single term (the result), the other two to six factors
    joined by one operator; a label before a colon ("公式：…") is no part of it."""
    text = title.split("：", 1)[-1] if "：" in title else title.split(": ", 1)[-1]
    sides = _EQUALS.split(text.strip())
    if len(sides) != 2 or re.search(r"[()（）]", text):
        return None
    for result, terms in ((sides[0], sides[1]), (sides[1], sides[0])):
        parts = _FACTOR_SPLIT.split(terms)
        factors, ops = parts[0::3], {(a or b) for a, b in zip(parts[1::3], parts[2::3])}
        if _FACTOR_SPLIT.search(result) or len(ops) != 1 or not 2 <= len(factors) <= 6:
            continue
        if not result.strip() or any(not f or len(f) > _MAX_FACTOR for f in factors + [result]):
            continue
        operator = _OPERATORS[ops.pop()]
        return ProposedDiagram("formula", items=[(f.strip(), None) for f in factors],
                               operator=None if operator == "×" else operator, result=result.strip())
    return None


_TITLE_LIST = re.compile(r"[:：]\s*(?P<list>[^:：]+)$")
_TITLE_LIST_SEPARATOR = re.compile(r"\s*[、,，/／;；]\s*")
_LAST_ITEM_JOINED = re.compile(r",?\s+(?:and|or|&)\s+(?=[^,]+$)")
_MAX_TITLE_ITEM = 24  # characters: a longer entry is a clause, not a diagram's item


def _items_in_title(title: str) -> list[str]:
    """The list a title gives after its colon ("OKRs in three steps: Objective, Key results and Initiatives",
    "三个层面：认知、方法、工具"). Only a plain list counts: one separator throughout, in English an "and"
    before the last item; "串起目标、过程与行动" is a phrase that holds a list, not the list."""
    m = _TITLE_LIST.search(title)
    if m is None:
        return []
    text = m.group("list").strip().rstrip("。.")
    if not re.search(r"[\u4e00-\u9fff]", text):
        text = _LAST_ITEM_JOINED.sub(", ", text, count=1)
    separators = {sep.strip() for sep in _TITLE_LIST_SEPARATOR.findall(text)}
    items = [i for i in _TITLE_LIST_SEPARATOR.split(text) if i]
    plain = len(separators) == 1 and not re.search(r"[与和及]", text) and len(items) >= 2
    return items if plain and all(len(i) <= _MAX_TITLE_ITEM for i in items) else []


def split_item(text: str) -> tuple[str, str | None]:
    """"B2B2C,价值传递与衰减" → (B2B2C, 价值传递与衰减); "交易式销售(价格为王)" → (交易式销售, 价格为王)."""
    m = _ITEM_PAREN.match(text) or _ITEM_SPLIT.match(text)
    if m and m.group("text").strip():
        return m.group("label").strip(), m.group("text").strip()
    return text, None


# "Stakeholder mapping – power/interest grid", "urgent/important matrix", "意愿/能力矩阵": the two axes named
_AXES_IN_TITLE = re.compile(r"(?P<a>[\w-]+)\s*(?:/|／|vs\.?|×)\s*(?P<b>[\w-]+)\s*(?:grid|matrix|矩阵)", re.IGNORECASE)
_LEVELS = "high|low|高|低|强|弱"


def _matrix(points: list[str], title: str = "") -> tuple[ProposedDiagram | None, str]:
    axes = None
    quadrants: list[str] = []
    rest = []
    for text in points:
        a = _AXES_POINT.match(text)
        q = _QUADRANTS_POINT.match(text)
        if a and axes is None and len(parts := _split_list(a.group("rest"))) == 2:
            axes = (parts[0], parts[1])
        elif q and not quadrants and len(parts := _split_list(q.group("rest"))) == 4:
            quadrants = parts
        else:
            rest.append(text)
    if not quadrants and len(rest) == 4:
        quadrants = rest
    named = _AXES_IN_TITLE.search(title)
    if axes is None and named is not None:
        placed = _by_level(quadrants, named.group("a"), named.group("b"))
        if placed is not None:
            # "High power, high interest: manage closely": the action names the quadrant, the levels place it
            return ProposedDiagram("matrix", items=placed, axes=(named.group("b"), named.group("a"))), ""
    if axes is None:
        return None, "no point names its two dimensions (e.g. \"两个维度:产品、市场\")"
    if len(quadrants) != 4:
        return None, "the points do not give exactly four quadrants"
    return ProposedDiagram("matrix", items=[(q, None) for q in quadrants], axes=axes), ""


def _by_level(quadrants: list[str], y_name: str, x_name: str) -> list[tuple[str, str | None]] | None:
    """Four points that each say high or low on both axes, in the matrix's order (top-left, top-right,
    bottom-left, bottom-right; y grows upward, x to the right); None unless every corner is taken once."""
    if len(quadrants) != 4:
        return None
    corners: dict[tuple[bool, bool], tuple[str, str | None]] = {}
    # "high power", "power: high", "高意愿": a level word next to the axis's name
    said = {axis: re.compile(rf"(?:(?P<a>{_LEVELS})\s*{re.escape(name)}|{re.escape(name)}\s*[:：]?\s*(?P<b>{_LEVELS}))",
                             re.IGNORECASE) for axis, name in (("y", y_name), ("x", x_name))}
    for text in quadrants:
        levels = {}
        for axis, pattern in said.items():
            m = pattern.search(text)
            if m is None:
                return None
            levels[axis] = (m.group("a") or m.group("b")).lower() in ("high", "高", "强")
        head, sep, tail = text.partition(":") if ":" in text else text.partition("：")
        item = (tail.strip(), head.strip()) if sep and tail.strip() else (text, None)
        corners[(levels["y"], levels["x"])] = (item[0][:1].upper() + item[0][1:], item[1])
    order = [(True, False), (True, True), (False, False), (False, True)]
    return [corners[c] for c in order] if set(corners) == set(order) else None


def _split_list(text: str) -> list[str]:
    return [p for p in _LIST_SPLIT.split(text.strip().rstrip("。.")) if p]


def _comparison(title: str, points: list[ImportedPoint]) -> tuple[ProposedDiagram | None, str]:
    sides = _VS_SPLIT.split(title, maxsplit=1)
    if len(sides) != 2 or not all(s.strip() for s in sides):
        return None, "the title does not name the two sides around VS"
    rows = []
    for p in points:
        m = _LABEL_THEN_SIDES.match(p.text)
        label, body = (m.group("label").strip(), m.group("sides")) if m else (None, p.text)
        parts = _VS_SPLIT.split(body, maxsplit=1)
        if len(parts) == 2 and all(x.strip() for x in parts):
            rows.append((label, parts[0].strip(), parts[1].strip()))
    if not 1 <= len(rows) <= 6:
        return None, "the points do not compare the two sides (\"left VS right\")"
    headings = (sides[0].strip(" :：—-"), sides[1].strip(" :：—-"))
    return ProposedDiagram("comparison", headings=headings, rows=rows), ""
