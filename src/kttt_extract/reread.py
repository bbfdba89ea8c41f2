"""Unicode text re-read through a TCVN3 font, and its repair.

A PDF or DOCX conversion that maps a `.Vn` (TCVN3) font's glyphs to Unicode turns every Latin-1
letter of a Unicode text into the TCVN3 letter of the same code: `ê` → `ờ`, `á` → `ỏ`, `ô` → `ụ`,
`à` → `Ổ`, while letters outside Latin-1 (`ụ` in `Mục`, `ờ` in `người`) are left alone. So `Mục
tiêu` comes out `Mục tiờu`, and the same letter is right in one syllable and wrong in the next.

The repair goes syllable by syllable. Each syllable with a re-read letter may be right as it is or
be any of its un-re-read forms; the most frequent Vietnamese syllable wins (`data/vi_syllables.tsv`),
with three nudges: a Latin-1 letter never survives a re-read, so undoing it is likelier; a syllable
that forms a word or a place name with its neighbour (`xây dựng`, not `xây dùng`; `Hà Tĩnh`, not
`HỔ Tĩnh`) is likelier; and a lone capital syllable among lower-case ones is unlikely. Nothing changes unless the notice has enough syllables
that are no Vietnamese at all (`tiờu`, `cỏc`, `khụng`) and are once repaired.
"""
from __future__ import annotations

import functools
import itertools
import re

from .decode_legacy import LEGACY_ENCODINGS, decoding_table
from .syllables import SYLLABLE, word_pairs, zipf

REREAD = "+tcvn3-reread"

_MAX_MARKED = 4          # re-read letters in one syllable beyond which it is no Vietnamese syllable
_LATIN1_BONUS = 1.0      # per Latin-1 letter undone: a re-read never leaves one
_PAIR_BONUS = 2.0        # for a syllable that makes a word or a place name with its neighbour
_LONE_CAPITALS_COST = 1.0  # for `HỔ` between syllables that are not capitals
_MIN_BROKEN = 3          # syllables that are no word and become one, before anything changes
_MIN_BROKEN_SHARE = 0.2  # of the syllables with a re-read letter, in the lines repaired
_MAX_CLEAN_SHARE = 0.25  # letters a re-read never leaves, per re-read letter; correct text has over 0.5


def _vietnamese_latin1_letters() -> str:
    letters = "àáâãèéêìíòóôõùúý"
    return letters + letters.upper()


