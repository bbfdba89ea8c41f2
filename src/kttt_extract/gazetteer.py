"""Vietnamese administrative place names: provinces, districts and communes.

Names resolve against the data of the `vietnamadminunits` package: the 63
provinces with their districts and communes as they stood before the 2025
reorganization (most notices predate it) and the 34 provinces with their
communes after it. Reading the package's JSON (~60 ms) and indexing it takes
~0.5 s, so a compact index derived from it ships in `data/places.json` (~5 ms
to load); `python -m kttt_extract.gazetteer` rebuilds it, and one that does
not match the installed package version is rebuilt in memory, not trusted.

Names compare case-, space-, hyphen- and tone-placement-insensitively
(`Hoà Bình` = `Hòa Bình`), falling back to a comparison without any
diacritics (`Dak Lak`, `Đăk Lăk` = `Đắk Lắk`).
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter

import regex

from . import regex_cache
from .gazetteer_table import (COMMUNE, DISTRICT, PROVINCE, Place, _bare_provinces, _find, _fold, _key, _table,
                              _write_table)


# --- kinds ---------------------------------------------------------------------

_KINDS = {
    "tinh": "tỉnh", "tinhuy": "tỉnh",
    "thanhpho": "thành phố", "tp": "thành phố", "thanhuy": "thành phố",
    "huyen": "huyện", "huyenuy": "huyện",
    "quan": "quận", "quanuy": "quận",
    "thixa": "thị xã", "tx": "thị xã", "thiuy": "thị xã",
    "xa": "xã", "phuong": "phường", "thitran": "thị trấn", "dackhu": "đặc khu",
}
_LEVEL_OF_KIND = {
    "tỉnh": PROVINCE, "thành phố": None, "huyện": DISTRICT, "quận": DISTRICT, "thị xã": DISTRICT,
    "xã": COMMUNE, "phường": COMMUNE, "thị trấn": COMMUNE, "đặc khu": COMMUNE,
}


def _canonical_kind(written: str | None) -> str | None:
    return None if written is None else _KINDS.get(_fold(written))


# --- public API ----------------------------------------------------------------

def province(name: str) -> Place | None:
    """The province a name denotes, with or without its prefix (`tỉnh`, `thành phố`, `TP`)."""
    kind, bare = _split_prefix(name)
    if kind not in (None, "tỉnh", "thành phố"):
        return None
    return _province_named(bare)


def province_after_2025(name: str) -> str | None:
    """The post-2025 province (one of 34) that the province `name` lies in: `Sóc Trăng` → `Cần Thơ`."""
    found = province(name)
    return None if found is None else _table()["merged_into"].get(found.name, found.name)


def districts(name: str) -> list[Place]:
    """Every district so named, across all provinces, without duplicates."""
    seen: dict[tuple[str, str], Place] = {}
    for place in _find(DISTRICT, _expand_number("quận", name)):
        seen.setdefault((place.province, place.name), place)
    return list(seen.values())


def resolve(kind: str | None, name: str, province_hint: str | None = None) -> Place | None:
    """The unit `<kind> <name>` denotes; None when unknown or ambiguous (never a guess)."""
    canonical = _canonical_kind(kind)
    if kind is not None and canonical is None:
        return None
    hint = province(province_hint) if province_hint else None
    return _resolve(canonical, name, [[hint.name]] if hint else [])


def names(levels: tuple[str, ...] = (PROVINCE, DISTRICT)) -> set[str]:
    """The proper names of every unit of these levels, as the gazetteer spells them (`Hà Tĩnh`)."""
    return {unit.split("|")[0] for level in levels for bucket in _table()[level].values() for unit in bucket.split(";")}


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """Every place mention in text, `(start, end, Place)` in order of start.

    A district or commune whose name several provinces share takes the province named next to
    it in the same sentence, else the page's own province, else (districts only: commune names
    repeat too often) the nearest one named."""
    prefixed = list(_prefixed_mentions(text))
    found = [(start, end, place) for start, end, _, place in prefixed if place is not None]
    found += _bare_mentions(text, [(start, end) for start, end, _, _ in prefixed])
    provinces = sorted((start, end, place.province) for start, end, place in found if place.level == PROVINCE)
    page = _most_frequent([name for _, _, name in provinces])
    for start, end, (kind, name), place in prefixed:
        if place is None:
            hints = _hint_groups(text, provinces, (start, end), page, nearest=_LEVEL_OF_KIND.get(kind) != COMMUNE)
            chosen = _resolve(kind, name, hints)
            if chosen is not None:
                found.append((start, end, chosen))
    return sorted(found, key=lambda mention: mention[0])


def page_province(text: str) -> str | None:
    """The most frequently named province of a page; None if none or a tie."""
    return _most_frequent([place.province for _, _, place in find_places(text) if place.level == PROVINCE])


def _most_frequent(names: list[str]) -> str | None:
    ranked = Counter(names).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


# --- resolution ----------------------------------------------------------------

_LEADING_KIND = regex_cache.compile(
    r"^\s*(?i:(?P<kind>tỉnh|tinh|thành\s+phố|thanh\s+pho|tp\.?|huyện|huyen|quận|quan|thị\s+xã|thi\s+xa"
    r"|thị\s+trấn|thi\s+tran|xã|xa|phường|phuong))(?:\s+|(?<=\.)|(?=[\p{Lu}\d]))(?P<name>\S.*)$"
)


def _split_prefix(name: str) -> tuple[str | None, str]:
    match = _LEADING_KIND.match(name)
    if match is None:
        return None, name.strip()
    return _canonical_kind(match["kind"]), match["name"].strip()


def _province_named(name: str) -> Place | None:
    found = _find(PROVINCE, name)
    return found[0] if found else None


def _expand_number(kind: str, name: str) -> str:
    """`Quận 1`, `Phường 3`: the package spells numbered units with their kind."""
    return f"{kind.capitalize()} {name.strip()}" if name.strip().isdigit() else name


def _resolve(kind: str | None, name: str, hints: list[list[str]]) -> Place | None:
    level = _LEVEL_OF_KIND.get(kind) if kind else None
    if kind is None or kind in ("tỉnh", "thành phố"):
        found = _province_named(name)
        if found is not None and (kind == "tỉnh" or found.kind == "thành phố" or kind is None):
            return Place(found.name, PROVINCE, found.name, kind or found.kind)
        if kind == "tỉnh":
            return None
        level = DISTRICT
    candidates = _find(level, _expand_number(kind or "", name))
    if level == COMMUNE and not hints:
        return None  # commune names repeat across the country: only a named province settles one
    chosen = _choose(candidates, kind, hints)
    if chosen is None:
        return None
    return Place(chosen.name, level, chosen.province, kind or chosen.kind)


def _choose(candidates: list[Place], kind: str | None, hints: list[list[str]]) -> Place | None:
    """The one candidate singled out by the hints (groups of equally preferred provinces, best
    first; a province of 2025 covers the ones merged into it) or else by the written kind."""
    if not hints:
        return _single(candidates, kind)
    for group in hints:
        picked = [c for c in candidates if c.province in group]
        if picked:
            return _single(picked, kind)
    merged_into = _table()["merged_into"]
    for group in hints:
        picked = [c for c in candidates if merged_into.get(c.province) in group]
        if picked:
            return _in_merged_province(_single(picked, kind), merged_into)
    return None


def _in_merged_province(place: Place | None, merged_into: dict[str, str]) -> Place | None:
    """A commune of a province since merged, on a page of the merged one, lies in it now (communes
    went on after July 2025); a district keeps the province it had, since districts did not."""
    if place is None or place.level != COMMUNE:
        return place
    return dataclasses.replace(place, province=merged_into[place.province])


def _single(candidates: list[Place], kind: str | None) -> Place | None:
    units = {(c.province, c.name): c for c in candidates}
    if len(units) > 1 and kind is not None:
        same_kind = {unit: c for unit, c in units.items() if c.kind == kind}
        units = same_kind or units
    return next(iter(units.values())) if len(units) == 1 else None


_NEAR = 80  # characters between a unit and the province that qualifies it: "huyện X, tỉnh Y"
_SENTENCE_END = regex_cache.compile(r"[.!?;\n]")


def _hint_groups(
    text: str, provinces: list[tuple[int, int, str]], span: tuple[int, int], page: str | None, nearest: bool
) -> list[list[str]]:
    """Provinces to try for the unit at span, in groups of equal preference, best first: those
    named near it in the same sentence, the page's province, then (if nearest) all by distance."""
    near: dict[str, int] = {}
    distance: dict[str, int] = {}
    for start, end, name in provinces:
        gap_start, gap_end = (span[1], start) if start >= span[1] else (end, span[0])
        gap = max(0, gap_end - gap_start)
        distance[name] = min(gap, distance.get(name, gap))
        if gap <= _NEAR and not _SENTENCE_END.search(text, gap_start, gap_end):
            near[name] = min(gap, near.get(name, gap))
    return _grouped(near) + ([[page]] if page else []) + (_grouped(distance) if nearest else [])


