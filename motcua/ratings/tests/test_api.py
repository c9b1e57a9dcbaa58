"""The ratings API: a rating screen and a rating by the signed link (no account), with the page's
refusals as JSON codes; the satisfaction summary within each official's scope."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from motcua.dossiers.tests.factories import Api, walk_in
from motcua.ratings import services, tokens
from motcua.ratings.models import Rating

pytestmark = pytest.mark.django_db


def link_path(code: str, stage="reception", channel="qr") -> str:
    return "/ratings/links/" + urlsplit(tokens.rating_url(code, stage, channel)).path.rstrip("/").rsplit("/", 1)[1]


def test_a_citizen_app_shows_the_screen_then_rates_once(world):
    api = Api()
    dossier = walk_in(world)
    path = link_path(dossier.code)
    screen = api.get(None, path)
    assert screen.status_code == 200
    body = screen.json()
    assert body["dossier"] == dossier.code and body["stage"] == "reception" and body["rated"] is False
    assert body["question"].endswith("khi hướng dẫn và tiếp nhận hồ sơ?")
    assert [lv["label"] for lv in body["levels"]] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    assert "thoi-gian-cho" in {r["code"] for r in body["reasons"]}
    assert body["official"] == str(world.users["desk_s"])
    assert "060090001234" not in screen.content.decode()  # no personal data for an anonymous caller

    done = api.post(None, path, {"level": "unsatisfied", "reasons": ["thoi-gian-cho"], "comment": "Chờ lâu"})
    assert done.status_code == 201 and done.json()["level"] == "unsatisfied" and done.json()["channel"] == "qr"
    rating = Rating.objects.get()
    assert (rating.official, rating.comment, [r.code for r in rating.reasons.all()]) == (
        world.users["desk_s"], "Chờ lâu", ["thoi-gian-cho"])
    assert api.get(None, path).json()["rated"] is True

    # The same stage through the portal's link: refused, and the first rating stands.
    again = api.post(None, link_path(dossier.code, channel="portal"), {"level": "very_satisfied"})
    assert again.status_code == 409 and again.json()["code"] == "already_rated"
    assert "đã được đánh giá" in again.json()["message"]
    assert Rating.objects.get().level == "unsatisfied"


def test_bad_input_is_refused_with_a_code_and_nothing_is_written(world):
    api = Api()
    path = link_path(walk_in(world).code)
    for body, code in [({"level": "great"}, "invalid_level"), ({"level": "satisfied", "reasons": ["nope"]},
                       "unknown_reason"), ({"level": "satisfied", "comment": "x" * 1001}, "comment_too_long")]:
        r = api.post(None, path, body)
        assert (r.status_code, r.json()["code"]) == (422, code), body
        assert r.json()["message"]  # a sentence in Vietnamese for the app to show
    missing = api.post(None, path, {})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    assert not Rating.objects.exists()


def test_forged_expired_and_unreached_links(world):
    api = Api()
    dossier = walk_in(world)
    good = link_path(dossier.code)
    forged = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    for path in (forged, "/ratings/links/abc", link_path("NO-SUCH-CODE")):
        r = api.post(None, path, {"level": "satisfied"})
        assert (r.status_code, r.json()["code"]) == (404, "link_invalid")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        r = api.get(None, good)
        assert (r.status_code, r.json()["code"]) == (410, "link_expired")
    # The result has not been handed over yet: there is nobody to rate for that stage.
    r = api.get(None, link_path(dossier.code, stage="return"))
    assert (r.status_code, r.json()["code"]) == (409, "stage_not_reached")
    assert not Rating.objects.exists()


def test_one_client_is_limited_like_on_the_page(world, settings):
    settings.RATINGS_IP_RATE_PER_MINUTE = 3
    cache.clear()
    api = Api()
    path = link_path(walk_in(world).code)
    answers = [api.get(None, path, meta={"REMOTE_ADDR": "203.0.113.9"}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    r = api.get(None, path, meta={"REMOTE_ADDR": "203.0.113.9"})
    assert r.json()["code"] == "rate_limited" and "thử lại" in r.json()["message"]
    assert api.get(None, path, meta={"REMOTE_ADDR": "203.0.113.10"}).status_code == 200
    cache.clear()


@pytest.fixture
def rated(world):
    d1 = walk_in(world, actor="desk_s")
    d2 = walk_in(world, actor="desk_s")
    services.rate(d1, "reception", "very_satisfied", channel="kiosk", reasons=["thai-do"], counter=world.counters[1])
    services.rate(d2, "reception", "unsatisfied", channel="qr", reasons=["thoi-gian-cho", "thai-do"])
    return world


def test_the_summary_counts_and_shares_within_the_callers_scope(rated):
    api = Api()
    w = rated
    mine = api.get("desk_s", "/ratings/summary")
    assert mine.status_code == 200
    body = mine.json()
    assert body["by"] == "official" and body["total"]["total"] == 2
    assert body["total"]["counts"] == {"very_satisfied": 1, "satisfied": 0, "unsatisfied": 1}
    assert body["total"]["shares"]["unsatisfied"] == 50.0
    (group,) = body["groups"]
    assert group["key"] == w.users["desk_s"].pk and group["top_reasons"][0] == ["Thái độ, cách giao tiếp của công chức", 2]

    by_counter = api.get("leader_s", "/ratings/summary", by="counter").json()
    assert sorted(g["total"] for g in by_counter["groups"]) == [1, 1]  # one at counter 1, one without a counter
    assert api.get("supervisor", "/ratings/summary", by="agency").json()["total"]["total"] == 2
    # A leader of another agency sees none, and cannot name this one.
    assert api.get("leader_b", "/ratings/summary").json()["total"]["total"] == 0
    out = api.get("leader_b", "/ratings/summary", agency=w.agencies["S"].pk)
    assert (out.status_code, out.json()["code"]) == (404, "not_found")


def test_the_summary_refuses_citizens_strangers_and_bad_dates(rated):
    api = Api()
    assert api.get(None, "/ratings/summary").status_code == 401
    citizen = api.get("citizen", "/ratings/summary")
    assert (citizen.status_code, citizen.json()["code"]) == (403, "forbidden")
    bad = api.get("supervisor", "/ratings/summary", date_from="2026-05-01", date_to="2026-01-01")
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_filter")
    assert bad.json()["message"] == "Ngày bắt đầu phải trước ngày kết thúc."
    assert api.get("supervisor", "/ratings/summary", date_from="hôm qua").status_code == 422
