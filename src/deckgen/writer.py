"""Writing outputs: deterministic zip packaging and atomic replacement (temp file, fsync, rename)."""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Re-pack a package with fixed entry times and a stable order: same parts in, same bytes out.

    [Content_Types].xml first (OPC readers expect it), then the package relationships, then the rest
    by name.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()

    def order(name: str):
        return (name != "[Content_Types].xml", name != "_rels/.rels", name)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(names, key=order):
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader (or a crash) sees the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
