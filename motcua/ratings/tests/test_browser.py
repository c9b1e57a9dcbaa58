"""The desk, the tablet and the dashboards in a real browser.

An agency administrator pairs a tablet with counter 1; a desk officer sits at that counter and receives a
walk-in; the tablet (another browser context, nobody signed in) shows the rating screen; the citizen ticks
a reason and taps "Rất hài lòng"; the rating appears on the officer's and the leader's dashboards; the
receipt's link for the same dossier and stage then refuses a second rating.
"""

import itertools
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from motcua.core.tests.a11y import A11y
from motcua.directory.tests.signin import totp_now
from motcua.dossiers.models import Dossier
from motcua.ratings.models import Rating
from motcua.ratings.tokens import rating_url

from .helpers import build_ratings_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "Ông/Bà đánh giá như thế nào về thái độ công chức khi hướng dẫn và tiếp nhận hồ sơ?"


class Tab:
    """One person's browser (its own context: cookies never mix)."""

    def __init__(self, browser, live_server, page, who, counter, viewport=(1280, 900)):
        self.context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                           viewport={"width": viewport[0], "height": viewport[1]})
        self.tab = self.context.new_page()
        self.tab.set_default_timeout(15_000)
        self.who, self.page, self.counter = who, page, counter

    def shot(self, name):
        self.tab.screenshot(path=str(self.page.artifacts / f"{next(self.counter):02d}-{self.who}-{name}.png"),
                            full_page=True)

    def sign_in(self, device=None):
        tab = self.tab
        tab.goto("/dang-nhap/?next=/can-bo/")
        tab.get_by_label("Tên đăng nhập").fill(self.who)
        tab.get_by_label("Mật khẩu").fill("x")
        tab.get_by_role("button", name="Đăng nhập").click()
        if device is not None:
            tab.wait_for_url("**/dang-nhap/xac-thuc/**")
            tab.get_by_label(re.compile("Mã xác thực")).fill(totp_now(device))
            tab.get_by_role("button", name="Xác nhận").click()
        tab.wait_for_url("**/can-bo/")
        return self


