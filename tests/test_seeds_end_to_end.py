"""The real seed notices, end to end: a valid record, and the same figures whatever the bytes."""
import json
from pathlib import Path

import jsonschema
import pytest

from kttt_extract import extract
from kttt_extract.pipeline import read
from kttt_extract.record import json_schema
from test_decode import _as_html, cp1258_decomposed, mojibake

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def key(figure) -> tuple:
    return (figure.status, figure.subject, figure.unit, figure.value, figure.value_max, figure.comparator,
            figure.action, figure.deadline)


def variants(raw: bytes) -> dict[str, bytes]:
    text = raw.decode("utf-8")
    found = {"utf-16": text.encode("utf-16"), "mojibake": mojibake(text), "html": _as_html(text)}
    try:
        found["cp1258"] = cp1258_decomposed(text)
    except UnicodeEncodeError:
        pass  # a character Windows-1258 cannot hold
    return found


@pytest.mark.parametrize("seed", SEED_FILES or [None], ids=lambda seed: seed.name if seed else "absent")
def test_a_seed_gives_a_valid_record_and_the_same_figures_in_every_encoding(seed):
    if seed is None:
        pytest.skip("../shared/corpus/seeds is absent")
    raw = seed.read_bytes()
    notice = extract(raw, path=seed.name)
    jsonschema.validate(json.loads(notice.model_dump_json()), json_schema())
    assert notice.figures, "every seed states figures"
    for name, variant in variants(raw).items():
        other = extract(variant, path=seed.name)
        assert sorted(map(key, other.figures), key=str) == sorted(map(key, notice.figures), key=str), name
        text = read(variant, path=seed.name).text
        for figure in other.figures:
            assert text[figure.evidence.start:figure.evidence.end] == figure.evidence.text, name
