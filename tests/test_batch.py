"""`kttt batch`: errors recorded and nothing lost, identical bytes whatever the workers,
atomic outputs that survive a kill, --resume, figures.csv, usage errors."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kttt_extract import batch, pipeline
from kttt_extract.cli import app
from kttt_extract.decode import read_input
from kttt_extract.errors import InputError
from kttt_extract.write import render

PLACES = ["Ninh Bình", "Hà Tĩnh", "Sóc Trăng", "Lào Cai", "Bến Tre", "Gia Lai", "Quảng Trị"]


def notice(i: int) -> str:
    """A portal article in the style of provincial notices; `i` varies every number in it."""
    place = PLACES[i % len(PLACES)]
    return (
        f"CỔNG THÔNG TIN ĐIỆN TỬ TỈNH {place.upper()}\n"
        f"Trang chủ | Tin tức | Lượt xem: {100 + i}\n"
        f"Phát triển kinh tế tập thể năm 2024 tại {place}\n"
        f"Ngày đăng: {1 + i % 27:02d}/03/2024\n"
        f"Ngày 05/3/2024, UBND tỉnh {place} ban hành Kế hoạch số {10 + i}/KH-UBND về phát triển "
        f"kinh tế tập thể, hợp tác xã năm 2024.\n"
        f"Hiện toàn tỉnh có {200 + i} hợp tác xã đang hoạt động, thu hút {5000 + 3 * i} thành viên.\n"
        f"Mục tiêu năm 2024: phấn đấu thành lập mới ít nhất {5 + i % 9} HTX, {3 + i % 4} tổ hợp tác; "
        f"trên {60 + i % 30}% HTX hoạt động có hiệu quả.\n"
    )


def html_page(i: int) -> str:
    body = "".join(f"<p>{line}</p>" for line in notice(i).splitlines())
    return f"<html><head><meta charset='utf-8'><title>Tin tức</title></head><body>{body}</body></html>"


def reason_of(path: Path, max_bytes: int) -> str | None:
    """What the single-notice library says about `path`: None, or the InputError's reason."""
    try:
        pipeline.extract(read_input(str(path), max_bytes), path=str(path))
    except InputError as exc:
        return exc.reason
    return None


def run_cli(*args: str):
    result = CliRunner().invoke(app, ["batch", *args])
    return result.exit_code, result.stderr


def kttt_command() -> list[str]:
    return [sys.executable, "-c", "from kttt_extract.cli import main; main()"]


def manifest_inputs(out: Path) -> list[dict]:
    """The manifest's line for each input (the summary line that ends it left out)."""
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "summary" in lines[-1] and all("path" in line for line in lines[:-1])
    return lines[:-1]


def read_bytes_tree(out: Path) -> dict[str, bytes]:
    """The outputs of a batch by OUT-relative path (hidden files and run state excluded)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Good text and HTML notices in nested directories, plus bad inputs of every kind."""
    root = tmp_path / "in"
    (root / "2024" / "quy1").mkdir(parents=True)
    (root / "2023").mkdir()
    for i in range(6):
        (root / "2024" / "quy1" / f"tin{i}.txt").write_text(notice(i), encoding="utf-8")
    (root / "2023" / "trang.html").write_text(html_page(7), encoding="utf-8")
    (root / "2023" / "trang.txt").write_text(notice(8), encoding="utf-8")  # same stem as trang.html
    (root / "rong.txt").write_bytes(b"")
    (root / "khoang_trang.txt").write_bytes(b" \n\t\n")
    (root / "tai_lieu.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x01\x02")
    (root / "nhi_phan.txt").write_bytes(bytes(range(256)) * 8)
    (root / "qua_lon.txt").write_text(notice(9) * 40, encoding="utf-8")
    (root / "ghi_chu.md").write_text(notice(10), encoding="utf-8")  # not matched by the default globs
    return root


MAX_BYTES = "8000"


