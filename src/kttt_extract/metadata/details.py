"""What is written right after a document's symbol: its date, its issuer, and its name (trích yếu).

- date: a full date or a day and month right after the symbol (`số 12/KH-UBND ngày 10/8/2020`,
  `ban hành ngày …`).
- issuer: `của UBND tỉnh`, `do HĐND huyện …`, or `(vừa) được UBND tỉnh ban hành` and, after the
  name, `do UBND tỉnh ban hành` (the passive issue is also an announcement); bodies from `patterns/bodies.yaml`, issuing verbs from
  `patterns/documents.yaml` (`announce`).
- name: from there to the end of the clause (`về việc …`, a quoted name whole); a `name_end`
  phrase of `patterns/documents.yaml` closes it, and so does another document coordinated with
  this one (`, và`). A law's name is its mention's own.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

import regex

from .. import regex_cache
from .. import issuer as issuers
from ..document import Doc
from ..lexicon import ForwardSearch
from ..limits import match_near
from ..patterns import PatternSet
from ..record import Issuer
from ..tag import dates as date_tags
from ..tag.symbols import Mention
from .page import Page


@dataclass
class Details:
    """What follows a document's symbol: its date, `của <body>`, and its name (trích yếu)."""
    issued_on: date | None = None
    issued_day_month: date_tags.DateSpan | None = None
    issuer: Issuer | None = None
    after: int = 0             # where the date and issuer end
    passive_issue: bool = False  # `… (vừa) được UBND tỉnh ban hành`
    name: str = ""
    name_start: int = 0
    name_cut: bool = False       # a `name_end` phrase closed the name


_DATE_AFTER = regex_cache.compile(r"[\s,]*(?:(?:ban hành|ký)\s+)?(?:ngày\s+)?")
_OF = regex_cache.compile(r"[\s,]*(?:chuyên\s+đề\s+)?(?:của|do)\s+", regex.IGNORECASE)  # `Nghị quyết chuyên đề của …`: a thematic one
_BY = regex_cache.compile(r"[\s,]*(?:vừa|đã|mới)?\s*được\s+", regex.IGNORECASE)
_DO = regex_cache.compile(r"(?<![\p{L}])do\s+", regex.IGNORECASE)  # `… do UBND tỉnh ban hành`, after the name
_NAME_OPENING = regex_cache.compile(r"[ ]*(?:\([^()]*\)[ ]*)?(?:về\s+việc\s+|về\s+|v/v\s+)?", regex.IGNORECASE)
_PUNCTUATION_FIRST = regex_cache.compile(r"\s*[,.;:)]")
_CLOSING_QUOTE = regex_cache.compile(r"[\"”]")
_COORDINATED = regex_cache.compile(r"\s*(?:,|;|và|cùng)\s*$")
_SYMBOL_YEAR = regex_cache.compile(r"[ ]+năm[ ]+(?:19|20)\d\d(?!\d)(?![ ]*[-–])", regex.IGNORECASE)
_LAST_NON_SPACE = regex_cache.compile(r"(?r)\S")
_LONGEST_COORDINATOR = len("cùng")


class Neighbours:
    """What reading a document's name needs of the whole text, found once rather than once per
    name (a line naming a document thousands of times took the square): where the documents it
    names start, in text order, where the coordinator (`,`, `;`, `và`, `cùng`) ending the text
    before each begins, and where names end in each sentence."""

    def __init__(self, text: str, starts: list[int], name_end: regex.Pattern):
        self.starts = starts
        self.coordinator = [_coordinator_before(text, start) for start in starts]
        self._stops = ForwardSearch(name_end, text)

    def coordinated_within(self, start: int, end: int) -> int | None:
        """The first document between start and end that `text[start:document]` ends coordinated
        with (what `_COORDINATED.search` of that slice says)."""
        for i in range(bisect_right(self.starts, start), bisect_left(self.starts, end)):
            if self.coordinator[i] is not None and self.coordinator[i] >= start:
                return self.starts[i]
        return None

    def stop(self, start: int, end: int) -> regex.Match | None:
        """`name_end.search(text, start, end)`, as `text[start:end]` would be searched: no `name_end`
        looks behind its first character."""
        return self._stops.search(start, end)


