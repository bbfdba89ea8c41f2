"""Dates: `ngày 05 tháng 8 năm 2020`, `28/02/2020`, `16.6.2022` (day first)."""
from ..document import Doc
from ..patterns import PatternSet


def tag(doc: Doc, patterns: PatternSet) -> None:
    """Add `date` tags (value: datetime.date) to the doc."""


def probe(text: str, patterns: PatternSet) -> set[str]:
    return set()
