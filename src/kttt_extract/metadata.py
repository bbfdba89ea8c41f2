"""Assemble the notice's metadata: title, published_on, plan, references (issue 3)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .document import Doc
from .patterns import PatternSet
from .record import DocumentRef, Plan


@dataclass
class Metadata:
    title: str | None = None
    published_on: date | None = None
    plan: Plan | None = None
    references: list[DocumentRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def assemble_metadata(doc: Doc, patterns: PatternSet) -> Metadata:
    return Metadata()


def probe_bodies(text: str, patterns: PatternSet) -> set[str]:
    return set()
