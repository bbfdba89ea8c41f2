"""Score extracted records against hand-checked gold records (`kttt eval`).

Scoring follows the record specification ("Scoring"): figures are matched one
to one on (status, subject, unit, value, value_max); matched pairs are then
checked for comparator, deadline and action. Plan fields and `published_on`
are scored by exact match where the gold gives them; references by identity.
Gold and predicted records are plain mappings (a gold file is a subset of the
record, plus `comparator_alt`), so predictions can come from any writer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .evaluate_cases import Case
from .evaluate_match import (action_ok, comparable, comparator_ok, deadline_ok, evidence_text, figure_label,
                             iso_date, match_figures, normalize_symbol)

STATUSES = ("target", "reported")

# Fields scored by `kttt eval`, in report order; a gold file scores those it gives.
EVAL_FIELDS = (
    "plan", "plan.kind", "plan.number", "plan.issued_on", "plan.issuer",
    "plan.issuer.level", "plan.issuer.place", "plan.issuer.province", "plan.period", "published_on",
)
NESTED = ("plan", "issuer")  # objects whose own fields are compared one by one


# ---------------------------------------------------------------- fields

@dataclass
class FieldItem:
    name: str
    gold: object
    pred: object

    @property
    def correct(self) -> bool:
        return comparable(self.name, self.gold) == comparable(self.name, self.pred)


def compare_fields(gold: dict, pred: dict, fields: Iterable[str]) -> list[FieldItem]:
    """One item per field in `fields` that the gold gives; `plan`/`issuer` given as null are one item each."""
    items: list[FieldItem] = []
    _compare_level("", gold, pred, frozenset(fields), items)
    return items


def _compare_level(prefix: str, gold: dict, pred: dict | None, fields: frozenset, items: list) -> None:
    for key, gold_value in gold.items():
        name = prefix + key
        pred_value = pred.get(key) if isinstance(pred, dict) else None
        if key in NESTED and isinstance(gold_value, dict):
            _compare_level(name + ".", gold_value, pred_value, fields, items)
        elif name in fields:
            items.append(FieldItem(name, gold_value, pred_value))


def reference_ids(references: list[dict] | None) -> dict[tuple, str]:
    """References by identity (their number, else (kind, year) for unnumbered ones such as laws),
    each with how it is shown: the number as written, or `luat 2012`."""
    ids: dict[tuple, str] = {}
    for ref in references or []:
        if ref.get("number"):
            ids.setdefault(("number", normalize_symbol(ref["number"])), str(ref["number"]))
        elif ref.get("year") is not None:
            ids.setdefault(("kind_year", ref.get("kind"), int(ref["year"])), f"{ref.get('kind')} {ref['year']}")
    return ids


def reference_differences(gold: list[dict] | None, pred: list[dict] | None) -> tuple[int, list[str], list[str]]:
    """(how many references match, the missed ones, the extra ones), shown as written."""
    gold_ids, pred_ids = reference_ids(gold), reference_ids(pred)
    missed = [shown for ref_id, shown in gold_ids.items() if ref_id not in pred_ids]
    extra = [shown for ref_id, shown in pred_ids.items() if ref_id not in gold_ids]
    return len(gold_ids.keys() & pred_ids.keys()), missed, extra


def show_value(value: object) -> str:
    """A field value in messages: JSON-like (`null`, `"97/KH-UBND"`, `"2020-08-05"`, `{"start": 2021, …}`)."""
    return json.dumps(value, ensure_ascii=False, default=iso_date)


# ---------------------------------------------------------------- tallies

@dataclass
class Tally:
    """Precision, recall and F1 from counts."""
    tp: int = 0
    gold: int = 0
    pred: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        return 2 * self.tp / (self.gold + self.pred) if self.gold + self.pred else None

    def as_dict(self) -> dict:
        return {"tp": self.tp, "gold": self.gold, "pred": self.pred,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += bool(ok)
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass
class Error:
    """One mistake, for `--errors`."""
    notice: str
    kind: str      # missed, extra, wrong (figures); field; reference-missed, reference-extra
    what: str      # the figure label, field name or reference
    detail: str = ""

    def as_dict(self) -> dict:
        return {"notice": self.notice, "kind": self.kind, "what": self.what, "detail": self.detail}


@dataclass
class Report:
    notices: int = 0
    figures: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in ("all", *STATUSES)})
    attributes: dict[str, Accuracy] = field(
        default_factory=lambda: {a: Accuracy() for a in ("comparator", "deadline", "action")})
    fields: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in EVAL_FIELDS})
    references: Tally = field(default_factory=Tally)
    errors: list[Error] = field(default_factory=list)

    def add(self, name: str, gold: dict, pred: dict) -> None:
        """Score one notice's prediction against its gold."""
        self.notices += 1
        for item in compare_fields(gold, pred, EVAL_FIELDS):
            self.fields[item.name].add(item.correct)
            if not item.correct:
                self.errors.append(Error(name, "field", item.name,
                                         f"gold {show_value(item.gold)}, got {show_value(item.pred)}"))
        if "references" in gold:
            self._add_references(name, gold["references"], pred.get("references"))
        if "figures" in gold:
            self._add_figures(name, gold["figures"] or [], pred.get("figures") or [])

    def _add_references(self, name: str, gold_refs: list | None, pred_refs: list | None) -> None:
        matched, missed, extra = reference_differences(gold_refs, pred_refs)
        self.references.tp += matched
        self.references.gold += matched + len(missed)
        self.references.pred += matched + len(extra)
        self.errors += [Error(name, "reference-missed", shown) for shown in missed]
        self.errors += [Error(name, "reference-extra", shown) for shown in extra]

    def _add_figures(self, name: str, gold: list[dict], pred: list[dict]) -> None:
        match = match_figures(gold, pred)
        for status in ("all", *STATUSES):
            tally = self.figures[status]
            tally.gold += sum(status in ("all", f.get("status")) for f in gold)
            tally.pred += sum(status in ("all", f.get("status")) for f in pred)
            tally.tp += sum(status in ("all", gold[g].get("status")) for g, _ in match.pairs)
        for g, p in match.pairs:
            self._add_pair(name, gold[g], pred[p])
        for g in match.missed:
            condition = gold[g].get("condition")
            self.errors.append(Error(name, "missed", figure_label(gold[g]),
                                     f"condition: {condition}" if condition else ""))
        for p in match.extra:
            self.errors.append(Error(name, "extra", figure_label(pred[p]), evidence_text(pred[p]) or ""))

    def _add_pair(self, name: str, gold: dict, pred: dict) -> None:
        wrong = []
        checks = [("comparator", comparator_ok), ("deadline", deadline_ok)]
        if gold.get("action") is not None:
            checks.append(("action", action_ok))
        for attribute, check in checks:
            ok = check(gold, pred)
            self.attributes[attribute].add(ok)
            if not ok:
                wrong.append(f"{attribute}: gold {_gold_attribute(gold, attribute)}, got {show_value(pred.get(attribute))}")
        if wrong:
            evidence = evidence_text(pred)
            self.errors.append(Error(name, "wrong", figure_label(gold),
                                     "; ".join(wrong) + (f" — «{evidence}»" if evidence else "")))

    def as_dict(self, with_errors: bool = False) -> dict:
        data = {
            "notices": self.notices,
            "gold_figures": self.figures["all"].gold,
            "pred_figures": self.figures["all"].pred,
            "figures": {status: tally.as_dict() for status, tally in self.figures.items()},
            **{attribute: acc.as_dict() for attribute, acc in self.attributes.items()},
            "fields": {name: acc.as_dict() for name, acc in self.fields.items()},
            "references": self.references.as_dict(),
        }
        if with_errors:
            data["errors"] = [error.as_dict() for error in self.errors]
        return data


