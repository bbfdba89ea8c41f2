"""A 500-input slice of the fuzz run (benchmarks/fuzz.py runs all 10,000), and a hypothesis property.

Every hostile input ends as a valid record or as the one-line InputError, never a traceback.
The slice leaves out the megabyte-sized inputs (one in four of each mutation), which the
benchmark runs, so that the suite stays fast.
"""
from __future__ import annotations

import sys
from collections import Counter
from itertools import count, islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from harness import check  # noqa: E402
from mutations import MUTATIONS, FuzzInput, fuzz_input, is_big  # noqa: E402

from kttt_extract.patterns import load_patterns  # noqa: E402

SLICE = 500


def _small_indices(n: int) -> list[int]:
    return list(islice((i for i in count() if not is_big(i)), n))


def test_a_slice_of_the_fuzz_run_gives_records_or_clean_errors():
    patterns = load_patterns()
    results = [check(fuzz_input(i), patterns) for i in _small_indices(SLICE)]
    bad = [r for r in results if r.outcome in ("crash", "hang")]
    assert not bad, "\n".join(f"#{r.index} {r.kind} of {r.sample}: {r.outcome}: {r.detail}" for r in bad)
    outcomes = Counter(r.outcome for r in results)
    assert outcomes["record"] and outcomes["error"]
    assert {r.kind for r in results} == {name for name, _ in MUTATIONS}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2_000), html=st.booleans())
def test_arbitrary_bytes_give_a_record_or_a_clean_error(data, html):
    result = check(FuzzInput(0, "hypothesis", "-", "x.html" if html else "x.txt", data), load_patterns())
    assert result.outcome in ("record", "error"), result.detail


@pytest.mark.parametrize("text", ["2\u200b0 HTX", "\u202e20 HTX\u202c", "x\u0301" * 5_000, "phấn đấu " * 100_000, "." * 50_000])
def test_pathological_text_gives_a_record(text):
    result = check(FuzzInput(0, "text", "-", "x.txt", text.encode("utf-8")), load_patterns())
    assert result.outcome == "record", result.detail

