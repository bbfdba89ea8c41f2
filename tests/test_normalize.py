"""normalize: NFC, one tone-mark placement, plain spaces/dashes/quotes, LF line ends; idempotent."""
import unicodedata

import pytest

from kttt_extract.normalize import normalize, rejoin_cells

# Written for these tests, in the style of a district portal notice.
NOTICE = (
    "UBND huyện Hoà Vang ban hành Kế hoạch số 58/KH-UBND ngày 12/4/2023 về phát triển kinh tế tập thể.\r\n"
    "Mục tiêu: thành lập mới 3\u00a0hợp tác xã; 100% cán bộ quản lý HTX được đào tạo, bồi dưỡng – nâng cao "
    "“năng lực” quản trị; giữ vững quốc phòng, an ninh, trật tự xã hội.\r"
    "Uỷ ban nhân dân các xã chủ động phối hợp với Liên minh HTX tỉnh Thừa Thiên Huế, Khánh Hoà, Thanh Hoá…\n"
)


@pytest.mark.parametrize("new_style, old_style", [
    ("hoà", "hòa"), ("khoá", "khóa"), ("thuỷ", "thủy"), ("hoè", "hòe"), ("khoẻ", "khỏe"),
    ("toạ", "tọa"), ("xoá", "xóa"), ("loã", "lõa"), ("tuỳ", "tùy"), ("luỹ", "lũy"), ("huỷ", "hủy"),
    ("Hoà Bình", "Hòa Bình"), ("Thanh Hoá", "Thanh Hóa"), ("HOÀ", "HÒA"), ("THUỶ", "THỦY"),
    ("Uỷ ban", "Ủy ban"), ("UỶ BAN", "ỦY BAN"), ("Oà", "Òa"), ("hoà,", "hòa,"), ("(thuỷ)", "(thủy)"),
])
def test_new_tone_placement_becomes_old(new_style, old_style):
    assert normalize(new_style) == old_style


@pytest.mark.parametrize("word", [
    "hoàn", "khoảng", "quyết", "thuyền", "ngoài", "khuỷu", "Nguyễn", "huỳnh", "toàn", "hoạch",
    "quý", "quỹ", "Quỳ", "QUỸ", "hòa", "thủy", "khỏe", "hóa",
])
def test_words_with_one_placement_are_untouched(word):
    assert normalize(word) == word


def test_decomposed_marks_are_composed():
    decomposed = unicodedata.normalize("NFD", "Thừa Thiên Huế, Đắk Lắk, hợp tác xã")
    assert len(decomposed) > len("Thừa Thiên Huế, Đắk Lắk, hợp tác xã")
    assert normalize(decomposed) == "Thừa Thiên Huế, Đắk Lắk, hợp tác xã"


def test_decomposed_new_style_becomes_old_style():
    assert normalize(unicodedata.normalize("NFD", "Khánh Hoà")) == "Khánh Hòa"


def test_every_space_becomes_one_plain_space_and_runs_are_kept():
    text = "a\u00a0b\u2009c\u2007d\u3000e f\u202fg\u2002h  i"
    assert normalize(text) == "a b c d e f g h  i"


def test_tabs_stay_between_table_cells():
    assert normalize("Số hợp tác xã\tHTX\t52\t56") == "Số hợp tác xã\tHTX\t52\t56"


def test_invisible_characters_are_removed():
    assert normalize("hợp\u200b tác\u00ad xã\u200d\ufeff\u2060") == "hợp tác xã"


def test_line_ends_become_lf():
    assert normalize("một\r\nhai\rba\u2028bốn\u2029năm\x0csáu") == "một\nhai\nba\nbốn\nnăm\nsáu"


def test_dashes_and_quotes_become_ascii():
    assert normalize("2021 – 2025 — ‐‑‒―−5") == "2021 - 2025 - -----5"
    assert normalize("“kiểu mới” „x‟ ‘HTX’ ‚y‛") == "\"kiểu mới\" \"x\" 'HTX' 'y'"


def test_ellipsis_stays():
    assert normalize("v.v…") == "v.v…"


def test_whole_notice():
    assert normalize(NOTICE) == (
        "UBND huyện Hòa Vang ban hành Kế hoạch số 58/KH-UBND ngày 12/4/2023 về phát triển kinh tế tập thể.\n"
        "Mục tiêu: thành lập mới 3 hợp tác xã; 100% cán bộ quản lý HTX được đào tạo, bồi dưỡng - nâng cao "
        "\"năng lực\" quản trị; giữ vững quốc phòng, an ninh, trật tự xã hội.\n"
        "Ủy ban nhân dân các xã chủ động phối hợp với Liên minh HTX tỉnh Thừa Thiên Huế, Khánh Hòa, Thanh Hóa…\n"
    )


def test_offsets_move_only_where_characters_are_removed():
    text = "Khánh Hoà:\u00a0“thuỷ sản” – 2025\t"
    assert len(normalize(text)) == len(text)


