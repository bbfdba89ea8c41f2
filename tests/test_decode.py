"""decode: real bytes in every encoding a Vietnamese notice comes in give the same normalized text."""
import html
import re
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec browsers use)
import pytest

from kttt_extract.decode import decode, decode_text, is_vietnamese
from kttt_extract.normalize import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Written for these tests, in the style of a provincial portal notice.
NOTICE = (
    "Triển khai Kế hoạch phát triển kinh tế tập thể, hợp tác xã năm 2024\n"
    "\n"
    "Ngày đăng: 05/03/2024\n"
    "Ủy ban nhân dân tỉnh Khánh Hòa vừa ban hành Kế hoạch số 61/KH-UBND ngày 28/02/2024 "
    "về phát triển kinh tế tập thể, hợp tác xã năm 2024.\n"
    "Đến nay, toàn tỉnh có 215 hợp tác xã với 18.430 thành viên; 96 tổ hợp tác, giải quyết việc làm cho "
    "hơn 3.200 lao động. Doanh thu bình quân của một HTX ước đạt 2,7 tỷ đồng/năm.\n"
    "Mục tiêu năm 2024: thành lập mới ít nhất 20 hợp tác xã, 15 tổ hợp tác; phấn đấu 60% HTX hoạt động "
    "có hiệu quả, xếp loại tốt, khá; hỗ trợ đào tạo, bồi dưỡng cho 300 lượt cán bộ quản lý, thành viên HTX.\n"
    "Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Liên minh Hợp tác xã tỉnh, Ủy ban nhân dân các huyện, "
    "thị xã, thành phố theo dõi, đôn đốc; định kỳ báo cáo kết quả thực hiện về UBND tỉnh trước ngày 15/12/2024.\n"
    "ĐỐI VỚI NHỮNG HỢP TÁC XÃ NGỪNG HOẠT ĐỘNG, ỦY BAN NHÂN DÂN CẤP XÃ HƯỚNG DẪN GIẢI THỂ THEO QUY ĐỊNH.\n"
)

_TONE_MARKS = set("\u0300\u0301\u0303\u0309\u0323")


