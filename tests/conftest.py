"""Shared fixtures: the repository's paths and one build of the sample course per test session."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "decks" / "b2b-sales-management"
# The seed outline the sample course was written from (a copy kept in the repository).
SEED = ROOT / "tests" / "data" / "import" / "seed-b2b.txt"


def _import_root() -> Path:
    import deckgen
    return Path(deckgen.__file__).resolve().parent.parent


# Where the deckgen under test is imported from (src/ in a checkout, site-packages once installed):
# subprocesses get it on PYTHONPATH so they run the very same code as the test process.
DECKGEN_PATH = _import_root()


@contextlib.contextmanager
def working_directory(path):
    """Run the block in `path` (./themes there is a theme folder), then return to where we were."""
    cwd = os.getcwd()
    os.chdir(path)
    try:
        yield Path(path)
    finally:
        os.chdir(cwd)


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """No SOURCE_DATE_EPOCH, and the temporary folder as working directory (./themes is a theme folder)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.chdir(tmp_path)


def invoke(*args):
    """`deckgen ARGS…` through click's runner; no traceback may reach the user."""
    from click.testing import CliRunner
    from deckgen.cli import main
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample course built once into a temporary out folder: {'day-1': Path, 'day-2': Path}."""
    from deckgen.commands.build import build
    out = tmp_path_factory.mktemp("out")
    with working_directory(ROOT):
        result = build(SAMPLE, out)
    return {w.path.stem: w.path for w in result.written}


@pytest.fixture(scope="session")
def sample_plan_audit():
    """The design audit (deckgen.design_audit) of the sample course's plan, both days."""
    from deckgen.commands.build import plan
    from deckgen.design_audit import audit_plan
    planned = plan(SAMPLE)
    return audit_plan(planned.plan, planned.theme, planned.course.language)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from this build (then review and commit the diff)")
