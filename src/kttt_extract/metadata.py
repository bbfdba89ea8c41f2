"""Assemble the notice's metadata: title, published_on, plan, references (issue 3).

- published_on: the page's own date line before the article body (`Ngày đăng: 16/03/2023`,
  `Thứ sáu, 07/08/2020, 23:10`, `02/03/2020 232 Lượt xem`, a date in brackets after the
  headline); a date line followed by masthead items (Hotline, Email) is the site's clock, and
  of several date lines before the body the last one, the article's, wins.
- title: the headline next to that date line, else the first headline-like line before the
  body; null when the text starts mid-article. A plan text joins its heading lines.
- plan: the document the notice announces (`ban hành Kế hoạch …`; the decision that
  `phê duyệt` another), else the one it reports carrying out (`thực hiện Nghị quyết …`), else
  the one it is about (`Theo Chương trình …`, `Mục tiêu của Kế hoạch`); a plan text's own
  symbol (`Số: 180/KH-UBND`) comes first. No such cue, no plan.
- references: every other document with a number, and laws with a year, in order of first
  mention, each with the date and issuer written right after it.
"""
from __future__ import annotations

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
    announce_after: regex.Pattern
    implement: regex.Pattern
    refer: regex.Pattern
    refer_after: regex.Pattern
    topic: regex.Pattern
    name_end: regex.Pattern
    date_cue: regex.Pattern
    line_words: regex.Pattern        # date-line words: cues, weekdays, clock words, counters
    masthead: regex.Pattern
    chrome: regex.Pattern
    related: regex.Pattern
    mid_article: regex.Pattern
    artifact: regex.Pattern
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
        announce_after=regex.compile(rf"^[\s,]*(?:{_alternation(patterns, 'documents', 'announce_after')})", ci),
        implement=regex.compile(f"(?:{_alternation(patterns, 'documents', 'implement')}){before}", ci),
        refer=regex.compile(f"(?:{_alternation(patterns, 'documents', 'refer')}){before}"),
        refer_after=regex.compile(rf"^\s*(?:{_alternation(patterns, 'documents', 'refer_after')})", ci),
        topic=regex.compile(rf"^\s*(?:về\s+(?:việc\s+)?)?(?:{_alternation(patterns, 'documents', 'plan_topic')})", ci),
        name_end=regex.compile(rf"[.;:!?\n]|\s(?:{_alternation(patterns, 'documents', 'name_end')})", ci),
        date_cue=regex.compile(_alternation(patterns, "dates", "date_line"), ci),
        line_words=regex.compile(_alternation(patterns, "dates", "date_line", "weekday", "clock_word")
                                 + "|" + _alternation(patterns, "page", "counter"), ci),
        masthead=regex.compile(_alternation(patterns, "page", "masthead", "menu"), ci),
        chrome=regex.compile(_alternation(patterns, "page", "counter", "masthead", "menu", "caption", "weather",
                                          "source", "related", "document_header"), ci),
        related=regex.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'related')})\s*:?\s*$", ci),
        mid_article=regex.compile(rf"^\s*(?:{_alternation(patterns, 'page', 'mid_article')})", ci),
        artifact=regex.compile(_alternation(patterns, "page", "scrape_artifact"), ci),
        patterns=patterns,
    )


# --- the page's layout ----------------------------------------------------------------------

@dataclass
class _Line:
    index: int
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return _word_count(self.text)


def _word_count(text: str) -> int:
    return len(regex.findall(r"[\p{L}\p{N}]+(?:[-/.,][\p{L}\p{N}]+)*", text))


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

    def is_body(self, line: _Line) -> bool:
        text = line.text.strip()
        if line.words < _BODY_WORDS:
            return False
        return text[-1:] in ".!?…:;" or bool(regex.search(r"[.!?…]\s+\p{Lu}", text)) or line.words >= 60

    def dates_in(self, start: int, end: int) -> list[date_tags.DateSpan]:
        return [d for d in self.dates if start <= d.start and d.end <= end]

    def nonempty_after(self, line: _Line, count: int) -> list[_Line]:
        return [l for l in self.lines[line.index + 1:] if l.text.strip()][:count]


