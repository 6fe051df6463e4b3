"""The build manifest: what each deck was built from and what deckgen wrote, next to the decks.

`out/<course>/.deckgen-manifest.json` records, for the last build of a course:

- the deckgen version and a fingerprint of deckgen's own code (a changed deckgen rebuilds everything);
- the build options (`--theme`, `--set`, `--per-module`, extra theme folders) and where each theme of the
  chain was found (a theme of the same name appearing earlier in the search path changes the build);
- every input file (course.yaml, module files, theme.yaml files, theme assets and templates, pictures):
  its sha256, and its size and mtime as a cache so an unchanged file is not read again;
- per deck: its kind (day or module), its output file, the inputs it depends on, the key it was built
  with (a hash of its slide plan, the resolved theme, the assets' contents and its document date), and
  the output's sha256 (and size and mtime as a cache), which is how a hand-edited deck is recognised.

This module uses the standard library only: `deckgen build` reads it before importing YAML, click or
python-pptx, and when nothing changed that is all it does (see deckgen.fastpath).
"""
from __future__ import annotations

import json
import os

MANIFEST_NAME = ".deckgen-manifest.json"
FORMAT = 1
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
BUILTIN_THEMES = os.path.join(_PACKAGE_DIR, "themes")
THEME_FILE = "theme.yaml"


class ManifestError(Exception):
    """The environment asks for something the manifest cannot answer (e.g. a malformed SOURCE_DATE_EPOCH)."""


def manifest_path(out_dir: str | os.PathLike, slug: str) -> str:
    return os.path.join(os.fspath(out_dir), slug, MANIFEST_NAME)


def course_slug(course_dir: str | os.PathLike) -> str:
    """The output folder name of a course: its folder's name (as deckgen.outline names it)."""
    return os.path.basename(os.path.realpath(os.fspath(course_dir)))


def load_json(path: str | os.PathLike):
    """The JSON data at `path`, or None when there is none or it is unreadable."""
    try:
        with open(path, "rb") as f:
            return json.loads(f.read())
    except (OSError, ValueError):
        return None


def load(path: str | os.PathLike) -> dict | None:
    """The manifest at `path`, or None when there is none, or it is unreadable or of another format."""
    data = load_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def dumps(data: dict) -> bytes:
    """The manifest file's bytes."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def save(path: str | os.PathLike, data: dict) -> None:
    """Write the manifest atomically."""
    write_atomic(path, dumps(data))


def write_atomic(path: str | os.PathLike, data: bytes) -> str:
    """Write `data` to `path` through a temp file and a rename: a crash leaves the old file or the new one."""
    path = os.fspath(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return path
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --- files ---------------------------------------------------------------------------------------

def sha256_file(path: str | os.PathLike) -> str:
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    import hashlib
    return hashlib.sha256(data).hexdigest()


def file_record(path: str, previous: dict | None = None) -> dict:
    """sha256, size, mtime and content date of `path`; the content date is the mtime at which this
    content was first seen (kept from `previous` when the content is unchanged, so a mere touch
    changes nothing, not even the decks' document dates)."""
    st = os.stat(path)
    if previous and previous.get("size") == st.st_size and previous.get("mtime_ns") == st.st_mtime_ns:
        return dict(previous)
    digest = sha256_file(path)
    date = int(st.st_mtime)
    if previous and previous.get("sha256") == digest and "date" in previous:
        date = previous["date"]
    return {"sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "date": date}


def pulled(path: str, record: dict) -> bool:
    """Whether the file at `path` is a hand-edited deck whose every edit `deckgen pull` carried into the
    outline (its sha256 recorded as `pulled`): the next build may replace it."""
    want = record.get("pulled")
    if not want:
        return False
    try:
        return sha256_file(path) == want
    except OSError:
        return False


def unchanged(path: str, record: dict) -> tuple[bool, dict | None]:
    """(is the file's content what `record` says, refreshed record when only its stat changed)."""
    try:
        st = os.stat(path)
    except OSError:
        return False, None
    if st.st_size == record.get("size") and st.st_mtime_ns == record.get("mtime_ns"):
        return True, None
    if st.st_size != record.get("size"):
        return False, None
    try:
        same = sha256_file(path) == record.get("sha256")
    except OSError:
        return False, None
    if not same:
        return False, None
    return True, {**record, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


# --- what else decides a build -------------------------------------------------------------------

_fingerprint: str | None = None


def code_fingerprint() -> str:
    """A hash of the names, sizes and mtimes of deckgen's own source files: edit or upgrade deckgen and
    every deck is rebuilt (its output may differ even when the course did not change)."""
    global _fingerprint
    if _fingerprint is None:
        import zlib  # not hashlib: this runs on every no-change rerun, and detects edits, not attacks
        lines = []
        stack = [_PACKAGE_DIR]
        while stack:
            folder = stack.pop()
            with os.scandir(folder) as it:
                for entry in it:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in ("__pycache__", "themes"):
                            stack.append(entry.path)
                    elif entry.name.endswith(".py"):
                        st = entry.stat()
                        lines.append(f"{os.path.relpath(entry.path, _PACKAGE_DIR)}:{st.st_size}:{st.st_mtime_ns}")
        text = "\n".join(sorted(lines)).encode()
        _fingerprint = f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(lines):04d}"
    return _fingerprint


def theme_search_dirs(course_dir: str | os.PathLike | None, extra=None) -> list[str]:
    """Where themes are looked for, first match wins (the same list as deckgen.theme.theme_dirs)."""
    dirs = [os.fspath(d) for d in (extra or [])]
    dirs.append(os.path.join(os.getcwd(), "themes"))
    if course_dir is not None:
        dirs.append(os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(os.fspath(course_dir)))),
                                 "themes"))
    dirs.append(BUILTIN_THEMES)
    unique: list[str] = []
    for d in dirs:
        r = os.path.realpath(d)
        if r not in unique and os.path.isdir(r):
            unique.append(r)
    return unique


