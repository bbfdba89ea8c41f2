"""Stage 1: bytes → text.

PDF and DOCX files go to `attachments.read_attachment`. For the rest, decisive rules come first
(magic bytes of binary formats, byte-order marks, valid UTF-8, the charset an HTML page declares,
the Vietnamese-letter check for Windows-1258); bytes that none of them settles are tried as
TCVN3 and VISCII (`decode_legacy`), and only then go to charset-normalizer. Text that is UTF-8
mojibake (UTF-8 read once as Windows-1252/Latin-1 and saved again) is repaired with ftfy, and
Unicode text re-read through a TCVN3 font by `reread`. HTML pages are turned into text by
`markup.html_to_text`.

`Decoded.encoding` is one of: `utf-8` (with or without BOM), `utf-16`, `utf-32`, `cp1258`, `tcvn3`,
`viscii`, a Python codec name that charset-normalizer or a `<meta charset>` chose (e.g. `cp1252`),
any of these followed by ` (mojibake repaired)` when ftfy undid a double encoding, and by
`+tcvn3-reread` when a TCVN3 re-read was undone.
"""
from __future__ import annotations

import codecs
import dataclasses
import re
import sys
import unicodedata
from pathlib import Path

from .decode_legacy import read_legacy_bytes
from .document import Decoded
from .errors import InputError
from .reread import undo_reread

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MOJIBAKE_REPAIRED = " (mojibake repaired)"



def decode(raw: bytes, path: str | None = None) -> Decoded:
    """Decode the raw bytes of one notice (text, HTML, PDF or DOCX), or raise InputError saying why not."""
    if not raw:
        raise InputError(path, "empty file")
    from .attachments import read_attachment
    attachment = read_attachment(raw, path)
    if attachment is not None:
        # PDFs and Word files made from `.Vn` fonts are where a TCVN3 re-read is most often found;
        # the repair changes letters one for one, so page offsets hold.
        text, encoding, warnings = undo_reread(attachment.text, attachment.encoding)
        return dataclasses.replace(attachment, text=text, encoding=encoding, warnings=warnings)
    _refuse_binary_formats(raw, path)
    text, encoding = _bytes_to_text(raw, path)
    return _finish(text, encoding, path)


def decode_text(text: str, path: str | None = None) -> Decoded:
    """Like `decode`, for a notice that is already a Python string."""
    return _finish(text, "utf-8", path)


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of `path` (`-` is standard input), or an InputError saying what is wrong."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(max_bytes + 1)
        else:
            raw = _read_file(Path(path), path, max_bytes)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise InputError(path, f"larger than the limit of {_size(max_bytes)}")
    return raw


def _read_file(file: Path, path: str, max_bytes: int) -> bytes:
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a directory, not a notice")
    if file.stat().st_size > max_bytes:
        raise InputError(path, f"larger than the limit of {_size(max_bytes)}")
    with file.open("rb") as handle:  # also bounds what a FIFO or a growing file can send
        return handle.read(max_bytes + 1)


def _size(n: int) -> str:
    mb = 1024 * 1024
    return f"{n // mb} MB" if n % mb == 0 else f"{n} bytes"


# ---------------------------------------------------------------- binary formats

_MAGIC = (  # PDF, ZIP (DOCX …) and OLE2 (DOC …) files are attachments' business
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a GZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)


def _refuse_binary_formats(raw: bytes, path: str | None) -> None:
    head = raw[:16].lstrip(b" \t\r\n")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(path, f"looks like {what}, not a text or HTML notice")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _refuse_control_characters(text: str, path: str | None) -> None:
    """Bytes that decoded but are full of control characters are binary data."""
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > 8 and controls * 50 > len(sample):
        raise InputError(path, "looks like binary data (control bytes), not a text or HTML notice")


# ---------------------------------------------------------------- bytes → str

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

# Declarations that say nothing useful about Vietnamese bytes: pages mislabel Windows-1258 as these.
_WESTERN_CODECS = {"ascii", "iso8859-1", "cp1252", "utf-8"}


def _bytes_to_text(raw: bytes, path: str | None) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, path, f"invalid {name.upper()} after its byte-order mark"), name
    if b"\x00" in raw:
        return _utf16_without_bom(raw, path), "utf-16"
    utf8 = _utf8(raw)
    if utf8 is not None:
        return utf8, "utf-8"
    declared = _declared_codec(raw)
    if declared and declared not in _WESTERN_CODECS:
        try:
            return raw.decode(declared), declared
        except UnicodeDecodeError:
            pass
    try:
        cp1258 = raw.decode("cp1258")
        if is_vietnamese(cp1258):
            return cp1258, "cp1258"
    except UnicodeDecodeError:
        pass
    return read_legacy_bytes(raw) or _detected(raw, path)


