"""The tests' own deck validation: package structure, relationships, and every PresentationML/DrawingML part
against the ISO/IEC 29500 Transitional schemas kept in tests/ooxml-xsd (see SOURCES.txt there).

`problems(path)` returns a list of human-readable problems (empty for a valid deck); `assert_valid(path)`
fails a test with them. No network, no files outside this repository.
"""
from __future__ import annotations

import copy
import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

XSD_DIR = Path(__file__).resolve().parent / "ooxml-xsd"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_XML = "http://www.w3.org/XML/1998/namespace"
NS_EXT = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_PML = "application/vnd.openxmlformats-officedocument.presentationml."
ENTRY_POINTS = {NS_P: "pml.xsd", NS_A: "dml-main.xsd", NS_C: "dml-chart.xsd",
                NS_EXT: "shared-documentPropertiesExtended.xsd"}
# The parts a deck must have valid: content type -> root element.
ROOTS = {
    CT_PML + "slide+xml": f"{{{NS_P}}}sld",
    CT_PML + "slideLayout+xml": f"{{{NS_P}}}sldLayout",
    CT_PML + "slideMaster+xml": f"{{{NS_P}}}sldMaster",
    CT_PML + "notesSlide+xml": f"{{{NS_P}}}notes",
    CT_PML + "notesMaster+xml": f"{{{NS_P}}}notesMaster",
    CT_PML + "presentation.main+xml": f"{{{NS_P}}}presentation",
    "application/vnd.openxmlformats-officedocument.theme+xml": f"{{{NS_A}}}theme",
}


# Schema errors accepted, each with its reason. python-pptx's chart XML (copied from PowerPoint 2011 output)
# writes c:axId / c:crossAx as negative 32-bit numbers; the schema says unsignedInt, PowerPoint and
# LibreOffice read them as signed ids. Only such negative values at those two elements are accepted.
_NEGATIVE_AXIS_ID = re.compile(r"'(-\d+)' is not a valid value of the atomic type 'xs:unsignedInt'")


def _allowed(entry) -> bool:
    m = _NEGATIVE_AXIS_ID.search(entry.message)
    return bool(m) and re.search(r"/c:(axId|crossAx)(\[\d+\])?$", entry.path or "") is not None \
        and -2 ** 31 <= int(m.group(1)) < 0


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class _LocalOnly(etree.Resolver):
    """Every schemaLocation maps onto tests/ooxml-xsd; anything else is refused (never the network)."""

    def resolve(self, url, pubid, context):
        local = XSD_DIR / posixpath.basename(url)
        if local.is_file():
            return self.resolve_filename(str(local), context)
        raise etree.XMLSchemaParseError(f"refusing to load schema {url!r}: not in {XSD_DIR}")


@lru_cache(maxsize=1)
def schemas() -> tuple[etree.XMLSchema, etree.XMLSchema, etree.XMLSchema, frozenset[str]]:
    """(main schema, content types schema, relationships schema, namespaces the schemas define)."""
    parser = safe_parser()
    parser.resolvers.add(_LocalOnly())
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in ENTRY_POINTS.items())
    root = etree.fromstring(f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>',
                            parser, base_url=str(XSD_DIR / "_root.xsd"))
    main = etree.XMLSchema(etree.ElementTree(root))
    ct = etree.XMLSchema(etree.parse(str(XSD_DIR / "opc-contentTypes.xsd"), parser))
    rels = etree.XMLSchema(etree.parse(str(XSD_DIR / "opc-relationships.xsd"), parser))
    namespaces = {NS_XML}
    for xsd in XSD_DIR.glob("*.xsd"):
        tns = etree.parse(str(xsd), safe_parser()).getroot().get("targetNamespace")
        if tns:
            namespaces.add(tns)
    return main, ct, rels, frozenset(namespaces)


def markup_compatibility(root, understood: frozenset[str]):
    """ECMA-376 Part 3 processing, so extensions (p14:, a16:…) are judged as a conforming reader sees them:
    mc:AlternateContent resolved to its first understood Choice (else Fallback), ignorable namespaces the
    schemas do not define dropped."""
    ac_tag = f"{{{NS_MC}}}AlternateContent"
    while (ac := next(root.iter(ac_tag), None)) is not None:
        chosen = None
        for branch in ac:
            if branch.tag == f"{{{NS_MC}}}Choice":
                if all(branch.nsmap.get(p) in understood for p in (branch.get("Requires") or "").split()):
                    chosen = branch
                    break
            elif branch.tag == f"{{{NS_MC}}}Fallback":
                chosen = branch
                break
        parent = ac.getparent()
        at = parent.index(ac)
        parent.remove(ac)
        for i, kid in enumerate(list(chosen) if chosen is not None else []):
            parent.insert(at + i, kid)

    def walk(el, ignorable):
        declared = el.get(f"{{{NS_MC}}}Ignorable")
        if declared:
            ignorable = ignorable | {el.nsmap.get(p) for p in declared.split()}
        for name in list(el.attrib):
            if name.startswith("{"):
                ns = name[1:].split("}", 1)[0]
                if ns == NS_MC or (ns in ignorable and ns not in understood):
                    del el.attrib[name]
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            if etree.QName(child).namespace in ignorable and etree.QName(child).namespace not in understood:
                el.remove(child)
            else:
                walk(child, ignorable)

    walk(root, frozenset())
    return root


