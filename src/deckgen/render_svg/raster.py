"""SVG slides to PNG with cairosvg (Cairo draws them: no LibreOffice, no browser)."""
from __future__ import annotations

from ..errors import DeckgenError


def require_cairo(what: str) -> None:
    """Fail with a plain message when cairosvg or the Cairo library it loads is missing."""
    try:
        import cairosvg  # noqa: F401  (loading it loads libcairo)
    except (ImportError, OSError) as exc:
        raise DeckgenError(f"{what} need the Cairo graphics library ({exc}); install it (Debian/Ubuntu: "
                           "apt-get install libcairo2) or leave out --fast to use LibreOffice") from None


def svg_to_png(svg: str, width: int) -> bytes:
    """The SVG drawn `width` pixels wide (its height follows the slide's proportions)."""
    import cairosvg
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width, unsafe=False)
