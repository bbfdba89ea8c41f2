"""The notice as the figures stage reads it: one `Reading` per notice.

It holds the pattern tables every question needs (subjects, units, comparators, actions, status
cues, non-figure contexts, topics, connectives), the years the notice states, the notice's own
year, and what lines and sentences are (furniture, headings, short lines, clauses). The
questions themselves live beside it: quantity, subject, comparator, action, status, deadline.
"""
from __future__ import annotations

import bisect
import functools
from types import SimpleNamespace

import regex

from .. import regex_cache, tables
from ..alternation import Alternation
from ..document import Doc, Span
from ..lexicon import ForwardSearch, Hit, PhraseTable, compiled, table
from ..patterns import PatternSet, alternatives
from .candidate import Candidate
from .years import Year, YearFinder, reference_year

_FURNITURE_LINE = 200  # characters: a line of page furniture is short


class Reading:
    """One notice being read for figures."""

    def __init__(self, doc: Doc, patterns: PatternSet, metadata):
        self.doc = doc
        self.text = doc.text
        self.patterns = patterns
        self.subjects = table(patterns, "subjects")
        self.subjects_anywhere = _subjects_anywhere(patterns)
        self.anaphora = _short_forms(patterns)
        self.units = table(patterns, "units")
        self.comparators_before = table(patterns, "comparators", "before")
        self.comparators_after = table(patterns, "comparators", "after")
        self.actions = table(patterns, "actions")
        self.money_actions = {entry.means or entry.slug for entry in patterns.entries("actions") if entry.of_money}
        self.status = table(patterns, "status")
        self.nonfigure_before = _context_rules(patterns, "before")
        self.nonfigure_after = _context_rules(patterns, "after")
        self.page_furniture = compiled(patterns, "nonfigures", "page_furniture")
        self.related_heading = compiled(patterns, "nonfigures", "related_heading")
        self.organizations = [(m.start(), m.end()) for m in
                              compiled(patterns, "nonfigures", "organization").finditer(self.text)]
        self.zero_cue = compiled(patterns, "numbers", "zero")
        self.other_economy = compiled(patterns, "topics", "other_economy")
        self.linked_land = compiled(patterns, "topics", "linked_land")
        self.topic_units = compiled(patterns, "topics", "collective_economy")
        self.place_economy = compiled(patterns, "topics", "place_economy")
        self.topic = regex_cache.compile(f"(?:{self.topic_units.pattern})|"
                                         f"(?:{compiled(patterns, 'topics', 'sector_words').pattern})|"
                                         f"(?:{compiled(patterns, 'topics', 'own_plan').pattern})", regex.IGNORECASE)
        self.words = _connectives(patterns)
        self.separators = ForwardSearch(self.words.separator, self.text)  # where a figure's own words end
        self._found: dict[tuple[regex.Pattern, int, int], bool] = {}
        self.years = YearFinder(doc, patterns)
        self.metadata = metadata
        self.reference_year = reference_year(doc, metadata, self.words)
        period = metadata.plan.period if metadata is not None and metadata.plan else None
        self.plan_start = period.start if period else None
        self.title_line = _title_line(doc, metadata)
        self._furniture: dict[int, bool] = {}
        self.sentence_figures: list[Candidate] = []
        self._sentences_per_line: dict[int, int] = {}
        self.number_starts = [n.start for n in doc.of("number")]
        self.number_ends = [n.end for n in doc.of("number")]
        self._cues: dict[int, list[Hit]] = {}
        self.asides: dict[tuple[int, int], list[tuple[int, int]]] = {}  # status.closed_asides, per sentence

    def body_end(self) -> int:
        """Where a list of other articles begins (`Tin cùng chuyên mục`): the notice's own text ends."""
        match = self.related_heading.search(self.text)
        return self.doc.line_at(match.start()).start if match else len(self.text)

    def is_furniture(self, sentence: Span) -> bool:
        """Counters, contacts and captions: short lines only, since prose may mention a phone or a view."""
        line = self.doc.line_at(sentence.start)
        if line.start not in self._furniture:
            self._furniture[line.start] = (line.end - line.start < _FURNITURE_LINE
                                           and bool(self.page_furniture.search(self.doc.span_text(line))))
        return self._furniture[line.start]

    def is_short_line(self, sentence: Span) -> bool:
        """A line of one sentence: a headline, a caption, a list item."""
        line = self.doc.line_at(sentence.start)
        if not self._sentences_per_line:
            for other in self.doc.sentences:
                start = self.doc.line_at(other.start).start
                self._sentences_per_line[start] = self._sentences_per_line.get(start, 0) + 1
        return self._sentences_per_line.get(line.start, 0) <= 1 and line.end - line.start < 300

    def is_table_row(self, sentence: Span) -> bool:
        """A row of cells (tab- or pipe-separated, as `tables.py` reads them): it speaks for its own cells only."""
        line = self.doc.line_at(sentence.start)
        return "\t" in self.doc.span_text(line).strip() or tables.is_pipe_row(self.text, line)

    def is_heading(self, sentence: Span) -> bool:
        """A section heading: a short line of its own, numbered or in capitals, not closed by a full stop."""
        line = self.doc.line_at(sentence.start)
        words = self.doc.span_text(line).strip()
        if not words or len(words) > 150 or words.endswith(".") or (line.start, line.end) != (sentence.start, sentence.end):
            return False
        letters = [ch for ch in words if ch.isalpha()]
        capitals = sum(ch.isupper() for ch in letters) >= 0.6 * len(letters) if letters else False
        return capitals or bool(self.words.enumerator.match(words))

    def clause_start(self, sentence: Span, pos: int, marks: str = ";") -> int:
        cut = max(self.text.rfind(mark, sentence.start, pos) for mark in marks)
        return cut + 1 if cut >= 0 else sentence.start

    def in_organization(self, hit: Hit) -> bool:
        return any(s <= hit.start < e for s, e in self.organizations)

    def number_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.number_starts, start)
        return index < len(self.number_starts) and self.number_starts[index] < end

    def occurs(self, pattern: regex.Pattern, start: int, end: int) -> bool:
        """Whether `pattern` is found between start and end: once per span, which every figure of
        a clause or sentence asks about (the topic of its clause, of its sentence's first clause)."""
        key = (pattern, start, end)
        if key not in self._found:
            self._found[key] = pattern.search(self.text, start, end) is not None
        return self._found[key]

    def cues_of(self, sentence: Span) -> list[Hit]:
        """The status cues of a sentence, found once."""
        if sentence.start not in self._cues:
            self._cues[sentence.start] = self.status.find_all(self.text, sentence.start, sentence.end)
        return self._cues[sentence.start]

    def is_baseline(self, year: Year) -> bool:
        """`so với năm 2020`, `gấp 1,4 lần năm 2020`: a year compared with, not the year meant."""
        return bool(self.words.baseline.search(self.text, max(0, year.start - 12), year.start))

    def on_title(self, c: Candidate) -> bool:
        return self.title_line is not None and self.title_line.start <= c.start < self.title_line.end + 1


