"""What changed between a deck as built (its record) and as edited: new outline values, new list orders,
removed sections, and what cannot be carried back (reported, never guessed)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..provenance import squash
from ..textfit import is_cjk
from .deckread import EditedSlide, Para

# Lists whose items a trainer adds, removes and reorders by editing a text box's paragraphs.
EDITABLE_LISTS = frozenset({"points", "questions", "steps", "debrief", "objectives"})


@dataclass(frozen=True)
class Source:
    file: str
    path: tuple
    value: str


@dataclass
class FieldChange:
    source: Source
    new: str
    where: list[str] = field(default_factory=list)


@dataclass
class ListChange:
    file: str
    path: tuple
    built: list[str]  # the items' texts as built
    sequence: list  # ("old", index) or ("new", text), in the new order
    where: list[str] = field(default_factory=list)


@dataclass
class SectionRemoval:
    file: str
    path: tuple
    title: str
    slides: list[int]


@dataclass
class Comparison:
    fields: list[FieldChange] = field(default_factory=list)
    lists: list[ListChange] = field(default_factory=list)
    removals: list[SectionRemoval] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what is not carried back, for the trainer

    @property
    def empty(self) -> bool:
        return not (self.fields or self.lists or self.removals or self.notes)


def item_of(path: tuple) -> tuple[tuple, int] | None:
    """(list path, index) when `path` is an item of an editable list (or that item's text)."""
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] in EDITABLE_LISTS:
        return path[:-1], path[-1]
    if len(path) >= 3 and path[-1] == "text" and isinstance(path[-2], int) and path[-3] in EDITABLE_LISTS:
        return path[:-2], path[-2]
    return None


def unbreak(text: str, value: str) -> str:
    """A paragraph's text without the line breaks fitting put in (when the outline value has none)."""
    if "\n" in value:
        return text
    out = []
    for i, ch in enumerate(text):
        if ch == "\n":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            out.append("" if (is_cjk(before) or is_cjk(after) or before == " " or after == " ") else " ")
        else:
            out.append(ch)
    return re.sub(r"  +", " ", "".join(out)).strip()


def carry(value: str, pieces: list[tuple[str, str]]) -> str | None:
    """The outline value after its pieces on the slides were edited ((as built, as edited), line breaks
    undone); None when an edit touched text deckgen added around the value (a '(续)', a label)."""
    current = value
    for old, new in pieces:
        if old == new:
            continue
        if old == value or squash(old) == squash(value):
            current = new  # the whole value (a flowed block reads back as one paragraph)
        elif value and value in old:
            before, _, after = old.partition(value)
            if not (new.startswith(before) and new.endswith(after)) or len(new) < len(before) + len(after):
                return None
            current = new[len(before):len(new) - len(after)]
        elif old and old in current:
            current = current.replace(old, new, 1)  # a part: a card's term or its text
        else:
            return None
    return current


def _align(built: list, edited: list[Para]) -> tuple[list[tuple[int | None, int]], list[int]]:
    """Pairs (built index or None for an added paragraph, edited index) in the edited order, and the
    built paragraphs that are gone. Unchanged runs pair first, then unchanged texts anywhere (moved),
    then what is left between the same neighbours: one for one when as many went as came, else by
    similarity."""
    a = [squash(p[0]) for p in built]
    b = [squash(p.text) for p in edited]
    match: dict[int, int] = {}  # edited → built
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            match.update({j1 + k: i1 + k for k in range(i2 - i1)})
    used = set(match.values())
    for j in range(len(b)):
        if j not in match:
            same = next((i for i in range(len(a)) if i not in used and a[i] == b[j]), None)
            if same is not None:
                match[j] = same
                used.add(same)

    def gap_of_edited(j: int) -> int:
        return next((match[k] for k in range(j - 1, -1, -1) if k in match), -1)

    def gap_of_built(i: int) -> int:
        return max((k for k in used if k < i), default=-1)

    gaps: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(a)):
        if i not in used:
            gaps.setdefault(gap_of_built(i), ([], []))[0].append(i)
    for j in range(len(b)):
        if j not in match:
            gaps.setdefault(gap_of_edited(j), ([], []))[1].append(j)
    for olds, news in gaps.values():
        if len(olds) == len(news):
            match.update(zip(news, olds))
            continue
        start = 0
        for i in olds:
            for k in range(start, len(news)):
                if SequenceMatcher(None, a[i], b[news[k]]).ratio() >= 0.5:
                    match[news[k]] = i
                    start = k + 1
                    break
    paired = set(match.values())
    return [(match.get(j), j) for j in range(len(b))], [i for i in range(len(a)) if i not in paired]


