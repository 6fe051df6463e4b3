"""Writing outputs: deterministic zip packaging, atomic replacement (temp file, fsync, rename), and moving
a hand-edited output aside before it is replaced."""
from __future__ import annotations

import contextlib
import glob
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Iterable

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Deflate level 1: for slide XML, 40 % less compression time than the default 6 for 10 % larger files.
COMPRESS_LEVEL = 1
# Already-compressed formats gain nothing from deflate; store them.
_STORED_SUFFIXES = (".jpeg", ".jpg", ".png", ".gif", ".mp4", ".m4a", ".wdp")


def _order(name: str):
    """[Content_Types].xml first (OPC readers expect it), then the package relationships, then by name."""
    return (name != "[Content_Types].xml", name != "_rels/.rels", name)


def zip_entries(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of `entries` that depends on nothing but their names and bytes: fixed times, modes and order."""
    items = sorted(entries, key=lambda e: _order(e[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_STORED_SUFFIXES) \
                else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, data, compresslevel=COMPRESS_LEVEL)
    return out.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """Re-pack a package with fixed entry times and a stable order: same parts in, same bytes out."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_entries((name, src.read(name)) for name in src.namelist())


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader (or a crash) sees the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    f = os.fdopen(fd, "wb")
    try:
        _lock_fd(f.fileno())  # held until the rename: tells remove_stale_temps this temp file is alive
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    finally:
        f.close()


class Batch:
    """Several outputs replaced together: every temp file is written (and flushed to disk) first, and only
    when all are written are they renamed into place. A failure while writing (disk full, a read-only
    folder, a file-size limit) leaves every previous output as it was:

        batch = Batch()
        try:
            for path, data in outputs:
                batch.stage(path, data)
        except OSError:
            batch.abort()
            raise
        batch.commit()
    """

    def __init__(self):
        self._staged: list[tuple[Path, str, object]] = []  # (final path, temp path, open locked file)

    def stage(self, path: Path, data: bytes) -> str:
        """Write `data` to a temp file beside `path`; returns the temp file's name (stat it for the record)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        f = os.fdopen(fd, "wb")
        self._staged.append((path, tmp, f))
        _lock_fd(f.fileno())  # held until the rename: tells remove_stale_temps this temp file is alive
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        return tmp

    def commit(self) -> None:
        """Rename every temp file over its output (each rename is atomic), the last one staged first: it is
        the index (the manifest) that lets a later run recognise outputs a kill kept from being renamed."""
        try:
            for path, tmp, _ in reversed(self._staged):
                os.replace(tmp, path)
        finally:
            self._close()

    def abort(self) -> None:
        """Remove every temp file; no output was touched."""
        for _, tmp, _ in self._staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self._close()

    def _close(self) -> None:
        for _, _, f in self._staged:
            try:
                f.close()
            except OSError:
                pass
        self._staged = []


def temp_files(path: Path) -> list[Path]:
    """Temporary files write_atomic makes for `path`: `.day-1.pptx.<8 random characters>.tmp`."""
    path = Path(path)
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.{'?' * 8}.tmp"))


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files left for `path` by a write that was killed (SIGKILL, power loss: no cleanup could
    run). A temp file another process is still writing is locked, and left alone."""
    removed = []
    for tmp in temp_files(path):
        try:
            with open(tmp, "rb") as f:
                if not _try_lock(f):
                    continue
                os.unlink(tmp)
                removed.append(tmp)
        except OSError:
            continue
    return removed


try:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _try_lock(f) -> bool:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
except ImportError:  # Windows: no flock; a temp file older than an hour is taken to be stale
    def _lock_fd(fd: int) -> None:
        pass

    def _try_lock(f) -> bool:
        return time.time() - os.fstat(f.fileno()).st_mtime > 3600


@contextlib.contextmanager
def folder_lock(folder: Path):
    """Hold an exclusive lock on `folder` (on its nearest existing parent while it does not exist yet) for
    the duration of the block: writers of one output folder take turns. Nothing is created for it."""
    held = Path(os.path.abspath(folder))
    while not held.is_dir() and held.parent != held:
        held = held.parent
    try:
        fd = os.open(held, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # unreadable or gone: no lock, the write reports what is wrong
        yield
        return
    try:
        _lock_fd(fd)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # once, at import: os.umask can only be read by setting it


def aside_name(path: Path, when: float | None = None) -> Path:
    """Where a hand-edited `day-1.pptx` goes: `day-1.edited-20261130-091500.pptx` (local time), never an
    existing file (a -2, -3 … suffix when two are moved in the same second)."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(when))
    candidate = path.with_name(f"{path.stem}.edited-{stamp}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.edited-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


def move_aside(path: Path, when: float | None = None) -> Path:
    """Rename `path` out of the way (same folder, so nothing is copied and nothing can be lost)."""
    target = aside_name(path, when)
    os.rename(path, target)  # not replace: aside_name never names an existing file
    return target
