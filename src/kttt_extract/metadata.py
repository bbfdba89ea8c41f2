"""Assemble the notice's metadata: title, published_on, plan, references (issue 3).

- published_on: the page's own date line before the article body (`Ngày đăng: 16/03/2023`,
  `Thứ sáu, 07/08/2020, 23:10`, `02/03/2020 232 Lượt xem`, a date in brackets after the
  headline, a `Ngày:` field after a byline); a date line followed by masthead items (Hotline,
  Email) is the site's clock unless it states a time zone (`06:15 (GMT+7)`, an article's
  timestamp), and of several date lines before the body the last one, the
  article's, wins.
- title: the headline next to that date line (of the headline-like lines just above and below
  it, the nearest above, unless the lead restates another clearly more), else the first
  headline-like line before the body; null when the text starts mid-article. The portal's or
  newspaper's name (`Cổng thông tin điện tử …`, `Báo … điện tử`, `… Online`) and menus or
  breadcrumbs (short items between `|`, `›`, `»`, or nothing but section names) are never
  headlines. A plan text joins its heading lines.
- plan: the document the notice announces (`ban hành Kế hoạch …`; the decision that
  `phê duyệt` another), else the one it reports carrying out (`thực hiện Nghị quyết …`), else
  the one it is about (`Theo Chương trình …`, `Mục tiêu của Kế hoạch`); a plan text's own
  symbol (`Số: 180/KH-UBND`) comes first, its trích yếu the heading below, or an official letter's
  `V/v …` line. An issuing verb announces only after a body as its subject (`HĐND tỉnh khóa XII
  thông qua Nghị quyết …`). No such cue, no plan. A headline's unnumbered plan
  gives way to the numbered document the body announces as it (`Nghị quyết số 143/NQ-CP về
  Chương trình hành động …`), and lends it its period. A kind word named only by a meeting
  (`Nghị quyết Đại hội`) and documents in photo captions are no plan. A lower-case kind word
  with its year and owner (`theo kế hoạch năm 2024 của huyện`) is a document, its owner the issuer.
  A document carried out within another's name (`Kế hoạch số 5/KH-UBND về thực hiện Chiến lược …`)
  is not carried out by the notice. Another mention of the plan's symbol lends it the date, name and
  period the chosen mention lacks.
- period: stated in the plan's name, else in its sentence, else by the first heading of its goals
  after it (`Mục tiêu cụ thể đến năm 2030`).
- issued_on: the date after the symbol (a plan text's signing line, below the national motto),
  else a date opening a clause of the plan's sentence (`…, ngày 10 tháng 8 năm 2020, UBND … ban
  hành`).
- issuer: the body written with the plan, or the body or unit owning it (`của huyện`); else the body its symbol's code names (`…/NQ-HĐND`),
  as the article writes it; a body the text never writes is no issuer.
- references: every other document with a number, and laws with a year, in order of first
  mention, each with the date and issuer written right after it, but not a run of lines that are
  nothing but documents' names (a sidebar list of new documents); a law cited by name and year
  that the text also cites by name and symbol (`Luật Hợp tác xã số 17/2023/QH15`) is that one.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from datetime import date

import regex

from . import issuer as issuers
from .document import Doc, Span
from .patterns import PatternSet, phrase_regex
from .record import DocumentRef, Issuer, Period, Plan
from .tag import dates as date_tags
from .tag import symbols as symbol_tags
from .tag.symbols import Mention

ANNOUNCE, IMPLEMENT, REFER, SUBJECT = 0, 1, 2, 3
_ROLE_NAMES = {ANNOUNCE: "announce", IMPLEMENT: "implement", REFER: "refer", SUBJECT: "refer"}
_REPORTS = ("bao_cao", "thong_bao")  # a report or notice is a plan only when announced or numbered
_PLURAL = regex.compile(r"(?i)(?:các|những|nhiều|mọi|một số)\s*$")
_BODY_WORDS = 25


@dataclass
class Metadata:
    title: str | None = None
    published_on: date | None = None
    plan: Plan | None = None
    references: list[DocumentRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Grammar:
    announce: regex.Pattern
    approve: regex.Pattern
    name_opening: regex.Pattern      # what may open a name that is another document (`ban hành`)
    announce_after: regex.Pattern
    announce_by_body: regex.Pattern  # issuing verbs that announce only after a body (`HĐND tỉnh thông qua`)
    implement: regex.Pattern
    refer: regex.Pattern
    refer_after: regex.Pattern
    topic: regex.Pattern
    owned: regex.Pattern             # `năm 2024 của ` after a kind word: a year, then its owner
    name_end: regex.Pattern
    date_cue: regex.Pattern
    line_words: regex.Pattern        # date-line words: cues, weekdays, clock words, counters
    time_zone: regex.Pattern         # `(GMT+7)`: an article's timestamp, never a site's clock
    masthead: regex.Pattern
    chrome: regex.Pattern
    portal: regex.Pattern            # the portal's or newspaper's own name
    menu_category: regex.Pattern
    related: regex.Pattern
    mid_article: regex.Pattern
    artifact: regex.Pattern
    caption_open: regex.Pattern      # a line that opens as a photo caption
    event_only: regex.Pattern        # a name that is only an event (`Nghị quyết Đại hội`)
    patterns: PatternSet


def _phrases(patterns: PatternSet, dimension: str, *slugs: str) -> list[str]:
    return [p for slug in slugs if (e := patterns.entry(dimension, slug)) for p in e.phrases]


def _alternation(patterns: PatternSet, dimension: str, *slugs: str) -> str:
    parts = [phrase_regex(_phrases(patterns, dimension, *slugs))] if _phrases(patterns, dimension, *slugs) else []
    parts += [r for slug in slugs if (e := patterns.entry(dimension, slug)) for r in e.regex]
    return "|".join(f"(?:{p})" for p in parts) or r"(?!)"


@functools.cache
def grammar(patterns: PatternSet) -> _Grammar:
    ci = regex.IGNORECASE
    before = r"[\s,]*$"
    return _Grammar(
        announce=regex.compile(f"(?:{_alternation(patterns, 'documents', 'announce')}){before}", ci),
        approve=regex.compile(rf"^[\s,]*(?:{_alternation(patterns, 'documents', 'approve')})", ci),
        name_opening=regex.compile(
            rf"^\s*(?:(?:{_alternation(patterns, 'documents', 'approve', 'name_opening')})\s*)?$", ci),
        announce_by_body=regex.compile(f"(?:{_alternation(patterns, 'documents', 'announce_by_body')}){before}", ci),
        announce_after=regex.compile(rf"^[\s,]*(?:{_alternation(patterns, 'documents', 'announce_after')})", ci),
        implement=regex.compile(f"(?:{_alternation(patterns, 'documents', 'implement')}){before}", ci),
        refer=regex.compile(f"(?:{_alternation(patterns, 'documents', 'refer')}){before}"),
        refer_after=regex.compile(rf"^\s*(?:{_alternation(patterns, 'documents', 'refer_after')})", ci),
        topic=regex.compile(rf"^\s*(?:về\s+(?:việc\s+)?)?(?:{_alternation(patterns, 'documents', 'plan_topic')})", ci),
        owned=regex.compile(rf"\s*(?:{_alternation(patterns, 'documents', 'plan_owner')})", ci),
        name_end=regex.compile(rf"[.;:!?\n]|\s(?:{_alternation(patterns, 'documents', 'name_end')})", ci),
        date_cue=regex.compile(_alternation(patterns, "dates", "date_line"), ci),
        line_words=regex.compile(_alternation(patterns, "dates", "date_line", "weekday", "clock_word", "time_zone")
                                 + "|" + _alternation(patterns, "page", "counter"), ci),
        time_zone=regex.compile(_alternation(patterns, "dates", "time_zone"), ci),
        masthead=regex.compile(_alternation(patterns, "page", "masthead", "menu"), ci),
        chrome=regex.compile(_alternation(patterns, "page", "counter", "masthead", "menu", "caption", "weather",
                                          "source", "related", "document_header"), ci),
        portal=regex.compile(_alternation(patterns, "page", "portal_name"), ci),
        menu_category=regex.compile(_alternation(patterns, "page", "menu_category"), ci),
        related=regex.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'related')})\s*:?\s*$", ci),
        mid_article=regex.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'mid_article')})", ci),
        artifact=regex.compile(_alternation(patterns, "page", "scrape_artifact"), ci),
        caption_open=regex.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'caption')})", ci),
        event_only=regex.compile(rf"^(?:{_alternation(patterns, 'documents', 'event_name')})(?:\s+(?:này|đó|trên|lần này))?"
                                 r"(?:\s+(?:với|và|tại|đã|cùng)(?![\p{L}]).*)?$", ci | regex.DOTALL),
        patterns=patterns,
    )


# --- the page's layout ----------------------------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-/.,][\p{L}\p{N}]+)*")
_SENTENCE_BREAK = regex.compile(r"[.!?…]\s+\p{Lu}")
_LIST_SENTENCE_BREAK = regex.compile(r"[.!?]\s+\p{Lu}")
_ALNUM_RUN = regex.compile(r"[\p{L}\p{N}]+")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_LETTER_RUN = regex.compile(r"\p{L}+")
_HEADLINE_OPENING = regex.compile(r"[\p{Lu}\d\"'(]")


@dataclass(eq=False)
class _Line:
    index: int
    start: int
    end: int
    text: str

    @functools.cached_property
    def words(self) -> int:
        return _word_count(self.text)


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


class _Page:
    def __init__(self, doc: Doc, patterns: PatternSet):
        self.doc = doc
        self.g = grammar(patterns)
        self.lines = [_Line(i, s.start, s.end, doc.text[s.start:s.end]) for i, s in enumerate(doc.lines or [Span(0, len(doc.text))])]
        self.dates = date_tags.find_dates(doc.text, patterns)
        self.body_start = next((line.index for line in self.lines if self.is_body(line)), len(self.lines))
        related = [line.index for line in self.lines if self.g.related.match(line.text)]
        self.related_start = related[0] if related else len(self.lines)
        after_body = [i for i in related if i >= self.body_start]
        self.article_end = self.lines[after_body[0]].start if after_body else len(doc.text)
        self._date_starts = [d.start for d in self.dates]
        self._headline_like: dict[int, bool] = {}
        self._date_line: dict[int, date | None] = {}
        self._chrome_line: dict[tuple[int, int, bool], bool] = {}

    def is_body(self, line: _Line) -> bool:
        if line.words < _BODY_WORDS:
            return False
        text = line.text.strip()
        return text[-1:] in ".!?…:;" or bool(_SENTENCE_BREAK.search(text)) or line.words >= 60

    def dates_in(self, start: int, end: int) -> list[date_tags.DateSpan]:
        first = bisect.bisect_left(self._date_starts, start)
        found = []
        for span in self.dates[first:]:
            if span.start > end:
                break
            if span.end <= end:
                found.append(span)
        return found

    def nonempty_after(self, line: _Line, count: int) -> list[_Line]:
        return [l for l in self.lines[line.index + 1:] if l.text.strip()][:count]


# --- published_on -----------------------------------------------------------------------------

_SIGNING_LINE = regex.compile(r"^\s*\p{Lu}[\p{L} .'-]{1,40},\s*ngày\s", regex.IGNORECASE)
_TRAILING_DATE = regex.compile(r"\(\s*([^()]{6,12})\s*\)\s*\|?\s*$")


def _date_line(page: _Page, line: _Line) -> date | None:
    """The posting date a line states, if the line is a date line."""
    if line.index not in page._date_line:
        page._date_line[line.index] = _find_date_line(page, line)
    return page._date_line[line.index]


def _find_date_line(page: _Page, line: _Line) -> date | None:
    full = [d for d in page.dates_in(line.start, line.end) if d.value is not None]
    if not full or _SIGNING_LINE.match(line.text):
        return None
    first = full[0]
    cue = page.g.date_cue.search(line.text)
    if cue is not None and 0 <= first.start - (line.start + cue.end()) <= 30:
        return first.value
    trailing = _TRAILING_DATE.search(line.text)
    if trailing and line.start + trailing.start(1) <= first.start and len(line.text[:trailing.start()].split()) >= 4:
        return first.value
    leftover = line.text
    for span in sorted(page.dates_in(line.start, line.end), key=lambda d: -d.start):
        leftover = leftover[:span.start - line.start] + " " + leftover[span.end - line.start:]
    leftover = page.g.line_words.sub(" ", leftover)
    if line.words <= 12 and "|" in leftover and any(not _letters(part) for part in leftover.split("|")):
        return first.value  # `Nguyễn Văn An | 05/06/2023 09:12`: a byline or category, then the date
    return first.value if len(_letters(leftover)) <= 2 else None


def _letters(text: str) -> list[str]:
    """The words of text that are not bare numbers or single letters."""
    return [w for w in _ALNUM_RUN.findall(text) if not w.isdigit() and len(w) > 1]


def _published(page: _Page) -> tuple[date | None, _Line | None]:
    candidates = []
    for line in page.lines[:min(page.body_start, page.related_start, 40)]:
        found = _date_line(page, line)
        if found is None:
            continue
        if not any(_headline_like(page, l) for l in page.lines[:line.index]) and _masthead_follows(page, line):
            continue
        candidates.append((found, line))
    if candidates:
        return candidates[-1]
    for line in page.lines[page.body_start:]:  # a date line closing the article: `Ngày đăng: …`
        if line.start >= page.article_end:
            break
        cue = page.g.date_cue.match(line.text.strip())
        if cue is not None and line.words <= 8 and _date_line(page, line) is not None:
            return _date_line(page, line), line
    return None, None


def _masthead_follows(page: _Page, line: _Line) -> bool:
    """A site clock: the date line is followed by short masthead lines (Hotline, Email, menus),
    and states no time zone (a timestamp with one is the article's)."""
    if page.g.time_zone.search(line.text):
        return False
    return any(after.words <= 8 and page.g.masthead.search(after.text) for after in page.nonempty_after(line, 3))


# --- title -----------------------------------------------------------------------------------

def _clean_title(page: _Page, text: str) -> str:
    text = page.g.artifact.sub("", text)
    text = _TRAILING_DATE.sub("", text)
    return " ".join(text.split()).strip(" |")


def _headline_like(page: _Page, line: _Line) -> bool:
    if line.index not in page._headline_like:
        page._headline_like[line.index] = _is_headline_like(page, line)
    return page._headline_like[line.index]


def _is_headline_like(page: _Page, line: _Line) -> bool:
    text = _clean_title(page, line.text)
    words = text.split()
    if page.is_body(line) or not 5 <= _word_count(text) <= 60 or _date_line(page, line) and not _TRAILING_DATE.search(line.text):
        return False
    if page.g.chrome.search(text) or page.g.mid_article.match(text) or page.g.portal.search(text) or _menu_like(page, text):
        return False
    if not _HEADLINE_OPENING.match(text) or text.endswith(":"):
        return False
    accented = sum(1 for w in words if any(ord(ch) > 127 for ch in w))
    return accented >= len(words) * 0.2


_MENU_SEPARATOR = regex.compile(r"\s*[|›»>•·]\s*")
_BREADCRUMB = regex.compile(r"[›»>]")


def _menu_like(page: _Page, text: str) -> bool:
    """A menu or breadcrumb: short items between separators (`Tin tức › Kinh tế`), or nothing but
    section names (`Thời sự  Chính trị  Kinh tế`)."""
    items = [item for item in _MENU_SEPARATOR.split(text) if item.strip()]
    if len(items) >= 2 and all(_word_count(item) <= 4 for item in items) and (len(items) >= 3 or _BREADCRUMB.search(text)):
        return True
    sections = page.g.menu_category.findall(text)
    return len(sections) >= 2 and not _ALNUM.search(page.g.menu_category.sub(" ", text))


def _title(page: _Page, date_line: _Line | None) -> str | None:
    if date_line is not None:
        if _TRAILING_DATE.search(date_line.text) and _headline_like(page, date_line):
            return _clean_title(page, date_line.text)
        before = [l for l in page.lines[max(0, date_line.index - 4):date_line.index] if l.text.strip()]
        around = [l for l in reversed(before[-3:]) if _headline_like(page, l)]
        around += [l for l in page.nonempty_after(date_line, 2) if _headline_like(page, l)]
        if around:
            return _clean_title(page, _restated(page, around).text)
    for line in page.lines[:page.body_start]:
        text = line.text.strip()
        if not text:
            continue
        if page.g.mid_article.match(text):
            return None
        if _headline_like(page, line):
            return _clean_title(page, line.text)
    return None


_RESTATED_MARGIN = 0.3


def _restated(page: _Page, candidates: list[_Line]) -> _Line:
    """Of the headline-like lines around the date line (nearest above first), the one the article's
    lead restates clearly more than the first does; else the first."""
    if len(candidates) == 1 or page.body_start >= len(page.lines):
        return candidates[0]
    lead = set(_syllables(page.lines[page.body_start].text))
    shares = [len(set(_syllables(c.text)) & lead) / max(1, len(set(_syllables(c.text)))) for c in candidates]
    best = max(range(len(candidates)), key=lambda i: (shares[i], -i))
    return candidates[best] if shares[best] - shares[0] >= _RESTATED_MARGIN else candidates[0]


def _syllables(text: str) -> list[str]:
    return [w.lower() for w in _LETTER_RUN.findall(text) if len(w) > 1]


# --- plan texts: `Số: 180/KH-UBND` under the issuer's header --------------------------------------

_OPENING_CLAUSE = regex.compile(r"(?i)\s*(?:căn cứ|thực hiện|kính gửi|theo|để|nhằm)\b")
_NUMBER_HEADER = regex.compile(r"^\s*Số\s*:?\s*(?=\d)", regex.IGNORECASE)
_SUBJECT_LINE = regex.compile(r"^\s*(?:V/v|Về\s+việc)\s*:?\s*(?P<about>\S.*?)\s*$", regex.IGNORECASE)
_HEADER_LINES = 6  # `Số:`, `V/v …`, the national motto (two lines), then the place and date


@dataclass
class _PlanText:
    mention: Mention
    line: _Line
    signed_on: date | None
    signing_line: _Line | None
    title: str | None
    about: str | None  # an official letter's trích yếu, on its `V/v …` line under `Số:`


def _plan_text(page: _Page, mentions: list[Mention]) -> _PlanText | None:
    for line in page.lines[:min(page.body_start + 1, 25)]:
        if not _NUMBER_HEADER.match(line.text):
            continue
        mention = next((m for m in mentions if line.start <= m.start < line.end and m.number), None)
        if mention is None:
            continue
        header = [l for l in page.lines[line.index:line.index + _HEADER_LINES] if not page.is_body(l)]
        signing = next((l for l in header if _SIGNING_LINE.match(l.text)), None)
        signed = next((d.value for d in page.dates_in(signing.start, signing.end) if d.value), None) if signing else None
        about = next((m.group("about") for l in header[1:3] if (m := _SUBJECT_LINE.match(l.text))), None)
        return _PlanText(mention, line, signed, signing, _heading(page, signing or line), about)
    return None


def _heading(page: _Page, after: _Line) -> str | None:
    """The upper-case heading lines that follow the header: `KẾ HOẠCH` + `PHÁT TRIỂN … NĂM 2023`."""
    parts = []
    for line in page.lines[after.index + 1:after.index + 8]:
        text = line.text.strip().strip("|").strip()
        if not text or page.g.chrome.search(text):
            continue
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters):
            parts.append(text)
            continue
        if len(parts) == 1 and _word_count(parts[0]) <= 3 and not page.is_body(line) and not _OPENING_CLAUSE.match(text):
            parts.append(text)  # `KẾ HOẠCH` over a trích yếu in sentence case
        if parts:
            break
    return " ".join(parts) or None