def _coordinator_before(text: str, end: int) -> int | None:
    """Where the latest coordinator followed by nothing but spaces up to `end` begins: it ends at the
    last character before `end` that is no space, so it begins at most 3 characters before that."""
    last = _LAST_NON_SPACE.search(text, 0, end)
    if last is None:
        return None
    for begin in range(last.start(), max(-1, last.start() - _LONGEST_COORDINATOR), -1):
        if _COORDINATED.match(text, begin, end):
            return begin
    return None


def read_details(doc: Doc, page: Page, mention: Mention, places: issuers.Places, patterns: PatternSet,
                 others: Neighbours) -> Details:
    details = Details()
    position = mention.end
    date_match = _DATE_AFTER.match(doc.text, position)
    following = [d for d in page.dates if position <= d.start <= date_match.end()]
    if following and following[0].form in (date_tags.FULL, date_tags.DAY_MONTH):
        details.issued_on = following[0].value
        details.issued_day_month = following[0] if following[0].value is None else None
        position = following[0].end
    if mention.number is not None and (year := _SYMBOL_YEAR.match(doc.text, position)):
        position = year.end()  # `Kế hoạch 98/KH-UBND năm 2021 …`: the year it was issued, not its period
    for opener in (_OF, _BY):
        position = _issuer_after(doc, page, opener, position, details, places, patterns)
    details.after = position
    if mention.kind != "luat":
        _name(doc, page, mention, details, others)
        if details.issuer is None and details.name:
            _issuer_after(doc, page, _BY, details.name_start + len(details.name), details, places, patterns)
        if details.issuer is None and details.name:
            _issuer_within_name(doc, page, details, places, patterns)
    return details


def _issuer_within_name(doc: Doc, page: Page, details: Details, places, patterns) -> None:
    """`Đề án phát triển tổ hợp tác giai đoạn 2021 - 2025 do UBND tỉnh Bến Tre ban hành`: a body
    and an issuing verb after `do` end the name and are its issuer (a `do` before anything else
    is `because`, and stays in the name)."""
    for match in _DO.finditer(details.name):
        found = Details()
        _issuer_after(doc, page, _DO, details.name_start + match.start(), found, places, patterns)
        if found.passive_issue:
            details.issuer, details.passive_issue = found.issuer, True
            details.name = details.name[:match.start()].rstrip().rstrip(",")
            return


def _issuer_after(doc, page, opener: regex.Pattern, position: int, details: Details, places, patterns) -> int:
    """`của UBND tỉnh`, `(vừa) được UBND tỉnh ban hành` at position: the issuer, and where it ends."""
    if details.issuer is not None:
        return position
    joined = match_near(opener, doc.text, position)
    bodies = issuers.find_bodies(doc.text, patterns, joined.end(), joined.end() + 60) if joined else []
    if not bodies or bodies[0].start != joined.end():
        return position
    found, end = issuers.issuer_at(doc.text, bodies[0], places, patterns)
    if opener is not _OF:  # a passive issue needs its verb
        if not page.g.announce.match(doc.text[end:end + 30].strip().split(",")[0].split(".")[0] + " "):
            return position
        details.passive_issue = True
    details.issuer = found
    return end


def _name(doc: Doc, page: Page, mention: Mention, details: Details, others: Neighbours) -> None:
    """The document's name: from after its symbol, date and issuer to the end of the clause."""
    position = details.after
    sentence = doc.sentence_at(mention.start)
    rest = doc.text[position:max(sentence.end, position)]
    if rest[:1] not in ("", " ") or _PUNCTUATION_FIRST.match(rest):
        return
    opening = _NAME_OPENING.match(rest)
    name, name_start = rest[opening.end():], position + opening.end()
    if name.startswith(("\"", "“")):
        closing = _CLOSING_QUOTE.search(name, 1)
        name = name[:closing.end()] if closing else name
    else:
        stop = others.stop(name_start, position + len(rest))
        details.name_cut = bool(stop and stop.group().strip() not in ".;:!?")
        name = doc.text[name_start:stop.start()] if stop else name
    start = others.coordinated_within(name_start, name_start + len(name))
    if start is not None:  # another document coordinated with this one ends its name
        name = doc.text[name_start:start]
        name = name[:_COORDINATED.search(name).start()]
    details.name = name.strip().strip("\"“”").strip().rstrip(",")
    details.name_start = name_start
