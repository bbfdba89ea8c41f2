"""Target or reported, and why: each figure's status comes from the nearest cue that governs it.

The scopes, from the nearest out (the cue vocabulary is `patterns/status.yaml`, the connectives
that mark past comparisons and dates counted up to are in `patterns/connectives.yaml`):

- the figure's own aside: a cue inside the parentheses that hold it (`(hiện có 88 HTX)`), or a
  year there (`(năm 2025 đạt 70,4%)` in a notice of 2026); the words of an aside speak for
  nothing outside it, and a figure in an aside, or in a quotation, passes no status on;
- the figure's own clause and sentence: the nearest cue word before the number (`phấn đấu`,
  `mục tiêu`, `hiện có`, `đã`, `ước`); else a comparison with the past right after it
  (`tăng 380 HTX so với năm 2020`, `đạt 26,7% kế hoạch`); else a year before it in the sentence
  (`đến năm 2030` after the notice's own year is a target; a year before it is past); else a
  target cue later in the sentence;
- the lead-in: a figure without a cue of its own takes the status in force — that of the
  figure before it, or of a sentence without figures that leads into what follows (`Mục tiêu
  cụ thể đến năm 2025:`); a title line neither gives nor takes it. An estimate (`ước`, `lũy kế`)
  gives way to a lead-in of aims in force — a projection in a list of targets — unless its own
  sentence names a past year;
- the notice: before any cue, a figure is reported.

Every figure keeps the cue that decided it (`Candidate.reason`, the record's `status_reason`).
"""
from __future__ import annotations

from bisect import bisect_left

from .. import regex_cache
from ..document import Span
from ..lexicon import Hit
from .candidate import Candidate, Cue
from .context import Reading
from .years import Year

_NO_CUE = Cue("reported", "notice", "no cue before it: a current or past fact")
_QUOTE_MARK = regex_cache.compile(r'[“”"]')


def own_cue(r: Reading, sentence: Span, pos: int, core_end: int) -> Cue | None:
    """The cue in the figure's own aside, clause or sentence, if it has one. The words of an aside
    that closed before the figure (`(hiện có 88 HTX)`) speak only for the aside."""
    closed = closed_asides(r, sentence, pos)
    words = [hit for hit in r.cues_of(sentence) if hit.end <= pos and not _within(hit.start, closed)]
    opening = aside_opening(r, sentence, pos)
    if opening is not None and words and words[-1].start > opening:
        hit = words[-1]
        return Cue(hit.value, "aside", r.text[hit.start:hit.end], hit.start, hit.end, hit.entry.yields)
    if opening is not None and (dated := _aside_year_cue(r, opening, pos)):
        return dated  # `75% HTX hoạt động hiệu quả (năm 2025 đạt 70,4%)`: the aside's own year
    if words:
        return _word_cue(r, words[-1], sentence, pos)
    past = r.words.compared_to_past.match(r.text, core_end, sentence.end)
    if past and compared_to_past(r, past.group("year")):
        return Cue("reported", "clause", past.group(), past.start(), past.end())
    years = [(y, cue) for y in r.years.in_span(sentence.start, pos)
             if (y.kind != "date" or until_date(r, y)) and not r.is_baseline(y) and not _within(y.start, closed)
             if (cue := year_cue(r, y))]
    if years:
        year, status = years[-1]
        return Cue(status, _scope(r, sentence, pos, year.start), r.text[year.start:year.end], year.start, year.end)
    asides = closed_asides(r, sentence, sentence.end)  # `đạt 51% (kế hoạch đặt ra 55%)`: the aim is the aside's
    later = [hit for hit in r.cues_of(sentence)
             if hit.start >= core_end and hit.value == "target" and not _within(hit.start, asides)]
    return _word_cue(r, later[0], sentence, pos) if later else None  # `…, thành lập thêm 10 THT; …; phấn đấu có thêm …`


def _aside_year_cue(r: Reading, opening: int, pos: int) -> Cue | None:
    years = [(y, cue) for y in r.years.in_span(opening, pos)
             if y.kind != "date" and not r.is_baseline(y) if (cue := year_cue(r, y))]
    if not years:
        return None
    year, status = years[-1]
    return Cue(status, "aside", r.text[year.start:year.end], year.start, year.end)


