"""A cue word repeated tens of thousands of times is read in work linear in the repetitions.

The full fuzz run found 15 such inputs (a document's name or a target cue repeated 10,000–100,000
times, 0.3–2.8 MB) that reached the 30 s per-file limit: every symbol standing alone was checked
against every span already taken, and every document named on a line re-tested the whole line
for being a list of titles. These tests are not timed: two run the reading under the per-file
limit mechanism (`time_limit`, which the quadratic code overran many times over), one compares
the bisection with the `any()` it replaces.
"""
from __future__ import annotations

import random
from types import SimpleNamespace

from kttt_extract.document import Doc, Span
from kttt_extract.limits import time_limit
from kttt_extract.metadata import mentions as mentions_module
from kttt_extract.patterns import load_patterns
from kttt_extract.tag.symbols import _Covered, find_mentions

TIMES = 20_000


def test_a_document_named_20000_times_is_found_within_the_per_file_limit():
    text = "Kế hoạch số 12/KH-UBND, " * TIMES + "theo 15/QĐ-UBND."
    with time_limit(10.0, "repeated.txt"):   # quadratic, this took minutes
        found = find_mentions(text, load_patterns())
    assert len(found) == TIMES + 1
    assert found[-1].number == "15/QĐ-UBND" and found[-1].word is None


def test_covered_is_any_over_the_spans():
    rng = random.Random(13)
    for _ in range(200):
        spans = [(s, s + rng.randrange(0, 30)) for s in (rng.randrange(200) for _ in range(rng.randrange(12)))]
        covered = _Covered(spans)
        for position in range(-2, 240):
            assert covered(position) == any(s <= position < e for s, e in spans)


def test_a_line_naming_a_document_100000_times_is_tested_as_a_list_within_the_per_file_limit():
    cue = "Kế hoạch số 12/KH-UBND "
    text = cue * 100_000
    doc = Doc(text, lines=[Span(0, len(text))])
    page = SimpleNamespace(doc=doc, lines=[SimpleNamespace(start=0, text=text)])
    named = [SimpleNamespace(number="12/KH-UBND", start=i * len(cue)) for i in range(100_000)]
    with time_limit(10.0, "repeated.txt"):   # slicing the 2.3 MB line for each document took hours
        assert mentions_module._title_list_lines(page, named) == set()
