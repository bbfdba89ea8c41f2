"""Figures in tables: rows of cells separated by tabs (HTML tables and flattened ones keep their
tabs) or by pipes (`| STT | Chỉ tiêu | ĐVT | Thực hiện 2024 |`, as portals and converters write them).

A table is a run of two or more rows. Its header names the columns: one that says what is done
(`Thực hiện năm 2023`, `6 tháng 2024`, `Ước TH 2024`) or the date it counts to (`30/11/2022`)
holds reported figures, one that says what is planned (`Kế hoạch năm 2024`, `Mục tiêu 2030`)
holds targets, and a unit column (`Đơn vị tính`) says what the numbers measure, as may a unit in a
header's parentheses (`(triệu đồng/HTX)`) or in the caption above (`(đơn vị: tỷ đồng)`). A row's
label names the subject; where it names none (a place, a year), the column's header does.

Pipe rows are split here, not rewritten to tabs in normalize: their row structure is intact in the
text, the normalized text keeps what the page wrote (portal chrome such as `Chia sẻ | In bài` stays
as it was for the metadata stage), and cells found in place keep their offsets exact.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import regex_cache
from .document import Span, Tag
from .lexicon import compiled
from .normalize import NUMBER_CELL, ROW_MARK
from .patterns import PatternSet
from .tag.numbers import Quantity, parse_digits

_TAB_CELL = regex_cache.compile(r"[^\t]+")
_PIPE_CELL = regex_cache.compile(r"[^\t|]*")
_INDEX_HEADER = regex_cache.compile(r"\s*(?:STT|TT|Số\s+TT)\s*", regex.IGNORECASE)
_RULE_CELL = regex_cache.compile(r"\s*:?-{3,}:?\s*")  # a markdown separator row: |---|:---:|
_YEAR = regex_cache.compile(r"(?:19|20)\d\d")
_CAPTION_LINE = 250  # characters: a caption is a short line


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Column:
    status: str            # "target" or "reported"
    year: int | None
    header: Cell           # the header cell that says so
    cued: bool = True      # its header says plan, done, a year or a date; else it is only a column of values
    dated_only: bool = False  # its header is a year and no more (`Năm 2021`)


def is_pipe_row(text: str, line: Span) -> bool:
    return text.count("|", line.start, line.end) >= 2


def cells(text: str, line: Span) -> list[Cell]:
    """A row's cells, each spanning its words without the spaces around them. Between pipes an empty
    cell keeps its place; the text before the first pipe and after the last one is no cell when
    empty (`| 1 | Số HTX | | 38 |` has four)."""
    if not is_pipe_row(text, line):
        return [_trimmed(m) for m in _TAB_CELL.finditer(text, line.start, line.end) if m.group().strip()]
    found = [_trimmed(m) for m in _PIPE_CELL.finditer(text, line.start, line.end)
             if m.start() == line.start or text[m.start() - 1] == "|"]
    if found and not found[0].text:
        found = found[1:]
    if found and not found[-1].text:
        found = found[:-1]
    return found


def _trimmed(match: regex.Match) -> Cell:
    words = match.group()
    start = match.start() + len(words) - len(words.lstrip())
    return Cell(words.strip(), start, start + len(words.strip()))


def is_row(text: str, line: Span) -> bool:
    """A line of three or more tab-separated cells, or of two or more between pipes."""
    if is_pipe_row(text, line):
        return sum(1 for cell in cells(text, line) if cell.text) >= 2
    return text.count("\t", line.start, line.end) >= 2 and len(cells(text, line)) >= 3


def is_rule_row(row: list[Cell]) -> bool:
    return all(_RULE_CELL.fullmatch(cell.text) or not cell.text for cell in row)


def table_rows(text: str, lines: list[Span]) -> list[list[Span]]:
    """Runs of two or more consecutive rows."""
    tables, current = [], []
    for line in lines:
        if is_row(text, line):
            current.append(line)
        else:
            if len(current) >= 2:
                tables.append(current)
            current = []
    if len(current) >= 2:
        tables.append(current)
    return tables


def caption(text: str, lines: list[Span], table: list[Span]) -> list[Span]:
    """The short lines right above a table (blank lines between are skipped): its caption, and a
    unit line (`ĐVT: triệu đồng`) between the caption and the table."""
    index = next(i for i, line in enumerate(lines) if line.start == table[0].start)
    found = []
    while index > 0 and len(found) < 2:
        index -= 1
        line = lines[index]
        words = text[line.start:line.end].strip()
        if not words:
            continue
        if len(words) > _CAPTION_LINE or is_row(text, line):
            break
        found.append(line)
    return found


def caption_unit(text: str, lines: list[Span], patterns: PatternSet) -> str:
    """The unit the caption states for the table's numbers (`(đơn vị: tỷ đồng)`), or ''."""
    cue = compiled(patterns, "connectives", "caption_unit")
    found = (cue.search(text, line.start, line.end) for line in lines)
    return next((m.group("unit").strip() for m in found if m), "")


