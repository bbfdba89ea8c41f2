"""`kttt report DB --html report.html`: one self-contained page over a kttt database.

The page holds a chart per subject (inline SVG, see charts.py), the conflicts
between notices about the same plan, and the notices. Each notice links to its
`kttt explain` page, which the report writes beside itself in `<name>_explain/`
(relative links: send the page and that folder together). An explain page
re-reads the notice from its path (relative paths start where the database was
loaded, or at `--sources`) and is written only when the file's sha256 is still
the one loaded; otherwise the notice is listed without a link and the reason is
reported.
"""
from __future__ import annotations

import hashlib
import html
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from . import queries
from .charts import chart_title, charts_by_subject, render_svg
from .database import meta
from .listing import amount, plan_heading
from .write import atomic_write


@dataclass
class Written:
    pages: int = 0
    explain_dir: Path | None = None
    problems: list[str] = field(default_factory=list)


def write_report(db: sqlite3.Connection, html_out: Path, *, explain: bool = True, sources: Path | None = None,
                 patterns=None) -> Written:
    html_out = Path(html_out)
    written = Written()
    notices = queries.notices(db)
    links: dict[int, str] = {}
    if explain:
        written.explain_dir = html_out.with_name(f"{html_out.stem}_explain")
        root = Path(sources) if sources is not None else Path(meta(db).get("source_root", "."))
        links = _write_explain_pages(db, notices, written, root, patterns)
    atomic_write(html_out, render_page(db, notices, links, html_out.name))
    return written


def _write_explain_pages(db, notices: list[dict], written: Written, root: Path, patterns) -> dict[int, str]:
    from .decode import read_input
    from .errors import InputError
    from .explain import render_html
    from .pipeline import analyze

    links = {}
    for notice in notices:
        source = Path(notice["path"]) if Path(notice["path"]).is_absolute() else root / notice["path"]
        try:
            raw = read_input(str(source))
        except InputError as exc:
            written.problems.append(f"{notice['path']}: no explain page: {exc.reason} (looked at {source})")
            continue
        if hashlib.sha256(raw).hexdigest() != notice["sha256"]:
            written.problems.append(f"{notice['path']}: no explain page: the file changed since it was loaded")
            continue
        doc, record = analyze(raw, path=notice["path"], patterns=patterns)
        if len(record.figures) != notice["figures"]:
            written.problems.append(f"{notice['path']}: its explain page shows {len(record.figures)} figures, the "
                                    f"database {notice['figures']} (kttt or its patterns changed since the load)")
        name = f"notice-{notice['id']}.html"
        atomic_write(written.explain_dir / name, render_html(doc, record), sync=False)
        links[notice["id"]] = f"{written.explain_dir.name}/{name}"
        written.pages += 1
    for stale in written.explain_dir.glob("notice-*.html") if written.explain_dir.is_dir() else ():
        if f"{written.explain_dir.name}/{stale.name}" not in links.values():
            stale.unlink()  # a page of an earlier report, of a notice no longer in the database
    return links


def render_page(db: sqlite3.Connection, notices: list[dict], links: dict[int, str], name: str) -> str:
    e = html.escape
    totals = queries.counts(db)
    summary = " · ".join(f"{table} {count}" for table, count in totals.items())
    charts = charts_by_subject(db)
    sections = "".join(_subject_section(subject, subject_charts) for subject, subject_charts in charts.items())
    if not sections:
        sections = "<p>No figure of a plan whose issuer's province is known.</p>"
    return PAGE.format(title=e(name), summary=e(summary), style=STYLE, script=SCRIPT, charts=sections,
                       conflicts=_conflicts_section(db, links), notices=_notices_table(notices, links),
                       errors=_errors_section(db),
                       subjects=len(charts), chart_count=sum(len(c) for c in charts.values()))


def _subject_section(subject: str, charts: list) -> str:
    e = html.escape
    figures = "".join(f'<figure><figcaption>{e(chart_title(chart))}</figcaption>{render_svg(chart)}</figure>'
                      for chart in charts)
    return f'<section class="subject" id="subject-{e(subject)}" data-charts="{len(charts)}"><h3>{e(subject)}</h3>' \
           f'{figures}</section>'