@dataclass
class _Slides:
    record: dict
    edited: list[EditedSlide]
    origins: list[Source] = field(default_factory=list)
    pieces: dict[int, list] = field(default_factory=dict)  # origin → [(old, new, where)]
    entries: dict[tuple, list] = field(default_factory=dict)  # (file, list path) → sequence
    incomplete: set = field(default_factory=set)  # lists with items on slides or shapes now gone
    wheres: dict[tuple, list] = field(default_factory=dict)  # list → the shapes it is shown in
    out: Comparison = field(default_factory=Comparison)

    def source(self, index: int | None) -> Source | None:
        return None if index is None else self.origins[index]


def compare(record: dict, edited: list[EditedSlide]) -> Comparison:
    st = _Slides(record, edited, [Source(f, tuple(p), v) for f, p, v in record["origins"]])
    by_number: dict[int, EditedSlide] = {}
    for s in edited:
        if s.number is not None and s.number not in by_number:
            by_number[s.number] = s
        elif any(p.text.strip() for sh in s.shapes.values() for p in (sh.paras or [])) or s.free:
            st.out.notes.append(f"slide {s.position} is new (or a copy): its text is not carried into the "
                                f"outline; add it there yourself")
    built_slides = record["slides"]
    gone = [rs for rs in built_slides if rs["n"] not in by_number]
    for rs in built_slides:
        es = by_number.get(rs["n"])
        if es is None:
            _mark_incomplete(st, rs["shapes"].values())
            continue
        for key in sorted(rs["shapes"], key=lambda k: int(k.split(".")[1])):
            _compare_shape(st, rs, es, key)
        _compare_notes(st, rs, es)
        for free in es.free:
            text = " / ".join(p.text for p in (free.paras or []) if p.text.strip())[:40]
            st.out.notes.append(f"slide {es.position}: a text box deckgen did not make ('{text}…'): not carried "
                                f"into the outline; add it where it belongs")
    _removals(st, gone)
    _fields(st)
    _lists(st)
    removed = [(r.file, r.path) for r in st.out.removals]
    in_removed = lambda file, path: any(file == f and path[:len(p)] == p for f, p in removed)  # noqa: E731
    st.out.fields = [c for c in st.out.fields if not in_removed(c.source.file, c.source.path)]
    st.out.lists = [c for c in st.out.lists if not in_removed(c.file, c.path)]
    return st.out


def _mark_incomplete(st: _Slides, shapes) -> None:
    for shape in shapes:
        paras = list(shape.get("paras") or [])
        for row in shape.get("cells") or []:
            for cell in row:
                paras.extend(cell)
        for _, oi, _ in paras:
            src = st.source(oi)
            item = src and item_of(src.path)
            if item:
                st.incomplete.add((src.file, item[0]))


def _where(rs: dict, es: EditedSlide, name: str) -> str:
    moved = f" (now slide {es.position})" if es.position != rs["n"] else ""
    return f"slide {rs['n']}{moved}, {name.rsplit(' dg:', 1)[0]}"


