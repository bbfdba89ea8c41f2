"""Who issued a document, where its details do not say (`details.py` reads `của UBND tỉnh`).

- owner: a lower-case kind word with its year and owner (`theo kế hoạch năm 2024 của huyện`)
  is owned by that body or unit (`patterns/documents.yaml`, `plan_owner`).
- issuer before: the body written in the document's sentence just before it
  (`UBND huyện X (vừa) ban hành Kế hoạch …`).
- header issuer: a plan text's header body just above `Số:`, in the issuer's column of a header
  flattened into lines; without a place, the same body named with one in the text, else the
  province of the signing line.
- issuer of the symbol: the body its code names (`…/NQ-HĐND`), as the article writes it; a body
  the text never writes is no issuer.

Bodies and their places (`patterns/bodies.yaml`, the gazetteer) are read by `issuer.py`.
"""
from __future__ import annotations

from .. import regex_cache
from .. import issuer as issuers
from ..document import Doc
from ..lexicon import compiled
from ..limits import match_near
from ..patterns import PatternSet
from ..record import Issuer
from ..tag.symbols import Mention
from .page import COLUMN_GAP, Grammar, Line, Page, grammar, in_chrome


def owner(doc: Doc, g: Grammar, mention: Mention, places: issuers.Places) -> Issuer | None:
    """The owner a kind word's year names (`kế hoạch năm 2024 của huyện`): a body or a unit."""
    owned = match_near(g.owned, doc.text, mention.end)
    return issuers.owner_at(doc.text, owned.end(), places, g.patterns) if owned else None


_CLAUSE_STOP = regex_cache.compile(r"[.;]")


def issuer_before(doc: Doc, mention: Mention, places: issuers.Places, patterns: PatternSet) -> Issuer | None:
    """The body that issues a document in its sentence: `UBND huyện X (vừa) ban hành Kế hoạch …`;
    else the unit that is its subject (`Huyện đã xây dựng Đề án …`, `tỉnh Gia Lai ban hành …`)."""
    sentence = doc.sentence_at(mention.start)
    bodies = [b for b in issuers.find_bodies(doc.text, patterns, max(sentence.start, mention.start - 120), mention.start)]
    if not bodies:
        return _unit_before(doc, mention, max(sentence.start, mention.start - 60), places, patterns)
    found, end = issuers.issuer_at(doc.text, bodies[-1], places, patterns)
    between = doc.text[end:mention.start]
    return found if len(between.split()) <= 8 and not _CLAUSE_STOP.search(between) else None




def _unit_before(doc: Doc, mention: Mention, start: int, places: issuers.Places, patterns: PatternSet) -> Issuer | None:
    """A unit as the subject of a verb that issues or drafts the document, a few words before it
    (not `của huyện`, which owns, nor `toàn huyện`, `trên địa bàn huyện`, which place)."""
    units = list(issuers.UNIT_WORD.finditer(doc.text, start, mention.start))
    if not units or compiled(patterns, "connectives", "placed_unit").search(doc.text, start, units[-1].start()):
        return None
    found = issuers.owner_at(doc.text, units[-1].start(), places, patterns)
    between = doc.text[units[-1].end():mention.start]
    g = grammar(patterns)
    issues = g.announce.search(between) or g.refer.search(between)  # `ban hành`, `xây dựng`: not `sơ kết`
    return found if found is not None and issues and len(between.split()) <= 6 and not _CLAUSE_STOP.search(between) else None


def issuer_of_symbol(doc: Doc, page: Page, mention: Mention, places: issuers.Places,
                     patterns: PatternSet) -> Issuer | None:
    """The body the symbol's code names (`17/NQ-HĐND` → HĐND) as the article writes it, nearest
    before the document (`HĐND tỉnh`), else first after it; a body the text never names is no
    issuer (the code alone does not say which HĐND or UBND)."""
    slug = issuers.body_of_symbol(mention.number, patterns)
    if slug is None:
        return None
    written = [b for b in issuers.find_bodies(doc.text, patterns, 0, page.article_end)
               if b.slug == slug and not in_chrome(page, b.start)]
    before = [b for b in written if b.end <= mention.start]
    body = before[-1] if before else next(iter(written), None)
    return issuers.issuer_at(doc.text, body, places, patterns)[0] if body is not None else None


_SIGNING_PLACE = regex_cache.compile(r"^\s*([^,]+),")
_HEADER_ABOVE = 4  # lines above `Số:`: the issuer's name, its parent body, its unit


def _left_column(page: Page, number_line: Line) -> str:
    """The issuer's column of the header above `Số:` (`ỦY BAN NHÂN DÂN` over `HUYỆN CHÂU THÀNH`),
    the national motto beside it cut off where the two columns were flattened into one line."""
    lines = page.lines[max(0, number_line.index - _HEADER_ABOVE):number_line.index]
    return "\n".join(COLUMN_GAP.split(line.text.strip())[0] for line in lines if line.text.strip())


def header_issuer(doc: Doc, page: Page, number_line: Line, signing_line: Line | None, places: issuers.Places,
                  patterns: PatternSet) -> Issuer | None:
    """The header body above `Số:` (on `number_line`); without a place, the same body named with one
    in the text, else the place of the signing line."""
    left = _left_column(page, number_line)
    header = issuers.find_bodies(left, patterns, 0, len(left))
    if not header:
        return None
    found, _ = issuers.issuer_at(left, header[-1], places, patterns)
    if found.place is not None:
        return found
    for body in issuers.find_bodies(doc.text, patterns, number_line.end, page.article_end):
        if body.slug == header[0].slug:
            named, _ = issuers.issuer_at(doc.text, body, places, patterns)
            if named.place is not None:
                return named
    if signing_line is not None:
        place = _SIGNING_PLACE.match(signing_line.text)
        province = issuers.gazetteer.province(place.group(1)) if place else None
        if province is not None:
            return found.model_copy(update={"place": province.name, "province": province.name, "level": "province"})
    return found
