"""Results by post: sent with a tracking number, handed over (9 → 10) only on the post's delivery report."""

import io

import pytest
from django.core.management import call_command

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.workflow import Status

from .factories import build_dossier_world, drive

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready():
    w = build_dossier_world()
    return w, drive(w, Status.RESULT_READY)


def test_sent_by_post_then_delivered_by_the_post_report(ready, tmp_path):
    w, d = ready
    shipment = services.send_by_post(d, w.users["desk_s"], tracking_number="eb123456789vn", address="Thôn 2, xã Mới")
    d.refresh_from_db()
    assert d.status == Status.RESULT_READY and d.return_method == "post" and shipment.tracking_number == "EB123456789VN"
    report = tmp_path / "vnpost.csv"
    report.write_text("tracking_number,delivered_at\nEB123456789VN,2026-11-27T10:15:00+07:00\nXX0000,\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("confirm_deliveries", str(report), stdout=out, stderr=err)
    assert "1 delivered, 1 refused" in out.getvalue() and "XX0000" in err.getvalue()
    d.refresh_from_db()
    assert d.status == Status.RETURNED and d.return_method == "post" and d.shipment.delivered_at is not None
    event = DossierEvent.objects.filter(dossier=d).latest("pk")
    assert event.action == "return_result" and event.actor is None and "EB123456789VN" in event.note
    # The post sends the same line again the next day: nothing changes.
    call_command("confirm_deliveries", str(report), stdout=io.StringIO(), stderr=io.StringIO())
    assert DossierEvent.objects.filter(dossier=d, action="return_result").count() == 1


def test_tracking_number_is_used_once_and_only_the_desk_sends(ready):
    w, d = ready
    with pytest.raises(DomainError) as refused:
        services.send_by_post(d, w.users["specialist_a"], tracking_number="EB1", address="x")
    assert refused.value.code in ("not_permitted", "tracking_required")
    with pytest.raises(DomainError) as refused:
        services.send_by_post(d, w.users["specialist_a"], tracking_number="EB123456789VN", address="x")
    assert refused.value.status == 403
    other = drive(w, Status.RESULT_READY)
    services.send_by_post(d, w.users["desk_s"], tracking_number="EB123456789VN", address="x")
    with pytest.raises(DomainError) as refused:
        services.send_by_post(other, w.users["desk_s"], tracking_number="EB123456789VN", address="y")
    assert refused.value.code == "tracking_used" and refused.value.status == 409
