"""The years a notice states that can date a figure, and the notice's own year."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from types import SimpleNamespace

import regex

from ..document import Doc
from ..lexicon import compiled
from ..patterns import PatternSet
from ..spans import SpanSet


@dataclass(frozen=True)
class Year:
    year: int
    start: int
    end: int
    kind: str  # until_year, plain_year, period
    first: int | None = None  # a period's first year
    month: int | None = None  # a date's month


class YearFinder:
    """Year expressions that can date a figure, outside cited documents and dates."""

    def __init__(self, doc: Doc, patterns: PatternSet):
        self.years: list[Year] = []
        blocked_or_taken = SpanSet((t.start, t.end) for t in doc.of("symbol"))
        law_year = compiled(patterns, "connectives", "law_year")
        for kind in ("period", "until_year", "plain_year"):
            for match in compiled(patterns, "headings", kind).finditer(doc.text):
                span = match.span("year")
                if blocked_or_taken.overlaps(*match.span()):
                    continue
                if law_year.search(doc.text[max(0, match.start() - 60):match.start()]):
                    continue
                blocked_or_taken.add(*match.span())
                first = int(match.group("start")) if kind == "period" else None
                self.years.append(Year(int(match.group("year")), match.start(), span[1], kind, first))
        for date in doc.of("date"):
            written = doc.text[date.start:date.end]
            year, month = (date.value.year, date.value.month) if date.value is not None else _year_written(written)
            if year:
                self.years.append(Year(year, date.start, date.end, "date", month=month))
        self.years.sort(key=lambda y: y.start)
        self.starts = [y.start for y in self.years]

    def in_span(self, start: int, end: int) -> list[Year]:
        return self.years[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]

    def horizon(self) -> int:
        """Where an undated notice's aims begin: the start of the latest period it states
        (`Giai đoạn 2026 - 2030`, though a vision to 2040 follows), else its latest year."""
        periods = [y.first for y in self.years if y.kind == "period"]
        return max(periods) if periods else max((y.year for y in self.years if y.kind != "date"), default=0)


def nearest_year(years: list[Year], pos: int) -> Year | None:
    before = [y for y in years if y.end <= pos]
    if before:
        return before[-1]
    after = [y for y in years if y.start >= pos]
    return after[0] if after else None


def _year_written(text: str) -> tuple[int | None, int | None]:
    """`tháng 10/2023` → (2023, 10): a month and year is still a year."""
    match = regex.search(r"(?:(?P<month>\d{1,2})\s*[/-]\s*)?(?P<year>(?:19|20)\d\d)$", text)
    if not match:
        return None, None
    return int(match.group("year")), (int(match.group("month")) if match.group("month") else None)


def reference_year(doc: Doc, metadata, words: SimpleNamespace) -> int | None:
    """The notice's own year: when it was posted; else when its plan was signed, or later when the
    notice reviews years of a document (`Sau 3 năm thực hiện Nghị quyết … ngày 12/7/2018`: 2021), or
    the latest part of a year it reports as gone (`10 tháng năm 2024`: 2024), or the year after the
    one it compares the same months with (`so với cùng kỳ năm 2022`: 2023).
    Dates of cited documents say nothing by themselves."""
    if metadata is not None and metadata.published_on:
        return metadata.published_on.year
    signed = metadata.plan.issued_on.year if metadata is not None and metadata.plan and metadata.plan.issued_on else None
    reviews = [int(m.group("year")) + int(m.group("years")) for m in words.years_into.finditer(doc.text)]
    elapsed = [int(m.group("year")) for m in words.elapsed_period.finditer(doc.text)]
    year_after = [int(m.group("year")) + 1 for m in words.same_period_before.finditer(doc.text)]
    return max([year for year in (signed, *reviews, *elapsed, *year_after) if year is not None], default=None)
