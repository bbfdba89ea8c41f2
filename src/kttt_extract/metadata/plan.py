"""plan: which document the notice is about, and its date, issuer, name and period.

- choice: the document the notice announces, else the one it reports carrying out, else the one
  it is about (the roles of `mentions.py`); no such cue, no plan. A plan text's own symbol
  (`Số: 180/KH-UBND` under the issuer's header) comes first, its trích yếu the heading below, or
  an official letter's `V/v …` line; on a document library's page, the document its number
  field names (`Số hiệu: 98/KH-UBND`). A headline's unnumbered plan gives way to the numbered
  document the body announces as it (`Kế hoạch số 12/KH-UBND`, `Nghị quyết số 143/NQ-CP về
  Chương trình hành động …`), and lends it its period. Another mention of the plan's symbol lends
  it the date, name and period the chosen mention lacks.
- issued_on: the date after the symbol (a plan text's signing line, below the national motto),
  else a date opening a clause of the sentence that announces the plan (`…, ngày 10 tháng 8 năm
  2020, UBND … ban hành`), never of one that reports a meeting about it (`Chiều 21/7, … sơ kết
  Nghị quyết …` dates the meeting); a date with no year takes the page's. An unnumbered plan
  approved by the decision after it (`Đề án … được phê duyệt tại Quyết định số …`) takes that
  decision's date and, when it names none, its issuer.
- issued_on and issuer, on a document library's page: its fields (`Số hiệu:`, `Ngày ban hành:`,
  `Nơi ban hành:`) for the document they name (`fields.py`).
- issuer: the body written with the plan (`details.py`), or the body or unit owning it
  (`của huyện`), else the readings of `issuer_of.py`, in the order `_issuer` tries them.
- period: stated in the plan's name, else in its sentence, else by the first heading of its goals
  after it (`Mục tiêu cụ thể đến năm 2030`). Vocabulary: `patterns/dates.yaml` (`period_*`,
  `vision`, `phases`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from .. import regex_cache
from .. import issuer as issuers
from ..document import Doc
from ..limits import match_near
from ..patterns import PatternSet
from ..record import Issuer, Period, Plan
from ..tag import dates as date_tags
from ..tag import symbols as symbol_tags
from ..tag.symbols import Mention
from . import fields
from .details import Details
from .issuer_of import header_issuer, issuer_before, issuer_of_symbol, owner
from .mentions import ANNOUNCE, Candidate, document_key
from .page import COLUMN_GAP, NUMBER_HEADER, SECTION_NUMBER, SIGNING_LINE, Line, Page, word_count


def choose_plan(doc: Doc, page: Page, candidates: list[Candidate], plan_text: PlanText | None,
                places: issuers.Places, published: date | None, warnings: list[str],
                patterns: PatternSet) -> tuple[Candidate | None, Plan | None]:
    """The mention chosen as the plan, and the plan it states; (None, None) when nothing is one."""
    chosen, restated = _choose(candidates, plan_text)
    described = next((c for c in candidates if fields.describes(page, patterns, c.mention.number)), None)
    if plan_text is None and described is not None:  # a document library's page is its document's,
        chosen = described                            # and its headline may name it without its number
        restated = next((c for c in candidates if c.mention.number is None and c.mention.kind == described.mention.kind), None)
    if chosen is None:
        return None, None
    siblings = _restatements(candidates, chosen)
    return chosen, _plan(doc, page, chosen, restated, plan_text, places, published, warnings, patterns, siblings)


def _choose(candidates: list[Candidate], plan_text: PlanText | None) -> tuple[Candidate | None, Candidate | None]:
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


def _restatements(candidates: list[Candidate], chosen: Candidate) -> list[Candidate]:
    """Other mentions of the plan's symbol (`Nghị quyết 145-NQ/TU` in the headline, `… số 145-NQ/TU
    ngày 12/4/2021 … về …` in the body), or of an unnumbered plan its kind unnumbered (`sơ kết Nghị
    quyết …` in the headline, `Nghị quyết chuyên đề của Ban Chấp hành Đảng bộ huyện … giai đoạn
    2021 - 2025` in the lead): they may state its date, issuer, name and period where it does not."""
    if chosen.mention.number is None:
        return [c for c in candidates if c is not chosen and c.mention.number is None
                and c.mention.kind == chosen.mention.kind]
    key = document_key(chosen.mention)
    return [c for c in candidates if c is not chosen and c.mention.number is not None and document_key(c.mention) == key]


def _plan(doc: Doc, page: Page, chosen: Candidate, restated: Candidate | None, plan_text: PlanText | None,
          places: issuers.Places, published: date | None, warnings: list[str], patterns: PatternSet,
          siblings: list[Candidate]) -> Plan:
    mention, details = chosen.mention, chosen.details
    issued_on = plan_text.signed_on if plan_text is not None else details.issued_on
    if issued_on is None and plan_text is None:
        issued_on = next((c.details.issued_on for c in siblings if c.details.issued_on), None)
    if issued_on is None and details.issued_day_month is not None:
        issued_on = date_tags.with_year(details.issued_day_month, published)
    if issued_on is None and plan_text is None and chosen.role == ANNOUNCE:
        mentions = list(symbol_tags.find_mentions(doc.text, patterns))
        issued_on, yearless = _leading_date(doc, page, mention, published, mentions)
        if yearless and issued_on is not None:
            warnings.append("plan date has no year: taken from the page's date")
        elif yearless:
            warnings.append("plan date has no year and the page has no date")
    if issued_on is None and fields.describes(page, patterns, mention.number):
        issued_on = fields.issued_on(page, patterns)  # `Ngày ban hành: 14/06/2021` of a document library
    approval = chosen.approved_in
    if issued_on is None and approval is not None:
        issued_on = approval.details.issued_on
    issuer = _issuer(doc, page, chosen, plan_text, places, patterns)
    if issuer is None and approval is not None:
        issuer = approval.details.issuer
    if issuer is None and mention.number is None:
        issuer = next((i for c in siblings if (i := _issuer(doc, page, c, None, places, patterns))), None)
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
    name = (plan_text.title or plan_text.about if plan_text else None) or details.name
    name = name or next((c.details.name for c in siblings if c.details.name), None)
    return Plan(kind=mention.kind, number=mention.number, issued_on=issued_on, issuer=issuer,
                title=name or None, period=period)


def _issuer(doc: Doc, page: Page, chosen: Candidate, plan_text: PlanText | None, places: issuers.Places,
            patterns: PatternSet) -> Issuer | None:
    """The body written with the plan, else its plan text's header, its owner (`của huyện`), the body
    before it in its sentence, a place owning it, and last the body its symbol's code names."""
    mention = chosen.mention
    issuer = chosen.details.issuer
    if issuer is None and plan_text is not None:
        issuer = header_issuer(doc, page, plan_text.line, plan_text.signing_line, places, patterns)
    if issuer is None and fields.describes(page, patterns, mention.number):
        issuer = fields.issuer(page, patterns, places, mention.number)
    issuer = issuer or owner(doc, page.g, mention, places)
    issuer = issuer or issuer_before(doc, mention, places, patterns)
    if issuer is None:
        sentence = doc.sentence_at(mention.start)
        issuer = issuers.place_owner(doc.text, sentence.start, sentence.end, patterns)
    if issuer is None and mention.number is not None:
        issuer = issuer_of_symbol(doc, page, mention, places, patterns)
    return issuer


# --- plan texts: `Số: 180/KH-UBND` under the issuer's header --------------------------------------

_OPENING_CLAUSE = regex_cache.compile(r"(?i)\s*(?:căn cứ|thực hiện|kính gửi|theo|để|nhằm)\b")
_SUBJECT_LINE = regex_cache.compile(r"^\s*(?:V/v|Về\s+việc)\s*:?\s*(?P<about>\S.*?)\s*$", regex.IGNORECASE)
_HEADER_LINES = 6  # `Số:`, `V/v …`, the national motto (two lines), then the place and date


@dataclass
class PlanText:
    mention: Mention
    line: Line
    signed_on: date | None
    signing_line: Line | None
    title: str | None
    about: str | None  # an official letter's trích yếu, on its `V/v …` line under `Số:`


def find_plan_text(page: Page, mentions: list[Mention]) -> PlanText | None:
    for line in page.lines[:min(page.body_start + 1, 25)]:
        if not NUMBER_HEADER.match(line.text):
            continue
        mention = next((m for m in mentions if line.start <= m.start < line.end and m.number), None)
        if mention is None:
            continue
        header = [l for l in page.lines[line.index:line.index + _HEADER_LINES] if not page.is_body(l)]
        signing = next((l for l in header if _signs(l)), None)
        signed = next((d.value for d in page.dates_in(signing.start, signing.end) if d.value), None) if signing else None
        about = next((m.group("about") for l in header[1:3] if (m := _SUBJECT_LINE.match(l.text))), None)
        return PlanText(mention, line, signed, signing, _heading(page, signing or line), about)
    return None


def _signs(line: Line) -> bool:
    """A signing line (`Gia Lai, ngày 26 tháng 12 năm 2025`), or a row of a two-column header
    flattened with a tab or a run of spaces whose cell it is (`Số: 512/KH-UBND ⇥ Gia Lai, ngày …`)."""
    return any(SIGNING_LINE.match(cell) for cell in COLUMN_GAP.split(line.text))


def _heading(page: Page, after: Line) -> str | None:
    """The upper-case heading lines that follow the header: `KẾ HOẠCH` + `PHÁT TRIỂN … NĂM 2023`."""
    parts, in_sentence_case = [], False
    for line in page.lines[after.index + 1:after.index + 8]:
        text = line.text.strip().strip("|").strip()
        if not text or page.g.chrome.search(text):
            continue
        if SECTION_NUMBER.match(text):
            break  # `I. MỤC TIÊU`: the plan's first section, not its name
        if in_sentence_case:
            if not text[:1].islower() or page.is_body(line):
                break
            parts.append(text)  # the trích yếu going on over the next line
            continue
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters):
            parts.append(text)
            continue
        if len(parts) == 1 and word_count(parts[0]) <= 3 and not page.is_body(line) and not _OPENING_CLAUSE.match(text):
            parts.append(text)  # `KẾ HOẠCH` over a trích yếu in sentence case
            in_sentence_case = True
            continue
        if parts:
            break
    return " ".join(parts) or None


# --- the plan's period, and its date when no symbol states it ------------------------------------

def _period(doc: Doc, page: Page, details: Details, mention: Mention, patterns: PatternSet) -> Period | None:
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


_GOALS = regex_cache.compile(r"(?i)mục tiêu")


def _sentence_range(doc: Doc, page: Page, mention: Mention, patterns: PatternSet):
    """A span of years (`trong 3 năm 2018 - 2020`) in the plan's own sentence, before any `mục tiêu`."""
    sentence = doc.sentence_at(mention.start)
    text = doc.text[sentence.start:sentence.end]
    target = _GOALS.search(text)
    text = text[:target.start()] if target else text
    found = date_tags.period_in(text, patterns, [(d.start - sentence.start, d.end - sentence.start) for d in page.dates])
    return found if found and found[0] is not None and found[0] != found[1] else None


# A date opening a clause of the plan's sentence: `(LCĐT) - Chiều 10/12, …` at its start, or
# `Để khắc phục …, ngày 10 tháng 8 năm 2020, UBND … ban hành` after a comma.
_COMMA = regex_cache.compile(r"\s*,")
_CLAUSE_DATE = regex_cache.compile(r"(?:^|,)\s*(?:\([\p{Lu}\p{N}.]{2,10}\)\s*-?\s*)?(?:(?i:ngày|sáng|chiều|tối|trưa|hôm)\s+)?$")


def _leading_date(doc: Doc, page: Page, mention: Mention, published: date | None,
                  mentions: list[Mention]) -> tuple[date | None, bool]:
    """`Ngày 28/02/2020, UBND tỉnh ban hành …`: the nearest date before the plan that opens a clause
    of its sentence, unless it follows another document (`Quyết định số 5, ngày 3/2/2020,`)."""
    sentence = doc.sentence_at(mention.start)
    for span in reversed([d for d in page.dates if sentence.start <= d.start and d.end <= mention.start]):
        opening = _CLAUSE_DATE.search(doc.text[sentence.start:span.start])
        if opening is None or not match_near(_COMMA, doc.text, span.end):
            continue
        comma = sentence.start + opening.start()
        if any(m.end <= comma and not doc.text[m.end:comma].strip() for m in mentions if m is not mention):
            continue
        if span.value is not None:
            return span.value, False
        return date_tags.with_year(span, published), span.form == date_tags.DAY_MONTH
    return None, False
