import unicodedata

import pytest

from motcua.core.text import nfc, search_key


def test_nfd_input_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "Cấp giấy phép xây dựng")
    assert decomposed != "Cấp giấy phép xây dựng"
    assert nfc(decomposed) == "Cấp giấy phép xây dựng"


def test_whitespace_is_folded():
    assert nfc("  Sở   Xây\tdựng \n") == "Sở Xây dựng"


@pytest.mark.parametrize(
    "text, key",
    [
        ("Cấp giấy phép XÂY DỰNG", "cap giay phep xay dung"),
        ("Đất đai", "dat dai"),
        ("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh"),
        ("Chứng thực bản sao; từ bản chính!", "chung thuc ban sao tu ban chinh"),
        (unicodedata.normalize("NFD", "Hộ tịch"), "ho tich"),
        ("", ""),
        (None, ""),
    ],
)
def test_search_key_drops_diacritics_and_case(text, key):
    assert search_key(text) == key
