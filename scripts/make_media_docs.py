"""Build the media gallery (decks/media-gallery) and write docs/images/media/*.png, the pictures
docs/slides.md shows for each picture, table, chart and link layout, from a real LibreOffice render.

Usage: python scripts/make_media_docs.py   (needs LibreOffice, poppler-utils and ImageMagick)
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "pptx_check.py"
OUT = ROOT / "docs" / "images" / "media"
WIDTH = 800
# docs image name -> the start of the gallery slide's title
SLIDES = {
    "picture-right": "Picture right", "picture-left-cover": "Picture left", "picture-full": "Full picture",
    "picture-background": "Background picture", "pictures-row": "Three pictures", "case-photo": "Case with a photo",
    "links-qr": "Links in points", "exercise-video": "Exercise with a video", "table": "A table under",
    "table-continued": "A long table from a CSV file (cont.)", "chart-column": "Column chart",
    "chart-line": "Line chart", "chart-bar": "Bar chart", "chart-pie": "Pie chart", "chart-doughnut": "Doughnut",
    "chart-stacked": "Stacked columns",
}


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from pptx import Presentation

    from deckgen.commands.build import build
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        deck = build(ROOT / "decks" / "media-gallery", Path(tmp) / "out").written[0].path
        render = Path(tmp) / "render"
        subprocess.run([sys.executable, str(CHECKER), "--render", str(render), str(deck)], check=True)
        titles = [s.shapes.title.text_frame.text.replace("\n", "") if s.shapes.title is not None else ""
                  for s in Presentation(str(deck)).slides]
        for name, start in SLIDES.items():
            number = next(i for i, t in enumerate(titles, start=1) if t.startswith(start))
            # the checker's PDF, rasterised sharper than its own 50 dpi thumbnails
            stem = Path(tmp) / name
            subprocess.run(["pdftoppm", "-r", "90", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                            str(render / deck.stem / f"{deck.stem}.pdf"), str(stem)], check=True)
            page = Image.open(f"{stem}.png").convert("RGB")
            page = page.resize((WIDTH, round(page.height * WIDTH / page.width)), Image.LANCZOS)
            page.save(OUT / f"{name}.png", optimize=True)
            print(f"wrote {(OUT / f'{name}.png').relative_to(ROOT)}")
        sheet = Image.open(render / deck.stem / "contact.png").convert("RGB")
        sheet = sheet.resize((1600, round(sheet.height * 1600 / sheet.width)), Image.LANCZOS)
        sheet.save(OUT / "contact.png", optimize=True)
        print(f"wrote {(OUT / 'contact.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
