"""Officials see payment attempts only for dossiers they see, in the admin as everywhere."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from motcua.directory.permissions import VIEW, restrict
from motcua.payments.models import PaymentAttempt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("who", "sees"), [("desk_s", True), ("specialist_a", True), ("province_admin", True),
                                           ("citizen", True), ("specialist_b", False), ("leader_b", False)])
def test_attempts_follow_the_dossier_scope(world, attempt, who, sees):
    user = world.users[who]
    assert list(restrict(PaymentAttempt.objects.all(), user, VIEW)) == ([attempt] if sees else [])
    # The admin's list starts from the same restriction, and nothing there can change an attempt.
    request = RequestFactory().get("/admin/payments/paymentattempt/")
    request.user = user
    model_admin = site._registry[PaymentAttempt]
    assert list(model_admin.get_queryset(request)) == ([attempt] if sees else [])
    assert not model_admin.has_change_permission(request, attempt)
    assert not model_admin.has_delete_permission(request, attempt)
