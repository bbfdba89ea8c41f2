"""Where extraction spends its time, stage by stage, over the bundled samples.

    python benchmarks/profile_stages.py                 # 20 rounds over samples/*.txt|html
    python benchmarks/profile_stages.py --rounds 5 --cprofile 30   # also cProfile's top 30 functions

Each stage's function is wrapped with a timer (wherever the pipeline imported it), and the
time *inside* a stage, minus the stages it calls, is charged to it: the table is exclusive
time per notice, and its rows add up to the whole extraction (decode → write). A first
round, not counted, compiles the patterns; its cost is printed on its own.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (label, module, attribute): attribute may be "Class.method".
STAGES = [
    ("decode (bytes → text, HTML)", "kttt_extract.decode", "decode"),
    ("decode (bytes → text, HTML)", "kttt_extract.decode", "decode_text"),
    ("normalize", "kttt_extract.normalize", "normalize"),
    ("segment (lines, sentences)", "kttt_extract.segment", "segment"),
    ("tag: symbols", "kttt_extract.tag.symbols", "tag"),
    ("tag: dates", "kttt_extract.tag.dates", "tag"),
    ("tag: numbers", "kttt_extract.tag.numbers", "tag"),
    ("metadata: page lines", "kttt_extract.metadata.page", "Page.__init__"),
    ("metadata: published_on", "kttt_extract.metadata.published", "find_published"),
    ("metadata: published_on", "kttt_extract.metadata.undated", "undated_lead"),
    ("metadata: title", "kttt_extract.metadata.title", "find_title"),
    ("metadata: document mentions", "kttt_extract.tag.symbols", "find_mentions"),
    ("metadata: document mentions", "kttt_extract.metadata.mentions", "document_mentions"),
    ("metadata: places and issuers", "kttt_extract.issuer", "Places.__init__"),
    ("metadata: plan", "kttt_extract.metadata.plan", "find_plan_text"),
    ("metadata: plan", "kttt_extract.metadata.plan", "choose_plan"),
    ("metadata: plan", "kttt_extract.metadata.headless", "headless_plan"),
    ("metadata: references", "kttt_extract.metadata.references", "find_references"),
    ("metadata: other", "kttt_extract.metadata", "assemble_metadata"),
    ("figures: reading set-up (years, tables)", "kttt_extract.figures.context", "Reading.__init__"),
    ("figures: subject and condition", "kttt_extract.figures.subject", "subject_of"),
    ("figures: subject and condition", "kttt_extract.figures.subject", "noun_after"),
    ("figures: subject and condition", "kttt_extract.figures.subject", "read_condition"),
    ("figures: comparator", "kttt_extract.figures.comparator", "read_comparator"),
    ("figures: action", "kttt_extract.figures.action", "read_action"),
    ("figures: status", "kttt_extract.figures.status", "own_cue"),
    ("figures: status", "kttt_extract.figures.status", "settle_status"),
    ("figures: deadline", "kttt_extract.figures.deadline", "settle_deadlines"),
    ("figures: tables", "kttt_extract.tables", "table_rows"),
    ("figures: tables", "kttt_extract.figures.table", "read_table"),
    ("figures: merge", "kttt_extract.figures.merge", "deduplicate"),
    ("figures: which numbers (quantity, furniture, topic)", "kttt_extract.figures.quantity", "read_figures"),
    ("figures: other", "kttt_extract.figures", "assemble_figures"),
    ("validation (pydantic records, evidence)", "kttt_extract.figures.merge", "to_figure"),
    ("validation (pydantic records, evidence)", "kttt_extract.record", "Notice.check_evidence"),
    ("validation (pydantic records, evidence)", "kttt_extract.attachments", "number_pages"),
    ("write (JSON)", "kttt_extract.write", "render"),
]
NOTICE_LABEL = "validation (pydantic records, evidence)"


class Timer:
    """Exclusive time per label: a stage's time minus that of the stages it calls."""

    def __init__(self):
        self.own: dict[str, float] = {}
        self.stack: list[list] = []   # [label, started, time in children]

    def wrap(self, label: str, function):
        clock = time.perf_counter

        def timed(*args, **kwargs):
            frame = [label, clock(), 0.0]
            self.stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self.stack.pop()
                elapsed = clock() - frame[1]
                self.own[label] = self.own.get(label, 0.0) + elapsed - frame[2]
                if self.stack:
                    self.stack[-1][2] += elapsed

        timed.__wrapped__ = function
        return timed


