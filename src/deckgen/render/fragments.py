"""DrawingML and PresentationML fragments for plan elements, as text: fast, explicit and deterministic.

Given the deck's `ThemeRefs` (`refs`), colours are written as theme colour references and the theme's
typefaces as `+mj-lt`/`+mn-ea` …; without it (a fragment on its own), as literal values.
"""
from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape, quoteattr

from ..plan import Box, Cell, Colour, Connector, Paragraph, Shape, Table, TextBlock
from ..textfit import has_cjk
from .theming import ThemeRefs

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

_NUMBERED = re.compile(r"(\d+)\.")
# A hyperlink's relationship is the slide's, so a fragment names the address and the slide writer swaps in
# the relationship id (render.SlideWriter.append).
LINK_PREFIX = 'r:id="link:'
LINK_RID = re.compile(r'r:id="link:([^"]*)"')
DECORATIVE = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
              '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
              "</a:ext></a:extLst>")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@functools.lru_cache(maxsize=8192)  # typefaces, names and repeated words: escaped once per deck, not per run
def text(s: str) -> str:
    return escape(_INVALID_XML.sub("", s))


@functools.lru_cache(maxsize=8192)
def attr(s: str) -> str:
    return quoteattr(_INVALID_XML.sub("", s))


def colour(c: Colour, refs: ThemeRefs | None = None) -> str:
    if refs is not None:
        return refs.colour(c)
    alpha = f'<a:alpha val="{int(round(c.alpha * 100000))}"/>' if c.alpha is not None else ""
    if c.slot:
        mods = (f'<a:lumMod val="{round(c.lum_mod * 100000)}"/>' if c.lum_mod is not None else "") + \
            (f'<a:lumOff val="{round(c.lum_off * 100000)}"/>' if c.lum_off else "") + alpha
        return f'<a:schemeClr val="{c.slot}">{mods}</a:schemeClr>' if mods else f'<a:schemeClr val="{c.slot}"/>'
    if alpha:
        return f'<a:srgbClr val="{c.hex.lstrip("#").upper()}">{alpha}</a:srgbClr>'
    return f'<a:srgbClr val="{c.hex.lstrip("#").upper()}"/>'


def solid(c: Colour | None, refs: ThemeRefs | None = None) -> str:
    return f"<a:solidFill>{colour(c, refs)}</a:solidFill>" if c else "<a:noFill/>"


def xfrm(box: Box, tag: str = "a:xfrm", extra: str = "", rot: float = 0.0) -> str:
    rot_attr = f' rot="{int(round(rot * 60000))}"' if rot else ""
    return (f'<{tag}{rot_attr}{extra}><a:off x="{box.x}" y="{box.y}"/>'
            f'<a:ext cx="{max(box.w, 0)}" cy="{max(box.h, 0)}"/></{tag}>')


def line(c: Colour | None, width: float, refs: ThemeRefs | None = None) -> str:
    if c is None or width <= 0:
        return "<a:ln><a:noFill/></a:ln>"
    return f'<a:ln w="{int(round(width * 12700))}">{solid(c, refs)}</a:ln>'


def faces(block: TextBlock, refs: ThemeRefs | None, heading: bool) -> str:
    """The run's typefaces: theme font references where they are the theme's typefaces."""
    if refs is None:
        latin, ea, cs = block.latin, block.ea, block.latin
    else:
        latin, ea = refs.typeface(block.latin, "latin", heading), refs.typeface(block.ea, "ea", heading)
        cs = latin.replace("-lt", "-cs") if latin.startswith("+") else latin
    return f"<a:latin typeface={attr(latin)}/><a:ea typeface={attr(ea)}/><a:cs typeface={attr(cs)}/>"


def run_props(block: TextBlock, s: str, *, size: float, bold: bool, c: Colour, tag: str = "a:rPr",
              link: str | None = None, refs: ThemeRefs | None = None, heading: bool = False) -> str:
    lang = block.lang if has_cjk(s) or block.lang.startswith("zh") else "en-US"
    alt = ' altLang="en-US"' if lang.startswith("zh") else ""
    b = ' b="1"' if bold else ' b="0"'
    return (f'<{tag} lang="{lang}"{alt} sz="{int(round(size * 100))}"{b} dirty="0">{solid(c, refs)}'
            f'{faces(block, refs, heading)}'
            + (f'<a:hlinkClick r:id={attr("link:" + link)}/>' if link else "") + f'</{tag}>')


