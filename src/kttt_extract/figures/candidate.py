"""A figure being read, and the record it becomes."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Span, Tag


@dataclass(frozen=True)
class Cue:
    """What makes a figure a target or reported, and the scope it governs the figure from:
    `aside`, `clause`, `sentence`, `lead_in` (a sentence or list above), `heading`, `table`, `notice`."""
    status: str
    scope: str
    text: str
    start: int | None = None
    end: int | None = None
    yields: bool = False  # an estimate (`ước`, `lũy kế`): a projection under a lead-in of aims


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
    cue: Cue | None = None     # the figure's own cue, found in its aside, clause or sentence
    status: str = "reported"
    reason: Cue | None = None  # the cue that decided `status`: its own, or the one in force
    deadline: int | None = None
    as_of: int | None = None
    on_short_line: bool = False
    on_title: bool = False
    zero: bool = False
    attached: bool = False  # `390 HTX với 6.800 thành viên`: a detail of the figure before, not what a share is of

    @property
    def status_cue(self) -> str | None:
        return self.cue.status if self.cue else None
