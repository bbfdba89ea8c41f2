"""Which mentions name one document, and the role the text gives each.

- accepted: a number, a law's year, a capitalized kind word not in a generic list
  (`các chương trình, đề án`), or a lower-case one made specific by its context; a kind word
  with its year and owner (`theo kế hoạch năm 2024 của huyện`) is a document. A kind word named
  only by a meeting (`Nghị quyết Đại hội`), documents in chrome or photo captions, and a run of
  lines that are nothing but documents' names (a sidebar list of new documents) are not.
- role: announced (`ban hành Kế hoạch …`; the decision that `phê duyệt` another; an issuing verb
  after a body as its subject, `HĐND tỉnh khóa XII thông qua Nghị quyết …`), else carried out
  (`thực hiện Nghị quyết …`), else referred to (`Theo Chương trình …`), else the subject
  (`Mục tiêu của Kế hoạch`). A report or notice has a role only when announced or numbered. A
  document carried out within another's name (`Kế hoạch số 5/KH-UBND về thực hiện Chiến lược …`)
  is not carried out by the notice.
- approved_in: the decision right after an unnumbered document that approved or issued it
  (`Đề án … được phê duyệt tại Quyết định số …`); the plan takes its date and issuer.
- names_kind: the kind of the document a name opens with (`Nghị quyết số 143/NQ-CP về
  Chương trình hành động …`).

Vocabulary: `patterns/documents.yaml` (kinds and the cues `announce`, `announce_by_body`,
`announce_after`, `approve`, `approved_in`, `implement`, `refer`, `refer_after`, `plan_topic`, `plan_owner`,
`name_opening`, `event_name`, `name_end`); `probes.py` checks their examples via `document_roles`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .. import regex_cache
from .. import issuer as issuers
from ..document import Doc
from ..patterns import PatternSet
from ..tag import symbols as symbol_tags
from ..tag.symbols import Mention
from .details import Details, Neighbours, read_details
from .issuer_of import owner
from .page import Grammar, Page, in_chrome, word_count

ANNOUNCE, IMPLEMENT, REFER, SUBJECT = 0, 1, 2, 3
_ROLE_NAMES = {ANNOUNCE: "announce", IMPLEMENT: "implement", REFER: "refer", SUBJECT: "refer"}
_REPORTS = ("bao_cao", "thong_bao")  # a report or notice is a plan only when announced or numbered
_PLURAL = regex_cache.compile(r"(?i)(?:các|những|nhiều|mọi|một số)\s*$")


@dataclass
class Candidate:
    """A mention that names a document, what is written after it, and the role the text gives it."""
    mention: Mention
    details: Details
    role: int | None = None
    approver: bool = False
    names_kind: str | None = None  # `Nghị quyết số 143/NQ-CP về Chương trình …`: the kind its name is
    approved_in: Candidate | None = None  # `Đề án … được phê duyệt tại Quyết định số …`: that decision


def _sentence_start(doc: Doc, offset: int) -> int:
    return doc.sentence_at(offset).start if doc.sentences else 0


def _line_start(doc: Doc, offset: int) -> int:
    """Where the line of `offset` starts, by bisection on the lines: searched back for the line
    break, for each of 100,000 documents named on one line, it took the square."""
    return doc.line_at(offset).start


def _role(doc: Doc, g: Grammar, mention: Mention, details: Details, places: issuers.Places) -> tuple[int | None, bool]:
    sentence_start = _sentence_start(doc, mention.start)
    line_start = _line_start(doc, mention.start)
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
    topical = mention.number is not None or bool(g.topic.match(after)) or owner(doc, g, mention, places) is not None
    if g.implement.search(window) and topical:
        return IMPLEMENT, False
    if mention.kind in _REPORTS and mention.number is None:
        return None, False
    if ((g.refer.search(window) and (topical or not _has_name(after))) or g.refer_after.match(after)
            or (mention.number is not None and g.refer_after.match(following))):
        return REFER, False
    if mention.word and mention.word[0].isupper() and not window.strip() and g.topic.match(after):
        return SUBJECT, False
    return None, False


def _issued_by_body(doc: Doc, g: Grammar, mention: Mention, clause_start: int, places: issuers.Places) -> bool:
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


_NO_NAME = regex_cache.compile(r"^\s*(?:[,.;:)]|$|(?:là|nhằm|đề ra|đặt ra|được|sẽ|có|gồm|tập trung)(?![\p{L}]))")


def _has_name(after: str) -> bool:
    """Whether a name follows a kind word, rather than punctuation or a verb of the sentence."""
    return not _NO_NAME.match(after)


def _accepted(doc: Doc, g: Grammar, mention: Mention, places: issuers.Places) -> bool:
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
                or owner(doc, g, mention, places) is not None)


_LIST_BULLET = regex_cache.compile(r"\s*(?:[-–•*+·]\s*)?")
_LIST_SENTENCE_BREAK = regex_cache.compile(r"[.!?]\s+\p{Lu}")


def _title_list_lines(page: Page, mentions) -> set[int]:
    """The starts of lines that are a list of documents (a sidebar of new documents), not citations:
    two or more lines in a row, each nothing but a numbered document's name opening the line, with
    no sentence around it (no verb before it, no `;` or `,` closing it as a clause would)."""
    bare = set()
    short: dict[int, bool] = {}   # a line's own test, once per line (a line may hold 100,000 mentions)
    for mention in mentions:
        if mention.number is None:
            continue
        line = page.doc.line_at(mention.start)
        if not _LIST_BULLET.fullmatch(page.doc.text, line.start, mention.start):
            continue
        if line.start not in short:
            text = page.doc.text[line.start:line.end].rstrip()
            short[line.start] = (word_count(text) <= 20 and text[-1:] not in ";,:"
                                 and not _LIST_SENTENCE_BREAK.search(text))
        if short[line.start]:
            bare.add(line.start)
    filled = [l for l in page.lines if l.text.strip()]
    return {line.start for i, line in enumerate(filled) if line.start in bare
            and any(0 <= j < len(filled) and filled[j].start in bare for j in (i - 1, i + 1))}


_LISTED_AFTER_PLURAL = regex_cache.compile(r"(?i)(?:các|những|nhiều)\s+[\p{L} ]{2,30}?(?:,|và)\s*$")


def _generic_list(doc: Doc, mention: Mention) -> bool:
    """`các chương trình, đề án`: a kind word listed after a plural one."""
    match = _LISTED_AFTER_PLURAL.search(doc.text[max(0, mention.start - 60):mention.start])
    return match is not None and len(match.group().split()) <= 6


def document_mentions(doc: Doc, page: Page, places: issuers.Places, patterns: PatternSet) -> list[Candidate]:
    g = page.g
    mentions = symbol_tags.find_mentions(doc.text, patterns)
    listed = _title_list_lines(page, mentions)
    accepted = [m for m in mentions if m.start < page.article_end and not in_chrome(page, m.start)
                and doc.line_at(m.start).start not in listed and _accepted(doc, g, m, places)]
    starts = [m.start for m in accepted]
    others = Neighbours(doc.text, starts, g.name_end)
    found = []
    for mention in accepted:
        details = read_details(doc, page, mention, places, patterns, others)
        if mention.number is None and g.event_only.match(details.name):
            continue  # the congress's or conference's own resolution, named by the event alone
        role, approver = _role(doc, g, mention, details, places)
        found.append(Candidate(mention, details, role, approver, _names_kind(doc, g, details, accepted, starts)))
    _demote_named_within(found)
    _link_approvals(doc, g, found)
    return found


def _link_approvals(doc: Doc, g: Grammar, candidates: list[Candidate]) -> None:
    """`Đề án … được phê duyệt tại Quyết định số 1596/QĐ-UBND …`: an unnumbered document followed in
    its sentence by the decision that approved or issued it, nothing else named between."""
    for candidate, following in zip(candidates, candidates[1:]):
        if candidate.mention.number is not None or following.mention.number is None:
            continue
        if doc.sentence_at(candidate.mention.start).end < following.mention.start:
            continue
        if g.approved_in.search(doc.text, candidate.mention.end, following.mention.start):
            candidate.approved_in = following


def _demote_named_within(candidates: list[Candidate]) -> None:
    """`Theo Kế hoạch số 215/KH-UBND … về thực hiện Chiến lược …`: a document carried out in the name
    of another document the text is about is that document's subject, not the notice's."""
    owners = [c for c in candidates if c.role is not None and c.details.name]
    for candidate in candidates:
        if candidate.role == IMPLEMENT and any(
                o is not candidate and o.details.name_start <= candidate.mention.start
                < o.details.name_start + len(o.details.name) for o in owners):
            candidate.role = None


def _names_kind(doc: Doc, g: Grammar, details: Details, mentions: list[Mention], starts: list[int]) -> str | None:
    """The kind of the document a name opens with, after an approving or issuing verb if any
    (`về Chương trình hành động …`, `phê duyệt Đề án …`, `ban hành Kế hoạch …`). `starts` are
    the mentions' starts, in order: those within 40 characters of the name are found by bisection."""
    if not details.name:
        return None
    first, last = bisect_left(starts, details.name_start), bisect_right(starts, details.name_start + 40)
    for mention in mentions[first:last]:
        if g.name_opening.match(doc.text[details.name_start:mention.start]):
            return mention.kind
    return None


