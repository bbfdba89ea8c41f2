"""Issuing bodies and their places: `UBND huyện Châu Thành` → body ubnd, district Châu Thành,
province Sóc Trăng (chosen by the page's province, since Châu Thành names ten districts).

A body with a unit kind but no name (`UBND tỉnh`, `Ủy ban nhân dân thành phố`) takes its place
from the rest of the page: the headline first, else the unit of that kind the page and its
context (masthead, footer) name most. So does a body that implies its unit kind (`Huyện ủy` a
huyện, `Sở Tài chính` or `Tỉnh ủy` a tỉnh); where the page never names such a unit, the place
stays null. Names the gazetteer cannot settle keep the place as written and a null province.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

import regex

from . import regex_cache
from . import gazetteer
from .alternation import Alternation
from .limits import match_near
from .patterns import PatternSet, phrase_regex
from .record import Issuer
from .tag.symbols import fold

_UNIT = (r"(?P<unit>(?i:tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường))"
         r"(?![\p{L}])")
UNIT_WORD = regex_cache.compile(rf"(?<![\p{{L}}]){_UNIT}")  # a unit's kind written anywhere: `huyện`, `thị xã`
_NAME_RUN = r"(?:\p{Lu}[\p{L}\p{M}']*|\d{1,2}(?![\p{N}]))(?:[ \t]*-?[ \t]*\p{Lu}[\p{L}\p{M}']*){0,4}"
_LEVEL_OF_UNIT = {"tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district",
                  "xã": "commune", "phường": "commune", "thị trấn": "commune"}
_PARENT = regex_cache.compile(rf"[ \t]*,[ \t]*(?P<unit>(?i:huyện|quận|thị\s+xã|thành\s+phố|tp\.?))[ \t]+(?P<name>{_NAME_RUN})")
# A party committee names its unit by itself: `Thành ủy Bạc Liêu` is the city, not the province.
_UNIT_OF_COMMITTEE = {"tinh_uy": "tỉnh", "thanh_uy": "thành phố", "huyen_uy": "huyện", "thi_uy": "thị xã"}
_TERM = regex_cache.compile(r"[ \t]*,?[ \t]*(?i:khóa|khoá|nhiệm kỳ)[ \t]+(?:[IVXLC]+|\d{1,2})(?![\p{L}\p{N}])")
_NATION = regex_cache.compile(r"(?i)^(?:Việt\s+Nam|VN)$")


@dataclass(frozen=True)
class BodyMention:
    start: int
    end: int
    slug: str
    level: str | None


@dataclass(frozen=True)
class _Grammar:
    bodies: Alternation             # one piece per body, each its own group b_<slug>
    slugs: list[str]
    levels: dict[str, str | None]
    unit: regex.Pattern
    owner: regex.Pattern
    code_bodies: dict[str, str]     # folded issuer code of a symbol → body slug (`HĐND` → hdnd)


@functools.cache
def grammar(patterns: PatternSet) -> _Grammar:
    entries = [e for e in patterns.entries("bodies") if e.slug != "place_owner"]
    alternatives = []
    for entry in entries:
        parts = ([f"(?i:{phrase_regex(entry.phrases)})"] if entry.phrases else []) + entry.regex
        alternatives.append((max((len(p) for p in entry.phrases), default=0), f"(?P<b_{entry.slug}>{'|'.join(parts)})"))
    owner = next((e for e in patterns.entries("bodies") if e.slug == "place_owner"), None)
    return _Grammar(
        bodies=Alternation([alt for _, alt in sorted(alternatives, key=lambda a: -a[0])], 0),
        slugs=[e.slug for e in entries],
        levels={e.slug: e.level for e in entries},
        unit=regex_cache.compile(rf"\s*(?:{_UNIT}(?:[ \t]*\n?[ \t]*(?:\.\s*)?(?P<name>{_NAME_RUN}))?|(?P<bare>{_NAME_RUN}))"),
        owner=regex_cache.compile(phrase_regex(owner.phrases) if owner else r"(?!)", regex.IGNORECASE),
        code_bodies={fold(code): e.slug for e in entries for code in e.codes},
    )


def body_of_symbol(number: str, patterns: PatternSet) -> str | None:
    """The body a symbol's issuer code names: `17/NQ-HĐND` → hdnd, `65-CTr/TU` → tinh_uy,
    `5529/BKHĐT-HTX` → bo; the last code that is a body's wins (no type code is one, but `QH`)."""
    codes = [code for code in regex.split(r"[/-]", number)[1:] if not code.isdigit()]
    slugs = [grammar(patterns).code_bodies.get(fold(regex.sub(r"\d+$", "", code))) for code in codes]
    return next((slug for slug in reversed(slugs) if slug), None)


