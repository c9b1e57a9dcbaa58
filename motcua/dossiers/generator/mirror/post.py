"""services/post.py in memory: a result handed to the post, and the post's delivery report.

The plan's tracking number contains "{code}" (the dossier's code is known only when the
batch is written, see writer._fill); it is upper-cased around that placeholder, as the
service upper-cases the whole number once the code is in it (codes are upper case already).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.text import nfc

from .closing import return_result
from .common import record

CODE = "{code}"


def _upper(tracking_number: str) -> str:
    return CODE.join(part.upper() for part in nfc(tracking_number).split(CODE))


def send_by_post(sim, ctx, at, actor, *, tracking_number, address="", carrier="VNPost"):
    d = sim.d
    tracking_number = _upper(tracking_number)
    owner = next(p for p in sim.parties if p["id"] == d["owner_id"])
    address = nfc(address) or (d["form_data"] or {}).get("post_address") or owner["address"]
    carrier = nfc(carrier) or "VNPost"
    sim.shipments.append({"dossier_id": d["id"], "address": address, "carrier": carrier,
                          "tracking_number": tracking_number, "sent_at": at, "sent_by_id": actor,
                          "delivered_at": None})
    sim.templated = sim.templated or CODE in tracking_number
    d["return_method"] = "post"
    d["updated_at"] = at
    record(sim, ctx, actor, "send_by_post", d["status"], at, agency_id=d["receiving_agency_id"],
           data={"tracking_number": tracking_number, "carrier": carrier})


def confirm_delivery(sim, ctx, at, actor, *, tracking_number, delivered_at=None):
    shipment = next(s for s in sim.shipments if s["tracking_number"] == _upper(tracking_number))
    shipment["delivered_at"] = delivered_at or at
    return_result(sim, ctx, at, actor, method="post",
                  note=_("Bưu chính phát thành công, mã vận đơn %(no)s") % {"no": shipment["tracking_number"]})
