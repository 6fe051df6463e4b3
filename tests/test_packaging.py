"""How deckgen is installed and tested: the README's commands are what CI runs, the tests exercise src/,
and an installed wheel carries every shipped theme."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE
import deckgen
from deckgen.theme import BUILTIN_THEMES

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
SHIPPED_THEMES = sorted(p.parent.name for p in BUILTIN_THEMES.glob("*/theme.yaml"))


def readme_commands() -> list[str]:
    """The one-line shell commands of the README's `sh` blocks, in order."""
    return [line for block in re.findall(r"```sh\n(.*?)```", README, re.S) for line in block.splitlines()
            if line.strip()]


def test_the_readme_installs_into_a_virtual_environment_and_tests_the_source_tree():
    commands = readme_commands()
    build = next(c for c in commands if "deckgen build decks/" in c)
    tests = next(c for c in commands if "pytest" in c)
    for command in (build, tests):
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install "), command
    assert "pip install -e '.[test]'" in tests  # editable: an edit under src/ is what the next run tests


def test_ci_runs_the_readme_test_command_verbatim():
    tests = next(c for c in readme_commands() if "pytest" in c)
    assert tests in CI_RUN.splitlines()


def test_the_readme_apt_line_lists_exactly_what_ci_installs():
    apt = next(c for c in readme_commands() if "apt-get install" in c)
    readme_packages = [w for w in apt.split("install", 1)[1].split() if not w.startswith("-")]
    ci_packages = re.search(r"^packages=\((.*?)\)$", CI_RUN, re.M).group(1).split()
    assert readme_packages == ci_packages


def test_the_tests_import_deckgen_from_src():
    """An installed copy would hide edits under src/ until a reinstall."""
    assert Path(deckgen.__file__).resolve().is_relative_to(ROOT / "src"), deckgen.__file__


def test_the_licence_is_declared_the_way_setuptools_expects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


# --- an installed wheel, used outside the repository -----------------------------------------------------

@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory):
    """deckgen's wheel built from this checkout and installed (without dependencies: this environment has
    them) into a folder of its own, far from the repository."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"),
                            str(ROOT)], capture_output=True, text=True)
    if build.returncode != 0 and "Could not find a version that satisfies" in build.stderr:
        pytest.skip("the build backend could not be fetched (no package index here): " + build.stderr[-300:])
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp / "dist").glob("deckgen-*.whl")
    site = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    return wheel, site


def run_installed(site: Path, cwd: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
    env["PYTHONPATH"] = str(site)  # ahead of the editable install's finder
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_wheel_carries_every_shipped_theme_and_its_pictures_and_template(installed_wheel):
    wheel, _ = installed_wheel
    names = zipfile.ZipFile(wheel).namelist()
    for theme in SHIPPED_THEMES:
        folder = BUILTIN_THEMES / theme
        for f in folder.rglob("*"):
            if f.is_file():
                assert f"deckgen/themes/{theme}/{f.relative_to(folder).as_posix()}" in names


def test_an_installed_wheel_lists_and_builds_with_every_shipped_theme(installed_wheel, tmp_path):
    _, site = installed_wheel
    where = subprocess.run([sys.executable, "-c", "import deckgen; print(deckgen.__file__)"], cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(site)}, capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout + where.stderr
    listing = run_installed(site, tmp_path, "themes", "list")
    assert listing.returncode == 0, listing.stderr
    listed = {line.split()[0] for line in listing.stdout.splitlines()[1:] if line and not line[0].isspace()}
    assert set(SHIPPED_THEMES) <= listed and {"default", "midnight", "corporate", "acme-cofacilitator"} <= listed
    course = tmp_path / "decks" / "course"
    shutil.copytree(SAMPLE, course)
    for theme in SHIPPED_THEMES:
        result = run_installed(site, tmp_path, "build", str(course), "--theme", theme, "-o", str(tmp_path / theme))
        assert result.returncode == 0, f"{theme}: {result.stdout}{result.stderr}"
        decks = sorted((tmp_path / theme / "course").glob("day-*.pptx"))
        assert [d.name for d in decks] == ["day-1.pptx", "day-2.pptx"], theme
        assert all(zipfile.ZipFile(d).testzip() is None for d in decks)
