"""Document symbols and the documents a notice names.

A symbol is `97/KH-UBND`, `01/2020/TT-BKHĐT`, `45/2019/QH14` (number, optional year, codes) or
`20-NQ/TW`, `39-CTr/HU` (the Party's order: number-type/issuer), written with stray spaces at
times (`97 /KH- UBND`). Its normal form has no spaces and known codes in their listed spelling
(`QD` → `QĐ`, see patterns/documents.yaml). A kind word with `số` and a bare number
(`Kế hoạch số 141`) is a symbol too, kept as "141"; up to three lower-case words (no preposition)
may qualify a capitalized kind word before `số` and a full symbol (`Nghị quyết chuyên đề số
08-NQ/ĐU`). The kind comes from the word before the symbol, else from its type code; a first code
that is no type code makes it a công văn.
Laws cited by name and year (`Luật Hợp tác xã năm 2012`) are mentions with a year; a law's name
is kept with it, and with a law cited by name and symbol (`Luật Hợp tác xã số 17/2023/QH15`), so
that the two citations of one law can be told apart from two laws.
"""
from __future__ import annotations

import bisect
import functools
import unicodedata
from dataclasses import dataclass

import regex

from .. import regex_cache
from ..document import Doc, Tag
from ..patterns import PatternSet, alternatives, phrase_regex

_CODE = r"[\p{Lu}][\p{L}\d&]{0,11}"
_CODES = rf"{_CODE}(?:[ ]?-[ ]?{_CODE}){{0,3}}"
_BEFORE_NUMBER = r"(?<![\p{L}\p{N}/.,\-])"
_AFTER = r"(?![\p{L}\p{N}])"
_SYMBOL = (
    rf"{_BEFORE_NUMBER}(?:(?P<num>\d{{1,5}})[ ]?(?:/[ ]?(?P<year>(?:19|20)\d{{2}})[ ]?)?/[ ]?(?P<codes>{_CODES})"
    rf"|(?P<pnum>\d{{1,5}})[ ]?-[ ]?(?P<ptype>{_CODE})[ ]?/[ ]?(?P<pcodes>{_CODES})){_AFTER}"
)
_LINKING_WORD = r"(?:tại|của|theo|và|hoặc|với|về|do|ở|trong|văn|bản)"  # these start another phrase, not a qualifier
_NUMBER_ONLY = r"(?P<bare>\d{1,5})(?![\p{L}\p{N}/]|[.,]\d)"
_LAW_NAME = r"(?P<lawname>\p{Lu}[\p{L}]*(?:[ ]+[\p{L}&]+){0,6}?)"
_LAW_YEAR = r"(?:[ ]*\([^()\n]{1,20}\))?(?:[ ]+|[ ]*,[ ]*)(?:(?i:năm)[ ]+)?(?P<lawyear>(?:19|20)\d{2})(?!\d)(?![ ]*[-/]\d)"
_LETTERS = regex_cache.compile(r"\D+")  # a code's letters before its digits (`UBND`, `QH` of `QH15`)
_TRAILING_DIGITS = regex_cache.compile(r"\d+$")


@dataclass(frozen=True)
class Symbol:
    """A document symbol: the kind slug and the normalized number (`97/KH-UBND`, `141`)."""
    kind: str
    number: str


@dataclass(frozen=True)
class Mention:
    """A document named in the text: by kind word, symbol, or both; laws also by year."""
    kind: str
    number: str | None
    start: int                 # first character: the kind word, else the symbol
    end: int                   # last character + 1: the symbol or the law's year, else the kind word
    word: str | None = None    # the kind word as written
    year: int | None = None    # a law cited by name and year
    symbol_start: int | None = None
    name: str | None = None    # a law's name as written between `Luật` and its year or symbol


@dataclass(frozen=True)
class _KindWords:
    kind: str
    pattern: regex.Pattern
    # one pattern per phrase, to find where the kind's words may start: phrases with no common
    # first letter scan far faster apart than as one alternation
    phrases: tuple[regex.Pattern, ...]


