"""What `kttt plans`, `kttt table` and `kttt report` read from a kttt database, as plain data."""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from .consolidate import fold
from .database import NOTICE_ORDER

LEVEL_ORDER = {"central": 0, "province": 1, "district": 2, "commune": 3}
PLAN_QUERY = ("SELECT p.*, i.name AS issuer, i.body AS issuer_body, i.level AS issuer_level, i.place AS issuer_place,"
              " i.province AS issuer_province, i.province_2025 AS issuer_province_2025"
              " FROM plans p LEFT JOIN issuers i ON i.id = p.issuer_id")
NO_ACTION = "none"  # `kttt table --action none`: figures without an action (stocks, not flows)
STATED_FIELDS = ("issued_on", "period_start", "period_end")  # plan fields whose disagreement `kttt plans` shows


def place_order(row) -> tuple:
    """Provinces alphabetically (without tone marks), each with its own plans first, then its districts."""
    return (row["issuer_province"] is None, fold(row["issuer_province"]),
            LEVEL_ORDER.get(row["issuer_level"], 9), fold(row["issuer_place"]))


def plans(db: sqlite3.Connection, conflicts_only: bool = False) -> Iterator[dict]:
    """Every plan with its notices and consolidated figures (each with the statements of it), one at a time."""
    where = " WHERE p.id IN (SELECT plan_id FROM plan_figures WHERE conflict IS NOT NULL)" if conflicts_only else ""
    for plan in sorted(db.execute(PLAN_QUERY + where), key=lambda p: (*place_order(p), p["number"] or "", p["id"])):
        figures = plan_figures(db, plan["id"])
        notices = [dict(n) for n in db.execute(
            "SELECT n.id, n.path, n.published_on, n.plan_issued_on AS issued_on, n.plan_period_start AS period_start,"
            f" n.plan_period_end AS period_end FROM notices n WHERE n.plan_id = ? ORDER BY {NOTICE_ORDER}",
            (plan["id"],))]
        yield {**dict(plan), "notices": notices, "figures": figures, "disagreements": _disagreements(notices)}


def plan_figures(db: sqlite3.Connection, plan_id: int) -> list[dict]:
    """A plan's consolidated figures, targets first, each with `statements`: the notices' figures that state it."""
    figures: dict[int, dict] = {}
    rows = db.execute(
        "SELECT pf.*, f.id AS figure_id, f.seq, f.comparator AS stated_comparator, f.evidence_text, f.evidence_start,"
        " f.evidence_end, n.id AS notice_id, n.path FROM plan_figures pf"
        " JOIN figures f ON f.plan_figure_id = pf.id JOIN notices n ON n.id = f.notice_id"
        f" WHERE pf.plan_id = ? ORDER BY pf.status = 'reported', pf.id, {NOTICE_ORDER}, f.seq", (plan_id,))
    for row in rows:
        figure = figures.setdefault(row["id"], {key: row[key] for key in (
            "id", "status", "subject", "unit", "action", "year", "condition", "value", "value_max", "comparator",
            "notices", "conflict")} | {"statements": []})
        figure["statements"].append({key: row[key] for key in (
            "notice_id", "path", "seq", "figure_id", "evidence_text", "evidence_start", "evidence_end")}
            | {"comparator": row["stated_comparator"]})
    return list(figures.values())


def _disagreements(notices: list[dict]) -> dict[str, dict]:
    """Plan fields that the notices state differently: field → {value: [paths]}."""
    found = {}
    for name in STATED_FIELDS:
        values: dict = defaultdict(list)
        for notice in notices:
            if notice[name] is not None:
                values[notice[name]].append(notice["path"])
        if len(values) > 1:
            found[name] = dict(values)
    return found


@dataclass(frozen=True)
class TableFilter:
    subject: str
    status: str = "target"
    action: str | None = None
    unit: str | None = None
    year: int | None = None

    def where(self, on_figures: bool = False) -> tuple[str, list]:
        """SQL conditions on the consolidated figures `pf` or, `on_figures`, on the notices' figures `f`."""
        table = "f." if on_figures else "pf."
        year = ("f.deadline" if self.status == "target" else "f.as_of") if on_figures else "pf.year"
        conditions = [(table + "status", self.status), (table + "subject", self.subject),
                      (table + "action", self.action), (table + "unit", self.unit), (year, self.year)]
        kept = [(column, value) for column, value in conditions if value is not None]
        clauses = [f"{column} IS NULL" if value == NO_ACTION else f"{column} = ?" for column, value in kept]
        return " AND ".join(clauses), [value for _, value in kept if value != NO_ACTION]


def province_rows(db: sqlite3.Connection, wanted: TableFilter) -> list[dict]:
    """The plans' consolidated figures that match, one row each, with the issuer's place, by province."""
    where, values = wanted.where()
    rows = db.execute(
        "SELECT pf.*, p.number AS plan_number, p.kind AS plan_kind, i.name AS issuer, i.level AS issuer_level,"
        " i.place AS issuer_place, i.province AS issuer_province, i.province_2025 AS issuer_province_2025"
        " FROM plan_figures pf JOIN plans p ON p.id = pf.plan_id JOIN issuers i ON i.id = p.issuer_id"
        f" WHERE {where} AND i.province IS NOT NULL", values)
    return sorted((dict(row) for row in rows), key=lambda r: (*place_order(r), r["plan_number"] or "", r["id"]))


def figures_without_province(db: sqlite3.Connection, wanted: TableFilter) -> int:
    """How many figures match but cannot be placed: their notice has no plan, or its issuer no province."""
    where, values = wanted.where(on_figures=True)
    return db.execute(
        "SELECT count(*) FROM figures f JOIN notices n ON n.id = f.notice_id LEFT JOIN plans p ON p.id = n.plan_id"
        f" LEFT JOIN issuers i ON i.id = p.issuer_id WHERE {where} AND i.province IS NULL", values).fetchone()[0]


def counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = ("notices", "plans", "figures", "references", "errors")
    found = {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    found["conflicts"] = db.execute("SELECT count(DISTINCT conflict) FROM plan_figures").fetchone()[0]
    return found


def notices(db: sqlite3.Connection) -> list[dict]:
    rows = db.execute(
        "SELECT n.id, n.path, n.sha256, n.title, n.published_on, p.number AS plan_number, p.kind AS plan_kind,"
        " i.name AS issuer, (SELECT count(*) FROM figures f WHERE f.notice_id = n.id) AS figures"
        " FROM notices n LEFT JOIN plans p ON p.id = n.plan_id LEFT JOIN issuers i ON i.id = p.issuer_id"
        " ORDER BY n.id")
    return [dict(row) for row in rows]
