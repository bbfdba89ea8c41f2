"""title: the headline next to the page's date line.

Of the headline-like lines just above and below the date line, the nearest above, unless the
article's lead restates another clearly more; else the first headline-like line before the body;
null when the text starts mid-article (`patterns/page.yaml`, `mid_article`). What counts as
headline-like (never the portal's name, a menu or a breadcrumb) is decided in `page.py`; a plan
text's joined heading lines (`plan.py`) replace the title.
"""
from __future__ import annotations

from .. import regex_cache
from .page import TRAILING_DATE, Line, Page, clean_title, headline_like

_LETTER_RUN = regex_cache.compile(r"\p{L}+")


def find_title(page: Page, date_line: Line | None) -> str | None:
    """The article's headline, found from the page's date line when it has one."""
    if date_line is not None:
        if TRAILING_DATE.search(date_line.text) and headline_like(page, date_line):
            return clean_title(page, date_line.text)
        before = [l for l in page.lines[max(0, date_line.index - 4):date_line.index] if l.text.strip()]
        around = [l for l in reversed(before[-3:]) if headline_like(page, l)]
        around += [l for l in page.nonempty_after(date_line, 2) if headline_like(page, l)]
        if around:
            return clean_title(page, _restated(page, around).text)
    for line in page.lines[:page.body_start]:
        text = line.text.strip()
        if not text:
            continue
        if page.g.mid_article.match(text):
            return None
        if headline_like(page, line):
            return clean_title(page, line.text)
    return None


_RESTATED_MARGIN = 0.3


def _restated(page: Page, candidates: list[Line]) -> Line:
    """Of the headline-like lines around the date line (nearest above first), the one the article's
    lead restates clearly more than the first does; else the first."""
    if len(candidates) == 1 or page.body_start >= len(page.lines):
        return candidates[0]
    lead = set(_syllables(page.lines[page.body_start].text))
    shares = [len(set(_syllables(c.text)) & lead) / max(1, len(set(_syllables(c.text)))) for c in candidates]
    best = max(range(len(candidates)), key=lambda i: (shares[i], -i))
    return candidates[best] if shares[best] - shares[0] >= _RESTATED_MARGIN else candidates[0]


def _syllables(text: str) -> list[str]:
    return [w.lower() for w in _LETTER_RUN.findall(text) if len(w) > 1]