def caption_year(text: str, lines: list[Span]) -> int | None:
    """The year the caption counts to (`Số lượng HTX phân theo địa bàn (đến 30/11/2023):`)."""
    years = [int(m.group()) for line in lines for m in _YEAR.finditer(text, line.start, line.end)]
    return years[0] if years else None


def caption_plans(text: str, lines: list[Span], patterns: PatternSet) -> bool:
    """Whether the caption says the table holds targets (`PHỤ LỤC: CHỈ TIÊU THÀNH LẬP MỚI HTX NĂM 2026`)."""
    if not lines:  # the line right above only: a headline further up may speak of next year's plan
        return False
    cues = (compiled(patterns, "connectives", "plan_column"), compiled(patterns, "status", "aim"))
    return any(cue.search(text, lines[0].start, lines[0].end) for cue in cues)


def header_unit(cell: Cell, patterns: PatternSet) -> str:
    """A unit in the header's parentheses: `Doanh thu bình quân (triệu đồng/HTX)`, or ''."""
    unit = compiled(patterns, "connectives", "header_unit").search(cell.text)
    return unit.group("unit").strip() if unit else ""


def label_index(header: list[Cell]) -> int:
    """The column of the rows' labels: the first that is not the row number (`STT`)."""
    return next((i for i, cell in enumerate(header) if cell.text and not _INDEX_HEADER.fullmatch(cell.text)), 0)


def base_year(header: list[Cell], reference_year: int | None, plan_start: int | None,
              patterns: PatternSet) -> int | None:
    """The year a table's later years are planned from: the notice's own. An undated notice's table
    plans from its latest column of results or of a date (`Thực hiện 2022 ⇥ Năm 2023 ⇥ …` in a plan's
    appendix), else from the year before its plan's period; with neither (a news item's
    `Năm 2020 ⇥ Năm 2021`), it is a history: no year is ahead."""
    if reference_year is not None:
        return reference_year
    results = [int(year.group()) for cell in header
               if (_done(cell, patterns) or _as_of(cell, patterns)) and not _plan(cell, patterns)
               if (year := _YEAR.search(cell.text))]
    if results:
        return max(results)
    return plan_start - 1 if plan_start is not None else None


def header_columns(header: list[Cell], base: int | None,
                   patterns: PatternSet) -> tuple[dict[int, Column], int | None]:
    """The status and year of each value column, and the index of the unit column. Columns after
    the label column whose header says neither plan nor done nor a year are uncued (`Tổng số HTX`)."""
    unit_index = next((i for i, cell in enumerate(header)
                       if compiled(patterns, "connectives", "unit_column").search(cell.text)), None)
    columns = _cued_columns(header, base, patterns)
    for index in range(label_index(header) + 1, len(header)):
        if index not in columns and index != unit_index:
            columns[index] = Column("reported", None, header[index], cued=False)
    return dict(sorted(columns.items())), unit_index