# --- document mentions, what is written after them, and their roles -----------------------------------

@dataclass
class _Details:
    """What follows a document's symbol: its date, `của <body>`, and its name (trích yếu)."""
    issued_on: date | None = None
    issued_day_month: date_tags.DateSpan | None = None
    issuer: Issuer | None = None
    after: int = 0             # where the date and issuer end
    passive_issue: bool = False  # `… (vừa) được UBND tỉnh ban hành`
    name: str = ""
    name_start: int = 0
    name_cut: bool = False       # a `name_end` phrase closed the name


@dataclass
class _Candidate:
    mention: Mention
    details: _Details
    role: int | None = None
    approver: bool = False
    names_kind: str | None = None  # `Nghị quyết số 143/NQ-CP về Chương trình …`: the kind its name is


_DATE_AFTER = regex.compile(r"[\s,]*(?:(?:ban hành|ký)\s+)?(?:ngày\s+)?")
_OF = regex.compile(r"[\s,]*(?:của|do)\s+", regex.IGNORECASE)
_BY = regex.compile(r"[\s,]*(?:vừa|đã|mới)?\s*được\s+", regex.IGNORECASE)
_NAME_OPENING = regex.compile(r"[ ]*(?:\([^()]*\)[ ]*)?(?:về\s+việc\s+|về\s+|v/v\s+)?", regex.IGNORECASE)
_PUNCTUATION_FIRST = regex.compile(r"\s*[,.;:)]")
_CLOSING_QUOTE = regex.compile(r"[\"”]")
_COORDINATED = regex.compile(r"\s*(?:,|;|và|cùng)\s*$")


