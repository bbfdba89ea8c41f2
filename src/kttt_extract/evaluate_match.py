"""Comparing values, and matching predicted figures to gold ones one to one (`kttt eval`)."""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Callable

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
