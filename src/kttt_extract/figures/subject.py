"""What a figure counts or measures, and which of them (its condition)."""
from __future__ import annotations

import bisect

from ..document import Doc, Span, Tag
from ..lexicon import Hit, compiled
from ..tag.numbers import Quantity, tidy
from .candidate import Candidate
from .context import Reading, skip_spaces


def noun_after(r: Reading, pos: int, sentence: Span):
    """The subject phrase right after a number and its unit (`20 HTX`, `10% số HTX`)."""
    pos = skip_spaces(r.text, pos)
    comparator = r.comparators_after.match_at(r.text, pos)
    pos = skip_spaces(r.text, comparator.end) if comparator else pos
    determiner = r.words.determiner.match(r.text, pos)
    for start in ([determiner.end()] if determiner else []) + [pos]:
        hit = subject_at(r, start)
        if hit and hit.end <= sentence.end and not r.in_organization(hit):
            return hit.value, r.text[hit.start:hit.end], (hit.start, hit.end)
    return None


def subject_at(r: Reading, pos: int) -> Hit | None:
    """A subject phrase starting at `pos`, or a short form (`quỹ`, `tổ`) of one the notice named before."""
    hit = r.subjects.match_at(r.text, pos)
    if hit:
        return hit
    short = r.anaphora.match_at(r.text, pos)
    if short and compiled(r.patterns, "subjects", short.slug).search(r.text, 0, pos):
        return short
    return None


def find_mentions(r: Reading, start: int, end: int, exclude: list[Candidate], roles: tuple[str, ...]) -> list[Hit]:
    """Subject phrases between start and end, outside bodies' names and other figures' own words."""
    taken = [(c.start, c.core_end) for c in exclude]
    hits = []
    found = r.subjects_anywhere.find_all(r.text, start, end)
    found += [h for h in r.anaphora.find_all(r.text, start, end)
              if not any(o.start <= h.start < o.end for o in found)
              and compiled(r.patterns, "subjects", h.slug).search(r.text, 0, h.start)]
    for hit in sorted(found, key=lambda h: h.start):
        if r.in_organization(hit) or any(s <= hit.start < e for s, e in taken):
            continue
        if hit.entry.role in roles:
            hits.append(hit)
    return hits


def subject_of(r: Reading, number: Tag, unit: str, unit_hit: Hit | None, noun, clause_start: int,
             previous: Candidate | None, before_figures: list[Candidate]):
    """What the number counts or measures, as (slug, text as written, span)."""
    if unit == "hectare":
        return noun if noun and noun[0] == "dien_tich" else ("dien_tich", "diện tích", (number.start, number.end))
    if unit in ("percent", "percent_per_year"):
        return share_subject(r, number, unit, unit_hit, noun, clause_start, previous)
    if unit in ("vnd", "times"):
        return amount_subject(r, number, unit, clause_start, before_figures)
    if noun and (unit_hit is None or unit == "person_times"):
        return noun
    if unit_hit is None:
        return tallied_subject(r, number, clause_start, before_figures)
    if unit_hit is not None and unit == "count":
        roles = ("person",) if unit_hit.slug == "count_people" else ("entity", "person")
        mentions = find_mentions(r, clause_start, number.start, before_figures, roles)
        if mentions:
            return as_subject(r, mentions[-1])
        if previous and subjects_role(r, previous.subject) in roles:
            return previous.subject, previous.subject_text, previous.subject_span
    return None


def tallied_subject(r: Reading, number: Tag, clause_start: int, before_figures: list[Candidate]):
    """`Số hợp tác xã đang hoạt động: 45`, `nâng tổng số HTX lên 250`: the count a `số …` phrase announces."""
    lead = r.text[clause_start:number.start]
    tally = r.words.tally.search(lead)
    if not tally or not r.words.tally_link.search(lead):
        return None
    mentions = find_mentions(r, clause_start + tally.end(), number.start, before_figures, ("entity", "person"))
    return as_subject(r, mentions[0]) if mentions and mentions[0].start == clause_start + tally.end() else None


