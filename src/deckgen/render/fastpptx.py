"""Adding slides, notes and pictures to a python-pptx presentation at a flat cost per slide.

python-pptx does several things per new slide whose cost grows with the deck: `add_slide` finds the
next slide id with an XPath over every `p:sldId` and the next rId by scanning the presentation's
relationships (building a by-type index of all of them each time); `slide.notes_slide` walks the
whole package graph to find a free notes part name and looks the notes master up through the same
index; each picture walks the graph again to look for an identical image. A 1,000-slide deck with
notes spends most of its time in those scans.

`FastSlides` keeps the next ids, part names and rIds as counters (found once, from the package as the
starting presentation left it), prepares the notes slide once from the notes master, and creates
parts and relationships directly. Slide and notes XML arrive as text and stay text (`RawXmlPart`)
until something asks python-pptx for the element tree, so a slide costs one string join instead of a
parse and a serialisation. Everything it creates is what python-pptx itself would have created: same
part names, relationship types and content types, so `Presentation(...)` and PowerPoint read it back.
"""
from __future__ import annotations

import posixpath
from typing import Iterable
from xml.sax.saxutils import quoteattr

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, _Relationship
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.slide import NotesSlide

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
NSDECLS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
SLIDE_HEAD = f"{XML_DECLARATION}<p:sld {NSDECLS}><p:cSld>"
SP_TREE_HEAD = ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                "<p:grpSpPr/>")
SLIDE_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
_NOTES_MARK = "DECKGEN-NOTES-BODY"


class RawXmlPart:
    """Mixin for an XmlPart subclass whose XML is held as bytes until python-pptx asks for its tree.

    `blob` returns the bytes untouched (no parse, no serialisation); touching `_element` (any python-pptx
    API on the part) parses them once and from then on the tree is the truth, as in any XmlPart.
    """

    def __init__(self, partname: PackURI, content_type: str, package, xml: bytes | None = None):
        Part.__init__(self, partname, content_type, package)
        self._xml = xml
        self._tree = None

    @property
    def _element(self):
        if self._tree is None:
            self._tree = parse_xml(self._xml)
            self._xml = None
        return self._tree

    @_element.setter
    def _element(self, element) -> None:
        self._tree, self._xml = element, None

    @property
    def blob(self) -> bytes:
        if self._tree is None:
            return self._xml
        return serialize_part_xml(self._tree)

    def set_xml(self, xml: str | bytes) -> None:
        self._xml = xml.encode("utf-8") if isinstance(xml, str) else xml
        self._tree = None


class RawSlidePart(RawXmlPart, SlidePart):
    """A slide part made from text."""


class RawNotesSlidePart(RawXmlPart, NotesSlidePart):
    """A notes slide part made from text."""


