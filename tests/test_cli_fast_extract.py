"""`kttt extract` run without typer (cli_extract.fast_main) answers exactly as the typer command does."""
import io
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kttt_extract import cli_extract
from kttt_extract.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLE = str(REPO / "samples" / "province_plan_2025_targets.txt")
HTML = str(REPO / "samples" / "alliance_work_plan_2024.html")
NOTICE = ("UBND huyện Phú Lộc ban hành Kế hoạch số 77/KH-UBND ngày 10/3/2023 về phát triển kinh tế tập thể. "
          "Phấn đấu đến năm 2025 thành lập mới 12 hợp tác xã, 30 tổ hợp tác.\n").encode("utf-8")
USER_PATTERNS = """dimension: subjects
description: a user's alias
entries:
  - slug: hop_tac_xa
    phrases: [hợp tác xã kiểu mới]
    examples:
      - text: có 5 hợp tác xã kiểu mới
"""
BAD_PATTERNS = "dimension: nonsense\ndescription: x\nentries: []\n"


def _cases(tmp: Path) -> list[list[str]]:
    good, bad = tmp / "good", tmp / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "subjects.yaml").write_text(USER_PATTERNS, encoding="utf-8")
    (bad / "subjects.yaml").write_text(BAD_PATTERNS, encoding="utf-8")
    (tmp / "empty.txt").write_bytes(b"")
    return [
        [SAMPLE],
        [SAMPLE, "-f", "yaml"],
        ["--format=jsonl", SAMPLE, HTML],
        [SAMPLE, HTML],
        [SAMPLE, HTML, "-f", "yaml"],
        [SAMPLE, "-f", "xml"],
        [str(tmp / "missing.txt")],
        [str(tmp / "empty.txt"), SAMPLE],
        [str(tmp)],
        [SAMPLE, "--max-bytes", "100"],
        [SAMPLE, "--max-bytes=0100"],
        [SAMPLE, "--timeout", "0"],
        [SAMPLE, "--timeout=12.5"],
        [SAMPLE, "--patterns", str(good)],
        [SAMPLE, "--patterns", str(good), "--patterns", str(good)],
        [SAMPLE, "--patterns", str(bad)],
        [SAMPLE, "--patterns", str(tmp / "nowhere")],
        [SAMPLE, "-f", "json", "-f", "yaml"],
        ["-"],
    ]


def _typer(args: list[str], stdin: bytes) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["extract", *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _fast(args: list[str], stdin: bytes, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    assert cli_extract.parse_extract(args) is not None, args
    status = cli_extract.fast_main(["extract", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_fast_path_answers_as_typer_does(tmp_path, capsys, monkeypatch):
    for args in _cases(tmp_path):
        assert _fast(args, NOTICE, capsys, monkeypatch) == _typer(args, NOTICE), args


def test_the_fast_path_writes_the_same_output_file(tmp_path, capsys, monkeypatch):
    for name, run in (("typer", lambda a: _typer(a, b"")), ("fast", lambda a: _fast(a, b"", capsys, monkeypatch))):
        assert run([SAMPLE, HTML, "-o", str(tmp_path / f"{name}.json")])[0] == 0
        assert run([SAMPLE, f"--output={tmp_path / name}.yaml", "-f", "yaml"])[0] == 0
    assert (tmp_path / "typer.json").read_bytes() == (tmp_path / "fast.json").read_bytes()
    assert (tmp_path / "typer.yaml").read_bytes() == (tmp_path / "fast.yaml").read_bytes()
    read_only = tmp_path / "ro"
    read_only.mkdir()
    target = read_only / "sub" / "x.json"
    (read_only / "sub").write_text("a file where a directory would be")
    assert _fast([SAMPLE, "-o", str(target)], b"", capsys, monkeypatch) == _typer([SAMPLE, "-o", str(target)], b"")


@pytest.mark.parametrize("args", [
    [],                                   # no file: typer's usage message
    ["--help"], ["-h"], [SAMPLE, "--help"],
    ["--", SAMPLE],
    [SAMPLE, "-fyaml"],                   # click's attached short value
    [SAMPLE, "-f"],                       # a missing value
    [SAMPLE, "-o", "-"],                  # a value that looks like an option
    [SAMPLE, "--format="],
    [SAMPLE, "--jobs", "2"],              # an option extract does not have
    [SAMPLE, "--max-bytes", "1e3"], [SAMPLE, "--max-bytes", "1_000"], [SAMPLE, "--max-bytes", "-1"],
    [SAMPLE, "--max-bytes", "١٢"],       # digits typer may read otherwise
    [SAMPLE, "--timeout", "inf"], [SAMPLE, "--timeout", "-1"], [SAMPLE, "--timeout", "1."],
    [SAMPLE, "--timeout=.5"],
    [SAMPLE, "--form", "yaml"],
])
def test_anything_else_is_left_to_typer(args):
    assert cli_extract.parse_extract(args) is None


def test_other_commands_are_left_to_typer():
    assert cli_extract.fast_main(["normalize", SAMPLE]) is None
    assert cli_extract.fast_main(["--version"]) is None
    assert cli_extract.fast_main([]) is None


def test_the_command_does_not_import_typer():
    code = ("import sys\n"
            "from kttt_extract.cli import main\n"
            f"sys.argv = ['kttt', 'extract', {SAMPLE!r}]\n"
            "try:\n    main()\n"
            "except SystemExit as exit:\n"
            "    heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'rich', 'yaml')\n"
            "                   or m in ('kttt_extract.batch', 'kttt_extract.evaluate', 'kttt_extract.explain',\n"
            "                            'kttt_extract.database', 'kttt_extract.charts', 'kttt_extract.cli_app'))\n"
            "    print(exit.code, heavy, file=sys.stderr)\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(REPO / "src")}
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)  # warms the caches
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stderr.strip() == "0 []"  # with warm caches: a cold one validates the pattern files with yaml
    assert run.stdout.startswith("{")
