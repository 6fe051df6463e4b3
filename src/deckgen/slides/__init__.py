"""The slide-kind registry: which planner lays out each kind of slide."""
from __future__ import annotations

from typing import Callable

from .agenda import plan_agenda
from .case import plan_case
from .closing import plan_closing
from .common import SlideContext
from .content import plan_content
from .cover import plan_cover
from .divider import plan_divider
from .exercise import plan_debrief, plan_exercise
from .framework import plan_framework

Planner = Callable[[SlideContext], list]

# Every kind of slide deckgen makes, and the function that plans it. Section kinds (content, framework,
# case, exercise) are planned from a section; the others from the course, day or module.
SLIDE_KINDS: dict[str, Planner] = {
    "cover": plan_cover,
    "agenda": plan_agenda,
    "divider": plan_divider,
    "content": plan_content,
    "framework": plan_framework,
    "case": plan_case,
    "exercise": plan_exercise,
    "debrief": lambda ctx: [plan_debrief(ctx)],
    "closing": plan_closing,
}

__all__ = ["SLIDE_KINDS", "SlideContext"]
