"""Dates, day first, in every form notices use; partial forms; periods."""
from datetime import date

import pytest

from kttt_extract.document import Doc
from kttt_extract.patterns import load_patterns
from kttt_extract.tag import dates
from kttt_extract.tag.dates import DAY_MONTH, FULL, INVALID, MONTH_YEAR, TIME

P = load_patterns()


def spans(text: str) -> list[tuple[str, date | None, str]]:
    return [(text[s.start:s.end], s.value, s.form) for s in dates.find_dates(text, P)]


@pytest.mark.parametrize("text, written, value", [
    ("Kế hoạch ký ngày 05 tháng 8 năm 2020 tại trụ sở", "ngày 05 tháng 8 năm 2020", date(2020, 8, 5)),
    ("Long Xuyên, ngày 9 tháng 11 năm 2021", "ngày 9 tháng 11 năm 2021", date(2021, 11, 9)),
    ("Nghị quyết ban hành ngày 28/02/2020 của HĐND", "28/02/2020", date(2020, 2, 28)),
    ("Sáng 3/5/2024 đoàn đến làm việc", "3/5/2024", date(2024, 5, 3)),
    ("Quyết định ngày 16.6.2022 của UBND", "16.6.2022", date(2022, 6, 16)),
    ("Cập nhật ngày 22-7-2021, 10:05", "22-7-2021", date(2021, 7, 22)),
    ("tổng kết vào ngày 4/ 9/2023 tại xã", "4/ 9/2023", date(2023, 9, 4)),
    (" date 2026-01-12 Hội nghị giao ban", "2026-01-12", date(2026, 1, 12)),
    ("đăng lúc 15 Tháng Hai 2021 6:24:00 SA", "15 Tháng Hai 2021", date(2021, 2, 15)),
    ("đăng lúc 3 Tháng Mười Một, 2022", "3 Tháng Mười Một, 2022", date(2022, 11, 3)),
    ("29/02/2024 là ngày nhuận", "29/02/2024", date(2024, 2, 29)),
])
def test_full_dates_are_day_first(text, written, value):
    assert (written, value, FULL) in spans(text)


@pytest.mark.parametrize("text", ["ngày 31/02/2020 họp", "ngày 29/02/2023 họp", "ngày 12/13/2021 họp"])
def test_impossible_dates_are_tagged_without_a_value(text):
    found = spans(text)
    assert len(found) == 1 and found[0][1] is None and found[0][2] == INVALID
    assert not any(value.count("-") == 2 for value in dates.probe(text, P))


@pytest.mark.parametrize("text, written, form", [
    ("Sáng 24.4, Liên minh HTX tỉnh họp", "24.4", DAY_MONTH),
    ("Ngày 28/9, UBND tỉnh có quyết định", "28/9", DAY_MONTH),
    ("chiều 14/3 tại hội trường", "14/3", DAY_MONTH),
    ("diễn ra trong 2 ngày 21 - 22/12 tại thủ đô", "21 - 22/12", DAY_MONTH),
    ("Đến tháng 7/2020 đã giải quyết xong", "tháng 7/2020", MONTH_YEAR),
    ("trong tháng 10 năm 2022 đã tổ chức", "tháng 10 năm 2022", MONTH_YEAR),
    ("Thứ sáu, 07/08/2020, 23:10", "23:10", TIME),
    ("15-7-2021, 23:8 GMT+7", "23:8 GMT+7", TIME),
    ("Thứ 7, 03/06/2023 | 17:15:36 [GMT +7]", "17:15:36 [GMT +7]", TIME),
])
def test_partial_forms_are_tagged(text, written, form):
    assert (written, None, form) in spans(text)


@pytest.mark.parametrize("text", [
    "đạt 4/5 chỉ tiêu đề ra", "có 08/14 hợp tác xã xếp loại khá", "giai đoạn 2021-2025", "từ 1-1,5% GRDP",
    "trong 3 tháng năm 2021 thành lập 2 HTX", "tăng 10 - 15 HTX",
])
def test_numbers_that_are_not_dates(text):
    assert spans(text) == []


def test_tag_adds_date_tags_grounded_in_the_text():
    doc = Doc(text="Ngày 05/01/2022, lúc 14:30, UBND huyện họp.")
    dates.tag(doc, P)
    assert [(doc.span_text(t), t.value, t.label) for t in doc.of("date")] == [
        ("05/01/2022", date(2022, 1, 5), FULL), ("14:30", None, TIME)]


def test_a_day_month_takes_the_year_of_the_page_date():
    span = next(s for s in dates.find_dates("Ngày 28/9, UBND tỉnh họp", P))
    assert dates.with_year(span, date(2021, 10, 2)) == date(2021, 9, 28)
    assert dates.with_year(span, date(2022, 1, 5)) == date(2021, 9, 28)  # not after the page's own date
    assert dates.with_year(span, None) is None


@pytest.mark.parametrize("name, period", [
    ("phát triển kinh tế tập thể năm 2021", (2021, 2021)),
    ("phát triển hợp tác xã giai đoạn 2021 – 2025 trên địa bàn tỉnh", (2021, 2025)),
    ("phát triển hợp tác xã giai đoạn 2021- 2025", (2021, 2025)),
    ("phát triển kinh tế tập thể đến năm 2030, tầm nhìn đến năm 2045", (None, 2030)),
    ("thực hiện từ năm 2026 đến năm 2030", (2026, 2030)),
    ("xây dựng và phát triển kinh tế hợp tác", None),
])
def test_period_of_a_plan_name(name, period):
    assert dates.period_in(name, P) == period


def test_years_inside_dates_are_not_a_period():
    name = "Nghị quyết ngày 05 tháng 8 năm 2020 về hợp tác xã năm 2021"
    skip = [(s.start, s.end) for s in dates.find_dates(name, P)]
    assert dates.period_in(name, P, skip) == (2021, 2021)


def test_phased_period_spans_the_phases():
    text = ("Đề án được triển khai theo 02 giai đoạn: Giai đoạn 1: Đến năm 2025. "
            "Giai đoạn 2: Từ năm 2026 đến năm 2030.")
    assert dates.phased_period(text, P) == (None, 2030)
    assert dates.phased_period("Giai đoạn 2021-2025 toàn tỉnh có 90 HTX", P) is None


def test_probe_reports_dates_partial_forms_and_cues():
    found = dates.probe("Cập nhật lúc 19:26, Thứ Năm, 30/08/2018", P)
    assert {"2018-08-30", "time", "date_line", "weekday"} <= found


@pytest.mark.parametrize("text, expected", [
    (", với các mục tiêu đến năm 2030.", (None, 2030)),
    (" và với những mục tiêu giai đoạn 2026 - 2030 được nêu cụ thể", (2026, 2030)),
    (". Đến năm 2030, toàn tỉnh có 300 HTX.", None),          # a target's deadline, not after a goal cue
    (", với mục tiêu nâng cao thu nhập đến năm 2030.", None),  # the goal, not its horizon, follows the cue
])
def test_a_period_led_by_a_goal_cue_after_a_plan_name(text, expected):
    assert dates.led_period(text, P) == expected




@pytest.mark.parametrize("name, period", [
    ("Kết quả phát triển kinh tế tập thể năm 2025 và kế hoạch năm 2026", (2025, 2026)),
    ("tình hình năm 2023, phương hướng nhiệm vụ năm 2024", (2023, 2024)),
    ("kết quả năm 2022 và định hướng năm 2025", (2022, 2022)),  # not the next year: the first statement
])
def test_a_name_of_a_year_and_the_next_spans_both(name, period):
    assert dates.period_in(name, P) == period
