"""Draws the sample course's picture with Pillow (no borrowed photos): run it to remake img/*."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent / "img"


def service_bay(w: int = 1800, h: int = 1200) -> Image.Image:
    """A car service shop: three lit bays under a sign band, a car on a lift in the middle one."""
    im = Image.new("RGB", (w, h), (214, 226, 238))
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(h * 0.8), w, h], fill=(92, 96, 104))  # forecourt
    d.rectangle([int(w * 0.06), int(h * 0.2), int(w * 0.94), int(h * 0.8)], fill=(240, 240, 236))  # building
    d.rectangle([int(w * 0.06), int(h * 0.2), int(w * 0.94), int(h * 0.32)], fill=(27, 111, 138))  # sign band
    for k in range(8):  # sign lettering, as blocks
        x = int(w * 0.12) + k * int(w * 0.095)
        d.rectangle([x, int(h * 0.235), x + int(w * 0.06), int(h * 0.285)], fill=(255, 255, 255))
    bay_w = int(w * 0.26)
    for k in range(3):
        x0 = int(w * 0.1) + k * (bay_w + int(w * 0.03))
        d.rectangle([x0, int(h * 0.38), x0 + bay_w, int(h * 0.8)], fill=(255, 236, 190))
        for j in range(6):  # roller door slats
            y = int(h * 0.38) + j * int(h * 0.025)
            d.line([x0, y, x0 + bay_w, y], fill=(200, 186, 150), width=4)
    cx = int(w * 0.1) + bay_w + int(w * 0.03)
    d.rectangle([cx + 40, int(h * 0.66), cx + bay_w - 40, int(h * 0.68)], fill=(120, 120, 120))  # lift
    d.rounded_rectangle([cx + 50, int(h * 0.54), cx + bay_w - 50, int(h * 0.64)], radius=30, fill=(194, 69, 61))
    d.polygon([(cx + 110, int(h * 0.54)), (cx + 160, int(h * 0.47)), (cx + bay_w - 160, int(h * 0.47)),
               (cx + bay_w - 110, int(h * 0.54))], fill=(194, 69, 61))
    for wx in (cx + 110, cx + bay_w - 170):
        d.ellipse([wx, int(h * 0.61), wx + 60, int(h * 0.66)], fill=(30, 30, 30))
    return im


def main() -> None:
    HERE.mkdir(exist_ok=True)
    service_bay().save(HERE / "service-bay.jpg", quality=86)


if __name__ == "__main__":
    main()