class FastSlides:
    """Appends slides to `prs` with next ids and part names kept as counters.

    Create it once the starting presentation is complete (template slides, layouts and masters in place);
    from then on add slides only through it.
    """

    def __init__(self, prs):
        self.prs = prs
        self.part = prs.part  # the presentation part
        self.package = self.part.package
        self.sld_id_lst = self.part._element.get_or_add_sldIdLst()
        ids = [int(v) for v in self.sld_id_lst.xpath("./p:sldId/@id")]
        self.next_slide_id = max([255] + ids) + 1
        parts = list(self.package.iter_parts())  # the one walk of the package graph
        self.partnames = {str(p.partname) for p in parts}
        self.counters: dict[str, int] = {}
        self.image_numbers = {p.partname.idx for p in parts if str(p.partname).startswith("/ppt/media/image")}
        self.images_by_sha1 = {p.sha1: p for p in parts if isinstance(p, ImagePart)}
        self.images_by_path: dict[str, ImagePart] = {}
        self.rels = self.part.rels
        self.next_rid = len(self.rels) + 1
        self._notes: tuple | None = None

    # --- names and ids -----------------------------------------------------------------------------

    def _partname(self, template: str) -> PackURI:
        n = self.counters.get(template, 1)
        while template % n in self.partnames:
            n += 1
        self.counters[template] = n + 1
        name = template % n
        self.partnames.add(name)
        return PackURI(name)

    def _relate_from_presentation(self, target, reltype: str) -> str:
        rels = self.rels._rels  # the rId -> _Relationship dict behind python-pptx's mapping
        while f"rId{self.next_rid}" in rels:
            self.next_rid += 1
        rid = f"rId{self.next_rid}"
        self.next_rid += 1
        rels[rid] = _Relationship(self.rels._base_uri, rid, reltype, RTM.INTERNAL, target)
        return rid

    # --- slides ----------------------------------------------------------------------------------

    def new_slide(self, layout) -> RawSlidePart:
        """A new, empty slide part on `layout`, listed last in the presentation; give it XML with set_xml."""
        part = RawSlidePart(self._partname("/ppt/slides/slide%d.xml"), CT.PML_SLIDE, self.package)
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rid = self._relate_from_presentation(part, RT.SLIDE)
        etree.SubElement(self.sld_id_lst, qn("p:sldId"), {"id": str(self.next_slide_id), qn("r:id"): rid})
        self.next_slide_id += 1
        return part

    def image_rid(self, slide_part, path) -> str:
        """Relate `slide_part` to the picture at `path`, sharing one image part per distinct image."""
        key = str(path)
        image_part = self.images_by_path.get(key)
        if image_part is None:
            image_part = self.images_by_path[key] = self._image_part(Image.from_file(key))
        return slide_part.relate_to(image_part, RT.IMAGE)

    def blob_rid(self, slide_part, key, make) -> str:
        """Relate `slide_part` to a picture made in memory: `make()` gives (bytes, extension), called once per
        `key`; identical bytes share one image part."""
        image_part = self.images_by_path.get(key)
        if image_part is None:
            blob, ext = make()
            image_part = self.images_by_path[key] = self._image_part(Image.from_blob(blob, f"image.{ext}"))
        return slide_part.relate_to(image_part, RT.IMAGE)

    def _image_part(self, image) -> ImagePart:
        """The deck's part for `image`: an existing one with the same bytes, else a new media part."""
        image_part = self.images_by_sha1.get(image.sha1)
        if image_part is None:
            n = 1
            while n in self.image_numbers:
                n += 1
            self.image_numbers.add(n)
            partname = PackURI(f"/ppt/media/image{n}.{image.ext}")
            self.partnames.add(str(partname))
            image_part = ImagePart(partname, image.content_type, self.package, image.blob, image.filename)
            self.images_by_sha1[image.sha1] = image_part
        return image_part

    # --- notes -----------------------------------------------------------------------------------

    def _notes_template(self) -> tuple:
        """(notes master part, XML before the notes paragraphs, XML after them), made once.

        The notes slide is built exactly as python-pptx builds one (its `notes` template with the
        master's slide image, body and slide number placeholders cloned), with the body's paragraphs cut
        out so each slide's notes drop in as text.
        """
        if self._notes is None:
            master_part = self.part.notes_master_part  # created from python-pptx's default when missing
            self.partnames.update(str(p.partname) for p in (master_part, master_part.part_related_by(RT.THEME)))
            element = CT_NotesSlide.new()
            notes_slide = NotesSlide(element, None)
            notes_slide.clone_master_placeholders(master_part.notes_master)
            body = notes_slide.notes_placeholder
            if body is None:  # a notes master without a body placeholder: notes go nowhere visible
                raise ValueError("the notes master has no body placeholder for speaker notes")
            tx_body = body.text_frame._txBody
            for p in tx_body.findall(qn("a:p")):
                tx_body.remove(p)
            tx_body.append(etree.Comment(_NOTES_MARK))
            text = serialize_part_xml(element).decode("utf-8")
            head, _, tail = text.partition(f"<!--{_NOTES_MARK}-->")
            self._notes = (master_part, head, tail)
        return self._notes

    def add_notes(self, slide_part, paragraphs_xml: str) -> RawNotesSlidePart:
        """Give `slide_part` a notes slide whose notes body holds `paragraphs_xml` (`<a:p>` elements)."""
        master_part, head, tail = self._notes_template()
        part = RawNotesSlidePart(self._partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                                 self.package, (head + paragraphs_xml + tail).encode("utf-8"))
        part.relate_to(master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return part


def package_entries(prs) -> Iterable[tuple[str, bytes]]:
    """Every zip entry of `prs` as python-pptx would save it: content types, package rels, parts, part rels."""
    package = prs.part.package
    parts = list(package.iter_parts())
    yield "[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))
    yield "_rels/.rels", rels_xml(package._rels, "/")
    for part in parts:
        yield part.partname[1:], part.blob
        if part._rels:
            yield part.partname.rels_uri[1:], rels_xml(part._rels, part.partname.baseURI)


_RELS_HEAD = (XML_DECLARATION + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">')
_relative_dirs: dict[tuple[str, str], str] = {}


def rels_xml(rels, base_uri: str) -> bytes:
    """A part's .rels XML, as python-pptx writes it (relationships in numeric rId order), made as text.

    python-pptx builds an element per relationship and serialises the tree: for a deck of a thousand
    slides and notes that is half of what saving costs.
    """
    def order(rid: str):
        return (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)

    out = [_RELS_HEAD]
    for rid in sorted(rels.keys(), key=order):
        rel = rels[rid]
        if rel.is_external:
            target, mode = rel.target_ref, ' TargetMode="External"'
        else:
            target, mode = _relative_ref(rel.target_part.partname, base_uri), ""
        out.append(f"<Relationship Id={quoteattr(rid)} Type={quoteattr(rel.reltype)} Target={quoteattr(target)}"
                   f"{mode}/>")
    out.append("</Relationships>")
    return "".join(out).encode("utf-8")


def _relative_ref(partname: str, base_uri: str) -> str:
    """PackURI.relative_ref, with the relative folder computed once per (folder, base) pair."""
    if base_uri == "/":
        return partname[1:]
    folder, _, name = partname.rpartition("/")
    key = (folder, base_uri)
    rel = _relative_dirs.get(key)
    if rel is None:
        rel = _relative_dirs[key] = posixpath.relpath(folder or "/", base_uri)
    return name if rel == "." else f"{rel}/{name}"


__all__ = ["FastSlides", "RawSlidePart", "RawNotesSlidePart", "package_entries", "rels_xml", "SLIDE_HEAD",
           "SP_TREE_HEAD", "SLIDE_TAIL", "NSDECLS"]
