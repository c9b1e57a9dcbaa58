"""A dossier action by an official at a counter writes a prompt; that counter's kiosk shows it, takes the
rating, thanks the citizen and goes back to idle. Out of scope or out of time: no prompt, no screen."""

import datetime

import pytest
from django.utils import timezone

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import clock_at, drive, walk_in
from motcua.ratings import services
from motcua.ratings.models import Rating, RatingPrompt

from .helpers import kiosk_client, received_at_counter

pytestmark = pytest.mark.django_db
QUESTION = "Ông/Bà đánh giá như thế nào về thái độ công chức khi hướng dẫn và tiếp nhận hồ sơ?"
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_reception_at_a_counter_shows_the_rating_screen_on_that_kiosk(world):
    tablet, _device = kiosk_client(world, 1)
    other, _ = kiosk_client(world, 2)
    assert tablet.get("/kiosk/man-hinh/", **HTMX).status_code == 204  # idle: nothing to swap
    dossier = received_at_counter(world, "desk_s", 1)
    prompt = RatingPrompt.objects.get()
    assert (prompt.counter, prompt.dossier, prompt.stage, prompt.official) == (
        world.counters[1], dossier, "reception", world.users["desk_s"])
    screen = tablet.get("/kiosk/man-hinh/", **HTMX)
    html = screen.content.decode()
    assert screen.status_code == 200 and "<html" not in html
    assert QUESTION in html and "desk_s" in html and dossier.code in html
    for label in ("Rất hài lòng", "Hài lòng", "Không hài lòng"):
        assert f">{label}</button>" in html
    assert 'name="reasons"' in html and 'name="comment"' in html
    assert other.get("/kiosk/man-hinh/", **HTMX).status_code == 204  # the next counter's tablet stays idle
    # Loaded as a page (the tablet reloads), the kiosk opens on the same screen.
    assert QUESTION in tablet.get("/kiosk/").content.decode()

    thanks = tablet.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "very_satisfied", "reasons": ["thai-do"],
                                                            "comment": "  Cán bộ nhiệt tình  "}, **HTMX)
    assert thanks.status_code == 200 and "Xin cảm ơn" in thanks.content.decode()
    assert 'hx-trigger="load delay:5s"' in thanks.content.decode()
    rating = Rating.objects.get()
    assert (rating.level, rating.channel, rating.counter, rating.desk, rating.agency, rating.official) == (
        "very_satisfied", "kiosk", world.counters[1], world.desks["S"], world.agencies["A"], world.users["desk_s"])
    assert rating.comment == "Cán bộ nhiệt tình" and [r.code for r in rating.reasons.all()] == ["thai-do"]
    assert tablet.get("/kiosk/man-hinh/", **HTMX).status_code == 204  # answered: idle again
    idle = tablet.get("/kiosk/cho/", **HTMX).content.decode()
    assert 'hx-trigger="every 2s"' in idle


def test_the_same_prompt_cannot_be_answered_twice(world):
    tablet, _ = kiosk_client(world)
    received_at_counter(world)
    prompt = RatingPrompt.objects.get()
    assert tablet.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "satisfied"}, **HTMX).status_code == 200
    again = tablet.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "unsatisfied"}, **HTMX)
    assert again.status_code == 409 and Rating.objects.get().level == "satisfied"
    assert "đã được đánh giá" in again.content.decode()  # not "expired": the citizen did rate


def test_a_level_is_required(world):
    tablet, _ = kiosk_client(world)
    received_at_counter(world)
    prompt = RatingPrompt.objects.get()
    r = tablet.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "bogus"}, **HTMX)
    assert r.status_code == 422 and "Hãy chọn một mức độ hài lòng" in r.content.decode()
    assert not Rating.objects.exists()


def test_a_tablet_cannot_answer_another_counters_prompt(world):
    other, _ = kiosk_client(world, 2)
    received_at_counter(world, counter_key=1)
    prompt = RatingPrompt.objects.get()
    assert other.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "unsatisfied"}, **HTMX).status_code == 410
    assert not Rating.objects.exists()


def test_a_procedure_outside_the_pilot_creates_no_prompt_unless_all_are_rated(world, settings):
    world.procedure.in_rating_pilot = False
    world.procedure.save()
    tablet, _ = kiosk_client(world)
    received_at_counter(world)
    assert not RatingPrompt.objects.exists()
    assert tablet.get("/kiosk/man-hinh/", **HTMX).status_code == 204
    settings.RATINGS_ALL_PROCEDURES = True
    walk_in(world)
    assert RatingPrompt.objects.count() == 1


def test_no_counter_session_no_prompt(world):
    walk_in(world)
    services.start_session(world.users["desk_s"], world.counters[1])
    services.end_session(world.users["desk_s"])
    walk_in(world)
    assert not RatingPrompt.objects.exists()


def test_prompts_expire_after_a_few_minutes(world, settings):
    settings.RATINGS_PROMPT_MINUTES = 5
    tablet, _ = kiosk_client(world)
    services.start_session(world.users["desk_s"], world.counters[1])
    start = timezone.now()
    with clock_at(start - datetime.timedelta(minutes=6)):
        walk_in(world)
    assert RatingPrompt.objects.count() == 1
    assert tablet.get("/kiosk/man-hinh/", **HTMX).status_code == 204
    prompt = RatingPrompt.objects.get()
    assert tablet.post(f"/kiosk/danh-gia/{prompt.pk}/", {"level": "satisfied"}, **HTMX).status_code == 410


def test_handing_over_the_result_asks_about_the_return(world):
    tablet, _ = kiosk_client(world)
    dossier = drive(world, 9)
    assert not RatingPrompt.objects.exists()  # received before the official sat at the counter
    services.start_session(world.users["desk_s"], world.counters[1])
    dossier_services.return_result(dossier, world.users["desk_s"])
    prompt = RatingPrompt.objects.get()
    assert prompt.stage == "return"
    html = tablet.get("/kiosk/man-hinh/", **HTMX).content.decode()
    assert "khi trả kết quả giải quyết hồ sơ?" in html


def test_a_result_sent_by_post_asks_nobody(world):
    dossier = drive(world, 9)
    services.start_session(world.users["desk_s"], world.counters[1])
    dossier_services.return_result(dossier, world.users["desk_s"], method="download")
    assert not RatingPrompt.objects.exists()


def test_the_newest_prompt_wins_and_an_already_rated_one_is_skipped(world):
    tablet, _ = kiosk_client(world)
    first = received_at_counter(world)
    second = walk_in(world)
    html = tablet.get("/kiosk/man-hinh/", **HTMX).content.decode()
    assert second.code in html and first.code not in html
    services.rate(second, "reception", "satisfied", channel="qr")
    html = tablet.get("/kiosk/man-hinh/", **HTMX).content.decode()
    assert first.code in html
