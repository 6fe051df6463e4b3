"""Pictures in a slot: contained or cropped to cover it (never distorted), resampled when far too large,
captioned, with alt text; and QR codes for links."""
from __future__ import annotations

from dataclasses import replace

from ..design import Design
from ..media import LinkSpec, PictureSpec
from ..plan import EMU_PER_INCH, Box, Picture, QrCode, Shape, Slide, inches

# Pixels per inch a picture keeps: sharp on a 4K projector and on print-outs. A picture with twice as
# many pixels as that (or more) is resampled down to it before embedding; a smaller one is kept as it is.
PICTURE_DPI = 220
CAPTION_H = inches(0.42)
CAPTION_GAP = inches(0.08)
CROP_UNIT = 100000  # a:srcRect counts in thousandths of a percent


def contained(slot: Box, aspect: float) -> Box:
    """The largest box of this aspect ratio (width / height) inside `slot`, centred in it."""
    if slot.w <= 0 or slot.h <= 0:
        return slot
    if aspect >= slot.w / slot.h:
        w, h = slot.w, max(1, round(slot.w / aspect))
    else:
        w, h = max(1, round(slot.h * aspect)), slot.h
    return Box(slot.x + (slot.w - w) // 2, slot.y + (slot.h - h) // 2, w, h)


def cover_crop(aspect: float, box: Box) -> tuple[int, int, int, int]:
    """The a:srcRect (l, t, r, b) cutting equal amounts off two opposite edges so that what shows has the
    box's shape."""
    box_aspect = box.w / box.h if box.h else aspect
    if aspect > box_aspect:  # wider than the box: cut the sides
        cut = round((1 - box_aspect / aspect) / 2 * CROP_UNIT)
        return (cut, 0, cut, 0)
    if aspect < box_aspect:  # taller: cut top and bottom
        cut = round((1 - aspect / box_aspect) / 2 * CROP_UNIT)
        return (0, cut, 0, cut)
    return (0, 0, 0, 0)


def target_pixels(spec: PictureSpec, box: Box, crop: tuple[int, int, int, int]) -> tuple[int, int] | None:
    """The size to resample the whole picture to, or None when it has less than twice the pixels its box
    shows at PICTURE_DPI."""
    shown_w = spec.width * (CROP_UNIT - crop[0] - crop[2]) / CROP_UNIT
    shown_h = spec.height * (CROP_UNIT - crop[1] - crop[3]) / CROP_UNIT
    need_w, need_h = box.w / EMU_PER_INCH * PICTURE_DPI, box.h / EMU_PER_INCH * PICTURE_DPI
    if spec.format == "SVG":  # a drawing is rasterised at exactly the size its box needs
        scale = max(need_w / shown_w, need_h / shown_h)
        return max(1, round(spec.width * scale)), max(1, round(spec.height * scale))
    if shown_w < 2 * need_w or shown_h < 2 * need_h or need_w < 1:
        return None
    scale = max(need_w / shown_w, need_h / shown_h)
    return max(1, round(spec.width * scale)), max(1, round(spec.height * scale))


def alt_text(spec: PictureSpec, fallback: str) -> str:
    return (spec.alt or spec.caption or fallback).strip()


def picture(spec: PictureSpec, slot: Box, d: Design, *, name: str, fit: str, fallback_alt: str) -> list:
    """The picture in `slot` (with its caption under it, inside the slot)."""
    elements: list = []
    pic_slot = slot
    if spec.caption:
        pic_slot = Box(slot.x, slot.y, slot.w, slot.h - CAPTION_H - CAPTION_GAP)
    fit = spec.fit or fit
    if fit == "contain":
        box, crop = contained(pic_slot, spec.aspect), (0, 0, 0, 0)
    else:
        box, crop = pic_slot, cover_crop(spec.aspect, pic_slot)
    elements.append(Picture(name, box, spec.path, crop, target_pixels(spec, box, crop),
                            alt=alt_text(spec, fallback_alt)))
    if spec.caption:
        cap = Box(slot.x, box.bottom + CAPTION_GAP, slot.w, CAPTION_H)
        elements.append(d.simple_text(spec.caption, cap, d.size("caption") + 2, d.colour("muted"), align="ctr",
                                      anchor="t", name=f"{name} caption", loc=spec.loc,
                                      min_size=d.size("caption")))
    return elements


def background_picture(spec: PictureSpec, d: Design, fallback_alt: str) -> Picture:
    """A picture covering the whole slide, behind everything."""
    box = Box(0, 0, d.width, d.height)
    crop = cover_crop(spec.aspect, box)
    return Picture("Background picture", box, spec.path, crop, target_pixels(spec, box, crop),
                   alt=alt_text(spec, fallback_alt))


def qr_block(link: LinkSpec, slot: Box, d: Design, *, video: bool) -> list:
    """A QR code with what scanning it does above, and the short address under it."""
    label_h, url_h = inches(0.4), inches(0.5)
    side = max(inches(0.8), min(slot.w, slot.h - label_h - url_h, inches(2.0)))
    x = slot.x + (slot.w - side) // 2
    y = slot.y + max(0, (slot.h - side - label_h - url_h) // 2)
    label = d.label("scan_video" if video else "scan_link")
    muted = d.colour("muted")
    return [
        d.simple_text(label, Box(slot.x, y, slot.w, label_h), d.size("caption") + 2, d.colour("primary"),
                      bold=True, align="ctr", anchor="b", name="QR label", loc=link.loc, min_size=10),
        QrCode("QR code", Box(x, y + label_h, side, side), link.url, d.colour("text"), d.colour("background"),
               alt=f"{label}: {link.url}"),
        d.simple_text(link.short, Box(slot.x - inches(0.2), y + label_h + side, slot.w + inches(0.4), url_h),
                      d.size("caption") + 1, muted, align="ctr", anchor="t", name="QR address", loc=link.loc,
                      min_size=9),
    ]


def unify_pictures(slides: list[Slide]) -> list[Slide]:
    """One embedded size per picture file in a deck (the largest any of its boxes needs), so each distinct
    picture is stored once however many slides show it."""
    from ..plan import Group
    largest: dict = {}

    def pictures(elements):
        for e in elements:
            if isinstance(e, Picture):
                yield e
            elif isinstance(e, Group):
                yield from pictures(e.children)

    def all_pictures(slide):
        yield from pictures(slide.elements)
        if slide.background_picture is not None:
            yield slide.background_picture

    for slide in slides:
        for p in all_pictures(slide):
            current = largest.get(p.path, "unset")
            if current == "unset" or (current is not None and (p.pixels is None or p.pixels[0] > current[0])):
                largest[p.path] = p.pixels

    def fix(e):
        if isinstance(e, Picture) and e.path in largest and e.pixels != largest[e.path]:
            return replace(e, pixels=largest[e.path])
        if isinstance(e, Group):
            return replace(e, children=tuple(fix(c) for c in e.children))
        return e

    if not any(p.pixels != largest[p.path] for slide in slides for p in all_pictures(slide)):
        return slides  # the usual case: each picture is shown at one size (or not at all)
    out = []
    for slide in slides:
        bg = fix(slide.background_picture) if slide.background_picture is not None else None
        out.append(replace(slide, elements=tuple(fix(e) for e in slide.elements), background_picture=bg))
    return out


__all__ = ["picture", "background_picture", "qr_block", "contained", "cover_crop", "target_pixels",
           "unify_pictures", "Shape"]
