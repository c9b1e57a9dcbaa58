"""The public catalog in a real browser: htmx live search without diacritics, under the CSP."""

import pytest
from playwright.sync_api import expect

from .factories import procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_live_search_without_diacritics(page):
    procedure("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", code="1.009994")
    procedure("Đăng ký khai sinh", code="1.001193")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/thu-tuc/")
    page.shot("catalog")
    assert page.get_by_text("Đăng ký khai sinh").count() == 1
    page.get_by_label("Từ khóa").fill("cap phep xay dung")
    # htmx swaps the results in without a page load: the other procedure goes away.
    expect(page.get_by_text("Đăng ký khai sinh")).to_have_count(0)
    expect(page.get_by_text("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ").first).to_be_visible()
    assert "q=cap%20phep%20xay%20dung" in page.url  # the search is in the address, so it can be shared
    page.shot("search-results")
    page.get_by_text("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ").first.click()
    page.wait_for_url("**/thu-tuc/1.009994/")
    page.shot("procedure-sheet")
    assert not [e for e in errors if "Content Security Policy" in e], errors