def problems(path: Path | str) -> list[str]:
    """Everything wrong with the deck at `path`; an empty list for a valid deck."""
    out: list[str] = []
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return [f"not a zip package: {exc}"]
    names = zf.namelist()
    if len(set(names)) != len(names):
        out.append("duplicate zip members")
    if zf.testzip() is not None:
        out.append(f"corrupt zip member {zf.testzip()}")
    main, ct_schema, rels_schema, understood = schemas()
    xml: dict[str, etree._Element] = {}
    for name in names:
        if name.endswith((".xml", ".rels")):
            data = zf.read(name)
            if b"<!DOCTYPE" in data:
                out.append(f"/{name}: holds a DTD")
                continue
            try:
                xml[name] = etree.fromstring(data, safe_parser())
            except etree.XMLSyntaxError as exc:
                out.append(f"/{name}: not well-formed XML: {exc}")
    types = xml.get("[Content_Types].xml")
    if types is None:
        return out + ["no [Content_Types].xml"]
    if not ct_schema.validate(types):
        out.append(f"[Content_Types].xml: {ct_schema.error_log.last_error}")
    overrides = {el.get("PartName"): el.get("ContentType") for el in types if el.get("PartName")}
    defaults = {el.get("Extension", "").lower(): el.get("ContentType") for el in types if el.get("Extension")}

    def content_type(name: str) -> str | None:
        return overrides.get("/" + name) or defaults.get(name.rsplit(".", 1)[-1].lower())

    for name in names:
        if not name.endswith("/") and content_type(name) is None and name != "[Content_Types].xml":
            out.append(f"/{name}: no content type")
    for name, root in xml.items():
        if name.endswith(".rels"):
            if not rels_schema.validate(root):
                out.append(f"/{name}: {rels_schema.error_log.last_error}")
            source_dir = posixpath.dirname(posixpath.dirname(name))
            for rel in root:
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(source_dir, rel.get("Target") or ""))
                if target.lstrip("/") not in names:
                    out.append(f"/{name}: relationship {rel.get('Id')} points at missing part /{target}")
            continue
        ct = content_type(name)
        expected_root = ROOTS.get(ct)
        if expected_root is not None and root.tag != expected_root:
            out.append(f"/{name}: root element {root.tag}, expected {expected_root}")
        if etree.QName(root).namespace not in ENTRY_POINTS:
            continue
        checked = markup_compatibility(copy.deepcopy(root), understood)
        if not main.validate(checked):
            for e in [e for e in main.error_log if not _allowed(e)][:5]:
                out.append(f"/{name}:{e.line}: {e.message}")
    for required in ("ppt/presentation.xml", "_rels/.rels"):
        if required not in names:
            out.append(f"missing part /{required}")
    try:
        from pptx import Presentation
        prs = Presentation(str(path))
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    shape.text_frame.text  # noqa: B018 (reading every text proves it parses)
    except Exception as exc:  # what python-pptx (PowerPoint's stand-in here) cannot open
        out.append(f"python-pptx cannot read it: {exc!r}")
    return out


def assert_valid(*paths) -> None:
    found = {str(p): problems(p) for p in paths}
    bad = {p: v for p, v in found.items() if v}
    assert not bad, "\n".join(f"{p}:\n  " + "\n  ".join(v[:20]) for p, v in bad.items())


__all__ = ["problems", "assert_valid", "schemas", "markup_compatibility"]


def office_round_trip(path: Path | str, work: Path) -> int:
    """Convert the deck to PDF with LibreOffice (deckgen.office) and return the page count, which must equal
    the slide count: LibreOffice opened every slide. Skips the test when LibreOffice is not installed."""
    import pytest
    from pptx import Presentation

    from deckgen import office
    if office.find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    pdf = Path(work) / (Path(path).stem + ".pdf")
    with office.Office() as session:
        session.convert(Path(path), pdf)
    pages = office.pdf_page_count(pdf)
    slides = len(Presentation(str(path)).slides)
    assert pages == slides, f"{path}: LibreOffice made {pages} pages of {slides} slides"
    return pages
