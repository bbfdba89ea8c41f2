"""`kttt eval`: scoring on small hand-made gold/prediction pairs whose scores were computed by hand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kttt_extract.cli import app
from kttt_extract.evaluate import Report
from kttt_extract.evaluate_cases import find_cases
from kttt_extract.evaluate_match import (match_figures, max_weight_assignment, normalize_place, normalize_symbol,
                                         same_amount)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
runner = CliRunner()


def fig(status, subject, value, unit="count", comparator="eq", **rest):
    return {"status": status, "subject": subject, "value": value, "unit": unit, "comparator": comparator, **rest}


# Notice A: a full plan, references, five gold figures.
GOLD_A = {
    "published_on": "2023-03-16",
    "plan": {"kind": "ke_hoach", "number": "45/KH-UBND", "issued_on": "2023-03-10",
             "issuer": {"body": "ubnd", "level": "province", "place": "Đắk Lắk", "province": "Đắk Lắk"},
             "period": {"start": 2023, "end": 2025}},
    "references": [{"kind": "nghi_quyet", "number": "20-NQ/TW"}, {"kind": "luat", "number": None, "year": 2023}],
    "figures": [
        fig("target", "hop_tac_xa", 20, comparator="gte", comparator_alt=["eq"], action="thanh_lap", deadline=2025),
        fig("target", "hop_tac_xa", 90, "percent", "gte", deadline=2025, condition="hoạt động hiệu quả"),
        fig("reported", "thanh_vien", 2009, as_of=2022),
        fig("reported", "to_hop_tac", 15, condition="sản xuất rau an toàn"),          # missed
        fig("target", "can_bo", 300, "person_times", "gte", action="dao_tao", deadline=2025),
    ],
}
PRED_A = {
    "published_on": "2023-03-16",
    "plan": {"kind": "ke_hoach", "number": "45/kh-ubnd", "issued_on": "2023-03-10",
             "issuer": {"body": "ubnd", "level": "province", "place": "Dak Lak", "province": "Đăk Lăk"},
             "period": {"start": 2023, "end": 2025}},
    "references": [{"kind": "nghi_quyet", "number": "20-NQ/TW"}, {"kind": "luat", "number": None, "year": 2012},
                   {"kind": "quyet_dinh", "number": "1318/QĐ-TTg"}],
    "figures": [
        fig("target", "hop_tac_xa", 20.0, action="thanh_lap", deadline=2025),           # comparator_alt eq
        fig("target", "hop_tac_xa", 90, "percent", "gte", deadline=None),               # deadline wrong
        fig("reported", "thanh_vien", 2009, deadline=None),                             # gold deadline absent = null
        fig("reported", "thanh_vien", 2009),                                            # duplicate: extra
        fig("target", "can_bo", 300, "person_times", "gte", action="ho_tro", deadline=2025),  # action wrong
        fig("target", "lao_dong", 450, comparator="gt", deadline=2025,
            evidence={"text": "hơn 450 lao động", "start": 0, "end": 16}),           # extra
    ],
}
# Notice B: gold says there is no plan and no date; the prediction has both.
GOLD_B = {"published_on": None, "plan": None, "figures": [fig("reported", "hop_tac_xa", 16, as_of=2020)]}
PRED_B = {"published_on": "2020-08-07", "plan": {"kind": "ke_hoach", "number": "97/KH-UBND"},
          "references": [{"kind": "luat", "number": None, "year": 2012}],          # not scored: gold omits
          "figures": [fig("reported", "hop_tac_xa", 16)]}
# Notice C: plan with a null issuer; no figures in gold, so predicted figures are not scored.
GOLD_C = {"plan": {"kind": "quyet_dinh", "number": None, "issuer": None}}
PRED_C = {"plan": {"kind": "quyet_dinh", "number": "12/QĐ-UBND", "issuer": {"level": "district"}},
          "figures": [fig("target", "hop_tac_xa", 5)]}
# Notice D: no plan in gold nor prediction.
GOLD_D = {"plan": None}
PRED_D = {"plan": None, "figures": []}

CASES = {"a": (GOLD_A, PRED_A), "b": (GOLD_B, PRED_B), "c": (GOLD_C, PRED_C), "d": (GOLD_D, PRED_D)}


def scored(cases=CASES) -> dict:
    report = Report()
    for name, (gold, pred) in cases.items():
        report.add(name, gold, pred)
    return report.as_dict(with_errors=True)


def test_figures_precision_recall_f1_overall_and_per_status():
    result = scored()
    # gold 5 + 1, predicted 6 + 1 (C's figures are not scored), matched 4 + 1
    assert result["figures"]["all"] == {"tp": 5, "gold": 6, "pred": 7, "precision": pytest.approx(5 / 7),
                                        "recall": pytest.approx(5 / 6), "f1": pytest.approx(10 / 13)}
    assert result["figures"]["target"] == {"tp": 3, "gold": 3, "pred": 4, "precision": 0.75,
                                           "recall": 1.0, "f1": pytest.approx(6 / 7)}
    assert result["figures"]["reported"] == {"tp": 2, "gold": 3, "pred": 3, "precision": pytest.approx(2 / 3),
                                             "recall": pytest.approx(2 / 3), "f1": pytest.approx(2 / 3)}
    assert (result["notices"], result["gold_figures"], result["pred_figures"]) == (4, 6, 7)


def test_attributes_of_matched_pairs():
    result = scored()
    assert result["comparator"] == {"correct": 5, "total": 5, "accuracy": 1.0}      # eq accepted as alternative
    assert result["deadline"] == {"correct": 4, "total": 5, "accuracy": 0.8}        # 90% lost its 2025
    assert result["action"] == {"correct": 1, "total": 2, "accuracy": 0.5}          # only gold actions count


def test_plan_fields_and_published_on():
    fields = scored()["fields"]
    accuracy = {name: (f["correct"], f["total"]) for name, f in fields.items()}
    assert accuracy == {
        "plan": (1, 2),                     # B: gold null, predicted a plan; D: both null
        "plan.kind": (2, 2),
        "plan.number": (1, 2),              # A: case ignored; C: gold null, predicted one
        "plan.issued_on": (1, 1),
        "plan.issuer": (0, 1),              # C: gold null, predicted one
        "plan.issuer.level": (1, 1),
        "plan.issuer.place": (1, 1),        # Đắk Lắk == Dak Lak
        "plan.issuer.province": (1, 1),     # Đắk Lắk == Đăk Lăk
        "plan.period": (1, 1),
        "published_on": (1, 2),             # B: gold null, predicted a date
    }


def test_references_by_number_and_law_year():
    # gold {20-NQ/TW, Luật 2023}; predicted {20-NQ/TW, Luật 2012, 1318/QĐ-TTg}; B's are not scored
    assert scored()["references"] == {"tp": 1, "gold": 2, "pred": 3, "precision": pytest.approx(1 / 3),
                                      "recall": 0.5, "f1": pytest.approx(0.4)}


def test_errors_name_missed_extra_and_wrong_figures():
    errors = [(e["notice"], e["kind"], e["what"], e["detail"]) for e in scored()["errors"]]
    assert ("a", "missed", "reported to_hop_tac = 15", "condition: sản xuất rau an toàn") in errors
    assert ("a", "extra", "target lao_dong > 450", "hơn 450 lao động") in errors
    assert ("a", "extra", "reported thanh_vien = 2009", "") in errors
    assert ("a", "wrong", "target hop_tac_xa ≥ 90%", "deadline: gold 2025, got null") in errors
    assert ("a", "wrong", "target can_bo ≥ 300 person_times", 'action: gold "dao_tao", got "ho_tro"') in errors
    assert ("a", "reference-missed", "luat 2023", "") in errors
    assert ("c", "field", "plan.issuer", 'gold null, got {"level": "district"}') in errors
    assert sum(e[1] in ("missed", "extra", "wrong") for e in errors) == 5


def test_duplicates_need_as_many_predictions():
    gold = [fig("target", "hop_tac_xa", 20), fig("target", "hop_tac_xa", 20)]
    assert len(match_figures(gold, [fig("target", "hop_tac_xa", 20)]).pairs) == 1
    both = match_figures(gold, [fig("target", "hop_tac_xa", 20), fig("target", "hop_tac_xa", 20.0)])
    assert (len(both.pairs), both.missed, both.extra) == (2, [], [])
    one = match_figures(gold[:1], [fig("target", "hop_tac_xa", 20)] * 2)
    assert (len(one.pairs), one.missed, len(one.extra)) == (1, [], 1)


def test_pairing_maximizes_agreement():
    gold = [fig("target", "hop_tac_xa", 20, deadline=2025), fig("target", "hop_tac_xa", 20, deadline=2030)]
    pred = [fig("target", "hop_tac_xa", 20, deadline=2030), fig("target", "hop_tac_xa", 20, deadline=2025)]
    assert match_figures(gold, pred).pairs == [(0, 1), (1, 0)]
    report = Report()
    report.add("x", {"figures": gold}, {"figures": pred})
    assert report.attributes["deadline"].correct == 2


def test_key_includes_value_max_and_unit():
    gold = [fig("target", "hop_tac_xa", 5, comparator="range", value_max=7)]
    assert match_figures(gold, [fig("target", "hop_tac_xa", 5, comparator="range", value_max=7.0)]).pairs == [(0, 0)]
    assert match_figures(gold, [fig("target", "hop_tac_xa", 5, comparator="range", value_max=8)]).pairs == []
    assert match_figures(gold, [fig("target", "hop_tac_xa", 5, "percent", "range", value_max=7)]).pairs == []


def test_numbers_compare_numerically_with_tolerance():
    assert same_amount(2009, 2009.0)
    assert same_amount(0.1 + 0.2, 0.3)
    assert same_amount(1800000, 1.8e6)
    assert not same_amount(2009, 2009.5)
    assert not same_amount(0, 1e-6)
    assert same_amount(None, None) and not same_amount(None, 0)


def test_places_ignore_tone_marks_case_spaces_and_hyphens():
    assert normalize_place("Đắk Lắk") == normalize_place("dak-lak") == normalize_place("ĐĂK LĂK")
    assert normalize_place("Thừa Thiên - Huế") == normalize_place("thua thien hue")
    assert normalize_place("Châu Thành") != normalize_place("Châu Đốc")
    assert normalize_symbol("97/KH-UBND") == normalize_symbol(" 97 / kh-ubnd")
    assert normalize_symbol("97/KH-UBND") != normalize_symbol("98/KH-UBND")


def test_max_weight_assignment_prefers_more_pairs_then_weight():
    # two pairs of weight 1000 beat one pair of weight 1003
    assert max_weight_assignment([[1003, 1000], [1000, 0]]) == [(0, 1), (1, 0)]
    assert max_weight_assignment([[0, 0], [0, 1001], [1002, 0]]) == [(1, 1), (2, 0)]
    assert max_weight_assignment([]) == []


# ---------------------------------------------------------------- files and the command

def write_layout(root: Path, cases=CASES) -> tuple[Path, Path]:
    gold_dir, pred_dir = root / "gold" / "hand", root / "pred"
    gold_dir.mkdir(parents=True)
    pred_dir.mkdir()
    for name, (gold, pred) in cases.items():
        (gold_dir / f"{name}.yaml").write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
        (pred_dir / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    return gold_dir, pred_dir


def test_eval_command_json_matches_hand_scores(tmp_path):
    gold_dir, pred_dir = write_layout(tmp_path)
    result = runner.invoke(app, ["eval", str(gold_dir), "--pred", str(pred_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = scored()
    del expected["errors"]
    assert data == expected
    assert "figures all" in result.stderr  # the table goes to stderr when stdout carries JSON


def test_eval_command_table_and_errors(tmp_path):
    gold_dir, pred_dir = write_layout(tmp_path)
    result = runner.invoke(app, ["eval", str(gold_dir / "a.yaml"), "--pred", str(pred_dir), "--errors"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "1 notices, 5 gold figures, 6 predicted figures" in result.stdout
    assert "hand/a  missed  reported to_hop_tac = 15 — condition: sản xuất rau an toàn" in result.stdout
    assert "hand/a  extra  target lao_dong > 450 — hơn 450 lao động" in result.stdout


def test_eval_bad_usage_exits_2_with_one_line(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["eval", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"kttt: error: {missing}: no such file or directory\n"

    broken = tmp_path / "gold" / "s" / "broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("plan:\n  kind: [ke_hoach\nfigures: []\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(broken), "--pred", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kttt: error: {broken}: not valid YAML: line ")
    assert result.stderr.count("\n") == 1

    broken.write_text("figures:\n  - {status: target, subject: hop_tac_xa, unit: count}\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(broken), "--pred", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, f"kttt: error: {broken}: figures[0]: missing value\n")

    broken.write_text("figures: []\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(broken)])  # no corpus/s/broken.txt
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kttt: error: {broken}: no notice broken.txt or broken.html")


def test_cases_pair_gold_with_notices_in_every_layout(tmp_path):
    (tmp_path / "gold" / "dev").mkdir(parents=True)
    (tmp_path / "corpus" / "dev").mkdir(parents=True)
    (tmp_path / "gold" / "dev" / "n1.yaml").write_text("figures: []\n", encoding="utf-8")
    (tmp_path / "corpus" / "dev" / "n1.txt").write_text("Hiện có 5 HTX.\n", encoding="utf-8")
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "s1.expected.yaml").write_text("figures: []\n", encoding="utf-8")
    (tmp_path / "samples" / "s1.html").write_text("<p>Hiện có 5 HTX.</p>\n", encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "n1.txt").write_text("Hiện có 6 HTX.\n", encoding="utf-8")

    cases = find_cases([tmp_path / "gold", tmp_path / "samples"])
    assert [(c.name, c.notice_path) for c in cases] == [
        ("dev/n1", (tmp_path / "corpus" / "dev" / "n1.txt").resolve()),
        ("samples/s1", (tmp_path / "samples" / "s1.html").resolve()),
    ]
    [case] = find_cases([tmp_path / "gold" / "dev" / "n1.yaml"], docs=tmp_path / "other")
    assert case.notice_path == tmp_path / "other" / "n1.txt"


def test_eval_runs_extraction_on_notices(tmp_path):
    (tmp_path / "gold" / "tu_viet").mkdir(parents=True)
    (tmp_path / "corpus" / "tu_viet").mkdir(parents=True)
    gold = {"plan": None, "figures": [fig("reported", "hop_tac_xa", 12, as_of=2023)]}
    (tmp_path / "gold" / "tu_viet" / "x.yaml").write_text(yaml.safe_dump(gold), encoding="utf-8")
    (tmp_path / "corpus" / "tu_viet" / "x.txt").write_text(
        "Đến cuối năm 2023, toàn huyện có 12 hợp tác xã đang hoạt động.\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path / "gold"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["notices"], data["gold_figures"], data["fields"]["plan"]["total"]) == (1, 1, 1)
    assert data["figures"]["all"]["tp"] <= 1


def test_eval_on_shared_gold():
    gold_dir = SHARED / "gold" / "seeds"
    if not gold_dir.is_dir():
        pytest.skip("../shared is not present")
    files = sorted(gold_dir.glob("*.yaml"))
    gold_figures = sum(len(yaml.safe_load(f.read_text(encoding="utf-8")).get("figures") or []) for f in files)
    result = runner.invoke(app, ["eval", str(gold_dir), "--json", "--errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["notices"], data["gold_figures"]) == (len(files), gold_figures)
    assert data["figures"]["all"]["gold"] == data["figures"]["target"]["gold"] + data["figures"]["reported"]["gold"]
    missed = sum(e["kind"] == "missed" for e in data["errors"])
    assert missed == gold_figures - data["figures"]["all"]["tp"]
