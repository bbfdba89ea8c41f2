"""Real PDF and DOCX files made from notices, for the attachment tests.

PDFs are laid out by fpdf2 with a Unicode TrueType font (DejaVu Sans, from the system): every
line of the notice a paragraph that the page wraps and justifies, a tab-separated line a table
row with bordered cells, an optional masthead in two columns side by side. DOCX files are written
by python-docx: paragraphs, tables, a two-column masthead table. Both are test-only dependencies.
`TABLE_NOTICE` is a notice of the project's own whose figures stand in a table, with what it says.
"""
from __future__ import annotations

import glob
import io
import unicodedata
import zipfile

import pytest

from kttt_extract.normalize import normalize
from kttt_extract.write import to_data

TABLE_NOTICE = (
    "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ĐỨC TRỌNG\n"
    "Đức Trọng giao chỉ tiêu phát triển hợp tác xã năm 2026\n"
    "Ngày đăng: 08/01/2026\n"
    "Ngày 05/01/2026, UBND huyện Đức Trọng ban hành Kế hoạch số 12/KH-UBND về phát triển kinh tế tập thể, "
    "hợp tác xã năm 2026, với các chỉ tiêu chủ yếu sau:\n"
    "TT\tChỉ tiêu\tĐơn vị tính\tThực hiện năm 2025\tKế hoạch năm 2026\n"
    "1\tSố hợp tác xã\tHTX\t34\t38\n"
    "2\tSố thành viên hợp tác xã\tThành viên\t2.150\t2.400\n"
    "3\tDoanh thu bình quân của HTX\tTriệu đồng/HTX/năm\t1.450\t1.600\n"
    "4\tTỷ lệ HTX xếp loại khá, tốt\t%\t42\t50\n"
    "Phòng Kinh tế huyện theo dõi, đôn đốc các xã, thị trấn thực hiện và báo cáo kết quả trước ngày 15/12/2026.\n"
)
# What the table says, read as a person reads it: (status, subject, value, unit, deadline, as_of).
TABLE_FIGURES = [
    ("reported", "hop_tac_xa", 34, "count", None, 2025), ("target", "hop_tac_xa", 38, "count", 2026, None),
    ("reported", "thanh_vien", 2150, "count", None, 2025), ("target", "thanh_vien", 2400, "count", 2026, None),
    ("reported", "doanh_thu", 1_450_000_000, "vnd", None, 2025),
    ("target", "doanh_thu", 1_600_000_000, "vnd", 2026, None),
    ("reported", "hop_tac_xa", 42, "percent", None, 2025), ("target", "hop_tac_xa", 50, "percent", 2026, None),
]


def comparable(notice) -> dict:
    """A record without what differs by container: the source, and where evidence stands."""
    data = to_data(notice)
    del data["source"]
    for figure in data["figures"]:
        figure["evidence"] = figure["evidence"]["text"]
        if figure.get("status_reason"):
            figure["status_reason"] = {key: value for key, value in figure["status_reason"].items()
                                       if key not in ("start", "end")}
    return data


def table_figures(notice) -> list[tuple]:
    return [(f.status, f.subject, f.value, f.unit, f.deadline, f.as_of) for f in notice.figures]


FONT_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                   "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf")


def unicode_font() -> str:
    for pattern in (*FONT_CANDIDATES, "/usr/share/fonts/**/DejaVuSans.ttf"):
        found = glob.glob(pattern, recursive=True)
        if found:
            return found[0]
    pytest.skip("no DejaVu Sans font on this machine (Debian: fonts-dejavu-core)")


def new_pdf(size: float = 11, paper: str | tuple = "A4"):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a test extra) builds the PDFs")
    pdf = fpdf.FPDF(format=paper)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", fname=unicode_font())
    pdf.set_font("DejaVu", size=size)
    return pdf


