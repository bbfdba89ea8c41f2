"""Figures read from sentences written for these tests, asserted field by field."""
from kttt_extract import extract


def figures(text):
    return [f.model_dump(mode="json") for f in extract(text).figures]


def brief(text):
    """(status, subject, unit, value, value_max, comparator, action, deadline) per figure."""
    return [(f["status"], f["subject"], f["unit"], f["value"], f["value_max"], f["comparator"],
             f["action"], f["deadline"]) for f in figures(text)]


def test_comparator_and_action_distribute_over_a_list():
    assert brief("Năm 2026, tỉnh phấn đấu thành lập mới ít nhất 18 HTX, 25 THT.") == [
        ("target", "hop_tac_xa", "count", 18, None, "gte", "thanh_lap", 2026),
        ("target", "to_hop_tac", "count", 25, None, "gte", "thanh_lap", 2026),
    ]


def test_percent_takes_the_population_it_is_a_share_of():
    got = brief("Mục tiêu đến năm 2030: có trên 75% hợp tác xã hoạt động hiệu quả; "
                "thu hút tối thiểu 22% dân số tham gia; 100% số xã có hợp tác xã.")
    assert got == [
        ("target", "hop_tac_xa", "percent", 75, None, "gt", None, 2030),
        ("target", "dan_so", "percent", 22, None, "gte", "thu_hut", 2030),
        ("target", "don_vi_hanh_chinh", "percent", 100, None, "eq", None, 2030),
    ]


def test_reported_counts_with_members_and_approximations():
    got = brief("Tính đến nay, toàn huyện có 27 hợp tác xã với tổng số 3.105 thành viên; "
                "khoảng 140 tổ hợp tác với gần 1.900 thành viên.")
    assert got == [
        ("reported", "hop_tac_xa", "count", 27, None, "eq", None, None),
        ("reported", "thanh_vien", "count", 3105, None, "eq", None, None),
        ("reported", "to_hop_tac", "count", 140, None, "approx", None, None),
        ("reported", "thanh_vien", "count", 1900, None, "approx", None, None),
    ]


def test_money_rates_and_ranges():
    got = brief("Phấn đấu đến năm 2027, doanh thu bình quân của hợp tác xã đạt 3,2 tỷ đồng/năm; "
                "thu nhập của người lao động tăng 6% - 8%/năm; thu nhập thành viên tăng gấp 1,5 lần.")
    assert got == [
        ("target", "doanh_thu", "vnd", 3200000000, None, "eq", None, 2027),
        ("target", "thu_nhap", "percent_per_year", 6, 8, "range", "tang", 2027),
        ("target", "thu_nhap", "times", 1.5, None, "eq", "tang", 2027),
    ]


def test_zero_targets_count():
    got = brief("Năm 2025 phấn đấu không còn hợp tác xã hoạt động yếu kém.")
    assert got == [("target", "hop_tac_xa", "count", 0, None, "eq", None, 2025)]
    assert figures("Năm 2025 phấn đấu không còn hợp tác xã hoạt động yếu kém.")[0]["condition"] == "hoạt động yếu kém"


def test_hard_negatives_are_not_figures():
    text = ("Hội nghị lần thứ năm Ban Chấp hành khóa XIII. Qua 05 năm triển khai, có 320 đại biểu dự. "
            "Lượt xem: 1.204. Điện thoại: 0290.3821.456. Vận động sáp nhập các HTX có quy mô dưới 100 ha. "
            "Trong năm thành lập mới 350 doanh nghiệp.")
    assert figures(text) == []


def test_heading_scopes_the_deadline_until_the_next_one():
    text = ("Mục tiêu đến năm 2030:\nToàn tỉnh có 480 hợp tác xã.\nBảo đảm 70% hợp tác xã đạt loại khá.\n"
            "Mục tiêu đến năm 2045:\nThu hút tối thiểu 25% dân số tham gia kinh tế tập thể.")
    assert [(f["value"], f["deadline"]) for f in figures(text)] == [(480, 2030), (70, 2030), (25, 2045)]


