"""Local accounts: sign-up with email or mobile, verification, sign-in, password reset, organisations."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import identify_hasher
from django.core.cache import cache

from motcua.citizens.models import CitizenKind, CitizenProfile, IdentitySource
from motcua.directory.models import User

pytestmark = pytest.mark.django_db
SIGNUP, LOGIN = "/tai-khoan/dang-ky/", "/tai-khoan/dang-nhap/"
PASSWORD = "mot-mat-khau-kho-doan-2025"


def signup(client, **fields):
    data = {"kind": "person", "full_name": "Lê Văn Dũng", "email": "", "phone": "",
            "password1": PASSWORD, "password2": PASSWORD, **fields}
    return client.post(SIGNUP, data)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_signup_page_is_vietnamese_and_accessible(client):
    page = client.get(SIGNUP).content.decode()
    for label in ("Họ và tên", "Thư điện tử", "Số điện thoại di động", "Mật khẩu", "Nhập lại mật khẩu",
                  "Mã số thuế", "Cá nhân", "Tổ chức, doanh nghiệp"):
        assert label in page
    for english in ("Password", "Email", "Phone", "Sign Up", "Username"):
        assert english not in page
    for name in ("full_name", "email", "phone", "password1", "password2", "tax_code"):
        assert f'<label for="id_{name}"' in page
    assert 'placeholder=' not in page
    # Errors are announced and tied to their fields.
    page = signup(client, email="khong-phai-email", password2="khac").content.decode()
    assert 'role="alert"' in page
    assert re.search(r'<input[^>]+name="email"[^>]+aria-describedby="[^"]*id_email_error', page)
    assert 'id="id_email_error"' in page
    assert "Hai lần nhập mật khẩu không giống nhau." in page


def test_signup_with_email_verification_then_login(client, mailoutbox, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = signup(client, email="Dung@Example.vn", full_name="Lê  Văn Dũng")
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/xac-minh-thu-dien-tu/"
    user = User.objects.get(email="dung@example.vn")
    assert user.full_name == "Lê Văn Dũng" and user.username.startswith("congdan.")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.citizen.kind == CitizenKind.PERSON and user.citizen.source == IdentitySource.LOCAL
    assert "_auth_user_id" not in client.session  # not until the address is verified
    (mail,) = mailoutbox
    assert mail.to == ["dung@example.vn"] and "Xác minh thư điện tử" in mail.subject
    link = link_in(mail)
    assert link.startswith(settings.PUBLIC_BASE_URL + "/tai-khoan/xac-minh-thu-dien-tu/")

    # Signing in before verifying only re-sends the mail.
    other = client.__class__()
    held = other.post(LOGIN, {"login": "dung@example.vn", "password": PASSWORD})
    assert held.status_code == 302 and held["Location"] == "/tai-khoan/xac-minh-thu-dien-tu/"
    assert "_auth_user_id" not in other.session

    path = link.removeprefix(settings.PUBLIC_BASE_URL)
    assert "Xác nhận" in client.get(path).content.decode()
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)  # same browser: signed in at once

    client.post("/tai-khoan/dang-xuat/")
    assert "_auth_user_id" not in client.session
    ok = client.post(LOGIN, {"login": "DUNG@example.vn", "password": PASSWORD, "next": "/tra-cuu"})
    assert ok.status_code == 302 and ok["Location"] == "/tra-cuu"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused_in_vietnamese(client, mailoutbox):
    signup(client, email="sai@example.vn")
    body = client.post(LOGIN, {"login": "sai@example.vn", "password": "nham"}).content.decode()
    assert re.search(r'role="alert"[^>]*>\s*<p>Thư điện tử hoặc mật khẩu không đúng.</p>', body)
    for name in ("login", "password"):
        assert f'<label for="id_{name}"' in body
    assert 'href="/tai-khoan/mat-khau/quen/"' in body


def test_password_reset(client, mailoutbox, settings):
    signup(client, email="quen@example.vn")
    EmailAddress.objects.filter(email="quen@example.vn").update(verified=True)
    mailoutbox.clear()
    sent = client.post("/tai-khoan/mat-khau/quen/", {"email": "quen@example.vn"})
    assert sent.status_code == 302 and sent["Location"] == "/tai-khoan/mat-khau/quen/da-gui/"
    (mail,) = mailoutbox
    assert "Đặt lại mật khẩu" in mail.subject
    link = link_in(mail)
    assert link.startswith(settings.PUBLIC_BASE_URL + "/tai-khoan/mat-khau/dat-lai/")
    form_page = client.get(link.removeprefix(settings.PUBLIC_BASE_URL), follow=True)
    assert "Mật khẩu mới" in form_page.content.decode()
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    mismatch = client.post(action, {"password1": "mat-khau-moi-2025!", "password2": "khac-han"})
    assert "Hai lần nhập mật khẩu không giống nhau." in mismatch.content.decode()
    done = client.post(action, {"password1": "mat-khau-moi-2025!", "password2": "mat-khau-moi-2025!"})
    assert done.status_code == 302 and done["Location"] == "/tai-khoan/mat-khau/dat-lai/xong/"
    assert client.post(LOGIN, {"login": "quen@example.vn", "password": PASSWORD}).status_code == 200
    assert client.post(LOGIN, {"login": "quen@example.vn", "password": "mat-khau-moi-2025!"}).status_code == 302
    # The link works once.
    assert "không hợp lệ" in client.get(link.removeprefix(settings.PUBLIC_BASE_URL), follow=True).content.decode()


def test_password_reset_for_an_unknown_address_says_the_same(client, mailoutbox):
    sent = client.post("/tai-khoan/mat-khau/quen/", {"email": "khong-co@example.vn"})
    assert sent.status_code == 302 and sent["Location"] == "/tai-khoan/mat-khau/quen/da-gui/"
    (mail,) = mailoutbox
    assert "Không có tài khoản" in mail.subject


def test_signup_with_a_mobile_number_only(client, sms, mailoutbox):
    response = signup(client, phone="+84 912 345 678")
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/xac-minh-so-dien-thoai/"
    user = User.objects.get(phone="0912345678")
    assert not user.citizen.phone_verified and "_auth_user_id" not in client.session
    (message,) = sms
    assert message["to"] == "0912345678"
    code = re.search(r"\b(\d{6})\b", message["text"]).group(1)
    page = client.get("/tai-khoan/xac-minh-so-dien-thoai/").content.decode()
    assert "0912345678" in page and "Mã xác minh" in page
    wrong = client.post("/tai-khoan/xac-minh-so-dien-thoai/", {"code": "000000" if code != "000000" else "111111"})
    assert "Mã xác minh không đúng." in wrong.content.decode()
    done = client.post("/tai-khoan/xac-minh-so-dien-thoai/", {"code": code})
    assert done.status_code == 302
    user.citizen.refresh_from_db()
    assert user.citizen.phone_verified and client.session["_auth_user_id"] == str(user.pk)
    assert mailoutbox == []

    client.post("/tai-khoan/dang-xuat/")
    for typed in ("0912 345 678", "84912345678"):
        ok = client.post(LOGIN, {"login": typed, "password": PASSWORD})
        assert ok.status_code == 302, ok.content.decode()[:400]
        assert client.session["_auth_user_id"] == str(user.pk)
        client.post("/tai-khoan/dang-xuat/")


def test_signup_needs_email_or_phone_and_a_real_mobile(client):
    body = signup(client).content.decode()
    assert "Cần có thư điện tử hoặc số điện thoại di động" in body
    body = signup(client, phone="0241234567").content.decode()  # a Hà Nội landline gets no SMS
    assert "Số điện thoại di động gồm 10 chữ số" in body
    assert not User.objects.exists()


def test_organisation_account_needs_a_valid_tax_code(client, mailoutbox):
    base = {"kind": "organisation", "organisation_name": "Công ty TNHH Xây dựng Sông Hồng",
            "email": "congty@example.vn", "full_name": "Phạm Minh Châu"}
    for bad in ("", "12345", "01012345678", "0101234567-01", "0101234567/001", "010123456A"):
        body = signup(client, **base, tax_code=bad).content.decode()
        assert "Mã số thuế" in body and 'id="id_tax_code_error"' in body, bad
    assert not User.objects.exists()
    assert signup(client, **base, tax_code=" 0101234567-001 ").status_code == 302
    profile = CitizenProfile.objects.get()
    assert profile.kind == CitizenKind.ORGANISATION and profile.tax_code == "0101234567-001"
    assert profile.organisation_name == "Công ty TNHH Xây dựng Sông Hồng"
    assert profile.user.full_name == "Phạm Minh Châu" and str(profile) == profile.organisation_name
    assert signup(client, **{**base, "email": "khac@example.vn"}, tax_code="0101234567").status_code == 302


def test_person_signup_ignores_organisation_fields(client, mailoutbox):
    signup(client, email="canhan@example.vn", organisation_name="X", tax_code="0101234567")
    profile = CitizenProfile.objects.get()
    assert profile.kind == CitizenKind.PERSON and profile.tax_code == "" and profile.organisation_name == ""


def test_signup_with_a_taken_email_does_not_say_so(client, mailoutbox, sms):
    signup(client, email="trung@example.vn")
    mailoutbox.clear()
    cache.clear()  # allauth sends one mail per address per 3 minutes; let them pass
    response = signup(client, email="trung@example.vn", full_name="Người khác")
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/xac-minh-thu-dien-tu/"
    assert User.objects.count() == 1
    (mail,) = mailoutbox
    assert "đã tồn tại" in mail.subject


def test_switched_off_local_accounts_refuse_and_hide_the_form(client, settings, mailoutbox):
    signup(client, email="truoc@example.vn")
    EmailAddress.objects.update(verified=True)
    settings.CITIZEN_LOCAL_ACCOUNTS = False
    page = client.get(LOGIN)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="password"' not in body and 'name="login"' not in body
    assert client.post(LOGIN, {"login": "truoc@example.vn", "password": PASSWORD}).status_code == 403
    assert "_auth_user_id" not in client.session
    assert client.get(SIGNUP).status_code == 403
    assert signup(client, email="moi@example.vn").status_code == 403
    assert client.get("/tai-khoan/mat-khau/quen/").status_code == 403
    assert client.post("/tai-khoan/mat-khau/quen/", {"email": "truoc@example.vn"}).status_code == 403
    assert User.objects.count() == 1