def _details(doc: Doc, page: _Page, mention: Mention, places: issuers.Places, patterns: PatternSet,
             starts: list[int]) -> _Details:
    details = _Details()
    position = mention.end
    date_match = _DATE_AFTER.match(doc.text, position)
    following = [d for d in page.dates if position <= d.start <= date_match.end()]
    if following and following[0].form in (date_tags.FULL, date_tags.DAY_MONTH):
        details.issued_on = following[0].value
        details.issued_day_month = following[0] if following[0].value is None else None
        position = following[0].end
    for opener in (_OF, _BY):
        position = _issuer_after(doc, page, opener, position, details, places, patterns)
    details.after = position
    if mention.kind != "luat":
        _name(doc, page, mention, details, starts)
        if details.issuer is None and details.name:
            _issuer_after(doc, page, _BY, details.name_start + len(details.name), details, places, patterns)
    return details


def _issuer_after(doc, page, opener: regex.Pattern, position: int, details: _Details, places, patterns) -> int:
    """`của UBND tỉnh`, `(vừa) được UBND tỉnh ban hành` at position: the issuer, and where it ends."""
    if details.issuer is not None:
        return position
    joined = opener.match(doc.text, position)
    bodies = issuers.find_bodies(doc.text, patterns, joined.end(), joined.end() + 60) if joined else []
    if not bodies or bodies[0].start != joined.end():
        return position
    found, end = issuers.issuer_at(doc.text, bodies[0], places, patterns)
    if opener is _BY:
        if not page.g.announce.match(doc.text[end:end + 30].strip().split(",")[0].split(".")[0] + " "):
            return position
        details.passive_issue = True
    details.issuer = found
    return end