def _title_line(doc: Doc, metadata) -> Span | None:
    title = metadata.title if metadata is not None else None
    if not title:
        return None
    key = title.split("\n")[0][:40]
    position = doc.text.find(key)
    return doc.line_at(position) if position >= 0 else None


def skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


@functools.lru_cache(maxsize=8)
def _connectives(patterns: PatternSet) -> SimpleNamespace:
    """The connectives (patterns/connectives.yaml), one compiled pattern per slug."""
    return SimpleNamespace(**{e.slug: compiled(patterns, "connectives", e.slug) for e in patterns.entries("connectives")})


@functools.lru_cache(maxsize=8)
def _short_forms(patterns: PatternSet):
    """The subjects' short forms (`quỹ` for quỹ tín dụng nhân dân), as a phrase table of their own."""
    return PhraseTable([e.model_copy(update={"phrases": e.anaphora, "regex": []})
                        for e in patterns.entries("subjects") if e.anaphora])


@functools.lru_cache(maxsize=8)
def _subjects_anywhere(patterns: PatternSet):
    """Subject phrases that may be read anywhere in a clause (not only right after a number)."""
    return PhraseTable([e for e in patterns.entries("subjects") if e.position != "after"])


@functools.lru_cache(maxsize=16)
def _context_rules(patterns: PatternSet, position: str) -> list[tuple[Alternation, float | None]]:
    """The non-figure contexts on one side of a number, one alternation per value they apply to."""
    by_value: dict[float | None, list[str]] = {}
    for entry in patterns.entries("nonfigures"):
        if entry.position == position:
            by_value.setdefault(entry.value, []).extend(alternatives(entry))
    return [(Alternation(parts, regex.IGNORECASE | regex.MULTILINE), value) for value, parts in by_value.items()]