"""deckgen's own slide master and named layouts, and which planned shapes fill which placeholder.

A deck built without a corporate template gets one master in the theme's look (background, fonts,
colours) and a layout per kind of slide: Cover, Agenda, Divider, Content, Cards, Framework, Case,
Exercise, Debrief, Closing, Picture and Blank. Each layout's placeholders sit where the deck's own slides
of that kind put the title, the body text, the footer and the slide number, with the same text style
(size, colour, bullets, spacing), so a co-facilitator's New Slide → "Case" is a ready case slide in the
deck's style. Slides fill these placeholders (keeping their own planned position and formatting, so they
look exactly as planned); decorations (accent bars, panels, chips, diagrams) stay shapes on the slide.

Geometry comes from the deck's plan: the first slide of each kind; a kind the deck does not have gets
its placeholders from the deck's title, footer and content area.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..plan import Box, Deck, Shape, Slide, TextBlock
from ..theme import Theme
from . import fragments
from .theming import ThemeRefs

# Layout key -> deckgen's layout name (what PowerPoint's New Slide menu shows).
LAYOUT_NAMES = {"cover": "Cover", "agenda": "Agenda", "divider": "Divider", "content": "Content",
                "cards": "Cards", "framework": "Framework", "case": "Case", "exercise": "Exercise",
                "debrief": "Debrief", "closing": "Closing", "picture": "Picture", "blank": "Blank"}
# PowerPoint's placeholder indices for the date, footer and slide number.
DATE_IDX, FOOTER_IDX, NUMBER_IDX = 10, 11, 12
CARD_IDX = 20  # card N's text is body placeholder CARD_IDX + N


@dataclass(frozen=True)
class Role:
    """A placeholder a planned shape fills: its type (title, ctrTitle, subTitle, body, pic, ftr, sldNum)
    and index on the layout."""

    type: str
    idx: int = 0


TITLE = Role("title")
FOOTERS = {"Footer": Role("ftr", FOOTER_IDX), "Slide number": Role("sldNum", NUMBER_IDX)}
# Per layout key, planned shape name -> the placeholder it fills. Shape names are the plan's (slides/*),
# so this table is the one place where a shape becomes a placeholder.
ROLES: dict[str, dict[str, Role]] = {
    "cover": {"Title": Role("ctrTitle"), "Subtitle": Role("subTitle", 1), "Details": Role("body", 2)},
    "agenda": {"Title": TITLE},
    "divider": {"Title": TITLE, "Objectives": Role("body", 1)},
    "content": {"Title": TITLE, "Points": Role("body", 1)},
    "cards": {"Title": TITLE, **{f"Card {n} text": Role("body", CARD_IDX + n) for n in range(1, 10)}},
    "framework": {"Title": TITLE, "Takeaway": Role("body", 1)},
    "case": {"Title": TITLE, "Case facts": Role("body", 1), "Questions": Role("body", 2)},
    "exercise": {"Title": TITLE, "Task": Role("body", 1), "Steps": Role("body", 2)},
    "debrief": {"Title": TITLE, "Debrief questions": Role("body", 1)},
    "closing": {"Title": TITLE, "Takeaways": Role("body", 1), "Next steps": Role("body", 2)},
    "picture": {"Title": TITLE},
    "blank": {},
}
# What a layout of a kind the deck does not have offers, in the content area: body placeholders side by side
# (relative widths) and their prompts.
FALLBACK_BODIES = {"content": ((1.0, "Points"),), "framework": ((1.0, "Takeaway"),),
                   "case": ((0.58, "Case facts"), (0.42, "Questions")), "exercise": ((0.5, "Task"), (0.5, "Steps")),
                   "debrief": ((1.0, "Debrief questions"),), "closing": ((0.5, "Takeaways"), (0.5, "Next steps")),
                   "cards": ((1.0, "Card 1 text"), (1.0, "Card 2 text"), (1.0, "Card 3 text")),
                   "divider": ((1.0, "Objectives"),), "cover": ((1.0, "Subtitle"),)}
_CARD = re.compile(r"Card \d+ text")


def layout_key(slide: Slide) -> str:
    """The deckgen layout a slide uses: its kind's, Cards for card-style content."""
    if slide.kind == "content" and any(isinstance(e, Shape) and _CARD.fullmatch(e.name) for e in slide.elements):
        return "cards"
    if slide.kind in ROLES:
        return slide.kind
    return "content" if any(isinstance(e, Shape) and e.role == "title" for e in slide.elements) else "blank"


