"""Assemble the notice's metadata: title, published_on, plan, references (issue 3).

Each file answers one question, and its docstring names the readings it covers and the pattern
file that holds their vocabulary:

- `page.py`: the page as lines; which are body, date lines, headlines, chrome.
- `published.py`: published_on, the page's own date line.
- `title.py`: the headline next to that date line.
- `details.py`: what is written after a document's symbol (date, issuer, name).
- `mentions.py`: which mentions are documents, and the role the text gives each.
- `issuer_of.py`: who issued a document where its details do not say.
- `plan.py`: which document is the plan, and its issued_on, issuer, name and period.
- `headless.py`: a plan text that starts mid-document, without masthead or title.
- `references.py`: every other document cited.
- `undated.py`: the year of a lead dated by day and month only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .. import issuer as issuers
from ..document import Doc
from ..patterns import PatternSet
from ..record import DocumentRef, Plan
from ..tag import symbols as symbol_tags
from .headless import headless_plan
from .mentions import document_mentions, document_roles
from .page import Page
from .plan import choose_plan, find_plan_text
from .published import find_published
from .references import find_references
from .title import find_title
from .undated import undated_lead

__all__ = ["Metadata", "assemble_metadata", "document_roles"]


@dataclass
class Metadata:
    title: str | None = None
    published_on: date | None = None
    plan: Plan | None = None
    references: list[DocumentRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def assemble_metadata(doc: Doc, patterns: PatternSet) -> Metadata:
    page = Page(doc, patterns)
    published, date_line = find_published(page)
    title = find_title(page, date_line)
    published = published or undated_lead(page, patterns, title)
    plan_text = find_plan_text(page, list(symbol_tags.find_mentions(doc.text, patterns)))
    if plan_text is not None:
        title = plan_text.title or title
    places = issuers.Places(doc.text, doc.context, title)
    candidates = document_mentions(doc, page, places, patterns)
    metadata = Metadata(title=title, published_on=published)
    headless = headless_plan(page, places, patterns) if title is None and plan_text is None else None
    if headless is not None:  # a plan text that starts mid-document: the plan is the text itself
        chosen, metadata.plan = None, headless
    else:
        chosen, metadata.plan = choose_plan(doc, page, candidates, plan_text, places, published,
                                            metadata.warnings, patterns)
    metadata.references = find_references(candidates, chosen)
    if published is None:
        metadata.warnings.append("no date line: published_on unknown")
    return metadata
