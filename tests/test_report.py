"""`kttt report`: one self-contained page with a chart per subject, the conflicts and links to the notices'
explain pages; rendered in a headless Chromium (screenshot in tests/artifacts/report.png)."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from kttt_extract.cli import app
from test_explain import chromium, run_chromium

runner = CliRunner()
ARTIFACTS = Path(__file__).with_name("artifacts")
DB_FIXTURES = Path(__file__).with_name("db_fixtures")

# chart → {place: (target label, reported label)}, read off tests/db_fixtures
CHARTS = {
    "chart-hop_tac_xa-count": {"Bến Tre": ("= 285 · 2025", "= 268 · 2024"), "Hậu Giang": (None, "= 286 · 2024"),
                               "Sóc Trăng": (None, "= 312 · 2024"), "Mỹ Tú (Sóc Trăng)": ("= 30 · 2025", "= 25")},
    "chart-hop_tac_xa-count-thanh_lap": {"Bến Tre": ("= 20 · 2025", "= 18 · 2024"),
                                         "Hậu Giang": ("= 12 · 2025", "= 10 · 2024"),
                                         "Sóc Trăng": ("≥ 20 · 2025", None), "Mỹ Tú (Sóc Trăng)": ("= 5 · 2025", None)},
    # the conflict: 85% (the plan's own page, the earlier) is drawn and marked
    "chart-hop_tac_xa-percent": {"Hậu Giang": ("= 75% · 2025", None), "Sóc Trăng": ("= 85% · 2025", None)},
    "chart-to_hop_tac-count-thanh_lap": {"Sóc Trăng": ("≥ 15 · 2025", None)},
    "chart-thanh_vien-count": {"Sóc Trăng": (None, "= 24500 · 2024"), "Mỹ Tú (Sóc Trăng)": (None, "= 1850")},
}


class Page(HTMLParser):
    """Per SVG chart: its attributes, its bars' statuses and its texts; the page's links and ids."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.charts: dict[str, dict] = {}
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.chart = None
        self.text_class = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "svg":
            self.chart = self.charts.setdefault(attrs["id"], {"attrs": attrs, "bars": [], "texts": []})
        elif tag == "rect" and self.chart is not None and "bar" in attrs.get("class", "").split():
            self.chart["bars"].append(attrs["class"].split()[1])
        elif tag == "text" and self.chart is not None:
            self.text_class = attrs.get("class")
            self.chart["texts"].append([self.text_class, ""])
        elif tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.chart = None
        elif tag == "text":
            self.text_class = None

    def handle_data(self, data):
        if self.chart is not None and self.chart["texts"] and self.text_class is not None:
            self.chart["texts"][-1][1] += data

    def rows(self, chart_id: str) -> dict[str, tuple]:
        """place → (target label, reported label), from the order the chart writes them in."""
        found, place, labels = {}, None, []
        for kind, text in self.charts[chart_id]["texts"]:
            if kind == "place":
                place, labels = text, []
                found[place] = labels
            elif kind == "value":
                labels.append(text.split(" ⚠")[0])
        bars = iter(self.charts[chart_id]["bars"])
        return {place: _by_status(labels, bars) for place, labels in found.items()}


def _by_status(labels: list[str], bars) -> tuple:
    statuses = [next(bars) for _ in labels]
    return (labels[statuses.index("target")] if "target" in statuses else None,
            labels[statuses.index("reported")] if "reported" in statuses else None)


def write_report(fixture_db, tmp_path, *extra: str) -> tuple[Path, str]:
    page = tmp_path / "report" / "report.html"
    result = runner.invoke(app, ["report", str(fixture_db["db"]), "--html", str(page), *extra])
    assert result.exit_code == 0, result.output
    return page, result.stderr


def test_report_charts_conflicts_and_explain_links(fixture_db, tmp_path):
    page, stderr = write_report(fixture_db, tmp_path)
    assert f"wrote {page} and 5 explain pages in {page.parent / 'report_explain'}" in stderr
    markup = page.read_text(encoding="utf-8")
    for remote in ("http://", "https://", "<link", "src=", "<img", "@import"):
        assert remote not in markup
    parsed = Page(markup)
    assert set(parsed.charts) == set(CHARTS)
    for chart_id, expected in CHARTS.items():
        assert parsed.rows(chart_id) == expected, chart_id
        assert int(parsed.charts[chart_id]["attrs"]["data-bars"]) == sum(v is not None for r in expected.values()
                                                                         for v in r)
    assert "#conflict-1" in parsed.links and "conflict-1" in parsed.ids
    explain_links = [link for link in parsed.links if link.startswith("report_explain/")]
    assert len({link.split("#")[0] for link in explain_links}) == 5
    for link in explain_links:
        target, _, anchor = link.partition("#")
        explained = (page.parent / target).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in explained
    conflict_links = [link for link in explain_links if "#figure-3" in link]
    assert len(conflict_links) == 2  # both disagreeing statements are figure 3 of their notice


def test_relative_paths_sources_and_changed_notices(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DB_FIXTURES, "in")
    result = runner.invoke(app, ["batch", "in", "-o", "out", "--jobs", "1", "-q", "--db", "kttt.sqlite"])
    assert result.exit_code == 0, result.output
    Path("moved").mkdir()
    shutil.move("in", "moved/in")  # the notices are now elsewhere: --sources says where their paths start
    changed = Path("moved/in/hau_giang_plan_2025.txt")
    changed.write_text(changed.read_text(encoding="utf-8") + "Lượt xem: 12\n", encoding="utf-8")
    Path("moved/in/ben_tre_plan_2025_with_results.txt").unlink()
    result = runner.invoke(app, ["report", "kttt.sqlite", "--html", "r.html", "--sources", "moved"])
    assert result.exit_code == 0, result.output
    assert "and 3 explain pages in r_explain" in result.stderr
    assert "kttt: in/hau_giang_plan_2025.txt: no explain page: the file changed since it was loaded" in result.stderr
    assert "kttt: in/ben_tre_plan_2025_with_results.txt: no explain page: no such file" in result.stderr
    links = {link.split("#")[0] for link in Page(Path("r.html").read_text(encoding="utf-8")).links
             if link.startswith("r_explain/")}
    assert len(links) == 3 and all(Path(link).is_file() for link in links)
    assert sorted(p.name for p in Path("r_explain").iterdir()) == sorted(Path(link).name for link in links)
    # without explain pages: no links into them, and the old pages are not touched
    result = runner.invoke(app, ["report", "kttt.sqlite", "--html", "r.html", "--no-explain"])
    assert result.exit_code == 0 and result.stderr == "wrote r.html\n"
    assert not [link for link in Page(Path("r.html").read_text(encoding="utf-8")).links if "explain" in link]


def test_report_in_headless_chromium(fixture_db, tmp_path):
    chromium()
    page, _ = write_report(fixture_db, tmp_path)
    dom = run_chromium(page, tmp_path, "--dump-dom")
    assert 'data-ready="1"' in dom, "the page's script did not run"
    rendered = Page(dom)
    assert set(rendered.charts) == set(CHARTS)
    for chart_id, chart in rendered.charts.items():
        attrs = chart["attrs"]
        assert attrs.get("data-drawn-bars") == attrs["data-bars"], (chart_id, attrs)  # every bar has a width
        assert int(attrs.get("data-drawn-width", 0)) > 300, (chart_id, attrs)
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    run_chromium(page, tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2400")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20000
