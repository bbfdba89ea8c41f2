"""The attachments portals publish (PDF, DOCX), and the other office files kttt names but does not read.

`read_attachment(raw, path)` is stage 1 for them: a `Decoded` for a PDF with a text layer or a
DOCX, an InputError saying what any other ZIP or OLE2 (legacy Office) file is, and None for
everything else, which `decode` reads as text or HTML. The readers themselves are imported only
when a file needs them: `decode_pdf` (pypdfium2, the `pdf` extra) and `decode_docx` (standard library).
"""
from __future__ import annotations

import bisect

from .document import Decoded
from .errors import InputError

# Readable from any PDF text layer: what PDFium hands out is Unicode, not bytes in a code page.
PDF_ENCODING = "unicode (PDF text layer)"
DOCX_ENCODING = "utf-8"

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream each legacy Office program stores its content in, as OLE2 directory entries name them.
_OLE2_STREAMS = (
    ("WordDocument", "a legacy Word 97-2003 document (.doc), which kttt does not read: save it as DOCX or PDF"),
    ("Workbook", "a legacy Excel workbook (.xls), not a notice"),
    ("Book", "a legacy Excel workbook (.xls), not a notice"),
    ("PowerPoint Document", "a legacy PowerPoint presentation (.ppt), not a notice"),
)
_ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook (XLSX), not a notice"),
    ("ppt/presentation.xml", "a PowerPoint presentation (PPTX), not a notice"),
    ("content.xml", "an OpenDocument file (ODT/ODS), which kttt does not read: save it as DOCX or PDF"),
)


def read_attachment(raw: bytes, path: str | None) -> Decoded | None:
    head = raw[:16].lstrip(b" \t\r\n")
    if head.startswith(b"%PDF"):
        from .decode_pdf import read_pdf
        text, pages = read_pdf(raw, path)
        return Decoded(text, PDF_ENCODING, "pdf", pages=pages)
    if head.startswith(b"PK\x03\x04"):
        return _read_zip(raw, path)
    if head.startswith(_OLE2_MAGIC):
        raise InputError(path, _ole2_kind(raw, path))
    return None


def _read_zip(raw: bytes, path: str | None) -> Decoded:
    from .decode_docx import is_docx, open_zip, read_docx

    with open_zip(raw, path) as archive:
        if not is_docx(archive):
            names = set(archive.namelist())
            what = next((what for part, what in _ZIP_KINDS if part in names),
                        "a ZIP archive with no Word document in it (word/document.xml), not a notice")
            raise InputError(path, what)
        text, context = read_docx(archive, path)
    if not text.strip():
        raise InputError(path, "a DOCX file with no text")
    return Decoded(text, DOCX_ENCODING, "docx", context)


def _ole2_kind(raw: bytes, path: str | None) -> str:
    for stream, what in _OLE2_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in raw:
            return what
    if path and path.lower().endswith(".doc"):
        return _OLE2_STREAMS[0][1]
    return "a legacy Office (OLE2) file, not a notice: save a Word document as DOCX or PDF"


def number_pages(figures: list, page_starts: tuple[int, ...]) -> list:
    """Set each figure's `evidence.page` (from 1) when its document has pages: a PDF."""
    if page_starts:
        for figure in figures:
            figure.evidence.page = bisect.bisect_right(page_starts, figure.evidence.start)
    return figures
