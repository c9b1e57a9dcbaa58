"""The permission matrix for the directory: every role × every agency, through `restrict`."""

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.directory.models import Agency, Desk, Role, User
from motcua.directory.permissions import CHANGE, VIEW, can, restrict, with_predecessors

from .world import build_world

pytestmark = pytest.mark.django_db

ALL_AGENCIES = {"P", "A", "B", "S", "D", "C1", "C2"}

# user → agencies they may change (viewing agencies is open to any official)
AGENCY_CHANGE = {
    "root": ALL_AGENCIES,
    "province_admin": ALL_AGENCIES,
    "supervisor": set(),
    "admin_a": {"A"},
    "admin_b": {"B"},
    # the successor's administrator inherits the dissolved district and commune
    "admin_c2": {"C2", "D", "C1"},
    # a role in a dissolved agency ended with it
    "admin_d": set(),
    "leader_a": set(),
    "head_a": set(),
    "specialist_a": set(),
    "specialist_b": set(),
    "desk_s": set(),
    "specialist_c1": set(),
    "nobody": set(),
}


@pytest.fixture
def world():
    return build_world()


def keys(world, queryset):
    by_pk = {agency.pk: key for key, agency in world.agencies.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize("username", sorted(AGENCY_CHANGE))
def test_agency_change_scope(world, username):
    user = world.users[username]
    assert keys(world, restrict(Agency.objects.all(), user, CHANGE)) == AGENCY_CHANGE[username]


@pytest.mark.parametrize("username", sorted(AGENCY_CHANGE))
def test_agency_view_scope(world, username):
    user = world.users[username]
    active_official = username not in {"nobody", "admin_d", "specialist_c1"}
    expected = ALL_AGENCIES if active_official else set()
    assert keys(world, restrict(Agency.objects.all(), user, VIEW)) == expected


def test_anonymous_sees_nothing(world):
    assert not restrict(Agency.objects.all(), AnonymousUser(), VIEW).exists()
    assert not restrict(User.objects.all(), AnonymousUser(), VIEW).exists()


def test_inactive_account_sees_nothing(world):
    user = world.users["province_admin"]
    user.is_active = False
    user.save()
    assert not restrict(Agency.objects.all(), User.objects.get(pk=user.pk), VIEW).exists()


def usernames(queryset):
    return set(queryset.values_list("username", flat=True))


def test_officials_visible_to_an_agency_admin_are_their_agency_and_themselves(world):
    assert usernames(restrict(User.objects.all(), world.users["admin_a"], VIEW)) == {
        "admin_a", "leader_a", "head_a", "specialist_a",
    }


def test_leader_sees_their_agency_officials_but_cannot_change_them(world):
    leader = world.users["leader_a"]
    assert "specialist_a" in usernames(restrict(User.objects.all(), leader, VIEW))
    assert "specialist_b" not in usernames(restrict(User.objects.all(), leader, VIEW))
    assert not restrict(User.objects.all(), leader, CHANGE).exists()


def test_specialist_sees_only_themselves(world):
    assert usernames(restrict(User.objects.all(), world.users["specialist_a"], VIEW)) == {"specialist_a"}


def test_successor_admin_manages_officials_of_dissolved_agencies(world):
    visible = usernames(restrict(User.objects.all(), world.users["admin_c2"], CHANGE))
    assert visible == {"admin_c2", "admin_d", "specialist_c1"}


def test_agency_admin_cannot_change_an_official_who_also_works_elsewhere(world):
    shared = world.users["specialist_b"]
    Role.objects.create(user=shared, agency=world.agencies["A"], kind="specialist")
    assert "specialist_b" not in usernames(restrict(User.objects.all(), world.users["admin_a"], CHANGE))
    assert "specialist_b" in usernames(restrict(User.objects.all(), world.users["admin_a"], VIEW))


def test_supervisor_reads_everything_and_changes_nothing(world):
    supervisor = world.users["supervisor"]
    assert restrict(User.objects.all(), supervisor, VIEW).count() == User.objects.count()
    assert restrict(Desk.objects.all(), supervisor, VIEW).count() == Desk.objects.count()
    for model in (Agency, User, Role, Desk):
        assert not restrict(model.objects.all(), supervisor, CHANGE).exists()


def test_desk_changes_belong_to_the_desk_agency_admin(world):
    desk = world.desks["C2"]
    assert can(world.users["admin_c2"], CHANGE, desk)
    assert not can(world.users["admin_a"], CHANGE, desk)
    assert can(world.users["desk_s"], VIEW, desk)


def test_unregistered_model_is_closed(world):
    from django.contrib.contenttypes.models import ContentType

    assert not restrict(ContentType.objects.all(), world.users["admin_a"], VIEW).exists()
    assert restrict(ContentType.objects.all(), world.users["province_admin"], VIEW).exists()


def test_predecessors_are_followed_transitively(world):
    a = world.agencies
    newer = Agency.objects.create(code="003.00.40.H99", name="Phường Mới Hơn", level=a["C2"].level, parent=a["P"])
    Agency.objects.filter(pk=a["C2"].pk).update(successor=newer, valid_to="2026-01-01")
    assert with_predecessors({newer.pk}) == {newer.pk, a["C2"].pk, a["D"].pk, a["C1"].pk}
    a["C1"].refresh_from_db()
    assert a["C1"].current_successor() == newer
