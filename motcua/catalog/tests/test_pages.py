import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from motcua.catalog import services
from motcua.catalog.models import RequiredDocument

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def land():
    proc = f.procedure(
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", code="1.004227",
        sector_=f.sector("DD", "Đất đai"), agencies=[f.agency("000.00.12.H56")], time_limit=30,
        fees=[("Lệ phí cấp Giấy chứng nhận", 100000), ("Phí thẩm định hồ sơ", 1500000)],
        documents=[("Đơn đăng ký đất đai", 1, 0, 0), ("Giấy tờ về quyền sử dụng đất", 0, 1, 2)],
        level=3, in_rating_pilot=True, legal_basis="Luật Đất đai số 31/2024/QH15\nNghị định số 101/2024/NĐ-CP",
        result_type="Giấy chứng nhận quyền sử dụng đất",
    )
    steps = [
        {"order": 1, "name": "Tiếp nhận, kiểm tra hồ sơ", "role": "desk_officer", "hours": Decimal(8)},
        {"order": 2, "name": "Thẩm định, đo đạc", "role": "specialist", "hours": Decimal(200), "may_send_back": True},
        {"order": 3, "name": "Ký Giấy chứng nhận", "role": "agency_leader", "hours": Decimal(32)},
    ]
    services.save_process(proc, steps, effective_from=datetime.date(2024, 1, 1), actor=None)
    return proc


@pytest.fixture
def permit():
    return f.procedure("Cấp giấy phép xây dựng nhà ở riêng lẻ", code="1.009994", level=4)


def test_home_is_the_catalog_with_the_site_layout(client, land, permit):
    html = client.get("/thu-tuc/").content.decode()
    assert "Motcua — Cổng dịch vụ công" in html
    assert "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" in html
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in html
    assert 'action="/i18n/setlang/"' in html
    # htmx comes from our own static files (provincial intranets are offline), pinned to 2.x.
    assert "/static/django_htmx/htmx-2" in html and "unpkg" not in html and "cdn" not in html.lower()
    assert "/static/motcua/site.css" in html


def test_search_without_accents_finds_the_procedure(client, land, permit):
    html = client.get("/thu-tuc/", {"q": "dang ky dat dai"}).content.decode()
    assert "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" in html
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" not in html
    assert "Có 1 thủ tục" in html


def test_live_search_answers_htmx_with_the_results_only(client, land, permit):
    response = client.get("/thu-tuc/", {"q": "XAY DUNG"}, headers={"HX-Request": "true", "HX-Target": "results"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in html
    assert "Đăng ký đất đai" not in html


def test_filters_by_sector_agency_and_level(client, land, permit):
    assert "Cấp giấy phép" not in client.get("/thu-tuc/", {"sector": "DD"}).content.decode()
    assert "Cấp giấy phép" not in client.get("/thu-tuc/", {"agency": "000.00.12.H56"}).content.decode()
    html = client.get("/thu-tuc/", {"level": "4"}).content.decode()
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in html and "Đăng ký đất đai" not in html
    # A stale link with an unknown filter value still shows the catalog rather than an error.
    assert client.get("/thu-tuc/", {"sector": "KHONG-CO", "level": "9"}).status_code == 200


def test_results_are_paginated(client):
    for i in range(25):
        f.procedure(f"Thủ tục thử nghiệm số {i:02d}")
    first = client.get("/thu-tuc/").content.decode()
    second = client.get("/thu-tuc/", {"page": 2}).content.decode()
    assert "Có 25 thủ tục" in first and "Trang 1 / 2" in first
    assert "Thủ tục thử nghiệm số 00" in first and "Thủ tục thử nghiệm số 24" not in first
    assert "Thủ tục thử nghiệm số 24" in second and "Trang 2 / 2" in second


def test_procedure_sheet_shows_what_a_citizen_needs(client, land, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    RequiredDocument.objects.filter(name="Đơn đăng ký đất đai").get().template.save(
        "mau-04-dk.docx", ContentFile(b"mau don"), save=True
    )
    response = client.get("/thu-tuc/1.004227/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" in html
    assert "30 ngày làm việc" in html
    assert "100.000 đồng" in html and "1.500.000 đồng" in html and "1.600.000 đồng" in html
    assert "Đơn đăng ký đất đai" in html and "Tải mẫu" in html and "mau-04-dk" in html
    assert "Thẩm định, đo đạc" in html and "200 giờ" in html and "Chuyên viên" in html
    assert "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa" in html
    assert "Giấy chứng nhận quyền sử dụng đất" in html
    assert "Nghị định số 101/2024/NĐ-CP" in html
    assert "Mức độ 3" in html and "Thí điểm đánh giá" in html


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"time_limit": "0.5"}, "0,5 ngày làm việc"),
        ({"time_limit": 0, "same_day_cutoff": datetime.time(15, 0)}, "trong ngày (nhận trước 15:00)"),
        ({"time_limit": 30, "unit": "calendar_days"}, "30 ngày"),
    ],
)
def test_time_limit_is_written_in_words(client, fields, text):
    f.procedure("Chứng thực bản sao", code="2.000815", **fields)
    assert text in client.get("/thu-tuc/2.000815/").content.decode()


def test_unknown_procedure_sheet_is_404(client):
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_language_switcher_turns_the_pages_into_english(client, land):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/thu-tuc/1.004227/"}, follow=True)
    html = response.content.decode()
    assert "Motcua — Public service portal" in html
    assert "30 working days" in html and "100,000 VND" in html and "Required documents" in html
    # The procedure's own data stays as published, in Vietnamese.
    assert "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" in html
