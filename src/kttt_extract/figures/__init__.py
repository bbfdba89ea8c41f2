"""Assemble figures: every target and reported number about the collective economy.

Each number the numbers tagger found is read in its sentence, the way a reader would, one
question per module:

- `quantity.py`   which numbers are figures (not page furniture, not about another economy)
- `subject.py`    what it counts (the noun after it; for a share, a rate or money, the noun
                  the clause is about) and which of them (`condition`)
- `comparator.py` how it compares (`ít nhất`, `trên`, `khoảng`, `… trở lên`)
- `action.py`     what is done (`thành lập mới`, `được vay vốn`)
- `status.py`     target or reported, and why (`status_reason`)
- `deadline.py`   the year a target is due, the year a reported figure describes
- `table.py`      figures in tables, by column
- `merge.py`      one figure per statement (a headline repeating the body is one figure)

`context.py` holds the notice as the stage reads it (`Reading`), `years.py` the years it states.
"""
from __future__ import annotations

from ..document import Doc
from ..patterns import PatternSet
from ..record import Figure
from .context import Reading
from .merge import deduplicate, to_figure
from .quantity import read_figures, vetoed

__all__ = ["assemble_figures", "vetoed"]


def assemble_figures(doc: Doc, patterns: PatternSet, metadata) -> list[Figure]:
    candidates = read_figures(Reading(doc, patterns, metadata))
    return [to_figure(doc, c) for c in deduplicate(candidates)]
