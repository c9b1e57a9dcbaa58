"""Pairing a tablet with a counter: by whom, once, before it expires; the cookie; revocation; forgeries."""

import datetime
import re

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from motcua.core.errors import DomainError
from motcua.directory.tests.signin import sign_in
from motcua.ratings import services, tokens
from motcua.ratings.models import KioskDevice

from .helpers import kiosk_client

pytestmark = pytest.mark.django_db


def test_the_pairing_page_is_a_tab_for_those_who_pair_tablets_only(world):
    admin, desk = Client(), Client()
    sign_in(admin, "admin_s")
    sign_in(desk, "desk_s")
    tab = 'href="/can-bo/may-danh-gia/"'
    assert tab in admin.get("/can-bo/danh-gia/").content.decode()
    assert tab in admin.get("/can-bo/may-danh-gia/").content.decode()
    page = desk.get("/can-bo/danh-gia/").content.decode()
    assert tab not in page
    assert page.count('href="/can-bo/quay/"') == 1  # the desk's counter tab, not a second copy under ratings


def test_an_administrator_pairs_a_tablet_through_the_page_and_the_link_works_once(client, world):
    sign_in(client, "admin_s")
    r = client.post("/can-bo/may-danh-gia/", {"counter": world.counters[1].pk, "name": "Máy tính bảng quầy 1"})
    html = r.content.decode()
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    link = re.search(r'id="pairing-link">([^<]+)<', html).group(1)
    assert link.startswith("http://127.0.0.1:8000/kiosk/ghep/") or link.startswith("http")
    raw = link.rstrip("/").rsplit("/", 1)[1]
    device = KioskDevice.objects.get()
    assert device.token_digest == tokens.digest(raw) and raw not in device.token_digest  # only the digest kept
    assert raw not in client.get("/can-bo/may-danh-gia/").content.decode()  # shown once

    tablet = Client()
    paired = tablet.get(f"/kiosk/ghep/{raw}/")
    assert paired.status_code == 302 and paired["Location"] == "/kiosk/"
    cookie = paired.cookies[tokens.COOKIE_NAME]
    assert cookie["httponly"] and int(cookie["max-age"]) > 365 * 24 * 3600
    idle = tablet.get("/kiosk/")
    assert idle.status_code == 200 and "Quầy số 1" in idle.content.decode() and 'hx-trigger="every 2s"' in idle.content.decode()

    again = Client().get(f"/kiosk/ghep/{raw}/")
    assert again.status_code == 410 and "đã được dùng" in again.content.decode()
    assert tokens.COOKIE_NAME not in again.cookies


def test_expired_and_forged_pairing_links_are_refused(world):
    device, raw = services.pair_device(world.users["admin_s"], world.counters[1], "")
    assert device.name == "Máy đánh giá quầy 1"
    KioskDevice.objects.filter(pk=device.pk).update(token_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert Client().get(f"/kiosk/ghep/{raw}/").status_code == 410
    assert Client().get(f"/kiosk/ghep/{tokens.new_secret()}/").status_code == 404
    with pytest.raises(DomainError) as refused:
        services.open_pairing(raw)
    assert refused.value.code == "pairing_expired"


def test_forged_or_stale_cookies_do_not_make_a_kiosk(world):
    tablet, device = kiosk_client(world)
    assert tablet.get("/kiosk/").status_code == 200
    # Unsigned, signed with the wrong salt, or naming the device with a wrong secret.
    for value in [f"{device.pk}:whatever",
                  signing.get_cookie_signer(salt="other").sign(f"{device.pk}:x"),
                  signing.get_cookie_signer(salt=tokens.COOKIE_SALT + tokens.COOKIE_NAME).sign(f"{device.pk}:x")]:
        forged = Client()
        forged.cookies[tokens.COOKIE_NAME] = value
        assert forged.get("/kiosk/").status_code == 403
        assert "chưa được ghép" in forged.get("/kiosk/man-hinh/").content.decode()


def test_revoking_ends_the_tablets_cookie_at_once(client, world):
    tablet, device = kiosk_client(world)
    sign_in(client, "admin_s")
    assert client.post(f"/can-bo/may-danh-gia/{device.pk}/thu-hoi/").status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None and device.revoked_by == world.users["admin_s"]
    assert tablet.get("/kiosk/").status_code == 403
    assert "chưa được ghép" in tablet.get("/kiosk/man-hinh/").content.decode()


@pytest.mark.parametrize("who, may", [("admin_s", True), ("root", True), ("province_admin", True),
                                      ("admin_a", False), ("leader_s", False), ("desk_s", False),
                                      ("supervisor", False)])
def test_who_may_pair_and_revoke(world, who, may):
    counter = world.counters[1]
    if may:
        device, _raw = services.pair_device(world.users[who], counter, "x")
        assert services.revoke_device(world.users[who], device).revoked_at is not None
        return
    with pytest.raises(DomainError) as refused:
        services.pair_device(world.users[who], counter, "x")
    assert refused.value.code == "not_permitted"
    device, _raw = services.pair_device(world.users["admin_s"], counter, "x")
    with pytest.raises(DomainError):
        services.revoke_device(world.users[who], device)


@pytest.mark.parametrize("who, status", [("admin_s", 200), ("province_admin", 200), ("supervisor", 200),
                                         ("admin_a", 404), ("desk_s", 404), ("leader_a", 404), ("citizen", 404)])
def test_the_devices_page_by_role(client, world, who, status):
    device, _raw = services.pair_device(world.users["admin_s"], world.counters[1], "Máy quầy một")
    sign_in(client, who)
    page = client.get("/can-bo/may-danh-gia/")
    assert page.status_code == status
    assert ("Máy quầy một" in page.content.decode()) == (status == 200)
    # An agency administrator elsewhere (no desk of their own) can neither revoke nor pair S's counters.
    if who == "admin_a":
        assert client.post(f"/can-bo/may-danh-gia/{device.pk}/thu-hoi/").status_code == 404
        assert client.post("/can-bo/may-danh-gia/", {"counter": world.counters[1].pk}).status_code == 404
        assert KioskDevice.objects.count() == 1
