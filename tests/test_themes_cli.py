"""The theme commands and options from the command line: `deckgen themes list|show|new|specimen`, `build
--theme` and `--set`, every shipped theme passing the checker, and a co-facilitator's theme that changes
only what it says it changes."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from conftest import ROOT, SAMPLE, working_directory
from deckgen.cli import main
from deckgen.provenance import plain_name
from ooxml import assert_valid, office_round_trip
from test_theme import SHIPPED, write_course

def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output
    return result


def scheme(path: Path) -> dict[str, str]:
    """The deck's PowerPoint theme colours, read back from the file: {'dk2': '0A5EB0', …}."""
    xml = zipfile.ZipFile(path).read("ppt/theme/theme1.xml").decode()
    return dict(re.findall(r'<a:(dk1|lt1|dk2|lt2|accent\d)><a:srgbClr val="([0-9A-F]{6})"/>', xml))


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths are shown relative to the repository (the built-ins under src/deckgen/themes)


# --- themes list / show / new ----------------------------------------------------------------------

def test_list_names_every_theme_with_its_parent_and_place():
    out = run("themes", "list").output
    rows = {line.split()[0]: line.split()[1:3] for line in out.splitlines()[1:] if line and not line[0].isspace()}
    assert rows["midnight"] == ["default", str(Path("src/deckgen/themes/midnight/theme.yaml"))]
    assert rows["acme-cofacilitator"] == ["corporate", str(Path("src/deckgen/themes/acme-cofacilitator/theme.yaml"))]
    assert rows["example-brand"] == ["default", str(Path("themes/example-brand/theme.yaml"))]  # the project's own
    assert rows["default"][0] == "—"
    assert "template corporate-template.pptx" in out and "hides" not in out  # nothing hides a built-in


def test_show_gives_each_value_and_the_line_that_set_it():
    out = run("themes", "show", "acme-cofacilitator").output
    assert out.startswith("theme acme-cofacilitator: acme-cofacilitator (")
    assert re.search(r"palette\.accent1\s+#C2410C\s+src/deckgen/themes/acme-cofacilitator/theme\.yaml:9:12", out)
    assert re.search(r"palette\.primary\s+#9B1B30\s+src/deckgen/themes/corporate/corporate-template\.pptx: theme "
                     r"colour dk2", out)
    assert re.search(r"layouts\.cover\s+Meridian Cover\s+src/deckgen/themes/corporate/theme\.yaml:\d+:\d+", out)
    assert re.search(r"sizes\.body\s+20 pt\s+src/deckgen/themes/default/theme\.yaml:\d+:\d+", out)
    assert re.search(r"logos\[1\]\s+.*acme\.png, bottom-left", out)
    only = run("themes", "show", "midnight", "palette", "--set", "palette.accent3=#0A5EB0").output
    assert re.search(r"palette\.accent3\s+#0A5EB0\s+--set palette\.accent3", only)
    assert "fonts." not in only and "labels." not in only


def test_show_lists_the_colours_paper_outputs_print_in():
    from deckgen.print_palette import print_palette
    from deckgen.theme import contrast, resolve_theme
    out = run("themes", "show", "midnight", "print").output
    ink = print_palette(resolve_theme("midnight")[0])
    # a dark theme's near-white text prints dark, and says which slide colour it stands for
    assert re.search(rf"print\.text\s+{ink['text']}\s+for paper, from palette\.text #E7ECF4", out)
    assert contrast(ink["text"], "#FFFFFF") >= 4.5 and "palette." not in out.replace("from palette.", "")
    assert re.search(r"print\.on_primary\s+#FFFFFF\s+as on the slides", out)


def test_show_an_unknown_theme_lists_the_themes():
    result = run("themes", "show", "midnite", ok=False)
    assert "error: unknown theme 'midnite'; themes available: acme-cofacilitator, corporate, default, example-brand, " \
        "midnight" \
        in result.output
    assert "Traceback" not in result.output


def test_new_scaffolds_a_theme_that_extends_its_base_and_never_overwrites(tmp_path):
    themes = tmp_path / "themes"
    out = run("themes", "new", "client-x", "--from", "midnight", "--dir", themes).output
    path = themes / "client-x" / "theme.yaml"
    assert f"wrote {path}" in out
    text = path.read_text(encoding="utf-8")
    assert "\nextends: midnight\n" in text and "# palette:" in text and "# logos:" in text
    assert "#   primary: \"#1F6DF3\"" in text  # the examples show the base's current values
    shown = run("themes", "show", "client-x", "--themes-dir", themes, "palette.primary").output
    assert "themes/midnight/theme.yaml" in shown  # inherits, sets nothing yet
    path.write_text(text.replace("# palette:\n#   primary: \"#1F6DF3\"", "palette:\n  primary: \"#0A5EB0\""))
    again = run("themes", "new", "client-x", "--from", "default", "--dir", themes, ok=False)
    assert "theme 'client-x' already exists" in again.output and "nothing written" in again.output
    assert 'primary: "#0A5EB0"' in path.read_text(encoding="utf-8")
    unknown = run("themes", "new", "client-y", "--from", "nope", "--dir", themes, ok=False)
    assert "unknown theme 'nope'; themes available:" in unknown.output
    assert not (themes / "client-y").exists()