def test_change_against_a_past_year_is_two_figures():
    got = brief("Đến nay toàn tỉnh có 912 HTX (tăng 205 HTX so với năm 2020).")
    assert got == [
        ("reported", "hop_tac_xa", "count", 912, None, "eq", None, None),
        ("reported", "hop_tac_xa", "count", 205, None, "eq", "tang", None),
    ]


def test_share_of_a_whole_and_action_after_the_noun():
    got = figures("Qua rà soát, có 06/11 hợp tác xã được vay vốn ưu đãi.")
    assert [(f["value"], f["action"], f["condition"]) for f in got] == [(6, "ho_tro", "được vay vốn ưu đãi; trên tổng số 11")]


def test_the_same_figure_in_headline_and_body_is_one():
    text = ("Thành lập mới 14 hợp tác xã trong năm 2023\n\n"
            "Năm 2023, toàn huyện đã thành lập mới 14 hợp tác xã, nâng tổng số lên 52 hợp tác xã.")
    assert [(f["value"], f["action"]) for f in figures(text)] == [(14, "thanh_lap"), (52, None)]


def test_evidence_indexes_the_normalized_text():
    text = "Tính đến nay có 1.020 thành viên hợp tác xã và 36 trang trại."
    notice = extract(text)
    from kttt_extract.pipeline import read
    normalized = read(text).text
    for figure in notice.figures:
        assert normalized[figure.evidence.start:figure.evidence.end] == figure.evidence.text


def test_a_count_announced_by_so_before_a_colon():
    got = brief("Tính đến nay, số hợp tác xã đang hoạt động: 45; số thành viên: 1.250. Năm 2023 đã nâng tổng số HTX lên 250.")
    assert got == [
        ("reported", "hop_tac_xa", "count", 45, None, "eq", None, None),
        ("reported", "thanh_vien", "count", 1250, None, "eq", None, None),
        ("reported", "hop_tac_xa", "count", 250, None, "eq", None, None),
    ]


def test_reported_year_is_the_sentence_time_not_the_baseline():
    got = figures("Tính đến tháng 9/2024, toàn tỉnh có 318 hợp tác xã, tăng 27 hợp tác xã so với năm 2021, "
                  "với khoảng 41.000 thành viên.")
    assert [(f["value"], f["action"], f["as_of"]) for f in got] == [(318, None, 2024), (27, "tang", 2024), (41000, None, 2024)]


def test_figures_about_the_wider_economy_are_left_out():
    text = ("Năm 2024, tốc độ tăng trưởng kinh tế của huyện đạt 8,1%; thu ngân sách đạt 912 tỷ đồng. "
            "Về kinh tế tập thể, toàn huyện có 33 hợp tác xã với doanh thu bình quân 1,6 tỷ đồng/hợp tác xã.")
    assert [(f["subject"], f["value"]) for f in figures(text)] == [("hop_tac_xa", 33), ("doanh_thu", 1600000000)]


def test_a_zero_with_nao_and_a_missing_unit():
    got = brief("Hiện nay trên địa bàn huyện không có hợp tác xã nào ngừng hoạt động; chưa có liên hiệp hợp tác xã.")
    assert [(g[1], g[3]) for g in got] == [("hop_tac_xa", 0), ("lien_hiep_hop_tac_xa", 0)]


