"""The back office in a real browser, as the issue's "done means" walks it.

A desk officer receives a walk-in dossier with a scan and prints Mẫu 01; the specialist, the head
of division and the leader (both signing in with TOTP) take it to "result ready"; the desk hands
the result over; the public lookup shows it. Screenshots of each step go to artifacts/.
"""

import itertools
import re
import subprocess

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from motcua.directory.tests.signin import totp_now
from motcua.dossiers.models import Dossier

from .factories import build_dossier_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_SCAN = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class Office:
    """One official's browser session (its own context, so cookies never mix)."""

    def __init__(self, browser, live_server, page, username, counter):
        self.context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                           viewport={"width": 1280, "height": 900})
        self.tab = self.context.new_page()
        self.tab.set_default_timeout(15_000)
        self.shot = lambda name: self.tab.screenshot(
            path=str(page.artifacts / f"{next(counter):02d}-{username}-{name}.png"), full_page=True
        )
        self.username = username

    def sign_in(self, device=None):
        tab = self.tab
        tab.goto("/dang-nhap/?next=/can-bo/")
        tab.get_by_label("Tên đăng nhập").fill(self.username)
        tab.get_by_label("Mật khẩu").fill("x")
        tab.get_by_role("button", name="Đăng nhập").click()
        if device is not None:
            tab.wait_for_url("**/dang-nhap/xac-thuc/**")
            self.shot("totp")
            tab.get_by_label(re.compile("Mã xác thực")).fill(totp_now(device))
            tab.get_by_role("button", name="Xác nhận").click()
        tab.wait_for_url("**/can-bo/")
        return self

    def act(self, code, label, fill=None):
        tab = self.tab
        tab.goto(f"/can-bo/ho-so/{code}/")
        tab.get_by_role("button", name=label).first.click()
        panel = tab.locator("#action-panel")
        expect(panel.get_by_role("heading", name=label)).to_be_visible()
        for field, value in (fill or {}).items():
            panel.get_by_label(field).fill(value)
        self.shot(f"{label}-form")
        panel.get_by_role("button", name=label).click()
        expect(tab.locator(".messages")).to_be_visible()
        self.shot(label)

    def close(self):
        self.context.close()


def test_walk_in_to_returned_result_in_the_browser(browser, live_server, page, tmp_path):
    world = build_dossier_world()
    counter = itertools.count(1)
    devices = {name: TOTPDevice.objects.create(user=world.users[name], name="phone", confirmed=True)
               for name in ("head_a", "leader_a")}

    desk = Office(browser, live_server, page, "desk_s", counter).sign_in()
    tab = desk.tab
    tab.goto("/can-bo/tiep-nhan/")
    tab.get_by_label(re.compile("Tìm thủ tục")).fill("cap phep xay dung")
    tab.get_by_role("link", name=re.compile("Cấp giấy phép xây dựng mới")).click()
    desk.shot("checklist")
    scan = tmp_path / "don-de-nghi.pdf"
    scan.write_bytes(PDF_SCAN)
    tab.locator("input[type=file]").first.set_input_files(str(scan))
    owner = tab.locator("section[aria-labelledby=owner-title]")
    owner.get_by_label("Họ tên / tên tổ chức").first.fill("Nguyễn Văn An")
    owner.get_by_label("Số giấy tờ").first.fill("060090001234")
    owner.get_by_label("Điện thoại").first.fill("0912345678")
    tab.get_by_label("Trích yếu nội dung yêu cầu").fill("Xây nhà ở riêng lẻ 3 tầng")
    desk.shot("filled")
    tab.get_by_role("button", name="Lưu và cấp giấy tiếp nhận").click()
    tab.wait_for_url(re.compile(r"/can-bo/ho-so/[^/]+/$"))
    dossier = Dossier.objects.get()
    code = dossier.code
    expect(tab.get_by_text(code).first).to_be_visible()
    assert dossier.files.filter(digitised=True).count() == 1
    desk.shot("received")

    # Mẫu 01 as the desk prints it: a PDF with the code and the owner, rendered to PNG to look at.
    receipt = tab.request.get(f"/can-bo/ho-so/{code}/mau/01.pdf")
    assert receipt.status == 200 and receipt.body().startswith(b"%PDF")
    pdf = tmp_path / "mau01.pdf"
    pdf.write_bytes(receipt.body())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert code in text and "Nguyễn Văn An" in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(page.artifacts / "desk_s-mau01")],
                   check=True)

    desk.act(code, "Chuyển cơ quan giải quyết")
    dossier.refresh_from_db()
    assert dossier.status == 4 and dossier.assignee.username == "specialist_a"

    specialist = Office(browser, live_server, page, "specialist_a", counter).sign_in()
    specialist.tab.goto("/can-bo/ho-so/")
    expect(specialist.tab.get_by_role("link", name=code)).to_be_visible()
    specialist.shot("my-dossiers")
    specialist.act(code, "Chuyển bước tiếp theo")
    specialist.close()

    head = Office(browser, live_server, page, "head_a", counter).sign_in(devices["head_a"])
    head.act(code, "Chuyển bước tiếp theo")
    head.close()

    leader = Office(browser, live_server, page, "leader_a", counter).sign_in(devices["leader_a"])
    leader.act(code, "Có kết quả", fill={"Số, ký hiệu văn bản kết quả": "123/GPXD", "Người ký": "Lãnh đạo Sở"})
    leader.close()
    dossier.refresh_from_db()
    assert dossier.status == 9 and dossier.result_number == "123/GPXD"

    desk.act(code, "Trả kết quả")
    dossier.refresh_from_db()
    assert dossier.status == 10
    desk.close()

    public = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    public.goto("/tra-cuu")
    public.get_by_label(re.compile("Mã hồ sơ")).fill(code)
    public.get_by_role("button", name="Tra cứu").click()
    expect(public.get_by_text("Đã trả kết quả").first).to_be_visible()
    public.screenshot(path=str(page.artifacts / "99-public-lookup.png"), full_page=True)
    assert "Nguyễn Văn An" not in public.content()
    public.context.close()
