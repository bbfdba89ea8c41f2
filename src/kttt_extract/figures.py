"""Assemble figures: every target and reported number about the collective economy.

Each number the numbers tagger found is read in its sentence, the way a reader
would: what it measures (the unit right after it), what it counts (the noun
after it; for a share, a rate or an amount of money, the noun that the clause
is about), how it compares (`ít nhất`, `trên`, `khoảng`, `… trở lên`), what is
done (`thành lập mới`, `được vay vốn`), and whether it is a target or a
reported fact. A list item that starts right after a comma inherits the
comparator and the action of the item before it (`thành lập mới ít nhất 20
HTX, 20 THT`). Figures about people, money or the economy count only in a
clause about the collective economy. Statuses follow cues, else the status in
force; deadlines come from the sentence, else the lead-in or paragraph above,
else the plan's period. Tables are read by tables.py; a headline or caption
repeating a body figure is dropped.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, replace
from types import SimpleNamespace

import regex

from .document import Doc, Span, Tag
from .lexicon import Hit, compiled, table
from .patterns import PatternSet
from . import tables as tables_module
from .record import Figure
from .tag.numbers import Quantity, tidy

_PER_UNIT = regex.compile(r"(?:\s*/\s*(?:[\p{L}]+(?:\s+[\p{L}]+)?))+")
_ABBREVIATION = regex.compile(r"\s*\([\p{Lu}\s.&]{2,12}\)")
_FURNITURE_LINE = 200  # characters: a line of page furniture is short
# Subjects that are the collective economy's own units: counted, they need no other context.
_SELF_EVIDENT = {"hop_tac_xa", "to_hop_tac", "lien_hiep_hop_tac_xa", "quy_tin_dung_nhan_dan",
                 "to_chuc_kinh_te_tap_the", "thanh_vien", "trang_trai"}


@dataclass
class Candidate:
    """A figure being read: what the record will hold, and what the reading of the next ones needs."""
    number: Tag
    value: float
    unit: str
    subject: str
    subject_text: str
    subject_span: tuple[int, int]
    sentence: Span
    start: int
    end: int
    core_end: int
    value_max: float | None = None
    comparator: str = "eq"
    comparator_stated: bool = False
    action: str | None = None
    condition: str | None = None
    status_cue: str | None = None
    status: str = "reported"
    deadline: int | None = None
    as_of: int | None = None
    on_short_line: bool = False
    on_title: bool = False
    zero: bool = False
    attached: bool = False  # `390 HTX với 6.800 thành viên`: a detail of the figure before, not what a share is of


def assemble_figures(doc: Doc, patterns: PatternSet, metadata) -> list[Figure]:
    reader = _Reader(doc, patterns, metadata)
    candidates = reader.read()
    return [_to_figure(doc, c) for c in _deduplicate(candidates)]


class _Reader:
    def __init__(self, doc: Doc, patterns: PatternSet, metadata):
        self.doc = doc
        self.text = doc.text
        self.patterns = patterns
        self.subjects = table(patterns, "subjects")
        self.subjects_anywhere = _subjects_anywhere(patterns)
        self.anaphora = _short_forms(patterns)
        self.units = table(patterns, "units")
        self.comparators_before = table(patterns, "comparators", "before")
        self.comparators_after = table(patterns, "comparators", "after")
        self.actions = table(patterns, "actions")
        self.status = table(patterns, "status")
        self.nonfigure_before = _context_rules(patterns, "before")
        self.nonfigure_after = _context_rules(patterns, "after")
        self.page_furniture = compiled(patterns, "nonfigures", "page_furniture")
        self.related_heading = compiled(patterns, "nonfigures", "related_heading")
        self.organizations = [(m.start(), m.end()) for m in
                              compiled(patterns, "nonfigures", "organization").finditer(self.text)]
        self.zero_cue = compiled(patterns, "numbers", "zero")
        self.other_economy = compiled(patterns, "topics", "other_economy")
        self.topic = regex.compile(f"(?:{compiled(patterns, 'topics', 'collective_economy').pattern})|"
                                   f"(?:{compiled(patterns, 'topics', 'own_plan').pattern})", regex.IGNORECASE)
        self.words = _connectives(patterns)
        self.years = _YearFinder(doc, patterns)
        self.metadata = metadata
        self.reference_year = _reference_year(doc, metadata, self.words)
        period = metadata.plan.period if metadata is not None and metadata.plan else None
        self.plan_start = period.start if period else None
        self.title_line = _title_line(doc, metadata)
        self._furniture: dict[int, bool] = {}
        self._sentence_figures: list[Candidate] = []
        self._sentences_per_line: dict[int, int] = {}
        self._number_starts = [n.start for n in doc.of("number")]
        self._number_ends = [n.end for n in doc.of("number")]
        self._cues: dict[int, list[Hit]] = {}

    # -- the document ------------------------------------------------------

    def read(self) -> list[Candidate]:
        body = self._body_end()
        numbers = [n for n in self.doc.of("number") if n.end <= body and not n.value.is_year]
        tables = [rows for rows in tables_module.table_rows(self.text, self.doc.lines) if rows[0].start < body]
        in_tables = {line.start for rows in tables for line in rows}
        out: list[Candidate] = []
        for sentence in self.doc.sentences:
            if sentence.start >= body or self._is_furniture(sentence) or self.doc.line_at(sentence.start).start in in_tables:
                continue
            in_sentence = [n for n in numbers if sentence.start <= n.start < sentence.end]
            found = self._read_sentence(sentence, in_sentence)
            out.extend(found)
        for c in out:
            c.on_title = self._on_title(c)
        self._settle_status(out)
        self._settle_deadlines(out)
        return out + [c for rows in tables for c in self._read_table(rows)]

    def _read_table(self, rows: list[Span]) -> list[Candidate]:
        """Each value cell of a table under a `Thực hiện năm 2023` / `Kế hoạch năm 2024` column."""
        header = tables_module.cells(self.text, rows[0])
        columns, unit_index = tables_module.header_columns(header, self.reference_year, self.patterns)
        period = self.metadata.plan.period if self.metadata and self.metadata.plan else None
        found = []
        for line in rows[1:]:
            row = tables_module.cells(self.text, line)
            for label, column, value, unit, cell in tables_module.row_figures(self.text, row, columns, unit_index, self.patterns):
                mentions = self._mentions(label.start, label.end, [], ("entity", "person", "measure"))
                if not mentions:
                    continue
                measures = [m for m in mentions if m.entry.role == "measure"]
                subject = (measures or mentions)[0]
                target = column.status == "target"
                found.append(Candidate(
                    number=tables_module.number_tag(cell, value), value=tidy(value), unit=unit,
                    subject=subject.value, subject_text=self.text[subject.start:subject.end],
                    subject_span=(subject.start, subject.end), sentence=line, start=cell.start, end=cell.end,
                    core_end=cell.end, condition=label.text, status=column.status, status_cue=column.status,
                    deadline=(column.year or (period.end if period else None)) if target else None,
                    as_of=None if target else column.year,
                ))
        return found

    def _body_end(self) -> int:
        """Where a list of other articles begins (`Tin cùng chuyên mục`): the notice's own text ends."""
        match = self.related_heading.search(self.text)
        return self.doc.line_at(match.start()).start if match else len(self.text)

    def _is_furniture(self, sentence: Span) -> bool:
        """Counters, contacts and captions: short lines only, since prose may mention a phone or a view."""
        line = self.doc.line_at(sentence.start)
        if line.start not in self._furniture:
            self._furniture[line.start] = (line.end - line.start < _FURNITURE_LINE
                                           and bool(self.page_furniture.search(self.doc.span_text(line))))
        return self._furniture[line.start]

    # -- one sentence --------------------------------------------------------

    def _read_sentence(self, sentence: Span, numbers: list[Tag]) -> list[Candidate]:
        found: list[Candidate] = []
        self._sentence_figures = found
        events = [(n.start, "number", n) for n in numbers]
        events += [(m.start(), "zero", m) for m in self.zero_cue.finditer(self.text, sentence.start, sentence.end)]
        for _, kind, item in sorted(events, key=lambda e: e[0]):
            if kind == "number":
                found.extend(self._read_number(item, sentence, found))
            elif candidate := self._read_zero(item, sentence, found):
                found.append(candidate)
        short = self._is_short_line(sentence)
        for candidate in found:
            candidate.on_short_line = short
        return found

    def _is_short_line(self, sentence: Span) -> bool:
        """A line of one sentence: a headline, a caption, a list item."""
        line = self.doc.line_at(sentence.start)
        if not self._sentences_per_line:
            for other in self.doc.sentences:
                start = self.doc.line_at(other.start).start
                self._sentences_per_line[start] = self._sentences_per_line.get(start, 0) + 1
        return self._sentences_per_line.get(line.start, 0) <= 1 and line.end - line.start < 300

    def _is_heading(self, sentence: Span) -> bool:
        """A section heading: a short line of its own, numbered or in capitals, not closed by a full stop."""
        line = self.doc.line_at(sentence.start)
        words = self.doc.span_text(line).strip()
        if not words or len(words) > 150 or words.endswith(".") or (line.start, line.end) != (sentence.start, sentence.end):
            return False
        letters = [ch for ch in words if ch.isalpha()]
        capitals = sum(ch.isupper() for ch in letters) >= 0.6 * len(letters) if letters else False
        return capitals or bool(self.words.enumerator.match(words))

    def _clause_start(self, sentence: Span, pos: int, marks: str = ";") -> int:
        cut = max(self.text.rfind(mark, sentence.start, pos) for mark in marks)
        return cut + 1 if cut >= 0 else sentence.start

    def _read_number(self, number: Tag, sentence: Span, before_figures: list[Candidate]) -> list[Candidate]:
        """The figure a number states; a share over a list of subjects is one figure per subject."""
        first = self._read_one(number, sentence, before_figures)
        if first is None:
            return []
        figures = [first]
        if first.unit == "percent" and first.subject_span[0] > number.start:
            pos = first.subject_span[1]
            while (link := self.words.list_link.match(self.text, pos)) and (hit := self._subject_at(link.end())):
                if hit.entry.role == "measure" or self._in_organization(hit):
                    break
                if hit.value in {f.subject for f in figures}:  # `cán bộ quản lý, cán bộ chuyên môn`: one subject
                    pos = hit.end
                    continue
                figures.append(replace(first, subject=hit.value, subject_text=self.text[hit.start:hit.end],
                                       subject_span=(hit.start, hit.end), end=max(first.end, hit.end),
                                       core_end=max(first.core_end, hit.end)))
                pos = hit.end
        return figures

    def _read_one(self, number: Tag, sentence: Span, before_figures: list[Candidate]) -> Candidate | None:
        text = self.text
        quantity: Quantity = number.value
        before = text[max(sentence.start, number.start - 80):number.start]
        after = text[number.end:min(sentence.end, number.end + 80)]
        if vetoed(self.nonfigure_before, before, quantity) or vetoed(self.nonfigure_after, after, quantity):
            return None
        unit_hit = self.units.match_at(text, _skip_spaces(text, number.end))
        if unit_hit and unit_hit.value == "count":
            longer = self.subjects.match_at(text, unit_hit.start)
            if longer and longer.end > unit_hit.end:  # `34 đơn vị thành viên`: a subject, not a classifier
                unit_hit = None
        unit = unit_hit.value if unit_hit else "count"
        cursor = unit_hit.end if unit_hit else number.end
        if unit == "vnd" or (unit_hit and unit_hit.value in ("percent", "percent_per_year")):
            per = _PER_UNIT.match(text, cursor)
            cursor = per.end() if per else cursor
        noun = self._noun_after(cursor, sentence)
        previous = before_figures[-1] if before_figures else None
        clause_start = self._clause_start(sentence, number.start)
        subject = self._subject(number, unit, unit_hit, noun, clause_start, previous, before_figures)
        if subject is None:
            return None
        slug, subject_text, span = subject
        core_end = max(cursor, span[1] if span[0] >= number.start else cursor)
        abbreviation = _ABBREVIATION.match(text, core_end)
        core_end = abbreviation.end() if abbreviation else core_end
        candidate = Candidate(
            number=number, value=quantity.value, value_max=quantity.value_max, unit=unit, subject=slug,
            subject_text=subject_text, subject_span=span, sentence=sentence,
            start=number.start, end=core_end, core_end=core_end,
        )
        if previous and previous.start >= clause_start:
            between = text[previous.core_end:number.start]
            candidate.attached = "với" in between.split()
        candidate.status_cue = self._status_cue(sentence, number.start, candidate.core_end)
        self._read_comparator(candidate, clause_start, previous)
        self._read_action(candidate, clause_start, previous)
        self._read_condition(candidate, quantity)
        if not self._about_collective_economy(candidate, clause_start):
            return None
        if number.label == "number word" and quantity.value == 1 and not (candidate.comparator_stated or candidate.action):
            return None  # `một hợp tác xã` is "a cooperative" unless counted (`ít nhất một`, `thành lập mới một`)
        return candidate

    def _about_collective_economy(self, c: Candidate, clause_start: int) -> bool:
        if c.subject in _SELF_EVIDENT:
            return True
        index = bisect.bisect_left(self._number_starts, c.number.start)
        local_start = max(clause_start, self._number_ends[index - 1] if index else clause_start)
        if self.other_economy.search(self.text, local_start, c.number.start) and not self.topic.search(
                self.text, local_start, c.number.start):
            return False  # `159.800 doanh nghiệp … với tổng vốn đăng ký hơn 1,5 triệu tỷ đồng`
        return self._in_topic(c, clause_start)

    def _in_topic(self, c: Candidate, clause_start: int) -> bool:
        """Counts of HTX and THT always are; other figures need a clause, the sentence's first clause,
        or (in a sentence of one clause) the sentence before it in the paragraph, that names it."""
        text, sentence = self.text, c.sentence
        clause_end = text.find(";", c.number.end, sentence.end)
        clause_end = sentence.end if clause_end < 0 else clause_end
        first_end = text.find(";", sentence.start, sentence.end)
        spans = [(clause_start, clause_end), (sentence.start, sentence.end if first_end < 0 else first_end)]
        aside_end = _aside_end(text, clause_start, c, clause_end)
        if aside_end is not None:  # `(GRDP năm 2021 tăng 6,68%), khu vực KTTT …`: an aside speaks of what precedes it
            spans = [(start, min(end, aside_end)) for start, end in spans]
        if first_end < 0 and c.subject != "kinh_te_tap_the":  # a growth rate or GRDP share names its sector itself
            spans += [(s.start, s.end) for s in self._neighbours(sentence)]
        return any(self.topic.search(text, start, end) for start, end in spans)

    def _neighbours(self, sentence: Span) -> list[Span]:
        """The sentence just before `sentence` in the same paragraph (line)."""
        line = self.doc.line_at(sentence.start)
        index = self.doc.sentences.index(sentence)
        around = self.doc.sentences[max(0, index - 1):index]  # the topic is set before, not after
        return [s for s in around if line.start <= s.start <= line.end]

    def _noun_after(self, pos: int, sentence: Span):
        """The subject phrase right after a number and its unit (`20 HTX`, `10% số HTX`)."""
        pos = _skip_spaces(self.text, pos)
        comparator = self.comparators_after.match_at(self.text, pos)
        pos = _skip_spaces(self.text, comparator.end) if comparator else pos
        determiner = self.words.determiner.match(self.text, pos)
        for start in ([determiner.end()] if determiner else []) + [pos]:
            hit = self._subject_at(start)
            if hit and hit.end <= sentence.end and not self._in_organization(hit):
                return hit.value, self.text[hit.start:hit.end], (hit.start, hit.end)
        return None

    def _subject_at(self, pos: int) -> Hit | None:
        """A subject phrase starting at `pos`, or a short form (`quỹ`, `tổ`) of one the notice named before."""
        hit = self.subjects.match_at(self.text, pos)
        if hit:
            return hit
        short = self.anaphora.match_at(self.text, pos)
        if short and compiled(self.patterns, "subjects", short.slug).search(self.text, 0, pos):
            return short
        return None

    def _in_organization(self, hit: Hit) -> bool:
        return any(s <= hit.start < e for s, e in self.organizations)

    def _mentions(self, start: int, end: int, exclude: list[Candidate], roles: tuple[str, ...]) -> list[Hit]:
        """Subject phrases between start and end, outside bodies' names and other figures' own words."""
        taken = [(c.start, c.core_end) for c in exclude]
        hits = []
        found = self.subjects_anywhere.find_all(self.text, start, end)
        found += [h for h in self.anaphora.find_all(self.text, start, end)
                  if not any(o.start <= h.start < o.end for o in found)
                  and compiled(self.patterns, "subjects", h.slug).search(self.text, 0, h.start)]
        for hit in sorted(found, key=lambda h: h.start):
            if self._in_organization(hit) or any(s <= hit.start < e for s, e in taken):
                continue
            if hit.entry.role in roles:
                hits.append(hit)
        return hits

    def _subject(self, number: Tag, unit: str, unit_hit: Hit | None, noun, clause_start: int,
                 previous: Candidate | None, before_figures: list[Candidate]):
        """What the number counts or measures, as (slug, text as written, span)."""
        if unit == "hectare":
            return noun if noun and noun[0] == "dien_tich" else ("dien_tich", "diện tích", (number.start, number.end))
        if unit in ("percent", "percent_per_year"):
            return self._share_subject(number, unit, unit_hit, noun, clause_start, previous)
        if unit in ("vnd", "times"):
            return self._amount_subject(number, unit, clause_start, before_figures)
        if noun and (unit_hit is None or unit == "person_times"):
            return noun
        if unit_hit is None:
            return self._tallied_subject(number, clause_start, before_figures)
        if unit_hit is not None and unit == "count":
            roles = ("person",) if unit_hit.slug == "count_people" else ("entity", "person")
            mentions = self._mentions(clause_start, number.start, before_figures, roles)
            if mentions:
                return self._as_subject(mentions[-1])
            if previous and self.subjects_role(previous.subject) in roles:
                return previous.subject, previous.subject_text, previous.subject_span
        return None

    def _tallied_subject(self, number: Tag, clause_start: int, before_figures: list[Candidate]):
        """`Số hợp tác xã đang hoạt động: 45`, `nâng tổng số HTX lên 250`: the count a `số …` phrase announces."""
        lead = self.text[clause_start:number.start]
        tally = self.words.tally.search(lead)
        if not tally or not self.words.tally_link.search(lead):
            return None
        mentions = self._mentions(clause_start + tally.end(), number.start, before_figures, ("entity", "person"))
        return self._as_subject(mentions[0]) if mentions and mentions[0].start == clause_start + tally.end() else None

    def _as_subject(self, hit: Hit):
        return hit.value, self.text[hit.start:hit.end], (hit.start, hit.end)

    def _share_subject(self, number: Tag, unit: str, unit_hit: Hit, noun, clause_start: int,
                       previous: Candidate | None):
        """A share or a rate takes the subject of the population it is a share of."""
        text = self.text
        if noun and unit == "percent":
            return noun
        while previous and (previous.attached or previous.subject == "other") and previous in self._sentence_figures:
            index = self._sentence_figures.index(previous)
            previous = self._sentence_figures[index - 1] if index else None
        same_clause = previous if previous and previous.start >= clause_start else None
        gap = text[previous.core_end:number.start] if previous else ""
        if previous and (self.words.plan_share.match(text, unit_hit.end) or self.words.achieved.search(gap)):
            return previous.subject, previous.subject_text, previous.subject_span
        start = max(self._clause_start(_whole(self.doc, number), number.start, ";:"), clause_start,
                    same_clause.core_end if same_clause else clause_start)
        mentions = self._mentions(start, number.start, [], ("entity", "person", "measure"))
        measures = [m for m in mentions if m.entry.role == "measure"]
        if (same_clause and same_clause.unit == unit and not measures
                and self.subjects_role(same_clause.subject) == "measure"):
            return same_clause.subject, same_clause.subject_text, same_clause.subject_span
        if mentions and mentions[0].entry.role != "measure" and self.words.tallied.search(text, start, mentions[0].start):
            return self._as_subject(mentions[0])  # `số HTX có doanh thu … chiếm 20%`: a share of the HTX
        if len(measures) > 1 and measures[0].value == "kinh_te_tap_the" and measures[1].start - measures[0].end <= 2:
            return self._as_subject(measures[1])  # `tốc độ tăng trưởng doanh thu`: the growth of the revenue
        if measures or mentions:
            return self._as_subject((measures or mentions)[0])
        if noun:
            return noun
        if previous:
            return previous.subject, previous.subject_text, previous.subject_span
        return None

    def _amount_subject(self, number: Tag, unit: str, clause_start: int, before_figures: list[Candidate]):
        """Money and multiples belong to the nearest measure named before them (doanh thu, vốn)."""
        mentions = self._mentions(clause_start, number.start, [], ("measure",))
        if mentions:
            return self._as_subject(mentions[-1])
        same_unit = [c for c in before_figures if c.unit == unit]
        if same_unit:
            last = same_unit[-1]
            return last.subject, last.subject_text, last.subject_span
        if unit == "vnd":
            return "von", "vốn", (number.start, number.end)
        return None

    def subjects_role(self, slug: str) -> str | None:
        entry = self.patterns.entry("subjects", slug)
        return entry.role if entry else None

    def _read_comparator(self, c: Candidate, clause_start: int, previous: Candidate | None) -> None:
        text = self.text
        if c.value_max is not None:
            c.comparator, c.comparator_stated = "range", True
        hit = self.comparators_before.ending_at(text, c.number.start, clause_start)
        if hit:
            c.start = hit.start
        if c.value_max is None and hit and not (hit.slug == "gte" and self.words.from_to.match(text, c.core_end)):
            c.comparator, c.comparator_stated = hit.value, True  # but `tăng từ 38% lên 51%` starts at 38
        after = self._after_comparator(c)
        if c.value_max is None and after:
            c.comparator, c.comparator_stated = after, True
        if (not c.comparator_stated and previous and not previous.zero and previous.comparator != "range"
                and previous.unit == c.unit and c.status_cue != "reported" and not previous.attached):
            # not for an inventory (`hơn 900 HTX, 7 LHHTX`) nor from a detail (`657 HTX với hơn 96.000 thành viên, 7 LHHTX`)
            lead = text[previous.core_end:c.start]
            if self.words.item_start.search(text[clause_start:c.start]) and ";" not in lead and "với" not in lead.split():
                c.comparator = previous.comparator

    def _after_comparator(self, c: Candidate) -> str | None:
        """`15 HTX trở lên`: within two words of the figure's noun (`xếp loại khá trở lên` qualifies khá)."""
        window_end = min(c.sentence.end, c.core_end + 50)
        separator = self.words.separator.search(self.text, c.core_end, window_end)
        stop = separator.start() if separator else window_end
        for hit in self.comparators_after.find_all(self.text, c.number.end, stop):
            if len(self.text[c.core_end:hit.start].split()) <= 2 and not self._number_between(c.number.end, hit.start):
                return hit.value
        return None

    def _number_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._number_starts, start)
        return index < len(self._number_starts) and self._number_starts[index] < end

    def _read_action(self, c: Candidate, clause_start: int, previous: Candidate | None) -> None:
        text = self.text
        after = self._action_after(c)
        if after:
            c.action = after
            return
        lead_start = max(clause_start, previous.core_end if previous else clause_start)
        hits = self.actions.find_all(text, lead_start, c.start)
        if hits:
            c.action = hits[-1].value
            return
        if previous is None or previous.zero:
            return
        lead = text[clause_start:c.start]
        between = text[previous.core_end:c.start] if previous.start >= clause_start else ""
        if self.words.beneficiary.search(between) or (c.unit in ("vnd", "person_times") and "với" in between.split()):
            c.action = previous.action  # `08 lớp bồi dưỡng cho 600 lượt`, `hỗ trợ 11 HTX … với kinh phí 7 tỷ`
            return
        if (self.words.plan_share.match(text, c.core_end) and c.unit == "percent") or self.words.within_which.search(lead):
            c.action = previous.action
        elif self.words.item_start.search(lead) and c.comparator in ("lte", "lt") and "," in text[previous.core_end:c.start]:
            c.action = previous.action  # `được hỗ trợ 50% chi phí, không quá 500 triệu đồng`: the cap of that support
        elif (self.words.item_start.search(lead) and previous.unit == c.unit
              and "với" not in text[previous.core_end:c.start].split()
              and (";" not in text[previous.core_end:c.start] or previous.subject == c.subject)):
            c.action = previous.action  # a list item: `thành lập mới 20 HTX, 20 THT`

    def _action_after(self, c: Candidate) -> str | None:
        """`30 HTX được thụ hưởng`, `7 HTX mới thành lập`, `6 HTX giải thể`, `13 lớp bồi dưỡng`."""
        text = self.text
        if c.subject_span[0] >= c.number.end:
            named = self.actions.find_all(text, *c.subject_span)
            if named:
                return named[0].value
            implied = self.subjects.match_at(text, c.subject_span[0])
            if implied and implied.entry.implies:
                return implied.entry.implies  # `12 lớp`: classes are training
        pos = _skip_spaces(text, c.core_end)
        hit = self.actions.match_at(text, pos) if c.unit != "percent" else None  # `% HTX thành lập mới` qualifies
        if hit:
            return hit.value
        passive = self.words.passive.search(text, c.core_end, min(c.sentence.end, c.core_end + 80))
        if passive and ";" not in text[c.core_end:passive.start()]:
            hit = self.actions.match_at(text, passive.end())
            if hit and not self._number_between(c.core_end, passive.start()):
                return hit.value
        return None

    def _read_condition(self, c: Candidate, quantity: Quantity) -> None:
        text = self.text
        stop = self.words.separator.search(text, c.core_end, c.sentence.end)
        end = stop.start() if stop else c.sentence.end
        index = bisect.bisect_left(self._number_starts, c.core_end)
        next_number = self._number_starts[index] if index < len(self._number_starts) else end
        end = min(end, next_number, c.core_end + 120)
        words = text[c.core_end:end].strip(" ,")
        parts = [words] if words else []
        if quantity.total is not None:
            parts.append(f"trên tổng số {tidy(quantity.total)}")
        c.condition = "; ".join(parts) or None
        if words:
            c.end = c.core_end + len(text[c.core_end:end].rstrip(" ,"))

    def _read_zero(self, match: regex.Match, sentence: Span, before_figures: list[Candidate]) -> Candidate | None:
        """`không có HTX hoạt động yếu kém`: a zero, counted on an entity with a condition."""
        text = self.text
        if before_figures and not text[before_figures[-1].core_end:match.start()].strip():
            return None  # `31 xã chưa có HTX`: the count is of the xã, the cue is its condition
        pos = _skip_spaces(text, match.end())
        determiner = regex.match(r"(?:các|những|còn)\s+", text[pos:pos + 10])
        pos += determiner.end() if determiner else 0
        hit = self._subject_at(pos)
        if not hit or hit.entry.role != "entity" or hit.slug == "other":
            return None
        tail = regex.match(r"\s*\([\p{Lu}\s.&]{2,12}\)|\s+nào(?!\p{L})", text[hit.end:hit.end + 20])  # `(HTX)`, `nào`
        core_end = hit.end + (tail.end() if tail else 0)
        stop = self.words.separator.search(text, core_end, sentence.end)
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
            status_cue=self._status_cue(sentence, match.start(), core_end), zero=True,
        )

    # -- status and deadline ------------------------------------------------

    def _status_cue(self, sentence: Span, pos: int, core_end: int) -> str | None:
        """The nearest word cue before the number; else a year (`đến năm 2030`); else a past comparison after it."""
        words = [hit for hit in self._cues_of(sentence) if hit.end <= pos]
        if words:
            return words[-1].value
        if self._compared_to_past(core_end, sentence.end):
            return "reported"
        years = [cue for y in self.years.in_span(sentence.start, pos)
                 if (y.kind != "date" or self._until_date(y)) and not self._is_baseline(y)
                 if (cue := self._year_cue(y))]
        if years:
            return years[-1]
        later = [hit for hit in self._cues_of(sentence) if hit.start >= core_end and hit.value == "target"]
        return "target" if later else None  # `…, thành lập thêm 10 THT; …; phấn đấu có thêm …`

    def _cues_of(self, sentence: Span) -> list[Hit]:
        """The status cues of a sentence, found once."""
        if sentence.start not in self._cues:
            self._cues[sentence.start] = self.status.find_all(self.text, sentence.start, sentence.end)
        return self._cues[sentence.start]

    def _compared_to_past(self, pos: int, end: int) -> bool:
        """`tăng 380 HTX so với năm 2020`, `so với cùng kỳ`, `đạt 26,7% kế hoạch`: a result, not an aim."""
        match = self.words.compared_to_past.match(self.text, pos, end)
        if not match:
            return False
        year = match.group("year")
        if year and self.plan_start is not None and int(year) >= self.plan_start - 1:
            return False  # `tăng 10% so với năm 2025` in a plan for 2026: the target's baseline
        return not year or self.reference_year is None or int(year) < self.reference_year

    def _until_date(self, year: "_Year") -> bool:
        """`Đến hết tháng 10/2025`, `tính đến ngày 30/6`: a date the figures are counted up to."""
        return bool(self.words.until.search(self.text, max(0, year.start - 20), year.start))

    def _year_cue(self, year: "_Year") -> str | None:
        """A year after the notice's own is a target; one before it, or before the year its plan begins, is past."""
        if self.plan_start is not None and year.year < self.plan_start:
            return "reported"
        reference = self.reference_year
        if reference is None:  # undated: the notice's latest year is its horizon, earlier ones are past
            if year.kind != "until_year":
                return None
            return "target" if year.year >= self.years.latest() else "reported"
        if year.year > reference:
            return "target"
        if year.year < reference:
            return "reported"
        return None  # the notice's own year: the words around it decide

    def _settle_status(self, candidates: list[Candidate]) -> None:
        """A figure without a cue takes the status in force: that of the figure before it, or of a
        lead-in sentence without figures (`Mục tiêu cụ thể đến năm 2025:`). Title lines stand apart."""
        by_sentence: dict[int, list[Candidate]] = {}
        for c in candidates:
            by_sentence.setdefault(c.sentence.start, []).append(c)
        status = "reported"
        for sentence in self.doc.sentences:
            figures = by_sentence.get(sentence.start)
            if not figures:
                status = self._lead_in_status(sentence) or status
                continue
            for c in figures:
                c.status = c.status_cue or status
                if not self._on_title(c):
                    status = c.status

    def _lead_in_status(self, sentence: Span) -> str | None:
        """A sentence without figures sets the status of what follows when its cues agree
        (`Mục tiêu cụ thể đến năm 2025:`), not when it speaks of both (`báo cáo … và nhiệm vụ …`)."""
        if self._is_furniture(sentence):
            return None
        hits = self._cues_of(sentence)
        kinds = {hit.value for hit in hits}
        aims = any(hit.slug == "aim" for hit in hits)
        if kinds == {"target"} and not aims and not self._is_short_line(sentence) and not self._is_heading(sentence):
            return None  # `Hội nghị … triển khai nhiệm vụ năm 2024`: a passing word, not a lead into aims
        if not kinds:  # words first; a year speaks only where no word does
            kinds = {cue for y in self.years.in_span(sentence.start, sentence.end) if y.kind != "date"
                     if (cue := self._year_cue(y))}
        return kinds.pop() if len(kinds) == 1 else None

    def _on_title(self, c: Candidate) -> bool:
        return self.title_line is not None and self.title_line.start <= c.start < self.title_line.end + 1

    def _settle_deadlines(self, candidates: list[Candidate]) -> None:
        """Targets: the year in the figure's sentence; else the year of the lead-in above that scopes it
        (`Mục tiêu đến năm 2030:`), or of the target sentence before it in the same paragraph, or of the
        last target sentence when the text points back (`trong cùng thời gian trên`); else the plan's
        period end. Reported figures: the year their sentence describes, else their section heading's."""
        period = self.metadata.plan.period if self.metadata and self.metadata.plan else None
        fallback = period.end if period else None
        lead_in = last_target = heading_year = None
        paragraph: tuple[int, int | None] = (-1, None)  # (line start, its last target year)
        by_sentence: dict[int, list[Candidate]] = {}
        for c in candidates:
            by_sentence.setdefault(c.sentence.start, []).append(c)
        for sentence in self.doc.sentences:
            figures = by_sentence.get(sentence.start, [])
            all_years = [y for y in self.years.in_span(sentence.start, sentence.end) if not self._is_baseline(y)]
            years = [y for y in all_years if y.kind != "date"]
            line = self.doc.line_at(sentence.start).start
            in_paragraph = paragraph[1] if paragraph[0] == line else None
            scope = last_target if self.words.back_reference.search(self.text, sentence.start, sentence.end) else None
            for c in figures:
                if c.status == "target":
                    own = _nearest_year(years, c.number.start)
                    c.deadline = own.year if own else scope or in_paragraph or lead_in or fallback or last_target
                else:
                    c.as_of = self._described_year(c, all_years)
                    c.as_of = c.as_of if c.as_of is not None else heading_year
            if not years:
                continue
            if figures and any(c.status == "target" for c in figures):
                last_target = years[0].year
                paragraph = (line, years[0].year)
            elif not figures and self._is_lead_in(sentence, years[0]):
                lead_in = years[0].year
            if not figures and self._is_heading(sentence):
                heading_year = years[0].year  # `I. KẾT QUẢ NĂM 2023` dates the reported figures under it

    def _is_lead_in(self, sentence: Span, year: "_Year") -> bool:
        """A sentence without figures that scopes what follows: a heading, a line ending in `:`, or one
        that opens with its year (`Nhiệm kỳ 2020 - 2025, …`, `Năm 2026, …`) or speaks only of aims."""
        status = self._lead_in_status(sentence)
        if status == "reported":
            return False
        opens_with_year = year.start - sentence.start < 15
        aims = any(hit.slug == "aim" for hit in self._cues_of(sentence))
        return (aims or opens_with_year or self._is_heading(sentence)
                or self.text[sentence.start:sentence.end].rstrip().endswith(":"))

    def _is_baseline(self, year: "_Year") -> bool:
        """`so với năm 2020`, `gấp 1,4 lần năm 2020`: a year compared with, not the year meant."""
        return bool(self.words.baseline.search(self.text, max(0, year.start - 12), year.start))

    def _described_year(self, c: Candidate, years: list["_Year"]) -> int | None:
        """The year a reported figure describes: `51,2% của năm 2022`; else the sentence's time
        (`Tính đến tháng 10/2023`), not a year it is compared with (`so với năm 2020`)."""
        own = self.words.own_year.match(self.text, c.core_end) if c.unit != "times" else None  # `gấp 1,4 lần năm 2020`: a baseline
        if own:
            return int(own.group("year"))
        return y.year if (y := _nearest_year(years, c.number.start)) else None


