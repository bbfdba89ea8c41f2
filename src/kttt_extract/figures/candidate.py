"""A figure being read, and the record it becomes."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Span, Tag


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
