"""The one document object that every pipeline stage reads and annotates."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    lines: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tags: dict[str, list[Tag]] = field(default_factory=dict)

    def add(self, tag: Tag) -> None:
        self.tags.setdefault(tag.dim, []).append(tag)

    def of(self, dim: str) -> list[Tag]:
        return self.tags.get(dim, [])

    def span_text(self, span: Span | Tag) -> str:
        return self.text[span.start:span.end]

    def sentence_at(self, offset: int) -> Span:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return Span(offset, offset)

    def line_at(self, offset: int) -> Span:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line
        return Span(offset, offset)
