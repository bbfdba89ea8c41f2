"""`compile(pattern, flags)`: `regex.compile`, with the compiled programs kept across runs.

Start-up was mostly the `regex` module compiling the long alternations built from
`patterns/*.yaml`: it parses a pattern in Python, optimises it and flattens it into
a program, then hands that program to its C core (`_regex.compile`). A compiled
pattern carries the arguments of that last call (`pattern._pickled_data`: the
pattern, flags, program, group names, required string …) — it is what `regex`
itself pickles a pattern as. This module stores those arguments for every pattern
kttt compiles and, in the next process, hands them straight to `_regex.compile`,
skipping the parse.

The store is one file in the user's cache directory
(`$XDG_CACHE_HOME/kttt/regex/<key>.marshal`, else `~/.cache/...`):

- its name is a hash of the versions that shape a program (regex, its C core's magic
  and code size, its default version, Python), and the file repeats them inside: a
  file written by another version is never used;
- it holds only plain data (str, int, bytes, tuples, lists, dicts), written with
  `marshal` behind a SHA-256 of the payload: a corrupted or truncated file fails the
  check and is ignored, and anything that is not plain data is refused (no pickle, no
  code object is ever loaded). The C core does not check a program it is handed, so
  the checksum is what keeps damaged bytes out of it; the file is trusted as far as
  the user's own cache directory is (as the pickled pattern cache beside it is);
- a cached program whose pattern differs, or that `_regex.compile` refuses, is
  compiled afresh, so a bad entry costs the time saved and nothing else;
- patterns compiled afresh are added at exit, merged with what is on disk, written
  to a temporary file and moved into place with `os.replace` (concurrent runs lose at
  most each other's additions); a read-only or full disk is silently skipped;
- `KTTT_NO_CACHE=1` turns it off: every pattern is compiled by `regex.compile`.

Locale-sensitive patterns (the LOCALE flag) are never cached.
"""
from __future__ import annotations

import atexit
import functools
import os
import sys
from pathlib import Path

import regex

_MAGIC = b"kttt-regex-cache 1\n"
_DIGEST = 32                # sha256
_MAX_ENTRIES = 1024         # beyond this, a save keeps only the patterns this process used

_memo: dict[tuple[str, int], regex.Pattern] = {}   # this process: (pattern, flags) → compiled
_stored: dict | None = None                        # what the cache file held when first read
_added: dict = {}                                  # compiled here, not in the file yet
_used: set = set()
_save_registered = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - the same name as regex.compile
    """`regex.compile(pattern, flags)`, from the cache of compiled programs when it holds the pattern."""
    if type(pattern) is not str or not isinstance(flags, int) or os.environ.get("KTTT_NO_CACHE"):
        return regex.compile(pattern, flags)
    key = (pattern, int(flags))  # regex.IGNORECASE and the like are an IntFlag: stored as the int
    compiled = _memo.get(key)
    if compiled is not None:
        return compiled
    compiled = _from_cache(key)
    if compiled is None:
        compiled = regex.compile(pattern, flags)
        _remember(key, compiled)
    if len(_memo) >= _MAX_ENTRIES:  # a long-lived process reading many pattern sets
        _memo.clear()
        _used.clear()
    _memo[key] = compiled
    _used.add(key)
    return compiled


def cache_path() -> Path | None:
    """The cache file for the running versions of Python and regex; None when the cache is off."""
    if os.environ.get("KTTT_NO_CACHE"):
        return None
    import hashlib
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kttt" / "regex"
    return root / f"{hashlib.sha256(repr(_versions()).encode()).hexdigest()[:24]}.marshal"


def _versions() -> tuple:
    """What shapes a compiled program: regex, its C core, its default version, Python (and this file's format)."""
    core = _core()
    return (_MAGIC.decode(), str(getattr(regex, "__version__", None)), int(getattr(regex, "DEFAULT_VERSION", 0)),
            getattr(core, "MAGIC", None), getattr(core, "CODE_SIZE", None),
            sys.implementation.cache_tag, tuple(sys.version_info[:3]))


def _core():
    try:
        from regex import _regex
    except ImportError:  # another build of regex: no cache
        return None
    return _regex


def _from_cache(key: tuple[str, int]) -> regex.Pattern | None:
    global _stored
    if _stored is None:
        _stored = _read(cache_path())
    data = _stored.get(key)
    if data is None:
        return None
    try:
        compiled = _core().compile(*data)
    except Exception:  # noqa: BLE001 - refused by the C core: compile afresh
        return None
    if not isinstance(compiled, regex.Pattern) or compiled.pattern != key[0]:
        return None
    return compiled


def _remember(key: tuple[str, int], compiled: regex.Pattern) -> None:
    """Keep the arguments of the C compile of a fresh pattern, to be written at exit."""
    global _save_registered
    data = getattr(compiled, "_pickled_data", None)
    if _core() is None or not _valid_entry(key, data) or (compiled.flags | key[1]) & regex.LOCALE:
        return
    _added[key] = data
    if not _save_registered:
        _save_registered = True
        atexit.register(save)


def _read(path: Path | None) -> dict:
    """The cache file's entries; {} when it is absent, unreadable, corrupted or not plain data."""
    if path is None:
        return {}
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    return _decode(raw)


def _decode(raw: bytes) -> dict:
    import hashlib
    import marshal
    head = len(_MAGIC) + _DIGEST
    if not raw.startswith(_MAGIC) or len(raw) < head:
        return {}
    payload = raw[head:]
    if hashlib.sha256(payload).digest() != raw[len(_MAGIC):head]:
        return {}
    try:
        versions, entries = marshal.loads(payload)
    except Exception:  # noqa: BLE001 - EOFError, ValueError, TypeError: not a marshal payload of a pair
        return {}
    if versions != _versions() or type(entries) is not dict \
            or not all(_valid_entry(k, v) for k, v in entries.items()):
        return {}  # written for another version of regex or Python, or not plain program data
    return entries


def _encode(entries: dict) -> bytes:
    import hashlib
    import marshal
    payload = marshal.dumps((_versions(), entries), 4)
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def _valid_entry(key, data) -> bool:
    """A (pattern, flags) key and the arguments of its C compile, shaped as this regex shapes them."""
    return (type(key) is tuple and len(key) == 2 and type(key[0]) is str and type(key[1]) is int
            and type(data) is tuple and tuple(map(type, data)) == _shape() and data[0] == key[0] and _plain(data))


@functools.cache
def _shape() -> tuple:
    """The types of the C compile's arguments (str, int, bytes, dict …), as this version of regex passes them."""
    return tuple(map(type, getattr(regex.compile(""), "_pickled_data", ())))


def _plain(value, depth: int = 0) -> bool:
    """Only the data a compiled program is made of: no code objects, nothing nested deeper than a few levels."""
    kind = type(value)
    if kind in (str, int, bytes, bool) or value is None:
        return True
    if depth > 4:
        return False
    if kind in (tuple, list, frozenset):
        return all(_plain(item, depth + 1) for item in value)
    if kind is dict:
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    return False


def save() -> None:
    """Add the patterns compiled afresh in this process to the cache file (run at exit)."""
    if not _added:
        return
    path = cache_path()
    if path is None:
        return
    import tempfile
    entries = _read(path)
    entries.update(_added)
    if len(entries) > _MAX_ENTRIES:  # patterns of files since edited pile up: keep what this run used
        entries = {key: data for key, data in entries.items() if key in _used}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return  # a read-only cache directory costs only the time saved
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encode(entries))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # a full disk leaves no half-written file behind
        return
    _added.clear()