def paragraph(block: TextBlock, p: Paragraph, first: bool, refs: ThemeRefs | None = None, heading: bool = False,
              number: int | None = None) -> str:
    """One `a:p`; `number` is the slide's number, stored in a slide-number field as PowerPoint stores it."""
    size = p.size or block.size
    bold = block.bold if p.bold is None else p.bold
    c = p.colour or block.colour
    marl = int(round((p.level * block.level_indent + (block.indent if p.marker else 0)) * 12700))
    indent = -int(round(block.indent * 12700)) if p.marker else 0
    ppr = [f'<a:pPr marL="{marl}" indent="{indent}" algn="{block.align}">']
    if block.line_pitch:
        ppr.append(f'<a:lnSpc><a:spcPts val="{int(round(block.line_pitch * 100))}"/></a:lnSpc>')
    ppr.append(f'<a:spcBef><a:spcPts val="{0 if first else int(round(block.para_gap * 100))}"/></a:spcBef>')
    ppr.append('<a:spcAft><a:spcPts val="0"/></a:spcAft>')
    if p.marker:
        ppr.append(f"<a:buClr>{colour(p.marker_colour or c, refs)}</a:buClr>")
        m = _NUMBERED.fullmatch(p.marker)
        if m:
            ppr.append(f'<a:buFont typeface={attr(block.latin)}/>'
                       f'<a:buAutoNum type="arabicPeriod" startAt="{int(m.group(1))}"/>')
        else:
            face = block.ea if has_cjk(p.marker) else "Arial"
            ppr.append(f'<a:buFont typeface={attr(face)}/><a:buChar char={attr(p.marker)}/>')
    else:
        ppr.append("<a:buNone/>")
    ppr.append("</a:pPr>")
    out = ["<a:p>", "".join(ppr)]
    rpr_for = lambda s: run_props(block, s, size=size, bold=bold, c=c, refs=refs, heading=heading)  # noqa: E731
    if p.field == "slidenum":
        before, _, after = p.text.partition("{n}")
        if before:
            out.append(f"<a:r>{rpr_for(before)}<a:t>{text(before)}</a:t></a:r>")
        shown = str(number) if number else "‹#›"
        out.append(f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">{rpr_for("1")}'
                   f"<a:t>{shown}</a:t></a:fld>")
        if after:
            out.append(f"<a:r>{rpr_for(after)}<a:t>{text(after)}</a:t></a:r>")
    else:
        pos = 0
        for i, piece in enumerate(p.text.split("\n")):
            if i:
                out.append(f"<a:br>{rpr_for(piece)}</a:br>")
                pos += 1
            for start, end, link in _link_runs(p, pos, pos + len(piece)):
                run = p.text[start:end]
                rpr = run_props(block, run, size=size, bold=bold, c=c, link=link, refs=refs, heading=heading) \
                    if link else rpr_for(run)
                out.append(f"<a:r>{rpr}<a:t>{text(run)}</a:t></a:r>")
            pos += len(piece)
    out.append(run_props(block, p.text, size=size, bold=bold, c=c, tag="a:endParaRPr", refs=refs, heading=heading))
    out.append("</a:p>")
    return "".join(out)


def _link_runs(p: Paragraph, start: int, end: int):
    """(start, end, url or None) runs covering text[start:end], split where hyperlinks begin and end."""
    pos = start
    for a, b, url in p.links:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        if pos < a:
            yield pos, a, None
        yield a, b, url
        pos = b
    if pos < end:
        yield pos, end, None


def body_pr(block: TextBlock | None) -> str:
    if block is None:
        return '<a:bodyPr rtlCol="0" anchor="ctr"><a:noAutofit/></a:bodyPr>'
    l, t, r, b = block.insets
    wrap = "square" if block.wrap else "none"
    return (f'<a:bodyPr wrap="{wrap}" lIns="{l}" tIns="{t}" rIns="{r}" bIns="{b}" anchor="{block.anchor}" '
            f'rtlCol="0"><a:noAutofit/></a:bodyPr>')


def tx_body(block: TextBlock | None, tag: str = "p:txBody", refs: ThemeRefs | None = None, heading: bool = False,
            number: int | None = None) -> str:
    if block is None or not block.paragraphs:
        return f'<{tag}>{body_pr(block)}<a:lstStyle/><a:p><a:endParaRPr lang="en-US" dirty="0"/></a:p></{tag}>'
    paras = "".join(paragraph(block, p, i == 0, refs, heading, number) for i, p in enumerate(block.paragraphs))
    return f"<{tag}>{body_pr(block)}<a:lstStyle/>{paras}</{tag}>"


def placeholder_pr(ph_type: str | None, idx: int | None) -> str:
    """`p:ph` for a placeholder of `ph_type` (title, body, ftr, sldNum, dt, pic; obj: a content placeholder,
    which has no type attribute) and index."""
    type_attr = "" if ph_type in (None, "obj") else f' type="{ph_type}"'
    idx_attr = f' idx="{idx}"' if idx else ""
    return f"<p:ph{type_attr}{idx_attr}/>"


