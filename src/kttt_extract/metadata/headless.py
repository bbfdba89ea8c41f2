"""A plan text without its head: an excerpt that starts mid-document (`… trên địa bàn tỉnh;`
then `II. MỤC TIÊU`, `1. Mục tiêu tổng quát`) has no masthead, number or title, yet it is a
plan. It is one when it has no headline and two of a plan's sections (`MỤC TIÊU`, `NHIỆM VỤ,
GIẢI PHÁP`, `TỔ CHỨC THỰC HIỆN`, `CHỈ TIÊU …`); then the plan is the text itself, and every
document it cites (the resolution it carries out) is a reference.

- kind: the kind its own words give it (`Mục tiêu tổng quát của Kế hoạch`, `(Kèm theo Đề án`),
  else `ke_hoach`; number and issued_on: null;
- issuer: the level of the unit it is written for (`trên địa bàn tỉnh`, `của huyện`), the place
  named with it (`trên địa bàn tỉnh Đồng Nai`), else the place of that level the page names most,
  a body only where the text writes one with it;
- period: the years its sections or appendix name (`CHỈ TIÊU NĂM 2023`, `GIAI ĐOẠN 2023 - 2025`).

Vocabulary: `patterns/headings.yaml` (`plan_section`, `plan_year`, `plan_owner_level`) and the
document kinds of `patterns/documents.yaml`.
"""
from __future__ import annotations

from .. import gazetteer
from .. import issuer as issuers
from ..lexicon import compiled
from ..patterns import PatternSet
from ..record import Issuer, Period, Plan
from ..tag import symbols as symbol_tags
from .page import Page

_UNIT_LEVEL = {"tỉnh": "province", "huyện": "district", "thị xã": "district", "thành phố": None,
               "xã": "commune", "phường": "commune"}


def headless_plan(page: Page, places: issuers.Places, patterns: PatternSet) -> Plan | None:
    sections = compiled(patterns, "headings", "plan_section")
    if sum(1 for line in page.lines if sections.match(line.text)) < 2:
        return None
    return Plan(kind=_kind(page, patterns), issuer=_issuer(page, places, patterns), period=_period(page, patterns))


def _kind(page: Page, patterns: PatternSet) -> str:
    """`Mục tiêu … của Kế hoạch`, `(Kèm theo Đề án …)`: the kind the text names itself by."""
    for mention in symbol_tags.find_mentions(page.doc.text, patterns):
        before = page.doc.text[max(0, mention.start - 12):mention.start].lower()
        if mention.number is None and ("của" in before or "theo" in before):
            return mention.kind
    return "ke_hoach"


def _issuer(page: Page, places: issuers.Places, patterns: PatternSet) -> Issuer | None:
    owner = compiled(patterns, "headings", "plan_owner_level").search(page.doc.text)
    if owner is None:
        return None
    unit = " ".join(owner.group("unit").split())
    place = _named_with(page, owner.start("unit"), unit) or places.of_unit(unit)
    level = place.level if place is not None else _UNIT_LEVEL.get(unit)
    if level is None and place is None:
        return None
    return Issuer(name=None, body=None, level=level, place=place.name if place else None,
                  province=place.province if place else None)


def _named_with(page: Page, unit_start: int, unit: str) -> gazetteer.Place | None:
    """`trên địa bàn tỉnh Đồng Nai`: the unit named right where the owner's unit is written."""
    return next((place for start, _, place in gazetteer.find_places(page.doc.text)
                 if start == unit_start and issuers.fits_unit(place, unit)), None)


def _period(page: Page, patterns: PatternSet) -> Period | None:
    plan_year = compiled(patterns, "headings", "plan_year")
    for line in page.lines:
        match = plan_year.search(line.text)
        if match:
            start = match.groupdict().get("start")
            return Period(start=int(start or match.group("year")), end=int(match.group("year")))
    return None
