"""`kttt explain`: highlighted text in the terminal, and one HTML page checked in a headless Chromium."""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kttt_extract.cli import app
from kttt_extract.document import Tag
from kttt_extract.explain import highlights, html_text, render_html, show
from kttt_extract.pipeline import analyze, read
from kttt_extract.record import Evidence, Figure, Notice, Plan, Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
runner = CliRunner()

TEXT = ("Ngày 03/4/2024, UBND huyện Tân Phước ban hành Kế hoạch số 12/KH-UBND về phát triển kinh tế tập thể.\n"
        "Hiện toàn huyện có 2.009 thành viên hợp tác xã.\n"
        "Năm 2024 phấn đấu thành lập mới ít nhất 20 hợp tác xã; 80% hợp tác xã <hoạt động> \"hiệu quả\" & bền vững.\n")


def span(doc, phrase: str) -> tuple[int, int]:
    start = doc.text.index(phrase)
    return start, start + len(phrase)


def hand_made():
    """A doc and record built by hand: figures, a date, a symbol and numbers, some spans crossing."""
    doc = read(TEXT, path="tay_viet.txt")
    doc.add(Tag("date", *span(doc, "03/4/2024"), None, "date 2024-04-03"))
    doc.add(Tag("symbol", *span(doc, "12/KH-UBND"), "12/KH-UBND", ""))
    doc.add(Tag("number", *span(doc, "2.009"), 2009.0, ""))
    doc.add(Tag("number", *span(doc, "20 hợp tác xã")[:1], span(doc, "20 hợp tác xã")[0] + 2, 20, ""))
    doc.add(Tag("number", *span(doc, "toàn huyện có 2.009"), 2009, "crossing"))  # crosses figure 1's start

    def figure(phrase, **fields):
        start, end = span(doc, phrase)
        return Figure(evidence=Evidence(text=phrase, start=start, end=end), **fields)

    figures = [
        figure("có 2.009 thành viên hợp tác xã", status="reported", subject="thanh_vien", subject_text="thành viên",
               value=2009, unit="count", comparator="eq", as_of=2024),
        figure("thành lập mới ít nhất 20 hợp tác xã", status="target", subject="hop_tac_xa",
               subject_text="hợp tác xã", value=20, unit="count", comparator="gte", action="thanh_lap", deadline=2024),
        # crosses the previous one's end: must still nest
        figure("20 hợp tác xã; 80% hợp tác xã <hoạt động> \"hiệu quả\"", status="target", subject="hop_tac_xa",
               subject_text="hợp tác xã", value=80, unit="percent", comparator="eq", deadline=2024,
               condition='<hoạt động> "hiệu quả"'),
    ]
    notice = Notice(source=Source(path="tay_viet.txt", sha256="0" * 64, format="text", encoding="utf-8"),
                    title="Tân Phước <phát triển> HTX", plan=Plan(kind="ke_hoach", number="12/KH-UBND"),
                    figures=figures)
    return doc, notice


