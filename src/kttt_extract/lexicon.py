"""Compiled phrase tables: a pattern dimension turned into fast lookups.

Phrases are matched on words, not by one big regex: the text is cut once into
its words (runs of letters and digits, lower-cased), each phrase is a sequence
of words with the separators between them (`LH.HTX`, `xã, phường`), and a dict
from first words to phrases finds, at every word, the longest phrase starting
there — so `hộ thành viên` wins over `hộ`, and `liên hiệp hợp tác xã` over
`hợp tác xã`. A word boundary is implied: `HTX` is not found inside `HTXNN`.
Entries given as regexes are matched beside the phrases, and the longer wins.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from . import regex_cache
from .alternation import Alternation
from .limits import match_near
from .patterns import Entry, PatternSet, alternatives, phrase_regex

_FLAGS = regex.IGNORECASE | regex.MULTILINE
_WORD = regex_cache.compile(r"[\p{L}\p{N}\p{M}]+")
_SPACE_RUN = regex_cache.compile(r"\s+")
_POSSESSIVE = regex_cache.compile(r"[*+?}]\+")  # a possessive quantifier (`a++`), which `search_from_end` leaves forward


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


@dataclass(frozen=True)
class Words:
    """A text cut into words: their offsets, lower-cased forms and the separators between them."""
    starts: list[int]
    ends: list[int]
    forms: list[str]
    gaps: list[str]     # gaps[i]: what stands between word i and word i+1

    def index_at(self, pos: int) -> int | None:
        index = bisect.bisect_left(self.starts, pos)
        return index if index < len(self.starts) and self.starts[index] == pos else None


@functools.lru_cache(maxsize=4)
def words_of(text: str) -> Words:
    matches = list(_WORD.finditer(text))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    gaps = [text[ends[i]:starts[i + 1]] for i in range(len(matches) - 1)] + [""]
    return Words(starts, ends, [m.group().lower() for m in matches], gaps)


def _same_gap(written: str, expected: str) -> bool:
    """Separators agree when they are equal once runs of spaces are one space (`hợp  tác` is `hợp tác`)."""
    return written == expected or _SPACE_RUN.sub(" ", written) == expected


def _same_gaps(written: list[str], expected: list[str]) -> bool:
    return written == expected or all(_same_gap(w, e) for w, e in zip(written, expected))


def _split(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A phrase as its lower-cased words and the separators between them; None if it has no word."""
    matches = list(_WORD.finditer(phrase))
    if not matches or matches[0].start() != 0 or matches[-1].end() != len(phrase):
        return None
    words = tuple(m.group().lower() for m in matches)
    gaps = tuple(_SPACE_RUN.sub(" ", phrase[a.end():b.start()]) for a, b in zip(matches, matches[1:]))
    return words, gaps


class PhraseTable:
    def __init__(self, entries: list[Entry]):
        # first word → (words, separators, entry), lists so that a slice of the text's words compares in one step
        self.by_first: dict[str, list[tuple[list[str], list[str], Entry]]] = {}
        loose: list[tuple[str, Entry]] = []  # phrases that are not plain words (`%`): matched as regexes
        for entry in entries:
            for phrase in entry.phrases:
                split = _split(phrase)
                if split is None:
                    loose.append((phrase, entry))
                    continue
                words, gaps = list(split[0]), list(split[1])
                candidates = self.by_first.setdefault(words[0], [])
                if not any(w == words and g == gaps for w, g, _ in candidates):
                    candidates.append((words, gaps, entry))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda candidate: len(candidate[0]), reverse=True)
        self.patterns = [(Alternation(entry.regex, _FLAGS), entry) for entry in entries if entry.regex]
        self.patterns += [(regex_cache.compile(phrase_regex([phrase]), _FLAGS), entry) for phrase, entry in loose]

    def _phrase_at(self, words: Words, index: int) -> tuple[int, Entry] | None:
        """The longest phrase starting at word `index`: (index of its last word, entry)."""
        for phrase, gaps, entry in self.by_first.get(words.forms[index], ()):
            last = index + len(phrase) - 1
            if words.forms[index:last + 1] == phrase and _same_gaps(words.gaps[index:last], gaps):
                return last, entry
        return None

    def match_at(self, text: str, pos: int) -> Hit | None:
        """The longest phrase that starts exactly at `pos`."""
        best = None
        words = words_of(text)
        index = words.index_at(pos)
        if index is not None and (found := self._phrase_at(words, index)):
            best = Hit(found[1], pos, words.ends[found[0]])
        for pattern, entry in self.patterns:
            match = match_near(pattern, text, pos)
            if match and match.end() > pos and (best is None or match.end() > best.end):
                best = Hit(entry, pos, match.end())
        return best

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping phrases in text[start:end], leftmost first, the longer at equal starts."""
        end = len(text) if end is None else end
        words = words_of(text)
        hits = []
        index = bisect.bisect_left(words.starts, start)
        stop = bisect.bisect_left(words.starts, end)
        firsts = self.by_first
        forms = words.forms
        while index < stop:
            found = self._phrase_at(words, index) if forms[index] in firsts else None
            if found and words.ends[found[0]] <= end:
                hits.append(Hit(found[1], words.starts[index], words.ends[found[0]]))
                index = found[0] + 1
            else:
                index += 1
        if not self.patterns:
            return hits
        for pattern, entry in self.patterns:
            hits += [Hit(entry, m.start(), m.end()) for m in pattern.finditer(text, start, end) if m.end() > m.start()]
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
        words = words_of(text)
        last = bisect.bisect_left(words.ends, stop)
        if last >= len(words.ends) or words.ends[last] != stop:
            return None
        best = None
        for index in range(last, max(-1, last - 6), -1):
            if words.starts[index] < start:
                break
            found = self._phrase_at(words, index)
            if found and found[0] == last:
                best = Hit(found[1], words.starts[index], stop)
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
        return regex_cache.compile(r"(?!)")
    return regex_cache.compile("|".join(f"(?:{a})" for a in alternatives(entry)), _FLAGS)


class ForwardSearch:
    """`pattern.search(text, pos, end)` for calls whose `pos` grows within one `end` (a sentence
    read figure by figure): whether the pattern matches at a position does not depend on where the
    search began, so a match found from an earlier `pos` is the first from any `pos` up to its own
    start, and a sentence is searched about once, not once for each of its figures."""

    def __init__(self, pattern: regex.Pattern, text: str):
        self.pattern, self.text = pattern, text
        self._last: dict[int, tuple[int, regex.Match | None]] = {}  # end → (pos, what was found from it)

    def search(self, pos: int, end: int) -> regex.Match | None:
        since, found = self._last.get(end, (end + 1, None))
        if not since <= pos <= (found.start() if found else end):
            found = self.pattern.search(self.text, pos, end)
            self._last[end] = (pos, found)
        return found


def search_from_end(pattern: regex.Pattern, text: str) -> regex.Match | None:
    """A match of `pattern` in `text` if there is one (`pattern.search(text)` says the same), looked
    for from the end. The connectives a figure's lead is tested for end it (`,\\s*$`): from the start,
    every position of a clause of hundreds of figures is tried for each; from the end, the first
    try decides."""
    return _backward(pattern).search(text)


@functools.lru_cache(maxsize=64)
def _backward(pattern: regex.Pattern) -> regex.Pattern:
    # An atomic group or a possessive quantifier may match in one direction and not the other.
    if "(?>" in pattern.pattern or _POSSESSIVE.search(pattern.pattern):
        return pattern
    return regex_cache.compile(pattern.pattern, pattern.flags | regex.REVERSE)