# --- published_on -----------------------------------------------------------------------------

_SIGNING_LINE = regex.compile(r"^\s*\p{Lu}[\p{L} .'-]{1,40},\s*ngày\s", regex.IGNORECASE)
_TRAILING_DATE = regex.compile(r"\(\s*([^()]{6,12})\s*\)\s*\|?\s*$")


def _date_line(page: _Page, line: _Line) -> date | None:
    """The posting date a line states, if the line is a date line."""
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
    return [w for w in regex.findall(r"[\p{L}\p{N}]+", text) if not w.isdigit() and len(w) > 1]


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
    """A site clock: the date line is followed by short masthead lines (Hotline, Email, menus)."""
    return any(after.words <= 8 and page.g.masthead.search(after.text) for after in page.nonempty_after(line, 3))


# --- title -----------------------------------------------------------------------------------

def _clean_title(page: _Page, text: str) -> str:
    text = page.g.artifact.sub("", text)
    text = _TRAILING_DATE.sub("", text)
    return " ".join(text.split()).strip(" |")


def _headline_like(page: _Page, line: _Line) -> bool:
    text = _clean_title(page, line.text)
    words = text.split()
    if not 5 <= _word_count(text) <= 60 or page.is_body(line) or _date_line(page, line) and not _TRAILING_DATE.search(line.text):
        return False
    if page.g.chrome.search(text) or page.g.mid_article.match(text):
        return False
    if not regex.match(r"[\p{Lu}\d\"'(]", text) or text.endswith(":"):
        return False
    accented = sum(1 for w in words if any(ord(ch) > 127 for ch in w))
    return accented >= len(words) * 0.2


def _title(page: _Page, date_line: _Line | None) -> str | None:
    if date_line is not None:
        if _TRAILING_DATE.search(date_line.text) and _headline_like(page, date_line):
            return _clean_title(page, date_line.text)
        before = [l for l in page.lines[max(0, date_line.index - 4):date_line.index] if l.text.strip()]
        for line in reversed(before[-3:]):
            if _headline_like(page, line):
                return _clean_title(page, line.text)
        for line in page.nonempty_after(date_line, 2):
            if _headline_like(page, line):
                return _clean_title(page, line.text)
    for line in page.lines[:page.body_start]:
        text = line.text.strip()
        if not text:
            continue
        if page.g.mid_article.match(text):
            return None
        if _headline_like(page, line):
            return _clean_title(page, line.text)
    return None


# --- plan texts: `Số: 180/KH-UBND` under the issuer's header --------------------------------------

_OPENING_CLAUSE = regex.compile(r"(?i)\s*(?:căn cứ|thực hiện|kính gửi|theo|để|nhằm)\b")
_NUMBER_HEADER = regex.compile(r"^\s*Số\s*:?\s*(?=\d)", regex.IGNORECASE)


@dataclass
class _PlanText:
    mention: Mention
    line: _Line
    signed_on: date | None
    signing_line: _Line | None
    title: str | None


def _plan_text(page: _Page, mentions: list[Mention]) -> _PlanText | None:
    for line in page.lines[:min(page.body_start + 1, 25)]:
        if not _NUMBER_HEADER.match(line.text):
            continue
        mention = next((m for m in mentions if line.start <= m.start < line.end and m.number), None)
        if mention is None:
            continue
        signing = next((l for l in page.lines[line.index:line.index + 4] if _SIGNING_LINE.match(l.text)), None)
        signed = next((d.value for d in page.dates_in(signing.start, signing.end) if d.value), None) if signing else None
        return _PlanText(mention, line, signed, signing, _heading(page, signing or line))
    return None