@dataclass(frozen=True)
class _Year:
    year: int
    start: int
    end: int
    kind: str  # until_year, plain_year, period


class _YearFinder:
    """Year expressions that can date a figure, outside cited documents and dates."""

    def __init__(self, doc: Doc, patterns: PatternSet):
        self.years: list[_Year] = []
        blocked = [(t.start, t.end) for dim in ("symbol",) for t in doc.of(dim)]
        law_year = compiled(patterns, "connectives", "law_year")
        taken: list[tuple[int, int]] = []
        for kind in ("period", "until_year", "plain_year"):
            for match in compiled(patterns, "headings", kind).finditer(doc.text):
                span = match.span("year")
                if any(s < match.end() and match.start() < e for s, e in blocked + taken):
                    continue
                if law_year.search(doc.text[max(0, match.start() - 60):match.start()]):
                    continue
                taken.append(match.span())
                self.years.append(_Year(int(match.group("year")), match.start(), span[1], kind))
        for date in doc.of("date"):
            year = date.value.year if date.value is not None else _year_written(doc.text[date.start:date.end])
            if year:
                self.years.append(_Year(year, date.start, date.end, "date"))
        self.years.sort(key=lambda y: y.start)

    def in_span(self, start: int, end: int) -> list[_Year]:
        return [y for y in self.years if start <= y.start < end]

    def latest(self) -> int:
        return max((y.year for y in self.years if y.kind != "date"), default=0)


