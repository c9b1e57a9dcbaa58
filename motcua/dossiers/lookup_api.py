"""`GET /api/v1/dossiers/{code}/status`: the public lookup, no sign-in."""

import datetime

from ninja import Router, Schema

from motcua.core.net import client_ip

from . import lookup

router = Router(tags=["Tra cứu hồ sơ"])


class TimelineOut(Schema):
    at: datetime.datetime
    action: str
    status: int
    status_name: str
    agency: str


class StatusOut(Schema):
    code: str
    status: int
    status_name: str
    procedure: str
    competent_agency: str
    receiving_agency: str
    accepted_at: datetime.datetime | None
    due_at: datetime.datetime | None
    promised_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    overdue: bool
    timeline: list[TimelineOut] | None = None


class ErrorOut(Schema):
    code: str
    message: str


@router.get(
    "/{code}/status", auth=None, response={200: StatusOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="Tra cứu tình trạng hồ sơ (công khai)",
    description="Không có dữ liệu cá nhân. Thêm `last4` (4 số cuối điện thoại hoặc giấy tờ của chủ hồ sơ) "
    "để xem tiến trình xử lý.",
)
def dossier_status(request, code: str, last4: str | None = None):
    lookup.check_rate(client_ip(request))
    dossier = lookup.find(code)
    card = lookup.status_card(dossier)
    if last4:
        lookup.verify_owner(dossier, last4.strip())
        card["timeline"] = lookup.timeline(dossier)
    return card
