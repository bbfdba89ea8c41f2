"""Numbers as Vietnamese writes them."""
from ..document import Doc
from ..patterns import PatternSet


def tag(doc: Doc, patterns: PatternSet) -> None:
    """Add `number` tags to the doc."""


def probe(text: str, patterns: PatternSet) -> set[str]:
    return set()
