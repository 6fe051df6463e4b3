"""`deckgen build` and `deckgen check`: load, validate and plan a course; render and write its decks.

`plan` is the single entry for validation and planning (deckgen check stops there). `build` plans the
whole course (so every problem is reported, whichever deck it is in), then renders only the decks whose
key changed since the manifest (deckgen.manifest) recorded them. A deck's key is a hash of its slide
plan, the resolved theme, the contents of the assets and templates it uses, and deckgen's own version
and code: the plan already says everything the outline contributes, so an edit that changes nothing on
a deck's slides (a comment, another module) does not rebuild it, and any edit that does, does, whatever
the dependency (a module deck's clock times depend on the modules before it, for instance).

An output whose bytes differ from what deckgen recorded was edited by hand: it is never overwritten.
The build stops naming it, or with `force` moves it aside as `day-1.edited-<local time>.pptx` first.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePath

from .. import __version__
from .. import manifest as mf
from ..errors import DeckgenError, Diagnostic, Diagnostics, Loc, display_path, ERROR
from ..outline import Course, load_course
from ..yamlsource import file_problem, name_problem
from ..plan import CoursePlan, Deck
from ..theme import Theme, available_themes, resolve_theme, theme_dirs


@dataclass
class Planned:
    course: Course
    theme: Theme
    plan: CoursePlan
    diagnostics: Diagnostics


@dataclass
class Written:
    path: Path
    slides: int
    seconds: float


@dataclass
class UpToDate:
    """A deck whose inputs did not change since it was written, and which nobody edited since."""

    path: Path
    slides: int


@dataclass
class Kept:
    """A deck edited by hand whose inputs did not change: nothing to rebuild, so it is left as it is."""

    path: Path
    slides: int


@dataclass
class MovedAside:
    """A hand-edited deck moved out of the way (with force) before its rebuild was written."""

    path: Path
    to: Path


@dataclass
class BuildResult:
    written: list[Written] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0
    up_to_date: list[UpToDate] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    moved: list[MovedAside] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def skipped(self) -> list:
        """Decks not written: up to date, or edited by hand with nothing to rebuild."""
        return [*self.up_to_date, *self.kept]


def load_with_theme(course_dir: Path, *, theme_name: str | None = None, overrides: list[str] = (),
                    themes_dirs: list[Path] | None = None,
                    variant: str | None = None) -> tuple[Course, Theme, Diagnostics]:
    """The validated course of one variant (deckgen.variants; None: as written) and its resolved theme
    (--theme over the variant's over the course's own); raises DeckgenError with every problem found."""
    from ..variants import apply
    course, diags = load_course(Path(course_dir))
    client = None
    if course is not None:
        course, client = apply(course, variant, diags)
    if course is None:
        # report the theme's problems in the same run as the outline's
        if diags.has_errors() and file_problem(Path(course_dir, "course.yaml")) is None:
            try:
                resolve_theme(theme_name or _theme_named_in(Path(course_dir)), Path(course_dir),
                              overrides=list(overrides), extra_dirs=themes_dirs)
            except DeckgenError as exc:
                diags.extend(exc.diagnostics)
        diags.raise_if_errors()
    try:
        theme, theme_diags = resolve_theme(theme_name or course.theme, course.folder, overrides=list(overrides),
                                           extra_dirs=themes_dirs,
                                           name_loc=None if theme_name else course.theme_loc)
    except DeckgenError as exc:
        raise DeckgenError(diags.items + exc.diagnostics) from None
    diags.extend(theme_diags)
    if client is not None and client.logo is not None:
        theme = with_client_logo(theme, client.logo)
    from ..languages import theme_for
    theme = theme_for(theme, course.language)  # e.g. a Traditional-Chinese typeface for a zh-TW course
    diags.raise_if_errors()
    return course, theme, diags


def with_client_logo(theme: Theme, image: Path) -> Theme:
    """The client's logo on the cover, in the first corner the theme's own logos leave free there."""
    from ..theme import LOGO_POSITIONS, Logo
    taken = {lg.position for lg in theme.logos if lg.shows_on("cover")}
    corner = next((c for c in ("top-left", *LOGO_POSITIONS) if c not in taken), None)
    if corner is None:
        return theme
    return dataclasses.replace(theme, logos=theme.logos + (Logo(file=image, position=corner, height=0.6,
                                                                 slides="cover"),))


def _theme_named_in(course_dir: Path) -> str | None:
    """The theme an invalid course.yaml asks for, read leniently (None: the default)."""
    from ..yamlsource import YMap, YScalar, load
    try:
        root = load(course_dir / "course.yaml")
    except DeckgenError:
        return None
    node = root.get("theme") if isinstance(root, YMap) else None
    return node.text() if isinstance(node, YScalar) and isinstance(node.text(), str) else None


def plan(course_dir: Path, *, theme_name: str | None = None, overrides: list[str] = (),
         per_module: bool = False, themes_dirs: list[Path] | None = None, variant: str | None = None) -> Planned:
    """Everything up to the slide plan (of one variant); raises DeckgenError with every problem found."""
    from ..planner import plan_course
    course, theme, diags = load_with_theme(course_dir, theme_name=theme_name, overrides=overrides,
                                           themes_dirs=themes_dirs, variant=variant)
    course_plan = plan_course(course, theme, diags, per_module=per_module)
    diags.raise_if_errors()
    return Planned(course, theme, course_plan, diags)


# --- keys ----------------------------------------------------------------------------------------

# Fields that say where something came from, not what it looks like: left out of keys.
_PROVENANCE = frozenset({"source", "loc", "origins", "sources", "theme_loc"})
_ENCODERS: dict[type, object] = {}
_SCALARS = (int, float, bool, type(None))


def canonical(obj, out: list[str], paths: set[str]) -> None:
    """Append a text form of `obj` (plan or theme data) to `out` that changes exactly when what it would
    render changes: provenance (file locations) is left out, files are named by real path and collected
    in `paths` (their contents go into the key separately).

    A slide plan of a thousand slides is some 750,000 objects, so each dataclass type gets an encoder of
    its own that handles text and number fields inline.
    """
    t = type(obj)
    if t is str:
        out.append(f"{len(obj)}:{obj}")
    elif t in _SCALARS:
        out.append(repr(obj))
    else:
        encoder = _ENCODERS.get(t)
        if encoder is None:
            encoder = _ENCODERS[t] = _encoder_for(t, obj)
        encoder(obj, out, paths)


def _encoder_for(t: type, sample):
    if t is Loc:
        return lambda obj, out, paths: None
    if dataclasses.is_dataclass(sample):
        names = tuple(f.name for f in dataclasses.fields(sample) if f.name not in _PROVENANCE)
        head = t.__name__ + "("

        def encode_dataclass(obj, out, paths):
            out.append(head)
            for name in names:
                v = getattr(obj, name)
                tv = type(v)
                if tv is str:
                    out.append(f"{len(v)}:{v},")
                elif tv in _SCALARS:
                    out.append(f"{v!r},")
                else:
                    canonical(v, out, paths)
                    out.append(",")
            out.append(")")
        return encode_dataclass
    if isinstance(sample, (tuple, list)):
        def encode_sequence(obj, out, paths):
            out.append("[")
            for v in obj:
                tv = type(v)
                if tv is str:
                    out.append(f"{len(v)}:{v},")
                elif tv in _SCALARS:
                    out.append(f"{v!r},")
                else:
                    canonical(v, out, paths)
                    out.append(",")
            out.append("]")
        return encode_sequence
    if isinstance(sample, dict):
        def encode_mapping(obj, out, paths):
            out.append("{")
            for k, v in obj.items():
                canonical(k, out, paths)
                out.append(":")
                canonical(v, out, paths)
                out.append(",")
            out.append("}")
        return encode_mapping
    if isinstance(sample, PurePath):
        def encode_path(obj, out, paths):
            real = os.path.realpath(obj)
            paths.add(real)
            out.append(f"P{len(real)}:{real}")
        return encode_path
    if isinstance(sample, (set, frozenset)):
        return lambda obj, out, paths: canonical(sorted(obj, key=repr), out, paths)
    return lambda obj, out, paths: out.append(repr(obj))


def _paths_in(obj) -> set[str]:
    paths: set[str] = set()
    canonical(obj, [], paths)
    return paths


# --- building ------------------------------------------------------------------------------------

@dataclass(eq=False)  # compared by identity: a deck's plan is large
class _Job:
    deck: Deck
    kind: str
    path: Path
    inputs: list[str]
    key: str
    record: dict | None
    seconds: float = 0.0
    date: int = 0  # the document date, seconds since 1970 (UTC)
    data: bytes | None = None
    aside: bool | None = False  # move the existing file aside first (None: decide once the bytes are known)
    replaces: str | None = None  # sha256 of deckgen's own previous output this deck replaces


def build(course_dir: Path, out_dir: Path = Path("out"), *, per_module: bool = False, theme_name: str | None = None,
          overrides=(), themes_dirs: list[Path] | None = None, force: bool = False, variant: str | None = None,
          for_facilitator: str | None = None) -> BuildResult:
    """Plan the course (one variant of it) and write the decks whose inputs changed (all of them with
    `force`) to OUT/<course>/, OUT/<course>/<variant>/ for a variant; `for_facilitator` writes that
    facilitator's own copy (their notes in full, the others' collapsed) to a `for-<name>/` folder inside.

    Every deck to write is rendered before any is written: a failure leaves all outputs as they were.
    """
    started = time.perf_counter()
    try:
        epoch = mf.source_date_epoch()
    except mf.ManifestError as exc:
        raise DeckgenError(str(exc)) from None
    overrides = list(overrides or ())
    planned = plan(course_dir, theme_name=theme_name, overrides=overrides, per_module=per_module,
                   themes_dirs=themes_dirs, variant=variant)
    course, theme = planned.course, planned.theme
    target = output_folder(Path(out_dir), course)
    if for_facilitator is not None:
        planned, target = _own_copy(planned, for_facilitator, target)
    manifest_file = target / mf.MANIFEST_NAME
    # Two builds into one folder (a watch and a build, two terminals) take turns: each reads the manifest,
    # cleans up temp files and writes its outputs while the other waits, so neither takes the other's
    # files for stale ones or its half-written state for the previous build's.
    from ..writer import folder_lock
    with folder_lock(target):
        course_real = os.path.realpath(course.folder)
        old = mf.load(manifest_file) or {}
        if old.get("course") != course_real:
            old = {}
        old_files, old_decks = old.get("files") or {}, old.get("decks") or {}

        # Where the theme chain was found (the fast path checks no other theme of those names appears first).
        search = mf.theme_search_dirs(course.folder, themes_dirs)
        resolved = {name: mf.find_theme(search, name) for name in theme.chain}
        known = available_themes(theme_dirs(course.folder, themes_dirs))
        theme_files = [os.path.realpath(known[name]) for name in theme.chain if name in known]
        theme_text: list[str] = []
        theme_assets: set[str] = set()
        canonical(theme, theme_text, theme_assets)
        theme_key = "".join(theme_text)
        course_file = os.path.realpath(Path(course.folder) / "course.yaml")
        date_source = "inputs" if epoch is None else f"SOURCE_DATE_EPOCH={epoch}"
        base = f"deckgen {__version__} {mf.code_fingerprint()}\n{date_source}\n{theme_key}\n"

        jobs: list[_Job] = []
        files: dict[str, dict] = {}
        for deck in planned.plan.decks:
            text: list[str] = []
            assets: set[str] = set(theme_assets)
            canonical(deck, text, assets)
            sources = [os.path.realpath(p) for p in deck.sources]
            inputs = list(dict.fromkeys([course_file, *sources, *theme_files, *sorted(assets)]))
            for p in inputs:
                if p not in files:
                    files[p] = _file_record(p, old_files.get(p))
            h = hashlib.sha256(base.encode())
            h.update("".join(text).encode())
            for p in sorted(assets):
                h.update(f"\n{p} {files[p]['sha256']}".encode())
            kind = "module" if deck.name.startswith("module-") else "day"
            jobs.append(_Job(deck, kind, target / f"{deck.name}.pptx", inputs, h.hexdigest(),
                             old_decks.get(deck.name)))
        for p in sorted(_paths_in(course)):  # anything else the outline names (module files, pictures)
            if p not in files and os.path.isfile(p):
                files[p] = _file_record(p, old_files.get(p))

        for path in (manifest_file, *(job.path for job in jobs)):
            why = name_problem(os.path.abspath(path))
            if why is not None:  # found before any file is touched (the system would say it halfway through)
                raise DeckgenError(f"cannot write the decks here: {why}", Loc.of(out_dir))
        result = BuildResult(diagnostics=planned.diagnostics, manifest=manifest_file)
        to_build: list[_Job] = []
        refused: list[Diagnostic] = []
        for job in jobs:
            exists = job.path.exists()
            intact = exists and job.record is not None and "sha256" in job.record and \
                mf.unchanged(str(job.path), job.record)[0]
            if exists and not intact and _interrupted(job):
                # a build was stopped after its manifest was renamed into place and before this deck was: the
                # file is deckgen's previous output, not a hand edit, and the deck is simply written again
                job.replaces = job.record.get("replaces")
                to_build.append(job)
                continue
            if intact:
                job.replaces = job.record.get("sha256")
            if exists and not intact and job.record is not None and job.record.get("key") != job.key and \
                    mf.pulled(str(job.path), job.record):
                intact = True  # its edits are in the outline now (deckgen pull): the rebuild shows them
            if not force and job.record is not None and job.record.get("key") == job.key and exists:
                if intact:
                    result.up_to_date.append(UpToDate(job.path, len(job.deck.slides)))
                else:
                    result.kept.append(Kept(job.path, len(job.deck.slides)))
                continue
            if exists and not intact:
                if job.record is not None:  # deckgen wrote it, someone changed it since
                    if not force:
                        refused.append(_edited(job.path, recorded=True))
                        continue
                    job.aside = True
                else:
                    job.aside = None  # unknown: decided once its new bytes are known
            to_build.append(job)
        if refused:
            raise DeckgenError(refused)

        if to_build:
            from ..render import render_deck
            # The plan (hundreds of thousands of objects for a long course) lives until the end: keep the
            # garbage collector from walking it again and again while rendering allocates.
            gc.freeze()
            try:
                for job in to_build:
                    t = time.perf_counter()
                    date = epoch if epoch is not None else max(files[p]["date"] for p in job.inputs if p in files)
                    job.date = date
                    job.data = render_deck(job.deck, theme, date=datetime.fromtimestamp(date, timezone.utc))
                    job.seconds = time.perf_counter() - t
            finally:
                gc.unfreeze()
        for job in to_build:
            if job.aside is None:  # a file deckgen has no record of: keep it unless it is what we would write
                same = mf.sha256_file(job.path) == mf.sha256_bytes(job.data)
                if not same and not force:
                    refused.append(_edited(job.path, recorded=False, manifest=manifest_file))
                job.aside = not same
        if refused:
            raise DeckgenError(refused)

        # Nothing has been written yet. Every deck and the manifest are written to temp files first; only
        # when all of them are on disk are they renamed into place, so a write that fails (disk full, a
        # read-only folder, a file-size limit) leaves every previous output as it was. The manifest is
        # renamed first: a build killed between renames leaves decks the manifest records as `replaces`,
        # which the next build recognises as its own and writes again.
        from ..pull.record import deck_record, record_path
        from ..pull.record import dumps as record_bytes
        from ..writer import Batch, move_aside, remove_stale_temps
        for job in jobs:  # temp files a killed build left (a live build's are locked and kept)
            remove_stale_temps(job.path)
        now = time.time()
        decks = {name: rec for name, rec in old_decks.items()}
        batch = Batch()
        writing = manifest_file
        try:
            for job in to_build:
                writing = job.path
                st = os.stat(batch.stage(job.path, job.data))  # a rename keeps size and mtime
                digest = mf.sha256_bytes(job.data)
                texts = record_path(job.path)  # what `deckgen pull` compares with
                writing = Path(texts)
                batch.stage(Path(texts), record_bytes(deck_record(job.deck, digest)))
                decks[job.deck.name] = {"kind": job.kind, "file": job.path.name, "slides": len(job.deck.slides),
                                        "key": job.key, "date": job.date, "inputs": job.inputs,
                                        "sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                                        "texts": os.path.relpath(texts, target), "replaces": job.replaces}
            for job in jobs:  # refresh the stat cache of untouched outputs
                rec = decks.get(job.deck.name)
                if rec is not None and job not in to_build and "sha256" in rec:
                    ok, new = mf.unchanged(str(job.path), rec)
                    if ok and new is not None:
                        decks[job.deck.name] = new
            writing = manifest_file
            batch.stage(manifest_file, mf.dumps({
                "format": mf.FORMAT,
                "deckgen": __version__,
                "code": mf.code_fingerprint(),
                "course": course_real,
                "slug": course.slug,
                "variant": course.variant,
                "options": mf.options_record(theme_name=theme_name, overrides=overrides, per_module=per_module,
                                             themes_dirs=themes_dirs),
                "themes": {"dirs": search, "resolved": resolved,
                           "hash": hashlib.sha256(theme_key.encode()).hexdigest()},
                "date_source": date_source,
                "files": files,
                "decks": decks,
                "plan": [job.deck.name for job in jobs],
                "warnings": [str(d) for d in planned.diagnostics if d.severity != ERROR],
            }))
            for job in to_build:
                if job.aside:
                    writing = job.path
                    result.moved.append(MovedAside(job.path, move_aside(job.path, now)))
            batch.commit()
        except OSError as exc:
            batch.abort()
            raise DeckgenError([_write_failed(exc, writing, moved=bool(result.moved))]) from None
        for job in to_build:
            result.written.append(Written(job.path, len(job.deck.slides), job.seconds))
        result.seconds = time.perf_counter() - started
        return result


def _interrupted(job: _Job) -> bool:
    """Whether the file at the job's path is the output deckgen's last manifest says it replaced."""
    previous = (job.record or {}).get("replaces")
    if not previous:
        return False
    try:
        return mf.sha256_file(job.path) == previous
    except OSError:
        return False


def _write_failed(exc: OSError, path: Path, moved: bool) -> Diagnostic:
    """A write that failed, at the output it was writing: what the system said, and that nothing changed."""
    import errno
    reason = exc.strerror or str(exc)
    hints = {errno.ENOSPC: "free some space on the disk, or build into another folder with -o",
             errno.EDQUOT: "free some space (your disk quota is used up), or build into another folder with -o",
             errno.EFBIG: "the file is larger than this system lets a program write (a file-size limit)",
             errno.EROFS: "the folder is on a read-only disk: build into another folder with -o",
             errno.EACCES: "you may not write in this folder: build into another folder with -o",
             errno.EPERM: "you may not write in this folder: build into another folder with -o",
             errno.ENOTDIR: "a file stands where the output folder should be: remove or rename it, or use -o",
             errno.EEXIST: "a file stands where the output folder should be: remove or rename it, or use -o",
             errno.EISDIR: "a folder stands where this deck should be written: remove or rename it"}
    state = ("the decks moved aside keep their new names; no deck was replaced" if moved
             else "nothing was written; the previous decks are unchanged")
    return Diagnostic(ERROR, f"cannot write this file: {reason} ({state})", Loc.of(path), hints.get(exc.errno))


@dataclass
class VariantBuild:
    """One edition's outcome in `build_variants`: its result, or the problems that stopped it."""

    variant: str
    result: BuildResult | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def build_variants(course_dir: Path, out_dir: Path = Path("out"), *, jobs: int | None = None,
                   **options) -> list[VariantBuild]:
    """`build --all-variants`: the course as written and each variant, each in its own process when the
    machine has more than one core (a variant's build is independent of the others': its own folder, its
    own manifest). Returned in the course's order; an edition that fails does not stop the others."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from ..variants import variant_names
    course, diags = load_course(Path(course_dir))
    diags.raise_if_errors()
    names = variant_names(course)
    jobs = jobs or min(len(names), os.cpu_count() or 1)
    calls = [(Path(course_dir), Path(out_dir), name, options) for name in names]
    if jobs <= 1:
        return [_build_one(call) for call in calls]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_build_one, calls))


def _build_one(call) -> VariantBuild:
    course_dir, out_dir, name, options = call
    try:
        return VariantBuild(name, build(course_dir, out_dir, variant=name, **options))
    except DeckgenError as exc:
        return VariantBuild(name, None, list(exc.diagnostics))


def output_folder(out_dir: Path, course: Course) -> Path:
    """OUT/<course>/ for the course as written, OUT/<course>/<variant>/ for a variant."""
    target = Path(out_dir) / course.slug
    return target / course.variant if course.variant else target


def _own_copy(planned: Planned, who: str, target: Path) -> tuple[Planned, Path]:
    from ..facilitators import collapse_others, find, lead_label
    course = planned.course
    person = find(course, who)
    if person is None:
        known = ", ".join(f.name for f in course.facilitators) or "none (add 'facilitators:' to course.yaml)"
        raise DeckgenError(Diagnostic(ERROR, f"--for: this course has no facilitator '{who}'", course.loc,
                                      f"facilitators: {known}"))
    label = lead_label(planned.theme, course.language)
    decks = [collapse_others(d, person.name, label) for d in planned.plan.decks]
    own = dataclasses.replace(planned, plan=dataclasses.replace(planned.plan, decks=decks))
    return own, target / f"for-{_folder_name(person.name)}"


def _folder_name(name: str) -> str:
    """A facilitator's name as a folder name: spaces to dashes, no path separators."""
    import re
    return re.sub(r"[\s/\\:]+", "-", name.strip()).strip("-.") or "facilitator"


