"""`write.indented_json` writes what `json.dumps(data, ensure_ascii=False, indent=2)` writes."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kttt_extract.write import indented_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@given(JSON_VALUES)
def test_any_record_shape(data):
    assert indented_json(data) == as_json(data)


@pytest.mark.parametrize("value", [1e-5, -6.3e-05, 2.2e-08, 0.00001234, 1e16, 1.5e18, float("inf"), float("nan"), -0.0])
def test_floats_written_as_json_writes_them(value):
    assert indented_json({"value": value, "values": [value]}) == as_json({"value": value, "values": [value]})


def test_a_lone_surrogate_is_left_to_json():
    assert indented_json({"text": "x\ud800"}) == as_json({"text": "x\ud800"})
