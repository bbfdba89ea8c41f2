import json

import pytest

from kttt_extract import gazetteer, gazetteer_table
from kttt_extract.gazetteer import Place, districts, find_places, page_province, province, resolve


def mentions(text: str) -> list[tuple[str, str, str, str]]:
    """(mention as written, name, level, province) for each place found."""
    return [(text[start:end], p.name, p.level, p.province) for start, end, p in find_places(text)]


# --- province ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "written, name",
    [
        ("Ninh Bình", "Ninh Bình"),
        ("tỉnh Ninh Bình", "Ninh Bình"),
        ("NINH BÌNH", "Ninh Bình"),
        ("Ninh Binh", "Ninh Bình"),
        ("TỈNH  NINH   BÌNH", "Ninh Bình"),
        ("TP HCM", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Tp. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Dak Lak", "Đắk Lắk"),
        ("ĐẮK LẮK", "Đắk Lắk"),
        ("Hoà Bình", "Hòa Bình"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Thừa Thiên Huế", "Huế"),
        ("tỉnh Thừa Thiên - Huế", "Huế"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("thành phố Cần Thơ", "Cần Thơ"),
    ],
)
def test_province_accepts_the_ways_notices_write_it(written, name):
    found = province(written)
    assert found is not None and (found.name, found.level, found.province) == (name, "province", name)


def test_province_kind_is_city_for_centrally_run_cities():
    assert province("Huế").kind == "thành phố"
    assert province("Hà Nội").kind == "thành phố"
    assert province("Sóc Trăng").kind == "tỉnh"


@pytest.mark.parametrize("written", ["huyện Châu Thành", "Châu Thành", "Atlantis", "", "Việt Nam"])
def test_province_rejects_what_is_not_a_province(written):
    assert province(written) is None


def test_provinces_gone_in_2025_still_resolve_and_the_2025_ones_too():
    assert province("tỉnh Hà Giang").name == "Hà Giang"
    assert province("Tuyên Quang").name == "Tuyên Quang"


# --- districts ----------------------------------------------------------------------------

def test_districts_lists_every_province_with_a_chau_thanh():
    found = districts("Châu Thành")
    provinces = {d.province for d in found}
    assert {"Sóc Trăng", "Tiền Giang", "Bến Tre", "An Giang", "Hậu Giang"} <= provinces
    assert len(provinces) == len(found)
    assert all(d.level == "district" and d.name == "Châu Thành" for d in found)


def test_districts_of_a_unique_name_and_an_unknown_one():
    assert districts("Phụng Hiệp") == [Place("Phụng Hiệp", "district", "Hậu Giang", "huyện")]
    assert districts("Không Có") == []


# --- resolve --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "kind, name, expected",
    [
        ("thành phố", "Bạc Liêu", Place("Bạc Liêu", "district", "Bạc Liêu", "thành phố")),
        ("TP", "Bạc Liêu", Place("Bạc Liêu", "district", "Bạc Liêu", "thành phố")),
        ("thành phố", "Cần Thơ", Place("Cần Thơ", "province", "Cần Thơ", "thành phố")),
        ("Thành phố", "Hà Nội", Place("Hà Nội", "province", "Hà Nội", "thành phố")),
        ("TP.", "Hải Phòng", Place("Hải Phòng", "province", "Hải Phòng", "thành phố")),
        ("thành phố", "Đà Nẵng", Place("Đà Nẵng", "province", "Đà Nẵng", "thành phố")),
        ("thành phố", "Huế", Place("Huế", "province", "Huế", "thành phố")),
        ("Tp", "Hồ Chí Minh", Place("Hồ Chí Minh", "province", "Hồ Chí Minh", "thành phố")),
        ("thành phố", "Thủ Đức", Place("Thủ Đức", "district", "Hồ Chí Minh", "thành phố")),
        ("thị xã", "Ngã Năm", Place("Ngã Năm", "district", "Sóc Trăng", "thị xã")),
        ("tỉnh", "Bạc Liêu", Place("Bạc Liêu", "province", "Bạc Liêu", "tỉnh")),
        (None, "Bạc Liêu", Place("Bạc Liêu", "province", "Bạc Liêu", "tỉnh")),
        (None, "Phụng Hiệp", Place("Phụng Hiệp", "district", "Hậu Giang", "huyện")),
    ],
)
def test_resolve_tells_provincial_cities_from_centrally_run_ones(kind, name, expected):
    assert resolve(kind, name) == expected


def test_resolve_an_ambiguous_district_only_with_a_hint():
    assert resolve("huyện", "Châu Thành") is None
    assert resolve("huyện", "Châu Thành", "Sóc Trăng") == Place("Châu Thành", "district", "Sóc Trăng", "huyện")
    assert resolve("huyện", "Châu Thành", "tỉnh Tiền Giang").province == "Tiền Giang"
    assert resolve("huyện", "Châu Thành", "Soc Trang").province == "Sóc Trăng"
    assert resolve("huyện", "Châu Thành", "Hà Nội") is None


def test_resolve_with_a_2025_province_as_hint():
    # Sóc Trăng and Hậu Giang both went into Cần Thơ in 2025: Mỹ Xuyên is Sóc Trăng's alone,
    # while each of them had a Châu Thành.
    assert resolve("huyện", "Mỹ Xuyên", "Cần Thơ").province == "Sóc Trăng"
    assert resolve("huyện", "Châu Thành", "Cần Thơ") is None
    assert resolve("thành phố", "Phú Quốc", "An Giang") == Place("Phú Quốc", "district", "Kiên Giang", "thành phố")


def test_a_commune_of_a_merged_province_lies_in_the_province_it_went_into():
    # Bình Phước went into Đồng Nai in 2025; its communes went on, its districts did not.
    assert resolve("xã", "Tân Lập", "Đồng Nai").province == "Đồng Nai"
    assert resolve("xã", "Tân Lập", "Bình Phước").province == "Bình Phước"
    assert resolve("huyện", "Bù Đăng", "Đồng Nai").province == "Bình Phước"


def test_resolve_districts_renamed_or_merged_before_2025():
    assert resolve("huyện", "Thủy Nguyên") == Place("Thủy Nguyên", "district", "Hải Phòng", "huyện")
    assert resolve("huyện", "Hoành Bồ").province == "Quảng Ninh"
    assert resolve("huyện", "Tĩnh Gia").province == "Thanh Hóa"
    assert resolve("quận", "9").province == "Hồ Chí Minh"
    assert resolve("huyện", "Kỳ Sơn") is None  # Hòa Bình's, merged in 2019, and Nghệ An's
    assert resolve("huyện", "Kỳ Sơn", "Hoà Bình").province == "Hòa Bình"


def test_resolve_tells_apart_names_that_differ_only_in_diacritics_whatever_the_tone_placement():
    # Thanh Hóa (the provincial city) and Thạnh Hóa (a district of Long An) fold to one key
    assert resolve("huyện", "Thạnh Hoá") == Place("Thạnh Hóa", "district", "Long An", "huyện")
    assert resolve("thành phố", "Thanh Hoá") == Place("Thanh Hóa", "district", "Thanh Hóa", "thành phố")
    assert {d.province for d in districts("Thanh Hoa")} == {"Long An", "Thanh Hóa"}
    assert [d.province for d in districts("Thạnh Hoá")] == ["Long An"]


@pytest.mark.parametrize("written", ["Thuỷ Nguyên", "THỦY NGUYÊN", "Thuy Nguyen", "thủy nguyên"])
def test_resolve_ignores_tone_placement_case_and_diacritics(written):
    assert resolve("huyện", written) == Place("Thủy Nguyên", "district", "Hải Phòng", "huyện")


def test_resolve_numbered_units():
    assert resolve("quận", "1") == Place("Quận 1", "district", "Hồ Chí Minh", "quận")
    assert resolve("phường", "3", "Sóc Trăng") == Place("Phường 3", "commune", "Sóc Trăng", "phường")


def test_resolve_communes_before_and_after_2025_need_their_province():
    assert resolve("xã", "Phú Tân") is None
    assert resolve("xã", "A Dơi") is None  # unique in the country, but commune names are too many to trust
    assert resolve("xã", "A Dơi", "Quảng Trị") == Place("A Dơi", "commune", "Quảng Trị", "xã")
    assert resolve("xã", "Phú Tân", "Cà Mau") == Place("Phú Tân", "commune", "Cà Mau", "xã")
    # a ward created in 2025, in the An Giang that took in Kiên Giang
    assert resolve("phường", "Rạch Giá", "An Giang") == Place("Rạch Giá", "commune", "An Giang", "phường")


@pytest.mark.parametrize("kind, name", [("tỉnh", "Châu Thành"), ("huyện", "Ninh Bình"), ("ấp", "Phú Tân"), ("huyện", "")])
def test_resolve_returns_none_for_what_does_not_exist(kind, name):
    assert resolve(kind, name) is None


# --- find_places ------------------------------------------------------------------------------

def test_find_places_resolves_a_district_by_the_province_named_beside_it():
    text = "Ủy ban nhân dân huyện Châu Thành, tỉnh Sóc Trăng vừa ban hành kế hoạch."
    assert mentions(text) == [
        ("huyện Châu Thành", "Châu Thành", "district", "Sóc Trăng"),
        ("tỉnh Sóc Trăng", "Sóc Trăng", "province", "Sóc Trăng"),
    ]


def test_find_places_uses_a_footer_only_province():
    text = (
        "UBND huyện Châu Thành ban hành kế hoạch phát triển hợp tác xã năm 2024.\n"
        "Huyện phấn đấu thành lập mới 5 hợp tác xã.\n"
        "Bản quyền thuộc Cổng thông tin điện tử Tỉnh Tiền Giang"
    )
    found = find_places(text)
    assert [(text[s:e], p.province) for s, e, p in found] == [
        ("huyện Châu Thành", "Tiền Giang"),
        ("Tỉnh Tiền Giang", "Tiền Giang"),
    ]
    assert page_province(text) == "Tiền Giang"


def test_find_places_leaves_out_an_ambiguous_district_with_no_province_named():
    assert find_places("Huyện Châu Thành đã thành lập mới 3 hợp tác xã nông nghiệp.") == []


def test_find_places_reads_upper_case_mastheads():
    text = "UBND TỈNH NINH BÌNH\nHUYỆN CHÂU THÀNH - TỈNH SÓC TRĂNG\nTHÀNH PHỐ BẠC LIÊU"
    assert mentions(text) == [
        ("TỈNH NINH BÌNH", "Ninh Bình", "province", "Ninh Bình"),
        ("HUYỆN CHÂU THÀNH", "Châu Thành", "district", "Sóc Trăng"),
        ("TỈNH SÓC TRĂNG", "Sóc Trăng", "province", "Sóc Trăng"),
        ("THÀNH PHỐ BẠC LIÊU", "Bạc Liêu", "district", "Bạc Liêu"),
    ]


def test_find_places_ends_the_name_where_the_proper_name_ends():
    text = "Theo đó, thị xã Ngã Năm ban hành kế hoạch; thành phố Cần Thơ phấn đấu, Tỉnh ủy Long An chỉ đạo."
    assert mentions(text) == [
        ("thị xã Ngã Năm", "Ngã Năm", "district", "Sóc Trăng"),
        ("thành phố Cần Thơ", "Cần Thơ", "province", "Cần Thơ"),
        ("Tỉnh ủy Long An", "Long An", "province", "Long An"),
    ]


def test_find_places_offsets_index_the_text():
    text = "Năm 2023, TP.HCM và Tp. Đà Nẵng cùng UBND tỉnh Bà Rịa - Vũng Tàu ký kết."
    found = find_places(text)
    assert [text[s:e] for s, e, _ in found] == ["TP.HCM", "Tp. Đà Nẵng", "tỉnh Bà Rịa - Vũng Tàu"]
    assert [p.name for _, _, p in found] == ["Hồ Chí Minh", "Đà Nẵng", "Bà Rịa - Vũng Tàu"]


def test_find_places_finds_bare_province_names():
    text = "Long An phấn đấu đến năm 2025 có 300 HTX. Bình Định phát triển mạnh; Gia Lai cũng vậy. Tại Đồng Nai, có 20 HTX."
    assert [m[0] for m in mentions(text)] == ["Long An", "Bình Định", "Gia Lai", "Đồng Nai"]
    assert all(level == "province" for _, _, level, _ in mentions(text))


@pytest.mark.parametrize(
    "text",
    [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ.",
        "Hợp tác xã Tân Phú được thành lập năm 2020; HỢP TÁC XÃ PHÚ TÂN cũng vậy.",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM. Kế Hoạch Phát Triển Kinh Tế Tập Thể.",
        "Hòa Bình là khát vọng của mọi dân tộc; các cơ quan Nhà nước phối hợp.",
        "Toàn tỉnh có 120 HTX; huyện đã thành lập 4 HTX, thành phố có 2 HTX.",
    ],
)
def test_find_places_avoids_false_hits(text):
    assert find_places(text) == []


def test_find_places_accepts_names_without_diacritics():
    text = "UBND tinh Ninh Binh va huyen Phung Hiep"
    assert mentions(text) == [
        ("tinh Ninh Binh", "Ninh Bình", "province", "Ninh Bình"),
        ("huyen Phung Hiep", "Phụng Hiệp", "district", "Hậu Giang"),
    ]


def test_find_places_normalizes_variant_spellings():
    text = "Sở Kế hoạch và Đầu tư tỉnh Đăk Lăk; UBND tỉnh Hoà Bình; huyện Thuỷ Nguyên, thành phố Hải Phòng."
    assert [(m[1], m[3]) for m in mentions(text)] == [
        ("Đắk Lắk", "Đắk Lắk"),
        ("Hòa Bình", "Hòa Bình"),
        ("Thủy Nguyên", "Hải Phòng"),
        ("Hải Phòng", "Hải Phòng"),
    ]


def test_find_places_does_not_read_the_xa_of_hop_tac_xa_as_a_commune():
    text = "Hợp tác xã Tân Phú, tỉnh Đồng Nai (Đồng Nai có xã Tân Phú) được công nhận."
    assert [m[0] for m in mentions(text)] == ["tỉnh Đồng Nai", "Đồng Nai", "xã Tân Phú"]


def test_find_places_resolves_communes_only_in_a_named_province():
    assert find_places("Hợp tác xã ở xã Phú Tân hoạt động hiệu quả.") == []
    text = "Hợp tác xã ở xã Phú Tân, huyện Phú Tân, tỉnh Cà Mau hoạt động hiệu quả."
    assert [(m[0], m[2], m[3]) for m in mentions(text)] == [
        ("xã Phú Tân", "commune", "Cà Mau"),
        ("huyện Phú Tân", "district", "Cà Mau"),
        ("tỉnh Cà Mau", "province", "Cà Mau"),
    ]


def test_find_places_takes_a_commune_province_only_from_beside_it_or_from_the_page():
    text = "UBND tỉnh Ninh Bình làm việc với tỉnh Cà Mau.\nTỉnh Ninh Bình khen thưởng HTX ở xã Phú Tân."
    assert [m[0] for m in mentions(text)] == ["tỉnh Ninh Bình", "tỉnh Cà Mau", "Tỉnh Ninh Bình"]


def test_find_places_prefers_the_page_province_over_a_nearer_one_in_another_sentence():
    text = (
        "UBND TỈNH BẾN TRE\n"
        "Năm 2023, các HTX đã học tập kinh nghiệm ở tỉnh An Giang. Ủy ban nhân dân huyện Châu Thành chỉ đạo "
        "thành lập thêm HTX.\n"
        "Cổng thông tin điện tử tỉnh Bến Tre"
    )
    assert [(m[0], m[3]) for m in mentions(text)] == [
        ("TỈNH BẾN TRE", "Bến Tre"),
        ("tỉnh An Giang", "An Giang"),
        ("huyện Châu Thành", "Bến Tre"),
        ("tỉnh Bến Tre", "Bến Tre"),
    ]


def test_find_places_prefers_a_province_named_beside_the_district_over_the_page_province():
    text = (
        "UBND TỈNH BẾN TRE\n"
        "Bến Tre có 200 HTX. Đoàn công tác làm việc với huyện Châu Thành, tỉnh Tiền Giang về liên kết.\n"
        "Cổng thông tin điện tử tỉnh Bến Tre"
    )
    assert [(m[0], m[3]) for m in mentions(text)][2:4] == [
        ("huyện Châu Thành", "Tiền Giang"),
        ("tỉnh Tiền Giang", "Tiền Giang"),
    ]


# --- page_province ------------------------------------------------------------------------------

def test_page_province_is_the_most_named_one():
    text = "UBND tỉnh Ninh Bình ban hành kế hoạch, học tập Hà Nội. Ninh Bình phấn đấu đến năm 2025."
    assert page_province(text) == "Ninh Bình"


def test_page_province_counts_centrally_run_cities():
    assert page_province("Ủy ban nhân dân Thành phố Cần Thơ ban hành Kế hoạch số 12/KH-UBND.") == "Cần Thơ"


def test_page_province_is_none_on_a_tie_or_without_any():
    assert page_province("Tỉnh Long An và tỉnh Tây Ninh ký kết hợp tác.") is None
    assert page_province("Toàn tỉnh hiện có 120 hợp tác xã.") is None
    assert page_province("thành phố Bạc Liêu ban hành kế hoạch.") is None


# --- the table shipped with the package -------------------------------------------------------

def test_shipped_table_is_what_the_installed_package_derives():
    shipped = json.loads(gazetteer_table._DATA_FILE.read_text(encoding="utf-8"))
    assert shipped == gazetteer_table._derive_table(), "rebuild with: python -m kttt_extract.gazetteer"


def test_a_table_made_from_another_package_version_is_not_trusted(tmp_path, monkeypatch):
    stale = tmp_path / "places.json"
    stale.write_text(json.dumps({"source": "vietnamadminunits 0.0.1", "province": {}}), encoding="utf-8")
    monkeypatch.setattr(gazetteer_table, "_DATA_FILE", stale)
    gazetteer._table.cache_clear()
    try:
        assert province("Ninh Bình") == Place("Ninh Bình", "province", "Ninh Bình", "tỉnh")
    finally:
        gazetteer._table.cache_clear()


# --- the fast scan for prefixes finds what the full pattern finds ---------------------------

@pytest.mark.parametrize("text", [
    "UBND TỈNH Quảng Ngãi và Thành phố Huế, THỊ XÃ Sơn Tây, thị trấn Phong Điền, TP.Cần Thơ",
    "Huyện ủy Lai Vung, Tỉnh Ủy Bạc Liêu, hợp tác xã Phường 3, Cộng hòa xã hội chủ nghĩa",
    "tinh Ben Tre, thanh pho Vinh, huyen Cu Chi, quan Ba Dinh, xa Tan Hoa, phuong Ben Nghe",
    "Tuyên truyền ở xã Phú Lộc; tpHCM; İstanbul ở huyện Châu Thành",  # `İ` lower-cases to two characters
])
def test_prefix_scan_matches_full_pattern(text):
    fast = [(m.span(), m["kind"]) for m in gazetteer._prefixes(text)]
    assert fast == [(m.span(), m["kind"]) for m in gazetteer._PREFIX.finditer(text)]
    assert fast  # every text names some unit
