"""Deadline and as_of."""
from __future__ import annotations

from ..document import Span
from ..limits import match_near
from .candidate import Candidate
from .context import Reading
from .status import closed_asides, lead_in_status
from .years import Year, nearest_year


def settle_deadlines(r: Reading, candidates: list[Candidate]) -> None:
    """Targets: the year in the figure's sentence, or the notice's own when it says so (`đến cuối năm`,
    `năm nay`); else the year of the target sentence before it in
    the same paragraph, or the year the paragraph opens with (`Năm 2022, … Chỉ tiêu … giao trong năm
    là 20 HTX`), or of the lead-in above that scopes it (`Mục tiêu đến năm 2030:`), or of the last
    target sentence when the text points back (`trong cùng thời gian trên`); else the plan's period
    end; else the last year a sentence opened with. Reported figures: the year their sentence
    describes, else the past year their paragraph opens with, or the one of the lead-in that lists
    them (`Năm 2023, … như sau:`), else their section heading's."""
    period = r.metadata.plan.period if r.metadata and r.metadata.plan else None
    fallback = period.end if period else None
    lead_in = last_target = heading_year = time_in_force = listed = None
    paragraph: tuple[int, int | None] = (-1, None)  # (line start, its last target year)
    opening: tuple[int, int | None] = (-1, None)    # (line start, the year its first sentence opens with)
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(c.sentence.start, []).append(c)
    for sentence in r.doc.sentences:
        figures = by_sentence.get(sentence.start, [])
        all_years = [y for y in r.years.in_span(sentence.start, sentence.end) if not r.is_baseline(y)]
        years = [y for y in all_years if y.kind != "date"]
        line = r.doc.line_at(sentence.start).start
        in_paragraph = paragraph[1] if paragraph[0] == line else None
        opened_with = opening[1] if opening[0] == line else None
        scope = last_target if r.words.back_reference.search(r.text, sentence.start, sentence.end) else None
        asides = closed_asides(r, sentence, sentence.end)
        said = _said_this_year(r, sentence, years) if figures else None
        for c in figures:
            if c.status == "target":
                own = nearest_year(_same_aside(c, years, asides), c.number.start) or _measured_year(c, years, asides)
                c.deadline = _this_year(r, sentence, c, years, said) or (own.year if own else (
                    scope or in_paragraph or opened_with or lead_in or fallback or last_target or time_in_force))
            else:
                c.as_of = described_year(r, c, _same_aside(c, all_years, asides))
                if c.as_of is None and (beside := _measured_year(c, all_years, asides)):
                    c.as_of = _past(r, beside.year)  # `thành lập 12 HTX (đạt 120% kế hoạch)` in a sentence of 2024
                in_aside = any(start <= c.number.start < end for start, end in asides)
                c.as_of = c.as_of if c.as_of is not None or in_aside else (
                    _so_far(r, sentence, c, years) or _past(r, opened_with) or _past(r, listed) or heading_year)
        if not figures and r.text[sentence.start:sentence.end].rstrip().endswith(":"):
            listed = opened_with or (years[0].year if years else None)  # `Năm 2023, … như sau:` dates the list below
        if not years:
            continue
        if years[0].start - sentence.start < 15:  # `Năm 2022, …`: the time the text speaks of from here on
            time_in_force = years[0].year
            if line != opening[0]:
                opening = (line, years[0].year)
        if figures and any(c.status == "target" for c in figures):
            last_target = years[0].year
            paragraph = (line, years[0].year)
        elif not figures and is_lead_in(r, sentence, years[0]):
            lead_in = years[0].year
        if not figures and r.is_heading(sentence):
            heading_year = years[0].year  # `I. KẾT QUẢ NĂM 2023` dates the reported figures under it


def _past(r: Reading, year: int | None) -> int | None:
    """A year a paragraph opens with (`Năm 2023, …`) dates its later results when it is gone."""
    return year if year is not None and r.reference_year is not None and year < r.reference_year else None


