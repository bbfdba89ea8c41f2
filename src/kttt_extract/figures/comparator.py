"""How a figure compares."""
from __future__ import annotations

from ..lexicon import search_from_end
from .candidate import Candidate
from .context import Reading


def read_comparator(r: Reading, c: Candidate, clause_start: int, previous: Candidate | None) -> None:
    text = r.text
    if c.value_max is not None:
        c.comparator, c.comparator_stated = "range", True
    hit = r.comparators_before.ending_at(text, c.number.start, clause_start)
    if hit:
        c.start = hit.start
    if c.value_max is None and hit and not (hit.slug == "gte" and r.words.from_to.match(text, c.core_end)):
        c.comparator, c.comparator_stated = hit.value, True  # but `tăng từ 38% lên 51%` starts at 38
    after = after_comparator(r, c)
    if c.value_max is None and after:
        c.comparator, c.comparator_stated = after, True
    if (not c.comparator_stated and previous and not previous.zero and previous.comparator != "range"
            and previous.unit == c.unit and c.status_cue != "reported" and not previous.attached):
        # not for an inventory (`hơn 900 HTX, 7 LHHTX`) nor from a detail (`657 HTX với hơn 96.000 thành viên, 7 LHHTX`)
        lead = text[previous.core_end:c.start]
        if search_from_end(r.words.item_start, text[clause_start:c.start]) and ";" not in lead and "với" not in lead.split():
            c.comparator = previous.comparator


def after_comparator(r: Reading, c: Candidate) -> str | None:
    """`15 HTX trở lên`: within two words of the figure's noun (`xếp loại khá trở lên` qualifies khá)."""
    window_end = min(c.sentence.end, c.core_end + 50)
    separator = r.words.separator.search(r.text, c.core_end, window_end)
    stop = separator.start() if separator else window_end
    for hit in r.comparators_after.find_all(r.text, c.number.end, stop):
        if len(r.text[c.core_end:hit.start].split()) <= 2 and not r.number_between(c.number.end, hit.start):
            return hit.value
    return None
