"""A document library's fields about the page's document: `Số hiệu: 98/KH-UBND`, `Ngày ban hành:
14/06/2021`, `Nơi ban hành: Thị xã Điện Bàn, tỉnh Quảng Nam` (or `Cơ quan ban hành: UBND tỉnh …`).

They describe the document whose symbol the number field gives, and only that one: the plan takes
its date and issuer from them when its own mention states none. Vocabulary: `patterns/page.yaml`
(`field_number`, `field_issued`, `field_issuer`).
"""
from __future__ import annotations

from datetime import date

import regex

from .. import issuer as issuers
from .. import regex_cache
from ..lexicon import compiled
from ..patterns import PatternSet
from ..record import Issuer
from .page import Line, Page

_FIELD_LINES = 40  # the fields stand at the top of the page, above the document's text
_FIELD_ROW = 300   # characters: a row of fields is short
_COLON = regex_cache.compile(r"[ \t]*:[ \t]*")


def field_value(page: Page, patterns: PatternSet, slug: str) -> tuple[int, str] | None:
    """Where the value of a `Name: value` field line starts, and the value (read once per page)."""
    if slug not in page.fields:
        page.fields[slug] = _read_field(page, patterns, slug)
    return page.fields[slug]


def _read_field(page: Page, patterns: PatternSet, slug: str) -> tuple[int, str] | None:
    label, text = compiled(patterns, "page", slug), page.doc.text
    for line in page.lines[:_FIELD_LINES]:
        if line.end - line.start > _FIELD_ROW:
            continue
        found = _label_at(label, text, line)
        colon = found and _COLON.match(text, found.end(), line.end)
        if colon:  # a row of fields flattened with tabs (`Số hiệu: ⇥ 512/KH-UBND ⇥ Loại văn bản: …`): one cell
            return colon.end(), text[colon.end():line.end].strip("\t ").split("\t")[0].strip()
    return None


def _label_at(label: regex.Pattern, text: str, line: Line) -> regex.Match | None:
    """The field's label opening the line or one of its tab-separated cells."""
    start = line.start
    for cell in line.text.split("\t"):
        found = label.match(text, start + len(cell) - len(cell.lstrip()), line.end)
        if found:
            return found
        start += len(cell) + 1
    return None


def describes(page: Page, patterns: PatternSet, number: str | None) -> bool:
    """Whether the page's number field names this document."""
    field = field_value(page, patterns, "field_number")
    return number is not None and field is not None and field[1].replace(" ", "") == number


def issued_on(page: Page, patterns: PatternSet) -> date | None:
    field = field_value(page, patterns, "field_issued")
    if field is None:
        return None
    return next((d.value for d in page.dates if d.start >= field[0] and d.value is not None
                 and page.doc.line_at(d.start).start == page.doc.line_at(field[0]).start), None)


def issuer(page: Page, patterns: PatternSet, places: issuers.Places, number: str) -> Issuer | None:
    """The body the issuer field names, else its unit with the body the symbol's code names."""
    field = field_value(page, patterns, "field_issuer")
    if field is None:
        return None
    found = issuers.owner_at(page.doc.text, field[0], places, patterns)
    if found is None or found.body is not None:
        return found
    body = issuers.body_of_symbol(number, patterns)
    return found.model_copy(update={"body": body}) if body else found
