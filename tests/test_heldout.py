"""The held-out notices keep their scores: a regression guard on text kttt was not written against."""
import json
from pathlib import Path

from typer.testing import CliRunner

from kttt_extract.cli import app

HELDOUT = Path(__file__).parent / "heldout"


def scores() -> dict:
    result = CliRunner().invoke(app, ["eval", str(HELDOUT), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_figures_stay_right_on_the_held_out_notices():
    report = scores()
    assert report["notices"] == 71
    assert report["figures"]["all"]["f1"] >= 0.96
    for attribute in ("comparator", "deadline", "action"):
        assert report[attribute]["accuracy"] >= 0.95, attribute


def test_plan_fields_stay_right_on_the_held_out_notices():
    fields = scores()["fields"]
    for name in ("plan.kind", "plan.number", "plan.issued_on", "plan.issuer.level", "plan.issuer.place",
                 "plan.issuer.province", "published_on"):
        assert fields[name]["accuracy"] >= 0.9, name
