"""Numbers as Vietnamese writes them.

A dot groups thousands (`2.009` is 2009) and a comma is the decimal mark (`1,8`
is 1.8); leading zeros drop (`05` is 5); scale words multiply (`1,8 triệu`);
ranges join two numbers (`80-100`, `từ 80 đến 100`); a share of a whole is
`08/14 hợp tác xã`. Number words (`một`, `hai mươi`) count only right before a
counted noun, since `năm` is also "year". Years, phone numbers and numbers
inside dates and document symbols are not tagged as numbers.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

import regex

from .. import regex_cache
from ..document import Doc, Tag
from ..lexicon import words_of
from ..patterns import PatternSet, phrase_regex
from ..spans import SpanSet


@dataclass(frozen=True)
class Quantity:
    value: float
    value_max: float | None = None
    total: float | None = None      # `08/14`: the whole that `value` is a share of
    is_year: bool = False           # a bare year such as 2025: never a figure
    is_zero_phrase: bool = False    # `không có HTX …`: a zero stated in words


_TOKEN = regex_cache.compile(r"(?<![\p{L}\p{N}_.,/\\:@#])(?<!\p{L}-)\d[\d.,]*(?<=\d)(?![\p{L}\p{N}_@]|/\d|:\d|\.\d|,\d)")
_DOT_GROUPED = regex_cache.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DECIMAL = regex_cache.compile(r"\d+(?:,\d+)?")
_COMMA_GROUPED = regex_cache.compile(r"\d{1,3}(?:,\d{3}){2,}")
_PHONE = regex_cache.compile(
    r"\(0\d{2,3}\)[\s.]?\d{1,4}(?:[\s.]?\d{2,4}){1,3}(?!\d)"
    r"|(?<![\d,])0\d{1,3}[\s.]?\d{2,4}(?:[\s.]?\d{2,4}){1,3}(?!\d)"
    r"|(?<!\d)0\d{8,10}(?!\d)"
)
# (?<!\S): tried only where a word starts, else a long word costs the square of its length
_URLISH = regex_cache.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S+@\S+\.\S+|(?<!\S)\S+\.(?:jpg|jpeg|png|gif|webp)\b",
                              regex.IGNORECASE)
_URL_HINTS = ("://", "www.", "@", ".jpg", ".jpeg", ".png", ".gif", ".webp")
_TIME = regex_cache.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
# `2. Mục tiêu`, `1.1. Về số lượng`: the number of a heading, at the start of a line.
_SECTION_NUMBER = regex_cache.compile(r"^[ \t]*\d{1,2}(?:\.\d{1,2})*\.(?=[ \t]+\S)", regex.MULTILINE)
_SPACES = r"[ \t]*"
MAX_DIGITS = 40  # characters of a digit token: the largest amounts (đồng) have 15 digits


def parse_digits(token: str) -> float | None:
    """`2.009` → 2009, `1,8` → 1.8, `05` → 5, `4,219,159` → 4219159; None when not a number."""
    if len(token) > MAX_DIGITS:  # a run of digits, not an amount (and int() refuses 4,300 digits)
        return None
    if _DOT_GROUPED.fullmatch(token):
        whole, _, fraction = token.partition(",")
        return _number(whole.replace(".", ""), fraction)
    if _COMMA_GROUPED.fullmatch(token):
        return _number(token.replace(",", ""), "")
    if _COMMA_DECIMAL.fullmatch(token):
        whole, _, fraction = token.partition(",")
        return _number(whole, fraction)
    return None


def _number(whole: str, fraction: str) -> float:
    return int(whole) if not fraction.strip("0") else float(f"{int(whole)}.{fraction}")


def tidy(value: float) -> float:
    """Integral values as int (2009, not 2009.0); others rounded to drop float noise."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


@dataclass(frozen=True)
class _Grammar:
    scale_any: regex.Pattern
    words: dict[str, float]
    word_multipliers: dict[str, float]
    counted_noun: regex.Pattern
    place_noun: regex.Pattern
    date_word: regex.Pattern
    zero_cue: regex.Pattern


