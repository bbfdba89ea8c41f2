"""The page as lines, and what each line is: the article body, a date line, a headline, chrome.

Every question of the metadata reads the page through `Page` (its lines, dates, where the body
starts and the article ends) and the one `Grammar` compiled from the pattern files.

- body: a line of 25 words or more that ends as a sentence does or holds a sentence break, or
  of 60 words or more; the article ends at a `related` heading after the body.
- date line: a line that states a posting date and little else (`Ngày đăng: 16/03/2023`,
  `Thứ sáu, 07/08/2020, 23:10`, `02/03/2020 232 Lượt xem`, a date in brackets after the
  headline, `Nguyễn Văn An | 05/06/2023 09:12`); a signing line (`Hà Nội, ngày …`) is none.
  Vocabulary: `patterns/dates.yaml` (`date_line`, `weekday`, `clock_word`, `time_zone`) and
  `patterns/page.yaml` (`counter`).
- headline-like: 5 to 60 words, not a body line, not a date line (unless the date is in brackets
  after it), opening with a capital, a digit, a quote or a bracket but not with a section number
  (`II. MỤC TIÊU`), not ending in `:`, a fifth of
  its words accented, and not chrome; the portal's or newspaper's name (`Cổng thông tin điện tử …`, `Báo … điện tử`,
  `… Online`) and menus or breadcrumbs (short items between `|`, `›`, `»`, or nothing but
  section names) are never headlines.
- chrome: above the body, a line of page furniture (counters, masthead, menus, captions,
  weather, sources, related links, document headers); in the body, a short line opening as a
  photo caption. Vocabulary: `patterns/page.yaml`.

The `Grammar` also holds the document cues of `patterns/documents.yaml` that `mentions.py`
and `details.py` read.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from datetime import date

import regex

from .. import issuer as issuers
from .. import regex_cache
from ..document import Doc, Span
from ..patterns import PatternSet, phrase_regex
from ..segment import LIST_ENUMERATOR
from ..tag import dates as date_tags

_BODY_WORDS = 25


@dataclass(frozen=True)
class Grammar:
    announce: regex.Pattern
    approve: regex.Pattern
    approved_in: regex.Pattern       # `được phê duyệt tại` right before the decision that approved a document
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
def grammar(patterns: PatternSet) -> Grammar:
    ci = regex.IGNORECASE
    before = r"[\s,]*$"
    return Grammar(
        announce=regex_cache.compile(f"(?:{_alternation(patterns, 'documents', 'announce')}){before}", ci),
        approve=regex_cache.compile(rf"^[\s,]*(?:{_alternation(patterns, 'documents', 'approve')})", ci),
        approved_in=regex_cache.compile(rf"(?<![\p{{L}}])(?:{_alternation(patterns, 'documents', 'approved_in')})\s*$", ci),
        name_opening=regex_cache.compile(
            rf"^\s*(?:(?:{_alternation(patterns, 'documents', 'approve', 'name_opening')})\s*)?$", ci),
        announce_by_body=regex_cache.compile(f"(?:{_alternation(patterns, 'documents', 'announce_by_body')}){before}", ci),
        announce_after=regex_cache.compile(rf"^[\s,]*(?:{_alternation(patterns, 'documents', 'announce_after')})", ci),
        implement=regex_cache.compile(f"(?:{_alternation(patterns, 'documents', 'implement')}){before}", ci),
        refer=regex_cache.compile(f"(?:{_alternation(patterns, 'documents', 'refer')}){before}"),
        refer_after=regex_cache.compile(rf"^\s*(?:{_alternation(patterns, 'documents', 'refer_after')})", ci),
        topic=regex_cache.compile(rf"^\s*(?:năm\s+(?:19|20)\d\d\s+)?(?:về\s+(?:việc\s+)?)?(?:(?:{_alternation(patterns, 'documents', 'plan_aim')})"
                            rf"(?:\s*,\s*|\s+và\s+|\s+))*(?:{_alternation(patterns, 'documents', 'plan_topic')})", ci),
        owned=regex_cache.compile(rf"\s*(?:{_alternation(patterns, 'documents', 'plan_owner')})", ci),
        name_end=regex_cache.compile(rf"[.;:!?\n]|\s(?:{_alternation(patterns, 'documents', 'name_end')})", ci),
        date_cue=regex_cache.compile(_alternation(patterns, "dates", "date_line"), ci),
        line_words=regex_cache.compile(_alternation(patterns, "dates", "date_line", "weekday", "clock_word", "time_zone")
                                 + "|" + _alternation(patterns, "page", "counter"), ci),
        time_zone=regex_cache.compile(_alternation(patterns, "dates", "time_zone"), ci),
        masthead=regex_cache.compile(_alternation(patterns, "page", "masthead", "menu"), ci),
        chrome=regex_cache.compile(_alternation(patterns, "page", "counter", "masthead", "menu", "caption", "weather",
                                          "source", "related", "document_header"), ci),
        portal=regex_cache.compile(_alternation(patterns, "page", "portal_name"), ci),
        menu_category=regex_cache.compile(_alternation(patterns, "page", "menu_category"), ci),
        related=regex_cache.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'related')})\s*:?\s*$", ci),
        mid_article=regex_cache.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'mid_article')})", ci),
        artifact=regex_cache.compile(_alternation(patterns, "page", "scrape_artifact"), ci),
        caption_open=regex_cache.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'caption')})", ci),
        event_only=regex_cache.compile(rf"^(?:{_alternation(patterns, 'documents', 'event_name')})(?:\s+(?:này|đó|trên|lần này))?"
                                 r"(?:\s+(?:với|và|tại|đã|cùng)(?![\p{L}]).*)?$", ci | regex.DOTALL),
        patterns=patterns,
    )


_WORD = regex_cache.compile(r"[\p{L}\p{N}]+(?:[-/.,][\p{L}\p{N}]+)*")
_SENTENCE_BREAK = regex_cache.compile(r"[.!?…]\s+\p{Lu}")
_ALNUM_RUN = regex_cache.compile(r"[\p{L}\p{N}]+")
_ALNUM = regex_cache.compile(r"[\p{L}\p{N}]")
_HEADLINE_OPENING = regex_cache.compile(r"[\p{Lu}\d\"'(]")
SECTION_NUMBER = regex_cache.compile(rf"{LIST_ENUMERATOR}[.)]\s")  # `I. ĐÁNH GIÁ …`, `2.1. Mục tiêu …`: a section, not a headline


@dataclass(eq=False)
class Line:
    index: int
    start: int
    end: int
    text: str

    @functools.cached_property
    def words(self) -> int:
        return word_count(self.text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


class Page:
    """The page's lines and dates, where its article body starts, and where the article ends."""

    def __init__(self, doc: Doc, patterns: PatternSet):
        self.doc = doc
        self.g = grammar(patterns)
        self.lines = [Line(i, s.start, s.end, doc.text[s.start:s.end]) for i, s in enumerate(doc.lines or [Span(0, len(doc.text))])]
        self.dates = date_tags.find_dates(doc.text, patterns)
        self.fields: dict[str, tuple[int, str] | None] = {}  # a document library's fields, read once (fields.py)
        self.body_start = next((line.index for line in self.lines if self.is_body(line)), len(self.lines))
        related = [line.index for line in self.lines if self.g.related.match(line.text)]
        self.related_start = related[0] if related else len(self.lines)
        after_body = [i for i in related if i >= self.body_start]
        self.article_end = self.lines[after_body[0]].start if after_body else len(doc.text)
        self._date_starts = [d.start for d in self.dates]
        self._headline_like: dict[int, bool] = {}
        self._date_line: dict[int, date | None] = {}
        self._chrome_line: dict[tuple[int, int, bool], bool] = {}

    def is_body(self, line: Line) -> bool:
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

    def nonempty_after(self, line: Line, count: int) -> list[Line]:
        return [l for l in self.lines[line.index + 1:] if l.text.strip()][:count]


