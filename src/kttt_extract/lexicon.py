"""Compiled phrase tables: a pattern dimension turned into fast lookups.

Literal phrases of all entries go into one alternation, longest first, so that
at any position the longest phrase wins (`hộ thành viên` over `hộ`,
`liên hiệp hợp tác xã` over `hợp tác xã`); the matched words map back to their
entry. Entries given as regexes are matched beside it, and the longer match wins.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .patterns import Entry, PatternSet, phrase_regex

_FLAGS = regex.IGNORECASE | regex.MULTILINE


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


def _key(words: str) -> str:
    return " ".join(words.casefold().split())


class PhraseTable:
    def __init__(self, entries: list[Entry]):
        self.by_phrase: dict[str, Entry] = {}
        for entry in entries:
            for phrase in entry.phrases:
                self.by_phrase.setdefault(_key(phrase), entry)
        self.phrases = regex.compile(phrase_regex(list(self.by_phrase)) if self.by_phrase else r"(?!)", _FLAGS)
        self.patterns = [(regex.compile("|".join(f"(?:{r})" for r in entry.regex), _FLAGS), entry)
                         for entry in entries if entry.regex]

    def _phrase_hit(self, match: regex.Match) -> Hit:
        return Hit(self.by_phrase[_key(match.group())], match.start(), match.end())

    def match_at(self, text: str, pos: int) -> Hit | None:
        """The longest phrase that starts exactly at `pos`."""
        best = None
        match = self.phrases.match(text, pos)
        if match and match.end() > pos:
            best = self._phrase_hit(match)
        for pattern, entry in self.patterns:
            match = pattern.match(text, pos)
            if match and match.end() > pos and (best is None or match.end() > best.end):
                best = Hit(entry, pos, match.end())
        return best

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping phrases in text[start:end], leftmost first, the longer at equal starts."""
        end = len(text) if end is None else end
        hits = [self._phrase_hit(m) for m in self.phrases.finditer(text, start, end)]
        for pattern, entry in self.patterns:
            hits += [Hit(entry, m.start(), m.end()) for m in pattern.finditer(text, start, end) if m.end() > m.start()]
        if len(self.patterns) == 0:
            return hits
        hits.sort(key=lambda h: (h.start, -h.end))
        kept: list[Hit] = []
        for hit in hits:
            if not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        return kept

    def ending_at(self, text: str, end: int, start: int = 0) -> Hit | None:
        """The longest phrase that ends exactly at `end` (spaces before `end` allowed)."""
        stop = end
        while stop > start and text[stop - 1] in " \t":
            stop -= 1
        best = None
        for match in self.phrases.finditer(text, max(start, stop - 40), stop, overlapped=True):
            if match.end() == stop and (best is None or match.start() < best.start):
                best = self._phrase_hit(match)
        return best


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
    return regex.compile("|".join(f"(?:{a})" for a in alternatives), _FLAGS)
