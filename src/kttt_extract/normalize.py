"""Stage 2: one canonical text that every evidence offset indexes.

- line ends: CRLF, CR, NEL, U+2028/U+2029, VT, FF → LF;
- spaces: NBSP, thin/figure/ideographic and other Unicode spaces → one plain space each
  (runs are kept, so offsets move as little as possible); tabs stay, since they separate
  the cells of a table row;
- zero-width characters, soft hyphens and stray BOMs are removed;
- dashes and minus signs → `-`; curly double quotes → `"`, curly single quotes → `'`;
- Unicode NFC, so decomposed tone marks (Windows-1258, macOS) become precomposed letters;
- one tone-mark placement, the "old" one: `hoà` → `hòa`, `khoẻ` → `khỏe`, `thuỷ` → `thủy`.

Idempotent: normalize(normalize(x)) == normalize(x).
"""
from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b"

_REPLACEMENTS = {
    "\r\n": "\n", **dict.fromkeys(_LINE_BREAKS, "\n"), **dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE, ""),
    **dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_DOUBLE_QUOTES, '"'), **dict.fromkeys(_SINGLE_QUOTES, "'"),
}
# One regex pass instead of str.translate, which is ten times slower on non-ASCII text.
_REPLACED = re.compile("\r\n|[" + re.escape("".join(_LINE_BREAKS + _SPACES + _INVISIBLE + _DASHES + _DOUBLE_QUOTES
                                                   + _SINGLE_QUOTES)) + "]")

# The rhymes whose tone mark has two placements: the mark goes on the second vowel in the "new"
# style (hoà, khoẻ, thuỷ) and on the first in the "old" one (hòa, khỏe, thủy). Only a syllable that
# ends with the pair has two styles: hoàn, ngoài, thuyền put the mark on the second vowel either way.
_TWO_PLACEMENT_PAIRS = ("oa", "oe", "uy")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def _old_style_table() -> dict[str, str]:
    table = {}
    for first, second in _TWO_PLACEMENT_PAIRS:
        for mark in _TONE_MARKS:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                new = f + unicodedata.normalize("NFC", s + mark)
                table[new] = unicodedata.normalize("NFC", f + mark) + s
    return table


_OLD_STYLE = _old_style_table()
_NEW_STYLE_PAIR = re.compile("[oOuU][" + "".join(sorted({new[1] for new in _OLD_STYLE})) + "]")


def _old_style(match: re.Match) -> str:
    """The old placement for a pair that ends its syllable and does not follow q (quý, quỹ: qu + y)."""
    pair, text, start, end = match.group(), match.string, match.start(), match.end()
    if pair not in _OLD_STYLE or (start and text[start - 1] in "qQ"):
        return pair
    if end < len(text) and (text[end].isalnum() or text[end] == "_" or unicodedata.combining(text[end])):
        return pair
    return _OLD_STYLE[pair]


