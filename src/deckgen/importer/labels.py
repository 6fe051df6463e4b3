"""Unnumbered lines with a meaning: label lines that start sections, facilitator blocks, header items in the outline."""
from __future__ import annotations

import re

_LABEL_WORDS = ("案例", "演练", "练习", "讨论", "研讨", "实操", "操练", "角色扮演", "互动", "游戏", "工具", "成果输出", "成果",
                "输出", "产出", "视频", "测评", "测试", "作业", "分享", "点评", "示范", "演示", "体验", "模型", "工作坊", "活动",
                "exercise", "activity", "discussion", "case study", "case", "role play", "role-play",
                "workshop", "tool",
                "tools", "video", "quiz", "reflection", "demo", "demonstration", "game", "group work", "practice",
                "practical",
                "output", "deliverable", "model", "framework", "debrief",
                # Japanese and Korean outlines
                "ケーススタディ", "事例", "演習", "討議", "ディスカッション", "ロールプレイ", "ワーク", "グループワーク",
                "사례", "사례 연구", "토의", "토론", "실습", "역할극", "롤플레이", "워크숍", "그룹 토의")
_LABEL_LINE = re.compile(r"^(?P<label>[^:：]{1,16}?)\s*[:：]\s*(?P<rest>.*)$")


# Blocks a facilitator's plan holds besides the teaching: their lines are the module's notes.
_BLOCKS = {
    "notes": ("overview", "objectives", "objective", "learning objectives", "learning outcomes", "outcomes", "aims",
              "aim", "preparation", "preparations", "materials", "materials needed", "material", "resources",
              "resources available online", "handouts", "equipment", "prerequisites", "background", "purpose",
              "学习目标", "课程目标", "教学目标", "培训目标", "准备", "课前准备", "教具", "物料", "所需材料", "材料", "道具", "学员准备"),
    "length": ("time", "total", "total time", "duration", "length", "时长", "时间", "用时", "总时长"),
    "heading": ("timing & methodology", "timing and methodology", "timing", "methodology", "agenda", "schedule",
                "procedure", "steps", "流程", "步骤", "议程"),
}
_BLOCK_KIND = {label: kind for kind, labels in _BLOCKS.items() for label in labels}
BLOCK_LABEL = re.compile(r"^(?P<label>" + "|".join(re.escape(x) for x in sorted(_BLOCK_KIND, key=len, reverse=True))
                          + r")\s*(?:[:：]\s*(?P<rest>.*)|(?P<rest2>))$", re.IGNORECASE)


def block_kind(label: str) -> str:
    return _BLOCK_KIND[label.lower()]


# A numbered item that is a header block: its label, glued to its text or not ("课程简介商务谈判是…").
_HEADER_LABELS = ("课程简介", "课程介绍", "课程背景", "课程目标", "培训目标", "学习目标", "教学目标", "课程收益", "学员收益",
                  "培训收益", "课程特色", "课程价值", "课程对象", "培训对象", "授课对象", "适用对象", "教学方法", "教学手段",
                  "授课方式", "考核方式", "考核方法", "课程考核", "先修课程", "参考资料", "参考书目", "教材", "学时分配",
                  "课程说明", "前言", "Background", "Course description", "Course objectives", "Learning objectives",
                  "Objectives", "Who should attend", "Audience", "Prerequisites", "Assessment", "Course overview")
HEADER_ITEM = re.compile(r"^(?P<label>" + "|".join(re.escape(x) for x in sorted(_HEADER_LABELS, key=len, reverse=True))
                          + r")(?:\s*[:：]|(?=[\u4e00-\u9fff])|\s*$)", re.IGNORECASE)
OUTLINE_ITEM = re.compile(r"^(?P<word>教学内容|课程内容|培训内容|课程大纲|课程安排|Course content|Course outline)"
                           r"(?P<rest>.*)$", re.IGNORECASE)


def label_line(text: str) -> str | None:
    """The line as a section title when it is a label line ("案例演示: 某银行" → itself); `>` quotes too."""
    stripped = text.strip()
    if stripped.startswith((">", "＞")):
        return stripped.lstrip(">＞ ").strip() or None
    m = _LABEL_LINE.match(stripped)
    if m is None:
        return None
    label = m.group("label").strip().lower()
    if len(label) > 16 or not any(label.endswith(w) or label.startswith(w) for w in _LABEL_WORDS):
        return None
    return stripped if m.group("rest").strip() else m.group("label").strip()