def _cued_columns(header: list[Cell], base: int | None, patterns: PatternSet) -> dict[int, Column]:
    columns = {}
    for index, cell in enumerate(header):
        if compiled(patterns, "connectives", "unit_column").search(cell.text):
            continue
        year = _YEAR.search(cell.text)
        year = int(year.group()) if year else None
        if _plan(cell, patterns):
            columns[index] = Column("target", year, cell)
        elif year is not None:
            future = not _done(cell, patterns) and not _as_of(cell, patterns) and base is not None and year > base
            dated_only = (bool(compiled(patterns, "connectives", "year_row").fullmatch(cell.text))
                          and not _done(cell, patterns) and not _as_of(cell, patterns))
            columns[index] = Column("target" if future else "reported", year, cell, dated_only=dated_only)
    return columns


def _plan(cell: Cell, patterns: PatternSet) -> bool:
    return bool(compiled(patterns, "connectives", "plan_column").search(cell.text))


def _done(cell: Cell, patterns: PatternSet) -> bool:
    return bool(compiled(patterns, "connectives", "done_column").search(cell.text))


def _as_of(cell: Cell, patterns: PatternSet) -> bool:
    return bool(compiled(patterns, "connectives", "as_of_column").fullmatch(cell.text))


def row_year(label: Cell, patterns: PatternSet) -> int | None:
    """The year a row of a transposed table stands for (`2021`, `Năm 2024`, `2025 (ước)`)."""
    year = compiled(patterns, "connectives", "year_row").fullmatch(label.text)
    return int(year.group("year")) if year else None


def row_status(label: Cell, year: int, base: int | None, patterns: PatternSet) -> str:
    """A year row's status, the way a year column's is read: planned when it says so, or when it is
    after the base year and says nothing of results (`ước`, `thực hiện`)."""
    if _plan(label, patterns):
        return "target"
    future = not _done(label, patterns) and base is not None and year > base
    return "target" if future else "reported"


def aligned(row: list[Cell], header: list[Cell], patterns: PatternSet) -> list[Cell | None]:
    """A row's cells under the header's columns. A total row with fewer cells than the header
    (`Tổng cộng` spanning the number and name columns) stands under the header's last columns."""
    total = row and compiled(patterns, "connectives", "total_row").search(row[0].text)
    if total and len(row) < len(header):
        return [None] * (len(header) - len(row)) + row
    return list(row)


def cell_quantity(cell: Cell, unit_text: str, patterns: PatternSet) -> tuple[float, str] | None:
    """A numeric cell's value and unit, read with the row's unit (`Triệu đồng/HTX/năm`, `%`, `ha`)."""
    token = regex.search(r"\d[\d.,]*", cell.text)
    value = parse_digits(token.group().rstrip(".,")) if token else None
    if value is None:
        return None
    if "%" in cell.text or "%" in unit_text:
        return value, "percent"
    if compiled(patterns, "units", "vnd").search(unit_text):
        scales = [e.multiplier for e in patterns.entries("numbers") if e.multiplier and e.phrases
                  and compiled(patterns, "numbers", e.slug).search(unit_text)]
        return value * max(scales, default=1), "vnd"
    if regex.fullmatch(r"\s*ha\s*", unit_text, regex.IGNORECASE):
        return value, "hectare"
    if regex.search(r"lượt", unit_text, regex.IGNORECASE):
        return value, "person_times"
    return value, "count"


def row_label(row: list[Cell]) -> Cell | None:
    """The row's label: its first cell that is neither a number nor a row number."""
    return next((c for c in row if c.text and not NUMBER_CELL.fullmatch(c.text) and not ROW_MARK.fullmatch(c.text)),
                None)


def is_number(cell: Cell | None) -> bool:
    return cell is not None and bool(NUMBER_CELL.fullmatch(cell.text))


def number_tag(cell: Cell, value: float) -> Tag:
    return Tag("number", cell.start, cell.end, Quantity(value), "table cell")