def _name(doc: Doc, page: _Page, mention: Mention, details: _Details, starts: list[int]) -> None:
    """The document's name: from after its symbol, date and issuer to the end of the clause."""
    position = details.after
    sentence = doc.sentence_at(mention.start)
    rest = doc.text[position:max(sentence.end, position)]
    if rest[:1] not in ("", " ") or _PUNCTUATION_FIRST.match(rest):
        return
    opening = _NAME_OPENING.match(rest)
    name = rest[opening.end():]
    if name.startswith(("\"", "“")):
        closing = _CLOSING_QUOTE.search(name, 1)
        name = name[:closing.end()] if closing else name
    else:
        stop = page.g.name_end.search(name)
        details.name_cut = bool(stop and stop.group().strip() not in ".;:!?")
        name = name[:stop.start()] if stop else name
    name_start = position + opening.end()
    for start in starts:  # another document coordinated with this one ends its name
        if name_start < start < name_start + len(name) and _COORDINATED.search(doc.text[name_start:start]):
            name = doc.text[name_start:start]
            name = name[:_COORDINATED.search(name).start()]
            break
    details.name = name.strip().strip("\"“”").strip().rstrip(",")
    details.name_start = name_start


def _sentence_start(doc: Doc, offset: int) -> int:
    return doc.sentence_at(offset).start if doc.sentences else 0


