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
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputError

NOTICE_SUFFIXES = (".txt", ".html", ".htm")
RECORD_SUFFIXES = (".json", ".yaml", ".yml")
EXPECTED_SUFFIX = ".expected.yaml"
STATUSES = ("target", "reported")

# Fields scored by `kttt eval`, in report order; a gold file scores those it gives.
EVAL_FIELDS = (
    "plan", "plan.kind", "plan.number", "plan.issued_on", "plan.issuer",
    "plan.issuer.level", "plan.issuer.place", "plan.issuer.province", "plan.period", "published_on",
)
NESTED = ("plan", "issuer")  # objects whose own fields are compared one by one
FIGURE_REQUIRED = ("status", "subject", "unit", "value")
COMPARATOR_SIGNS = {"eq": "=", "approx": "≈", "gte": "≥", "gt": ">", "lte": "≤", "lt": "<", "range": ""}
UNIT_SUFFIXES = {"count": "", "percent": "%", "percent_per_year": "%/năm"}
KEY_MATCH_WEIGHT = 1000  # pairing maximizes matched keys first, agreement second


# ---------------------------------------------------------------- comparing values

def strip_tone_marks(text: str) -> str:
    """`Đắk Lắk` → `Dak Lak`: letters without diacritics, đ as d."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def normalize_symbol(value: object) -> str:
    """A document number as compared: no spaces, case folded (`97/KH-UBND` == `97/kh-ubnd`)."""
    return "".join(str(value).split()).casefold()


def normalize_place(value: object) -> str:
    """A place as compared: no tone marks, case, spaces or hyphens (`Đăk Lăk` == `dak-lak`)."""
    bare = strip_tone_marks(str(value)).casefold()
    return "".join(c for c in bare if not c.isspace() and c not in "-‐‑–—")


def iso_date(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def comparable(name: str, value: object) -> object:
    """The form in which the field `name` (dotted, e.g. `plan.issuer.place`) compares."""
    if value is None:
        return None
    leaf = name.rsplit(".", 1)[-1]
    if leaf == "number":
        return normalize_symbol(value)
    if leaf in ("place", "province"):
        return normalize_place(value)
    if leaf in ("issued_on", "published_on"):
        return iso_date(value)
    if leaf == "period" and isinstance(value, dict):
        return (value.get("start"), value.get("end"))
    if leaf in ("title", "name"):
        return " ".join(str(value).split())
    return value


def same_amount(a: object, b: object) -> bool:
    """Numbers compare numerically (2009 == 2009.0) with a 1e-9 relative tolerance."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9)


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


# ---------------------------------------------------------------- figures

KEY_FIELDS = ("status", "subject", "unit")  # with value and value_max (compared numerically): the key


def same_key(gold: dict, pred: dict, fields: tuple[str, ...] = KEY_FIELDS) -> bool:
    return (all(gold.get(k) == pred.get(k) for k in fields)
            and same_amount(gold.get("value"), pred.get("value"))
            and same_amount(gold.get("value_max"), pred.get("value_max")))


def comparator_ok(gold: dict, pred: dict) -> bool:
    return pred.get("comparator") in {gold.get("comparator"), *(gold.get("comparator_alt") or [])}


def deadline_ok(gold: dict, pred: dict) -> bool:
    return gold.get("deadline") == pred.get("deadline")


def action_ok(gold: dict, pred: dict) -> bool:
    return gold.get("action") == pred.get("action")


def eval_agreement(gold: dict, pred: dict) -> int:
    """How many scored attributes of a key-matched pair agree (action only where gold gives one)."""
    agreed = comparator_ok(gold, pred) + deadline_ok(gold, pred)
    return agreed + (action_ok(gold, pred) if gold.get("action") is not None else 0)


@dataclass
class FigureMatch:
    pairs: list[tuple[int, int]]  # (gold index, predicted index), matched on the key
    missed: list[int]             # gold figures with no predicted partner
    extra: list[int]              # predicted figures with no gold partner


def match_figures(gold: list[dict], pred: list[dict], agreement: Callable[[dict, dict], int] = eval_agreement,
                  fields: tuple[str, ...] = KEY_FIELDS) -> FigureMatch:
    """Pair figures one to one on the key, as many as possible, then with the most agreement.

    `fields` are the key's exact parts besides the value and value_max.
    """
    groups: dict[tuple, tuple[list[int], list[int]]] = {}
    for side, figures in enumerate((gold, pred)):
        for index, figure in enumerate(figures):
            group = tuple(str(figure.get(k)) for k in fields)
            groups.setdefault(group, ([], []))[side].append(index)
    pairs = []
    for gold_ids, pred_ids in groups.values():
        weights = [[KEY_MATCH_WEIGHT + agreement(gold[g], pred[p]) if same_key(gold[g], pred[p], fields) else 0
                    for p in pred_ids] for g in gold_ids]
        pairs += [(gold_ids[i], pred_ids[j]) for i, j in max_weight_assignment(weights)]
    pairs.sort()
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    return FigureMatch(pairs,
                       [i for i in range(len(gold)) if i not in matched_gold],
                       [i for i in range(len(pred)) if i not in matched_pred])


