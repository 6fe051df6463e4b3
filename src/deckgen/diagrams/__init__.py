"""The diagram registry: one drawing function per diagram kind, each turning a Diagram into native shapes."""
from __future__ import annotations

from typing import Callable

from ..design import Design
from ..outline import DIAGRAM_FIELDS, Diagram
from ..plan import Box
from .pillars import draw_pillars

DrawFn = Callable[[Diagram, Box, Design], list]

DIAGRAMS: dict[str, DrawFn] = {
    "pillars": draw_pillars,
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