def find_theme(dirs: list[str], name: str) -> str | None:
    for d in dirs:
        candidate = os.path.join(d, name, THEME_FILE)
        if os.path.isfile(candidate):
            return candidate
    return None


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as a number of seconds, None when unset or empty (reproducible-builds.org)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        epoch = int(value)
    except ValueError:
        raise ManifestError(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970") from None
    if epoch < 0:
        raise ManifestError(f"SOURCE_DATE_EPOCH={value!r} is before 1970")
    return epoch


def date_source() -> str:
    """What the decks' document dates come from in this environment, as recorded in the manifest."""
    epoch = source_date_epoch()
    return "inputs" if epoch is None else f"SOURCE_DATE_EPOCH={epoch}"


def options_record(*, theme_name=None, overrides=(), per_module=False, themes_dirs=None) -> dict:
    return {"theme": theme_name, "overrides": list(overrides or ()), "per_module": bool(per_module),
            "themes_dirs": [os.path.realpath(os.fspath(d)) for d in (themes_dirs or ())]}


def display_path(path: str) -> str:
    """A path as the user would type it: relative to the working directory when inside it (as
    deckgen.errors.display_path, without pathlib)."""
    try:
        real, cwd = os.path.realpath(path), os.path.realpath(os.getcwd())
    except OSError:
        return path
    if real == cwd:
        return "."
    if real.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(real, cwd)
    return path


# --- the no-change check -------------------------------------------------------------------------

def up_to_date(data: dict, course_dir: str, out_dir: str, options: dict) -> tuple[list[str], bool] | None:
    """The names of the decks a build with `options` would produce, when every one of them is up to date
    and intact; None when anything may have changed (the full build then decides, deck by deck).

    The second value says whether file stats were refreshed (touched files with unchanged content), so
    the caller may save the manifest to skip their hashing next time.
    """
    try:
        if data.get("deckgen") != _version() or data.get("code") != code_fingerprint():
            return None
        if data.get("course") != os.path.realpath(course_dir):
            return None
        if data.get("date_source") != date_source():
            return None
        recorded = data.get("options") or {}
        for key in ("theme", "overrides", "themes_dirs"):
            if recorded.get(key) != options.get(key):
                return None
        if options.get("per_module") and not recorded.get("per_module"):
            return None
        themes = data.get("themes") or {}
        dirs = theme_search_dirs(course_dir, options.get("themes_dirs"))
        if themes.get("dirs") != dirs:
            return None
        for name, path in (themes.get("resolved") or {}).items():
            if find_theme(dirs, name) != path:
                return None
        refreshed = False
        files = data.get("files") or {}
        for path, record in files.items():
            ok, new = unchanged(path, record)
            if not ok:
                return None
            if new is not None:
                files[path] = new
                refreshed = True
        decks = data.get("decks") or {}
        wanted = [name for name in data.get("plan") or []
                  if options.get("per_module") or decks.get(name, {}).get("kind") != "module"]
        if not wanted:
            return None
        target = os.path.join(out_dir, data.get("slug") or course_slug(course_dir), data.get("variant") or "")
        for name in wanted:
            record = decks.get(name)
            if record is None or "sha256" not in record:
                return None
            ok, new = unchanged(os.path.join(target, record["file"]), record)
            if not ok:
                return None
            if new is not None:
                decks[name] = new
                refreshed = True
        return wanted, refreshed
    except (ManifestError, AttributeError, TypeError, KeyError, ValueError):
        # a manifest damaged by hand or by another tool only costs a full build, never a traceback
        return None


def _version() -> str:
    from . import __version__
    return __version__