def shape(shape_id: int, s: Shape, placeholder: str | None = None, *, refs: ThemeRefs | None = None,
          idx: int | None = None, number: int | None = None) -> str:
    """A shape; with `placeholder` (a `p:ph` type) it fills the layout's placeholder of that type and index,
    keeping its own position and text formatting, so it looks exactly as planned."""
    text_only = s.fill is None and s.line is None and s.text is not None and s.geometry == "rect"
    nv_sp = '<p:cNvSpPr txBox="1"/>' if text_only and not placeholder else "<p:cNvSpPr/>"
    if placeholder:
        nv_sp = '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
    nv_pr = f"<p:nvPr>{placeholder_pr(placeholder, idx)}</p:nvPr>" if placeholder else "<p:nvPr/>"
    flips = (' flipH="1"' if s.flip_h else "") + (' flipV="1"' if s.flip_v else "")
    avs = "".join(f'<a:gd name="{n}" fmla="val {v}"/>' for n, v in s.adjust)
    cnv = f'<p:cNvPr id="{shape_id}" name={attr(s.name)}>{DECORATIVE}</p:cNvPr>' if s.decorative else \
        f'<p:cNvPr id="{shape_id}" name={attr(s.name)}/>'
    return (f'<p:sp {NS}><p:nvSpPr>{cnv}{nv_sp}{nv_pr}</p:nvSpPr>'
            f'<p:spPr>{xfrm(s.box, extra=flips, rot=s.rotation)}<a:prstGeom prst="{s.geometry}"><a:avLst>{avs}'
            f'</a:avLst></a:prstGeom>{solid(s.fill, refs)}{line(s.line, s.line_width, refs)}</p:spPr>'
            f"{tx_body(s.text, refs=refs, heading=placeholder in ('title', 'ctrTitle'), number=number)}</p:sp>")


def connector(shape_id: int, c: Connector, refs: ThemeRefs | None = None) -> str:
    (x1, y1), (x2, y2) = c.start, c.end
    box = Box(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
    flips = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
    dash = f'<a:prstDash val="{c.dash}"/>' if c.dash else ""
    head = '<a:headEnd type="triangle" w="med" len="med"/>' if c.arrow_start else ""
    tail = '<a:tailEnd type="triangle" w="med" len="med"/>' if c.arrow_end else ""
    return (f'<p:cxnSp {NS}><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name={attr(c.name)}/><p:cNvCxnSpPr/>'
            f'<p:nvPr/></p:nvCxnSpPr><p:spPr>{xfrm(box, extra=flips)}<a:prstGeom prst="straightConnector1">'
            f'<a:avLst/></a:prstGeom><a:ln w="{int(round(c.width * 12700))}">{solid(c.colour, refs)}{dash}{head}{tail}'
            f"</a:ln></p:spPr></p:cxnSp>")


def _cell(cell: Cell, border, refs: ThemeRefs | None = None) -> str:
    block = cell.text
    l, t, r, b = block.insets
    edges = "".join(f'<a:{e} w="12700">{solid(border, refs)}</a:{e}>' for e in ("lnL", "lnR", "lnT", "lnB")) \
        if border else ""
    fill = solid(cell.fill, refs) if cell.fill else "<a:noFill/>"
    body = tx_body(block, "a:txBody", refs=refs).replace(body_pr(block), "<a:bodyPr/>")
    return (f"<a:tc>{body}<a:tcPr marL=\"{l}\" marR=\"{r}\" marT=\"{t}\" marB=\"{b}\" anchor=\"{block.anchor}\">"
            f"{edges}{fill}</a:tcPr></a:tc>")


def table(shape_id: int, t: Table, refs: ThemeRefs | None = None) -> str:
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in t.col_widths)
    rows = "".join(f'<a:tr h="{h}">' + "".join(_cell(c, t.border, refs) for c in row) + "</a:tr>"
                   for h, row in zip(t.row_heights, t.cells))
    first = ' firstRow="1"' if t.first_row else ""
    band = "1" if t.band_rows else "0"
    descr = f" descr={attr(t.alt)}" if t.alt else ""
    return (f'<p:graphicFrame {NS}><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name={attr(t.name)}{descr}/>'
            f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
            f"</p:nvGraphicFramePr>{xfrm(t.box, 'p:xfrm')}<a:graphic>"
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr{first} bandRow="{band}"/><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData>'
            f"</a:graphic></p:graphicFrame>")


def group_open(shape_id: int, name: str, box: Box, alt: str = "") -> str:
    descr = f" descr={attr(alt)}" if alt else ""
    return (f'<p:grpSp {NS}><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name={attr(name)}{descr}/><p:cNvGrpSpPr/><p:nvPr/>'
            f'</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/>'
            f'<a:chOff x="{box.x}" y="{box.y}"/><a:chExt cx="{box.w}" cy="{box.h}"/></a:xfrm></p:grpSpPr>')


def background(fill: str) -> str:
    return f"<p:bg {NS}><p:bgPr>{fill}<a:effectLst/></p:bgPr></p:bg>"


def _ea_lang(language: str) -> str:
    from ..languages import language as lookup
    return lookup(language).lang_tag


def notes_body(notes: str, latin: str, ea: str, language: str) -> str:
    paras = []
    for line_text in notes.split("\n"):
        lang = _ea_lang(language) if has_cjk(line_text) or language.startswith("zh") else "en-US"
        rpr = (f'<a:rPr lang="{lang}" dirty="0"><a:latin typeface={attr(latin)}/><a:ea typeface={attr(ea)}/>'
               f"</a:rPr>")
        run = f"<a:r>{rpr}<a:t>{text(line_text)}</a:t></a:r>" if line_text else ""
        paras.append(f'<a:p>{run}<a:endParaRPr lang="{lang}" dirty="0"/></a:p>')
    return "".join(paras)
