"""Tables read cell by cell: pipe rows, captions, units, column subjects, year rows."""
from kttt_extract import extract
from kttt_extract.document import Span
from kttt_extract.patterns import load_patterns
from kttt_extract import tables


def line_of(text):
    return Span(0, len(text))


def test_a_pipe_row_has_its_cells_with_exact_offsets_and_empty_cells_keep_their_place():
    row = "| 1 | Số HTX | | 38 |"
    got = tables.cells(row, line_of(row))
    assert [(c.text, c.start, c.end) for c in got] == [("1", 2, 3), ("Số HTX", 6, 12), ("", 15, 15), ("38", 17, 19)]
    assert all(row[c.start:c.end] == c.text for c in got)


def test_a_single_line_with_pipes_or_one_pipe_is_no_table():
    text = "16/12/2025 08:10 | 1.245 lượt xem\nTin mới\nBình luận (0) | Chia sẻ | In bài\nLiên hệ"
    lines = [Span(s, s + len(l)) for s, l in _starts(text)]
    assert tables.table_rows(text, lines) == []


def test_a_markdown_separator_row_is_a_rule_not_data():
    row = "|---|:---:|---|"
    assert tables.is_rule_row(tables.cells(row, line_of(row)))


def test_a_date_column_reports_and_an_undated_history_plans_nothing():
    patterns = load_patterns()
    header = tables.cells("Chỉ tiêu\tNăm 2020\tNăm 2021\t30/11/2022", line_of("Chỉ tiêu\tNăm 2020\tNăm 2021\t30/11/2022"))
    base = tables.base_year(header, None, None, patterns)
    columns, _ = tables.header_columns(header, base, patterns)
    assert base == 2022
    assert [(c.status, c.year) for c in columns.values()] == [("reported", 2020), ("reported", 2021), ("reported", 2022)]
    bare = tables.cells("Chỉ tiêu\tNăm 2020\tNăm 2021", line_of("Chỉ tiêu\tNăm 2020\tNăm 2021"))
    assert tables.base_year(bare, None, None, patterns) is None
    assert tables.base_year(bare, None, 2021, patterns) == 2020  # an undated plan for 2021 - …: 2021 is planned


def test_a_pipe_table_with_a_caption_unit_gives_its_figures():
    text = ("Tin ngày 05/02/2025\n\nMột số chỉ tiêu của các HTX trong huyện (đơn vị: triệu đồng)\n"
            "| Chỉ tiêu | Thực hiện 2024 | Kế hoạch 2025 |\n|---|---|---|\n"
            "| Doanh thu bình quân của HTX | 980 | 1.100 |\n")
    got = [(f.status, f.subject, f.unit, f.value, f.deadline, f.as_of, f.evidence.text) for f in extract(text).figures]
    assert got == [("reported", "doanh_thu", "vnd", 980000000, None, 2024, "980"),
                   ("target", "doanh_thu", "vnd", 1100000000, 2025, None, "1.100")]


def test_a_transposed_table_takes_its_subjects_from_the_header_and_its_years_from_the_rows():
    text = ("Ngày đăng: 10/10/2024\n\nSố liệu hợp tác xã của huyện:\n"
            "Năm\tSố HTX\tThành lập mới\n2022\t40\t3\n2024 (ước)\t46\t4\n2025 (dự kiến)\t50\t5\n")
    got = [(f.status, f.subject, f.value, f.action, f.deadline, f.as_of) for f in extract(text).figures]
    assert got == [
        ("reported", "hop_tac_xa", 40, None, None, 2022), ("reported", "hop_tac_xa", 3, "thanh_lap", None, 2022),
        ("reported", "hop_tac_xa", 46, None, None, 2024), ("reported", "hop_tac_xa", 4, "thanh_lap", None, 2024),
        ("target", "hop_tac_xa", 50, None, 2025, None), ("target", "hop_tac_xa", 5, "thanh_lap", 2025, None),
    ]


def test_rows_of_places_take_the_column_subject_and_carry_the_place():
    text = ("Ngày đăng: 03/01/2025\n\nSố tổ hợp tác phân theo xã (đến 31/12/2024):\n"
            "STT\tXã\tSố THT\tSố thành viên\n1\tXã An Bình\t12\t96\n2\tXã Tân Lập\t9\t71\n")
    got = [(f.subject, f.value, f.as_of, f.condition) for f in extract(text).figures]
    assert got == [("to_hop_tac", 12, 2024, "Số THT, Xã An Bình"), ("thanh_vien", 96, 2024, "Số thành viên, Xã An Bình"),
                   ("to_hop_tac", 9, 2024, "Số THT, Xã Tân Lập"), ("thanh_vien", 71, 2024, "Số thành viên, Xã Tân Lập")]


def _starts(text):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1
