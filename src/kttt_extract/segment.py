"""Stage 3: lines and sentences, as spans of the normalized text."""
from __future__ import annotations

from . import regex_cache
from .document import Doc, Span

# A sentence ends at a line break (not at one that wraps it, as a PDF's text does: after a
# lower-case word or a comma, before a lower-case word, not an enumerator `a)`, or a number that a
# word follows), or at . ! ? … (optionally closed by quotes or
# brackets, or the `./.` that ends Vietnamese official texts) before a space and
# an upper-case letter or digit. Dots inside numbers (2.009), in `TP. Hạ Long`
# style abbreviations and after a list's enumerator at the start of a line
# (`II. MỤC TIÊU`, `2.1. Chỉ tiêu`, `a. Năm 2025`) do not end one.
# A run of marks is tried from its first mark only (from its second after an abbreviation):
# tried from every mark, a line of 100,000 dots costs the square of that.
_ABBREVIATION = r"\b(?:TP|Tp|ThS|TS|PGS|GS|Q|P|H|X|Tr|tr|Ths)"
LIST_ENUMERATOR = r"(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])"  # `II`, `2.1`, `a`
_LINE_ENUMERATOR = rf"(?:^|\n)[ \t]*{LIST_ENUMERATOR}"
_SENTENCE_END = regex_cache.compile(
    rf"\n{{2,}}|(?<![\p{{Ll}},])\n|\n(?![ \t]*(?:\p{{Ll}}(?![.)])|\d[\d.,]*[ \t]+\p{{Ll}}))|(?:(?<![.!?…]|{_ABBREVIATION}|{_LINE_ENUMERATOR})|(?<={_ABBREVIATION}[.!?…]))"
    r"[.!?…]++(?:/\.)?[\"”’)\]]*(?=\s+[\p{Lu}\d\"“(\-–•])"
)

# Real sentences are under 1,000 characters; figures are read per sentence, at a cost that grows
# with its length, so a run-on "sentence" (a page flattened into one line) is read in pieces.
MAX_SENTENCE = 2_000


def segment(doc: Doc) -> Doc:
    doc.lines = _lines(doc.text)
    doc.sentences = _sentences(doc.text)
    return doc


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans


def _sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        _append_trimmed(spans, text, start, end)
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _last_space(text, start, start + MAX_SENTENCE)
        spans.append(Span(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end))


def _last_space(text: str, start: int, limit: int) -> int:
    """Where to cut a run-on sentence: at its last space before `limit`, else at `limit`."""
    cut = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit))
    return cut if cut > start else limit
