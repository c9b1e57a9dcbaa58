"""The signed link on the receipt (QR) or on the portal: rate once, without an account; forged, expired
and reused links are refused."""

from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from motcua.dossiers.tests.factories import walk_in
from motcua.ratings import tokens
from motcua.ratings.models import Rating

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_the_link_is_absolute_from_the_public_base_url(world, settings):
    settings.PUBLIC_BASE_URL = "https://dichvucong.example.gov.vn/"
    url = tokens.rating_url("ABC-1", "reception")
    assert url.startswith("https://dichvucong.example.gov.vn/danh-gia/") and url.endswith("/")
    link = tokens.read_link_token(url.rstrip("/").rsplit("/", 1)[1])
    assert (link.code, link.stage, link.channel) == ("ABC-1", "reception", "qr")
    assert tokens.read_link_token(tokens.make_link_token("X", "return", "portal")).channel == "portal"


def test_a_citizen_rates_once_from_the_receipt(client, world):
    dossier = walk_in(world)
    path = path_of(tokens.rating_url(dossier.code, "reception"))
    page = client.get(path)
    html = page.content.decode()
    assert page.status_code == 200 and "khi hướng dẫn và tiếp nhận hồ sơ?" in html and "desk_s" in html
    assert dossier.code in html and "060090001234" not in html  # no personal data on a public page
    done = client.post(path, {"level": "unsatisfied", "reasons": ["thoi-gian-cho"], "comment": "Chờ lâu"})
    assert done.status_code == 200 and "Xin cảm ơn" in done.content.decode()
    rating = Rating.objects.get()
    assert (rating.channel, rating.level, rating.counter, rating.desk) == ("qr", "unsatisfied", None, world.desks["S"])

    again = client.post(path, {"level": "very_satisfied"})
    assert again.status_code == 409 and "đã được đánh giá" in again.content.decode()
    assert "đã được đánh giá" in client.get(path).content.decode()
    # The portal's link for the same dossier and stage is refused too: one rating per stage.
    portal = path_of(tokens.rating_url(dossier.code, "reception", "portal"))
    assert client.post(portal, {"level": "very_satisfied"}).status_code == 409
    assert Rating.objects.get().level == "unsatisfied"


def test_forged_links_are_refused(client, world):
    dossier = walk_in(world)
    token = tokens.make_link_token(dossier.code, "reception")
    other_salt = signing.dumps({"c": dossier.code, "s": "reception", "k": "q"}, salt="other", compress=True)
    for bad in [token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other_salt, "abc",
                tokens.make_link_token("NO-SUCH-CODE", "reception")]:
        r = client.post(f"/danh-gia/{bad}/", {"level": "very_satisfied"})
        assert r.status_code == 404 and "không hợp lệ" in r.content.decode()
    assert not Rating.objects.exists()


def test_expired_links_are_refused(client, world, settings):
    settings.RATINGS_QR_DAYS = 30
    dossier = walk_in(world)
    with time_machine.travel(timezone.now() - timezone.timedelta(days=31), tick=False):
        token = tokens.make_link_token(dossier.code, "reception")
    r = client.post(f"/danh-gia/{token}/", {"level": "very_satisfied"})
    assert r.status_code == 410 and "hết hạn" in r.content.decode()
    assert not Rating.objects.exists()


def test_a_stage_not_reached_yet_shows_a_message(client, world):
    dossier = walk_in(world)
    r = client.get(path_of(tokens.rating_url(dossier.code, "return")))
    assert r.status_code == 409 and "chưa qua khâu này" in r.content.decode()


def test_the_page_keeps_the_strict_policy(client, world):
    r = client.get(path_of(tokens.rating_url(walk_in(world).code, "reception")))
    policy = r["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<style" not in r.content.decode() and " style=" not in r.content.decode()