def _file_record(path: str, previous: dict | None) -> dict:
    try:
        return mf.file_record(path, previous)
    except OSError:  # vanished since planning: never matches, so the next build looks again
        return {"sha256": None, "size": -1, "mtime_ns": -1, "date": 0}


def _edited(path: Path, *, recorded: bool, manifest: Path | None = None) -> Diagnostic:
    stem = path.stem
    if recorded:
        message = ("this deck was changed after deckgen wrote it (edited in PowerPoint?); "
                   "it was not overwritten, and nothing was written")
    else:
        message = (f"this file was not written by deckgen (there is no record of it in "
                   f"{display_path(manifest)}); it was not overwritten, and nothing was written")
    if recorded:
        hint = (f"to keep the changes, run `deckgen pull {display_path(path)}`: it writes them into the outline, "
                f"and the next build replaces the deck; or rebuild with --force, which first moves this file "
                f"aside as {stem}.edited-<date>-<time>{path.suffix} (nothing is deleted)")
    else:
        hint = (f"to keep the changes, copy them into the outline; then rebuild with --force, which first moves "
                f"this file aside as {stem}.edited-<date>-<time>{path.suffix} (nothing is deleted)")
    return Diagnostic(ERROR, message, Loc.of(path), hint)


__all__ = ["plan", "build", "build_variants", "VariantBuild", "Planned", "BuildResult", "Written", "UpToDate", "Kept", "MovedAside", "canonical"]
