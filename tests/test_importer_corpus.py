"""Real outlines collected from public pages, each with a hand-made expected structure: import scores ≥ 90%.

Each `tests/data/outlines/NAME.{txt,md}` is an excerpt of a public page (its address is the `source` in
NAME.expected.yaml, with a line on its style). The expected file lists the days, modules and sections a trainer
would read from it: each section's title, kind (default content), number of points (default 0) and minutes
when the outline itself gives them. A module the outline does not name has `title: null`: any title will do.
Five scores compare the import with it; each must reach 90%.

Run `pytest tests/test_importer_corpus.py -s -k table` to see the scores of every outline.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from deckgen.commands.check import check
from deckgen.errors import DeckgenError
from deckgen.importer import import_outline, read_outline, write_course
from deckgen.outline import load_course

CORPUS = Path(__file__).resolve().parent / "data" / "outlines"
OUTLINES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
PASS = 0.9
SCORES = ("modules", "sections", "points", "minutes", "kinds")


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def same_title(expected: str, got: str) -> bool:
    """Titles match when equal once punctuation and width are ignored, when one begins the other and the
    shorter is a title in itself (8 letters, 4 Chinese characters), or when they are nearly the same."""
    a, b = _key(expected), _key(got)
    if not a or not b:
        return a == b
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    enough = 4 if re.search(r"[\u3400-\u9fff]", short) else 8
    if long_.startswith(short) and len(short) >= enough:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def align(expected: list, got: list, same) -> list[tuple[int, int]]:
    """The longest in-order matching of two lists (pairs of indices), under a fuzzy equality."""
    n, m = len(expected), len(got)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + 1 if same(expected[i], got[j]) else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if same(expected[i], got[j]) and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _section_titles(section) -> list[str]:
    chip = section.label or section.type
    return [section.title] + ([f"{chip}: {section.title}", f"{chip} {section.title}"] if chip else [])


def score(expected: dict, result) -> dict[str, float]:
    """The five scores (0–1) of one import against its expected structure."""
    exp_modules = expected["modules"]
    got_modules = result.modules
    pairs = align([m["title"] for m in exp_modules], got_modules,
                  lambda e, g: e is None or same_title(e, g.title)
                  or any(same_title(e, s.title) for s in g.sections[:1]))
    modules = len(pairs) / max(len(exp_modules), len(got_modules), 1)
    days = min(expected["days"], len(result.days)) / max(expected["days"], len(result.days), 1)
    exp_sections = [dict({"kind": "content", "points": 0}, **s) for m in exp_modules for s in m["sections"]]
    got_sections = result.sections
    pairs = align(exp_sections, got_sections,
                  lambda e, g: any(same_title(e["title"], t) for t in _section_titles(g)))
    sections = len(pairs) / max(len(exp_sections), len(got_sections), 1)
    matched = {i: got_sections[j] for i, j in pairs}
    unmatched_points = sum(len(g.points) for j, g in enumerate(got_sections) if j not in {b for _, b in pairs})
    common = sum(min(e["points"], len(matched[i].points)) for i, e in enumerate(exp_sections) if i in matched)
    total = sum(max(e["points"], len(matched[i].points) if i in matched else 0)
                for i, e in enumerate(exp_sections)) + unmatched_points
    timed = [(i, e) for i, e in enumerate(exp_sections) if "minutes" in e]
    minutes_right = sum(1 for i, e in timed if i in matched and matched[i].minutes == e["minutes"]
                        and "minutes" not in matched[i].guesses)
    kinds_right = sum(1 for i, e in enumerate(exp_sections) if i in matched and matched[i].kind == e["kind"])
    return {"modules": modules * days, "sections": sections,
            "points": common / total if total else 1.0,
            "minutes": minutes_right / len(timed) if timed else 1.0,
            "kinds": kinds_right / max(len(exp_sections), len(got_sections), 1)}


def load(path: Path):
    return import_outline(read_outline(path.read_bytes(), path.name), path.name)


def expected_of(path: Path) -> dict:
    return yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_varied_and_sourced():
    assert len(OUTLINES) >= 15
    languages = {p.name.split("-")[0] for p in OUTLINES}
    assert languages == {"en", "zh"}
    for path in OUTLINES:
        expected = expected_of(path)
        assert expected["source"].startswith("http"), path.name
        assert expected["modules"] and all(m["sections"] for m in expected["modules"]), path.name


@pytest.mark.parametrize("path", OUTLINES, ids=[p.name for p in OUTLINES])
def test_outline_imports_at_90_percent_and_loads(path, tmp_path):
    result = load(path)
    scores = score(expected_of(path), result)
    low = {k: round(v, 2) for k, v in scores.items() if v < PASS}
    assert not low, f"{path.name}: {low}"
    write_course(result, tmp_path / "course")
    course, diags = load_course(tmp_path / "course")
    assert course is not None and not diags.has_errors(), "\n".join(map(str, diags))
    checked = check([tmp_path / "course"])  # plans every slide, as a build does: titles fit, breaks are kept
    assert checked.errors == 0, "\n".join(map(str, checked.diagnostics))
    assert not [d for d in checked.diagnostics if "break at" in d.message], "\n".join(map(str, checked.diagnostics))


def test_score_table(capsys):
    """Prints every outline's scores (run with -s); fails only if the scorer itself breaks."""
    rows = []
    for path in OUTLINES:
        try:
            s = score(expected_of(path), load(path))
        except DeckgenError as exc:
            rows.append(f"{path.name:36} {exc}")
            continue
        rows.append(f"{path.name:36} " + " ".join(f"{k} {s[k]:4.0%}" for k in SCORES))
    print("\n" + "\n".join(rows))
    assert len(rows) == len(OUTLINES)


def test_scorer_fails_a_wrong_import():
    expected = {"days": 1, "modules": [{"title": "Intro", "sections": [{"title": "Welcome", "minutes": 20},
                                                                      {"title": "Exercise", "kind": "exercise"}]}]}
    right = import_outline("Intro\n1. Welcome (20 minutes)\n2. Exercise: try it\n", "x.txt")
    wrong = import_outline("Intro\n1. Welcome\n", "x.txt")
    assert min(score(expected, right).values()) == 1.0
    low = score(expected, wrong)
    assert low["sections"] == 0.5 and low["minutes"] == 0.0
