"""One rating per dossier and stage, whatever the channel; ratings never change (model guard, and a
PostgreSQL trigger behind it)."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from motcua.core.errors import DomainError
from motcua.core.models import AppendOnlyError
from motcua.dossiers.tests.factories import drive, walk_in
from motcua.ratings import services
from motcua.ratings.models import Rating, RatingReason

pytestmark = pytest.mark.django_db


def test_a_second_rating_for_the_same_dossier_and_stage_is_refused(world):
    dossier = walk_in(world)
    first = services.rate(dossier, "reception", "satisfied", channel="qr", reasons=["huong-dan"])
    assert first.official == world.users["desk_s"]  # the official who received it, from the trail
    for channel in ("qr", "kiosk", "portal"):
        with pytest.raises(DomainError) as refused:
            services.rate(dossier, "reception", "unsatisfied", channel=channel)
        assert refused.value.code == "already_rated" and refused.value.status == 409
        assert "đã được đánh giá" in refused.value.message
    assert Rating.objects.get().level == "satisfied"


def test_reception_and_return_are_rated_separately(world):
    dossier = drive(world, 10)
    services.rate(dossier, "reception", "very_satisfied", channel="qr")
    returned = services.rate(dossier, "return", "unsatisfied", channel="portal")
    assert returned.official == world.users["desk_s"] and Rating.objects.count() == 2


def test_a_stage_not_reached_cannot_be_rated(world):
    with pytest.raises(DomainError) as refused:
        services.rate(walk_in(world), "return", "satisfied", channel="qr")
    assert refused.value.code == "stage_not_reached"


@pytest.mark.parametrize("kwargs, code", [
    ({"level": "great"}, "invalid_level"),
    ({"reasons": ["no-such-reason"]}, "unknown_reason"),
    ({"comment": "x" * 1001}, "comment_too_long"),
    ({"channel": "fax"}, "invalid_channel"),
    ({"stage": "processing"}, "invalid_stage"),
])
def test_bad_input_is_refused_and_nothing_is_written(world, kwargs, code):
    args = {"stage": "reception", "level": "satisfied", "channel": "qr", **kwargs}
    with pytest.raises(DomainError) as refused:
        services.rate(walk_in(world), args.pop("stage"), args.pop("level"), **args)
    assert refused.value.code == code and not Rating.objects.exists()


def test_ratings_are_append_only_in_the_model(world):
    rating = services.rate(walk_in(world), "reception", "satisfied", channel="qr", reasons=["thai-do"])
    rating.level = "unsatisfied"
    with pytest.raises(AppendOnlyError):
        rating.save()
    with pytest.raises(AppendOnlyError):
        rating.delete()
    with pytest.raises(AppendOnlyError):
        RatingReason.objects.get().delete()


@pytest.mark.postgres
def test_the_database_refuses_to_change_or_remove_a_rating(world):
    rating = services.rate(walk_in(world), "reception", "satisfied", channel="qr", reasons=["thai-do"])
    for sql in ["UPDATE ratings_rating SET level = 'very_satisfied' WHERE id = %s",
                "DELETE FROM ratings_rating WHERE id = %s",
                "DELETE FROM ratings_ratingreason WHERE rating_id = %s"]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [rating.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        Rating.objects.filter(pk=rating.pk).update(comment="sửa")
    assert Rating.objects.get().level == "satisfied"