@functools.lru_cache(maxsize=8)
def grammar(patterns: PatternSet) -> _Grammar:
    entries = patterns.entries("numbers")
    words = {p.lower(): e.value for e in entries if e.value not in (None, 0) for p in e.phrases}
    multipliers = {p.lower(): e.multiplier for e in entries if e.multiplier for p in e.phrases}
    nouns = [p for e in patterns.entries("subjects") if e.position != "after" for p in e.phrases + e.anaphora]
    nouns += [p for e in patterns.entries("units") if (e.means or e.slug) in ("count", "person_times")
              for p in e.phrases]
    places = [p for e in patterns.entries("subjects") if e.position == "after" for p in e.phrases]
    date_word = next((e for e in entries if e.slug == "date_word"), None)
    zero = next((e for e in entries if e.slug == "zero"), None)
    return _Grammar(
        scale_any=regex_cache.compile(r"\s*" + phrase_regex([p for e in entries if e.multiplier for p in e.phrases]),
                                      regex.IGNORECASE),
        words=words,
        word_multipliers=multipliers,
        counted_noun=regex_cache.compile(r"\s+" + phrase_regex(nouns), regex.IGNORECASE),
        place_noun=regex_cache.compile(r"\s+" + phrase_regex(places), regex.IGNORECASE),
        date_word=regex_cache.compile(r"(?<![\p{L}])(?:" + phrase_regex(date_word.phrases if date_word else ["(?!)"])
                                      + r")[\s,]*$", regex.IGNORECASE),
        zero_cue=regex_cache.compile(phrase_regex(zero.phrases) if zero else r"(?!)", regex.IGNORECASE),
    )


def tag(doc: Doc, patterns: PatternSet) -> None:
    """Add `number` tags (value: Quantity) to the doc."""
    g = grammar(patterns)
    blocked = [span for span in _blocked_spans(doc) if not _is_share(doc.text, span, g)]
    singles = list(_digit_numbers(doc.text, g, blocked))
    digit_spans = [(t.start, t.end) for t in singles]
    singles += _word_numbers(doc.text, g, blocked + digit_spans)
    singles.sort(key=lambda t: t.start)
    for number in _join_ranges(doc.text, singles, g):
        doc.add(number)


def _blocked_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = [(t.start, t.end) for dim in ("date", "symbol") for t in doc.of(dim)]
    for pattern in (_PHONE, _TIME, _SECTION_NUMBER):
        spans += [(m.start(), m.end()) for m in pattern.finditer(doc.text)]
    lowered = doc.text.lower()
    if any(hint in lowered for hint in _URL_HINTS):  # a slow pattern, run only where it can match
        spans += [(m.start(), m.end()) for m in _URLISH.finditer(doc.text)]
    return sorted(spans)


def _is_share(text: str, span: tuple[int, int], g: _Grammar) -> bool:
    """A date tag over `06/11` right before a counted noun is a share, not the 6th of November."""
    match = _SHARE.match(text, span[0])
    return bool(match and match.end() >= span[1] and _before_counted(text, match, g))


def _before_counted(text: str, match: regex.Match, g: _Grammar) -> bool:
    """`08/14 hợp tác xã`, and `8/12 xã` unless a date word makes it a day (`Ngày 8/12 xã …`)."""
    if g.counted_noun.match(text, match.end()):
        return True
    return bool(g.place_noun.match(text, match.end())
                and not g.date_word.search(text, max(0, match.start() - 12), match.start()))


def _digit_numbers(text: str, g: _Grammar, blocked: list[tuple[int, int]]):
    shares = list(_shares(text, g))
    yield from shares
    blocked = SpanSet(blocked + [(t.start, t.end) for t in shares])
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if blocked.overlaps(start, end):
            continue
        value = parse_digits(match.group())
        if value is None:
            continue
        if _looks_like_year(match.group(), value):
            yield Tag("number", start, end, Quantity(value, is_year=True), "year")
            continue
        value, end = _apply_scale(text, value, end, g)
        yield Tag("number", start, end, Quantity(tidy(value)), "number")


def _looks_like_year(token: str, value: float) -> bool:
    # Counts of a thousand or more are written with a dot (2.009), so a bare
    # four-digit number in this range is a year.
    return token.isdigit() and len(token) == 4 and 1945 <= value <= 2100


_SHARE = regex_cache.compile(r"(?<![\p{N}/.,])(\d{1,5})/(\d{1,5})(?=\s+\p{L})")


