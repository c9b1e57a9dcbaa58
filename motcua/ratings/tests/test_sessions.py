"""Counter sessions: one open per counter and per official (service and database), the back-office page,
the walk-in page recording the counter, and leaving the counter on sign-out."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core.errors import DomainError
from motcua.directory.tests.signin import sign_in
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.test_pages_walk_in import walk_in_post
from motcua.ratings import services
from motcua.ratings.models import CounterSession

pytestmark = pytest.mark.django_db


def test_an_official_sits_at_one_counter_and_a_counter_holds_one_official(world):
    u, c = world.users, world.counters
    first = services.start_session(u["desk_s"], c[1])
    assert services.start_session(u["desk_s"], c[1]).pk == first.pk  # a second click changes nothing
    with pytest.raises(DomainError) as taken:
        services.start_session(u["desk_s2"], c[1])
    assert taken.value.code == "counter_taken" and taken.value.status == 409 and "desk_s" in taken.value.message
    moved = services.start_session(u["desk_s"], c[2])
    first.refresh_from_db()
    assert first.ended_at is not None and moved.counter == c[2]
    assert services.start_session(u["desk_s2"], c[1]).counter == c[1]
    assert services.end_session(u["desk_s"]) == 1 and services.open_session(u["desk_s"]) is None


def test_the_database_refuses_a_second_open_session(world):
    u, c = world.users, world.counters
    CounterSession.objects.create(counter=c[1], official=u["desk_s"])
    with pytest.raises(IntegrityError), transaction.atomic():
        CounterSession.objects.create(counter=c[1], official=u["desk_s2"])
    with pytest.raises(IntegrityError), transaction.atomic():
        CounterSession.objects.create(counter=c[2], official=u["desk_s"])
    CounterSession.objects.create(counter=c[2], official=u["desk_s"], ended_at=timezone.now() + datetime.timedelta(1))


def test_only_the_counters_of_ones_own_desk(world):
    with pytest.raises(DomainError) as refused:
        services.start_session(world.users["desk_s"], world.counters["C2"])
    assert refused.value.code == "not_your_counter"
    with pytest.raises(DomainError):
        services.start_session(world.users["specialist_a"], world.counters[1])


def test_a_session_forgotten_yesterday_neither_counts_nor_blocks_the_counter(world):
    u, c = world.users, world.counters
    yesterday = timezone.now() - datetime.timedelta(days=1, hours=1)
    CounterSession.objects.create(counter=c[1], official=u["desk_s"], started_at=yesterday)
    assert services.open_session(u["desk_s"]) is None
    assert services.start_session(u["desk_s2"], c[1]).official == u["desk_s2"]
    assert not CounterSession.objects.filter(official=u["desk_s"], ended_at__isnull=True).exists()


def test_the_counter_page_picks_and_leaves_a_counter(client, world):
    sign_in(client, "desk_s")
    page = client.get("/can-bo/quay/")
    html = page.content.decode()
    assert page.status_code == 200 and "Quầy làm việc" in html
    # The desk is named once, above its counters, not on every line.
    desk = world.desks["S"].name
    assert html.count(desk) == 1 and f"Các quầy của {desk}" in html
    assert re.search(rf'value="{world.counters[1].pk}">\s*Quầy 1\s*<', html)
    r = client.post("/can-bo/quay/", {"action": "start", "counter": world.counters[2].pk}, follow=True)
    assert "Bạn đang làm việc tại" in r.content.decode()
    assert services.open_session(world.users["desk_s"]).counter == world.counters[2]
    # Another desk's counter is not offered and not taken.
    client.post("/can-bo/quay/", {"action": "start", "counter": world.counters["C2"].pk})
    assert services.open_session(world.users["desk_s"]).counter == world.counters[2]
    client.post("/can-bo/quay/", {"action": "leave"})
    assert services.open_session(world.users["desk_s"]) is None


@pytest.mark.parametrize("who, status", [("specialist_a", 403), ("leader_a", 403), ("citizen", 403)])
def test_the_counter_page_is_for_desk_officers(client, world, who, status):
    sign_in(client, who)
    assert client.get("/can-bo/quay/").status_code == status


def test_signing_out_leaves_the_counter(client, world):
    sign_in(client, "desk_s")
    client.post("/can-bo/quay/", {"action": "start", "counter": world.counters[1].pk})
    client.post("/dang-xuat/")
    assert services.open_session(world.users["desk_s"]) is None


def test_the_walk_in_page_records_the_officers_counter(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_in(client, "desk_s")
    client.post("/can-bo/quay/", {"action": "start", "counter": world.counters[2].pk})
    r = client.post(f"/can-bo/tiep-nhan/?procedure={world.procedure.code}", walk_in_post(world))
    assert r.status_code == 302, r.content.decode()[:500]
    assert Dossier.objects.get().counter == world.counters[2]
