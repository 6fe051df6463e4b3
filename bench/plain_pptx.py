"""The synthetic course through a straightforward python-pptx script, for comparison with deckgen.

One slide per module divider and per section (title, a text box with the points, speaker notes), plus a
cover, an agenda and a closing slide: the same slides, text and notes deckgen makes of the course, with
none of its layout work. `python bench/plain_pptx.py COURSE OUT.pptx`
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml
from pptx import Presentation
from pptx.util import Inches


def slides_of(course: Path) -> list[tuple[str, list[str], str]]:
    """(title, points, notes) for every slide, in order."""
    meta = yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))
    out = [(meta["title"], [], ""), ("Agenda", [], "")]
    for day in meta["days"]:
        for name in day["modules"]:
            module = yaml.safe_load((course / name).read_text(encoding="utf-8"))
            out.append((module["title"], [], module.get("notes") or ""))
            for section in module["sections"]:
                points = [p if isinstance(p, str) else p["text"] for p in section.get("points") or []]
                out.append((section["title"], points, section.get("notes") or ""))
    out.append(("Thank you", [], ""))
    return out


def build(course: Path, target: Path) -> int:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = prs.slide_layouts[5]  # Title Only
    slides = slides_of(course)
    for title, points, notes in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        if points:
            slide.shapes.add_textbox(Inches(0.8), Inches(1.6), Inches(11.5), Inches(5)).text_frame.text = \
                "\n".join(points)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    prs.save(target)
    return len(slides)


if __name__ == "__main__":
    n = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]} ({n} slides)")
