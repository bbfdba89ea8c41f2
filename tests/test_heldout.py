"""The held-out notices keep their scores: a regression guard on text kttt was not written against.

Sets 1–5 have been folded into the rules for several sessions; sets 6 and 7 are the newest (written
in the style of real portal pages) and are held to the scores they have reached, not to the older
sets'. Set 7's plan fields are held lower: plans named only in passing are its weak part.
"""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kttt_extract.cli import app

HELDOUT = Path(__file__).parent / "heldout"
OLDER_SETS = ["set1", "set2", "set3", "set4", "set5"]

# set: (notices, figures F1, comparator/deadline/action accuracy, plan field accuracy)
FLOORS = {"older": (71, 0.96, 0.93, 0.8), "set6": (42, 0.92, 0.9, 0.85), "set7": (38, 0.94, 0.9, 0.6),
          "set8": (42, 0.93, 0.9, 0.85), "set9": (40, 0.95, 0.9, 0.85),
          "set10": (40, 0.92, 0.9, 0.65)}  # set10's plans named in passing and unnumbered: its weak part


def scores(*sets: str) -> dict:
    result = CliRunner().invoke(app, ["eval", *(str(HELDOUT / name) for name in sets), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module", params=["older", "set6", "set7", "set8", "set9", "set10"])
def scored(request):
    sets = OLDER_SETS if request.param == "older" else [request.param]
    return FLOORS[request.param], scores(*sets)


def test_figures_stay_right_on_the_held_out_notices(scored):
    (notices, f1, attribute_floor, _), report = scored
    assert report["notices"] == notices
    assert report["figures"]["all"]["f1"] >= f1
    for attribute in ("comparator", "deadline", "action"):
        assert report[attribute]["accuracy"] >= attribute_floor, attribute


def test_plan_fields_stay_right_on_the_held_out_notices(scored):
    (*_, field_floor), report = scored
    for name in ("plan.kind", "plan.number", "plan.issued_on", "plan.issuer.level", "plan.issuer.place",
                 "plan.issuer.province", "published_on"):
        assert report["fields"][name]["accuracy"] >= field_floor, name