class MarkCollector(HTMLParser):
    """Checks that tags nest, collects <mark> attributes and the text with tags removed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.marks, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br"):
            self.stack.append(tag)
        if tag == "mark":
            self.marks.append(dict(attrs))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> MarkCollector:
    collector = MarkCollector()
    collector.feed(markup)
    collector.close()
    assert collector.stack == [], collector.stack
    return collector


def test_html_text_nests_crossing_spans_and_keeps_the_text():
    doc, notice = hand_made()
    found = highlights(doc, notice)
    markup = html_text(doc.text, found)
    collected = parse(markup)
    assert "".join(collected.text) == doc.text
    figures = {m["data-figure"] for m in collected.marks if m.get("data-kind") == "figure"}
    assert figures == {"1", "2", "3"}
    # the `crossing` tag and figure 3 cross figures 1 and 2: two figures are split into two marks each
    assert sum(m.get("data-kind") == "figure" for m in collected.marks) == 5
    assert sum("continued" in m["class"] for m in collected.marks) == 2
    assert "&lt;hoạt động&gt; &quot;hiệu quả&quot;</mark> &amp; bền vững" in markup


def test_page_escapes_all_text_and_is_self_contained():
    doc, notice = hand_made()
    page = render_html(doc, notice)
    assert "<phát triển>" not in page and "&lt;phát triển&gt;" in page
    assert 'condition: &lt;hoạt động&gt; &quot;hiệu quả&quot;' in page
    for remote in ("http://", "https://", "<link", "src="):
        assert remote not in page
    assert page.count("<style>") == 1 and page.count("<script>") == 1


def test_terminal_view_labels_figures_dates_symbols_and_numbers():
    doc, notice = hand_made()
    console = Console(record=True, width=300, color_system=None)
    show(doc, notice, console)
    out = console.export_text()
    assert "ít nhất 20 hợp tác xã[target hop_tac_xa ≥ 20]" in out
    assert "03/4/2024[date 2024-04-03]" in out
    assert "12/KH-UBND[symbol 12/KH-UBND]" in out
    assert "[reported thanh_vien = 2009]" in out
    assert "[number 2009]" not in out   # a number inside a figure: the figure's label says it
    assert "3 figures" in out and "thanh_lap" in out


# ---------------------------------------------------------------- headless Chromium

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
# A background that shows nothing, or only the browser's default for <mark> (the page's own style did not apply)
NOT_STYLED = ("", "transparent", "rgba(0, 0, 0, 0)", "rgb(255, 255, 0)")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium binary found (Debian: apt-get install chromium)")


def run_chromium(page: Path, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile{len(list(tmp_path.glob('profile*')))}"
    result = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def assert_rendered(page: Path, tmp_path: Path, notice: Notice) -> None:
    """Every figure of the record is a mark with a visible background in the rendered DOM; a screenshot exists."""
    dom = run_chromium(page, tmp_path, "--dump-dom")
    assert 'data-ready="1"' in dom, "the page's script did not run"
    marks = [m for m in parse(dom).marks if m.get("data-kind") == "figure"]
    for number in range(1, len(notice.figures) + 1):
        of_figure = [m for m in marks if m.get("data-figure") == str(number)]
        assert of_figure, f"figure {number} is not highlighted"
        assert all(m.get("data-bg") not in NOT_STYLED for m in of_figure), of_figure
    assert {m["data-figure"] for m in marks} == {str(n) for n in range(1, len(notice.figures) + 1)}
    by_status = {}
    for m in marks:
        by_status.setdefault(notice.figures[int(m["data-figure"]) - 1].status, set()).add(m["data-bg"])
    assert all(len(colours) == 1 for colours in by_status.values()), by_status  # one colour per status
    assert len(by_status) == len({c for colours in by_status.values() for c in colours})
    screenshot = tmp_path / "page.png"
    run_chromium(page, tmp_path, f"--screenshot={screenshot}", "--window-size=1280,1600")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 1000


def test_hand_made_page_in_chromium(tmp_path):
    chromium()
    doc, notice = hand_made()
    page = tmp_path / "explain.html"
    page.write_text(render_html(doc, notice), encoding="utf-8")
    assert_rendered(page, tmp_path, notice)
    dom = run_chromium(page, tmp_path, "--dump-dom")
    kinds = {m.get("data-kind"): m.get("data-bg") for m in parse(dom).marks}
    assert set(kinds) == {"figure", "date", "symbol", "number"}
    assert all(bg not in NOT_STYLED for bg in kinds.values())
    assert len(set(kinds.values())) == 4  # each kind its own colour


def test_explain_command_on_real_extraction(tmp_path):
    chromium()
    notice_file = tmp_path / "ke_hoach.txt"
    notice_file.write_text(TEXT, encoding="utf-8")
    page = tmp_path / "out" / "ke_hoach.html"
    result = runner.invoke(app, ["explain", str(notice_file), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "record" in result.stdout and f"wrote {page}" in result.stderr
    _, notice = analyze(notice_file.read_bytes(), path=str(notice_file))
    assert_rendered(page, tmp_path, notice)


def test_explain_on_a_shared_notice(tmp_path):
    chromium()
    notices = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    if not notices:
        pytest.skip("../shared is not present")
    page = tmp_path / "seed.html"
    result = runner.invoke(app, ["explain", str(notices[1]), "--html", str(page)])
    assert result.exit_code == 0, result.output
    _, notice = analyze(notices[1].read_bytes(), path=str(notices[1]))
    assert_rendered(page, tmp_path, notice)


def test_explain_bad_input_exits_2(tmp_path):
    result = runner.invoke(app, ["explain", str(tmp_path / "absent.txt")])
    assert (result.exit_code, result.stderr) == (2, f"kttt: error: {tmp_path / 'absent.txt'}: no such file\n")
