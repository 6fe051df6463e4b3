"""How closely the SVG renderer matches LibreOffice: every slide of the sample course and of the diagram
gallery drawn both ways at the same size (640 pixels across) and compared by structural similarity
(SSIM on grey levels, 7 × 7 windows) at a quarter of that size, where the two glyph rasterisers'
differences (hinting, antialiasing) fade but a line out of place, a missing element or a wrong colour do
not. Each slide's figure is printed in the test output; a slide below FLOOR fails, and so does a deck
whose mean is below MEAN_FLOOR. docs/preview.md has the figures and explains the thresholds."""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import ROOT, SAMPLE, working_directory
from deckgen.commands.build import plan
from deckgen.commands.preview import slide_images
from deckgen.office import Office, find_soffice, find_tool
from deckgen.render_svg import SvgRenderer
from deckgen.render_svg.raster import svg_to_png

WIDTH = 640  # pixels across a slide, both ways
SCALE = 4  # compared at 160 × 90: each pixel the mean of 4 × 4
FLOOR = 0.75  # no slide may be less similar than this (the debrief slide i13 added scores 0.77: see docs)
MEAN_FLOOR = 0.90  # nor a deck on average
WINDOW = 7

pytestmark = pytest.mark.skipif(find_soffice() is None or find_tool("pdftoppm") is None,
                                reason="needs LibreOffice and pdftoppm to render the reference images")


def grey(png: bytes | Path) -> np.ndarray:
    with Image.open(io.BytesIO(png) if isinstance(png, bytes) else png) as im:
        return np.asarray(im.convert("L"), dtype=np.float64)


def coarse(x: np.ndarray) -> np.ndarray:
    """The image at 1/SCALE of its size, each pixel the mean of SCALE × SCALE (a partial edge dropped)."""
    h, w = x.shape[0] // SCALE * SCALE, x.shape[1] // SCALE * SCALE
    return x[:h, :w].reshape(h // SCALE, SCALE, w // SCALE, SCALE).mean(axis=(1, 3))


def _window_mean(x: np.ndarray) -> np.ndarray:
    """The mean of every WINDOW × WINDOW window (an integral image: no SciPy needed)."""
    s = np.pad(x, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    k = WINDOW
    return (s[k:, k:] - s[:-k, k:] - s[k:, :-k] + s[:-k, :-k]) / (k * k)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean structural similarity (Wang et al. 2004) of two grey images of the same size: 1.0 is identical."""
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = _window_mean(a), _window_mean(b)
    var_a = _window_mean(a * a) - mu_a ** 2
    var_b = _window_mean(b * b) - mu_b ** 2
    cov = _window_mean(a * b) - mu_a * mu_b
    index = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
    return float(index.mean())


def test_ssim_tells_identical_from_shifted_from_different():
    rng = np.random.default_rng(7)
    image = np.kron(rng.integers(0, 256, (30, 40)), np.ones((8, 8))).astype(np.float64)
    assert ssim(image, image) == pytest.approx(1.0)
    shifted = np.roll(image, 2, axis=1)
    other = np.kron(rng.integers(0, 256, (30, 40)), np.ones((8, 8))).astype(np.float64)
    assert 1.0 > ssim(image, shifted) > ssim(image, other)
    assert ssim(image, other) < 0.5


@pytest.mark.parametrize("course", [SAMPLE, ROOT / "decks" / "diagram-gallery"], ids=lambda p: p.name)
def test_svg_slides_match_libreoffice(course, capsys):
    with working_directory(ROOT):
        planned = plan(course)
    renderer = SvgRenderer.for_theme(planned.theme)
    decks = planned.plan.decks
    worst = []
    with tempfile.TemporaryDirectory(prefix="deckgen-fidelity-") as tmp, Office() as office:
        reference = slide_images(planned, decks, Path(tmp), office, width=WIDTH)
        lines = []
        for deck in decks:
            scores = []
            for i, (slide, png) in enumerate(zip(deck.slides, reference[deck.name])):
                ours = grey(svg_to_png(renderer.slide(deck, i), WIDTH))
                theirs = grey(png)
                # pdftoppm rounds the page's height up: a row more at most, cropped off
                assert ours.shape[1] == theirs.shape[1] and abs(ours.shape[0] - theirs.shape[0]) <= 1
                rows = min(ours.shape[0], theirs.shape[0])
                score = ssim(coarse(ours[:rows]), coarse(theirs[:rows]))
                if i + 1 < len(deck.slides):  # the measure tells slides apart: not its neighbour's picture
                    neighbour = grey(reference[deck.name][i + 1])[:rows]
                    assert ssim(coarse(ours[:rows]), coarse(neighbour)) < score, (deck.name, i + 1)
                scores.append(score)
                lines.append(f"{course.name} {deck.name} slide {i + 1:2d} ({slide.kind}): SSIM {score:.3f}")
                if score < FLOOR:
                    worst.append(lines[-1] + f"  '{slide.title}'")
            mean = sum(scores) / len(scores)
            lines.append(f"{course.name} {deck.name}: mean SSIM {mean:.3f}, lowest {min(scores):.3f}")
            if mean < MEAN_FLOOR:
                worst.append(lines[-1])
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not worst, "slides drawn differently from LibreOffice:\n" + "\n".join(worst)