def _grouped(distance: dict[str, int]) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for name, gap in distance.items():
        groups.setdefault(gap, []).append(name)
    return [groups[gap] for gap in sorted(groups)]


# --- mentions in text --------------------------------------------------------------

# a capitalized syllable (`Châu`, `THÀNH`, `M'Đrắk`) and up to 7 of them joined by blanks or a dash
_SYLLABLE = r"(?:\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)?)"
_SYLLABLES = rf"{_SYLLABLE}(?:(?:[ \t]+|[ \t]*[-–][ \t]*){_SYLLABLE}){{0,6}}"
_NAME_RUN = regex_cache.compile(rf"\d+(?![\p{{L}}\p{{N}}])|{_SYLLABLES}")
_PREFIX = regex_cache.compile(
    r"(?<![\p{L}\p{N}])(?i:(?P<kind>(?:tỉnh|thành|huyện|quận|thị)[ \t]+(?:ủy|uỷ)"
    r"|tỉnh|tinh|thành[ \t]+phố|thanh[ \t]+pho|tp\.?|huyện|huyen|quận|quan"
    r"|thị[ \t]+xã|thi[ \t]+xa|thị[ \t]+trấn|thi[ \t]+tran"
    r"|(?<!(?:tác|tac|hòa|hoà)[ \t]+)(?:xã|xa)|phường|phuong))"  # not the xã of hợp tác xã, cộng hòa xã hội
    r"(?:[ \t]+|(?<=\.)[ \t]*|(?<=(?i:tp))(?=\p{Lu}))"
)
# Where a prefix may start, in the lower-cased text: each of `_PREFIX`'s kind words begins so. The
# stdlib engine finds these literals several times faster than `regex` scans for `_PREFIX` itself.
_PREFIX_START = re.compile(r"t[ỉi]nh|th[àa]nh|tp|huy[ệe]n|qu[ậa]n|th[ịi]|x[ãa]|ph[ưu][ờo]ng")
_BARE_RUN = regex_cache.compile(rf"(?<![\p{{L}}\p{{N}}\-–.])(?:{_SYLLABLES})(?![\p{{L}}\p{{N}}])")
_DASH = regex_cache.compile(r"[ \t]*[-–][ \t]*")
_SYLLABLE_TOKEN = regex_cache.compile(r"[^\s\-–]+")
_PARTY_COMMITTEE = regex_cache.compile(r"\s+(?:ủy|uỷ)$", regex.IGNORECASE)