def _heading(page: _Page, after: _Line) -> str | None:
    """The upper-case heading lines that follow the header: `KẾ HOẠCH` + `PHÁT TRIỂN … NĂM 2023`."""
    parts = []
    for line in page.lines[after.index + 1:after.index + 8]:
        text = line.text.strip().strip("|").strip()
        if not text:
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


_DATE_AFTER = regex.compile(r"[\s,]*(?:(?:ban hành|ký)\s+)?(?:ngày\s+)?")
_OF = regex.compile(r"[\s,]*(?:của|do)\s+", regex.IGNORECASE)
_BY = regex.compile(r"[\s,]*(?:vừa|đã|mới)?\s*được\s+", regex.IGNORECASE)
_NAME_OPENING = regex.compile(r"[ ]*(?:\([^()]*\)[ ]*)?(?:về\s+việc\s+|về\s+|v/v\s+)?", regex.IGNORECASE)
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
    if rest[:1] not in ("", " ") or regex.match(r"\s*[,.;:)]", rest):
        return
    opening = _NAME_OPENING.match(rest)
    name = rest[opening.end():]
    if name.startswith(("\"", "“")):
        closing = regex.search(r"[\"”]", name[1:])
        name = name[:closing.end() + 1] if closing else name
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


def _role(doc: Doc, g: _Grammar, mention: Mention, details: _Details) -> tuple[int | None, bool]:
    sentence_start = _sentence_start(doc, mention.start)
    line_start = doc.text.rfind("\n", 0, mention.start) + 1
    window = doc.text[max(sentence_start, line_start, mention.start - 40):mention.start]
    after = doc.text[mention.end:mention.end + 200]
    following = doc.text[details.after:details.after + 200]
    approver = bool(g.approve.match(following))
    if g.announce.search(window) or approver or g.announce_after.match(following) or details.passive_issue:
        return ANNOUNCE, approver
    # carried out or referred to: only a numbered document, a collective-economy plan, or the
    # plan the text already speaks of (`Theo Kế hoạch,`), not any programme the text names
    topical = mention.number is not None or bool(g.topic.match(after))
    if g.implement.search(window) and topical:
        return IMPLEMENT, False
    if mention.kind in _REPORTS and mention.number is None:
        return None, False
    if (g.refer.search(window) and (topical or not _has_name(after))) or g.refer_after.match(after):
        return REFER, False
    if mention.word and mention.word[0].isupper() and not window.strip() and g.topic.match(after):
        return SUBJECT, False
    return None, False


def _has_name(after: str) -> bool:
    """Whether a name follows a kind word, rather than punctuation or a verb of the sentence."""
    return not regex.match(r"^\s*(?:[,.;:)]|$|(?:là|nhằm|đề ra|đặt ra|được|sẽ|có|gồm|tập trung)(?![\p{L}]))", after)


def _accepted(doc: Doc, g: _Grammar, mention: Mention) -> bool:
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
    return bool(g.announce.search(window) or g.refer_after.match(after) or g.topic.match(after))


def _generic_list(doc: Doc, mention: Mention) -> bool:
    """`các chương trình, đề án`: a kind word listed after a plural one."""
    match = regex.search(r"(?i)(?:các|những|nhiều)\s+[\p{L} ]{2,30}?(?:,|và)\s*$", doc.text[max(0, mention.start - 60):mention.start])
    return match is not None and len(match.group().split()) <= 6


def _mentions(doc: Doc, page: _Page, places: issuers.Places, patterns: PatternSet) -> list[_Candidate]:
    g = page.g
    accepted = [m for m in symbol_tags.find_mentions(doc.text, patterns)
                if m.start < page.article_end and not _in_chrome(page, m.start) and _accepted(doc, g, m)]
    starts = [m.start for m in accepted]
    found = []
    for mention in accepted:
        details = _details(doc, page, mention, places, patterns, starts)
        role, approver = _role(doc, g, mention, details)
        found.append(_Candidate(mention, details, role, approver))
    return found


