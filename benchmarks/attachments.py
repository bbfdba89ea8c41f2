"""Benchmark reading PDF and DOCX attachments, and the libraries kttt could read them with.

    python benchmarks/attachments.py            # the samples as PDF and DOCX, and one long plan
    python benchmarks/attachments.py --repeat 9

Needs the test extra (fpdf2 and python-docx build the files, with DejaVu Sans from the system).
Every `samples/*.txt` becomes a PDF (A4, justified), the same PDF with decomposed tone marks
(each mark a glyph of its own) and a DOCX; all samples in a row become one long plan (about 20
pages). It prints, per file kind, the median time to read one file into text and to extract its
record, and for each PDF library that is installed (pypdfium2 as kttt uses it, pypdf,
pdfminer.six) its read time and how many of the notice's words it gives back intact.
"""
from __future__ import annotations

import argparse
import io
import platform
import re
import statistics
import sys
import time
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from attachment_files import PdfNotice, docx_notice  # noqa: E402

from kttt_extract import extract  # noqa: E402
from kttt_extract.decode import decode  # noqa: E402
from kttt_extract.normalize import normalize  # noqa: E402

WORD = re.compile(r"\w+")


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def words_kept(source: str, text: str) -> float:
    """The share of the notice's words that come back, letter for letter (after NFC)."""
    want = Counter(WORD.findall(normalize(source)))
    got = Counter(WORD.findall(normalize(unicodedata.normalize("NFC", text))))
    return sum((want & got).values()) / sum(want.values())


def pypdf_text(raw: bytes) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


def pdfminer_text(raw: bytes) -> str:
    from pdfminer.high_level import extract_text
    return extract_text(io.BytesIO(raw))


def kttt_pdf_text(raw: bytes) -> str:
    return decode(raw, "x.pdf").text


PDF_LIBRARIES = (("pypdfium2 (kttt)", "pypdfium2", kttt_pdf_text), ("pypdf", "pypdf", pypdf_text),
                 ("pdfminer.six", "pdfminer", pdfminer_text))


def installed(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def build(notices: dict[str, str]) -> dict[str, list[tuple[str, bytes]]]:
    files: dict[str, list[tuple[str, bytes]]] = {"pdf": [], "pdf, decomposed marks": [], "docx": []}
    for text in notices.values():
        files["pdf"].append((text, PdfNotice(text).bytes()))
        files["pdf, decomposed marks"].append((text, PdfNotice(text, decomposed=True).bytes()))
        files["docx"].append((text, docx_notice(text)))
    return files


def report_kttt(files: dict[str, list[tuple[str, bytes]]], long_plan: dict[str, tuple[str, bytes]],
                repeat: int) -> None:
    print("\nkttt, per file (median of the files' medians):")
    print(f"  {'kind':24} {'files':>5} {'KB':>6} {'read ms':>8} {'extract ms':>11}")
    for kind, items in files.items():
        path = "x." + kind.split(",")[0]
        reads = [median_ms(lambda raw=raw: decode(raw, path), repeat) for _, raw in items]
        extracts = [median_ms(lambda raw=raw: extract(raw, path=path), repeat) for _, raw in items]
        size = statistics.median(len(raw) for _, raw in items) / 1024
        print(f"  {kind:24} {len(items):5d} {size:6.1f} {statistics.median(reads):8.1f} "
              f"{statistics.median(extracts):11.1f}")
    for kind, (_, raw) in long_plan.items():
        pages = f", {len(decode(raw, 'x.pdf').pages)} pages" if kind == "pdf" else ""
        print(f"  the long plan as {kind} ({len(raw) / 1024:.0f} KB{pages}): "
              f"read {median_ms(lambda: decode(raw, 'x.' + kind), repeat):.1f} ms, "
              f"extract {median_ms(lambda: extract(raw, path='x.' + kind), repeat):.1f} ms")


def report_pdf_libraries(files: dict[str, list[tuple[str, bytes]]], repeat: int) -> None:
    print("\nPDF libraries: median read time per file, and words given back intact (all files):")
    for name, module, read in PDF_LIBRARIES:
        if not installed(module):
            print(f"  {name:18} not installed")
            continue
        for kind in ("pdf", "pdf, decomposed marks"):
            items = files[kind]
            times = [median_ms(lambda raw=raw: read(raw), repeat) for _, raw in items]
            kept = statistics.mean(words_kept(text, read(raw)) for text, raw in items)
            print(f"  {name:18} {kind:22} {statistics.median(times):7.1f} ms   {kept:6.1%} of words")


def report_docx_libraries(files: dict[str, list[tuple[str, bytes]]], repeat: int) -> None:
    print("\nDOCX readers: median read time per file:")
    kttt_ms = [median_ms(lambda raw=raw: decode(raw, "x.docx"), repeat) for _, raw in files["docx"]]
    print(f"  {'kttt (zipfile + ElementTree)':30} {statistics.median(kttt_ms):7.2f} ms")
    if not installed("docx"):
        print("  python-docx                    not installed")
        return
    import docx

    def python_docx(raw: bytes) -> str:
        return "\n".join(p.text for p in docx.Document(io.BytesIO(raw)).paragraphs)

    ms = [median_ms(lambda raw=raw: python_docx(raw), repeat) for _, raw in files["docx"]]
    print(f"  {'python-docx (paragraphs only)':30} {statistics.median(ms):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per file (the median is kept)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{platform.system()}")
    notices = {path.stem: path.read_text(encoding="utf-8") for path in sorted((REPO / "samples").glob("*.txt"))}
    files = build(notices)
    everything = "\n".join(notices.values())
    long_plan = {"pdf": (everything, PdfNotice(everything).bytes()), "docx": (everything, docx_notice(everything))}
    report_kttt(files, long_plan, args.repeat)
    report_pdf_libraries(files, args.repeat)
    report_docx_libraries(files, args.repeat)


if __name__ == "__main__":
    main()
