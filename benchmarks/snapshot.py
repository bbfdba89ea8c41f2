"""Write, or compare with, the JSON record of every bundled notice: a byte-identity check for
changes that must not change any record (speed-ups, refactorings).

    python benchmarks/snapshot.py write DIR      # one DIR/<input>.json per input
    python benchmarks/snapshot.py compare DIR    # re-extract and report every record that differs

The inputs: samples/*.txt|html, tests/heldout/set*/*.txt|html, ../shared/corpus/*/*.txt (when
present), each sample also as UTF-16, Windows-1258 and (text ones) HTML as the benchmark writes
them, and the first 400 fuzz inputs of tests/fuzz/mutations.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FUZZ_COUNT = 400


def inputs(fuzz: int = FUZZ_COUNT):
    """(name, path given to extract, raw bytes) of every input."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench import as_html, to_cp1258

    files = sorted(p for p in (REPO / "samples").glob("*") if p.suffix in (".txt", ".html"))
    files += sorted(p for p in (REPO / "tests" / "heldout").glob("set*/*") if p.suffix in (".txt", ".html"))
    files += sorted((REPO.parent / "shared" / "corpus").glob("*/*.txt"))
    for path in files:
        rel = str(path.relative_to(REPO.parent) if not path.is_relative_to(REPO) else path.relative_to(REPO))
        yield rel, rel, path.read_bytes()
    for path in sorted(p for p in (REPO / "samples").glob("*") if p.suffix in (".txt", ".html")):
        text = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(REPO))
        yield rel + ".utf16", rel, text.encode("utf-16")
        yield rel + ".cp1258", rel, to_cp1258(text)
        if path.suffix == ".txt":
            yield rel + ".as.html", rel[:-4] + ".html", as_html(text).encode("utf-8")
    if fuzz:
        sys.path.insert(0, str(REPO / "tests" / "fuzz"))
        from mutations import fuzz_input
        for index in range(fuzz):
            item = fuzz_input(index)
            yield f"fuzz/{index:05d}", item.path, item.data


def record(path: str, raw: bytes, patterns) -> str:
    from kttt_extract.errors import InputError
    from kttt_extract.pipeline import extract
    from kttt_extract.write import render
    try:
        return render(extract(raw, path=path, patterns=patterns), "json")
    except InputError as exc:
        return f"InputError: {exc}\n"


def file_name(name: str) -> str:
    return name.replace("/", "__") + ".json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("directory", type=Path)
    parser.add_argument("--fuzz", type=int, default=FUZZ_COUNT, help="how many fuzz inputs (default 400)")
    args = parser.parse_args()
    from kttt_extract.patterns import load_patterns
    patterns = load_patterns()
    args.directory.mkdir(parents=True, exist_ok=True)
    count, differ, missing = 0, [], []
    for name, path, raw in inputs(args.fuzz):
        text = record(path, raw, patterns)
        target = args.directory / file_name(name)
        count += 1
        if args.action == "write":
            target.write_text(text, encoding="utf-8")
        elif not target.exists():
            missing.append(name)
        elif target.read_text(encoding="utf-8") != text:
            differ.append(name)
    if args.action == "write":
        print(f"wrote {count} records to {args.directory}")
        return 0
    for name in differ:
        print(f"DIFFERS: {name}")
    for name in missing:
        print(f"MISSING: {name}")
    print(f"{count} records compared: {len(differ)} differ, {len(missing)} missing")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
