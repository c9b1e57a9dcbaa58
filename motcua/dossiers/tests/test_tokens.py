"""Bearer tokens for the dossier API: issue, expiry, revocation, and the TOTP second factor."""

import datetime

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.directory.models import ApiToken
from motcua.directory.tokens import TOKEN_TTL

from .factories import build_dossier_world, clock_at, local_dt, walk_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_dossier_world()
    w.code = walk_in(w).code
    return w


def issue(client, username, password="x", **extra):
    return client.post("/api/v1/auth/token", {"username": username, "password": password, **extra},
                       content_type="application/json")


def detail(client, token, code):
    return client.get(f"/api/v1/dossiers/{code}", HTTP_AUTHORIZATION=f"Bearer {token}")


def assert_refused(response, code):
    assert response.status_code == 401, response.content
    assert response.json()["code"] == code and response.json()["message"]


def test_the_right_password_gets_a_token_that_opens_the_api(client, world):
    r = issue(client, "desk_s")
    assert r.status_code == 200, r.content
    token = r.json()["token"]
    assert r.json()["token_type"] == "Bearer"
    assert detail(client, token, world.code).status_code == 200
    # Only a digest is kept: a copy of the table gives nobody a usable token.
    assert not ApiToken.objects.filter(digest=token).exists()


@pytest.mark.parametrize(("username", "password"), [("desk_s", "sai"), ("khong_co", "x"), ("desk_s", "")])
def test_a_wrong_password_or_unknown_user_is_401(client, world, username, password):
    r = issue(client, username, password)
    assert_refused(r, "invalid_credentials")
    assert "token" not in r.json() and not ApiToken.objects.exists()


def test_an_inactive_account_gets_no_token_and_its_tokens_stop_working(client, world):
    token = issue(client, "desk_s").json()["token"]
    world.users["desk_s"].is_active = False
    world.users["desk_s"].save()
    assert_refused(issue(client, "desk_s"), "invalid_credentials")
    assert_refused(detail(client, token, world.code), "unauthenticated")


def test_a_token_expires(client, world):
    issued_at = local_dt(2026, 3, 2, 8, 0)
    with clock_at(issued_at) as clock:
        r = issue(client, "desk_s")
        token = r.json()["token"]
        assert datetime.datetime.fromisoformat(r.json()["expires_at"]) == issued_at + TOKEN_TTL
        clock.set(issued_at + TOKEN_TTL - datetime.timedelta(minutes=1))
        assert detail(client, token, world.code).status_code == 200
        clock.set(issued_at + TOKEN_TTL + datetime.timedelta(seconds=1))
        assert_refused(detail(client, token, world.code), "unauthenticated")
        # Signing in again is the way back.
        assert detail(client, issue(client, "desk_s").json()["token"], world.code).status_code == 200


def test_a_revoked_token_stops_working_and_only_that_one(client, world):
    token, other = issue(client, "desk_s").json()["token"], issue(client, "desk_s").json()["token"]
    r = client.post("/api/v1/auth/revoke", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 204
    assert_refused(detail(client, token, world.code), "unauthenticated")
    assert_refused(client.post("/api/v1/auth/revoke", HTTP_AUTHORIZATION=f"Bearer {token}"), "unauthenticated")
    assert detail(client, other, world.code).status_code == 200


class TestSecondFactor:
    @pytest.fixture
    def device(self, world):
        return TOTPDevice.objects.create(user=world.users["specialist_a"], name="điện thoại", confirmed=True)

    @staticmethod
    def code(device, drift=0) -> str:
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"

    def test_a_confirmed_device_requires_the_current_code(self, client, world, device):
        assert_refused(issue(client, "specialist_a"), "otp_required")
        current = self.code(device)
        r = issue(client, "specialist_a", otp=current)
        assert r.status_code == 200, r.content
        assert detail(client, r.json()["token"], world.code).status_code == 200
        # A code works once: replaying it (someone looking over a shoulder) is refused.
        assert_refused(issue(client, "specialist_a", otp=current), "invalid_otp")

    def test_a_wrong_code_is_refused(self, client, world, device):
        window = {self.code(device, drift) for drift in (-1, 0, 1)}
        wrong = next(c for c in ("000000", "123456", "999999") if c not in window)
        assert_refused(issue(client, "specialist_a", otp=wrong), "invalid_otp")
        assert not ApiToken.objects.exists()
        # The password is still checked first: a good code does not make up for a wrong password.
        assert_refused(issue(client, "specialist_a", password="sai", otp=self.code(device)), "invalid_credentials")

    def test_an_unconfirmed_device_does_not_ask_for_a_code(self, client, world):
        TOTPDevice.objects.create(user=world.users["specialist_a"], name="đang đăng ký", confirmed=False)
        assert issue(client, "specialist_a").status_code == 200
