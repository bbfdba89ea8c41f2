"""TCVN3 and VISCII bytes, and Unicode text re-read through a TCVN3 font: the tables, the choice, the guard."""
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from test_decode import cp1258_decomposed

from kttt_extract.decode import decode, decode_text
from kttt_extract.decode_legacy import decode_bytes, decoding_table, encode_text, read_legacy_bytes
from kttt_extract.reread import reread_through_tcvn3 as reread
from kttt_extract.reread import repair_tcvn3_reread
from kttt_extract.syllables import zipf

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ICONV = shutil.which("iconv")
needs_iconv = pytest.mark.skipif(ICONV is None, reason="no iconv on this machine")
CHARSETS = {"tcvn3": "TCVN5712-1", "viscii": "VISCII"}

# Written for these tests: a notice with every kind of Vietnamese letter, capitals among them.
NOTICE = (
    "ỦY BAN NHÂN DÂN HUYỆN ĐỨC THỌ\n"
    "Mục tiêu cụ thể đến năm 2025: thành lập mới ít nhất 12 hợp tác xã, 20 tổ hợp tác; "
    "phấn đấu 80% hợp tác xã hoạt động có hiệu quả, thu nhập bình quân của người lao động trong HTX "
    "đạt trên 60 triệu đồng/người/năm. Những hợp tác xã yếu kém được củng cố, giải thể theo quy định.\n"
)


def iconv(data: bytes, source: str, target: str) -> bytes:
    return subprocess.run([ICONV, "-f", source, "-t", target], input=data, capture_output=True, check=True).stdout


# ---------------------------------------------------------------- tables


@needs_iconv
@pytest.mark.parametrize("name", CHARSETS)
def test_the_shipped_table_is_what_iconv_reads_byte_by_byte(name):
    table = decoding_table(name)
    assert len(table) == 256
    for byte in range(256):
        assert iconv(bytes([byte]), CHARSETS[name], "UTF-8").decode("utf-8") == table[byte], hex(byte)


@needs_iconv
@pytest.mark.parametrize("name", CHARSETS)
def test_text_encoded_by_iconv_and_by_the_table_agree(name):
    by_iconv = iconv(NOTICE.encode("utf-8"), "UTF-8", CHARSETS[name])
    assert encode_text(NOTICE, name) == by_iconv
    assert decode_bytes(by_iconv, name) == NOTICE


@needs_iconv
def test_tcvn3_tone_mark_bytes_read_as_iconv_composes_them():
    # A base letter followed by one of TCVN3's five combining tone bytes (0xB0–0xB4): iconv composes,
    # the table gives the combining character and NFC composes.
    raw = b"a\xb3 \xa9\xb4 \xab\xb0 o\xb1 u\xb2"
    expected = iconv(raw, "TCVN5712-1", "UTF-8").decode("utf-8")
    assert decode_bytes(raw, "tcvn3") == unicodedata.normalize("NFC", expected) == "á ậ ồ ỏ ũ"


def test_every_vietnamese_letter_has_a_byte_in_both_tables():
    letters = {unicodedata.normalize("NFC", ch) for ch in map(chr, range(0x1EA0, 0x1EFA))} | set("ăâêôơưđĂÂÊÔƠƯĐ")
    for name in CHARSETS:
        assert letters <= set(decoding_table(name)), name


def test_the_syllable_list_matches_wordfreq_when_installed():
    wordfreq = pytest.importorskip("wordfreq")
    for syllable in ("và", "hợp", "tác", "xã", "tiêu", "không", "các", "người"):
        assert zipf(syllable) == pytest.approx(wordfreq.zipf_frequency(syllable, "vi"), abs=0.01)
    assert zipf("tiờu") == zipf("cỏc") == zipf("khụng") == 0


# ---------------------------------------------------------------- legacy bytes


@pytest.mark.parametrize("name", CHARSETS)
def test_legacy_bytes_are_read_and_named(name):
    decoded = decode(encode_text(NOTICE, name), "notice.txt")
    assert decoded.encoding == name
    assert decoded.text == NOTICE
    assert decoded.warnings == []


def test_tcvn3_tone_bytes_after_the_letter_decode_to_composed_letters():
    raw = encode_text(unicodedata.normalize("NFD", "Hoà Bình có 52 hợp tác xã"), "tcvn3")
    assert decode(raw).text == "Hoà Bình có 52 hợp tác xã"


def test_western_and_windows_1258_bytes_are_not_taken_for_legacy_vietnamese():
    french = "Ceci est un texte français, très intéressant: le café, être à côté, déjà vu, l'été à Noël."
    assert read_legacy_bytes(french.encode("cp1252")) is None
    assert decode(french.encode("cp1252")).encoding not in CHARSETS
    assert decode(cp1258_decomposed(NOTICE)).encoding == "cp1258"
    assert read_legacy_bytes(cp1258_decomposed(NOTICE)) is None


# ---------------------------------------------------------------- the re-read


