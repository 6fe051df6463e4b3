"""Which layout each slide goes on, and which of its shapes fill that layout's placeholders.

Without a corporate template, deckgen's own master and layouts (render.masters): each slide on its kind's
layout, filling its title, body, footer and slide-number placeholders. With a template, the layout the
theme's `layouts:` mapping names for the slide's kind (by name, never by position); the title always
fills the layout's title placeholder, and the other texts fill a placeholder of the template's where its
geometry suits (the same type, at the planned place), else stay text boxes. A section's `layout: NAME`
picks any layout by name.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import DeckgenError
from ..plan import Box, Deck, Shape, Slide
from ..theme import Theme
from .base import layout_by_name, layouts_for
from .masters import LAYOUT_NAMES, TITLE, Role, install_own_master, layout_key, role_of
from .theming import ThemeRefs

# Which PowerPoint layout each slide layout key uses in a corporate template, by name (never by position).
DEFAULT_LAYOUTS = {"cover": "Title Only", "divider": "Title Only", "title_only": "Title Only"}
TOLERANCE = 137160  # 0.15 in: how far a template placeholder's edges may be from the planned box
_KEY_FOR_NAME = {name: key for key, name in LAYOUT_NAMES.items()}

RoleOf = Callable[[Shape], Role | None]


def available_layouts(template: Path | None) -> tuple[str, ...]:
    """The layout names a theme's `layouts:` and a section's `layout:` may name: the template's, or
    deckgen's own."""
    from .base import read_template
    return read_template(template).layouts if template is not None else tuple(LAYOUT_NAMES.values())


def layout_name_for(theme: Theme, key: str) -> str:
    """The layout a layout key resolves to (what `deckgen themes show` lists)."""
    if key in theme.layouts:
        return theme.layouts[key]
    if theme.template is None:
        return LAYOUT_NAMES.get(key, "each kind's own")
    return DEFAULT_LAYOUTS.get(key) or theme.layouts.get("title_only", DEFAULT_LAYOUTS["title_only"])


class LayoutChooser:
    """The deck's layouts (deckgen's own, or the template's) and, per slide, the layout and its roles."""

    def __init__(self, prs, deck: Deck, theme: Theme, refs: ThemeRefs):
        self.prs = prs
        self.theme = theme
        self.own = theme.template is None
        self._template_roles: dict[int, list[tuple[Role, Box]]] = {}
        if self.own:
            self.layouts, self.offered = install_own_master(prs, deck, theme, refs)
            self.by_name = {layout.name: layout for layout in self.layouts.values()}
        else:
            self.layouts = layouts_for(prs, theme, DEFAULT_LAYOUTS)

    def for_slide(self, slide: Slide) -> tuple[object, RoleOf]:
        key = layout_key(slide)
        if self.own:
            name = slide.layout_name or self.theme.layouts.get(key) or self.theme.layouts.get(slide.layout)
            if name is not None:
                layout = self.by_name.get(name)
                if layout is None:
                    raise DeckgenError(f"deckgen's layouts have no layout named '{name}'; its layouts: "
                                       + ", ".join(f"'{n}'" for n in self.by_name))
                key = _KEY_FOR_NAME[name]
            else:
                layout = self.layouts[key]
            offered = self.offered[key]
            return layout, lambda shape: _offered(role_of(key, shape), offered)
        if slide.layout_name:
            layout = layout_by_name(self.prs, slide.layout_name)
        else:
            layout = self.layouts.get(key) or self.layouts[slide.layout]
        placeholders = self._placeholders(layout)
        return layout, lambda shape: self._template_role(key, shape, placeholders)

    def _placeholders(self, layout) -> list[tuple[Role, Box]]:
        """The template layout's placeholders as (type, index) and box (inherited from the master)."""
        found = self._template_roles.get(id(layout))
        if found is None:
            found = []
            for ph in layout.placeholders:
                fmt = ph.placeholder_format
                kind = {1: "title", 3: "ctrTitle", 4: "subTitle", 2: "body", 7: "obj", 13: "sldNum", 15: "ftr",
                        16: "dt", 18: "pic"}.get(int(fmt.type), None)
                if kind is None or ph.left is None or ph.width is None:
                    continue
                found.append((Role(kind, fmt.idx), Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))))
            self._template_roles[id(layout)] = found
        return found

    @staticmethod
    def _template_role(key: str, shape: Shape, placeholders: list[tuple[Role, Box]]) -> Role | None:
        if shape.role == "title":
            return TITLE  # the title always fills the layout's title placeholder, as PowerPoint's outline needs
        wanted = role_of(key, shape)
        if wanted is None or wanted.type in ("title", "ctrTitle"):
            return None
        types = ("body", "obj") if wanted.type in ("body", "subTitle") else (wanted.type,)
        for role, box in placeholders:
            if role.type in types and _near(box, shape.box):
                return Role("obj" if role.type == "obj" else role.type, role.idx)
        return None


def _offered(role: Role | None, offered: frozenset) -> Role | None:
    """The role when the layout has that placeholder (a fifth card on a three-card layout stays a shape)."""
    return role if role in offered else None


def _near(a: Box, b: Box) -> bool:
    return all(abs(x - y) <= TOLERANCE for x, y in ((a.x, b.x), (a.y, b.y), (a.right, b.right),
                                                    (a.bottom, b.bottom)))


__all__ = ["LayoutChooser", "DEFAULT_LAYOUTS", "available_layouts", "layout_name_for"]
