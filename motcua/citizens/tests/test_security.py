"""Citizens' accounts beside the officials' sign-in: lockout, separate doors, no way into the back office."""

import re

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt

from motcua.citizens import services
from motcua.citizens.models import CitizenProfile
from motcua.directory.models import User

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
PASSWORD = "mot-mat-khau-kho-doan-2025"


@pytest.fixture
def citizen():
    user = User.objects.create_user("congdan.abc", email="an@example.vn", password=PASSWORD, full_name="Trần An")
    EmailAddress.objects.create(user=user, email="an@example.vn", verified=True, primary=True)
    CitizenProfile.objects.create(user=user)
    services.set_phone(user, "0987654321", verified=True)
    return user


def test_citizen_signs_in_with_email_or_phone(client, citizen):
    assert client.post(LOGIN, {"login": "an@example.vn", "password": PASSWORD}).status_code == 302
    client.post("/tai-khoan/dang-xuat/")
    assert client.post(LOGIN, {"login": "0987 654 321", "password": PASSWORD}).status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_axes_locks_a_citizen_out_after_repeated_wrong_passwords(client, citizen, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(LOGIN, {"login": "an@example.vn", "password": "sai"}).status_code == 200
    assert client.post(LOGIN, {"login": "an@example.vn", "password": "sai"}).status_code == 429
    locked = client.post(LOGIN, {"login": "an@example.vn", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Counted on the account, not on what was typed: the phone number is locked out too.
    assert client.post(LOGIN, {"login": "0987654321", "password": PASSWORD}).status_code == 429
    assert AccessAttempt.objects.get().username == citizen.username


def test_email_and_phone_failures_share_one_counter(client, citizen, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        login = "AN@example.vn" if i % 2 else "+84987654321"
        client.post(LOGIN, {"login": login, "password": "sai"})
    assert client.post(LOGIN, {"login": "an@example.vn", "password": PASSWORD}).status_code == 429


def test_success_resets_the_counter(client, citizen, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"login": "an@example.vn", "password": "sai"})
    assert client.post(LOGIN, {"login": "an@example.vn", "password": PASSWORD}).status_code == 302
    client.post("/tai-khoan/dang-xuat/")
    client.post(LOGIN, {"login": "an@example.vn", "password": "sai"})
    assert client.post(LOGIN, {"login": "an@example.vn", "password": PASSWORD}).status_code == 302


def test_unknown_accounts_are_locked_too(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"login": "ai-do@example.vn", "password": "sai"})
    assert client.post(LOGIN, {"login": "ai-do@example.vn", "password": "sai"}).status_code == 429


def test_citizen_lockout_does_not_touch_officials(client, citizen, settings):
    from motcua.directory.tests.world import build_world

    build_world()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"login": "an@example.vn", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "specialist_a", "password": "x"})
    assert response.status_code == 302


def test_citizen_cannot_reach_the_back_office_nor_the_admin(client, citizen):
    client.post(LOGIN, {"login": "an@example.vn", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(citizen.pk)
    for path in ("/can-bo/", "/can-bo/ho-so/", "/can-bo/tiep-nhan/", "/can-bo/ho-so/H99-250101-0001/"):
        response = client.get(path)
        assert response.status_code in (403, 404), path
        assert "Khu vực này dành cho cán bộ, công chức." in response.content.decode()
    admin = client.get("/admin/", follow=True)
    assert admin.redirect_chain[-1][0].startswith("/dang-nhap/")
    assert "Quản trị" not in admin.content.decode().split("<main", 1)[1][:200]
    # The officials' API takes a session too; restrict() leaves a citizen nothing to read.
    api = client.get("/api/v1/dossiers")
    assert api.status_code in (401, 403) or (api.status_code == 200 and api.json()["count"] == 0), api.content


def test_the_doors_stay_separate(client, citizen):
    from motcua.directory.tests.world import build_world

    world = build_world()
    # A citizen's email is no username at the officials' door.
    refused = client.post("/dang-nhap/", {"username": "an@example.vn", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    # An official's email and password do not open the citizens' door.
    official = world.users["specialist_a"]
    official.email = "chuyenvien@sxd.example.vn"
    official.save()
    body = client.post(LOGIN, {"login": "chuyenvien@sxd.example.vn", "password": "x"}).content.decode()
    assert "Thư điện tử hoặc mật khẩu không đúng." in body and "_auth_user_id" not in client.session
    # ... and a leader's TOTP still applies at the officials' door.
    response = client.post("/dang-nhap/", {"username": "leader_a", "password": "x"})
    assert response["Location"].startswith("/dang-nhap/dang-ky-xac-thuc/")


def test_pages_pass_a_strict_csp(client, settings):
    settings.VNEID_SERVER_URL, settings.VNEID_CLIENT_ID = "https://vneid.example", "motcua"
    for path in (LOGIN, "/tai-khoan/dang-ky/", "/tai-khoan/mat-khau/quen/", "/tai-khoan/oidc/vneid/login/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response["Content-Security-Policy"]
        body = response.content.decode()
        assert "<style" not in body and " style=" not in body, path
        assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", body)), path
        assert re.search(r"\son[a-z]+=", body) is None, path
