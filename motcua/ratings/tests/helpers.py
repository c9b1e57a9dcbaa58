"""The dossier test world plus what ratings need: counters, a second desk officer, the service
centre's own leader and administrator, the reasons, and a paired kiosk per counter."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.directory.models import Counter, Role, RoleKind, User
from motcua.dossiers.tests.factories import build_dossier_world, walk_in
from motcua.ratings import services, tokens
from motcua.ratings.models import Reason

REASONS = [("thai-do", "Thái độ, cách giao tiếp của công chức"), ("huong-dan", "Cách hướng dẫn, giải thích về hồ sơ"),
           ("thoi-gian-cho", "Thời gian chờ đợi tại quầy")]


def build_ratings_world():
    w = build_dossier_world()
    a, desk = w.agencies, w.desks["S"]
    w.counters = {n: Counter.objects.create(desk=desk, number=n) for n in (1, 2)}
    w.counters["C2"] = Counter.objects.create(desk=w.desks["C2"], number=1)
    for username, kind, agency, extra in [
        ("desk_s2", RoleKind.DESK_OFFICER, "S", {"desk": desk}),
        ("leader_s", RoleKind.AGENCY_LEADER, "S", {}),
        ("admin_s", RoleKind.AGENCY_ADMIN, "S", {}),
    ]:
        user = User.objects.create_user(username, password="x", full_name=username.replace("_", " ").title())
        Role.objects.create(user=user, agency=a[agency], kind=kind, **extra)
        w.users[username] = user
    for order, (code, text) in enumerate(REASONS):
        Reason.objects.get_or_create(code=code, defaults={"text": text, "order": order})
    cache.clear()  # rate-limit counters from an earlier test
    return w


def kiosk_client(w, counter_key=1, admin="admin_s") -> tuple[Client, object]:
    """A tablet paired with the counter through its one-time link, as a separate client."""
    device, raw = services.pair_device(w.users[admin], w.counters[counter_key], f"Máy quầy {counter_key}")
    tablet = Client()
    response = tablet.get(f"/kiosk/ghep/{raw}/")
    assert response.status_code == 302 and tokens.COOKIE_NAME in response.cookies
    device.refresh_from_db()
    return tablet, device


def received_at_counter(w, official="desk_s", counter_key=1, **kwargs):
    """A walk-in received by an official sitting at a counter (a prompt for that counter follows)."""
    services.start_session(w.users[official], w.counters[counter_key])
    return walk_in(w, actor=official, **kwargs)


@pytest.fixture
def world(db):
    return build_ratings_world()