class PdfNotice:
    """A notice laid out as a PDF; `pages[i]` are the pages the notice's i-th body line is on."""

    def __init__(self, body: str, *, masthead: tuple[list[str], list[str]] | None = None,
                 decomposed: bool = False, align: str = "J", paper: str | tuple = "A4"):
        self.pdf = new_pdf(paper=paper)
        self.pdf.add_page()
        self.decomposed = decomposed
        if masthead:
            self._masthead(*masthead)
        self.lines = body.split("\n")
        self.pages = [self._line(line, align) for line in self.lines]

    def _text(self, text: str) -> str:
        return unicodedata.normalize("NFD", text) if self.decomposed else text

    def _masthead(self, left: list[str], right: list[str]) -> None:
        top = self.pdf.get_y()
        half = self.pdf.epw / 2
        self.pdf.multi_cell(half * 0.8, 6, self._text("\n".join(left)), align="C", new_x="LMARGIN", new_y="NEXT")
        bottom = self.pdf.get_y()
        self.pdf.set_xy(self.pdf.l_margin + half * 0.8 + 5, top)
        self.pdf.multi_cell(half * 1.2 - 5, 6, self._text("\n".join(right)), align="C", new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_y(max(bottom, self.pdf.get_y()) + 4)

    def _line(self, line: str, align: str) -> tuple[int, ...]:
        first = self.pdf.page_no()
        if "\t" in line:
            self._row(line.split("\t"))
        elif line.strip():
            self.pdf.multi_cell(0, 6, self._text(line), align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            self.pdf.ln(3)
        return tuple(range(first, self.pdf.page_no() + 1))

    def _row(self, cells: list[str]) -> None:
        # A row wider than the page is set smaller, as a word processor shrinks a wide table.
        self.pdf.set_font_size(8)
        scale = max(1.0, sum(self.pdf.get_string_width(cell) + 4 for cell in cells) / self.pdf.epw)
        self.pdf.set_font_size(8 / scale)
        widths = [self.pdf.get_string_width(cell) + 4 / scale for cell in cells]
        assert 8 / scale >= 5, "the test's table rows must fit the page at a readable size, one line per cell"
        for cell, width in zip(cells, widths):
            self.pdf.cell(width, 6, self._text(cell), border=1)
        self.pdf.ln(6)
        self.pdf.set_font_size(11)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())

    def pages_of(self, text: str) -> set[int]:
        """The pages of the body lines that hold `text` (as evidence quotes it: normalized)."""
        return {page for line, pages in zip(self.lines, self.pages) if text in normalize(line) for page in pages}


def encrypted_pdf(user_password: str | None) -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    pdf.multi_cell(0, 6, "Năm 2024, toàn tỉnh phấn đấu thành lập mới ít nhất 12 hợp tác xã.")
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture, as a scanner makes it."""
    image = pytest.importorskip("PIL.Image", reason="Pillow (with fpdf2) draws the scan")
    picture = image.new("L", (600, 300), 255)
    for x in range(100, 500):
        picture.putpixel((x, 150), 0)  # a line of "ink"
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    pdf = new_pdf()
    pdf.add_page()
    pdf.image(buffer, x=20, y=20, w=170)
    return bytes(pdf.output())


def blank_pdf() -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    return bytes(pdf.output())


def docx_notice(body: str, *, masthead: tuple[list[str], list[str]] | None = None) -> bytes:
    docx = pytest.importorskip("docx", reason="python-docx (a test extra) builds the DOCX files")
    document = docx.Document()
    if masthead:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, masthead):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    rows: list[list[str]] = []
    for line in body.split("\n") + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, values in zip(table.rows, rows):
                for cell, value in zip(row.cells, values):
                    cell.text = value
            rows = []
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_of_xml(body_xml: str, extra_parts: dict[str, str] | None = None) -> bytes:
    """A minimal DOCX package around a hand-written `<w:body>`: the features Word itself writes."""
    namespaces = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                               '</Types>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                             f'<w:document {namespaces}><w:body>{body_xml}</w:body></w:document>',
        **(extra_parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def legacy_office_file(stream: str) -> bytes:
    """The start of an OLE2 compound file whose directory names `stream` (WordDocument, Workbook …)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\x00")
    entry = (stream.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    root = ("Root Entry".encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    return header + (root.ljust(128, b"\x00") + entry.ljust(128, b"\x00")).ljust(512, b"\x00")
