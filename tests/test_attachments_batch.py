"""A scraped folder of every kind: `kttt batch` reads txt, html, pdf and docx, lists each bad
attachment in errors.jsonl, and says how many files of other kinds it skipped; `kttt extract`
gives each bad attachment its one-line error and exit status 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attachment_files import TABLE_NOTICE, PdfNotice, docx_notice, encrypted_pdf, legacy_office_file, scanned_pdf
from kttt_extract import pipeline
from kttt_extract.cli import app
from kttt_extract.decode import read_input
from kttt_extract.errors import InputError
from kttt_extract.write import render
from test_batch import html_page, manifest_inputs, notice

pytest.importorskip("pypdfium2", reason="the pdf extra (pypdfium2) reads PDFs")


def library_reason(path: Path) -> str | None:
    try:
        pipeline.extract(read_input(str(path)), path=str(path))
    except InputError as exc:
        return exc.reason
    return None


@pytest.fixture
def scraped(tmp_path: Path) -> Path:
    """What a portal scrape holds: notices in four kinds, bad attachments, pictures and spreadsheets."""
    root = tmp_path / "tai_ve"
    (root / "dinh_kem").mkdir(parents=True)
    (root / "tin.txt").write_text(notice(1), encoding="utf-8")
    (root / "trang.html").write_text(html_page(2), encoding="utf-8")
    (root / "dinh_kem" / "KH-97-UBND.pdf").write_bytes(PdfNotice(notice(3)).bytes())
    docx = docx_notice(TABLE_NOTICE)
    (root / "dinh_kem" / "Ke hoach 23.docx").write_bytes(docx)
    (root / "dinh_kem" / "ban_scan.pdf").write_bytes(scanned_pdf())
    (root / "dinh_kem" / "co_mat_khau.pdf").write_bytes(encrypted_pdf(user_password="mat-khau"))
    pdf = PdfNotice(notice(4)).bytes()
    (root / "dinh_kem" / "tai_do.pdf").write_bytes(pdf[:len(pdf) * 2 // 3])
    (root / "dinh_kem" / "KH 12.doc").write_bytes(legacy_office_file("WordDocument"))
    (root / "dinh_kem" / "hong.docx").write_bytes(docx[:len(docx) // 2])
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "dinh_kem" / "bieu_mau.xls").write_bytes(legacy_office_file("Workbook"))
    (root / "dinh_kem" / "phu_luc.xls").write_bytes(legacy_office_file("Workbook"))
    return root


GOOD = {"tin.txt": "text", "trang.html": "html", "dinh_kem/KH-97-UBND.pdf": "pdf", "dinh_kem/Ke hoach 23.docx": "docx"}
BAD = ["dinh_kem/KH 12.doc", "dinh_kem/ban_scan.pdf", "dinh_kem/co_mat_khau.pdf", "dinh_kem/hong.docx",
       "dinh_kem/tai_do.pdf"]  # in the order the batch walks them: sorted, directories first by name


def test_a_batch_says_what_it_read_what_failed_and_what_it_skipped(scraped: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(scraped), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert "kttt: 9 notices: 4 records (1 docx, 1 html, 1 pdf, 1 text), 5 failed" in result.stderr
    assert "kttt: skipped 3 files: 2 .xls, 1 .png (not a kind kttt reads, or not matched by --glob)" in result.stderr

    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == [{"path": str(scraped / rel), "reason": library_reason(scraped / rel)} for rel in BAD]
    assert [error["reason"].split(":")[0] for error in errors] == [
        "a legacy Word 97-2003 document (.doc), which kttt does not read", "scanned PDF with no text layer (OCR it first)",
        "encrypted PDF", "corrupt DOCX or ZIP file", "truncated PDF"]

    for rel, kind in GOOD.items():
        path = scraped / rel
        record = json.loads((out / "records" / Path(rel).with_suffix(".json")).read_text(encoding="utf-8"))
        assert record == json.loads(render(pipeline.extract(path.read_bytes(), path=str(path)), "json"))
        assert record["source"]["format"] == kind and record["figures"]

    summary = json.loads((out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert summary == {"summary": {"notices": 9, "records": {"docx": 1, "html": 1, "pdf": 1, "text": 1},
                                   "failed": 5, "skipped": {".png": 1, ".xls": 2}}}
    assert len(manifest_inputs(out)) == 9


def test_a_glob_still_narrows_and_what_it_leaves_counts_as_skipped(scraped: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(scraped), "-o", str(out), "--glob", "KH*.pdf", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert [entry["path"] for entry in manifest_inputs(out)] == [str(scraped / "dinh_kem" / "KH-97-UBND.pdf")]
    assert "skipped 11 files: 3 .pdf, 2 .docx, 2 .xls, 1 .doc, 1 .html, 1 .png, 1 .txt" in result.stderr


def test_extract_gives_each_bad_attachment_one_line_and_status_2(scraped: Path):
    for rel in BAD:
        path = str(scraped / rel)
        result = CliRunner().invoke(app, ["extract", path])
        assert result.exit_code == 2
        assert result.stderr == f"kttt: error: {path}: {library_reason(scraped / rel)}\n"
        assert result.stdout == ""
