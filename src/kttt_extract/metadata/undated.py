"""The year of a news lead dated by day and month only (`Chiều 9/2, UBND xã tổ chức hội nghị …`).

A page often carries no year at all: the lead says `Chiều 9/2` and the event says the rest. Two
events date themselves, read in the lead's sentence:

- a year-end review, `tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024`, is held in the
  last months of the year it closes or early in the next: 20/12 → 2023, 9/1 → 2024;
- a document passed or rolled out, `thông qua Nghị quyết số 17/2021/NQ-HĐND …` (the symbol's
  year), `triển khai Kế hoạch … năm 2022` (a plan for one year is rolled out in that year).

Without such an event the year stays unknown. Vocabulary: `patterns/connectives.yaml`
(`undated_opening`, `year_end_review`, `year_roll_out`).
"""
from __future__ import annotations

from datetime import date

from ..lexicon import compiled
from ..patterns import PatternSet
from .page import Page

_LEAD_LINES = 6  # the lead is among the first lines of the body, or just above it


def undated_lead(page: Page, patterns: PatternSet) -> date | None:
    """The date of a lead `Chiều 9/2, …`, its year read from the event it reports."""
    opening = compiled(patterns, "connectives", "undated_opening")
    for line in page.lines[:page.body_start + _LEAD_LINES]:  # a short lead may not count as body
        match = opening.match(line.text.strip())
        if match is None:
            continue
        day, month = int(match.group("day")), int(match.group("month"))
        sentence = line.text.split(". ")[0]
        year = _event_year(sentence, month, patterns)
        try:
            return date(year, month, day) if year else None
        except ValueError:
            return None
    return None


def _event_year(sentence: str, month: int, patterns: PatternSet) -> int | None:
    review = compiled(patterns, "connectives", "year_end_review").search(sentence)
    if review and int(review.group("next")) == int(review.group("year")) + 1:
        return int(review.group("year")) if month >= 10 else int(review.group("next"))
    rolled = compiled(patterns, "connectives", "year_roll_out").search(sentence)
    if rolled:
        return int(rolled.group("symbol_year") or rolled.group("year"))
    return None
