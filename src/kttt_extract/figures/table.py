"""Figures in tables."""
from __future__ import annotations

from dataclasses import dataclass

from .. import tables as tables_module
from ..document import Span
from ..lexicon import Hit
from ..tag.numbers import tidy
from ..tables import Cell, Column
from .candidate import Candidate, Cue
from .context import Reading
from .subject import find_mentions

_ROLES = ("entity", "person", "measure")


@dataclass
class Table:
    """A table as read: its header's columns, what each column counts, and the caption's unit and year."""
    header: list[Cell]
    columns: dict[int, Column]
    unit_index: int | None
    subjects: dict[int, Hit | None]   # a column's subject when its header (or caption) names one
    unit: str                         # the caption's unit
    year: int | None                  # the caption's year
    plans: bool                       # the caption says its figures are targets
    base: int | None                  # the year later ones are planned from


def read_table(r: Reading, rows: list[Span]) -> list[Candidate]:
    """Each value cell of a table: under a `Thực hiện năm 2023` / `Kế hoạch năm 2024` column, under a
    column that names what it counts (`Tổng số HTX`), or in a row of a year (`2025 (ước)`)."""
    table = _read_header(r, rows)
    data = [row for line in rows[1:] if not tables_module.is_rule_row(row := tables_module.cells(r.text, line))]
    data = [tables_module.aligned(row, table.header, r.patterns) for row in data]
    label_index = tables_module.label_index(table.header)
    if _is_transposed(r, data, label_index):
        return [c for row in data for c in _year_row_figures(r, table, row, row[label_index])]
    return [c for row in data for c in _row_figures(r, table, row)]


def _read_header(r: Reading, rows: list[Span]) -> Table:
    header = tables_module.cells(r.text, rows[0])
    above = tables_module.caption(r.text, r.doc.lines, rows)
    base = tables_module.base_year(header, r.reference_year, r.plan_start, r.patterns)
    columns, unit_index = tables_module.header_columns(header, base, r.patterns)
    return Table(header, columns, unit_index, _column_subjects(r, columns, above),
                 tables_module.caption_unit(r.text, above, r.patterns), tables_module.caption_year(r.text, above),
                 tables_module.caption_plans(r.text, above, r.patterns), base)


def _column_subjects(r: Reading, columns: dict[int, Column], above: list[Span]) -> dict[int, Hit | None]:
    """What each value column counts, when a header names what is counted (`Tổng số HTX`): its own
    header's subject, else the caption's (`Số lượng HTX phân theo địa bàn`), else the column before's."""
    own = {index: _subject_in(r, column.header.start, column.header.end) for index, column in columns.items()}
    if not any(own.values()):
        return {}
    caption = next((hit for line in above if (hit := _subject_in(r, line.start, line.end))), None)
    subjects, before = {}, None
    for index, column in columns.items():
        part = before is not None and _is_part(r, column.header)  # `Trong đó của HTX`: a part of the column before
        subjects[index] = before = before if part else (own[index] or caption or before)
    return subjects


def _is_part(r: Reading, header: Cell) -> bool:
    """A header that opens with `Trong đó` counts part of what the column before counts."""
    return bool(r.words.part_header.match(r.text, header.start, header.end))


def _subject_in(r: Reading, start: int, end: int) -> Hit | None:
    mentions = find_mentions(r, start, end, [], _ROLES)
    measures = [m for m in mentions if m.entry.role == "measure"]
    return (measures or mentions)[0] if mentions else None


def _is_transposed(r: Reading, data: list[list[Cell | None]], label_index: int) -> bool:
    """A table whose rows are years (`2021`, `Năm 2024`, `2025 (ước)`) and whose header names what is counted."""
    labels = [row[label_index] for row in data if label_index < len(row) and row[label_index] is not None]
    years = [label for label in labels if tables_module.row_year(label, r.patterns)]
    return len(years) >= 2 and len(years) == len(labels)


