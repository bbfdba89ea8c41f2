"""`Alternation` finds what the one alternation of its pieces finds, searched piece by piece."""
from __future__ import annotations

from pathlib import Path

import pytest

from kttt_extract.alternation import SHORT_SPAN, Alternation
from kttt_extract.lexicon import _FLAGS, table
from kttt_extract.patterns import load_patterns

REPO = Path(__file__).resolve().parents[1]


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def same_as_whole(alternation: Alternation, text: str, pos: int, endpos: int) -> None:
    whole = alternation.whole
    assert spans(alternation.finditer(text, pos, endpos)) == spans(whole.finditer(text, pos, endpos))
    found, expected = alternation.search(text, pos, endpos), whole.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("dimension", ["status", "actions", "comparators", "units"])
def test_the_cue_tables_over_the_samples(dimension):
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))[:12])
    alternations = [p for p, _ in table(load_patterns(), dimension).patterns if isinstance(p, Alternation)]
    for alternation in alternations:
        same_as_whole(alternation, text, 0, len(text))
        for start in range(0, len(text) - 300, 97):
            same_as_whole(alternation, text, start, start + 300)


def test_the_first_piece_listed_wins_at_one_position():
    alternation = Alternation([r"hợp\s+tác", r"hợp\s+tác\s+xã", r"(?<=có\s)\d+"], _FLAGS)
    text = "Tỉnh có 12 hợp tác xã; " * 3
    assert spans(alternation.finditer(text)) == [(8, 10), (11, 18), (31, 33), (34, 41), (54, 56), (57, 64)]
    same_as_whole(alternation, text, 0, len(text))


def test_an_empty_match_leaves_the_span_to_the_whole_alternation():
    alternation = Alternation([r"xã", r"(?=\d)", r"\d+"], _FLAGS)
    text = "xã 12, xã 3 và " + "thôn " * SHORT_SPAN
    same_as_whole(alternation, text, 0, len(text))


def test_pieces_that_cannot_stand_alone_stay_one_pattern():
    assert Alternation([r"(?s)a", r"b"], _FLAGS).pieces is None
    assert Alternation([r"(?i)a", r"b"], _FLAGS).pieces is not None  # the flags hold it already
    assert Alternation([r"^a", r"^b"], _FLAGS).pieces is None
    assert Alternation([r"\Ga", r"b"], _FLAGS).pieces is None
    assert Alternation([r"a"], _FLAGS).pieces is None
    assert Alternation([r"a", r"b"], _FLAGS).pieces is not None
