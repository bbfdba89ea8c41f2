"""Which numbers are figures."""
from __future__ import annotations

import bisect
from dataclasses import replace

import regex

from .. import regex_cache
from .. import tables as tables_module
from ..document import Span, Tag
from ..limits import match_near
from ..tag.numbers import Quantity
from .action import read_action
from .candidate import Candidate
from .comparator import read_comparator
from .context import Reading, skip_spaces
from .deadline import settle_deadlines
from .status import own_cue, settle_status
from .subject import noun_after, read_condition, subject_at, subject_of
from .table import read_table

_PER_UNIT = regex_cache.compile(r"(?:\s*/\s*(?:[\p{L}]+(?:\s+[\p{L}]+)?))+")
_ABBREVIATION = regex_cache.compile(r"\s*\([\p{Lu}\s.&]{2,12}\)")
# Subjects that are the collective economy's own units: counted, they need no other context.
_SELF_EVIDENT = {"hop_tac_xa", "to_hop_tac", "lien_hiep_hop_tac_xa", "quy_tin_dung_nhan_dan",
                 "to_chuc_kinh_te_tap_the", "thanh_vien", "trang_trai"}


def read_figures(r: Reading) -> list[Candidate]:
    body = r.body_end()
    numbers = [n for n in r.doc.of("number") if n.end <= body and not n.value.is_year]
    starts = [n.start for n in numbers]  # in text order: a sentence's numbers are a slice
    tables = [rows for rows in tables_module.table_rows(r.text, r.doc.lines) if rows[0].start < body]
    in_tables = {line.start for rows in tables for line in rows}
    out: list[Candidate] = []
    for sentence in r.doc.sentences:
        if sentence.start >= body or r.is_furniture(sentence) or r.doc.line_at(sentence.start).start in in_tables:
            continue
        in_sentence = numbers[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        found = read_sentence(r, sentence, in_sentence)
        out.extend(found)
    for c in out:
        c.on_title = r.on_title(c)
    settle_status(r, out)
    settle_deadlines(r, out)
    return out + [c for rows in tables for c in read_table(r, rows)]


def read_sentence(r: Reading, sentence: Span, numbers: list[Tag]) -> list[Candidate]:
    found: list[Candidate] = []
    r.sentence_figures = found
    events = [(n.start, "number", n) for n in numbers]
    events += [(m.start(), "zero", m) for m in r.zero_cue.finditer(r.text, sentence.start, sentence.end)]
    for _, kind, item in sorted(events, key=lambda e: e[0]):
        if kind == "number":
            found.extend(read_number(r, item, sentence, found))
        elif candidate := read_zero(r, item, sentence, found):
            found.append(candidate)
    short = r.is_short_line(sentence)
    for candidate in found:
        candidate.on_short_line = short
    return found


def read_number(r: Reading, number: Tag, sentence: Span, before_figures: list[Candidate]) -> list[Candidate]:
    """The figure a number states; a share over a list of subjects is one figure per subject."""
    first = read_one(r, number, sentence, before_figures)
    if first is None:
        return []
    figures = [first]
    if first.unit == "percent" and first.subject_span[0] > number.start:
        pos = first.subject_span[1]
        while (link := r.words.list_link.match(r.text, pos)) and (hit := subject_at(r, link.end())):
            if hit.entry.role == "measure" or r.in_organization(hit):
                break
            if hit.value in {f.subject for f in figures}:  # `cán bộ quản lý, cán bộ chuyên môn`: one subject
                pos = hit.end
                continue
            figures.append(replace(first, subject=hit.value, subject_text=r.text[hit.start:hit.end],
                                   subject_span=(hit.start, hit.end), end=max(first.end, hit.end),
                                   core_end=max(first.core_end, hit.end)))
            pos = hit.end
    return figures


def read_one(r: Reading, number: Tag, sentence: Span, before_figures: list[Candidate]) -> Candidate | None:
    text = r.text
    quantity: Quantity = number.value
    before = text[max(sentence.start, number.start - 80):number.start]
    after = text[number.end:min(sentence.end, number.end + 80)]
    if vetoed(r.nonfigure_before, before, quantity) or vetoed(r.nonfigure_after, after, quantity):
        return None
    unit_hit = r.units.match_at(text, skip_spaces(text, number.end))
    if unit_hit and unit_hit.value == "count":
        longer = r.subjects.match_at(text, unit_hit.start)
        if longer and longer.end > unit_hit.end:  # `34 đơn vị thành viên`: a subject, not a classifier
            unit_hit = None
    unit = unit_hit.value if unit_hit else "count"
    cursor = unit_hit.end if unit_hit else number.end
    if unit == "vnd" or (unit_hit and unit_hit.value in ("percent", "percent_per_year")):
        per = match_near(_PER_UNIT, text, cursor)
        cursor = per.end() if per else cursor
    noun = noun_after(r, cursor, sentence)
    previous = before_figures[-1] if before_figures else None
    clause_start = r.clause_start(sentence, number.start)
    subject = subject_of(r, number, unit, unit_hit, noun, clause_start, previous, before_figures)
    if subject is None:
        return None
    slug, subject_text, span = subject
    core_end = max(cursor, span[1] if span[0] >= number.start else cursor)
    abbreviation = match_near(_ABBREVIATION, text, core_end)
    core_end = abbreviation.end() if abbreviation else core_end
    candidate = Candidate(
        number=number, value=quantity.value, value_max=quantity.value_max, unit=unit, subject=slug,
        subject_text=subject_text, subject_span=span, sentence=sentence,
        start=number.start, end=core_end, core_end=core_end,
    )
    if previous and previous.start >= clause_start:
        between = text[previous.core_end:number.start]
        candidate.attached = "với" in between.split()
    candidate.cue = own_cue(r, sentence, number.start, candidate.core_end)
    read_comparator(r, candidate, clause_start, previous)
    read_action(r, candidate, clause_start, previous)
    read_condition(r, candidate, quantity)
    if not about_collective_economy(r, candidate, clause_start):
        return None
    if number.label == "number word" and quantity.value == 1 and not (candidate.comparator_stated or candidate.action):
        return None  # `một hợp tác xã` is "a cooperative" unless counted (`ít nhất một`, `thành lập mới một`)
    return candidate


def about_collective_economy(r: Reading, c: Candidate, clause_start: int) -> bool:
    if c.subject in _SELF_EVIDENT:
        return True
    index = bisect.bisect_left(r.number_starts, c.number.start)
    local_start = max(clause_start, r.number_ends[index - 1] if index else clause_start)
    if r.other_economy.search(r.text, local_start, c.number.start) and not r.topic.search(
            r.text, local_start, c.number.start):
        return False  # `159.800 doanh nghiệp … với tổng vốn đăng ký hơn 1,5 triệu tỷ đồng`
    return in_topic(r, c, clause_start)


def in_topic(r: Reading, c: Candidate, clause_start: int) -> bool:
    """Counts of HTX and THT always are; other figures need their clause, else the sentence's first
    clause, else the sentence before it in the paragraph to name it (that one by a unit of the sector,
    not a word as general as `mô hình`). A clause about a place's whole economy (`toàn huyện`, `đầu
    người`) takes the topic only from its own words. An area needs its own clause to name the
    cooperatives or linked production (`diện tích sản xuất liên kết đạt 12.000 ha`): a place's land
    is no figure of theirs; a count of places needs it to say which have or lack the sector's units
    (`8/12 xã có HTX`)."""
    text, sentence = r.text, c.sentence
    clause_end = text.find(";", c.number.end, sentence.end)
    clause_end = sentence.end if clause_end < 0 else clause_end
    first_end = text.find(";", sentence.start, sentence.end)
    if c.unit == "hectare":  # a place's land (`Diện tích lúa của xã khoảng 1.200 ha`) is not the cooperatives'
        return r.occurs(r.topic, clause_start, clause_end) or r.occurs(r.linked_land, clause_start, clause_end)
    if c.subject == "don_vi_hanh_chinh":  # `8/12 xã có HTX`, not the size of a place (`tại 14 phường và 9 xã`)
        having = r.words.places_having.match(text, c.subject_span[1], clause_end)
        return bool(having and r.topic_units.search(text, having.end(), min(clause_end, having.end() + 60)))
    spans = [(clause_start, clause_end), (sentence.start, sentence.end if first_end < 0 else first_end)]
    aside_end = _aside_end(text, clause_start, c, clause_end)
    if aside_end is not None:  # `(GRDP năm 2021 tăng 6,68%), khu vực KTTT …`: an aside speaks of what precedes it
        spans = [(start, min(end, aside_end)) for start, end in spans]
    if r.occurs(r.topic, *spans[0]):
        return True
    if r.occurs(r.place_economy, *spans[0]):  # `giá trị sản xuất toàn huyện`: the place's, unless it says so
        return False
    if r.occurs(r.topic, *spans[1]):
        return True
    if c.subject == "kinh_te_tap_the":  # a growth rate or GRDP share names its sector itself
        return False
    return any(r.occurs(r.topic_units, s.start, s.end) for s in neighbours(r, sentence))


def neighbours(r: Reading, sentence: Span) -> list[Span]:
    """The sentence just before `sentence` in the same paragraph (line)."""
    line = r.doc.line_at(sentence.start)
    index = r.doc.sentence_index(sentence)
    around = r.doc.sentences[max(0, index - 1):index]  # the topic is set before, not after
    return [s for s in around if line.start <= s.start <= line.end]


def read_zero(r: Reading, match: regex.Match, sentence: Span, before_figures: list[Candidate]) -> Candidate | None:
    """`không có HTX hoạt động yếu kém`: a zero, counted on an entity with a condition."""
    text = r.text
    if before_figures and not text[before_figures[-1].core_end:match.start()].strip():
        return None  # `31 xã chưa có HTX`: the count is of the xã, the cue is its condition
    pos = skip_spaces(text, match.end())
    determiner = regex.match(r"(?:các|những|còn)\s+", text[pos:pos + 10])
    pos += determiner.end() if determiner else 0
    hit = subject_at(r, pos)
    if not hit or hit.entry.role != "entity" or hit.slug == "other":
        return None
    tail = regex.match(r"\s*\([\p{Lu}\s.&]{2,12}\)|\s+nào(?!\p{L})", text[hit.end:hit.end + 20])  # `(HTX)`, `nào`
    core_end = hit.end + (tail.end() if tail else 0)
    stop = r.separators.search(core_end, sentence.end)
    end = stop.start() if stop else sentence.end
    condition = text[core_end:end].strip(" ,")
    closes_clause = not condition and (stop is None or text[stop.start()] in ".;")
    if not (condition or closes_clause) or len(condition.split()) > 12:
        return None
    number = Tag("number", match.start(), match.end(), Quantity(0, is_zero_phrase=True), "zero")
    return Candidate(
        number=number, value=0, unit="count", subject=hit.value, subject_text=text[hit.start:hit.end],
        subject_span=(hit.start, hit.end), sentence=sentence, start=match.start(),
        end=core_end + len(text[core_end:end].rstrip(" ,")), core_end=core_end, condition=condition or None,
        cue=own_cue(r, sentence, match.start(), core_end), zero=True,
    )

# -- status and deadline ------------------------------------------------


def vetoed(rules: list[tuple[regex.Pattern, float | None]], context: str, quantity: Quantity) -> bool:
    """Does a non-figure context apply (some apply only to one value, e.g. the 1 of `bình quân 01 HTX`)?"""
    return any((value is None or value == quantity.value) and p.search(context) for p, value in rules)


def _aside_end(text: str, clause_start: int, c: "Candidate", clause_end: int) -> int | None:
    """The end of the parentheses that hold the figure with its own subject, if they do
    (`(GRDP năm 2021 tăng 6,68%)`, not `kinh phí (599 triệu đồng)`)."""
    opening = text.rfind("(", clause_start, c.number.start)
    if opening < 0 or ")" in text[opening:c.number.start] or c.subject_span[0] < opening:
        return None
    closing = text.find(")", c.number.end, clause_end)
    return closing + 1 if closing >= 0 else None
