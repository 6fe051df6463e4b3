"""The attack corpus' project: a small course with a theme on a corporate template, a logo and a background,
built once; each case changes some of its files, runs `deckgen check` and `deckgen build` and judges them.

The rules every case is held to (see `run_case`):
- no traceback, ever; `check` and `build` agree (check clean ⇒ build succeeds; check errors ⇒ build fails);
- a failure names where: every `error:` line starts with a file (and line:column inside text files);
- a failed build leaves the previous decks byte-identical and no new file behind;
- a build that succeeds writes decks that parse, of a size in proportion to the course.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from click.testing import CliRunner

COURSE = """\
title: Selling with a plan
subtitle: A two-module course
trainers: [Ana Ruiz, 王明]
language: en
theme: brand
days:
  - title: Day one
    start: "09:00"
    breaks:
      - {at: "10:30", minutes: 15}
    modules:
      - 01-intro.yaml
      - 02-more.yaml
"""

MODULE_1 = """\
number: 1
title: Why a plan
objectives:
  - See where deals are lost
sections:
  - kind: content
    title: Where deals are lost
    minutes: 20
    points:
      - Late discovery of the buyer's process
      - "No next step agreed: the deal drifts"
      - text: Forecasts built on hope
        points:
          - Stage by stage evidence
    notes: Ask for one lost deal from the room.
  - kind: framework
    title: Three pillars
    minutes: 15
    diagram:
      kind: pillars
      items:
        - {label: Pipeline, text: enough deals}
        - {label: Process, text: the same steps}
        - {label: People, text: coached weekly}
    notes: Draw it on the flip chart first.
