"""Probes: each pattern dimension's examples run through the real pipeline (`kttt patterns test`).

A probe takes (text, patterns) and returns the set of slugs or values that its stage finds in
the text. Probes sit above the pipeline, so no stage has to import the pipeline to test itself.
"""
from __future__ import annotations

from . import issuer
from .lexicon import compiled
from .metadata import document_roles
from .patterns import PatternSet
from .pipeline import analyze, read
from .record import Figure
from .tag import dates, numbers, symbols, tag
from .figures import vetoed


def _figures_of(text: str, patterns: PatternSet) -> list[Figure]:
    return analyze(text, patterns=patterns)[1].figures


def probe_numbers(text: str, patterns: PatternSet) -> set[str]:
    """The values of the numbers in `text` (years excluded), as the tagger reads them; `0` for a zero phrase."""
    doc = read(text)
    symbols.tag(doc, patterns)
    dates.tag(doc, patterns)
    numbers.tag(doc, patterns)
    found = {str(t.value.value) for t in doc.of("number") if not t.value.is_year}
    found |= {str(t.value.value_max) for t in doc.of("number") if t.value.value_max is not None}
    if numbers.grammar(patterns).zero_cue.search(text) and any(f.value == 0 for f in _figures_of(text, patterns)):
        found.add("0")
    return found


def probe_documents(text: str, patterns: PatternSet) -> set[str]:
    """The kinds of the documents text names, and the roles of the cues before them."""
    return document_roles(read(text), patterns)


def probe_units(text: str, patterns: PatternSet) -> set[str]:
    return {f.unit for f in _figures_of(text, patterns)}


def probe_subjects(text: str, patterns: PatternSet) -> set[str]:
    return {f.subject for f in _figures_of(text, patterns)}


def probe_comparators(text: str, patterns: PatternSet) -> set[str]:
    return {f.comparator for f in _figures_of(text, patterns)}


def probe_actions(text: str, patterns: PatternSet) -> set[str]:
    return {f.action for f in _figures_of(text, patterns) if f.action}


def probe_status(text: str, patterns: PatternSet) -> set[str]:
    return {f.status for f in _figures_of(text, patterns)}


def probe_bodies(text: str, patterns: PatternSet) -> set[str]:
    """The slugs of the bodies found, and `place_owner` for a place owning a plan."""
    found = {b.slug for b in issuer.find_bodies(text, patterns)}
    if issuer.place_owner(text, 0, len(text), patterns) is not None:
        found.add("place_owner")
    return found


def probe_nonfigures(text: str, patterns: PatternSet) -> set[str]:
    """The non-figure contexts that apply to the numbers of `text` (and the lines they stand on)."""
    doc = tag(read(text), patterns)
    found = set()
    for entry in patterns.entries("nonfigures"):
        rule = compiled(patterns, "nonfigures", entry.slug)
        if entry.position == "around":
            found |= {entry.slug} if rule.search(text) else set()
            continue
        for number in doc.of("number"):
            context = (text[max(0, number.start - 80):number.start] if entry.position == "before"
                       else text[number.end:number.end + 80])
            if vetoed([(rule, entry.value)], context, number.value):
                found.add(entry.slug)
    return found
