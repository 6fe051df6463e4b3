"""LibreOffice from deckgen: `build --pdf`, `preview`, the message when LibreOffice is missing, and the
wrapper's timeouts, private profiles and error reports (those with a stand-in soffice script)."""
from __future__ import annotations

import os
import stat
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from deckgen.cli import main
from deckgen.errors import DeckgenError
from deckgen.office import Office, find_soffice, pdf_page_count

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "b2b-sales-management"
INSTALL_LINES = ("sudo apt install libreoffice-impress", "brew install --cask libreoffice",
                 "winget install TheDocumentFoundation.LibreOffice")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def small_course(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(textwrap.dedent("""\
        title: Preview course
        language: en
        days:
          - title: Day one
            start: "09:00"
            modules: [a.yaml]
        """), encoding="utf-8")
    (folder / "a.yaml").write_text(textwrap.dedent("""\
        number: 1
        title: Alpha
        sections:
          - kind: content
            title: First
            minutes: 10
            points: [one, two]
            notes: Say it.
          - kind: exercise
            title: Try
            minutes: 10
            task: Do it.
            steps: [a, b]
            debrief: ["How did it go?"]
            notes: Watch.
        """), encoding="utf-8")
    return folder


# --- with LibreOffice (one test: each conversion costs seconds) ---------------------------------------

def test_build_pdf_has_a_page_per_slide_and_preview_a_png_per_slide(tmp_path):
    assert find_soffice() is not None, "LibreOffice is needed for this test (CI installs it)"
    out = tmp_path / "out"
    result = run("build", SAMPLE, "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    decks = sorted((out / SAMPLE.name).glob("*.pptx"))
    assert [d.name for d in decks] == ["day-1.pptx", "day-2.pptx"]
    for deck in decks:
        pdf = deck.with_suffix(".pdf")
        assert f"wrote {pdf}" in result.stdout or f"{pdf.name}" in result.stdout
        assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides) > 20
    assert "Writing PDFs" in result.stderr  # the progress bar's label

    course = small_course(tmp_path / "preview-course")
    stale = out / "preview-course" / "preview" / "day-1" / "99.png"
    stale.parent.mkdir(parents=True)
    Image.new("RGB", (10, 10)).save(stale)
    result = run("preview", course, "-o", out, "--width", "480")
    assert result.exit_code == 0, result.output
    folder = out / "preview-course" / "preview"
    pngs = sorted((folder / "day-1").glob("*.png"))
    # cover, agenda, divider, content, exercise, debrief, closing
    assert [p.name for p in pngs] == [f"{i:02d}.png" for i in range(1, 8)]
    assert not stale.exists()
    for png in pngs:
        with Image.open(png) as im:
            assert im.width == 480 and 260 <= im.height <= 280  # 16:9
    with Image.open(folder / "day-1.png") as sheet:
        assert sheet.width > 6 * 320 and sheet.height > 2 * 180  # six across, two rows
    assert "Previewing" in result.stderr


# --- without LibreOffice ----------------------------------------------------------------------------

def test_missing_libreoffice_names_the_package_to_install(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("DECKGEN_SOFFICE", raising=False)
    assert find_soffice() is None
    course = small_course(tmp_path / "c")
    out = tmp_path / "out"

    result = run("build", course, "-o", out, "--pdf")
    assert result.exit_code == 1
    assert "error: LibreOffice is needed for PDF export but was not found" in result.stderr
    for line in INSTALL_LINES:
        assert line in result.stderr
    assert "the decks were written, their PDFs were not" in result.stderr
    assert (out / "c" / "day-1.pptx").is_file() and not (out / "c" / "day-1.pdf").exists()

    result = run("preview", course, "-o", out)
    assert result.exit_code == 1
    assert "error: LibreOffice is needed for previews" in result.stderr
    assert all(line in result.stderr for line in INSTALL_LINES)
    assert not (out / "c" / "preview").exists()

    monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert find_soffice() is None
    result = run("preview", course, "-o", out)
    assert result.exit_code == 1
    assert f"DECKGEN_SOFFICE is set to '{tmp_path / 'no-such-soffice'}', which does not exist" in result.stderr
    assert "looked for soffice and libreoffice on PATH" not in result.stderr  # PATH was not where it looked


def test_a_rerun_with_pdf_and_nothing_to_convert_says_nothing_about_pdfs(tmp_path):
    from deckgen.commands.preview import Progress, export_pdfs
    lines = []

    class Recording(Progress):
        def start(self, total, label):
            lines.append(label)

    written, diags = export_pdfs([], progress=Recording())
    assert written == [] and not diags.items and lines == []


# --- the wrapper, with a stand-in soffice -----------------------------------------------------------

def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_a_hung_conversion_is_stopped_with_everything_it_started(tmp_path):
    pidfile = tmp_path / "child.pid"
    soffice = fake_soffice(tmp_path, f"""\
        sleep 60 &
        echo $! > {pidfile}
        wait
        """)
    deck = tmp_path / "day-1.pptx"
    deck.write_bytes(b"not really a deck")
    started = time.monotonic()
    with Office(soffice, timeout=1) as office, pytest.raises(DeckgenError) as err:
        office.convert(deck, tmp_path / "day-1.pdf")
    assert time.monotonic() - started < 10
    (d,) = err.value.diagnostics
    assert "took longer than 1 s and was stopped" in d.message and str(d.loc).endswith("day-1.pptx")
    child = int(pidfile.read_text())
    deadline = time.monotonic() + 30  # the killed child is reaped by init shortly after (later on a busy machine)
    while True:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        if time.monotonic() > deadline:
            pytest.fail("the conversion's child process is still running")
        time.sleep(0.05)
    assert not (tmp_path / "day-1.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_each_session_uses_a_private_profile_and_failures_are_explained(tmp_path):
    args = tmp_path / "args.txt"
    soffice = fake_soffice(tmp_path, f"""\
        printf '%s\\n' "$@" > {args}
        echo "Error: source file could not be loaded" >&2
        """)
    doc = tmp_path / "guide.docx"
    doc.write_bytes(b"x")
    with Office(soffice) as office:
        with pytest.raises(DeckgenError) as err:
            office.convert(doc, tmp_path / "guide.pdf")
        profile_arg = next(a for a in args.read_text().splitlines() if a.startswith("-env:UserInstallation="))
        profile = Path(profile_arg.split("file://", 1)[1])
        assert profile.parent.exists() and Path.home() not in profile.parents
    assert not profile.parent.exists()  # removed with the session
    (d,) = err.value.diagnostics
    assert "could not convert this file to pdf: Error: source file could not be loaded" in d.message
    assert "libreoffice-writer" in d.hint  # a .docx needs Writer, which libreoffice-impress lacks
    assert "--headless" in args.read_text().splitlines()


def test_pdf_pages_are_counted_with_or_without_pdfinfo(tmp_path, monkeypatch):
    pdf = tmp_path / "three.pdf"
    pages = [Image.new("RGB", (200, 100), c) for c in ("red", "green", "blue")]
    pages[0].save(pdf, save_all=True, append_images=pages[1:])
    assert pdf_page_count(pdf) == 3
    monkeypatch.setenv("PATH", str(tmp_path))  # no pdfinfo: count the page objects
    assert pdf_page_count(pdf) == 3
