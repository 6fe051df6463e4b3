"""Word documents' package details: real dates and counts, settings valid against the schema, pictures that
stay inside their table cells."""
from __future__ import annotations

import os
import zipfile
from datetime import datetime, timezone

from docx.shared import Cm
from lxml import etree
from PIL import Image

from deckgen.docx_util import DocWriter, cell_room, document_date, set_col_widths
from deckgen.theme import resolve_theme

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
      "dcterms": "http://purl.org/dc/terms/", "dc": "http://purl.org/dc/elements/1.1/",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
WHEN = datetime(2025, 11, 3, 8, 30, tzinfo=timezone.utc)


def writer(language="zh-CN", date=WHEN) -> DocWriter:
    theme, _ = resolve_theme("default")
    return DocWriter(theme, language, title="销售管理 · Guide", author="王明", subject="s", footer="f",
                     date=date)


def saved(doc: DocWriter, tmp_path) -> zipfile.ZipFile:
    return zipfile.ZipFile(doc.save(tmp_path / "out.docx"))


def test_dates_are_the_documents_not_the_templates(tmp_path):
    z = saved(writer(), tmp_path)
    core = etree.fromstring(z.read("docProps/core.xml"))
    assert core.findtext("dcterms:created", namespaces=NS) == "2025-11-03T08:30:00Z"
    assert core.findtext("dcterms:modified", namespaces=NS) == "2025-11-03T08:30:00Z"
    assert "python-docx" not in z.read("docProps/core.xml").decode()
    undated = etree.fromstring(saved(writer(date=None), tmp_path).read("docProps/core.xml"))
    assert undated.find("dcterms:created", NS) is None  # no date rather than 2013's


def test_counts_are_this_documents_counted_as_word_counts(tmp_path):
    doc = writer("en")
    doc.para("Three plain words")
    doc.para("销售管理 and two")  # four CJK characters are four words
    app = etree.fromstring(saved(doc, tmp_path).read("docProps/app.xml"))
    assert app.findtext("ep:Words", namespaces=NS) == str(3 + 4 + 2)
    assert app.findtext("ep:Application", namespaces=NS) == "deckgen"
    assert app.find("ep:Pages", NS) is None  # Word fills pages in; "1" would be wrong for most documents
    assert int(app.findtext("ep:Characters", namespaces=NS)) == len("Threeplainwords") + len("销售管理andtwo")


def test_zoom_has_its_required_percent(tmp_path):
    settings = etree.fromstring(saved(writer(), tmp_path).read("word/settings.xml"))
    zoom = settings.find("w:zoom", NS)
    assert zoom.get(f"{{{W}}}percent") == "100"


def test_a_picture_wider_than_its_cell_is_fitted_inside_it(tmp_path):
    doc = writer()
    image = tmp_path / "slide.png"
    Image.new("RGB", (320, 180), (30, 60, 90)).save(image)
    t = doc.doc.add_table(rows=1, cols=2)
    set_col_widths(t, [Cm(6.4), Cm(10)])
    cell = t.rows[0].cells[0]
    doc.picture(cell.paragraphs[0], image, Cm(6.4))  # as wide as the cell: it would overflow its margins
    doc.picture(doc.doc.add_paragraph(), image, Cm(12))  # outside a table: as asked
    body = etree.fromstring(saved(doc, tmp_path).read("word/document.xml"))
    extents = [int(e.get("cx")) for e in body.iter(f"{{{NS['wp']}}}extent")]
    inside = (Cm(6.4).twips - 2 * 108) * 635 - 6350  # the cell less Word's default margins and the border
    assert extents == [inside, int(Cm(12))]
    assert cell_room(cell.paragraphs[0]._p) == inside + 6350


def test_document_date_is_source_date_epoch_or_the_newest_input(tmp_path, monkeypatch):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("x")
    b.write_text("y")
    os.utime(a, (1_700_000_000, 1_700_000_000))
    os.utime(b, (1_700_000_500, 1_700_000_500))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_date([a, b]) == datetime.fromtimestamp(1_700_000_500, timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert document_date([a, b]) == datetime.fromtimestamp(1_600_000_000, timezone.utc)


def test_the_same_inputs_give_the_same_bytes(tmp_path):
    one = writer()
    one.para("同样的内容")
    two = writer()
    two.para("同样的内容")
    assert one.save(tmp_path / "1.docx").read_bytes() == two.save(tmp_path / "2.docx").read_bytes()
