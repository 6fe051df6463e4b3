"""Measuring and wrapping text with real font metrics: CJK line-break rules, phrase-aware titles, fitting."""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import NamedTuple

# Measured against the same substitutes LibreOffice (and pptx_check) use when the declared typeface is
# missing: DejaVu Sans for Latin, Noto Sans CJK SC for CJK. Both are at least as wide as Microsoft YaHei
# and PingFang, so text that fits here fits in PowerPoint too; WIDTH_SAFETY covers kerning and hinting.
WIDTH_SAFETY = 0.96
REF = 1000  # measure at this pixel size; widths scale linearly

_LATIN_FALLBACKS = {
    False: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/Library/Fonts/Arial.ttf",
            "C:/Windows/Fonts/arial.ttf", "/System/Library/Fonts/Supplemental/Arial.ttf"],
    True: ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/Library/Fonts/Arial Bold.ttf",
           "C:/Windows/Fonts/arialbd.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"],
}
_CJK_FALLBACKS = {
    False: [("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
            ("C:/Windows/Fonts/msyh.ttc", 0), ("/System/Library/Fonts/PingFang.ttc", 0)],
    True: [("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
           ("C:/Windows/Fonts/msyhbd.ttc", 0), ("/System/Library/Fonts/PingFang.ttc", 0)],
}

# Line-break rules for Chinese (GB/T 15834, JIS X 4051 kinsoku): no line starts with a closing mark,
# none ends with an opening one.
NO_LINE_START = set("，。、：；！？）」』》〉】〕〗”’,.:;!?)]}%‰·…‥〜～ー々〻ヽヾゝゞ"
                    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ゠・")  # + small kana
NO_LINE_END = set("（「『《〈【〔〖“‘([{")


_CJK_RANGES = ("\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf"
               "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
               "\U00020000-\U0003ffff")
_CJK = re.compile(f"[{_CJK_RANGES}]")


def is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


# Korean is written with spaces between words and breaks only there (Hangul is a word character here).
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")


def is_hangul(ch: str) -> bool:
    return _HANGUL.match(ch) is not None


def flow(text: str) -> str:
    """A YAML block's lines as one paragraph: joined directly between CJK characters, else by a space."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    out = ""
    for line in lines:
        if out and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    return out


# ASCII punctuation typed in Chinese text, and the full-width marks Chinese typesetting uses instead
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）"}
_ASCII_AMID_CJK = re.compile(
    rf"(?<=[{_CJK_RANGES}])[,?!:;]|[,?!:;](?=[{_CJK_RANGES}])"  # a mark after or before a Chinese character
    rf"|\((?=[^()]*[{_CJK_RANGES}][^()]*\))[^()]*\)")  # brackets around Chinese text


_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')


@functools.lru_cache(maxsize=16384)
def full_width_punctuation(text: str) -> str:
    """ASCII , ? ! : ; ( ) next to Chinese characters as the full-width marks Chinese text uses
    (教练技术(一):管人 → 教练技术（一）：管人), and straight double quotes around or beside Chinese as curly
    ones (从"我"到"我们" → 从“我”到“我们”); Latin text and numbers (3:1, f(x), "OK" in English) stay as they are."""
    if not has_cjk(text):
        return text

    def full(m: re.Match) -> str:
        s = m.group(0)
        if s[0] == "(":
            return "（" + s[1:-1] + "）"
        return _FULL_WIDTH[s]

    def curly(m: re.Match) -> str:
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        beside_chinese = has_cjk(m.group(1)) or (before and is_cjk(before)) or (after and is_cjk(after))
        return f"“{m.group(1)}”" if beside_chinese else m.group(0)
    if text.count('"') % 2 == 0:  # an odd count: one is an inch mark or a typo, and pairs cannot be told
        text = _STRAIGHT_QUOTED.sub(curly, text)
    return _ASCII_AMID_CJK.sub(full, text)


class Font(NamedTuple):
    """A typeface pair as a run declares it (a:latin, a:ea) and its weight (a tuple: cheap cache key)."""

    latin: str
    ea: str
    bold: bool = False


@functools.lru_cache(maxsize=None)
def _fc_match(family: str, bold: bool) -> tuple[str, int] | None:
    """The file fontconfig has for exactly this family, or None (then a known substitute is measured)."""
    if not family or not shutil.which("fc-match"):
        return None
    pattern = family + (":weight=bold" if bold else ":weight=regular")
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern],
                             capture_output=True, text=True, timeout=10).stdout
        families, path, index = out.split("\t")
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if family.lower() in {f.strip().lower() for f in families.split(",")} and os.path.isfile(path):
        return path, int(index or 0)
    return None


def _cjk_fallbacks(typeface: str, bold: bool):
    """The substitutes for a missing East Asian typeface, the Noto Sans CJK face of its language first
    (TC for Microsoft JhengHei, JP for Yu Gothic, KR for Malgun Gothic: see deckgen.languages)."""
    from .languages import noto_face
    (noto, _), *rest = _CJK_FALLBACKS[bold]
    return [(noto, noto_face(typeface)), *rest]


def _first(paths):
    for p in paths:
        path, index = p if isinstance(p, tuple) else (p, 0)
        if os.path.isfile(path):
            return path, index
    return None


class Measurer:
    """Advance widths in points, cached per character; no font file is opened twice."""

    def __init__(self):
        self._fonts: dict = {}
        self._face: dict = {}
        self._chars: dict[Font, dict[str, float]] = {}  # per font: character -> advance in em
        self._texts: dict[Font, dict[str, float]] = {}  # per font: string -> advance in em

    def _face_for(self, typeface: str, bold: bool, cjk: bool):
        key = (typeface, bold, cjk)
        face = self._face.get(key)
        if face is None:
            hit = _fc_match(typeface, bold) or _first((_cjk_fallbacks(typeface, bold) if cjk
                                                       else _LATIN_FALLBACKS[bold]))
            face = self._load(hit) if hit else None
            self._face[key] = face
        return face

    def _load(self, hit):
        f = self._fonts.get(hit)
        if f is None:
            from PIL import ImageFont
            # BASIC layout: single characters need no shaping, and it avoids raqm's failures on control codes
            f = self._fonts[hit] = ImageFont.truetype(hit[0], REF, index=hit[1],
                                                      layout_engine=ImageFont.Layout.BASIC)
        return f

    def face(self, typeface: str, bold: bool, cjk: bool):
        """The font file measured for `typeface` (itself, or the substitute a client would use), as a
        Pillow font at REF pixels; None when no font file is found at all."""
        return self._face_for(typeface, bold, cjk)

    def char_em(self, ch: str, font: Font) -> float:
        table = self._chars.get(font)
        if table is None:
            table = self._chars[font] = {}
        w = table.get(ch)
        if w is None:
            w = table[ch] = self._measure_char(ch, font)
        return w

    def _measure_char(self, ch: str, font: Font) -> float:
        if ch in "\n\r\t\v":
            return 1.0 if ch == "\t" else 0.0
        cjk = is_cjk(ch)
        face = self._face_for(font.ea if cjk else font.latin, font.bold, cjk)
        if face is None:  # no font file anywhere: a crude but safe estimate
            return 1.0 if cjk else 0.62
        return face.getlength(ch) / REF

    def width(self, text: str, font: Font, size: float) -> float:
        # the same strings (words, phrases, lines) are measured again at every trial size: cache them
        texts = self._texts.get(font)
        if texts is None:
            texts = self._texts[font] = {}
        em = texts.get(text)
        if em is None:
            char_em = self.char_em
            em = sum(char_em(c, font) for c in text)
            if _AMBIGUOUS.search(text):
                em += sum(self.east_asian_em(c, font) - char_em(c, font) for c in east_asian_weak(text))
            texts[text] = em
        return em * size

    def east_asian_em(self, ch: str, font: Font) -> float:
        """A character's advance drawn with the East Asian typeface (curly quotes after Chinese)."""
        face = self._face_for(font.ea, font.bold, True)
        return face.getlength(ch) / REF if face is not None else 1.0


# Curly quotes have no script of their own: clients draw them with the typeface of the
# text around them (LibreOffice takes the preceding character's script, else the following one's), so
# after Chinese they are full-width, after Latin narrow.
_AMBIGUOUS = re.compile("[\u2018\u2019\u201c\u201d]")


def east_asian_weak(text: str) -> list[str]:
    """The ambiguous characters in `text` that take the East Asian typeface from their context."""
    found = []
    for m in _AMBIGUOUS.finditer(text):
        i = m.start()
        strong = next((c for c in reversed(text[:i]) if not (c.isspace() or _AMBIGUOUS.match(c))), None)
        if strong is None:
            strong = next((c for c in text[i + 1:] if not (c.isspace() or _AMBIGUOUS.match(c))), None)
        if strong is not None and is_cjk(strong):
            found.append(m.group())
    return found


@functools.lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Dictionary words (jieba's dictionary, no guessing at unknown words): a line never breaks inside one."""
    if not has_cjk(text):
        return (text,)
    import rjieba  # jieba's dictionary in Rust: loads in half the time and memory of jieba itself
    return tuple(rjieba.cut(text, False))


@functools.lru_cache(maxsize=2)
def _phrase_parser(japanese: bool = False):
    import budoux
    return budoux.load_default_japanese_parser() if japanese else budoux.load_default_simplified_chinese_parser()


@functools.lru_cache(maxsize=65536)
def atoms(text: str) -> tuple[str, ...]:
    """The smallest pieces a line may break between, with break rules applied.

    Latin words and numbers stay whole (with their trailing space); each CJK character is its own
    piece; closing marks join the piece before them and opening marks the piece after them.
    """
    if "://" in text:  # a web address is one piece: a line never breaks inside it
        pieces = _URL.split(text)
        if len(pieces) > 1:
            out: list[str] = []
            for i, piece in enumerate(pieces):
                if i % 2:
                    out.append(piece)
                elif piece:
                    out.extend(atoms(piece))
            return tuple(out)
    raw: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            word += ch
            raw.append(word)
            word = ""
        elif (is_cjk(ch) and not is_hangul(ch)) or ch in NO_LINE_START or ch in NO_LINE_END or ch in "—–/":
            if word:
                raw.append(word)
                word = ""
            raw.append(ch)
        else:
            word += ch
    if word:
        raw.append(word)
    out: list[str] = []
    carry = ""
    for a in raw:
        if a and a[0] in NO_LINE_START and out and not carry:
            out[-1] += a
        elif a in NO_LINE_END or (a == "—" and out and out[-1].endswith("—")):
            if a == "—":
                out[-1] += a
            else:
                carry += a
        else:
            out.append(carry + a)
            carry = ""
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def phrases(text: str) -> tuple[str, ...]:
    """Units that should stay together on a line: BudouX phrases for Chinese, words otherwise.

    BudouX is trained on Chinese and may cut inside a Latin word ('张 T' | 'heme'); such cuts are undone.
    """
    if not has_cjk(text) or not _CJK.search(_HANGUL.sub("", text)):  # Korean: words, as Latin
        return atoms(text)
    chunks: list[str] = []
    for chunk in _phrase_parser(_KANA.search(text) is not None).parse(text):
        if chunks and _LATIN_WORD.match(chunk[0]) and _LATIN_WORD.match(chunks[-1][-1]):
            chunks[-1] += chunk
            continue
        # a space BudouX puts at the start of a phrase ('Objective' | ' 目的') ends the one before it, so
        # no line begins with a space
        stripped = chunk.lstrip(" ")
        if chunks and stripped != chunk:
            chunks[-1] += chunk[:len(chunk) - len(stripped)]
            chunk = stripped
        if chunk:
            chunks.append(chunk)
    units: list[str] = []
    for chunk in chunks:
        pieces = atoms(chunk)
        if units and pieces and (pieces[0][0] in NO_LINE_START):
            units[-1] += pieces[0]
            pieces = pieces[1:]
            chunk = "".join(pieces)
        if not chunk:
            continue
        if units and units[-1] and units[-1][-1] in NO_LINE_END:
            units[-1] += chunk
        else:
            units.append(chunk)
    # BudouX guesses phrases from characters and now and then cuts a word (跟进|而不是 is right, but
    # 找机|会 is not): a boundary inside a dictionary word is no boundary
    return _joined(tuple(units), _inside_words(text))


# Particles and prepositions that stand as words of their own: a line may break beside them.
FUNCTION_CHARS = frozenset("的地得了着过与和及或并而且是在把被让对从到向为以之其也都就还又更很最不没已将")


def _inside_words(text: str) -> frozenset[int]:
    """Offsets strictly inside a dictionary word of two or more characters: no line may break there.

    Two single characters side by side that are not particles are read as one word the dictionary lacks
    (先紧后松, 外在, 有为): they stay together too."""
    # a number stays with the Chinese next to it: 15分钟, 第3天
    inside = {i for i in range(1, len(text)) if (text[i - 1].isdigit() and is_cjk(text[i]))
              or (is_cjk(text[i - 1]) and text[i].isdigit())}
    pos = 0
    prev_single = False
    for w in words(text):
        inside.update(range(pos + 1, pos + len(w)))
        single = len(w) == 1 and is_cjk(w) and w not in FUNCTION_CHARS and w not in NO_LINE_START
        if single and prev_single:
            inside.add(pos)
        prev_single = single
        pos += len(w)
    return frozenset(inside)


def _joined(pieces: tuple[str, ...], inside: frozenset[int]) -> tuple[str, ...]:
    """The pieces, with those meeting inside a word joined into one."""
    if not inside:
        return pieces
    out: list[str] = []
    pos = 0
    for piece in pieces:
        if out and pos in inside:
            out[-1] += piece
        else:
            out.append(piece)
        pos += len(piece)
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def word_atoms(text: str) -> tuple[str, ...]:
    """The pieces body text breaks between: whole words (and Latin words), with the break rules applied."""
    pieces = atoms(text)
    return _joined(pieces, _inside_words(text)) if has_cjk(text) else pieces


_LATIN_WORD = re.compile(r"[A-Za-z0-9]")
_URL = re.compile(r"(https?://[^\s，。、；）)]+ ?)")


class Wrapper:
    def __init__(self, measurer: Measurer):
        self.m = measurer

    def wrap(self, text: str, font: Font, size: float, width: float, *, phrase: bool = False,
             first_width: float | None = None) -> list[str]:
        """Greedy line breaking; phrase mode keeps BudouX phrases whole where they fit."""
        return self._wrap(text, font, size, width, phrase, first_width)[0]

    def _wrap(self, text, font, size, width, phrase, first_width=None) -> tuple[list[str], int]:
        """The lines, and how many phrases had to be broken inside."""
        broken = 0
        if not text:
            return [""], 0
        width *= WIDTH_SAFETY
        first_width = width if first_width is None else first_width * WIDTH_SAFETY
        # phrases, checked against the dictionary, are the units of body text as much as of titles: on a
        # hand-segmented test set (tests/data/word_breaks.txt) they break inside a word less often than
        # dictionary words alone (7 breaks in 46 strings against 11, BudouX alone 42)
        units = phrases(text)
        lines: list[list[str]] = [[]]
        used = 0.0
        limit = first_width
        queue = list(units)
        while queue:
            u = queue.pop(0)
            w = self.m.width(u.rstrip(" "), font, size)
            if used + w <= limit or not lines[-1] and w <= limit:
                lines[-1].append(u)
                used += self.m.width(u, font, size)
                continue
            if not lines[-1] or w > width:
                # a unit wider than a whole line: fall back to its words, then to characters
                finer = word_atoms(u)
                if len(finer) < 2:
                    finer = atoms(u)
                if len(finer) > 1:
                    queue[:0] = finer
                    broken += 1
                    continue
                if not lines[-1]:
                    lines[-1].append(u)  # one unbreakable piece wider than the box: let the fit shrink it
                    used = self.m.width(u, font, size)
                    continue
            lines.append([u])
            limit = width
            used = self.m.width(u, font, size)
        self._fix_orphan(lines, font, size, width)
        return ["".join(line).rstrip(" ") for line in lines], broken

    def _fix_orphan(self, lines, font, size, width):
        """Never leave one character (or one character and its punctuation) alone on the last line: the
        piece before it comes down too, whole (a word is never cut for this), when the line has room."""
        if len(lines) < 2:
            return
        last = "".join(lines[-1]).strip()
        core = [c for c in last if c not in NO_LINE_START]
        prev = lines[-2]
        if len(core) == 1 and is_cjk(core[0]):
            candidate = [prev[-1]] + lines[-1]
            if len(prev) > 1 and self.m.width("".join(candidate).rstrip(" "), font, size) <= width:
                prev.pop()
                lines[-1] = candidate
                return
            # a line only a few characters wide: the lesser evil is to bring down the word's last piece
            finer = word_atoms(prev[-1])
            finer = finer if len(finer) > 1 else atoms(prev[-1])
            candidate = [finer[-1]] + lines[-1]
            if len(finer) > 1 and self.m.width("".join(candidate).rstrip(" "), font, size) <= width:
                prev[-1:] = list(finer[:-1])
                lines[-1] = candidate

    def balanced(self, text: str, font: Font, size: float, width: float) -> list[str]:
        """Phrase-aware lines of even length (for titles and labels): the narrowest width that keeps
        the greedy line count."""
        lines, broken = self._wrap(text, font, size, width, True)
        if len(lines) < 2:
            return lines
        lo, hi = width * 0.5, width
        best = lines
        for _ in range(8):
            mid = (lo + hi) / 2
            trial, trial_broken = self._wrap(text, font, size, mid, True)
            if len(trial) <= len(lines) and trial_broken <= broken and \
                    all(self.m.width(t, font, size) <= width * WIDTH_SAFETY for t in trial):
                best, hi = trial, mid
            else:
                lo = mid
        return best


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text, list level (0 or 1) and whether it carries a bullet or number."""

    text: str
    level: int = 0
    marker: str | None = None  # "•", "1." … drawn as a hanging indent
    bold: bool = False


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[tuple[str, ...], ...]  # per paragraph
    height: float  # points

    @property
    def line_count(self) -> int:
        return sum(len(p) for p in self.lines)


@dataclass(frozen=True)
class BlockStyle:
    font: Font
    max_size: float
    min_size: float
    line_spacing: float = 1.3  # × size, written as exact spacing so every client agrees
    para_space: float = 0.45  # × size, space before each paragraph but the first
    indent: float = 1.2  # hanging indent for a marker, × size
    level_indent: float = 1.2  # extra indent for level-1 paragraphs, × size
    phrase: bool = False
    balance: bool = False
    step: float = 1.0


def line_pitch(size: float, style: BlockStyle) -> float:
    """Exact line spacing in points, rounded as the file stores it (hundredths of a point)."""
    return round(size * style.line_spacing * 100) / 100


def para_gap(size: float, style: BlockStyle) -> float:
    return round(size * style.para_space * 100) / 100


def indent_of(para: Para, size: float, style: BlockStyle) -> float:
    return (style.indent * size if para.marker else 0.0) + para.level * style.level_indent * size


SHORT_LABEL = 12  # characters: a label this short is shrunk a little rather than broken


class Fitter:
    def __init__(self, measurer: Measurer | None = None):
        self.measurer = measurer or Measurer()
        self.wrapper = Wrapper(self.measurer)
        # the same paragraph is wrapped at the same size and width again and again (a size search, then
        # the fit that places it, a layout tried before another): each wrapping is done once per build
        self._lines: dict[tuple, tuple[str, ...]] = {}

    def lines_for(self, para: Para, style: BlockStyle, size: float, width: float) -> list[str]:
        font = Font(style.font.latin, style.font.ea, style.font.bold or para.bold)
        avail = width - indent_of(para, size, style)
        key = (para.text, font, size, avail, style.balance, style.phrase)
        lines = self._lines.get(key)
        if lines is None:
            if style.balance:
                lines = self.wrapper.balanced(para.text, font, size, avail)
            else:
                lines = self.wrapper.wrap(para.text, font, size, avail, phrase=style.phrase)
            lines = self._lines[key] = tuple(lines)
        return list(lines)

    def measure(self, paras: list[Para], style: BlockStyle, size: float, width: float) -> Fitted:
        all_lines = []
        height = 0.0
        for i, p in enumerate(paras):
            lines = self.lines_for(p, style, size, width)
            all_lines.append(tuple(lines))
            height += len(lines) * line_pitch(size, style) + (para_gap(size, style) if i else 0.0)
        return Fitted(size, tuple(all_lines), height)

    def fits(self, fitted: Fitted, paras: list[Para], style: BlockStyle, width: float, height: float) -> bool:
        if fitted.height > height:
            return False
        font_for = lambda p: Font(style.font.latin, style.font.ea, style.font.bold or p.bold)  # noqa: E731
        for p, lines in zip(paras, fitted.lines):
            avail = width - indent_of(p, fitted.size, style)
            if any(self.measurer.width(line, font_for(p), fitted.size) > avail for line in lines):
                return False
        return True

    def fit(self, paras: list[Para], style: BlockStyle, width: float, height: float) -> Fitted | None:
        """The largest size from max down to min (in steps) at which every line fits the box; None if none does.

        Most text fits at its largest size, so that is tried first; otherwise the sizes are bisected (text
        that fits at one size fits at a smaller one, bar rare rounding at line ends).
        """
        sizes = []
        size = style.max_size
        while size >= style.min_size - 1e-9:
            sizes.append(size)
            size -= style.step
        tried: dict[float, Fitted | None] = {}

        def attempt(i: int) -> Fitted | None:
            if sizes[i] not in tried:
                fitted = self.measure(paras, style, sizes[i], width)
                tried[sizes[i]] = fitted if self.fits(fitted, paras, style, width, height) else None
            return tried[sizes[i]]

        if not sizes:
            return None
        if attempt(0) is not None:
            return self._unbroken(paras, style, width, height, attempt(0))
        if attempt(len(sizes) - 1) is None:
            return None
        lo, hi = 0, len(sizes) - 1  # sizes[lo] does not fit, sizes[hi] does
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if attempt(mid) is not None:
                hi = mid
            else:
                lo = mid
        return self._unbroken(paras, style, width, height, attempt(hi))

    def _unbroken(self, paras: list[Para], style: BlockStyle, width: float, height: float,
                  fitted: Fitted) -> Fitted:
        """A short label (one paragraph) that one or two points less keeps on one line is set smaller
        rather than broken: a designer shrinks 销售漏斗 a little before splitting it."""
        if len(paras) != 1 or len(fitted.lines[0]) != 2 or len(paras[0].text) > SHORT_LABEL:
            return fitted
        for less in (1.0, 2.0):
            size = fitted.size - less
            if size < style.min_size - 1e-9:
                break
            trial = self.measure(paras, style, size, width)
            if len(trial.lines[0]) == 1 and self.fits(trial, paras, style, width, height):
                return trial
        return fitted

    def split(self, paras: list[Para], style: BlockStyle, width: float, height: float) -> list[list[Para]]:
        """Split paragraphs into slide-sized runs at min size, keeping a sub-point with its parent."""
        groups: list[list[Para]] = [[]]
        for p in paras:
            trial = groups[-1] + [p]
            if groups[-1] and self.fit(trial, _at_min(style), width, height) is None:
                # move a trailing parent together with its first child
                carry = []
                if p.level > 0 and groups[-1] and groups[-1][-1].level == 0 and len(groups[-1]) > 1:
                    carry = [groups[-1].pop()]
                groups.append(carry + [p])
            else:
                groups[-1] = trial
        return groups


def _at_min(style: BlockStyle) -> BlockStyle:
    from dataclasses import replace
    return replace(style, max_size=style.min_size)
