"""A phone-only account gets a new password by SMS code (allauth resets by email only)."""

import re
import time

import pytest

from motcua.citizens import phone_reset, services
from motcua.citizens.models import CitizenKind
from motcua.directory.models import User

from .test_local import LOGIN, PASSWORD

pytestmark = pytest.mark.django_db
START, CONFIRM = "/tai-khoan/mat-khau/quen-so-dien-thoai/", "/tai-khoan/mat-khau/quen-so-dien-thoai/ma/"
NEW = "mat-khau-moi-that-kho-2026"
PHONE = "0912345678"


@pytest.fixture
def holder():
    user = User.objects.create_user(username="citizen-phone-1", password=PASSWORD, full_name="Lê Văn Dũng")
    services.open_local_account(user, kind=CitizenKind.PERSON, full_name="Lê Văn Dũng")
    services.set_phone(user, PHONE, verified=True)
    return user


def code_in(message) -> str:
    return re.search(r"\b(\d{6})\b", message["text"]).group(1)


def confirm(client, code, password=NEW, again=None):
    return client.post(CONFIRM, {"code": code, "password1": password, "password2": again or password})


def test_code_by_sms_sets_a_new_password_and_signs_in_with_it(client, holder, sms, django_capture_on_commit_callbacks):
    page = client.get("/tai-khoan/mat-khau/quen/").content.decode()
    assert START in page  # the email reset page points phone-only citizens here
    response = client.post(START, {"phone": "+84 912 345 678"})
    assert response.status_code == 302 and response["Location"] == CONFIRM
    (message,) = sms
    assert message["to"] == PHONE and "10 phút" in message["text"]
    assert PHONE in client.get(CONFIRM).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(client, code_in(message))
    assert done.status_code == 302 and done["Location"] == LOGIN
    assert "Đã đặt mật khẩu mới" in client.get(LOGIN).content.decode()
    assert sms[-1]["to"] == PHONE and "vừa được đặt lại" in sms[-1]["text"]

    assert client.post(LOGIN, {"login": PHONE, "password": PASSWORD}).status_code == 200  # old one refused
    ok = client.post(LOGIN, {"login": PHONE, "password": NEW})
    assert ok.status_code == 302 and client.session["_auth_user_id"] == str(holder.pk)
    # The code was used up with the flow: it does not set a password a second time.
    assert client.get(CONFIRM)["Location"] == START


def test_three_wrong_codes_end_the_flow(client, holder, sms):
    client.post(START, {"phone": PHONE})
    right = code_in(sms[0])
    wrong = "000000" if right != "000000" else "111111"
    assert "Còn 2 lần thử" in confirm(client, wrong).content.decode()
    assert "Còn 1 lần thử" in confirm(client, wrong).content.decode()
    ended = confirm(client, wrong)
    assert ended["Location"] == START
    assert "quá số lần cho phép" in client.get(START).content.decode()
    assert confirm(client, right)["Location"] == START  # the right code no longer helps
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_expired_code_is_refused(client, holder, sms, monkeypatch):
    client.post(START, {"phone": PHONE})
    later = time.time() + phone_reset.CODE_SECONDS + 1
    monkeypatch.setattr(phone_reset.time, "time", lambda: later)
    response = confirm(client, code_in(sms[0]))
    assert response["Location"] == START
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


@pytest.mark.parametrize("case", ["unknown", "unverified"])
def test_no_sms_for_an_unknown_or_unverified_number_but_the_same_answer(client, holder, sms, case):
    if case == "unverified":
        services.set_phone(holder, PHONE, verified=False)
    phone = "0987654321" if case == "unknown" else PHONE
    response = client.post(START, {"phone": phone})
    assert response.status_code == 302 and response["Location"] == CONFIRM
    assert sms == []
    assert "Còn 2 lần thử" in confirm(client, "123456").content.decode()
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_bad_number_and_mismatched_passwords_are_explained(client, holder, sms):
    assert "Số điện thoại di động không hợp lệ." in client.post(START, {"phone": "12345"}).content.decode()
    client.post(START, {"phone": PHONE})
    body = confirm(client, code_in(sms[0]), again="khac-hoan-toan-2026").content.decode()
    assert "Hai lần nhập mật khẩu không giống nhau." in body
    body = confirm(client, code_in(sms[0]), password="123").content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in body
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_codes_per_number_are_limited(client, holder, sms):
    for _ in range(phone_reset.PER_PHONE_HOUR):
        assert client.post(START, {"phone": PHONE}).status_code == 302
    refused = client.post(START, {"phone": PHONE})
    assert refused.status_code == 429 and "quá nhiều mã" in refused.content.decode()
    assert len(sms) == phone_reset.PER_PHONE_HOUR


def test_switched_off_local_accounts_refuse(client, holder, sms, settings):
    settings.CITIZEN_LOCAL_ACCOUNTS = False
    assert client.post(START, {"phone": PHONE}).status_code == 403
    assert sms == []


def test_a_reset_signs_the_account_out_elsewhere(client, holder, sms):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(holder)
    assert elsewhere.get("/ca-nhan/ho-so/").status_code == 200
    client.post(START, {"phone": PHONE})
    assert confirm(client, code_in(sms[0]))["Location"] == LOGIN
    after = elsewhere.get("/ca-nhan/ho-so/")
    assert after.status_code == 302 and "/dang-nhap/" in after["Location"]
