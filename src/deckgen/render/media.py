"""Pictures (cropped, resampled, with alt text), native charts with their workbooks, QR codes and slide
background pictures, placed exactly as the plan says."""
from __future__ import annotations

import io
import re
import zipfile

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..plan import Chart, Colour, Picture, QrCode
from . import fragments

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DECORATIVE = fragments.DECORATIVE
SAVE_FORMATS = {"JPEG": ("jpeg", {"quality": 90, "optimize": True}), "PNG": ("png", {"optimize": True}),
                "GIF": ("gif", {}), "BMP": ("bmp", {}), "TIFF": ("tiff", {"compression": "tiff_deflate"})}
FIXED_XLSX_DATE = "2000-01-01T00:00:00Z"


def c_nv_pr(shape_id: int, name: str, alt: str = "", decorative: bool = False) -> str:
    """A shape's id, name, alt text (descr) and, for decoration, the decorative flag screen readers skip."""
    descr = f" descr={fragments.attr(alt)}" if alt and not decorative else ""
    if decorative:
        return f'<p:cNvPr id="{shape_id}" name={fragments.attr(name)}>{DECORATIVE}</p:cNvPr>'
    return f'<p:cNvPr id="{shape_id}" name={fragments.attr(name)}{descr}/>'


# --- pictures --------------------------------------------------------------------------------------

def picture_blob(path, pixels: tuple[int, int]) -> tuple[bytes, str]:
    """The picture turned upright (a photo's EXIF orientation applied to its pixels) and resampled to
    `pixels`, saved in its own format (a JPEG stays a JPEG) without the orientation tag."""
    from ..images import is_svg, shrunk_upright, svg_to_png
    from PIL import Image
    if is_svg(path):
        return svg_to_png(path, *pixels), "png"
    with Image.open(path) as im:
        fmt = im.format
        ext, options = SAVE_FORMATS.get(fmt, ("png", {"optimize": True}))
        transparent = "transparency" in im.info
        # resampled, then turned: the saved copy carries no EXIF, so no orientation tag to turn it again
        small = shrunk_upright(im, pixels)
        if fmt == "JPEG" and small.mode not in ("RGB", "L", "CMYK"):
            small = small.convert("RGB")
        if fmt == "GIF":
            small = small.convert("RGBA" if transparent else "RGB")
            ext = "png"
            options = {"optimize": True}
        out = io.BytesIO()
        small.save(out, format="PNG" if ext == "png" else fmt, **options)
    return out.getvalue(), ext


def upright_pixels(path) -> tuple[int, int] | None:
    """The size (as shown) of a picture whose stored pixels must be turned to be upright (a phone photo
    with an EXIF orientation); None for one that can go into the deck as it is."""
    from .. import images
    try:
        shown = images.inspect(path)
    except images.PictureError:  # changed since it was checked: embedded as it is, as before
        return None
    return (shown.width, shown.height) if shown.turned else None


def embeddable(path) -> str | io.BytesIO:
    """What python-pptx embeds for a picture shown whole (a theme background): the file itself, or its
    pixels turned upright when the file only says how to turn them."""
    pixels = upright_pixels(path)
    return str(path) if pixels is None else io.BytesIO(picture_blob(path, pixels)[0])


def picture_rid(w, p: Picture) -> str:
    pixels = p.pixels or upright_pixels(p.path)
    if pixels is None:
        return w.image_rid(p.path)
    return w.slides.blob_rid(w.part, ("picture", str(p.path), pixels), lambda: picture_blob(p.path, pixels))


def src_rect(crop: tuple[int, int, int, int]) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in zip("ltrb", crop) if v)
    return f"<a:srcRect{attrs}/>"


