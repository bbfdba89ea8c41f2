"""What is done to what a figure counts."""
from __future__ import annotations

from ..lexicon import search_from_end
from .candidate import Candidate
from .context import Reading, skip_spaces
from .status import closed_asides


def read_action(r: Reading, c: Candidate, clause_start: int, previous: Candidate | None) -> None:
    text = r.text
    after = action_after(r, c)
    if after:
        c.action = after
        return
    lead_start = max(clause_start, previous.core_end if previous else clause_start)
    hits = r.actions.find_all(text, lead_start, c.start)
    if c.unit == "vnd":  # `Hỗ trợ thành lập mới … 80 triệu đồng/HTX`: the money is the support (not `Quỹ Hỗ trợ …`'s)
        hits = [hit for hit in hits if hit.entry.of_money and not r.in_organization(hit)] or hits
    if hits:
        c.action = hits[-1].value
        return
    if c.unit == "vnd" and previous and previous.action and previous.action not in r.money_actions:
        hits = [hit for hit in r.actions.find_all(text, clause_start, c.start)
                if hit.entry.of_money and not r.in_organization(hit)]
        if hits:  # `hỗ trợ thành lập mới 15 HTX với mức tối đa 35 triệu đồng/HTX`: the money is the support
            c.action = hits[-1].value
            return
    if previous and _aside_beside(r, c, previous):
        c.action = previous.action  # `thành lập mới 68 HTX (kế hoạch giao 55 HTX)`: the same count, planned
        return
    previous = item_before(r, c, previous)
    if previous is None or previous.zero:
        return
    lead = text[clause_start:c.start]
    between = text[previous.core_end:c.start] if previous.start >= clause_start else ""
    if r.words.beneficiary.search(between) or (c.unit in ("vnd", "person_times") and "với" in between.split()):
        c.action = previous.action  # `08 lớp bồi dưỡng cho 600 lượt`, `hỗ trợ 11 HTX … với kinh phí 7 tỷ`
        return
    within = search_from_end(r.words.within_which, lead) and previous.subject == c.subject  # `trong đó`: part of the same
    if (r.words.plan_share.match(text, c.core_end) and c.unit == "percent") or within:
        c.action = previous.action
    elif search_from_end(r.words.cap_start, lead) and c.comparator in ("lte", "lt") and "," in text[previous.core_end:c.start]:
        c.action = previous.action  # `được hỗ trợ 50% chi phí, nhưng không quá 500 triệu đồng/HTX`: the cap of that support
    elif (search_from_end(r.words.item_start, lead) and previous.unit == c.unit
          and "với" not in text[previous.core_end:c.start].split()
          and (";" not in text[previous.core_end:c.start]
               or (previous.subject == c.subject and not r.words.own_predicate.match(text, c.core_end)))):
        c.action = previous.action  # a list item: `thành lập mới 20 HTX, 20 THT`


def _aside_beside(r: Reading, c: Candidate, previous: Candidate) -> bool:
    """`c` is an aim in parentheses that open right after `previous`, and counts the same thing."""
    if not (c.cue and c.cue.scope == "aside" and c.cue.status == "target"):
        return False
    opening = r.text.rfind("(", previous.core_end, c.start)
    return (opening >= 0 and not r.text[previous.core_end:opening].strip() and ")" not in r.text[opening:c.start]
            and previous.subject == c.subject and previous.unit == c.unit)


def item_before(r: Reading, c: Candidate, previous: Candidate | None) -> Candidate | None:
    """The list item before `c`, past an aside: `12 HTX (đạt 120% kế hoạch) và 48 tổ hợp tác`."""
    asides = closed_asides(r, c.sentence, c.start)
    while previous and previous in r.sentence_figures and any(start <= previous.start < end for start, end in asides):
        index = r.sentence_figures.index(previous)
        previous = r.sentence_figures[index - 1] if index else None
    return previous


def action_after(r: Reading, c: Candidate) -> str | None:
    """`30 HTX được thụ hưởng`, `7 HTX mới thành lập`, `6 HTX giải thể`, `13 lớp bồi dưỡng`."""
    text = r.text
    if c.subject_span[0] >= c.number.end:
        named = r.actions.find_all(text, *c.subject_span)
        if named:
            return named[0].value
        implied = r.subjects.match_at(text, c.subject_span[0])
        if implied and implied.entry.implies:
            return implied.entry.implies  # `12 lớp`: classes are training
    pos = skip_spaces(text, c.core_end)
    hit = r.actions.match_at(text, pos) if c.unit != "percent" else None  # `% HTX thành lập mới` qualifies
    if hit:
        return hit.value
    purpose = r.words.money_purpose.match(text, c.core_end, c.sentence.end) if c.unit == "vnd" else None
    if purpose:  # `không dưới 1 tỷ đồng để hỗ trợ HTX …`: money for support is the support
        hit = r.actions.match_at(text, purpose.end())
        if hit and hit.entry.of_money:
            return hit.value
    passive = r.words.passive.search(text, c.core_end, min(c.sentence.end, c.core_end + 80))
    if passive and ";" not in text[c.core_end:passive.start()]:
        hit = r.actions.match_at(text, passive.end())
        if hit and not r.number_between(c.core_end, passive.start()):
            return hit.value
    return None