def as_subject(r: Reading, hit: Hit):
    return hit.value, r.text[hit.start:hit.end], (hit.start, hit.end)


def share_subject(r: Reading, number: Tag, unit: str, unit_hit: Hit, noun, clause_start: int,
                   previous: Candidate | None):
    """A share or a rate takes the subject of the population it is a share of."""
    text = r.text
    if noun and unit == "percent":
        return noun
    while previous and (previous.attached or previous.subject == "other") and previous in r.sentence_figures:
        index = r.sentence_figures.index(previous)
        previous = r.sentence_figures[index - 1] if index else None
    same_clause = previous if previous and previous.start >= clause_start else None
    gap = text[previous.core_end:number.start] if previous else ""
    if previous and (r.words.plan_share.match(text, unit_hit.end) or r.words.achieved.search(gap)):
        return previous.subject, previous.subject_text, previous.subject_span
    start = max(r.clause_start(_whole(r.doc, number), number.start, ";:"), clause_start,
                same_clause.core_end if same_clause else clause_start)
    mentions = find_mentions(r, start, number.start, [], ("entity", "person", "measure"))
    measures = [m for m in mentions if m.entry.role == "measure"]
    if (same_clause and same_clause.unit == unit and not measures
            and subjects_role(r, same_clause.subject) == "measure"):
        return same_clause.subject, same_clause.subject_text, same_clause.subject_span
    if mentions and mentions[0].entry.role != "measure" and r.words.tallied.search(text, start, mentions[0].start):
        return as_subject(r, mentions[0])  # `số HTX có doanh thu … chiếm 20%`: a share of the HTX
    if len(measures) > 1 and measures[0].value == "kinh_te_tap_the" and measures[1].start - measures[0].end <= 2:
        return as_subject(r, measures[1])  # `tốc độ tăng trưởng doanh thu`: the growth of the revenue
    if measures or mentions:
        return as_subject(r, (measures or mentions)[0])
    if noun:
        return noun
    if previous:
        return previous.subject, previous.subject_text, previous.subject_span
    return None


def amount_subject(r: Reading, number: Tag, unit: str, clause_start: int, before_figures: list[Candidate]):
    """Money and multiples belong to the nearest measure named before them (doanh thu, vốn); a
    multiple with none, to the figure before it in its clause."""
    mentions = find_mentions(r, clause_start, number.start, [], ("measure",))
    if mentions:
        return as_subject(r, mentions[-1])
    same_unit = [c for c in before_figures if c.unit == unit]
    if same_unit:
        last = same_unit[-1]
        return last.subject, last.subject_text, last.subject_span
    if unit == "vnd":
        return "von", "vốn", (number.start, number.end)
    counted = [c for c in before_figures if c.start >= clause_start]
    if counted:  # `thành lập mới 285 HTX, gấp 1,5 lần nhiệm kỳ trước`: a multiple of the count before it
        return counted[-1].subject, counted[-1].subject_text, counted[-1].subject_span
    return None


def subjects_role(r: Reading, slug: str) -> str | None:
    entry = r.patterns.entry("subjects", slug)
    return entry.role if entry else None


def read_condition(r: Reading, c: Candidate, quantity: Quantity) -> None:
    text = r.text
    stop = r.separators.search(c.core_end, c.sentence.end)
    end = stop.start() if stop else c.sentence.end
    index = bisect.bisect_left(r.number_starts, c.core_end)
    next_number = r.number_starts[index] if index < len(r.number_starts) else end
    end = min(end, next_number, c.core_end + 120)
    words = text[c.core_end:end].strip(" ,")
    parts = [words] if words else []
    if quantity.total is not None:
        parts.append(f"trên tổng số {tidy(quantity.total)}")
    c.condition = "; ".join(parts) or None
    if words:
        c.end = c.core_end + len(text[c.core_end:end].rstrip(" ,"))


def _whole(doc: Doc, tag: Tag) -> Span:
    return doc.sentence_at(tag.start)
