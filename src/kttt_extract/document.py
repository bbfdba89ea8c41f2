"""The one document object that every pipeline stage reads and annotates, and what decoding hands it."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Decoded:
    """Stage 1's output: the text of one file, and what was found out reading it."""

    text: str          # the notice's text; for HTML, the page converted to text
    encoding: str      # as detected: utf-8, utf-16, cp1258, …
    format: str        # "text", "html", "pdf" or "docx"
    context: str = ""  # HTML title, masthead and footer text, kept for place lookup
    warnings: list[str] = field(default_factory=list)  # what decoding repaired (a TCVN3 re-read)
    pages: tuple[int, ...] = ()  # a PDF: where each page starts in `text` (normalized already)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Tag:
    """A value found in the text, grounded to `doc.text[start:end]`."""

    dim: str      # "number", "date", "symbol", "subject", "comparator", …
    start: int
    end: int
    value: Any = None
    label: str = ""  # a short human label for `kttt explain`


@dataclass
class Doc:
    text: str                      # the normalized text; every offset indexes it
    path: str = "-"
    sha256: str = ""
    format: str = "text"
    encoding: str = "utf-8"
    context: str = ""              # page chrome kept for place lookup (HTML title, masthead, footer)
    warnings: list[str] = field(default_factory=list)  # what decoding repaired
    pages: tuple[int, ...] = ()    # a PDF: the offset in `text` where each page starts
    lines: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tags: dict[str, list[Tag]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    def add(self, tag: Tag) -> None:
        self.tags.setdefault(tag.dim, []).append(tag)

    def of(self, dim: str) -> list[Tag]:
        return self.tags.get(dim, [])

    def span_text(self, span: Span | Tag) -> str:
        return self.text[span.start:span.end]

    def sentence_at(self, offset: int) -> Span:
        index = bisect.bisect_right(self._sentence_start_list(), offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return Span(offset, offset)

    def sentence_index(self, sentence: Span) -> int:
        """`sentences.index(sentence)`, by bisection on the starts (sentences are in text order)."""
        starts = self._sentence_start_list()
        index = bisect.bisect_left(starts, sentence.start)
        while index < len(starts) and starts[index] == sentence.start:
            if self.sentences[index] == sentence:
                return index
            index += 1
        raise ValueError(f"{sentence} is not a sentence of the text")

    def _sentence_start_list(self) -> list[int]:
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [sentence.start for sentence in self.sentences]
        return self._sentence_starts

    def line_at(self, offset: int) -> Span:
        index = bisect.bisect_right(self._line_starts(), offset) - 1
        if index >= 0 and offset <= self.lines[index].end:
            return self.lines[index]
        return Span(offset, offset)

    def _line_starts(self) -> list[int]:
        if len(self._starts) != len(self.lines):
            self._starts = [line.start for line in self.lines]
        return self._starts
