"""Rules inside the services that the journeys do not reach."""

import datetime

import pytest

from motcua.core.errors import DomainError
from motcua.directory.models import Role, RoleKind
from motcua.dossiers import services
from motcua.dossiers.services.processing import candidates

from .factories import OWNER, build_dossier_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_dossier_world()


def test_an_ended_role_does_not_make_an_official_eligible_through_a_role_elsewhere(world):
    dossier = services.receive_walk_in(world.users["desk_s"], procedure=world.procedure, owner=OWNER)
    moved = world.users["specialist_a2"]
    Role.objects.filter(user=moved).update(valid_to=datetime.date(2025, 6, 30))
    Role.objects.create(user=moved, agency=world.agencies["B"], kind=RoleKind.SPECIALIST)
    eligible = set(candidates(dossier, RoleKind.SPECIALIST).values_list("username", flat=True))
    assert eligible == {"specialist_a"}


def test_a_payment_reference_belongs_to_one_dossier(world):
    desk = world.users["desk_s"]
    first = services.receive_walk_in(desk, procedure=world.procedure, owner=OWNER)
    second = services.receive_walk_in(desk, procedure=world.procedure, owner=OWNER)
    payment = services.record_payment(first, desk, amount=75000, method="vnpay", reference="TXN-1")
    # A replayed callback for the same dossier records nothing new.
    assert services.record_payment(first, desk, amount=75000, method="vnpay", reference="TXN-1") == payment
    with pytest.raises(DomainError) as refused:
        services.record_payment(second, desk, amount=75000, method="vnpay", reference="TXN-1")
    assert refused.value.code == "payment_reference_used" and refused.value.status == 409
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.fee_paid, second.fee_paid) == (75000, 0)


def test_reform_supervisor_does_not_read_the_personal_data_access_log(world):
    from motcua.directory.permissions import restrict
    from motcua.dossiers.models import Dossier, PersonalDataAccess

    dossier = services.receive_walk_in(world.users["desk_s"], procedure=world.procedure, owner=OWNER)
    services.log_personal_data_access(dossier, world.users["specialist_a"], what="web:detail")
    assert not restrict(PersonalDataAccess.objects.all(), world.users["supervisor"]).exists()
    assert restrict(Dossier.objects.all(), world.users["supervisor"]).exists()
    assert restrict(PersonalDataAccess.objects.all(), world.users["province_admin"]).count() == 1
    assert restrict(PersonalDataAccess.objects.all(), world.users["admin_a"]).count() == 1


def test_a_step_action_from_a_stale_page_is_refused(world):
    desk, head = world.users["desk_s"], world.users["head_a"]
    dossier = services.receive_walk_in(desk, procedure=world.procedure, owner=OWNER)
    services.hand_over(dossier, desk, assignee=world.users["specialist_a"])
    services.next_step(dossier, head, expected_step=2)
    with pytest.raises(DomainError) as stale:
        services.next_step(dossier, head, expected_step=2)
    assert stale.value.code == "stale_step" and stale.value.status == 409
    dossier.refresh_from_db()
    assert dossier.current_step.order == 3
