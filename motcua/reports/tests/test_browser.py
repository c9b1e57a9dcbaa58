"""The statistics pages in a real browser: charts drawn, no Content-Security-Policy violation,
and Form 06 printed (print media) without the site's navigation. Screenshots go to artifacts/."""

import re

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.directory.tests.signin import totp_now

from . import dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUERY = "kind=month&year=2025&number=7&mode=rolled_up"


def test_dashboard_and_form06_in_a_browser(page):
    with time_machine.travel(dataset.NOW, tick=True):
        w, _d = dataset.build()
        device = TOTPDevice.objects.create(user=w.users["province_admin"], name="test", confirmed=True)
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.goto("/dang-nhap/?next=/can-bo/thong-ke/")
        page.get_by_label("Tên đăng nhập").fill("province_admin")
        page.get_by_label("Mật khẩu").fill("x")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url("**/dang-nhap/xac-thuc/**")
        page.get_by_label(re.compile("Mã xác thực")).fill(totp_now(device))
        page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_url("**/can-bo/thong-ke/**")
        page.goto(f"/can-bo/thong-ke/?{QUERY}")
        assert page.locator("svg.pygal-chart").count() == 2
        bar = page.locator("svg.pygal-chart .color-0 rect").first
        assert bar.evaluate("e => getComputedStyle(e).fill") == "rgb(11, 87, 164)"  # reports.css, not inline
        page.shot("dashboard")
        page.goto(f"/can-bo/thong-ke/bieu-06/?{QUERY}")
        assert page.locator("table.form06 tbody tr").count() == 6
        page.shot("form06")
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible() and not page.locator(".report-filter").is_visible()
        page.shot("form06-print")
        page.pdf(path=str(page.artifacts / "form06.pdf"), format="A4", landscape=True)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