def _gold_attribute(gold: dict, attribute: str) -> str:
    value = show_value(gold.get(attribute))
    if attribute == "comparator" and gold.get("comparator_alt"):
        value += " (or " + ", ".join(gold["comparator_alt"]) + ")"
    return value


def evaluate(cases: Iterable[Case], predict: Callable[[Case], dict]) -> Report:
    report = Report()
    for case in cases:
        report.add(case.name, case.gold, predict(case))
    return report


# ---------------------------------------------------------------- output

def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def print_report(report: Report, console, with_errors: bool = False) -> None:
    """The scores as rich tables (and, with `with_errors`, every mistake) on `console`."""
    from rich.table import Table

    console.print(f"{report.notices} notices, {report.figures['all'].gold} gold figures, "
                  f"{report.figures['all'].pred} predicted figures", highlight=False)
    prf = Table(title="figures and references")
    for column in ("", "gold", "pred", "matched", "P %", "R %", "F1 %"):
        prf.add_column(column, justify="left" if not column else "right")
    for name, tally in [*report.figures.items(), ("references", report.references)]:
        prf.add_row(f"figures {name}" if name != "references" else name, str(tally.gold), str(tally.pred),
                    str(tally.tp), _percent(tally.precision), _percent(tally.recall), _percent(tally.f1))
    console.print(prf)
    accuracy = Table(title="attributes of matched figures, and fields")
    for column in ("", "correct", "total", "accuracy %"):
        accuracy.add_column(column, justify="left" if not column else "right")
    for name, acc in [*report.attributes.items(), *report.fields.items()]:
        accuracy.add_row(name, str(acc.correct), str(acc.total), _percent(acc.accuracy))
    console.print(accuracy)
    if with_errors:
        print_errors(report.errors, console)


def print_errors(errors: list[Error], console) -> None:
    from rich.markup import escape

    for error in errors:
        detail = f" — {error.detail}" if error.detail else ""
        console.print(f"{escape(error.notice)}  [bold]{error.kind}[/]  {escape(error.what)}{escape(detail)}",
                      highlight=False, soft_wrap=True)
