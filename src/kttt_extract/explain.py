"""Show what extraction found, where (`kttt explain`): in the terminal, or as one HTML page.

Every figure (its evidence), date, document symbol and number is highlighted in
the normalized text and labelled (in the terminal, numbers only where their value
differs from how they are written: `2.009[number 2009]`); the record's fields follow
in tables. Spans that cross are split so that HTML marks always nest.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from .document import Doc
from .evaluate_match import figure_label, format_amount
from .record import Figure, Notice

TAG_KINDS = ("date", "symbol", "number")  # tag dimensions shown, besides figures
TERMINAL_STYLES = {
    "target": "bold black on bright_green",
    "reported": "bold black on bright_cyan",
    "date": "black on yellow",
    "symbol": "black on magenta",
    "number": "underline",
}
LABEL_STYLES = {"target": "bold green", "reported": "bold cyan", "date": "yellow", "symbol": "magenta",
                "number": "dim"}


@dataclass
class Highlight:
    start: int
    end: int
    kind: str                  # "figure", or a tag dimension (date, symbol, number)
    label: str                 # shown beside the span: `target hop_tac_xa ≥ 20`
    detail: str                # shown on hover
    figure: int | None = None  # the figure's number (1-based) in the record
    status: str | None = None  # a figure's status

    @property
    def style_key(self) -> str:
        return self.status if self.kind == "figure" else self.kind


def highlights(doc: Doc, notice: Notice) -> list[Highlight]:
    """Figures first (in record order), then dates, symbols and numbers, all non-empty spans of `doc.text`."""
    found = [_figure_highlight(number, figure) for number, figure in enumerate(notice.figures, 1)]
    for kind in TAG_KINDS:
        for tag in doc.of(kind):
            label = _tag_label(kind, tag)
            found.append(Highlight(tag.start, tag.end, kind, label, f"{label}\n«{doc.text[tag.start:tag.end]}»"))
    return [h for h in found if h.end > h.start]


def _figure_highlight(number: int, figure: Figure) -> Highlight:
    data = figure.model_dump(mode="json")
    label = figure_label(data)
    details = [f"figure {number}: {label}", f"subject_text: {figure.subject_text}"]
    details += [f"{key}: {data[key]}" for key in ("condition", "action", "deadline", "as_of") if data[key] is not None]
    details.append(f"why {data['status']}: {status_why(figure)}")
    return Highlight(figure.evidence.start, figure.evidence.end, "figure", label, "\n".join(details),
                     figure=number, status=data["status"])


def _tag_label(kind: str, tag) -> str:
    """The tag's own label with its value (`year 2020`), unless the label already says it or the
    value is a structure the label describes (a document symbol)."""
    label = tag.label or kind
    value = _show(tag.value)
    return label if value is None or value in label else f"{label} {value}"


def _show(value: object) -> str | None:
    """A scalar tag value as text (a quantity shows its `value`–`value_max`); None for other structures."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_amount(value)
    if isinstance(value, str):
        return value
    if hasattr(value, "value"):
        low, high = _show(value.value), _show(getattr(value, "value_max", None))
        return low if high is None or low is None else f"{low}–{high}"
    return None


def _labelled(doc: Doc, found: list[Highlight]) -> list[Highlight]:
    """The highlights labelled in the terminal: all but numbers inside a figure (the figure's label
    says it) and numbers whose value reads as written (`[number 232]` after `232` says nothing)."""
    figures = [h for h in found if h.kind == "figure"]
    return [h for h in found if h.kind != "number" or (
        not any(f.start <= h.start and h.end <= f.end for f in figures)
        and not h.label.endswith(" " + doc.text[h.start:h.end].strip()))]


# ---------------------------------------------------------------- terminal

def terminal_text(doc: Doc, found: list[Highlight]):
    """The normalized text with highlights styled and labels like `[target hop_tac_xa ≥ 20]` after them."""
    from rich.text import Text

    text = Text(doc.text)
    for h in sorted(found, key=lambda h: (h.start, -h.end)):
        text.stylize(TERMINAL_STYLES[h.style_key], h.start, h.end)
    labels: dict[int, list[Highlight]] = {}
    for h in _labelled(doc, found):
        labels.setdefault(h.end, []).append(h)
    ends = sorted(labels)
    pieces = text.divide(ends)
    out = Text()
    for piece, end in zip(pieces, ends + [None]):
        out.append_text(piece)
        for h in labels.get(end, []):
            out.append(f"[{h.label}]", style=LABEL_STYLES[h.style_key])
    return out


def show(doc: Doc, notice: Notice, console) -> None:
    """Print the highlighted notice, then the record's fields."""
    from rich.rule import Rule

    found = highlights(doc, notice)
    console.print(Rule(notice.title or doc.path))
    console.print(terminal_text(doc, found))
    console.print(Rule("record"))
    console.print(_fields_table(notice))
    console.print(_figures_table(notice))
    for warning in notice.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)