def _compare_shape(st: _Slides, rs: dict, es: EditedSlide, key: str) -> None:
    built = rs["shapes"][key]
    where = _where(rs, es, built["name"])
    if "cells" in built:
        shape = es.shapes.get(key)
        if shape is None or shape.cells is None:
            _mark_incomplete(st, [built])
            return
        if [len(r) for r in built["cells"]] != [len(r) for r in shape.cells]:
            st.out.notes.append(f"{where}: rows or columns were added or removed: not carried back; change the "
                                f"table in the outline")
            return
        for r, (brow, erow) in enumerate(zip(built["cells"], shape.cells)):
            for c, (bcell, ecell) in enumerate(zip(brow, erow)):
                ecell = [p for p in ecell if p.text.strip()] or ecell[:1]
                if len(bcell) == len(ecell):
                    for (text, oi, _), para in zip(bcell, ecell):
                        _piece(st, oi, text, para.text, f"{where} row {r + 1} column {c + 1}")
                else:
                    st.out.notes.append(f"{where} row {r + 1} column {c + 1}: paragraphs added or removed in a "
                                        f"cell: not carried back")
        return
    if "paras" not in built:
        return
    shape = es.shapes.get(key)
    if shape is None and built.get("title"):
        shape = es.title
    if shape is None or shape.paras is None:
        _mark_incomplete(st, [built])
        if any(squash(p[0]) for p in built["paras"]):
            st.out.notes.append(f"{where}: the text box was deleted: its text stays in the outline (delete it "
                                f"there, or delete the words inside the box, to remove it)")
        return
    edited = [p for p in shape.paras if p.text.strip()]
    paras = built["paras"]
    pairs, deleted = _align(paras, edited)
    for bi, ej in pairs:
        if bi is not None:
            _piece(st, paras[bi][1], paras[bi][0], edited[ej].text, where)
    # list items: their order now, what was added between them, what is gone
    last_list = None
    lists_here: dict[tuple, list] = {}
    pending: list[str] = []  # added before the first item of any list
    for bi, ej in pairs:
        src = st.source(paras[bi][1]) if bi is not None else None
        item = src and item_of(src.path)
        if item:
            last_list = (src.file, item[0])
            lists_here.setdefault(last_list, []).extend(("new", t) for t in pending)
            pending = []
            lists_here[last_list].append(("old", item[1]))
        elif bi is None:
            text = edited[ej].text
            if last_list is not None:
                lists_here[last_list].append(("new", text))
            else:
                pending.append(text)
        else:
            last_list = None if src is not None else last_list
    for text in pending:
        st.out.notes.append(f"{where}: added text '{text[:40]}' is not next to a list item: not carried back")
    for bi in deleted:
        text, oi, _ = paras[bi]
        src = st.source(oi)
        item = src and item_of(src.path)
        if item:
            lists_here.setdefault((src.file, item[0]), [])
        elif squash(text):
            what = f"'{text[:30]}'" + (f" ({'.'.join(map(str, src.path))})" if src else "")
            st.out.notes.append(f"{where}: {what} was deleted: not carried back (only list items are removed "
                                f"this way)")
    for list_key, seq in lists_here.items():
        st.entries.setdefault(list_key, []).extend(seq)
        st.wheres.setdefault(list_key, []).append(where)


def _piece(st: _Slides, oi: int | None, built: str, edited: str, where: str) -> None:
    src = st.source(oi)
    if src is None:
        if squash(built) != squash(edited):
            st.out.notes.append(f"{where}: '{built[:30]}' → '{edited[:30]}': deckgen writes this text itself "
                                f"(a label or number), so the edit is not carried back")
        return
    st.pieces.setdefault(oi, []).append((unbreak(built, src.value), unbreak(edited, src.value), where))


