"""Vietnamese from before Unicode: TCVN3 and VISCII bytes, and Unicode text re-read through a TCVN3 font.

The tables (`data/legacy_tables.tsv`) come from glibc's iconv, by `scripts/make_legacy_tables.py`.
TCVN3 is read as TCVN 5712:1993 VN1, the superset of the ABC (`.Vn`) fonts' VN3; its five tone-mark
bytes are combining characters, which NFC later joins to the letter before them.

Unicode text re-read through a TCVN3 font is repaired by `reread`, with these tables.
"""
from __future__ import annotations

import codecs
import functools
import unicodedata
from pathlib import Path

from .syllables import accented_syllables

LEGACY_ENCODINGS = ("tcvn3", "viscii")

_DATA_FILE = Path(__file__).with_name("data") / "legacy_tables.tsv"


@functools.cache
def decoding_table(name: str) -> str:
    """The 256 characters that bytes 0x00…0xFF stand for in `name` (tcvn3 or viscii)."""
    with _DATA_FILE.open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    column = rows[0].index(name)
    return "".join(chr(int(row[column][2:], 16)) for row in rows[1:])


@functools.cache
def _encoding_map(name: str):
    return codecs.charmap_build(decoding_table(name))


def decode_bytes(raw: bytes, name: str) -> str:
    """`raw` read in the legacy code page `name`, in NFC."""
    text, _ = codecs.charmap_decode(raw, "strict", decoding_table(name))
    return unicodedata.normalize("NFC", text)


def encode_text(text: str, name: str) -> bytes:
    """`text` written in the legacy code page `name` (UnicodeEncodeError for a character it lacks)."""
    return codecs.charmap_encode(unicodedata.normalize("NFC", text), "strict", _encoding_map(name))[0]


# ---------------------------------------------------------------- legacy bytes

_MIN_SHARE_KNOWN = 0.6   # of a legacy reading's accented syllables; a right reading has over 0.9
_MIN_KNOWN = 3


def read_legacy_bytes(raw: bytes) -> tuple[str, str] | None:
    """(text, name) when `raw` reads as Vietnamese in TCVN3 or VISCII, clearly better than as Windows-1258."""
    best = None
    for name in LEGACY_ENCODINGS:
        text = decode_bytes(raw, name)
        known, total = accented_syllables(text)
        if known >= _MIN_KNOWN and known >= _MIN_SHARE_KNOWN * total and (best is None or known > best[0]):
            best = (known, text, name)
    if best is None:
        return None
    known_as_windows, _ = accented_syllables(unicodedata.normalize("NFC", raw.decode("cp1258", "replace")))
    return (best[1], best[2]) if best[0] > 2 * known_as_windows else None

