"""`kttt patterns test` and `--patterns DIR`: user pattern files are validated, line-precise, and picked up."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kttt_extract.patterns as patterns_module
import kttt_extract.pipeline as pipeline
from kttt_extract.cli import app
from kttt_extract.patterns import ExampleResult, PatternSet

runner = CliRunner()

ALIAS_FILE = """\
dimension: subjects
description: A user's own alias for cooperatives.
entries:
  - slug: hop_tac_xa
    phrases: ["hợp-tác-xã kiểu mẫu"]
    examples:
      - {text: "toàn xã có 3 hợp-tác-xã kiểu mẫu"}
"""


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, reason", [
    # bad YAML: the unclosed bracket is reported where the parser gives up
    ("dimension: subjects\ndescription: x\nentries:\n  - slug: hop_tac_xa\n    phrases: [\"HTX\"\n"
     "    examples:\n      - {text: \"có 3 HTX\"}\n", 6, "not valid YAML"),
    # valid YAML, unknown field on line 5
    ("dimension: subjects\ndescription: x\nentries:\n  - slug: hop_tac_xa\n    synonyms: [\"HTX\"]\n"
     "    phrases: [\"HTX\"]\n    examples:\n      - {text: \"có 3 HTX\"}\n", 5, "entries.0.synonyms"),
    # a regex that does not compile, in the second entry (line 10)
    ("dimension: subjects\ndescription: x\nentries:\n  - slug: hop_tac_xa\n    phrases: [\"HTX\"]\n"
     "    examples:\n      - {text: \"có 3 HTX\"}\n  - slug: to_hop_tac\n    phrases: [\"THT\"]\n"
     "    regex: ['tổ (hợp tác']\n    examples:\n      - {text: \"có 2 THT\"}\n", 10, "does not compile"),
    # an unknown dimension on line 1
    ("dimension: subject\ndescription: x\nentries: []\n", 1, "dimension"),
])
def test_malformed_file_names_file_and_line(tmp_path, text, line, reason):
    bad = write(tmp_path / "mine", "bad.yaml", text)
    result = runner.invoke(app, ["patterns", "test", str(tmp_path / "mine")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kttt: error: {bad}:{line}: ")
    assert reason in result.stderr
    assert result.stderr.count("\n") == 1
    # --patterns reports it the same way, for every command that takes it
    again = runner.invoke(app, ["extract", "--patterns", str(tmp_path / "mine"), str(bad)])
    assert (again.exit_code, again.stderr) == (2, result.stderr)


def test_user_alias_is_picked_up_by_extract(tmp_path, monkeypatch):
    user_dir = tmp_path / "mine"
    write(user_dir, "subjects_extra.yaml", ALIAS_FILE)
    notice = write(tmp_path, "n.txt", "Toàn xã có 3 hợp-tác-xã kiểu mẫu.\n")
    seen: list[PatternSet] = []
    real_extract = pipeline.extract

    def spy(raw, *, path=None, patterns=None):
        seen.append(patterns)
        return real_extract(raw, path=path, patterns=patterns)

    monkeypatch.setattr(pipeline, "extract", spy)
    result = runner.invoke(app, ["extract", "--patterns", str(user_dir), str(notice)])
    assert result.exit_code == 0, result.output
    [loaded] = seen
    entry = loaded.entry("subjects", "hop_tac_xa")
    assert "hợp-tác-xã kiểu mẫu" in entry.phrases
    assert str(user_dir / "subjects_extra.yaml") in [f.path for f in loaded.files]


def fake_results(*outcomes: tuple[bool, bool]) -> list[ExampleResult]:
    """Results of examples (counter=False) and counter-examples (counter=True) that passed or not."""
    results = []
    for index, (counter, passed) in enumerate(outcomes):
        expect = "hop_tac_xa"
        found = {expect} if passed != counter else set()
        results.append(ExampleResult(f"f{index % 2}.yaml", "subjects", expect, f"văn bản {index}", expect,
                                     counter, found))
    return results


def test_patterns_test_prints_each_example_and_a_summary(tmp_path, monkeypatch):
    results = fake_results((False, True), (False, False), (True, True), (True, False))
    monkeypatch.setattr(patterns_module, "run_examples", lambda pattern_set: results)
    result = runner.invoke(app, ["patterns", "test"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "f0.yaml: 2 passed, 0 failed"
    assert lines[1].startswith("    matched ")
    assert lines[2].startswith("    not matched (counter-example)")
    assert lines[3] == "f1.yaml: 0 passed, 2 failed"
    assert lines[4].startswith("    NOT MATCHED") and "«văn bản 1» expects hop_tac_xa; found nothing" in lines[4]
    assert lines[5].startswith("    MATCHED counter-example") and "found hop_tac_xa" in lines[5]
    assert lines[-1] == "2 passed, 2 failed"


def test_patterns_test_quiet_lists_only_failures(monkeypatch):
    results = fake_results((False, True), (False, False), (True, True), (True, False))
    monkeypatch.setattr(patterns_module, "run_examples", lambda pattern_set: results)
    result = runner.invoke(app, ["patterns", "test", "--quiet"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["f0.yaml:", "f1.yaml:", "NOT", "MATCHED", "2"]


def test_patterns_test_exit_0_when_all_pass(monkeypatch):
    monkeypatch.setattr(patterns_module, "run_examples", lambda pattern_set: fake_results((False, True), (True, True)))
    result = runner.invoke(app, ["patterns", "test"])
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "2 passed, 0 failed")


def test_patterns_test_runs_a_user_directory(tmp_path, monkeypatch):
    # every dimension probed by its phrases alone, so that this test does not depend on the taggers
    monkeypatch.setattr(patterns_module, "PROBES", {})
    user_dir = tmp_path / "mine"
    write(user_dir, "subjects_extra.yaml", ALIAS_FILE)
    result = runner.invoke(app, ["patterns", "test", str(user_dir)])
    assert result.exit_code in (0, 1), result.output
    lines = result.stdout.splitlines()
    header = lines.index(f"{user_dir / 'subjects_extra.yaml'}: 1 passed, 0 failed")
    assert lines[header + 1].startswith("    matched ")
    assert "subjects/hop_tac_xa: «toàn xã có 3 hợp-tác-xã kiểu mẫu» expects hop_tac_xa" in lines[header + 1]
    passed, failed = result.stdout.splitlines()[-1].replace(" passed,", "").replace(" failed", "").split()
    assert int(passed) + int(failed) == result.stdout.count("\n    ")


RUNAWAY_FILE = """\
dimension: subjects
description: A user's alias with a regex that backtracks without end.
entries:
  - slug: hop_tac_xa
    regex: ['(?:\\w+\\s?)+:']
    examples:
      - {text: "hợp tác xã:"}
"""


def test_patterns_test_refuses_a_regex_that_runs_away_on_a_probe(tmp_path):
    write(tmp_path / "mine", "runaway.yaml", RUNAWAY_FILE)
    result = runner.invoke(app, ["patterns", "test", str(tmp_path / "mine")])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith(f"kttt: error: {tmp_path / 'mine' / 'runaway.yaml'}:5: entries.0.regex.0:")
    assert "can run away (catastrophic backtracking)" in message and "\n" not in message

