#!/usr/bin/env python3
"""Write docs/images/specimen-<theme>.png: six slides of each shipped theme's specimen, from a real build
rendered by LibreOffice (through the shared checker's --render, which keeps the PDF) and pdftoppm.

    python scripts/make_specimen_images.py            # every theme in themes/
    python scripts/make_specimen_images.py midnight   # just one

Needs LibreOffice (soffice) and poppler-utils (pdftoppm).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "pptx_check.py"
OUT = ROOT / "docs" / "images"
# Which slides the picture shows: (slide kind, which one of that kind), in reading order.
PICKS = [("cover", 0), ("agenda", 0), ("divider", 0), ("content", 1), ("case", 0), ("framework", 2)]
TILE = (640, 360)
GAP = 12


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from deckgen.commands.themes import build_specimen
    os.chdir(ROOT)
    names = argv or sorted(p.parent.name for p in (ROOT / "src" / "deckgen" / "themes").glob("*/theme.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            deck = Path(tmp) / f"specimen-{name}.pptx"
            result = build_specimen(name, deck)
            render = Path(tmp) / "render"
            subprocess.run([sys.executable, str(CHECKER), "--render", str(render), str(deck)], check=True)
            pdf = render / deck.stem / f"{deck.stem}.pdf"
            tiles = []
            for kind, nth in PICKS:
                page = [i for i, k in enumerate(result.slide_kinds) if k == kind][nth] + 1
                stem = Path(tmp) / f"{name}-{page}"
                subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page), "-singlefile",
                                str(pdf), str(stem)], check=True)
                tiles.append(Image.open(f"{stem}.png").convert("RGB").resize(TILE, Image.LANCZOS))
            cols, rows = 3, 2
            sheet = Image.new("RGB", (cols * TILE[0] + (cols + 1) * GAP, rows * TILE[1] + (rows + 1) * GAP),
                              (214, 218, 224))
            for i, tile in enumerate(tiles):
                r, c = divmod(i, cols)
                sheet.paste(tile, (GAP + c * (TILE[0] + GAP), GAP + r * (TILE[1] + GAP)))
            target = OUT / f"specimen-{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            sheet.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(target, optimize=True)
            print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
