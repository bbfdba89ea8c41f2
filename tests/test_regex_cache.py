"""The compiled-regex cache: a cached program matches as a fresh compile, and a bad cache file is ignored."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from kttt_extract import regex_cache
from kttt_extract.patterns import load_patterns, phrase_regex

SRC = Path(regex_cache.__file__).resolve().parents[1]
PATTERNS = [
    (phrase_regex(["hợp tác xã", "HTX", "tổ hợp tác", "liên hiệp hợp tác xã"]), regex.IGNORECASE),
    (r"(?P<number>\d+)\s*(?P<unit>%|HTX)", 0),
    (r"(?i)(?:ít nhất|trên)\s+(\d[\d.,]*)", regex.MULTILINE),
    (r"^\s*(?:Mục tiêu|Chỉ tiêu)\b.*$", regex.IGNORECASE | regex.MULTILINE),
]
TEXT = "Đến năm 2025 có ít nhất 90% HTX, trên 20 hợp tác xã mới;\nMục tiêu: 15 Tổ  hợp tác, 3 liên hiệp HTX."


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh, empty cache directory, and the module's in-process state cleared before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("KTTT_NO_CACHE", raising=False)
    _reset(monkeypatch)
    yield tmp_path
    _reset(monkeypatch)


def _reset(monkeypatch):
    monkeypatch.setattr(regex_cache, "_memo", {})
    monkeypatch.setattr(regex_cache, "_stored", None)
    monkeypatch.setattr(regex_cache, "_added", {})
    monkeypatch.setattr(regex_cache, "_used", set())


def _matches(compiled, text=TEXT):
    return [(m.span(), m.groups(), m.groupdict()) for m in compiled.finditer(text)]


def _fresh_process_state(monkeypatch):
    """As a new process sees it: nothing compiled in memory, the file not read yet."""
    _reset(monkeypatch)


def test_a_cache_hit_matches_as_a_fresh_compile(cache, monkeypatch):
    for pattern, flags in PATTERNS:
        regex_cache.compile(pattern, flags)
    regex_cache.save()
    assert regex_cache.cache_path().is_file()
    _fresh_process_state(monkeypatch)
    fresh_compiles, real = [], regex.compile
    monkeypatch.setattr(regex, "compile", lambda *a: fresh_compiles.append(a) or real(*a))
    for pattern, flags in PATTERNS:
        cached = regex_cache.compile(pattern, flags)
        fresh = regex.Regex(pattern, flags)
        assert cached.pattern == fresh.pattern and cached.flags == fresh.flags
        assert cached.groupindex == fresh.groupindex
        assert _matches(cached) == _matches(fresh)
    assert fresh_compiles == []  # every one came from the file


def test_the_bundled_patterns_match_the_same_from_the_cache(cache, monkeypatch):
    """Every entry of every bundled dimension, as lexicon.compiled builds it, cached and fresh."""
    patterns = load_patterns()
    built = []
    for pattern_file in patterns.files:
        for entry in pattern_file.entries:
            alternatives = ([phrase_regex(entry.phrases)] if entry.phrases else []) + entry.regex
            built.append(("|".join(f"(?:{a})" for a in alternatives), regex.IGNORECASE | regex.MULTILINE,
                          [e.text for e in entry.examples + entry.counter_examples]))
    for pattern, flags, _ in built:
        regex_cache.compile(pattern, flags)
    regex_cache.save()
    _fresh_process_state(monkeypatch)
    for pattern, flags, texts in built:
        cached, fresh = regex_cache.compile(pattern, flags), regex.Regex(pattern, flags)
        for text in texts:
            assert _matches(cached, text) == _matches(fresh, text), pattern


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                                  # truncated
    lambda raw: raw[:-40] + bytes(40),                                 # overwritten tail
    lambda raw: raw[:60] + bytes([raw[60] ^ 0xFF]) + raw[61:],        # one flipped byte
    lambda raw: b"not a cache file at all",
    lambda raw: b"",
])
def test_a_damaged_cache_file_falls_back_to_compiling(cache, monkeypatch, damage):
    for pattern, flags in PATTERNS:
        regex_cache.compile(pattern, flags)
    regex_cache.save()
    path = regex_cache.cache_path()
    path.write_bytes(damage(path.read_bytes()))
    _fresh_process_state(monkeypatch)
    for pattern, flags in PATTERNS:
        assert _matches(regex_cache.compile(pattern, flags)) == _matches(regex.Regex(pattern, flags))
    regex_cache.save()  # the damaged file is replaced by a good one
    _fresh_process_state(monkeypatch)
    assert set(regex_cache._read(path)) == set(PATTERNS)


def test_a_file_of_other_data_is_not_trusted(cache, monkeypatch):
    """A file with a good checksum whose entries are not plain program data (a code object), name another
    pattern, have the wrong types, or that was written by other versions, or is not a (versions, entries) pair."""
    import hashlib
    import marshal
    path = regex_cache.cache_path()
    path.parent.mkdir(parents=True)
    pattern, flags = PATTERNS[0][0], int(PATTERNS[0][1])
    good = regex.compile(pattern, flags)._pickled_data
    versions = regex_cache._versions()
    other = versions[:1] + ("2020.1.8",) + versions[2:]
    for content in ((versions, {(pattern, flags): (compile("1", "x", "eval"),) + good[1:]}),
                    (versions, {(pattern, flags): ("other",) + good[1:]}),
                    (versions, {(pattern, flags): good[:1] + (b"\0" * 8,) + good[2:]}),
                    (other, {(pattern, flags): good}),
                    (versions, [1, 2, 3]),
                    [1, 2, 3]):
        payload = marshal.dumps(content)
        path.write_bytes(regex_cache._MAGIC + hashlib.sha256(payload).digest() + payload)
        _fresh_process_state(monkeypatch)
        assert regex_cache._read(path) == {}
        assert _matches(regex_cache.compile(pattern, flags)) == _matches(regex.Regex(pattern, flags))
    payload = marshal.dumps((versions, {(pattern, flags): good}))  # the same file, well made, is read
    path.write_bytes(regex_cache._MAGIC + hashlib.sha256(payload).digest() + payload)
    assert list(regex_cache._read(path)) == [(pattern, flags)]


def test_no_cache(cache, monkeypatch):
    monkeypatch.setenv("KTTT_NO_CACHE", "1")
    pattern, flags = PATTERNS[0]
    assert _matches(regex_cache.compile(pattern, flags)) == _matches(regex.Regex(pattern, flags))
    regex_cache.save()
    assert regex_cache.cache_path() is None
    assert not (cache / "kttt").exists()


def test_a_read_only_cache_directory_costs_nothing_but_time(cache, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "mkstemp", _refuse)  # as a read-only directory answers (root can write anywhere)
    pattern, flags = PATTERNS[1]
    assert _matches(regex_cache.compile(pattern, flags)) == _matches(regex.Regex(pattern, flags))
    regex_cache.save()  # no exception, no file
    assert not regex_cache.cache_path().exists()
    assert list(cache.rglob("*.tmp")) == []


def _refuse(*args, **kwargs):
    raise PermissionError("read-only")


def test_the_cache_file_is_written_at_exit_and_read_by_the_next_process(tmp_path):
    """Two real processes: the first compiles and writes the file at exit, the second compiles nothing."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(SRC)}
    env.pop("KTTT_NO_CACHE", None)
    script = ("import regex, sys\n"
              "from kttt_extract import regex_cache\n"
              f"wanted = {[(p, int(f)) for p, f in PATTERNS]!r}\n"
              "calls = []\n"
              "real = regex.compile\n"
              "regex.compile = lambda *a: (calls.append(a) if a in wanted else None) or real(*a)\n"
              "for pattern, flags in wanted:\n"
              "    regex_cache.compile(pattern, flags)\n"
              "print(len(calls))\n")
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == [str(len(PATTERNS)), "0"]
    assert len(list((tmp_path / "kttt" / "regex").glob("*.marshal"))) == 1
    assert list(tmp_path.rglob("*.tmp")) == []