def _whole(doc: Doc, tag: Tag) -> Span:
    return doc.sentence_at(tag.start)


@functools.lru_cache(maxsize=16)
def _context_rules(patterns: PatternSet, position: str) -> list[tuple[regex.Pattern, float | None]]:
    """The non-figure contexts on one side of a number, one combined pattern per value they apply to."""
    by_value: dict[float | None, list[str]] = {}
    for entry in patterns.entries("nonfigures"):
        if entry.position == position:
            by_value.setdefault(entry.value, []).append(compiled(patterns, "nonfigures", entry.slug).pattern)
    return [(regex.compile("|".join(f"(?:{p})" for p in parts), regex.IGNORECASE | regex.MULTILINE), value)
            for value, parts in by_value.items()]


def vetoed(rules: list[tuple[regex.Pattern, float | None]], context: str, quantity: Quantity) -> bool:
    """Does a non-figure context apply (some apply only to one value, e.g. the 1 of `bình quân 01 HTX`)?"""
    return any((value is None or value == quantity.value) and p.search(context) for p, value in rules)


def _year_written(text: str) -> int | None:
    """`tháng 10/2023` → 2023: a month and year is still a year."""
    match = regex.search(r"(?:19|20)\d\d$", text)
    return int(match.group()) if match else None


def _nearest_year(years: list[_Year], pos: int) -> _Year | None:
    before = [y for y in years if y.end <= pos]
    if before:
        return before[-1]
    after = [y for y in years if y.start >= pos]
    return after[0] if after else None


