"""The package details strict readers check: slide size and type, the notes master list, document properties
(core.xml, app.xml) and the cover thumbnail.

PowerPoint writes these itself; a generated deck has to say them right or Keynote drops speaker notes
(no `p:notesMasterIdLst`), File > Info shows the starting template's facts, and Finder/Explorer show a
blank preview.
"""
from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from ..plan import Deck
from ..theme import Theme

WIDESCREEN = (12192000, 6858000)  # PowerPoint's Widescreen (13.333 × 7.5 in): p:sldSz without a type
STANDARD = (9144000, 6858000)  # PowerPoint's Standard 4:3 (10 × 7.5 in): type="screen4x3"
_CORE_NS = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
_APP_NS = ('xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"')
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def presentation_format(width: int, height: int) -> str:
    """What PowerPoint's File > Info calls the slide size."""
    ratio = width / height
    if abs(ratio - 16 / 9) < 0.01:
        return "Widescreen"
    if abs(ratio - 4 / 3) < 0.01:
        return "On-screen Show (4:3)"
    return "Custom"


def set_slide_size(prs, width: int, height: int) -> None:
    """p:sldSz as PowerPoint writes it: Widescreen has no type, Standard is screen4x3, others custom."""
    prs.slide_width, prs.slide_height = width, height
    size = prs.part._element.find(qn("p:sldSz"))
    if (width, height) == STANDARD:
        size.set("type", "screen4x3")
    elif "type" in size.attrib:
        del size.attrib["type"]


def list_notes_master(prs) -> None:
    """`p:notesMasterIdLst` naming the notes master (python-pptx relates it but does not list it)."""
    master = prs.part.notes_master_part  # created from python-pptx's default when missing
    root = prs.part._element
    existing = root.find(qn("p:notesMasterIdLst"))
    if existing is not None:
        root.remove(existing)
    rid = next(r.rId for r in prs.part.rels.values() if r.reltype == RT.NOTES_MASTER and r.target_part is master)
    lst = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(lst, qn("p:notesMasterId")).set(qn("r:id"), rid)
    root.find(qn("p:sldMasterIdLst")).addnext(lst)


def _part(prs, partname: str):
    return next((p for p in prs.part.package.iter_parts() if p.partname == partname), None)


def _stamp(date: datetime) -> str:
    if date.tzinfo is not None:
        date = date.astimezone(timezone.utc).replace(tzinfo=None)
    return date.replace(microsecond=0).isoformat() + "Z"


def core_xml(deck: Deck, date: datetime | None) -> str:
    """Title, subject, author (the trainers), language; deckgen named as the tool that last saved it."""
    dates = ""
    if date is not None:
        dates = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{_stamp(date)}</dcterms:created>'
                 f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_stamp(date)}</dcterms:modified>')
    return (f"{_XML_HEAD}<cp:coreProperties {_CORE_NS}><dc:title>{escape(deck.title)}</dc:title>"
            f"<dc:subject>{escape(deck.subject)}</dc:subject><dc:creator>{escape(deck.author or 'deckgen')}"
            f"</dc:creator><dc:description>{escape(f'Made with deckgen from {deck.name}')}</dc:description>"
            f"<cp:lastModifiedBy>deckgen</cp:lastModifiedBy><cp:revision>1</cp:revision>{dates}"
            f"<dc:language>{escape(deck.language)}</dc:language></cp:coreProperties>")


def app_xml(deck: Deck, theme_name: str, fonts: list[str]) -> str:
    """docProps/app.xml as PowerPoint writes it: counts, format, and the titles of the parts (fonts used, the
    theme's name, every slide's title) that File > Info and the Finder/Explorer details show."""
    titles = [s.title.replace("\n", " ") for s in deck.slides]
    parts = [*fonts, theme_name, *titles]
    pairs = [("Fonts Used", len(fonts)), ("Theme", 1), ("Slide Titles", len(titles))]
    pairs = [(k, n) for k, n in pairs if n]
    heading = "".join(f"<vt:variant><vt:lpstr>{k}</vt:lpstr></vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant>"
                      for k, n in pairs)
    lpstrs = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in parts)
    words = sum(len(s.title.split()) for s in deck.slides)
    return (f"{_XML_HEAD}<Properties {_APP_NS}><TotalTime>0</TotalTime><Words>{words}</Words>"
            f"<Application>deckgen</Application>"
            f"<PresentationFormat>{presentation_format(deck.width, deck.height)}</PresentationFormat>"
            f"<Paragraphs>{len(titles)}</Paragraphs><Slides>{len(deck.slides)}</Slides>"
            f"<Notes>{sum(1 for s in deck.slides if s.notes)}</Notes><HiddenSlides>0</HiddenSlides>"
            f"<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
            f'<HeadingPairs><vt:vector size="{2 * len(pairs)}" baseType="variant">{heading}</vt:vector>'
            f'</HeadingPairs><TitlesOfParts><vt:vector size="{len(parts)}" baseType="lpstr">{lpstrs}</vt:vector>'
            f"</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>")


def theme_name(prs) -> str:
    from .base import theme_part
    root = etree.fromstring(theme_part(prs).blob)
    return root.get("name") or "Office Theme"


def set_properties(prs, deck: Deck, theme: Theme, date: datetime | None) -> None:
    """core.xml, app.xml and the thumbnail, from the deck (never the starting template's)."""
    core = _part(prs, "/docProps/core.xml")
    if core is not None:
        core._element = parse_xml(core_xml(deck, date).encode("utf-8"))
    fonts = list(dict.fromkeys([theme.fonts["heading"].latin, theme.fonts["heading"].ea,
                                theme.fonts["body"].latin, theme.fonts["body"].ea]))
    xml = app_xml(deck, theme_name(prs), fonts).encode("utf-8")
    app = _part(prs, "/docProps/app.xml")
    if app is None:
        app = Part(PackURI("/docProps/app.xml"),
                   "application/vnd.openxmlformats-officedocument.extended-properties+xml", prs.part.package, xml)
        prs.part.package.relate_to(app, RT.EXTENDED_PROPERTIES)
    app._blob = xml
    set_thumbnail(prs, deck)


def set_thumbnail(prs, deck: Deck) -> None:
    """docProps/thumbnail.jpeg: the cover (the first slide) drawn from the plan."""
    from .thumbnail import cover_thumbnail
    data = cover_thumbnail(deck)
    part = _part(prs, "/docProps/thumbnail.jpeg")
    if part is None:
        part = Part(PackURI("/docProps/thumbnail.jpeg"), "image/jpeg", prs.part.package, data)
        prs.part.package.relate_to(part, RT.THUMBNAIL)
    part._blob = data


__all__ = ["set_slide_size", "list_notes_master", "set_properties", "core_xml", "app_xml", "presentation_format",
           "WIDESCREEN", "STANDARD"]