def install(timer: Timer) -> None:
    """Replace every stage function by its timed version, in every module that holds it."""
    modules = [importlib.import_module(name) for name in sorted({m for _, m, _ in STAGES})]
    modules += [importlib.import_module(name) for name in ("kttt_extract.pipeline", "kttt_extract.figures.quantity")]
    originals = {}
    for label, module_name, attribute in STAGES:
        owner = importlib.import_module(module_name)
        if "." in attribute:
            class_name, method = attribute.split(".")
            cls = getattr(owner, class_name)
            setattr(cls, method, timer.wrap(label, getattr(cls, method)))
            continue
        originals[id(getattr(owner, attribute))] = (label, getattr(owner, attribute))
    for name, module in list(sys.modules.items()):
        if not name.startswith("kttt_extract") or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if callable(value) and id(value) in originals and originals[id(value)][1] is value:
                setattr(module, attribute, timer.wrap(originals[id(value)][0], value))
    pipeline = sys.modules["kttt_extract.pipeline"]
    pipeline.Notice = timer.wrap(NOTICE_LABEL, pipeline.Notice)  # the record built and validated


def notices() -> list[tuple[str, bytes]]:
    files = sorted(p for p in (REPO / "samples").glob("*") if p.suffix in (".txt", ".html"))
    return [(str(p.relative_to(REPO)), p.read_bytes()) for p in files]


def run(inputs, patterns) -> None:
    from kttt_extract.pipeline import extract
    from kttt_extract.write import render
    for path, raw in inputs:
        render(extract(raw, path=path, patterns=patterns), "json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="passes over the samples (default 20)")
    parser.add_argument("--cprofile", type=int, metavar="N", default=0,
                        help="also print cProfile's N functions with the most time of their own")
    args = parser.parse_args()

    started = time.perf_counter()
    from kttt_extract.patterns import load_patterns
    import kttt_extract.pipeline  # noqa: F401
    patterns = load_patterns()
    imported = time.perf_counter() - started
    inputs = notices()
    size = sum(len(raw) for _, raw in inputs)

    started = time.perf_counter()
    run(inputs, patterns)
    first = time.perf_counter() - started
    started = time.perf_counter()
    run(inputs, patterns)
    plain = (time.perf_counter() - started) / len(inputs)

    timer = Timer()
    install(timer)
    started = time.perf_counter()
    for _ in range(args.rounds):
        run(inputs, patterns)
    total = time.perf_counter() - started
    count = args.rounds * len(inputs)

    print(f"{len(inputs)} samples, {size / len(inputs) / 1000:.1f} KB each on average, {args.rounds} rounds")
    print(f"import and load the patterns: {imported * 1000:.0f} ms; first round (compiles patterns on first use): "
          f"{first / len(inputs) * 1000:.2f} ms/notice")
    print(f"steady state without timers: {plain * 1000:.2f} ms/notice = {1 / plain:.0f} notices/s "
          f"(with timers: {total / count * 1000:.2f} ms/notice)\n")
    print(f"| stage | ms/notice | share |\n|---|---:|---:|")
    charged = sum(timer.own.values())
    rows = sorted(timer.own.items(), key=lambda item: -item[1])
    rows.append(("outside the stages (pipeline glue, timers)", total - charged))
    for label, seconds in rows:
        print(f"| {label} | {seconds / count * 1000:.3f} | {seconds / total * 100:4.1f} % |")
    print(f"| **total** | {total / count * 1000:.3f} | 100 % |")

    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        run(inputs, patterns)
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(args.cprofile)
        print("\ncProfile, one round, by own time:")
        print("\n".join(line for line in text.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
