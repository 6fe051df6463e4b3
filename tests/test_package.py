"""The package details strict readers check, read back from built decks: slide size and type, the notes
master list, slide numbers stored as numbers, app.xml and core.xml from the deck, the cover thumbnail."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from conftest import ROOT
from deckgen.render import render_deck
from deckgen.theme import BUILTIN_THEMES
from test_theme import plan_with, write_course, write_theme

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
      "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)


def built(root, theme="default", language="zh-CN", theme_root=ROOT):
    plan, resolved = plan_with(theme_root, theme, course=write_course(root, language=language))
    deck = plan.decks[0]
    data = render_deck(deck, resolved, date=WHEN)
    return deck, resolved, data, zipfile.ZipFile(io.BytesIO(data))


def xml(z, name):
    return etree.fromstring(z.read(name))


@pytest.mark.parametrize("theme", ["default", "midnight", "corporate", "acme-cofacilitator"])
def test_widescreen_is_powerpoints_exact_size_with_no_4_3_type(tmp_path, theme):
    _, _, _, z = built(tmp_path, theme)
    size = xml(z, "ppt/presentation.xml").find("p:sldSz", NS)
    assert (size.get("cx"), size.get("cy"), size.get("type")) == ("12192000", "6858000", None)


def test_a_4_3_theme_is_standard_size_and_says_so(tmp_path):
    write_theme(tmp_path, "square", 'slide: {size: "4:3"}\n')
    _, _, _, z = built(tmp_path, "square", theme_root=tmp_path)
    size = xml(z, "ppt/presentation.xml").find("p:sldSz", NS)
    assert (size.get("cx"), size.get("cy"), size.get("type")) == ("9144000", "6858000", "screen4x3")
    assert xml(z, "docProps/app.xml").findtext("ep:PresentationFormat", namespaces=NS) == "On-screen Show (4:3)"


def test_the_notes_master_is_listed_and_every_slide_has_notes(tmp_path):
    deck, _, data, z = built(tmp_path)
    pres = xml(z, "ppt/presentation.xml")
    ids = pres.findall("p:notesMasterIdLst/p:notesMasterId", NS)
    assert len(ids) == 1
    rels = {r.get("Id"): r for r in xml(z, "ppt/_rels/presentation.xml.rels")}
    target = rels[ids[0].get(f"{{{NS['r']}}}id")]
    assert target.get("Type").endswith("/notesMaster") and "ppt/" + target.get("Target") in z.namelist()
    # the schema's order: the notes master list right after the slide masters
    names = [etree.QName(el).localname for el in pres]
    assert names.index("notesMasterIdLst") == names.index("sldMasterIdLst") + 1
    prs = Presentation(io.BytesIO(data))
    assert all(s.has_notes_slide for s, p in zip(prs.slides, deck.slides) if p.notes)


def test_slide_number_fields_store_the_slides_number(tmp_path):
    deck, _, data, z = built(tmp_path)
    numbered = 0
    for number in range(1, len(deck.slides) + 1):
        root = xml(z, f"ppt/slides/slide{number}.xml")
        for fld in root.iter(f"{{{NS['a']}}}fld"):
            if fld.get("type") == "slidenum":
                assert fld.findtext("a:t", namespaces=NS) == str(number)
                numbered += 1
    assert numbered == len(deck.slides) - 1  # every slide but the cover


def test_app_xml_names_this_decks_theme_counts_and_slide_titles(tmp_path):
    deck, theme, _, z = built(tmp_path, "midnight")
    app = xml(z, "docProps/app.xml")
    assert app.findtext("ep:Application", namespaces=NS) == "deckgen"
    assert app.findtext("ep:PresentationFormat", namespaces=NS) == "Widescreen"
    assert app.findtext("ep:Slides", namespaces=NS) == str(len(deck.slides))
    assert app.findtext("ep:Notes", namespaces=NS) == str(sum(1 for s in deck.slides if s.notes))
    pairs = [v.findtext("vt:lpstr", namespaces=NS) or v.findtext("vt:i4", namespaces=NS)
             for v in app.find("ep:HeadingPairs/vt:vector", NS)]
    counts = dict(zip(pairs[::2], map(int, pairs[1::2])))
    assert counts["Theme"] == 1 and counts["Slide Titles"] == len(deck.slides)
    titles = [t.text for t in app.find("ep:TitlesOfParts/vt:vector", NS)]
    assert len(titles) == sum(counts.values())
    assert titles[-len(deck.slides):] == [s.title for s in deck.slides]
    assert titles[counts["Fonts Used"]] == "deckgen midnight"  # the theme's name, not "Office Theme"
    theme_xml = xml(z, "ppt/theme/theme1.xml")
    assert theme_xml.get("name") == "deckgen midnight"


def test_app_xml_names_a_corporate_templates_own_theme(tmp_path):
    _, _, _, z = built(tmp_path, "corporate")
    titles = [t.text for t in xml(z, "docProps/app.xml").find("ep:TitlesOfParts/vt:vector", NS)]
    template_theme = etree.fromstring(zipfile.ZipFile(BUILTIN_THEMES / "corporate" / "corporate-template.pptx")
                                      .read("ppt/theme/theme1.xml")).get("name")
    assert template_theme in titles and "Office Theme" not in titles


def test_core_xml_says_course_author_language_and_the_tool(tmp_path):
    deck, _, _, z = built(tmp_path, language="en")
    core = xml(z, "docProps/core.xml")
    assert core.findtext("dc:title", namespaces=NS) == deck.title
    assert core.findtext("dc:subject", namespaces=NS) == "从目标到过程"
    assert core.findtext("dc:creator", namespaces=NS) == "王明"
    assert core.findtext("dc:language", namespaces=NS) == "en"
    assert core.findtext("cp:lastModifiedBy", namespaces=NS) == "deckgen"
    assert "python-pptx" not in z.read("docProps/core.xml").decode()
    assert "deckgen" in core.findtext("dc:description", namespaces=NS)
    assert core.findtext("dcterms:created", namespaces=NS) == "2026-03-04T05:06:07Z"
    assert core.findtext("dcterms:modified", namespaces=NS) == "2026-03-04T05:06:07Z"


@pytest.mark.parametrize("theme", ["default", "midnight"])
def test_the_thumbnail_is_the_cover_in_the_decks_shape_and_colours(tmp_path, theme):
    deck, resolved, _, z = built(tmp_path, theme)
    rels = xml(z, "_rels/.rels")
    thumb = next(r.get("Target") for r in rels if r.get("Type").endswith("/thumbnail"))
    image = Image.open(io.BytesIO(z.read(thumb.lstrip("/"))))
    assert image.format == "JPEG" and image.size == (256, 144)
    # the cover's background colour fills most of the picture (not a blank white 4:3 page)
    cover = deck.slides[0]
    colour = tuple(int(cover.background.hex[i:i + 2], 16) for i in (1, 3, 5)) if cover.background else None
    colours = image.convert("RGB").getcolors(256 * 144)
    common = max(colours)[1]
    if colour is not None:
        assert max(abs(a - b) for a, b in zip(common, colour)) < 12
    assert len(colours) > 50  # text and shapes drawn on it


def test_the_same_deck_gives_the_same_thumbnail_and_bytes(tmp_path):
    _, _, data1, _ = built(tmp_path / "a")
    _, _, data2, _ = built(tmp_path / "b")
    assert data1 == data2
