"""The citizen's whole journey on the portal in a real browser, every page checked with axe-core.

A citizen signs in with VNeID (the loopback OpenID Connect provider of the citizens' tests), finds the
construction permit from the home page's search typed without diacritics, fills the e-form, uploads
the documents, submits and pays the fee through the VNPay sandbox; the "submitted" email goes out
through a real SMTP server; the desk officer accepts the dossier from the online queue in another
browser; the processing steps run through the services; the citizen downloads the result. Every
portal page on the way must have no serious or critical axe-core violation. Screenshots and the axe
reports go to artifacts/<test>/.
"""

import copy
import re
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from motcua.catalog.models import Procedure
from motcua.citizens.tests.oidc_provider import FakeOIDCProvider
from motcua.core.tests.a11y import A11y
from motcua.dossiers import services as core
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.notifications.dispatch import dispatch_once
from motcua.notifications.tests.conftest import SmtpServer, seed_templates

from ..models import DraftFile
from .helpers import PDF, portal_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN = {
    "sub": "vneid-sub-an", "name": "Nguyễn Văn An", "phone_number": "+84912345678",
    "identification_number": "060090001234", "email": "an@example.vn", "email_verified": True,
}
RESULT_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
              b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture
def world(settings, live_server, tmp_path):
    # Links the server builds for the browser (the VNeID redirect URI, the payment return, the sandbox's
    # IPN) must point at this live server.
    settings.PUBLIC_BASE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    # DEBUG is off under test, so the sandbox's merchant code and secret must be given (shared with it).
    settings.VNPAY_TMN_CODE = "TESTTMN1"
    settings.VNPAY_HASH_SECRET = "TESTSECRETTESTSECRETTESTSECRET12"
    cache.clear()  # allauth's rate limits and ID-token replay list, the portal's "most used" list
    seed_templates()  # a transactional test's flush removed the migration's notification wording
    w = portal_world()
    Procedure.objects.create(code="1.001193", name="Đăng ký khai sinh", sector=w.procedure.sector,
                             time_limit=Decimal("3"))
    yield w
    cache.clear()


@pytest.fixture
def vneid(settings):
    """The loopback OpenID Connect provider configured as VNeID."""
    provider = FakeOIDCProvider().start()
    settings.VNEID_SERVER_URL = provider.issuer
    settings.VNEID_CLIENT_ID = provider.client_id
    settings.VNEID_CLIENT_SECRET = provider.client_secret
    provider.next_claims = dict(CITIZEN)
    # The sign-in page's form posts to us and we redirect the browser to VNeID: browsers apply the
    # page's CSP form-action to every hop of that redirect, so VNeID's origin must be a form target.
    # The project's policy names only 'self', which makes a real browser refuse the VNeID button; until
    # the policy names VNeID's origin itself, the test adds the loopback provider's.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], provider.issuer]
    settings.CONTENT_SECURITY_POLICY = policy
    yield provider
    provider.stop()


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    yield server
    server.stop()


class SandboxIpn:
    """The sandbox's IPN, sent once the payer's decision request is over, before the browser comes back.

    VNPay calls the IPN on its own while the payer's browser is sent back; here the two are put in an
    order. The decision request goes to the server (held at the browser), its redirect comes back, the
    IPN goes out and is answered, and only then does the browser follow the redirect to the return page.
    On SQLite the live server shares one connection among its threads, and two requests at once would
    break each other's transactions; on any database the return page then shows what was recorded.
    """

    def __init__(self, monkeypatch):
        from motcua.paysandbox import views

        self.decided = threading.Event()
        self.answered = threading.Event()
        real = views._send_ipn

        def send_once_decided(url):
            try:
                if self.decided.wait(20):
                    real(url)
            finally:
                self.answered.set()

        monkeypatch.setattr(views, "_send_ipn", send_once_decided)

    def hold_redirect(self, route):
        response = route.fetch(max_redirects=0)  # the server has finished with the decision
        self.decided.set()
        self.answered.wait(20)
        route.fulfill(response=response)


@pytest.fixture
def sandbox_ipn(monkeypatch):
    return SandboxIpn(monkeypatch)