def cp1258_decomposed(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter (â, ơ, ư … are single bytes) + tone mark."""
    letters = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        letters.append(base + "".join(c for c in parts if c in _TONE_MARKS))
    return "".join(letters).encode("cp1258")


def cp1258_mixed(text: str) -> bytes:
    """Windows-1258 using a precomposed letter where the code page has one (á, é, ó …), else decomposed."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            out += cp1258_decomposed(ch)
    return bytes(out)


def mojibake(text: str, codec: str = "sloppy-windows-1252") -> bytes:
    """UTF-8 read once as Windows-1252 (browsers' version, or Latin-1) and saved again as UTF-8."""
    return text.encode("utf-8").decode(codec).encode("utf-8")


ENCODINGS = {
    "utf-8": (lambda text: text.encode("utf-8"), "utf-8"),
    "utf-8 with BOM": (lambda text: text.encode("utf-8-sig"), "utf-8"),
    "utf-16 LE with BOM": (lambda text: b"\xff\xfe" + text.encode("utf-16-le"), "utf-16"),
    "utf-16 BE with BOM": (lambda text: b"\xfe\xff" + text.encode("utf-16-be"), "utf-16"),
    "utf-16 LE without BOM": (lambda text: text.encode("utf-16-le"), "utf-16"),
    "utf-32 with BOM": (lambda text: text.encode("utf-32"), "utf-32"),
    "cp1258 decomposed": (cp1258_decomposed, "cp1258"),
    "cp1258 mixed": (cp1258_mixed, "cp1258"),
    "mojibake via windows-1252": (mojibake, "utf-8 (mojibake repaired)"),
    "mojibake via latin-1": (lambda text: mojibake(text, "latin-1"), "utf-8 (mojibake repaired)"),
}


@pytest.mark.parametrize("name", ENCODINGS)
def test_every_encoding_gives_the_same_text(name):
    encode, expected_encoding = ENCODINGS[name]
    raw = encode(NOTICE)
    assert raw != NOTICE.encode("utf-8") or name == "utf-8"
    decoded = decode(raw, "notice.txt")
    assert decoded.encoding == expected_encoding
    assert decoded.format == "text"
    assert normalize(decoded.text) == normalize(NOTICE)


def test_cp1258_bytes_are_not_windows_1252():
    raw = cp1258_decomposed(NOTICE)
    assert not is_vietnamese(raw.decode("cp1252"))
    assert is_vietnamese(raw.decode("cp1258"))


def test_western_text_is_not_taken_for_vietnamese():
    raw = "Ceci est un texte français, très intéressant: le café, être à côté.".encode("cp1252")
    decoded = decode(raw)
    assert decoded.encoding == "cp1252"
    assert decoded.text.startswith("Ceci est un texte français")


def test_mojibake_with_lost_bytes_is_mostly_repaired():
    # Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D: a strict cp1252 reading loses them.
    raw = NOTICE.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    decoded = decode(raw)
    assert decoded.encoding == "utf-8 (mojibake repaired)"
    assert "Ủy ban nhân dân tỉnh Khánh Hòa" in decoded.text
    assert "Ã" not in decoded.text and "á»" not in decoded.text


@pytest.mark.parametrize("text", [
    NOTICE,
    "XÃ ĐÔNG HÒA, HUYỆN TÂN CHÂU: Ã, Â, Ă, Ê, Ô, Ơ, Ư, Đ đều là chữ cái tiếng Việt.",
    "Giá 25.000 đ/kg; nhiệt độ 30°C; © 2024 Cổng thông tin điện tử; «trích» ± 5%; Ấn Độ, Ả Rập.",
    "ẤP, ẦU, ẨN, ẪU, ẬT, ẮC, ẰNG, ẲNG, ẴM, ẶT, ẾT, ỀU, ỂN, ỄN, ỆU, ỈA, ỊT, ỌC, ỎI, ỐC, ỒN, ỔN, ỖI, ỘT, "
    "ỚT, ỜI, ỞI, ỠN, ỢT, ỤC, ỦY, ỨA, ỪA, ỬA, ỮA, ỰA, ỲA, ỴA, ỶA, ỸA",
    # Capitals that ftfy alone takes for mojibake (XÃ + NBSP → Xà, XÃ– → XÖ, XÃ— → X×):
    "UBND XÃ\u00a0HÒA BÌNH; CẤP XÃ–PHƯỜNG; CẤP XÃ—HUYỆN; XÃ“ĐỒNG TÂM”",
])
def test_correct_vietnamese_is_never_repaired(text):
    decoded = decode(text.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == text


def test_utf8_cut_inside_the_last_letter_keeps_the_rest():
    raw = "Phấn đấu thành lập mới 20 hợp tác xã trong năm".encode("utf-8") + "ệ".encode("utf-8")[:2]
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Phấn đấu thành lập mới 20 hợp tác xã trong năm\ufffd"


def test_decode_text_repairs_mojibake_too():
    decoded = decode_text(mojibake("Hợp tác xã nông nghiệp Đông Hòa").decode("utf-8"))
    assert decoded.text == "Hợp tác xã nông nghiệp Đông Hòa"
    assert decoded.encoding == "utf-8 (mojibake repaired)"


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>Phát triển hợp tác xã năm 2024 - Cổng thông tin điện tử huyện Diên Khánh</title>
<style>.menu { color: red } /* Trang chủ kiểu CSS */</style>
<script>var banner = "Quảng cáo trong script";</script>
<meta property="og:site_name" content="Cổng TTĐT huyện Diên Khánh">
</head><body><form id="aspnetForm" action="/">
<div id="header"><div class="logo"><img src="/logo.png" alt="Huy hiệu UBND huyện Diên Khánh">
<h1>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN DIÊN KHÁNH</h1></div>
<ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a>Giới thiệu chung</a></li></ul></div>
<nav class="breadcrumb"><a>Tin tức</a> » <a>Kinh tế</a></nav>
<div class="content">
<h2 class="title">Phát triển hợp tác xã năm 2024</h2>
<p class="date">Ngày đăng: 16/03/2024&nbsp;|&nbsp;Lượt xem: 215</p>
<p>UBND huyện ban hành Kế hoạch số 45/KH-UBND về phát triển kinh tế tập thể &amp; hợp tác xã.</p>
<p>Phấn đấu thành lập mới <b>5</b> hợp tác xã, &ldquo;nâng cao&rdquo; hiệu quả hoạt động.<br>Đến năm 2025 có 40 HTX.</p>
<table><tr><th>Chỉ tiêu</th><th>Năm 2024</th></tr><tr><td>Tổ hợp tác</td><td>12</td></tr></table>
<ul><li>Thành viên: 1.200</li><li>Lao động: 2.500</li></ul>
<noscript>Trình duyệt không hỗ trợ JavaScript</noscript>
<input type="text" value="Nhập từ khóa"><button>Tìm kiếm</button>
<svg><text>Biểu tượng</text></svg>
<iframe src="/ads">Khung quảng cáo</iframe>
</div>
<div class="footer">Cơ quan chủ quản: UBND huyện Diên Khánh, tỉnh Khánh Hòa<br>Điện thoại: 0258.3850123</div>
</form><script>document.write("Mã theo dõi")</script></body></html>
"""


def page_text(page: str = PAGE, encode=cp1258_decomposed, path: str | None = "page.html"):
    return decode(encode(page), path)


@pytest.mark.parametrize("encode", [cp1258_decomposed, lambda page: page.encode("utf-8")])
def test_html_becomes_the_text_a_reader_sees(encode):
    decoded = page_text(encode=encode)
    assert decoded.format == "html"
    assert normalize(decoded.text) == (
        "Phát triển hợp tác xã năm 2024\n"
        "\n"
        "Ngày đăng: 16/03/2024 | Lượt xem: 215\n"
        "\n"
        "UBND huyện ban hành Kế hoạch số 45/KH-UBND về phát triển kinh tế tập thể & hợp tác xã.\n"
        "\n"
        "Phấn đấu thành lập mới 5 hợp tác xã, \"nâng cao\" hiệu quả hoạt động.\n"
        "Đến năm 2025 có 40 HTX.\n"
        "\n"
        "Chỉ tiêu\tNăm 2024\n"
        "Tổ hợp tác\t12\n"
        "\n"
        "Thành viên: 1.200\n"
        "Lao động: 2.500\n"
        "\n"
        "Cơ quan chủ quản: UBND huyện Diên Khánh, tỉnh Khánh Hòa\n"
        "Điện thoại: 0258.3850123\n"
    )


def test_html_chrome_goes_to_context():
    decoded = page_text()
    assert decoded.encoding == "cp1258"
    context = normalize(decoded.context).splitlines()
    assert context == [
        "Phát triển hợp tác xã năm 2024 - Cổng thông tin điện tử huyện Diên Khánh",
        "Cổng TTĐT huyện Diên Khánh",
        "Huy hiệu UBND huyện Diên Khánh",
        "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN DIÊN KHÁNH",
        "Cơ quan chủ quản: UBND huyện Diên Khánh, tỉnh Khánh Hòa",
        "Điện thoại: 0258.3850123",
    ]
    for chrome in ("Trang chủ", "Giới thiệu chung", "Tin tức", "script", "CSS", "JavaScript", "Tìm kiếm",
                   "Nhập từ khóa", "Biểu tượng", "quảng cáo", "Mã theo dõi"):
        assert chrome not in decoded.text and chrome not in decoded.context


def test_meta_charset_decides_when_the_text_alone_cannot():
    # Too little Vietnamese for the letter check: only the declaration says Windows-1258.
    page = '<html><head><meta charset="windows-1258"><title>Hà Nội</title></head><body><p>Hà Nội</p></body></html>'
    decoded = decode(cp1258_decomposed(page))
    assert decoded.encoding == "cp1258"
    assert normalize(decoded.text) == "Hà Nội\n"


def test_valid_utf8_wins_over_a_stale_meta_charset():
    # PAGE declares windows-1258; saved as UTF-8 ("save page as" keeps the old declaration).
    assert page_text(encode=lambda text: text.encode("utf-8")).encoding == "utf-8"


def test_headline_comes_from_the_title_without_the_portal_name():
    page = ("<html><head><title>Sơ kết 3 năm thực hiện Nghị quyết về kinh tế tập thể | Trang thông tin điện tử "
            "xã Ninh Hải</title></head><body><div class='content'><p>Sáng ngày 12/5, Đảng ủy xã tổ chức hội nghị."
            "</p></div></body></html>")
    decoded = decode(page.encode("utf-8"))
    assert decoded.text == ("Sơ kết 3 năm thực hiện Nghị quyết về kinh tế tập thể\n\n"
                            "Sáng ngày 12/5, Đảng ủy xã tổ chức hội nghị.\n")
    assert "Trang thông tin điện tử xã Ninh Hải" in decoded.context


def test_headline_from_h1_is_not_repeated():
    page = "<html><head><title>Tin</title></head><body><article><h1>Hội nghị tổng kết HTX</h1>" \
           "<p>Nội dung.</p></article></body></html>"
    assert decode(page.encode("utf-8")).text == "Hội nghị tổng kết HTX\n\nNội dung.\n"


def test_html_is_sniffed_without_an_extension():
    page = "<!-- saved -->\n<!doctype html><html><body><p>Một</p><p>Hai &lt;3&gt;</p></body></html>"
    decoded = decode(page.encode("utf-8"), "notice.txt")
    assert decoded.format == "html"
    assert decoded.text == "Một\n\nHai <3>\n"


def test_text_with_angle_brackets_stays_text():
    text = "Tỷ lệ HTX khá, tốt <50% năm 2020; mục tiêu >70% vào năm 2025.\n"
    decoded = decode(text.encode("utf-8"), "notice.txt")
    assert decoded.format == "text"
    assert decoded.text == text


def test_decode_text_converts_html_too():
    decoded = decode_text("<html><body><p>Hợp tác xã</p><script>x()</script></body></html>")
    assert (decoded.format, decoded.text) == ("html", "Hợp tác xã\n")


def test_mojibake_html_page_is_repaired():
    page = "<html><head><meta charset='utf-8'></head><body><p>Hợp tác xã Thành Công</p></body></html>"
    decoded = decode(mojibake(page), "page.html")
    assert decoded.encoding == "utf-8 (mojibake repaired)"
    assert decoded.text == "Hợp tác xã Thành Công\n"


# ---------------------------------------------------------------- the seeds, re-encoded

def _seeds():
    folder = SHARED / "corpus" / "seeds"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def _as_html(text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin tức</title>"
            f"<script>var x = 1;</script></head><body><nav><a>Trang chủ</a></nav>"
            f"<div class='content'>{paragraphs}</div><footer>Cơ quan chủ quản</footer></body></html>").encode("utf-8")


def _squashed_lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("seed", _seeds() or [None], ids=lambda seed: seed.name if seed else "absent")
def test_seeds_read_the_same_in_every_encoding(seed):
    if seed is None:
        pytest.skip("../shared/corpus/seeds is absent")
    from kttt_extract.pipeline import read

    raw = seed.read_bytes()
    expected = read(raw, path=seed.name).text
    variants = {"utf-16": raw.decode("utf-8").encode("utf-16"), "mojibake": mojibake(raw.decode("utf-8"))}
    try:
        variants["cp1258"] = cp1258_decomposed(raw.decode("utf-8"))
    except UnicodeEncodeError:
        pass  # a character Windows-1258 cannot hold
    for name, variant in variants.items():
        assert read(variant, path=seed.name).text == expected, name
    html_lines = _squashed_lines(read(_as_html(raw.decode("utf-8")), path=seed.name + ".html").text)
    missing = [line for line in _squashed_lines(expected) if line not in html_lines]
    assert not missing