def _shares(text: str, g: _Grammar):
    """`08/14 hợp tác xã`: a share of a whole (a date tagger may have read it as 8 December)."""
    for match in _SHARE.finditer(text):
        part, whole = int(match.group(1)), int(match.group(2))
        if part <= whole and _before_counted(text, match, g):
            yield Tag("number", match.start(), match.end(), Quantity(part, total=whole), "share")


def _apply_scale(text: str, value: float, end: int, g: _Grammar) -> tuple[float, int]:
    match = g.scale_any.match(text, end)
    if not match:
        return value, end
    amount = Decimal(str(value))
    while match:  # `1,5 triệu tỷ`: scales compound
        # Decimal arithmetic: 17,1 tỷ is exactly 17100000000, not 17100000000.000002.
        amount *= Decimal(str(g.word_multipliers[match.group().strip().lower()]))
        end = match.end()
        match = g.scale_any.match(text, end)
    return float(amount), end


# Words before a number word that make it part of another phrase: `lần thứ năm`,
# `trong năm`, `mỗi năm`, `hàng trăm` (vague), `một số` is caught by needing a noun.
_NOT_A_NUMBER_WORD = regex_cache.compile(r"(?:thứ|trong|mỗi|hàng|cả|các|những|vào|từ|đến|năm)\s*$", regex.IGNORECASE)


def _word_numbers(text: str, g: _Grammar, blocked: list[tuple[int, int]]):
    blocked = SpanSet(blocked)
    for start, end, words in _word_runs(text, g):
        if blocked.overlaps(start, end) or words[0] in g.word_multipliers:
            continue
        if _NOT_A_NUMBER_WORD.search(text[max(0, start - 8):start]):
            continue
        value = _word_value(words, g)
        if value is None or not g.counted_noun.match(text, end):
            continue
        yield Tag("number", start, end, Quantity(tidy(value)), "number word")


def _word_runs(text: str, g: _Grammar):
    """Runs of number words (`hai mươi lăm`) among the text's words: (start, end, lower-cased words)."""
    words = words_of(text)
    vocabulary = g.words.keys() | g.word_multipliers.keys()
    index, count = 0, len(words.forms)
    while index < count:
        if words.forms[index] not in vocabulary:
            index += 1
            continue
        last = index
        while last + 1 < count and words.forms[last + 1] in vocabulary and words.gaps[last].isspace():
            last += 1
        yield words.starts[index], words.ends[last], words.forms[index:last + 1]
        index = last + 1


def _word_value(words: list[str], g: _Grammar) -> float | None:
    """`hai mươi lăm` → 25, `một trăm` → 100, `mười` → 10."""
    total, current = 0.0, 0.0
    for word in words:
        if word in ("mười", "mươi"):
            current = (current or 1) * 10 if word == "mươi" else current + 10
        elif word in g.words:
            current += g.words[word]
        elif word in g.word_multipliers:
            multiplier = g.word_multipliers[word]
            if multiplier >= 1000:
                total += (current or 1) * multiplier
                current = 0
            else:
                current = (current or 1) * multiplier
        else:
            return None
    return total + current or None


_RANGE_JOIN = regex_cache.compile(r"\s*(?:%\s*)?(?:-|đến|tới)\s*$", regex.IGNORECASE)


def _join_ranges(text: str, numbers: list[Tag], g: _Grammar) -> list[Tag]:
    """`80-100`, `4% - 5%`, `từ 80 đến 100`, `5-7 triệu`: one number with value_max."""
    out: list[Tag] = []
    for number in numbers:
        previous = out[-1] if out else None
        if previous and _joinable(text, previous, number):
            low, high = previous.value, number.value
            low_value = low.value
            if high.value > low.value * 100 and low_value < 1000:  # `5-7 triệu`: the scale covers both
                low_value = low.value * (high.value / _unscaled(text, number))
            out[-1] = Tag("number", previous.start, number.end,
                          Quantity(tidy(low_value), tidy(high.value)), "range")
            continue
        out.append(number)
    return out


def _unscaled(text: str, number: Tag) -> float:
    token = _TOKEN.match(text, number.start)
    return parse_digits(token.group()) if token else number.value.value


def _joinable(text: str, low: Tag, high: Tag) -> bool:
    if low.value.is_year or high.value.is_year or low.value.total or high.value.total:
        return False
    gap = text[low.end:high.start]
    if not _RANGE_JOIN.fullmatch(gap) or "\n" in gap:
        return False
    return low.value.value < high.value.value