def _said_this_year(r: Reading, sentence: Span, years: list[Year]) -> int | None:
    """Where a sentence says the notice's own year (`Từ nay đến cuối năm`, `Năm nay, …`), unless it
    named the year it speaks of before (`năm 2026 …; đến cuối năm đạt …`)."""
    said = r.words.this_year.search(r.text, sentence.start, sentence.end)
    if said is None or any(y.start < said.start() for y in years):
        return None
    return said.start()


def _this_year(r: Reading, sentence: Span, c: Candidate, years: list[Year], said: int | None) -> int | None:
    """The notice's own year for a target after it is said in the sentence, unless the figure's
    clause names its own (`…; đến năm 2026 có 65 HTX`)."""
    if said is None or said >= c.number.start:
        return None
    clause_end = r.text.find(";", c.number.end, sentence.end)
    clause = (r.clause_start(sentence, c.number.start), clause_end if clause_end >= 0 else sentence.end)
    return None if any(clause[0] <= y.start < clause[1] for y in years) else r.reference_year


def _so_far(r: Reading, sentence: Span, c: Candidate, years: list[Year]) -> int | None:
    """The notice's own year for a result of the year so far (`6 tháng đầu năm`, `từ đầu năm đến
    nay`) said before it in a sentence that names no year before it."""
    said = r.words.year_so_far.search(r.text, sentence.start, c.number.start)
    return r.reference_year if said and not any(y.start < c.number.start for y in years) else None


def _same_aside(c: Candidate, years: list[Year], asides: list[tuple[int, int]]) -> list[Year]:
    """A year in parentheses dates only the aside it stands in (`(năm 2024 đạt 2,9 tỷ đồng)`), and a
    figure in an aside takes only the aside's own years."""
    mine = next(((start, end) for start, end in asides if start <= c.number.start < end), None)
    if mine is not None:
        return [y for y in years if mine[0] <= y.start < mine[1]]
    return [y for y in years if not any(start <= y.start < end for start, end in asides)]


def _measured_year(c: Candidate, years: list[Year], asides: list[tuple[int, int]]) -> Year | None:
    """The year of the sentence around the parentheses `c` stands in, if it has none of its own: an
    aim beside a result (`năm 2023 thành lập 12 HTX (kế hoạch 15 HTX)`) is due in the result's year,
    and a result beside one (`(đạt 120% kế hoạch)`) describes it."""
    if not any(start <= c.number.start < end for start, end in asides):
        return None
    outside = [y for y in years if y.end <= c.number.start and not any(start <= y.start < end for start, end in asides)]
    return outside[-1] if outside else None


def is_lead_in(r: Reading, sentence: Span, year: Year) -> bool:
    """A sentence without figures that scopes what follows: a heading, a line ending in `:`, or one
    that opens with its year (`Nhiệm kỳ 2020 - 2025, …`, `Năm 2026, …`) or speaks only of aims."""
    status = lead_in_status(r, sentence)
    if status == "reported" or r.is_table_row(sentence):
        return False
    opens_with_year = year.start - sentence.start < 15
    aims = any(hit.slug == "aim" for hit in r.cues_of(sentence))
    return (aims or opens_with_year or r.is_heading(sentence)
            or r.text[sentence.start:sentence.end].rstrip().endswith(":"))


def described_year(r: Reading, c: Candidate, years: list[Year]) -> int | None:
    """The year a reported figure describes: `51,2% của năm 2022`; else the sentence's time
    (`Tính đến tháng 10/2023`), not a year it is compared with (`so với năm 2020`)."""
    own = match_near(r.words.own_year, r.text, c.core_end) if c.unit != "times" else None  # `gấp 1,4 lần năm 2020`: a baseline
    if own:
        return int(own.group("year"))
    return y.year if (y := nearest_year(years, c.number.start)) else None
