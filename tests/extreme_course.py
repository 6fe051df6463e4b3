"""A generated course with extreme content for design tests: one point and forty points, eight modules a
day, sixty-character titles, sections with nothing under their titles, and the same course in Chinese,
English only and mixed Chinese/English."""
from __future__ import annotations

from pathlib import Path

import yaml

TEXTS = {
    "zh": {
        "short": "客户分层",
        "point": "把年度目标拆解到季度、月度和每周的拜访计划",
        "long_title": "从客户洞察出发，把年度销售目标层层分解到区域、团队与个人，并建立每周复盘与辅导的节奏和方法",
        "q": "你所在的团队里，哪一个环节最常出现目标与行动脱节的情况？",
        "module": "销售团队管理",
        "labels": ["明确目标", "分解任务", "过程跟进", "复盘改进", "辅导成长", "激励认可"],
    },
    "en": {
        "short": "Segment",
        "point": "Break the yearly target down into quarterly, monthly and weekly visit plans",
        "long_title": "From customer insight to weekly coaching: breaking the yearly sales target down team by team",
        "q": "Where in your team do targets and daily actions drift apart most often?",
        "module": "Sales team management",
        "labels": ["Set goals", "Split tasks", "Follow up", "Review", "Coach", "Recognise"],
    },
    "mixed": {
        "short": "KPI设定",
        "point": "用OGSM把年度目标拆解到Q1–Q4和每周的CRM拜访计划",
        "long_title": "从Customer Insight出发，用OGSM把年度Sales Target分解到区域、团队与个人并按周复盘",
        "q": "你的团队用CRM跟进客户时，哪一步最容易流于形式？",
        "module": "B2B销售团队管理",
        "labels": ["明确OKR", "分解KPI", "CRM跟进", "Review复盘", "Coaching辅导", "激励Reward"],
    },
}


def module(number: int, t: dict, *, heavy: bool) -> dict:
    sections = [
        {"kind": "content", "title": t["short"], "minutes": 5, "points": [t["short"]], "notes": "n"},
        {"kind": "content", "title": t["long_title"][:60], "minutes": 5,
         "points": [t["point"], t["short"] + "2", t["short"] + "3"], "notes": "n"},
    ]
    if heavy:
        sections += [
            {"kind": "content", "title": t["long_title"][:60], "minutes": 10,
             "points": [f"{t['point']} {i}" for i in range(1, 41)], "notes": "n"},
            {"kind": "framework", "title": t["short"], "minutes": 5, "notes": "n", "takeaway": t["point"],
             "diagram": {"kind": "staircase", "items": [{"label": l, "text": t["point"][:16]} for l in t["labels"][:5]]}},
            {"kind": "framework", "title": t["short"], "minutes": 5, "notes": "n",
             "diagram": {"kind": "process", "items": t["labels"][:6]}},
            {"kind": "framework", "title": t["short"], "minutes": 5, "notes": "n",
             "diagram": {"kind": "pyramid", "items": t["labels"][:4]}},
            {"kind": "case", "title": t["long_title"][:60], "minutes": 10, "notes": "n",
             "background": t["point"] * 3, "points": [t["point"]], "questions": [t["q"], t["q"]]},
            {"kind": "exercise", "title": t["short"], "minutes": 10, "notes": "n", "task": t["point"],
             "steps": [t["point"], t["short"]], "debrief": [t["q"]]},
        ]
    if number == 10:
        sections += [  # nothing under the title (an imported outline's bullets): title cards
            {"kind": "content", "title": t["long_title"][:60], "minutes": 5, "notes": "n"},
            {"kind": "case", "title": t["point"], "minutes": 5, "notes": "n"},
            {"kind": "exercise", "title": t["q"], "minutes": 5, "notes": "n"},
        ]
    return {"number": number, "title": f"{t['module']} {number}" if number % 2 else t["long_title"][:60],
            "objectives": [t["point"], t["short"]], "notes": "n", "sections": sections}


def write_extreme_course(folder: Path, flavour: str = "zh") -> Path:
    """Day one teaches eight modules (one of them heavy), day two two; returns the folder."""
    t = TEXTS[flavour]
    folder.mkdir(parents=True, exist_ok=True)
    days = [{"title": "Day one" if flavour == "en" else "第一天", "start": "08:30",
             "breaks": [{"at": "10:00", "minutes": 15}, {"at": "12:00", "minutes": 60}],
             "modules": [f"m{i}.yaml" for i in range(1, 9)]},
            {"title": "Day two" if flavour == "en" else "第二天", "start": "09:00",
             "modules": ["m9.yaml", "m10.yaml"]}]
    course = {"title": t["long_title"][:60], "language": "en" if flavour == "en" else "zh-CN",
              "trainers": ["Wang Ming" if flavour == "en" else "王明"], "days": days}
    (folder / "course.yaml").write_text(yaml.safe_dump(course, allow_unicode=True, sort_keys=False), "utf-8")
    for i in range(1, 11):
        data = module(i, t, heavy=i in (3, 9))
        (folder / f"m{i}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return folder