def _role(doc: Doc, g: _Grammar, mention: Mention, details: _Details, places: issuers.Places) -> tuple[int | None, bool]:
    sentence_start = _sentence_start(doc, mention.start)
    line_start = doc.text.rfind("\n", 0, mention.start) + 1
    window = doc.text[max(sentence_start, line_start, mention.start - 40):mention.start]
    after = doc.text[mention.end:mention.end + 200]
    following = doc.text[details.after:details.after + 200]
    approver = bool(g.approve.match(following))
    if g.announce.search(window) or approver or g.announce_after.match(following) or details.passive_issue:
        return ANNOUNCE, approver
    if _issued_by_body(doc, g, mention, max(sentence_start, line_start), places):
        return ANNOUNCE, False
    # carried out or referred to: only a numbered document, a collective-economy plan, or the
    # plan the text already speaks of (`Theo Kế hoạch,`), not any programme the text names
    topical = mention.number is not None or bool(g.topic.match(after)) or _owner(doc, g, mention, places) is not None
    if g.implement.search(window) and topical:
        return IMPLEMENT, False
    if mention.kind in _REPORTS and mention.number is None:
        return None, False
    if (g.refer.search(window) and (topical or not _has_name(after))) or g.refer_after.match(after):
        return REFER, False
    if mention.word and mention.word[0].isupper() and not window.strip() and g.topic.match(after):
        return SUBJECT, False
    return None, False


def _issued_by_body(doc: Doc, g: _Grammar, mention: Mention, clause_start: int, places: issuers.Places) -> bool:
    """`Kỳ họp thứ 7 HĐND tỉnh khóa XII thông qua Nghị quyết …`: an issuing verb right after a body
    (its unit, name and term included) and right before the document."""
    verb = g.announce_by_body.search(doc.text, max(clause_start, mention.start - 20), mention.start)
    if verb is None:
        return False
    bodies = issuers.find_bodies(doc.text, g.patterns, max(clause_start, verb.start() - 80), verb.start())
    if not bodies:
        return False
    _, end = issuers.issuer_at(doc.text, bodies[-1], places, g.patterns)
    return end <= verb.start() and not doc.text[end:verb.start()].strip()


_NO_NAME = regex.compile(r"^\s*(?:[,.;:)]|$|(?:là|nhằm|đề ra|đặt ra|được|sẽ|có|gồm|tập trung)(?![\p{L}]))")


def _has_name(after: str) -> bool:
    """Whether a name follows a kind word, rather than punctuation or a verb of the sentence."""
    return not _NO_NAME.match(after)


def _accepted(doc: Doc, g: _Grammar, mention: Mention, places: issuers.Places) -> bool:
    """Whether a mention names one document: a number, a law's year, a capitalized kind word
    not in a generic list, or a lower-case one made specific by its context."""
    if mention.kind == "luat":
        return mention.year is not None or mention.number is not None
    if mention.number is not None:
        return True
    before = doc.text[max(0, mention.start - 30):mention.start]
    if _PLURAL.search(before) or _generic_list(doc, mention):
        return False
    if mention.word and mention.word[0].isupper():
        return True
    after = doc.text[mention.end:mention.end + 80]
    window = doc.text[max(_sentence_start(doc, mention.start), mention.start - 40):mention.start]
    return bool(g.announce.search(window) or g.refer_after.match(after) or g.topic.match(after)
                or _owner(doc, g, mention, places) is not None)


def _owner(doc: Doc, g: _Grammar, mention: Mention, places: issuers.Places) -> Issuer | None:
    """The owner a kind word's year names (`kế hoạch năm 2024 của huyện`): a body or a unit."""
    owned = g.owned.match(doc.text, mention.end)
    return issuers.owner_at(doc.text, owned.end(), places, g.patterns) if owned else None


_LIST_BULLET = regex.compile(r"\s*(?:[-–•*+·]\s*)?")


