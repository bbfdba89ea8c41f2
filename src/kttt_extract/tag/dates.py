"""Dates as Vietnamese writes them, day first, and the periods plans state.

The forms live in `patterns/dates.yaml` as regexes whose named groups give the parts:
`ngày 05 tháng 8 năm 2020`, `28/02/2020`, `3/5/2024`, `16.6.2022`, `22-7-2021`,
`2026-01-12`, `15 Tháng Hai 2021`; partial forms are tagged too, so that their numbers are
never read as figures: `sáng 24.4` (a day without a year), `tháng 7/2020` (a month), `23:10`
(a time). Every date-like span becomes a `date` tag; its value is a `datetime.date` only for a
real, complete date (`31/02/2020` has none). The label says which form it is.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import regex

from .. import regex_cache
from ..document import Doc, Tag
from ..patterns import PatternSet, phrase_probe, phrase_regex

FULL, DAY_MONTH, MONTH_YEAR, TIME, INVALID = "date", "day-month", "month-year", "time", "invalid"
_PARTIAL_FORMS = {"day_month": DAY_MONTH, "month_year": MONTH_YEAR, "time": TIME}


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    value: date | None
    form: str                      # FULL, DAY_MONTH, MONTH_YEAR, TIME or INVALID
    day: int | None = None
    month: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class _Grammar:
    forms: list[tuple[str, regex.Pattern]]
    month_words: dict[str, int]
    period_range: regex.Pattern
    period_until: regex.Pattern
    period_year: regex.Pattern
    vision: regex.Pattern
    phases: regex.Pattern
    period_lead: regex.Pattern


_YEAR = r"((?:19|20)\d{2})(?!\d)"
_DASH = r"\s*(?:-|–|đến)\s*"


@functools.cache
def grammar(patterns: PatternSet) -> _Grammar:
    entries = {e.slug: e for e in patterns.entries("dates")}
    forms = [(e.slug, regex_cache.compile(pattern)) for e in entries.values() if e.regex and e.slug not in ("phases",)
             for pattern in e.regex]
    month_words = {p.lower(): int(e.value) for e in entries.values() if e.slug.startswith("month_") for p in e.phrases}

    def words(slug: str) -> str:
        entry = entries.get(slug)
        return phrase_regex(entry.phrases) if entry and entry.phrases else r"(?!)"

    return _Grammar(
        forms=forms,
        month_words=month_words,
        period_range=regex_cache.compile(rf"(?:{words('period_range')}\s*(?:từ\s+)?(?:năm\s+)?)?{_YEAR}{_DASH}(?:năm\s+)?{_YEAR}",
                                         regex.IGNORECASE),
        period_until=regex_cache.compile(rf"{words('period_until')}\s+{_YEAR}", regex.IGNORECASE),
        period_year=regex_cache.compile(rf"{words('period_year')}\s+{_YEAR}", regex.IGNORECASE),
        vision=regex_cache.compile(rf"{words('vision')}\s*(?:đến\s*)?(?:năm\s*)?$", regex.IGNORECASE),
        phases=regex_cache.compile("|".join(entries["phases"].regex) if "phases" in entries else r"(?!)"),
        period_lead=regex_cache.compile(rf"{words('period_lead')}\s*:?\s*", regex.IGNORECASE),
    )


def find_dates(text: str, patterns: PatternSet) -> list[DateSpan]:
    """Every date-like span of text, longest first where forms overlap, in text order."""
    return list(_dates_in(text, patterns))


@functools.lru_cache(maxsize=4)  # the tagger and the metadata read the same text's dates
def _dates_in(text: str, patterns: PatternSet) -> tuple[DateSpan, ...]:
    g = grammar(patterns)
    found: list[DateSpan] = []
    for slug, pattern in g.forms:
        for match in pattern.finditer(text):
            span = _read(slug, match, g)
            if span is not None:
                found.append(span)
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[DateSpan] = []
    for span in found:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return tuple(kept)


def _read(slug: str, match: regex.Match, g: _Grammar) -> DateSpan | None:
    groups = match.groupdict()
    day = int(groups["d"]) if groups.get("d") else None
    year = int(groups["y"]) if groups.get("y") else None
    month = int(groups["m"]) if groups.get("m") else None
    if groups.get("mname"):
        month = _month_word(groups["mname"], g)
        if month is None:
            return None
    start, end = match.span()
    if slug in _PARTIAL_FORMS:
        form = _PARTIAL_FORMS[slug]
        if form == DAY_MONTH and not _valid(2000, month, day):  # 2000: a leap year admits 29/2
            return None
        if form == MONTH_YEAR and not 1 <= (month or 0) <= 12:
            return None
        return DateSpan(start, end, None, form, day, month, year)
    value = _make(year, month, day)
    return DateSpan(start, end, value, FULL if value else INVALID, day, month, year)


def _month_word(written: str, g: _Grammar) -> int | None:
    """The month a word names; the longest known word that starts the written run (`Hai 2021`)."""
    written = " ".join(written.split()).lower()
    for word in sorted(g.month_words, key=len, reverse=True):
        if written == word or written.startswith(word + " "):
            return g.month_words[word] if written == word else None
    return None


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    return _make(year, month, day) is not None


def _make(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def with_year(span: DateSpan, reference: date | None) -> date | None:
    """A day-month's date in the year of `reference` (a page's own date), or the year before when
    that would put it after the reference; None without a reference."""
    if span.value is not None:
        return span.value
    if span.form != DAY_MONTH or reference is None:
        return None
    guess = _make(reference.year, span.month, span.day)
    if guess is not None and guess > reference:
        guess = _make(reference.year - 1, span.month, span.day)
    return guess


def tag(doc: Doc, patterns: PatternSet) -> None:
    """Add a `date` tag for every date-like span (value: datetime.date, or None if partial)."""
    for span in find_dates(doc.text, patterns):
        doc.add(Tag("date", span.start, span.end, span.value, span.form))


# --- periods -----------------------------------------------------------------------------

def period_in(text: str, patterns: PatternSet, skip: list[tuple[int, int]] = ()) -> tuple[int | None, int | None] | None:
    """The period a plan's name states: `giai đoạn 2021-2025` → (2021, 2025), `đến năm 2030` →
    (None, 2030), `năm 2023` → (2023, 2023), `năm 2023 và phương hướng năm 2024` → (2023, 2024); a vision (`tầm nhìn đến năm 2045`) never counts, nor
    a year inside a date span in `skip`. The first statement wins."""
    g = grammar(patterns)
    found: list[tuple[int, int, tuple[int | None, int | None]]] = []
    for pattern in (g.period_range, g.period_until, g.period_year):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip) or any(f[0] < end and start < f[1] for f in found):
                continue
            if g.vision.search(text[max(0, start - 30):start]):
                continue
            years = [int(y) for y in match.groups() if y]
            if pattern is g.period_range:
                if years[0] > years[1]:
                    continue
                found.append((start, end, (years[0], years[1])))
            else:
                found.append((start, end, (None, years[0]) if pattern is g.period_until else (years[0], years[0])))
    if not found:
        return None
    start, end = min(found)[2]
    next_year = (end + 1, end + 1) if start == end and start is not None else None
    if next_year in [period for _, _, period in found]:
        return start, end + 1  # `kết quả năm 2025 và kế hoạch năm 2026`: a report on a year and the plan of the next
    return start, end


def led_period(text: str, patterns: PatternSet) -> tuple[int | None, int | None] | None:
    """`…, với các mục tiêu đến năm 2030`: a period stated right after a goal cue, in the words that
    follow a plan's name in its own sentence (the horizon of the plan's goals)."""
    g = grammar(patterns)
    for lead in g.period_lead.finditer(text):
        ranged = g.period_range.match(text, lead.end())
        if ranged and int(ranged.group(1)) <= int(ranged.group(2)):
            return int(ranged.group(1)), int(ranged.group(2))
        until = g.period_until.match(text, lead.end())
        if until:
            return None, int(until.group(1))
    return None


def phased_period(text: str, patterns: PatternSet) -> tuple[int | None, int | None] | None:
    """`triển khai theo 02 giai đoạn: Giai đoạn 1: Đến năm 2025. Giai đoạn 2: Từ năm 2026 đến năm
    2030` → (None, 2030): from the first phase's start to the last phase's end."""
    g = grammar(patterns)
    cue = g.phases.search(text)
    if cue is None:
        return None
    phases = regex.split(r"(?i)giai\s+đoạn\s+(?:\d|I{1,3}|một|hai|ba)\s*[:.)-]?", text[cue.end():])[1:]
    periods = [p for p in (_phase_period(part, g) for part in phases) if p]
    if len(periods) < 2:
        return None
    return periods[0][0], periods[-1][1]


def _phase_period(part: str, g: _Grammar) -> tuple[int | None, int | None] | None:
    ranged = g.period_range.search(part)
    until = g.period_until.search(part)
    if ranged and (until is None or ranged.start() <= until.start()):
        return int(ranged.group(1)), int(ranged.group(2))
    if until:
        return None, int(until.group(1))
    return None


def probe(text: str, patterns: PatternSet) -> set[str]:
    """ISO dates found; `day_month`, `month_year`, `time` for partial forms; `period:START-END`
    for a stated period; and the slugs of the cue entries whose phrases occur."""
    found = set()
    for span in find_dates(text, patterns):
        if span.value is not None:
            found.add(span.value.isoformat())
        elif span.form in (DAY_MONTH, MONTH_YEAR, TIME):
            found.add(span.form.replace("-", "_"))
    skip = [(s.start, s.end) for s in find_dates(text, patterns)]
    period = (phased_period(text, patterns) or period_in(text, patterns, skip)
              or led_period(text, patterns))
    if period:
        found.add(f"period:{period[0] or ''}-{period[1] or ''}")
    cue_slugs = {"date_line", "weekday", "clock_word", "time_zone"}
    found |= phrase_probe("dates", text, patterns) & cue_slugs
    return found
