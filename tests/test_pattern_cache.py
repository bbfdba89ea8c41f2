"""The validated pattern files are cached by their bytes' hash, and a changed file is read again."""
from pathlib import Path

from kttt_extract.patterns import bundled_dir, load_file

FILE = """dimension: topics
description: a test file
entries:
  - slug: {slug}
    phrases: [hợp tác xã]
    examples:
      - text: hợp tác xã
"""


def test_a_file_is_cached_and_read_again_when_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KTTT_NO_CACHE", raising=False)
    path = tmp_path / "topics.yaml"
    path.write_text(FILE.format(slug="first"), encoding="utf-8")
    assert load_file(path).entries[0].slug == "first"
    assert len(list((tmp_path / "cache" / "kttt" / "patterns").glob("*.pickle"))) == 1
    assert load_file(path).entries[0].slug == "first"          # from the cache
    path.write_text(FILE.format(slug="second"), encoding="utf-8")
    assert load_file(path).entries[0].slug == "second"         # a changed file is validated again
    assert len(list((tmp_path / "cache" / "kttt" / "patterns").glob("*.pickle"))) == 2


def test_the_cached_bundled_files_equal_the_validated_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for path in sorted(Path(bundled_dir()).glob("*.yaml")):
        first = load_file(path)
        assert load_file(path) == first


def test_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("KTTT_NO_CACHE", "1")
    path = tmp_path / "topics.yaml"
    path.write_text(FILE.format(slug="first"), encoding="utf-8")
    assert load_file(path).entries[0].slug == "first"
    assert not (tmp_path / "cache").exists()


def test_an_unreadable_cache_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "topics.yaml"
    path.write_text(FILE.format(slug="first"), encoding="utf-8")
    load_file(path)
    for entry in (tmp_path / "cache" / "kttt" / "patterns").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_file(path).entries[0].slug == "first"
