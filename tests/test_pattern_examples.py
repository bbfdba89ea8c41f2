"""Every pattern file's own examples pass through its dimension's probe (Duckling-style)."""
from kttt_extract.patterns import load_patterns, run_examples


def test_every_pattern_example_passes():
    failures = [r for r in run_examples(load_patterns()) if not r.passed]
    assert not failures, "\n".join(
        f"{r.file} [{r.dimension}/{r.slug}] {'counter-example' if r.counter else 'example'} "
        f"{r.text!r}: expected {'no ' if r.counter else ''}{r.expect!r}, found {sorted(r.found)}"
        for r in failures)


def test_every_dimension_has_a_pattern_file():
    from kttt_extract.patterns import DIMENSIONS
    loaded = {f.dimension for f in load_patterns().files}
    assert loaded == set(DIMENSIONS)