TRICKY = [
    NOTICE, unicodedata.normalize("NFD", NOTICE), "\r\r\n\n\r", "a\u200b\u0301", "o\u200b\u0300a",
    "ho\u0300a\u0323", "qu\u00fd hoa\u0300\u200b", "\u2000\u2001\u212b", "HOA\u0300\u00ad", "\ufeff\r\n",
    "thuy\u0309\u0300", "a\r\u200b\nb", "hoà\u0323", "oà\u20d0",
]


@pytest.mark.parametrize("text", TRICKY)
def test_idempotent_on_tricky_strings(text):
    once = normalize(text)
    assert normalize(once) == once


def test_idempotent_on_random_text():
    hypothesis = pytest.importorskip("hypothesis")
    strategies = hypothesis.strategies
    alphabet = strategies.sampled_from(
        list("aăâeêioôơuưyAOUYqQhtkx \n\r\t.,-") + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302",
                                                    "\u00a0", "\u200b", "\u00ad", "\u2013", "\u201c", "\ufeff",
                                                    "\u2000", "\u2028", "ò", "ỷ", "à", "ẻ"])

    @hypothesis.settings(max_examples=500, deadline=None)
    @hypothesis.given(strategies.text(alphabet=alphabet, max_size=40) | strategies.text(max_size=40))
    def check(text):
        once = normalize(text)
        assert normalize(once) == once
        assert unicodedata.is_normalized("NFC", once)
        assert "\r" not in once

    check()


def test_a_table_written_one_cell_per_line_gets_its_rows_back_with_offsets_kept():
    from kttt_extract.normalize import rejoin_cells
    text = "Kết quả:\nSTT\nChỉ tiêu\nThực hiện 2024\nKế hoạch 2025\n1\nSố HTX\n88\n95\n2\nSố THT\n40\n46\nGhi chú: số liệu ước.\n"
    rejoined = rejoin_cells(text)
    assert len(rejoined) == len(text)
    assert rejoined.split("\n") == ["Kết quả:", "STT\tChỉ tiêu\tThực hiện 2024\tKế hoạch 2025", "1\tSố HTX\t88\t95",
                                    "2\tSố THT\t40\t46", "Ghi chú: số liệu ước.", ""]


def test_lines_that_only_look_like_cells_stay_lines():
    from kttt_extract.normalize import rejoin_cells
    one_row = "STT\nChỉ tiêu\nGiá trị\n1\nSố HTX\n88\nTổng kết năm.\n"
    out_of_order = "STT\nChỉ tiêu\nGiá trị\n1\nSố HTX\n88\n3\nSố THT\n40\n"
    assert rejoin_cells(one_row) == one_row
    assert rejoin_cells(out_of_order) == out_of_order


def test_rows_continuing_a_tab_separated_table_one_cell_per_line_join_it():
    from kttt_extract.normalize import rejoin_cells
    text = "STT\tChỉ tiêu\tNăm 2024\tNăm 2025\n1\tSố HTX\t88\t95\n2\nSố THT\n40\n46\nHết bảng.\n"
    assert rejoin_cells(text).split("\n")[2] == "2\tSố THT\t40\t46"


def test_a_table_one_cell_per_line_without_row_numbers_gets_its_rows_back():
    text = "Kết quả:\n\nHạng sao\nSố sản phẩm\nCủa HTX\n3 sao\n412\n265\n4 sao\n57\n31\n\nLượt xem\n1.204\n"
    rejoined = rejoin_cells(text)
    assert len(rejoined) == len(text)
    assert "Hạng sao\tSố sản phẩm\tCủa HTX\n3 sao\t412\t265\n4 sao\t57\t31\n" in rejoined
    assert "Lượt xem\n1.204" in rejoined  # a label and a number are no table


def test_a_run_of_short_lines_that_splits_in_no_one_way_stays_as_it_is():
    text = "Trang chủ\nTin tức\nLiên hệ\n2024\n"
    assert rejoin_cells(text) == text


def test_header_cells_over_two_lines_and_marked_part_rows_are_rejoined():
    text = ("STT\nChỉ tiêu\nĐVT\nThực hiện\nnăm 2023\nNăm\n2024\n1\nSố HTX\nHTX\n120\n131\n"
            "-\nTrong đó: HTX nông nghiệp\nHTX\n80\n86\n2\nSố THT\nTHT\n40\n45\nTrang 3/3\n")
    rejoined = rejoin_cells(text)
    assert len(rejoined) == len(text)
    assert rejoined.split("\n")[:4] == ["STT\tChỉ tiêu\tĐVT\tThực hiện năm 2023\tNăm 2024", "1\tSố HTX\tHTX\t120\t131",
                                        "-\tTrong đó: HTX nông nghiệp\tHTX\t80\t86", "2\tSố THT\tTHT\t40\t45"]


def test_a_number_with_thousands_is_no_part_row_mark():
    text = "STT\nChỉ tiêu\nNăm 2024\nNăm 2025\n1\nSố thành viên\n1.030\n1.100\n2\nSố HTX\n52\n55\nHết.\n"
    assert rejoin_cells(text).split("\n")[:3] == ["STT\tChỉ tiêu\tNăm 2024\tNăm 2025", "1\tSố thành viên\t1.030\t1.100",
                                                 "2\tSố HTX\t52\t55"]
