"""Draws the media gallery's pictures with Pillow (no borrowed photos): run it to remake img/*."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent / "img"


def gradient(w: int, h: int, top: tuple, bottom: tuple) -> Image.Image:
    im = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(im)
    for y in range(h):
        t = y / max(h - 1, 1)
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return im


def storefront(w: int = 2400, h: int = 1600) -> Image.Image:
    """A shop front at dusk: sky, building, windows, awning, door (a large JPEG: it is resampled)."""
    im = gradient(w, h, (46, 84, 150), (250, 196, 140))
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(h * 0.82), w, h], fill=(70, 70, 78))
    bx0, bx1, by0 = int(w * 0.12), int(w * 0.88), int(h * 0.25)
    d.rectangle([bx0, by0, bx1, int(h * 0.82)], fill=(232, 226, 214))
    d.rectangle([bx0 - 20, by0 - 40, bx1 + 20, by0], fill=(120, 60, 50))
    for i in range(12):  # awning stripes
        x0 = bx0 + i * (bx1 - bx0) // 12
        d.polygon([(x0, int(h * 0.40)), (x0 + (bx1 - bx0) // 12, int(h * 0.40)),
                   (x0 + (bx1 - bx0) // 12, int(h * 0.46)), (x0, int(h * 0.46))],
                  fill=(200, 40, 50) if i % 2 else (250, 250, 245))
    for k in range(3):
        x = bx0 + 80 + k * (bx1 - bx0 - 160) // 3
        d.rectangle([x, int(h * 0.5), x + (bx1 - bx0) // 4, int(h * 0.75)], fill=(255, 222, 140),
                    outline=(90, 70, 60), width=10)
    d.rectangle([int(w * 0.46), int(h * 0.5), int(w * 0.54), int(h * 0.82)], fill=(90, 60, 40))
    d.rectangle([bx0 + 60, by0 + 50, bx1 - 60, by0 + 190], fill=(40, 60, 110))
    return im


def portrait(w: int = 900, h: int = 1200) -> Image.Image:
    """A person at a desk, as simple shapes (a tall PNG)."""
    im = gradient(w, h, (220, 232, 240), (180, 200, 215))
    d = ImageDraw.Draw(im)
    d.ellipse([w * 0.35, h * 0.18, w * 0.65, h * 0.40], fill=(238, 200, 170))
    d.rounded_rectangle([w * 0.22, h * 0.40, w * 0.78, h * 0.80], radius=80, fill=(40, 80, 140))
    d.rectangle([0, h * 0.78, w, h], fill=(140, 100, 70))
    d.rectangle([w * 0.55, h * 0.66, w * 0.9, h * 0.78], fill=(60, 60, 60))
    return im


def form_screenshot(w: int = 1600, h: int = 1000) -> Image.Image:
    """A screenshot of an order form: title bar, labelled fields, a button (a PNG with sharp edges)."""
    im = Image.new("RGB", (w, h), (248, 249, 251))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, 90], fill=(31, 56, 100))
    for i in range(5):
        y = 150 + i * 150
        d.rectangle([80, y, 360, y + 30], fill=(180, 186, 196))
        d.rectangle([420, y - 10, w - 120, y + 60], fill=(255, 255, 255), outline=(170, 176, 186), width=3)
    d.rounded_rectangle([w - 420, h - 110, w - 120, h - 40], radius=20, fill=(0, 150, 110))
    return im


def panorama(w: int = 3000, h: int = 900) -> Image.Image:
    """A wide landscape: hills and a road (cropped to cover its box)."""
    im = gradient(w, h, (120, 180, 230), (230, 240, 250))
    d = ImageDraw.Draw(im)
    d.ellipse([-400, h * 0.5, w * 0.6, h * 1.6], fill=(90, 150, 90))
    d.ellipse([w * 0.4, h * 0.55, w * 1.4, h * 1.7], fill=(70, 130, 80))
    d.polygon([(w * 0.45, h), (w * 0.55, h), (w * 0.51, h * 0.6), (w * 0.5, h * 0.6)], fill=(90, 90, 95))
    d.ellipse([w * 0.8, h * 0.1, w * 0.86, h * 0.3], fill=(255, 230, 120))
    return im


def badge(w: int = 800) -> Image.Image:
    """A round product badge with transparency (a square PNG)."""
    im = Image.new("RGBA", (w, w), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([20, 20, w - 20, w - 20], fill=(0, 120, 190, 255))
    d.ellipse([120, 120, w - 120, w - 120], fill=(255, 255, 255, 255))
    d.regular_polygon((w / 2, w / 2, w * 0.25), 5, fill=(240, 170, 30, 255))
    return im


def main() -> None:
    HERE.mkdir(exist_ok=True)
    storefront().save(HERE / "store.jpg", quality=88)
    portrait().save(HERE / "trainer.png", optimize=True)
    form_screenshot().save(HERE / "order-form.png", optimize=True)
    panorama().save(HERE / "route.jpg", quality=88)
    badge().save(HERE / "badge.png", optimize=True)


if __name__ == "__main__":
    main()
