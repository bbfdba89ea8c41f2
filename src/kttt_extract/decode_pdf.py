"""Stage 1 for a PDF with a text layer: bytes → text, read with PDFium (pypdfium2, the `pdf` extra).

PDFium gives each page's characters in content order, with a line break where a line ends, and
each character's box. From the boxes:
- a gap of more than an em between two characters on one line, and wider than the line's other
  word spaces, separates table cells: a tab, so that the table reader sees the row (a justified
  line stretches all its word spaces alike);
- a line runs on into the next one (one paragraph, wrapped by the page) when the next line's
  first word would not have fit at its end, the next line is no further indented, follows at the
  page's usual line spacing and is not a list item after a clause that ends: the two are joined
  with a space, so that a sentence stays one sentence. Lines that hold a tab are never joined, nor
  is a line that opens a new row of a table written with pipes (`| … | … |`).
Pages are joined with a line break, or with a space where a sentence runs on into the next page
(the page's last line ends with no full stop and passes the tests above, line spacing aside). Each
page's text is normalized here, so that the offsets in `Decoded.pages` index the text that every
stage reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .errors import InputError
from .normalize import normalize

PDF_EXTRA_HINT = "reading PDF needs the pdf extra: pip install 'kttt-extract[pdf]'"
_EOF_WINDOW = 1024   # readers accept a %%EOF marker this near the end of the file
_CELL_GAP = 0.85     # a gap this many loose-box heights wide (about an em) can be a cell boundary
_WORD_GAP = 0.1      # a wider gap parts two words (letters of a word touch, or nearly)
_UNEVEN_GAPS = 1.5   # a cell boundary is this much wider than the line's narrowest word gap
_SAME_PARAGRAPH_PITCH = 1.3  # a paragraph's lines follow at most this much further apart than usual
_LIST_ITEM = re.compile(r"(?:[-+•*–]|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVXLC]+)[.)])\s", re.IGNORECASE)
_LINE_END_HYPHEN = "\x02"  # PDFium's mark for a hyphen that ends a line (no line break follows it)
_FULL_STOPS = (".", "!", "?", "…")
_CLAUSE_ENDS = (*_FULL_STOPS, ":", ";")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


@dataclass
class Line:
    text: str
    left: float
    right: float
    bottom: float
    height: float        # of the characters' loose boxes: about the font size
    first_word: float    # the width of its first word
    space: float         # its narrowest word space


def read_pdf(raw: bytes, path: str | None) -> tuple[str, tuple[int, ...]]:
    """The normalized text of a PDF and the offset where each of its pages starts."""
    if b"%%EOF" not in raw[-_EOF_WINDOW:]:
        raise InputError(path, "truncated PDF: it does not end with %%EOF (an incomplete download?)")
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise InputError(path, f"a PDF file: {PDF_EXTRA_HINT}") from None
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise InputError(path, _load_failure(exc)) from None
    try:
        pages = [_page_lines(page) for page in document]
        if not any(pages):
            raise InputError(path, _no_text(document))
    finally:
        document.close()
    return _join_pages(pages)


def _load_failure(exc) -> str:
    from pypdfium2 import raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF: it needs a password to open"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF: its security scheme is not supported"
    return f"damaged PDF: PDFium cannot read it ({' '.join(str(exc).split())})"


def _no_text(document) -> str:
    from pypdfium2 import raw as pdfium_c

    for page in document:
        if next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) is not None:
            return "scanned PDF with no text layer (OCR it first)"
    return "a PDF with no text (its pages hold neither text nor images)"


# ---------------------------------------------------------------- one page → lines

def _page_lines(page) -> list[Line]:
    from pypdfium2 import raw as pdfium_c

    textpage = page.get_textpage()
    try:
        handle, box = textpage.raw, pdfium_c.FS_RECTF()
        chars: list[tuple[str, float, float, float, float]] = []
        lines: list[Line] = []
        for index in range(textpage.count_chars()):
            char = chr(pdfium_c.FPDFText_GetUnicode(handle, index))
            line_break, hyphen = char in "\r\n", char == _LINE_END_HYPHEN
            if char.isspace() and not line_break:  # a space PDFium inferred may have no box: it parts words
                chars.append((" ", 0.0, 0.0, 0.0, 0.0))
            elif (hyphen or not _CONTROL.match(char) and not line_break) and pdfium_c.FPDFText_GetLooseCharBox(
                    handle, index, box):
                chars.append(("-" if hyphen else char, box.left, box.right, box.bottom, box.top))
            if line_break or hyphen:  # Vietnamese splits no word: a hyphen that ends a line is the text's own
                _add_line(lines, chars)
                chars = []
        _add_line(lines, chars)
        return lines
    finally:
        textpage.close()


def _add_line(lines: list[Line], chars: list[tuple[str, float, float, float, float]]) -> None:
    inked = [c for c in chars if c[0] != " "]
    if not inked:
        return
    height = median(top - bottom for _, _, _, bottom, top in inked)
    gaps = (b[1] - a[2] for a, b in zip(inked, inked[1:]))
    word_gaps = [gap for gap in gaps if gap > _WORD_GAP * height]
    cell_gap = _cell_gap(word_gaps, height)
    text, previous_right, first_word = [], None, None
    for char, left, right, _, _ in chars:
        if char == " ":
            if previous_right is not None:
                first_word = first_word if first_word is not None else previous_right - inked[0][1]
                text.append(" ")
            continue
        if previous_right is not None and left - previous_right > cell_gap:
            while text and text[-1] == " ":
                text.pop()
            text.append("\t")
        text.append(char)
        previous_right = right
    lines.append(Line("".join(text).strip(" "), inked[0][1], max(c[2] for c in inked), min(c[3] for c in inked),
                      height, first_word if first_word is not None else previous_right - inked[0][1],
                      min(word_gaps, default=0.25 * height)))


def _cell_gap(word_gaps: list[float], height: float) -> float:
    """How wide a gap between two characters must be to part table cells.

    Wider than an em, and than the line's narrowest gap between words by half: a justified line
    stretches all its word spaces alike, however wide, while a table row has word spaces inside its
    cells and wider gaps between them."""
    if len(word_gaps) < 2:
        return _CELL_GAP * height
    return max(_CELL_GAP * height, _UNEVEN_GAPS * min(word_gaps))


# ---------------------------------------------------------------- lines → paragraphs

def _join_pages(pages: list[list[Line]]) -> tuple[str, tuple[int, ...]]:
    text, starts, previous, previous_right = "", [], None, 0.0
    for lines in pages:
        page_text = normalize(_page_text(lines))
        if text:
            runs_on = (previous and lines and not previous.text.endswith(_FULL_STOPS)
                       and _runs_on(previous, lines[0], previous_right, pitch=None))
            text += " " if runs_on else "\n"
        starts.append(len(text))
        text += page_text
        if lines:
            previous, previous_right = lines[-1], _right_margin(lines)
    return text + "\n", tuple(starts)


def _page_text(lines: list[Line]) -> str:
    if not lines:
        return ""
    right, pitch = _right_margin(lines), _usual_pitch(lines)
    parts = [lines[0].text]
    for before, line in zip(lines, lines[1:]):
        parts.append(" " if _runs_on(before, line, right, pitch) else "\n")
        parts.append(line.text)
    return "".join(parts)


def _right_margin(lines: list[Line]) -> float:
    """Where the page's text lines end (table rows may reach further)."""
    text_lines = [line.right for line in lines if "\t" not in line.text]
    return max(text_lines or [line.right for line in lines])


def _usual_pitch(lines: list[Line]) -> float | None:
    steps = [a.bottom - b.bottom for a, b in zip(lines, lines[1:]) if 0 < a.bottom - b.bottom < 3 * a.height]
    return median(steps) if steps else None


_PIPE_ROW = re.compile(r"^\s*\|")  # a new row of a table written with pipes (a wrapped row goes on without one)


def _runs_on(before: Line, line: Line, right: float, pitch: float | None) -> bool:
    """Whether `line` continues the paragraph of the line `before` it (see the module doc)."""
    if "\t" in before.text or "\t" in line.text or _PIPE_ROW.match(line.text):
        return False
    if _LIST_ITEM.match(line.text) and before.text.endswith(_CLAUSE_ENDS):  # not `giai đoạn 2019` / `- 2025`
        return False
    em = max(before.height, line.height)
    if before.right + before.space + line.first_word < right - 0.05 * em:  # it would have fitted: a chosen break
        return False
    if line.left > before.left + 0.5 * em:  # indented: a new paragraph
        return False
    if pitch is not None:
        step = before.bottom - line.bottom
        if not 0 < step <= _SAME_PARAGRAPH_PITCH * pitch:
            return False
    return True
