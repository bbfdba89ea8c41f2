"""Which notices are about the same plan, and which of their figures are the same figure.

Two notices are about the same plan when their plans have the same normalized number
and the same issuer, or, without a number, the same kind, issuer and period. An issuer
is the same when its body, level, place and province are (and, for a ministry, a
department or another body, its name); a plan whose issuer has no place (and is not
central) cannot be told apart from other issuers' plans, so it stays on its own.

Within one plan, figures are the same figure when they agree on status, subject,
unit, action, year (the deadline of a target, the `as_of` of a reported figure) and
condition (compared without case, punctuation or spacing). Such figures that also
agree on value are one consolidated figure, stated by each of their notices. When
two or more notices state values for it that the others do not share, they disagree:
each value becomes a consolidated figure of one `conflict`. A value that only one
notice states, while the others state nothing more, is not a conflict: the others
just did not mention it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import regex_cache
NAMED_BODIES = {None, "bo", "so", "other"}  # bodies whose place alone does not tell them apart
_NOT_A_WORD = regex_cache.compile(r"[^\p{L}\p{N}]+")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Lower-case NFC text with runs of punctuation and spaces as one space."""
    return _NOT_A_WORD.sub(" ", unicodedata.normalize("NFC", text or "").casefold()).strip()


def issuer_identity(issuer: dict | None) -> str | None:
    """The issuer's key (`ubnd|province|sóc trăng|sóc trăng`), or None when it says nothing."""
    if not issuer:
        return None
    parts = [fold(issuer.get(name)) for name in ("body", "level", "place", "province")]
    if issuer.get("body") in NAMED_BODIES:
        parts.append(fold(issuer.get("name")))
    return "|".join(parts) if any(parts) else None


def plan_key(plan: dict, alone: str) -> str:
    """The key shared by notices about the same plan; `alone` makes a key of its own when
    the plan cannot be matched (no identified issuer, or neither number nor period)."""
    issuer = plan.get("issuer") or {}
    identity = issuer_identity(issuer)
    if identity and (issuer.get("place") or issuer.get("level") == "central"):
        if plan.get("number"):
            return f"number:{''.join(plan['number'].split()).casefold()}|{identity}"
        period = plan.get("period") or {}
        if period.get("start") or period.get("end"):
            return f"period:{plan['kind']}|{period.get('start') or ''}-{period.get('end') or ''}|{identity}"
    return f"notice:{alone}"


def figure_year(figure: dict) -> int | None:
    return figure.get("deadline") if figure.get("status") == "target" else figure.get("as_of")


def figure_key(figure: dict) -> tuple:
    """What two figures of one plan must share to be the same figure (their value aside)."""
    return (figure["status"], figure["subject"], figure["unit"], figure.get("action") or "",
            figure_year(figure), fold(figure.get("condition")))


@dataclass(frozen=True)
class Statement:
    """One figure as one notice states it."""
    figure_id: int
    notice_id: int
    value: float
    value_max: float | None
    comparator: str
    condition: str | None


@dataclass
class Consolidated:
    """One value of a figure of a plan, with the statements of it; `disputed` when notices disagree."""
    statements: list[Statement] = field(default_factory=list)
    disputed: bool = False

    @property
    def notices(self) -> int:
        return len({s.notice_id for s in self.statements})


def consolidate(statements: list[Statement]) -> list[Consolidated]:
    """The statements of one figure key of one plan (in notice order), grouped by value."""
    values_of: dict[int, dict] = {}
    by_value: dict[tuple, Consolidated] = {}
    for statement in statements:
        value = (statement.value, statement.value_max)
        values_of.setdefault(statement.notice_id, {})[value] = None
        by_value.setdefault(value, Consolidated()).statements.append(statement)
    common = set.intersection(*(set(values) for values in values_of.values()))
    disagreeing = sum(1 for values in values_of.values() if set(values) - common)
    for value, consolidated in by_value.items():
        consolidated.disputed = disagreeing >= 2 and value not in common
    return list(by_value.values())
