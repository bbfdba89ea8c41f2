"""One figure per statement, and the record it becomes."""
from __future__ import annotations

from bisect import bisect_left, insort

from ..document import Doc
from ..record import Figure
from ..tag.numbers import tidy
from .candidate import Candidate


def deduplicate(candidates: list[Candidate]) -> list[Candidate]:
    """One figure per statement: a headline or a one-line caption repeating a body figure is dropped."""
    kept: list[Candidate] = []
    # Where in `kept` each count is, by what `same_statement` reads of a candidate: only those of
    # one count can be twins, and one of each `_traits` answers for all of them (a count stated
    # 10,000 times is then not compared with each of the others).
    by_count: dict[tuple, dict[tuple, list[int]]] = {}
    for c in candidates:
        places = by_count.setdefault(_count(c), {})
        twin = min((ids[0] for ids in places.values() if same_statement(kept[ids[0]], c)), default=None)
        if twin is None:
            places.setdefault(_traits(c), []).append(len(kept))
            kept.append(c)
        elif rank(c) > rank(kept[twin]):
            _move(places, twin, _traits(kept[twin]), _traits(c))
            kept[twin] = c
    return kept


def _traits(c: Candidate) -> tuple:
    """All that `same_statement` reads of a candidate besides its count."""
    return c.on_title, c.status, _in_table(c), _year(c), c.on_short_line


def _move(places: dict[tuple, list[int]], index: int, old: tuple, new: tuple) -> None:
    ids = places[old]
    del ids[bisect_left(ids, index)]
    if not ids:
        del places[old]
    insort(places.setdefault(new, []), index)


def _count(c: Candidate) -> tuple:
    return c.subject, c.unit, c.value, c.value_max, c.action


def rank(c: Candidate) -> tuple[bool, bool, bool, bool]:
    """Which of two statements of one figure to keep: the body's over a headline's or a table cell's,
    a cued one over a bare one."""
    return (not c.on_title, not _in_table(c), not c.on_short_line, c.status_cue is not None)


def same_statement(a: Candidate, b: Candidate) -> bool:
    """A headline or one-line caption restating a body figure: same count, same action, same status
    (a headline's status is only a default, so it may differ); a table cell restating one for the
    same year, or where the text gives none (`hiện có 41 HTX`, 41 under `Ước thực hiện năm 2024`)."""
    if _count(a) != _count(b):
        return False
    if a.on_title or b.on_title:
        return True
    if a.status != b.status:
        return False
    if _in_table(a) != _in_table(b) and (None in (_year(a), _year(b)) or _year(a) == _year(b)):
        return True
    return a.on_short_line or b.on_short_line


def _in_table(c: Candidate) -> bool:
    return c.reason is not None and c.reason.scope == "table"


def _year(c: Candidate) -> int | None:
    return c.deadline if c.status == "target" else c.as_of


def to_figure(doc: Doc, c: Candidate) -> Figure:
    start, end = c.start, max(c.end, c.core_end)
    return Figure(
        status=c.status, status_reason=_reason(c), subject=c.subject, subject_text=c.subject_text, value=tidy(c.value),
        value_max=tidy(c.value_max) if c.value_max is not None else None, unit=c.unit,
        comparator=c.comparator, condition=c.condition, action=c.action,
        deadline=c.deadline if c.status == "target" else None,
        as_of=c.as_of if c.status == "reported" else None,
        evidence={"text": doc.text[start:end], "start": start, "end": end},
    )


def _reason(c: Candidate) -> dict | None:
    if c.reason is None:
        return None
    return {"scope": c.reason.scope, "cue": c.reason.text, "start": c.reason.start, "end": c.reason.end}
