"""How Vietnamese a piece of text reads, syllable by syllable.

Vietnamese writes one syllable per word, so a frequency list of syllables tells whether a run of
letters is Vietnamese at all (`các`, `tiêu`) or a misreading (`cỏc`, `tiờu`, `trốs`), and the
words of two or more syllables tell which of two readings fits its neighbour (`xây dựng`, not `xây
dùng`). Both lists are derived by `scripts/make_vietnamese_lists.py`: `data/vi_syllables.tsv` from
wordfreq's `small_vi`, `data/vi_word_pairs.txt` from pyvi's dictionary.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

_DATA = Path(__file__).with_name("data")

SYLLABLE = re.compile(r"[^\W\d_]+")


@functools.cache
def _frequencies() -> dict[str, float]:
    table = {}
    with (_DATA / "vi_syllables.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                syllable, zipf = line.rstrip("\n").split("\t")
                table[syllable] = float(zipf)
    return table


def zipf(syllable: str) -> float:
    """The syllable's Zipf frequency (3 ≈ once a million words, 7 ≈ `và`); 0 when it is not listed.

    A syllable written in mixed case (`vỔ`, `TIấU`) is no word, whatever its letters.
    """
    if not _natural_case(syllable):
        return 0.0
    return _frequencies().get(syllable.lower(), 0.0)


@functools.cache
def word_pairs() -> frozenset[tuple[str, str]]:
    """Two neighbouring syllables of a Vietnamese word, lower-case: ("xây", "dựng")."""
    with (_DATA / "vi_word_pairs.txt").open(encoding="utf-8") as handle:
        return frozenset(tuple(line.split()) for line in handle if not line.startswith("#"))


def _natural_case(syllable: str) -> bool:
    return syllable.islower() or syllable.isupper() or syllable.istitle()


def accented_syllables(text: str) -> tuple[int, int]:
    """(how many are Vietnamese syllables, how many there are) among the syllables with a non-ASCII letter."""
    known = total = 0
    for match in SYLLABLE.finditer(text):
        syllable = match.group()
        if not syllable.isascii():
            total += 1
            known += zipf(syllable) > 0
    return known, total
