"""Build the sample course and write docs/images/day-N-contact.png from a real LibreOffice render.

Usage: python scripts/make_contact_sheets.py   (needs LibreOffice, poppler-utils and ImageMagick)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "pptx_check.py"
WIDTH = 1600


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from deckgen.commands.build import build
    with tempfile.TemporaryDirectory() as tmp:
        result = build(ROOT / "decks" / "b2b-sales-management", Path(tmp) / "out")
        for written in result.written:
            render = Path(tmp) / "render"
            subprocess.run([sys.executable, str(CHECKER), "--render", str(render), str(written.path)], check=True)
            sheet = Image.open(render / written.path.stem / "contact.png").convert("RGB")
            sheet = sheet.resize((WIDTH, round(sheet.height * WIDTH / sheet.width)), Image.LANCZOS)
            target = ROOT / "docs" / "images" / f"{written.path.stem}-contact.png"
            sheet.save(target, optimize=True)
            print(f"wrote {target.relative_to(ROOT)}")
            shutil.rmtree(render)
    return 0


if __name__ == "__main__":
    sys.exit(main())
