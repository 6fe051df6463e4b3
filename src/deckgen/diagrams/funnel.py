"""Funnel: the pyramid's mirror, stages widest first narrowing to a spout, with optional descriptions."""
from __future__ import annotations

from ..design import Design
from ..outline import Diagram
from ..plan import Box
from .levels import draw_levels


def draw_funnel(diagram: Diagram, area: Box, d: Design) -> list:
    return draw_levels(diagram, area, d, funnel=True)
