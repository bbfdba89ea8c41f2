"""PDF attachments: real PDFs made from the samples give the records of the samples' text, with
evidence offsets into `kttt normalize` and page numbers; bad PDFs give their one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from attachment_files import (TABLE_FIGURES, TABLE_NOTICE, PdfNotice, blank_pdf, comparable, encrypted_pdf,
                              scanned_pdf, table_figures)
from kttt_extract import extract
from kttt_extract.decode import decode
from kttt_extract.errors import InputError
from kttt_extract.pipeline import read
from kttt_extract.write import to_data

pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) reads PDFs")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
A5 = (148, 210)  # millimetres: most samples take two pages
# A sample whose text already is a PDF's text: its two header columns are runs of spaces, which a
# layout into justified A5 paragraphs wraps into each other. Its own reading is checked as text.
ALREADY_PDF_TEXT = {"district_plan_pdf_text_wrapped"}

def reason(raw: bytes, path: str = "ke_hoach.pdf") -> str:
    with pytest.raises(InputError) as caught:
        decode(raw, path)
    return caught.value.reason


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.stem not in ALREADY_PDF_TEXT], ids=lambda p: p.stem)
def test_a_pdf_of_a_notice_gives_the_record_of_its_text(sample: Path):
    text = sample.read_text(encoding="utf-8")
    pdf = PdfNotice(text, paper=A5)
    raw = pdf.bytes()
    notice = extract(raw, path="ke_hoach.pdf")
    assert notice.source.format == "pdf"
    assert comparable(notice) == comparable(extract(text))
    normalized = read(raw).text
    for figure in notice.figures:
        evidence = figure.evidence
        assert normalized[evidence.start:evidence.end] == evidence.text
        assert evidence.page in pdf.pages_of(evidence.text), evidence


@pytest.mark.parametrize("sample", SAMPLES[::4], ids=lambda p: p.stem)
def test_ragged_lines_and_decomposed_marks_read_the_same(sample: Path):
    text = sample.read_text(encoding="utf-8")
    expected = comparable(extract(text))
    assert comparable(extract(PdfNotice(text, paper=A5, align="L").bytes())) == expected
    decomposed = PdfNotice(text, decomposed=True).bytes()  # each tone mark a glyph of its own, as some fonts do
    assert comparable(extract(decomposed)) == expected


def test_the_stretched_spaces_of_a_justified_line_part_no_cells():
    sentence = ("Bộ Nông nghiệp và Phát triển nông thôn vừa ban hành Kế hoạch số 2841/KH-BNN-KTHT ngày "
                "18/4/2024 về phát triển hợp tác xã nông nghiệp năm 2024.")  # the number cannot wrap: wide spaces
    assert read(PdfNotice(sentence).bytes()).text == sentence + "\n"


def test_page_numbers_follow_the_pages():
    text = (ROOT / "samples" / "province_plan_text_2024_with_results.txt").read_text(encoding="utf-8")
    pdf = PdfNotice(text, paper=A5)
    notice = extract(pdf.bytes(), path="ke_hoach.pdf")
    pages = [figure.evidence.page for figure in notice.figures]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 2
    assert "page" not in to_data(extract(text))["figures"][0]["evidence"]  # text records are unchanged


def test_a_two_column_masthead_and_a_table():
    text = (ROOT / "samples" / "province_plan_text_2024_with_results.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    masthead = ([lines[0], lines[1], lines[2], lines[6]], [lines[3], lines[4], lines[5], lines[7]])
    pdf = PdfNotice("\n".join(lines[8:]), masthead=masthead)
    assert comparable(extract(pdf.bytes())) == comparable(extract(text))

    notice = extract(PdfNotice(TABLE_NOTICE).bytes(), path="chi_tieu.pdf")
    assert table_figures(notice) == TABLE_FIGURES
    assert comparable(notice) == comparable(extract(TABLE_NOTICE))
    assert "1\tSố hợp tác xã\tHTX\t34\t38\n" in read(PdfNotice(TABLE_NOTICE).bytes()).text


def test_kttt_normalize_prints_the_text_that_pdf_evidence_indexes(tmp_path: Path):
    text = (ROOT / "samples" / "province_plan_2025_targets.txt").read_text(encoding="utf-8")
    (tmp_path / "KH-86-UBND.pdf").write_bytes(PdfNotice(text, paper=A5).bytes())
    command = [sys.executable, "-c", "from kttt_extract.cli import main; main()"]
    normalized = subprocess.run([*command, "normalize", "KH-86-UBND.pdf"], cwd=tmp_path, capture_output=True,
                                text=True, check=True).stdout
    record = subprocess.run([*command, "extract", "KH-86-UBND.pdf", "-f", "jsonl"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout
    figures = json.loads(record)["figures"]
    assert len(figures) >= 10
    for figure in figures:
        evidence = figure["evidence"]
        assert normalized[evidence["start"]:evidence["end"]] == evidence["text"]
        assert evidence["page"] in (1, 2)


def test_a_pdf_whose_owner_password_only_restricts_copying_is_read():
    notice = extract(encrypted_pdf(user_password=None), path="han_che.pdf")
    assert [(f.subject, f.value, f.comparator) for f in notice.figures] == [("hop_tac_xa", 12, "gte")]


def test_bad_pdfs_say_what_is_wrong():
    good = PdfNotice(TABLE_NOTICE).bytes()
    assert reason(scanned_pdf()) == "scanned PDF with no text layer (OCR it first)"
    assert reason(encrypted_pdf(user_password="mat-khau")) == "encrypted PDF: it needs a password to open"
    assert reason(good[:len(good) // 2]) == "truncated PDF: it does not end with %%EOF (an incomplete download?)"
    assert reason(blank_pdf()) == "a PDF with no text (its pages hold neither text nor images)"
    damaged = b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"
    assert reason(damaged).startswith("damaged PDF: PDFium cannot read it (")


def test_without_the_pdf_extra_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # `import pypdfium2` now fails
    assert reason(PdfNotice(TABLE_NOTICE).bytes()) == (
        "a PDF file: reading PDF needs the pdf extra: pip install 'kttt-extract[pdf]'")
