#!/usr/bin/env python3
"""Write docs/diagrams.md and its pictures from a real build of decks/diagram-gallery.

    python scripts/make_diagram_docs.py [--dpi 80]

Builds the gallery with deckgen, converts the deck to PDF with LibreOffice (soffice), renders each
framework slide with pdftoppm and stores two PNGs per diagram kind in docs/images/diagrams/
(<kind>-few.png, <kind>-many.png; palette PNGs of at most 120 KB). The page lists every kind with
what it draws (the drawing module's docstring), its fields and item counts (from the outline schema),
the YAML of both gallery slides and their pictures. Needs soffice and pdftoppm (see .ci/run).
"""
from __future__ import annotations

import argparse
import inspect
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deckgen.commands.build import build  # noqa: E402
from deckgen.diagrams import DIAGRAMS  # noqa: E402
from deckgen.outline import DIAGRAM_FIELDS, load_course  # noqa: E402

GALLERY = ROOT / "decks" / "diagram-gallery"
DOC = ROOT / "docs" / "diagrams.md"
IMAGES = ROOT / "docs" / "images" / "diagrams"
MAX_BYTES = 120_000


def framework_sections(course):
    """(section, the section's YAML text) for every framework section, in deck order."""
    out = []
    for module in course.modules:
        lines = module.path.read_text(encoding="utf-8").splitlines()
        starts = [s.loc.line for s in module.sections] + [len(lines) + 1]
        for section, start, end in zip(module.sections, starts, starts[1:]):
            if section.kind != "framework":
                continue
            text = [ln for ln in lines[start - 1:end - 1] if ln.strip() and not ln.lstrip().startswith("notes:")]
            out.append((section, textwrap.dedent("\n".join(text))))
    return out


def diagram_slides(pptx: Path) -> list[int]:
    """1-based numbers of the slides holding a diagram group, in order."""
    from pptx import Presentation
    numbers = []
    for n, slide in enumerate(Presentation(str(pptx)).slides, start=1):
        if any(shape.name.startswith("Diagram:") for shape in slide.shapes):
            numbers.append(n)
    return numbers


def render(pptx: Path, pages: list[int], work: Path, dpi: int) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        sys.exit("make_diagram_docs: needs soffice (libreoffice-impress) and pdftoppm (poppler-utils)")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(work), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    pdf = work / f"{pptx.stem}.pdf"
    out = []
    for page in pages:
        stem = work / f"page-{page}"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        str(pdf), str(stem)], check=True, timeout=120)
        out.append(stem.with_suffix(".png"))
    return out


def save_small(src: Path, dest: Path) -> int:
    """A palette PNG of at most MAX_BYTES: fewer colours, then a smaller picture, until it fits."""
    from PIL import Image
    image = Image.open(src).convert("RGB")
    for colours, scale in ((128, 1.0), (64, 1.0), (48, 0.9), (32, 0.8), (32, 0.65)):
        im = image if scale == 1.0 else image.resize((int(image.width * scale), int(image.height * scale)),
                                                     Image.LANCZOS)
        im.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            dest, optimize=True)
        if dest.stat().st_size <= MAX_BYTES:
            break
    return dest.stat().st_size


def field_rows(kind: str) -> list[str]:
    rows = []
    for f in DIAGRAM_FIELDS[kind]:
        t = f.type
        count = ""
        if getattr(t, "max_items", None) is not None:
            lo, hi = t.min_items, t.max_items
            count = f"{lo}" if lo == hi else f"{lo}–{hi}"
        need = "required" if f.required else "optional"
        rows.append(f"| `{f.name}` | {need} | {count} | {f.doc} |")
    return rows


def page(entries: dict[str, list[tuple]]) -> str:
    out = [
        "# Diagrams",
        "",
        "A `framework` section draws its model as a native, editable PowerPoint diagram: autoshapes,",
        "connectors and tables, grouped and named (`Pyramid level 2`, `Process step 3`, `Hub centre`…),",
        "filled from the theme's colour slots (accents, primary, panel) so that a theme change in",
        "PowerPoint's Design tab recolours them, with every label fitted by the same measured text fitting as",
        "the rest of the slide (phrase-aware line breaks for Chinese, one size for sibling labels, never",
        "below 12 pt). A label that cannot fit, or a count the kind cannot lay out, is an error naming the",
        "YAML line. An item is a text or `{label: …, text: …}`; where a kind shows descriptions is said below.",
        "",
        "Every picture here comes from a real build of `decks/diagram-gallery` (rendered by LibreOffice):",
        "each kind twice, with a few short labels and with the most items it takes and long labels.",
        "Regenerate this page and its pictures with `python scripts/make_diagram_docs.py`.",
        "",
        "| kind | what it draws |",
        "| --- | --- |",
    ]
    for kind in entries:
        first = inspect.getdoc(inspect.getmodule(DIAGRAMS[kind])).split("\n\n")[0].replace("\n", " ")
        out.append(f"| [`{kind}`](#{kind}) | {first.split(': ', 1)[-1]} |")
    for kind, shots in entries.items():
        doc = inspect.getdoc(inspect.getmodule(DIAGRAMS[kind])).replace("\n", " ").replace("  ", " ")
        out += ["", f"## {kind}", "", doc, "", "| field | | items | meaning |", "| --- | --- | --- | --- |"]
        out += field_rows(kind)
        for variant, (section, yaml_text, image) in zip(("A few short labels", "The most items, long labels"),
                                                         shots):
            out += ["", f"**{variant}** — {section.title}", "", "```yaml", yaml_text, "```", "",
                    f"![{kind}: {section.title}](images/diagrams/{image})"]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", type=int, default=80, help="pdftoppm resolution (default 80)")
    args = parser.parse_args()
    course, diags = load_course(GALLERY)
    diags.raise_if_errors()
    sections = framework_sections(course)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result = build(GALLERY, work / "out")
        pptx = result.written[0].path
        numbers = diagram_slides(pptx)
        assert len(numbers) == len(sections), "every framework section makes one diagram slide"
        pngs = render(pptx, numbers, work, args.dpi)
        IMAGES.mkdir(parents=True, exist_ok=True)
        for old in IMAGES.glob("*.png"):
            old.unlink()
        entries: dict[str, list[tuple]] = {kind: [] for kind in DIAGRAM_FIELDS}
        for (section, yaml_text), png in zip(sections, pngs):
            kind = section.diagram.kind
            name = f"{kind}-{'few' if not entries[kind] else 'many'}.png"
            size = save_small(png, IMAGES / name)
            entries[kind].append((section, yaml_text, name))
            print(f"docs/images/diagrams/{name}: {size // 1000} KB")
    missing = [k for k, v in entries.items() if not v]
    if missing:
        sys.exit(f"make_diagram_docs: the gallery has no slide for {', '.join(missing)}")
    DOC.write_text(page(entries), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