def _strict(raw: bytes, codec: str, path: str | None, reason: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        raise InputError(path, reason) from None


def _utf8(raw: bytes) -> str | None:
    """The text if `raw` is UTF-8; a multi-byte letter cut off at the very end becomes U+FFFD."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(raw) - 3:
            return raw[:exc.start].decode("utf-8") + "\ufffd"
        return None


def _utf16_without_bom(raw: bytes, path: str | None) -> str:
    """UTF-16 text without a BOM has a NUL in every other byte (its ASCII letters); else it is binary."""
    even_nuls, odd_nuls = raw[0::2].count(0), raw[1::2].count(0)
    enough = len(raw) // 2 * 0.3
    codec = None
    if odd_nuls > enough > even_nuls:
        codec = "utf-16-le"
    elif even_nuls > enough > odd_nuls:
        codec = "utf-16-be"
    if codec and len(raw) % 2 == 0:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    raise InputError(path, "looks like binary data (NUL bytes), not a text or HTML notice")


def _declared_codec(raw: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(raw[:8192])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


_LIKELY_CODE_PAGES = ("cp1258", "cp1252")


def _detected(raw: bytes, path: str | None) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise InputError(path, "cannot decode the bytes as text (not UTF-8, UTF-16 or Windows-1258)")
    # On short texts its first guess is often an exotic code page; the Windows ones are far likelier here.
    best = next((match for match in matches
                 if match.encoding in _LIKELY_CODE_PAGES and match.chaos <= best.chaos + 0.1), best)
    return str(best), codecs.lookup(best.encoding).name


# ---------------------------------------------------------------- Vietnamese check

_VIETNAMESE_ONLY = frozenset(
    "ăđơưĂĐƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))  # letters Windows-1252 cannot hold
)
_VIETNAMESE_ALSO_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def is_vietnamese(text: str) -> bool:
    """True when `text` reads as Vietnamese: its letters carry Vietnamese marks, and no others.

    Windows-1258 Vietnamese read as Windows-1252 gives letters such as `Þ`, `ð`, Vietnamese read
    correctly gives `ệ`, `ư`, `đ`; text that is not Vietnamese has almost no such letters at all.
    """
    text = unicodedata.normalize("NFC", text)
    vietnamese = foreign = letters = 0
    for ch in text:
        if ch < "\x80":
            letters += ch.isalpha()
        elif ch in _VIETNAMESE_ONLY:
            vietnamese += 1
            letters += 1
        elif ch in _VIETNAMESE_ALSO_LATIN1:
            letters += 1
        elif ch.isalpha() or unicodedata.combining(ch):
            foreign += 1
            letters += 1
    return vietnamese >= 3 and vietnamese >= 0.03 * letters and foreign <= 0.05 * vietnamese


# ---------------------------------------------------------------- text → Decoded

_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".aspx", ".php")
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?(?:p|div|span|br|a|li|ul|td|tr|table|h[1-6]|meta|title|body|html)\b[^<>]*>",
                       re.IGNORECASE)


def looks_like_html(text: str, path: str | None = None) -> bool:
    if path and path.lower().endswith(_HTML_EXTENSIONS):
        return True
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 8


def _finish(text: str, encoding: str, path: str | None) -> Decoded:
    text = text.removeprefix("\ufeff")
    if not unicodedata.is_normalized("NFC", text):  # Windows-1258 writes most tone marks apart
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    if encoding != "cp1258":
        text, repaired = repair_mojibake(text)
        encoding += MOJIBAKE_REPAIRED if repaired else ""
    text, encoding, warnings = undo_reread(text, encoding)
    _refuse_control_characters(text, path)
    if not looks_like_html(text, path):
        return Decoded(text, encoding, "text", warnings=warnings)
    from .markup import html_to_text

    body, context = html_to_text(text)
    if not body.strip():
        raise InputError(path, "an HTML page with no text")
    return Decoded(body, encoding, "html", context, warnings)


# Two or three characters that UTF-8 Vietnamese turns into when read as Windows-1252/Latin-1:
# `á»`/`áº` (ạ…ỹ), `Ã`+symbol (à, á, â …), `Ä`+symbol (đ, ă), `Æ`+symbol (ơ, ư).
_MOJIBAKE_HINT = re.compile(
    "á[º»]|[ÃÄÅÆ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 read as Windows-1252/Latin-1, with ftfy; correct text comes back unchanged.

    ftfy alone would also "repair" correct capitals such as `XÃ` + NBSP (→ `Xà`) or `XÃ–` (→ `XÖ`):
    its result is kept only when it has fewer characters that mojibake leaves behind.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text, False
    from ftfy import fix_encoding

    fixed = fix_encoding(text)
    if fixed == text or _mojibake_debris(fixed) >= _mojibake_debris(text):
        return text, False
    return fixed, True


# What UTF-8 bytes read as Windows-1252 show besides letters Vietnamese uses: C1 controls, Latin-1
# symbols (but not NBSP) and Latin-1 letters that are not Vietnamese (Ä, Æ, Ö, ×, ð …).
_DEBRIS = re.compile("[\x80-\x9f\xa1-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                     "\u201a\u201e\u2020\u2021\u2030\u2039\u203a\u20ac\u2122"
                     + "".join(chr(c) for c in range(0xC0, 0x100) if chr(c) not in _VIETNAMESE_ALSO_LATIN1) + "]")


def _mojibake_debris(text: str) -> int:
    return len(_DEBRIS.findall(text))
