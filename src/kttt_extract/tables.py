"""Figures in tables: rows of tab-separated cells (HTML tables and flattened ones keep their tabs).

A table is a run of lines of three or more cells. Its header names the columns: one that says
what is done (`Thực hiện năm 2023`, `6 tháng 2024`, `Ước TH 2024`) holds reported figures, one
that says what is planned (`Kế hoạch năm 2024`, `Mục tiêu 2030`) holds targets, and a unit
column (`Đơn vị tính`) says what the numbers measure. Each row's label names the subject.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import regex_cache
from .document import Span, Tag
from .lexicon import compiled
from .patterns import PatternSet
from .tag.numbers import Quantity, parse_digits

_CELL = regex_cache.compile(r"[^\t]+")
_NUMBER_CELL = regex_cache.compile(r"\s*[<>≥≤~]?\s*\d[\d.,]*\s*%?\s*")
_INDEX_CELL = regex_cache.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]+|[a-zđ])[.)]?\s*", regex.IGNORECASE)
_YEAR = regex_cache.compile(r"(?:19|20)\d\d")


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


def cells(text: str, line: Span) -> list[Cell]:
    return [Cell(m.group().strip(), m.start(), m.end()) for m in _CELL.finditer(text, line.start, line.end)
            if m.group().strip()]


def table_rows(text: str, lines: list[Span]) -> list[list[Span]]:
    """Runs of consecutive lines of three or more tab-separated cells."""
    tables, current = [], []
    for line in lines:
        if text.count("\t", line.start, line.end) >= 2 and len(cells(text, line)) >= 3:
            current.append(line)
        else:
            if len(current) >= 2:
                tables.append(current)
            current = []
    if len(current) >= 2:
        tables.append(current)
    return tables


def header_columns(header: list[Cell], reference_year: int | None,
                   patterns: PatternSet) -> tuple[dict[int, Column], int | None]:
    """The status and year of each value column, and the index of the unit column."""
    columns, unit_index = {}, None
    if reference_year is None:  # an undated table of years: its first year is the base the others plan from
        reference_year = min((int(y.group()) for cell in header if (y := _YEAR.search(cell.text))), default=None)
    for index, cell in enumerate(header):
        if compiled(patterns, "connectives", "unit_column").search(cell.text):
            unit_index = index
            continue
        year = _YEAR.search(cell.text)
        year = int(year.group()) if year else None
        if compiled(patterns, "connectives", "plan_column").search(cell.text):
            columns[index] = Column("target", year, cell)
        elif year is not None:
            done = compiled(patterns, "connectives", "done_column").search(cell.text)
            future = not done and reference_year is not None and year > reference_year
            columns[index] = Column("target" if future else "reported", year, cell)
    return columns, unit_index


def cell_quantity(cell: Cell, unit_text: str, patterns: PatternSet) -> tuple[float, str] | None:
    """A numeric cell's value and unit, read with the row's unit (`Triệu đồng/HTX/năm`, `%`, `ha`)."""
    token = regex.search(r"\d[\d.,]*", cell.text)
    value = parse_digits(token.group().rstrip(".,")) if token else None
    if value is None:
        return None
    if "%" in cell.text or "%" in unit_text:
        return value, "percent"
    if regex.search(r"đồng", unit_text, regex.IGNORECASE):
        scales = [e.multiplier for e in patterns.entries("numbers") if e.multiplier and e.phrases
                  and compiled(patterns, "numbers", e.slug).search(unit_text)]
        return value * max(scales, default=1), "vnd"
    if regex.fullmatch(r"\s*ha\s*", unit_text, regex.IGNORECASE):
        return value, "hectare"
    if regex.search(r"lượt", unit_text, regex.IGNORECASE):
        return value, "person_times"
    return value, "count"


def row_figures(text: str, row: list[Cell], columns: dict[int, Column], unit_index: int | None, patterns: PatternSet):
    """(label cell, column, value, unit, value cell) for each value of a data row."""
    label = next((c for c in row if not _NUMBER_CELL.fullmatch(c.text) and not _INDEX_CELL.fullmatch(c.text)), None)
    if label is None:
        return
    unit_text = row[unit_index].text if unit_index is not None and unit_index < len(row) else ""
    for index, column in columns.items():
        if index < len(row) and _NUMBER_CELL.fullmatch(row[index].text):
            read = cell_quantity(row[index], unit_text, patterns)
            if read:
                yield label, column, read[0], read[1], row[index]


def number_tag(cell: Cell, value: float) -> Tag:
    return Tag("number", cell.start, cell.end, Quantity(value), "table cell")
