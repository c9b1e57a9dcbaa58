"""The trail cannot be rewritten, and every look at a dossier's personal data is logged."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from motcua.core.models import AppendOnlyError
from motcua.directory.permissions import VIEW, restrict
from motcua.dossiers.models import DossierEvent, PersonalDataAccess

from .factories import Api, build_dossier_world, drive

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_dossier_world()


@pytest.fixture
def dossier(world):
    return drive(world, 4)


def test_an_event_cannot_be_saved_again_or_deleted(dossier):
    event = dossier.events.order_by("pk").first()
    event.note = "sửa lại cho đẹp"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert DossierEvent.objects.get(pk=event.pk).note == ""
    assert dossier.events.count() == 2


def test_an_access_log_row_cannot_be_saved_again_or_deleted(world, dossier):
    row = PersonalDataAccess.objects.create(dossier=dossier, actor=world.users["desk_s"], action="view")
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["dossiers_dossierevent", "dossiers_personaldataaccess"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET note = 'đã sửa'", "DELETE FROM {table}"])
def test_the_database_refuses_to_change_the_trail(world, dossier, table, statement):
    PersonalDataAccess.objects.create(dossier=dossier, actor=world.users["desk_s"], action="view")
    model = DossierEvent if table == "dossiers_dossierevent" else PersonalDataAccess
    rows = list(model.objects.order_by("pk").values_list("pk", "note"))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table=table))
    # Nor through the ORM, which does not call the models' save() and delete().
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.all().update(note="đã sửa")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.all().delete()
    assert list(model.objects.order_by("pk").values_list("pk", "note")) == rows


def test_reading_a_dossier_is_logged_with_who_when_and_what(world, dossier):
    before = timezone.now()
    r = Api().get("specialist_a", f"/dossiers/{dossier.code}", meta={"REMOTE_ADDR": "10.1.2.3"})
    assert r.status_code == 200
    row = PersonalDataAccess.objects.get()
    assert (row.dossier_id, row.actor.username) == (dossier.pk, "specialist_a")
    assert before <= row.at <= timezone.now()
    assert row.channel == "api" and row.note == "api:detail" and row.client_address == "10.1.2.3"
    # Behind the reverse proxy, the log keeps the client's address, not the proxy's.
    Api().get("specialist_a", f"/dossiers/{dossier.code}",
              meta={"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"})
    assert PersonalDataAccess.objects.order_by("pk").last().client_address == "203.0.113.7"
    # Refused reads are not "accesses": nothing was shown.
    assert Api().get("specialist_b", f"/dossiers/{dossier.code}").status_code == 404
    assert PersonalDataAccess.objects.count() == 2


@pytest.mark.parametrize(
    ("reader", "sees"),
    [("admin_a", True), ("province_admin", True), ("admin_b", False), ("specialist_a", False),
     ("leader_a", False), ("desk_s", False), ("nobody", False)],
)
def test_administrators_read_the_access_log(world, dossier, reader, sees):
    """The competent agency's administrator and the province's read it; officials at work do not."""
    Api().get("specialist_a", f"/dossiers/{dossier.code}")
    Api().get("desk_s", f"/dossiers/{dossier.code}")
    visible = restrict(PersonalDataAccess.objects.all(), world.users[reader], VIEW)
    assert sorted(visible.values_list("actor__username", flat=True)) == (
        ["desk_s", "specialist_a"] if sees else []
    )
