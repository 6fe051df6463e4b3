"""`deckgen serve`: the decks of a course as a live web page that follows every save of the outline.

A `Session` plans the course, draws every slide as SVG (deckgen.render_svg) and keeps the result as
the page's state; a watcher thread (watchfiles, with `deckgen watch`'s filter and folders) replans on
each change and tells every open page through Server-Sent Events, and the page fetches the new state
and swaps only the slides that changed, keeping the slide on screen. A failed plan keeps the last good
slides and shows the problems, each with its file:line:col. Unless `write` is off, the .pptx decks are
written too (an ordinary incremental build, after the page has been told).

The web side is Starlette on uvicorn: a small, well-kept ASGI pair whose streaming responses make SSE
a few lines, with no template engine or client framework needed (the page is one static HTML file).
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import manifest as mf
from ..errors import DeckgenError, Diagnostic, display_path
from .watch import change_filter, watch_roots

PAGE = Path(__file__).with_name("serve_page.html")
Echo = Callable[..., None]  # echo(text, err=False)


def _quiet(text: str, err: bool = False) -> None:
    pass


@dataclass
class SlideView:
    """What the page shows of one slide."""

    number: int
    kind: str
    title: str
    svg: str
    digest: str  # changes exactly when the drawing does: the page swaps only slides whose digest changed
    notes: str
    clock: str | None
    minutes: int | None
    source: str | None  # file:line:col
    file: str | None
    line: int

    def as_json(self) -> dict:
        return {"number": self.number, "kind": self.kind, "title": self.title, "svg": self.svg,
                "digest": self.digest, "notes": self.notes, "clock": self.clock, "minutes": self.minutes,
                "source": self.source, "file": self.file, "line": self.line}


@dataclass
class DeckView:
    name: str
    title: str
    slides: list[SlideView]


@dataclass
class State:
    """The page's state: the last good decks, and the problems of the last attempt."""

    version: int = 0
    course_title: str = ""
    decks: dict[str, DeckView] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    failed: bool = False  # the last attempt failed: `decks` are from an earlier one
    updated: str = ""  # local time of the last attempt
    seconds: float = 0.0  # how long it took to plan and draw
    written: list[str] = field(default_factory=list)  # what the last build wrote (or why it did not)
    sources: frozenset = frozenset()  # real paths of the files the page may show (outline and theme)

    def deck_json(self, name: str) -> dict:
        deck = self.decks.get(name)
        return {
            "version": self.version, "course": self.course_title, "failed": self.failed,
            "updated": self.updated, "seconds": round(self.seconds, 3), "written": self.written,
            "problems": [{"severity": d.severity, "text": str(d)} for d in self.problems],
            "decks": [{"name": d.name, "title": d.title, "slides": len(d.slides)} for d in self.decks.values()],
            "deck": None if deck is None else {"name": deck.name, "title": deck.title,
                                               "slides": [s.as_json() for s in deck.slides]},
        }


class Broadcaster:
    """Tells every open page (one asyncio queue each) that the state changed; safe to call from any
    thread once the server's event loop is known."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.queues: set[asyncio.Queue] = set()
        self.closed = False

    def subscribe(self) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.queues.add(q)
        return q

    def unsubscribe(self, q: asyncio.Queue) -> None:
        self.queues.discard(q)

    def publish(self, version: int | None) -> None:
        """`None` ends every stream (the server is stopping)."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return

        def deliver():
            for q in list(self.queues):
                q.put_nowait(version)
        try:
            loop.call_soon_threadsafe(deliver)
        except RuntimeError:  # the loop closed meanwhile
            pass