def role_of(key: str, shape: Shape) -> Role | None:
    """The placeholder `shape` fills on a slide of layout `key`, or None (it stays a shape).

    The footer and slide number stay text boxes on the slides (their layouts' placeholders are where
    Insert → Header & Footer puts them): LibreOffice drops the text of footer and slide-number placeholders
    when it saves a deck, so a co-facilitator's re-saved deck would lose them."""
    role = ROLES.get(key, {}).get(shape.name)
    if role is None and shape.role == "title":
        return TITLE
    return role


@dataclass(frozen=True)
class Placeholder:
    role: Role
    name: str
    box: Box
    text: TextBlock | None = None  # a planned text whose style the placeholder's prompt text takes


@dataclass(frozen=True)
class LayoutSpec:
    key: str
    name: str
    placeholders: tuple[Placeholder, ...]
    background: object = None  # a plan Colour, or None: the master's
    background_image: Path | None = None


def layout_specs(deck: Deck) -> list[LayoutSpec]:
    """Every deckgen layout, its placeholders where the deck's slides of that kind put them."""
    first: dict[str, Slide] = {}
    for slide in deck.slides:
        first.setdefault(layout_key(slide), slide)
    shapes = [e for s in deck.slides for e in s.elements if isinstance(e, Shape)]
    title = next((e.box for s in deck.slides if layout_key(s) not in ("cover", "divider")
                  for e in s.elements if isinstance(e, Shape) and e.role == "title"), None)
    footers = {}
    for e in shapes:
        if e.name in FOOTERS and e.name not in footers:
            footers[e.name] = e
    w, h = deck.width, deck.height
    margin = round(w * 0.045)
    title = title or Box(margin, round(h * 0.06), w - 2 * margin, round(h * 0.127))
    footer_y = min((f.box.y for f in footers.values()), default=round(h * 0.94))
    area = Box(margin, title.bottom + round(h * 0.04), w - 2 * margin,
               max(footer_y - round(h * 0.02) - title.bottom - round(h * 0.04), round(h * 0.2)))
    common = _footer_placeholders(footers, deck)
    specs = []
    for key, name in LAYOUT_NAMES.items():
        slide = first.get(key)
        if slide is not None:
            own = [Placeholder(role_of(key, e), e.name, e.box, e.text) for e in slide.elements
                   if isinstance(e, Shape) and e.name not in FOOTERS and role_of(key, e) is not None]
            background, image = slide.background, slide.background_image
        else:
            own = _fallback(key, title, area)
            background = image = None
        if key == "picture":
            own.append(Placeholder(Role("pic", 1), "Picture", area))
        if key != "cover" and key != "blank" and not any(p.role.type in ("title", "ctrTitle") for p in own):
            own.insert(0, Placeholder(TITLE, "Title", title))
        if key == "blank":
            own = []
        specs.append(LayoutSpec(key, name, tuple(own) + (() if key == "cover" else common), background, image))
    return specs


def _fallback(key: str, title: Box, area: Box) -> list[Placeholder]:
    out = [Placeholder(Role("ctrTitle") if key == "cover" else TITLE, "Title", title)]
    bodies = FALLBACK_BODIES.get(key, ())
    if bodies:
        boxes = area.columns(len(bodies), round(area.w * 0.04), [wt for wt, _ in bodies])
        for i, ((_, name), box) in enumerate(zip(bodies, boxes), start=1):
            role = ROLES[key].get(name) or Role("body", i)
            out.append(Placeholder(role, name, box))
    return out


def _footer_placeholders(footers: dict, deck: Deck) -> tuple[Placeholder, ...]:
    out = []
    footer, number = footers.get("Footer"), footers.get("Slide number")
    if footer is not None:
        out.append(Placeholder(FOOTERS["Footer"], "Footer", footer.box, footer.text))
    if number is not None:
        out.append(Placeholder(FOOTERS["Slide number"], "Slide number", number.box, number.text))
        # the date, when a co-facilitator switches it on, sits just left of the number
        date_w = round(deck.width * 0.12)
        out.append(Placeholder(Role("dt", DATE_IDX), "Date", Box(number.box.x - date_w, number.box.y, date_w,
                                                                  number.box.h), number.text))
    return tuple(out)


# --- XML -----------------------------------------------------------------------------------------