@dataclass(frozen=True)
class _Grammar:
    words: list[_KindWords]     # one pattern per kind: far faster than one alternation
    symbol: regex.Pattern
    after_word: regex.Pattern
    after_qualifier: regex.Pattern  # `Nghị quyết chuyên đề số 08-NQ/ĐU`: lower-case words, `số`, a full symbol
    law_year: regex.Pattern
    law_symbol: regex.Pattern
    type_codes: dict[str, str]      # folded code → kind
    spelling: dict[str, str]        # folded code → canonical spelling


def fold(code: str) -> str:
    """Upper case without diacritics (`Qđ` → `QD`), the key codes compare by."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", code) if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D").upper()


@functools.cache
def grammar(patterns: PatternSet) -> _Grammar:
    kinds = [e for e in patterns.entries("documents") if e.codes or e.slug in _kind_slugs()]
    words = []
    for entry in kinds:
        parts = alternatives(entry)
        phrases = entry.phrases if len(entry.phrases) > 1 and not entry.regex else []
        words.append(_KindWords(entry.slug, regex_cache.compile("|".join(parts), regex.IGNORECASE),
                                tuple(regex_cache.compile(phrase_regex([p]), regex.IGNORECASE) for p in phrases)))
    type_codes = {fold(code): entry.slug for entry in kinds for code in entry.codes}
    spelling = {fold(code): code for dim in ("documents", "bodies") for e in patterns.entries(dim) for code in e.codes}
    return _Grammar(
        words=words,
        symbol=regex_cache.compile(_SYMBOL),
        after_word=regex_cache.compile(rf"[ ]*(?:(?i:số)[ ]*:?[ ]*)?(?:{_SYMBOL}|(?<=(?i:số)[ ]*:?[ ]*){_NUMBER_ONLY})"),
        after_qualifier=regex_cache.compile(
            rf"(?:[ ]+(?!{_LINKING_WORD}(?!\p{{L}}))\p{{Ll}}+){{1,3}}[ ]+(?i:số)[ ]*:?[ ]*{_SYMBOL}"),
        law_year=regex_cache.compile(rf"[ ]+{_LAW_NAME}{_LAW_YEAR}"),
        law_symbol=regex_cache.compile(rf"[ ]+{_LAW_NAME}[ ]+(?:(?i:số)[ ]*:?[ ]*)?{_SYMBOL}"),
        type_codes=type_codes,
        spelling=spelling,
    )


def _kind_slugs() -> set[str]:
    return {"ke_hoach", "nghi_quyet", "chuong_trinh", "quyet_dinh", "chi_thi", "de_an", "chien_luoc", "ket_luan",
            "thong_bao", "cong_van", "bao_cao", "luat", "nghi_dinh", "thong_tu", "other"}


def normalize_number(match: regex.Match, g: _Grammar) -> tuple[str, str | None]:
    """The symbol's normal form and the kind its type code gives (None for a bare number)."""
    if match.groupdict().get("bare"):
        return match.group("bare"), None
    if match.group("pnum"):
        type_code = _spell(match.group("ptype"), g)
        issuer = "-".join(_spell(c, g) for c in _split(match.group("pcodes")))
        return f"{match.group('pnum')}-{type_code}/{issuer}", _kind_of(type_code, g)
    codes = [_spell(c, g) for c in _split(match.group("codes"))]
    year = f"/{match.group('year')}" if match.group("year") else ""
    return f"{match.group('num')}{year}/{'-'.join(codes)}", _kind_of(codes[0], g) or "cong_van"


def _split(codes: str) -> list[str]:
    return [c.strip() for c in codes.split("-") if c.strip()]


def _spell(code: str, g: _Grammar) -> str:
    letters = _LETTERS.match(code)
    head, digits = (letters.group(), code[letters.end():]) if letters else (code, "")
    return g.spelling.get(fold(head), head) + digits


def _kind_of(code: str, g: _Grammar) -> str | None:
    return g.type_codes.get(fold(_TRAILING_DIGITS.sub("", code)))