def _conflicts_section(db: sqlite3.Connection, links: dict[int, str]) -> str:
    e = html.escape
    rows, anchored = [], set()
    for plan in queries.plans(db, conflicts_only=True):
        for figure in plan["figures"]:
            if figure["conflict"] is None:
                continue
            key = " · ".join(str(part) for part in (figure["status"], figure["subject"], figure["unit"],
                                                    figure["action"], figure["condition"], figure["year"]) if part)
            for statement in figure["statements"]:
                anchor = f' id="conflict-{figure["conflict"]}"' if figure["conflict"] not in anchored else ""
                anchored.add(figure["conflict"])
                rows.append(
                    f'<tr class="conflict-{figure["conflict"]}"><td{anchor}>'
                    f'{figure["conflict"]}</td><td>{e(plan_heading(plan))}</td><td>{e(key)}</td>'
                    f'<td class="value">{e(amount(figure))}</td>'
                    f'<td>{_notice_link(statement["notice_id"], statement["path"], links, statement["seq"])}</td>'
                    f'<td>«{e(statement["evidence_text"])}» '
                    f'<span class="at">@{statement["evidence_start"]}–{statement["evidence_end"]}</span></td></tr>')
    if not rows:
        return "<p>None: where notices report the same plan, they agree on every figure.</p>"
    return ('<table class="conflicts"><thead><tr><th>#</th><th>plan</th><th>figure</th><th>value</th>'
            f'<th>notice, figure</th><th>evidence</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _notice_link(notice_id: int, path: str, links: dict[int, str], seq: int | None = None) -> str:
    e = html.escape
    text = e(path) + (f" #{seq}" if seq is not None else "")
    if notice_id not in links:
        return text
    anchor = f"#figure-{seq}" if seq is not None else ""
    return f'<a href="{e(links[notice_id])}{anchor}">{text}</a>'


def _errors_section(db: sqlite3.Connection) -> str:
    e = html.escape
    rows = "".join(f"<tr><td>{e(path)}</td><td>{e(reason)}</td></tr>"
                   for path, reason in db.execute("SELECT path, reason FROM errors ORDER BY id"))
    if not rows:
        return ""
    return ('<h2>Inputs that gave no record</h2><table class="errors"><thead><tr><th>input</th><th>reason</th>'
            f'</tr></thead><tbody>{rows}</tbody></table>')


def _notices_table(notices: list[dict], links: dict[int, str]) -> str:
    e = html.escape
    rows = "".join(
        f'<tr><td>{notice["id"]}</td><td>{_notice_link(notice["id"], notice["path"], links)}</td>'
        f'<td>{e(notice["published_on"] or "")}</td><td>{e(notice["title"] or "")}</td>'
        f'<td>{e(notice["plan_number"] or notice["plan_kind"] or "")}</td><td>{e(notice["issuer"] or "")}</td>'
        f'<td class="value">{notice["figures"]}</td></tr>' for notice in notices)
    return ('<table class="notices"><thead><tr><th>#</th><th>notice</th><th>published</th><th>title</th>'
            f'<th>plan</th><th>issuer</th><th>figures</th></tr></thead><tbody>{rows}</tbody></table>')


STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { padding: 12px 20px; background: #263238; color: #fff; }
header h1 { font-size: 19px; margin: 0 0 4px; }
header .meta { font-size: 13px; opacity: .8; }
main { padding: 8px 20px 24px; }
h2 { font-size: 17px; margin: 18px 0 6px; border-bottom: 1px solid #ccc; }
h3 { font-size: 15px; margin: 12px 0 4px; }
figure { margin: 6px 0 14px; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 6px;
  display: inline-block; vertical-align: top; }
figcaption { font-size: 13px; color: #555; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #1d1d1f; }
svg.chart text.place { text-anchor: end; }
svg.chart text.scale, svg.chart text.legend { fill: #555; font-size: 11px; }
svg.chart text.scale:last-of-type { text-anchor: start; }
svg.chart .conflict { fill: #d50000; font-weight: 600; }
svg.chart .axis { stroke: #999; }
svg.chart .target { fill: #00c853; }
svg.chart .reported { fill: #0091ea; }
table { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
td.value { text-align: right; white-space: nowrap; }
.at { color: #777; font-size: 12px; }
table.conflicts td:first-child { color: #d50000; font-weight: 600; }
"""

# On load: record what each chart drew (read by tests in a headless browser, and handy when debugging).
SCRIPT = """
document.querySelectorAll("svg.chart").forEach(function (svg) {
  var drawn = 0;
  svg.querySelectorAll("rect.bar").forEach(function (bar) { if (bar.getBBox().width > 0) drawn += 1; });
  svg.setAttribute("data-drawn-bars", String(drawn));
  svg.setAttribute("data-drawn-width", String(Math.round(svg.getBoundingClientRect().width)));
});
document.documentElement.setAttribute("data-ready", "1");
"""

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kttt report: {title}</title>
<style>{style}</style>
</head>
<body>
<header><h1>kttt report</h1><div class="meta">{summary}</div></header>
<main>
<h2>Targets and reported figures by province ({subjects} subjects, {chart_count} charts)</h2>
{charts}
<h2>Conflicts between notices about the same plan</h2>
{conflicts}
<h2>Notices</h2>
{notices}
{errors}
</main>
<script>{script}</script>
</body>
</html>
"""
