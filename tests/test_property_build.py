"""`check` and `build` agree, for generated courses and themes (hypothesis): check clean ⇒ build succeeds and
every part of every deck parses and validates; check not clean ⇒ build fails and writes nothing; never a
traceback. The generated text mixes ordinary words with what XML cannot hold, format strings, braces and
over-long values; the generated theme text mixes valid templates with hostile ones."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from attack import assert_parts_parse, invoke, snapshot
from ooxml import problems

NASTY = ["\ud800", "\udfff", "\x0b", "\x00", "\x1b", "\ufffe", "\uffff", "{n:>2000000000}", "{0}", "{",
         "}", "{{", "{x.__class__}", "   ", "", "\t", "\u2028", "🚀", "销售管理", "ñ̃", "<a:t>&amp;</a:t>",
         "Point 1: text", "x" * 11_000]
TEXT = st.one_of(st.text(max_size=40), st.sampled_from(NASTY),
                 st.builds(lambda a, b: a + b, st.text(max_size=10), st.sampled_from(NASTY)))
WORDS = st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=30)
TEMPLATE = st.one_of(st.sampled_from(["{n} min", "{n}", "{{n}} {n}", "min", "{n:>99}", "{x}", "{0}", "{n!r}",
                                      "{n.real}", "{", "}", "{}", "{n[0]}", "{{", "分钟 {n}"]),
                     st.text(max_size=12))
FOOTER = st.one_of(st.sampled_from(["{course}", "{course} · {day}", "{trainer} {date}", "", "{slide}",
                                    "{course:>9}", "{course.title}", "{{course}}"]), st.text(max_size=12))


GOOD_TEMPLATE = st.sampled_from(["{n} min", "{n}", "{{n}} {n}", "min", "分钟 {n}", "{n}'"])
GOOD_FOOTER = st.sampled_from(["{course}", "{course} · {day}", "{trainer} {date}", "", "{{course}}"])


@st.composite
def projects(draw):
    """(course, modules, theme) as plain data: ordinary values, then (half the time) one hostile value
    put in a place hypothesis picks, so clean and refused projects both come up often."""
    n_modules = draw(st.integers(1, 3))
    modules = {}
    for n in range(1, n_modules + 1):
        sections = []
        for _ in range(draw(st.integers(1, 3))):
            sections.append({"kind": "content", "title": draw(WORDS), "minutes": draw(st.integers(1, 90)),
                             "points": draw(st.lists(WORDS, max_size=5)), "notes": draw(WORDS)})
        modules[f"{n:02d}-m.yaml"] = {"number": n, "title": draw(WORDS), "sections": sections}
    course = {"title": draw(WORDS), "trainers": draw(st.lists(WORDS, max_size=2)),
              "language": draw(st.sampled_from(["en", "zh-CN", "zh-TW", "zh-HK", "ja", "ko"])), "theme": "gen",
              "days": [{"title": draw(WORDS), "start": draw(st.sampled_from(["08:00", "09:30", "21:00"])),
                        "modules": list(modules)}]}
    theme = {"labels": {"en": {"minutes": draw(GOOD_TEMPLATE), "agenda": draw(WORDS)}},
             "footer": {"text": draw(GOOD_FOOTER), "slide_number": draw(st.sampled_from(["{n}", "{n} / {total}",
                                                                                         "", "{total}"]))},
             "fonts": {"body": {"latin": draw(st.sampled_from(["Arial", "Noto Sans"])), "ea": "Noto Sans CJK SC"}}}
    if draw(st.booleans()):
        first = modules["01-m.yaml"]
        section = first["sections"][0]
        places = [(course, "title", TEXT), (course["days"][0], "title", TEXT), (first, "title", TEXT),
                  (section, "title", TEXT), (section, "notes", TEXT), (theme["labels"]["en"], "minutes", TEMPLATE),
                  (theme["labels"]["en"], "agenda", TEXT), (theme["footer"], "text", FOOTER),
                  (theme["fonts"]["body"], "latin", TEXT)]
        if section["points"]:
            places.append((section["points"], 0, TEXT))
        if course["trainers"]:
            places.append((course["trainers"], 0, TEXT))
        where, key, values = draw(st.sampled_from(places))
        where[key] = draw(values)
    return course, modules, theme


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, width=10_000)


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(projects())
def test_check_clean_means_build_succeeds_and_check_errors_mean_nothing_written(project):
    course, modules, theme = project
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "decks" / "gen"
        folder.mkdir(parents=True)
        (folder / "course.yaml").write_text(dump(course), encoding="utf-8")
        for name, module in modules.items():
            (folder / name).write_text(dump(module), encoding="utf-8")
        (root / "themes" / "gen").mkdir(parents=True)
        (root / "themes" / "gen" / "theme.yaml").write_text(dump(theme), encoding="utf-8")
        os.chdir(root)
        try:
            check_code, check_text = invoke("check", "decks/gen")
            build_code, build_text = invoke("build", "decks/gen", "-o", "out")
        finally:
            os.chdir(cwd)
        assert check_code in (0, 1) and build_code in (0, 1), check_text + build_text
        written = snapshot(root / "out")
        event("check clean, built" if check_code == 0 else "check refused, nothing written")
        if check_code == 0:
            assert build_code == 0, check_text + build_text
            decks = [name for name in written if name.endswith(".pptx")]
            assert decks, written.keys()
            for name in decks:
                assert_parts_parse(written[name], name)
                assert problems(root / "out" / name) == [], name
        else:
            assert build_code == 1, check_text + build_text
            assert written == {}, sorted(written)
            for line in (check_text + build_text).splitlines():
                if "error: " in line and not line.startswith(" "):
                    assert ": error: " in line and not line.startswith("error"), line  # located
