"""Figures in tables."""
from __future__ import annotations

from .. import tables as tables_module
from ..document import Span
from ..tag.numbers import tidy
from .candidate import Candidate, Cue
from .context import Reading
from .subject import find_mentions


def read_table(r: Reading, rows: list[Span]) -> list[Candidate]:
    """Each value cell of a table under a `Thực hiện năm 2023` / `Kế hoạch năm 2024` column."""
    header = tables_module.cells(r.text, rows[0])
    columns, unit_index = tables_module.header_columns(header, r.reference_year, r.patterns)
    period = r.metadata.plan.period if r.metadata and r.metadata.plan else None
    found = []
    for line in rows[1:]:
        row = tables_module.cells(r.text, line)
        for label, column, value, unit, cell in tables_module.row_figures(r.text, row, columns, unit_index, r.patterns):
            mentions = find_mentions(r, label.start, label.end, [], ("entity", "person", "measure"))
            if not mentions:
                continue
            measures = [m for m in mentions if m.entry.role == "measure"]
            subject = (measures or mentions)[0]
            target = column.status == "target"
            cue = _header_cue(r, column)
            actions = r.actions.find_all(r.text, label.start, label.end)  # `Số HTX thành lập mới`
            found.append(Candidate(
                number=tables_module.number_tag(cell, value), value=tidy(value), unit=unit,
                subject=subject.value, subject_text=r.text[subject.start:subject.end],
                subject_span=(subject.start, subject.end), sentence=line, start=cell.start, end=cell.end,
                core_end=cell.end, condition=label.text, status=column.status,
                action=actions[0].value if actions else None,
                cue=cue, reason=cue,
                deadline=(column.year or (period.end if period else None)) if target else None,
                as_of=None if target else column.year,
            ))
    return found


def _header_cue(r: Reading, column: tables_module.Column) -> Cue:
    """The column's header (`Kế hoạch năm 2024`) is why its values are targets."""
    start = r.text.find(column.header.text, column.header.start)
    return Cue(column.status, "table", column.header.text, start, start + len(column.header.text))
