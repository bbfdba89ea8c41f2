"""What reading old Vietnamese documents costs: `decode` on the bundled samples with and without the
TCVN3/VISCII and re-read steps, and on the samples turned into TCVN3, VISCII and the re-read form.

    python benchmarks/decode_legacy.py            # 200 rounds over the samples
    python benchmarks/decode_legacy.py --rounds 50

"Without" replaces the two steps by doing nothing, so the difference is exactly what they add to
every notice. The old-document timings include the repair itself.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import kttt_extract.decode as decode_module  # noqa: E402
from kttt_extract.decode_legacy import encode_text  # noqa: E402
from kttt_extract.reread import _pairs, reread_through_tcvn3  # noqa: E402
from kttt_extract.syllables import _frequencies  # noqa: E402

LEGACY_SPELLING = str.maketrans({"–": "-", "›": ">", "»": ">", "·": "|", "©": "(c)"})


def samples() -> list[tuple[str, bytes]]:
    paths = sorted(REPO.glob("samples/*.txt")) + sorted(REPO.glob("samples/*.html"))
    return [(path.name, path.read_bytes()) for path in paths]


def per_notice(inputs: list[tuple[str, bytes]], rounds: int) -> float:
    """The median over rounds of the mean decode time per notice, in microseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for name, raw in inputs:
            decode_module.decode(raw, name)
        times.append((time.perf_counter() - start) / len(inputs) * 1e6)
    return statistics.median(times)


def without_legacy_steps():
    saved = decode_module.read_legacy_bytes, decode_module.undo_reread
    decode_module.read_legacy_bytes = lambda raw: None
    decode_module.undo_reread = lambda text, encoding: (text, encoding, [])
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    clean = samples()
    old = {
        "TCVN3 bytes": [(n, encode_text(r.decode().translate(LEGACY_SPELLING), "tcvn3")) for n, r in clean],
        "VISCII bytes": [(n, encode_text(r.decode().translate(LEGACY_SPELLING), "viscii")) for n, r in clean],
        "re-read through TCVN3": [(n, reread_through_tcvn3(r.decode()).encode()) for n, r in clean],
    }
    loads = {"syllable list": _frequencies, "word and place pairs": _pairs}
    load_ms = {}
    for label, load in loads.items():
        start = time.perf_counter()
        load()
        load_ms[label] = (time.perf_counter() - start) * 1e3
    for inputs in [clean, *old.values()]:
        per_notice(inputs, 3)  # warm the caches: syllables scored once

    with_steps = per_notice(clean, rounds)
    saved = without_legacy_steps()
    without = per_notice(clean, rounds)
    decode_module.read_legacy_bytes, decode_module.undo_reread = saved
    size = sum(len(raw) for _, raw in clean) / len(clean)
    print(f"{len(clean)} samples, {size / 1024:.1f} KB on average, median of {rounds} rounds")
    print(f"decode, clean UTF-8 samples, without the legacy steps: {without:8.1f} µs/notice")
    print(f"decode, clean UTF-8 samples, with them:                {with_steps:8.1f} µs/notice"
          f"  (+{with_steps - without:.1f} µs, +{(with_steps / without - 1) * 100:.0f} %)")
    for label, inputs in old.items():
        print(f"decode, {label:<47} {per_notice(inputs, max(rounds // 4, 5)):8.1f} µs/notice")
    for label, ms in load_ms.items():
        print(f"once per process, loading the {label}: {ms:.1f} ms"
              + ("" if label == "syllable list" else " (only when a notice looks re-read)"))


if __name__ == "__main__":
    main()
