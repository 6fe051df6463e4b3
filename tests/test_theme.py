"""Themes as a co-facilitator meets them: the shipped themes, `extends:` chains, --set, every theme error at
its file:line, logos that never collide with the title or footer, background pictures, contrast, and
every slide kind laid out inside the slide at 4:3 as at 16:9."""
from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT, working_directory
from deckgen.errors import DeckgenError
from deckgen.plan import Box, Connector, Picture, Shape, Table, iter_elements
from deckgen.theme import BUILTIN_THEMES, contrast, resolve_theme

SHIPPED = sorted(p.parent.name for p in BUILTIN_THEMES.glob("*/theme.yaml"))


# --- helpers (test_themes_cli and test_template use them too) ------------------------------------

def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def write_theme(root: Path, name: str, text: str) -> Path:
    return write(root / "themes" / name / "theme.yaml", text)


def png(path: Path, size=(300, 100), colour=(200, 30, 40, 255)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGBA", size, colour).save(path)
    return path


def write_course(root: Path, theme: str | None = None, language: str = "zh-CN") -> Path:
    """A small course with every slide kind (the framework slide uses pillars) under root/decks/demo."""
    folder = root / "decks" / "demo"
    write(folder / "course.yaml", f"""
        title: 销售管理实战
        subtitle: 从目标到过程
        trainers: [王明]
        date: 2026-12-08
        language: {language}
        {"theme: " + theme if theme else ""}
        days:
          - title: 第一天 DAY ONE
            start: "09:00"
            modules: [01.yaml]
        """)
    write(folder / "01.yaml", """
        number: 1
        title: 赢取B2B销售管理的丰厚红利
        objectives: [看清红利从哪里来, 掌握增长的两个维度]
        notes: 开场。
        sections:
          - kind: content
            title: 谋求销售红利的三层战略
            minutes: 20
            notes: 讲解。
            points:
              - 做市场:营销战略定方向
              - text: 做客户:销售战略定路径
                points: [客户分级, 客户经营]
              - 做团队:管理战略定执行
              - 做产品:产品战略定组合
          - kind: content
            title: 三个关键
            minutes: 10
            notes: 讲解。
            points: [看清红利, 选对方向, 建好团队]
          - kind: framework
            title: B2B平台的三个模式
            minutes: 20
            notes: 讲解。
            diagram:
              kind: pillars
              items:
                - {label: B2B2C, text: 价值传递与衰减}
                - {label: S2B2C, text: 平台联通上下游}
            takeaway: 模式决定价值如何流动
          - kind: case
            label: 案例解读
            title: 帮帮汽服的想象空间
            minutes: 20
            notes: 讨论。
            background: 人保财险推出帮帮汽服。
            points: [流量优势, 存量客户]
            questions: [核心优势是流量还是存量？]
          - kind: exercise
            type: 分组讨论
            title: 如何赢取红利?
            minutes: 30
            notes: 分组。
            task: 讨论如何赢取红利
            steps: [讨论 20 分钟, 呈现 3 分钟]
            deliverable: 一张海报
            debrief: [哪一条最容易落地？]
        """)
    return folder


def plan_with(root: Path, theme_name: str, overrides=(), course: Path | None = None):
    """Plan the demo course (or `course`) with a theme found under root/themes; returns (plan, theme)."""
    from deckgen.commands.build import plan
    with working_directory(root):
        planned = plan(course or write_course(root), theme_name=theme_name, overrides=list(overrides))
    return planned.plan, planned.theme


def resolve_in(root: Path, name: str, **kw):
    with working_directory(root):
        return resolve_theme(name, **kw)


def errors_of(root: Path, name: str, **kw) -> list[str]:
    with pytest.raises(DeckgenError) as info:
        resolve_in(root, name, **kw)
    return [str(d) for d in info.value.diagnostics]


def boxes(elements):
    for e in iter_elements(elements):
        if isinstance(e, (Shape, Table, Picture)):
            yield e, e.box
        elif isinstance(e, Connector):
            (x1, y1), (x2, y2) = e.start, e.end
            yield e, Box(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))


