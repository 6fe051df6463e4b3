"""`deckgen import`: plain-text course outlines (like the seed) in, course folders out; no click in here."""
from __future__ import annotations

from .pipeline import import_outline
from .reader import read_outline
from .tree import (CourseFields, ImportedDay, ImportedModule, ImportedPoint, ImportedSection, ImportResult,
                   ProposedDiagram)
from .view import format_tree, summary
from .writer import write_course

__all__ = ["read_outline", "import_outline", "write_course", "format_tree", "summary", "ImportResult",
           "CourseFields", "ImportedDay", "ImportedModule", "ImportedSection", "ImportedPoint", "ProposedDiagram"]