def _in_chrome(page: _Page, offset: int) -> bool:
    """Whether offset lies in a chrome line above the article body (a menu, a sidebar item)."""
    if page.body_start >= len(page.lines) or offset >= page.lines[page.body_start].start:
        return False
    line = page.doc.line_at(offset)
    return bool(page.g.chrome.search(page.doc.text[line.start:line.end]))


def _period(doc: Doc, page: _Page, details: _Details, mention: Mention, patterns: PatternSet) -> Period | None:
    skip = [(d.start - details.name_start, d.end - details.name_start) for d in page.dates]
    found = date_tags.period_in(details.name, patterns, skip) if details.name else None
    if found is None:
        sentence = doc.sentence_at(mention.start)
        found = date_tags.phased_period(doc.text[sentence.start:min(len(doc.text), sentence.end + 400)], patterns)
    if found is None:
        found = _sentence_range(doc, page, mention, patterns)
    return Period(start=found[0], end=found[1]) if found else None


def _sentence_range(doc: Doc, page: _Page, mention: Mention, patterns: PatternSet):
    """A span of years (`trong 3 năm 2018 - 2020`) in the plan's own sentence, before any `mục tiêu`."""
    sentence = doc.sentence_at(mention.start)
    text = doc.text[sentence.start:sentence.end]
    target = regex.search(r"(?i)mục tiêu", text)
    text = text[:target.start()] if target else text
    found = date_tags.period_in(text, patterns, [(d.start - sentence.start, d.end - sentence.start) for d in page.dates])
    return found if found and found[0] is not None and found[0] != found[1] else None


def _issuer_before(doc: Doc, mention: Mention, places: issuers.Places, patterns: PatternSet) -> Issuer | None:
    """The body that issues a document in its sentence: `UBND huyện X (vừa) ban hành Kế hoạch …`."""
    sentence = doc.sentence_at(mention.start)
    bodies = [b for b in issuers.find_bodies(doc.text, patterns, max(sentence.start, mention.start - 120), mention.start)]
    if not bodies:
        return None
    found, end = issuers.issuer_at(doc.text, bodies[-1], places, patterns)
    between = doc.text[end:mention.start]
    return found if len(between.split()) <= 8 and not regex.search(r"[.;]", between) else None


# `(LCĐT) - Chiều 10/12, …`: an agency tag, then the day the sentence reports
_OPENING_DATE = regex.compile(r"^\s*(?:\([\p{Lu}\p{N}.]{2,10}\)\s*-?\s*)?(?:(?i:ngày|sáng|chiều|tối|trưa|hôm)\s+)?")


def _leading_date(doc: Doc, page: _Page, mention: Mention, published: date | None) -> tuple[date | None, bool]:
    """`Ngày 28/02/2020, UBND tỉnh ban hành …`: the date opening the plan's sentence."""
    sentence = doc.sentence_at(mention.start)
    opening = _OPENING_DATE.match(doc.text[sentence.start:mention.start])
    spans = [d for d in page.dates if d.start == sentence.start + opening.end()]
    if not spans or not regex.match(r"^\s*,", doc.text[spans[0].end:]):
        return None, False
    if spans[0].value is not None:
        return spans[0].value, False
    return date_tags.with_year(spans[0], published), spans[0].form == date_tags.DAY_MONTH


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
    chosen = _choose(candidates, plan_text)
    if chosen is not None:
        metadata.plan = _plan(doc, page, chosen, plan_text, places, published, metadata.warnings, patterns)
    metadata.references = _references(candidates, chosen)
    if published is None:
        metadata.warnings.append("no date line: published_on unknown")
    return metadata


