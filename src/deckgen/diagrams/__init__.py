"""The diagram registry: one drawing function per diagram kind, each turning a Diagram into native shapes."""
from __future__ import annotations

from typing import Callable

from ..design import Design
from ..outline import DIAGRAM_FIELDS, Diagram
from ..plan import Box
from .comparison import draw_comparison
from .cycle import draw_cycle
from .formula import draw_formula
from .funnel import draw_funnel
from .grid import draw_grid
from .hub import draw_hub
from .matrix import draw_matrix
from .pillars import draw_pillars
from .process import draw_process
from .pyramid import draw_pyramid
from .staircase import draw_staircase

DrawFn = Callable[[Diagram, Box, Design], list]

DIAGRAMS: dict[str, DrawFn] = {
    "pyramid": draw_pyramid,
    "funnel": draw_funnel,
    "matrix": draw_matrix,
    "process": draw_process,
    "cycle": draw_cycle,
    "pillars": draw_pillars,
    "staircase": draw_staircase,
    "comparison": draw_comparison,
    "grid": draw_grid,
    "formula": draw_formula,
    "hub": draw_hub,
}


def draw(diagram: Diagram, area: Box, design: Design) -> list:
    """The diagram's shapes, all inside `area`."""
    fn = DIAGRAMS.get(diagram.kind)
    if fn is None:
        design.diags.error(f"diagram kind '{diagram.kind}' has no drawing function yet; kinds drawn: "
                           f"{', '.join(DIAGRAMS)}", diagram.loc)
        return []
    return fn(diagram, area, design)


__all__ = ["DIAGRAMS", "DIAGRAM_FIELDS", "draw"]
