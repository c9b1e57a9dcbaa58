"""Abuse limits: ratings per kiosk device, the kiosk's polling, and the public page per client address
(behind the province's proxies, the address the trusted proxy saw)."""

import pytest
from django.test import Client

from motcua.dossiers.tests.factories import walk_in
from motcua.ratings import tokens
from motcua.ratings.models import Rating, RatingPrompt

from .helpers import kiosk_client, received_at_counter

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_ratings_per_device_are_limited(world, settings):
    settings.RATINGS_DEVICE_RATE_PER_MINUTE = 2
    tablet, _ = kiosk_client(world)
    received_at_counter(world)
    statuses = []
    for _ in range(3):
        prompt = RatingPrompt.objects.order_by("-pk").first()
        statuses.append(tablet.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "satisfied"}, **HTMX).status_code)
        walk_in(world)
    assert statuses == [200, 200, 429] and Rating.objects.count() == 2
    # Another tablet has its own budget.
    other, _ = kiosk_client(world, 2)
    assert other.post("/kiosk/danh-gia/999999/", {"level": "satisfied"}, **HTMX).status_code == 410


def test_polling_is_limited_per_device(world, settings):
    settings.RATINGS_DEVICE_POLL_PER_MINUTE = 3
    tablet, _ = kiosk_client(world)
    assert [tablet.get("/kiosk/man-hinh/", **HTMX).status_code for _ in range(4)] == [204, 204, 204, 429]


def test_the_public_page_is_limited_per_client_address(world, settings):
    settings.RATINGS_IP_RATE_PER_MINUTE = 3
    path = "/danh-gia/" + tokens.make_link_token(walk_in(world).code, "reception") + "/"
    via_proxy = Client(REMOTE_ADDR="127.0.0.1")
    first = [via_proxy.get(path, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code for _ in range(4)]
    assert first == [200, 200, 200, 429]
    refused = via_proxy.post(path, {"level": "satisfied"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert refused.status_code == 429 and "thử lại sau" in refused.content.decode()
    # Another citizen behind the same proxy is counted apart, and is served.
    assert via_proxy.post(path, {"level": "satisfied"}, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200
    # An untrusted sender cannot pick an address with the header: it is counted by its own address.
    direct = Client(REMOTE_ADDR="198.51.100.9")
    codes = [direct.get(path, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(4)]
    assert codes[-1] == 429


def test_pairing_links_are_limited_per_client_address(world, settings):
    settings.RATINGS_IP_RATE_PER_MINUTE = 2
    guesser = Client(REMOTE_ADDR="198.51.100.20")
    codes = [guesser.get(f"/kiosk/ghep/{tokens.new_secret()}/").status_code for _ in range(3)]
    assert codes == [404, 404, 429]