@pytest.fixture
def citizen(page):
    for stale in page.artifacts.iterdir():  # this run's screenshots and reports only
        stale.unlink()
    # The favicon request would reach Django beside each page load; on SQLite the live server shares
    # the test's one connection between its threads, so keep requests one at a time.
    page.context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return page


def sign_in_with_vneid(page, a11y=None):
    page.goto("/")
    page.get_by_role("link", name="Công dân đăng nhập").click()
    page.wait_for_url("**/tai-khoan/dang-nhap/**")
    if a11y:
        a11y.check("sign-in")
    page.shot("sign-in")
    # Our server asks the provider's discovery, the browser goes to /authorize and comes back with a
    # code that our server exchanges (PKCE, nonce, signature checked) before signing the citizen in.
    page.get_by_role("button", name=re.compile("VNeID")).click()
    page.wait_for_url("**/ca-nhan/ho-so/")
    expect(page.locator(".site-nav__user")).to_have_text("Nguyễn Văn An")


def test_citizen_journey_from_search_to_downloaded_result(browser, live_server, citizen, world, vneid, smtp,
                                                          sandbox_ipn, tmp_path):
    page, w = citizen, world
    a11y = A11y(page)

    # -- the home page, then sign in with VNeID
    page.goto("/")
    expect(page.get_by_role("heading", name="Dịch vụ công trực tuyến")).to_be_visible()
    a11y.check("home")
    page.shot("home")
    sign_in_with_vneid(page, a11y)
    assert vneid.token_requests and vneid.token_requests[-1]["code_verifier"]
    page.shot("signed-in")

    # -- find the procedure from the home page's search box, typed without diacritics
    page.get_by_role("link", name="Trang chủ").click()
    page.get_by_label("Tìm thủ tục hành chính").fill("cap giay phep xay dung")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/thu-tuc/\?q=cap"))
    expect(page.get_by_role("link", name=w.procedure.name)).to_be_visible()
    expect(page.get_by_text("Đăng ký khai sinh")).to_have_count(0)
    a11y.check("search-results")
    page.shot("search-results")
    page.get_by_role("link", name=w.procedure.name).click()
    page.wait_for_url(f"**/thu-tuc/{w.procedure.code}/")
    a11y.check("procedure-sheet")
    page.shot("procedure-sheet")
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()

    # -- the e-form (Mẫu số 01, NĐ 15/2021): the applicant comes from the VNeID identity
    page.wait_for_url(re.compile(r"/ho-so-truc-tuyen/\d+/to-khai/$"))
    expect(page.get_by_label("Họ tên / tên tổ chức")).to_have_value("Nguyễn Văn An")
    expect(page.get_by_label("Số định danh cá nhân / mã số thuế")).to_have_value("060090001234")
    expect(page.get_by_label("Số điện thoại")).to_have_value("0912345678")
    expect(page.get_by_label("Thư điện tử")).to_have_value("an@example.vn")
    a11y.check("eform")
    page.shot("eform")
    page.get_by_label("Số điện thoại").fill("12345")  # wrong at first: the errors must be accessible too
    page.get_by_label("Địa chỉ liên hệ").fill("12 Trần Hưng Đạo, phường Mới")
    page.get_by_role("radio", name="Tải kết quả điện tử").check()
    page.get_by_label("Địa điểm xây dựng").fill("Thôn 2, xã Mới")
    page.get_by_label("Thửa đất số").fill("125")
    page.get_by_label("Tờ bản đồ số").fill("14")
    page.get_by_label("Diện tích lô đất (m²)").fill("120")
    page.get_by_label("Diện tích xây dựng tầng 1 (m²)").fill("80")
    page.get_by_label("Tổng diện tích sàn (m²)").fill("240")
    page.get_by_label(re.compile(r"^Số tầng")).fill("3")
    page.get_by_label("Chiều cao công trình (m)").fill("11.5")
    page.get_by_label("Cấp công trình").select_option("Cấp III")
    page.get_by_label("Tôi cam kết làm theo đúng giấy phép được cấp").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(page.get_by_text("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")).to_be_visible()
    expect(page.get_by_label("Số điện thoại")).to_have_attribute("aria-invalid", "true")
    a11y.check("eform-errors")
    page.shot("eform-errors")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.shot("eform-filled")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # -- one PDF for each required document
    page.wait_for_url(re.compile(r"/ho-so-truc-tuyen/\d+/tep/$"))
    a11y.check("uploads")
    page.shot("uploads")
    for number, document in enumerate(w.procedure.documents.order_by("order"), start=1):
        scan = tmp_path / f"giay-to-{number}.pdf"
        scan.write_bytes(PDF)
        page.get_by_label("Thành phần hồ sơ").select_option(label=document.name)
        page.get_by_label("Tệp (PDF, JPEG, PNG)").set_input_files(str(scan))
        page.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_text("Đã tải lên tệp.")).to_be_visible()
        expect(page.get_by_role("row", name=re.compile(re.escape(document.name)))).to_contain_text(scan.name)
    expect(page.get_by_text("Còn thiếu tệp của các giấy tờ bắt buộc")).to_have_count(0)
    a11y.check("uploads-done")
    page.shot("uploads-done")

    # -- review and submit
    page.get_by_role("link", name="Tiếp tục: kiểm tra và nộp").click()
    page.wait_for_url(re.compile(r"/ho-so-truc-tuyen/\d+/nop/$"))
    expect(page.get_by_text("Cấp III")).to_be_visible()
    expect(page.get_by_text("giay-to-2.pdf")).to_be_visible()
    a11y.check("review")
    page.shot("review")
    page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    page.wait_for_url(re.compile(r"/ca-nhan/ho-so/[^/]+/da-nop/$"))
    code = page.locator(".dossier-code").inner_text().strip()
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == Status.SUBMITTED and dossier.channel == "online"
    assert dossier.account.socialaccount_set.get().uid == CITIZEN["sub"]
    assert dossier.form_data["answers"]["so_tang"] == "3" and dossier.files.count() == 2
    a11y.check("submitted")
    page.shot("submitted")

    # -- the "submitted" email through a real SMTP server on loopback
    assert dispatch_once()["sent"] >= 1
    mails = [m for m in smtp.inbox.messages if m["To"] == "an@example.vn"]
    assert len(mails) == 1, [m["Subject"] for m in smtp.inbox.messages]
    assert " ".join(str(mails[0]["Subject"]).split()) == f"Đã nhận hồ sơ nộp trực tuyến {code}"
    assert code in mails[0].get_content() and w.procedure.name in mails[0].get_content()

    # -- pay the fee through the VNPay sandbox
    page.get_by_role("link", name=re.compile("Thanh toán phí, lệ phí trực tuyến")).click()
    page.wait_for_url(f"**/thanh-toan/ho-so/{code}/")
    expect(page.get_by_text(re.compile(r"Số tiền phải nộp: 75\.?000 đồng"))).to_be_visible()
    a11y.check("payment-start")
    page.shot("payment-start")
    page.get_by_role("button", name="Thanh toán qua VNPay").click()
    page.wait_for_url("**/sandbox-vnpay/paymentv2/vpcpay.html?**")
    page.shot("sandbox")

    page.route("**/sandbox-vnpay/paymentv2/*/decide/", sandbox_ipn.hold_redirect)
    page.get_by_role("button", name="Thanh toán", exact=True).click()
    page.wait_for_url("**/thanh-toan/vnpay/ket-qua/**")
    assert sandbox_ipn.answered.is_set(), "the sandbox never called the IPN"
    expect(page.get_by_text("Thanh toán thành công.")).to_be_visible()
    expect(page.get_by_text("Hệ thống đã ghi nhận khoản nộp vào hồ sơ.")).to_be_visible()
    a11y.check("payment-return")
    page.shot("payment-return")
    page.get_by_role("link", name="Về trang hồ sơ của tôi").click()
    page.wait_for_url(f"**/ca-nhan/ho-so/{code}/")
    expect(page.get_by_text("đã nộp đủ")).to_be_visible()
    expect(page.get_by_role("heading", name="Đã thanh toán")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Thanh toán trực tuyến"))).to_have_count(0)
    a11y.check("dossier-paid")
    page.shot("dossier-paid")
    dossier.refresh_from_db()
    assert dossier.fee_paid == 75000

    # -- the desk officer accepts it from the online queue, in a browser of their own
    desk = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    desk.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    tab = desk.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/dang-nhap/?next=/can-bo/")
    tab.get_by_label("Tên đăng nhập").fill("desk_s")
    tab.get_by_label("Mật khẩu").fill("x")
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_url("**/can-bo/")
    tab.goto("/can-bo/cho-tiep-nhan/")
    tab.screenshot(path=str(page.artifacts / "desk-1-online-queue.png"), full_page=True)
    tab.get_by_role("button", name=f"Tiếp nhận {code}").click()
    expect(tab.locator(".messages")).to_be_visible()
    tab.screenshot(path=str(page.artifacts / "desk-2-accepted.png"), full_page=True)
    desk.close()
    dossier.refresh_from_db()
    assert dossier.status == Status.ACCEPTED and dossier.due_at

    # -- the department takes it to "result ready" (through the services, as its officials would)
    u = w.users
    core.hand_over(dossier, u["desk_s"], assignee=u["specialist_a"])
    core.next_step(dossier, u["specialist_a"], assignee=u["head_a"])
    core.next_step(dossier, u["head_a"], assignee=u["leader_a"])
    core.mark_result_ready(dossier, u["leader_a"], result_number="12/GPXD", signer="Giám đốc Sở Xây dựng",
                           result_file=ContentFile(RESULT_PDF, name="gpxd.pdf"))

    # -- the citizen downloads the result from "my dossiers"
    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    page.wait_for_url("**/ca-nhan/ho-so/")
    row = page.get_by_role("row", name=re.compile(re.escape(code)))
    expect(row).to_contain_text("Đã xử lý xong")
    a11y.check("my-dossiers")
    page.shot("my-dossiers")
    row.get_by_role("link", name=code).click()
    page.wait_for_url(f"**/ca-nhan/ho-so/{code}/")
    a11y.check("dossier-result-ready")
    page.shot("dossier-result-ready")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải kết quả điện tử").click()
    download = info.value
    assert download.suggested_filename == f"ket-qua-{code}.pdf"
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF") and body == RESULT_PDF
    page.reload()
    expect(page.get_by_role("heading", name=re.compile("Đã trả kết quả"))).to_be_visible()
    a11y.check("dossier-returned")
    page.shot("dossier-returned")
    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    expect(page.get_by_role("row", name=re.compile(re.escape(code)))).to_contain_text("Đã trả kết quả")
    page.shot("my-dossiers-returned")
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED

    a11y.assert_clean()


def test_forged_upload_is_refused_in_the_browser(citizen, world, vneid, tmp_path, settings):
    page, w = citizen, world
    a11y = A11y(page)
    sign_in_with_vneid(page)
    page.goto(f"/thu-tuc/{w.procedure.code}/")
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url(re.compile(r"/ho-so-truc-tuyen/\d+/to-khai/$"))
    page.goto(page.url.replace("/to-khai/", "/tep/"))

    # A web page named .pdf, announced as a PDF: the content decides, and it is no PDF.
    forged = tmp_path / "ban-ve.pdf"
    forged.write_bytes(b"<html><body><script>alert(1)</script></body></html>")
    document = w.procedure.documents.order_by("order").first()
    page.get_by_label("Thành phần hồ sơ").select_option(label=document.name)
    page.get_by_label("Tệp (PDF, JPEG, PNG)").set_input_files(str(forged))
    page.get_by_role("button", name="Tải lên").click()

    error = page.get_by_text("không phải là tệp PDF, JPEG hoặc PNG")
    expect(error).to_be_visible()
    expect(error).to_contain_text("ban-ve.pdf")
    # The file input says which error belongs to it.
    expect(page.get_by_label("Tệp (PDF, JPEG, PNG)")).to_have_attribute("aria-invalid", "true")
    for row in w.procedure.documents.all():
        expect(page.get_by_role("row", name=re.compile(re.escape(row.name)))).to_contain_text("chưa có")
    expect(page.get_by_text("ban-ve.pdf", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Xóa tệp"))).to_have_count(0)
    a11y.check("upload-refused")
    page.shot("upload-refused")
    assert not DraftFile.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]  # nothing stored either
    a11y.assert_clean()