def _row_figures(r: Reading, table: Table, row: list[Cell | None]) -> list[Candidate]:
    """A row whose label names its subject (`Số hợp tác xã`), else one of a place or a total
    (`Huyện Cư Jút`, `Tổng cộng`) under columns that name theirs."""
    label = tables_module.row_label([cell for cell in row if cell is not None])
    if label is None:
        return []
    own = _subject_in(r, label.start, label.end)
    found = []
    for index, column in table.columns.items():
        by_row = own if own is not None and not _measured_by_column(own, table.subjects.get(index)) else None
        subject = by_row or table.subjects.get(index)
        if subject is None or not (column.cued or table.subjects.get(index)) or not _value_at(row, index):
            continue
        year = column.year or (None if column.cued else table.year)
        condition = label.text if by_row else f"{column.header.text}, {label.text}"
        status = "target" if table.plans and _planned(table, column) else column.status  # `CHỈ TIÊU … NĂM 2026` over it
        found += _candidate(r, table, row, index, subject, status, year, _header_cue(r, column),
                            condition, label if by_row else None)
    return found


def _planned(table: Table, column: tables_module.Column) -> bool:
    """Under a caption of aims, a column of values, or of a year from the plan's own on (`Năm 2021`
    in a plan of 2021), holds targets; one of results (`Thực hiện năm 2020`) does not."""
    return not column.cued or (column.dated_only and table.base is not None and column.year >= table.base)


def _measured_by_column(row_subject: Hit, column_subject: Hit | None) -> bool:
    """A row of one cooperative (`HTX nông nghiệp Văn Phú`) under columns of what it has (`Số thành
    viên`, `Doanh thu (triệu đồng)`): the column says what the cell counts, the row whose it is."""
    return (column_subject is not None and row_subject.entry.role == "entity"
            and column_subject.entry.role in ("measure", "person"))


def _year_row_figures(r: Reading, table: Table, row: list[Cell | None], label: Cell) -> list[Candidate]:
    """A row of a year in a table whose columns name their subjects: its status and year are the row's."""
    year = tables_module.row_year(label, r.patterns)
    if year is None:
        return []
    found = []
    for index, column in table.columns.items():
        subject = table.subjects.get(index)
        if subject is None or not _value_at(row, index):
            continue
        status = column.status if column.cued and column.status == "target" else (
            tables_module.row_status(label, year, table.base, r.patterns))
        cue = Cue(status, "table", label.text, label.start, label.end)
        found += _candidate(r, table, row, index, subject, status, year, cue,
                            f"{column.header.text}, {label.text}", None)
    return found


def _value_at(row: list[Cell | None], index: int) -> bool:
    return index < len(row) and tables_module.is_number(row[index])


def _candidate(r: Reading, table: Table, row: list[Cell | None], index: int, subject: Hit, status: str,
               year: int | None, cue: Cue, condition: str, label: Cell | None) -> list[Candidate]:
    cell = row[index]
    read = tables_module.cell_quantity(cell, _unit_text(r, table, row, index), r.patterns)
    if read is None:
        return []
    value, unit = read
    header = table.columns[index].header
    named_by = label or header  # `Số HTX thành lập mới` in the row, else `Thành lập mới năm 2023` in the header
    actions = r.actions.find_all(r.text, named_by.start, named_by.end)
    period = r.metadata.plan.period if r.metadata and r.metadata.plan else None
    target = status == "target"
    line = r.doc.line_at(cell.start)
    return [Candidate(
        number=tables_module.number_tag(cell, value), value=tidy(value), unit=unit,
        subject=subject.value, subject_text=r.text[subject.start:subject.end],
        subject_span=(subject.start, subject.end), sentence=line, start=cell.start, end=cell.end,
        core_end=cell.end, condition=condition, status=status,
        action=actions[0].value if actions else None,
        cue=cue, reason=cue,
        deadline=(year or (period.end if period else None)) if target else None,
        as_of=None if target else year,
    )]


def _unit_text(r: Reading, table: Table, row: list[Cell | None], index: int) -> str:
    """What a cell measures: its row's unit cell, else the unit in its row's label (`Doanh thu bình
    quân (tỷ đồng/HTX/năm)`), else its header's (`(triệu đồng/HTX)`), else the caption's."""
    unit_cell = row[table.unit_index] if table.unit_index is not None and table.unit_index < len(row) else None
    if unit_cell is not None and unit_cell.text:
        return unit_cell.text
    label = tables_module.row_label([c for c in row if c is not None])
    return ((tables_module.header_unit(label, r.patterns) if label is not None else "")
            or tables_module.header_unit(table.columns[index].header, r.patterns) or table.unit)


def _header_cue(r: Reading, column: Column) -> Cue:
    """The column's header (`Kế hoạch năm 2024`) is why its values are targets."""
    start = r.text.find(column.header.text, column.header.start)
    return Cue(column.status, "table", column.header.text, start, start + len(column.header.text))