_SPACE = regex_cache.compile(r"\s")


def document_key(mention: Mention) -> tuple:
    """What two mentions of the same document share: its symbol, or a law's kind and year."""
    if mention.number is not None:
        return ("number", _SPACE.sub("", mention.number).lower())
    return ("year", mention.kind, mention.year)


def document_roles(doc: Doc, patterns: PatternSet) -> set[str]:
    """The kinds of the documents text names, the roles of their cues, and `plan_topic`,
    `refer_after`, `name_end` or `name_opening` when those decided a mention or its name."""
    page = Page(doc, patterns)
    found = set()
    places = issuers.Places(doc.text, "", None)
    for candidate in document_mentions(doc, page, places, patterns):
        mention, details = candidate.mention, candidate.details
        found.add(mention.kind)
        if candidate.role is not None:
            found.add(_ROLE_NAMES[candidate.role])
        if candidate.approver:
            found.add("approve")
        if candidate.approved_in:
            found.add("approved_in")
        after = doc.text[mention.end:mention.end + 80]
        if page.g.refer_after.match(after) or (mention.number and page.g.refer_after.match(doc.text[details.after:details.after + 80])):
            found.add("refer_after")
        if mention.word and mention.word[0].islower() and mention.number is None and page.g.topic.match(after):
            found.add("plan_topic")
        if details.name_cut:
            found.add("name_end")
        if candidate.names_kind:
            found.add("name_opening")
        if owner(doc, page.g, mention, places) is not None:
            found.add("plan_owner")
    return found