def _choose(candidates: list[_Candidate], plan_text: _PlanText | None) -> _Candidate | None:
    if plan_text is not None:
        return next((c for c in candidates if c.mention == plan_text.mention), None)
    ranked = [c for c in candidates if c.role is not None and c.mention.kind != "luat"]
    if not ranked:
        return None
    best = min(ranked, key=lambda c: (c.role, c.mention.start))
    if best.mention.number is None:
        numbered = [c for c in ranked if c.role <= best.role and c.mention.kind == best.mention.kind and c.mention.number]
        if numbered:
            return numbered[0]
    return best


def _plan(doc, page, chosen: _Candidate, plan_text, places, published, warnings, patterns) -> Plan:
    mention, details = chosen.mention, chosen.details
    issued_on = plan_text.signed_on if plan_text is not None else details.issued_on
    if issued_on is None and details.issued_day_month is not None:
        issued_on = date_tags.with_year(details.issued_day_month, published)
    if issued_on is None and plan_text is None:
        issued_on, yearless = _leading_date(doc, page, mention, published)
        if yearless and issued_on is not None:
            warnings.append("plan date has no year: taken from the page's date")
        elif yearless:
            warnings.append("plan date has no year and the page has no date")
    issuer = details.issuer or (_plan_text_issuer(doc, page, plan_text, places, patterns) if plan_text else None)
    issuer = issuer or _issuer_before(doc, mention, places, patterns)
    if issuer is None:
        sentence = doc.sentence_at(mention.start)
        issuer = issuers.place_owner(doc.text, sentence.start, sentence.end, patterns)
    period = None
    if plan_text is not None and plan_text.title:
        found = date_tags.period_in(plan_text.title, patterns)
        period = Period(start=found[0], end=found[1]) if found else None
    period = period or _period(doc, page, details, mention, patterns)
    if mention.number is None:
        warnings.append("plan has no number")
    if issuer is None:
        warnings.append("plan issuer not named")
    elif issuer.place is None and issuer.level != "central":
        warnings.append("issuer place not found")
    name = details.name or (plan_text.title if plan_text else None)
    return Plan(kind=mention.kind, number=mention.number, issued_on=issued_on, issuer=issuer,
                title=name or None, period=period)


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
        place = regex.match(r"^\s*([^,]+),", plan_text.signing_line.text)
        province = issuers.gazetteer.province(place.group(1)) if place else None
        if province is not None:
            return found.model_copy(update={"place": province.name, "province": province.name, "level": "province"})
    return found


def _references(candidates: list[_Candidate], chosen: _Candidate | None) -> list[DocumentRef]:
    references, seen = [], set()
    plan_key = _key(chosen.mention) if chosen is not None else None
    for candidate in candidates:
        mention, details = candidate.mention, candidate.details
        if mention.number is None and mention.year is None:
            continue
        key = _key(mention)
        if key == plan_key or key in seen:
            continue
        seen.add(key)
        references.append(DocumentRef(kind=mention.kind, number=mention.number, issued_on=details.issued_on,
                                      issuer=details.issuer, year=mention.year if mention.number is None else None,
                                      title=details.name or None))
    return references


def _key(mention: Mention) -> tuple:
    if mention.number is not None:
        return ("number", regex.sub(r"\s", "", mention.number).lower())
    return ("year", mention.kind, mention.year)


# --- probes --------------------------------------------------------------------------------------------

def probe_bodies(text: str, patterns: PatternSet) -> set[str]:
    """The slugs of the bodies found, and `place_owner` for a place owning a plan."""
    found = {b.slug for b in issuers.find_bodies(text, patterns)}
    if issuers.place_owner(text, 0, len(text), patterns) is not None:
        found.add("place_owner")
    return found


def document_roles(text: str, patterns: PatternSet) -> set[str]:
    """The kinds of the documents text names, the roles of their cues, and `plan_topic`,
    `refer_after` or `name_end` when those decided a mention or its name."""
    from .pipeline import read
    doc = read(text)
    page = _Page(doc, patterns)
    found = set()
    for candidate in _mentions(doc, page, issuers.Places(doc.text, "", None), patterns):
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
    return found
