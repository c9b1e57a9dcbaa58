"""The statistics pages: who may open them (every role over every page), the 404 door for agencies
outside the scope, what each scope counts, the CSP-clean markup, and the filter's errors."""

import re

import pytest

from motcua.dossiers.tests.pages import Browsers, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]
PAGES = ["/can-bo/thong-ke/", "/can-bo/thong-ke/bieu-06/", "/can-bo/thong-ke/bieu-06.xlsx"]
MONTH = {"kind": "month", "year": 2025, "number": 7, "mode": "as_it_was"}
# Who reaches the statistics: leaders and heads of division (their subtree), the province's
# administrator and reform supervisor, the superuser. Everyone else: 404; anonymous: the sign-in page.
ALLOWED = {"province_admin", "supervisor", "leader_a", "head_a", "root"}
EVERYONE = ["province_admin", "supervisor", "leader_a", "head_a", "specialist_a", "specialist_b", "desk_s",
            "admin_a", "admin_c2", "specialist_c1", "specialist_c2", "desk_c2", "citizen", "nobody", "root"]


@pytest.fixture
def browsers():
    # Sessions live in the database: a test's sign-ins are rolled back with it.
    return Browsers()


@pytest.mark.parametrize("who", EVERYONE)
def test_permission_matrix(history, browsers, who):
    client = browsers[who]
    for page in PAGES:
        response = client.get(page, MONTH)
        expected = 200 if who in ALLOWED else 404
        assert response.status_code == expected, (who, page, response.status_code)


def test_anonymous_goes_to_sign_in(history):
    from django.test import Client

    for page in PAGES:
        response = Client().get(page)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_an_agency_outside_the_scope_is_404(history, browsers):
    w, _d = history
    leader = browsers["leader_a"]
    for page in PAGES:
        assert leader.get(page, MONTH | {"agency": w.agencies["B"].pk}).status_code == 404
        assert leader.get(page, MONTH | {"agency": w.agencies["P"].pk}).status_code == 404
        assert leader.get(page, MONTH | {"agency": w.agencies["A"].pk}).status_code == 200
        assert browsers["province_admin"].get(page, MONTH | {"agency": w.agencies["B"].pk}).status_code == 200


def figures(response) -> dict:
    """The dashboard's tiles as {label: value}."""
    pairs = re.findall(r'figure__value">([^<]*)</span><span class="figure__label">([^<]*)<', response.content.decode())
    return {label.strip(): value.strip() for value, label in pairs}


def test_each_scope_counts_its_own(history, browsers):
    province = figures(browsers["province_admin"].get(PAGES[0], MONTH))
    leader = figures(browsers["leader_a"].get(PAGES[0], MONTH))
    assert province["Hồ sơ tiếp nhận trong kỳ"] == "11" and province["Hồ sơ đã giải quyết"] == "6"
    # Sở Xây dựng alone: 7 received, 3 resolved, 4 pending of which 2 overdue at the end of 14/7.
    assert leader["Hồ sơ tiếp nhận trong kỳ"] == "7" and leader["Hồ sơ đã giải quyết"] == "3"
    assert leader["Trong đó quá hạn"] == "2"
    assert leader["Giải quyết đúng hạn, trước hạn"] == "66,7 %"
    assert leader["Hồ sơ nộp trực tuyến"] == "14,3 %"


def test_dashboard_lists_the_dossiers_overdue_now_with_step_and_official(history, browsers):
    _w, d = history
    page = text(browsers["leader_a"].get(PAGES[0], MONTH))
    assert d.carried_overdue.code in page and "Thẩm định hồ sơ" in page
    assert "specialist_a" in page  # the official holding it
    assert d.overdue_then.code not in page  # waiting for a supplement: the clock is stopped


def test_pages_are_csp_clean(history, browsers):
    for page in PAGES[:2]:
        html = browsers["province_admin"].get(page, MONTH).content.decode()
        assert not re.search(r"<style|\sstyle=|<script(?![^>]*\ssrc=)", html), page
        assert "<svg" in html or page.endswith("bieu-06/")


def test_form06_page_shows_the_form(history, browsers):
    page = text(browsers["province_admin"].get(PAGES[1], MONTH))
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in page.upper()
    assert "Kỳ báo cáo: Tháng 7/2025 (từ ngày 15/06/2025 đến ngày 14/07/2025)" in page
    assert "(15)" in page and "Tổng cộng" in page


def test_bad_filters_answer_422(history, browsers):
    client = browsers["province_admin"]
    assert client.get(PAGES[1], MONTH | {"kind": "quarter", "number": 7}).status_code == 422
    bad = {"kind": "custom", "year": 2025, "date_from": "2025-07-10", "date_to": "2025-07-01", "mode": "as_it_was"}
    response = client.get(PAGES[0], bad)
    assert response.status_code == 422 and "Ngày kết thúc phải sau ngày bắt đầu." in text(response)


def test_default_is_the_current_official_month(history, browsers):
    page = text(browsers["leader_a"].get(PAGES[0]))
    assert "Tháng 8/2025 (từ ngày 15/07/2025 đến ngày 30/07/2025)" in page
