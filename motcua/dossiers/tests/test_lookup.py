"""The public lookup: a status card without personal data; the timeline behind the last 4 digits."""

import pytest
from django.core.cache import cache

from motcua.dossiers import services
from motcua.dossiers.models import LookupGuard

from .factories import OWNER, build_dossier_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    cache.clear()
    w = build_dossier_world()
    return services.receive_walk_in(w.users["desk_s"], procedure=w.procedure, owner=OWNER)


def status(client, code, **params):
    return client.get(f"/api/v1/dossiers/{code}/status", params)


def test_status_card_has_no_personal_data(client, dossier):
    r = status(client, dossier.code)
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == 2 and body["procedure"].startswith("Cấp giấy phép xây dựng")
    assert body["timeline"] is None
    text = r.content.decode()
    for secret in (OWNER["name"], OWNER["phone"], OWNER["id_number"], OWNER["address"]):
        assert secret not in text and secret.encode("unicode_escape").decode() not in text


def test_unknown_code_is_404_json(client, dossier):
    r = status(client, "000.30.00.H99-990101-9999")
    assert r.status_code == 404
    assert r.json()["code"] == "dossier_not_found" and "Không tìm thấy" in r.json()["message"]


def test_timeline_with_last_four_digits_of_phone_or_id(client, dossier):
    by_phone = status(client, dossier.code, last4=OWNER["phone"][-4:]).json()
    by_id = status(client, dossier.code, last4=OWNER["id_number"][-4:]).json()
    assert [t["action"] for t in by_phone["timeline"]] == ["receive"]
    assert by_id["timeline"] == by_phone["timeline"]


def test_wrong_guesses_lock_the_dossier(client, dossier, settings):
    settings.LOOKUP_MAX_GUESSES = 3
    for _ in range(2):
        assert status(client, dossier.code, last4="0000").status_code == 403
    assert status(client, dossier.code, last4="0000").status_code == 403  # the third locks
    locked = status(client, dossier.code, last4=OWNER["phone"][-4:])
    assert locked.status_code == 429 and locked.json()["code"] == "too_many_guesses"
    # The status card alone stays available.
    assert status(client, dossier.code).status_code == 200
    assert LookupGuard.objects.get(dossier=dossier).locked_until is not None


def test_per_client_rate_limit_uses_the_address_behind_trusted_proxies(client, dossier, settings):
    settings.LOOKUP_RATE_PER_MINUTE = 3
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    first = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    second = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.8"}
    url = f"/api/v1/dossiers/{dossier.code}/status"
    assert [client.get(url, **first).status_code for _ in range(4)] == [200, 200, 200, 429]
    # Another citizen behind the same proxy is not blocked by the first one.
    assert client.get(url, **second).status_code == 200
    # A forged header from an untrusted address does not buy a new allowance.
    forged = {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
    assert [client.get(url, **forged).status_code for _ in range(4)][-1] == 429


def test_lookup_page(client, dossier):
    page = client.get("/tra-cuu", {"code": dossier.code}).content.decode()
    assert "Được tiếp nhận" in page and OWNER["name"] not in page
    page = client.get("/tra-cuu", {"code": dossier.code, "last4": OWNER["phone"][-4:]}).content.decode()
    assert "Tiến trình xử lý" in page
    missing = client.get("/tra-cuu", {"code": "KHONG-CO"})
    assert missing.status_code == 404 and "Không tìm thấy" in missing.content.decode()
