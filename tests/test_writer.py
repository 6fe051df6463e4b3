"""deckgen.writer: deterministic zips, atomic replacement, and moving a hand-edited file aside."""
from __future__ import annotations

import io
import os
import re
import stat
import zipfile

from deckgen.writer import aside_name, move_aside, normalise_zip, write_atomic, zip_entries


def test_the_same_entries_in_any_order_give_the_same_bytes():
    entries = [("ppt/slides/slide2.xml", b"<b/>"), ("_rels/.rels", b"<r/>"), ("[Content_Types].xml", b"<t/>"),
               ("ppt/slides/slide1.xml", b"<a/>"), ("docProps/thumbnail.jpeg", b"\xff\xd8jpeg")]
    a = zip_entries(entries)
    b = zip_entries(list(reversed(entries)))
    assert a == b
    infos = zipfile.ZipFile(io.BytesIO(a)).infolist()
    assert [i.filename for i in infos] == ["[Content_Types].xml", "_rels/.rels", "docProps/thumbnail.jpeg",
                                           "ppt/slides/slide1.xml", "ppt/slides/slide2.xml"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[2].compress_type == zipfile.ZIP_STORED  # a JPEG does not shrink
    assert infos[3].compress_type == zipfile.ZIP_DEFLATED


def test_normalise_zip_forgets_times_and_order_and_is_idempotent():
    def made(order, when):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name in order:
                z.writestr(zipfile.ZipInfo(name, when), name.encode() * 50)
        return buf.getvalue()
    one = made(["b.xml", "[Content_Types].xml", "a.xml"], (2020, 5, 6, 7, 8, 10))
    two = made(["a.xml", "b.xml", "[Content_Types].xml"], (2024, 1, 2, 3, 4, 6))
    assert one != two
    assert normalise_zip(one) == normalise_zip(two) == normalise_zip(normalise_zip(one))


def test_write_atomic_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sub" / "day-1.pptx"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["day-1.pptx"]
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & 0o044 == 0o044 & ~_umask()  # readable like any file the user creates, not 0600


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_hand_edited_file_is_moved_aside_under_a_dated_name_and_never_over_another(tmp_path):
    deck = tmp_path / "day-1.pptx"
    deck.write_bytes(b"edited in PowerPoint")
    when = 1_764_495_000.0
    first = move_aside(deck, when)
    assert re.fullmatch(r"day-1\.edited-\d{8}-\d{6}\.pptx", first.name)
    assert first.read_bytes() == b"edited in PowerPoint" and not deck.exists()
    deck.write_bytes(b"edited again, same second")
    second = move_aside(deck, when)
    assert second.name == first.name.replace(".pptx", "-2.pptx")
    assert first.read_bytes() == b"edited in PowerPoint"
    assert second.read_bytes() == b"edited again, same second"
    assert aside_name(deck, when).name == first.name.replace(".pptx", "-3.pptx")


def test_writers_of_one_folder_take_turns_and_the_lock_creates_nothing(tmp_path):
    import threading

    from deckgen.writer import folder_lock
    out = tmp_path / "out" / "course"  # not there yet: its nearest existing parent is locked
    inside = threading.Event()

    def second_build():
        with folder_lock(out):
            inside.set()

    with folder_lock(out):
        waiter = threading.Thread(target=second_build)
        waiter.start()
        assert not inside.wait(0.5)  # the second writer waits while the first holds the folder
    assert inside.wait(30)  # and goes on as soon as it is released
    waiter.join(30)
    assert list(tmp_path.iterdir()) == []  # no lock file, no folder made for the lock