def _prefixed_mentions(text: str):
    """(start, end, (kind, name), Place or None) for each `<prefix> <Name>`; None when ambiguous."""
    resume = 0
    for prefix in _prefixes(text):
        if prefix.start() < resume:
            continue
        run = _NAME_RUN.match(text, prefix.end())
        if run is None:
            continue
        ascii_prefix = prefix["kind"].isascii()
        if ascii_prefix and not run[0].isascii() and prefix["kind"].lower() not in ("tp", "tp."):
            continue
        kind = _canonical_kind(_PARTY_COMMITTEE.sub("uy", prefix["kind"]))
        for name_end in _syllable_ends(run):
            name = text[run.start():name_end]
            if not _has_candidates(kind, name):
                continue
            resume = name_end
            yield prefix.start(), name_end, (kind, name), _resolve(kind, name, [])
            break


def _prefixes(text: str):
    """The matches of `_PREFIX.finditer(text)`, tried only where `_PREFIX_START` finds a start."""
    lowered = text.lower()
    if len(lowered) != len(text):  # `İ` lower-cases to two characters: offsets would shift
        yield from _PREFIX.finditer(text)
        return
    resume = 0
    for candidate in _PREFIX_START.finditer(lowered):
        if candidate.start() < resume:
            continue
        prefix = _PREFIX.match(text, candidate.start())
        if prefix is not None:
            resume = prefix.end()
            yield prefix


