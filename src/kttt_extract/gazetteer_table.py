"""The gazetteer's data: the place type, name keys, and the table derived from `vietnamadminunits`
(shipped pre-indexed in `data/places.json`; `python -m kttt_extract.gazetteer` rebuilds it)."""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

import regex

from . import regex_cache
PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"


@dataclass(frozen=True)
class Place:
    name: str  # the proper name without prefix, as the gazetteer spells it: "Châu Thành"
    level: str  # PROVINCE, DISTRICT or COMMUNE
    province: str  # the province it lies in (itself for a province)
    kind: str  # the prefix as written, canonical ("tỉnh", "thành phố", "huyện", "xã" …), else the gazetteer's


# --- name keys ---------------------------------------------------------------

def _separator_deletion() -> dict[int, None]:
    return {ord(ch): None for ch in " \t\n-–.,'’"}


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = _separator_deletion()
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii():
            table[code] = base.lower()
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


def _tone_moves() -> dict[str, str]:
    """`òa` → `oà`: one place for the tone of oa, oe, uy, whichever the writer chose."""
    return {
        unicodedata.normalize("NFC", first + tone) + second: first + unicodedata.normalize("NFC", second + tone)
        for first, second in ("oa", "oe", "uy")
        for tone in "\u0300\u0301\u0303\u0309\u0323"
    }


_SEPARATOR_DELETION = _separator_deletion()
_FOLD = _fold_table()
_TONE_MOVES = _tone_moves()
_TONE_MOVE = regex_cache.compile("|".join(_TONE_MOVES))


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """Lower-case, without separators, the tone of oa/oe/uy on its second vowel."""
    key = unicodedata.normalize("NFC", name).lower()
    return _TONE_MOVE.sub(lambda written: _TONE_MOVES[written[0]], key).translate(_SEPARATOR_DELETION)


def _fold(name: str) -> str:
    """Lower-case, without separators or any diacritic."""
    return unicodedata.normalize("NFC", name).lower().translate(_FOLD)


# --- the table derived from vietnamadminunits ----------------------------------

_DATA_FILE = Path(__file__).with_name("data") / "places.json"
_SOURCE_PACKAGE = "vietnamadminunits"

# Districts merged away before the package's snapshot (January 2025) that notices still name.
_FORMER_DISTRICTS = {
    "Cao Bằng": [
        ("huyện", "Thông Nông"), ("huyện", "Trà Lĩnh"), ("huyện", "Quảng Uyên"), ("huyện", "Phục Hòa"),
    ],
    "Hòa Bình": [("huyện", "Kỳ Sơn")],
    "Hồ Chí Minh": [("quận", "Quận 2"), ("quận", "Quận 9")],
    "Nam Định": [("huyện", "Mỹ Lộc")],
    "Quảng Ninh": [("huyện", "Hoành Bồ")],
    "Thanh Hóa": [("huyện", "Tĩnh Gia"), ("huyện", "Đông Sơn")],
}
# Other ways notices write a province; keys compare as names do.
_PROVINCE_ALIASES = {
    "Thừa Thiên Huế": "Huế",
    "TT Huế": "Huế",
    "HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "BR-VT": "Bà Rịa - Vũng Tàu",
}
# Province names that, standing alone, usually mean something else: a person, a newspaper,
# the word "peace" (and Bạc Liêu's huyện Hòa Bình). With a prefix they still resolve.
_NOT_BARE = {"Hồ Chí Minh", "HCM", "Sài Gòn", "Hòa Bình"}


def _source_version() -> str:
    return f"{_SOURCE_PACKAGE} {metadata.version(_SOURCE_PACKAGE)}"