# --- the shipped themes --------------------------------------------------------------------------

def test_no_project_theme_shadows_a_built_in_one():
    """One copy of each shipped theme: the package's. ./themes holds only the project's own examples."""
    project = {p.parent.name for p in (ROOT / "themes").glob("*/theme.yaml")}
    assert project.isdisjoint(SHIPPED), project & set(SHIPPED)


def test_shipped_themes_include_a_dark_a_template_and_a_cofacilitator_theme():
    assert {"default", "midnight", "corporate", "acme-cofacilitator"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_theme_resolves_cleanly(name):
    theme, diags = resolve_in(ROOT, name)
    assert list(diags) == []  # no contrast warning, nothing odd
    assert theme.chain[-1] == "default"
    for key, origin in theme.origins.items():
        assert origin, key


def test_midnight_is_dark_everywhere_and_its_text_reads_well():
    theme, _ = resolve_in(ROOT, "midnight")
    p = theme.palette
    assert contrast(p["background"], "#000000") < 1.5 and contrast(p["divider"], "#000000") < 1.5
    for fg, bg in [("text", "background"), ("text", "panel"), ("muted", "background"), ("muted", "panel"),
                   ("title", "background"), ("on_primary", "primary"), ("on_primary", "divider")]:
        assert contrast(p[fg], p[bg]) >= 4.5, (fg, bg)
    for i in range(1, 7):  # white labels on accent fills (chips, diagram headings) and accents as large text
        assert contrast(p["on_primary"], p[f"accent{i}"]) >= 4.5
        assert contrast(p[f"accent{i}"], p["background"]) >= 3.0
    assert set(theme.backgrounds) == {"cover", "divider"}


# --- extends, deep merge, --set ------------------------------------------------------------------

def test_three_level_chain_deep_merges_and_the_child_wins(tmp_path):
    write_theme(tmp_path, "grand", """
        palette: {primary: "#111111", accent1: "#222222", accent2: "#333333"}
        fonts:
          heading: {latin: Georgia, ea: SimSun}
        footer: {text: "grand footer"}
        """)
    write_theme(tmp_path, "parent", """
        extends: grand
        palette: {primary: "#444444"}
        footer: {slide_number: "{n} / {total}"}
        """)
    child = write_theme(tmp_path, "child", """
        extends: parent
        palette:
          accent1: "#555555"
        fonts:
          heading: {latin: Arial, ea: SimSun}
        """)
    theme, _ = resolve_in(tmp_path, "child")
    assert theme.chain == ("child", "parent", "grand", "default")
    assert theme.palette["primary"] == "#444444"  # parent over grand
    assert theme.palette["accent1"] == "#555555"  # child over both
    assert theme.palette["accent2"] == "#333333"  # grand, untouched by the others
    assert theme.palette["accent3"] == "#3C8D5A"  # the built-in default, under everything
    assert theme.fonts["heading"].latin == "Arial"
    assert theme.footer_text == "grand footer" and theme.slide_number == "{n} / {total}"  # footer merged
    assert theme.origins["palette.accent1"] == f"{Path('themes/child/theme.yaml')}:3:12"
    assert theme.origins["palette.primary"].startswith(str(Path("themes/parent/theme.yaml")))
    assert theme.origins["palette.accent2"].startswith(str(Path("themes/grand/theme.yaml")))
    assert child.exists()


def test_a_cycle_is_an_error_that_shows_the_circle_and_the_themes(tmp_path):
    write_theme(tmp_path, "a", "extends: b\n")
    write_theme(tmp_path, "b", "extends: c\n")
    write_theme(tmp_path, "c", "# the third\nextends: a\n")
    [message] = errors_of(tmp_path, "a")
    assert message.startswith(f"{Path('themes/c/theme.yaml')}:2:10: error: ")
    assert "a → b → c → a" in message
    assert "themes available: a, acme-cofacilitator, b, c, corporate, default, midnight" in message


def test_an_unknown_parent_lists_the_themes_that_exist(tmp_path):
    write_theme(tmp_path, "mine", "description: mine\nextends: midnite\n")
    write_theme(tmp_path, "midnight", "description: dark\n")
    [message] = errors_of(tmp_path, "mine")
    assert message.startswith(f"{Path('themes/mine/theme.yaml')}:2:10: error: unknown theme 'midnite'")
    assert "themes available: acme-cofacilitator, corporate, default, midnight, mine" in message


def test_set_overrides_win_over_every_file_and_bad_keys_are_named(tmp_path):
    write_theme(tmp_path, "mine", 'palette: {primary: "#123456"}\n')
    theme, _ = resolve_in(tmp_path, "mine", overrides=["palette.primary=#0A5EB0", "footer.text=", "sizes.body=22"])
    assert theme.palette["primary"] == "#0A5EB0" and theme.origins["palette.primary"] == "--set palette.primary"
    assert theme.palette["title"] == "#0A5EB0"  # titles follow primary unless a theme sets them
    assert theme.footer_text == "" and theme.sizes["body"] == 22
    [message] = errors_of(tmp_path, "mine", overrides=["palette.primry=#0A5EB0"])
    assert message.startswith("--set palette.primry: error: unknown key 'primry'") and "'primary'" in message
    [message] = errors_of(tmp_path, "mine", overrides=["palette.primary=blue"])
    assert message.startswith("--set palette.primary: error: 'primary' must be a colour")


# --- errors at file:line --------------------------------------------------------------------------

@pytest.mark.parametrize("text, where, says", [
    ('palette:\n  primary: "#12345"\n', "2:12", "'primary' must be a colour"),
    ("palette:\n  accent1: red\n", "2:12", "'accent1' must be a colour"),
    ("logos:\n  - file: missing.png\n", "2:11", "picture 'missing.png' not found"),
    ("logos:\n  - file: notes.txt\n", "2:11", "picture 'notes.txt' is a text file, not a picture"),
    ("backgrounds:\n  cover: gone.jpg\n", "2:10", "picture 'gone.jpg' not found"),
    ("logos:\n  - file: logo.png\n  - file: logo.png\n", "3:5", "two logos in the top-right corner"),
    ("logos:\n  - {file: logo.png, position: middle}\n", "2:32", "must be one of top-left"),
    ("layouts:\n  cover: Fancy\n", "2:10", "has no layout named 'Fancy'; its layouts: 'Cover', 'Agenda'"),
    ("slide: {size: '21:9'}\n", "1:15", "must be one of 16:9, 4:3"),
])
def test_theme_errors_point_at_the_line(tmp_path, text, where, says):
    png(tmp_path / "themes" / "bad" / "logo.png")
    write(tmp_path / "themes" / "bad" / "notes.txt", "not a picture\n")
    write_theme(tmp_path, "bad", "description: broken on purpose\n" + text)
    messages = errors_of(tmp_path, "bad")
    line, col = where.split(":")
    expected = f"{Path('themes/bad/theme.yaml')}:{int(line) + 1}:{col}: error: "
    assert any(m.startswith(expected) and says in m for m in messages), messages


def test_a_palette_with_poor_contrast_is_warned_about_at_its_line(tmp_path):
    write_theme(tmp_path, "grey", 'palette:\n  text: "#BBBBBB"\n')
    _, diags = resolve_in(tmp_path, "grey")
    warnings = [str(d) for d in diags]
    assert warnings[0].startswith(f"{Path('themes/grey/theme.yaml')}:2:9: warning: palette.text #BBBBBB on "
                                  "background #FFFFFF is 1.9:1 (AA asks 4.5:1 for body text)")
    assert all(w.startswith(f"{Path('themes/grey/theme.yaml')}:2:9: warning:") for w in warnings)


# --- logos ----------------------------------------------------------------------------------------

def _logo_theme(root: Path, logos: str, extra: str = "") -> None:
    png(root / "themes" / "brand" / "wide.png", (600, 120))
    png(root / "themes" / "brand" / "square.png", (200, 200), (20, 20, 20, 255))
    png(root / "themes" / "brand" / "white.png", (600, 120), (255, 255, 255, 255))
    write_theme(root, "brand", "logos:\n" + textwrap.indent(textwrap.dedent(logos), "  ") + extra)


def test_logos_sit_in_their_corners_without_touching_title_footer_or_number(tmp_path):
    _logo_theme(tmp_path, """
        - {file: wide.png, on_dark: white.png, position: top-right, height: 0.45}
        - {file: square.png, position: bottom-left, height: 0.35}
        """)
    plan, theme = plan_with(tmp_path, "brand")
    plain, _ = plan_with(tmp_path, "default")
    deck = plan.decks[0]
    for slide in deck.slides:
        logos = [e for e in slide.elements if isinstance(e, Picture) and e.name.startswith("Logo")]
        assert len(logos) == 2, slide.kind
        for logo in logos:
            assert Box(0, 0, deck.width, deck.height).contains(logo.box)
            for e, box in boxes(slide.elements):
                if e is logo or not isinstance(e, Shape):
                    continue
                if e.role == "title" or e.name.startswith(("Chip", "Footer", "Slide number", "Title accent")):
                    assert not logo.box.overlaps(box), (slide.kind, e.name)
        wide = next(lg for lg in logos if lg.name == "Logo 1")
        assert abs(wide.box.w / wide.box.h - 5) < 0.05  # proportions kept
        dark = slide.kind in ("cover", "divider")
        assert wide.path.name == ("white.png" if dark else "wide.png")
    # the title makes room for the top-right logo; without logos it runs to the margin
    title = next(e for e in deck.slides[3].elements if getattr(e, "role", None) == "title")
    plain_title = next(e for e in plain.decks[0].slides[3].elements if getattr(e, "role", None) == "title")
    assert title.box.right < plain_title.box.right and title.box.x == plain_title.box.x


def test_a_top_left_logo_moves_the_title_and_its_bar_right(tmp_path):
    _logo_theme(tmp_path, "- {file: square.png, position: top-left}\n")
    plan, _ = plan_with(tmp_path, "brand")
    slide = plan.decks[0].slides[3]
    logo = next(e for e in slide.elements if isinstance(e, Picture))
    title = next(e for e in slide.elements if getattr(e, "role", None) == "title")
    bar = next(e for e in slide.elements if getattr(e, "name", "") == "Title accent")
    assert logo.box.right < bar.box.x < title.box.x


def test_logos_show_on_the_slides_they_are_for(tmp_path):
    _logo_theme(tmp_path, """
        - {file: wide.png, slides: cover}
        - {file: square.png, position: bottom-right, slides: content}
        """)
    plan, _ = plan_with(tmp_path, "brand")
    for slide in plan.decks[0].slides:
        names = {e.path.name for e in slide.elements if isinstance(e, Picture)}
        assert names == ({"wide.png"} if slide.kind == "cover" else {"square.png"}), slide.kind


def test_swapping_a_logo_image_moves_nothing_else(tmp_path):
    _logo_theme(tmp_path, "- {file: wide.png, position: top-right}\n")
    write_theme(tmp_path, "swapped", "extends: brand\nlogos:\n  - {file: ../brand/square.png, position: top-right}\n")
    a, _ = plan_with(tmp_path, "brand")
    b, _ = plan_with(tmp_path, "swapped")
    for sa, sb in zip(a.decks[0].slides, b.decks[0].slides):
        keep = lambda s: [(type(e).__name__, getattr(e, "name", ""), box) for e, box in boxes(s.elements)  # noqa
                          if not (isinstance(e, Picture) and e.name.startswith("Logo"))]
        assert keep(sa) == keep(sb)


# --- backgrounds ---------------------------------------------------------------------------------

def test_background_pictures_replace_the_slide_colour_and_live_on_the_layout(tmp_path):
    from io import BytesIO

    from pptx import Presentation

    from deckgen.render import render_deck
    Image.new("RGB", (320, 240), (10, 20, 40)).save(tmp_path / "cover.jpg")  # 4:3 picture on 16:9 slides
    (tmp_path / "themes" / "pic").mkdir(parents=True)
    (tmp_path / "cover.jpg").rename(tmp_path / "themes" / "pic" / "cover.jpg")
    write_theme(tmp_path, "pic", "backgrounds: {cover: cover.jpg}\n")
    plan, theme = plan_with(tmp_path, "pic")
    deck = plan.decks[0]
    cover = deck.slides[0]
    assert cover.kind == "cover" and cover.background is None and cover.background_image.name == "cover.jpg"
    assert all(s.background_image is None for s in deck.slides[1:])
    prs = Presentation(BytesIO(render_deck(deck, theme)))
    layout = prs.slides[0].slide_layout
    assert layout.name == "Cover"  # deckgen's own cover layout carries the picture
    xml = layout._element.xml
    crop = re.search(r'<a:srcRect t="(\d+)" b="(\d+)"/>', xml)  # cropped to the slide's shape, never stretched
    assert "a:blipFill" in xml and crop and all(abs(int(v) - 12500) < 10 for v in crop.groups())
    assert all("a:blipFill" not in s.slide_layout._element.xml for s in list(prs.slides)[1:])


# --- slide sizes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, size", [("midnight", "16:9"), ("default", "4:3"), ("midnight", "4:3")])
def test_every_slide_kind_lays_out_inside_the_slide(tmp_path, name, size):
    from deckgen.commands.themes import write_specimen
    from deckgen.slides import SLIDE_KINDS
    course = write_specimen(tmp_path / "decks" / "specimen")
    plan, theme = plan_with(ROOT, name,
                            overrides=[f"slide.size={size}"], course=course)
    deck = plan.decks[0]
    assert abs(deck.width / deck.height - (16 / 9 if size == "16:9" else 4 / 3)) < 0.01
    assert {s.kind for s in deck.slides} == set(SLIDE_KINDS)
    page = Box(0, 0, deck.width, deck.height)
    for slide in deck.slides:
        for e, box in boxes(slide.elements):
            assert page.contains(box), (slide.kind, slide.title, getattr(e, "name", e))
    if size == "4:3":
        content = next(s for s in deck.slides if s.kind == "content")
        title = next(e for e in content.elements if getattr(e, "role", None) == "title")
        assert title.box.right <= deck.width - Design_margin()


def Design_margin() -> int:
    from deckgen.plan import inches
    return inches(0.6)


def test_theme_labels_follow_the_course_language(tmp_path):
    write_theme(tmp_path, "words", "labels:\n  en: {agenda: Today}\n  zh: {agenda: 日程}\n")
    zh, _ = plan_with(tmp_path, "words")
    en, _ = plan_with(tmp_path, "words", course=write_course(tmp_path / "en", language="en"))
    assert zh.decks[0].slides[1].title == "日程" and en.decks[0].slides[1].title == "Today"


def test_a_theme_without_settings_is_the_default(tmp_path):
    write_theme(tmp_path, "empty", "# nothing yet\n")
    theme, diags = resolve_in(tmp_path, "empty")
    default, _ = resolve_in(tmp_path, "default")
    assert replace(theme, name="x", chain=(), origins={}, sources=()) == \
        replace(default, name="x", chain=(), origins={}, sources=())