def _title_list_lines(page: _Page, mentions) -> set[int]:
    """The starts of lines that are a list of documents (a sidebar of new documents), not citations:
    two or more lines in a row, each nothing but a numbered document's name opening the line, with
    no sentence around it (no verb before it, no `;` or `,` closing it as a clause would)."""
    bare = set()
    for mention in mentions:
        line = page.doc.line_at(mention.start)
        text = page.doc.text[line.start:line.end].rstrip()
        if (mention.number is not None and _LIST_BULLET.fullmatch(page.doc.text[line.start:mention.start])
                and _word_count(text) <= 20 and text[-1:] not in ";,:" and not _LIST_SENTENCE_BREAK.search(text)):
            bare.add(line.start)
    filled = [l for l in page.lines if l.text.strip()]
    return {line.start for i, line in enumerate(filled) if line.start in bare
            and any(0 <= j < len(filled) and filled[j].start in bare for j in (i - 1, i + 1))}


_LISTED_AFTER_PLURAL = regex.compile(r"(?i)(?:các|những|nhiều)\s+[\p{L} ]{2,30}?(?:,|và)\s*$")


def _generic_list(doc: Doc, mention: Mention) -> bool:
    """`các chương trình, đề án`: a kind word listed after a plural one."""
    match = _LISTED_AFTER_PLURAL.search(doc.text[max(0, mention.start - 60):mention.start])
    return match is not None and len(match.group().split()) <= 6


def _mentions(doc: Doc, page: _Page, places: issuers.Places, patterns: PatternSet) -> list[_Candidate]:
    g = page.g
    mentions = symbol_tags.find_mentions(doc.text, patterns)
    listed = _title_list_lines(page, mentions)
    accepted = [m for m in mentions if m.start < page.article_end and not _in_chrome(page, m.start)
                and doc.line_at(m.start).start not in listed and _accepted(doc, g, m, places)]
    starts = [m.start for m in accepted]
    found = []
    for mention in accepted:
        details = _details(doc, page, mention, places, patterns, starts)
        if mention.number is None and g.event_only.match(details.name):
            continue  # the congress's or conference's own resolution, named by the event alone
        role, approver = _role(doc, g, mention, details, places)
        found.append(_Candidate(mention, details, role, approver, _names_kind(doc, g, details, accepted)))
    _demote_named_within(found)
    return found


def _demote_named_within(candidates: list[_Candidate]) -> None:
    """`Theo Kế hoạch số 215/KH-UBND … về thực hiện Chiến lược …`: a document carried out in the name
    of another document the text is about is that document's subject, not the notice's."""
    owners = [c for c in candidates if c.role is not None and c.details.name]
    for candidate in candidates:
        if candidate.role == IMPLEMENT and any(
                o is not candidate and o.details.name_start <= candidate.mention.start
                < o.details.name_start + len(o.details.name) for o in owners):
            candidate.role = None


def _names_kind(doc: Doc, g: _Grammar, details: _Details, mentions: list[Mention]) -> str | None:
    """The kind of the document a name opens with, after an approving or issuing verb if any
    (`về Chương trình hành động …`, `phê duyệt Đề án …`, `ban hành Kế hoạch …`)."""
    for mention in mentions:
        if details.name and details.name_start <= mention.start <= details.name_start + 40:
            if g.name_opening.match(doc.text[details.name_start:mention.start]):
                return mention.kind
    return None


def _in_chrome(page: _Page, offset: int) -> bool:
    """Whether offset lies in a chrome line above the article body (a menu, a sidebar item), or in
    a photo caption anywhere."""
    line = page.doc.line_at(offset)
    in_body = page.body_start >= len(page.lines) or offset >= page.lines[page.body_start].start
    key = (line.start, line.end, in_body)
    if key not in page._chrome_line:
        text = page.doc.text[line.start:line.end]
        if in_body:
            page._chrome_line[key] = bool(page.g.caption_open.match(text)) and _word_count(text) < _BODY_WORDS
        else:
            page._chrome_line[key] = bool(page.g.chrome.search(text))
    return page._chrome_line[key]


def _period(doc: Doc, page: _Page, details: _Details, mention: Mention, patterns: PatternSet) -> Period | None:
    skip = [(d.start - details.name_start, d.end - details.name_start) for d in page.dates]
    found = date_tags.period_in(details.name, patterns, skip) if details.name else None
    if found is None:
        sentence = doc.sentence_at(mention.start)
        found = date_tags.phased_period(doc.text[sentence.start:min(len(doc.text), sentence.end + 400)], patterns)
    if found is None:
        found = _sentence_range(doc, page, mention, patterns)
    if found is None:
        sentence = doc.sentence_at(mention.start)
        after_name = max(mention.end, details.name_start + len(details.name))
        found = date_tags.led_period(doc.text[after_name:max(after_name, sentence.end)], patterns)
    return Period(start=found[0], end=found[1]) if found else None


_GOALS = regex.compile(r"(?i)mục tiêu")


def _sentence_range(doc: Doc, page: _Page, mention: Mention, patterns: PatternSet):
    """A span of years (`trong 3 năm 2018 - 2020`) in the plan's own sentence, before any `mục tiêu`."""
    sentence = doc.sentence_at(mention.start)
    text = doc.text[sentence.start:sentence.end]
    target = _GOALS.search(text)
    text = text[:target.start()] if target else text
    found = date_tags.period_in(text, patterns, [(d.start - sentence.start, d.end - sentence.start) for d in page.dates])
    return found if found and found[0] is not None and found[0] != found[1] else None


_CLAUSE_STOP = regex.compile(r"[.;]")


def _issuer_before(doc: Doc, mention: Mention, places: issuers.Places, patterns: PatternSet) -> Issuer | None:
    """The body that issues a document in its sentence: `UBND huyện X (vừa) ban hành Kế hoạch …`."""
    sentence = doc.sentence_at(mention.start)
    bodies = [b for b in issuers.find_bodies(doc.text, patterns, max(sentence.start, mention.start - 120), mention.start)]
    if not bodies:
        return None
    found, end = issuers.issuer_at(doc.text, bodies[-1], places, patterns)
    between = doc.text[end:mention.start]
    return found if len(between.split()) <= 8 and not _CLAUSE_STOP.search(between) else None


