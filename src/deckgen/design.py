"""The slide grid and type system: margins, bands and text blocks measured to fit, from a resolved theme."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import Diagnostics, Loc
from .plan import Box, Colour, Paragraph, Picture, Shape, TextBlock, inches, pt
from .textfit import BlockStyle, Fitted, Fitter, Font, Para, full_width_punctuation, has_cjk
from .theme import OPTIONAL_PALETTE, Theme

# Theme palette slots that map onto PowerPoint's own theme colours, so a colour change in PowerPoint's
# Design tab recolours the deck too.
SCHEME_SLOTS = {"text": "tx1", "background": "bg1", "primary": "tx2", "panel": "bg2",
                "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
                "accent4": "accent4", "accent5": "accent5", "accent6": "accent6"}

TITLE_SPACING = 1.15
LOGO_GAP = inches(0.25)  # between a logo's slot and the title or footer that makes room for it
BODY_SPACING = 1.3


def _excerpt(text: str, marks: str, room: int = 12) -> str:
    """The text around the first of the marks."""
    at = min((text.find(m) for m in marks if m in text), default=0)
    start = max(at - room, 0)
    return ("…" if start else "") + text[start:at + room] + ("…" if at + room < len(text) else "")


def module_label(theme: Theme, language: str, number: int) -> str:
    """A module's name and number as the language writes it (the theme's `module` and `module_n` labels)."""
    from .languages import language as lookup, module_numeral
    chinese = lookup(language).chinese_style
    return theme.label("module_n", language, module=theme.label("module", language),
                       n=module_numeral(number, True) if chinese else number)


def _lang(text: str, language: str) -> str:
    if has_cjk(text):
        from .languages import language as lookup
        return lookup(language).lang_tag
    return "en-US"


@dataclass
class Design:
    """Everything a slide planner needs to place things consistently."""

    theme: Theme
    language: str
    fitter: Fitter
    diags: Diagnostics
    punctuation: str = "full-width"  # the course's choice: "as-written" keeps ASCII marks in Chinese text

    def __post_init__(self):
        w_in, h_in = self.theme.slide_inches
        self.width, self.height = inches(w_in), inches(h_in)
        self.margin_x = inches(0.6)
        self.margin_top = inches(0.45)
        self.footer_h = inches(0.32)
        self.footer_y = self.height - inches(0.12) - self.footer_h
        self.title_box = Box(self.margin_x + inches(0.22), self.margin_top,
                             self.width - 2 * self.margin_x - inches(0.22), inches(0.95))
        self._place_logos()
        content_top = self.title_box.bottom + inches(0.3)
        self.content = Box(self.margin_x, content_top, self.width - 2 * self.margin_x,
                           self.footer_y - inches(0.15) - content_top)
        self.gutter = inches(0.3)

    # --- colours and words ---------------------------------------------------------------------
    def colour(self, slot: str) -> Colour:
        palette = self.theme.palette
        scheme = SCHEME_SLOTS.get(slot)
        follows = OPTIONAL_PALETTE.get(slot)
        if scheme is None and follows is not None and palette[slot] == palette[follows]:
            # an optional slot left at (or set to) the colour it defaults to recolours with that colour's
            # theme slot: titles in the primary colour follow PowerPoint's Design tab
            scheme = SCHEME_SLOTS.get(follows)
        return Colour(palette[slot], scheme, role=slot)

    def page(self, slide) -> Colour:
        """What text on a slide stands on where no shape lies behind it: its colour, or for a background
        picture the theme's dark or light colour, as the picture reads."""
        from .theme import image_is_dark
        if slide.background_image is not None:
            return self.colour("primary") if image_is_dark(slide.background_image) else self.colour("background")
        return slide.background or self.colour("background")

    @property
    def neutrals(self) -> tuple[Colour, ...]:
        """The theme's text colours for light and dark grounds: a text colour that does not read gives way
        to the other before it is shaded."""
        return (self.colour("text"), self.colour("on_primary"))

    def accent(self, i: int) -> Colour:
        return self.colour(f"accent{(i % 6) + 1}")

    def label(self, key: str, **fields) -> str:
        return self.theme.label(key, self.language, **fields)

    @property
    def zh(self) -> bool:
        """Chinese typography: Chinese numerals (模块一) and full-width punctuation; not Japanese or Korean."""
        from .languages import language
        return language(self.language).chinese_style

    def module_label(self, number: int) -> str:
        """模块一, 模組一, モジュール1, 모듈 1, Module 1: the `module_n` label with the language's numeral."""
        return module_label(self.theme, self.language, number)

    # --- type ------------------------------------------------------------------------------------
    def size(self, key: str) -> float:
        return self.theme.sizes[key]

    def font(self, role: str, bold: bool = False) -> Font:
        pair = self.theme.fonts[role]
        return Font(pair.latin, pair.ea, bold)

    def style(self, role: str, max_size: float, min_size: float | None = None, *, bold: bool = False,
              spacing: float | None = None, phrase: bool = False, balance: bool = False,
              para_space: float = 0.45, marker: bool = False) -> BlockStyle:
        return BlockStyle(font=self.font(role, bold), max_size=max_size,
                          min_size=max_size if min_size is None else min_size,
                          line_spacing=spacing or (TITLE_SPACING if role == "heading" else BODY_SPACING),
                          para_space=para_space, phrase=phrase, balance=balance,
                          indent=1.2 if marker else 0.0)

    def block(self, paras: list[Paragraph], style: BlockStyle, fitted: Fitted, colour: Colour, *,
              align="l", anchor="t", insets=(0, 0, 0, 0), explicit_breaks=False) -> TextBlock:
        text = "".join(p.text for p in paras)
        if explicit_breaks:
            paras = [replace(p, text="\n".join(lines)) for p, lines in zip(paras, fitted.lines)]
        return TextBlock(
            paragraphs=tuple(paras), latin=style.font.latin, ea=style.font.ea, size=fitted.size,
            colour=colour, lang=_lang(text, self.language), bold=style.font.bold, align=align, anchor=anchor,
            line_pitch=round(fitted.size * style.line_spacing * 100) / 100,
            para_gap=round(fitted.size * style.para_space * 100) / 100 if len(paras) > 1 else 0.0,
            indent=style.indent * fitted.size, level_indent=style.level_indent * fitted.size,
            insets=insets, height=fitted.height,
        )

    def fit(self, paras: list[Paragraph], box: Box, style: BlockStyle, colour: Colour, *,
            loc: Loc | None = None, what: str = "text", align="l", anchor="t", insets=(0, 0, 0, 0),
            explicit_breaks: bool | None = None) -> TextBlock:
        """Fit paragraphs into a box, shrinking down to the style's floor; past it, report and clamp."""
        paras = [self.typeset(p, loc) for p in paras]
        width = (box.w - insets[0] - insets[2]) / 12700
        height = (box.h - insets[1] - insets[3]) / 12700
        specs = [Para(p.text, p.level, p.marker, bool(p.bold)) for p in paras]
        fitted = self.fitter.fit(specs, style, width, height)
        if fitted is None:
            self.diags.error(f"{what} does not fit its box even at {style.min_size:g} pt: shorten it",
                             loc, f"the text starts '{paras[0].text[:24]}…'" if paras else None)
            fitted = self.fitter.measure(specs, style, style.min_size, width)
        elif style.max_size >= self.comfortable_size > fitted.size:
            self.diags.warning(f"{what} had to shrink to {fitted.size:g} pt to fit, below a comfortable "
                               f"{self.comfortable_size:g} pt", loc, "shorten it, or split the section in two")
        if explicit_breaks is None:
            # deckgen decides every line break: the measured lines are written as line breaks, so
            # PowerPoint, Keynote, WPS and LibreOffice show the lines planned here (no break inside a
            # word, no lone last character), not their own
            explicit_breaks = True
        return self.block(list(paras), style, fitted, colour, align=align, anchor=anchor, insets=insets,
                          explicit_breaks=explicit_breaks)

    def typeset(self, para: Paragraph, loc: Loc | None) -> Paragraph:
        """The paragraph with ASCII , ? ! : ; ( ) " in Chinese text set full-width (reported, so the outline
        can be corrected), unless the course keeps them as written. Chinese decks only: Korean is written
        with ASCII punctuation and spaces, and Japanese uses 、。 rather than ，, so their text stays as written."""
        if self.punctuation == "as-written" or not self.zh:
            return para
        text = full_width_punctuation(para.text)
        if text == para.text:
            return para
        marks = "".join(dict.fromkeys(a for a, b in zip(para.text, text) if a != b))
        self.diags.warning(f"ASCII punctuation {' '.join(marks)} in Chinese text is set full-width: "
                           f"'{_excerpt(para.text, marks)}'", loc,
                           "type the full-width marks (，？！：；（）“”), or set 'punctuation: as-written' in course.yaml "
                           "to keep them")
        return replace(para, text=text)

    @property
    def comfortable_size(self) -> float:
        """Body text shrunk below this (the theme's body size − 4 pt) is reported as hard to read."""
        return self.size("body") - 4

    def text_width(self, text: str, role: str, size: float, bold: bool = False) -> int:
        return pt(self.fitter.measurer.width(text, self.font(role, bold), size))

    # --- recurring pieces -----------------------------------------------------------------------
    def title(self, text: str, accent: Colour, *, loc: Loc | None = None, box: Box | None = None,
              colour: Colour | None = None) -> list[Shape]:
        """The title band: an accent bar and the title, phrase-broken and balanced."""
        box = box or self.title_box
        style = self.style("heading", self.size("title"), self.size("title") - 6, bold=True, phrase=True,
                           balance=True)
        block = self.fit([Paragraph(text)], box, style, colour or self.colour("title"), loc=loc,
                         what="the title", anchor="ctr")
        bar = Shape("Title accent", Box(box.x - inches(0.22), box.y + inches(0.14), inches(0.08),
                                        box.h - inches(0.28)), fill=accent)
        return [bar, Shape("Title", box, text=block, role="title")]

    def chip(self, text: str, x: int, y: int, fill: Colour, *, colour: Colour | None = None,
             name: str = "Chip", size: float | None = None, align_right: bool = False) -> Shape:
        """A small rounded label sized to its text."""
        size = size or self.size("caption") + 3
        pad = inches(0.14)
        w = self.text_width(text, "body", size, bold=True) + 2 * pad + inches(0.04)
        h = pt(size * 1.25) + inches(0.1)
        x = x - w if align_right else x
        block = TextBlock((Paragraph(text),), *self._pair("body"), size=size,
                          colour=colour or self.colour("on_primary"), lang=_lang(text, self.language), bold=True,
                          align="ctr", anchor="ctr", line_pitch=round(size * 1.2 * 100) / 100,
                          insets=(pad // 2, 0, pad // 2, 0), wrap=False)
        return Shape(name, Box(x, y, w, h), geometry="roundRect", fill=fill, text=block,
                     adjust=(("adj", 50000),))

    def _pair(self, role: str) -> tuple[str, str]:
        pair = self.theme.fonts[role]
        return pair.latin, pair.ea

    def simple_text(self, text: str, box: Box, size: float, colour: Colour, *, role="body", bold=False,
                    align="l", anchor="t", name="Text", loc: Loc | None = None, min_size: float | None = None,
                    phrase=False, spacing: float | None = None) -> Shape:
        style = self.style(role, size, min_size or size, bold=bold, phrase=phrase, balance=phrase,
                           spacing=spacing)
        block = self.fit([Paragraph(text)], box, style, colour, loc=loc, what=name.lower(), align=align,
                         anchor=anchor)
        return Shape(name, box, text=block)

    def footer(self, footer_text: str, number_style: str, on_dark: bool = False) -> list[Shape]:
        colour = self.colour("on_primary") if on_dark else self.colour("muted")
        size = self.size("caption")
        shapes = []
        y = self.footer_y
        if footer_text:
            end = self.margin_x + int((self.width - 2 * self.margin_x) * 0.75)
            if number_style:
                end = min(end, self.footer_right - inches(1.2) - LOGO_GAP)
            box = Box(self.footer_left, y, end - self.footer_left, self.footer_h)
            shapes.append(self.simple_text(footer_text, box, size, colour, anchor="ctr", name="Footer",
                                           min_size=9))
        if number_style:
            box = Box(self.footer_right - inches(1.2), y, inches(1.2), self.footer_h)
            block = TextBlock((Paragraph(number_style, field="slidenum"),), *self._pair("body"), size=size,
                              colour=colour, lang="en-US", align="r", anchor="ctr",
                              line_pitch=round(size * 1.2 * 100) / 100)
            shapes.append(Shape("Slide number", box, text=block))
        return shapes

    # --- logos -----------------------------------------------------------------------------------
    def _place_logos(self) -> None:
        """Each logo's slot in its corner: top corners in the title band, bottom ones in the footer row.

        Where a logo shows on content slides, the title box (and so the chips beside the title) and the
        footer text or slide number give way to its slot, so nothing ever runs under a logo. The slot,
        not the picture, decides this: another image in the same slot moves nothing.
        """
        self.logo_slots: list[tuple] = []
        left, right = self.title_box.x, self.title_box.right
        self.footer_left, self.footer_right = self.margin_x, self.width - self.margin_x
        footer_cy = self.footer_y + self.footer_h // 2
        for logo in self.theme.logos:
            top = logo.position.startswith("top")
            cy = self.title_box.cy if top else footer_cy
            limit = self.title_box.h if top else 2 * (self.height - footer_cy - inches(0.06))
            h = min(inches(logo.height), limit)
            w = min(inches(logo.slot_width), int(self.width * 0.4))
            x = self.margin_x if logo.position.endswith("left") else self.width - self.margin_x - w
            slot = Box(x, cy - h // 2, w, h)
            self.logo_slots.append((logo, slot))
            if logo.slides == "cover":
                continue
            if logo.position == "top-right":
                right = min(right, slot.x - LOGO_GAP)
            elif logo.position == "top-left":
                left = max(left, slot.right + LOGO_GAP + inches(0.22))
            elif logo.position == "bottom-left":
                self.footer_left = max(self.footer_left, slot.right + LOGO_GAP)
            else:
                self.footer_right = min(self.footer_right, slot.x - LOGO_GAP)
        self.title_box = Box(left, self.title_box.y, right - left, self.title_box.h)

    def logos(self, slide_kind: str, dark: bool) -> list[Picture]:
        """The logos a slide of this kind shows, each scaled into its slot and pushed into its corner."""
        from .theme import image_size
        out = []
        for i, (logo, slot) in enumerate(self.logo_slots, start=1):
            if not logo.shows_on(slide_kind):
                continue
            path = logo.on_dark if dark and logo.on_dark is not None else logo.file
            iw, ih = image_size(path)
            w, h = slot.w, slot.h
            if iw * slot.h > ih * slot.w:  # wider than the slot: full width
                h = max(1, round(slot.w * ih / iw))
            else:
                w = max(1, round(slot.h * iw / ih))
            x = slot.x if logo.position.endswith("left") else slot.right - w
            # branding repeated on every slide: decorative, so screen readers skip it
            out.append(Picture(f"Logo {i}", Box(x, slot.y + (slot.h - h) // 2, w, h), path, alt="Logo",
                               decorative=True))
        return out