class Session:
    """One course being served: plans, draws, writes, watches."""

    def __init__(self, course_dir: Path, out_dir: Path = Path("out"), *, write: bool = True,
                 per_module: bool = False, theme_name: str | None = None, overrides=(),
                 themes_dirs: list[Path] | None = None, echo: Echo = _quiet):
        from ..render_svg import SvgRenderer
        self.course_dir = Path(course_dir)
        self.out_dir = Path(out_dir)
        self.write = write
        self.options = dict(per_module=per_module, theme_name=theme_name, overrides=list(overrides or ()),
                            themes_dirs=themes_dirs)
        self.echo = echo
        self.state = State()
        self.lock = threading.Lock()  # guards `state` between the watcher thread and the server
        self.broadcaster = Broadcaster()
        self.renderer = SvgRenderer()
        self._drawn: dict[tuple, str] = {}  # (background, width, height, number, slide) -> SVG, last plan's
        self.extra_roots: list[str] = []

    # --- building -----------------------------------------------------------------------------------
    def rebuild(self, trigger: str = "") -> State:
        """Plan and draw the course, publish it, then (unless `write` is off) write the decks."""
        from .build import plan
        started = time.perf_counter()
        prefix = f"[{time.strftime('%H:%M:%S')}] {trigger}"
        try:
            planned = plan(self.course_dir, **self.options)
            decks = self._draw(planned)
        except DeckgenError as exc:
            self._publish(failed=True, problems=exc.diagnostics, started=started)
            errors = sum(1 for d in exc.diagnostics if d.severity == "error")
            for d in exc.diagnostics:
                self.echo(str(d), err=True)
            self.echo(f"{prefix}{errors} error{'s' if errors != 1 else ''}; the page shows them, still watching",
                      err=True)
            return self.state
        except Exception as exc:  # a bug must not end the session: show it and keep serving
            problem = Diagnostic("error", f"internal error: {type(exc).__name__}: {exc}")
            self._publish(failed=True, problems=[problem], started=started)
            self.echo(f"{prefix}internal error: {type(exc).__name__}: {exc}; still watching", err=True)
            return self.state
        theme = planned.theme
        self.extra_roots = sorted({os.path.dirname(os.path.realpath(p)) for p in _theme_files(theme)})
        sources = {os.path.realpath(self.course_dir / "course.yaml"), *_theme_files(theme)}
        for deck in planned.plan.decks:
            sources.update(os.path.realpath(p) for p in deck.sources)
        self._publish(failed=False, problems=list(planned.diagnostics), started=started, decks=decks,
                      title=planned.course.title, sources=frozenset(sources))
        slides = sum(len(d.slides) for d in decks.values())
        self.echo(f"{prefix}drew {slides} slides in {self.state.seconds:.2f} s")
        if self.write:
            self._write(planned, prefix)
        return self.state

    def _draw(self, planned) -> dict[str, DeckView]:
        renderer = self.renderer
        renderer.background = planned.theme.palette.get("background", renderer.background)
        drawn: dict[tuple, str] = {}
        decks: dict[str, DeckView] = {}
        for deck in planned.plan.decks:
            views = []
            for i, slide in enumerate(deck.slides):
                key = (renderer.background, deck.width, deck.height, i + 1, slide)
                svg = self._drawn.get(key)
                if svg is None:
                    svg = renderer.slide(deck, i)
                drawn[key] = svg
                loc = slide.source
                views.append(SlideView(
                    number=i + 1, kind=slide.kind, title=slide.title, svg=svg,
                    digest=hashlib.sha1(svg.encode("utf-8")).hexdigest()[:16], notes=slide.notes,
                    clock=slide.clock, minutes=slide.minutes, source=str(loc) if loc else None,
                    file=loc.file if loc else None, line=loc.line if loc else 0))
            decks[deck.name] = DeckView(deck.name, deck.title, views)
        self._drawn = drawn  # only the last plan's drawings: the cache never outgrows one course
        return decks

    def _publish(self, *, failed: bool, problems, started: float, decks=None, title=None, sources=None) -> None:
        with self.lock:
            s = self.state
            s.version += 1
            s.failed = failed
            s.problems = list(problems)
            s.updated = time.strftime("%H:%M:%S")
            s.seconds = time.perf_counter() - started
            if decks is not None:
                s.decks = decks
                s.course_title = title or s.course_title
                s.sources = sources or s.sources
                s.written = []
            version = s.version
        self.broadcaster.publish(version)

    def _write(self, planned, prefix: str) -> None:
        from .build import build
        try:
            result = build(self.course_dir, self.out_dir, **self.options)
        except DeckgenError as exc:
            lines = [str(d) for d in exc.diagnostics]
            for line in lines:
                self.echo(line, err=True)
            written = ["not written: " + line for line in lines]
        except Exception as exc:  # noqa: BLE001  (as in rebuild: keep serving)
            written = [f"not written: internal error: {type(exc).__name__}: {exc}"]
            self.echo(written[0], err=True)
        else:
            written = [f"wrote {display_path(w.path)} ({w.slides} slides)" for w in result.written]
            for k in result.kept:
                written.append(f"kept {display_path(k.path)}: edited by hand, inputs unchanged")
            for line in written:
                self.echo(prefix + line)
        with self.lock:
            self.state.written = written
            version = self.state.version = self.state.version + 1
        self.broadcaster.publish(version)

    # --- watching -------------------------------------------------------------------------------------
    def roots(self) -> list[str]:
        target = self.out_dir / mf.course_slug(self.course_dir)
        return watch_roots(self.course_dir, target, self.extra_roots)

    def watch(self, stop_event: threading.Event, *, debounce_ms: int = 50, step_ms: int = 20,
              ready: threading.Event | None = None, force_polling: bool | None = None) -> None:
        """Replan on every relevant change until `stop_event` is set; `ready` is set once watching."""
        import watchfiles
        relevant = change_filter(self.out_dir)
        while not stop_event.is_set():
            roots = self.roots()
            restart = False
            for changes in watchfiles.watch(*roots, watch_filter=relevant, debounce=debounce_ms, step=step_ms,
                                            stop_event=stop_event, force_polling=force_polling,
                                            ignore_permission_denied=True, yield_on_timeout=True,
                                            rust_timeout=200):
                if ready is not None:
                    ready.set()
                if not changes:
                    continue
                names = sorted({os.path.basename(p) for _, p in changes})
                self.rebuild(", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
                             + " changed: ")
                if self.roots() != roots:
                    restart = True  # another theme, a new asset folder: watch the new set
                    break
            if not restart:
                return

    def source_text(self, path: str) -> str | None:
        """A file the page may show (an outline or theme file of this course), or None."""
        real = os.path.realpath(path)
        with self.lock:
            allowed = real in self.state.sources
        if not allowed:
            return None
        try:
            return Path(real).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None