COLUMN_GAP = regex_cache.compile(r"\t|[ ]{3,}")  # between the two columns of a header flattened into lines
NUMBER_HEADER = regex_cache.compile(r"^\s*Số\s*:?\s*(?=\d)", regex.IGNORECASE)  # a plan text's `Số: 180/KH-UBND`
SIGNING_LINE = regex_cache.compile(r"^\s*\p{Lu}[\p{L} .'-]{1,40},\s*ngày\s", regex.IGNORECASE)
TRAILING_DATE = regex_cache.compile(r"\(\s*([^()]{6,12})\s*\)\s*\|?\s*$")


def date_line(page: Page, line: Line) -> date | None:
    """The posting date a line states, if the line is a date line."""
    if line.index not in page._date_line:
        page._date_line[line.index] = _find_date_line(page, line)
    return page._date_line[line.index]


def _find_date_line(page: Page, line: Line) -> date | None:
    full = [d for d in page.dates_in(line.start, line.end) if d.value is not None]
    if not full or SIGNING_LINE.match(line.text):
        return None
    first = full[0]
    cue = page.g.date_cue.search(line.text)
    # the cue's last word may be the date's own (`Đăng ngày 23 tháng 12 năm 2025`)
    if cue is not None and line.start + cue.start() < first.start <= line.start + cue.end() + 30:
        return first.value
    trailing = TRAILING_DATE.search(line.text)
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


