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

from kttt_extract.document import Doc, Span, Tag
from kttt_extract.figures import merge as merge_module
from kttt_extract.figures.candidate import Candidate, Cue
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


# -- one figure per statement: a count stated thousands of times ----------------------------------

def _candidate(index: int, **traits) -> Candidate:
    number = Tag("number", index * 7, index * 7 + 2)
    return Candidate(number=number, value=20, unit="count", subject="hop_tac_xa", subject_text="HTX",
                     subject_span=(index * 7 + 3, index * 7 + 6), sentence=Span(0, 10), start=index * 7,
                     end=index * 7 + 6, core_end=index * 7 + 6, **traits)


def _comparisons(monkeypatch, candidates: list[Candidate]) -> int:
    calls = []
    original = merge_module.same_statement
    monkeypatch.setattr(merge_module, "same_statement", lambda a, b: calls.append(1) or original(a, b))
    merge_module.deduplicate(candidates)
    return len(calls)


def test_a_count_stated_many_times_is_compared_with_one_of_each_kind_not_with_each(monkeypatch):
    # `20 HTX 20 HTX …`: one count, no two of them twins; comparing each with all kept took the square
    few, many = ([_candidate(i) for i in range(n)] for n in (500, 2_000))
    assert _comparisons(monkeypatch, many) < 6 * _comparisons(monkeypatch, few)


def _deduplicate_by_scan(candidates: list[Candidate]) -> list[Candidate]:
    """The deduplication as it was: each candidate compared with every kept one of its count."""
    kept: list[Candidate] = []
    for c in candidates:
        twin = next((i for i, k in enumerate(kept) if merge_module.same_statement(k, c)), None)
        if twin is None:
            kept.append(c)
        elif merge_module.rank(c) > merge_module.rank(kept[twin]):
            kept[twin] = c
    return kept


def test_deduplicate_keeps_what_comparing_with_every_kept_figure_keeps():
    rng = random.Random(29)
    for _ in range(300):
        candidates = []
        for i in range(rng.randrange(1, 30)):
            c = _candidate(i, status=rng.choice(("target", "reported")), on_title=rng.random() < 0.2,
                           on_short_line=rng.random() < 0.3, deadline=rng.choice((None, 2025, 2030)),
                           as_of=rng.choice((None, 2024)),
                           cue=rng.choice((None, Cue("target", "sentence", "phấn đấu"))),
                           reason=rng.choice((None, Cue("reported", "table", "Thực hiện"),
                                              Cue("target", "clause", "mục tiêu"))))
            c.value = rng.choice((20, 30))
            candidates.append(c)
        assert [id(c) for c in merge_module.deduplicate(candidates)] == [id(c) for c in _deduplicate_by_scan(candidates)]
