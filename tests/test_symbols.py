"""Document symbols in every form, their kinds, and the documents a text names."""
import pytest

from kttt_extract.document import Doc
from kttt_extract.patterns import load_patterns
from kttt_extract.probes import probe_documents
from kttt_extract.tag import symbols
from kttt_extract.tag.symbols import Symbol

P = load_patterns()


def numbered(text: str) -> list[tuple[str, str | None]]:
    return [(m.kind, m.number) for m in symbols.find_mentions(text, P) if m.number or m.year]


@pytest.mark.parametrize("text, kind, number", [
    ("UBND tỉnh ban hành Kế hoạch số 97/KH-UBND về hợp tác xã", "ke_hoach", "97/KH-UBND"),
    ("Số: 53/KH-UBND", "ke_hoach", "53/KH-UBND"),
    ("theo Kế hoạch 118 /KH- UBND của huyện", "ke_hoach", "118/KH-UBND"),
    ("thực hiện Nghị quyết số 20-NQ/TW của Trung ương", "nghi_quyet", "20-NQ/TW"),
    ("Chương trình số 39-CTr/HU ngày 23/03/2023", "chuong_trinh", "39-CTr/HU"),
    ("Quyết định số 1318/QĐ-TTg ngày 22.7.2021", "quyet_dinh", "1318/QĐ-TTg"),
    ("Nghị quyết số 21/NQ-HĐND của HĐND thành phố", "nghi_quyet", "21/NQ-HĐND"),
    ("Thông tư số 01/2020/TT-BKHĐT hướng dẫn", "thong_tu", "01/2020/TT-BKHĐT"),
    ("Luật số 45/2019/QH14 có hiệu lực", "luat", "45/2019/QH14"),
    ("Nghị định 193/2013/ND-CP của Chính phủ", "nghi_dinh", "193/2013/NĐ-CP"),
    ("UBND huyện có quyết định 415/QD-UBND về việc", "quyet_dinh", "415/QĐ-UBND"),
    ("căn cứ Nghị quyết số 12/NQ-HDND của tỉnh", "nghi_quyet", "12/NQ-HĐND"),
    ("Kế hoạch số 141, ngày 30/7/2024", "ke_hoach", "141"),
    ("Nghị quyết số 20 của Ban Chấp hành TW Đảng", "nghi_quyet", "20"),
    ("Công văn số 5529/BKHĐT-HTX ngày 08/8/2022", "cong_van", "5529/BKHĐT-HTX"),
])
def test_symbol_forms(text, kind, number):
    assert (kind, number) in numbered(text)


@pytest.mark.parametrize("text, kind", [
    ("gửi kèm số 77/SNN-KTHT ngày 2/3/2022", "cong_van"),     # no type code: a công văn
    ("căn cứ 45/KH-UBND của huyện", "ke_hoach"),              # kind from the type code alone
    ("theo 12-KL/TW của Bộ Chính trị", "ket_luan"),
])
def test_kind_from_the_type_code(text, kind):
    assert [k for k, _ in numbered(text)] == [kind]


def test_the_word_before_outweighs_the_type_code():
    assert numbered("Công văn số 88/KH-SNN về việc") == [("cong_van", "88/KH-SNN")]


@pytest.mark.parametrize("text, year", [
    ("hoạt động đúng Luật Hợp tác xã năm 2012", 2012),
    ("tuyên truyền Luật HTX 2023 đến hội viên", 2023),
    ("theo Luật Hợp tác xã (sửa đổi) năm 2023", 2023),
])
def test_laws_cited_with_a_year(text, year):
    found = [m for m in symbols.find_mentions(text, P) if m.kind == "luat"]
    assert [(m.number, m.year) for m in found] == [(None, year)]


@pytest.mark.parametrize("text, name, number", [
    ("căn cứ Luật Thủy lợi số 08/2017/QH14 ngày 19/6/2017", "Thủy lợi", "08/2017/QH14"),
    ("theo Luật Hợp tác xã 17/2023/QH15", "Hợp tác xã", "17/2023/QH15"),
])
def test_a_law_cited_by_name_and_symbol_keeps_its_name(text, name, number):
    found = [m for m in symbols.find_mentions(text, P) if m.kind == "luat"]
    assert [(m.name, m.number, text[m.start:m.start + 4]) for m in found] == [(name, number, "Luật")]


def test_a_law_name_before_another_kinds_symbol_is_no_law_symbol():
    assert numbered("theo Luật Đầu tư và Nghị định 45/2021/NĐ-CP") == [("nghi_dinh", "45/2021/NĐ-CP")]


@pytest.mark.parametrize("text", [
    "Luật HTX quy định rõ", "ngày 16/6/2022", "đạt 4/5 chỉ tiêu", "Đường 30/4 - Phường 3",
    "1.200 triệu đồng/năm/HTX", "Sở Kế hoạch và Đầu tư", "Phòng Tài chính - Kế hoạch", "105 thành viên/HTX",
])
def test_not_symbols(text):
    assert numbered(text) == []


def test_kind_words_without_a_number_are_mentions():
    kinds = [(m.kind, m.number) for m in symbols.find_mentions("ban hành Kế hoạch Triển khai Nghị quyết", P)]
    assert kinds == [("ke_hoach", None), ("nghi_quyet", None)]


def test_tag_adds_symbol_tags_over_the_numbers():
    doc = Doc(text="Kế hoạch số 141 và Quyết định số 2735/QĐ-UBND ngày 28/9/2021.")
    symbols.tag(doc, P)
    assert [(doc.span_text(t), t.value) for t in doc.of("symbol")] == [
        ("141", Symbol("ke_hoach", "141")), ("2735/QĐ-UBND", Symbol("quyet_dinh", "2735/QĐ-UBND"))]


def test_probe_returns_kinds_and_cue_roles():
    found = probe_documents("Sau 2 năm thực hiện Nghị quyết số 08-NQ/HU, huyện có 21 HTX", P)
    assert found == {"nghi_quyet", "implement"}


@pytest.mark.parametrize("text", [
    "Hướng dẫn số 12/HD-UBND, Công điện 05/CĐ-TTg, Tờ trình và Quy chế; văn bản chỉ đạo của tỉnh",
    "THÔNG TƯ LIÊN TỊCH số 3/2019/TTLT-BTC; Thông tư 15; Chương trình hành động và chương trình",
])
def test_kind_words_scanned_by_phrase_match_the_alternation(text):
    """Kinds of several phrases are scanned phrase by phrase: the words found must be the
    alternation's own."""
    g = symbols.grammar(P)
    for words in g.words:
        assert [m.span() for m in symbols._matches(words, text)] == [m.span() for m in words.pattern.finditer(text)]
    assert [m.word for m in symbols.find_mentions(text, P)]


@pytest.mark.parametrize("text, expected", [
    ("Đảng ủy phường ban hành Chương trình hành động riêng số 09-CTr/ĐU", [("chuong_trinh", "09-CTr/ĐU", "Chương trình hành động")]),
    ("làm theo hướng dẫn tại văn bản số 415/SNN-KTHT", [("other", None, "hướng dẫn"), ("cong_van", "415/SNN-KTHT", None)]),
    ("Kế hoạch của huyện số 12/KH-UBND", [("ke_hoach", None, "Kế hoạch"), ("ke_hoach", "12/KH-UBND", None)]),
])
def test_a_qualified_kind_word_takes_the_symbol_after_so(text, expected):
    found = symbols.find_mentions(text, P)
    assert [(m.kind, m.number, m.word) for m in found] == expected
