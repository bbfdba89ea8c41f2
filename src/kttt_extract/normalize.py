"""Stage 2: one canonical text that every evidence offset indexes.

- line ends: CRLF, CR, NEL, U+2028/U+2029, VT, FF → LF;
- spaces: NBSP, thin/figure/ideographic and other Unicode spaces → one plain space each
  (runs are kept, so offsets move as little as possible); tabs stay, since they separate
  the cells of a table row;
- zero-width characters, soft hyphens and stray BOMs are removed;
- dashes and minus signs → `-`; curly double quotes → `"`, curly single quotes → `'`;
- Unicode NFC, so decomposed tone marks (Windows-1258, macOS) become precomposed letters;
- one tone-mark placement, the "old" one: `hoà` → `hòa`, `khoẻ` → `khỏe`, `thuỷ` → `thủy`.

Idempotent: normalize(normalize(x)) == normalize(x).
"""
from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b"

_REPLACEMENTS = {
    "\r\n": "\n", **dict.fromkeys(_LINE_BREAKS, "\n"), **dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE, ""),
    **dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_DOUBLE_QUOTES, '"'), **dict.fromkeys(_SINGLE_QUOTES, "'"),
}
# One regex pass instead of str.translate, which is ten times slower on non-ASCII text.
_REPLACED = re.compile("\r\n|[" + re.escape("".join(_LINE_BREAKS + _SPACES + _INVISIBLE + _DASHES + _DOUBLE_QUOTES
                                                   + _SINGLE_QUOTES)) + "]")

# The rhymes whose tone mark has two placements: the mark goes on the second vowel in the "new"
# style (hoà, khoẻ, thuỷ) and on the first in the "old" one (hòa, khỏe, thủy). Only a syllable that
# ends with the pair has two styles: hoàn, ngoài, thuyền put the mark on the second vowel either way.
_TWO_PLACEMENT_PAIRS = ("oa", "oe", "uy")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def _old_style_table() -> dict[str, str]:
    table = {}
    for first, second in _TWO_PLACEMENT_PAIRS:
        for mark in _TONE_MARKS:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                new = f + unicodedata.normalize("NFC", s + mark)
                table[new] = unicodedata.normalize("NFC", f + mark) + s
    return table


_OLD_STYLE = _old_style_table()
_NEW_STYLE_PAIR = re.compile("[oOuU][" + "".join(sorted({new[1] for new in _OLD_STYLE})) + "]")


def _old_style(match: re.Match) -> str:
    """The old placement for a pair that ends its syllable and does not follow q (quý, quỹ: qu + y)."""
    pair, text, start, end = match.group(), match.string, match.start(), match.end()
    if pair not in _OLD_STYLE or (start and text[start - 1] in "qQ"):
        return pair
    if end < len(text) and (text[end].isalnum() or text[end] == "_" or unicodedata.combining(text[end])):
        return pair
    return _OLD_STYLE[pair]


def normalize(text: str) -> str:
    text = _REPLACED.sub(lambda match: _REPLACEMENTS[match.group()], text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _NEW_STYLE_PAIR.sub(_old_style, text)
