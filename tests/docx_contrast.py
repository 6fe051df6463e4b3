"""The tests' own reading of a Word document's text colours, as Word resolves them: each run's colour, size
and boldness (the run, its character style, its paragraph style and the styles that one is based on, the
document defaults), against what lies behind it (the run's or paragraph's shading, else its table cell's
shading, else white paper).

`failures(path)` lists every run below WCAG AA (4.5:1, or 3:1 for text of 18 pt or 14 pt bold), in the
body, headers and footers; an empty list is a document every word of which reads on paper.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from deckgen.theme import contrast

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PAPER = "FFFFFF"
AUTO = "000000"  # Word's automatic text colour on light paper and light fills


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el) -> str | None:
    return None if el is None else el.get(_w("val"))


def _on(el) -> bool | None:
    """A toggle property (w:b): None when absent."""
    if el is None:
        return None
    return el.get(_w("val"), "true").lower() not in ("0", "false", "off")


class Styles:
    def __init__(self, root):
        self.by_id = {s.get(_w("styleId")): s for s in root.iter(_w("style"))}
        self.default_para = next((s.get(_w("styleId")) for s in root.iter(_w("style"))
                                  if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true")),
                                 "Normal")
        self.defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")

    def chain(self, style_id: str | None):
        """The rPr of a style and of each style it is based on, nearest first."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            rpr = style.find(_w("rPr"))
            if rpr is not None:
                yield rpr
            style_id = _val(style.find(_w("basedOn")))


def _first(rprs, tag: str):
    for rpr in rprs:
        if rpr is None:
            continue
        el = rpr.find(_w(tag))
        if el is not None:
            return el
    return None


def _fill(shd) -> str | None:
    if shd is None:
        return None
    fill = shd.get(_w("fill"))
    return None if fill in (None, "auto") else fill.upper()


def runs(path: Path | str):
    """(text, colour, ground, size in pt, bold, where) for every run holding visible text."""
    with zipfile.ZipFile(path) as z:
        styles = Styles(etree.fromstring(z.read("word/styles.xml")))
        parts = sorted(n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n))
        roots = [(n, etree.fromstring(z.read(n))) for n in parts]
    for name, root in roots:
        for p in root.iter(_w("p")):
            ppr = p.find(_w("pPr"))
            pstyle = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
            para_shd = _fill(ppr.find(_w("shd"))) if ppr is not None else None
            tc = next(p.iterancestors(_w("tc")), None)
            cell_shd = _fill(tc.find(f"{_w('tcPr')}/{_w('shd')}")) if tc is not None else None
            for r in p.iter(_w("r")):
                text = "".join(t.text or "" for t in r.iter(_w("t"))).strip()
                if not text:
                    continue
                rpr = r.find(_w("rPr"))
                rstyle = _val(rpr.find(_w("rStyle"))) if rpr is not None else None
                chain = [rpr, *styles.chain(rstyle), *styles.chain(pstyle or styles.default_para), styles.defaults]
                colour_el = _first(chain, "color")
                if colour_el is not None and colour_el.get(_w("themeColor")):
                    colour = "theme:" + colour_el.get(_w("themeColor"))  # Word would use the theme's colour
                else:
                    colour = _val(colour_el)
                    colour = AUTO if colour in (None, "auto") else colour.upper()
                size_el = _first(chain, "sz")
                size = int(_val(size_el)) / 2 if size_el is not None else 10.0
                bold = bool(_on(_first(chain, "b")))
                ground = _fill(rpr.find(_w("shd"))) if rpr is not None else None
                ground = ground or para_shd or cell_shd or PAPER
                yield text, colour, ground, size, bold, name


def minimum(size: float, bold: bool) -> float:
    return 3.0 if size >= 18 or (bold and size >= 14) else 4.5


def failures(path: Path | str) -> list[str]:
    out = []
    for text, colour, ground, size, bold, part in runs(path):
        if colour.startswith("theme:"):
            out.append(f"{part}: {text[:30]!r} takes a theme colour ({colour}), not the print palette")
            continue
        ratio = contrast("#" + colour, "#" + ground)
        need = minimum(size, bold)
        if ratio < need:
            out.append(f"{part}: {text[:30]!r} #{colour} on #{ground} is {ratio:.2f}:1 "
                       f"({size:g} pt{' bold' if bold else ''}, needs {need:g}:1)")
    return out