def _clean_notes(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r", "").split("\n")).strip()


def _compare_notes(st: _Slides, rs: dict, es: EditedSlide) -> None:
    built, edited = _clean_notes(rs["notes"]), _clean_notes(es.notes)
    if built == edited:
        return
    where = f"slide {rs['n']}" + (f" (now slide {es.position})" if es.position != rs["n"] else "") + ", notes"
    src = st.source(rs.get("notes_origin"))
    if src is None:
        st.out.notes.append(f"{where}: deckgen writes these notes itself (times, agenda): the edit is not "
                            f"carried back")
        return
    value = src.value.strip()
    if value and value in built:
        before, _, after = built.partition(value)
    else:
        blocks = built.split("\n\n")
        lead = blocks[0] + "\n\n" if blocks and blocks[0].startswith("⏱") else ""
        before, after = lead, built[len(lead):]
    head, tail = before.rstrip("\n"), after.lstrip("\n")
    if not (edited.startswith(head) and edited.endswith(tail)) or len(edited) < len(head) + len(tail):
        st.out.notes.append(f"{where}: the edit touches the lines deckgen adds (time box, key points): not "
                            f"carried back; edit the notes in the outline")
        return
    middle = edited[len(head):len(edited) - len(tail)].strip("\n").strip()
    if middle != value:
        new = middle + ("\n" if src.value.endswith("\n") and middle else "")
        st.out.fields.append(FieldChange(src, new, [where]))


def _fields(st: _Slides) -> None:
    for oi, pieces in st.pieces.items():
        src = st.origins[oi]
        changed = [(o, n, w) for o, n, w in pieces if o != n]
        if not changed:
            continue
        item = item_of(src.path)
        if item and all(not n.strip() for _, n, _ in changed):
            continue  # emptied: the list logic removes it
        candidates = {}
        for o, n, w in changed:
            new = carry(src.value, [(o, n)])
            if new is None:
                st.out.notes.append(f"{w}: the edit changes text deckgen adds around '{src.value[:30]}': not "
                                    f"carried back")
                continue
            candidates.setdefault(new, []).append(w)
        if len(candidates) > 1:
            # the parts of one value (a card's term and text) combine; different whole edits conflict
            combined = carry(src.value, [(o, n) for o, n, _ in changed])
            if combined is None or all(o == src.value or squash(o) == squash(src.value) for o, _, _ in changed):
                st.out.notes.append(f"'{src.value[:30]}' was edited differently in "
                                    f"{'; '.join(w for ws in candidates.values() for w in ws)}: not carried back")
                continue
            candidates = {combined: [w for ws in candidates.values() for w in ws]}
        for new, where in candidates.items():
            if new != src.value and new.strip():
                st.out.fields.append(FieldChange(src, new, where))


def _lists(st: _Slides) -> None:
    built: dict[tuple, dict[int, str]] = {}
    for src in st.origins:
        item = item_of(src.path)
        if item:
            built.setdefault((src.file, item[0]), {})[item[1]] = src.value
    wheres = st.wheres
    for key, seq in st.entries.items():
        items = built.get(key, {})
        n = len(items)
        if sorted(items) != list(range(n)):
            continue
        # items emptied in place are removed
        emptied = {i for i in range(n) if _emptied(st, key, i)}
        seen: set[int] = set()  # an item shown twice (a row's term and text) counts once
        seq = [e for e in seq if not (e[0] == "old" and (e[1] in emptied or e[1] in seen or seen.add(e[1])))]
        if seq == [("old", i) for i in range(n)]:
            continue
        if key in st.incomplete:
            st.out.notes.append(f"{'; '.join(wheres.get(key, []))}: items of {'.'.join(map(str, key[1]))} were "
                                f"added, removed or moved on a slide where others are gone: not carried back")
            continue
        seq = [(kind, unbreak(x, "") if kind == "new" else x) for kind, x in seq]
        st.out.lists.append(ListChange(key[0], key[1], [items[i] for i in range(n)], seq, wheres.get(key, [])))


def _emptied(st: _Slides, key: tuple, index: int) -> bool:
    for oi, pieces in st.pieces.items():
        src = st.origins[oi]
        item = item_of(src.path)
        if item and (src.file, item[0]) == key and item[1] == index:
            return any(not n.strip() for _, n, _ in pieces) and not any(n.strip() and o == n for o, n, _ in pieces)
    return False


def _removals(st: _Slides, gone: list[dict]) -> None:
    """Slides deleted from the deck: a section all of whose slides are gone is removed from the outline."""
    def section_of(rs):
        for shape in rs["shapes"].values():
            if shape.get("title"):
                for _, oi, _ in shape.get("paras") or []:
                    src = st.source(oi)
                    if src and len(src.path) >= 3 and src.path[0] == "sections" and src.path[2] == "title":
                        return src.file, src.path[:2], src.value
        return None
    slides_of: dict[tuple, list[int]] = {}
    for rs in st.record["slides"]:
        sec = section_of(rs)
        if sec:
            slides_of.setdefault(sec[:2], []).append(rs["n"])
    done = set()
    for rs in gone:
        sec = section_of(rs)
        if sec is None:
            st.out.notes.append(f"slide {rs['n']} ({rs['kind']}: '{rs['title'][:30]}') was deleted: deckgen makes it "
                                f"from the course, so the next build brings it back")
            continue
        if sec[:2] in done:
            continue
        numbers = slides_of[sec[:2]]
        if all(n not in {s.number for s in st.edited} for n in numbers):
            done.add(sec[:2])
            st.out.removals.append(SectionRemoval(sec[0], sec[1], sec[2], numbers))
        else:
            st.out.notes.append(f"slide {rs['n']} ('{rs['title'][:30]}') was deleted, but other slides of its "
                                f"section are still there: its content stays in the outline")