def _level(block: TextBlock, level: int, refs: ThemeRefs, heading: bool) -> str:
    """`a:lvlNpPr` with the paragraph and run style of the block's first paragraph at `level` (0-based)."""
    paras = [p for p in block.paragraphs if p.level == level]
    if not paras:
        return ""
    p = next((q for q in paras if q.marker), paras[0])
    xml = fragments.paragraph(block, p, True, refs, heading)
    ppr = re.search(r"<a:pPr (.*?)>(.*?)</a:pPr>", xml).groups()
    rpr = re.search(r"<a:rPr (.*?)>(.*?)</a:rPr>", xml) or re.search(r"<a:endParaRPr (.*?)>(.*?)</a:endParaRPr>",
                                                                     xml)
    attrs = re.sub(r'\s*(lang|altLang|dirty)="[^"]*"', "", rpr.group(1))
    tag = f"a:lvl{level + 1}pPr"
    return f"<{tag} {ppr[0]}>{ppr[1]}<a:defRPr{attrs}>{rpr.group(2)}</a:defRPr></{tag}>"


def placeholder_xml(shape_id: int, ph: Placeholder, refs: ThemeRefs) -> str:
    heading = ph.role.type in ("title", "ctrTitle")
    idx = f' idx="{ph.role.idx}"' if ph.role.idx else ""
    size = ' sz="quarter"' if ph.role.type in ("ftr", "sldNum", "dt") else ""
    body, levels = '<a:bodyPr/>', ""
    if ph.text is not None:
        body = fragments.body_pr(ph.text)
        levels = "".join(_level(ph.text, lvl, refs, heading) for lvl in (0, 1))
    prompt = {"sldNum": "", "ftr": "", "dt": ""}.get(ph.role.type, ph.name)
    if ph.role.type == "sldNum":
        run = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US"/>'
               "<a:t>‹#›</a:t></a:fld>")
    elif ph.role.type == "dt":
        run = ('<a:fld id="{1D8BD707-D9CF-40AE-B4C6-C98DA3205C09}" type="datetimeFigureOut"><a:rPr lang="en-US"/>'
               "<a:t></a:t></a:fld>")
    else:
        run = f'<a:r><a:rPr lang="en-US"/><a:t>{fragments.text(prompt)}</a:t></a:r>' if prompt else ""
    custom = ' hasCustomPrompt="1"' if prompt and ph.role.type not in ("pic",) else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={fragments.attr(ph.name + " Placeholder")}/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{ph.role.type}"{size}{idx}{custom}/>'
            f"</p:nvPr></p:nvSpPr><p:spPr>{fragments.xfrm(ph.box)}</p:spPr><p:txBody>{body}<a:lstStyle>{levels}"
            f"</a:lstStyle><a:p>{run}</a:p></p:txBody></p:sp>")


def layout_xml(spec: LayoutSpec, refs: ThemeRefs, background: str = "") -> str:
    """A slide layout part's XML (background XML given when it is a picture)."""
    if not background and spec.background is not None:
        background = fragments.background(fragments.solid(spec.background, refs)).replace(" " + fragments.NS, "")
    shapes = "".join(placeholder_xml(i, ph, refs) for i, ph in enumerate(spec.placeholders, start=2))
    show = ' showMasterSp="0"' if spec.key in ("cover", "divider", "blank") else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout {fragments.NS}{show} '
            f'preserve="1" userDrawn="1"><p:cSld name={fragments.attr(spec.name)}>{background}'
            '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f"{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>")


def _styles(theme: Theme, refs: ThemeRefs, other: str) -> str:
    """The master's text styles: titles in the heading font and title colour, body and other text plain
    (every planned run states its own size, colour and spacing; these are what a new text starts with)."""
    common = 'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"'
    title_colour = refs.colour(_colour(theme, "title"))
    text_colour = refs.colour(_colour(theme, "text"))
    title = (f'<p:titleStyle><a:lvl1pPr algn="l" {common}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
             f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/><a:defRPr sz="{int(theme.sizes["title"] * 100)}" '
             f'b="1" kern="1200"><a:solidFill>{title_colour}</a:solidFill><a:latin typeface="+mj-lt"/>'
             '<a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>')
    levels = "".join(
        f'<a:lvl{n}pPr marL="{(n - 1) * 457200}" indent="0" algn="l" {common}><a:spcBef><a:spcPts val="0"/>'
        f'</a:spcBef><a:buNone/><a:defRPr sz="{int(theme.sizes["body"] * 100)}" kern="1200"><a:solidFill>'
        f'{text_colour}</a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
        '<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'.replace("{n}", str(n)) for n in range(1, 10))
    return f"<p:txStyles>{title}<p:bodyStyle>{levels}</p:bodyStyle>{other}</p:txStyles>"