def _derive_table() -> dict:
    """The compact table, derived from the package's own JSON (slow: ~0.5 s): for each level, the
    units `[name, province, kind]` by the folded key of their spelling, so loading is parsing."""
    legacy = _package_data("parser_legacy.json")
    current = _package_data("parser_from_2025.json")
    converter = _package_data("converter_2025.json")

    old_short = {key: p["provinceShort"] for key, p in legacy["DICT_PROVINCE"].items()}
    new_short = {key: p["provinceShort"] for key, p in current["DICT_PROVINCE"].items()}
    province_kinds = {
        p["provinceShort"]: "thành phố" if p["province"].startswith("Thành phố") else "tỉnh"
        for p in legacy["DICT_PROVINCE"].values()
    }
    provinces = [(name, name, name, kind) for name, kind in province_kinds.items()]
    provinces += [(alias, name, name, province_kinds[name]) for alias, name in _PROVINCE_ALIASES.items()]
    districts = [
        (_short(d["districtShort"]), _short(d["districtShort"]), old_short[key], d["districtType"].lower())
        for key, units in legacy["DICT_PROVINCE_DISTRICT"].items()
        for d in units.values()
    ]
    districts += [(name, name, p, kind) for p, units in _FORMER_DISTRICTS.items() for kind, name in units]
    communes = [
        (ward, old_short[key], kind)
        for source in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED")
        for key, by_district in legacy[source].items()
        for wards in by_district.values()
        for ward, kind in _wards(wards)
    ]
    communes += [
        (ward, new_short[key], kind)
        for source in ("DICT_PROVINCE_WARD_NO_ACCENTED", "DICT_PROVINCE_WARD_ACCENTED")
        for key, wards in current[source].items()
        for ward, kind in _wards(wards)
    ]
    return {
        "source": _source_version(),
        "merged_into": {
            old_short[old]: new_short[new]
            for new, olds in converter["DICT_PROVINCE"].items()
            for old in olds
            if old_short[old] != new_short[new]
        },
        PROVINCE: _by_folded_key(provinces),
        DISTRICT: _by_folded_key(districts),
        COMMUNE: _by_folded_key([(name, name, p, kind) for name, p, kind in communes]),
    }


def _package_data(name: str) -> dict:
    # located, not imported: importing vietnamadminunits pulls in shapely and geopy (~300 ms)
    path = metadata.distribution(_SOURCE_PACKAGE).locate_file(f"{_SOURCE_PACKAGE}/data/{name}")
    return json.loads(Path(path).read_bytes())


def _short(name: str) -> str:
    """The package marks same-named units of one district as `Cai Lậy (Huyện)`; drop the mark."""
    return regex.sub(r"\s*\([^)]*\)$", "", name)


def _wards(wards: dict) -> list[tuple[str, str]]:
    # the package lists island districts without communes as one ward of NaN
    return [(_short(w["wardShort"]), w["wardType"].lower()) for w in wards.values() if isinstance(w["wardShort"], str)]


def _by_folded_key(units: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """`{folded key: "name|province|kind;name|province|kind"}`: strings parse much faster than lists."""
    index: dict[str, list[str]] = {}
    for spelling, name, province_name, kind in sorted(set(units)):
        index.setdefault(_fold(spelling), []).append(f"{name}|{province_name}|{kind}")
    return {key: ";".join(units) for key, units in index.items()}


@cache
def _table() -> dict:
    if _DATA_FILE.exists():
        table = json.loads(_DATA_FILE.read_bytes())
        if table.get("source") == _source_version():
            return table
    return _derive_table()


def _find(level: str, name: str) -> list[Place]:
    """Units of a level so named; when the diacritics tell some apart, only those that match."""
    bucket = _table()[level].get(_fold(name))
    if bucket is None:
        return []
    units = [unit.split("|") for unit in bucket.split(";")]
    if len(units) > 1:
        key = _key(name)
        units = [unit for unit in units if _key(unit[0]) == key] or units
    return [Place(unit_name, level, province_name, kind) for unit_name, province_name, kind in units]


@cache
def _bare_provinces() -> frozenset[str]:
    """Keys of the spellings of provinces that may stand alone."""
    spellings = {*_PROVINCE_ALIASES}
    spellings.update(unit.split("|")[0] for bucket in _table()[PROVINCE].values() for unit in bucket.split(";"))
    return frozenset(_key(spelling) for spelling in spellings - _NOT_BARE)


def _write_table() -> None:
    _DATA_FILE.parent.mkdir(exist_ok=True)
    table = json.dumps(_derive_table(), ensure_ascii=False, separators=(",", ":"))
    _DATA_FILE.write_text(table + "\n", encoding="utf-8")
