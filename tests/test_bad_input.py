"""Bad input gets one short reason naming what it looks like; the CLI prints one line and exits 2."""
import io
import subprocess
import sys
import zlib

import pytest

from kttt_extract.decode import decode, read_input
from kttt_extract.errors import InputError

NOTICE = ("UBND huyện Phú Lộc ban hành Kế hoạch số 77/KH-UBND ngày 10/3/2023 về phát triển kinh tế tập thể. "
          "Phấn đấu đến năm 2025 thành lập mới 12 hợp tác xã, 30 tổ hợp tác.\n")


def reason_of(call, *args) -> str:
    with pytest.raises(InputError) as caught:
        call(*args)
    return caught.value.reason


# ---------------------------------------------------------------- read_input

def test_missing_file(tmp_path):
    assert reason_of(read_input, str(tmp_path / "missing.txt")) == "no such file"


def test_directory(tmp_path):
    assert reason_of(read_input, str(tmp_path)) == "is a directory, not a notice"


def test_file_over_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(NOTICE.encode("utf-8") * 100)
    assert reason_of(read_input, str(big), 1000) == "larger than the limit of 1000 bytes"
    assert read_input(str(big), 1_000_000) == NOTICE.encode("utf-8") * 100


def test_default_limit_is_named_in_megabytes(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    assert reason_of(read_input, str(big)) == "larger than the limit of 20 MB"


def test_stdin_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2000)))
    assert reason_of(read_input, "-", 1000) == "larger than the limit of 1000 bytes"


def test_stdin_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTICE.encode("utf-8"))))
    assert read_input("-") == NOTICE.encode("utf-8")


def test_errors_name_the_path(tmp_path):
    path = str(tmp_path / "missing.txt")
    with pytest.raises(InputError) as caught:
        read_input(path)
    assert str(caught.value) == f"{path}: no such file"


# ---------------------------------------------------------------- decode

@pytest.mark.parametrize("raw, reason", [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "empty file (only whitespace)"),
    ("\ufeff \u00a0\n".encode("utf-8"), "empty file (only whitespace)"),
    (" \n".encode("utf-16"), "empty file (only whitespace)"),
])
def test_empty_input(raw, reason):
    assert reason_of(decode, raw, "notice.txt") == reason


@pytest.mark.parametrize("raw, what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "a GIF image"),
    (b"\x1f\x8b\x08\x00" + zlib.compress(NOTICE.encode("utf-8")), "a GZIP archive"),
])
def test_binary_formats_are_named(raw, what):
    assert reason_of(decode, raw, "notice.txt") == f"looks like {what}, not a text or HTML notice"


def test_nul_bytes_are_binary_data():
    raw = bytes(range(256)) * 8
    assert reason_of(decode, raw) == "looks like binary data (NUL bytes), not a text or HTML notice"


def test_control_bytes_are_binary_data():
    raw = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13)) * 40 + b"abc"
    assert reason_of(decode, raw) == "looks like binary data (control bytes), not a text or HTML notice"


def test_undecodable_bytes():
    raw = bytes(range(0x80, 0x100)) * 20
    assert reason_of(decode, raw) == "cannot decode the bytes as text (not UTF-8, UTF-16 or Windows-1258)"


def test_broken_utf16_after_its_bom():
    raw = b"\xff\xfe" + "Hợp tác xã".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    assert reason_of(decode, raw) == "invalid UTF-16 after its byte-order mark"


def test_html_page_without_text():
    page = (b"<html><head><title></title><script>var a = 1;</script></head>"
            b"<body><div> <img src='logo.png'> &nbsp;</div></body></html>")
    assert reason_of(decode, page, "page.html") == "an HTML page with no text"


def test_a_single_bad_byte_does_not_make_utf8_text_binary():
    raw = NOTICE.encode("utf-8").replace(b"\n", b"\x01\n")
    assert decode(raw).text == NOTICE.replace("\n", "\x01\n")


# ---------------------------------------------------------------- the CLI, end to end

def kttt(*args, cwd):
    return subprocess.run([sys.executable, "-c", "from kttt_extract.cli import main; main()", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_missing_file_is_one_line_and_status_2(tmp_path):
    result = kttt("extract", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "kttt: error: missing.txt: no such file\n"
    assert result.stdout == ""


def test_cli_binary_file_is_one_line_and_status_2(tmp_path):  # PDF and DOCX: tests/test_attachments.py
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = kttt("normalize", "logo.png", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "kttt: error: logo.png: looks like a PNG image, not a text or HTML notice\n"


def test_cli_one_bad_input_among_good_ones(tmp_path):
    (tmp_path / "a.txt").write_bytes(NOTICE.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(NOTICE.encode("utf-16"))
    (tmp_path / "empty.txt").write_bytes(b"")
    result = kttt("extract", "a.txt", "empty.txt", "b.txt", "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "kttt: error: empty.txt: empty file\n"
    records = result.stdout.splitlines()
    assert len(records) == 2
    assert '"path":"a.txt"' in records[0].replace(" ", "")
    assert '"encoding":"utf-16"' in records[1].replace(" ", "")


def test_cli_normalize_prints_the_normalized_text(tmp_path):
    text = "Uỷ ban nhân dân tỉnh Khánh Hoà\r\nthành lập mới 5\u00a0HTX – “kiểu mới”\r\n"
    (tmp_path / "notice.txt").write_bytes(text.encode("utf-8-sig"))
    result = kttt("normalize", "notice.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Ủy ban nhân dân tỉnh Khánh Hòa\nthành lập mới 5 HTX - \"kiểu mới\"\n"
