"""Assemble figures: every target and reported number (issue 4)."""
from __future__ import annotations

from .document import Doc
from .patterns import PatternSet
from .record import Figure


def assemble_figures(doc: Doc, patterns: PatternSet, metadata) -> list[Figure]:
    return []