def _reference_year(doc: Doc, metadata, words: SimpleNamespace) -> int | None:
    """The notice's own year: when it was posted; else when its plan was signed, or later when the
    notice reviews years of a document (`Sau 3 năm thực hiện Nghị quyết … ngày 12/7/2018`: 2021).
    Dates of cited documents say nothing by themselves."""
    if metadata is not None and metadata.published_on:
        return metadata.published_on.year
    signed = metadata.plan.issued_on.year if metadata is not None and metadata.plan and metadata.plan.issued_on else None
    reviews = [int(m.group("year")) + int(m.group("years")) for m in words.years_into.finditer(doc.text)]
    return max([year for year in (signed, *reviews) if year is not None], default=None)


def _title_line(doc: Doc, metadata) -> Span | None:
    title = metadata.title if metadata is not None else None
    if not title:
        return None
    key = title.split("\n")[0][:40]
    position = doc.text.find(key)
    return doc.line_at(position) if position >= 0 else None


def _aside_end(text: str, clause_start: int, c: "Candidate", clause_end: int) -> int | None:
    """The end of the parentheses that hold the figure with its own subject, if they do
    (`(GRDP năm 2021 tăng 6,68%)`, not `kinh phí (599 triệu đồng)`)."""
    opening = text.rfind("(", clause_start, c.number.start)
    if opening < 0 or ")" in text[opening:c.number.start] or c.subject_span[0] < opening:
        return None
    closing = text.find(")", c.number.end, clause_end)
    return closing + 1 if closing >= 0 else None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


