"""Compare extraction with the expected records of a samples folder (`kttt check`, for CI).

A sample is `NAME.txt` or `NAME.html` with `NAME.expected.yaml` beside it. The
expected file is written in the gold format (a subset of the record); the
fields it gives are compared as `kttt eval` compares them, and its figures as
a multiset on key + comparator (or an alternative) + deadline + as_of + action.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputError
from .evaluate import compare_fields, reference_differences, show_value
from .evaluate_cases import EXPECTED_SUFFIX, NOTICE_SUFFIXES, load_record
from .evaluate_match import comparator_ok, evidence_text, figure_label, match_figures
from .record import Notice

# The expected format: top-level keys in order, and the fields compared.
EXPECTED_KEYS = ("title", "published_on", "plan", "references", "figures")
CHECK_FIELDS = (
    "title", "published_on", "plan", "plan.kind", "plan.number", "plan.issued_on", "plan.period",
    "plan.issuer", "plan.issuer.body", "plan.issuer.level", "plan.issuer.place", "plan.issuer.province",
)
FIGURE_FIELDS = ("status", "subject", "value", "value_max", "unit", "comparator",
                 "condition", "action", "deadline", "as_of")
FIGURE_ATTRIBUTES = ("comparator", "deadline", "as_of", "action")  # compared on key-matched pairs


@dataclass
class Difference:
    kind: str              # missing, extra, changed
    what: str              # a field name, "figure" or "reference"
    detail: str
    evidence: str | None = None

    def line(self) -> str:
        text = f"{self.kind:<8} {self.what}: {self.detail}"
        return text + (f" — «{self.evidence}»" if self.evidence else "")


@dataclass
class SampleResult:
    notice_path: Path
    expected_path: Path
    expected: dict
    notice: Notice
    differences: list[Difference] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.differences


def find_samples(directory: Path) -> list[tuple[Path, Path]]:
    """(notice, expected file) pairs; an expected file without its notice is bad input."""
    if not directory.is_dir():
        raise InputError(str(directory), "not a directory of samples")
    pairs = []
    for expected in sorted(directory.glob("*" + EXPECTED_SUFFIX)):
        stem = expected.name[:-len(EXPECTED_SUFFIX)]
        notice = next((directory / (stem + s) for s in NOTICE_SUFFIXES if (directory / (stem + s)).is_file()), None)
        if notice is None:
            raise InputError(str(expected), f"no notice {stem}.txt or {stem}.html beside it")
        pairs.append((notice, expected))
    return pairs


def check_samples(directory: Path, extract: Callable[[Path], Notice]) -> list[SampleResult]:
    """Extract every sample with `extract` and compare it with its expected record."""
    results = []
    for notice_path, expected_path in find_samples(directory):
        expected = load_record(expected_path)
        notice = extract(notice_path)
        got = notice.model_dump(mode="json")
        results.append(SampleResult(notice_path, expected_path, expected, notice, compare(expected, got)))
    return results


def compare(expected: dict, got: dict) -> list[Difference]:
    """The differences between an expected record and an extracted one, for the fields expected gives."""
    differences = [Difference("changed", item.name, f"expected {show_value(item.gold)}, got {show_value(item.pred)}")
                   for item in compare_fields(expected, got, CHECK_FIELDS) if not item.correct]
    if "references" in expected:
        _, missing, extra = reference_differences(expected["references"], got.get("references"))
        differences += [Difference("missing", "reference", shown) for shown in missing]
        differences += [Difference("extra", "reference", shown) for shown in extra]
    if "figures" in expected:
        differences += _figure_differences(expected["figures"] or [], got.get("figures") or [])
    return differences


def _agreement(expected: dict, got: dict) -> int:
    return sum(_attribute_ok(a, expected, got) for a in FIGURE_ATTRIBUTES)


def _attribute_ok(attribute: str, expected: dict, got: dict) -> bool:
    if attribute == "comparator":
        return comparator_ok(expected, got)
    return expected.get(attribute) == got.get(attribute)


def _figure_differences(expected: list[dict], got: list[dict]) -> list[Difference]:
    """Pairs that differ in attributes; then, of the rest, pairs that differ only in status; then
    what is missing and extra."""
    match = match_figures(expected, got, _agreement)
    differences = [_changed(expected[e], got[g], FIGURE_ATTRIBUTES) for e, g in match.pairs]
    missed = [expected[e] for e in match.missed]
    extra = [got[g] for g in match.extra]
    restatus = match_figures(missed, extra, _agreement, fields=("subject", "unit"))
    differences += [_changed(missed[e], extra[g], ("status", *FIGURE_ATTRIBUTES)) for e, g in restatus.pairs]
    for e in restatus.missed:
        condition = missed[e].get("condition")
        differences.append(Difference("missing", "figure", figure_label(missed[e])
                                      + (f" (condition: {condition})" if condition else "")))
    differences += [Difference("extra", "figure", figure_label(extra[g]), evidence_text(extra[g]))
                    for g in restatus.extra]
    return [d for d in differences if d is not None]


def _changed(expected: dict, got: dict, attributes: tuple[str, ...]) -> Difference | None:
    changed = [f"{a} {show_value(expected.get(a))} → {show_value(got.get(a))}"
               for a in attributes if not _attribute_ok(a, expected, got)]
    if not changed:
        return None
    return Difference("changed", "figure", f"{figure_label(expected)}: " + ", ".join(changed), evidence_text(got))


def expected_view(notice: Notice, keys: tuple[str, ...] = EXPECTED_KEYS) -> dict:
    """The record in the expected format, limited to `keys` (null figure fields left out)."""
    data = notice.model_dump()
    view = {
        "title": data["title"],
        "published_on": data["published_on"],
        "plan": _plan_view(data["plan"]),
        "references": [_compact({k: ref[k] for k in ("kind", "number", "issued_on", "year")}, keep=("number",))
                       for ref in data["references"]],
        "figures": [_compact({k: _plain(fig[k]) for k in FIGURE_FIELDS}) for fig in data["figures"]],
    }
    return {key: view[key] for key in EXPECTED_KEYS if key in keys}


def _plan_view(plan: dict | None) -> dict | None:
    if plan is None:
        return None
    issuer = plan["issuer"]
    return {
        "kind": plan["kind"],
        "number": plan["number"],
        "issued_on": plan["issued_on"],
        "issuer": None if issuer is None else {k: issuer[k] for k in ("body", "level", "place", "province")},
        "period": plan["period"],
    }


def _compact(mapping: dict, keep: tuple[str, ...] = ()) -> dict:
    return {k: v for k, v in mapping.items() if v is not None or k in keep}


def _plain(value: object) -> object:
    """2009.0 → 2009, so that expected files read as the text writes numbers."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def render_expected(notice: Notice, keys: tuple[str, ...] = EXPECTED_KEYS) -> str:
    import yaml

    header = f"# Expected record for {Path(notice.source.path).name}; `kttt check --update` rewrites this file.\n"
    body = yaml.safe_dump(expected_view(notice, keys), allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=4096)
    return header + body


def update_expected(result: SampleResult) -> None:
    """Rewrite the expected file from the extraction, keeping the top-level fields it gave."""
    from .write import atomic_write

    keys = tuple(k for k in EXPECTED_KEYS if k in result.expected) or EXPECTED_KEYS
    atomic_write(result.expected_path, render_expected(result.notice, keys))
