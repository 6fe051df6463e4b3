"""Accessibility of the slide plan: alt text for diagrams, decoration marked, reading order, and the
`check --a11y` report (missing alt text, contrast below WCAG AA, duplicate slide titles)."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .errors import Diagnostic, Diagnostics
from .plan import Box, Chart, Colour, Deck, Group, Picture, QrCode, Shape, Slide, Table, TextBlock
from .legibility import chart_labels
from .theme import contrast, mix

LARGE_TEXT = 18.0  # points; WCAG's "large text" (bold: 14 pt) needs 3:1, the rest 4.5:1
LARGE_BOLD = 14.0

# --- alt text for diagrams -----------------------------------------------------------------------------

def diagram_alt(diagram, title: str, label) -> str:
    """What the diagram says, in reading order, from its own items (screen readers cannot see shapes);
    `label` gives the words and punctuation of the deck's language (Design.label)."""
    colon = label("colon")
    kind = label(f"diagram_{diagram.kind}")

    def item(i):
        return f"{i.label}{colon}{i.text}" if i.text else i.label

    parts: list[str] = []
    if diagram.kind == "hub" and diagram.centre:
        parts.append(diagram.centre)
    if diagram.kind == "matrix" and diagram.axes:
        parts.append(f"{diagram.axes.x} × {diagram.axes.y}")
    if diagram.kind == "comparison":
        parts.append(" vs ".join(diagram.headings))
        parts += [f"{r.label + colon if r.label else ''}{r.left} / {r.right}" for r in diagram.rows]
    elif diagram.kind == "grid":
        parts.append(", ".join(diagram.columns))
        parts += [", ".join(r) for r in diagram.rows]
    elif diagram.kind == "formula":
        formula = f" {diagram.operator} ".join(i.label for i in diagram.items)
        parts.append(formula + (f" = {diagram.result}" if diagram.result else ""))
    else:
        parts += [item(i) for i in diagram.items]
    text = label("diagram_alt", title=title, kind=kind,
                 items=label("clause_separator").join(p for p in parts if p))
    return text if len(text) <= 1000 else text[:999] + "…"


# --- plan pass: decoration and reading order -------------------------------------------------------

def is_decorative(e) -> bool:
    """A top-level shape without text (an accent bar, a card, a panel, a rule) says nothing to a screen reader."""
    return isinstance(e, Shape) and e.text is None and e.role is None


def accessible(slide: Slide) -> Slide:
    """Decorative shapes marked; the title first in reading order (the order of the shape tree), moved
    forward only past what it does not overlap, so nothing that was drawn under it is drawn over it."""
    elements = [replace(e, decorative=True) if is_decorative(e) and not e.decorative else _inherit_alt(e)
                 for e in slide.elements]
    at = next((i for i, e in enumerate(elements) if isinstance(e, Shape) and e.role == "title"), None)
    if at:
        title = elements[at]
        to = at
        while to > 0 and not _overlaps(elements[to - 1], title.box):
            to -= 1
        if to != at:
            elements.insert(to, elements.pop(at))
    return replace(slide, elements=tuple(elements))


def _inherit_alt(e, alt: str = ""):
    """A table or picture drawn inside a diagram says what the diagram says (its group's alt text)."""
    if isinstance(e, Group):
        return replace(e, children=tuple(_inherit_alt(c, e.alt or alt) for c in e.children))
    if isinstance(e, (Table, Picture, Chart)) and not e.alt and alt:
        return replace(e, alt=alt)
    return e


def _box(e) -> Box | None:
    return getattr(e, "box", None)


def _overlaps(e, box: Box) -> bool:
    b = _box(e)
    if b is None:
        return True  # a group or connector: keep the order
    return b.overlaps(box)


# --- the report ---------------------------------------------------------------------------------

def report(course, decks: list[Deck], palette: dict, diags: Diagnostics | None = None) -> list[Diagnostic]:
    """Every accessibility problem of a planned course, as warnings with where to fix them."""
    out = Diagnostics() if diags is None else diags
    _missing_alt(course, out)
    for deck in decks:
        _duplicate_titles(deck, out)
        _contrast(deck, palette, out)
    return list(dict.fromkeys(out.items))


def _missing_alt(course, diags: Diagnostics) -> None:
    for module in course.modules:
        for s in module.sections:
            pictures = ([s.image] if s.image is not None else []) + list(s.images)
            for p in pictures:
                if not p.alt and p.position != "background":
                    diags.warning(f"picture '{p.path.name}' in '{s.title}' has no alt text: screen readers "
                                  f"will read {'its caption' if p.caption else 'the section title'} instead",
                                  p.loc, "add alt: a sentence saying what the picture shows")
            if s.table is not None and not s.table.alt:
                diags.warning(f"the table in '{s.title}' has no alt text: screen readers announce only its "
                              "size and headings", s.table.loc, "add alt: what the table shows")