def _fields_table(notice: Notice):
    from rich.table import Table

    table = Table(title="notice and plan", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for name, value in record_fields(notice):
        table.add_row(name, value)
    return table


def record_fields(notice: Notice) -> list[tuple[str, str]]:
    """The record's fields other than figures, as (name, shown value) rows."""
    plan = notice.plan
    rows = [("title", notice.title), ("published_on", notice.published_on),
            ("source", f"{notice.source.path} ({notice.source.format}, {notice.source.encoding})")]
    if plan is None:
        rows.append(("plan", None))
    else:
        issuer = plan.issuer
        rows += [("plan.kind", plan.kind), ("plan.number", plan.number), ("plan.issued_on", plan.issued_on),
                 ("plan.title", plan.title),
                 ("plan.issuer", None if issuer is None else
                  ", ".join(f"{k}: {v}" for k, v in issuer.model_dump(mode="json").items() if v is not None)),
                 ("plan.period", None if plan.period is None else f"{plan.period.start}–{plan.period.end}")]
    rows += [("reference", " ".join(str(x) for x in (ref.kind, ref.number, ref.year) if x is not None))
             for ref in notice.references]
    return [(name, "—" if value is None else _show(value) or str(value)) for name, value in rows]


FIGURE_COLUMNS = ("#", "status", "why", "subject", "subject_text", "value", "comparator", "action", "deadline",
                  "as_of", "condition", "evidence")
TERMINAL_COLUMNS = ("#", "status", "why", "subject", "value", "comparator", "action", "deadline", "as_of",
                    "condition")


def status_why(figure: Figure) -> str:
    """`lead_in «Mục tiêu» @1247`: the cue that made the figure a target or reported, and its scope."""
    why = figure.status_reason
    if why is None:
        return "—"
    where = f" @{why.start}" if why.start is not None else ""
    return f"{why.scope} «{why.cue}»{where}"


def figure_rows(notice: Notice) -> list[dict[str, str]]:
    """One row per figure, column → shown value (`value` carries the range and the unit)."""
    rows = []
    for number, figure in enumerate(notice.figures, 1):
        data = figure.model_dump(mode="json")
        value = format_amount(data["value"])
        if data["value_max"] is not None:
            value += "–" + format_amount(data["value_max"])
        row = {key: "—" if data[key] is None else str(data[key])
               for key in ("status", "subject", "subject_text", "comparator", "action", "deadline", "as_of",
                           "condition")}
        rows.append({**row, "#": str(number), "why": status_why(figure), "value": f"{value} {data['unit']}",
                     "evidence": " ".join(figure.evidence.text.split())})
    return rows


def _figures_table(notice: Notice):
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(notice.figures)} figures")
    for column in TERMINAL_COLUMNS:
        table.add_column(column, overflow="fold")
    for row in figure_rows(notice):
        cells = [row[c] for c in TERMINAL_COLUMNS]
        cells[1] = Text(row["status"], style=LABEL_STYLES[row["status"]])
        table.add_row(*cells)
    return table


# ---------------------------------------------------------------- HTML