def _word_cue(r: Reading, hit: Hit, sentence: Span, pos: int) -> Cue:
    return Cue(hit.value, _scope(r, sentence, pos, hit.start), r.text[hit.start:hit.end], hit.start, hit.end,
               hit.entry.yields)


def aside_opening(r: Reading, sentence: Span, pos: int) -> int | None:
    """Where the parentheses holding `pos` open, if it stands in an aside."""
    opening = r.text.rfind("(", sentence.start, pos)
    if opening < 0 or ")" in r.text[opening:pos]:
        return None
    return opening


class Quotes:
    """Where the text's quotation marks stand, so that whether a figure is quoted is found by
    bisection, not by reading its line up to it (for each of 100,000 figures on a line: the square)."""

    def __init__(self, r: Reading):
        self.line_at = r.doc.line_at
        marks: dict[str, list[int]] = {"“": [], "”": [], '"': []}
        for match in _QUOTE_MARK.finditer(r.text):
            marks[match.group()].append(match.start())
        self.opening, self.closing, self.straight = marks["“"], marks["”"], marks['"']

    def hold(self, pos: int) -> bool:
        """Whether `pos` stands in direct speech opened on its line (`“Năm 2022, HTX phấn đấu …”, ông …
        chia sẻ`): what a speaker aims for is not the status of the report that quotes them."""
        start = self.line_at(pos).start
        straight = bisect_left(self.straight, pos) - bisect_left(self.straight, start)
        return _last(self.opening, start, pos) > _last(self.closing, start, pos) or straight % 2 == 1


def _last(positions: list[int], start: int, end: int) -> int:
    """The last of `positions` from start up to end, -1 if none."""
    index = bisect_left(positions, end) - 1
    return positions[index] if index >= 0 and positions[index] >= start else -1


def closed_asides(r: Reading, sentence: Span, pos: int) -> list[tuple[int, int]]:
    """The asides in parentheses that open and close before `pos` in its sentence."""
    if pos > sentence.end:
        return _asides(r.text, sentence.start, pos)
    key = (sentence.start, sentence.end)
    spans = r.asides.get(key)
    if spans is None:  # the sentence is scanned once: the asides closed before `pos` are a prefix of them all
        spans = r.asides[key] = _asides(r.text, sentence.start, sentence.end)
    return [span for span in spans if span[1] <= pos]


def _asides(text: str, start_at: int, pos: int) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for index in range(start_at, pos):
        char = text[index]
        if char == "(":
            depth, start = depth + 1, (index if depth == 0 else start)
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _past_year_in(r: Reading, sentence: Span) -> bool:
    return any(year_cue(r, y) == "reported" for y in r.years.in_span(sentence.start, sentence.end)
               if not r.is_baseline(y))


def _scope(r: Reading, sentence: Span, pos: int, cue_start: int) -> str:
    return "clause" if cue_start >= r.clause_start(sentence, pos) else "sentence"


def compared_to_past(r: Reading, year: str | None) -> bool:
    """`tăng 380 HTX so với năm 2020`, `so với cùng kỳ`, `đạt 26,7% kế hoạch`: a result, not an aim."""
    if year and r.plan_start is not None and int(year) >= r.plan_start - 1:
        return False  # `tăng 10% so với năm 2025` in a plan for 2026: the target's baseline
    return not year or r.reference_year is None or int(year) < r.reference_year


def until_date(r: Reading, year: Year) -> bool:
    """`Đến hết tháng 10/2025`, `tính đến ngày 30/6`: a date the figures are counted up to."""
    return bool(r.words.until.search(r.text, max(0, year.start - 20), year.start))


def year_cue(r: Reading, year: Year) -> str | None:
    """A year after the notice's own is a target; one before it, or before the year its plan begins, is past."""
    if r.plan_start is not None and year.year < r.plan_start:
        return "reported"
    reference = r.reference_year
    if reference is None:  # undated: the plan's period, else the notice's latest period or year, is its horizon
        if year.kind != "until_year":
            return None
        horizon = r.plan_start if r.plan_start is not None else r.years.horizon()
        return "target" if year.year >= horizon else "reported"
    if year.year > reference:
        return "target"
    if year.year < reference:
        return "reported"
    published = r.metadata.published_on if r.metadata is not None else None
    if year.kind == "date" and year.month and published and published.year == reference:
        return "reported" if year.month <= published.month else "target"  # `Đến tháng 6/2022` in September 2022
    return None  # the notice's own year: the words around it decide


