import datetime
import unicodedata

import pytest
from django.utils import timezone

from motcua.catalog import services
from motcua.catalog.models import OnlineLevel
from motcua.catalog.queries import search_procedures

from . import factories as f

pytestmark = pytest.mark.django_db


def names(q="", **filters):
    return [p.name for p in search_procedures(q, **filters)]


@pytest.fixture
def catalog():
    land = f.sector("DD", "Đất đai")
    civil = f.sector("HT", "Hộ tịch")
    build = f.sector("XD", "Hoạt động xây dựng")
    builder, env = f.agency("000.00.31.H56"), f.agency("000.00.12.H56")
    return {
        "exact": f.procedure("Cấp phép xây dựng", sector_=build, agencies=[builder], level=4),
        "prefix": f.procedure("Cấp phép xây dựng có thời hạn", sector_=build, agencies=[builder], level=3),
        "contains": f.procedure("Gia hạn cấp phép xây dựng", sector_=build, agencies=[builder], level=2),
        "scattered": f.procedure("Cấp giấy phép sửa chữa, cải tạo công trình xây dựng", sector_=build, level=3),
        "land": f.procedure("Đăng ký đất đai lần đầu", code="1.004227", sector_=land, agencies=[env], level=3),
        "land2": f.procedure("Chuyển mục đích sử dụng đất", sector_=land, agencies=[env]),
        "birth": f.procedure("Đăng ký khai sinh", sector_=civil, time_limit=0, level=4),
    }


@pytest.mark.parametrize("q", ["đất đai", "dat dai", "ĐẤT ĐAI", "Dat Dai", unicodedata.normalize("NFD", "đất đai")])
def test_any_spelling_of_land_finds_the_land_procedures(catalog, q):
    # The name that contains the phrase first, then the one found through its sector "Đất đai".
    assert names(q) == ["Đăng ký đất đai lần đầu", "Chuyển mục đích sử dụng đất"]


def test_d_with_stroke_matches_plain_d(catalog):
    assert names("dang ky") == ["Đăng ký đất đai lần đầu", "Đăng ký khai sinh"]
    assert names("ĐĂNG KÝ KHAI SINH") == ["Đăng ký khai sinh"]


def test_best_match_first_exact_then_prefix_then_phrase_then_scattered(catalog):
    assert names("cap phep xay dung") == [
        "Cấp phép xây dựng",
        "Cấp phép xây dựng có thời hạn",
        "Gia hạn cấp phép xây dựng",
        "Cấp giấy phép sửa chữa, cải tạo công trình xây dựng",
    ]


def test_equal_matches_are_listed_by_name(catalog):
    # All scattered matches (the words are in the sector name): alphabetical, ignoring accents.
    assert names("xay dung hoat") == [
        "Cấp giấy phép sửa chữa, cải tạo công trình xây dựng",
        "Cấp phép xây dựng",
        "Cấp phép xây dựng có thời hạn",
        "Gia hạn cấp phép xây dựng",
    ]


def test_every_word_is_required(catalog):
    assert names("dat") == ["Chuyển mục đích sử dụng đất", "Đăng ký đất đai lần đầu"]
    assert names("dat lan dau") == ["Đăng ký đất đai lần đầu"]
    assert names("dat khai sinh") == []


def test_words_match_from_their_start_so_live_typing_works(catalog):
    assert names("cap phep xay d")[:1] == ["Cấp phép xây dựng"]
    assert names("ai") == []  # "ai" is inside "đai" but starts no word


def test_code_and_sector_name_are_searchable(catalog):
    assert names("1.004227") == ["Đăng ký đất đai lần đầu"]
    assert names("ho tich") == ["Đăng ký khai sinh"]


def test_sector_agency_and_level_filters(catalog):
    assert names(sector="DD") == ["Chuyển mục đích sử dụng đất", "Đăng ký đất đai lần đầu"]
    assert names("dang ky", sector="HT") == ["Đăng ký khai sinh"]
    assert names(agency="000.00.12.H56") == ["Chuyển mục đích sử dụng đất", "Đăng ký đất đai lần đầu"]
    assert names(agency="000.00.99.H56") == []
    assert names(level=4) == ["Cấp phép xây dựng", "Đăng ký khai sinh"]
    # No level row means level 1.
    assert names(level=1) == ["Chuyển mục đích sử dụng đất"]


def test_level_filter_uses_the_level_in_force_today(catalog):
    today = timezone.localdate()
    OnlineLevel.objects.create(
        procedure=catalog["land2"], level=4, effective_from=today + datetime.timedelta(days=10)
    )
    assert "Chuyển mục đích sử dụng đất" not in names(level=4)
    OnlineLevel.objects.create(procedure=catalog["land2"], level=4, effective_from=today)
    assert "Chuyển mục đích sử dụng đất" in names(level=4)


def test_agency_specific_level_wins_when_filtering_by_agency(catalog):
    env = f.agency("000.00.12.H56")
    OnlineLevel.objects.create(procedure=catalog["land"], agency=env, level=4, effective_from=datetime.date(2024, 1, 1))
    assert names(level=4, agency="000.00.12.H56") == ["Đăng ký đất đai lần đầu"]
    assert "Đăng ký đất đai lần đầu" not in names(level=4)


def test_withdrawn_procedures_are_not_found(catalog):
    catalog["birth"].is_active = False
    catalog["birth"].save()
    assert names("khai sinh") == []


def test_renaming_a_sector_renames_what_search_finds(catalog):
    civil = catalog["birth"].sector
    civil.name = "Hộ tịch và quốc tịch"
    services.save_sector(civil, actor=None)
    assert names("quoc tich") == ["Đăng ký khai sinh"]
