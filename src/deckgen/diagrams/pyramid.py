"""Pyramid: levels top first, narrowing upward to a point (flat-topped when the top label would not fit
the point as well as the others fit their levels), each label inside its level and an optional
description to its right, joined by a dotted leader."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box
from .levels import draw_levels


def draw_pyramid(diagram: Diagram, area: Box, d: Design) -> list:
    return draw_levels(diagram, area, d, funnel=False)