def _syllable_ends(run: regex.Match) -> list[int]:
    """End offsets of the run's leading 1, 2, … syllables, longest first."""
    return [syllable.end() for syllable in _SYLLABLE_TOKEN.finditer(run.string, run.start(), run.end())][::-1]


def _has_candidates(kind: str, name: str) -> bool:
    if kind in ("tỉnh", "thành phố") and _province_named(name) is not None:
        return True
    if kind == "tỉnh":
        return False
    level = COMMUNE if _LEVEL_OF_KIND.get(kind) == COMMUNE else DISTRICT
    return bool(_find(level, _expand_number(kind, name)))


def _bare_mentions(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, Place]]:
    """Province names standing alone, outside the spans taken by prefixed mentions (sorted)."""
    taken_starts = [start for start, _ in taken]
    found = []
    for run in _BARE_RUN.finditer(text):
        before = bisect_right(taken_starts, run.end() - 1) - 1  # the last taken span starting inside or before
        if before >= 0 and taken[before][1] > run.start():
            continue
        for start, end in _bare_province_spans(text, run):
            place = _province_named(text[start:end])
            found.append((start, end, Place(place.name, PROVINCE, place.name, place.kind)))
    return found


def _bare_province_spans(text: str, run: regex.Match) -> list[tuple[int, int]]:
    """Spans of the provinces a capitalized run names by itself (`Bà Rịa - Vũng Tàu`) or in its
    dash-separated parts (`Hà Nội - Hải Phòng`)."""
    bare = _bare_provinces()
    if _key(run[0]) in bare:
        return [run.span()]
    if "-" not in run[0] and "–" not in run[0]:
        return _province_after_first_word(text, run.start(), run.end(), bare)
    dashes = list(_DASH.finditer(text, run.start(), run.end()))
    parts = zip([run.start()] + [d.end() for d in dashes], [d.start() for d in dashes] + [run.end()])
    spans = []
    for index, (start, end) in enumerate(parts):
        if _key(text[start:end]) in bare:
            spans.append((start, end))
        elif index == 0:
            spans += _province_after_first_word(text, start, end, bare)
    return spans


def _province_after_first_word(text: str, start: int, end: int, bare: frozenset[str]) -> list[tuple[int, int]]:
    """A capitalized first word of a sentence may precede the name: "Tại Long An, …"."""
    first_space = text.find(" ", start, end)
    if first_space >= 0 and _starts_sentence(text, start) and _key(text[first_space + 1:end]) in bare:
        return [(first_space + 1, end)]
    return []


def _starts_sentence(text: str, position: int) -> bool:
    window = text[max(0, position - 8):position]
    before = window.rstrip(" \t\"“(")
    if before:
        return before[-1] in ".!?:;\n"
    return len(window) == position  # nothing but blanks back to the start of the text


if __name__ == "__main__":
    _write_table()