def find_bodies(text: str, patterns: PatternSet, start: int = 0, end: int | None = None) -> list[BodyMention]:
    g = grammar(patterns)
    found = []
    for match in g.bodies.finditer(text, start, len(text) if end is None else end):
        groups = match.groupdict()  # a piece's match holds its own group only
        slug = next(s for s in g.slugs if groups.get(f"b_{s}"))
        found.append(BodyMention(match.start(), match.end(), slug, g.levels[slug]))
    return found


class Places:
    """The page's places, for bodies that name only a unit kind, and its province for names
    that repeat across provinces."""

    def __init__(self, text: str, context: str, title: str | None):
        self.title = title or ""
        self.page = text + "\n" + context
        self._mentions = None

    @functools.cached_property
    def province(self) -> str | None:
        """The province the page names most (as `gazetteer.page_province`, from the same mentions)."""
        counts = Counter(p.province for p in self.mentions() if p.level == "province").most_common(2)
        if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
            return None
        return counts[0][0]

    def mentions(self) -> list[gazetteer.Place]:
        if self._mentions is None:
            self._mentions = [p for _, _, p in gazetteer.find_places(self.page)]
        return self._mentions

    def of_unit(self, unit: str) -> gazetteer.Place | None:
        """The unit of this kind the headline names, else the one the page names most."""
        fits = [p for _, _, p in gazetteer.find_places(self.title) if fits_unit(p, unit)]
        if fits:
            return fits[0]
        counts = Counter(p for p in self.mentions() if fits_unit(p, unit))
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


def fits_unit(place: gazetteer.Place, unit: str) -> bool:
    if unit == "thành phố":
        return place.kind == "thành phố"
    if unit == "tỉnh":
        return place.level == "province"
    return place.kind == unit


def _unit_name(written: str) -> str:
    unit = " ".join(written.lower().split()).rstrip(".")
    return "thành phố" if unit == "tp" else unit


def issuer_at(text: str, body: BodyMention, places: Places, patterns: PatternSet) -> tuple[Issuer, int]:
    """The issuer a body mention starts, and where its written name ends."""
    g = grammar(patterns)
    after = g.unit.match(text, body.end)
    unit = _unit_name(after.group("unit")) if after and after.group("unit") else None
    name_match = after if after and (after.group("name") or after.group("bare")) else None
    name_end, place = body.end, None
    if unit is not None:
        name_end = after.end("unit")
    if name_match is not None:
        group = "name" if name_match.group("name") else "bare"
        implied = unit or _UNIT_OF_COMMITTEE.get(body.slug)
        parent = _parent(text, name_match.end(group), places) if _LEVEL_OF_UNIT.get(unit) == "commune" else None
        hint = parent[0].province if parent else places.province
        place, used_end = _resolve(implied, text, name_match.start(group), name_match.end(group), hint)
        if place is None and _LEVEL_OF_UNIT.get(unit) == "commune":  # communes repeat: keep the name as written
            place = (text[name_match.start(group):name_match.end(group)].strip(), "commune",
                     parent[0].province if parent else None)
            used_end = name_match.end(group)
        if place is not None or unit is not None:
            name_end = max(name_end, parent[1] if parent else used_end)
    term = _TERM.match(text, name_end)
    if term is not None:
        name_end = term.end()
    level = _level(body, unit, place)
    unit_kind = unit or (_implied_unit(body) if name_match is None else None)
    if place is None and unit_kind is not None and (name_match is None or name_match.group("name") is None):
        found = places.of_unit(unit_kind)
        if found is not None:
            place = (found.name, found.level, found.province)
            level = _level(body, unit, place)
    name = " ".join(text[body.start:name_end].split())
    if place is None:
        return Issuer(name=name, body=body.slug, level=level), name_end
    place_name, _, province = place
    return Issuer(name=name, body=body.slug, level=level, place=place_name, province=province), name_end