def _theme_files(theme) -> list[str]:
    files = list(theme.sources)  # display paths: relative to the working directory, which has not changed
    files += [str(logo.file) for logo in theme.logos]
    files += [str(logo.on_dark) for logo in theme.logos if logo.on_dark is not None]
    files += [str(p) for p in theme.backgrounds.values()]
    if theme.template is not None:
        files.append(str(theme.template))
    return [os.path.realpath(f) for f in files if os.path.exists(f)]


# --- the web app ---------------------------------------------------------------------------------------

def make_app(session: Session):
    """The Starlette app: the page, its data, its event stream and the outline's source files."""
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
    from starlette.routing import Route

    page = PAGE.read_text(encoding="utf-8")

    async def index(request):
        with session.lock:
            names = list(session.state.decks)
        if names:
            return RedirectResponse(f"/deck/{names[0]}", status_code=307)
        return HTMLResponse(page.replace("__DECK__", json.dumps("")))

    async def deck_page(request):
        return HTMLResponse(page.replace("__DECK__", json.dumps(request.path_params["name"])))

    async def deck_data(request):
        with session.lock:
            data = session.state.deck_json(request.path_params["name"])
        return JSONResponse(data, headers={"Cache-Control": "no-store"})

    async def events(request):
        queue = session.broadcaster.subscribe()

        async def stream():
            try:
                with session.lock:
                    version = session.state.version
                yield f"retry: 500\ndata: {version}\n\n"
                while True:
                    try:
                        version = await asyncio.wait_for(queue.get(), timeout=15)
                    except asyncio.TimeoutError:
                        yield ": still here\n\n"  # keeps proxies and the browser from closing the stream
                        continue
                    if version is None:
                        return
                    yield f"data: {version}\n\n"
            finally:
                session.broadcaster.unsubscribe(queue)
        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def source(request):
        path = request.query_params.get("path", "")
        text = session.source_text(path)
        if text is None:
            return Response("not a file of this course", status_code=404, media_type="text/plain")
        return Response(text, media_type="text/plain; charset=utf-8", headers={"Cache-Control": "no-store"})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        session.broadcaster.loop = asyncio.get_running_loop()  # where the watcher thread sends its news
        yield

    return Starlette(routes=[Route("/", index), Route("/deck/{name}", deck_page), Route("/api/deck/{name}", deck_data),
                             Route("/events", events), Route("/source", source)],
                     lifespan=lifespan)


