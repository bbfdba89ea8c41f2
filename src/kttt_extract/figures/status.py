"""Target or reported."""
from __future__ import annotations

from ..document import Span
from .candidate import Candidate
from .context import Reading
from .years import Year


def status_cue(r: Reading, sentence: Span, pos: int, core_end: int) -> str | None:
    """The nearest word cue before the number; else a year (`đến năm 2030`); else a past comparison after it."""
    words = [hit for hit in r.cues_of(sentence) if hit.end <= pos]
    if words:
        return words[-1].value
    if compared_to_past(r, core_end, sentence.end):
        return "reported"
    years = [cue for y in r.years.in_span(sentence.start, pos)
             if (y.kind != "date" or until_date(r, y)) and not r.is_baseline(y)
             if (cue := year_cue(r, y))]
    if years:
        return years[-1]
    later = [hit for hit in r.cues_of(sentence) if hit.start >= core_end and hit.value == "target"]
    return "target" if later else None  # `…, thành lập thêm 10 THT; …; phấn đấu có thêm …`


def compared_to_past(r: Reading, pos: int, end: int) -> bool:
    """`tăng 380 HTX so với năm 2020`, `so với cùng kỳ`, `đạt 26,7% kế hoạch`: a result, not an aim."""
    match = r.words.compared_to_past.match(r.text, pos, end)
    if not match:
        return False
    year = match.group("year")
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
    if reference is None:  # undated: the notice's latest year is its horizon, earlier ones are past
        if year.kind != "until_year":
            return None
        return "target" if year.year >= r.years.latest() else "reported"
    if year.year > reference:
        return "target"
    if year.year < reference:
        return "reported"
    return None  # the notice's own year: the words around it decide


def settle_status(r: Reading, candidates: list[Candidate]) -> None:
    """A figure without a cue takes the status in force: that of the figure before it, or of a
    lead-in sentence without figures (`Mục tiêu cụ thể đến năm 2025:`). Title lines stand apart."""
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(c.sentence.start, []).append(c)
    status = "reported"
    for sentence in r.doc.sentences:
        figures = by_sentence.get(sentence.start)
        if not figures:
            status = lead_in_status(r, sentence) or status
            continue
        for c in figures:
            c.status = c.status_cue or status
            if not r.on_title(c):
                status = c.status


def lead_in_status(r: Reading, sentence: Span) -> str | None:
    """A sentence without figures sets the status of what follows when its cues agree
    (`Mục tiêu cụ thể đến năm 2025:`), not when it speaks of both (`báo cáo … và nhiệm vụ …`)."""
    if r.is_furniture(sentence):
        return None
    hits = r.cues_of(sentence)
    kinds = {hit.value for hit in hits}
    aims = any(hit.slug == "aim" for hit in hits)
    if kinds == {"target"} and not aims and not r.is_short_line(sentence) and not r.is_heading(sentence):
        return None  # `Hội nghị … triển khai nhiệm vụ năm 2024`: a passing word, not a lead into aims
    if not kinds:  # words first; a year speaks only where no word does
        kinds = {cue for y in r.years.in_span(sentence.start, sentence.end) if y.kind != "date"
                 if (cue := year_cue(r, y))}
    return kinds.pop() if len(kinds) == 1 else None
