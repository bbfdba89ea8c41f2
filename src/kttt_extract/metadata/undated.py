"""The year of a news lead dated by day and month only (`Chiều 9/2, UBND xã tổ chức hội nghị …`).

A page often carries no year at all: the lead says `Chiều 9/2` and the event says the rest.
Events date themselves, read in the lead's sentence, else in the headline that names the same
event:

- a year-end review, `tổng kết công tác năm 2023(, triển khai nhiệm vụ năm 2024)`, is held in
  the last months of the year it closes or early in the next: 20/12 → 2023, 9/1 → 2024;
- the tasks of a year, `triển khai nhiệm vụ năm 2024`, are rolled out at its start or in the
  last months before it: 9/1 → 2024, 20/12 → 2023;
- a document passed or rolled out, `thông qua Nghị quyết số 17/2021/NQ-HĐND …` (the symbol's
  year), `triển khai Kế hoạch … năm 2022` (a plan for one year is rolled out in that year).

Else the text's own count dates it: a notice is written after the latest `tính đến tháng
10/2023` or `9 tháng năm 2023` it reports, so `Ngày 28/11` is 28/11/2023. Without any of these the year stays unknown.
Vocabulary: `patterns/connectives.yaml` (`undated_opening`, `year_end_review`, `year_tasks`,
`year_roll_out`, `counted_until`, `elapsed_period`).
"""
from __future__ import annotations

from datetime import date

from ..lexicon import compiled
from ..patterns import PatternSet
from .page import Page

_LEAD_LINES = 6  # the lead is among the first lines of the body, or just above it


def undated_lead(page: Page, patterns: PatternSet, headline: str | None) -> date | None:
    """The date of a lead `Chiều 9/2, …`, its year read from the event it reports."""
    opening = compiled(patterns, "connectives", "undated_opening")
    for line in page.lines[:page.body_start + _LEAD_LINES]:  # a short lead may not count as body
        match = opening.match(line.text.strip())
        if match is None:
            continue
        day, month = int(match.group("day")), int(match.group("month"))
        sentence = line.text.split(". ")[0]
        year = (_event_year(sentence, month, patterns) or _event_year(headline or "", month, patterns)
                or _year_after_count(page.doc.text, day, month, patterns))
        try:
            return date(year, month, day) if year else None
        except ValueError:
            return None
    return None


def _event_year(sentence: str, month: int, patterns: PatternSet) -> int | None:
    late_in_year = month >= 10
    review = compiled(patterns, "connectives", "year_end_review").search(sentence)
    if review:
        return int(review.group("year")) + (0 if late_in_year else 1)
    tasks = compiled(patterns, "connectives", "year_tasks").search(sentence)
    if tasks:
        return int(tasks.group("year")) - (1 if late_in_year else 0)
    rolled = compiled(patterns, "connectives", "year_roll_out").search(sentence)
    if rolled:
        return int(rolled.group("symbol_year") or rolled.group("year"))
    return None


def _year_after_count(text: str, day: int, month: int, patterns: PatternSet) -> int | None:
    """The first day/month on or after the latest date the text counts up to (`tính đến tháng 10/2023`)."""
    counted = [(int(m.group("year")), int(m.group("month") or 12), int(m.group("day") or 31))
               for m in compiled(patterns, "connectives", "counted_until").finditer(text)]
    counted += [(int(m.group("year")), int(m.group("months")), 1)  # `9 tháng năm 2024` is reported from September on
                for m in compiled(patterns, "connectives", "elapsed_period").finditer(text) if m.group("months")]
    if not counted:
        return None
    year, until_month, until_day = max(counted)
    return year if (month, day) >= (until_month, until_day) else year + 1