def test_mixed_directory_records_good_notices_and_lists_every_bad_one(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    status, stderr = run_cli(str(corpus), "-o", str(out), "--jobs", "1", "--max-bytes", MAX_BYTES)

    bad = ["khoang_trang.txt", "nhi_phan.txt", "qua_lon.txt", "rong.txt", "tai_lieu.html"]
    expected_errors = []
    for name in bad:
        path = corpus / name
        reason = reason_of(path, int(MAX_BYTES))
        assert reason, f"{name} should be rejected by the library itself"
        expected_errors.append({"path": str(path), "reason": reason})
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == expected_errors  # exact paths and reasons, in input (sorted) order
    assert status == 1
    assert "5 failed" in stderr

    good = {f"2024/quy1/tin{i}.txt": f"records/2024/quy1/tin{i}.json" for i in range(6)}
    good["2023/trang.html"] = "records/2023/trang.json"
    good["2023/trang.txt"] = "records/2023/trang.txt.json"
    for rel, output in good.items():
        path = corpus / rel
        expected = render(pipeline.extract(path.read_bytes(), path=str(path)), "json")
        assert (out / output).read_text(encoding="utf-8") == expected
    written = sorted(str(p.relative_to(out)) for p in (out / "records").rglob("*.json"))
    assert written == sorted(good.values())  # ghi_chu.md was not taken

    manifest = manifest_inputs(out)
    assert len(manifest) == len(good) + len(bad)
    assert not (out / batch.RUN_DIR).exists()


def test_unexpected_exception_and_timeout_are_recorded_and_the_batch_goes_on(corpus, tmp_path, monkeypatch):
    real_extract = pipeline.extract

    def flaky_extract(raw, *, path=None, patterns=None):
        if path.endswith("tin1.txt"):
            raise RuntimeError("bảng\nhỏng")
        if path.endswith("tin2.txt"):
            time.sleep(5)
        return real_extract(raw, path=path, patterns=patterns)

    monkeypatch.setattr(pipeline, "extract", flaky_extract)
    out = tmp_path / "out"
    inputs = batch.discover([str(corpus / "2024")])
    started = time.monotonic()
    summary = batch.run_batch(inputs, out, fmt="jsonl", jobs=1, timeout=0.3)
    assert time.monotonic() - started < 4

    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    quy1 = corpus / "2024" / "quy1"
    assert errors == [
        {"path": str(quy1 / "tin1.txt"), "reason": "internal error: RuntimeError: bảng hỏng"},
        {"path": str(quy1 / "tin2.txt"), "reason": "extraction took longer than 0.3 s (--timeout)"},
    ]
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == [str(quy1 / f"tin{i}.txt") for i in (0, 3, 4, 5)]
    assert (summary.notices, summary.records, summary.errors) == (6, 4, 2)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_one_worker_and_two_workers_write_the_same_bytes(corpus, tmp_path, fmt):
    for i in range(40):
        (corpus / "them" / f"{i % 3}").mkdir(parents=True, exist_ok=True)
        (corpus / "them" / f"{i % 3}" / f"bai{i:02d}.txt").write_text(notice(20 + i), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        status, _ = run_cli(str(corpus), "-o", str(out), "-f", fmt, "--jobs", jobs, "--max-bytes", MAX_BYTES)
        assert status == 1
        outputs.append(read_bytes_tree(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= 3


def test_figures_csv_has_one_row_per_figure_of_the_records(corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(str(corpus), "-o", str(out), "-f", "jsonl", "--jobs", "1", "--max-bytes", MAX_BYTES)
    raw = (out / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with open(out / "figures.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))

    # Built on the records' own figure lists, so it holds however many figures extraction finds.
    expected = []
    for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        plan = record["plan"] or {}
        issuer = plan.get("issuer") or {}
        for figure in record["figures"]:
            expected.append({
                "path": record["source"]["path"], "plan_kind": plan.get("kind"), "plan_number": plan.get("number"),
                "issuer_place": issuer.get("place"), "issuer_province": issuer.get("province"),
                **{name: figure[name] for name in batch.FIGURE_FIELDS},
                "evidence_start": figure["evidence"]["start"], "evidence_end": figure["evidence"]["end"],
                "evidence_text": figure["evidence"]["text"], "evidence_page": figure["evidence"].get("page"),
                "status_cue": (figure["status_reason"] or {}).get("cue"),
                "status_scope": (figure["status_reason"] or {}).get("scope"),
            })
    assert expected, "these notices state figures"
    assert any(row["status_cue"] for row in expected), "and say why some of them are targets"
    assert rows == [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected]
    assert raw.decode("utf-8-sig").splitlines()[0] == ",".join(batch.CSV_HEADER)


def test_resume_redoes_changed_inputs_and_reuses_the_rest(corpus, tmp_path):
    out = tmp_path / "out"
    first = batch.run_batch(batch.discover([str(corpus / "2024")]), out, fmt="json", jobs=1)
    changed = corpus / "2024" / "quy1" / "tin3.txt"
    changed.write_text(notice(33), encoding="utf-8")
    (out / "records" / "quy1" / "tin4.json").unlink()  # a record gone is redone too

    second = batch.run_batch(batch.discover([str(corpus / "2024")]), out, fmt="json", jobs=1, resume=True)
    assert (first.records, first.reused) == (6, 0)
    assert (second.records, second.reused) == (6, 4)
    record = json.loads((out / "records" / "quy1" / "tin3.json").read_text(encoding="utf-8"))
    assert record == json.loads(render(pipeline.extract(changed.read_bytes(), path=str(changed)), "json"))
    assert (out / "records" / "quy1" / "tin4.json").exists()


def test_list_file_globs_and_output_names(corpus, tmp_path):
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "chon.txt").write_text(
        "# hand-picked notices\n\n../in/2024/quy1/tin0.txt\n   ../in/2023   \n../in/khong_co.txt\n",
        encoding="utf-8")
    out = tmp_path / "out"
    status, _ = run_cli("--from-list", str(lists / "chon.txt"), "--glob", "*.HTML", "-o", str(out), "--jobs", "1")
    assert status == 1
    manifest = manifest_inputs(out)
    assert [(m["path"], m.get("output"), m.get("error")) for m in manifest] == [
        (str(corpus / "2024/quy1/tin0.txt"), "records/tin0.json", None),
        (str(corpus / "2023/trang.html"), "records/trang.json", None),
        (str(corpus / "khong_co.txt"), None, reason_of(corpus / "khong_co.txt", 10**6)),
    ]


@pytest.mark.parametrize("args, message", [
    (["{empty}", "-o", "{out}"], "no inputs found"),
    (["{corpus}", "-o", "{file}"], "must be a directory"),
    (["{corpus}", "-o", "{out}", "-f", "xml"], "unknown format"),
    (["{corpus}/khong_co", "-o", "{out}"], "no such file or directory"),
    (["{corpus}"], "missing the output directory"),
    (["-o", "{out}"], "no inputs"),
    (["{corpus}", "-o", "{out}", "--jobs", "0"], "--jobs"),
])
def test_bad_usage_is_one_line_and_exit_2(corpus, tmp_path, args, message):
    (tmp_path / "rong").mkdir()
    (tmp_path / "tep").write_text("x")
    values = {"empty": tmp_path / "rong", "corpus": corpus, "out": tmp_path / "out", "file": tmp_path / "tep"}
    status, stderr = run_cli(*(a.format(**values) for a in args))
    assert status == 2
    assert stderr.startswith("kttt: error: ") and stderr.count("\n") == 1
    assert message in stderr
    assert not (tmp_path / "out" / "figures.csv").exists()


# --- a kill in the middle of a batch ------------------------------------------------------------

def _make_kill_corpus(root: Path, count: int) -> Path:
    """`count` notices; the one in the middle is a FIFO, which holds the batch there until it is killed."""
    for i in range(count):
        folder = root / f"nhom{i // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"tb{i:03d}.txt"
        if i == count // 2:
            os.mkfifo(path)
        else:
            path.write_text(notice(i), encoding="utf-8")
    (root / "rong.txt").write_bytes(b"")
    return root / f"nhom{(count // 2) // 50}" / f"tb{count // 2:03d}.txt"


def _manifest_lines(out: Path) -> int:
    try:
        return (out / batch.RUN_DIR / "manifest.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_killed_batch_leaves_whole_files_and_resume_matches_an_uninterrupted_run(tmp_path, fmt):
    count = 240
    inputs = tmp_path / "in"
    fifo = _make_kill_corpus(inputs, count)
    out, fresh = tmp_path / "out", tmp_path / "fresh"

    def command(out_dir: Path, *extra: str) -> list[str]:
        return [*kttt_command(), "batch", str(inputs), "-o", str(out_dir), "-f", fmt, "--jobs", "2", *extra]

    process = subprocess.Popen(command(out, "-q"), start_new_session=True, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _manifest_lines(out) < count // 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        assert process.poll() is None, process.stderr.read().decode()
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, one blocked on the FIFO
        process.wait()
        process.stderr.close()

    assert _manifest_lines(out) >= count // 3
    assert not (out / "figures.csv").exists() and not (out / "manifest.jsonl").exists()
    for record in (out / "records").rglob("*.json"):
        json.loads(record.read_text(encoding="utf-8"))  # every record written is whole

    fifo.unlink()
    fifo.write_text(notice(count // 2), encoding="utf-8")
    resumed = subprocess.run(command(out, "--resume"), capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 1, resumed.stderr  # rong.txt failed, everything else is a record
    reused = int(resumed.stderr.split(" reused")[0].rsplit(", ", 1)[1].split()[0])
    assert reused >= count // 3

    subprocess.run(command(fresh), capture_output=True, timeout=120)
    # the fresh run writes the same source paths (same inputs), so every byte must agree
    assert read_bytes_tree(out) == read_bytes_tree(fresh)
    assert not (out / batch.RUN_DIR).exists() and not (out / batch.PREV_DIR).exists()
    assert not list(out.rglob(".*.tmp"))


def test_output_directory_inside_the_input_is_never_read_as_input(corpus, tmp_path):
    out = corpus / "ket_qua"
    manifests = []
    for _ in range(2):
        run_cli(str(corpus / "2024"), str(corpus / "2023"), "-o", str(out), "--glob", "*", "--jobs", "1")
        manifests.append([line["path"] for line in manifest_inputs(out)])
    assert manifests[0] == manifests[1]
    assert len(manifests[0]) == 8 and not any("ket_qua" in path for path in manifests[0])
