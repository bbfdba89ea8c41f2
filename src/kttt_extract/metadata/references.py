"""references: every other document with a number, and laws with a year, in order of first mention.

Each keeps the date and issuer written right after it (`details.py`); the plan itself and repeats
of a symbol are left out, and so is a law cited by name and year that the text also cites by
name and symbol (`Luật Hợp tác xã số 17/2023/QH15` … `Luật Hợp tác xã năm 2023` is that one).
Which mentions are documents at all is decided in `mentions.py`.
"""
from __future__ import annotations

from .. import regex_cache
from ..record import DocumentRef
from ..tag.symbols import Mention
from .mentions import Candidate, document_key


def find_references(candidates: list[Candidate], chosen: Candidate | None) -> list[DocumentRef]:
    references, seen = [], set()
    plan_key = document_key(chosen.mention) if chosen is not None else None
    cited_by_symbol = {key for c in candidates if (key := _law_by_symbol(c)) is not None}
    for candidate in candidates:
        mention, details = candidate.mention, candidate.details
        if mention.number is None and mention.year is None:
            continue
        key = document_key(mention)
        if key == plan_key or key in seen or _law_by_year(mention) in cited_by_symbol:
            continue
        seen.add(key)
        references.append(DocumentRef(kind=mention.kind, number=mention.number, issued_on=details.issued_on,
                                      issuer=details.issuer, year=mention.year if mention.number is None else None,
                                      title=details.name or None))
    return references


_SYMBOL_YEAR = regex_cache.compile(r"/((?:19|20)\d{2})/")


def _law_by_symbol(candidate: Candidate) -> tuple | None:
    """(name, year) of a law cited by name and symbol: the year its symbol (`17/2023/QH15`) or its
    date states, so that `Luật Hợp tác xã năm 2023` later in the text is the same law."""
    mention = candidate.mention
    if mention.kind != "luat" or mention.number is None or mention.name is None:
        return None
    in_symbol = _SYMBOL_YEAR.search(mention.number)
    issued = candidate.details.issued_on
    year = int(in_symbol.group(1)) if in_symbol else issued.year if issued else None
    return (_law_name(mention.name), year) if year is not None else None


def _law_by_year(mention: Mention) -> tuple | None:
    if mention.number is not None or mention.year is None or mention.name is None:
        return None
    return _law_name(mention.name), mention.year


def _law_name(name: str) -> str:
    return " ".join(name.lower().split())
