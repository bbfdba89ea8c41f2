"""Document symbols: `97/KH-UBND`, `20-NQ/TW`, `01/2020/TT-BKHĐT`."""
from ..document import Doc
from ..patterns import PatternSet


def tag(doc: Doc, patterns: PatternSet) -> None:
    """Add `symbol` tags to the doc."""


def probe(text: str, patterns: PatternSet) -> set[str]:
    return set()
