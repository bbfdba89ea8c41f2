"""Bounded work: a time limit per notice, and pattern regexes that cannot run away.

`time_limit(seconds, path)` stops whatever runs inside it once the time is up and raises the
InputError `PATH: extraction took longer than N s` (SIGALRM: Python's loops and the `regex`
module's matcher both check for signals, so a regex that backtracks without end is stopped too).

A regex in a user's pattern file is first run, with the `regex` module's own timeout, on probe
strings made to trigger catastrophic backtracking: long runs of one character (or of the
pattern's own letters, or of its examples) with and without a character that makes the match
fail at the end. One that does not finish on all of them in time is refused when the file is
loaded.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterable, Iterator

import regex

from .errors import InputError

MATCH_REACH = 200        # characters a pattern matched at a position may span (`match_near`)
PROBE_LENGTH = 1_000     # characters: exponential backtracking runs for ages, quadratic for milliseconds
PROBE_TIMEOUT = 0.25     # seconds one probe may take
_PROBE_UNITS = ("a", "A", "đ", "ệ", "1", "0", " ", ".", ",", "/", "-", "%", ":", "(", "\n", "\t",
                "a ", "1.", "1 ", "1,", "ab", "xã ", "a.")
_PROBE_ENDINGS = ("", "!", "\x00", "\n")
_PUNCTUATION = frozenset(":;%/.,)-–\"'")
_MAX_OWN_LETTERS, _MAX_EXAMPLES = 12, 4
_FLAGS = regex.IGNORECASE | regex.MULTILINE  # as lexicon.py compiles pattern-file regexes


class ExtractionTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so that no `except Exception` inside extraction eats it."""


def _on_alarm(signum, frame):
    raise ExtractionTimeout


def can_limit_time() -> bool:
    """SIGALRM exists (not on Windows) and is delivered only to the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, path: str | None = None) -> Iterator[None]:
    """Stop the block after `seconds` (0: no limit) with the InputError that `path` took too long."""
    if seconds <= 0 or not can_limit_time():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except ExtractionTimeout:
        raise InputError(path, f"extraction took longer than {seconds:g} s (--timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def match_near(pattern: regex.Pattern, text: str, pos: int) -> regex.Match | None:
    """`pattern.match(text, pos)` over the next MATCH_REACH characters. Unbounded, the `regex`
    module first looks for a string the pattern cannot match without (`được` in `\\s*được`, the
    `(` of an abbreviation) through all the rest of the text: once per figure or document named,
    that is the square of a text repeating them. What a phrase matches at a position is shorter."""
    return pattern.match(text, pos, pos + MATCH_REACH)


def runaway(pattern: str, examples: Iterable[str] = ()) -> str | None:
    """None when `pattern` finishes in time on every probe string; else why it is refused."""
    compiled = regex.compile(pattern, _FLAGS)
    for probe in _probes(pattern, examples):
        try:
            for _ in compiled.finditer(probe, timeout=PROBE_TIMEOUT):
                pass
        except TimeoutError:
            shown = probe[:6] + ("…" if len(probe) > 6 else "")
            return (f"the regex {pattern!r} can run away (catastrophic backtracking): it takes longer than "
                    f"{PROBE_TIMEOUT:g} s on {len(probe)} characters like {shown!r}")
    return None


def _probes(pattern: str, examples: Iterable[str]) -> Iterator[str]:
    letters = list(dict.fromkeys(ch for ch in pattern.lower() if ch.isalnum()))[:_MAX_OWN_LETTERS]
    # a literal the pattern needs, after a character that fails it, defeats the matcher's quick "absent" check
    needed = ["!" + ch for ch in dict.fromkeys(pattern) if ch in _PUNCTUATION][:_MAX_OWN_LETTERS]
    for unit in (*_PROBE_UNITS, *letters, *[e for e in examples if e][:_MAX_EXAMPLES]):
        run = (unit * (PROBE_LENGTH // len(unit) + 1))[:PROBE_LENGTH]
        for ending in (*_PROBE_ENDINGS, *needed):
            yield run + ending
