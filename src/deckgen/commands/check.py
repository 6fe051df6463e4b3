"""`deckgen check`: load, validate and plan courses exactly as `build` does, write nothing, and collect
every problem (errors and warnings) with where it is."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ERROR, WARNING, DeckgenError, Diagnostic, Loc, display_path
from ..outline import COURSE_FILE

DECKS_DIR = Path("decks")


class UsageProblem(Exception):
    """The command was asked for something that is not there (a path that does not exist, no courses)."""


@dataclass
class CourseCheck:
    """One course's outcome."""

    folder: Path
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class CheckResult:
    courses: list[CourseCheck] = field(default_factory=list)
    strict: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for c in self.courses for d in c.diagnostics]

    @property
    def files(self) -> list[str]:
        seen: dict[str, None] = {}
        for c in self.courses:
            seen.update(dict.fromkeys(c.files))
        return list(seen)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == WARNING)

    @property
    def ok(self) -> bool:
        """No errors, and no warnings either under --strict."""
        return self.errors == 0 and not (self.strict and self.warnings)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def as_json(self) -> dict:
        return {
            "ok": self.ok,
            "strict": self.strict,
            "courses": [display_path(c.folder) for c in self.courses],
            "files": self.files,
            "diagnostics": [diagnostic_json(d) for d in self.diagnostics],
            "counts": {"errors": self.errors, "warnings": self.warnings, "files": len(self.files),
                       "courses": len(self.courses)},
        }


def diagnostic_json(d: Diagnostic) -> dict:
    """Every key always present (null when unknown), so editors and CI scripts need no special cases."""
    loc = d.loc or Loc("")
    return {"file": loc.file or None, "line": loc.line or None, "column": (loc.col or 1) if loc.line else None,
            "severity": d.severity, "message": d.message, "hint": d.hint}


def find_courses(root: Path = DECKS_DIR) -> list[Path]:
    """Every folder directly under `root` that holds a course.yaml, by name."""
    if not root.is_dir():
        return []
    return sorted(p.parent for p in root.glob(f"*/{COURSE_FILE}") if p.is_file())


def course_folder(path: Path) -> Path:
    """The course folder a command-line argument names: the folder itself, or the folder of a file in it
    (so an editor can check the course of the file being edited). Raises UsageProblem otherwise."""
    path = Path(path)
    from ..yamlsource import file_problem
    why = file_problem(path)
    if why is not None and not why.endswith("found a folder"):
        raise UsageProblem(f"no such course folder: {display_path(path)}" if why == "file not found"
                           else f"{display_path(path)}: {why}")
    if path.is_file():
        if (path.parent / COURSE_FILE).is_file():
            return path.parent
        raise UsageProblem(f"{display_path(path)}: expected a course folder (one holding {COURSE_FILE}), "
                           "or a file in one")
    return path


def check(courses: list[Path] | tuple[Path, ...] = (), *, strict: bool = False, theme_name: str | None = None,
          overrides: list[str] | tuple[str, ...] = (), themes_dirs: list[Path] | None = None,
          decks_dir: Path = DECKS_DIR, a11y: bool = False) -> CheckResult:
    """Check each course (default: every course under decks_dir) as `build` would, writing nothing."""
    if courses:
        folders = [course_folder(p) for p in courses]
    else:
        folders = find_courses(decks_dir)
        if not folders:
            raise UsageProblem(f"no courses found: no folder under {display_path(decks_dir)}/ holds a "
                               f"{COURSE_FILE}; name a course folder")
    folders = list(dict.fromkeys(folders))
    result = CheckResult(strict=strict)
    for folder in folders:
        result.courses.append(check_course(folder, theme_name=theme_name, overrides=overrides,
                                           themes_dirs=themes_dirs, a11y=a11y))
    return result


def check_course(folder: Path, *, theme_name: str | None = None, overrides=(),
                 themes_dirs: list[Path] | None = None, a11y: bool = False) -> CourseCheck:
    """`build`'s own pipeline (commands.build.plan) up to the slide plan, with its problems collected: for
    the course as written and then for each of its variants (a problem only a variant has says which); with
    `a11y`, also the accessibility report of the planned decks (deckgen.a11y)."""
    from .build import plan
    outcome = CourseCheck(folder)
    try:
        planned = plan(folder, theme_name=theme_name, overrides=list(overrides), themes_dirs=themes_dirs)
    except DeckgenError as exc:
        outcome.diagnostics = _unique(exc.diagnostics)
        outcome.files = _files_read(folder, None, outcome.diagnostics)
        return outcome
    outcome.diagnostics = _unique(planned.diagnostics.items)
    if a11y:
        from ..a11y import report
        outcome.diagnostics = _unique(outcome.diagnostics + report(planned.course, planned.plan.decks,
                                                                   planned.theme.palette))
    outcome.files = _files_read(folder, planned, outcome.diagnostics)
    for variant in planned_variants(folder):
        try:
            found = plan(folder, theme_name=theme_name, overrides=list(overrides), themes_dirs=themes_dirs,
                         variant=variant).diagnostics.items
        except DeckgenError as exc:
            found = exc.diagnostics
        else:
            outcome.files += [f for f in _files_read(folder, None, []) if f not in outcome.files]
        for d in found:
            if d not in outcome.diagnostics:
                outcome.diagnostics.append(Diagnostic(d.severity, f"in variant '{variant}': {d.message}", d.loc,
                                                      d.hint))
    outcome.diagnostics = _unique(outcome.diagnostics)
    return outcome


def planned_variants(folder: Path) -> list[str]:
    """The variants course.yaml defines (the course loaded without errors, so this cannot fail)."""
    from ..outline import load_course
    course, _ = load_course(folder)
    return [v.name for v in course.variants] if course is not None else []


def _unique(diagnostics) -> list[Diagnostic]:
    return list(dict.fromkeys(diagnostics))


def _files_read(folder: Path, planned, diagnostics: list[Diagnostic]) -> list[str]:
    """The files this check read: course.yaml, its module files and theme files, and any file a
    diagnostic points at."""
    files = [folder / COURSE_FILE]
    if planned is not None:
        files += [m.path for m in planned.course.modules if m.path]
        files += [Path(re.sub(r":\d+:\d+$", "", o)) for o in planned.theme.origins.values()]
    else:
        files += _module_files(folder)
    names = [display_path(f) for f in files if _readable(f)]
    names += [d.loc.file for d in diagnostics if d.loc and d.loc.file and _readable(d.loc.file)]
    return list(dict.fromkeys(names))


def _readable(path) -> bool:
    from ..yamlsource import file_problem
    return file_problem(Path(path)) is None


def _module_files(folder: Path) -> list[Path]:
    """The module files course.yaml lists, when it can be read (the check failed, so there is no plan)."""
    from .. import yamlsource
    try:
        root = yamlsource.load(folder / COURSE_FILE)
    except DeckgenError:
        return []
    out = []
    days = root.get("days") if isinstance(root, yamlsource.YMap) else None
    for day in days.items if isinstance(days, yamlsource.YSeq) else []:
        modules = day.get("modules") if isinstance(day, yamlsource.YMap) else None
        for ref in modules.items if isinstance(modules, yamlsource.YSeq) else []:
            name = ref.text() if isinstance(ref, yamlsource.YScalar) else None
            if name:
                out.append(folder / name)
    return out
