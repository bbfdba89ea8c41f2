"""Numbers as Vietnamese writes them: the numbers tagger, value by value."""
import pytest

from kttt_extract.patterns import load_patterns
from kttt_extract.pipeline import read
from kttt_extract.tag import tag
from kttt_extract.tag.numbers import parse_digits


@pytest.mark.parametrize("token, value", [
    ("2.009", 2009), ("80.000", 80000), ("1.234.567", 1234567), ("1,8", 1.8), ("0,5", 0.5),
    ("05", 5), ("01", 1), ("100,5", 100.5), ("3,525", 3.525), ("4,219,159", 4219159), ("7,0", 7),
])
def test_digits_read_the_vietnamese_way(token, value):
    assert parse_digits(token) == value


def numbers(text):
    doc = read(text)
    tag(doc, load_patterns())
    return [(t.value.value, t.value.value_max) for t in doc.of("number") if not t.value.is_year]


def test_scale_words_multiply():
    assert numbers("cả nước có 1,8 triệu thành viên") == [(1800000, None)]
    assert numbers("tổng vốn 17,1 tỉ đồng") == [(17100000000, None)]
    assert numbers("gần 252 nghìn người") == [(252000, None)]


def test_ranges_in_their_forms():
    assert numbers("thành lập mới 8-12 hợp tác xã") == [(8, 12)]
    assert numbers("thành lập mới 8 – 12 hợp tác xã") == [(8, 12)]
    assert numbers("có từ 60 đến 90 hợp tác xã") == [(60, 90)]
    assert numbers("tăng 3% - 4%/năm") == [(3, 4)]
    assert numbers("từ 1-1,5% GRDP") == [(1, 1.5)]
    assert numbers("đạt 4-6 triệu đồng/tháng") == [(4000000, 6000000)]


def test_number_words_only_before_a_counted_noun():
    assert numbers("thành lập thêm hai mươi tổ hợp tác") == [(20, None)]
    assert numbers("ít nhất một mô hình hợp tác xã") == [(1, None)]
    assert numbers("Hội nghị lần thứ năm của Ban Chấp hành") == []
    assert numbers("một số hợp tác xã còn khó khăn") == []
    assert numbers("trong năm huyện đã thành lập") == []


def test_years_phones_times_and_sections_are_not_numbers():
    assert numbers("Năm 2025, tỉnh có kế hoạch") == []
    assert numbers("Điện thoại: 0296.3852.117 hoặc (0296) 3 852 118") == []
    assert numbers("Cập nhật lúc 14:35") == []
    assert numbers("2. Mục tiêu cụ thể") == []


def test_share_of_a_whole_keeps_the_total():
    doc = read("có 09/16 hợp tác xã đạt loại khá")
    tag(doc, load_patterns())
    share = doc.of("number")[0].value
    assert (share.value, share.total) == (9, 16)
