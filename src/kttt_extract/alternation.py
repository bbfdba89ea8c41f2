"""An alternation `(?:a)|(?:b)|…` searched piece by piece, with the alternation's own matches.

The `regex` module finds a lone piece fast: it scans for the piece's leading words (`hiện`,
`huy động`) and tries the piece only where they stand. An alternation of pieces that begin with
lookbehinds or with different words defeats that scan, and every piece is tried at every
position: the status cues' nine regexes took 356 ns a character as one alternation, 108 ns one by
one. `Alternation` asks each piece where its next match is and returns what the alternation would
have: the leftmost match and, of the pieces matching there, the first one listed. Asking each
piece costs a call, so a span shorter than `SHORT_SPAN` characters, and a match at one
position, are left to the alternation (the crossing point measured on the status and action
cues lies between 20 and 80 characters).

Kept as one pattern (`self.pieces` is None): a single piece; pieces that all begin with `^` (each
fails at once off a line's start, so the alternation is as fast); a piece with an inline flag
that the flags given do not hold already (`(?s)`), which inside an alternation applies to the
whole of it, or with `\\G`, which matches where a search begins (a piece is asked again only
where it matched before).
"""
from __future__ import annotations

import regex

from . import regex_cache

SHORT_SPAN = 40


class Alternation:
    def __init__(self, pieces: list[str], flags: int):
        self.whole = regex_cache.compile("|".join(f"(?:{piece})" for piece in pieces), flags)
        self.pieces = _apart(pieces, flags, self.whole)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        return self.whole.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        endpos = len(text) if endpos is None else endpos
        if not self._by_piece(pos, endpos):
            return self.whole.search(text, pos, endpos)
        return _first([piece.search(text, pos, endpos) for piece in self.pieces])

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match]:
        """The alternation's non-overlapping matches; an empty one (whose successor the engine
        places by rules of its own) hands the whole span back to the alternation."""
        endpos = len(text) if endpos is None else endpos
        if not self._by_piece(pos, endpos):
            return list(self.whole.finditer(text, pos, endpos))
        found, ahead = [], [piece.search(text, pos, endpos) for piece in self.pieces]
        while (match := _first(ahead)) is not None:
            if match.end() == match.start():
                return list(self.whole.finditer(text, pos, endpos))
            found.append(match)
            ahead = [piece.search(text, match.end(), endpos) if m is not None and m.start() < match.end() else m
                     for piece, m in zip(self.pieces, ahead)]
        return found

    def _by_piece(self, pos: int, endpos: int) -> bool:
        return self.pieces is not None and endpos - pos >= SHORT_SPAN


def _apart(pieces: list[str], flags: int, whole: regex.Pattern) -> list[regex.Pattern] | None:
    """The pieces compiled one by one, or None if the alternation is to stay whole."""
    if len(pieces) < 2 or all(p.startswith("^") for p in pieces) or any("\\G" in p for p in pieces):
        return None
    compiled = [regex_cache.compile(piece, flags) for piece in pieces]
    # An inline flag (`(?s)`) is the whole alternation's: a piece alone would have it, the others not.
    return compiled if all(piece.flags == whole.flags for piece in compiled) else None


def _first(matches: list[regex.Match | None]) -> regex.Match | None:
    """The leftmost of the pieces' matches, the first piece listed at equal starts."""
    best = None
    for match in matches:
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    return best
