"""LibreOffice and Poppler from Python: find them, convert decks and documents to PDF, PDFs to PNGs.

Every LibreOffice run gets a private user profile (-env:UserInstallation) in a temporary folder, so
parallel runs (two terminals, a test suite, a desktop LibreOffice that is already open) never clash
over the lock on the user's own profile. Outputs are written next to a temporary name and renamed into
place, so a timeout or a crash never leaves half a PDF behind.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import Diagnostic, DeckgenError, Loc

LIBREOFFICE_INSTALL = ("install LibreOffice: Debian/Ubuntu `sudo apt install libreoffice-impress`; "
                       "macOS (Homebrew) `brew install --cask libreoffice`; Windows: the installer from "
                       "https://www.libreoffice.org/download/ or `winget install TheDocumentFoundation.LibreOffice`")
WRITER_INSTALL = ("install LibreOffice Writer: Debian/Ubuntu `sudo apt install libreoffice-writer`; "
                  "macOS and Windows: the full LibreOffice install includes it")
POPPLER_INSTALL = ("install Poppler's command line tools: Debian/Ubuntu `sudo apt install poppler-utils`; "
                   "macOS (Homebrew) `brew install poppler`; Windows: a build from "
                   "https://github.com/oschwartz10612/poppler-windows/releases with its Library\\bin folder on PATH")

# Where LibreOffice lives when it is installed but not on PATH.
MAC_SOFFICE = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
               Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"]


def _windows_soffice() -> list[Path]:
    roots = [os.environ.get(k) for k in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
    out = []
    for root in roots:
        if root:
            out.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    return out


DEFAULT_TIMEOUT = 240.0  # seconds per conversion; a 60-slide deck takes well under a minute


class OfficeMissing(DeckgenError):
    """LibreOffice (or Poppler) is not installed: the message names the package to install."""


def find_soffice() -> Path | None:
    """LibreOffice's soffice: $DECKGEN_SOFFICE, then PATH, then the usual macOS and Windows locations."""
    explicit = os.environ.get("DECKGEN_SOFFICE")
    if explicit:
        p = Path(explicit)
        return p if p.is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = MAC_SOFFICE if sys.platform == "darwin" else _windows_soffice() if os.name == "nt" else []
    for p in candidates:
        if p.is_file():
            return p
    return None


def find_tool(name: str) -> Path | None:
    found = shutil.which(name)
    return Path(found) if found else None


def require_soffice(what: str = "PDF export and previews") -> Path:
    soffice = find_soffice()
    explicit = os.environ.get("DECKGEN_SOFFICE")
    if soffice is None and explicit:
        # the user named the program: say what is wrong with that name, not what PATH holds
        state = "is a folder" if Path(explicit).is_dir() else "does not exist"
        raise OfficeMissing(Diagnostic("error", f"LibreOffice is needed for {what}, but DECKGEN_SOFFICE is set "
                                       f"to '{explicit}', which {state}", None,
                                       "set DECKGEN_SOFFICE to the soffice program itself (for example "
                                       "/usr/bin/soffice), or unset it to look on PATH"))
    if soffice is None:
        raise OfficeMissing(Diagnostic("error", f"LibreOffice is needed for {what} but was not found "
                                       "(looked for soffice and libreoffice on PATH"
                                       + (", and in /Applications" if sys.platform == "darwin" else "")
                                       + (", and in Program Files" if os.name == "nt" else "") + ")",
                                       None, LIBREOFFICE_INSTALL
                                       + "; or set DECKGEN_SOFFICE to the soffice program"))
    return soffice


def require_pdftoppm(what: str = "slide images") -> Path:
    tool = find_tool("pdftoppm")
    if tool is None:
        raise OfficeMissing(Diagnostic("error", f"pdftoppm (Poppler) is needed for {what} but was not found "
                                       "on PATH", None, POPPLER_INSTALL))
    return tool


def _run(cmd: list[str], timeout: float, what: str, loc: Loc | None) -> subprocess.CompletedProcess:
    """Run a tool; on timeout kill it and everything it started, and say so as a DeckgenError."""
    kwargs = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True  # its own process group: a timeout kills oosplash and soffice.bin
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                **kwargs)
    except OSError as exc:
        raise DeckgenError(Diagnostic("error", f"could not start {cmd[0]}: {exc.strerror or exc}", loc))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        proc.communicate()
        raise DeckgenError(Diagnostic("error", f"{what} took longer than {timeout:.0f} s and was stopped", loc,
                                      "a very large file, or LibreOffice stuck on a dialog; try again, or "
                                      "close other LibreOffice windows"))
    return subprocess.CompletedProcess(cmd, proc.returncode, out.decode(errors="replace"),
                                       err.decode(errors="replace"))


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass


class Office:
    """One LibreOffice session: a private profile reused by each conversion, removed at the end.

        with Office() as office:
            office.convert(Path("out/c/day-1.pptx"), Path("out/c/day-1.pdf"))
    """

    def __init__(self, soffice: Path | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.soffice = soffice or require_soffice()
        self.timeout = timeout
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> "Office":
        self._tmp = tempfile.TemporaryDirectory(prefix="deckgen-office-")
        return self

    def __exit__(self, *exc) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    @property
    def _root(self) -> Path:
        if self._tmp is None:
            raise RuntimeError("use Office() as a context manager")
        return Path(self._tmp.name)

    def convert(self, src: Path, dest: Path, fmt: str = "pdf") -> Path:
        """Convert `src` (a .pptx or .docx) to `dest` in format `fmt`, replacing `dest` atomically."""
        src, dest = Path(src), Path(dest)
        loc = Loc.of(src)
        if not src.is_file():
            raise DeckgenError(Diagnostic("error", "file to convert not found", loc))
        work = Path(tempfile.mkdtemp(prefix="convert-", dir=self._root))
        profile = self._root / "profile"
        cmd = [str(self.soffice), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
               "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", fmt, "--outdir", str(work), str(src.resolve())]
        result = _run(cmd, self.timeout, f"LibreOffice converting {src.name}", loc)
        produced = work / f"{src.stem}.{fmt.split(':')[0]}"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr.strip() or result.stdout.strip()).splitlines()
            detail = [line for line in detail if "javaldx" not in line]
            hint = None
            if any("could not be loaded" in line for line in detail):
                hint = WRITER_INSTALL if src.suffix.lower() in (".docx", ".doc", ".odt") else \
                    "check that the file opens in LibreOffice; " + LIBREOFFICE_INSTALL
            raise DeckgenError(Diagnostic("error", f"LibreOffice could not convert this file to {fmt}"
                                          + (f": {detail[-1]}" if detail else f" (exit status {result.returncode})"),
                                          loc, hint))
        with writing(dest):
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".{dest.name}.tmp")
            shutil.move(str(produced), str(tmp))
            os.replace(tmp, dest)
        shutil.rmtree(work, ignore_errors=True)
        return dest


def pdf_to_pngs(pdf: Path, out_dir: Path, *, width: int | None = None, dpi: int | None = None,
                timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """One PNG per page of `pdf` in `out_dir` (emptied of earlier PNGs first), named 01.png, 02.png, …
    Scaled to `width` pixels wide, or rendered at `dpi`. Page ranges render in parallel, one pdftoppm
    per CPU (up to four)."""
    from concurrent.futures import ThreadPoolExecutor
    tool = require_pdftoppm()
    pdf, out_dir = Path(pdf), Path(out_dir)
    pages = pdf_page_count(pdf)
    with writing(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".pngs-", dir=out_dir.parent))
    try:
        size = ["-scale-to-x", str(width), "-scale-to-y", "-1"] if width else ["-r", str(dpi or 96)]
        jobs = max(1, min(os.cpu_count() or 1, 4, pages))
        per = -(-pages // jobs) if pages else 0
        ranges = [(a, min(a + per - 1, pages)) for a in range(1, pages + 1, per)] if pages else [(1, 1)]

        def render(first_last):
            first, last = first_last
            cmd = [str(tool), "-png", *size, "-f", str(first), "-l", str(last), str(pdf), str(staging / "page")]
            return _run(cmd, timeout, f"pdftoppm rendering {pdf.name}", Loc.of(pdf))

        with ThreadPoolExecutor(max_workers=len(ranges)) as pool:
            results = list(pool.map(render, ranges))
        made = sorted(staging.glob("page-*.png"), key=lambda p: int(re.findall(r"(\d+)\.png$", p.name)[0]))
        failed = [r for r in results if r.returncode != 0]
        if failed or len(made) != pages:
            detail = failed[0].stderr.strip().splitlines() if failed and failed[0].stderr.strip() else []
            raise DeckgenError(Diagnostic("error", f"pdftoppm made {len(made)} images of {pages} pages"
                                          + (f": {detail[-1]}" if detail else ""), Loc.of(pdf)))
        digits = max(2, len(str(len(made))))
        for old in out_dir.glob("*.png"):
            old.unlink()
        out = []
        for i, p in enumerate(made, 1):
            target = out_dir / f"{i:0{digits}d}.png"
            os.replace(p, target)
            out.append(target)
        return out
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def writing(path: Path):
    """A file or folder that cannot be written is a DeckgenError naming it, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise DeckgenError(Diagnostic("error", f"cannot write here: {exc.strerror or exc}",
                                      Loc.of(exc.filename or path))) from None


def pdf_page_count(pdf: Path) -> int:
    """The number of pages: from pdfinfo when installed, else counted in the file itself."""
    pdf = Path(pdf)
    tool = find_tool("pdfinfo")
    if tool is not None:
        result = _run([str(tool), str(pdf)], 60, f"pdfinfo reading {pdf.name}", Loc.of(pdf))
        m = re.search(r"^Pages:\s+(\d+)", result.stdout, re.M)
        if m:
            return int(m.group(1))
    # LibreOffice writes each page as its own uncompressed `/Type /Page` object.
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
