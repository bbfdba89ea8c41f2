"""`kttt check`: samples compared with their expected records; `--update` rewrites them."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import kttt_extract.pipeline as pipeline
from kttt_extract.check import check_samples, compare, expected_view, find_samples
from kttt_extract.cli import app
from kttt_extract.errors import InputError
from kttt_extract.record import Evidence, Figure, Notice, Plan, Source

runner = CliRunner()

TEXT = ("Kế hoạch số 12/KH-UBND ngày 03/4/2024 của UBND huyện Tân Phước.\n"
        "Năm 2024 phấn đấu thành lập mới ít nhất 3 hợp tác xã; 80% hợp tác xã hoạt động hiệu quả.\n")


def figure(evidence: str, **fields) -> Figure:
    start = TEXT.index(evidence)
    return Figure(evidence=Evidence(text=evidence, start=start, end=start + len(evidence)),
                  subject_text=fields.pop("subject_text", "hợp tác xã"), **fields)


def hand_notice(path: str = "x.txt", **changes) -> Notice:
    fields = dict(
        source=Source(path=path, sha256=hashlib.sha256(TEXT.encode()).hexdigest(), format="text", encoding="utf-8"),
        title=None,
        plan=Plan(kind="ke_hoach", number="12/KH-UBND", issued_on="2024-04-03"),
        figures=[
            figure("ít nhất 3 hợp tác xã", status="target", subject="hop_tac_xa", value=3, unit="count",
                   comparator="gte", action="thanh_lap", deadline=2024),
            figure("80% hợp tác xã hoạt động hiệu quả", status="target", subject="hop_tac_xa", value=80,
                   unit="percent", comparator="eq", condition="hoạt động hiệu quả", deadline=2024),
        ],
    )
    return Notice(**{**fields, **changes})


EXPECTED = {
    "plan": {"kind": "ke_hoach", "number": "12/KH-UBND", "issued_on": "2024-04-03"},
    "figures": [
        {"status": "target", "subject": "hop_tac_xa", "value": 3, "unit": "count", "comparator": "gte",
         "action": "thanh_lap", "deadline": 2024},
        {"status": "target", "subject": "hop_tac_xa", "value": 80, "unit": "percent", "comparator": "approx",
         "comparator_alt": ["eq"], "deadline": 2024, "condition": "written differently: not compared"},
    ],
}


def got(**changes) -> dict:
    return hand_notice(**changes).model_dump(mode="json")


def test_matching_record_has_no_differences():
    assert compare(EXPECTED, got()) == []


def test_missing_extra_and_changed_figures():
    changed = got()
    changed["figures"][0]["deadline"] = 2025
    changed["figures"][1]["value"] = 85
    lines = [d.line() for d in compare(EXPECTED, changed)]
    assert lines == [
        "changed  figure: target hop_tac_xa ≥ 3: deadline 2024 → 2025 — «ít nhất 3 hợp tác xã»",
        "missing  figure: target hop_tac_xa ≈ 80% (condition: written differently: not compared)",
        "extra    figure: target hop_tac_xa = 85% — «80% hợp tác xã hoạt động hiệu quả»",
    ]


def test_a_figure_that_changed_status_is_one_change():
    record = got()
    record["figures"][1]["status"] = "reported"
    record["figures"][1]["as_of"] = 2024
    assert [d.line() for d in compare(EXPECTED, record)] == [
        'changed  figure: target hop_tac_xa ≈ 80%: status "target" → "reported", as_of null → 2024 '
        "— «80% hợp tác xã hoạt động hiệu quả»"]


def test_as_of_and_action_are_compared_missing_means_null():
    expected = {"figures": [dict(EXPECTED["figures"][0], as_of=2023)]}
    record = {"figures": [got()["figures"][0]]}
    assert [d.line() for d in compare(expected, record)] == [
        "changed  figure: target hop_tac_xa ≥ 3: as_of 2023 → null — «ít nhất 3 hợp tác xã»"]
    no_action = {"figures": [{k: v for k, v in EXPECTED["figures"][0].items() if k != "action"}]}
    assert [d.detail for d in compare(no_action, record)] == ['target hop_tac_xa ≥ 3: action null → "thanh_lap"']


def test_only_fields_the_expected_file_gives_are_compared():
    record = got(title="Tiêu đề khác", published_on="2024-04-05")
    assert compare({"figures": EXPECTED["figures"]}, record) == []
    differences = compare({"title": "Kế hoạch phát triển HTX", "published_on": None, "plan": None}, record)
    assert [d.line() for d in differences] == [
        'changed  title: expected "Kế hoạch phát triển HTX", got "Tiêu đề khác"',
        'changed  published_on: expected null, got "2024-04-05"',
        'changed  plan: expected null, got {"kind": "ke_hoach", "number": "12/KH-UBND", "issued_on": "2024-04-03", '
        '"issuer": null, "title": null, "period": null}']
    place = compare({"plan": {"issuer": {"place": "Tân Phước"}}},
                    got(plan=Plan(kind="ke_hoach", issuer={"place": "tan phuoc"})))
    assert place == []


def test_references_compared_by_identity():
    record = got(references=[{"kind": "luat", "year": 2023}, {"kind": "nghi_quyet", "number": "20-NQ/TW"}])
    expected = {"references": [{"kind": "luat", "number": None, "year": 2012},
                               {"kind": "nghi_quyet", "number": "20-nq/tw"}]}
    assert [d.line() for d in compare(expected, record)] == ["missing  reference: luat 2012",
                                                             "extra    reference: luat 2023"]
    renamed = got(references=[{"kind": "nghi_quyet", "number": "21-NQ/TW"}])
    assert [d.line() for d in compare({"references": expected["references"][1:]}, renamed)] == [
        "missing  reference: 20-nq/tw", "extra    reference: 21-NQ/TW"]  # shown as each file writes it


def write_sample(folder: Path, name: str, expected: dict | None, text: str = TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if expected is not None:
        (folder / f"{name}.expected.yaml").write_text(yaml.safe_dump(expected, allow_unicode=True), encoding="utf-8")
    return folder / f"{name}.expected.yaml"


def test_check_samples_with_a_given_extractor(tmp_path):
    write_sample(tmp_path, "a", EXPECTED)
    write_sample(tmp_path, "b", {"figures": []})
    write_sample(tmp_path, "no_expected_file", None)
    results = check_samples(tmp_path, lambda path: hand_notice(str(path)))
    assert [(r.notice_path.name, r.passed, len(r.differences)) for r in results] == [("a.txt", True, 0),
                                                                                  ("b.txt", False, 2)]


def test_check_command_reports_and_exits_1_on_difference(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract", lambda raw, path=None, patterns=None: hand_notice(path))
    write_sample(tmp_path, "a", EXPECTED)
    write_sample(tmp_path, "b", {"figures": EXPECTED["figures"][:1]})
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"ok   {tmp_path / 'a.txt'}",
        f"FAIL {tmp_path / 'b.txt'}",
        "    extra    figure: target hop_tac_xa = 80% — «80% hợp tác xã hoạt động hiệu quả»",
        "1 passed, 1 failed",
    ]
    (tmp_path / "b.expected.yaml").unlink()
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "1 passed, 0 failed")


def test_update_rewrites_only_differing_files_keeping_their_fields(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract", lambda raw, path=None, patterns=None: hand_notice(path))
    untouched = write_sample(tmp_path, "a", EXPECTED)
    before = untouched.read_bytes()
    partial = write_sample(tmp_path, "b", {"figures": []})
    result = runner.invoke(app, ["check", str(tmp_path), "--update"])
    assert result.exit_code == 0
    assert f"    updated {partial}" in result.stdout.splitlines()
    assert untouched.read_bytes() == before
    text = partial.read_text(encoding="utf-8")
    assert "hoạt động hiệu quả" in text                      # Vietnamese written as characters
    data = yaml.safe_load(text)
    assert list(data) == ["figures"]                         # the file gave only figures
    assert data["figures"][1] == {"status": "target", "subject": "hop_tac_xa", "value": 80, "unit": "percent",
                                  "comparator": "eq", "condition": "hoạt động hiệu quả", "deadline": 2024}
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 0
    assert not list(tmp_path.glob(".*.tmp"))


def test_update_with_real_extraction_round_trips(tmp_path):
    expected = write_sample(tmp_path, "tu_viet", {"title": "sai", "published_on": "1999-01-01", "plan": None,
                                                  "references": [], "figures": [EXPECTED["figures"][0]]})
    first = runner.invoke(app, ["check", str(tmp_path)])
    assert first.exit_code == 1 and first.stdout.splitlines()[-1] == "0 passed, 1 failed"
    assert runner.invoke(app, ["check", str(tmp_path), "--update"]).exit_code == 0
    assert list(yaml.safe_load(expected.read_text(encoding="utf-8"))) == ["title", "published_on", "plan",
                                                                          "references", "figures"]
    again = runner.invoke(app, ["check", str(tmp_path)])
    assert (again.exit_code, again.stdout.splitlines()[-1]) == (0, "1 passed, 0 failed")


def test_expected_view_drops_null_figure_fields():
    view = expected_view(hand_notice())
    assert view["plan"] == {"kind": "ke_hoach", "number": "12/KH-UBND", "issued_on": hand_notice().plan.issued_on,
                            "issuer": None, "period": None}
    assert view["figures"][0] == {"status": "target", "subject": "hop_tac_xa", "value": 3, "unit": "count",
                                  "comparator": "gte", "action": "thanh_lap", "deadline": 2024}


def test_bad_usage_exits_2(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path / "absent")])
    assert (result.exit_code, result.stderr) == (2, f"kttt: error: {tmp_path / 'absent'}: not a directory of samples\n")
    orphan = tmp_path / "orphan.expected.yaml"
    orphan.write_text("figures: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="no notice orphan.txt or orphan.html beside it"):
        find_samples(tmp_path)
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.startswith(f"kttt: error: {orphan}: ")
    orphan.unlink()
    broken = write_sample(tmp_path, "broken", None)
    broken.write_text("figures: [\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.startswith(f"kttt: error: {broken}: not valid YAML")