@functools.lru_cache(maxsize=4)
def find_mentions(text: str, patterns: PatternSet) -> tuple[Mention, ...]:
    """Every document named in text, in order: kind words (with the symbol that follows, if any),
    symbols standing alone, and laws with a year."""
    g = grammar(patterns)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, word in _kind_words(text, g):
        symbol = g.after_word.match(text, word.end())
        if symbol is None and word.group()[0].isupper():
            symbol = g.after_qualifier.match(text, word.end())
        if symbol is not None:
            number, _ = normalize_number(symbol, g)
            start = symbol.start("bare") if symbol.groupdict().get("bare") else symbol.start("num") if symbol.group("num") else symbol.start("pnum")
            mentions.append(Mention(kind, number, word.start(), symbol.end(), word.group(), symbol_start=start))
            taken.append((start, symbol.end()))
            continue
        named = _law_with_symbol(text, word, g) if kind == "luat" else None
        if named is not None:
            mentions.append(named)
            taken.append((named.symbol_start, named.end))
            continue
        law = g.law_year.match(text, word.end()) if kind == "luat" else None
        if law is not None:
            mentions.append(Mention(kind, None, word.start(), law.end(), word.group(), year=int(law.group("lawyear")),
                                    name=law.group("lawname")))
            continue
        mentions.append(Mention(kind, None, word.start(), word.end(), word.group()))
    covered = _Covered(taken)
    for symbol in g.symbol.finditer(text):
        if covered(symbol.start()):
            continue
        number, kind = normalize_number(symbol, g)
        mentions.append(Mention(kind or "cong_van", number, symbol.start(), symbol.end(), symbol_start=symbol.start()))
    return tuple(sorted(mentions, key=lambda m: m.start))


class _Covered:
    """Whether a position lies in one of the spans (start ≤ position < end): `any(...)` over the
    spans, by bisection on their starts and the running furthest end (a notice naming a
    document 100,000 times took the square of that)."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach, furthest = [], -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __call__(self, position: int) -> bool:
        i = bisect.bisect_right(self.starts, position)
        return i > 0 and self.reach[i - 1] > position


def _law_with_symbol(text: str, word: regex.Match, g: _Grammar) -> Mention | None:
    """`Luật Hợp tác xã số 17/2023/QH15`: a law named, then its symbol (a law's own type code)."""
    law = g.law_symbol.match(text, word.end())
    if law is None:
        return None
    number, kind = normalize_number(law, g)
    if kind != "luat":
        return None
    start = law.start("num") if law.group("num") else law.start("pnum")
    return Mention("luat", number, word.start(), law.end(), word.group(), symbol_start=start, name=law.group("lawname"))


def _kind_words(text: str, g: _Grammar) -> list[tuple[str, regex.Match]]:
    """Kind words in text order; where two overlap, the longer (`Thông tư liên tịch`)."""
    found = sorted(((m.start(), -m.end(), words.kind, m) for words in g.words for m in _matches(words, text)),
                   key=lambda item: item[:2])
    kept: list[tuple[str, regex.Match]] = []
    for start, _, kind, match in found:
        if kept and start < kept[-1][1].end():
            continue
        kept.append((kind, match))
    return kept


def _matches(words: _KindWords, text: str):
    """What `words.pattern.finditer(text)` finds: at each start where a phrase matches, in order,
    the kind's pattern, resuming after each match."""
    if not words.phrases:
        return words.pattern.finditer(text)
    starts = sorted({m.start() for phrase in words.phrases for m in phrase.finditer(text, overlapped=True)})
    found, resume = [], 0
    for start in starts:
        if start < resume:
            continue
        match = words.pattern.match(text, start)
        if match is not None:
            found.append(match)
            resume = match.end()
    return found


def tag(doc: Doc, patterns: PatternSet) -> None:
    """Add a `symbol` tag (value: Symbol) for every document symbol, `Kế hoạch số 141` included."""
    for mention in find_mentions(doc.text, patterns):
        if mention.number is not None:
            doc.add(Tag("symbol", mention.symbol_start, mention.end, Symbol(mention.kind, mention.number),
                        f"{mention.kind} {mention.number}"))
