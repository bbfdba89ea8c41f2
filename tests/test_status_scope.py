"""Status by scope: each figure's status comes from the nearest cue that governs it, and says why."""
from kttt_extract import extract


def _figures(text: str):
    return [(f.status, f.value, f.status_reason.scope, f.status_reason.cue) for f in extract(text).figures]


def test_an_aside_speaks_only_for_itself():
    text = ("Ngày đăng: 02/04/2025\nTheo kế hoạch, đến năm 2027 tỉnh có 150 hợp tác xã (hiện có 120 hợp tác xã) "
            "với 9.000 thành viên.")
    assert _figures(text) == [
        ("target", 150, "clause", "Theo kế hoạch"),
        ("reported", 120, "aside", "hiện có"),
        ("target", 9000, "clause", "Theo kế hoạch"),
    ]


def test_an_estimate_in_a_list_of_aims_is_a_projection_but_not_in_results():
    text = ("Ngày đăng: 10/01/2025\nNăm 2024, quỹ hỗ trợ giải ngân 5 tỷ đồng, dư nợ ước đạt 12 tỷ đồng.\n"
            "Năm 2025, tỉnh đề ra chỉ tiêu:\n- Thành lập mới 9 hợp tác xã.\n- Dư nợ của quỹ ước đạt 15 tỷ đồng.")
    statuses = [(status, value) for status, value, *_ in _figures(text)]
    assert statuses == [("reported", 5e9), ("reported", 12e9), ("target", 9), ("target", 15e9)]
    assert _figures(text)[3][2:] == ("lead_in", "đề ra")


def test_a_lead_dated_by_day_and_month_takes_its_year_from_a_year_end_review():
    january = "Hội nghị tổng kết kinh tế tập thể\n\nChiều 9/1, huyện tổ chức hội nghị tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025."
    december = "Hội nghị tổng kết kinh tế tập thể\n\nSáng 20/12, huyện tổ chức hội nghị tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025."
    assert str(extract(january).published_on) == "2025-01-09"
    assert str(extract(december).published_on) == "2024-12-20"
    assert extract("Hội nghị hợp tác xã\n\nChiều 9/1, huyện tổ chức hội nghị về hợp tác xã.").published_on is None


def test_status_reason_indexes_the_normalized_text():
    notice = extract("Ngày đăng: 02/04/2025\nPhấn đấu đến năm 2027 có 150 hợp tác xã.")
    (figure,) = notice.figures
    why = figure.status_reason
    assert (figure.status, why.scope, why.cue) == ("target", "clause", "Phấn đấu")
    assert "Ngày đăng: 02/04/2025\nPhấn đấu đến năm 2027 có 150 hợp tác xã."[why.start:why.end] == "Phấn đấu"


def test_a_figure_without_any_cue_says_so():
    (figure,) = extract("Huyện có 40 hợp tác xã.").figures
    assert (figure.status, figure.status_reason.scope) == ("reported", "notice")


def test_a_month_of_the_notice_year_counted_to_is_past_when_the_notice_is_later():
    lead = ("Ngày đăng: 14/09/2022\nTỉnh ủy vừa ban hành Chỉ thị về phát triển hợp tác xã đến năm 2025, "
            "định hướng đến năm 2030.\n")
    past = extract(lead + "Đến tháng 6/2022, toàn tỉnh có 398 hợp tác xã.").figures
    ahead = extract(lead + "Đến tháng 12/2022, toàn tỉnh có 420 hợp tác xã.").figures
    assert [(f.status, f.value, f.status_reason.cue) for f in past] == [("reported", 398, "tháng 6/2022")]
    assert [(f.status, f.value, f.status_reason.cue) for f in ahead] == [("target", 420, "tháng 12/2022")]


def test_the_state_after_the_merger_of_provinces_is_reported_and_no_merger_of_cooperatives():
    text = ("Ngày đăng: 20/10/2025\nUBND tỉnh vừa ban hành Đề án phát triển hợp tác xã giai đoạn 2026 - 2030.\n"
            "Sau khi hợp nhất ba tỉnh, toàn tỉnh có 1.250 hợp tác xã.")
    (figure,) = extract(text).figures
    assert (figure.status, figure.value, figure.status_reason.cue, figure.action) == (
        "reported", 1250, "Sau khi hợp nhất", None)


def test_a_quotation_speaks_only_for_itself_with_curly_or_straight_marks():
    for open_mark, close_mark in (("“", "”"), ('"', '"')):
        text = (f"Ngày đăng: 03/05/2024\nHTX có 40 thành viên.\n{open_mark}Năm 2025, HTX phấn đấu có thêm 15 thành viên"
                f"{close_mark}, bà Lan nói.\nHTX bên cạnh có 18 thành viên.")
        assert [(status, value) for status, value, *_ in _figures(text)] == [
            ("reported", 40), ("target", 15), ("reported", 18)]


def test_the_end_of_the_year_is_the_notices_own_unless_the_sentence_named_another():
    own = extract("Ngày đăng: 04/09/2024\nTừ nay đến cuối năm, huyện phấn đấu thành lập thêm 4 HTX; "
                  "đến năm 2026 có 70 HTX.")
    assert [(f.value, f.deadline) for f in own.figures] == [(4, 2024), (70, 2026)]
    named = extract("Ngày đăng: 28/12/2025\nNăm 2026, thành phố phấn đấu thành lập mới 90 HTX; "
                    "tổng số HTX đến cuối năm đạt 1.500 HTX.")
    assert [(f.value, f.deadline) for f in named.figures] == [(90, 2026), (1500, 2026)]


def test_a_year_compared_with_leads_nothing():
    text = ("Ngày đăng: 05/02/2024\nMục tiêu năm 2024:\n- Thành lập mới 4 HTX.\n"
            "- Diện tích liên kết của các HTX tăng mạnh so với năm 2023.\n- Bồi dưỡng 45 cán bộ quản lý HTX.")
    assert [(status, value) for status, value, *_ in _figures(text)] == [("target", 4), ("target", 45)]