def _duplicate_titles(deck: Deck, diags: Diagnostics) -> None:
    seen: dict[str, int] = {}
    counts = Counter(s.title.strip() for s in deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.title.strip()
        if counts[title] > 1 and title in seen:
            diags.warning(f"{deck.name}: slide {number} has the same title as slide {seen[title]} ('{title}'): "
                          "screen readers and the outline pane tell slides apart by their titles",
                          slide.source, "give each section its own title")
        seen.setdefault(title, number)


def _under(elements, index: int, box: Box, fallback: str) -> str | None:
    """The colour shown behind `box`: the topmost filled shape drawn before it that covers its centre."""
    cx, cy = box.cx, box.cy
    for e in reversed(elements[:index]):
        if isinstance(e, Shape) and e.fill is not None and e.box.x <= cx <= e.box.right \
                and e.box.y <= cy <= e.box.bottom:
            return _solid(e.fill, fallback or e.fill.hex)
        if isinstance(e, (Picture, Chart, QrCode)) and e.box.contains(box):
            return None  # text on a picture: its colours are not known here
    return fallback


def _solid(c: Colour, behind: str) -> str:
    """A translucent fill as seen over `behind` (over a picture, taken as the fill's own colour)."""
    return c.hex if c.alpha is None else mix(behind, c.hex, c.alpha)


def _text_colours(block: TextBlock):
    for p in block.paragraphs:
        if p.text.strip():
            yield (p.colour or block.colour).hex, p.size or block.size, block.bold if p.bold is None else p.bold, \
                p.text


def _contrast(deck: Deck, palette: dict, diags: Diagnostics) -> None:
    """Each colour pair below WCAG AA once per deck, at its first slide, with how many slides show it."""
    found: dict[tuple, list] = {}
    for number, slide in enumerate(deck.slides, start=1):
        for fg, behind, need, large, text in _low_contrast(slide, palette):
            found.setdefault((fg, behind, need, large), []).append((number, slide, text))
    for (fg, behind, need, large), hits in found.items():
        number, slide, text = hits[0]
        slides = sorted({n for n, _, _ in hits})
        more = f" (and {len(slides) - 1} more slide{'s' if len(slides) > 2 else ''})" if len(slides) > 1 else ""
        diags.warning(f"{deck.name}: slide {number}{more}: {text} has a contrast of {contrast(fg, behind):.1f}:1 "
                      f"({fg} on {behind}); WCAG AA asks for {need:g}:1 for "
                      f"{'large text' if large else 'text under 18 pt'}", slide.source,
                      "change the theme's palette (deckgen themes show) or the colour used")


def _low_contrast(slide: Slide, palette: dict):
    base = None if slide.background_picture is not None or slide.background_image is not None else \
        (slide.background.hex if slide.background is not None else palette["background"])
    flat = list(slide.elements)
    checks = []
    for i, e in enumerate(flat):
        if isinstance(e, Shape) and e.text is not None:
            # on a background picture (base None) only text on a panel can be judged
            behind = _solid(e.fill, base or e.fill.hex) if e.fill is not None else _under(flat, i, e.box, base)
            checks.append((e.text, behind))
        elif isinstance(e, Table):
            checks += [(cell.text, cell.fill.hex if cell.fill else base) for row in e.cells for cell in row]
        elif isinstance(e, Group):
            checks += [(c.text, c.fill.hex) for c in e.children
                       if isinstance(c, Shape) and c.text is not None and c.fill is not None]
    runs = [(fg, size, bold, _quoted(text), behind) for block, behind in checks if behind is not None
            for fg, size, bold, text in _text_colours(block)]
    runs += [run for e in flat if isinstance(e, Chart) for run in _chart_text(e, base)]
    for fg, size, bold, text, behind in runs:
        large = size >= LARGE_TEXT or (bold and size >= LARGE_BOLD)
        need = 3.0 if large else 4.5
        if contrast(fg, behind) < need:
            yield fg, behind, need, large, text


def _quoted(text: str) -> str:
    return f"'{text if len(text) <= 24 else text[:23] + '…'}'"


def _chart_text(ch: Chart, base: str | None):
    """A chart's axis labels and legend on the slide, and its data labels inside bars or on slices, each on
    its ground: (colour, size, bold, what, behind)."""
    if base is not None:
        yield ch.text.hex, ch.size, False, f"the chart '{ch.name}': its axis labels and legend", base
    for colour, fill, bold, name in chart_labels(ch):
        yield colour.hex, ch.size, bold, f"the chart '{ch.name}': its data labels on '{name}'", fill.hex


__all__ = ["diagram_alt", "accessible", "report"]
