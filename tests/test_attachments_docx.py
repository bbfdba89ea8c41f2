"""DOCX attachments: Word files made from the samples give the records of the samples' text; what
Word writes (split runs, revisions, fields, text boxes, mastheads, tables) reads as a person
reads it; corrupt files and other office formats give their one-line errors."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from attachment_files import (TABLE_FIGURES, TABLE_NOTICE, comparable, docx_notice, docx_of_xml, legacy_office_file,
                              table_figures)
from kttt_extract import extract
from kttt_extract.decode import decode
from kttt_extract.errors import InputError
from kttt_extract.pipeline import read

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def reason(raw: bytes, path: str = "Ke hoach 23.docx") -> str:
    with pytest.raises(InputError) as caught:
        decode(raw, path)
    return caught.value.reason


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_a_docx_of_a_notice_gives_the_record_of_its_text(sample: Path):
    text = sample.read_text(encoding="utf-8")
    raw = docx_notice(text)
    notice = extract(raw, path="Ke hoach 23.docx")
    assert notice.source.format == "docx"
    assert comparable(notice) == comparable(extract(text))
    normalized = read(raw).text
    for figure in notice.figures:
        assert normalized[figure.evidence.start:figure.evidence.end] == figure.evidence.text
        assert figure.evidence.page is None


def test_a_masthead_table_is_read_cell_by_cell_and_a_data_table_row_by_row():
    text = (ROOT / "samples" / "province_plan_text_2024_with_results.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    left, right = [lines[0], lines[1], lines[2], lines[6]], [lines[3], lines[4], lines[5], lines[7]]
    raw = docx_notice("\n".join(lines[8:]), masthead=(left, right))
    assert read(raw).text.startswith("\n".join(left + right) + "\n")
    assert comparable(extract(raw)) == comparable(extract(text))

    notice = extract(docx_notice(TABLE_NOTICE), path="chi_tieu.docx")
    assert table_figures(notice) == TABLE_FIGURES
    assert comparable(notice) == comparable(extract(TABLE_NOTICE))


def test_what_word_writes_reads_as_a_person_reads_it():
    body = (
        # a figure split over runs, with a spelling mark, a deletion and an insertion (tracked changes)
        '<w:p><w:r><w:t xml:space="preserve">Thành lập mới </w:t></w:r><w:proofErr w:type="spellStart"/>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t></w:r><w:r><w:t>0 HTX</w:t></w:r><w:proofErr w:type="spellEnd"/>'
        '<w:del w:id="1"><w:r><w:delText>, 15 THT</w:delText></w:r></w:del>'
        '<w:ins w:id="2"><w:r><w:t>, 12 THT</w:t></w:r></w:ins></w:p>'
        # a field: its result, not its code
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        # a tab (not the paragraph's tab stops) and a line break
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' + run("Số: 12/KH-UBND")
        + '<w:r><w:tab/><w:t>Đức Trọng, ngày 05 tháng 01 năm 2026</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t><w:br/><w:t>HUYỆN ĐỨC TRỌNG</w:t></w:r></w:p>'
        # a text box, in the new form and its fallback copy: once, after its paragraph
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p>' + run("Dự thảo") + '</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback>'
        '<w:pict><w:txbxContent><w:p>' + run("Dự thảo") + '</w:p></w:txbxContent></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>' + run("Kèm theo Kế hoạch") + '</w:p>'
        # a table cell over two columns, and a content control around a row
        '<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>' + run("Chỉ tiêu") + '</w:p>'
        '</w:tc><w:tc><w:p>' + run("2026") + '</w:p></w:tc></w:tr><w:sdt><w:sdtContent><w:tr><w:tc><w:p>'
        + run("Số HTX") + '</w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p>' + run("38") + '</w:p></w:tc></w:tr>'
        '</w:sdtContent></w:sdt></w:tbl>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    )
    header = f'<w:hdr {W}><w:p>{run("UBND HUYỆN ĐỨC TRỌNG - TỈNH LÂM ĐỒNG")}</w:p></w:hdr>'
    decoded = decode(docx_of_xml(body, {"word/header1.xml": header}), "ke_hoach.docx")
    assert decoded.text == (
        "Thành lập mới 20 HTX, 12 THT\n"
        "3\n"
        "Số: 12/KH-UBND\tĐức Trọng, ngày 05 tháng 01 năm 2026\n"
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\n"
        "Kèm theo Kế hoạch\nDự thảo\n"
        "Chỉ tiêu\t\t2026\n"
        "Số HTX\t\t38\n"
    )
    assert decoded.context == "UBND HUYỆN ĐỨC TRỌNG - TỈNH LÂM ĐỒNG"
    assert (decoded.format, decoded.encoding) == ("docx", "utf-8")


def test_strict_open_xml_reads_too():
    document = ('<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
                f'<w:p>{run("Năm 2026 thành lập mới 5 HTX.")}</w:p></w:body></w:document>')
    assert decode(_with_part(docx_of_xml(""), "word/document.xml", document.encode()), "x.docx").text == (
        "Năm 2026 thành lập mới 5 HTX.\n")


def _with_part(package: bytes, name: str, content: bytes, *, compress: bool = True) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as archive:
        for item in source.namelist():
            archive.writestr(item, content if item == name else source.read(item))
    return buffer.getvalue()


def _flipped_inside(package: bytes, name: str) -> bytes:
    """`package` with bytes in the middle of `name`'s compressed data overwritten."""
    info = zipfile.ZipFile(io.BytesIO(package)).getinfo(name)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 3
    return package[:start] + b"\xff" * 8 + package[start + 8:]


def test_corrupt_docx_files_say_what_is_wrong():
    good = docx_notice(TABLE_NOTICE)
    assert reason(good[:len(good) // 2]) == "corrupt DOCX or ZIP file: its ZIP directory is missing (a truncated download?)"
    broken_xml = _with_part(good, "word/document.xml", b"<w:document><w:body><w:p>")
    assert reason(broken_xml).startswith("corrupt DOCX file: word/document.xml is not well-formed XML (")
    assert reason(_flipped_inside(good, "word/document.xml")).startswith(
        "corrupt DOCX file: cannot unpack word/document.xml (")
    bomb = _with_part(good, "word/document.xml", b'<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    assert reason(bomb) == "corrupt DOCX file: word/document.xml declares a DTD, which Word documents do not"
    assert reason(docx_of_xml("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")) == "a DOCX file with no text"


def test_other_office_files_are_named():
    def zip_of(*names: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, "<x/>")
        return buffer.getvalue()

    assert reason(zip_of("[Content_Types].xml", "xl/workbook.xml"), "bang.xlsx") == "an Excel workbook (XLSX), not a notice"
    assert reason(zip_of("anh/1.jpg"), "anh.zip") == (
        "a ZIP archive with no Word document in it (word/document.xml), not a notice")
    assert reason(legacy_office_file("WordDocument"), "KH 97.doc") == (
        "a legacy Word 97-2003 document (.doc), which kttt does not read: save it as DOCX or PDF")
    assert reason(legacy_office_file("Workbook"), "bang.xls") == "a legacy Excel workbook (.xls), not a notice"
