"""The project's own samples as old documents: TCVN3 and VISCII bytes (by the shipped tables and by
iconv), and the Unicode text re-read through a TCVN3 font. Each gives the record of the clean sample."""
import subprocess
from pathlib import Path

import pytest
from test_decode_legacy import CHARSETS, ICONV

from kttt_extract import extract
from kttt_extract.check import compare, expected_view, find_samples
from kttt_extract.decode_legacy import encode_text
from kttt_extract.evaluate_cases import load_record
from kttt_extract.pipeline import read
from kttt_extract.reread import reread_through_tcvn3 as reread
from kttt_extract.syllables import SYLLABLE

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# Characters the two code pages lack, written as a document in them would write them.
LEGACY_SPELLING = str.maketrans({"–": "-", "›": ">", "»": ">", "·": "|", "©": "(c)", "“": "\"", "”": "\"", "²": "2"})


def differing_syllables(got: str, clean: str) -> list[tuple[str, str]]:
    assert len(got) == len(clean)
    return [(a, b) for a, b in zip(SYLLABLE.findall(got), SYLLABLE.findall(clean)) if a != b]


def variants(text: str) -> dict[str, tuple[bytes, str]]:
    """name → (bytes, the encoding decoding should name)."""
    legacy = text.translate(LEGACY_SPELLING)
    found = {f"{name} by table": (encode_text(legacy, name), name) for name in CHARSETS}
    if ICONV:
        for name, charset in CHARSETS.items():
            raw = subprocess.run([ICONV, "-f", "UTF-8", "-t", charset], input=legacy.encode("utf-8"),
                                 capture_output=True, check=True).stdout
            found[f"{name} by iconv"] = (raw, name)
    found["re-read through TCVN3"] = (reread(text).encode("utf-8"), "utf-8+tcvn3-reread")
    return found


@pytest.mark.parametrize("notice_path, expected_path", find_samples(SAMPLES), ids=lambda p: p.name)
def test_a_sample_as_an_old_document_gives_the_clean_record(notice_path, expected_path):
    expected = load_record(expected_path)
    text = notice_path.read_text(encoding="utf-8")
    originals = {"utf-8": text, "legacy": text.translate(LEGACY_SPELLING)}
    cleans = {kind: extract(original.encode("utf-8"), path=notice_path.name) for kind, original in originals.items()}
    for kind, clean in cleans.items():
        assert compare(expected, clean.model_dump(mode="json")) == [], f"{kind}: the clean text's record changed"
    for name, (raw, encoding) in variants(text).items():
        kind = "utf-8" if encoding.startswith("utf-8") else "legacy"
        clean = cleans[kind]
        notice = extract(raw, path=notice_path.name)
        assert notice.source.encoding == encoding, name
        assert expected_view(notice) == expected_view(clean), name
        wrong = differing_syllables(read(raw, path=notice_path.name).text,
                                    read(originals[kind], path=notice_path.name).text)
        # A re-read syllable that is a word both ways, in no known word with its neighbour, may stay
        # wrong (`lũ sấy` for `lò sấy`); legacy bytes leave nothing to guess.
        assert len(wrong) <= (2 if kind == "utf-8" else 0), (name, wrong)
        if encoding.endswith("reread"):
            assert notice.warnings[0].startswith("text had been re-read through a TCVN3 font"), name
            assert notice.warnings[1:] == clean.warnings, name
        else:
            assert notice.warnings == clean.warnings, name
