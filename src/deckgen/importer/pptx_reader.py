"""A PowerPoint deck as outline text: slide titles as headings, body paragraphs as points, speaker notes as notes."""
from __future__ import annotations

import io
import re
import zipfile

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError

from ..errors import DeckgenError, Loc
from ..provenance import plain_name
from .docx_reader import OutlineText

# Shapes deckgen draws that repeat what another shape says or only decorate (read by name, never by place).
_SKIP_SHAPES = re.compile(r"^(?:Footer|Slide number|Module number|Card \d+ number|Row \d+ badge|Questions heading"
                          r"|Takeaways heading|Next steps heading|Agenda (?:time|marker) \d+|Day|Details)$")
# deckgen's shapes that hold what the trainer tells (a case's facts, an exercise's task): notes, not points.
_SPOKEN_SHAPES = ("Case facts", "Questions", "Task", "Takeaway", "Steps", "Deliverable", "Groups")
_MODEL_CHIPS = ("模型", "Model", "Framework")
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_DEBRIEF_CHIPS = ("复盘", "Debrief")
_CONTINUED = re.compile(r"^(?P<title>.+?)\s*[（(](?:续|cont\.?)(?:\s*\d+)?[)）]$")
_AGENDA_TITLE = re.compile(r"^(?:今日议程|议程|课程议程|Agenda|Today's agenda)\b", re.IGNORECASE)
_REVIEW_SHAPES = ("Takeaways", "Takeaways heading", "Next steps")  # the closing slide's
# deckgen writes the time box first in a slide's notes: "⏱ 20 分钟 · 09:00–09:20".
_TIME_BOX = re.compile(r"^\s*⏱\s*(?P<minutes>\d+)\s*(?:分钟|min(?:utes)?)", re.IGNORECASE)


def pptx_outline(data: bytes, source_name: str) -> OutlineText:
    """The deck's outline: the first slide names the course, a slide with only a title (or deckgen's module
    divider) heads a module, every other slide is a section with its body as points and its notes."""
    try:
        deck = Presentation(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise DeckgenError(f"this is not a PowerPoint deck that can be read ({exc})", Loc(source_name)) from None
    out = OutlineText("")
    lines: list[str] = []
    previous_title = None
    for index, slide in enumerate(deck.slides):
        title = _title(slide)
        texts = _texts(slide)
        notes = _notes(slide)
        names = {name for name, _, _ in texts}
        if index == 0 and title:
            lines += [f"# {title}"] + [text for name, _, text in texts if name == "Subtitle"] + [""]
            continue
        if title and (_AGENDA_TITLE.match(title) or names & set(_REVIEW_SHAPES)):
            continue  # deckgen's agenda and review slides repeat the outline
        chips = [text for name, _, text in texts if name.startswith("Chip")]
        if chips and chips[0] in _DEBRIEF_CHIPS and previous_title and previous_title in title:
            continue  # an exercise's debrief slide ("复盘：<the exercise>"): the exercise is already read
        more = _CONTINUED.match(title or "")
        if more and more.group("title") == previous_title:
            # a section's continuation slide ("X (续)", "X (cont. 2)", a table's next page): its points
            # belong to the section already read
            lines += [f"{'  ' * level}- {text}" for name, level, text in texts
                      if not name.startswith("Chip") and name not in _SPOKEN_SHAPES]
            continue
        previous_title = title
        if "Module label" in names or (title and not texts):
            label = next((t for n, _, t in texts if n == "Module label"), "")
            minutes = re.search(r"(\d+)\s*(?:分钟|min)", label)
            lines.append(f"## {title}" + (f" ({minutes.group(1)} 分钟)" if minutes else ""))
            objectives = [t for n, _, t in texts if n == "Objectives"]
            kept = [_TIME_BOX.sub("", notes, count=1).lstrip(" ·0123456789:–-\n")] if notes else []
            if kept or objectives:
                out.line_notes[len(lines)] = kept + objectives
            continue
        if not title and not texts:
            continue
        chip = chips[0] if chips and not re.search(r"\d+\s*(?:分钟|min)", chips[0]) else None
        # A case's or exercise's chip tells its kind; a model's diagram is not read back, so it comes back content.
        head = f"{chip}: {title}" if chip and chip not in _MODEL_CHIPS else title
        box = _TIME_BOX.match(notes or "")
        lines.append(f"### {head or 'Slide ' + str(index + 1)}" + (f" ({box.group('minutes')} 分钟)" if box else ""))
        if notes:
            out.line_notes[len(lines)] = [_TIME_BOX.sub("", notes, count=1).lstrip(" ·0123456789:–-\n")]
        spoken = [text for name, _, text in texts if name in _SPOKEN_SHAPES]
        if spoken:
            out.line_notes.setdefault(len(lines), []).extend(spoken)
        for name, level, text in texts:
            if name.startswith("Chip") or name in ("Subtitle", "Module label") or name in _SPOKEN_SHAPES:
                continue
            lines.append(f"{'  ' * level}- {text}")
    if not any(line.strip() for line in lines):
        raise DeckgenError("the deck holds no slide with text", Loc(source_name))
    out.text = "\n".join(lines)
    return out


def _title(slide) -> str:
    for shape in slide.placeholders:
        if shape.placeholder_format.type in _TITLE_TYPES and shape.has_text_frame:
            return _clean(shape.text_frame.text)
    shape = slide.shapes.title
    return _clean(shape.text_frame.text) if shape is not None and shape.has_text_frame else ""


def _texts(slide) -> list[tuple[str, int, str]]:
    """(shape name, paragraph level, text) of every paragraph that is not the title, in reading order."""
    title = slide.shapes.title
    shapes = sorted((s for s in _all_shapes(slide.shapes) if s.has_text_frame and s != title),
                    key=lambda s: ((s.top or 0) // 100000, s.left or 0))
    out = []
    for shape in shapes:
        name = plain_name(shape.name)  # without the key deckgen writes for `deckgen pull`
        if _SKIP_SHAPES.match(name):
            continue
        for paragraph in shape.text_frame.paragraphs:
            text = _clean(paragraph.text)
            if text:
                out.append((name, paragraph.level, text))
    return out


def _all_shapes(shapes):
    # A group is a drawn diagram: its labels repeat the points, so only the slide's own shapes are read.
    return [shape for shape in shapes if not hasattr(shape, "shapes")]


def _notes(slide) -> str:
    if not slide.has_notes_slide:
        return ""
    return slide.notes_slide.notes_text_frame.text.strip()


def _clean(text: str) -> str:
    """One line of text: line breaks inside a paragraph joined (without a space between Chinese characters)."""
    text = " ".join(text.replace("\x0b", " ").split())
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", text)