def test_new_points_its_schema_at_a_copy_beside_the_themes_not_into_the_installed_package(tmp_path):
    from deckgen.commands.schema import render
    themes = tmp_path / "themes"
    run("themes", "new", "client-z", "--dir", themes)
    first = (themes / "client-z" / "theme.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../theme.schema.json"
    assert (themes / "theme.schema.json").read_text(encoding="utf-8") == render("theme")
    (themes / "theme.schema.json").write_text("{\"mine\": true}\n", encoding="utf-8")
    run("themes", "new", "client-w", "--dir", themes)
    assert (themes / "theme.schema.json").read_text(encoding="utf-8") == "{\"mine\": true}\n"  # not ours: kept


# --- building with --theme and --set ---------------------------------------------------------------

def test_build_takes_the_course_theme_and_theme_and_set_override_it(tmp_path):
    course = write_course(tmp_path, theme="corporate")
    run("build", course, "-o", tmp_path / "a")
    deck = tmp_path / "a" / "demo" / "day-1.pptx"
    assert Presentation(str(deck)).slides[0].slide_layout.name == "Meridian Cover"  # course.yaml's theme
    assert scheme(deck)["dk2"] == "9B1B30"
    run("build", course, "-o", tmp_path / "b", "--theme", "midnight",
        "--set", "palette.primary=#0A5EB0", "--set", "palette.accent2=#7A4E9C")
    deck = tmp_path / "b" / "demo" / "day-1.pptx"
    colours = scheme(deck)
    assert colours["dk2"] == "0A5EB0" and colours["accent2"] == "7A4E9C"  # --set, twice
    assert colours["lt1"] == "0E1624" and colours["accent1"] == "097EA5"  # the rest is midnight
    prs = Presentation(str(deck))
    cover_layout = prs.slides[0].slide_layout
    assert cover_layout.name == "Cover" and "a:blipFill" in cover_layout._element.xml  # midnight's cover picture
    chip = next(s for s in prs.slides[0].shapes if plain_name(s.name) == "Day")  # the day chip: accent2 (--set)
    assert '<a:schemeClr val="accent2"/>' in chip._element.xml
    assert all(any(s.name == "Logo 1" for s in slide.shapes) for slide in prs.slides)  # midnight's logo
    bad = run("build", course, "-o", tmp_path / "c", "--set", "palette.primary=navy", ok=False)
    assert "--set palette.primary: error: 'primary' must be a colour" in bad.output
    assert "Traceback" not in bad.output


# --- every shipped theme: specimen and the sample course pass the checker ----------------------------

@pytest.fixture(scope="module")
def specimens(tmp_path_factory):
    from deckgen.commands.themes import build_specimen
    out = tmp_path_factory.mktemp("specimens")
    with working_directory(ROOT):
        return {name: build_specimen(name, out / f"specimen-{name}.pptx") for name in SHIPPED}


def test_specimen_shows_every_slide_kind_and_every_diagram(specimens, tmp_path):
    from deckgen.diagrams import DIAGRAMS
    from deckgen.slides import SLIDE_KINDS
    out = run("themes", "specimen", "midnight", "-o", tmp_path / "s.pptx").output
    assert f"wrote {tmp_path / 's.pptx'}" in out and "diagrams: " + ", ".join(DIAGRAMS) in out
    for name, result in specimens.items():
        assert set(result.kinds) == set(SLIDE_KINDS), name
        assert list(result.diagnostics) == [], name
        prs = Presentation(str(result.path))
        groups = {s.name for slide in prs.slides for s in slide.shapes if s.shape_type == 6}
        assert {f"Diagram: {kind}" for kind in DIAGRAMS} <= groups
        layouts = {slide.slide_layout.name for slide in prs.slides}
        assert len(layouts) >= (3 if name in ("corporate", "acme-cofacilitator", "midnight") else 1)


def test_every_shipped_theme_builds_decks_the_checker_passes(tmp_path, sample_build):
    decks = sorted(sample_build.values())  # the session's build of the sample course: the default theme
    for name in SHIPPED:
        if name == "default":
            continue
        run("build", SAMPLE, "-o", tmp_path / name, "--theme", name)
        decks += sorted((tmp_path / name / SAMPLE.name).glob("day-*.pptx"))
    assert len(decks) == 2 * len(SHIPPED)
    assert_valid(*decks)


def test_template_logos_and_pictures_survive_a_libreoffice_round_trip(tmp_path):
    """The one LibreOffice round trip: the co-facilitator's theme on the client template, with a divider
    picture added, so template masters, cloned layouts and logos all go through it."""
    from deckgen.commands.themes import build_specimen
    result = build_specimen("acme-cofacilitator", tmp_path / "office.pptx",
                            overrides=["backgrounds.divider=src/deckgen/themes/midnight/divider.jpg"])
    assert_valid(result.path)
    assert office_round_trip(result.path, tmp_path) == len(Presentation(str(result.path)).slides) > 10


# --- the co-facilitator's theme ----------------------------------------------------------------------

def _shapes(path: Path):
    prs = Presentation(str(path))
    for i, slide in enumerate(prs.slides):
        for shape in slide.shapes:
            yield i, shape


def test_the_cofacilitator_theme_changes_only_logo_accent_and_footer(specimens):
    base, co = specimens["corporate"].path, specimens["acme-cofacilitator"].path
    a, b = list(_shapes(base)), list(_shapes(co))
    assert [(i, s.name) for i, s in a] == [(i, s.name) for i, s in b]  # the same shapes on the same slides
    logos = 0
    for (i, sa), (_, sb) in zip(a, b):
        if sa.name.startswith("Logo"):  # same slot, another picture
            logos += 1
            assert sa.image.sha1 != sb.image.sha1
            assert sa.left == sb.left and abs(sa.top + sa.height / 2 - sb.top - sb.height / 2) < 2
            continue
        assert (sa.left, sa.top, sa.width, sa.height) == (sb.left, sb.top, sb.width, sb.height), (i, sa.name)
        if sa.has_text_frame:
            if plain_name(sa.name) == "Footer":
                assert sb.text_frame.text.startswith("ACME Consulting") and sa.text_frame.text != sb.text_frame.text
            else:
                assert sa.text_frame.text == sb.text_frame.text, (i, sa.name)
    assert logos == len(Presentation(str(base)).slides)  # one logo on every slide
    ca, cb = scheme(base), scheme(co)
    assert {k for k in ca if ca[k] != cb[k]} == {"accent1"} and cb["accent1"] == "C2410C"
    # the slides refer to theme colours, so they say the same in both decks: the accent and what follows
    # it change through the theme alone
    refs = lambda p: [c for _, s in _shapes(p) for c in re.findall(r'<a:(?:srgb|scheme)Clr val="(\w+)"',  # noqa
                                                                  s._element.xml)]
    assert refs(base) == refs(co) and "accent1" in refs(base)


# --- contrast: what `themes show` tells of colours that do not read as chosen --------------------------

def test_show_tells_where_text_in_a_colour_is_shaded_and_which_colours_are_the_themes_mistake(tmp_path):
    theme = tmp_path / "themes" / "brand" / "theme.yaml"
    theme.parent.mkdir(parents=True)
    theme.write_text('extends: default\npalette:\n  accent1: "#F2B84B"\n  muted: "#A0A7B0"\n', encoding="utf-8")
    out = run("themes", "show", "brand", "--themes-dir", tmp_path / "themes").output
    # the footer's colour is a problem (check and build say so too) ...
    assert (f"{theme}:4:10: warning: palette.muted #A0A7B0 on background #FFFFFF is 2.4:1 (AA asks 4.5:1 for "
            "captions, the footer and secondary text); deckgen draws that text as #") in out
    # ... the pale accent is shaded for text and kept for fills, by design: a note, at its own line
    note = next(line for line in out.splitlines() if line.startswith(f"{theme}:3:12: note: "))
    assert note.startswith(f"{theme}:3:12: note: palette.accent1 #F2B84B on background #FFFFFF is 1.7:1 and on "
                           "panel #F1F4F8 1.6:1 (AA asks 4.5:1 for text, 3:1 for large text); text in accent1 is "
                           "drawn as #"), note
    assert note.endswith("fills keep #F2B84B")
    ratios = re.findall(r"(\d\.\d):1 on (background|panel)", note.split("drawn as")[1])  # what the text gets
    assert {g for _, g in ratios} == {"background", "panel"} and all(float(r) >= 4.5 for r, _ in ratios), note
    # white chips and badges on the pale accent take the dark text colour
    assert (f"{theme}:3:12: note: palette.on_primary #FFFFFF on accent1 #F2B84B is 1.7:1 (AA asks 3:1 for the "
            "large bold text of chips and badges); chips and badges in accent1 take text #1F2933") in out


def test_show_lists_the_shipped_themes_accents_that_are_shaded_for_text():
    out = run("themes", "show", "default").output
    assert ("src/deckgen/themes/default/theme.yaml:17:12: note: palette.accent2 #E08A1E on background #FFFFFF is "
            "2.6:1 and on panel #F1F4F8 2.4:1 (AA asks 4.5:1 for text, 3:1 for large text); text in accent2 is "
            "drawn as #A86817 (4.5:1 on background)") in out
    assert ": warning: " not in out  # nothing in a shipped theme is a problem
    assert ": note: " not in run("themes", "show", "default", "fonts").output
    corporate = run("themes", "show", "corporate", "palette").output
    # a template's colour is told at the `template:` line, saying where it came from
    assert ("src/deckgen/themes/corporate/theme.yaml:9:11: note: palette.accent2 #B7791F (the template's theme "
            "colour accent2) on background #FFFFFF is 3.6:1") in corporate