def test_the_issue_examples_are_repaired():
    text = reread("Mục tiêu: các hình thức hợp tác xã không có vốn từ 2 tỷ đồng trở lên; "
                  "thu nhập 5 triệu đồng/tháng; nông nghiệp")
    for shown in ("Mục tiờu", "cỏc hỡnh thức", "khụng cú", "trở lờn", "triệu đồng/thỏng", "nụng nghiệp"):
        assert shown in text
    repaired, changed = repair_tcvn3_reread(text)
    assert repaired == ("Mục tiêu: các hình thức hợp tác xã không có vốn từ 2 tỷ đồng trở lên; "
                        "thu nhập 5 triệu đồng/tháng; nông nghiệp")
    assert changed == 10  # tiêu các hình tác xã không có lên tháng nông


def test_a_reread_notice_is_repaired_named_and_warned_about():
    decoded = decode(reread(NOTICE).encode("utf-8"), "notice.txt")
    assert decoded.text == NOTICE
    assert decoded.encoding == "utf-8+tcvn3-reread"
    assert len(decoded.warnings) == 1 and "TCVN3" in decoded.warnings[0]


def test_neighbours_decide_between_two_real_syllables():
    # `dùng` is commoner than `dựng` and `cô` than `cụ`, but not after `xây` or before `thể`;
    # `Hà` (re-read `HỔ`) is a place with `Tĩnh`.
    text = reread("Xây dựng kế hoạch cụ thể hóa Nghị quyết của Tỉnh ủy Hà Tĩnh về phát triển các hợp tác xã, "
                  "dùng chung kho bãi và hỗ trợ cá nhân, tập thể có thành tích.")
    assert decode_text(text).text == ("Xây dựng kế hoạch cụ thể hóa Nghị quyết của Tỉnh ủy Hà Tĩnh về phát triển "
                                      "các hợp tác xã, dùng chung kho bãi và hỗ trợ cá nhân, tập thể có thành tích.")


def test_a_line_that_was_not_reread_is_left_alone():
    clean_line = "Tin đã đưa: Hà Nội có 1.200 hợp tác xã, đó là con số cao.\n"
    text = clean_line + reread(NOTICE)
    repaired, _ = repair_tcvn3_reread(text)
    assert repaired == clean_line + NOTICE


# Written for these tests: correct Vietnamese full of the letters a re-read produces (ờ, ụ, ú, ỏ, ố …).
LEGITIMATE = [
    NOTICE,
    "Người dân ở vùng sâu, vùng xa được hỗ trợ; cụ thể, mỗi hộ được vay tối đa 100 triệu đồng. Giờ đây "
    "nhờ mô hình mới, thu nhập của thành viên đã tăng; tuy vậy cũng còn nhiều khó khăn, cần sự phối hợp.",
    "Mục tiêu: ổn định sản xuất, phục vụ người dân; thời gian tới phấn đấu mỗi huyện có ít nhất một hợp "
    "tác xã kiểu mới. Lúc đó, cú hích từ chính sách sẽ giúp ngư dân vươn khơi, bỏ thói quen cũ.",
    "CÁC HỢP TÁC XÃ NÔNG NGHIỆP Ở HUYỆN CÙ LAO DUNG ĐÃ CỦNG CỐ TỔ CHỨC, MỞ RỘNG DỊCH VỤ; "
    "CÔNG TY CỔ PHẦN, TỔ HỢP TÁC VÀ HỘ GIA ĐÌNH CÙNG THAM GIA.",
    "Ông Lê Văn Tờ, Giám đốc HTX Đồng Tụ, cho biết: nhờ vốn vay ưu đãi, HTX đã mua máy gặt, lò sấy; "
    "lúa của thành viên được thu mua với giá ổn định, không lo bị ép giá.",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_correct_vietnamese_is_never_reread_repaired(text):
    decoded = decode(text.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == text
    assert repair_tcvn3_reread(text) == (text, 0)


def _inputs() -> list[Path]:
    folders = [ROOT / "samples", ROOT / "tests" / "heldout", SHARED / "corpus"]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*")
                  if path.suffix in (".txt", ".html") and path.name != "README.md")


def test_no_sample_or_corpus_notice_is_changed_by_the_legacy_readings():
    paths = _inputs()
    if not any(SHARED.joinpath("corpus") in path.parents for path in paths):
        pytest.skip("../shared/corpus is absent")
    for path in paths:
        raw = path.read_bytes()
        decoded = decode(raw, str(path))
        assert "tcvn3" not in decoded.encoding and "viscii" not in decoded.encoding, path
        assert decoded.warnings == [], path
        text = unicodedata.normalize("NFC", raw.decode("utf-8"))
        assert repair_tcvn3_reread(text) == (text, 0), path


def test_cli_normalize_prints_the_repaired_text(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(reread(NOTICE), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "from kttt_extract.cli import main; main()", "normalize",
                             str(notice)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == NOTICE