def place_picture(w, p: Picture, parent=None) -> None:
    rid = picture_rid(w, p)
    w.append(f'<p:pic {fragments.NS}><p:nvPicPr>{c_nv_pr(w.take_id(), p.name, p.alt, p.decorative)}<p:cNvPicPr>'
             f'<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill>'
             f'<a:blip r:embed="{rid}"/>{src_rect(p.crop)}<a:stretch><a:fillRect/></a:stretch></p:blipFill>'
             f'<p:spPr>{fragments.xfrm(p.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def background(w, p: Picture) -> str:
    """The slide's own background: the picture cropped to cover the slide."""
    rid = picture_rid(w, p)
    return (f'<p:bg><p:bgPr><a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="{rid}"/>{src_rect(p.crop)}'
            f"<a:stretch><a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>")


# --- QR codes --------------------------------------------------------------------------------------

def qr_blob(q: QrCode) -> tuple[bytes, str]:
    import segno
    code = segno.make(q.data, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=12, border=2, dark="#" + q.dark.hex.lstrip("#"),
              light="#" + q.light.hex.lstrip("#"))
    return out.getvalue(), "png"


def place_qr(w, q: QrCode, parent=None) -> None:
    rid = w.slides.blob_rid(w.part, ("qr", q.data, q.dark.hex, q.light.hex), lambda: qr_blob(q))
    w.append(f'<p:pic {fragments.NS}><p:nvPicPr>{c_nv_pr(w.take_id(), q.name, q.alt)}<p:cNvPicPr>'
             f'<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill>'
             f'<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
             f'<p:spPr>{fragments.xfrm(q.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


# --- charts ----------------------------------------------------------------------------------------

def _chart_type(kind: str):
    from pptx.enum.chart import XL_CHART_TYPE as T
    return {"bar": T.BAR_CLUSTERED, "column": T.COLUMN_CLUSTERED, "line": T.LINE_MARKERS, "pie": T.PIE,
            "doughnut": T.DOUGHNUT, "stacked": T.COLUMN_STACKED}[kind]


def _set_colour(colour_format, c: Colour) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR as M
    slots = {"tx1": M.TEXT_1, "bg1": M.BACKGROUND_1, "tx2": M.TEXT_2, "bg2": M.BACKGROUND_2,
             **{f"accent{i}": getattr(M, f"ACCENT_{i}") for i in range(1, 7)}}
    if c.slot in slots:
        colour_format.theme_color = slots[c.slot]
        if c.lum_mod is not None:  # a shade of the theme colour (legibility.shade): lumMod, lumOff
            colour_format.brightness = c.lum_off if c.lum_off else c.lum_mod - 1
    else:
        colour_format.rgb = RGBColor.from_string(c.hex.lstrip("#").upper())


def _fill(fmt, c: Colour) -> None:
    fmt.fill.solid()
    _set_colour(fmt.fill.fore_color, c)


def _set_font(font, ch: Chart, size: float | None = None, bold: bool = False, colour: Colour | None = None) -> None:
    """Latin and East Asian typefaces both: a chart's Chinese labels must not fall back to a Latin font."""
    from lxml import etree
    from pptx.util import Pt
    font.size = Pt(size or ch.size)
    font.bold = bold
    font.name = ch.latin
    _set_colour(font.color, colour or ch.text)
    rpr = font._rPr
    rpr.set("lang", ch.lang)
    ea = rpr.find(f"{{{A}}}ea")
    if ea is None:
        ea = etree.SubElement(rpr, f"{{{A}}}ea")
        latin = rpr.find(f"{{{A}}}latin")
        if latin is not None:  # schema order: latin, ea, cs
            latin.addnext(ea)
    ea.set("typeface", ch.ea)


def _inside_labels(plot, ch: Chart) -> None:
    """Data labels set inside the bars (stacked: each series' own labels) or on the slices (doughnut: each
    point's), bold, in the colour chosen for their fill (plan.Chart.label_colours)."""
    if not ch.label_colours:
        return
    if ch.kind == "stacked":
        for series, colour in zip(plot.series, ch.label_colours):
            labels = series.data_labels  # a series' own dLbls replace the plot's: say everything again
            labels.number_format = ch.number_format
            labels.number_format_is_linked = False
            labels.show_value = True
            _set_font(labels.font, ch, bold=True, colour=colour)
    else:
        for series in plot.series:
            for j, colour in enumerate(ch.label_colours[:len(ch.categories)]):
                label = series.points[j].data_label
                _set_font(label.font, ch, bold=True, colour=colour)


def reproducible_xlsx(blob: bytes) -> bytes:
    """The chart's workbook with fixed dates, so the same deck gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_XLSX_DATE.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    return out.getvalue()


def chart_part(package, ch: Chart):
    """A chart part (and its embedded workbook: the data stays editable in PowerPoint) styled from the plan."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.oxml.ns import qn
    from pptx.parts.chart import ChartPart
    from pptx.util import Pt
    data = CategoryChartData(number_format=ch.number_format)
    data.categories = list(ch.categories)
    for s in ch.series:
        data.add_series(s.name, list(s.values))
    chart_type = _chart_type(ch.kind)
    part = ChartPart.load(package.next_partname(ChartPart.partname_template), "application/vnd.openxmlformats-"
                          "officedocument.drawingml.chart+xml", package, data.xml_bytes(chart_type))
    part.chart_workbook.update_from_xlsx_blob(reproducible_xlsx(data.xlsx_blob))
    chart = part.chart
    _set_font(chart.font, ch)
    plot = chart.plots[0]
    round_kind = ch.kind in ("pie", "doughnut")
    if ch.kind in ("bar", "column", "stacked"):
        plot.gap_width = 60
        if ch.kind == "stacked":
            plot.overlap = 100
    if round_kind:
        plot.vary_by_categories = True
        for j, point in enumerate(plot.series[0].points):
            _fill(point.format, ch.point_colours[j % len(ch.point_colours)])
            _set_colour(point.format.line.color, ch.background)
        for series in list(plot.series)[1:]:
            for j, point in enumerate(series.points):
                _fill(point.format, ch.point_colours[j % len(ch.point_colours)])
    else:
        plot.vary_by_categories = False
        for series, spec in zip(plot.series, ch.series):
            if ch.kind == "line":
                series.format.line.width = Pt(2.5)
                _set_colour(series.format.line.color, spec.colour)
                series.smooth = False
                series.marker.size = 7
                _fill(series.marker.format, spec.colour)
                series.marker.format.line.fill.background()
            else:
                _fill(series.format, spec.colour)
    if ch.data_labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = ch.number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        _set_font(labels.font, ch)
        if ch.kind == "pie":
            from pptx.enum.chart import XL_LABEL_POSITION
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
        elif ch.kind in ("bar", "column"):
            from pptx.enum.chart import XL_LABEL_POSITION
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
        _inside_labels(plot, ch)
    chart.has_legend = ch.legend
    if ch.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        _set_font(chart.legend.font, ch)
    chart.has_title = False
    if not round_kind:
        categories, values = chart.category_axis, chart.value_axis
        _set_font(categories.tick_labels.font, ch)
        _set_font(values.tick_labels.font, ch)
        values.tick_labels.number_format = ch.number_format
        values.tick_labels.number_format_is_linked = False
        values.has_major_gridlines = True
        _set_colour(values.major_gridlines.format.line.color, ch.grid)
        values.major_gridlines.format.line.width = Pt(0.75)
        values.format.line.fill.background()
        _set_colour(categories.format.line.color, ch.grid)
        if ch.kind == "bar":
            categories.reverse_order = True  # the first category at the top, as it is read
    # no rounded frame corners (LibreOffice draws python-pptx's default frame otherwise)
    space = part._element
    rounded = space.find(qn("c:roundedCorners"))
    if rounded is None:
        from lxml import etree
        rounded = etree.Element(qn("c:roundedCorners"))
        space.insert(0, rounded) if space.find(qn("c:date1904")) is None else space.find(qn("c:date1904")).addnext(
            rounded)
    rounded.set("val", "0")
    return part


def place_chart(w, ch: Chart, parent=None) -> None:
    part = chart_part(w.part.package, ch)
    rid = w.part.relate_to(part, RT.CHART)
    w.append(f'<p:graphicFrame {fragments.NS}><p:nvGraphicFramePr>{c_nv_pr(w.take_id(), ch.name, ch.alt)}'
             f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
             f"</p:nvGraphicFramePr>{fragments.xfrm(ch.box, 'p:xfrm')}<a:graphic>"
             f'<a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="{rid}"/></a:graphicData></a:graphic>'
             f"</p:graphicFrame>")