@functools.cache
def _tables() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(re-read letter → the letter it was, re-read letters that are Latin-1 themselves, Latin-1
    letters a re-read never leaves)."""
    tcvn3 = decoding_table("tcvn3")
    original = {tcvn3[ord(letter)]: letter for letter in _vietnamese_latin1_letters()
                if tcvn3[ord(letter)] != letter}
    latin1_images = frozenset(ch for ch in original if ord(ch) < 0x100)
    survivors = frozenset(letter for letter in _vietnamese_latin1_letters()
                          if letter not in original and tcvn3[ord(letter)] != letter)
    return original, latin1_images, survivors


@functools.cache
def _pairs() -> frozenset[tuple[str, str]]:
    """Neighbouring syllables of words and of province and district names, lower-case: ("hà", "tĩnh")."""
    from .gazetteer import names

    pairs = set(word_pairs())
    for name in names():
        syllables = SYLLABLE.findall(name.lower())
        pairs.update(zip(syllables, syllables[1:]))
    return frozenset(pairs)


def reread_through_tcvn3(text: str) -> str:
    """What the font does: each Latin-1 letter becomes the TCVN3 letter of its code (for tests and benchmarks)."""
    tcvn3 = decoding_table("tcvn3")
    latin1 = _vietnamese_latin1_letters()
    return "".join(tcvn3[ord(ch)] if ch in latin1 else ch for ch in text)


@functools.cache
def _letter_finders() -> tuple[re.Pattern, re.Pattern]:
    """Regexes of (re-read letters, letters a re-read never leaves)."""
    original, _, survivors = _tables()
    return re.compile(f"[{''.join(original)}]"), re.compile(f"[{''.join(survivors)}]")


def _may_be_reread(text: str) -> bool:
    """The cheap test first: correct Vietnamese has many `à`, `á`, `ê` …, which a re-read never leaves."""
    marked, clean = _letter_finders()
    return len(clean.findall(text)) < _MAX_CLEAN_SHARE * len(marked.findall(text))


@functools.lru_cache(maxsize=65536)
def _forms(syllable: str) -> tuple[tuple[str, float, float], ...]:
    """The syllable and each of its un-re-read forms: (form, Vietnamese frequency, Latin-1 bonus)."""
    original, latin1_images, _ = _tables()
    positions = [i for i, ch in enumerate(syllable) if ch in original]
    found = [(syllable, zipf(syllable), 0.0)]
    if len(positions) > _MAX_MARKED:
        return tuple(found)
    for flips in itertools.product((False, True), repeat=len(positions)):
        if not any(flips):
            continue
        letters, bonus = list(syllable), 0.0
        for i, flip in zip(positions, flips):
            if flip:
                bonus += _LATIN1_BONUS if letters[i] in latin1_images else 0.0
                letters[i] = original[letters[i]]
        found.append(("".join(letters), zipf("".join(letters)), bonus))
    return tuple(found)


@functools.lru_cache(maxsize=65536)
def _candidates(syllable: str) -> tuple[tuple[str, float], ...]:
    """The syllable and its un-re-read forms that are Vietnamese, with their scores before context."""
    first, *others = _forms(syllable)
    return ((first[0], first[1]), *((form, frequency + bonus) for form, frequency, bonus in others if frequency))


def _is_marked(syllable: str) -> bool:
    original = _tables()[0]
    return any(ch in original for ch in syllable)


def _context_score(candidate: str, before: str | None, after: str | None) -> float:
    score = 0.0
    pairs = _pairs()
    lower = candidate.lower()
    if (before and (before.lower(), lower) in pairs) or (after and (lower, after.lower()) in pairs):
        score += _PAIR_BONUS
    neighbours = [word for word in (before, after) if word]
    if len(candidate) > 1 and candidate.isupper() and neighbours and not any(
            len(word) > 1 and word.isupper() for word in neighbours):
        score -= _LONE_CAPITALS_COST
    return score


def _choose(syllable: str, before: str | None, after: str | None) -> str:
    """The best of the syllable and its un-re-read forms, its neighbours as they read now. A form
    that is no common word still counts when it makes a place name with a neighbour (`Krông Búk`)."""
    scored = [(score + _context_score(candidate, before, after), candidate)
              for candidate, score in _candidates(syllable)]
    scored += [(bonus + _context_score(form, before, after), form)
               for form, frequency, bonus in _forms(syllable)[1:]
               if not frequency and _context_score(form, before, after) >= _PAIR_BONUS]
    best_score, best = scored[0][0], syllable  # ties keep the text as it is
    for score, candidate in scored[1:]:
        if score > best_score:
            best_score, best = score, candidate
    return best


def _line_repair(line: str) -> tuple[str, int, int, int]:
    """(the line repaired, syllables changed, of them those that were no word, syllables with a
    re-read letter). Neighbours are taken as first chosen without context."""
    matches = list(SYLLABLE.finditer(line))
    words = [match.group() for match in matches]
    first = [max(_candidates(word), key=lambda pair: pair[1])[0] if _is_marked(word) else word for word in words]
    pieces, last, changed, broken, marked = [], 0, 0, 0, 0
    for i, match in enumerate(matches):
        if not _is_marked(words[i]):
            continue
        marked += 1
        chosen = _choose(words[i], first[i - 1] if i else None, first[i + 1] if i + 1 < len(first) else None)
        if chosen != words[i]:
            changed += 1
            broken += zipf(words[i]) == 0
            pieces += [line[last:match.start()], chosen]
            last = match.end()
    pieces.append(line[last:])
    return "".join(pieces), changed, broken, marked


def _broken_count(text: str) -> int:
    """Syllables that are no word and have an un-re-read form that is one."""
    count = 0
    for match in SYLLABLE.finditer(text):
        syllable = match.group()
        if _is_marked(syllable) and zipf(syllable) == 0 and len(_candidates(syllable)) > 1:
            count += 1
    return count


def repair_tcvn3_reread(text: str) -> tuple[str, int]:
    """Undo a TCVN3 re-read of `text` (NFC), line by line; (the text, how many syllables changed).

    A notice with many Latin-1 letters that a re-read never leaves (`à`, `á`, `ê` …) has not been through
    the font; nor has a line with such a letter, unless more of its syllables are broken than it has
    such letters: it stays as it is.
    """
    if not _may_be_reread(text) or _broken_count(text) < _MIN_BROKEN:
        return text, 0
    survivors = _tables()[2]
    lines, changed, broken, marked = [], 0, 0, 0
    for line in text.splitlines(keepends=True):
        repaired, line_changed, line_broken, line_marked = _line_repair(line)
        clean_letters = sum(ch in survivors for ch in line)
        if clean_letters == 0 or line_broken > clean_letters:
            changed, broken, marked = changed + line_changed, broken + line_broken, marked + line_marked
            line = repaired
        lines.append(line)
    if broken < _MIN_BROKEN or broken < _MIN_BROKEN_SHARE * marked:
        return text, 0
    return "".join(lines), changed


def undo_reread(text: str, encoding: str) -> tuple[str, str, list[str]]:
    """The decoding hook: (text, encoding, warnings), with a TCVN3 re-read undone when there is one."""
    if encoding in LEGACY_ENCODINGS:
        return text, encoding, []
    repaired, changed = repair_tcvn3_reread(text)
    if not changed:
        return text, encoding, []
    warning = f"text had been re-read through a TCVN3 font (ê shown as ờ, á as ỏ …): {changed} syllables repaired"
    return repaired, encoding + REREAD, [warning]
