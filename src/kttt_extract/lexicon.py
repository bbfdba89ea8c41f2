"""Compiled phrase tables: a pattern dimension turned into one leftmost-longest regex.

Every entry becomes a named group; `(?p)` (POSIX leftmost-longest) makes
`hộ thành viên` win over `hộ`, and `liên hiệp hợp tác xã` over `hợp tác xã`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .patterns import Entry, PatternSet, phrase_regex


@dataclass(frozen=True)
class Hit:
    entry: Entry
    start: int
    end: int

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def value(self) -> str:
        """The record slug the phrase stands for (an entry may name one other than its own)."""
        return self.entry.means or self.entry.slug


class PhraseTable:
    def __init__(self, entries: list[Entry]):
        self.entries = {f"e{i}": entry for i, entry in enumerate(entries)}
        groups = []
        for name, entry in self.entries.items():
            alternatives = ([phrase_regex(entry.phrases)] if entry.phrases else []) + entry.regex
            groups.append(f"(?P<{name}>{'|'.join(f'(?:{a})' for a in alternatives)})")
        self.pattern = regex.compile("|".join(groups) or r"(?!)", regex.IGNORECASE | regex.POSIX)

    def _hit(self, match: regex.Match) -> Hit:
        return Hit(self.entries[match.lastgroup], match.start(), match.end())

    def match_at(self, text: str, pos: int) -> Hit | None:
        match = self.pattern.match(text, pos)
        return self._hit(match) if match and match.end() > pos else None

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        end = len(text) if end is None else end
        return [self._hit(m) for m in self.pattern.finditer(text, start, end) if m.end() > m.start()]

    def ending_at(self, text: str, end: int, start: int = 0) -> Hit | None:
        """The longest phrase that ends exactly at `end` (spaces before `end` allowed)."""
        stop = end
        while stop > start and text[stop - 1] in " \t":
            stop -= 1
        best = None
        for match in self.pattern.finditer(text, max(start, stop - 60), stop, overlapped=True):
            if match.end() == stop and (best is None or match.start() < best.start()):
                best = match
        return self._hit(best) if best else None


@functools.lru_cache(maxsize=64)
def table(patterns: PatternSet, dimension: str, position: str | None = "any", role: str | None = None) -> PhraseTable:
    """The entries of `dimension`, optionally only those with a `position` or `role`."""
    entries = [e for e in patterns.entries(dimension)
               if (position == "any" or e.position == position) and (role is None or e.role == role)]
    return PhraseTable(entries)


@functools.lru_cache(maxsize=64)
def compiled(patterns: PatternSet, dimension: str, slug: str) -> regex.Pattern:
    """One entry's phrases and regexes as a single case-insensitive pattern."""
    entry = patterns.entry(dimension, slug)
    if entry is None:
        return regex.compile(r"(?!)")
    alternatives = ([phrase_regex(entry.phrases)] if entry.phrases else []) + entry.regex
    return regex.compile("|".join(f"(?:{a})" for a in alternatives), regex.IGNORECASE | regex.MULTILINE)
