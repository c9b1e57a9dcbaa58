"""Results by post: the desk hands the result to the post; the post's delivery report hands it over."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.text import nfc

from ..models import ReturnMethod, Shipment
from .closing import return_result
from .common import check, lock, notify, record, require


@transaction.atomic
def send_by_post(dossier, actor, *, tracking_number: str, address: str = "", carrier: str = "VNPost") -> Shipment:
    tracking_number = nfc(tracking_number).upper()
    require(len(tracking_number) >= 4, "tracking_required", _("Phải nhập mã vận đơn."))
    dossier = lock(dossier)
    check(dossier, "send_by_post", actor)
    require(not Shipment.objects.filter(dossier=dossier).exists(), "already_sent",
            _("Kết quả của hồ sơ này đã được gửi qua bưu chính."), status=409)
    require(not Shipment.objects.filter(tracking_number=tracking_number).exists(), "tracking_used",
            _("Mã vận đơn %(no)s đã dùng cho hồ sơ khác.") % {"no": tracking_number}, status=409)
    address = nfc(address) or (dossier.form_data or {}).get("post_address") or dossier.owner.address
    require(bool(address), "address_required", _("Phải nhập địa chỉ nhận kết quả."))
    now = timezone.now()
    shipment = Shipment.objects.create(dossier=dossier, address=address, carrier=nfc(carrier) or "VNPost",
                                       tracking_number=tracking_number, sent_at=now, sent_by=actor)
    dossier.return_method = ReturnMethod.POST
    dossier.save(update_fields=["return_method", "updated_at"])
    record(dossier, actor, "send_by_post", dossier.status, at=now, agency=dossier.receiving_agency,
           data={"tracking_number": tracking_number, "carrier": shipment.carrier})
    notify(dossier, "sent_by_post", tracking_number=tracking_number, carrier=shipment.carrier)
    return shipment


@transaction.atomic
def confirm_delivery(tracking_number: str, *, delivered_at=None, actor=None):
    """The post's confirmation (actor None: the system). A repeated report changes nothing."""
    shipment = Shipment.objects.select_for_update().filter(tracking_number=nfc(tracking_number).upper()).first()
    require(shipment is not None, "shipment_not_found",
            _("Không tìm thấy mã vận đơn %(no)s.") % {"no": tracking_number}, status=404)
    if shipment.delivered_at is not None:
        return shipment.dossier
    shipment.delivered_at = delivered_at or timezone.now()
    shipment.save(update_fields=["delivered_at"])
    return return_result(lock(shipment.dossier.code), actor, method=ReturnMethod.POST,
                         note=_("Bưu chính phát thành công, mã vận đơn %(no)s") % {"no": shipment.tracking_number})
