"""The pipeline: decode → normalize → segment → tag → assemble → validate.

`extract` is the one entry point; the CLI and every command call it.
"""
from __future__ import annotations

import hashlib

from .attachments import number_pages
from .decode import decode, decode_text
from .document import Doc
from .figures import assemble_figures
from .metadata import assemble_metadata
from .normalize import normalize
from .patterns import PatternSet, load_patterns
from .record import Notice, Source
from .segment import segment
from .tag import tag


def extract(source: str | bytes, *, path: str | None = None, patterns: PatternSet | None = None) -> Notice:
    """Extract the record of one notice from its text or raw bytes."""
    return analyze(source, path=path, patterns=patterns)[1]


def analyze(source: str | bytes, *, path: str | None = None,
            patterns: PatternSet | None = None) -> tuple[Doc, Notice]:
    """Like `extract`, and also return the annotated document (for `kttt explain`)."""
    patterns = patterns or load_patterns()
    doc = read(source, path=path)
    tag(doc, patterns)
    metadata = assemble_metadata(doc, patterns)
    figures = number_pages(assemble_figures(doc, patterns, metadata), doc.pages)
    notice = Notice(
        source=Source(path=doc.path, sha256=doc.sha256, format=doc.format, encoding=doc.encoding),
        title=metadata.title,
        published_on=metadata.published_on,
        plan=metadata.plan,
        references=metadata.references,
        figures=figures,
        warnings=doc.warnings + metadata.warnings,
    )
    notice.check_evidence(doc.text)
    return doc, notice


def read(source: str | bytes, *, path: str | None = None) -> Doc:
    """Decode, normalize and segment: the text that every offset indexes."""
    raw = source if isinstance(source, bytes) else source.encode("utf-8")
    decoded = decode(raw, path) if isinstance(source, bytes) else decode_text(source, path)
    doc = Doc(
        text=normalize(decoded.text),
        path=path or "-",
        sha256=hashlib.sha256(raw).hexdigest(),
        format=decoded.format,
        encoding=decoded.encoding,
        context=normalize(decoded.context),
        warnings=decoded.warnings,
        pages=decoded.pages,
    )
    return segment(doc)
