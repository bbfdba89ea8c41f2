"""Stage 4: taggers, one per dimension, each adding grounded tags to the Doc."""
from __future__ import annotations

from ..document import Doc
from ..patterns import PatternSet


def tag(doc: Doc, patterns: PatternSet) -> Doc:
    from . import dates, numbers, symbols
    symbols.tag(doc, patterns)
    dates.tag(doc, patterns)
    numbers.tag(doc, patterns)
    return doc