def _issuer_of_symbol(doc: Doc, page: _Page, mention: Mention, places: issuers.Places,
                      patterns: PatternSet) -> Issuer | None:
    """The body the symbol's code names (`17/NQ-HĐND` → HĐND) as the article writes it, nearest
    before the document (`HĐND tỉnh`), else first after it; a body the text never names is no
    issuer (the code alone does not say which HĐND or UBND)."""
    slug = issuers.body_of_symbol(mention.number, patterns)
    if slug is None:
        return None
    written = [b for b in issuers.find_bodies(doc.text, patterns, 0, page.article_end)
               if b.slug == slug and not _in_chrome(page, b.start)]
    before = [b for b in written if b.end <= mention.start]
    body = before[-1] if before else next(iter(written), None)
    return issuers.issuer_at(doc.text, body, places, patterns)[0] if body is not None else None


# A date opening a clause of the plan's sentence: `(LCĐT) - Chiều 10/12, …` at its start, or
# `Để khắc phục …, ngày 10 tháng 8 năm 2020, UBND … ban hành` after a comma.
_COMMA = regex.compile(r"\s*,")
_CLAUSE_DATE = regex.compile(r"(?:^|,)\s*(?:\([\p{Lu}\p{N}.]{2,10}\)\s*-?\s*)?(?:(?i:ngày|sáng|chiều|tối|trưa|hôm)\s+)?$")


def _leading_date(doc: Doc, page: _Page, mention: Mention, published: date | None,
                  mentions: list[Mention]) -> tuple[date | None, bool]:
    """`Ngày 28/02/2020, UBND tỉnh ban hành …`: the nearest date before the plan that opens a clause
    of its sentence, unless it follows another document (`Quyết định số 5, ngày 3/2/2020,`)."""
    sentence = doc.sentence_at(mention.start)
    for span in reversed([d for d in page.dates if sentence.start <= d.start and d.end <= mention.start]):
        opening = _CLAUSE_DATE.search(doc.text[sentence.start:span.start])
        if opening is None or not _COMMA.match(doc.text, span.end):
            continue
        comma = sentence.start + opening.start()
        if any(m.end <= comma and not doc.text[m.end:comma].strip() for m in mentions if m is not mention):
            continue
        if span.value is not None:
            return span.value, False
        return date_tags.with_year(span, published), span.form == date_tags.DAY_MONTH
    return None, False


# --- assembly ----------------------------------------------------------------------------------------

def assemble_metadata(doc: Doc, patterns: PatternSet) -> Metadata:
    page = _Page(doc, patterns)
    published, date_line = _published(page)
    title = _title(page, date_line)
    plan_text = _plan_text(page, list(symbol_tags.find_mentions(doc.text, patterns)))
    if plan_text is not None:
        title = plan_text.title or title
    places = issuers.Places(doc.text, doc.context, title)
    candidates = _mentions(doc, page, places, patterns)
    metadata = Metadata(title=title, published_on=published)
    chosen, restated = _choose(candidates, plan_text)
    if chosen is not None:
        siblings = _restatements(candidates, chosen)
        metadata.plan = _plan(doc, page, chosen, restated, plan_text, places, published, metadata.warnings, patterns,
                              siblings)
    metadata.references = _references(candidates, chosen)
    if published is None:
        metadata.warnings.append("no date line: published_on unknown")
    return metadata


def _choose(candidates: list[_Candidate], plan_text: _PlanText | None) -> tuple[_Candidate | None, _Candidate | None]:
    """The plan, and the unnumbered mention it stands for when a numbered document replaced one:
    the same kind numbered (`Kế hoạch` in the headline, `Kế hoạch số 12/KH-UBND` in the body), or a
    numbered document whose name is it (`Nghị quyết số 143/NQ-CP về Chương trình hành động …`)."""
    if plan_text is not None:
        return next((c for c in candidates if c.mention == plan_text.mention), None), None
    ranked = [c for c in candidates if c.role is not None and c.mention.kind != "luat"]
    if not ranked:
        return None, None
    best = min(ranked, key=lambda c: (c.role, c.mention.start))
    if best.mention.number is not None:
        return best, None
    numbered = [c for c in ranked if c.role <= best.role and c.mention.number and best.mention.kind in
                (c.mention.kind, c.names_kind)]
    return (numbered[0], best) if numbered else (best, None)


def _restatements(candidates: list[_Candidate], chosen: _Candidate) -> list[_Candidate]:
    """Other mentions of the plan's symbol (`Nghị quyết 145-NQ/TU` in the headline, `… số 145-NQ/TU
    ngày 12/4/2021 … về …` in the body): they may state its date and name where the chosen one does not."""
    if chosen.mention.number is None:
        return []
    key = _key(chosen.mention)
    return [c for c in candidates if c is not chosen and c.mention.number is not None and _key(c.mention) == key]


