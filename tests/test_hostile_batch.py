"""Hostile conditions for `kttt batch`: SIGKILL at exact points and --resume, an output directory
that cannot be written, list files that point anywhere, and no network during extraction."""
from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kttt_extract import batch, batch_output, write
from kttt_extract.batch_inputs import OutputNamer
from kttt_extract.cli import app
from kttt_extract.errors import PatternError
from kttt_extract.patterns import load_file
from kttt_extract.pipeline import extract

from test_batch import notice, read_bytes_tree

GOOD = 6  # notices that give a record; one more input (an empty file) fails

# Runs `kttt batch` and SIGKILLs it at the KTTT_KILL_AT-th call of the point named by KTTT_KILL_WHERE.
KILLER = textwrap.dedent('''
    import os, signal
    from kttt_extract import batch_output
    from kttt_extract.cli import main

    at, where, calls = int(os.environ["KTTT_KILL_AT"]), os.environ["KTTT_KILL_WHERE"], [0]

    def reached():
        calls[0] += 1
        return calls[0] == at

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if where == "rename":  # a record's temp file renamed into place, then the streamed files at the end
        real_replace = os.replace
        def replace(src, dst, **kw):
            if reached():
                die()
            return real_replace(src, dst, **kw)
        os.replace = replace
    else:  # mid-line: half a figures.csv row and half a records.jsonl line on disk
        real_add = batch_output.RunFiles.add
        def add(self, outcome):
            if reached():
                for handle, part in ((self.figures, "nửa,"), (self.records, b'{"sou')):
                    if handle:
                        handle.write(part)
                        handle.flush()
                die()
            return real_add(self, outcome)
        batch_output.RunFiles.add = add
    main()
''')


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "nhom").mkdir(parents=True)
    for i in range(GOOD):
        (root / "nhom" / f"tb{i}.txt").write_text(notice(i), encoding="utf-8")
    (root / "rong.txt").write_bytes(b"")
    return root


def _batch(inputs: Path, out: Path, fmt: str, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    script = out.parent / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    command = [sys.executable, str(script), "batch", str(inputs), "-o", str(out), "-f", fmt, "--jobs", "1", "-q", *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KTTT_KILL_AT": "0", "KTTT_KILL_WHERE": "rename", **(env or {})})


@pytest.mark.parametrize("fmt, where, at", [
    ("json", "rename", 2),             # while records are written: the second one's temp file is not renamed
    ("json", "rename", GOOD + 1),      # the final rename: figures.csv moved, errors and manifest not
    ("json", "rename", GOOD + 3),      # the final rename: all but the manifest moved
    ("jsonl", "stream", 4),            # while figures.csv and records.jsonl stream, mid-line
    ("jsonl", "rename", 1),            # the final rename: records.jsonl moved, the rest not
])
def test_kill_at_any_point_then_resume_gives_the_bytes_of_an_uninterrupted_run(inputs, tmp_path, fmt, where, at):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    killed = _batch(inputs, out, fmt, env={"KTTT_KILL_AT": str(at), "KTTT_KILL_WHERE": where})
    assert killed.returncode == -9, killed.stderr
    for record in (out / "records").rglob("*.json"):
        json.loads(record.read_text(encoding="utf-8"))  # a record in OUT is whole

    resumed = _batch(inputs, out, fmt, "--resume")
    assert resumed.returncode == 1, resumed.stderr  # rong.txt failed, everything else is a record
    assert _batch(inputs, fresh, fmt).returncode == 1
    assert read_bytes_tree(out) == read_bytes_tree(fresh)
    assert not (out / batch.RUN_DIR).exists() and not (out / batch.PREV_DIR).exists()
    assert not list(out.rglob(".*.tmp"))


def _visible_files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
                  and not any(part.startswith(".kttt-") for part in p.relative_to(out).parts))


def test_a_full_disk_stops_the_batch_with_one_line_and_no_half_written_file(inputs, tmp_path, monkeypatch):
    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:  # the third record
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(write.os, "fsync", fsync)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 2
    assert result.stderr == f"kttt: error: {out.resolve() / 'records/nhom/tb2.json'}: cannot write: No space left on device\n"
    assert _visible_files(out) == ["records/nhom/tb0.json", "records/nhom/tb1.json"]
    assert not list(out.rglob("*.tmp"))


def test_a_read_only_output_directory_is_one_line_and_exit_2(inputs, tmp_path, monkeypatch):
    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(batch_output, "open", read_only, raising=False)  # root ignores chmod: simulate it
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stderr == f"kttt: error: {out / batch_output.LOCK_FILE}: cannot write: Read-only file system\n"
    assert _visible_files(out) == []


def test_paths_in_a_list_file_cannot_write_outside_the_output(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    outside = tmp_path / "elsewhere" / "tb.txt"
    outside.write_text(notice(1), encoding="utf-8")
    lists = tmp_path / "lists" / "sub"
    lists.mkdir(parents=True)
    (lists / "todo.txt").write_text(f"../../elsewhere/tb.txt\n{outside}\n../../elsewhere/../elsewhere/tb.txt\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(app, ["batch", "--from-list", str(lists / "todo.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert all(out in p.parents for p in set(tmp_path.rglob("*")) - before - {out})
    assert OutputNamer(".json").name("../../../etc/passwd") == "records/etc/passwd.json"
    assert OutputNamer(".json").name("/abs/x.txt") == "records/abs/x.json"


def test_pattern_files_are_read_with_the_safe_loader(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(f"dimension: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(PatternError, match="not valid YAML"):
        load_file(path)
    assert not marker.exists()
    for source in Path(batch.__file__).parent.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "unsafe_load" not in text and "yaml.Loader" not in text and "FullLoader" not in text, source


def test_extraction_never_opens_a_socket(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("extraction tried to use the network")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    page = ("<html><head><link rel='stylesheet' href='http://example.invalid/a.css'>"
            "<script src='https://example.invalid/a.js'></script><base href='http://example.invalid/'></head>"
            "<body><img src='http://example.invalid/a.png'><iframe src='//example.invalid/'></iframe>"
            "<object data='http://example.invalid/x.swf'></object>"
            f"{''.join(f'<p>{line}</p>' for line in notice(3).splitlines())}</body></html>")
    record = extract(page.encode("utf-8"), path="trang.html")
    assert record.figures
    samples = Path(__file__).resolve().parents[1] / "samples"
    for sample in sorted(samples.glob("*.html")):
        extract(sample.read_bytes(), path=sample.name)


def test_kttt_extract_stops_a_notice_at_its_time_limit_with_one_line(tmp_path, monkeypatch):
    import time

    from kttt_extract import pipeline

    def stuck(raw, *, path=None, patterns=None):
        time.sleep(5)

    monkeypatch.setattr(pipeline, "extract", stuck)
    (tmp_path / "tb.txt").write_text(notice(1), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "tb.txt"), "--timeout", "0.2"])
    assert result.exit_code == 2
    assert result.stderr == f"kttt: error: {tmp_path / 'tb.txt'}: extraction took longer than 0.2 s (--timeout)\n"
