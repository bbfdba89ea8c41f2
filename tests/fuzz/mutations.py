"""Hostile inputs made from the bundled samples, one per index, the same bytes on every run.

`fuzz_input(i)` picks a mutation by `i` (so any run of consecutive indices covers all of them)
and draws its details from a generator seeded by `i`. The mutations are what scrapers hand over:
bytes flipped, files cut in the middle of a letter, encodings mixed within one file, NUL bytes,
very long lines, a megabyte of digits and dots, deeply nested and unclosed HTML, a cue word
repeated 100,000 times, right-to-left and zero-width characters, figures split by tags.
The large ones (about a megabyte) are one in 25 of their kind; the test suite's slice leaves them out.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MEGABYTE = 1_000_000

CUE_WORDS = ("phấn đấu", "mục tiêu", "hiện có", "đến năm 2030", "ít nhất", "hợp tác xã", "20 HTX", "trên 70%",
             "Kế hoạch số 12/KH-UBND", "ngày 05/3/2024", "từ 80 đến", "Mục tiêu đến năm 2030:", "1.200 triệu đồng")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202b",
             "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c")
RTL_TEXT = ("مرحبا بالعالم", "שלום עולם", "\u202eNÂÔH", "٣٤٥ ١٢", "ܫܠܡܐ")
NUMBER = re.compile(r"\d[\d.,]*(?:\s*%)?")


@dataclass(frozen=True)
class FuzzInput:
    index: int
    kind: str
    sample: str
    path: str       # a file name: its extension decides text or HTML, as it does in a batch
    data: bytes


@lru_cache(maxsize=1)
def samples() -> tuple[tuple[str, str], ...]:
    """(file name, text) of every bundled sample notice, in a fixed order."""
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html") and ".expected" not in p.name)
    return tuple((p.name, p.read_text(encoding="utf-8")) for p in files)


def fuzz_input(index: int) -> FuzzInput:
    rng = random.Random(f"kttt-fuzz-{index}")
    kind, mutate = MUTATIONS[index % len(MUTATIONS)]
    name, text = rng.choice(samples())
    big = is_big(index)
    data, suffix = mutate(rng, text, name.endswith(".html"), big)
    return FuzzInput(index, kind, name, f"fuzz{index:05d}{suffix}", data)


def is_big(index: int) -> bool:
    """One input in 25 of each mutation is about a megabyte (each takes seconds, the others milliseconds)."""
    return index // len(MUTATIONS) % 25 == 24


def _suffix(html: bool) -> str:
    return ".html" if html else ".txt"


def _positions(rng: random.Random, length: int, count: int) -> list[int]:
    return sorted(rng.randrange(length + 1) for _ in range(count))


def _insert_at(text, pieces: list, positions: list[int]):
    out, last = [], 0
    for position, piece in zip(positions, pieces):
        out += [text[last:position], piece]
        last = position
    out.append(text[last:])
    return text[:0].join(out)


# --- the mutations: (rng, sample text, is HTML, big) → (bytes, file suffix) ---------------------

def flip_bytes(rng, text, html, big):
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.choice((1, 3, 10, 100, len(data) // 4 if big else 30))):
        position = rng.randrange(len(data))
        data[position] = rng.randrange(256) if rng.random() < 0.5 else data[position] ^ (1 << rng.randrange(8))
    return bytes(data), _suffix(html)


def truncate_mid_character(rng, text, html, big):
    data = text.encode(rng.choice(("utf-8", "utf-8", "utf-16", "utf-16-le", "utf-32")) if not big else "utf-8")
    inside = [i for i in range(1, len(data)) if 0x80 <= data[i] < 0xC0] or [len(data) // 2]
    cut = rng.choice(inside[: max(1, len(inside) // 10)] if rng.random() < 0.3 else inside)
    if rng.random() < 0.3:  # a page torn at both ends
        return data[rng.randrange(1, 8):cut], _suffix(html)
    return data[:cut], _suffix(html)


def _encoded(rng, piece: str) -> bytes:
    codec = rng.choice(("utf-8", "cp1258", "cp1252", "latin-1", "utf-16-le", "mojibake", "double-mojibake"))
    if codec == "mojibake":
        return piece.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    if codec == "double-mojibake":
        once = piece.encode("utf-8").decode("latin-1")
        return once.encode("utf-8").decode("latin-1").encode("utf-8")
    return piece.encode(codec, errors="replace")


def mixed_encodings(rng, text, html, big):
    cuts = _positions(rng, len(text), rng.randrange(1, 12))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    data = b"".join(_encoded(rng, piece) for piece in pieces)
    if rng.random() < 0.2:
        data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + data
    return data * (200 if big else 1), _suffix(html)


def nul_bytes(rng, text, html, big):
    data = text.encode("utf-8")
    count = rng.choice((1, 2, 9, 40, len(data) // 3))
    nuls = [b"\x00" * rng.choice((1, 1, 2, 64)) for _ in range(count)]
    data = _insert_at(data, nuls, _positions(rng, len(data), count))
    if big:
        data = data + b"\x00" * MEGABYTE
    return data, _suffix(html)


def long_line(rng, text, html, big):
    size = MEGABYTE if big else rng.choice((5_000, 20_000, 100_000))
    flavour = rng.choice(("joined", "letters", "one-char", "no-spaces"))
    if flavour == "joined":  # the whole notice on one line, repeated
        line = text.replace("\n", " ")
    elif flavour == "letters":
        line = " ".join(rng.choice(("hợp", "tác", "xã", "kinh", "tế", "tập", "thể", "và", "các")) for _ in range(300))
    elif flavour == "one-char":
        line = rng.choice("aĐ .-/,1%(")
    else:
        line = re.sub(r"\s+", "", text)
    line = (line * (size // len(line) + 1))[:size]
    position = rng.randrange(len(text) + 1)
    return (text[:position] + "\n" + line + "\n" + text[position:]).encode("utf-8"), _suffix(html)


def digits_and_dots(rng, text, html, big):
    size = MEGABYTE if big else rng.choice((100, 2_000, 30_000))
    alphabet = rng.choice(("0123456789.", "0123456789.,", "1.", "0123456789. ", "9./-%"))
    digits = "".join(rng.choice(alphabet) for _ in range(size))
    if rng.random() < 0.5:
        position = rng.randrange(len(text) + 1)
        digits = text[:position] + digits + text[position:]
    return digits.encode("ascii" if digits.isascii() else "utf-8"), ".txt"


def nested_html(rng, text, html, big):
    depth = 100_000 if big else rng.choice((50, 500, 5_000))
    tag = rng.choice(("div", "span", "b", "table", "td", "ul", "nav", "p", "font", "a"))
    attrs = rng.choice(("", ' class="menu"', ' class="footer"', ' role="banner"', ' id="header"'))
    body = "".join(f"<p>{line}</p>" for line in text.splitlines()) if not html else text
    opening = f"<{tag}{attrs}>" * depth
    tail = rng.choice(("", f"</{tag}>" * (depth // 2), "<!--", "<script>", "<table><tr><td>", "<", "<div class='"))
    page = f"<html><body>{opening}{body}{tail}" if rng.random() < 0.7 else f"{opening}{body}{tail}"
    return page.encode("utf-8"), ".html"


def cue_repetition(rng, text, html, big):
    cue = rng.choice(CUE_WORDS) if not big or rng.random() < 0.5 else "phấn đấu"
    times = 100_000 if big else rng.choice((10, 1_000, 10_000))
    separator = rng.choice((" ", ", ", "\n", ". ", "; ", ""))
    repeated = separator.join([cue] * times)
    position = rng.randrange(len(text) + 1) if rng.random() < 0.5 else len(text)
    return (text[:position] + repeated + text[position:]).encode("utf-8"), _suffix(html)


def rtl_and_zero_width(rng, text, html, big):
    count = rng.choice((1, 20, 200, len(text) if big else 500))
    pieces = [rng.choice(INVISIBLE) if rng.random() < 0.8 else rng.choice(RTL_TEXT) for _ in range(count)]
    if rng.random() < 0.5:  # inside the numbers themselves: `2\u200b0 HTX`
        numbers = [m.start() + 1 for m in NUMBER.finditer(text) if m.end() - m.start() > 1]
        positions = sorted(rng.choice(numbers) for _ in range(count)) if numbers else _positions(rng, len(text), count)
    else:
        positions = _positions(rng, len(text), count)
    return _insert_at(text, pieces, positions).encode("utf-8"), _suffix(html)


def figure_split_by_tags(rng, text, html, big):
    """Every number (and the word after it) cut by inline or block tags: `2<b>0</b> H<i>TX</i>`."""
    tags = rng.choice((("<b>", "</b>"), ("<span class='x'>", "</span>"), ("<br>", ""), ("<p>", "</p>"),
                       ("<td>", "</td>"), ("<!-- x -->", ""), ("<sup>", "</sup>")))

    def split(match: re.Match) -> str:
        token = match.group()
        cut = rng.randrange(1, len(token)) if len(token) > 1 else 1
        return f"{token[:cut]}{tags[0]}{token[cut:]}{tags[1]}"

    pattern = re.compile(r"\d[\d.,]*\s*\w*" if rng.random() < 0.5 else r"\d[\d.,]*")
    body = pattern.sub(split, text)
    if not html:
        body = "<html><body>" + "".join(f"<p>{line}</p>" for line in body.splitlines()) + "</body></html>"
    return (body * (100 if big else 1)).encode("utf-8"), ".html"


def combined(rng, text, html, big):
    """Two or three of the small mutations, one after the other, on the bytes."""
    data, suffix = text.encode("utf-8"), _suffix(html)
    for mutate in rng.sample(_SMALL, rng.randrange(2, 4)):
        decoded = data.decode("utf-8", errors="replace")
        data, new_suffix = mutate(rng, decoded, suffix == ".html", False)
        suffix = new_suffix if new_suffix == ".html" else suffix
    if rng.random() < 0.2:
        data = rng.randbytes(rng.choice((1, 16, 4096)))
    return data, suffix


_SMALL = [flip_bytes, truncate_mid_character, mixed_encodings, nul_bytes, rtl_and_zero_width, figure_split_by_tags]

MUTATIONS = [(f.__name__, f) for f in (flip_bytes, truncate_mid_character, mixed_encodings, nul_bytes, long_line,
                                       digits_and_dots, nested_html, cue_repetition, rtl_and_zero_width,
                                       figure_split_by_tags, combined)]
