"""A PDF or Word file made from a `.Vn` font: its Unicode text was re-read through TCVN3 on the way.
kttt repairs it as it repairs a text file, and the evidence offsets still index `kttt normalize`."""
from pathlib import Path

import pytest
from attachment_files import PdfNotice, comparable, docx_notice

from kttt_extract import extract
from kttt_extract.pipeline import read
from kttt_extract.reread import reread_through_tcvn3

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "province_plan_aside_current_count.txt"


@pytest.mark.parametrize("container", ["pdf", "docx"])
def test_an_attachment_re_read_through_tcvn3_gives_the_clean_record(container):
    text = SAMPLE.read_text(encoding="utf-8")
    garbled = reread_through_tcvn3(text)
    assert "tiờu" in garbled or "cỏc" in garbled  # the fixture is really re-read
    make = (lambda body: PdfNotice(body).bytes()) if container == "pdf" else docx_notice
    clean, repaired = extract(make(text), path=f"KH.{container}"), extract(make(garbled), path=f"KH.{container}")
    assert repaired.source.encoding.endswith("+tcvn3-reread")
    assert repaired.warnings[0].startswith("text had been re-read through a TCVN3 font")
    assert repaired.warnings[1:] == clean.warnings
    assert {**comparable(repaired), "warnings": []} == {**comparable(clean), "warnings": []}
    normalized = read(make(garbled)).text
    assert repaired.figures
    for figure in repaired.figures:
        assert normalized[figure.evidence.start:figure.evidence.end] == figure.evidence.text