def test_a_table_of_results_and_plans():
    text = ("Kế hoạch phát triển hợp tác xã năm 2026 của huyện\n"
            "TT\tChỉ tiêu\tĐơn vị tính\tThực hiện năm 2025\tKế hoạch năm 2026\n"
            "1\tSố hợp tác xã\tHTX\t34\t38\n"
            "2\tDoanh thu bình quân của HTX\tTriệu đồng/HTX/năm\t1.450\t1.600\n"
            "3\tTỷ lệ HTX xếp loại khá, tốt\t%\t42\t50\n")
    got = [(f["status"], f["subject"], f["unit"], f["value"], f["deadline"], f["as_of"]) for f in figures(text)]
    assert got == [
        ("reported", "hop_tac_xa", "count", 34, None, 2025), ("target", "hop_tac_xa", "count", 38, 2026, None),
        ("reported", "doanh_thu", "vnd", 1450000000, None, 2025), ("target", "doanh_thu", "vnd", 1600000000, 2026, None),
        ("reported", "hop_tac_xa", "percent", 42, None, 2025), ("target", "hop_tac_xa", "percent", 50, 2026, None),
    ]


def test_a_share_over_a_list_of_subjects_is_one_figure_each():
    got = brief("Phấn đấu đến năm 2030 có trên 70% HTX, liên hiệp HTX tham gia chuỗi giá trị.")
    assert [(g[1], g[3], g[5]) for g in got] == [("hop_tac_xa", 70, "gt"), ("lien_hiep_hop_tac_xa", 70, "gt")]


def test_prose_that_mentions_a_phone_is_not_page_furniture():
    text = ("Hiện các quỹ tín dụng nhân dân đã triển khai ứng dụng ngân hàng lõi tại 18 quỹ, cho phép thành viên "
            "tra cứu số dư qua điện thoại; toàn tỉnh có 2.300 thành viên mới.\nĐiện thoại: 0227.3831.555")
    assert [(f["subject"], f["value"]) for f in figures(text)] == [("quy_tin_dung_nhan_dan", 18), ("thanh_vien", 2300)]


def test_scales_compound_and_enterprise_money_is_left_out():
    text = ("Năm 2023 toàn tỉnh có 410 hợp tác xã; cả nước có gần 159.800 doanh nghiệp thành lập mới với tổng "
            "vốn đăng ký hơn 1,5 triệu tỷ đồng.")
    assert [f["value"] for f in figures(text)] == [410]
    from kttt_extract.tag.numbers import parse_digits
    assert parse_digits("1,5") * 10**15 == 1.5e15


def test_classes_imply_training_and_a_cap_keeps_its_support():
    got = brief("Năm 2026, Liên minh HTX tỉnh phấn đấu mở ít nhất 9 lớp với khoảng 450 lượt cán bộ hợp tác xã tham gia; "
                "HTX đầu tư kho lạnh được hỗ trợ 40% chi phí, không quá 400 triệu đồng/công trình.")
    assert [(g[1], g[2], g[3], g[6]) for g in got] == [
        ("other", "count", 9, "dao_tao"), ("can_bo", "person_times", 450, "dao_tao"),
        ("von", "percent", 40, "ho_tro"), ("von", "vnd", 400000000, "ho_tro"),
    ]


def test_a_price_and_an_award_are_not_figures():
    text = ("Hợp tác xã du lịch cộng đồng có 14 thành viên; mỗi tour có giá 700.000 đồng/khách. "
            "UBND tỉnh tuyên dương 5 hợp tác xã tiêu biểu.")
    assert [(f["subject"], f["value"]) for f in figures(text)] == [("thanh_vien", 14)]


def test_an_aside_with_its_own_subject_speaks_of_what_precedes_it():
    got = brief("Năm 2024, kinh tế của huyện tăng trưởng khá (GRDP tăng 6,9%), khu vực kinh tế tập thể "
                "có thêm 5 hợp tác xã.")
    assert got == [("reported", "hop_tac_xa", "count", 5, None, "eq", "tang", None)]


def test_an_amount_in_parentheses_belongs_to_the_noun_before_it():
    got = brief("Năm 2023, huyện đã hỗ trợ kinh phí (450 triệu đồng) tập huấn, xúc tiến thương mại cho các HTX.")
    assert [(f[0], f[1], f[2], f[3]) for f in got] == [("reported", "von", "vnd", 450000000)]
