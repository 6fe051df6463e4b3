"""The explicit registries: every slide kind has a planner and a documented example; every plan
element type has a renderer."""
from __future__ import annotations

import re

from conftest import ROOT
from deckgen import plan
from deckgen.outline import SECTION_KINDS
from deckgen.render import ELEMENT_RENDERERS
from deckgen.slides import SLIDE_KINDS


def test_every_section_kind_has_a_slide_planner():
    assert set(SECTION_KINDS) <= set(SLIDE_KINDS)
    assert all(callable(fn) for fn in SLIDE_KINDS.values())


def test_every_slide_kind_is_documented_with_an_example():
    text = (ROOT / "docs" / "slides.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### (\w+)$", text, flags=re.M))
    assert documented == set(SLIDE_KINDS)
    for kind in SLIDE_KINDS:
        section = text.split(f"### {kind}\n", 1)[1].split("\n### ", 1)[0]
        assert kind == "closing" or "```yaml" in section, kind


def test_every_plan_element_type_has_a_renderer():
    element_types = set(plan.Element.__args__)
    assert element_types == set(ELEMENT_RENDERERS)