def max_weight_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Rows paired with columns, one to one, for the largest total weight (Hungarian method).

    Pairs of weight 0 are not returned: they stand for "may not be paired".
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    if rows > cols:
        transposed = [list(column) for column in zip(*weights)]
        return sorted((i, j) for j, i in max_weight_assignment(transposed))
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    owner, way = [0] * (cols + 1), [0] * (cols + 1)  # owner[j]: the row (1-based) holding column j
    for row in range(1, rows + 1):
        owner[0], free_col = row, 0
        slack, used = [math.inf] * (cols + 1), [False] * (cols + 1)
        while owner[free_col]:
            used[free_col] = True
            current, delta, next_col = owner[free_col], math.inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cost = -weights[current - 1][j - 1] - u[current] - v[j]
                    if cost < slack[j]:
                        slack[j], way[j] = cost, free_col
                    if slack[j] < delta:
                        delta, next_col = slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            free_col = next_col
        while free_col:
            previous = way[free_col]
            owner[free_col] = owner[previous]
            free_col = previous
    return sorted((owner[j] - 1, j - 1) for j in range(1, cols + 1)
                  if owner[j] and weights[owner[j] - 1][j - 1] > 0)


def format_amount(value: object) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def figure_label(figure: dict) -> str:
    """A short label: `target hop_tac_xa ≥ 20`, `reported thanh_vien = 2009`, `target doanh_thu 4–5%/năm`."""
    unit = figure.get("unit") or ""
    suffix = UNIT_SUFFIXES.get(unit, f" {unit}")
    amount = format_amount(figure.get("value"))
    if figure.get("value_max") is not None:
        amount += "–" + format_amount(figure["value_max"])
    sign = COMPARATOR_SIGNS.get(figure.get("comparator"), str(figure.get("comparator")))
    return " ".join(part for part in (figure.get("status"), figure.get("subject"), sign, amount + suffix) if part)


def evidence_text(figure: dict) -> str | None:
    evidence = figure.get("evidence")
    return " ".join(evidence["text"].split()) if isinstance(evidence, dict) and evidence.get("text") else None


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


# ---------------------------------------------------------------- files

def load_record(path: Path) -> dict:
    """A gold, expected or predicted record (YAML or JSON), checked for the shape scoring needs."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    data = _parse(path, text)
    problem = _shape_problem(data)
    if problem:
        raise InputError(str(path), problem)
    return data


def _parse(path: Path, text: str) -> object:
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON: line {exc.lineno}: {exc.msg}") from None
    import yaml
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise InputError(str(path), f"not valid YAML: {where}{getattr(exc, 'problem', None) or exc}") from None


def _shape_problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return "a record is a mapping (title, published_on, plan, references, figures)"
    if data.get("plan") is not None and not isinstance(data["plan"], dict):
        return "plan: a mapping or null"
    for key in ("references", "figures"):
        if data.get(key) is not None and not (isinstance(data[key], list)
                                              and all(isinstance(x, dict) for x in data[key])):
            return f"{key}: a list of mappings"
    for index, figure in enumerate(data.get("figures") or []):
        missing = [k for k in FIGURE_REQUIRED if k not in figure]
        if missing:
            return f"figures[{index}]: missing {', '.join(missing)}"
        for key in ("value", "value_max"):
            amount = figure.get(key)
            if amount is not None and (isinstance(amount, bool) or not isinstance(amount, (int, float))):
                return f"figures[{index}].{key}: not a number: {amount!r}"
    return None


@dataclass
class Case:
    """One gold record and where its prediction comes from."""
    name: str                  # SET/NAME, for messages
    gold_path: Path
    gold: dict
    notice_path: Path | None   # the notice to extract, or
    pred_path: Path | None     # a record already extracted


def case_stem(gold_path: Path) -> str:
    name = gold_path.name
    return name[:-len(EXPECTED_SUFFIX)] if name.endswith(EXPECTED_SUFFIX) else gold_path.stem


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files named directly, and every `*.yaml` under named directories."""
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.rglob("*.yaml"))
            if not found:
                raise InputError(str(path), "no gold files (*.yaml) in this directory")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(str(path), "no such file or directory")
    return files


def find_cases(paths: Iterable[Path], docs: Path | None = None, pred: Path | None = None) -> list[Case]:
    """Pair each gold file with its notice (or with its predicted record when `pred` is given).

    `gold/SET/NAME.yaml` pairs with `corpus/SET/NAME.txt` (`<gold dir>/../../corpus/SET`);
    `NAME.expected.yaml` with `NAME.txt`/`NAME.html` beside it; `docs` overrides both.
    """
    cases = []
    for gold_path in gold_files(paths):
        stem = case_stem(gold_path)
        name = f"{gold_path.resolve().parent.name}/{stem}"
        gold = load_record(gold_path)
        if pred is not None:
            source = _find(gold_path, pred, stem, RECORD_SUFFIXES, "prediction")
            cases.append(Case(name, gold_path, gold, None, source))
        else:
            source = _find(gold_path, docs or _default_docs(gold_path), stem, NOTICE_SUFFIXES, "notice")
            cases.append(Case(name, gold_path, gold, source, None))
    return cases


def _default_docs(gold_path: Path) -> Path:
    gold_path = gold_path.resolve()
    if gold_path.name.endswith(EXPECTED_SUFFIX):
        return gold_path.parent
    return gold_path.parent.parent.parent / "corpus" / gold_path.parent.name


def _find(gold_path: Path, folder: Path, stem: str, suffixes: tuple[str, ...], what: str) -> Path:
    for suffix in suffixes:
        candidate = folder / (stem + suffix)
        if candidate.is_file():
            return candidate
    names = " or ".join(stem + s for s in suffixes)
    raise InputError(str(gold_path), f"no {what} {names} in {folder}")


def predicted_record(case: Case, patterns=None) -> dict:
    """The case's predicted record as a mapping: read from `pred_path`, or extracted from the notice."""
    if case.pred_path is not None:
        return load_record(case.pred_path)
    from .decode import read_input
    from .pipeline import extract

    path = str(case.notice_path)
    try:
        return extract(read_input(path), path=path, patterns=patterns).model_dump(mode="json")
    except InputError:
        raise
    except Exception as exc:
        exc.add_note(f"while extracting {path}")
        raise


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