def html_text(text: str, found: list[Highlight]) -> str:
    """`text` escaped, with one <mark> per highlight; spans that cross are split so that marks nest."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, set[int]] = {}
    for index, h in enumerate(found):
        starts.setdefault(h.start, []).append(index)
        ends.setdefault(h.end, set()).add(index)
    bounds = sorted({0, len(text), *starts, *ends})
    out, stack = [], []
    for bound, following in zip(bounds, bounds[1:] + [None]):
        closing = ends.get(bound, set())
        if closing & set(stack):
            lowest = min(i for i, index in enumerate(stack) if index in closing)
            reopen = [index for index in stack[lowest:] if index not in closing]
            out += ["</mark>"] * (len(stack) - lowest)
            del stack[lowest:]
            for index in reopen:
                out.append(_open_mark(found[index], continued=True))
                stack.append(index)
        for index in sorted(starts.get(bound, []), key=lambda i: -found[i].end):
            out.append(_open_mark(found[index]))
            stack.append(index)
        if following is not None:
            out.append(html.escape(text[bound:following]))
    return "".join(out + ["</mark>"] * len(stack))


def _open_mark(h: Highlight, continued: bool = False) -> str:
    classes = [h.kind] + ([h.status] if h.status else []) + (["continued"] if continued else [])
    attributes = {"class": " ".join(classes), "data-kind": h.kind, "data-label": h.label, "title": h.detail,
                  "data-start": str(h.start), "data-end": str(h.end)}
    if h.figure is not None:
        attributes["data-figure"] = str(h.figure)
    return "<mark " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attributes.items()) + ">"


def render_html(doc: Doc, notice: Notice) -> str:
    """One self-contained page: highlighted text beside the record; inline CSS and JS, no network."""
    e = html.escape
    found = highlights(doc, notice)
    heading = notice.title or doc.path
    field_rows = "".join(f"<tr><th>{e(name)}</th><td>{e(value)}</td></tr>" for name, value in record_fields(notice))
    figure_head = "".join(f"<th>{e(c)}</th>" for c in FIGURE_COLUMNS)
    figure_body = "".join(
        f'<tr class="{e(row["status"])}" data-figure="{e(row["#"])}" id="figure-{e(row["#"])}">'
        + "".join(f"<td>{e(row[c])}</td>" for c in FIGURE_COLUMNS) + "</tr>"
        for row in figure_rows(notice))
    warnings = "".join(f"<li>{e(w)}</li>" for w in notice.warnings)
    legend = "".join(f'<span class="key {k}">{e(k)}</span> ' for k in ("figure target", "figure reported", *TAG_KINDS))
    return PAGE.format(
        title=e(heading), path=e(doc.path), sha=e(notice.source.sha256[:12]), legend=legend,
        text=html_text(doc.text, found), fields=field_rows, figure_count=len(notice.figures),
        figure_head=figure_head, figure_body=figure_body,
        warnings=f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else "",
        style=STYLE, script=SCRIPT,
    )


STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { padding: 12px 20px; background: #263238; color: #fff; }
header h1 { font-size: 19px; margin: 0 0 4px; }
header .meta { font-size: 13px; opacity: .8; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; padding: 16px 20px; }
@media (max-width: 1000px) { main { grid-template-columns: 1fr; } }
section.wide { grid-column: 1 / -1; overflow-x: auto; }
pre.notice { white-space: pre-wrap; word-wrap: break-word; font: inherit; background: #fff; padding: 16px;
  border: 1px solid #ddd; border-radius: 6px; margin: 0; }
mark, .key { border-radius: 3px; padding: 0 1px; color: inherit; }
.figure.target { background: #b9f6ca; box-shadow: inset 0 -2px #00c853; }
.figure.reported { background: #b3e5fc; box-shadow: inset 0 -2px #0091ea; }
.date { background: #fff59d; }
.symbol { background: #f8bbd0; }
.number { background: #e0e0e0; }
mark.figure mark.number { background: rgba(0, 0, 0, .08); }
mark.figure.active, tr.active { outline: 2px solid #ff6d00; }
table { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; margin-bottom: 16px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
tr[data-figure] { cursor: pointer; }
tr.target td:nth-child(2) { background: #b9f6ca; }
tr.reported td:nth-child(2) { background: #b3e5fc; }
h2 { font-size: 16px; margin: 12px 0 6px; }
.key { font-size: 12px; }
"""

# On load: record each mark's computed background (read by tests and handy when
# debugging styles), and link figure rows with their marks.
SCRIPT = """
document.querySelectorAll("mark[data-kind]").forEach(function (m) {
  m.setAttribute("data-bg", getComputedStyle(m).backgroundColor);
});
function marksOf(n) { return document.querySelectorAll('mark.figure[data-figure="' + n + '"]'); }
document.querySelectorAll("tr[data-figure]").forEach(function (row) {
  var n = row.getAttribute("data-figure");
  row.addEventListener("mouseenter", function () { marksOf(n).forEach(function (m) { m.classList.add("active"); }); });
  row.addEventListener("mouseleave", function () { marksOf(n).forEach(function (m) { m.classList.remove("active"); }); });
  row.addEventListener("click", function () { var m = marksOf(n)[0]; if (m) m.scrollIntoView({block: "center"}); });
});
document.querySelectorAll("mark.figure").forEach(function (m) {
  var row = document.querySelector('tr[data-figure="' + m.getAttribute("data-figure") + '"]');
  m.addEventListener("mouseenter", function () { if (row) row.classList.add("active"); });
  m.addEventListener("mouseleave", function () { if (row) row.classList.remove("active"); });
});
document.documentElement.setAttribute("data-ready", "1");
"""

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kttt explain: {title}</title>
<style>{style}</style>
</head>
<body>
<header><h1>{title}</h1><div class="meta">{path} · sha256 {sha}…</div></header>
<main>
<section>
<div class="legend">{legend}</div>
<pre class="notice">{text}</pre>
</section>
<section>
<h2>Notice and plan</h2>
<table class="fields">{fields}</table>
{warnings}
</section>
<section class="wide">
<h2>{figure_count} figures</h2>
<table class="figures"><thead><tr>{figure_head}</tr></thead><tbody>{figure_body}</tbody></table>
</section>
</main>
<script>{script}</script>
</body>
</html>
"""
