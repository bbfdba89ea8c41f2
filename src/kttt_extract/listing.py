"""The text that `kttt plans` and `kttt table` print: consolidated plans, and a province × value table."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Iterator

from .consolidate import fold
from .evaluate_match import figure_label

TABLE_COLUMNS = ("province", "level", "place", "plan", "action", "value", "year", "notices", "conflict")
CSV_COLUMNS = ("province", "level", "place", "issuer", "plan_number", "plan_kind", "status", "subject", "action",
               "unit", "comparator", "value", "value_max", "year", "notices", "conflict")


def amount(figure: dict) -> str:
    """`≥ 20`, `85%`, `10–15`, `3000000000 vnd`."""
    return figure_label({key: figure[key] for key in ("comparator", "value", "value_max", "unit")})


def describe(figure: dict) -> str:
    """`hop_tac_xa ≥ 20 · thanh_lap · hoạt động hiệu quả · 2025`."""
    parts = [f"{figure['subject']} {amount(figure)}", figure["action"], figure["condition"],
             str(figure["year"]) if figure["year"] is not None else None]
    return " · ".join(part for part in parts if part)


def plan_heading(plan: dict) -> str:
    period = (f"{plan['period_start'] or '…'}–{plan['period_end'] or '…'}"
              if plan["period_start"] or plan["period_end"] else None)
    place = f"{plan['issuer_level']} {plan['issuer_place'] or ''}".strip() if plan["issuer_level"] else None
    if place and plan["issuer_province"] and plan["issuer_province"] != plan["issuer_place"]:
        place += f", {plan['issuer_province']}"
    parts = [plan["number"] or "(no number)", plan["kind"], plan["issuer"], place, period,
             f"issued {plan['issued_on']}" if plan["issued_on"] else None,
             f"{len(plan['notices'])} notice{'s' if len(plan['notices']) != 1 else ''}"]
    return "plan " + " · ".join(part for part in parts if part)


def plans_text(plans: Iterable[dict]) -> Iterator[str]:
    """Each plan as a block of lines, a blank line after it."""
    for plan in plans:
        lines = [plan_heading(plan)]
        for notice in plan["notices"]:
            lines.append(f"  notice {notice['published_on'] or 'undated':<10}  {notice['path']}")
        for name, values in plan["disagreements"].items():
            stated = "; ".join(f"{value} ({', '.join(paths)})" for value, paths in values.items())
            lines.append(f"  conflict in {name}: {stated}")
        lines += _figure_lines(plan["figures"])
        yield "\n".join(lines) + "\n\n"


def _figure_lines(figures: list[dict]) -> list[str]:
    lines, shown_conflicts = [], set()
    for figure in figures:
        if figure["conflict"] is None:
            stated_by = ", ".join(f"{s['path']} #{s['seq']}" for s in figure["statements"])
            lines.append(f"  {figure['status']:<8} {describe(figure)}  [{stated_by}]")
        elif figure["conflict"] not in shown_conflicts:
            shown_conflicts.add(figure["conflict"])
            disputed = [f for f in figures if f["conflict"] == figure["conflict"]]
            values = " vs ".join(amount(f) for f in disputed)
            lines.append(f"  {figure['status']:<8} conflict {figure['conflict']}: {_key_text(figure)}: {values}")
            for value in disputed:
                for s in value["statements"]:
                    lines.append(f"      {amount(value):>8}  {s['path']} #{s['seq']} "
                                 f"@{s['evidence_start']}-{s['evidence_end']} «{s['evidence_text']}»")
    return lines


def _key_text(figure: dict) -> str:
    parts = [figure["subject"], figure["unit"], figure["action"], figure["condition"],
             str(figure["year"]) if figure["year"] is not None else None]
    return " · ".join(part for part in parts if part)


def plans_json(plans: Iterable[dict]) -> Iterator[str]:
    """A JSON list of the plans, written as it is read."""
    yield "["
    for index, plan in enumerate(plans):
        yield ("," if index else "") + "\n" + json.dumps(plan, ensure_ascii=False, indent=2)
    yield "\n]\n"


def table_rows(rows: list[dict], after_2025: bool) -> list[dict]:
    """Rows of the province table; `after_2025` names each by its post-2025 province."""
    shown = []
    for row in rows:
        province = row["issuer_province_2025"] if after_2025 else row["issuer_province"]
        shown.append(row | {"province": province or row["issuer_province"], "province_before_2025":
                            row["issuer_province"], "level": row["issuer_level"], "place": row["issuer_place"],
                            "plan": row["plan_number"] or row["plan_kind"]})
    if after_2025:
        shown.sort(key=lambda r: fold(r["province"]))  # stable: the provinces merged into one keep their order
    return shown


def table_csv(rows: list[dict], after_2025: bool) -> str:
    columns = list(CSV_COLUMNS)
    if after_2025:
        columns.insert(1, "province_before_2025")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row, column) for column in columns])
    return buffer.getvalue()


def _csv_value(row: dict, column: str):
    value = row.get(column)
    if column in ("value", "value_max") and isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def table_rich(rows: list[dict], after_2025: bool, title: str, constant: tuple[str, ...] = ()):
    """A rich table; the `constant` columns (fixed by the filter, and said in the title) are left out."""
    from rich.table import Table
    table = Table(title=title, title_justify="left")
    columns = [column for column in TABLE_COLUMNS if column not in constant]
    if after_2025:
        columns.insert(1, "before 2025")
    for column in columns:
        table.add_column(column, justify="right" if column in ("value", "year", "notices") else "left")
    for row in rows:
        cells = row | {"before 2025": row["province_before_2025"], "value": amount(row),
                       "conflict": f"conflict {row['conflict']}" if row["conflict"] else None}
        table.add_row(*("" if cells.get(column) is None else str(cells[column]) for column in columns))
    return table
