"""The corpus folder's signature: scanned again when the folder changes or the scan is due."""

import os

from dashboard.views import loaders


def test_a_file_added_is_seen_at_once_and_a_file_edited_in_place_when_the_scan_is_due(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("甲", encoding="utf-8")
    first = loaders.current_signature(folder)
    assert loaders.current_signature(folder) == first

    (folder / "b.md").write_text("乙", encoding="utf-8")
    os.utime(folder, ns=(1, folder.stat().st_mtime_ns + 1_000_000))  # the folder changed
    added = loaders.current_signature(folder)
    assert added != first

    (folder / "a.md").write_text("甲乙", encoding="utf-8")  # in place: the folder is unchanged
    assert loaders.current_signature(folder) == added  # until the scan is due
    monkeypatch.setattr(loaders.time, "monotonic", lambda: float("inf"))
    assert loaders.current_signature(folder) == loaders.corpus_signature(folder) != added
