"""Stage 1: bytes → text. (Minimal first version; see issue 2 for the full job.)"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError


@dataclass
class Decoded:
    text: str          # the notice's text; for HTML, the page converted to text
    encoding: str      # as detected: utf-8, utf-16, cp1258, …
    format: str        # "text" or "html"
    context: str = ""  # HTML title, masthead and footer text, kept for place lookup


def decode(raw: bytes, path: str | None = None) -> Decoded:
    if not raw.strip():
        raise InputError(path, "empty file")
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf-8", "text")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode bytes as text (offset {exc.start})") from None


def decode_text(text: str, path: str | None = None) -> Decoded:
    if not text.strip():
        raise InputError(path, "empty file")
    return Decoded(text, "utf-8", "text")


DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of `path` (`-` is standard input), or an InputError saying what is wrong."""
    import sys
    from pathlib import Path

    if path == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(path, "no such file")
        if file.is_dir():
            raise InputError(path, "is a directory, not a notice")
        if file.stat().st_size > max_bytes:
            raise InputError(path, f"file is larger than the limit of {max_bytes} bytes")
        raw = file.read_bytes()
    if len(raw) > max_bytes:
        raise InputError(path, f"input is larger than the limit of {max_bytes} bytes")
    return raw