@functools.lru_cache(maxsize=8)
def _connectives(patterns: PatternSet) -> SimpleNamespace:
    """The connectives (patterns/connectives.yaml), one compiled pattern per slug."""
    return SimpleNamespace(**{e.slug: compiled(patterns, "connectives", e.slug) for e in patterns.entries("connectives")})


@functools.lru_cache(maxsize=8)
def _short_forms(patterns: PatternSet):
    """The subjects' short forms (`quỹ` for quỹ tín dụng nhân dân), as a phrase table of their own."""
    from .lexicon import PhraseTable
    return PhraseTable([e.model_copy(update={"phrases": e.anaphora, "regex": []})
                        for e in patterns.entries("subjects") if e.anaphora])


@functools.lru_cache(maxsize=8)
def _subjects_anywhere(patterns: PatternSet):
    """Subject phrases that may be read anywhere in a clause (not only right after a number)."""
    from .lexicon import PhraseTable
    return PhraseTable([e for e in patterns.entries("subjects") if e.position != "after"])


def _deduplicate(candidates: list[Candidate]) -> list[Candidate]:
    """One figure per statement: a headline or a one-line caption repeating a body figure is dropped."""
    kept: list[Candidate] = []
    for c in candidates:
        twin = next((k for k in kept if _same_statement(k, c)), None)
        if twin is None:
            kept.append(c)
        elif _rank(c) > _rank(twin):
            kept[kept.index(twin)] = c
    return kept


def _rank(c: Candidate) -> tuple[bool, bool, bool]:
    """Which of two statements of one figure to keep: the body's over a headline's, a cued one over a bare one."""
    return (not c.on_title, not c.on_short_line, c.status_cue is not None)


def _same_statement(a: Candidate, b: Candidate) -> bool:
    """A headline or one-line caption restating a body figure: same count, same action, same status
    (a headline's status is only a default, so it may differ)."""
    if (a.subject, a.unit, a.value, a.value_max, a.action) != (b.subject, b.unit, b.value, b.value_max, b.action):
        return False
    if a.on_title or b.on_title:
        return True
    return (a.on_short_line or b.on_short_line) and a.status == b.status


def _to_figure(doc: Doc, c: Candidate) -> Figure:
    start, end = c.start, max(c.end, c.core_end)
    return Figure(
        status=c.status, subject=c.subject, subject_text=c.subject_text, value=tidy(c.value),
        value_max=tidy(c.value_max) if c.value_max is not None else None, unit=c.unit,
        comparator=c.comparator, condition=c.condition, action=c.action,
        deadline=c.deadline if c.status == "target" else None,
        as_of=c.as_of if c.status == "reported" else None,
        evidence={"text": doc.text[start:end], "start": start, "end": end},
    )