"""

MODULE_2 = """\
number: 2
title: 过程管理 in practice
sections:
  - kind: case
    title: A quarter missed
    minutes: 20
    background: A team of five sells to large accounts and misses its quarter.
    questions:
      - What went wrong first?
    notes: Let groups answer before you do.
  - kind: exercise
    title: Plan your next call
    minutes: 25
    task: Write the next step for one live deal.
    steps: [Pick a deal, Name the buyer's next step, Agree a date]
    deliverable: One line per deal
    debrief: [What surprised you?]
    notes: Walk around and read the plans.
"""

THEME = """\
description: the attack corpus' brand
template: template.pptx
logos:
  - file: logo.png
    position: bottom-left
    height: 0.3
backgrounds:
  divider: background.png
footer:
  text: "{course} · {trainer}"
  slide_number: "{n} / {total}"
"""

COURSE_DIR = "decks/c"
THEME_DIR = "themes/brand"
OUT = "out"
MAX_DECK_BYTES = 3 * 1024 * 1024  # this course's decks are ~100 KB; pictures included, far under this
LOCATED = re.compile(r"^(?P<file>[^\n]+?)(?::(?P<line>\d+):(?P<col>\d+))?: error: ", re.M)


def png(width: int = 120, height: int = 60, colour=(20, 60, 120)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 160, height: int = 90) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()


def template_bytes() -> bytes:
    """python-pptx's own blank presentation: a valid template with the layouts deckgen names by default."""
    from pptx import Presentation
    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def rezip(data: bytes, change: Callable[[list[tuple[zipfile.ZipInfo, bytes]]], list]) -> bytes:
    """The package `data` with its members changed by `change` (a list of (ZipInfo, bytes) in, one out)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    members = [(info, src.read(info.filename)) for info in src.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate names some cases add
            for info, body in change(members):
                if not isinstance(info, zipfile.ZipInfo):
                    info = zipfile.ZipInfo(info)
                    info.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(info, body)
    return out.getvalue()


def source_files() -> dict[str, bytes]:
    return {
        f"{COURSE_DIR}/course.yaml": COURSE.encode(),
        f"{COURSE_DIR}/01-intro.yaml": MODULE_1.encode(),
        f"{COURSE_DIR}/02-more.yaml": MODULE_2.encode(),
        f"{THEME_DIR}/theme.yaml": THEME.encode(),
        f"{THEME_DIR}/template.pptx": template_bytes(),
        f"{THEME_DIR}/logo.png": png(),
        f"{THEME_DIR}/background.png": png(320, 180, (10, 30, 60)),
    }


def invoke(*args) -> tuple[int, str]:
    from deckgen.cli import main
    result = CliRunner().invoke(main, [str(a) for a in args])
    text = result.output
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, text


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included), by relative path."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Project:
    """The corpus' project folder, restored to its sources before each case; `baseline` is the out folder
    of one clean build, copied into each case's own out folder."""

    root: Path
    sources: dict[str, bytes]
    baseline: dict[str, bytes] = field(default_factory=dict)
    runs: int = 0

    def restore(self) -> None:
        for top in ("decks", "themes"):
            path = self.root / top
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.exists():
                for p in path.rglob("*"):  # a case may have made a folder unreadable or read-only
                    if p.is_dir() and not p.is_symlink():
                        os.chmod(p, 0o755)
                shutil.rmtree(path)
        for rel, data in self.sources.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def fresh_out(self) -> Path:
        """A new out folder holding the baseline build (its manifest names this project's course)."""
        self.runs += 1
        out = self.root / f"out-{self.runs}"
        for rel, data in self.baseline.items():
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return out

    def path(self, rel: str) -> Path:
        return self.root / rel


def make_project(root: Path) -> Project:
    project = Project(root, source_files())
    project.restore()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code, text = invoke("build", COURSE_DIR, "-o", OUT)
        assert code == 0, text
    finally:
        os.chdir(cwd)
    project.baseline = snapshot(root / OUT)
    from deckgen.pull.record import record_path
    texts = os.path.relpath(record_path("c/day-1.pptx"))  # what `deckgen pull` compares a deck with
    assert sorted(project.baseline) == sorted([f"c/{n}" for n in (".deckgen-manifest.json", "day-1.pptx")]
                                              + [texts])
    return project


@dataclass
class Outcome:
    check_code: int
    check_text: str
    build_code: int
    build_text: str
    out: Path


def run_case(project: Project, mutate, expect: str, says: str | None = None, args=()) -> Outcome:
    """Restore the project, apply `mutate(project)`, then check and build. `expect` is "error" (a located
    error from both), "ok" (both clean, the deck rebuilt and valid) or "either" (whichever, as long as
    check and build agree and every rule holds). `says`: a phrase the error output must hold."""
    project.restore()
    out = project.fresh_out()
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        extra = mutate(project)
        all_args = [*args, *(extra if isinstance(extra, list) else ())]
        check_code, check_text = invoke("check", COURSE_DIR, *all_args)
        build_code, build_text = invoke("build", COURSE_DIR, "-o", out, *all_args)
    finally:
        os.chdir(cwd)
    outcome = Outcome(check_code, check_text, build_code, build_text, out)
    judge(project, outcome, expect, says)
    return outcome


def judge(project: Project, o: Outcome, expect: str, says: str | None) -> None:
    both = o.check_text + o.build_text
    assert o.check_code in (0, 1) and o.build_code in (0, 1), both
    if expect == "error":
        assert o.check_code == 1, "check passed what should be refused:\n" + o.check_text
    elif expect == "ok":
        assert o.check_code == 0, "check refused what should build:\n" + o.check_text
    if o.check_code == 0:
        assert o.build_code == 0, "check was clean but build failed:\n" + both
    else:
        assert o.build_code == 1, "check found errors but build succeeded:\n" + both
    if says is not None:
        assert says in both, both
    if o.build_code != 0:
        errors = [line for line in o.build_text.splitlines() if "error: " in line and not line.startswith(" ")]
        assert errors, o.build_text
        for line in errors:
            m = LOCATED.match(line)
            assert m and m.group("file").strip() and not m.group("file").startswith("deckgen"), \
                "an error without a location: " + line
        assert snapshot(o.out) == project.baseline, "a failed build changed the previous output"
        for line in o.check_text.splitlines():
            if "error: " in line and not line.startswith(" "):
                assert LOCATED.match(line), "check: an error without a location: " + line
    else:
        after = snapshot(o.out)
        decks = {k: v for k, v in after.items() if k.endswith(".pptx")}
        assert sorted(after) == sorted(project.baseline), sorted(after)  # no stray temp or extra file
        for name, data in decks.items():
            assert len(data) < MAX_DECK_BYTES, f"{name} is {len(data):,} bytes"
            assert_parts_parse(data, name)


def assert_parts_parse(data: bytes, name: str) -> None:
    """Every XML part of a deck parses with a strict parser, and the package opens in python-pptx."""
    from lxml import etree
    from pptx import Presentation
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = zf.namelist()
    assert len(names) == len(set(names)), name
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for part in names:
        if part.endswith((".xml", ".rels")):
            body = zf.read(part)
            assert b"<!DOCTYPE" not in body and b"<!ENTITY" not in body, f"{name}:/{part} holds a DTD"
            etree.fromstring(body, parser)
    Presentation(io.BytesIO(data))


def write(project: Project, rel: str, data: str | bytes) -> None:
    path = project.path(rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_file():
        path.unlink()
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def replace_in(project: Project, rel: str, old: str, new: str) -> None:
    path = project.path(rel)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