def clean_title(page: Page, text: str) -> str:
    text = page.g.artifact.sub("", text)
    text = TRAILING_DATE.sub("", text)
    return " ".join(text.split()).strip(" |")


def _body_name_only(page: Page, text: str) -> bool:
    """`Sở Tài chính tỉnh Quảng Trị` on a line of its own: the banner of the body's portal."""
    bodies = issuers.find_bodies(text, page.g.patterns, 0, len(text))
    if not bodies or bodies[0].start > 0:
        return False
    _, end = issuers.issuer_at(text, bodies[0], issuers.Places(text, "", None), page.g.patterns)
    return not text[end:].strip(" -–|")


def headline_like(page: Page, line: Line) -> bool:
    if line.index not in page._headline_like:
        page._headline_like[line.index] = _is_headline_like(page, line)
    return page._headline_like[line.index]


def _is_headline_like(page: Page, line: Line) -> bool:
    text = clean_title(page, line.text)
    words = text.split()
    if page.is_body(line) or not 5 <= word_count(text) <= 60 or date_line(page, line) and not TRAILING_DATE.search(line.text):
        return False
    if page.g.chrome.search(text) or page.g.mid_article.match(text) or page.g.portal.search(text) or _menu_like(page, text):
        return False
    if _body_name_only(page, text):
        return False
    if not _HEADLINE_OPENING.match(text) or SECTION_NUMBER.match(text) or text.endswith(":"):
        return False
    accented = sum(1 for w in words if any(ord(ch) > 127 for ch in w))
    return accented >= len(words) * 0.2


_MENU_SEPARATOR = regex_cache.compile(r"\s*[|›»>•·]\s*")
_BREADCRUMB = regex_cache.compile(r"[›»>]")


def _menu_like(page: Page, text: str) -> bool:
    """A menu or breadcrumb: short items between separators (`Tin tức › Kinh tế`), or nothing but
    section names (`Thời sự  Chính trị  Kinh tế`)."""
    items = [item for item in _MENU_SEPARATOR.split(text) if item.strip()]
    if len(items) >= 2 and all(word_count(item) <= 4 for item in items) and (len(items) >= 3 or _BREADCRUMB.search(text)):
        return True
    sections = page.g.menu_category.findall(text)
    return len(sections) >= 2 and not _ALNUM.search(page.g.menu_category.sub(" ", text))


def in_chrome(page: Page, offset: int) -> bool:
    """Whether offset lies in a chrome line above the article body (a menu, a sidebar item), or in
    a photo caption anywhere."""
    line = page.doc.line_at(offset)
    in_body = page.body_start >= len(page.lines) or offset >= page.lines[page.body_start].start
    key = (line.start, line.end, in_body)
    if key not in page._chrome_line:
        text = page.doc.text[line.start:line.end]
        if in_body:
            page._chrome_line[key] = bool(page.g.caption_open.match(text)) and word_count(text) < _BODY_WORDS
        else:  # `Số: 412/BC-UBND ⇥ Độc lập - Tự do - Hạnh phúc`: a header row holds the document's symbol
            page._chrome_line[key] = bool(page.g.chrome.search(text)) and not NUMBER_HEADER.match(text)
    return page._chrome_line[key]