def _plan(doc, page, chosen: _Candidate, restated: _Candidate | None, plan_text, places, published, warnings,
          patterns, siblings: list[_Candidate]) -> Plan:
    mention, details = chosen.mention, chosen.details
    issued_on = plan_text.signed_on if plan_text is not None else details.issued_on
    if issued_on is None and plan_text is None:
        issued_on = next((c.details.issued_on for c in siblings if c.details.issued_on), None)
    if issued_on is None and details.issued_day_month is not None:
        issued_on = date_tags.with_year(details.issued_day_month, published)
    if issued_on is None and plan_text is None:
        mentions = list(symbol_tags.find_mentions(doc.text, patterns))
        issued_on, yearless = _leading_date(doc, page, mention, published, mentions)
        if yearless and issued_on is not None:
            warnings.append("plan date has no year: taken from the page's date")
        elif yearless:
            warnings.append("plan date has no year and the page has no date")
    issuer = details.issuer or (_plan_text_issuer(doc, page, plan_text, places, patterns) if plan_text else None)
    issuer = issuer or _owner(doc, page.g, mention, places)
    issuer = issuer or _issuer_before(doc, mention, places, patterns)
    if issuer is None:
        sentence = doc.sentence_at(mention.start)
        issuer = issuers.place_owner(doc.text, sentence.start, sentence.end, patterns)
    if issuer is None and mention.number is not None:
        issuer = _issuer_of_symbol(doc, page, mention, places, patterns)
    period = None
    if plan_text is not None and (plan_text.title or plan_text.about):
        found = date_tags.period_in(plan_text.title or plan_text.about, patterns)
        period = Period(start=found[0], end=found[1]) if found else None
    period = period or _period(doc, page, details, mention, patterns)
    if period is None and restated is not None:  # the headline's name for the plan may state it
        period = _period(doc, page, restated.details, restated.mention, patterns)
    if period is None:
        period = next((p for c in siblings if (p := _period(doc, page, c.details, c.mention, patterns))), None)
    if mention.number is None:
        warnings.append("plan has no number")
    if issuer is None:
        warnings.append("plan issuer not named")
    elif issuer.place is None and issuer.level != "central":
        warnings.append("issuer place not found")
    name = details.name or (plan_text.title or plan_text.about if plan_text else None)
    name = name or next((c.details.name for c in siblings if c.details.name), None)
    return Plan(kind=mention.kind, number=mention.number, issued_on=issued_on, issuer=issuer,
                title=name or None, period=period)


_SIGNING_PLACE = regex.compile(r"^\s*([^,]+),")


def _plan_text_issuer(doc, page, plan_text: _PlanText, places, patterns) -> Issuer | None:
    """The header body above `Số:`; without a place, the same body named with one in the text,
    else the place of the signing line."""
    header = issuers.find_bodies(doc.text, patterns, page.lines[max(0, plan_text.line.index - 8)].start, plan_text.line.start)
    if not header:
        return None
    found, _ = issuers.issuer_at(doc.text, header[0], places, patterns)
    if found.place is not None:
        return found
    for body in issuers.find_bodies(doc.text, patterns, plan_text.line.end, page.article_end):
        if body.slug == header[0].slug:
            named, _ = issuers.issuer_at(doc.text, body, places, patterns)
            if named.place is not None:
                return named
    if plan_text.signing_line is not None:
        place = _SIGNING_PLACE.match(plan_text.signing_line.text)
        province = issuers.gazetteer.province(place.group(1)) if place else None
        if province is not None:
            return found.model_copy(update={"place": province.name, "province": province.name, "level": "province"})
    return found


def _references(candidates: list[_Candidate], chosen: _Candidate | None) -> list[DocumentRef]:
    references, seen = [], set()
    plan_key = _key(chosen.mention) if chosen is not None else None
    cited_by_symbol = {key for c in candidates if (key := _law_by_symbol(c)) is not None}
    for candidate in candidates:
        mention, details = candidate.mention, candidate.details
        if mention.number is None and mention.year is None:
            continue
        key = _key(mention)
        if key == plan_key or key in seen or _law_by_year(mention) in cited_by_symbol:
            continue
        seen.add(key)
        references.append(DocumentRef(kind=mention.kind, number=mention.number, issued_on=details.issued_on,
                                      issuer=details.issuer, year=mention.year if mention.number is None else None,
                                      title=details.name or None))
    return references


_SYMBOL_YEAR = regex.compile(r"/((?:19|20)\d{2})/")


def _law_by_symbol(candidate: _Candidate) -> tuple | None:
    """(name, year) of a law cited by name and symbol: the year its symbol (`17/2023/QH15`) or its
    date states, so that `Luật Hợp tác xã năm 2023` later in the text is the same law."""
    mention = candidate.mention
    if mention.kind != "luat" or mention.number is None or mention.name is None:
        return None
    in_symbol = _SYMBOL_YEAR.search(mention.number)
    issued = candidate.details.issued_on
    year = int(in_symbol.group(1)) if in_symbol else issued.year if issued else None
    return (_law_name(mention.name), year) if year is not None else None


def _law_by_year(mention: Mention) -> tuple | None:
    if mention.number is not None or mention.year is None or mention.name is None:
        return None
    return _law_name(mention.name), mention.year


def _law_name(name: str) -> str:
    return " ".join(name.lower().split())


_SPACE = regex.compile(r"\s")


def _key(mention: Mention) -> tuple:
    if mention.number is not None:
        return ("number", _SPACE.sub("", mention.number).lower())
    return ("year", mention.kind, mention.year)


def document_roles(doc: Doc, patterns: PatternSet) -> set[str]:
    """The kinds of the documents text names, the roles of their cues, and `plan_topic`,
    `refer_after`, `name_end` or `name_opening` when those decided a mention or its name."""
    page = _Page(doc, patterns)
    found = set()
    places = issuers.Places(doc.text, "", None)
    for candidate in _mentions(doc, page, places, patterns):
        mention, details = candidate.mention, candidate.details
        found.add(mention.kind)
        if candidate.role is not None:
            found.add(_ROLE_NAMES[candidate.role])
        if candidate.approver:
            found.add("approve")
        after = doc.text[mention.end:mention.end + 80]
        if page.g.refer_after.match(after):
            found.add("refer_after")
        if mention.word and mention.word[0].islower() and mention.number is None and page.g.topic.match(after):
            found.add("plan_topic")
        if details.name_cut:
            found.add("name_end")
        if candidate.names_kind:
            found.add("name_opening")
        if _owner(doc, page.g, mention, places) is not None:
            found.add("plan_owner")
    return found
