"""Run a fuzz input through extraction as `kttt extract` and `kttt batch` do, and say what came of it.

An input ends as exactly one of:
- record: a record that renders to JSON, validates against the record's JSON Schema and
  whose every evidence indexes the normalized text;
- error:  the InputError that the CLI prints as one line, `kttt: error: PATH: REASON`;
- hang:   the per-file time limit was reached (or passed: a limit that did not stop the work);
- crash:  anything else, which the CLI would show as a traceback.
"""
from __future__ import annotations

import json
import time
import traceback
from dataclasses import dataclass
from functools import lru_cache

from kttt_extract.errors import InputError
from kttt_extract.limits import time_limit
from kttt_extract.patterns import PatternSet, load_patterns
from kttt_extract.pipeline import extract
from kttt_extract.record import json_schema
from kttt_extract.write import render

from mutations import FuzzInput, fuzz_input

TIME_LIMIT = 30.0          # seconds: the default --timeout of kttt extract and kttt batch
MAX_REASON = 300           # characters: an error is one short line
OUTCOMES = ("record", "error", "hang", "crash")


@dataclass(frozen=True)
class Result:
    index: int
    kind: str
    sample: str
    size: int
    outcome: str
    seconds: float
    detail: str            # the error's reason, or the crash's last traceback lines


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator
    return Draft202012Validator(json_schema())


def check(item: FuzzInput, patterns: PatternSet | None = None, limit: float = TIME_LIMIT) -> Result:
    """The input's outcome and the time its reading and extraction took, which is what the per-file
    limit of `kttt extract` and `kttt batch` covers; rendering the record and validating it against
    the JSON Schema (seconds for a record of 100,000 figures) come after, untimed."""
    patterns = patterns or load_patterns()
    started = time.perf_counter()
    try:
        with time_limit(limit, item.path):
            notice = extract(item.data, path=item.path, patterns=patterns)
        seconds = time.perf_counter() - started
        _validator().validate(json.loads(render(notice, "json")))
        outcome, detail = "record", f"{len(notice.figures)} figures"
    except InputError as exc:
        seconds = time.perf_counter() - started
        outcome, detail = _classify_error(exc), exc.reason
    except Exception:  # noqa: BLE001 - exactly what the fuzz run is looking for
        seconds = time.perf_counter() - started
        outcome, detail = "crash", " | ".join(traceback.format_exc().strip().splitlines()[-3:])
    if seconds >= limit and outcome != "crash":
        outcome = "hang"
    return Result(item.index, item.kind, item.sample, len(item.data), outcome, seconds, detail)


def _classify_error(exc: InputError) -> str:
    if exc.reason.startswith("extraction took longer than"):
        return "hang"
    one_line = exc.reason and "\n" not in str(exc) and "\r" not in str(exc) and len(exc.reason) <= MAX_REASON
    return "error" if one_line else "crash"


def check_index(index: int, limit: float = TIME_LIMIT) -> Result:
    return check(fuzz_input(index), load_patterns(), limit)
