"""Diagnostics: where a problem is, how bad it is, and the exception that carries them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a source file; line and column are 1-based (0 when unknown)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file

    @classmethod
    def of(cls, path: Path | str) -> "Loc":
        return cls(display_path(path))


def display_path(path: Path | str) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(p)


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str
    loc: Loc | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc else ""
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def as_json(self) -> dict:
        d = {"severity": self.severity, "message": self.message}
        if self.loc:
            d.update(file=self.loc.file, line=self.loc.line, column=self.loc.col)
        if self.hint:
            d["hint"] = self.hint
        return d


@dataclass
class Diagnostics:
    """An ordered collection of problems found so far."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, loc: Loc | None = None, hint: str | None = None) -> None:
        self.items.append(Diagnostic(ERROR, message, loc, hint))

    def warning(self, message: str, loc: Loc | None = None, hint: str | None = None) -> None:
        self.items.append(Diagnostic(WARNING, message, loc, hint))

    def extend(self, other: "Diagnostics | list[Diagnostic]") -> None:
        self.items.extend(other.items if isinstance(other, Diagnostics) else other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    def has_errors(self) -> bool:
        return any(d.severity == ERROR for d in self.items)

    def raise_if_errors(self) -> None:
        if self.has_errors():
            raise DeckgenError(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class DeckgenError(Exception):
    """Raised with every diagnostic found; the CLI prints them and exits 1."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str, loc: Loc | None = None):
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic(ERROR, diagnostics, loc)]
        elif isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))