def test_a_reception_at_the_counter_is_rated_on_the_tablet(browser, live_server, page, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    world = build_ratings_world()
    shots = itertools.count(1)
    a11y = A11y(page)  # every screen on the way, the tablet's above all: citizens of every age use it
    devices = {name: TOTPDevice.objects.create(user=world.users[name], name="phone", confirmed=True)
               for name in ("admin_s", "leader_a")}

    admin = Tab(browser, live_server, page, "admin_s", shots).sign_in(devices["admin_s"])
    admin.tab.goto("/can-bo/may-danh-gia/")
    admin.tab.get_by_label("Quầy").select_option(label=str(world.counters[1]))
    admin.tab.get_by_label("Tên thiết bị").fill("Máy tính bảng quầy 1")
    admin.tab.get_by_role("button", name="Tạo liên kết ghép").click()
    link = admin.tab.locator("#pairing-link").inner_text()
    admin.shot("pairing-link")
    a11y.check("pairing", admin.tab)

    kiosk = Tab(browser, live_server, page, "kiosk", shots, viewport=(1280, 800))
    kiosk.tab.goto(link)
    kiosk.tab.wait_for_url("**/kiosk/")
    expect(kiosk.tab.get_by_text("Xin kính chào Ông/Bà")).to_be_visible()
    kiosk.shot("idle")
    a11y.check("kiosk-idle", kiosk.tab)

    desk = Tab(browser, live_server, page, "desk_s", shots).sign_in()
    desk.tab.goto("/can-bo/quay/")
    desk.tab.get_by_label(re.compile("Quầy 1")).check()
    desk.tab.get_by_role("button", name="Làm việc tại quầy đã chọn").click()
    expect(desk.tab.locator(".messages").get_by_text("Bạn đang làm việc tại")).to_be_visible()
    desk.shot("at-counter-1")
    a11y.check("counter", desk.tab)
    desk.tab.goto(f"/can-bo/tiep-nhan/?procedure={world.procedure.code}")
    owner = desk.tab.locator("section[aria-labelledby=owner-title]")
    owner.get_by_label("Họ tên / tên tổ chức").first.fill("Nguyễn Văn An")
    owner.get_by_label("Số giấy tờ").first.fill("060090001234")
    owner.get_by_label("Điện thoại").first.fill("0912345678")
    desk.tab.get_by_label("Trích yếu nội dung yêu cầu").fill("Xây nhà ở riêng lẻ 3 tầng")
    desk.tab.get_by_role("button", name="Lưu và cấp giấy tiếp nhận").click()
    desk.tab.wait_for_url(re.compile(r"/can-bo/ho-so/[^/]+/$"))
    dossier = Dossier.objects.get()
    assert dossier.counter == world.counters[1]
    desk.shot("received")

    # The tablet polls every 2 s: the rating screen arrives without anyone touching it.
    expect(kiosk.tab.get_by_text(QUESTION)).to_be_visible(timeout=10_000)
    expect(kiosk.tab.get_by_text("desk_s")).to_be_visible()
    kiosk.shot("rating-screen")
    a11y.check("kiosk-rating", kiosk.tab)
    kiosk.tab.get_by_label("Thái độ, cách giao tiếp của công chức").check()
    kiosk.tab.get_by_role("button", name="Rất hài lòng").click()
    expect(kiosk.tab.get_by_text("Xin cảm ơn Ông/Bà!")).to_be_visible()
    kiosk.shot("thanks")
    rating = Rating.objects.get()
    assert (rating.level, rating.channel, rating.official, rating.counter) == (
        "very_satisfied", "kiosk", world.users["desk_s"], world.counters[1])
    assert [r.code for r in rating.reasons.all()] == ["thai-do"]
    expect(kiosk.tab.get_by_text("Xin kính chào Ông/Bà")).to_be_visible(timeout=10_000)
    kiosk.shot("idle-again")
    # Stop the tablet's polling now, so that no poll is still being served when the test ends.
    kiosk.context.close()

    leader = Tab(browser, live_server, page, "leader_a", shots).sign_in(devices["leader_a"])
    for person in (desk, leader):
        person.tab.goto("/can-bo/danh-gia/")
        expect(person.tab.locator("#total-count")).to_have_text("1")
        table = person.tab.locator("table.ratings-table")
        expect(table.get_by_role("link", name="desk_s")).to_be_visible()
        expect(table.get_by_text("100,0%").first).to_be_visible()
        expect(table.get_by_text("Thái độ, cách giao tiếp của công chức (1)")).to_be_visible()
        person.tab.locator("img[alt^='Biểu đồ số lượt']").wait_for()
        assert person.tab.evaluate("document.querySelector(\"img[alt^='Biểu đồ số lượt']\").naturalWidth") > 0
        person.shot("dashboard")
        a11y.check(f"dashboard-{person.who}", person.tab)

    # The receipt's QR link for the same dossier and stage: already rated, no form.
    citizen = Tab(browser, live_server, page, "citizen", shots, viewport=(414, 860))
    citizen.tab.goto(rating_url(dossier.code, "reception"))
    expect(citizen.tab.get_by_text("đã được đánh giá")).to_be_visible()
    expect(citizen.tab.get_by_role("button", name="Rất hài lòng")).to_have_count(0)
    citizen.shot("already-rated")
    a11y.check("already-rated", citizen.tab)
    answer = citizen.tab.request.post(rating_url(dossier.code, "reception"), form={"level": "unsatisfied"},
                                      fail_on_status_code=False)
    assert answer.status in (403, 409)  # no CSRF token (403) or refused as already rated (409)
    assert Rating.objects.count() == 1
    # Close every context here, so that no keep-alive connection keeps a live-server thread busy past the test.
    for tab in (admin, desk, leader, citizen):
        tab.context.close()
    a11y.assert_clean()