def _colour(theme: Theme, slot: str):
    from ..plan import Colour
    return Colour(theme.palette[slot], None, role=slot)


def master_xml(theme: Theme, refs: ThemeRefs, spec: LayoutSpec, layout_rids: list[str], theme_rid: str,
               other_style: str, background: str = "") -> str:
    """The slide master: the theme's background, a title and a body placeholder, date, footer and number."""
    if not background:
        background = (f"<p:bg><p:bgPr>{fragments.solid(_colour(theme, 'background'), refs)}<a:effectLst/>"
                      "</p:bgPr></p:bg>")
    masters = []
    for i, ph in enumerate(spec.placeholders):
        role = {"ftr": Role("ftr", 3), "sldNum": Role("sldNum", 4), "dt": Role("dt", 2)}.get(ph.role.type)
        if ph.role.type == "title":
            role = Role("title")
        elif ph.role.type == "body" and not any(m.role.type == "body" for m in masters):
            role = Role("body", 1)
        if role is not None:
            masters.append(Placeholder(role, ph.name, ph.box, ph.text))
    shapes = "".join(placeholder_xml(i, ph, refs) for i, ph in enumerate(masters, start=2))
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldMaster {fragments.NS}>'
            f"<p:cSld>{background}<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/>"
            f"</p:nvGrpSpPr><p:grpSpPr/>{shapes}</p:spTree></p:cSld>"
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
            f'folHlink="folHlink"/><p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
            f"{_styles(theme, refs, other_style)}</p:sldMaster>")


# --- the parts ---------------------------------------------------------------------------------------

def install_own_master(prs, deck: Deck, theme: Theme, refs: ThemeRefs) -> tuple[dict, dict]:
    """Replace python-pptx's stock master and its eleven Office layouts by deckgen's; returns the layouts
    by key, and each layout's placeholders (as Roles) by key."""
    from lxml import etree
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.oxml import parse_xml
    from pptx.parts.slide import SlideLayoutPart

    from .base import _background_xml
    master_part = prs.slide_masters[0].part
    old = master_part._element
    other = old.find(f"{{{_P}}}txStyles/{{{_P}}}otherStyle")
    other_style = etree.tostring(other, encoding="unicode") if other is not None else ""
    for rid in [rid for rid, rel in master_part.rels.items() if rel.reltype == RT.SLIDE_LAYOUT]:
        master_part.rels.pop(rid)
    theme_rid = next(rid for rid, rel in master_part.rels.items() if rel.reltype == RT.THEME)
    specs = layout_specs(deck)
    layouts, rids = {}, []
    images = {"cover": theme.backgrounds.get("cover"), "divider": theme.backgrounds.get("divider")}
    for n, spec in enumerate(specs, start=1):
        part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{n}.xml"), CT.PML_SLIDE_LAYOUT,
                               prs.part.package, parse_xml(b'<p:sldLayout xmlns:p="%s"/>' % _P.encode()))
        part.relate_to(master_part, RT.SLIDE_MASTER)
        image = images.get(spec.key, theme.backgrounds.get("content") if spec.key not in ("cover", "divider")
                           else None)
        background = ""
        if image is not None:
            from .media import embeddable
            _, image_rid = part.get_or_add_image_part(embeddable(image))
            background = _background_xml(image_rid, Path(image), deck.width, deck.height).replace(
                f' xmlns:p="{_P}" xmlns:a="{_A}" xmlns:r="{_R}"', "")
        part._element = parse_xml(layout_xml(spec, refs, background).encode("utf-8"))
        rids.append(master_part.relate_to(part, RT.SLIDE_LAYOUT))
        layouts[spec.key] = part.slide_layout
    content = next(s for s in specs if s.key == "content")
    master_part._element = parse_xml(master_xml(theme, refs, content, rids, theme_rid, other_style).encode("utf-8"))
    return layouts, {spec.key: frozenset(ph.role for ph in spec.placeholders) for spec in specs}


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

__all__ = ["LAYOUT_NAMES", "ROLES", "Role", "layout_key", "role_of", "layout_specs", "install_own_master"]