# --- running it --------------------------------------------------------------------------------------------

def bind(host: str, port: int) -> socket.socket:
    """The listening socket (port 0: any free port); a busy port is a plain error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        reason = "it is in use (another deckgen serve?)" if exc.errno in (98, 48, 10048) else exc.strerror
        raise DeckgenError(f"cannot listen on {host}:{port}: {reason}; choose another with --port") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


class Server:
    """The running server: uvicorn in the calling thread (`run`) or a background one (`start`), and the
    watcher thread. `stop` ends both; every page's event stream is closed first, so nothing hangs."""

    def __init__(self, session: Session, sock: socket.socket):
        import uvicorn

        self.session = session
        self.sock = sock
        self.stop_event = threading.Event()
        self.watching = threading.Event()
        config = uvicorn.Config(make_app(session), log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=1, access_log=False)
        outer = self

        class _Uvicorn(uvicorn.Server):
            async def shutdown(self, sockets=None):
                outer.stop_event.set()
                session.broadcaster.publish(None)
                await super().shutdown(sockets=sockets)

            def install_signal_handlers(self):  # only when run in the main thread (the CLI)
                if threading.current_thread() is threading.main_thread():
                    super().install_signal_handlers()

        self.uvicorn = _Uvicorn(config)
        self.watcher = threading.Thread(target=session.watch, args=(self.stop_event,),
                                        kwargs={"ready": self.watching}, name="deckgen-serve-watch", daemon=True)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.sock.getsockname()[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    def run(self) -> None:
        """Serve until stopped (Ctrl-C in the CLI)."""
        self.watcher.start()
        try:
            self.uvicorn.run(sockets=[self.sock])
        finally:
            self.stop_event.set()
            self.watcher.join(timeout=5)

    def start(self, timeout: float = 20) -> "Server":
        """Serve in a background thread; returns once the server answers and the watcher watches."""
        self.thread = threading.Thread(target=self.run, name="deckgen-serve", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not (self.uvicorn.started and self.watching.is_set()):
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the preview server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.uvicorn.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)


def serve(course_dir: Path, out_dir: Path = Path("out"), *, host: str = "127.0.0.1", port: int = 8000,
          write: bool = True, echo: Echo = _quiet, **options) -> Server:
    """A ready-to-run server for the course, built once (errors included: the page shows them)."""
    course_dir = Path(course_dir)
    if not (course_dir / "course.yaml").is_file():
        from ..errors import Loc
        raise DeckgenError("course folder not found (expected a folder holding course.yaml)", Loc.of(course_dir))
    sock = bind(host, port)
    session = Session(course_dir, out_dir, write=write, echo=echo, **options)
    session.rebuild()
    return Server(session, sock)