def normalize(text: str) -> str:
    text = _REPLACED.sub(lambda match: _REPLACEMENTS[match.group()], text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return rejoin_cells(_NEW_STYLE_PAIR.sub(_old_style, text))


_ROW_NUMBER_HEADERS = {"STT", "TT", "Stt", "Số TT"}  # the first column of a Vietnamese table: its row number
_CELL_LINE = 80  # characters: a cell on a line of its own is short
_MOST_COLUMNS = 12
_HEADER_LINE = re.compile(r"(?m)^[ \t]*(?:" + "|".join(_ROW_NUMBER_HEADERS) + r")[ \t]*(?:\t|$)")


def rejoin_cells(text: str) -> str:
    """A table a scraper wrote one cell per line (`STT`, `Chỉ tiêu`, `Đơn vị tính`, …, then `1`,
    `Số HTX thành lập mới`, `HTX`, `45`, …) gets its cells back on one line each, separated by tabs,
    so the table reader sees its rows; so do rows that continue a tab-separated table one cell per
    line (a PDF table across a page break). A newline becomes a tab: every offset stays where it was."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    chars = list(text)
    _rejoin_unnumbered(lines, starts, chars)
    if not _HEADER_LINE.search(text):
        return "".join(chars)
    index = 0
    while index < len(lines):
        width, header, number = _table_opening(lines, index)
        continued = _header_continuations(lines, index, header, width) if header > 1 else set()
        width = header - len(continued) if header > 1 else width
        rows = _cell_rows(lines, index + header, width, number) if 0 < width <= _MOST_COLUMNS else 0
        if rows < (2 if number == 1 else 1):  # a header and one row may be any short lines
            rows = 0
        for cell in range(index, index + header - 1) if rows and header > 1 else ():
            chars[starts[cell] + len(lines[cell])] = " " if cell + 1 in continued else "\t"
        for first in (index + header + width * row for row in range(rows)):
            for cell in range(first, first + width - 1):
                chars[starts[cell] + len(lines[cell])] = "\t"
        index += header + width * rows if rows else 1
    return "".join(chars)


NUMBER_CELL = re.compile(r"\s*[<>≥≤~]?\s*\d[\d.,]*\s*%?\s*")  # a table cell that is a number (`1.250`, `62%`, `< 1`)


def _rejoin_unnumbered(lines: list[str], starts: list[int], chars: list[str]) -> None:
    """A table written one cell per line without row numbers (`Hạng sao`, `Tổng số sản phẩm`,
    `Trong đó của HTX`, then `3 sao`, `985`, `612`, …): a run of short lines that opens with a
    header of words and goes on with rows of a label and numbers, in one width only."""
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].strip() and len(lines[end]) <= _CELL_LINE and "\t" not in lines[end]:
            end += 1
        width, rows = _unnumbered_table(lines[index:end])
        for first in range(index, index + width * (rows + 1), width) if width else ():
            for cell in range(first, first + width - 1):
                chars[starts[cell] + len(lines[cell])] = "\t"
        index = index + width * (rows + 1) if width else max(end, index + 1)


def _unnumbered_table(block: list[str]) -> tuple[int, int]:
    """(width, rows) of the one table the block opens with, or (0, 0) when no width or several fit."""
    fits = [(width, rows) for width in range(2, 9) if (rows := _rows_under_header(block, width)) >= (3 if width == 2 else 2)]
    return fits[0] if len(fits) == 1 else (0, 0)


def _rows_under_header(block: list[str], width: int) -> int:
    if len(block) < width or any(NUMBER_CELL.fullmatch(cell) for cell in block[:width]):
        return 0
    rows = 0
    while len(row := block[width * (rows + 1):width * (rows + 2)]) == width and not NUMBER_CELL.fullmatch(row[0]) \
            and all(NUMBER_CELL.fullmatch(cell) for cell in row[1:]):
        rows += 1
    return rows


def _table_opening(lines: list[str], at: int) -> tuple[int, int, int]:
    """(columns, lines of header before the rows, the first row's number) of a table whose rows
    follow line `at` one cell per line: a header of one cell per line under `STT`, or a
    tab-separated row numbered n (the rows after it are n + 1, …); else (0, 0, 0)."""
    line = lines[at]
    if line.strip() in _ROW_NUMBER_HEADERS:
        width = 1
        while (at + width < len(lines) and lines[at + width].strip() not in ("", "1")
               and len(lines[at + width]) <= _CELL_LINE):
            width += 1
        return (width, width, 1) if 3 <= width <= 2 * _MOST_COLUMNS else (0, 0, 0)  # a header may take two lines a cell
    cells = line.split("\t")
    if 3 <= len(cells) <= _MOST_COLUMNS and cells[0].strip().isdigit():
        return len(cells), 1, int(cells[0]) + 1
    return 0, 0, 0


def _header_continuations(lines: list[str], at: int, header: int, width: int) -> set[int]:
    """The header lines that go on the cell above (`Thực hiện` / `năm 2020`, `Năm` / `2021`): a
    year on a line of its own, when the first row shows the header has more lines than columns."""
    first_row = lines[at + header:at + header + _MOST_COLUMNS + 1]
    row_width = next((k for k, cell in enumerate(first_row) if k and (cell.strip() == "2" or _sub_row(cell))),
                     width)
    years = {line for line in range(at + 1, at + header) if _HEADER_YEAR.fullmatch(lines[line])}
    return years if row_width < width and width - len(years) == row_width else set()


_HEADER_YEAR = re.compile(r"\s*(?:năm\s+)?(?:19|20)\d\d\s*", re.IGNORECASE)
ROW_MARK = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]+|[a-zđ]|[-+*•])[.)]?\s*", re.IGNORECASE)  # `1`, `1.2`, `II`, `a)`, `-`


def _sub_row(cell: str) -> bool:
    """A row's mark that is not the next number: a part of the row above (`-`, `a)`, `1.1`)."""
    return bool(ROW_MARK.fullmatch(cell)) and not cell.strip().isdigit()


def _cell_rows(lines: list[str], first: int, width: int, number: int) -> int:
    """How many rows of `width` lines, numbered from `number` (with unnumbered parts between them:
    `-`, `a)`, `1.1`), start at line `first`."""
    rows = 0
    while True:
        row = lines[first + width * rows:first + width * (rows + 1)]
        if len(row) < width or any(not cell.strip() or len(cell) > _CELL_LINE or "\t" in cell for cell in row):
            break
        if row[0].strip() == str(number):
            number += 1
        elif not (rows and _sub_row(row[0])):
            break
        rows += 1
    return rows