def _implied_unit(body: BodyMention) -> str | None:
    """The unit kind a body written without one implies: `Huyện ủy` a huyện, a provincial body
    (`Sở Nông nghiệp và Phát triển nông thôn`, `Tỉnh ủy`) a tỉnh."""
    return _UNIT_OF_COMMITTEE.get(body.slug) or ("tỉnh" if body.level == "province" else None)


def _parent(text: str, position: int, places: Places) -> tuple[gazetteer.Place, int] | None:
    """`xã Tân Hòa, huyện Lai Vung`: the district after a commune, and where it ends."""
    match = match_near(_PARENT, text, position)
    if match is None:
        return None
    found = gazetteer.resolve(_unit_name(match.group("unit")), match.group("name"), places.province)
    return (found, match.end()) if found is not None else None


def _resolve(unit: str | None, text: str, start: int, end: int, hint: str | None):
    """(place, level, province) for the longest leading run of syllables that names a unit."""
    words = list(regex.finditer(r"\S+", text[start:end]))
    for count in range(len(words), 0, -1):
        name = text[start:start + words[count - 1].end()]
        if _NATION.match(name):
            return ("Việt Nam", "central", None), start + words[count - 1].end()
        if unit is None:
            found = gazetteer.province(name)
            if found is not None:
                return (found.name, "province", found.province), start + words[count - 1].end()
            continue
        found = gazetteer.resolve(unit, name, hint)
        if found is None and hint is not None:
            found = gazetteer.resolve(unit, name)
        if found is not None:
            return (found.name, found.level, found.province), start + words[count - 1].end()
        if unit in ("huyện", "quận", "thị xã", "thành phố") and gazetteer.districts(name):
            return (name, "district", None), start + words[count - 1].end()
    return None, start


def _level(body: BodyMention, unit: str | None, place) -> str | None:
    if place is not None and place[1] is not None:
        return place[1]
    if unit is not None and unit in _LEVEL_OF_UNIT:
        return _LEVEL_OF_UNIT[unit]
    return body.level


def owner_at(text: str, position: int, places: Places, patterns: PatternSet) -> Issuer | None:
    """The owner written at position (after `của`): a body (`UBND huyện X`), else a unit with no
    body (`huyện`, `tỉnh Bến Tre`), placed as a body's unit would be."""
    bodies = find_bodies(text, patterns, position, position + 60)
    if bodies and bodies[0].start == position:
        return issuer_at(text, bodies[0], places, patterns)[0]
    unit = grammar(patterns).unit.match(text, position)
    if unit is None or unit.start("unit") != position:
        return None
    found = issuer_at(text, BodyMention(position, position, None, None), places, patterns)[0]
    return found if found.level is not None else None


def place_owner(text: str, start: int, end: int, patterns: PatternSet) -> Issuer | None:
    """A place named as a plan's owner with no body (`TP Hồ Chí Minh đặt mục tiêu`)."""
    g = grammar(patterns)
    for verb in g.owner.finditer(text, start, end):
        window_start = max(start, verb.start() - 40)
        mentions = [(s, e, p) for s, e, p in gazetteer.find_places(text[window_start:verb.start()])
                    if text[window_start + e:verb.start()].strip() in ("", "cũng", "đã", "sẽ", "vừa")]
        if mentions:
            s, e, place = mentions[-1]
            return Issuer(name=text[window_start + s:window_start + e], body=None, level=place.level,
                          place=place.name, province=place.province)
    return None
