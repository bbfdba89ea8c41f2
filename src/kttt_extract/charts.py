"""The report's charts: for each subject, targets vs reported figures by place, as inline SVG.

One chart per measure of a subject (its unit and action: `count · thanh_lap` is
a flow, `count` alone a stock, `percent` a share), one row per issuing place (a
province's own plans, then each of its districts), two bars a row: the target
with the latest deadline and the reported figure with the latest year. Where
several plans or consolidated values compete, the one stated by most notices wins;
a value in conflict is marked and links to the conflict.
"""
from __future__ import annotations

import html
import sqlite3
from dataclasses import dataclass, field

from .listing import amount
from .queries import place_order
from .record import Subject

LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 190, 400, 190
BAR_HEIGHT, ROW_GAP, TOP, BOTTOM = 14, 12, 28, 26
SUBJECT_ORDER = {subject.value: rank for rank, subject in enumerate(Subject)}


@dataclass
class ChartRow:
    place: str                     # `Sóc Trăng`, or `Mỹ Tú (Sóc Trăng)` for a district
    target: dict | None = None     # the consolidated figure shown, or None
    reported: dict | None = None


@dataclass
class Chart:
    subject: str
    unit: str
    action: str | None
    rows: list[ChartRow] = field(default_factory=list)

    @property
    def ident(self) -> str:
        return "-".join(part for part in ("chart", self.subject, self.unit, self.action) if part)

    @property
    def bars(self) -> int:
        return sum((row.target is not None) + (row.reported is not None) for row in self.rows)


def charts_by_subject(db: sqlite3.Connection) -> dict[str, list[Chart]]:
    """Subjects in the record's order, each with its charts (the measure with most places first)."""
    rows = db.execute(
        "SELECT pf.*, i.level AS issuer_level, i.place AS issuer_place, i.province AS issuer_province"
        " FROM plan_figures pf JOIN plans p ON p.id = pf.plan_id JOIN issuers i ON i.id = p.issuer_id"
        " WHERE i.province IS NOT NULL ORDER BY pf.id")
    measures: dict[tuple, dict[tuple, ChartRow]] = {}
    for row in rows:  # streamed: only the figure shown for each place and measure is kept
        place = measures.setdefault((row["subject"], row["unit"], row["action"]), {}).setdefault(
            place_order(row), ChartRow(_place_label(row)))
        slot = "target" if row["status"] == "target" else "reported"
        if _preferred(row, getattr(place, slot)):
            setattr(place, slot, dict(row))
    grouped: dict[str, list[Chart]] = {}
    for (subject, unit, action), places in measures.items():
        grouped.setdefault(subject, []).append(Chart(subject, unit, action, [places[key] for key in sorted(places)]))
    for charts in grouped.values():
        charts.sort(key=lambda chart: (-len(chart.rows), chart.unit, chart.action or ""))
    return dict(sorted(grouped.items(), key=lambda item: SUBJECT_ORDER.get(item[0], len(SUBJECT_ORDER))))


def _place_label(row: dict) -> str:
    place, province = row["issuer_place"] or row["issuer_province"], row["issuer_province"]
    return place if place == province else f"{place} ({province})"


def _preferred(candidate, current: dict | None) -> bool:
    """The latest year first; then the value stated by most notices; then the first loaded."""
    if current is None:
        return True
    def rank(figure: dict) -> tuple:
        return (figure["year"] if figure["year"] is not None else -1, figure["notices"], -figure["id"])
    return rank(candidate) > rank(current)


def render_svg(chart: Chart) -> str:
    """A horizontal bar chart: two bars per place, the value and year written after each."""
    e = html.escape
    row_height = 2 * BAR_HEIGHT + ROW_GAP
    height = TOP + row_height * len(chart.rows) + BOTTOM
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    top_value = max([_extent(f) for row in chart.rows for f in (row.target, row.reported) if f] or [1]) or 1
    parts = [f'<svg class="chart" id="{e(chart.ident)}" data-bars="{chart.bars}"'
             f' width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img"'
             f' aria-label="{e(chart_title(chart))}">',
             _legend(), f'<line class="axis" x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}"'
             f' y2="{height - BOTTOM + 4}"/>']
    for index, row in enumerate(chart.rows):
        y = TOP + index * row_height
        parts.append(f'<text class="place" x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT + 4}">{e(row.place)}</text>')
        for offset, status, figure in ((0, "target", row.target), (BAR_HEIGHT, "reported", row.reported)):
            if figure is not None:
                parts.append(_bar(figure, status, y + offset, top_value))
    parts.append(f'<text class="scale" x="{LABEL_WIDTH + BAR_WIDTH}" y="{height - 8}">'
                 f'{e(amount({"comparator": "range", "value": top_value, "value_max": None, "unit": chart.unit}))}'
                 f'</text><text class="scale" x="{LABEL_WIDTH}" y="{height - 8}">0</text></svg>')
    return "".join(parts)


def chart_title(chart: Chart) -> str:
    return " · ".join(part for part in (chart.subject, chart.unit, chart.action) if part)


def _extent(figure: dict) -> float:
    return figure["value_max"] if figure["value_max"] is not None else figure["value"]


def _bar(figure: dict, status: str, y: int, top_value: float) -> str:
    e = html.escape
    length = max(1.0, BAR_WIDTH * _extent(figure) / top_value)
    year = figure["year"]
    label = amount(figure) + (f" · {year}" if year is not None else "")
    hover = f"{status} {label}, stated by {figure['notices']} notice{'s' if figure['notices'] != 1 else ''}"
    mark = "" if figure["conflict"] is None else (
        f' <a href="#conflict-{figure["conflict"]}"><tspan class="conflict">⚠ conflict {figure["conflict"]}</tspan></a>')
    return (f'<rect class="bar {status}" x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT - 2}">'
            f'<title>{e(hover)}</title></rect>'
            f'<text class="value" x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT - 3}">{e(label)}{mark}</text>')


def _legend() -> str:
    return (f'<rect class="swatch target" x="{LABEL_WIDTH}" y="4" width="12" height="12"/>'
            f'<text class="legend" x="{LABEL_WIDTH + 16}" y="14">target (latest deadline)</text>'
            f'<rect class="swatch reported" x="{LABEL_WIDTH + 190}" y="4" width="12" height="12"/>'
            f'<text class="legend" x="{LABEL_WIDTH + 206}" y="14">reported (latest year)</text>')
