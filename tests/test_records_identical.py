"""Speed-ups change no record: every bundled notice's JSON record is byte-identical to the stored one.

The stored records (tests/records/records.json.gz: input name → `kttt extract -f json` output) cover
samples/*.txt|html, tests/heldout/set*/*.txt|html and, when it is there, ../shared/corpus/*/*.txt.
A change that is *meant* to change records rewrites them, and the diff shows what changed:

    python tests/test_records_identical.py --write
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STORED = REPO / "tests" / "records" / "records.json.gz"


def inputs() -> list[tuple[str, Path]]:
    files = sorted(p for p in (REPO / "samples").glob("*") if p.suffix in (".txt", ".html"))
    files += sorted(p for p in (REPO / "tests" / "heldout").glob("set*/*") if p.suffix in (".txt", ".html"))
    names = [(str(p.relative_to(REPO)), p) for p in files]
    names += [(str(p.relative_to(REPO.parent)), p) for p in sorted((REPO.parent / "shared" / "corpus").glob("*/*.txt"))]
    return names


def record(name: str, path: Path) -> str:
    from kttt_extract.patterns import load_patterns
    from kttt_extract.pipeline import extract
    from kttt_extract.write import render
    return render(extract(path.read_bytes(), path=name, patterns=load_patterns()), "json")


def stored() -> dict[str, str]:
    with gzip.open(STORED, "rt", encoding="utf-8") as handle:
        return json.load(handle)


@pytest.mark.parametrize("name,path", inputs(), ids=[name for name, _ in inputs()])
def test_record_is_byte_identical(name, path):
    records = _stored_once()
    if name not in records:
        pytest.skip(f"no stored record for {name} (python tests/test_records_identical.py --write)")
    assert record(name, path) == records[name]


def test_every_bundled_notice_has_a_stored_record():
    records = _stored_once()
    missing = [name for name, _ in inputs() if name.startswith(("samples/", "tests/")) and name not in records]
    assert not missing, f"no stored record for {missing[:5]}: python tests/test_records_identical.py --write"


_CACHE: dict[str, str] = {}


def _stored_once() -> dict[str, str]:
    if not _CACHE:
        _CACHE.update(stored())
    return _CACHE


def write() -> None:
    records = stored() if STORED.exists() else {}
    records.update({name: record(name, path) for name, path in inputs()})
    STORED.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(STORED, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(dict(sorted(records.items())), handle, ensure_ascii=False, indent=0)
    print(f"wrote {len(records)} records to {STORED}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    write()