def settle_status(r: Reading, candidates: list[Candidate]) -> None:
    """A figure without a cue of its own takes the cue in force: that of the figure before it, or
    of a lead-in sentence without figures (`Mục tiêu cụ thể đến năm 2025:`). Title lines stand apart."""
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(c.sentence.start, []).append(c)
    in_force, quotes = _NO_CUE, Quotes(r)
    for sentence in r.doc.sentences:
        figures = by_sentence.get(sentence.start)
        if not figures:
            in_force = _next_in_force(lead_in_cue(r, sentence), in_force)
            continue
        for c in figures:
            c.reason = _governing(r, c, in_force)
            c.status = c.reason.status
            if (not r.on_title(c) and aside_opening(r, sentence, c.number.start) is None
                    and not quotes.hold(c.number.start)):
                in_force = c.reason  # an aside or a quotation speaks only for itself


def _next_in_force(lead_in: Cue | None, in_force: Cue) -> Cue:
    """A lead-in takes over, but one that yields (an undated year) does not undo aims in force:
    `2. Mục tiêu cụ thể` then `a) Đến hết năm 2025:` in a plan text without a date."""
    if lead_in is None:
        return in_force
    if lead_in.yields and in_force.status == "target" and in_force.scope in ("lead_in", "heading"):
        return in_force
    return lead_in


def _governing(r: Reading, c: Candidate, in_force: Cue) -> Cue:
    """The figure's own cue; an estimate gives way to aims in force, unless its sentence is past."""
    if c.cue is None:
        return _carried(in_force)
    if (c.cue.yields and in_force.status == "target" and in_force.scope in ("lead_in", "heading")
            and not _past_year_in(r, c.sentence)):
        return in_force
    return c.cue


def _carried(cue: Cue) -> Cue:
    """A cue that governs a later sentence does so as its lead-in."""
    if cue.scope in ("clause", "sentence", "aside"):
        return Cue(cue.status, "lead_in", cue.text, cue.start, cue.end)
    return cue


def _is_aside(r: Reading, sentence: Span) -> bool:
    """A sentence wholly in parentheses (`(Số liệu năm 2024 tổng hợp từ 03 xã cũ)`): a note on what is before it."""
    words = r.text[sentence.start:sentence.end].strip()
    return words.startswith("(") and words.endswith(")")


def lead_in_status(r: Reading, sentence: Span) -> str | None:
    cue = lead_in_cue(r, sentence)
    return cue.status if cue else None


def lead_in_cue(r: Reading, sentence: Span) -> Cue | None:
    """A sentence without figures sets the status of what follows when its cues agree
    (`Mục tiêu cụ thể đến năm 2025:`), not when it speaks of both (`báo cáo … và nhiệm vụ …`)."""
    if r.is_furniture(sentence) or r.is_table_row(sentence) or _is_aside(r, sentence):
        return None
    hits = r.cues_of(sentence)
    kinds = {hit.value for hit in hits}
    aims = any(hit.slug == "aim" for hit in hits)
    heading = r.is_heading(sentence)
    opens_list = r.text[sentence.start:sentence.end].rstrip().endswith(":")
    if kinds == {"target"} and not aims and not r.is_short_line(sentence) and not heading and not opens_list:
        return None  # `Hội nghị … triển khai nhiệm vụ năm 2024`: a passing word, not a lead into aims
    scope = "heading" if heading else "lead_in"
    if heading and not kinds and (plan := r.words.plan_heading.search(r.text, sentence.start, sentence.end)):
        return Cue("target", scope, plan.group(), plan.start(), plan.end())  # `II. KẾ HOẠCH NĂM 2026`
    if kinds:
        if len(kinds) > 1:
            return None
        first = hits[0]
        return Cue(first.value, scope, r.text[first.start:first.end], first.start, first.end)
    years = [(y, cue) for y in r.years.in_span(sentence.start, sentence.end) if y.kind != "date"
             and not r.is_baseline(y) if (cue := year_cue(r, y))]  # words first; a year speaks only where no word does
    if len({cue for _, cue in years}) != 1:
        return None
    year, status = years[0]
    undated = r.reference_year is None  # the year is read against the notice's latest: a weaker reading
    return Cue(status, scope, r.text[year.start:year.end], year.start, year.end, yields=undated)
