"""published_on: the page's own date line before the article body.

`Ngày đăng: 16/03/2023`, `Thứ sáu, 07/08/2020, 23:10`, `02/03/2020 232 Lượt xem`, a date in
brackets after the headline, a `Ngày:` field after a byline (what a date line is: `page.py`).
A date line followed by masthead items (Hotline, Email) is the site's clock unless it states a
time zone (`06:15 (GMT+7)`, an article's timestamp), and of several date lines before the body
the last one, the article's, wins; with none, a short cued date line closing the article
(`Ngày đăng: …`). Vocabulary: `patterns/dates.yaml` (`date_line`, `time_zone`) and
`patterns/page.yaml` (`masthead`, `menu`).
"""
from __future__ import annotations

from datetime import date

from .page import Line, Page, date_line, headline_like


def find_published(page: Page) -> tuple[date | None, Line | None]:
    """The page's posting date, and the date line that states it."""
    candidates = []
    for line in page.lines[:min(page.body_start, page.related_start, 40)]:
        found = date_line(page, line)
        if found is None:
            continue
        if not any(headline_like(page, l) for l in page.lines[:line.index]) and _masthead_follows(page, line):
            continue
        candidates.append((found, line))
    if candidates:
        return candidates[-1]
    for line in page.lines[page.body_start:]:  # a date line closing the article: `Ngày đăng: …`
        if line.start >= page.article_end:
            break
        cue = page.g.date_cue.match(line.text.strip())
        if cue is not None and line.words <= 8 and date_line(page, line) is not None:
            return date_line(page, line), line
    return None, None


def _masthead_follows(page: Page, line: Line) -> bool:
    """A site clock: the date line is followed by short masthead lines (Hotline, Email, menus),
    and states no time zone (a timestamp with one is the article's)."""
    if page.g.time_zone.search(line.text):
        return False
    return any(after.words <= 8 and page.g.masthead.search(after.text) for after in page.nonempty_after(line, 3))
